#!/bin/sh
# Installs the Debian packages crosscheck needs (scripts/packages.txt), if any is missing.
#   install-deps.sh        what building and `make check` need
#   install-deps.sh --ci   also the tools whose tests otherwise skip (what CI installs)
set -e
here=$(dirname "$0")
want="build test"
[ "${1:-}" = "--ci" ] && want="build test ci"
PKGS=$(awk -v want=" $want " '!/^#/ && NF == 3 && index(want, " " $3 " ") { print $1 }' "$here/packages.txt")
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
