"""What the components share on one Doc: the custom attributes, and small typed records."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc


@dataclass
class Block:
    """One line of the article: a headline, heading, list item, table row or paragraph."""

    start: int
    end: int
    kind: str  # "headline", "heading", "bullet", "table_row", "paragraph"
    boilerplate: bool = False
    heading: int | None = None  # index of the heading this block stands under
    cells: list[tuple[int, int]] = field(default_factory=list)  # table rows: cell offsets


@dataclass
class Mention:
    """A cohort named in the text: the concept it names and where."""

    key: str  # the cohort's identity (e.g. "systemic sclerosis", "Cohort 1", "150 x 10^6")
    start: int
    end: int
    kind: str = "disease"  # "label" (Cohort 1, DL2, a dose), "trial" or "disease"


@dataclass
class CohortName:
    """How the article names one cohort: every surface form seen, and its kind."""

    kind: str
    forms: dict[str, int] = field(default_factory=dict)  # surface form -> times seen

    @property
    def name(self) -> str:
        """The form the article uses most (the longest on a tie), as written in running text
        ("systemic sclerosis", not the heading's "Systemic Sclerosis")."""
        counts: dict[str, int] = {}
        for form, times in self.forms.items():
            counts[form.lower()] = counts.get(form.lower(), 0) + times
        chosen = max(counts, key=lambda lower: (counts[lower], len(lower)))
        spellings = [form for form in self.forms if form.lower() == chosen]
        return min(spellings, key=lambda form: (sum(c.isupper() for c in form), form))

    @property
    def aliases(self) -> list[str]:
        name = self.name.lower()
        by_lower = {form.lower(): form for form in sorted(self.forms, reverse=True)}
        return sorted(form for lower, form in by_lower.items() if lower != name)


@dataclass
class Found:
    """A fact read from the text, before cohorts are settled and duplicates merged."""

    type: str
    start: int
    end: int
    fields: dict[str, Any]
    cohort: str | None = None  # the cohort key, settled by the assembler
    block_kind: str = "paragraph"
    trials: frozenset[str] = frozenset()  # trials named in the fact's line (is this a two-trial article?)


@dataclass
class FoundQuote:
    text: str
    speaker: str
    title: str | None
    organization: str | None
    start: int
    end: int


EXTENSIONS: dict[str, Any] = {
    "text": None,  # doc.text, taken once: spaCy rebuilds it from every token on each access
    "norm": None,  # the normalised text (same length as doc.text)
    "blocks": None,  # list[Block]
    "block_starts": None,  # list[int], for bisect
    "sentence_offsets": None,  # list[(start, end)]: every sentence's character offsets
    "abbreviations": None,  # dict short form -> long form
    "cohort_names": None,  # dict cohort key -> CohortName
    "mentions": None,  # Mentions (sorted by start)
    "sentences": None,  # list[Sentence]: the readable sentences with their cohorts
    "found": None,  # list[Found]
    "found_quotes": None,  # list[FoundQuote]
    "about_trial": True,  # is the article a report of a clinical trial (pressfacts_relevance)
    "study": None,  # dict
    "facts": None,  # list of output facts (pressfacts component)
    "quotes": None,  # list of output quotes (pressfacts component)
    "cohorts": None,  # list of output cohorts (pressfacts component)
}


def register_extensions() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


class Mentions(list[Mention]):
    """The cohort mentions of a Doc, sorted by start, with the starts kept for bisection: a lookup costs
    the mentions it finds, not all of them (an article of many short lines has one per line)."""

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        super().__init__(sorted(mentions, key=lambda m: m.start))
        self.starts = [m.start for m in self]
        self.longest = max((m.end - m.start for m in self), default=0)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start between two character offsets."""
        return self[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that lie between two character offsets."""
        return [m for m in self.starting_in(start, end) if m.end <= end]

    def covering(self, position: int) -> list[Mention]:
        """The mentions whose text holds character `position`."""
        return [m for m in self.starting_in(position - self.longest, position + 1) if position < m.end]


def doc_mentions(doc: Doc) -> Mentions:
    """`doc._.mentions`, or none before pressfacts_cohorts has run."""
    return doc._.mentions if doc._.mentions is not None else Mentions()


def block_index(doc: Doc, char: int) -> int:
    """Index of the block holding character `char`."""
    return max(0, bisect_right(doc._.block_starts, char) - 1)


def block_at(doc: Doc, char: int) -> Block:
    return doc._.blocks[block_index(doc, char)]
