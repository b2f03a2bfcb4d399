"""Load files offline with the official client and print their sha256 as JSON.

hfh_load_offline.py REPO_ID REPO_TYPE REVISION FILE... (cache from HF_HUB_CACHE, HF_HUB_OFFLINE=1 expected)
Also checks that snapshot_download(local_files_only=True) returns the same snapshot folder.
"""
import hashlib
import json
import os
import sys

from huggingface_hub import hf_hub_download, snapshot_download

repo_id, repo_type, revision, *files = sys.argv[1:]
result = {}
snapshot = snapshot_download(repo_id, repo_type=repo_type, revision=revision, local_files_only=True)
for f in files:
    path = hf_hub_download(repo_id, f, repo_type=repo_type, revision=revision, local_files_only=True)
    assert os.path.dirname(os.path.abspath(path)).startswith(os.path.abspath(snapshot)), (path, snapshot)
    with open(path, "rb") as fh:
        result[f] = hashlib.sha256(fh.read()).hexdigest()
print(json.dumps({"snapshot": snapshot, "files": result}))
