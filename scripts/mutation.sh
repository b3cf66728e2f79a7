#!/bin/sh
# PIT mutation testing of one package's unit tests, with the machine's system folders out of reach.
#   scripts/mutation.sh 'org.anchorwatch.install.*' [more mvn arguments]
# Report: native-host/target/pit-reports/index.html (and mutations.xml). docs/TESTING.md.
#
# Why the sandbox: the tests run as root on the project's machines and CI, and a mutant that drops a
# `--root`/`--home` prefix makes a test write where the real program would. On 2026-11-27 mutants
# of `install` did exactly that: host manifests in the real /etc/opt/chrome, /etc/chromium,
# /usr/lib/mozilla and a record in /var/lib/anchorwatch (found and removed by hand). So, as root,
# PIT runs in a private mount namespace where /etc, /usr, /var, /opt and /srv are read-only and the
# home folder is an empty tmpfs (only ~/.m2, Maven's repository and settings, is bound back in): a mutant that escapes its temp folder
# fails with EROFS or writes into memory that vanishes. Nothing here can change the real machine
# except /tmp and the checkout. Without root there is nothing to protect these folders from.
set -eu
if [ "$#" -lt 1 ]; then
  echo "usage: scripts/mutation.sh 'org.anchorwatch.PACKAGE.*' [mvn arguments]" >&2
  exit 2
fi
classes=$1
shift
repo=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$repo"

# The Maven command itself; kept in one place for both branches below.
pit() {
  mvn -B -Pmutation -pl native-host test-compile \
    org.pitest:pitest-maven:mutationCoverage -Dmutation.classes="$classes" -Danchorwatch.cds.skip=true "$@"
}

if [ "$(id -u)" != 0 ] || [ "${ANCHORWATCH_MUTATION_SANDBOXED:-}" = 1 ]; then
  pit "$@"
  exit $?
fi
if ! command -v unshare >/dev/null 2>&1; then
  echo "mutation.sh: running as root needs unshare (util-linux) to keep mutants away from the system folders" >&2
  exit 1
fi
case "$repo/" in
  "$HOME"/*) hidehome=0 ;; # the checkout lives in the home folder: it must stay visible
  *) hidehome=1 ;;
esac

# shellcheck disable=SC2016
exec unshare --mount --propagation private sh -eu -c '
  m2=$HOME/.m2 hidehome=$2
  shift 2
  for d in /etc /usr /var /opt /srv; do
    [ -d "$d" ] || continue
    mount --bind "$d" "$d"
    mount -o remount,bind,ro "$d"
  done
  if [ "$hidehome" = 1 ]; then
    keep=$(mktemp -d)
    mkdir -p "$m2"
    mount --bind "$m2" "$keep"
    mount -t tmpfs -o mode=0700 tmpfs "$HOME"
    mkdir -p "$m2"
    mount --bind "$keep" "$m2"
  fi
  ANCHORWATCH_MUTATION_SANDBOXED=1 exec "$0" "$@"
' "$repo/scripts/mutation.sh" - "$hidehome" "$classes" "$@"
