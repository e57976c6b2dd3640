"""pressfacts_assemble: from what the families found to the typed output.

- A fact stated twice (headline or highlight bullet, then body) is reported once:
  the body's reading wins.
- Cohorts begin when facts name two or more groups; otherwise every fact is about
  the whole study (`cohort: null`).
- Ids are stable: facts and quotes in text order, "f1", "f2", ..., "q1", ...
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.doc import CohortName, Found
from pressfacts.model import Evidence, Fact, Quote

SUMMARY_KINDS = {"headline", "heading", "bullet"}
# The fields that make two readings the same fact, per type.
IDENTITY = {
    "cohort_size": ("value", "population"),
    "response_rate": ("value", "count", "denominator"),
    "safety_event": ("event", "grade", "count", "percent", "negated"),
    "endpoint_change": ("value", "unit"),
}
FACT = TypeAdapter(Fact)


def identity(found: Found) -> tuple:
    return (found.type, *(found.fields.get(k) for k in IDENTITY[found.type]))


def merge_restatements(found: list[Found]) -> list[Found]:
    """Drop a summary-line fact restated in the body, and exact repeats within one cohort."""
    in_body = {identity(f) for f in found if f.block_kind not in SUMMARY_KINDS}
    kept: list[Found] = []
    seen: set[tuple] = set()
    for fact in sorted(found, key=lambda f: (f.block_kind in SUMMARY_KINDS, f.start)):
        key = identity(fact)
        if fact.block_kind in SUMMARY_KINDS and key in in_body:
            continue
        full_key = (*key, fact.cohort, fact.fields.get("measure"), fact.fields.get("timepoint"))
        if full_key in seen:
            continue
        seen.add(full_key)
        kept.append(fact)
    return sorted(kept, key=lambda f: (f.start, f.end, f.type))


# A table row restates a fact the prose gives (an "All" row beside "94 of 128 patients (73%)
# responded") when it shares these figures and differs in none (the prose reading is kept).
RESTATED_BY = {
    "cohort_size": (("value", "population"),),
    "response_rate": (("count", "denominator"), ("value",)),
    "safety_event": (("event", "grade", "negated", "count"), ("event", "grade", "negated", "percent")),
    "endpoint_change": (("value", "unit"),),
}


def restates(table: Found, prose: Found) -> bool:
    """Whether a table-row fact says what a fact read from prose says, for the same cohort."""
    if table.type != prose.type or table.cohort != prose.cohort:
        return False
    a, b, fact_type = table.fields, prose.fields, table.type
    if any(a.get(k) is not None and b.get(k) is not None and a[k] != b[k] for k in IDENTITY[fact_type]):
        return False
    return any(
        all(a.get(k) is not None and a[k] == b.get(k) for k in keys) for keys in RESTATED_BY[fact_type]
    )


def drop_table_restatements(found: list[Found]) -> list[Found]:
    prose = [f for f in found if f.block_kind != "table_row"]
    return [f for f in found if f.block_kind != "table_row" or not any(restates(f, p) for p in prose)]


def settle_cohorts(found: list[Found], names: dict[str, CohortName]) -> set[str]:
    """The cohorts the facts name. A trial is a cohort only beside another trial (named in the lines
    the facts stand in): facts of the one trial an article covers are about the whole study, and its
    dose levels or arms may still be cohorts."""
    if len(frozenset().union(*(f.trials for f in found))) < 2:
        for fact in found:
            if fact.cohort in names and names[fact.cohort].kind == "trial":
                fact.cohort = None
    return {f.cohort for f in found if f.cohort is not None}


def evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start=start, end=end, text=text[start:end])


@Language.component("pressfacts_assemble")
def assemble(doc: Doc) -> Doc:
    text = doc._.text
    names = doc._.cohort_names or {}
    # An article with no trial in it holds no facts or quotes of ours, whatever numbers it has.
    found = (doc._.found or []) if doc._.about_trial else []
    keys = settle_cohorts(found, names)
    use_cohorts = len(keys) >= 2
    if not use_cohorts:
        for fact in found:
            fact.cohort = None
    found = merge_restatements(drop_table_restatements(found))
    facts: list[Any] = []
    for number, fact in enumerate(found, start=1):
        cohort = names[fact.cohort].name if fact.cohort in names else None
        fields = {k: v for k, v in fact.fields.items() if v is not None or k in ("value",)}
        facts.append(
            FACT.validate_python(
                {
                    "id": f"f{number}",
                    "type": fact.type,
                    "cohort": cohort,
                    "evidence": evidence(text, fact.start, fact.end),
                    **fields,
                }
            )
        )
    doc._.facts = facts
    doc._.cohorts = (
        [{"name": names[k].name, "aliases": names[k].aliases} for k in sorted(keys)] if use_cohorts else []
    )
    doc._.quotes = [
        Quote(
            id=f"q{number}",
            text=q.text,
            speaker=q.speaker,
            title=q.title,
            organization=q.organization,
            evidence=evidence(text, q.start, q.end),
        )
        for number, q in enumerate(sorted(doc._.found_quotes or [], key=lambda q: q.start), start=1)
        # Quotes come with a trial's results: an article we read no fact from (a hospital opening, a
        # market story) has none of ours.
        if facts
    ]
    return doc
