#!/bin/sh
# Regenerates native-host/src/test/resources/fixtures/windows from a REAL crypt32 (Wine's).
# Needs: wine (wine64), gcc-mingw-w64-x86-64, openssl. The test suite only reads the committed
# output and needs none of these. Everything happens in a throw-away WINEPREFIX.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../resources" && pwd)/fixtures/windows
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

x86_64-w64-mingw32-gcc -O1 -municode -Wall -o "$work/wincerts.exe" "$here/wincerts.c" -lcrypt32 2>/dev/null \
  || x86_64-w64-mingw32-gcc -O1 -Wall -o "$work/wincerts.exe" "$here/wincerts.c" -lcrypt32

x86_64-w64-mingw32-gcc -Wall -o "$work/constants.exe" "$here/constants.c"

# Look-alike roots (same subject shapes as the real ones, fresh keys): never the real certificates.
mkroot() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/$1.key" -days 3650 -sha256 \
    -subj "$2" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -outform DER -out "$out/$1.der" 2>/dev/null
}
mkroot kz-isca "/C=KZ/CN=Information Security Certification Authority"
mkroot edellroot "/CN=eDellRoot"
mkroot superfish "/C=US/ST=CA/L=SF/O=Superfish, Inc./CN=Superfish, Inc."

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wineboot -i >/dev/null 2>&1 || true
wine "$work/wincerts.exe" "$(winepath -w "$out" 2>/dev/null)" \
  cu ROOT "$(winepath -w "$out/kz-isca.der")" "Anchorwatch test ISCA" "$(winepath -w "$out/kz-isca-cu-root")" \
  lm ROOT "$(winepath -w "$out/edellroot.der")" "eDellRoot" "$(winepath -w "$out/edellroot-lm-root")" \
  lm Disallowed "$(winepath -w "$out/superfish.der")" "Superfish, Inc." "$(winepath -w "$out/superfish-lm-disallowed")"
wine "$work/constants.exe" | tr -d '\r' > "$out/constants.txt"
wineserver -w || true
( cd "$out" && sha256sum *.der > sha256.txt )
echo "fixtures written to $out"
