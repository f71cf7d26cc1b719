# Seeds + ictnews-sai-chi-so.txt: the seeds' three conflicts plus its planted errors (fixtures/outlets/EXPECTED.md).
python3 tests/e2e/outlets.py planted "$OUT/report.json" ictnews-sai-chi-so.txt
