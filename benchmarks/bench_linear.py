"""Time against input size, for real text and adversarial shapes, through the whole pipeline.

    .venv/bin/python benchmarks/bench_linear.py [--sizes 62500,125000,250000,500000,1000000] [--budget 60]
        [--stages] [SHAPE ...]

For each shape it prints seconds per size and the growth exponent between the two largest sizes
that finished (1.0 = linear, 2.0 = quadratic); with --stages, the slowest stages (reader, tokenizer,
each component) at the largest size. Each run is a forked child with a time budget: a shape stops
growing once a run is over budget.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import time
from collections.abc import Callable
from pathlib import Path

ARTICLE = (Path(__file__).resolve().parent.parent / "samples" / "medpath-bms-breakfree1.txt").read_text(
    encoding="utf-8"
)
SHAPES: dict[str, Callable[[int], str]] = {
    "article, repeated": lambda n: (ARTICLE * (n // len(ARTICLE) + 1))[:n],
    "digits": lambda n: "7" * n,
    "digits and spaces": lambda n: "1 " * (n // 2),
    "quote marks": lambda n: '"' * n,
    "curly quotes": lambda n: "“”" * (n // 2),
    "grade grade": lambda n: "grade " * (n // 6),
    "one word": lambda n: "x" * n,
    "nested brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "a fact, repeated": lambda n: "Grade 3 CRS occurred in 12 of 14 patients (86%). " * (n // 50),
    "short lines": lambda n: "Cohort 1\n" * (n // 9),
    "headed paragraphs": lambda n: "Cohort 1\nTwelve patients were dosed.\n" * (n // 37),
}


def _run(shape: str, size: int, queue: multiprocessing.Queue) -> None:
    from pressfacts.pipeline import default_pipeline
    from pressfacts.readers import read_bytes

    nlp = default_pipeline()
    stages: dict[str, float] = {}
    start = time.perf_counter()
    text = read_bytes(SHAPES[shape](size).encode("utf-8"), shape, max_chars=10 * size).text
    stages["reader"] = time.perf_counter() - start
    mark = time.perf_counter()
    doc = nlp.make_doc(text)
    stages["tokenizer"] = time.perf_counter() - mark
    for name, component in nlp.pipeline:
        mark = time.perf_counter()
        doc = component(doc)
        stages[name.removeprefix("pressfacts_")] = time.perf_counter() - mark
    queue.put((time.perf_counter() - start, stages))


def measure(shape: str, size: int, budget: float) -> tuple[float, dict[str, float]] | None:
    """Seconds and per-stage seconds for one run, or None when it is over budget."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_run, args=(shape, size, queue))
    child.start()
    child.join(budget)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if child.exitcode == 0 else (math.nan, {})


def _growth(times: list[float], sizes: list[int]) -> str:
    """The exponent k of time ~ size**k between the two largest sizes that finished."""
    if len(times) < len(sizes):
        return "over budget"
    if len(times) < 2 or times[-2] < 0.05:
        return ""
    return f"{math.log(times[-1] / times[-2]) / math.log(sizes[-1] / sizes[-2]):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("shapes", nargs="*", default=list(SHAPES), help="shapes to time (default: all)")
    parser.add_argument(
        "--sizes", default="62500,125000,250000,500000,1000000", help="characters, comma-separated"
    )
    parser.add_argument("--budget", type=float, default=60.0, help="seconds one run may take")
    parser.add_argument("--stages", action="store_true", help="print the slowest stages at the largest size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from pressfacts.pipeline import default_pipeline

    default_pipeline()  # built once; the forked runs inherit it
    print(f"{'shape':20s}" + "".join(f"{s:>10,}" for s in sizes) + "   growth")
    for shape in args.shapes:
        times: list[float] = []
        stages: dict[str, float] = {}
        cells = []
        for size in sizes:
            outcome = measure(shape, size, args.budget)
            if outcome is None:
                cells.append(f"{'>' + format(args.budget, '.0f'):>10s}")
                break
            seconds, stages = outcome
            times.append(seconds)
            cells.append(f"{seconds:10.2f}")
        cells += [f"{'':>10s}"] * (len(sizes) - len(cells))
        print(f"{shape:20s}" + "".join(cells) + f"   {_growth(times, sizes)}", flush=True)
        if args.stages and stages:
            slowest = sorted(stages.items(), key=lambda kv: -kv[1])[:4]
            print(
                f"{'':20s}  at {sizes[len(times) - 1]:,}: " + ", ".join(f"{k} {v:.2f}s" for k, v in slowest)
            )


if __name__ == "__main__":
    main()
