# The infographic's NGSP lines (khoảng 4,4 triệu from 1/1/2019 to 31/7/2019, khoảng hơn 7,6
# nghìn a day) checked alone: the derived daily average fails on its own figures (a warning).
python3 tests/e2e/outlets.py alone "$OUT/report.json" baodientu-bang-so-lieu-sai-2019.txt ngsp-daily-average
