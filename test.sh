#!/usr/bin/env bash
# Runs every test of the project: the README's test command, and what .ci/run calls.
#   1. installs missing test dependencies (certutil, Chromium, Firefox ESR) on Debian
#   2. builds the host and runs its unit tests, then the process-level tests against the built jar
#   3. runs the extension's unit tests, web-ext lint and the real-browser end-to-end tests
set -euo pipefail
cd "$(dirname "$0")"
# As root the launcher runs only code that root alone controls (README, "Who may write what"), and
# the browser tests start the host through it as root. A checkout below a directory that others
# may write (no sticky bit) cannot be run that way: run the tests from a private copy instead.
if [ "$(id -u)" = 0 ] && [ -z "${ANCHORWATCH_TEST_COPY:-}" ]; then
  d=$(pwd -P)
  while :; do
    read -r uid mode <<<"$(stat -c '%u %a' "$d")"
    if [ "$uid" != 0 ] || { (( 8#$mode & 022 )) && ! (( 8#$mode & 01000 )); }; then
      copy=$(mktemp -d)
      echo "test.sh: $d can be written by users other than root; running the tests from a copy in $copy" >&2
      cp -a . "$copy/"
      ANCHORWATCH_TEST_COPY=1 exec "$copy/test.sh"
    fi
    [ "$d" = / ] && break
    d=$(dirname "$d")
  done
fi
scripts/ensure-test-deps.sh
# -Ppackage: also builds the .deb (jlink runtime) and runs DebPackageIT, which installs and purges it
# for real when root; before the browser E2E below, so no browser sees its system manifests.
mvn -B -Ppackage verify
# 3. the extension: unit tests and web-ext lint, then real Chromium and Firefox ESR against the
#    jar built above (extension/README.md)
(cd extension && npm ci --no-audit --no-fund && npm test && npm run test:e2e)
