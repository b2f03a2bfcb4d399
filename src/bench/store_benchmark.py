#!/usr/bin/env python3
"""Team-store benchmark, side by side in one run, everything on 127.0.0.1:

  * the 1,100-file repo: ModelKeeper `store pull` from S3Proxy vs the official `snapshot_download` from the
    hub emulator (target >= 1.5x)
  * one 1 GB file: ModelKeeper `store pull` from S3Proxy vs `curl` of the same S3 object (presigned URL)
    followed by `sha256sum` (target >= 0.9x); ModelKeeper checks the hash while it writes
  * S3Proxy alone: `curl` of the big object, and of the 1,100 small ones (8 at once, presigned URLs), to
    /dev/null, to see whether the server is the bottleneck

    python3 src/bench/store_benchmark.py [--big-mb 1000] [--runs 1]

Needs target/modelkeeper.jar, target/test-classes (./mvnw -o -DskipTests package, then test-compile),
target/hfh-venv (MODELKEEPER_HFH_VENV) and S3Proxy's jar in the local Maven repository.
Every run starts from an empty cache; each tool runs as a whole process.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from benchlib import JAR, fresh as fresh_dir, hfh_bin, java as find_java, medians, snapshot_download_cmd, \
    test_classpath, timed_quiet as timed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--big-mb", type=int, default=1000)
    p.add_argument("--runs", type=int, default=1)
    a = p.parse_args()
    java = find_java()
    jar = JAR
    python = hfh_bin("python")
    cp = test_classpath()
    s3proxy = os.path.expanduser("~/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar")
    work = tempfile.mkdtemp(prefix="mk-store-bench-")
    server = subprocess.Popen([java, "-Xmx4g", f"-Ds3proxy.jar={s3proxy}", "-cp", cp, "dev.modelkeeper.bench.BenchStore",
                               str(a.big_mb * 1_000_000), os.path.join(work, "servers")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        hub, s3, presigned, sha, many_urls = (server.stdout.readline().strip() for _ in range(5))
        if not sha:
            raise SystemExit("the servers did not start")
        store_env = dict(os.environ, AWS_ACCESS_KEY_ID="team-access", AWS_SECRET_ACCESS_KEY="team-secret-0123456789",
                         AWS_ENDPOINT_URL_S3=s3, AWS_REGION="us-east-1", MODELKEEPER_STORE="s3://models/bench")
        hf_env = dict(os.environ, HF_ENDPOINT=hub, HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_DISABLE_PROGRESS_BARS="1",
                      HF_HUB_DISABLE_XET="1")

        def fresh():
            return fresh_dir(os.path.join(work, "cache"))

        def pull(repo):
            return timed([java, "-jar", jar, "store", "pull", repo, "--offline", "--cache", fresh()], store_env)

        def official(repo):
            return timed(snapshot_download_cmd(python, repo, fresh()), hf_env)

        def curl_sha():
            out = os.path.join(work, "curl.bin")
            t = timed(f"curl -sSf -o {out} '{presigned}' && sha256sum {out} | grep -q {sha}", shell=True)
            os.remove(out)
            return t

        def curl_null():
            return timed(["curl", "-sSf", "-o", "/dev/null", presigned])

        pull("bench/many"), official("bench/many")  # warm up both (page cache, S3Proxy's JIT)
        many = {"pull": [], "official": []}
        big = {"pull": [], "curl": [], "server": []}
        many["server"] = []
        for _ in range(a.runs):
            many["official"].append(official("bench/many"))
            many["pull"].append(pull("bench/many"))
            big["curl"].append(curl_sha())
            big["pull"].append(pull("bench/big"))
            big["server"].append(curl_null())
            many["server"].append(timed(["curl", "-sSf", "-Z", "--parallel-max", "8", "-K", many_urls]))
        m = medians(many)
        b = medians(big)
        mb = a.big_mb
        print(f"S3Proxy {s3}, hub emulator {hub}, {a.runs} run(s) each, empty cache every run, medians")
        print(f"1,100-file repo:  huggingface_hub snapshot_download (emulator) {m['official']:7.2f} s   "
              f"ModelKeeper store pull {m['pull']:7.2f} s   => {m['official'] / m['pull']:.2f}x  (target >= 1.5x)")
        print(f"{mb} MB file:      curl + sha256sum {b['curl']:7.2f} s ({mb / b['curl']:.0f} MB/s)   "
              f"ModelKeeper store pull {b['pull']:7.2f} s ({mb / b['pull']:.0f} MB/s)   "
              f"=> {b['curl'] / b['pull']:.2f}x of curl+sha256  (target >= 0.9x)")
        print(f"{mb} MB file, S3Proxy alone (curl to /dev/null): {b['server']:7.2f} s ({mb / b['server']:.0f} MB/s)")
        print(f"1,100-file repo, S3Proxy alone (curl, 8 at once, to /dev/null): {m['server']:7.2f} s")
        print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    finally:
        server.stdin.close()
        server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
