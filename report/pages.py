"""Rendering: the Jinja2 templates (autoescaped) fed with the page data; nothing here reads or writes files
but the package's own templates and static files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from pressfacts import __version__
from pressfacts.model import Result

from . import describe
from .evidence import SKIPPED, Span, highlight
from .readout import EVENTS, Row, cohort_groups

HERE = Path(__file__).resolve().parent
FACT_KINDS = (*describe.TYPE_LABELS, SKIPPED)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value is escaped; only our own CSS, JS and SVG are passed as Markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(static=static, version=__version__, type_labels=describe.TYPE_LABELS)
    return env


@cache
def static(name: str) -> Markup:
    """One of the package's CSS or JS files, to inline in a page (pages fetch nothing)."""
    return Markup((HERE / "static" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class FactRow:
    id: str
    kind: str
    type: str
    what: str
    value: str
    n: str
    notes: str


def show_html(text: str, result: Result, boilerplate: Sequence[tuple[int, int]]) -> str:
    """The evidence page of one article: its text with every fact, quote and skipped block marked."""
    spans = [Span(start, end, SKIPPED, tip="not read: boilerplate") for start, end in boilerplate]
    spans += [Span(f.evidence.start, f.evidence.end, f.type, f.id, describe.tip(f)) for f in result.facts]
    spans += [
        Span(q.evidence.start, q.evidence.end, "quote", q.id, describe.quote_tip(q)) for q in result.quotes
    ]
    groups = {
        cohort or "whole study": [_fact_row(fact) for fact in facts]
        for cohort, facts in cohort_groups(result).items()
        if facts
    }
    return (
        environment()
        .get_template("show.html.j2")
        .render(
            result=result,
            pieces=highlight(text, spans),
            groups=groups,
            counts={kind: sum(1 for s in spans if s.kind == kind) for kind in FACT_KINDS},
        )
    )


def _fact_row(fact: describe.Fact) -> FactRow:
    return FactRow(
        id=fact.id,
        kind=fact.type,
        type=describe.TYPE_LABELS[fact.type],
        what=describe.what(fact),
        value=describe.value(fact),
        n=describe.n_of(fact),
        notes=describe.notes(fact) + (" · negated" if getattr(fact, "negated", False) else ""),
    )


def report_html(
    rows: list[Row], chart_svg: str | None, failures: list[str], notes: list[str], title: str
) -> str:
    """The readout report: the rows table (sortable, filterable) and the landscape chart."""
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            rows=rows,
            events=EVENTS,
            chart=Markup(chart_svg) if chart_svg else None,  # matplotlib's SVG: text in it is XML-escaped
            failures=failures,
            notes=notes,
            title=title,
            articles=len({row.source for row in rows}) + len(failures),
        )
    )
