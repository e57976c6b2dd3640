"""pressfacts_tables: facts read from the article's tables.

A table is a run of `table_row` blocks (see pressfacts_sections); its first row is the
header (with the rows under it that hold no figures: a header wrapped over two lines, an
event over its grades). The header words (patterns/tables.json) say what a column holds: a cohort size
and its population, a response measure, a safety event and its grade, or a change in a
clinical measure. Each data row is a cohort, named by its label (the first cell); an
"All"/"Total" row holds whole-study facts. A table whose header names the cohorts and
whose row labels name the measures is read transposed (one column per cohort).
A row or column naming no cohort (and no total) gives no facts: precision first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.components.base import compile_regex, load_patterns, record
from pressfacts.components.cohorts import keys_between
from pressfacts.components.sections import tables
from pressfacts.doc import Block
from pressfacts.numbers import clean_value

Span = tuple[int, int]
# The pattern-file entries that are one regex each.
SINGLE_REGEXES = (
    "format_suffix",
    "counts_hint",
    "percent_hint",
    "points_hint",
    "safety_not",
    "definition",
    "total_row",
    "label_size",
    "empty_cell",
    "rule_row",
    "footnote_marks",
    "ungraded",
    "size_not",
)


@dataclass
class Column:
    """What a header cell (or, transposed, a row label) says its cells hold."""

    family: str  # "size", "response", "safety", "endpoint" or "definition"
    fields: dict[str, Any]  # population / measure / event and grade / measure and unit
    counts: bool = False  # the header says "n"
    percents: bool = False  # the header says "%"


@dataclass
class Group:
    """One cohort's cells: (what the cell holds, the cell, the evidence span)."""

    cohort: str | None
    cells: list[tuple[Column, Span, Span]] = field(default_factory=list)
    # The label (or header cells) naming the group; they may hold its size ("DL1 (n=3)").
    labels: list[Span] = field(default_factory=list)


class Tables:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("tables.json", patterns_path)
        regex = {key: compile_regex(data[key]["pattern"]) for key in SINGLE_REGEXES}
        self.suffix, self.counts_hint = regex["format_suffix"], regex["counts_hint"]
        self.percent_hint, self.points_hint = regex["percent_hint"], regex["points_hint"]
        self.safety_not, self.definition = regex["safety_not"], regex["definition"]
        self.total, self.label_size = regex["total_row"], regex["label_size"]
        self.empty, self.rule, self.footnote = regex["empty_cell"], regex["rule_row"], regex["footnote_marks"]
        self.ungraded, self.size_not = regex["ungraded"], regex["size_not"]
        self.endpoint = compile_regex(data["endpoint"]["pattern"])
        self.endpoint_strip = compile_regex(data["endpoint"]["strip"])
        self.response = compile_regex(data["response"]["pattern"])
        self.response_not = compile_regex(data["response"]["not"])
        self.sizes = [(entry["population"], compile_regex(entry["pattern"])) for entry in data["size"]]
        self.events = [(entry["event"], compile_regex(entry["pattern"])) for entry in data["safety_events"]]
        self.grades = [(entry["grade"], compile_regex(entry["pattern"])) for entry in data["grades"]]
        self.cell_forms = [compile_regex(form) for form in data["cells"]["forms"]]

    def __call__(self, doc: Doc) -> Doc:
        for rows in tables(doc, self.rule):
            for table in self._split_at_headers(doc, rows):
                for group in self._groups(doc, table):
                    self._read_group(doc, group)
        return doc

    def _split_at_headers(self, doc: Doc, rows: list[Block]) -> Iterator[list[Block]]:
        """Two tables of one width, one under the other: a second header (no figures, header words)
        after data rows starts a table of its own."""
        start = 0
        for index in range(self._header_length(doc, rows) + 1, len(rows)):
            cells = rows[index].cells[1:]
            if not self._has_figure(doc, rows[index]) and any(self.column(self._text(doc, c)) for c in cells):
                yield rows[start:index]
                start = index
        yield rows[start:]

    # --- what a header says -------------------------------------------------

    def column(self, header: str) -> Column | None:
        """What a header cell says its cells hold, or None when we do not read it."""
        if self.empty.match(header.strip()):
            return None
        suffix = self.suffix.search(header)
        name = header[: suffix.start()].strip(" ,;:") if suffix else header.strip()
        counts, percents = bool(self.counts_hint.search(header)), bool(self.percent_hint.search(header))
        event = next((event for event, regex in self.events if regex.search(name)), None)
        if event:
            grade = self._grade(name)
            if self.safety_not.search(name) or grade is None:
                return None
            return Column("safety", {"event": event, "grade": grade}, counts, percents)
        population = next((pop for pop, regex in self.sizes if regex.search(name)), None)
        if population and not (percents and not counts) and not self.size_not.search(header):
            return Column("size", {"population": population}, counts, percents)
        if self.endpoint.search(name):
            measure = self.endpoint_strip.sub("", name).strip(" ,;:")
            unit = "points" if self.points_hint.search(header) else "percent" if percents else None
            return Column("endpoint", {"measure": measure, "unit": unit}) if measure and unit else None
        if self.definition.search(name):
            return Column("definition", {})
        if self.response.search(name) and not self.response_not.search(name):
            return Column("response", {"measure": name}, counts, percents)
        return None

    def _grade(self, name: str) -> str | None:
        """The grade an event header names: "any" when it names none, None when we cannot read it."""
        for grade, regex in self.grades:
            match = regex.search(name)
            if match:
                return grade.replace("{1}", match.group(1)) if "{1}" in grade else grade
        return None if self.ungraded.search(name) else "any"

    # --- which cells belong to which cohort ---------------------------------

    def _groups(self, doc: Doc, rows: list[Block]) -> Iterator[Group]:
        head = self._header_length(doc, rows)
        data = rows[head:]
        if not data:
            return
        headers = header_columns(rows[:head], len(data[0].cells))
        by_header = [self.column(" ".join(self._text(doc, cell) for cell in cells)) for cells in headers[1:]]
        by_label = [self.column(self._text(doc, row.cells[0])) for row in data]
        if any(by_header) and sum(map(bool, by_header)) >= sum(map(bool, by_label)):
            yield from self._row_groups(doc, data, by_header)
        elif any(by_label):
            yield from self._column_groups(doc, headers, data, by_label)

    def _header_length(self, doc: Doc, rows: list[Block]) -> int:
        """How many rows the header takes: the first row, and the rows after it with no figure in them
        ("Patients" over "treated, n"), at most three."""
        for index, row in enumerate(rows[1:4], start=1):
            if self._has_figure(doc, row):
                return index
        return 1

    def _row_groups(self, doc: Doc, data: list[Block], columns: list[Column | None]) -> Iterator[Group]:
        """One group per row: the row label names the cohort."""
        names = [self._cohort(doc, [row.cells[0]]) for row in data]
        if not names_groups(names):
            return
        for row, (named, cohort) in zip(data, names, strict=True):
            if not named:
                continue
            group = Group(cohort, labels=[row.cells[0]])
            for column, cell in zip(columns, row.cells[1:], strict=True):
                if column:
                    group.cells.append((column, cell, (row.start, row.end)))
            yield group

    def _column_groups(
        self, doc: Doc, headers: list[list[Span]], data: list[Block], labels: list[Column | None]
    ) -> Iterator[Group]:
        """Transposed: one group per column, named by its header."""
        names = [self._cohort(doc, header) for header in headers[1:]]
        if not names_groups(names):
            return
        for index, (header, (named, cohort)) in enumerate(zip(headers[1:], names, strict=True), start=1):
            if not named:
                continue
            group = Group(cohort, labels=header)
            for column, row in zip(labels, data, strict=True):
                if column:
                    group.cells.append((column, row.cells[index], (row.start, row.end)))
            yield group

    def _cohort(self, doc: Doc, cells: list[Span]) -> tuple[bool, str | None]:
        """(whether the label names a group, its cohort key): a total names the whole study (None)."""
        for cell in cells:
            if self.total.match(self._text(doc, cell)):
                return True, None
            keys = keys_between(doc, *cell)
            if keys:
                return True, keys[0]
        return False, None

    # --- the facts of one cohort ---------------------------------------------

    def _read_group(self, doc: Doc, group: Group) -> None:
        size, label_size = self._size_cell(doc, group), self._label_size(doc, group)
        if size is None and label_size is not None:
            size, cell = label_size
            record(doc, "cohort_size", *cell, group.cohort, value=size, population="treated")
        measure = self._row_measure(doc, group)
        for column, cell, evidence in group.cells:
            figure = None if column.family == "definition" else self._figure(doc, cell, column)
            if figure is None:
                continue
            if column.family == "size" and figure.get("count") is not None:
                record(doc, "cohort_size", *evidence, group.cohort, value=figure["count"], **column.fields)
            elif column.family == "response":
                self._response(doc, group, column, figure, size, measure, evidence)
            elif column.family == "safety":
                self._safety(doc, group, column, figure, size, evidence)
            elif column.family == "endpoint":
                record(
                    doc, "endpoint_change", *evidence, group.cohort, value=figure["number"], **column.fields
                )

    def _size_cell(self, doc: Doc, group: Group) -> int | None:
        """The group's n, from its size cells: the last one (enrolled, then treated, then evaluable)."""
        sizes = [
            figure["count"]
            for column, cell, _ in group.cells
            if column.family == "size" and (figure := self._figure(doc, cell, column)) and "count" in figure
        ]
        return sizes[-1] if sizes else None

    def _label_size(self, doc: Doc, group: Group) -> tuple[int, Span] | None:
        """An "n=3" in the label or header naming the group, and its cell."""
        for cell in group.labels:
            match = self.label_size.search(self._text(doc, cell))
            if match:
                return int(match.group(1)), cell
        return None

    def _row_measure(self, doc: Doc, group: Group) -> str:
        """The measure a definition cell gives the group's response ("" when there is none)."""
        definitions = [cell for column, cell, _ in group.cells if column.family == "definition"]
        text = self._text(doc, definitions[0]).strip() if len(definitions) == 1 else ""
        return "" if self.empty.match(text) else text

    def _response(
        self,
        doc: Doc,
        group: Group,
        column: Column,
        figure: dict,
        size: int | None,
        measure: str,
        evidence: Span,
    ) -> None:
        count, denominator, percent = figure.get("count"), figure.get("denominator"), figure.get("percent")
        if denominator is None and count is not None:
            denominator = size
        if (count is None and percent is None) or not within(count, denominator):
            return
        record(
            doc,
            "response_rate",
            *evidence,
            group.cohort,
            measure=measure or column.fields["measure"],
            value=percent,
            count=count,
            denominator=denominator,
        )

    def _safety(
        self, doc: Doc, group: Group, column: Column, figure: dict, size: int | None, evidence: Span
    ) -> None:
        count, percent = figure.get("count"), figure.get("percent")
        if (count is None and percent is None) or not within(count, figure.get("denominator") or size):
            return
        negated = count == 0 or (count is None and percent == 0)
        record(
            doc,
            "safety_event",
            *evidence,
            group.cohort,
            **column.fields,
            count=0 if negated else count,
            percent=None if negated else percent,
            negated=negated,
        )

    # --- what a cell says ----------------------------------------------------

    def _has_figure(self, doc: Doc, row: Block) -> bool:
        """Whether a row holds a figure after its label (a data row, not a header row)."""
        return any(self._match_figure(self._cell_text(doc, cell)) for cell in row.cells[1:])

    def _match_figure(self, text: str) -> re.Match[str] | None:
        return next((m for m in (form.match(text) for form in self.cell_forms) if m), None)

    def _cell_text(self, doc: Doc, cell: Span) -> str:
        """A cell's text without footnote marks."""
        return self.footnote.sub("", self._text(doc, cell)).strip()

    def _figure(self, doc: Doc, cell: Span, column: Column) -> dict[str, Any] | None:
        """The parts of a cell's figure (count, denominator, percent, number), or None when it holds none."""
        text = self._cell_text(doc, cell)
        if self.empty.match(text):
            return None
        match = self._match_figure(text)
        if match is None:
            return None
        parts: dict[str, Any] = {
            k: clean_value(float(v)) for k, v in match.groupdict().items() if v is not None
        }
        if column.family == "endpoint":
            return parts if "number" in parts else None
        if "number" in parts:
            number = parts.pop("number")
            if column.percents and not column.counts:
                parts["percent"] = number
            elif number == int(number) and number >= 0:
                parts["count"] = int(number)
            else:
                return None
        elif "denominator" not in parts and "count" in parts and "%" not in text and not column.percents:
            # "2 (50)" under a header without "%": the bracket is not known to be a percent.
            parts.pop("percent", None)
        return None if parts.get("percent", 0) > 100 else parts

    @staticmethod
    def _text(doc: Doc, cell: Span) -> str:
        return doc._.norm[cell[0] : cell[1]]


def header_columns(header: list[Block], width: int) -> list[list[Span]]:
    """The header cells over each column; a header row one cell short has a blank stub over the labels."""
    columns: list[list[Span]] = [[] for _ in range(width)]
    for row in header:
        for index, cell in enumerate(row.cells, start=width - len(row.cells)):
            columns[index].append(cell)
    return columns


def names_groups(names: list[tuple[bool, str | None]]) -> bool:
    """Whether a table's labels are groups: each names a cohort or a total, or some name a cohort.
    (Time points and a "Total" are not groups; that total may not be the study's.)"""
    return all(named for named, _ in names) or any(cohort is not None for _, cohort in names)


def within(count: int | None, total: int | None) -> bool:
    """A count of patients cannot exceed the group's n: if it does, the column is not what we took it for."""
    return count is None or total is None or count <= total


@Language.factory("pressfacts_tables", default_config={"patterns_path": None})
def make_tables(nlp: Language, name: str, patterns_path: str | None) -> Tables:
    return Tables(nlp, name, patterns_path)
