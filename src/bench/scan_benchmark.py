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
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def timed(cmd, env=None):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--work", default=os.path.join(TOP, "target", "bench"))
    a = p.parse_args()
    jar = os.path.join(TOP, "target", "modelkeeper.jar")
    venv = os.environ.get("MODELKEEPER_HFH_VENV", os.path.join(TOP, "target", "hfh-venv"))
    python = os.path.join(venv, "bin", "python")
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
    for path, hint in ((jar, "./mvnw -DskipTests package"), (python, "./mvnw verify (makes target/hfh-venv)")):
        if not os.path.exists(path):
            sys.exit(f"missing {path}: run {hint}")
    cache = os.path.join(a.work, "hub")
    if not os.path.isdir(cache):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_cache.py"), cache], check=True)
    entries = sum(len(files) for _, _, files in os.walk(cache))
    jsa = os.path.join(TOP, "target", "modelkeeper-bench.jsa")
    plain = [java, "-jar", jar, "scan", "--json", cache]
    tuned = [java, f"-XX:SharedArchiveFile={jsa}", "-XX:+AutoCreateSharedArchive", "-XX:TieredStopAtLevel=1",
             "-jar", jar, "scan", "--json", cache]
    aot_file = os.path.join(TOP, "target", "modelkeeper-bench.aot")
    aot = [java, f"-XX:AOTCache={aot_file}", "-XX:TieredStopAtLevel=1", "-jar", jar, "scan", "--json", cache]
    official = [python, "-c", f"from huggingface_hub import scan_cache_dir; scan_cache_dir({cache!r})"]
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
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"cache: {cache} ({entries} files and links), {a.runs} runs each, whole processes, output discarded")
    print(f"{'':48}{'median s':>10}{'min s':>10}{'speed-up':>10}")
    rows = (("huggingface_hub 2.0 scan_cache_dir", "official"), ("java -jar modelkeeper.jar scan --json", "plain"),
            ("  same, with AppCDS archive + C1 only", "tuned"), ("  same, with JDK 25 AOT cache + C1 only", "aot"))
    for label, key in rows:
        print(f"{label:48}{med[key]:10.3f}{min(runs[key]):10.3f}{med['official'] / med[key]:9.1f}x")
    print("target (issue #2): 10x faster than the official scan")


if __name__ == "__main__":
    main()
