#!/bin/sh
# Run by the package scripts (deb postinst/prerm, rpm %post/%preun) as root:
#   system-integration.sh install   puts `modelkeeper` on the PATH, registers the AppStream metadata and
#                                   builds the class-data-sharing archive for a fast start
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
    # The start-up archive must name the installed jars exactly as the launchers do, so it is built
    # here rather than in the build. The class list comes from a training run made while packaging.
    cp=$(sed -n 's/^app.classpath=//p' "$LIB/app/ModelKeeper.cfg" | sed "s#\$APPDIR#$LIB/app#g" | paste -sd: -)
    # (same module options as both launchers, or the JVM would refuse the archive)
    if ! "$LIB/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$LIB/app/modelkeeper.classlist" \
        -XX:SharedArchiveFile="$LIB/modelkeeper.jsa" --enable-native-access=javafx.graphics,ALL-UNNAMED \
        -cp "$cp" >/dev/null 2>&1; then
      rm -f "$LIB/modelkeeper.jsa"   # the app starts without it, only slower
    fi
    ;;
  remove)
    if [ "$(readlink /usr/bin/modelkeeper 2>/dev/null)" = "$APP/bin/modelkeeper" ]; then
      rm -f /usr/bin/modelkeeper
    fi
    rm -f /usr/share/metainfo/dev.modelkeeper.ModelKeeper.metainfo.xml "$LIB/modelkeeper.jsa"
    ;;
esac
exit 0
