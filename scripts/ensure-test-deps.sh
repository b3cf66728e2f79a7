#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, and nothing when it is already there:
# certutil (libnss3-tools) to build real NSS databases, and the browsers for end-to-end tests.
# CI runs as root; elsewhere this prints the apt command to run instead of failing silently.
set -euo pipefail
need=()
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
# the .deb build (installer/deb/build-deb.sh) strips the bundled runtime's native files
command -v strip >/dev/null 2>&1 || need+=(binutils)
if [ "${ANCHORWATCH_SKIP_BROWSERS:-0}" != 1 ]; then
  [ -x /usr/lib/chromium/chromium ] || need+=(chromium)
  [ -x /usr/lib/firefox-esr/firefox-esr ] || need+=(firefox-esr)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "tests need Debian packages: ${need[*]}; run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing test dependencies: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q -o DPkg::Lock::Timeout=300 "${need[@]}" >/dev/null
