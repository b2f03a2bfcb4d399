#!/usr/bin/env python3
"""Generate a Hugging Face hub cache in the official layout, for benchmarks and demos.

gen_cache.py DIR [--repos 200] [--revisions 5] [--files 50] [--blob-bytes 64]

Each repo gets REVISIONS snapshots of FILES files (some in sub-folders), relative symlinks into
blobs/ named by their git-sha1, a refs/main pointing at the newest revision, and refs/pr/N for the
others. Blobs are shared between revisions where the content did not change, as on the Hub.
"""
import argparse
import hashlib
import os
import random


def git_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--repos", type=int, default=200)
    p.add_argument("--revisions", type=int, default=5)
    p.add_argument("--files", type=int, default=50)
    p.add_argument("--blob-bytes", type=int, default=64)
    a = p.parse_args()
    rnd = random.Random(42)
    kinds = ["models", "models", "models", "datasets", "spaces"]
    for r in range(a.repos):
        kind = kinds[r % len(kinds)]
        repo = os.path.join(a.dir, f"{kind}--org{r % 17}--repo-{r:04d}")
        os.makedirs(os.path.join(repo, "blobs"), exist_ok=True)
        os.makedirs(os.path.join(repo, "refs", "refs", "pr"), exist_ok=True)
        contents = {}
        for v in range(a.revisions):
            commit = hashlib.sha1(f"{r}-{v}".encode()).hexdigest()
            snap = os.path.join(repo, "snapshots", commit)
            for f in range(a.files):
                if v == 0 or rnd.random() < 0.2:
                    contents[f] = (f"{r}/{v}/{f}/" + "x" * rnd.randint(0, a.blob_bytes)).encode()
                data = contents[f]
                etag = git_sha1(data)
                blob = os.path.join(repo, "blobs", etag)
                if not os.path.exists(blob):
                    with open(blob, "wb") as out:
                        out.write(data)
                rel = f"sub{f % 3}/file{f}.json" if f % 4 == 0 else f"file{f}.json"
                link = os.path.join(snap, rel)
                os.makedirs(os.path.dirname(link), exist_ok=True)
                os.symlink(os.path.relpath(blob, os.path.dirname(link)), link)
            ref = "main" if v == a.revisions - 1 else os.path.join("refs", "pr", str(v + 1))
            with open(os.path.join(repo, "refs", ref), "w") as out:
                out.write(commit)


if __name__ == "__main__":
    main()
