# Seeds + genk-egdi-osi-sai-asean.txt: the seeds' three conflicts plus its planted errors (fixtures/outlets/EXPECTED.md).
python3 tests/e2e/outlets.py planted "$OUT/report.json" genk-egdi-osi-sai-asean.txt
