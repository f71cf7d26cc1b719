grep -q "crosscheck: cannot write '.*/nodir/report.txt': No such file or directory" "$OUT/stderr" || { cat "$OUT/stderr"; exit 1; }
[ ! -e "$OUT/nodir" ]
