"""Hold LOCKFILE with filelock (as huggingface_hub does during a download) until stdin closes: hfh_hold_lock.py LOCKFILE."""
import sys

from filelock import FileLock

lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
lock.release()
