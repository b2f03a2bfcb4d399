#!/usr/bin/env python3
"""Migration benchmark, side by side in one run (issue #5):

  * same filesystem: `modelkeeper migrate` of a 1 GB and a 10 GB cache (target: time independent of size)
  * another filesystem (a tmpfs mounted for the run; needs root): ModelKeeper vs `cp -a` of the same
    1 GB cache (target >= 0.9x, ModelKeeper's time including its read-back verification)

    sudo python3 src/bench/migrate_benchmark.py [--runs 3] [--gb 1] [--big-gb 10]

Needs target/modelkeeper.jar (./mvnw package). Every run is a whole process. The same-filesystem caches
use sparse files (a rename never reads them); the cross-filesystem one holds random data under the
sha256 names a hub cache uses, so verification checks each blob against its name.
"""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from benchlib import JAR, java as find_java, load, timed_quiet

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def make_cache(root, total_bytes, files, sparse):
    repo = os.path.join(root, "models--bench--m")
    os.makedirs(os.path.join(repo, "blobs"))
    os.makedirs(os.path.join(repo, "refs"))
    snap = os.path.join(repo, "snapshots", COMMIT)
    os.makedirs(snap)
    with open(os.path.join(repo, "refs", "main"), "w") as f:
        f.write(COMMIT)
    each = total_bytes // files
    for i in range(files):
        if sparse:
            name = hashlib.sha256(str(i).encode()).hexdigest()
            path = os.path.join(repo, "blobs", name)
            with open(path, "wb") as f:
                f.truncate(each)
        else:
            data = os.urandom(each)
            name = hashlib.sha256(data).hexdigest()
            path = os.path.join(repo, "blobs", name)
            with open(path, "wb") as f:
                f.write(data)
        os.symlink(f"../../blobs/{name}", os.path.join(snap, f"model-{i:05d}.safetensors"))


def timed(cmd):
    return timed_quiet(cmd, dict(os.environ, MODELKEEPER_CONFIG_DIR=CONFIG))


def main():
    global CONFIG
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--gb", type=float, default=1)
    p.add_argument("--big-gb", type=float, default=10)
    p.add_argument("--cross-only", action="store_true", help="skip the same-filesystem rows")
    a = p.parse_args()
    java = find_java()
    jar = JAR
    work = tempfile.mkdtemp(prefix="mk-migrate-bench-", dir=os.environ.get("BENCH_DIR", "/var/tmp"))
    CONFIG = os.path.join(work, "config")
    mnt = os.path.join(work, "tmpfs")
    mounted = []
    try:
        same = {}
        for label, gb in (() if a.cross_only else (("1 GB", a.gb), ("10 GB", a.big_gb))):
            times = []
            for _ in range(a.runs):
                src = os.path.join(work, "ssd", "hub")
                make_cache(src, int(gb * 1e9), 100, sparse=True)
                os.makedirs(os.path.join(work, "hdd"), exist_ok=True)
                times.append(timed([java, "-jar", jar, "migrate", src, os.path.join(work, "hdd", "hub")]))
                shutil.rmtree(os.path.join(work, "ssd"))
                shutil.rmtree(os.path.join(work, "hdd"))
            same[label] = statistics.median(times)

        # Two other filesystems: a tmpfs (RAM), and an ext4 image on a loop device (a second disk; its image
        # file sits on the same disk as the source, so writes reach one device either way).
        size = int(a.gb * 1e9)
        targets = []
        os.makedirs(mnt)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={int(size * 2.3)}", "tmpfs", mnt]).returncode == 0:
            mounted.append(mnt)
            targets.append(("a tmpfs", mnt))
        ext4 = os.path.join(work, "ext4")
        image = os.path.join(work, "ext4.img")
        os.makedirs(ext4)
        with open(image, "wb") as f:
            f.truncate(int(size * 2.3) + (64 << 20))
        if (subprocess.run(["mkfs.ext4", "-q", "-F", image], stdout=subprocess.DEVNULL).returncode == 0
                and subprocess.run(["mount", "-o", "loop", image, ext4]).returncode == 0):
            mounted.append(ext4)
            targets.append(("ext4 on a loop device", ext4))
        pristine = os.path.join(work, "pristine", "hub")
        make_cache(pristine, size, 10, sparse=False)
        cross = {t: {"cp": [], "cpsum": [], "ours": []} for t, _ in targets}
        for _ in range(a.runs):
            for t, dest in targets:
                subprocess.run(["sync"])
                cross[t]["cp"].append(timed(["cp", "-a", pristine, os.path.join(dest, "cp-hub")]))
                shutil.rmtree(os.path.join(dest, "cp-hub"))
                subprocess.run(["sync"])
                # the anchor that also proves the copy: cp -a, then sha256sum of every copied file
                cross[t]["cpsum"].append(timed(["sh", "-c", 'cp -a "$0" "$1" && find "$1" -type f -print0 '
                                                '| xargs -0 sha256sum', pristine, os.path.join(dest, "cp-hub")]))
                shutil.rmtree(os.path.join(dest, "cp-hub"))
                src = os.path.join(work, "src", "hub")
                os.makedirs(os.path.dirname(src), exist_ok=True)
                subprocess.run(["cp", "-a", pristine, src], check=True)
                subprocess.run(["sync"])
                cross[t]["ours"].append(timed([java, "-jar", jar, "migrate", src, os.path.join(dest, "hub")]))
                os.remove(src)
                shutil.rmtree(os.path.join(dest, "hub"))
        print(f"{a.runs} runs each, medians, whole processes, load {load()}")
        if same:
            print(f"same filesystem:  1 GB cache {same['1 GB']:6.2f} s   10 GB cache {same['10 GB']:6.2f} s   "
                  f"=> {same['10 GB'] / same['1 GB']:.2f}x  (target: independent of size)")
        for t, _ in targets:
            c, cs, o = (statistics.median(cross[t][k]) for k in ("cp", "cpsum", "ours"))
            print(f"to {t}, {a.gb:g} GB:  cp -a {c:6.2f} s   cp -a + sha256sum {cs:6.2f} s ({a.gb * 1000 / cs:.0f} MB/s)"
                  f"   ModelKeeper migrate {o:6.2f} s ({a.gb * 1000 / o:.0f} MB/s, copy + verify + switch)"
                  f"   => {cs / o:.2f}x of cp -a + sha256sum, {c / o:.2f}x of cp -a alone  (target >= 0.9x)")
        if not targets:
            print("to another filesystem: not measured (mounting needs root)")
    finally:
        for m in mounted:
            subprocess.run(["umount", "-l", m])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
