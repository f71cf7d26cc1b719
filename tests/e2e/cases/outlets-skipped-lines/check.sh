# Captions ("... chiều 26/8. Ảnh: VGP", "(Ảnh: Thống Nhất/TTXVN)") and "»" related links
# (one of them the 2018 rank 88/193) are not body text: no claim from them.
python3 tests/e2e/outlets.py skipped "$OUT/claims.jsonl" vnexpress-dung-thu-86.txt 7 13 14 15 || exit 1
python3 tests/e2e/outlets.py skipped "$OUT/claims.jsonl" vietnamplus-sai-chau-a.txt 4 || exit 1
n=$(grep -c '"path":"fixtures/outlets/vnexpress-dung-thu-86.txt"' "$OUT/claims.jsonl")
[ "$n" -gt 20 ] || { echo "only $n claims from vnexpress-dung-thu-86.txt"; exit 1; }
