# Seeds + baodientu-bang-so-lieu-sai-2019.txt: the seeds' three conflicts plus its planted errors (fixtures/outlets/EXPECTED.md).
python3 tests/e2e/outlets.py planted "$OUT/report.json" baodientu-bang-so-lieu-sai-2019.txt
