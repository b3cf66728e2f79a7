#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, and nothing when it is already there:
# certutil (libnss3-tools) to build real NSS databases, p11-kit's trust tool, and the browsers for end-to-end tests.
# CI runs as root; elsewhere this prints the apt command to run instead of failing silently.
set -euo pipefail
need=()
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
# the privilege-boundary tests run the user half as nobody (setpriv, util-linux) and build a
# setuid pkexec stand-in with the C compiler
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
# the differential test (ScanDifferentialIT) asks p11-kit's own `trust list` what it treats as anchors
command -v trust >/dev/null 2>&1 || need+=(p11-kit)
[ -e /usr/share/p11-kit/modules/p11-kit-trust.module ] || need+=(p11-kit-modules)
# the .deb build (installer/deb/build-deb.sh) strips the bundled runtime's native files
command -v strip >/dev/null 2>&1 || need+=(binutils)
# the probe reads the desktop's proxy setting the way Chromium does: real gsettings and its schema
command -v gsettings >/dev/null 2>&1 || need+=(libglib2.0-bin)
[ -e /usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml ] || need+=(gsettings-desktop-schemas)
# ScanCommandTest copies a shipped root of the sunset tier (read only) into a temp Debian layout
[ -f /usr/share/ca-certificates/mozilla/Entrust_Root_Certification_Authority_-_G2.crt ] || need+=(ca-certificates)
if [ "${ANCHORWATCH_SKIP_BROWSERS:-0}" != 1 ]; then
  [ -x /usr/lib/chromium/chromium ] || need+=(chromium)
  [ -x /usr/lib/firefox-esr/firefox-esr ] || need+=(firefox-esr)
  # the Russian and Kazakh Firefox UIs the extension's E2E reads its popup in
  for l in ru kk; do
    [ -f /usr/lib/firefox-esr/browser/extensions/langpack-$l@firefox-esr.mozilla.org.xpi ] || need+=(firefox-esr-l10n-$l)
  done
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
