#!/bin/sh
# The read-only archive of issue 9 (see cmd). Run by cmd as `sh run.sh BIN`; prints the
# results, or "SKIP: why" when this user cannot make a folder read-only for itself (root
# without setpriv(1)). As root the commands run as nobody, in a folder nobody can enter.
bin=$1
as=""
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || { echo "SKIP: running as root without setpriv(1)"; exit 0; }
  as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
dir=$(mktemp -d) || exit 3
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
cp -r fixtures/open "$dir/corpus" && mkdir "$dir/db" && chmod -R a+rwX "$dir" || exit 3
cd "$dir" || exit 3
run() { $as "$bin" "$@"; }
run index --quiet --db db/a.db corpus >/dev/null || { echo "index failed"; exit 1; }
chmod a-w db                                   # a read-only folder (or media)
run check --db db/a.db corpus/ravine-a.txt >/dev/null
echo "check --db in a read-only folder: exit $?"
run audit --db db/a.db > audit.txt
echo "audit in a read-only folder: exit $?, $(tail -n 1 audit.txt)"
echo "files beside the archive: $(ls db | tr '\n' ' ')"
chmod a+w db && chmod a-w db/a.db              # a read-only archive in a writable folder
run audit --db db/a.db >/dev/null
echo "audit of a read-only archive: exit $?; left beside it: $(ls -l db | awk 'NR > 1 { print $1, $NF }' | tr '\n' ' ')"
chmod u+w db/a.db                              # writable again: the -shm left must not matter
run index --quiet --db db/a.db corpus >/dev/null
echo "index after chmod u+w: exit $?"
