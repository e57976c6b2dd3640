"""Readers: real files in every encoding and shape releases reach users in, read as the same text."""

from __future__ import annotations

import codecs
from pathlib import Path

import ftfy
import pytest
from conftest import TRIAL_CONTEXT
from hypothesis import given, settings
from hypothesis import strategies as st

from pressfacts import extract
from pressfacts.html import main_text
from pressfacts.readers import read_bytes, read_path
from pressfacts.text import _FTFY, normalize, repair, strip_invisible

SENTENCE = "“Twelve of 14 patients (86%) responded,” she said – it’s the café’s naïve cohort."


# ---------------------------------------------------------------- encodings, from real files
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", SENTENCE.encode("utf-8")),
        ("utf8-bom.txt", codecs.BOM_UTF8 + SENTENCE.encode("utf-8")),
        ("utf16.txt", SENTENCE.encode("utf-16")),  # Python writes the BOM
        ("utf16-be.txt", codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be")),
        ("utf32.txt", SENTENCE.encode("utf-32")),
        ("cp1252.txt", SENTENCE.encode("cp1252")),  # smart quotes as bytes 0x93/0x94/0x92
    ],
)
def test_every_encoding_reads_as_the_same_text(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read_path(path).text == SENTENCE


@pytest.mark.parametrize(
    "text",
    [
        "The naïve cohort at the Hôpital in Zürich: 12 patients ± 3.",
        "Résultats : 12 patients traités, réponse de 45 % à la semaine 24.",
        "Müller said 14 of 16 patients (87.5%) were in remission; São Paulo site.",
    ],
)
def test_latin1_reads_as_written(tmp_path: Path, text: str) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    assert read_path(path).text == text


def test_an_html_page_declaring_its_charset_reads_in_it() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>It’s 45% – “yes”.</p></body></html>'
    assert "It’s 45% – “yes”." in read_bytes(page.encode("cp1252")).text


# ---------------------------------------------------------------- repair: mojibake, line ends, invisibles
@pytest.mark.parametrize(
    ("given", "analysed"),
    [
        ("It\u00e2\u20ac\u2122s a 45% response", "It’s a 45% response"),  # UTF-8 read as cp1252
        ("12\u00c2\u00a0patients", "12\u00a0patients"),  # "Â " mojibake of a no-break space
        ("caf\u00c3\u00a9 cohort", "café cohort"),
        ("line one\r\nline two\r\n", "line one\nline two\n"),  # Windows
        ("line one\rline two\r", "line one\nline two\n"),  # old Mac
        ("treat\u00adment", "treatment"),  # soft hyphen
        ("twelve\u200b patients\ufeff", "twelve patients"),  # zero-width space, stray BOM
        ("ﬁve patients", "five patients"),  # ligature from a PDF copy
        ("“Quoted” – as written", "“Quoted” – as written"),  # typography stays: normalize reads it
    ],
)
def test_repair(given: str, analysed: str) -> None:
    assert repair(given) == analysed


# Characters of the plain text that skips ftfy, and of the mojibake and breaks ftfy must see.
PLAIN = "ab Z09%.,\n\t\u00a0\u00a9\u00ae\u00b0\u00b1\u00b2\u00d7\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2122\u2264\u2265\u25aa"
TROUBLE = "\u00c2\u00c3\u00e2\u20ac\u00a2\u00ac\u221a\r\u2028\ufb01\uff21\u0301\x85"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=PLAIN + TROUBLE, max_size=40))
def test_repair_skips_ftfy_only_when_ftfy_would_change_nothing(text: str) -> None:
    assert repair(text) == strip_invisible(ftfy.fix_text(text, _FTFY))


# ---------------------------------------------------------------- typography: same length, plain forms
@pytest.mark.parametrize(
    ("given", "plain"),
    [
        ("12\u00a0patients", "12 patients"),
        ("10\u2009000 cells", "10 000 cells"),
        ("45\u202f%", "45 %"),
        ("“yes” ‘no’ „ja“ «oui»", '"yes" \'no\' "ja" "oui"'),
        ("grade 3–4, 2—3, −5", "grade 3-4, 2-3, -5"),
        ("1.0 × 10^6", "1.0 x 10^6"),
        ("• item", "* item"),
        ("63·0%", "63.0%"),
        ("≥3 and ≤2", "≥3 and ≤2"),
        ("a\rb", "a\nb"),
    ],
)
def test_normalize_is_plain_and_length_preserving(given: str, plain: str) -> None:
    assert normalize(given) == plain
    assert len(normalize(given)) == len(given)


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve of 14 patients (86%) achieved a complete response.",
        "Twelve of 14\u00a0patients (86\u2009%) achieved a complete response.",
        "Twelve of 14 patients (86 per cent) achieved a complete response.",
        "Twelve of 14 patients (86\u00a0per\u00a0cent) achieved a com\u00adplete response.",
    ],
)
def test_typography_reads_as_plain_and_evidence_indexes_the_analysed_text(sentence: str) -> None:
    text = TRIAL_CONTEXT + read_bytes(sentence.encode("utf-8")).text
    facts = [f for f in extract(text).facts if f.type == "response_rate"]
    assert [f.value for f in facts] == [86]
    for fact in facts:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text


# ---------------------------------------------------------------- HTML: the article, one block a line
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Acme CAR-T Puts Lupus Into Remission | Trial News</title>
<script>var tracking = "12 of 14 patients";</script><style>p { color: red }</style></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. Accept all cookies or manage
your preferences in our privacy settings.</p><button>Accept all</button></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>Acme CAR-T Puts Lupus Into Remission in Phase 1 Trial</h1>
<p>Acme Bio said on Monday that its CD19-directed CAR T-cell therapy, ACM-101, put 12 of 14 patients with
systemic lupus erythematosus into remission in a phase 1 trial presented at the annual meeting.</p>
<h2>Results by cohort</h2>
<p>Patients received 1 x 10<sup>6</sup> cells per kilogram after lymphodepletion.<br>The cohorts were dosed in turn.</p>
<table><tr><th>Cohort</th><th>Patients</th><th>Remission</th></tr>
<tr><td>SLE</td><td>8</td><td>100%</td></tr><tr><td>Lupus nephritis</td><td></td><td>67%</td></tr></table>
<ul><li>No patient developed grade 3 or higher cytokine release syndrome.</li>
<li>One patient had grade 1 ICANS, which resolved within a day.</li></ul>
<p>“These remissions have lasted without any immunosuppressant,” said Dr. Jane Roe, the trial’s lead investigator
at the University Hospital, who presented the data to a packed room of rheumatologists and immunologists.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Rival CAR-T hits 95% response in myeloma</a></li>
<li><a href="/b">Why cell therapy slots remain scarce</a></li></ul></aside></main>
<footer><p>© 2025 Trial News Media. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def page_text() -> str:
    return main_text(PAGE)


@pytest.mark.parametrize(
    "line",
    [
        "Acme CAR-T Puts Lupus Into Remission in Phase 1 Trial",
        "Results by cohort",
        "Patients received 1 x 10^6 cells per kilogram after lymphodepletion.",  # not "106"
        "The cohorts were dosed in turn.",  # <br> breaks the line
        "| Cohort | Patients | Remission |",
        "| SLE | 8 | 100% |",
        "| Lupus nephritis | - | 67% |",  # an empty cell keeps its column
        "- No patient developed grade 3 or higher cytokine release syndrome.",
        "- One patient had grade 1 ICANS, which resolved within a day.",
    ],
)
def test_html_keeps_headings_paragraphs_rows_and_items_one_a_line(page_text: str, line: str) -> None:
    assert line in page_text.split("\n")


@pytest.mark.parametrize(
    "boilerplate",
    ["cookies", "Accept all", "Home", "Subscribe", "Related stories", "Rival CAR-T", "All rights reserved",
     "Privacy", "tracking", "color: red"],
)  # fmt: skip
def test_html_drops_navigation_banners_related_links_and_footers(page_text: str, boilerplate: str) -> None:
    assert boilerplate not in page_text


def test_html_evidence_indexes_the_text_show_text_prints(tmp_path: Path) -> None:
    from pressfacts.api import extract_document

    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    document = read_path(path)
    assert document.source.format == "html"
    result = extract_document(document)
    assert result.facts, "the page's facts are read"
    for item in [*result.facts, *result.quotes]:
        assert document.text[item.evidence.start : item.evidence.end] == item.evidence.text


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>12 of 14 patients responded.</p>", "12 of 14 patients responded."),
        ("<h2>Safety</h2><ul><li>No CRS.</li><li>No ICANS.</li></ul>", "Safety\n- No CRS.\n- No ICANS."),
        ("<table><tr><td>SLE</td><td>8</td></tr></table>", "| SLE | 8 |"),
    ],
)
def test_a_fragment_too_small_for_article_detection_is_read_whole(fragment: str, text: str) -> None:
    assert main_text(fragment) == text


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>Hi there.</p></body></html>", "html"),
        ("  \n<html><p>Hi</p></html>", "html"),
        ("<p>Twelve patients responded.</p>", "html"),
        ("Twelve patients <3 mg/kg> responded.", "text"),
        ("The <b> tag is bold.", "text"),
    ],
)
def test_html_is_told_from_text_by_its_content(text: str, is_html: str) -> None:
    assert read_bytes(text.encode()).source.format == is_html


def test_a_txt_file_is_text_whatever_it_starts_with(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("<p>Twelve patients responded.</p>", encoding="utf-8")
    assert read_path(path).text == "<p>Twelve patients responded.</p>"


DEV = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize("stem", ["auto-07", "auto-13", "onc-07", "onc-12"])
def test_dev_html_articles_read_as_their_article_text(stem: str) -> None:
    text = read_path(DEV / f"{stem}.html").text
    lines = text.split("\n")
    assert len(lines) >= 10, "one block a line"
    for boilerplate in (
        "cookie",
        "Subscribe",
        "Sign up",
        "Privacy",
        "All rights reserved",
        "Related",
        "More in",
    ):
        assert boilerplate.lower() not in text.lower(), boilerplate
