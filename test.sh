#!/usr/bin/env bash
# Runs every test of the project: the README's test command, and what .ci/run calls.
#   1. installs missing test dependencies (certutil, Chromium, Firefox ESR) on Debian
#   2. builds the host and runs its unit tests, then the process-level tests against the built jar
#   3. runs the extension's unit tests, web-ext lint and the real-browser end-to-end tests
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-test-deps.sh
# -Ppackage: also builds the .deb (jlink runtime) and runs DebPackageIT, which installs and purges it
# for real when root; before the browser E2E below, so no browser sees its system manifests.
mvn -B -Ppackage verify
# 3. the extension: unit tests and web-ext lint, then real Chromium and Firefox ESR against the
#    jar built above (extension/README.md)
(cd extension && npm ci --no-audit --no-fund && npm test && npm run test:e2e)
