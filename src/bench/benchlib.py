"""Helpers shared by the benchmark scripts in src/bench (run as `python3 src/bench/X.py`, which puts this
folder first on sys.path, so they simply `import benchlib`)."""
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
JAR = os.path.join(TOP, "target", "modelkeeper.jar")


def java():
    """The java of JAVA_HOME, or of the JDK 25 the project builds with."""
    return os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")


def hfh_bin(name="python"):
    """A program of the venv with the official huggingface_hub (MODELKEEPER_HFH_VENV or target/hfh-venv)."""
    venv = os.environ.get("MODELKEEPER_HFH_VENV", os.path.join(TOP, "target", "hfh-venv"))
    return os.path.join(venv, "bin", name)


def require(jar, tool):
    """Exits with a hint when the jar or the official client (`tool`, in the hfh venv) is missing."""
    for path, hint in ((jar, "./mvnw -DskipTests package"), (tool, "./mvnw verify (makes target/hfh-venv)")):
        if not os.path.exists(path):
            sys.exit(f"missing {path}: run {hint}")


def ensure_cache(cache):
    """Generates src/bench/gen_cache.py's cache into `cache` unless it is there; True when it generated it."""
    if os.path.isdir(cache):
        return False
    subprocess.run([sys.executable, os.path.join(HERE, "gen_cache.py"), cache], check=True)
    return True


def count_files(root):
    """Files and links under root (folders not counted)."""
    return sum(len(files) for _, _, files in os.walk(root))


def test_classpath():
    """target/test-classes, target/classes and the dependencies (mvnw -o dependency:build-classpath)."""
    cp_file = os.path.join(TOP, "target", "bench-classpath.txt")
    subprocess.run([os.path.join(TOP, "mvnw"), "-q", "-o", "dependency:build-classpath",
                    f"-Dmdep.outputFile={cp_file}"], check=True, cwd=TOP, stdout=subprocess.DEVNULL)
    return ":".join([os.path.join(TOP, "target", "test-classes"), os.path.join(TOP, "target", "classes"),
                     open(cp_file).read().strip()])


def timed(cmd, env=None):
    """Seconds one whole process takes; its output discarded, its errors shown; fails if it fails."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def timed_quiet(cmd, env=None, shell=False):
    """As timed, with the errors discarded too."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, shell=shell)
    return time.perf_counter() - start


def medians(runs):
    """{key: [seconds...]} -> {key: median}."""
    return {k: statistics.median(v) for k, v in runs.items()}


def load():
    """The load average over 1, 5 and 15 minutes, as `uptime` shows it: "0.52 0.58 0.59"."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def fresh(path):
    """Removes path (a cache from the previous run) and returns it."""
    shutil.rmtree(path, ignore_errors=True)
    return path


def snapshot_download_cmd(python, repo, cache_dir):
    """The official client's snapshot_download of repo into cache_dir, as a command."""
    return [python, "-c", f"from huggingface_hub import snapshot_download; "
                          f"snapshot_download({repo!r}, cache_dir={cache_dir!r})"]


def scan_cache_dir_cmd(python, cache):
    """The official client's scan_cache_dir of cache, as a command."""
    return [python, "-c", f"from huggingface_hub import scan_cache_dir; scan_cache_dir({cache!r})"]


def print_table(rows, label_width, ratio_header):
    """The side-by-side table: label, median s, min s, and the anchor's median over the row's.

    rows: (label, runs, anchor_runs). The ratio column is as wide as its header plus two, at least 10."""
    ratio_width = max(10, len(ratio_header) + 2)
    print(f"{'':{label_width}}{'median s':>10}{'min s':>10}{ratio_header:>{ratio_width}}")
    for label, runs, anchor in rows:
        med = statistics.median(runs)
        print(f"{label:{label_width}}{med:10.3f}{min(runs):10.3f}{statistics.median(anchor) / med:{ratio_width - 1}.1f}x")
