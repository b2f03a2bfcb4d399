"""Run the official verify on one cached revision: hfh_verify.py CACHE REPO_ID REPO_TYPE REVISION.

Prints the paths it reports as JSON: {"revision", "checked", "mismatches", "missing", "extra"}.
The endpoint comes from HF_ENDPOINT.
"""
import json
import sys

from huggingface_hub import HfApi

cache, repo_id, repo_type, revision = sys.argv[1:5]
result = HfApi().verify_repo_checksums(repo_id, repo_type=repo_type, revision=revision, cache_dir=cache)
print(json.dumps({
    "revision": result.revision,
    "checked": result.checked_count,
    "mismatches": sorted(m["path"] for m in result.mismatches),
    "missing": sorted(result.missing_paths),
    "extra": sorted(result.extra_paths),
}))
