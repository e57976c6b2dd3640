"""What the fact-family components share: the sentences to read, and how a fact is recorded."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from pressfacts.doc import Block, Found, block_at
from pressfacts.numbers import NUMBER, PERCENT
from pressfacts.patterns import pattern_path

# Placeholders a pattern file may use inside its regexes.
FRAGMENTS = {"{NUMBER}": NUMBER, "{PERCENT}": PERCENT}


def load_patterns(name: str, patterns_path: str | None = None) -> dict[str, Any]:
    """A family's pattern file (JSON), from the user's path or ours."""
    return json.loads(Path(patterns_path or pattern_path(name)).read_text(encoding="utf-8"))


def compile_regex(pattern: str | list[str], flags: int = re.I) -> re.Pattern[str]:
    """Compile a pattern from a pattern file; a list is one alternative per entry."""
    if isinstance(pattern, list):
        pattern = "|".join(f"(?:{p})" for p in pattern)
    for placeholder, fragment in FRAGMENTS.items():
        pattern = pattern.replace(placeholder, fragment)
    return re.compile(pattern, flags)


@dataclass
class Sentence:
    """A sentence to read facts from: its span, normalised text, block and cohort."""

    span: Span
    text: str  # normalised text of the sentence
    start: int  # its offset in the document
    block: Block
    cohort: str | None = None  # the cohort key it is about (pressfacts_cohorts)


def readable_sentences(doc: Doc) -> list[Sentence]:
    """Every sentence outside boilerplate, with its normalised text and cohort: built once per Doc
    (by pressfacts_cohorts) and read by every fact family."""
    if doc._.sentences is None:
        doc._.sentences = [s for s in all_sentences(doc) if not s.block.boilerplate]
    return doc._.sentences


def all_sentences(doc: Doc) -> Iterator[Sentence]:
    """Every non-blank sentence of the Doc, boilerplate included."""
    norm = doc._.norm
    for sent in doc.sents:
        text = norm[sent.start_char : sent.end_char]
        if text.strip():
            yield Sentence(sent, text, sent.start_char, block_at(doc, sent.start_char))


def record(doc: Doc, fact_type: str, start: int, end: int, cohort: str | None, **fields: Any) -> None:
    """Record one fact read from `doc.text[start:end]`."""
    if doc._.found is None:
        doc._.found = []
    block = block_at(doc, start)
    lines = [block] if block.heading is None else [block, doc._.blocks[block.heading]]
    trials = frozenset(
        m.key for m in doc._.mentions if m.kind == "trial" and any(b.start <= m.start < b.end for b in lines)
    )
    doc._.found.append(Found(fact_type, start, end, fields, cohort, block.kind, trials))
