#!/usr/bin/env python3
"""Cleanup benchmark: planning and deleting with ModelKeeper `rm` against the official `hf cache rm` and
`rm -rf`, whole processes, side by side in one run.

    python3 src/bench/cleanup_benchmark.py [--runs 3] [--repos 30] [--work target/bench]

The cache is src/bench/gen_cache.py's (200 repos x 5 revisions x 50 files: 50,000 snapshot links, about 69,000
files and links in all). The targets are the first REPOS model repos, whole: about 10,000 files and links.
Planning is `--dry-run` (the whole cache is scanned, the deletion planned, nothing removed); deleting is `--yes`
on a fresh copy of the cache each run (the copy is not timed), for ModelKeeper both to the desktop trash (the
default) and for good (`--permanent`). `rm -rf` of the same repo folders is the floor: no scan, no plan, no
check. Needs target/modelkeeper.jar (./mvnw -DskipTests package) and a venv with huggingface_hub 2.0.0
(target/hfh-venv or MODELKEEPER_HFH_VENV).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from benchlib import TOP, JAR, count_files, ensure_cache, hfh_bin, java as find_java, load, print_table, require, \
    timed_quiet as timed


def count(paths):
    return sum(len(dirs) + len(files) for p in paths for _, dirs, files in os.walk(p)) + len(paths)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--repos", type=int, default=30)
    p.add_argument("--work", default=os.path.join(TOP, "target", "bench"))
    a = p.parse_args()
    jar = JAR
    hf = hfh_bin("hf")
    java = find_java()
    require(jar, hf)
    cache = os.path.join(a.work, "hub")
    ensure_cache(cache)
    repos = sorted(d for d in os.listdir(cache) if d.startswith("models--"))[:a.repos]
    targets = ["model/" + "/".join(d.split("--")[1:]) for d in repos]
    removed = count([os.path.join(cache, d) for d in repos])
    entries = count_files(cache)
    home = tempfile.mkdtemp(prefix="mk-cleanup-bench-home-", dir=a.work)  # the trash: same filesystem
    env = dict(os.environ, HF_HUB_DISABLE_TELEMETRY="1", HOME=home, MODELKEEPER_CONFIG_DIR=os.path.join(home, "cfg"),
               NO_COLOR="1")
    env.pop("XDG_DATA_HOME", None)

    def mk(where, *extra):
        return [java, "-jar", jar, "rm", "--cache-dir", where, *extra, *targets]

    def official(where, *extra):
        return [hf, "cache", "rm", "--cache-dir", where, *extra, *targets]

    plans = {"mk": [], "official": []}
    timed(mk(cache, "--dry-run"), env), timed(official(cache, "--dry-run"), env)  # warm the page cache
    for _ in range(a.runs):
        plans["mk"].append(timed(mk(cache, "--dry-run"), env))
        plans["official"].append(timed(official(cache, "--dry-run"), env))

    copy = os.path.join(a.work, "hub-copy")
    deletes = {"mk-trash": [], "mk-permanent": [], "official": [], "rm-rf": []}
    commands = {
        "mk-trash": lambda: mk(copy, "--yes"),
        "mk-permanent": lambda: mk(copy, "--yes", "--permanent"),
        "official": lambda: official(copy, "--yes"),
        "rm-rf": lambda: ["rm", "-rf", *[os.path.join(copy, d) for d in repos]],
    }
    for _ in range(a.runs):
        for key, command in commands.items():  # interleaved, so drift on a shared machine hits all alike
            shutil.rmtree(copy, ignore_errors=True)
            shutil.rmtree(os.path.join(home, ".local"), ignore_errors=True)
            subprocess.run(["cp", "-a", cache, copy], check=True)  # no sync: on a shared machine it waits for all
            deletes[key].append(timed(command(), env))
            left = [d for d in repos if os.path.lexists(os.path.join(copy, d))]
            if left:
                sys.exit(f"{key} left {len(left)} repos behind")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)

    print(f"cache: {cache} ({entries} files and links); targets: {len(targets)} whole repos, {removed} files, links"
          f" and folders; {a.runs} runs each, whole processes, medians; load average {load()}")
    rows = [("plan: hf cache rm --dry-run (huggingface_hub 2.0)", plans["official"], plans["official"]),
            ("plan: modelkeeper rm --dry-run", plans["mk"], plans["official"]),
            ("delete: hf cache rm --yes", deletes["official"], deletes["official"]),
            ("delete: modelkeeper rm --yes (to the trash)", deletes["mk-trash"], deletes["official"]),
            ("delete: modelkeeper rm --yes --permanent", deletes["mk-permanent"], deletes["official"]),
            ("delete: rm -rf of the repo folders (no scan)", deletes["rm-rf"], deletes["official"])]
    print_table(rows, 52, "vs official")


if __name__ == "__main__":
    main()
