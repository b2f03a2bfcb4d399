#!/bin/sh
# Run by the package scripts (deb postinst/prerm, rpm %post/%preun) as root:
#   system-integration.sh install   puts `modelkeeper` on the PATH, registers the AppStream metadata and
#                                   builds the JDK 25 AOT caches for a fast start (window and command line)
#   system-integration.sh remove    undoes all three
# It never touches a user's home folder.
set -e
APP=/opt/modelkeeper
LIB=$APP/lib
case "$1" in
  install)
    ln -sfn "$APP/bin/modelkeeper" /usr/bin/modelkeeper
    install -D -m 644 "$LIB/app/dev.modelkeeper.ModelKeeper.metainfo.xml" \
      /usr/share/metainfo/dev.modelkeeper.ModelKeeper.metainfo.xml
    # The start-up caches (JDK 25 AOT cache: classes loaded and linked, method profiles) must name the
    # installed jars exactly as the launchers do and match this machine's JVM, so they are made here from
    # the AOT configurations recorded by training runs while packaging. The JVM checks each jar's
    # modification time against the recording's, and neither jpackage nor dpkg keeps it: both sides pin it
    # to AOT_STAMP (equal in packaging/jpackage.sh).
    AOT_STAMP=946684800
    touch -d "@$AOT_STAMP" "$LIB"/app/*.jar || true
    cp=$(sed -n 's/^app.classpath=//p' "$LIB/app/ModelKeeper.cfg" | sed "s#\$APPDIR#$LIB/app#g" | paste -sd: -)
    rm -f "$LIB/modelkeeper.jsa"   # the class-data-sharing archive of earlier versions
    for name in modelkeeper modelkeeper-cli; do
      # (same module options as both launchers, or the JVM would refuse the cache)
      if [ ! -f "$LIB/app/$name.aotconf" ] || ! "$LIB/runtime/bin/java" -XX:AOTMode=create \
          -XX:AOTConfiguration="$LIB/app/$name.aotconf" -XX:AOTCache="$LIB/$name.aot" \
          --enable-native-access=javafx.graphics,ALL-UNNAMED -cp "$cp" >/dev/null 2>&1; then
        # The launchers name the cache whatever happens; with no file there the JVM would start without
        # even the JDK's own class-data-sharing archive. That archive is a valid cache for any class path.
        cp "$LIB/runtime/lib/server/classes.jsa" "$LIB/$name.aot" 2>/dev/null || rm -f "$LIB/$name.aot"
      fi
    done
    ;;
  remove)
    if [ "$(readlink /usr/bin/modelkeeper 2>/dev/null)" = "$APP/bin/modelkeeper" ]; then
      rm -f /usr/bin/modelkeeper
    fi
    rm -f /usr/share/metainfo/dev.modelkeeper.ModelKeeper.metainfo.xml "$LIB/modelkeeper.jsa" \
      "$LIB/modelkeeper.aot" "$LIB/modelkeeper-cli.aot"
    ;;
esac
exit 0
