#!/bin/sh
# Builds the Linux system package: a jlink'd Java runtime + the host under one root-owned prefix,
# /usr/bin/anchorwatch, the system-scope host manifests of every browser in manifests/locations.json.
#   installer/deb/build-deb.sh JAR VERSION OUT_DIR
# Run by `mvn -B -Ppackage package` (native-host/pom.xml, profile "package"); needs a JDK 17+
# (jlink, java) and dpkg-deb. Writes OUT_DIR/anchorwatch_VERSION_ARCH.deb and prints its path.
set -eu
jar=$(readlink -f "$1")
version=$2
mkdir -p "$3"
out=$(cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
arch=$(dpkg --print-architecture)
case "$arch" in
  amd64) jna_dir=linux-x86-64 ;;
  arm64) jna_dir=linux-aarch64 ;;
  *) echo "build-deb: no JNA native library mapping for $arch" >&2; exit 1 ;;
esac
prefix=usr/lib/anchorwatch
stage="$out/deb-staging"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/$prefix/lib" "$stage/usr/bin" "$stage/usr/share/doc/anchorwatch"

# Runtime modules, checked with `jdeps --print-module-deps` on the shaded jar (module-info removed):
# java.base; java.logging (JNA logs through java.util.logging); java.naming and java.sql (Bouncy
# Castle's LDAP/X.509 helpers and Jackson's java.sql date types name them); jdk.crypto.ec (the EC
# provider the TLS probe needs, found through ServiceLoader so jdeps cannot see it). Left out on
# purpose: java.desktop, named only by JNA's AWT/Swing helpers and Jackson's optional java.beans
# annotations, none of which the host calls (a scan of a real NSS database through JNA runs
# without it). --generate-cds-archive gives the runtime its base class-data archive, which the
# launcher's application archive (built by postinst) is layered on. No --compress: classes that
# are not in the archive (a host reading NSS through JNA loads ~480) are then read straight from
# the mapped `modules` file instead of decompressed; resident memory of such a host 48.6 -> 44.6
# MB, for 16 MB more on disk (docs/PERFORMANCE.md, round 4).
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.naming,java.sql,jdk.crypto.ec \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive \
  --output "$stage/$prefix/runtime" >/dev/null
# Only for heaps over 32 GB; the host runs with far less.
rm -f "$stage/$prefix/runtime/lib/server/classes_nocoops.jsa"
# The JDK's native files carry symbols (lintian: unstripped-binary-or-object).
find "$stage/$prefix/runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jexec -o -name jspawnhelper \) \
  -exec strip --strip-unneeded {} +

cp "$jar" "$stage/$prefix/anchorwatch.jar"
# JNA's native part, unpacked here once: the packaged launcher passes jna.boot.library.path and
# jna.nounpack, so no run (root or not) extracts and loads a library from a writable temp folder.
(cd "$stage/$prefix/lib" && "$jdk/bin/jar" xf "$jar" "com/sun/jna/$jna_dir/libjnidispatch.so" \
  && mv "com/sun/jna/$jna_dir/libjnidispatch.so" . && rm -rf com && strip --strip-unneeded libjnidispatch.so)
# The packaged launcher: same file, with the switch that makes it ignore environment overrides.
sed 's/^packaged=0$/packaged=1/' "$repo/installer/anchorwatch" > "$stage/$prefix/anchorwatch"
chmod 0755 "$stage/$prefix/anchorwatch"
grep -q '^packaged=1$' "$stage/$prefix/anchorwatch" || { echo "build-deb: launcher has no packaged=0 line" >&2; exit 1; }
ln -s ../lib/anchorwatch/anchorwatch "$stage/usr/bin/anchorwatch"

"$jdk/bin/java" -cp "$jar" org.anchorwatch.install.SystemManifests "$stage" "/$prefix/anchorwatch" \
  | grep '^/etc/' > "$stage/DEBIAN/conffiles" || true

cp "$here/copyright" "$stage/usr/share/doc/anchorwatch/copyright"
printf 'anchorwatch (%s) unstable; urgency=medium\n\n  * Package built from the source tree.\n\n -- Anchorwatch <packaging@anchorwatch.org>  %s\n' \
  "$version" "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}")" \
  | gzip -9n > "$stage/usr/share/doc/anchorwatch/changelog.gz"
for s in postinst prerm postrm; do install -m 0755 "$here/$s" "$stage/DEBIAN/$s"; done

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" "$here/control" > "$stage/DEBIAN/control"

# Nothing writable by anyone but root; dpkg-deb --root-owner-group makes every file root:root.
chmod -R u+rwX,go+rX,go-w "$stage"
deb="$out/anchorwatch_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
