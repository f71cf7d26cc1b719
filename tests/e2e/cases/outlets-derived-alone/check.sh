# The planted NGSP total (khoảng 3,4 triệu over 578 days, khoảng hơn 7,6 nghìn a day) checked
# alone: the derived daily average fails (a warning, so exit 0).
python3 tests/e2e/outlets.py alone "$OUT/report.json" ictnews-sai-chi-so.txt ngsp-daily-average
