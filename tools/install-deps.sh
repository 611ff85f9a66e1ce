#!/usr/bin/env bash
# Install the Debian packages every test stage needs (listed in
# tools/apt-packages.txt).  As root: apt-get.  Otherwise: report what is
# missing and fail (a missing tool is a failure, never a skip).
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
mapfile -t pkgs < <(grep -vE '^\s*(#|$)' "$SRC/tools/apt-packages.txt" | awk '{print $1}')
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null && exit 0
  echo "apt-get failed for: ${missing[*]}" >&2
  exit 1
fi
echo "missing packages (run as root, or: sudo apt-get install ${missing[*]})" >&2
exit 1
