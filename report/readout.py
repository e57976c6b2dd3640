"""The readout table: one row per article × cohort, the figures analysts compare across trials.

Precision first: a cell holds what the article stated. The one inference made is
"no CRS at all" (or "all CRS was grade 1-2") ⇒ no grade ≥3 CRS, which the article says in other words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pressfacts.model import CohortSize, ResponseRate, Result, SafetyEvent

from .describe import Fact, count_of, number

# The response measure a row shows when a cohort has several: the first of these named, else the first stated.
MAIN_MEASURES = ("orr", "overall response", "objective response", "complete response", "drug-free remission")
EVENTS = ("CRS", "ICANS")
LOW_GRADES = {"1", "2", "1-2"}


@dataclass(frozen=True)
class Cell:
    """What a cell shows, and the number it sorts and plots by (None: not stated)."""

    text: str = ""
    number: float | None = None


@dataclass(frozen=True)
class Row:
    source: str
    page: str | None  # the article's `show` page, relative to the report
    trial: str
    drugs: str
    cohort: str  # "" for the whole study
    treated: Cell
    evaluable: Cell
    response: Cell
    response_measure: str
    events: dict[str, tuple[Cell, Cell]]  # event -> (any grade, grade ≥3)


def rows_of(result: Result, page: str | None = None) -> list[Row]:
    """The article's rows: the whole study (when facts are not tied to a cohort), then each cohort."""
    return [_row(result, page, cohort, facts) for cohort, facts in cohort_groups(result).items()]


def cohort_groups(result: Result) -> dict[str | None, list[Fact]]:
    """Facts by cohort: None (whole study) first when some fact has no cohort or the article names none."""
    groups: dict[str | None, list[Fact]] = {}
    if not result.cohorts or any(fact.cohort is None for fact in result.facts):
        groups[None] = []
    for cohort in result.cohorts:
        groups[cohort.name] = []
    for fact in result.facts:
        groups.setdefault(fact.cohort, []).append(fact)
    return groups


def _row(result: Result, page: str | None, cohort: str | None, facts: list[Fact]) -> Row:
    treated = _size(facts, "treated")
    response = main_response(facts)
    return Row(
        source=result.source.path,
        page=page,
        trial=result.study.trial or "",
        drugs=", ".join(result.study.drugs),
        cohort=cohort or "",
        treated=treated,
        evaluable=_size(facts, "evaluable"),
        response=_response_cell(response),
        response_measure=response.measure if response else "",
        events={event: _event_cells(facts, event, treated.number) for event in EVENTS},
    )


def _size(facts: Iterable[Fact], population: str) -> Cell:
    for fact in facts:
        if isinstance(fact, CohortSize) and fact.population == population and not fact.subgroup:
            return Cell(str(fact.value), fact.value)
    return Cell()


def main_response(facts: list[Fact]) -> ResponseRate | None:
    rates = [f for f in facts if isinstance(f, ResponseRate) and not f.subgroup and _percent(f) is not None]
    for name in MAIN_MEASURES:
        for rate in rates:
            if rate.measure.lower() == name:
                return rate
    return rates[0] if rates else None


def _percent(rate: ResponseRate) -> float | None:
    if rate.value is not None:
        return rate.value
    if rate.count is not None and rate.denominator:
        return round(100 * rate.count / rate.denominator, 1)
    return None


def _response_cell(rate: ResponseRate | None) -> Cell:
    if rate is None:
        return Cell()
    percent = _percent(rate)
    n = count_of(rate.count, rate.denominator)
    text = f"{number(percent)}%" + (f" ({n})" if n else "") if percent is not None else n
    return Cell(text, percent)


def _event_cells(facts: list[Fact], event: str, treated: float | None) -> tuple[Cell, Cell]:
    events = [f for f in facts if isinstance(f, SafetyEvent) and f.event == event and not f.subgroup]
    any_grade = _first_grade(events, "any")
    severe = _first_grade(events, ">=3")
    if severe is None and _none_severe(events):
        return _safety_cell(any_grade, treated), Cell("none", 0.0)
    return _safety_cell(any_grade, treated), _safety_cell(severe, treated)


def _first_grade(events: list[SafetyEvent], grade: str) -> SafetyEvent | None:
    return next((e for e in events if e.grade == grade), None)


def _none_severe(events: list[SafetyEvent]) -> bool:
    """No event of any grade, or every event of low grade: then none was grade ≥3."""
    return any(
        (e.negated and e.grade == "any") or (e.scope == "all" and e.grade in LOW_GRADES) for e in events
    )


def _safety_cell(event: SafetyEvent | None, treated: float | None) -> Cell:
    """The share of patients with the event (from its count and the patients treated when no percent)."""
    if event is None:
        return Cell()
    if event.negated:
        return Cell("none", 0.0)
    if event.percent is not None:
        counted = f"{event.count} " if event.count is not None else ""
        return Cell(
            f"{counted}({number(event.percent)}%)" if counted else f"{number(event.percent)}%", event.percent
        )
    if event.count is not None:
        share = round(100 * event.count / treated, 1) if treated else None
        return Cell(f"{event.count}/{int(treated)}" if treated else str(event.count), share)
    return Cell()
