#!/usr/bin/env python3
"""Scan benchmark: ModelKeeper's `scan --json` against the official `scan_cache_dir`, whole processes,
side by side in one run, on a generated cache of 200 repos x 5 revisions x 50 files (50,000 entries).

    python3 src/bench/scan_benchmark.py [--runs 5] [--work target/bench]

Needs target/modelkeeper.jar (./mvnw -DskipTests package) and a venv with huggingface_hub 2.0.0
(target/hfh-venv, made by the interop tests, or MODELKEEPER_HFH_VENV). Prints medians and the ratio
next to the issue's target (10x).
"""
import argparse
import os

from benchlib import TOP, JAR, count_files, ensure_cache, hfh_bin, java as find_java, print_table, require, \
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
    ensure_cache(cache)
    entries = count_files(cache)
    jsa = os.path.join(TOP, "target", "modelkeeper-bench.jsa")
    plain = [java, "-jar", jar, "scan", "--json", cache]
    tuned = [java, f"-XX:SharedArchiveFile={jsa}", "-XX:+AutoCreateSharedArchive", "-XX:TieredStopAtLevel=1",
             "-jar", jar, "scan", "--json", cache]
    aot_file = os.path.join(TOP, "target", "modelkeeper-bench.aot")
    aot = [java, f"-XX:AOTCache={aot_file}", "-XX:TieredStopAtLevel=1", "-jar", jar, "scan", "--json", cache]
    official = scan_cache_dir_cmd(python, cache)
    env = dict(os.environ, HF_HUB_DISABLE_TELEMETRY="1")
    # JDK 25 AOT cache (JEP 483/514/515): one training run records classes and method profiles
    timed([java, f"-XX:AOTCacheOutput={aot_file}", "-jar", jar, "scan", "--json", cache])
    timed(plain), timed(tuned), timed(aot), timed(official, env)  # warm the page cache; create the CDS archive
    runs = {"official": [], "plain": [], "tuned": [], "aot": []}
    for _ in range(a.runs):  # interleaved, so drift on a shared machine hits all three alike
        runs["official"].append(timed(official, env))
        runs["plain"].append(timed(plain))
        runs["tuned"].append(timed(tuned))
        runs["aot"].append(timed(aot))
    print(f"cache: {cache} ({entries} files and links), {a.runs} runs each, whole processes, output discarded")
    rows = (("huggingface_hub 2.0 scan_cache_dir", "official"), ("java -jar modelkeeper.jar scan --json", "plain"),
            ("  same, with AppCDS archive + C1 only", "tuned"), ("  same, with JDK 25 AOT cache + C1 only", "aot"))
    print_table([(label, runs[key], runs["official"]) for label, key in rows], 48, "speed-up")
    print("target (issue #2): 10x faster than the official scan")


if __name__ == "__main__":
    main()
