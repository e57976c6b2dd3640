"""pressfacts_sections: the article's lines as blocks, sentence starts, and boilerplate.

Every later component reads `doc._.blocks`; no fact is read from a boilerplate block.
Sentences never cross a line break, and within a line they end at . ! ? before a
capital, digit or quote mark (spaCy keeps "Dr.", "U.S." and decimals as one token).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.doc import Block
from pressfacts.patterns import pattern_path
from pressfacts.text import normalize

BULLET = re.compile(r"^\s*(?:[*\-+>]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s+")
# Cells of a table row, split at the first separator the line holds: pipes, tabs, or runs of
# 3+ spaces (space-aligned plain text). Pipe rows keep inner empty cells, so columns stay aligned.
CELL_SPLIT = (re.compile(r"\s*\|\s*"), re.compile(r"\s*\t[\t ]*"), re.compile(r"\s{3,}"))
CELL_MARKS = ("|", "\t", "")  # what each separator needs: most lines have neither, and are not searched
# A label with its content on the same line: "Media contact: Office of Communications".
INLINE_LABEL = re.compile(r"^[^:]{2,40}:\s*\S")
# A wire story's dateline ("BOSTON, Mass. -", "LEIDEN, the Netherlands, Aug. 7, 2025 -") starts the
# news again after boilerplate at the top.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40},[^-]{0,80}\s-\s")
NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|\(\d{1,2}\))\s+[A-Z]")
# A heading has no closing punctuation, but may end in brackets: "The ZENITH-SLE trial (Dr. Quintero)".
TERMINAL = re.compile(r"[.!?:;\"']\s*$")
SENTENCE_END = {".", "!", "?"}
LETTER_WITH_PERIOD = re.compile(r"[A-Z]\.")


class Sections:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = json.loads(Path(patterns_path or pattern_path("sections.json")).read_text(encoding="utf-8"))
        self.boilerplate_heading = re.compile(
            "|".join(f"(?:{p})" for p in data["boilerplate_headings"]), re.I
        )
        self.boilerplate_line = re.compile("|".join(f"(?:{p})" for p in data["boilerplate_lines"]), re.I)
        self.group_words = frozenset(data["group_words"])

    def __call__(self, doc: Doc) -> Doc:
        if doc._.text is None:  # a Doc from another tokenizer than ours
            doc._.text = doc.text
        norm = normalize(doc._.text)
        doc._.norm = norm
        blocks = self._blocks(norm)
        demote_lone_rows(blocks, norm)
        doc._.blocks = blocks
        doc._.block_starts = [b.start for b in blocks]
        doc._.sentence_offsets = self._sentences(doc)
        return doc

    def _blocks(self, norm: str) -> list[Block]:
        blocks: list[Block] = []
        heading: int | None = None
        in_boilerplate = False
        seen_body = False
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
            if kind == "heading" and not seen_body:
                kind = "headline"  # title lines: everything above the first paragraph or list
            if kind in ("heading", "headline"):
                opens_boilerplate = bool(self.boilerplate_heading.match(stripped))
                # "Media contact: Office of ..." is one boilerplate line, not a section heading.
                if opens_boilerplate and INLINE_LABEL.match(stripped):
                    kind = "paragraph"
                else:
                    in_boilerplate = opens_boilerplate
                    heading = len(blocks)
            elif DATELINE.match(stripped):
                in_boilerplate = False
            boilerplate = in_boilerplate or bool(self.boilerplate_line.match(stripped))
            blocks.append(Block(start, end, kind, boilerplate, heading, cells))
            seen_body = seen_body or (kind in ("paragraph", "bullet", "table_row") and not boilerplate)
        if not blocks:
            blocks.append(Block(0, 0, "paragraph"))
        return blocks

    @staticmethod
    def _kind(line: str) -> str:
        if is_row(line):
            return "table_row"
        words = line.split()
        # A title in capitals is a heading however long (an abstract's title, a wire headline).
        unterminated = not TERMINAL.search(line) and not line.startswith('"')
        short = unterminated and (len(words) <= 20 or in_capitals(line))
        if BULLET.match(line):
            # "2. The ZENITH-SLE trial" is a numbered heading, "- 12 patients were dosed" a list item.
            return "heading" if short and NUMBERED.match(line) else "bullet"
        return "heading" if short else "paragraph"

    @staticmethod
    def _cells(line: str, offset: int) -> list[tuple[int, int]]:
        return [(offset + start, offset + end) for start, end in cells_of(line)]

    def _sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """The (start, end) character offsets of every sentence, read from token offsets in arrays (Token
        objects are slow to make); the starts are also marked on the Doc in one array write."""
        text, norm = doc._.text, doc._.norm
        offsets, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        words = [text[start : start + length] for start, length in zip(offsets, lengths, strict=True)]
        first_tokens = [0] if words else []
        for i in range(1, len(words)):
            spaced = offsets[i - 1] + lengths[i - 1] < offsets[i]
            previous, before = words[i - 1], words[i - 2] if i > 1 else None
            if before and before.lower() in self.group_words and LETTER_WITH_PERIOD.fullmatch(previous):
                previous = "."  # "in Arm B. Grade 3": spaCy keeps "B." whole, as an initial; here it ends
            if starts_sentence(previous, spaced, words[i], before, norm[offsets[i]]):
                first_tokens.append(i)
        starts = numpy.full(len(doc), -1, dtype="int32")
        starts[first_tokens] = 1
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
        ends = [offsets[i - 1] + lengths[i - 1] for i in first_tokens[1:]] + [len(text)] * bool(words)
        return [(offsets[i], end) for i, end in zip(first_tokens, ends, strict=True)]


def starts_sentence(previous: str, spaced: bool, word: str, before: str | None, first: str) -> bool:
    """Whether `word` (first character `first`, normalised) opens a sentence: after a line break, or after
    . ! ? (and any closing quote or bracket) when a capital, digit or opening quote follows."""
    if "\n" in word or "\n" in previous:
        return True
    closes = previous in ('"', "'", ")") and before in SENTENCE_END
    if previous not in SENTENCE_END and not closes:
        return False
    if previous in ('"', "'") and not spaced:
        return False
    return first.isupper() or first.isdigit() or first in "\"'("


def in_capitals(line: str) -> bool:
    """A line written in capitals: four words or more, nine letters in ten upper case."""
    letters = [char for char in line if char.isalpha()]
    return len(line.split()) >= 4 and sum(char.isupper() for char in letters) >= 0.9 * len(letters)


def cells_of(line: str) -> list[tuple[int, int]]:
    """The cells of a stripped line (offsets into it); outer pipes ("| a | b |") make no cells."""
    separators = zip(CELL_SPLIT, CELL_MARKS, strict=True)
    separator = next((sep for sep, mark in separators if mark in line and sep.search(line)), None)
    if separator is None:
        return [(0, len(line))]
    cells, pos = [], 0
    for sep in separator.finditer(line):
        cells.append((pos, sep.start()))
        pos = sep.end()
    cells.append((pos, len(line)))
    return [cell for i, cell in enumerate(cells) if cell[0] < cell[1] or 0 < i < len(cells) - 1]


def is_row(line: str) -> bool:
    """A line laid out as table cells: 2+ pipes, a tab, or 3+ space-aligned cells, with 2+ cells filled."""
    filled = sum(start < end for start, end in cells_of(line))
    return filled >= 2 and (line.count("|") >= 2 or "\t" in line or filled >= 3)


def continues_table(run: list[Block], block: Block) -> bool:
    """Whether a row continues the table of `run`: same number of cells (a header may be one
    cell short, a blank stub over the row labels)."""
    width = len(run[-1].cells)
    return len(block.cells) == width or (len(run) == 1 and len(block.cells) == width + 1)


def demote_lone_rows(blocks: list[Block], norm: str) -> None:
    """A table is two or more adjacent rows; a lone row-like line ("Published May 14 | By Jane Roe |
    5-minute read", prose with wide spaces) is read as prose."""
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.kind == "table_row" and (not run or continues_table(run, block)):
            run.append(block)
            continue
        if len(run) == 1:
            run[0].kind = "bullet" if BULLET.match(norm[run[0].start : run[0].end]) else "paragraph"
            run[0].cells = []
        run = [block] if block is not None and block.kind == "table_row" else []


def tables(doc: Doc, rule: re.Pattern[str]) -> Iterator[list[Block]]:
    """The article's tables outside boilerplate: runs of adjacent table rows (see
    `continues_table`), header first, rules such as |---|---| left out; a header and a data row at least."""
    run: list[Block] = []
    for block in [*doc._.blocks, None]:
        is_row = block is not None and block.kind == "table_row" and not block.boilerplate
        if is_row and rule.match(doc._.norm[block.start : block.end]):
            continue
        if is_row and (not run or continues_table(run, block)):
            run.append(block)
            continue
        if len(run) >= 2:
            yield run
        run = [block] if is_row else []


@Language.factory("pressfacts_sections", default_config={"patterns_path": None})
def make_sections(nlp: Language, name: str, patterns_path: str | None) -> Sections:
    return Sections(nlp, name, patterns_path)
