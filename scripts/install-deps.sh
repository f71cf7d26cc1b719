#!/bin/sh
# Installs the Debian packages crosscheck needs to build and test, if any is missing.
set -e
PKGS="build-essential pkg-config libpcre2-dev libutf8proc-dev libyaml-dev libsqlite3-dev check python3 python3-jsonschema"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
