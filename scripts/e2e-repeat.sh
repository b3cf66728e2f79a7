#!/bin/sh
# The real-browser suite N times in a row (default 10): the determinism check of issue 12.
#   scripts/e2e-repeat.sh [N]
# Needs what ./test.sh needs (it runs scripts/ensure-test-deps.sh) and builds the host jar once.
# Prints one line per run (number, result, seconds, tests passed/failed/skipped) and a summary;
# stops at the first failing run (its full output stays in $TMPDIR/anchorwatch-e2e-repeat/run-K.log)
# and exits 1. A skipped test counts against the run: a suite that skips itself proves nothing.
set -eu
n=${1:-10}
repo=$(cd "$(dirname "$0")/.." && pwd -P)
logs=${TMPDIR:-/tmp}/anchorwatch-e2e-repeat
mkdir -p "$logs"
cd "$repo"
scripts/ensure-test-deps.sh >/dev/null
[ -f native-host/target/anchorwatch.jar ] || mvn -B -q package -DskipTests
cd extension
[ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
total=0
i=1
while [ "$i" -le "$n" ]; do
  start=$(date +%s)
  if npm run test:e2e >"$logs/run-$i.log" 2>&1; then rc=0; else rc=$?; fi
  secs=$(( $(date +%s) - start ))
  total=$((total + secs))
  pass=$(sed -n 's/^# pass //p' "$logs/run-$i.log" | tail -1)
  fail=$(sed -n 's/^# fail //p' "$logs/run-$i.log" | tail -1)
  skip=$(sed -n 's/^# skipped //p' "$logs/run-$i.log" | tail -1)
  echo "run $i/$n: $([ "$rc" = 0 ] && echo ok || echo FAILED) ${secs}s pass=${pass:-?} fail=${fail:-?} skipped=${skip:-?}"
  if [ "$rc" != 0 ] || [ "${skip:-0}" != 0 ]; then
    echo "stopped: see $logs/run-$i.log" >&2
    exit 1
  fi
  i=$((i + 1))
done
echo "all $n runs passed, ${total}s in all"
