"""Download with the official client: hfh_download.py REPO_ID REPO_TYPE REVISION (cache from HF_HUB_CACHE)."""
import sys

from huggingface_hub import snapshot_download

repo_id, repo_type, revision = sys.argv[1:4]
print(snapshot_download(repo_id, repo_type=repo_type, revision=revision))
