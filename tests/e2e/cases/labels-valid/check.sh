# The labelled same-story set (tests/labels/): every quote found once in its corpus article,
# every figure inside its quote, verdicts valid. Prints "SKIP: ..." without ../shared.
python3 tests/labels/check_labels.py
