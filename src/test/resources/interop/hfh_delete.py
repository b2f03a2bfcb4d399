"""Run the official deletion on CACHE and print its expected_freed_size as JSON.

hfh_delete.py CACHE revisions HASH...      scan_cache_dir().delete_revisions(...).execute()
hfh_delete.py CACHE files REPO_ID PATH     delete_files(...) of PATH in every revision of REPO_ID (hf cache rm hf://...)
hfh_delete.py CACHE prune                  what `hf cache prune` deletes: detached revisions and incomplete files
"""
import json
import sys

from huggingface_hub import scan_cache_dir

cache, mode, *args = sys.argv[1:]
info = scan_cache_dir(cache)
if mode == "revisions":
    strategy = info.delete_revisions(*args)
    freed = strategy.expected_freed_size
    strategy.execute()
elif mode == "files":
    repo_id, path = args
    files = [f for r in info.repos if r.repo_id == repo_id for rev in r.revisions for f in rev.files
             if f.file_path.relative_to(rev.snapshot_path).as_posix() == path]
    strategy = info.delete_files(*files)
    freed = strategy.expected_freed_size
    strategy.execute()
elif mode == "prune":
    detached = [rev.commit_hash for r in info.repos for rev in r.revisions if not rev.refs]
    strategy = info.delete_revisions(*detached)
    freed = strategy.expected_freed_size + info.incomplete_size_on_disk
    strategy.execute()
    for f in info.incomplete_files:
        f.file_path.unlink(missing_ok=True)
else:
    raise SystemExit("unknown mode " + mode)
print(json.dumps({"expected_freed_size": freed}))
