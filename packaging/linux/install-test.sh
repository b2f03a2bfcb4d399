#!/usr/bin/env bash
# Installs the .deb from target/dist as a package (dependencies pulled in by apt), starts the installed
# window under Xvfb and waits for it, runs the installed `modelkeeper scan --json` on a fixture cache,
# then removes the package and checks that nothing is left behind. Run as root on Debian/Ubuntu
# after `./mvnw -Pdist package`. Writes a screenshot to target/dist/installed.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(ls target/dist/modelkeeper_*_amd64.deb | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install test FAILED: $*" >&2; exit 1; }

echo "== install $deb"
apt-get install -y -qq "./$deb" >/dev/null
[ -x /opt/modelkeeper/bin/ModelKeeper ] || fail "no /opt/modelkeeper/bin/ModelKeeper"
[ "$(command -v modelkeeper)" = /usr/bin/modelkeeper ] || fail "modelkeeper is not on the PATH"
[ -f /usr/share/applications/modelkeeper-ModelKeeper.desktop ] || fail "no menu entry"
grep -q '^StartupWMClass=' /usr/share/applications/modelkeeper-ModelKeeper.desktop || fail "no StartupWMClass"
[ -f /opt/modelkeeper/lib/modelkeeper.aot ] || fail "no start-up cache for the window"
[ -f /opt/modelkeeper/lib/modelkeeper-cli.aot ] || fail "no start-up cache for the command line"
[ -f /usr/share/metainfo/dev.modelkeeper.ModelKeeper.metainfo.xml ] || fail "no AppStream metadata"

echo "== the command line, with no display"
repo=$work/hub/models--org--demo
mkdir -p "$repo/blobs" "$repo/refs" "$repo/snapshots/0123456789abcdef0123456789abcdef01234567"
printf '{}' > "$repo/blobs/9e26dfeeb6e641a33dae4961196235bdb965b21b"
printf 0123456789abcdef0123456789abcdef01234567 > "$repo/refs/main"
ln -s ../../blobs/9e26dfeeb6e641a33dae4961196235bdb965b21b "$repo/snapshots/0123456789abcdef0123456789abcdef01234567/config.json"
out=$(env -u DISPLAY HOME="$work/home" modelkeeper scan --json "$work/hub")
echo "$out" | grep -q '"repo_id" : "org/demo"' || echo "$out" | grep -q '"repo_id":"org/demo"' \
  || fail "scan --json did not list org/demo: $out"
env -u DISPLAY HOME="$work/home" modelkeeper | grep -q "Usage: modelkeeper" || fail "modelkeeper without arguments should print help"
# the AOT cache made at install is really used: our own classes come from it, not from the jars
env -u DISPLAY HOME="$work/home" JAVA_TOOL_OPTIONS=-Xlog:class+load=info modelkeeper --version 2>/dev/null \
  | grep -q 'dev.modelkeeper.cli.CliMain source: shared objects file' || fail "the command line does not use its AOT cache"

echo "== the window, under Xvfb"
HOME="$work/home" HF_HUB_CACHE="$work/hub" \
  xvfb-run -a -s "-screen 0 1300x820x24" bash -c '
    /opt/modelkeeper/bin/ModelKeeper & pid=$!
    for i in $(seq 1 100); do
      w=$(xdotool search --onlyvisible --name "^ModelKeeper$" 2>/dev/null | head -1) && [ -n "$w" ] && break
      sleep 0.2
    done
    [ -n "$w" ] || { echo "no window after 20 s" >&2; kill $pid; exit 1; }
    sleep 3
    xprop -id "$w" WM_CLASS
    import -window root target/dist/installed.png
    kill $pid' || fail "the installed app did not show its window"
# Nothing of ours may land in $HOME but in our own XDG folders (no ~/.openjfx native libraries, no settings
# before the user changes one): the scan index in ~/.cache/modelkeeper (#17; deleting it costs one cold scan)
# and the size history in ~/.local/state/modelkeeper (#16). Two things that are not ours are tolerated: GTK's
# dconf cache, which every GTK program writes, and ~/.rpmdb, which the jpackage launcher's `rpm -qf`
# self-query creates when rpm happens to be installed (the build machine).
written=$(cd "$work/home" && find . -mindepth 1 -not -path './.cache' -not -path './.cache/dconf*' \
  -not -path './.cache/modelkeeper' -not -path './.cache/modelkeeper/scan-index*' \
  -not -path './.local' -not -path './.local/state' -not -path './.local/state/modelkeeper' \
  -not -path './.local/state/modelkeeper/cache-history.jsonl' -not -path './.rpmdb*' | sort)
[ -z "$written" ] || fail "first start wrote to \$HOME: $written"

echo "== remove"
apt-get remove -y -qq modelkeeper >/dev/null
for p in /opt/modelkeeper /usr/bin/modelkeeper /usr/share/applications/modelkeeper-ModelKeeper.desktop \
         /usr/share/metainfo/dev.modelkeeper.ModelKeeper.metainfo.xml; do
  [ ! -e "$p" ] && [ ! -L "$p" ] || fail "$p is left after removing the package"
done
echo "install test passed"
