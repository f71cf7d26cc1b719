# Seeds + laodong-sai-ngay-hop.txt: the seeds' three conflicts plus its planted errors (fixtures/outlets/EXPECTED.md).
python3 tests/e2e/outlets.py planted "$OUT/report.json" laodong-sai-ngay-hop.txt
