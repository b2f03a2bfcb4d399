"""Print the official scan_cache_dir of CACHE as JSON: hfh_scan.py CACHE."""
import json
import os
import sys

from huggingface_hub import scan_cache_dir

info = scan_cache_dir(sys.argv[1])
repos = []
for repo in info.repos:
    revisions = []
    for rev in repo.revisions:
        files = [
            {
                "file_name": f.file_name,
                "file_path": os.path.relpath(f.file_path, rev.snapshot_path),
                "size_on_disk": f.size_on_disk,
                "blob_path": str(f.blob_path),
            }
            for f in rev.files
        ]
        revisions.append({
            "commit_hash": rev.commit_hash,
            "refs": sorted(rev.refs),
            "size_on_disk": rev.size_on_disk,
            "nb_files": rev.nb_files,
            "last_modified": rev.last_modified,
            "files": sorted(files, key=lambda f: f["file_path"]),
        })
    repos.append({
        "repo_id": repo.repo_id,
        "repo_type": repo.repo_type,
        "repo_path": str(repo.repo_path),
        "size_on_disk": repo.size_on_disk,
        "nb_files": repo.nb_files,
        "refs": sorted(repo.refs),
        "last_modified": repo.last_modified,
        "revisions": sorted(revisions, key=lambda r: r["commit_hash"]),
    })
print(json.dumps({
    "size_on_disk": info.size_on_disk,
    "repos": sorted(repos, key=lambda r: (r["repo_type"], r["repo_id"])),
    "warnings": [str(w) for w in info.warnings],
}, indent=1))
