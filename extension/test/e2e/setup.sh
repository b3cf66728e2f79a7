#!/bin/sh
# Installs what the real-browser tests need, only when it is missing (idempotent).
# Debian packages: chromium, firefox-esr, libnss3-tools (certutil). No browser downloads.
set -eu
missing=""
[ -x /usr/lib/chromium/chromium ] || missing="$missing chromium"
[ -x /usr/lib/firefox-esr/firefox-esr ] || missing="$missing firefox-esr"
command -v certutil >/dev/null 2>&1 || missing="$missing libnss3-tools"
for l in ru kk; do
  [ -f /usr/lib/firefox-esr/browser/extensions/langpack-$l@firefox-esr.mozilla.org.xpi ] || missing="$missing firefox-esr-l10n-$l"
done
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "e2e setup: missing Debian packages:$missing (run as root, or install them)" >&2
  exit 1
fi
echo "e2e setup: installing$missing" >&2
apt-get update -o DPkg::Lock::Timeout=300 >&2
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 $missing >&2
