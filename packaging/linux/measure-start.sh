#!/usr/bin/env bash
# Start-up of the INSTALLED app (after install-test.sh's install step, or `apt-get install ./target/dist/*.deb`):
# time from launch to the first frame and the RSS then, cold (page cache dropped) and warm, with the
# start-up cache (the JDK 25 AOT cache made at install) and with only the JDK's own archive in its place
# (what the install falls back to), next to the target. Run as root with Xvfb available.
#   packaging/linux/measure-start.sh [runs]
set -euo pipefail
runs=${1:-5}
aot=/opt/modelkeeper/lib/modelkeeper.aot
[ -x /opt/modelkeeper/bin/ModelKeeper ] || { echo "install the .deb first" >&2; exit 2; }
home=$(mktemp -d); trap 'rm -rf "$home"; [ -f "$aot.off" ] && mv "$aot.off" "$aot"' EXIT

one() { # $1 = cold|warm; prints "<ms> <rss kB>": from JVM start to the first rendered frame
  [ "$1" = cold ] && { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; }
  log=$(mktemp)
  HOME=$home MODELKEEPER_TIMING=1 xvfb-run -a bash -c "/opt/modelkeeper/bin/ModelKeeper 2> $log & pid=\$!
    for i in \$(seq 1 200); do sleep 0.1; grep -q 'first frame' $log && break; done; kill \$pid" >/dev/null 2>&1
  sed -n 's/^timing: first frame \([0-9]*\) ms, RSS \([0-9]*\) kB.*/\1 \2/p' "$log" | head -1
  rm -f "$log"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report() { # $1 label
  for mode in cold warm; do
    ms=(); rss=()
    for _ in $(seq 1 "$runs"); do read -r m r < <(one $mode); ms+=("$m"); rss+=("$r"); done
    printf '%-28s %-5s first frame %5s ms (median of %s)   RSS %6s MB   target < 1500 ms\n' "$1" $mode \
      "$(printf '%s\n' "${ms[@]}" | median)" "$runs" "$(( $(printf '%s\n' "${rss[@]}" | median) / 1024 ))"
  done
}
report "with AOT cache"
mv "$aot" "$aot.off"; cp /opt/modelkeeper/lib/runtime/lib/server/classes.jsa "$aot"
report "JDK archive only (fallback)"
mv "$aot.off" "$aot"
printf 'package sizes: %s\n' "$(ls -l target/dist/*.deb target/dist/*.rpm 2>/dev/null | awk '{printf "%s %.1f MB; ", $9, $5/1e6}')"
printf 'installed size: %s\n' "$(du -sh /opt/modelkeeper | cut -f1)"
