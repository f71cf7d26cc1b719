#!/usr/bin/env python3
"""Runs crosscheck on a generated large file and checks time and memory stay bounded.

usage: bigfile.py BIN KIND OUTDIR   (KIND: many-lines = 100 MB of short lines,
                                     one-line = a single 10 MB line)
Prints the claims count, and fails when the peak memory of the run exceeds the bound."""
import os, resource, subprocess, sys, time

bin_, kind, out = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
path = os.path.join(out, kind + ".txt")
para = ("Cổng Dịch vụ công quốc gia đạt trên 60 triệu lượt truy cập, trên 235 nghìn tài khoản đăng ký. "
        "Hội nghị bàn về chuyển đổi số và phát triển chính phủ số trong thời gian tới, với nhiều ý kiến. ")
filler = "Nội dung bài viết không có con số nào cả, chỉ là lời văn bình thường về chính sách. "
with open(path, "w", encoding="utf-8") as f:
    if kind == "many-lines":
        block = (filler * 6 + "\n") * 40 + para + "\n"
        for _ in range(100 * 1024 * 1024 // len(block.encode())):
            f.write(block)
    else:
        block = filler * 40 + para
        f.write(block * (10 * 1024 * 1024 // len(block.encode())) + "\n")
size = os.path.getsize(path)
t0 = time.time()
p = subprocess.run([bin_, "check", "--rules", "rules/egov-vn.yaml", "--format", "json", path],
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
elapsed = time.time() - t0
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
os.remove(path)
import json
r = json.loads(p.stdout)
# ASan's shadow memory and quarantine add a fixed overhead; the bound is far below the file
# size for the 100 MB case, which is what "bounded" means here.
bound = 400 if kind == "many-lines" else 250
print("%s: %.0f MB in %.1f s, peak %.0f MB, %d claims, exit %d" %
      (kind, size / 1e6, elapsed, peak_mb, r["summary"]["claims"], p.returncode), file=sys.stderr)
if p.returncode not in (0, 1) or peak_mb > bound or r["summary"]["claims"] == 0:
    print(p.stderr.decode()[-2000:])
    sys.exit(1)
