"""The pages in a real browser: headless Chromium (Debian's package) driven by Playwright.

Skipped with a printed reason when there is no browser here; in CI (CI set) a missing browser fails.
Screenshots go to tests/output/ (copy them to docs/ to refresh the README's).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from conftest import SAMPLE_ARTICLE, SAMPLES, extracted

from pressfacts.report import build_report, show_page

CHROMIUM = Path(os.environ.get("PRESSFACTS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in CI and containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parent / "output"
VIEWPORT = {"width": 1400, "height": 900}
SCRIPT = "<script>alert(1)</script>"
# A trial report whose text, quote and cohort carry a script tag: the page must show it, never run it.
HOSTILE_ARTICLE = f"""Acme reports phase 1 results of AC-101 {SCRIPT} in lupus

Results of the phase 1 trial of the CAR T-cell therapy AC-101 were presented.
Twelve patients with systemic lupus erythematosus {SCRIPT} were treated.
Ten of 12 patients (83%) achieved a complete response. No grade 3 or higher CRS was observed.
"{SCRIPT} These results are remarkable," said Jane Doe, M.D., chief medical officer of Acme.
"""


def _unavailable() -> str | None:
    if not CHROMIUM.exists():
        return f"no browser: {CHROMIUM} is absent (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no playwright: pip install -e '.[test]'"
    return None


def require_browser() -> None:
    """Skip (saying why) when there is no browser here; fail instead in CI, where it must run."""
    reason = _unavailable()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: the browser tests must run in CI")
    print(f"\nskipping the browser tests: {reason}", file=sys.stderr)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.dialogs = []  # every alert/confirm/prompt the page opens
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def write_show_page(article: Path, folder: Path) -> Path:
    target = folder / f"{article.stem}.html"
    target.write_text(show_page(article), encoding="utf-8")
    return target


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getBoundingClientRect();
                   return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; }""",
    )


def screenshot(page, name: str, full_page: bool = False) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / name), full_page=full_page)


# --- the evidence page ---------------------------------------------------------------------------


def test_one_highlight_per_fact_and_quote_with_its_id(page, tmp_path: Path) -> None:
    data = extracted(SAMPLE_ARTICLE)
    page.goto(write_show_page(SAMPLE_ARTICLE, tmp_path).as_uri())
    ids = page.eval_on_selector_all("[data-fact-id]", "els => els.map(el => el.dataset.factId)")
    expected = [item["id"] for item in data["facts"] + data["quotes"]]
    assert len(ids) == len(data["facts"]) + len(data["quotes"])
    assert sorted(ids) == sorted(expected)
    screenshot(page, "show-top.png")


def test_the_page_shows_the_analysed_text_unchanged_with_boilerplate_greyed(page, tmp_path: Path) -> None:
    from pressfacts.readers import read_path

    page.goto(write_show_page(SAMPLE_ARTICLE, tmp_path).as_uri())
    assert page.text_content("article.article") == read_path(SAMPLE_ARTICLE).text
    assert page.locator(".skipped").count() > 0


def test_each_highlight_holds_its_evidence_text(page, tmp_path: Path) -> None:
    data = extracted(SAMPLE_ARTICLE)
    page.goto(write_show_page(SAMPLE_ARTICLE, tmp_path).as_uri())
    for item in data["facts"] + data["quotes"]:
        shown = page.eval_on_selector_all(
            f'[data-fact-id="{item["id"]}"], [data-fact-part="{item["id"]}"]',
            "els => els.map(el => el.textContent).join('')",
        )
        assert item["evidence"]["text"] in shown or shown in item["evidence"]["text"], item["id"]


def test_clicking_a_row_brings_its_evidence_into_view_and_marks_it(page, tmp_path: Path) -> None:
    data = extracted(SAMPLE_ARTICLE)
    last = max(data["facts"] + data["quotes"], key=lambda item: item["evidence"]["start"])
    page.goto(write_show_page(SAMPLE_ARTICLE, tmp_path).as_uri())
    mark = f'[data-fact-id="{last["id"]}"]'
    assert not in_view(page, mark), "the test needs a fact below the first screen"
    page.click(f'.fact-row[data-target="{last["id"]}"]')
    page.wait_for_function(
        "sel => { const r = document.querySelector(sel).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=mark,
    )
    assert in_view(page, mark)
    assert "current" in page.get_attribute(mark, "class")
    page.hover(mark)
    screenshot(page, "show.png")


def test_hovering_a_highlight_shows_the_normalised_fact(page, tmp_path: Path) -> None:
    data = extracted(SAMPLE_ARTICLE)
    fact = next(f for f in data["facts"] if f["type"] == "cohort_size")
    page.goto(write_show_page(SAMPLE_ARTICLE, tmp_path).as_uri())
    page.hover(f'[data-fact-id="{fact["id"]}"]')
    tip = page.text_content("#tip")
    assert page.is_visible("#tip")
    assert "cohort size" in tip and str(fact["value"]) in tip and fact["population"] in tip


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_script_in_the_article_is_shown_and_never_run(page, tmp_path: Path, suffix: str) -> None:
    article = tmp_path / f"hostile{suffix}"
    if suffix == ".html":  # in a page, the script tag must be escaped to be article text at all
        body = "".join(f"<p>{line}</p>" for line in HOSTILE_ARTICLE.replace("<", "&lt;").splitlines())
        article.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    else:
        article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    page.goto(write_show_page(article, tmp_path).as_uri())
    for mark in page.query_selector_all("[data-fact-id]"):
        mark.hover()
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert SCRIPT in page.text_content("article.article")
    assert page.locator("script").count() == 1  # the page's own


# --- the report ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    pages = folder / "report-pages"

    def write_page(name: PurePosixPath, html: str) -> None:
        (pages / name).parent.mkdir(parents=True, exist_ok=True)
        (pages / name).write_text(html, encoding="utf-8")

    target = folder / "report.html"
    target.write_text(build_report(SAMPLES, pages.name, write_page, jobs=2), encoding="utf-8")
    return target


def expected_rows(data: dict) -> int:
    """Article × cohort: the named cohorts, plus the whole study when a fact has none or nothing is named."""
    cohorts = {c["name"] for c in data["cohorts"]} | {f["cohort"] for f in data["facts"] if f["cohort"]}
    whole_study = not data["cohorts"] or any(f["cohort"] is None for f in data["facts"])
    return len(cohorts) + whole_study


def test_the_report_has_a_row_per_article_and_cohort_and_a_chart(page, report: Path) -> None:
    articles = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".html"))  # the report recurses
    page.goto(report.as_uri())
    assert page.locator("#readouts tbody tr").count() == sum(expected_rows(extracted(a)) for a in articles)
    sources = set(
        page.eval_on_selector_all("#readouts tbody td:first-child", "els => els.map(e => e.textContent)")
    )
    assert sources == {str(a) for a in articles}
    assert page.locator("#landscape svg").count() == 1
    assert page.locator("#landscape svg text", has_text="CRS").count() > 0
    screenshot(page, "report.png")
    screenshot(page, "report-full.png", full_page=True)


def test_the_report_filters_and_sorts_its_rows(page, report: Path) -> None:
    page.goto(report.as_uri())
    total = page.locator("#readouts tbody tr").count()
    page.fill("#filter", "lupus")
    visible = page.locator("#readouts tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("lupus" in text.lower() for text in visible.all_text_contents())
    page.fill("#filter", "")
    page.click("#readouts th:has-text('treated')")
    treated = page.eval_on_selector_all(
        "#readouts tbody tr td:nth-child(5)",
        "els => els.map(e => e.dataset.sort).filter(Boolean).map(Number)",
    )
    assert len(treated) > 2 and treated == sorted(treated)
    page.click("#readouts th:has-text('treated')")
    treated = page.eval_on_selector_all(
        "#readouts tbody tr td:nth-child(5)",
        "els => els.map(e => e.dataset.sort).filter(Boolean).map(Number)",
    )
    assert treated == sorted(treated, reverse=True)


def test_a_source_links_to_its_evidence_page(page, report: Path) -> None:
    page.goto(report.as_uri())
    link = page.locator("#readouts tbody a", has_text=SAMPLE_ARTICLE.name).first
    link.click()
    page.wait_for_selector("article.article")
    data = extracted(SAMPLE_ARTICLE)
    assert page.locator("[data-fact-id]").count() == len(data["facts"]) + len(data["quotes"])


def test_the_report_reads_the_jsonl_batch_wrote(tmp_path: Path) -> None:
    from pressfacts.api import extract_path

    lines = [extract_path(a).model_dump_json() for a in (SAMPLE_ARTICLE, SAMPLES / "onc-01.txt")]
    lines.append(json.dumps({"source": {"path": "gone.txt"}, "error": "gone.txt: no such file"}))
    source = tmp_path / "facts.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written: list[str] = []
    html = build_report(source, "pages", lambda name, _: written.append(str(name)))
    assert written == ["medpath-bms-breakfree1.html", "onc-01.html"]
    assert 'href="pages/onc-01.html"' in html and "gone.txt: no such file" in html


@pytest.mark.parametrize(("ci", "outcome"), [(None, pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_a_missing_browser_skips_locally_but_fails_in_ci(monkeypatch, tmp_path: Path, ci, outcome) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no-chromium"):
        require_browser()
