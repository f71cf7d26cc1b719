# Seeds + zingnews-gach-dau-dong-sai-tai-khoan.txt: the seeds' three conflicts plus its planted errors (fixtures/outlets/EXPECTED.md).
python3 tests/e2e/outlets.py planted "$OUT/report.json" zingnews-gach-dau-dong-sai-tai-khoan.txt
