"""pressfacts_sections: the article's lines as blocks, sentence starts, and boilerplate.

Every later component reads `doc._.blocks`; no fact is read from a boilerplate block.
Sentences never cross a line break, and within a line they end at . ! ? before a
capital, digit or quote mark (spaCy keeps "Dr.", "U.S." and decimals as one token).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.doc import Block
from pressfacts.patterns import pattern_path
from pressfacts.text import normalize

BULLET = re.compile(r"^\s*(?:[*\-+>]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s+")
# Cells of a table row: pipes, tabs, or runs of 3+ spaces (space-aligned plain-text tables).
CELL_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{3,}")
TERMINAL = re.compile(r"[.!?:;\"')\]]\s*$")
SENTENCE_END = {".", "!", "?"}


class Sections:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = json.loads(Path(patterns_path or pattern_path("sections.json")).read_text(encoding="utf-8"))
        self.boilerplate_heading = re.compile("|".join(f"(?:{p})" for p in data["boilerplate_headings"]), re.I)
        self.boilerplate_line = re.compile("|".join(f"(?:{p})" for p in data["boilerplate_lines"]), re.I)

    def __call__(self, doc: Doc) -> Doc:
        norm = normalize(doc.text)
        doc._.norm = norm
        blocks = self._blocks(norm)
        doc._.blocks = blocks
        doc._.block_starts = [b.start for b in blocks]
        self._sentence_starts(doc)
        return doc

    def _blocks(self, norm: str) -> list[Block]:
        blocks: list[Block] = []
        heading: int | None = None
        in_boilerplate = False
        seen_headline = False
        pos = 0
        for line in norm.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            if not stripped:
                continue
            lead = len(line) - len(line.lstrip())
            start, end = start + lead, start + lead + len(stripped)
            kind = self._kind(stripped)
            cells = self._cells(stripped, start) if kind == "table_row" else []
            if kind == "heading" and not seen_headline and len(stripped.split()) >= 5:
                kind, seen_headline = "headline", True
            if kind in ("heading", "headline"):
                in_boilerplate = bool(self.boilerplate_heading.match(stripped))
                heading = len(blocks)
            boilerplate = in_boilerplate or bool(self.boilerplate_line.match(stripped))
            blocks.append(Block(start, end, kind, boilerplate, heading, cells))
        if not blocks:
            blocks.append(Block(0, 0, "paragraph"))
        return blocks

    @staticmethod
    def _kind(line: str) -> str:
        if "|" in line and line.count("|") >= 2 or "\t" in line or len(CELL_SPLIT.split(line)) >= 3:
            return "table_row"
        if BULLET.match(line):
            return "bullet"
        words = line.split()
        if len(words) <= 14 and not TERMINAL.search(line) and not line.startswith('"'):
            return "heading"
        return "paragraph"

    @staticmethod
    def _cells(line: str, offset: int) -> list[tuple[int, int]]:
        cells, pos = [], 0
        for sep in CELL_SPLIT.finditer(line):
            if sep.start() > pos:
                cells.append((offset + pos, offset + sep.start()))
            pos = sep.end()
        if pos < len(line):
            cells.append((offset + pos, offset + len(line)))
        return cells

    @staticmethod
    def _sentence_starts(doc: Doc) -> None:
        norm = doc._.norm
        previous = None
        for token in doc:
            if previous is None:
                token.is_sent_start = True
            elif "\n" in previous.whitespace_ or "\n" in token.text or "\n" in previous.text:
                token.is_sent_start = True
            elif previous.text in SENTENCE_END or (
                previous.text in ('"', "'", ")") and previous.i > 0 and doc[previous.i - 1].text in SENTENCE_END
            ):
                first = norm[token.idx]
                token.is_sent_start = first.isupper() or first.isdigit() or first in "\"'("
                if previous.text in ('"', "'") and not previous.whitespace_:
                    token.is_sent_start = False
            else:
                token.is_sent_start = False
            previous = token


@Language.factory("pressfacts_sections", default_config={"patterns_path": None})
def make_sections(nlp: Language, name: str, patterns_path: str | None) -> Sections:
    return Sections(nlp, name, patterns_path)
