# Seeds + vov-ban-tin-so-bang-chu-sai-ha-noi.txt: the seeds' three conflicts plus its planted errors (fixtures/outlets/EXPECTED.md).
python3 tests/e2e/outlets.py planted "$OUT/report.json" vov-ban-tin-so-bang-chu-sai-ha-noi.txt
