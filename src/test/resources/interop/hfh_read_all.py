"""Read every revision left in CACHE with the official client, offline, and print what it read as JSON.

hfh_read_all.py CACHE [SAMPLE]   (HF_HUB_OFFLINE=1 expected; SAMPLE 20 by default)
scan_cache_dir must report no warning; every file of every revision must open and read. A revision a ref names
must also come back from snapshot_download(..., local_files_only=True) and its first SAMPLE files (every one
is opened through the scan already) from hf_hub_download(..., local_files_only=True), by ref and by commit hash. Prints, per repo, the commits read and
the sha256 of every file read through the official API.
"""
import hashlib
import json
import os
import sys

from huggingface_hub import hf_hub_download, scan_cache_dir, snapshot_download

cache = sys.argv[1]
sample = int(sys.argv[2]) if len(sys.argv) > 2 else 20
info = scan_cache_dir(cache)
if info.warnings:
    raise SystemExit("scan warnings: " + "; ".join(str(w) for w in info.warnings))
out = {}
for repo in info.repos:
    read = {}
    for rev in repo.revisions:
        files = {}
        for f in rev.files:
            with open(f.file_path, "rb") as fh:
                files[os.path.relpath(f.file_path, rev.snapshot_path)] = hashlib.sha256(fh.read()).hexdigest()
        for ref in sorted(rev.refs) + ([rev.commit_hash] if rev.refs else []):
            snapshot = snapshot_download(repo.repo_id, repo_type=repo.repo_type, revision=ref, cache_dir=cache,
                                         local_files_only=True)
            assert os.path.samefile(snapshot, rev.snapshot_path), (snapshot, rev.snapshot_path)
            for name, digest in sorted(files.items())[:sample]:
                path = hf_hub_download(repo.repo_id, name, repo_type=repo.repo_type, revision=ref, cache_dir=cache,
                                       local_files_only=True)
                with open(path, "rb") as fh:
                    assert hashlib.sha256(fh.read()).hexdigest() == digest, path
        read[rev.commit_hash] = {"refs": sorted(rev.refs), "files": len(files)}
    out[repo.repo_id] = read
print(json.dumps(out, indent=1, sort_keys=True))
