"""pressfacts_endpoints: changes in a clinical measure ("mRSS fell by a mean of 8.5 points").

A change is read in three steps, one sentence at a time (table rows aside):
1. a phrasing from patterns/endpoints.json "forms" gives a quantity and its
   direction: a verb ("fell by"), a noun ("a reduction of", "a 30% decrease"),
   a written sign ("mean change ... -6.5 points") or two values ("from 10.6 to
   2.7", read as the difference); "and 22% at six months" continues a change;
2. the measure is the one named right after the quantity ("-8.3 points in
   MGC"), inside the phrasing ("increases in MMT-8 score of 17%"), or nearest
   before it in the same clause; a bare "scores" means the measure the
   sentence before named. No measure, no fact;
3. thresholds, definitions, shares of patients and risk restatements are
   skipped ("a reduction of at least 2 points", "defined as ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.alternation import words_alternation
from pressfacts.components.base import (
    Sentence,
    Vocabulary,
    compile_regex,
    load_patterns,
    readable_sentences,
    record,
)
from pressfacts.doc import doc_mentions
from pressfacts.fastregex import has_number
from pressfacts.numbers import NUMBER, clean_value, parse_number

SUMMARY_KINDS = {"headline", "heading", "bullet"}
# Forms tried first claim their quantity: a difference "from A to B" before the numbers in it.
FORM_ORDER = ("from_to", "change_was", "noun_of", "verb_by", "quantity_noun", "signed_in")
DIRECTIONS = ("down", "up", "better", "worse")


@dataclass(frozen=True)
class Measure:
    name: str
    better: str | None  # "lower", "higher" or None


@dataclass(frozen=True)
class MeasureMention:
    start: int
    end: int
    measure: Measure


@dataclass
class Change:
    """One change read from a sentence (offsets into the sentence text)."""

    start: int  # where the phrasing begins (its cue word)
    end: int  # where the quantity ends
    value: float | None  # signed; None until the direction is settled by the measure
    unit: str
    direction: str | None  # "down", "up", "better", "worse", or None when the sign was written
    form: str
    gap: tuple[int, int] | None = None
    measure: MeasureMention | None = None
    inherits: bool = False  # a continuation: shares the measure before it when none follows
    timepoint: str | None = None
    evidence: tuple[int, int] = field(default=(0, 0))


class Endpoints:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("endpoints.json", patterns_path)
        long: dict[str, Measure] = {}
        short: dict[str, Measure] = {}
        for entry in data["measures"]:
            measure = Measure(entry["name"], entry["better"])
            long.update(dict.fromkeys(entry["long"], measure))
            short.update(dict.fromkeys(entry["short"], measure))
        self.measures = Vocabulary(long, short)
        heads = "|".join(data["abbreviation_heads"])
        self.abbreviation_head = re.compile(rf"\b(?:{heads})s?$", re.I)
        self.cue_direction = {
            word: direction
            for direction in DIRECTIONS
            for kind in ("verbs", "nouns")
            for word in data[f"{direction}_{kind}"]
        }
        fills = {
            "{VERB}": words_alternation((w for d in DIRECTIONS for w in data[f"{d}_verbs"]), space=r"\s"),
            "{NOUN}": words_alternation((w for d in DIRECTIONS for w in data[f"{d}_nouns"]), space=r"\s"),
            "{ADVERB}": data["adverb"],
            "{AGGREGATE}": data["aggregate"],
        }
        fills["{QUANTITY}"] = _fill(data["quantity"], fills)
        self.forms = {name: compile_regex(_fill(data["forms"][name], fills)) for name in FORM_ORDER}
        self.continuation = compile_regex(_fill(data["continuation"], fills))
        self.measure_after = compile_regex(_fill(data["measure_after"], fills))
        self.change_context = compile_regex(data["change_context"])
        self.anaphora = compile_regex(data["anaphora"])
        self.guard_before = compile_regex(data["guard_before"])
        self.guard_after = compile_regex(data["guard_after"])
        self.guard_clause = compile_regex(data["guard_clause"])
        self.clause_break = compile_regex(data["clause_break"])
        self.timepoints = [compile_regex(p) for p in data["timepoints"]]

    # --- measures -------------------------------------------------------------------------

    def _measure_vocabulary(self, doc: Doc) -> Vocabulary[Measure]:
        """The measure vocabulary plus the article's own measure abbreviations."""
        long: dict[str, Measure] = {}
        short: dict[str, Measure] = {}
        for short_form, long_form in (doc._.abbreviations or {}).items():
            known = self.measures.lookup(long_form)
            if known:
                short[short_form] = known
            elif self.measures.lookup(short_form) is None and self.abbreviation_head.search(long_form):
                short[short_form] = long[long_form] = Measure(short_form, None)
        return self.measures.with_forms(long, short)

    # --- changes in one sentence ------------------------------------------------------------

    def _changes(self, text: str) -> list[Change]:
        """Every change phrasing in a sentence, each quantity read once, in text order."""
        claimed: list[tuple[int, int]] = []
        changes: list[Change] = []
        for name in FORM_ORDER:
            if name == "signed_in" and not self.change_context.search(text):
                continue
            for match in self.forms[name].finditer(text):
                quantity = (match.start("a") if name == "from_to" else match.start("num"), match.end())
                if any(quantity[0] < end and start < quantity[1] for start, end in claimed):
                    continue
                change = self._read(name, match)
                if change and not self._guarded(text, change, match):
                    claimed.append(quantity)
                    changes.append(change)
        changes.sort(key=lambda c: c.start)
        return self._continue(text, changes, claimed)

    def _read(self, form: str, match: re.Match[str]) -> Change | None:
        groups = match.groupdict()
        cue = (groups.get("cue") or "").lower()
        direction = self.cue_direction.get(cue)
        gap = match.span("gap") if groups.get("gap") else None
        if form == "from_to":
            first, second = parse_number(groups["a"]), parse_number(groups["b"])
            if first is None or second is None or first == second:
                return None
            value = second - first
            if direction in ("down", "up") and (value < 0) != (direction == "down"):
                return None
            return Change(match.start(), match.end(), round(value, 3), "points", direction, form)
        number = parse_number(groups["num"])
        if number is None:
            return None
        unit = "points" if "point" in groups["unit"].lower() else "percent"
        if groups.get("sign"):
            direction = None
            number = -number if groups["sign"] == "-" else number
        elif direction == "down":
            number = -number
        start = match.start("cue") if groups.get("cue") and form != "quantity_noun" else match.start()
        return Change(start, match.end(), number, unit, direction, form, gap)

    def _guarded(self, text: str, change: Change, match: re.Match[str]) -> bool:
        """A threshold, a definition, a share of patients: not a change in a measure."""
        quantity_start = match.start("a") if change.form == "from_to" else match.start("num")
        sign_start = match.start("sign") if match.groupdict().get("sign") else quantity_start
        if self.guard_before.search(text[max(0, sign_start - 30) : sign_start]):
            return True
        if self.guard_after.search(text[match.end() : match.end() + 60]):
            return True
        return bool(self.guard_clause.search(text[self._clause_start(text, change.start) : match.end()]))

    def _clause_start(self, text: str, position: int) -> int:
        starts = [m.end() for m in self.clause_break.finditer(text, 0, position)]
        return starts[-1] if starts else 0

    def _continue(self, text: str, changes: list[Change], claimed: list[tuple[int, int]]) -> list[Change]:
        """'... of 17% at three months and 22% at six months': the second shares the first's reading."""
        result: list[Change] = []
        for change in changes:
            result.append(change)
            current = change
            while True:
                match = self.continuation.match(text, current.end)
                if not match or any(match.start("num") < e and s < match.end() for s, e in claimed):
                    break
                value = parse_number(match.group("num"))
                unit = "points" if "point" in match.group("unit").lower() else "percent"
                if value is None or unit != current.unit or match.group("sign"):
                    break
                value = -value if current.value is not None and current.value < 0 else value
                current = Change(
                    match.start("num"),
                    match.end(),
                    value,
                    unit,
                    current.direction,
                    current.form,
                    inherits=True,
                )
                claimed.append((match.start("num"), match.end()))
                result.append(current)
        return result

    # --- measure, sign, timepoint ------------------------------------------------------------

    def _resolve(
        self,
        text: str,
        changes: list[Change],
        mentions: list[MeasureMention],
        previous: MeasureMention | None,
    ) -> list[Change]:
        """Give each change its measure and its settled value; drop those with neither."""
        resolved: list[Change] = []
        scope_start = 0
        last: Change | None = None
        for change in changes:
            change.measure = (
                self._measure_after(text, change, mentions)
                or self._measure_in_gap(change, mentions)
                or (None if change.inherits else self._measure_before(text, change, mentions, scope_start))
                or (last.measure if last and (change.inherits or change.form == "change_was") else None)
                or self._anaphora(text, change, scope_start, previous)
            )
            if change.measure is None or not self._settle_sign(change):
                continue
            change.timepoint = self._timepoint(text, change, changes)
            change.evidence = _evidence(change)
            resolved.append(change)
            last = change
            scope_start = change.end
        return resolved

    def _measure_after(
        self, text: str, change: Change, mentions: list[MeasureMention]
    ) -> MeasureMention | None:
        for mention in mentions:
            if mention.start >= change.end:
                return mention if self.measure_after.match(text[change.end : mention.start]) else None
        return None

    @staticmethod
    def _measure_in_gap(change: Change, mentions: list[MeasureMention]) -> MeasureMention | None:
        if not change.gap:
            return None
        inside = [m for m in mentions if change.gap[0] <= m.start and m.end <= change.gap[1]]
        return inside[-1] if inside else None

    def _measure_before(
        self, text: str, change: Change, mentions: list[MeasureMention], scope_start: int
    ) -> MeasureMention | None:
        """The nearest measure before the cue, in the same clause."""
        before = [m for m in mentions if scope_start <= m.start and m.end <= change.start]
        if not before:
            return None
        nearest = before[-1]
        if change.start - nearest.end > 120 or self.clause_break.search(text, nearest.end, change.start):
            return None
        return nearest

    def _anaphora(
        self, text: str, change: Change, scope_start: int, previous: MeasureMention | None
    ) -> MeasureMention | None:
        """'patients' scores had improved by 9 points': the measure the sentence before named."""
        if previous and self.anaphora.search(text, scope_start, change.start):
            return MeasureMention(change.start, change.start, previous.measure)
        return None

    @staticmethod
    def _settle_sign(change: Change) -> bool:
        """'improved' and 'worsened' take their sign from the measure's better direction."""
        if change.direction not in ("better", "worse"):
            return change.value is not None
        better = change.measure.measure.better if change.measure else None
        if better is None:
            return False
        if change.form == "from_to":  # the difference already has its sign: it must agree
            return (change.value < 0) == ((better == "lower") == (change.direction == "better"))
        falls = (better == "lower") == (change.direction == "better")
        change.value = -abs(change.value) if falls else abs(change.value)
        return True

    def _timepoint(self, text: str, change: Change, changes: list[Change]) -> str | None:
        """The timepoint after the quantity (before the next change), else the last one up to it."""
        later = [c.start for c in changes if c.start > change.start]
        end = min(later) if later else len(text)
        found = self._timepoints_in(text, change.end, min(end, change.end + 60))
        if found:
            return found[0]
        found = self._timepoints_in(text, 0, change.end)
        return found[-1] if found else None

    def _timepoints_in(self, text: str, start: int, end: int) -> list[tuple[int, str]] | list[str]:
        hits: list[tuple[int, str]] = []
        for regex in self.timepoints:
            for match in regex.finditer(text, start, end):
                hits.append((match.start(), _timepoint_text(match)))
        return [t for _, t in sorted(hits)]

    # --- the document ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        measures = self._measure_vocabulary(doc)
        previous: MeasureMention | None = None
        previous_block = None
        candidates: list[tuple[Sentence, Change, str | None]] = []
        for sentence in readable_sentences(doc):
            mentions = [
                MeasureMention(start, end, measure) for start, end, _, measure in measures.find(sentence.text)
            ]
            if sentence.block is not previous_block and sentence.block.kind in SUMMARY_KINDS:
                previous = None
            previous_block = sentence.block
            # A change is a number: sentences without one are not read for changes.
            if sentence.block.kind != "table_row" and has_number(sentence.text):
                changes = self._resolve(sentence.text, self._changes(sentence.text), mentions, previous)
                scope = 0
                for change in changes:
                    candidates.append(
                        (sentence, change, self._cohort(doc, sentence, scope, change, mentions))
                    )
                    scope = change.end
            if mentions:
                previous = mentions[-1]
        for sentence, change, cohort in self._merge(candidates):
            record(
                doc,
                "endpoint_change",
                sentence.start + change.evidence[0],
                sentence.start + change.evidence[1],
                cohort,
                measure=change.measure.measure.name,
                value=clean_value(round(change.value, 3)),
                unit=change.unit,
                timepoint=change.timepoint,
            )
        return doc

    def _cohort(
        self, doc: Doc, sentence: Sentence, scope_start: int, change: Change, measures: list[MeasureMention]
    ) -> str | None:
        """The cohort the clause names ('in the two patients with RA'), else the sentence's.

        A disease inside a measure's name ("MG" in "MG Activities of Daily Living") names no cohort.
        """
        start = sentence.start + max(scope_start, self._clause_start(sentence.text, change.start))
        inside_measures = [(sentence.start + m.start, sentence.start + m.end) for m in measures]
        named = {
            m.key
            for m in doc_mentions(doc).between(start, sentence.start + change.end)
            if not any(s <= m.start and m.end <= e for s, e in inside_measures)
        }
        return named.pop() if len(named) == 1 else sentence.cohort

    @staticmethod
    def _merge(
        candidates: list[tuple[Sentence, Change, str | None]],
    ) -> list[tuple[Sentence, Change, str | None]]:
        """One fact per measure, value and unit: a body reading with a timepoint wins over a summary line."""
        kept: list[tuple[Sentence, Change, str | None]] = []
        for candidate in sorted(candidates, key=_reading_rank):
            _, change, cohort = candidate
            same = [
                k
                for k in kept
                if k[1].measure.measure.name == change.measure.measure.name
                and abs(k[1].value - change.value) < 1e-6
                and k[1].unit == change.unit
                and (k[2] == cohort or k[2] is None or cohort is None)
            ]
            if not same:
                kept.append(candidate)
        return sorted(kept, key=lambda c: c[0].start + c[1].start)


def _reading_rank(candidate: tuple[Sentence, Change, str | None]) -> tuple[bool, bool, int]:
    sentence, change, _ = candidate
    return (sentence.block.kind in SUMMARY_KINDS, change.timepoint is None, sentence.start + change.start)


def _evidence(change: Change) -> tuple[int, int]:
    """The words read: the phrasing, and the measure where it stands close by."""
    measure = change.measure
    start = min(change.start, measure.start) if change.start - measure.start <= 120 else change.start
    end = max(change.end, measure.end) if measure.start - change.end <= 80 else change.end
    return start, end


def _fill(pattern: str, fills: dict[str, str]) -> str:
    for placeholder, fragment in fills.items():
        pattern = pattern.replace(placeholder, fragment)
    return pattern.replace("{NUMBER}", NUMBER)


def _timepoint_text(match: re.Match[str]) -> str:
    """'Week 24' as written; 'six months' -> '6 months'; 'a year' -> '1 year'."""
    groups = match.groupdict()
    if groups.get("unit1"):
        return f"{groups['unit1']} {groups['num1']}"
    number = groups["num2"].lower()
    count = 1 if number in ("a", "one") else clean_value(parse_number(number) or 0)
    unit = groups["unit2"].lower().rstrip("s")
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


@Language.factory("pressfacts_endpoints", default_config={"patterns_path": None})
def make_endpoints(nlp: Language, name: str, patterns_path: str | None) -> Endpoints:
    return Endpoints(nlp, name, patterns_path)
