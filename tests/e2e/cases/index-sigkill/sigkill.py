#!/usr/bin/env python3
"""An `index` killed with SIGKILL mid-run leaves the archive as it was after its last
committed batch, and the next run completes.

3000 articles are made from the seeds; `index` starts in the background and is killed
with SIGKILL once ~0.5 s have passed and a batch is committed. Then: PRAGMA
integrity_check is ok, the documents stored are whole batches (200 each) each with all
its claims; a second run completes, keeps the committed documents as they were, stores
every file and each claim once; a third run rewrites nothing. Prints "ok" or the
problem. Run from the repository root with CC_BIN set (tests/e2e/run.sh does)."""
import os, signal, sqlite3, subprocess, sys, tempfile, time

BIN = os.environ["CC_BIN"]
FILES, BATCH = 3000, 200


def fail(why):
    print(why)
    sys.exit(0)  # the expected stdout is "ok": the difference shows the reason


def index(db, arts, **kw):
    return subprocess.Popen([BIN, "index", "--db", db, "--rules", "rules/egov-vn.yaml",
                             "--quiet", arts], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kw)


def query(db, sql):
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def documents(db):
    try:
        return query(db, "SELECT count(*) FROM documents")[0][0]
    except sqlite3.Error:
        return 0  # not created yet


def whole(db, when):
    ok = query(db, "PRAGMA integrity_check")
    if ok != [("ok",)]:
        fail("%s: integrity_check says %r" % (when, ok[:3]))
    bad = query(db, "SELECT d.path, d.claims, (SELECT count(*) FROM claims c "
                    "WHERE c.document_id = d.id) AS n FROM documents d WHERE d.claims <> n")
    if bad:
        fail("%s: documents without all their claims: %r" % (when, bad[:3]))


with tempfile.TemporaryDirectory() as tmp:
    arts, db = os.path.join(tmp, "articles"), os.path.join(tmp, "archive.db")
    subprocess.run([sys.executable, "tests/e2e/tools/articles.py", arts, str(FILES)], check=True)

    p = index(db, arts)
    time.sleep(0.5)
    deadline = time.time() + 40
    while p.poll() is None and documents(db) == 0 and time.time() < deadline:
        time.sleep(0.05)
    if p.poll() is not None:
        out, err = p.communicate()
        fail("index ended (exit %s) before it could be killed: %s" % (p.returncode, err[:300]))
    p.send_signal(signal.SIGKILL)
    p.wait()

    whole(db, "after SIGKILL")
    kept = query(db, "SELECT id, path, sha256, indexed_at FROM documents ORDER BY id")
    if not kept or len(kept) >= FILES:
        fail("after SIGKILL: %d documents; expected some, not all" % len(kept))
    if len(kept) % BATCH:
        fail("after SIGKILL: %d documents is not a whole number of batches" % len(kept))

    p = index(db, arts)
    out, err = p.communicate(timeout=50)
    if p.returncode != 0 or not out.strip():
        fail("second run: exit %s, stdout %r, stderr %r" % (p.returncode, out[:200], err[:300]))
    whole(db, "second run")
    paths = {r[0] for r in query(db, "SELECT path FROM documents")}
    want = {os.path.join(arts, n) for n in os.listdir(arts)}
    if paths != want:
        fail("second run: %d documents for %d files; missing %r" %
             (len(paths), len(want), sorted(want - paths)[:3]))
    dupes = query(db, "SELECT document_id, field, byte_offset, count(*) FROM claims "
                      "GROUP BY 1, 2, 3 HAVING count(*) > 1 LIMIT 3")
    if dupes:
        fail("second run: claims stored twice: %r" % dupes)
    now = {r[0]: r for r in query(db, "SELECT id, path, sha256, indexed_at FROM documents")}
    lost = [k for k in kept if now.get(k[0]) != k]
    if lost:
        fail("second run: committed documents were rewritten or lost: %r" % lost[:3])

    before = query(db, "SELECT count(*), max(id) FROM claims")
    p = index(db, arts)
    out, err = p.communicate(timeout=50)
    if p.returncode != 0 or query(db, "SELECT count(*), max(id) FROM claims") != before:
        fail("third run: exit %s; claims %r became %r" %
             (p.returncode, before, query(db, "SELECT count(*), max(id) FROM claims")))
print("ok")
