"""Properties over arbitrary and mutated input: extraction always returns, every evidence span lies
inside the analysed text and says what the text says there, and the JSON validates as a Result."""

from __future__ import annotations

import json

from conftest import SAMPLE_ARTICLE, TRIAL_CONTEXT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressfacts.api import extract, extract_document
from pressfacts.errors import InputError
from pressfacts.html import main_text
from pressfacts.model import Result
from pressfacts.readers import read_bytes

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words releases are made of, and the characters that trip readers up: text built from these
# reaches the families' patterns far more often than uniformly random text does.
WORDS = [
    "12", "14", "of", "patients", "(86%)", "86%", "per cent", "grade", "3", "≥3", "CRS", "ICANS", "no",
    "cytokine release syndrome", "responded", "complete response", "ORR", "Cohort 1", "Arm B", "n=9",
    "treated", "enrolled", "evaluable", "said", "Dr.", "CEO", "of Acme", '"', "“", "”", "’", "(", ")",
    "–", "—", ".", ",", ";", ":", "\n", "\n\n", "\t", " | ", "•", "\u00a0", "\u00ad", "\u200b", "\r\n",
    "10^6", "×", "fell by", "points", "from", "to", "week 24", "median", "-", "%",
]  # fmt: skip
release_text = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=120).map(" ".join)


def assert_valid(result: Result, text: str) -> None:
    """Evidence inside `text` and equal to it there; the JSON round-trips through the model."""
    for item in [*result.facts, *result.quotes]:
        evidence = item.evidence
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
    data = json.loads(result.to_json())
    assert Result.model_validate(data) == result


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_extracts(text: str) -> None:
    assert_valid(extract(text), text)


@SETTINGS
@given(release_text)
def test_release_like_text_extracts(text: str) -> None:
    text = TRIAL_CONTEXT + text
    assert_valid(extract(text), text)


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    try:
        document = read_bytes(data)
    except InputError as err:
        assert "\n" not in str(err) and err.exit_code > 0
        return
    assert document.text.strip()
    assert_valid(extract_document(document), document.text)


SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")[:6000]


@st.composite
def mutated_sample(draw: st.DrawFn) -> str:
    """The sample article with a few random cuts, insertions and swaps of typography."""
    text = SAMPLE
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "typography"]))
        if action == "insert":
            text = text[:where] + draw(st.sampled_from(WORDS) | st.text(max_size=20)) + text[where:]
        elif action == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 200)) :]
        elif action == "duplicate":
            text = text[:where] + text[where : where + draw(st.integers(1, 300))] + text[where:]
        else:
            plain, fancy = draw(st.sampled_from([(" ", "\u00a0"), ("'", "’"), ("-", "–"), ("\n", "\r\n")]))
            text = text.replace(plain, fancy)
    return text


@SETTINGS
@given(mutated_sample())
def test_mutated_samples_extract(text: str) -> None:
    assert_valid(extract(text), text)


@SETTINGS
@given(mutated_sample(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_mutated_samples_read_in_any_encoding(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    try:
        document = read_bytes(data)
    except InputError:  # e.g. a mutation that left only white space
        return
    assert_valid(extract_document(document), document.text)


TAGS = ["p", "div", "h2", "li", "ul", "table", "tr", "td", "nav", "footer", "script", "sup", "br", "span"]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(TAGS), release_text), max_size=12))
def test_any_html_yields_text(parts: list[tuple[str, str]]) -> None:
    page = "<html><body>" + "".join(f"<{tag}>{text}</{tag}>" for tag, text in parts) + "</body></html>"
    assert isinstance(main_text(page), str)
