#!/usr/bin/env bash
# Regenerates the README's window screenshots (docs/screenshot-en.png, docs/screenshot-zh-CN.png and their dark
# variants docs/screenshot-en-dark.png, docs/screenshot-zh-CN-dark.png, then docs/screenshot-download.png,
# -problems, -repair, -move and -cleanup through DocScreenshotsTest) from a demo
# cache, in a real window under Xvfb. Needs: a built jar (./mvnw -o package -DskipTests), python3, Xvfb,
# xdotool, ImageMagick. Usage: docs/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -n1)}/bin/java
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# a demo cache: a few repos of every type, one damaged blob, one unfinished download
python3 src/bench/gen_cache.py "$work/hub" --repos 9 --revisions 2 --files 8 --blob-bytes 4096 >/dev/null
blob=$(find "$work/hub"/models--*/blobs -type f -print -quit)
printf 'X' | dd of="$blob" bs=1 seek=0 conv=notrunc status=none
repo=$(dirname "$(dirname "$blob")")
head -c 3000000 /dev/zero > "$repo/blobs/$(printf 'a%.0s' $(seq 64)).incomplete"

D=${SCREENSHOT_DISPLAY:-47} # another free display number when :47 is taken (several people on one machine)
if [ -e "/tmp/.X$D-lock" ]; then
  echo "display :$D is in use; set SCREENSHOT_DISPLAY to a free number" >&2
  exit 1
fi
Xvfb ":$D" -screen 0 1300x820x24 >/dev/null 2>&1 &
sleep 1
shoot() { # LANG OUT [THEME]
  DISPLAY=:$D HOME="$work/home" HF_HUB_CACHE="$work/hub" MODELKEEPER_CONFIG_DIR="$work/cfg-$1-${3:-light}" \
    "$JAVA" -Dmodelkeeper.lang="$1" -Dmodelkeeper.theme="${3:-light}" -jar target/modelkeeper.jar >/dev/null 2>&1 &
  local app=$!
  local win=""
  for _ in $(seq 120); do
    win=$(DISPLAY=:$D xdotool search --name '^ModelKeeper' 2>/dev/null || true)
    win=${win%%$'\n'*}
    [ -n "$win" ] && break
    sleep 0.5
  done
  [ -n "$win" ] || { echo "the window did not appear" >&2; exit 1; }
  DISPLAY=:$D xdotool windowmove "$win" 0 0 windowsize "$win" 1300 820
  sleep 4 # the scan streams in; the memo-free cache shows "Not verified" until Verify all
  sleep 2
  DISPLAY=:$D import -window "$win" "$2"
  kill "$app"; wait "$app" 2>/dev/null || true
}
shoot en docs/screenshot-en.png
shoot zh-CN docs/screenshot-zh-CN.png
shoot en docs/screenshot-en-dark.png dark
shoot zh-CN docs/screenshot-zh-CN-dark.png dark
echo "wrote docs/screenshot-{en,zh-CN}{,-dark}.png"
# the flows (a download in progress, the Problems tab, the repair and move plans), light, from a TestFX test
# with a hub emulator, in a real window on the same Xvfb
DISPLAY=:$D ./mvnw -B -o -q test -Dtest=DocScreenshotsTest -Dscreenshots=true -Dsurefire.failIfNoSpecifiedTests=false
echo "wrote docs/screenshot-{download,problems,repair,move,cleanup}.png"
