#!/bin/sh
# One command for every Anchorwatch benchmark:
#   bench/run.sh [--quick] [--skip-scan] [--only cold|steady|scan] [--wait-quiet S] [--build]
# Builds the jar if it is missing (or --build), compiles the reference bare JVM host once, then runs
# bench/bench.py, which prints a Markdown summary and writes bench/results/results-*.{json,md}.
# Full run: ~1-2 min on a 2-core machine (plus up to 2 min waiting for other load to stop);
# --quick: ~20 s (fewer runs and messages, noisier). See docs/PERFORMANCE.md.
# Environment: ANCHORWATCH_JAR=... measures another build (e.g. an older commit's jar);
# BENCH_JVM_FLAGS="..." adds JVM flags after the launcher's (experiments); BENCH_NO_INSTALL=1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out="$here/results"
build=0
for a in "$@"; do [ "$a" = "--build" ] && build=1; done
args=""
for a in "$@"; do [ "$a" != "--build" ] && args="$args $a"; done

jar="$repo/native-host/target/anchorwatch.jar"
if [ "$build" = 1 ] || [ ! -f "$jar" ]; then
  echo "building $jar ..." >&2
  (cd "$repo" && { mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests; })
fi

# Reference bare JVM host: compiled once into bench/results/ref, packed as a jar so that it can
# also be started through the real launcher (ANCHORWATCH_JAR) with exactly the launcher's flags.
ref="$out/ref"
mkdir -p "$ref/classes"
if [ ! -f "$ref/barehost.jar" ] || [ "$here/ref/BareHost.java" -nt "$ref/barehost.jar" ]; then
  javac --release 17 -d "$ref/classes" "$here/ref/BareHost.java"
  jar --create --file "$ref/barehost.jar" --main-class BareHost -C "$ref/classes" .
fi
# The floor started through the launcher: a copy of it with the bare host beside it as
# anchorwatch.jar, which it finds by itself. (Not ANCHORWATCH_JAR: as root the launcher honours no
# such variable, so the "floor" would have been our own jar.)
mkdir -p "$ref/launcher"
cp "$repo/installer/anchorwatch" "$ref/launcher/anchorwatch"
cp "$ref/barehost.jar" "$ref/launcher/anchorwatch.jar"

# Optional tools: hyperfine (scan timings; a loop otherwise), p11-kit `trust`, certutil (libnss3-tools).
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${BENCH_NO_INSTALL:-}" ]; then
  missing=""
  command -v hyperfine >/dev/null 2>&1 || missing="$missing hyperfine"
  command -v trust >/dev/null 2>&1 || missing="$missing p11-kit"
  command -v certutil >/dev/null 2>&1 || missing="$missing libnss3-tools"
  if [ -n "$missing" ]; then
    echo "installing$missing (set BENCH_NO_INSTALL=1 to skip) ..." >&2
    apt-get install -y -qq $missing >/dev/null 2>&1 || echo "could not install$missing; continuing without" >&2
  fi
fi

# shellcheck disable=SC2086
exec python3 "$here/bench.py" --bare-jar "$ref/barehost.jar" --bare-classes "$ref/classes" --out "$out" \
  --command "bench/run.sh$args" $args
