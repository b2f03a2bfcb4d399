#!/usr/bin/env bash
# Builds the installers with the JDK's jpackage. Run through Maven, which first builds the jar, copies
# the libraries to target/libs and the filtered argument files to target/packaging:
#
#   ./mvnw -Pdist package                  # Linux: app image, .deb and .rpm in target/dist
#   ./mvnw -Pdist package -Ddist.types=deb # only some of: app-image deb rpm (Linux), msi (Windows), dmg (macOS)
#
# JavaFX's Maven jars are turned into jmods first, so that jlink puts its native libraries inside the
# runtime: nothing is extracted to ~/.openjfx at first start, and jpackage sees the libraries when it
# computes the .deb/.rpm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
JH=${JAVA_HOME:?JAVA_HOME must point at a JDK 25 with jpackage}
types=${1:-all}
VERSION=$(sed -n 's/^--app-version //p' target/packaging/common.args)
case "$(uname -s)" in
  Linux) os=linux; fxclass=linux
    if [[ $types == all ]]; then
      # build what this machine can: jpackage needs dpkg-deb + fakeroot for a .deb and rpmbuild for an .rpm
      types="app-image"
      if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then types+=" deb"
      else echo "Skipping the .deb: dpkg-deb and fakeroot are missing (apt install dpkg-dev fakeroot)." >&2; fi
      if command -v rpmbuild >/dev/null; then types+=" rpm"
      else echo "Skipping the .rpm: rpmbuild is missing (apt install rpm, or dnf install rpm-build)." >&2; fi
    fi ;;
  Darwin) os=macos; fxclass=$([[ $(uname -m) == arm64 ]] && echo mac-aarch64 || echo mac); [[ $types == all ]] && types="dmg" ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; fxclass=win; [[ $types == all ]] && types="msi" ;;
  *) echo "unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
W=target/jp
rm -rf "$W" target/dist && mkdir -p "$W/input" "$W/jmods" "$W/work" target/dist

# 1) the application jar and the libraries that are not JavaFX go on the class path
cp "target/modelkeeper-$VERSION.jar" "$W/input/"
find target/libs -name '*.jar' ! -name 'javafx-*' -exec cp {} "$W/input/" \;
if [[ $os == linux ]]; then
  cp packaging/linux/system-integration.sh "$W/input/"
  cp target/packaging/linux/dev.modelkeeper.ModelKeeper.metainfo.xml "$W/input/"
fi

# 2) JavaFX jars (platform classifier) -> jmods with their native libraries
for j in target/libs/javafx-*-"$fxclass".jar; do
  m=$("$JH/bin/jar" --describe-module --file "$j" | head -1 | cut -d@ -f1)
  d="$W/work/$m"; mkdir -p "$d/classes" "$d/lib"
  (cd "$d/classes" && "$JH/bin/jar" xf "$OLDPWD/$j")
  find "$d/classes" -maxdepth 1 \( -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) -exec mv {} "$d/lib/" \;
  rm -f "$d/classes/META-INF/MANIFEST.MF"
  libs=(); [ -n "$(ls -A "$d/lib")" ] && libs=(--libs "$d/lib")
  fxver=$(basename "$j" | sed -E "s/javafx-[a-z]+-(.*)-$fxclass\.jar/\1/")
  "$JH/bin/jmod" create --class-path "$d/classes" "${libs[@]}" --module-version "$fxver" "$W/jmods/$m.jmod"
done

# 3) the runtime: only the modules the app uses (jdeps over our jar and the libraries), English and
#    Chinese locale data, and the JDK's own class-data-sharing archive for faster starts. Linked once and
#    given to every jpackage run: two jlink runs do not give the same `lib/modules` byte for byte, and the
#    AOT configurations recorded below are only valid with the very runtime they were recorded on.
"$JH/bin/jlink" --module-path "$W/jmods" --output "$W/runtime" \
  --add-modules javafx.controls,java.logging,java.management,java.sql,jdk.unsupported,jdk.localedata,jdk.crypto.ec,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --include-locales=en,zh --generate-cds-archive
IMAGE=(--input "$W/input" --runtime-image "$W/runtime"
  @target/packaging/common.args @target/packaging/app.args @target/packaging/$os/image.args)

if [[ $os == linux ]]; then
  # 4) the AOT configurations for the start-up caches (JDK 25, JEP 483/514/515): training runs of a first
  #    app image, one of the command line and, where a display (or Xvfb) is available, one of the window.
  #    The caches themselves are made at install time (postinst, AOTMode=create), because a cache must
  #    name the installed jars and the installing machine's JVM ergonomics. The JVM also checks each jar's
  #    modification time, which jpackage and dpkg do not keep, so both here and at install the jars are
  #    given the same fixed one (AOT_STAMP, equal in system-integration.sh).
  "$JH/bin/jpackage" --type app-image "${IMAGE[@]}" --dest "$W/train" 2> >(grep -v 'No JDK Modules found' >&2)
  app=$(cd "$(ls -d "$W"/train/*/ | head -1)" && pwd)   # absolute: the recording keeps the class path
  AOT_STAMP=946684800
  touch -d "@$AOT_STAMP" "$app"/lib/app/*.jar
  fixture=$W/fixture/hub/models--org--demo
  mkdir -p "$fixture/blobs" "$fixture/refs" "$fixture/snapshots/0123456789abcdef0123456789abcdef01234567"
  printf '{}' > "$fixture/blobs/9e26dfeeb6e641a33dae4961196235bdb965b21b"
  printf 0123456789abcdef0123456789abcdef01234567 > "$fixture/refs/main"
  ln -sf ../../blobs/9e26dfeeb6e641a33dae4961196235bdb965b21b "$fixture/snapshots/0123456789abcdef0123456789abcdef01234567/config.json"
  cp=$(sed -n 's/^app.classpath=//p' "$app/lib/app/ModelKeeper.cfg" | sed "s#\$APPDIR#$app/lib/app#g" | paste -sd: -)
  java=("$app/lib/runtime/bin/java" --enable-native-access=javafx.graphics,ALL-UNNAMED -cp "$cp")
  "${java[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$W/input/modelkeeper-cli.aotconf" \
    dev.modelkeeper.cli.CliMain scan --json "$W/fixture/hub" >/dev/null
  gui=(env MODELKEEPER_CONFIG_DIR="$W/train-config" HF_HUB_CACHE="$W/fixture/hub" HOME="$W/train-home"
       timeout 120 "${java[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$W/input/modelkeeper.aotconf"
       -Dmodelkeeper.exitAfterScan=true -Dprism.order=sw dev.modelkeeper.Launcher)
  if [[ -n ${DISPLAY:-} ]]; then "${gui[@]}" >/dev/null 2>&1 || true
  elif command -v xvfb-run >/dev/null; then xvfb-run -a "${gui[@]}" >/dev/null 2>&1 || true
  fi
  [[ -s $W/input/modelkeeper.aotconf ]] || { rm -f "$W/input/modelkeeper.aotconf"
    echo "no display and no xvfb-run: the window starts with the JDK's own archive only" >&2; }
  ls -l "$W"/input/*.aotconf
fi

# 5) the app image and the installers, each built from the same inputs
for t in $types; do
  if [[ $t == app-image ]]; then
    "$JH/bin/jpackage" --type app-image "${IMAGE[@]}" --dest target/dist/app-image 2> >(grep -v 'No JDK Modules found' >&2)
  else
    "$JH/bin/jpackage" --type "$t" "${IMAGE[@]}" --dest target/dist --resource-dir packaging/$os/resources \
      @target/packaging/$os/package.args 2> >(grep -v 'No JDK Modules found' >&2)
  fi
done
ls -la target/dist
