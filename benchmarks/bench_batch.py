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
    seconds: float
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
    """Run `command`, sampling the memory of its process tree every 50 ms."""
    peaks = {"process": 0.0, "tree": 0.0}
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
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
    return Run(seconds, peaks["process"], peaks["tree"])


def batch(folder: Path, output: Path, jobs: int) -> Run:
    return timed([str(PRESSFACTS), "batch", str(folder), "-o", str(output), "--jobs", str(jobs), "--quiet"])


def tokenizer_seconds(folder: Path) -> float:
    """The yardstick: read every article and run spaCy's blank-English tokenizer over it."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    paths = sorted(folder.rglob("*.txt"))
    start = time.perf_counter()
    for path in paths:
        tokenizer(path.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def cold_start_seconds(sample: Path, repeats: int = 3) -> float:
    """The best of a few runs of `pressfacts extract SAMPLE` (a new process each time)."""
    return min(timed([str(PRESSFACTS), "extract", str(sample)]).seconds for _ in range(repeats))


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
        tokenizer = tokenizer_seconds(folder)
        one = batch(folder, Path(tmp) / "one.jsonl", jobs=1)
        two = batch(folder, Path(tmp) / "two.jsonl", jobs=2)
        two_small = batch(small, Path(tmp) / "small.jsonl", jobs=2)
        identical = (Path(tmp) / "one.jsonl").read_bytes() == (Path(tmp) / "two.jsonl").read_bytes()
        cold = cold_start_seconds(cold_sample)
        if args.profile:
            profile(folder, min(args.articles, 300))
    print_table(args.articles, len(samples), tokenizer, one, two, two_small, identical, cold, load_before)


def print_table(
    n: int,
    samples: int,
    tokenizer: float,
    one: Run,
    two: Run,
    two_small: Run,
    identical: bool,
    cold: float,
    load_before: tuple[float, float, float],
) -> None:
    def ok(passed: bool) -> str:
        return "yes" if passed else "**no**"

    ratio, speedup = one.seconds / tokenizer, one.seconds / two.seconds
    rows = [
        (
            "bare blank-English tokenizer (yardstick)",
            f"{n / tokenizer:,.0f} articles/s ({tokenizer:.2f} s)",
            "",
            "",
        ),
        ("batch --jobs 1", f"{n / one.seconds:,.1f} articles/s ({one.seconds:.1f} s)", "", ""),
        ("batch --jobs 2", f"{n / two.seconds:,.1f} articles/s ({two.seconds:.1f} s)", "", ""),
        (
            "--jobs 1 time / tokenizer time",
            f"{ratio:.1f}x",
            f"<= {MAX_TOKENIZER_RATIO:g}x",
            ok(ratio <= MAX_TOKENIZER_RATIO),
        ),
        (
            "--jobs 2 speed-up over --jobs 1",
            f"{speedup:.2f}x",
            f">= {MIN_SPEEDUP:g}x",
            ok(speedup >= MIN_SPEEDUP),
        ),
        (
            "cold start: pressfacts extract (best of 3)",
            f"{cold:.2f} s",
            f"<= {MAX_COLD_START_S:g} s",
            ok(cold <= MAX_COLD_START_S),
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
    print(f"\n## pressfacts batch benchmark: {n} articles copied from {samples} samples\n")
    print(
        f"cores: {os.cpu_count()}; load average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}"
    )
    print("(times include each command's start-up; other work on the machine slows every figure)\n")
    print("| measure | value | target | met |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
