#!/bin/sh
# Windows and macOS installers with jpackage (JDK 17+), one configuration for both; run on the
# target OS (jpackage builds only for the OS it runs on):
#   installer/jpackage/jpackage.sh TYPE JAR VERSION OUT_DIR
#   Windows: TYPE=msi      (needs WiX 3 on PATH)        → OUT_DIR/Anchorwatch-VERSION.msi
#   macOS:   TYPE=pkg                                    → OUT_DIR/Anchorwatch-VERSION.pkg
#   any OS:  TYPE=app-image (what can be built on Linux) → OUT_DIR/Anchorwatch/
# Same runtime modules as the .deb (installer/deb/build-deb.sh says why each). Registration is a
# second step the installer cannot do by itself (jpackage has no custom actions):
#   Windows, as administrator: "C:\Program Files\Anchorwatch\anchorwatch-cli.exe" install --system
#     (HKLM keys → C:\Program Files\Anchorwatch\manifests\*.json → Anchorwatch.exe)
#   macOS, per user: /Applications/Anchorwatch.app/Contents/MacOS/Anchorwatch install --user
# The main launcher (Anchorwatch / Anchorwatch.exe) is what manifests name: on Windows it is built
# without --win-console, so a browser starting it opens no console window; the anchorwatch-cli
# launcher has a console for people.
set -eu
type=$1
jar=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
version=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
input="$out/jpackage-input"
rm -rf "$input" "$out/Anchorwatch"
mkdir -p "$input"
cp "$jar" "$input/anchorwatch.jar"
printf 'win-console=true\n' > "$out/anchorwatch-cli.properties"
# The launcher's own list (installer/anchorwatch, vmflags; JpackageConfigTest keeps them equal).
# jpackage launchers cannot set MALLOC_ARENA_MAX or pick a class-data archive per face.
flags="-XX:+UseSerialGC -Xms4m -Xmx256m -Xmn2m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=15 \
 -XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 \
 -XX:Tier3CompileThreshold=20000 -XX:Tier3BackEdgeThreshold=600000 -XX:-UsePerfData \
 -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=10000 -Xlog:disable -Xlog:all=warning:stderr"
set -- --type "$type" --name Anchorwatch --app-version "$version" --vendor Anchorwatch \
  --description "Finds interception root certificates in every trust store" \
  --input "$input" --main-jar anchorwatch.jar --main-class org.anchorwatch.Main \
  --add-modules java.base,java.logging,java.naming,java.sql,jdk.crypto.ec \
  --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --java-options "$flags" --dest "$out"
case "$type" in
  msi) set -- "$@" --license-file "$repo/LICENSE" --win-dir-chooser \
         --add-launcher anchorwatch-cli="$out/anchorwatch-cli.properties" ;;
  pkg) set -- "$@" --license-file "$repo/LICENSE" --mac-package-identifier org.anchorwatch.host ;;
  app-image) ;;
  *) echo "jpackage.sh: TYPE is msi, pkg or app-image" >&2; exit 2 ;;
esac
"$jdk/bin/jpackage" "$@"
ls -d "$out"/Anchorwatch*
