#!/usr/bin/env python3
"""Download benchmark, side by side in one run, against the test hub emulator on 127.0.0.1:

  * a 1,100-file repo: ModelKeeper `download` vs the official `snapshot_download` (target >= 1.5x)
  * one 1 GB LFS file: ModelKeeper `download` vs `curl` of the same URL (target >= 0.9x)
  * the same file from a CDN that caps each connection (--per-connection-mbps, default 100), as real
    CDNs do: this is what several ranged connections are for

    python3 src/bench/download_benchmark.py [--big-mb 1000] [--runs 3] [--per-connection-mbps 100]

Needs target/modelkeeper.jar and target/test-classes (./mvnw verify) and target/hfh-venv.
Every run starts from an empty cache; the ModelKeeper and official runs are whole processes.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from benchlib import JAR, fresh as fresh_dir, hfh_bin, java as find_java, load, medians, snapshot_download_cmd, \
    test_classpath, timed_quiet as timed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--big-mb", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--per-connection-mbps", type=int, default=100)
    p.add_argument("--no-capped", action="store_true", help="skip the rows with a per-connection cap")
    a = p.parse_args()
    java = find_java()
    jar = JAR
    python = hfh_bin("python")
    cp = test_classpath()
    def start_hub(per_connection):
        return subprocess.Popen([java, "-Xmx4g", "-cp", cp, "dev.modelkeeper.bench.BenchHub",
                                 str(a.big_mb * 1_000_000), str(per_connection)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    server = start_hub(0)
    url = server.stdout.readline().strip()
    work = tempfile.mkdtemp(prefix="mk-dl-bench-")
    try:
        env = dict(os.environ, HF_ENDPOINT=url, HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_DISABLE_PROGRESS_BARS="1",
                   HF_HUB_DISABLE_XET="1")

        def fresh():
            return fresh_dir(os.path.join(work, "cache"))

        def ours(repo, endpoint=url):
            return timed([java, "-jar", jar, "download", repo, "--cache", fresh(), "--endpoint", endpoint])

        def official(repo):
            return timed(snapshot_download_cmd(python, repo, fresh()), env)

        def curl(endpoint=url):
            out = os.path.join(work, "curl.bin")
            t = timed(["curl", "-sSfL", "-o", out, f"{endpoint}/bench/big/resolve/main/model.safetensors"])
            os.remove(out)
            return t

        def curl_sha(endpoint=url):  # the anchor that also hashes what it writes, as a download must
            out = os.path.join(work, "curl.bin")
            t = timed(["sh", "-c", f"curl -sSfL {endpoint}/bench/big/resolve/main/model.safetensors"
                                   f" | tee {out} | sha256sum"])
            os.remove(out)
            return t

        ours("bench/many"), official("bench/many")  # warm up both
        many = {"ours": [], "official": []}
        big = {"ours": [], "curl": [], "curl_sha": []}
        load0 = load()
        for _ in range(a.runs):
            many["official"].append(official("bench/many"))
            many["ours"].append(ours("bench/many"))
            big["curl"].append(curl())
            big["curl_sha"].append(curl_sha())
            big["ours"].append(ours("bench/big"))
        server.stdin.close()
        server.wait(timeout=30)
        rate = a.per_connection_mbps * 1_000_000
        server = start_hub(rate)
        capped_url = server.stdout.readline().strip()
        capped = {"ours": [], "curl": []}
        for _ in range(0 if a.no_capped else a.runs):
            capped["curl"].append(curl(capped_url))
            capped["ours"].append(ours("bench/big", capped_url))
        m = medians(many)
        b = medians(big)
        c = medians({k: v for k, v in capped.items() if v})
        mb = a.big_mb
        load1 = load()
        print(f"emulator {url}, {a.runs} runs each, empty cache every run, medians; load before {load0}, after {load1}")
        print(f"1,100-file repo:  huggingface_hub snapshot_download {m['official']:7.2f} s   "
              f"ModelKeeper download {m['ours']:7.2f} s   => {m['official'] / m['ours']:.2f}x  (target >= 1.5x)")
        print(f"{mb} MB file:      curl {b['curl']:7.2f} s ({mb / b['curl']:.0f} MB/s)   "
              f"ModelKeeper download {b['ours']:7.2f} s ({mb / b['ours']:.0f} MB/s)   "
              f"=> {b['curl'] / b['ours']:.2f}x of curl  (target >= 0.9x)")
        print(f"{mb} MB file:      curl | tee FILE | sha256sum {b['curl_sha']:7.2f} s ({mb / b['curl_sha']:.0f} MB/s)   "
              f"=> ModelKeeper {b['curl_sha'] / b['ours']:.2f}x of it")
        if c:
            print(f"{mb} MB file, CDN capped at {a.per_connection_mbps} MB/s per connection:  curl {c['curl']:7.2f} s "
                  f"({mb / c['curl']:.0f} MB/s)   ModelKeeper download {c['ours']:7.2f} s ({mb / c['ours']:.0f} MB/s)   "
                  f"=> {c['curl'] / c['ours']:.2f}x of curl")
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
