#!/usr/bin/env python3
"""Re-scan benchmark (issue #17): how long a scan of an UNCHANGED hub cache takes, side by side in one run:
`find` (the cost of merely listing and lstat-ing everything), the official `scan_cache_dir`, ModelKeeper's
cold scan (`--no-index`) and its re-scan through the scan index, on the generated cache of 200 repos x
5 revisions x 50 files (50,000 snapshot links, src/bench/gen_cache.py).

    python3 src/bench/rescan_benchmark.py [--runs 5] [--work target/bench]

The last rows repeat the scan inside one process, as the window's Refresh does (dev.modelkeeper.bench.RescanRuns
against scan_cache_dir called again in one Python process): first run, then the median of the later ones.

Needs target/modelkeeper.jar and target/test-classes (./mvnw -DskipTests package test-compile) and a venv with huggingface_hub 2.0.0
(target/hfh-venv, made by the interop tests, or MODELKEEPER_HFH_VENV). Whole processes, interleaved, output
discarded, page cache warm (every row reads the same folders first). The index lives in a folder of its own
(MODELKEEPER_CONFIG_DIR under --work), so the user's is never touched. Prints medians, ratios against the
official scan, and the machine's load (the figures are only comparable at a similar load).
"""
import argparse
import os
import statistics
import subprocess
import time

from benchlib import TOP, JAR, count_files, ensure_cache, hfh_bin, java as find_java, load, print_table, require, \
    scan_cache_dir_cmd, timed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--work", default=os.path.join(TOP, "target", "bench"))
    a = p.parse_args()
    jar = JAR
    python = hfh_bin("python")
    java = find_java()
    require(jar, python)
    cache = os.path.join(a.work, "hub")
    if ensure_cache(cache):
        time.sleep(2.1)  # the index does not trust folders changed in the last 2 s
    entries = count_files(cache)
    config = os.path.join(a.work, "rescan-config")
    env = dict(os.environ, HF_HUB_DISABLE_TELEMETRY="1", MODELKEEPER_CONFIG_DIR=config)
    aot_file = os.path.join(TOP, "target", "modelkeeper-rescan.aot")
    cmds = {
        "find": ["find", cache, "-printf", "%y %s %l\\n"],
        "official": scan_cache_dir_cmd(python, cache),
        "cold": [java, "-jar", jar, "scan", "--json", "--no-index", cache],
        "warm": [java, "-jar", jar, "scan", "--json", cache],
        "warm_aot": [java, f"-XX:AOTCache={aot_file}", "-XX:TieredStopAtLevel=1", "-jar", jar, "scan", "--json",
                     cache],
        "warm_table": [java, f"-XX:AOTCache={aot_file}", "-XX:TieredStopAtLevel=1", "-jar", jar, "scan", cache],
    }
    timed(cmds["warm"], env)  # writes the index
    timed([java, f"-XX:AOTCacheOutput={aot_file}", "-jar", jar, "scan", "--json", cache], env)  # JDK 25 AOT cache
    for c in cmds.values():  # warm the page cache
        timed(c, env)
    load_before = load()
    runs = {k: [] for k in cmds}
    for _ in range(a.runs):  # interleaved, so drift on a shared machine hits every row alike
        for k, c in cmds.items():
            runs[k].append(timed(c, env))
    load_after = load()
    print(f"cache: {cache} ({entries} files and links), {a.runs} runs each, whole processes, output discarded,"
          f" page cache warm")
    print(f"load average (1, 5, 15 min) before: {load_before}, after: {load_after}; {os.cpu_count()} CPUs")
    rows = (("find ROOT -printf '%y %s %l\\n'", "find"),
            ("huggingface_hub 2.0 scan_cache_dir", "official"),
            ("modelkeeper scan --json --no-index (cold)", "cold"),
            ("modelkeeper scan --json, index, cache unchanged (warm)", "warm"),
            ("  same, with JDK 25 AOT cache + C1 only", "warm_aot"),
            ("  same, table instead of JSON (AOT cache, C1)", "warm_table"))
    print_table([(label, runs[key], runs["official"]) for label, key in rows], 58, "vs official")
    in_process(a, java, jar, python, cache, config, env)
    print("target (issue #17): re-scan of an unchanged cache >= 10x faster than the official scan")


def in_process(a, java, jar, python, cache, config, env):
    cp = os.path.join(TOP, "target", "test-classes") + ":" + jar
    runs = max(a.runs, 5)

    def series(cmd):
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout.split()
        return [float(x) for x in out]

    index_dir = os.path.join(config, "cache")
    official = series([python, "-c", "import sys, time\nfrom huggingface_hub import scan_cache_dir\n"
                       "for _ in range(int(sys.argv[2])):\n t = time.perf_counter(); scan_cache_dir(sys.argv[1])\n"
                       " print(round(time.perf_counter() - t, 4))", cache, str(runs)])
    rows = (("huggingface_hub 2.0 scan_cache_dir", official),
            ("ModelKeeper cold scan (no index)", series([java, "-cp", cp, "dev.modelkeeper.bench.RescanRuns", cache,
                                                         index_dir, "cold", str(runs)])),
            ("ModelKeeper re-scan, index, cache unchanged", series([java, "-cp", cp, "dev.modelkeeper.bench.RescanRuns",
                                                                   cache, index_dir, "index", str(runs)])))
    later_official = statistics.median(official[1:])
    print(f"inside one process (the window's Refresh), {runs} scans per process, load {load()}:")
    print(f"{'':58}{'first s':>10}{'later s':>10}{'vs official':>13}")
    for label, times in rows:
        later = statistics.median(times[1:])
        print(f"{label:58}{times[0]:10.3f}{later:10.3f}{later_official / later:12.1f}x")


if __name__ == "__main__":
    main()
