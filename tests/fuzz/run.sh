#!/bin/sh
# Builds each tests/fuzz/fuzz_*.c as a libFuzzer harness (clang, ASan+UBSan) against the
# sources in src/ and runs it for FUZZ_SECONDS (default 30) on a fresh corpus seeded from
# tests/fuzz/seeds/<name>/ (text seeds), tests/fuzz/seeds.py (byte seeds, written at fuzz
# time so that no binary is committed) and, for the archive harness, an archive indexed now.
# Not part of `make check` (it needs clang and time); `make fuzz` runs it.
set -e
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-30}
out=build-fuzz
mkdir -p "$out"
# the pkg-config modules of the one package list, as the Makefile reads them
PKGS=$(awk '!/^#/ && NF == 3 && $3 == "build" && $2 != "-" { print $2 }' scripts/packages.txt)
srcs=$(ls src/*.c | grep -v 'src/main.c')
for h in tests/fuzz/fuzz_*.c; do
  [ -f "$h" ] || continue
  name=$(basename "$h" .c)
  clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -DCC_VERSION='"fuzz"' -DCC_DATADIR='"."' \
    $(pkg-config --cflags $PKGS) -Isrc -o "$out/$name" "$h" $srcs $(pkg-config --libs $PKGS) -lm
  corpus="$out/corpus-$name"; mkdir -p "$corpus"
  [ -d "tests/fuzz/seeds/$name" ] && cp tests/fuzz/seeds/$name/* "$corpus/" 2>/dev/null || true
  # Seeds that are bytes rather than text (UTF-16, NUL, invalid UTF-8) are written now.
  python3 tests/fuzz/seeds.py "$name" "$corpus"
  # The archive harness starts from a real archive, made now rather than committed.
  if [ "$name" = fuzz_store ] && [ ! -e "$corpus/archive.db" ]; then
    make -s all && build/crosscheck index --quiet --db "$corpus/archive.db" \
      --rules rules/egov-vn.yaml fixtures/seeds >/dev/null
    # and one in open mode: open claims, terms and stories
    build/crosscheck index --quiet --db "$corpus/archive-open.db" --date 2005-03-12 \
      fixtures/open >/dev/null
  fi
  echo "fuzzing $name for ${secs}s"
  "$out/$name" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 "$corpus"
done
