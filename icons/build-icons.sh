#!/usr/bin/env bash
# Regenerates every icon file from the SVG masters (detailed, small for 24-32 px, 16 px). Needs Debian's librsvg2-bin (rsvg-convert),
# imagemagick (convert, for .ico) and icnsutils (png2icns, for .icns).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
rsvg-convert -w 16 -h 16 modelkeeper-16.svg -o png/modelkeeper-16.png
for n in 24 32; do rsvg-convert -w "$n" -h "$n" modelkeeper-small.svg -o "png/modelkeeper-$n.png"; done
for n in 48 64 128 256 512 1024; do rsvg-convert -w "$n" -h "$n" modelkeeper.svg -o "png/modelkeeper-$n.png"; done
convert png/modelkeeper-{16,24,32,48,64,128,256}.png modelkeeper.ico
png2icns modelkeeper.icns png/modelkeeper-{16,32,128,256,512,1024}.png >/dev/null
res=../src/main/resources/dev/modelkeeper/ui/icons
mkdir -p "$res"
for n in 16 32 48 64 128 256; do cp "png/modelkeeper-$n.png" "$res/modelkeeper-$n.png"; done
echo "icons written"
