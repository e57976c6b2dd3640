"""Output formats: one Result, or many, as json, jsonl, csv or a table for the terminal.

- json: one Result is one JSON object (`Result.to_json`); many are a JSON array.
- jsonl: one compact JSON object per line, one line per article.
- csv: one row per fact and per quote, for spreadsheets (CSV_COLUMNS).
- table: rich tables, one per article, for reading in a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pressfacts.model import Quote, Result

FORMATS = ("json", "jsonl", "csv", "table")


class Format(str, Enum):
    """The formats, as a choice for command-line options (`--format`)."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


# The first columns are the ones spreadsheet users filter on; quotes fill speaker..quote.
CSV_COLUMNS = (
    "article",
    "id",
    "type",
    "cohort",
    "value",
    "unit",
    "population",
    "measure",
    "event",
    "grade",
    "count",
    "percent",
    "denominator",
    "negated",
    "scope",
    "subgroup",
    "timepoint",
    "speaker",
    "title",
    "organization",
    "quote",
    "evidence",
    "start",
    "end",
)
# A spreadsheet runs a cell that starts with one of these as a formula: an article's words never should.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE_WIDTH = 200  # characters of a quote shown in the table


def render(
    results: Result | Sequence[Result], fmt: str = "json", width: int = 120, color: bool = False
) -> str:
    """`results` as text in format `fmt` (one of FORMATS); `width` and `color` only matter for the table."""
    many = not isinstance(results, Result)
    items: Sequence[Result] = results if many else [results]  # type: ignore[assignment]
    if fmt == "json":
        return render_json(items) if many else items[0].to_json()
    if fmt == "jsonl":
        return "".join(result.model_dump_json() + "\n" for result in items)
    if fmt == "csv":
        return render_csv(items)
    if fmt == "table":
        return render_table(items, width=width, color=color)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def render_for_stdout(results: Result | Sequence[Result], fmt: str, to_stdout: bool) -> str:
    """`render`, with the table fitted to (and coloured for) the terminal when it is printed there."""
    on_terminal = to_stdout and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if on_terminal else 120
    return render(results, fmt, width=width, color=on_terminal)


def render_json(results: Sequence[Result]) -> str:
    return (
        json.dumps([result.model_dump(mode="json") for result in results], indent=2, ensure_ascii=False)
        + "\n"
    )


def render_csv(results: Iterable[Result]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerows(csv_rows(result))
    return buffer.getvalue()


def csv_rows(result: Result) -> list[dict[str, str]]:
    """One row per fact, then one per quote; empty cells for fields a row does not have."""
    article = result.source.path
    rows = [item_row(article, fact.model_dump()) for fact in result.facts]
    rows += [item_row(article, quote_fields(quote)) for quote in result.quotes]
    return rows


def quote_fields(quote: Quote) -> dict[str, Any]:
    fields = quote.model_dump()
    fields.update(type="quote", quote=fields.pop("text"))
    return fields


def item_row(article: str, fields: dict[str, Any]) -> dict[str, str]:
    evidence = fields.pop("evidence")
    fields.update(article=article, evidence=evidence["text"], start=evidence["start"], end=evidence["end"])
    return {column: csv_cell(fields.get(column)) for column in CSV_COLUMNS}


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def render_table(results: Iterable[Result], width: int = 120, color: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
    )
    for result in results:
        console.print(facts_table(result))
        if result.quotes:
            console.print(quotes_table(result))
    return buffer.getvalue()


def facts_table(result: Result) -> Table:
    table = Table(
        title=Text(result.source.path), title_justify="left", caption=None if result.facts else "no facts"
    )
    for column in ("id", "type", "cohort", "fact", "evidence"):
        table.add_column(column, overflow="fold")
    for fact in result.facts:
        table.add_row(
            fact.id,
            fact.type,
            Text(fact.cohort or ""),
            Text(summary(fact.model_dump())),
            Text(fact.evidence.text),
        )
    return table


def quotes_table(result: Result) -> Table:
    table = Table(title=Text(f"{result.source.path}: quotes"), title_justify="left")
    for column in ("id", "speaker", "title, organization", "quote"):
        table.add_column(column, overflow="fold")
    for quote in result.quotes:
        role = ", ".join(part for part in (quote.title, quote.organization) if part)
        text = quote.text if len(quote.text) <= QUOTE_WIDTH else quote.text[: QUOTE_WIDTH - 3] + "..."
        table.add_row(quote.id, Text(quote.speaker), Text(role), Text(text))
    return table


def summary(fact: dict[str, Any]) -> str:
    """One fact in a few words: "ORR 91% (10/11)", "CRS grade >=3: none", "mRSS -8.2 points"."""
    kind = fact["type"]
    if kind == "cohort_size":
        text = f"{fact['value']} {fact['population']}"
    elif kind == "response_rate":
        text = f"{fact['measure']} {number(fact['value'], '%')} {counts(fact)}"
    elif kind == "safety_event":
        scope = "all " if fact.get("scope") else ""
        text = f"{scope}{fact['event']} grade {fact['grade']}: {amount(fact)}"
    else:
        text = f"{fact['measure']} {fact['value']:+g}{'%' if fact['unit'] == 'percent' else ' points'}"
    context = "; ".join(fact[key] for key in ("subgroup", "timepoint") if fact.get(key))
    text = " ".join(text.split())
    return f"{text} [{context}]" if context else text


def counts(fact: dict[str, Any]) -> str:
    if fact.get("count") is not None and fact.get("denominator") is not None:
        return f"({fact['count']}/{fact['denominator']})"
    if fact.get("denominator") is not None:
        return f"(n={fact['denominator']})"
    return ""


def amount(fact: dict[str, Any]) -> str:
    if fact["negated"]:
        return "none"
    count = "" if fact["count"] is None else f"n={fact['count']}"
    return f"{count} {number(fact['percent'], '%')}".strip() or "reported"


def number(value: float | int | None, suffix: str = "") -> str:
    return "" if value is None else f"{value:g}{suffix}"
