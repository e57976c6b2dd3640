"""Benchmark of `pressfacts batch`: throughput, the bare-tokenizer yardstick, cold start, peak memory.

    .venv/bin/python benchmarks/bench_batch.py [--articles 2000] [--profile]

Builds a folder of N articles by copying the sample articles (samples/, else the dev
corpus) round-robin, runs `pressfacts batch` over it with --jobs 1 and --jobs 2, times
spaCy's bare blank-English tokenizer over the same files in this process as the
yardstick, and prints one table (Markdown) with the issue's targets. Figures depend on
the machine's load: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIRS = (REPO / "samples", REPO.parent / "shared" / "corpus" / "dev")
# The command beside this Python (the venv the benchmark runs in), else the one on PATH.
PRESSFACTS = Path(sys.executable).with_name("pressfacts")
if not PRESSFACTS.exists():
    PRESSFACTS = Path(shutil.which("pressfacts") or "pressfacts")
COLD_START_SAMPLE = "medpath-bms-breakfree1.txt"
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

# The targets.
MAX_TOKENIZER_RATIO = 4.0
MIN_SPEEDUP = 1.7
MAX_COLD_START_S = 1.2
MAX_RSS_MB = 400


def sample_articles() -> list[Path]:
    for folder in SAMPLE_DIRS:
        found = sorted(folder.glob("*.txt"))
        if found:
            return found
    sys.exit(f"no sample articles (*.txt) in {', '.join(map(str, SAMPLE_DIRS))}")


def build_folder(target: Path, samples: list[Path], count: int) -> None:
    """`count` articles in 20 subfolders, copied round-robin from the samples."""
    for i in range(count):
        sub = target / f"part-{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(samples[i % len(samples)], sub / f"article-{i:05d}.txt")


@dataclass
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system of the whole process tree: what the load of others does not change
    peak_process_mb: float  # the largest single process of the tree
    peak_tree_mb: float  # all processes of the tree together (shared pages counted in each)


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB / 1024
    except (OSError, IndexError):
        return 0.0


def timed(command: list[str]) -> Run:
    """Run `command`, sampling the memory of its process tree every 200 ms."""
    peaks = {"process": 0.0, "tree": 0.0}
    cpu_before = children_cpu_seconds()
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            sizes = [rss_mb(pid) for pid in process_tree(child.pid)]
            peaks["process"] = max(peaks["process"], *sizes, 0.0)
            peaks["tree"] = max(peaks["tree"], sum(sizes))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if code not in (0, 1):
        sys.exit(f"{' '.join(command)} exited {code}")
    return Run(seconds, children_cpu_seconds() - cpu_before, peaks["process"], peaks["tree"])


def children_cpu_seconds() -> float:
    """CPU time of the ended children (and theirs, once waited for: a pool's workers are)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def batch(folder: Path, output: Path, jobs: int) -> Run:
    return timed([str(PRESSFACTS), "batch", str(folder), "-o", str(output), "--jobs", str(jobs), "--quiet"])


def tokenizer_run(folder: Path) -> Run:
    """The yardstick: read every article and run spaCy's blank-English tokenizer over it, here."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    paths = sorted(folder.rglob("*.txt"))
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        tokenizer(path.read_text(encoding="utf-8"))
    return Run(time.perf_counter() - start, time.process_time() - cpu, 0.0, 0.0)


def cold_start(sample: Path, repeats: int = 3) -> Run:
    """The fastest of a few runs of `pressfacts extract SAMPLE` (a new process each time)."""
    return min(
        (timed([str(PRESSFACTS), "extract", str(sample)]) for _ in range(repeats)), key=lambda r: r.seconds
    )


def error_records(jsonl: Path) -> int:
    """Articles that failed: a broken extraction would make every figure meaningless."""
    with open(jsonl, encoding="utf-8") as lines:
        return sum(1 for line in lines if '"error":' in line and line.startswith('{"source"'))


def profile(folder: Path, articles: int) -> None:
    """Where one process spends its time on `articles` articles (cProfile, top functions)."""
    import cProfile
    import pstats

    from pressfacts.api import extract_path

    paths = sorted(folder.rglob("*.txt"))[:articles]
    extract_path(paths[0])  # build the pipeline outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        extract_path(path)
    profiler.disable()
    print(f"\n## Profile: {len(paths)} articles in one process (cProfile, by own time)\n")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="folder size (default 2000)")
    parser.add_argument("--profile", action="store_true", help="also profile extraction in one process")
    args = parser.parse_args()

    samples = sample_articles()
    cold_sample = next((p for p in samples if p.name == COLD_START_SAMPLE), samples[0])
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="pressfacts-bench-") as tmp:
        folder, small = Path(tmp) / "articles", Path(tmp) / "small"
        build_folder(folder, samples, args.articles)
        build_folder(small, samples, max(1, args.articles // 10))
        tokenizer = tokenizer_run(folder)
        one = batch(folder, Path(tmp) / "one.jsonl", jobs=1)
        two = batch(folder, Path(tmp) / "two.jsonl", jobs=2)
        two_small = batch(small, Path(tmp) / "small.jsonl", jobs=2)
        identical = (Path(tmp) / "one.jsonl").read_bytes() == (Path(tmp) / "two.jsonl").read_bytes()
        failed = error_records(Path(tmp) / "one.jsonl")
        cold = cold_start(cold_sample)
        print_table(
            args.articles, len(samples), tokenizer, one, two, two_small, identical, failed, cold, load_before
        )
        if args.profile:
            profile(folder, min(args.articles, 300))


def print_table(
    n: int,
    samples: int,
    tokenizer: Run,
    one: Run,
    two: Run,
    two_small: Run,
    identical: bool,
    failed: int,
    cold: Run,
    load_before: tuple[float, float, float],
) -> None:
    def ok(passed: bool) -> str:
        return "yes" if passed else "**no**"

    def speed(run: Run) -> str:
        return f"{n / run.seconds:,.1f} articles/s ({run.seconds:.1f} s; CPU {run.cpu_seconds:.1f} s)"

    ratio, cpu_ratio = one.seconds / tokenizer.seconds, one.cpu_seconds / tokenizer.cpu_seconds
    speedup = one.seconds / two.seconds
    rows = [
        ("bare blank-English tokenizer (yardstick)", speed(tokenizer), "", ""),
        ("batch --jobs 1", speed(one), "", ""),
        ("batch --jobs 2", speed(two), "", ""),
        (
            "--jobs 1 time / tokenizer time",
            f"{ratio:.1f}x",
            f"<= {MAX_TOKENIZER_RATIO:g}x",
            ok(ratio <= MAX_TOKENIZER_RATIO),
        ),
        ("the same in CPU time (load-independent)", f"{cpu_ratio:.1f}x", f"<= {MAX_TOKENIZER_RATIO:g}x", ""),
        (
            "--jobs 2 speed-up over --jobs 1",
            f"{speedup:.2f}x",
            f">= {MIN_SPEEDUP:g}x",
            ok(speedup >= MIN_SPEEDUP),
        ),
        (
            "cold start: pressfacts extract (best of 3)",
            f"{cold.seconds:.2f} s (CPU {cold.cpu_seconds:.2f} s)",
            f"<= {MAX_COLD_START_S:g} s",
            ok(cold.seconds <= MAX_COLD_START_S),
        ),
    ]
    for label, run, size in (("--jobs 1", one, n), ("--jobs 2", two, n), ("--jobs 2", two_small, n // 10)):
        rows.append(
            (
                f"peak RSS {label}, {size} articles: largest process / all",
                f"{run.peak_process_mb:.0f} MB / {run.peak_tree_mb:.0f} MB",
                f"<= {MAX_RSS_MB} MB",
                ok(run.peak_tree_mb <= MAX_RSS_MB),
            )
        )
    rows.append(
        ("output of --jobs 1 and --jobs 2 byte-identical", "yes" if identical else "NO", "yes", ok(identical))
    )
    rows.append(("articles that failed (error records)", str(failed), "0", ok(failed == 0)))
    print(f"\n## pressfacts batch benchmark: {n} articles copied from {samples} samples\n")
    print(
        f"cores: {os.cpu_count()}; load average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}"
    )
    print(
        "(wall times include each command's start-up; other work on the machine slows them, not CPU times)\n"
    )
    print("| measure | value | target | met |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
