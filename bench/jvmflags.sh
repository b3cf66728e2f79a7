#!/bin/sh
# Development aid for "measure both and pick": a stand-in java for ANCHORWATCH_JAVA that adds
# $BENCH_JVM_FLAGS right before -jar, i.e. after (and so overriding) the launcher's own flags.
#   BENCH_JVM_FLAGS="-XX:TieredStopAtLevel=4" bench/run.sh --only steady
java="${BENCH_REAL_JAVA:-java}"
n=$#
i=0
while [ "$i" -lt "$n" ]; do
  a=$1
  shift
  if [ "$a" = "-jar" ]; then
    # shellcheck disable=SC2086
    set -- "$@" $BENCH_JVM_FLAGS
  fi
  set -- "$@" "$a"
  i=$((i + 1))
done
exec "$java" "$@"
