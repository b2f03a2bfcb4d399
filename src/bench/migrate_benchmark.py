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
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
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
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, MODELKEEPER_CONFIG_DIR=CONFIG))
    return time.perf_counter() - start


def main():
    global CONFIG
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--gb", type=float, default=1)
    p.add_argument("--big-gb", type=float, default=10)
    a = p.parse_args()
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
    jar = os.path.join(TOP, "target", "modelkeeper.jar")
    work = tempfile.mkdtemp(prefix="mk-migrate-bench-", dir=os.environ.get("BENCH_DIR", "/var/tmp"))
    CONFIG = os.path.join(work, "config")
    mnt = os.path.join(work, "tmpfs")
    mounted = False
    try:
        same = {}
        for label, gb in (("1 GB", a.gb), ("10 GB", a.big_gb)):
            times = []
            for _ in range(a.runs):
                src = os.path.join(work, "ssd", "hub")
                make_cache(src, int(gb * 1e9), 100, sparse=True)
                os.makedirs(os.path.join(work, "hdd"), exist_ok=True)
                times.append(timed([java, "-jar", jar, "migrate", src, os.path.join(work, "hdd", "hub")]))
                shutil.rmtree(os.path.join(work, "ssd"))
                shutil.rmtree(os.path.join(work, "hdd"))
            same[label] = statistics.median(times)

        os.makedirs(mnt)
        size = int(a.gb * 1e9)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={int(size * 2.3)}", "tmpfs", mnt]).returncode == 0
        pristine = os.path.join(work, "pristine", "hub")
        make_cache(pristine, size, 10, sparse=False)
        cross = {"cp": [], "ours": []}
        if mounted:
            for _ in range(a.runs):
                subprocess.run(["sync"])
                cross["cp"].append(timed(["cp", "-a", pristine, os.path.join(mnt, "cp-hub")]))
                shutil.rmtree(os.path.join(mnt, "cp-hub"))
                src = os.path.join(work, "src", "hub")
                os.makedirs(os.path.dirname(src), exist_ok=True)
                subprocess.run(["cp", "-a", pristine, src], check=True)
                subprocess.run(["sync"])
                cross["ours"].append(timed([java, "-jar", jar, "migrate", src, os.path.join(mnt, "hub")]))
                os.remove(src)
                shutil.rmtree(os.path.join(mnt, "hub"))
        print(f"{a.runs} runs each, medians, whole processes")
        print(f"same filesystem:  1 GB cache {same['1 GB']:6.2f} s   10 GB cache {same['10 GB']:6.2f} s   "
              f"=> {same['10 GB'] / same['1 GB']:.2f}x  (target: independent of size)")
        if mounted:
            c, o = statistics.median(cross["cp"]), statistics.median(cross["ours"])
            print(f"to a tmpfs, {a.gb:g} GB:  cp -a {c:6.2f} s ({a.gb * 1000 / c:.0f} MB/s)   ModelKeeper migrate "
                  f"{o:6.2f} s ({a.gb * 1000 / o:.0f} MB/s, copy + verify + switch)   => {c / o:.2f}x of cp -a  "
                  f"(target >= 0.9x)")
        else:
            print("to another filesystem: not measured (mounting a tmpfs needs root)")
    finally:
        if mounted:
            subprocess.run(["umount", "-l", mnt])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
