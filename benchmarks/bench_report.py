"""Benchmark of `pressfacts report`: time and size over 1,000 articles, and how the page behaves in a browser.

    .venv/bin/python benchmarks/bench_report.py [--articles 1000] [--jobs 2] [--no-browser]

Builds a folder of N articles by copying the sample articles (samples/*.txt|html) round-robin,
then times, each as a fresh process:
  1. `pressfacts report FOLDER` (extraction included, pages written);
  2. `pressfacts batch FOLDER -o facts.jsonl`, then `pressfacts report facts.jsonl` (the report alone);
and prints the sizes of the report and of its article pages. With Chromium at /usr/bin/chromium
(and Playwright), it also opens the report and times loading it, sorting a column and filtering.
Figures depend on the machine's load: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
PRESSFACTS = Path(sys.executable).with_name("pressfacts")
if not PRESSFACTS.exists():
    PRESSFACTS = Path(shutil.which("pressfacts") or "pressfacts")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def build_folder(target: Path, count: int) -> None:
    """`count` articles in 20 subfolders, copied round-robin from the samples."""
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    for i in range(count):
        sub = target / f"part-{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        sample = samples[i % len(samples)]
        shutil.copyfile(sample, sub / f"article-{i:05d}{sample.suffix}")


def timed(*args: str) -> float:
    """Seconds one `pressfacts` command takes; a command that fails stops the benchmark (no figure for it)."""
    started = time.perf_counter()
    run = subprocess.run(
        [str(PRESSFACTS), *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if run.returncode not in (0, 1):  # 1: batch had an article fail, which its output records
        sys.exit(f"pressfacts {' '.join(args)}: exit {run.returncode}\n{run.stderr.decode(errors='replace')}")
    return time.perf_counter() - started


def megabytes(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def browser_figures(report: Path) -> dict[str, str]:
    """Load, sort and filter times of the report in headless Chromium (ms)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(report.as_uri(), wait_until="load")
        load_ms = (time.perf_counter() - started) * 1000
        sort_ms = page.evaluate(
            """() => { const t = performance.now();
                       document.querySelectorAll('#readouts th')[4].click();
                       return performance.now() - t; }"""
        )
        filter_ms = page.evaluate(
            """() => { const input = document.getElementById('filter'); const t = performance.now();
                       input.value = 'lupus'; input.dispatchEvent(new Event('input'));
                       return performance.now() - t; }"""
        )
        shown = page.text_content("#shown")
        browser.close()
    return {
        "browser: load report (ms)": f"{load_ms:.0f}",
        "browser: sort by treated (ms)": f"{sort_ms:.0f}",
        "browser: filter 'lupus' (ms)": f"{filter_ms:.0f} ({shown})",
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-browser", action="store_true")
    options = parser.parse_args()
    jobs = str(options.jobs)
    figures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-report-") as scratch:
        root = Path(scratch)
        folder = root / "articles"
        build_folder(folder, options.articles)
        report = root / "report.html"
        seconds = timed("report", str(folder), "-o", str(report), "--jobs", jobs)
        pages = sorted((root / "report-pages").rglob("*.html"))
        rows = report.read_text(encoding="utf-8").count("<tr>") - 1  # less the heading row
        figures["report FOLDER (extraction included), s"] = f"{seconds:.1f}"
        figures["report size, MB"] = f"{megabytes([report]):.2f} ({rows} rows)"
        figures["article pages written, MB"] = f"{megabytes(pages):.1f} ({len(pages)} pages)"
        facts = root / "facts.jsonl"
        figures["batch FOLDER -o facts.jsonl, s"] = (
            f"{timed('batch', str(folder), '-o', str(facts), '-q', '-j', jobs):.1f}"
        )
        figures["report facts.jsonl (pages written), s"] = (
            f"{timed('report', str(facts), '-o', str(root / 'r2.html')):.1f}"
        )
        no_pages = timed("report", str(facts), "-o", str(root / "r3.html"), "--no-pages")
        figures["report facts.jsonl --no-pages, s"] = f"{no_pages:.1f}"
        if not options.no_browser and CHROMIUM.exists():
            figures.update(browser_figures(report))
        load = os.getloadavg()[0]
        print(f"pressfacts report over {options.articles} articles (--jobs {jobs}), load {load:.1f}\n")
        print("| measure | value |\n| --- | --- |")
        for name, value in figures.items():
            print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
