"""FastRegex only skips what cannot match: every pattern finds over every sentence what the plain regex finds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressfacts.fastregex import FastRegex, fast_regex, required_literals
from pressfacts.pipeline import default_pipeline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\b(?:fell|rose)\s+by\s\d+", {"fell", "rose"}),  # a branch: one of its words
        (r"(?<![\w.])(?P<n>\d+)\s+of (?:whom|them|these)\b", {"them", "these", "whom"}),
        (r"\d+\s?(?:%|percent)", {"%", "percent"}),
        (r"complete\s+response", {"complete"}),  # the longer run of the two
        (r"(?-i:CR)s?\b", {"cr"}),  # lower-cased: checked against the lower-cased text
        (r"(?:x|y)(?=abcd)", {"abcd"}),  # what a lookahead sees is in the text
        (r"(?:ab)+c", {"ab"}),  # repeated at least once
        (r"(?:ab)*c", {"c"}),  # not required: the next best
        (r"a|b?", None),  # an alternative may match nothing
        (r"(?!never)\w+", None),  # a negative lookahead requires nothing
        (r"caf\u00e9 au lait", {" au lait"}),  # only ASCII runs: case folding of others differs
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    found = required_literals(pattern, re.I)
    assert (None if found is None else set(found)) == literals


def test_ignorecase_letters_outside_ascii_still_match() -> None:
    # re.IGNORECASE matches the Kelvin sign to "k" and a dotless i to "i": the literal test must let them by.
    regex = fast_regex(r"\bkinase\b", re.I, number_first=False)
    text = "The \u212aınase inhibitor was given to every patient in the expansion cohort of the study."
    assert isinstance(regex, FastRegex)
    assert regex.search(text) is not None and regex.search(text).group(0) == "\u212aınase"


def _fast_regexes(value: object, seen: set[int]) -> Iterator[FastRegex]:
    """Every FastRegex held by a pipeline component, however deep in its lists and dicts."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, FastRegex):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _fast_regexes(item, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _fast_regexes(item, seen)
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("pressfacts"):
        yield from _fast_regexes(vars(value), seen)


def _sentences() -> list[str]:
    nlp = default_pipeline()
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        texts += [sentence.text for sentence in doc._.sentences]
    return texts


def test_every_pattern_finds_what_the_plain_regex_finds() -> None:
    regexes = [r for _, pipe in default_pipeline().pipeline for r in _fast_regexes(pipe, set())]
    assert len(regexes) > 100  # the pipeline's patterns, not an empty walk
    assert any(r.number_first for r in regexes) and any(r.literals for r in regexes)
    sentences = _sentences()
    for regex in regexes:
        for text in sentences:
            fast = [(m.span(), m.groups()) for m in regex.finditer(text)]
            plain = [(m.span(), m.groups()) for m in regex.regex.finditer(text)]
            assert fast == plain, (regex.pattern[:80], text)
            middle = len(text) // 2
            fast_search, plain_search = regex.search(text, middle), regex.regex.search(text, middle)
            assert (fast_search and fast_search.span()) == (plain_search and plain_search.span())
