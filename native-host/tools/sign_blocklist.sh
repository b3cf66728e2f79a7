#!/bin/sh
# For maintainers: research TSV -> blocklist JSON (bundled schema) -> signed, sequenced update.
#   sign_blocklist.sh SOURCES.tsv NOTES.md SEQUENCE OUT.signed KEYID=PRIVATE.pem [KEYID=PRIVATE.pem ...]
# Private keys are Ed25519 PKCS#8 PEM files (openssl genpkey -algorithm ed25519) kept off the
# repository; KEYID must be one of the ids compiled into TrustedKeys. Optional environment:
#   CATALOG=FILE   a JSON catalog carried in the document as "catalog"
#   VALID_DAYS=N   days until the update expires (default 90)
#   JAR=PATH       the built anchorwatch.jar (default: ../target/anchorwatch.jar)
# SEQUENCE must be higher than every list released before, bundled lists included.
set -eu
[ $# -ge 5 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tsv=$1 notes=$2 seq=$3 out=$4
shift 4
jar=${JAR:-$here/../target/anchorwatch.jar}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 "$here/blocklist_from_tsv.py" "$tsv" "$notes" > "$tmp"
set -- "$@"
args=""
for k in "$@"; do args="$args --key $k"; done
# shellcheck disable=SC2086 # one word per --key pair
java -jar "$jar" blocklist sign "$tmp" "$out" --sequence "$seq" --valid-days "${VALID_DAYS:-90}" \
  ${CATALOG:+--catalog "$CATALOG"} $args
