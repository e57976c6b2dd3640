"""What the fact-family components share: the sentences to read, and how a fact is recorded."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc

from pressfacts.alternation import words_alternation
from pressfacts.doc import Block, Found, block_at, doc_mentions
from pressfacts.fastregex import OPENS_WITH_NUMBER, FastRegex, fast_regex
from pressfacts.numbers import NUMBER, PERCENT
from pressfacts.patterns import pattern_path

V = TypeVar("V")

# Placeholders a pattern file may use inside its regexes.
FRAGMENTS = {"{NUMBER}": NUMBER, "{PERCENT}": PERCENT}


def load_patterns(name: str, patterns_path: str | None = None) -> dict[str, Any]:
    """A family's pattern file (JSON), from the user's path or ours."""
    return json.loads(Path(patterns_path or pattern_path(name)).read_text(encoding="utf-8"))


def compile_regex(pattern: str | list[str], flags: int = re.I) -> re.Pattern[str] | FastRegex:
    """Compile a pattern from a pattern file; a list is one alternative per entry. The result skips
    sentences without the pattern's required words, and places where no number starts if the pattern
    opens with one (`FastRegex`)."""
    alternatives = pattern if isinstance(pattern, list) else [pattern]
    number_first = all(OPENS_WITH_NUMBER.match(p) for p in alternatives)
    pattern = "|".join(f"(?:{p})" for p in alternatives) if isinstance(pattern, list) else pattern
    for placeholder, fragment in FRAGMENTS.items():
        pattern = pattern.replace(placeholder, fragment)
    return fast_regex(pattern, flags, number_first)


@dataclass
class Sentence:
    """A sentence to read facts from: its normalised text, offset, block and cohort."""

    text: str  # normalised text of the sentence
    start: int  # its offset in the document
    block: Block
    block_index: int
    cohort: str | None = None  # the cohort key it is about (pressfacts_cohorts)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def readable_sentences(doc: Doc) -> list[Sentence]:
    """Every sentence outside boilerplate, with its normalised text and cohort: built once per Doc
    (by pressfacts_cohorts) and read by every fact family."""
    if doc._.sentences is None:
        doc._.sentences = [s for s in all_sentences(doc) if not s.block.boilerplate]
    return doc._.sentences


def all_sentences(doc: Doc) -> Iterator[Sentence]:
    """Every non-blank sentence of the Doc, boilerplate included."""
    norm, blocks, starts = doc._.norm, doc._.blocks, doc._.block_starts  # read once: `doc._` is slow
    for start, end in doc._.sentence_offsets:
        text = norm[start:end]
        if text.strip():
            index = max(0, bisect_right(starts, start) - 1)
            yield Sentence(text, start, blocks[index], index)


def record(doc: Doc, fact_type: str, start: int, end: int, cohort: str | None, **fields: Any) -> None:
    """Record one fact read from `doc.text[start:end]`."""
    if doc._.found is None:
        doc._.found = []
    block = block_at(doc, start)
    lines = [block] if block.heading is None else [block, doc._.blocks[block.heading]]
    mentions = doc_mentions(doc)
    trials = frozenset(m.key for b in lines for m in mentions.between(b.start, b.end) if m.kind == "trial")
    doc._.found.append(Found(fact_type, start, end, fields, cohort, block.kind, trials))


class Vocabulary(Generic[V]):
    """Surface forms mapped to values, matched as whole words: long forms ignoring case, short forms
    as written ("SLE", "MG"). The shipped forms are compiled once; an article's own forms (its
    abbreviations, trial names) go in a small second regex per Doc, since recompiling the whole
    alternation for every article would cost more than reading the article."""

    def __init__(
        self, long: dict[str, V], short: dict[str, V], regexes: tuple[re.Pattern[str], ...] = ()
    ) -> None:
        self.long = {form.lower(): value for form, value in long.items()}
        self.short = dict(short)
        self.regexes = regexes or tuple(r for r in (forms_regex(self.long, self.short),) if r)

    def with_forms(self, long: dict[str, V], short: dict[str, V]) -> Vocabulary[V]:
        """This vocabulary plus an article's own forms (the shipped regex is reused, not rebuilt)."""
        new_long = {form.lower(): v for form, v in long.items() if form.lower() not in self.long}
        new_short = {form: v for form, v in short.items() if form not in self.short}
        extra = forms_regex(new_long, new_short)
        regexes = (*self.regexes, extra) if extra else self.regexes
        return Vocabulary({**self.long, **new_long}, {**self.short, **new_short}, regexes)

    def lookup(self, surface: str) -> V | None:
        return self.short.get(surface, self.long.get(surface.lower()))

    def find(self, text: str) -> list[tuple[int, int, str, V]]:
        """(start, end, surface, value) of every form in `text`; of two that overlap, the longer."""
        matches = sorted(
            (m for regex in self.regexes for m in regex.finditer(text)), key=lambda m: (m.start(), -m.end())
        )
        found, reached = [], -1
        for match in matches:
            if match.start() >= reached:
                found.append((match.start(), match.end(), match.group(0), self.lookup(match.group(0))))
                reached = match.end()
        return found


def forms_regex(long: dict[str, Any], short: dict[str, Any]) -> re.Pattern[str] | None:
    """One whole-word regex over long forms (any case) and short forms (as written), longest first."""
    alternatives = []
    if long:
        alternatives.append(f"(?i:{words_alternation(long)})")
    if short:
        alternatives.append(words_alternation(short))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w]|-\w)") if alternatives else None
