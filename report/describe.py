"""Fact and quote wording for people: the cells of the tables and the tooltips of the highlights."""

from __future__ import annotations

from pressfacts.model import CohortSize, EndpointChange, Quote, ResponseRate, SafetyEvent

Fact = CohortSize | ResponseRate | SafetyEvent | EndpointChange

TYPE_LABELS = {
    "cohort_size": "cohort size",
    "response_rate": "response rate",
    "safety_event": "safety event",
    "endpoint_change": "endpoint change",
    "quote": "quote",
}


def number(value: float) -> str:
    """91.0 -> "91", 12.5 -> "12.5"."""
    return f"{value:g}"


def count_of(count: int | None, denominator: int | None) -> str:
    """ "10/11", "10", "/11" or ""."""
    if count is None and denominator is None:
        return ""
    return f"{'' if count is None else count}{'' if denominator is None else f'/{denominator}'}"


def grade_text(grade: str) -> str:
    return "any grade" if grade == "any" else f"grade {grade.replace('>=', '≥')}"


def what(fact: Fact) -> str:
    """What the fact measures: "treated", "ORR", "CRS grade ≥3", "pFVC"."""
    if isinstance(fact, CohortSize):
        return fact.population
    if isinstance(fact, SafetyEvent):
        return f"{fact.event} {grade_text(fact.grade)}"
    return fact.measure


def value(fact: Fact) -> str:
    """The fact's number as read: "26", "91%", "none", "3 (12%)", "+10%", "-4 points"."""
    if isinstance(fact, CohortSize):
        return str(fact.value)
    if isinstance(fact, ResponseRate):
        return "" if fact.value is None else f"{number(fact.value)}%"
    if isinstance(fact, SafetyEvent):
        return safety_value(fact)
    unit = "%" if fact.unit == "percent" else " points"
    return f"{fact.value:+g}{unit}"


def safety_value(fact: SafetyEvent) -> str:
    if fact.negated:
        return "none"
    if fact.scope == "all":
        return "all events"
    if fact.count is not None and fact.percent is not None:
        return f"{fact.count} ({number(fact.percent)}%)"
    if fact.percent is not None:
        return f"{number(fact.percent)}%"
    return "" if fact.count is None else str(fact.count)


def n_of(fact: Fact) -> str:
    """Count/denominator of a response rate; empty for the other types."""
    return count_of(fact.count, fact.denominator) if isinstance(fact, ResponseRate) else ""


def notes(fact: Fact) -> str:
    """Subgroup and timepoint: the qualifiers a reader must not miss."""
    parts = [
        f"subgroup: {fact.subgroup}" if fact.subgroup else "",
        f"at {fact.timepoint}" if fact.timepoint else "",
    ]
    return "; ".join(part for part in parts if part)


def tip(fact: Fact) -> str:
    """The normalised fact in one line, for a highlight's tooltip."""
    parts = [
        TYPE_LABELS[fact.type],
        f"cohort: {fact.cohort or 'whole study'}",
        what(fact),
        value(fact),
        f"n/N {n_of(fact)}" if n_of(fact) else "",
        "negated" if isinstance(fact, SafetyEvent) and fact.negated else "",
        notes(fact),
        fact.id,
    ]
    return " · ".join(part for part in parts if part)


def quote_tip(quote: Quote) -> str:
    who = ", ".join(part for part in (quote.speaker, quote.title, quote.organization) if part)
    return f"quote · {who} · {quote.id}"
