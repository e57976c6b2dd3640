"""pressfacts_safety: cytokine release syndrome (CRS) and ICANS in prose.

A sentence is split into clauses (at "; ", ": ", ", and", ", with", ", while",
", all", ", none", a bare "and" that opens a new fact; never inside
parentheses). A parenthesis that breaks a figure down ("(grade 3 or 4 in
10%)", "(Cohort 1: 1 subject; Cohort 2: 3 subjects)") is read as clauses of
its own. A clause names its events, or goes on about the events of the clause
before ("CRS occurred in 65%, all grade 1 or 2"); it gives the grade, the
count and percent nearest each event, a negation ("no ICANS") or a scope
("all CRS events were low grade"). A fact needs one of those: "mostly mild
CRS" is not one. Table rows are the tables component's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.components.base import Sentence, compile_regex, load_patterns, readable_sentences, record
from pressfacts.components.cohorts import mentions_between
from pressfacts.doc import doc_mentions
from pressfacts.numbers import PERCENT, clean_value, parse_int, parse_percent

PERCENT_REGEX = re.compile(PERCENT, re.I)
# What may stand between two events named together: "CRS or ICANS", "CRS (cytokine ...) and ICANS".
COORDINATED = re.compile(r"[\s(),/]*(?:(?:and|or|nor)\b[\s(),/]*)?", re.I)
# What may stand between a grade and the event it qualifies: "grade 4 CRS", "Severe (grade 3 or higher) CRS".
ADJACENT = re.compile(r"[\s()]*")


@dataclass
class Grade:
    start: int
    end: int
    value: str
    scope_all: bool


@dataclass
class Figure:
    """A count or a percent in a clause."""

    start: int
    end: int
    value: float


@dataclass
class Run:
    """Events named together ("CRS or ICANS"), the unit figures are bound to."""

    events: list[str]
    start: int
    end: int


@dataclass
class Clause:
    """A piece of a sentence that holds at most one reading per event."""

    start: int  # offsets in the sentence text
    end: int
    text: str  # the sentence text, with the clause's breakdown parentheses blanked
    breakdown: bool = False  # read from a parenthesis inside the clause before
    anchor: int = -1  # a breakdown's opening parenthesis, in the sentence text
    children: list[Clause] = field(default_factory=list)

    @property
    def words(self) -> str:
        return self.text[self.start : self.end]


@dataclass
class Reading:
    """What one clause says about its events, before the cohort is settled."""

    events: list[str]
    grades: dict[str, str]
    counts: dict[str, int] = field(default_factory=dict)
    percents: dict[str, float] = field(default_factory=dict)
    all_percents: list[float] = field(default_factory=list)  # for "..., respectively"
    negated: bool = False
    scope_all: bool = False


def year_like(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100


def blank(text: str, spans: list[tuple[int, int]], filler: str = " ") -> str:
    """`text` with the spans replaced by `filler` (offsets kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = filler * (end - start)
    return "".join(chars)


def parentheses(text: str) -> list[tuple[int, int]]:
    """Top-level balanced parentheses, with the parentheses themselves."""
    spans, depth, opened = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                opened = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, index + 1))
    return spans


def nearest(figures: list[Figure], run: Run, low: int, high: int) -> tuple[Figure | None, bool]:
    """The first figure after the run (within its stretch of the clause), else the last before it;
    and whether it came after."""
    after = [f for f in figures if run.end <= f.start < high]
    if after:
        return after[0], True
    before = [f for f in figures if low <= f.start and f.end <= run.start]
    return (before[-1] if before else None), False


class Safety:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("safety.json", patterns_path)
        self.event_forms = {
            event: forms for event, forms in data["events"].items() if not event.startswith("_")
        }
        self.event_regex = self._compile_events(self.event_forms)
        self.event_abbreviations = {
            event: pattern
            for event, pattern in data["event_abbreviations"].items()
            if not event.startswith("_")
        }
        self.not_event_before = compile_regex(data["not_event_before"]["pattern"])
        self.skip_clause = compile_regex(data["skip_clause"]["patterns"])
        self.other_subject = compile_regex(data["other_subject"]["pattern"])
        self.grade_not_before = compile_regex(data["grade_not_before"]["pattern"])
        self.grade_hedged = compile_regex(data["grade_hedged"]["pattern"])
        numbers = data["grade_numbers"]
        self.grades = [
            (
                compile_regex(re.sub(r"<([1-5])>", lambda m: f"(?:{numbers[m.group(1)]})", entry["pattern"])),
                entry["grade"],
                entry.get("scope") == "all",
            )
            for entry in data["grades"]["entries"]
        ]
        self.scope_all = compile_regex(data["scope_all"]["patterns"])
        self.negation_before = compile_regex(data["negation"]["before"])
        self.negation_window = int(data["negation"]["window"])
        self.negation_after = compile_regex(data["negation"]["after"])
        self.counts = [
            (compile_regex(entry["pattern"]), entry.get("value"), entry.get("no_percent", False))
            for entry in data["counts"]["patterns"]
        ]
        self.count_not_after = compile_regex(data["counts"]["not_after"]["pattern"])
        self.percent_not_after = compile_regex(data["percent_not_after"]["pattern"])
        self.clause_breaks = compile_regex(data["clause_breaks"]["pattern"])
        self.and_break = compile_regex(data["and_break_next"]["pattern"])
        self.continuation = compile_regex(data["continuation"]["patterns"])
        self.pronoun_start = compile_regex(data["pronoun_start"]["pattern"])
        self.breakdown = compile_regex(data["breakdown"]["pattern"])
        self.breakdown_split = compile_regex(data["breakdown"]["split"])
        self.distribute = compile_regex(data["distribute"]["pattern"])
        self.respectively = compile_regex(data["respectively"]["pattern"])
        self.same_groups = compile_regex(data["respectively"]["same"])
        # "across both arms", "overall": the cohorts component's own cues for a whole-study sentence
        self.whole_study = compile_regex(load_patterns("cohorts.json")["whole_study"])

    @staticmethod
    def _compile_events(
        forms: dict[str, list[str]], extra: dict[str, list[str]] | None = None
    ) -> re.Pattern[str]:
        parts = []
        for event, patterns in forms.items():
            alternatives = patterns + [re.escape(short) for short in (extra or {}).get(event, [])]
            parts.append(f"(?P<{event}>" + "|".join(f"(?:{p})" for p in alternatives) + ")")
        return compile_regex(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w]|-\w)")

    # ---- the document -------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        events = self._document_events(doc)
        state = _State()
        for sentence in readable_sentences(doc):
            if sentence.block.kind == "table_row":
                state.previous_events = []
                continue
            self._read_sentence(doc, sentence, events, state)
        return doc

    def _document_events(self, doc: Doc) -> re.Pattern[str]:
        """Our event names plus the article's own abbreviations for them; a short form it defines
        as something else ('CRS (chronic rhinosinusitis)') is dropped."""
        extra: dict[str, list[str]] = {}
        dropped: set[str] = set()
        for short, long in (doc._.abbreviations or {}).items():
            match = self.event_regex.fullmatch(long.strip())
            if match and match.lastgroup:
                extra.setdefault(match.lastgroup, []).append(short)
            else:
                dropped.update(e for e, p in self.event_abbreviations.items() if re.fullmatch(p, short))
        if not extra and not dropped:
            return self.event_regex
        return self._events_variant(
            frozenset(dropped), tuple((e, tuple(s)) for e, s in sorted(extra.items()))
        )

    @lru_cache(maxsize=64)  # noqa: B019 - one component per pipeline; articles share a few variants
    def _events_variant(
        self, dropped: frozenset[str], extra: tuple[tuple[str, tuple[str, ...]], ...]
    ) -> re.Pattern[str]:
        """The event regex without the dropped short forms, with the extra ones (compiled once per variant:
        "cytokine release syndrome (CRS)" is in most articles)."""
        forms = {
            event: [p for p in patterns if not (event in dropped and p == self.event_abbreviations[event])]
            for event, patterns in self.event_forms.items()
        }
        return self._compile_events(forms, {event: list(shorts) for event, shorts in extra})

    def _read_sentence(self, doc: Doc, sentence: Sentence, events: re.Pattern[str], state: _State) -> None:
        previous: list[str] = []
        previous_grades: dict[str, str] = {}
        sentence_events: list[str] = []
        # the cohorts an earlier clause named ("In the SLE cohort, ...; in the LN cohort, ...")
        carried: list[str] = []
        named = events.search(sentence.text)
        if not named and not (state.previous_events and self.pronoun_start.match(sentence.text)):
            clauses: list[Clause] = []  # nothing of ours, and no "It occurred in ..." either
        else:
            clauses = self._clauses(doc, sentence, events)
        for index, clause in enumerate(clauses):
            if index == 0 and self.pronoun_start.match(clause.words):
                previous = state.previous_events
            reading, previous, previous_grades = self._read_clause(clause, events, previous, previous_grades)
            groups, carried = self._clause_groups(doc, sentence, clause, carried, state)
            if reading:
                self._record(doc, sentence, clause, reading, groups, state)
                sentence_events = reading.events
            for child in clause.children:
                about = self._events_before(clause, child.anchor, events) or previous
                child_reading, _, _ = self._read_clause(child, events, about, previous_grades)
                if child_reading:
                    child_groups, _ = self._clause_groups(doc, sentence, child, groups, state)
                    self._record(doc, sentence, child, child_reading, child_groups, state)
        state.previous_events = sentence_events or (
            self._named_events(sentence.text, events) if named else []
        )
        state.previous_keys = self._keys(doc, sentence.start, sentence.start + len(sentence.text))
        state.previous_cohort = sentence.cohort
        state.previous_block = sentence.block.start

    def _events_before(self, clause: Clause, anchor: int, events: re.Pattern[str]) -> list[str]:
        """The events a breakdown parenthesis follows: "CRS in 86% (grade >=3, 3%), neurotoxicity in 20%"."""
        if self.skip_clause.search(clause.words):
            return []
        runs = [run for run in self._runs(clause.words, events) if clause.start + run.end <= anchor]
        return runs[-1].events if runs else []

    # ---- clauses --------------------------------------------------------------------------------

    def _clauses(self, doc: Doc, sentence: Sentence, events: re.Pattern[str]) -> list[Clause]:
        text = sentence.text
        spans = parentheses(text)
        breakdowns = [(s, e) for s, e in spans if self._is_breakdown(text[s + 1 : e - 1])]
        main = blank(text, breakdowns)
        flat = blank(text, spans, "_")  # no clause break inside parentheses, and none taken for a space
        mention_starts = {
            m.start - sentence.start for m in doc_mentions(doc).starting_in(sentence.start, sentence.end)
        }
        respectively = bool(self.respectively.search(text))
        clauses = [
            Clause(start, end, main)
            for start, end in self._split(flat, events, mention_starts, respectively)
            if main[start:end].strip()
        ]
        for start, end in breakdowns:
            parent = next((c for c in clauses if c.start <= start < c.end), None)
            if parent is None:
                continue
            inner = blank(text, [(s, e) for s, e in spans if (s, e) != (start, end)])
            for piece_start, piece_end in self._pieces(text, start + 1, end - 1):
                parent.children.append(Clause(piece_start, piece_end, inner, breakdown=True, anchor=start))
        return clauses

    def _is_breakdown(self, inner: str) -> bool:
        if not self.breakdown.search(inner):
            return False
        masked = self._mask_grades(inner, self._grades(inner))
        return bool(PERCENT_REGEX.search(masked) or self._counts(masked) or self.scope_all.search(masked))

    def _pieces(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """A breakdown's items: split at ";", else at commas and "and"."""
        separator = re.compile(r";\s*") if ";" in text[start:end] else self.breakdown_split
        cursor = start
        for match in separator.finditer(text, start, end):
            yield cursor, match.start()
            cursor = match.end()
        yield cursor, end

    def _split(
        self, flat: str, events: re.Pattern[str], mention_starts: set[int], respectively: bool
    ) -> list[tuple[int, int]]:
        """Clause boundaries over the sentence with its parentheses blanked."""
        cuts: list[tuple[int, int]] = []
        for match in self.clause_breaks.finditer(flat):
            if flat[match.start()] == "," and self._lists_cohorts(flat, match.end(), mention_starts):
                continue
            cuts.append((match.start(), match.end() if flat[match.start()] in ";:" else match.start() + 1))
        for match in re.finditer(r"\s+and\s+", flat):
            if self._and_opens_fact(flat, match, events, mention_starts, respectively):
                cuts.append((match.start(), match.start()))
        pieces, cursor = [], 0
        for cut_start, cut_end in sorted(cuts):
            if cut_start < cursor:
                continue
            pieces.append((cursor, cut_start))
            cursor = cut_end
        pieces.append((cursor, len(flat)))
        return [(s, e) for s, e in pieces if e > s]

    @staticmethod
    def _lists_cohorts(flat: str, after: int, mention_starts: set[int]) -> bool:
        """', and CIDP groups': a comma inside a list of cohorts is no clause break."""
        words = re.match(r"and\s+", flat[after:])
        return bool(words) and after + words.end() in mention_starts

    def _and_opens_fact(
        self,
        flat: str,
        match: re.Match[str],
        events: re.Pattern[str],
        mention_starts: set[int],
        respectively: bool,
    ) -> bool:
        before, after = flat[: match.start()], flat[match.end() :]
        if before.endswith(",") or match.end() in mention_starts:
            return False  # ", and" is a clause break already; "gMG, AE and CIDP" lists cohorts
        if self.and_break.match(flat, match.start()):
            listed_percents = re.search(r"(?<![\w.])[\d.]+\s?%$", before) and re.match(r"[\d.]+\s?%", after)
            listed_numbers = (
                respectively and re.search(r"(?<![\w.])[\d.]+$", before) and re.match(r"\d", after)
            )
            return not (listed_percents or listed_numbers)  # "2.1%, 0.7% and 2.0% of patients"
        event_after = events.match(after)
        event_before = re.search(rf"(?:{events.pattern})\)?$", before, events.flags)
        return bool(event_after) and not event_before  # "CRS in 42% and NEs in 30%", not "CRS and ICANS"

    # ---- one clause -----------------------------------------------------------------------------

    def _read_clause(
        self, clause: Clause, events: re.Pattern[str], previous: list[str], previous_grades: dict[str, str]
    ) -> tuple[Reading | None, list[str], dict[str, str]]:
        """The clause's reading, and the events and grades a following clause may go on about."""
        words = clause.words
        if self.skip_clause.search(words):
            return None, [], {}
        runs = self._runs(words, events)
        grades = self._grades(words)
        if runs:
            names = list(dict.fromkeys(e for run in runs for e in run.events))
            grade_of = {name: self._grade_for(name, runs, grades, words) for name in names}
            # A grade in parentheses is this figure's alone: "one patient in Arm A (Grade 1, resolved) and
            # in no patients in Arm B" - the clause after it goes on with any grade.
            spans = parentheses(words)
            outside = [g for g in grades if not any(s <= g.start < e for s, e in spans)]
            carried = (
                grade_of
                if len(outside) == len(grades)
                else {name: self._grade_for(name, runs, outside, words) for name in names}
            )
            return self._reading(words, runs, grade_of, grades), names, carried
        if previous and self._continues(clause, grades):
            names = previous
            grade_of = {
                name: grades[0].value if grades else previous_grades.get(name, "any") for name in names
            }
            # A grade of its own breaks the figure down ("including Grade 1 in 18 and Grade 2 in 4"); the
            # clause after it goes on with the grade of the clause that named the event ("and in 15 of
            # 47 in Arm B" is any grade).
            reading = self._reading(words, [Run(names, 0, 0)], grade_of, grades)
            return reading, names, previous_grades
        return None, ([] if self.other_subject.search(words) else previous), previous_grades

    def _continues(self, clause: Clause, grades: list[Grade]) -> bool:
        """Whether a clause with no event name goes on about the clause before."""
        words = clause.words
        if self.other_subject.search(words):
            return False
        return bool(clause.breakdown or grades or self.continuation.match(words))

    def _runs(self, words: str, events: re.Pattern[str]) -> list[Run]:
        """The event names in a clause, grouped where they are named together."""
        runs: list[Run] = []
        for match in events.finditer(words):
            if self.not_event_before.search(words[: match.start()]):
                continue
            event = match.lastgroup or ""
            if runs and COORDINATED.fullmatch(words[runs[-1].end : match.start()]):
                runs[-1].end = match.end()
                if event not in runs[-1].events:
                    runs[-1].events.append(event)
            else:
                runs.append(Run([event], match.start(), match.end()))
        return runs

    def _grades(self, words: str) -> list[Grade]:
        """Grade phrases, longest first where they overlap."""
        found = [
            Grade(m.start(), m.end(), grade, scope)
            for regex, grade, scope in self.grades
            for m in regex.finditer(words)
            if not self.grade_not_before.match(words, m.end())
            and not self.grade_hedged.search(words[max(0, m.start() - 20) : m.start()])
        ]
        found.sort(key=lambda g: (-(g.end - g.start), g.start))
        kept: list[Grade] = []
        for grade in found:
            if all(grade.end <= k.start or grade.start >= k.end for k in kept):
                kept.append(grade)
        return sorted(kept, key=lambda g: g.start)

    @staticmethod
    def _grade_for(event: str, runs: list[Run], grades: list[Grade], words: str) -> str:
        """The grade nearest before the event's first naming, else the nearest after it; not one that
        qualifies another event ("No ICANS or grade >=2 CRS")."""
        run = next(r for r in runs if event in r.events)
        elsewhere = [
            g
            for g in grades
            for r in runs
            if r is not run and g.end <= r.start and ADJACENT.fullmatch(words[g.end : r.start])
        ]
        grades = [g for g in grades if g not in elsewhere]
        before = [g for g in grades if g.end <= run.start]
        if before:
            return before[-1].value
        after = [g for g in grades if g.start >= run.end]
        return after[0].value if after else "any"

    def _reading(
        self, words: str, runs: list[Run], grade_of: dict[str, str], grades: list[Grade]
    ) -> Reading | None:
        masked = self._mask_grades(words, grades)
        scope_all = any(g.scope_all for g in grades) or (
            any(v != "any" for v in grade_of.values()) and bool(self.scope_all.search(masked))
        )
        reading = Reading(list(grade_of), grade_of, scope_all=scope_all)
        if scope_all:
            return reading
        percents = self._percents(masked)
        counts = self._counts(masked)
        reading.all_percents = [f.value for f in percents]
        for index, run in enumerate(runs):
            low = runs[index - 1].end if index else 0
            high = runs[index + 1].start if index + 1 < len(runs) else len(words)
            self._bind_figures(reading, run, percents, counts, low, high)
        subject = runs[0].events[0]
        for run in runs[1:]:  # "one patient had grade 3 ICANS accompanied by grade 2 CRS"
            for event in run.events:
                if (
                    event not in reading.counts
                    and event not in reading.percents
                    and subject in reading.counts
                ):
                    reading.counts[event] = reading.counts[subject]
        first_cue = min([runs[0].start if runs[0].end else len(words)] + [g.start for g in grades])
        window = max(0, first_cue - self.negation_window)
        negated = bool(
            self.negation_before.search(words, window, first_cue)
            or self.negation_after.search(words, first_cue)
        )
        none_occurred = bool(reading.percents) and not any(
            reading.percents.values()
        )  # "0% grade 3 or higher"
        if (negated or none_occurred) and not any(reading.percents.values()):
            reading.negated = True
            reading.counts = dict.fromkeys(reading.events, 0)
            reading.percents = {}
        if not reading.negated and not reading.counts and not reading.percents:
            return None
        return reading

    @staticmethod
    def _bind_figures(
        reading: Reading, run: Run, percents: list[Figure], counts: list[Figure], low: int, high: int
    ) -> None:
        """Give the run's events the percent and count nearest them ("CRS in 93%, neurotoxicity in 64%"),
        one each in order when the run has as many percents after it ("CRS and ICANS in 80% and 20%")."""
        after = [f for f in percents if run.end <= f.start < high]
        if len(run.events) >= 2 and len(after) == len(run.events):
            for event, figure in zip(run.events, after, strict=True):
                reading.percents[event] = figure.value
            return
        percent, percent_after = nearest(percents, run, low, high)
        count, count_after = nearest(counts, run, low, high)
        if percent is not None and count is not None and count_after != percent_after:
            count = None  # "In 20 treated patients, CRS occurred in 85%": 20 is the group, not the count
        for event in run.events:
            if percent is not None:
                reading.percents[event] = percent.value
            if count is not None:
                reading.counts[event] = int(count.value)

    def _mask_grades(self, words: str, grades: list[Grade]) -> str:
        """The clause with each numbered grade phrase written as one word ("grade---"), so that
        its numbers are no counts and "one grade 5 event" still reads as one event."""
        chars = list(words)
        for grade in grades:
            phrase = words[grade.start : grade.end]
            if re.search(r"\d", phrase) and len(phrase) >= 5:
                chars[grade.start : grade.end] = "grade" + "-" * (len(phrase) - 5)
        return "".join(chars)

    def _percents(self, masked: str) -> list[Figure]:
        """Percents of patients; not bounds or hedges ("<1%", "up to 90%")."""
        return [
            Figure(m.start(), m.end(), clean_value(parse_percent(m.group(0)) or 0))
            for m in PERCENT_REGEX.finditer(masked)
            if not self.percent_not_after.search(masked[: m.start()])
        ]

    def _counts(self, masked: str) -> list[Figure]:
        """Patients or events, in text order; where two readings overlap the first pattern's wins."""
        found: list[Figure] = []
        has_percent = bool(PERCENT_REGEX.search(masked))
        for regex, value, no_percent in self.counts:
            if no_percent and has_percent:
                continue
            for match in regex.finditer(masked):
                number = match.group("n") if "n" in regex.groupindex else None
                if number is not None and (
                    year_like(number) or self.count_not_after.search(masked[: match.start()])
                ):
                    continue
                start, end = match.span("n") if number is not None else match.span()
                if number is not None and PERCENT_REGEX.match(masked, start):
                    continue  # "in 13 percent of patients"
                count = value if number is None else parse_int(number)
                if count is not None and all(end <= f.start or start >= f.end for f in found):
                    found.append(Figure(start, end, count))
        return sorted(found, key=lambda f: f.start)

    # ---- cohorts and recording ------------------------------------------------------------------

    @staticmethod
    def _keys(doc: Doc, start: int, end: int, skip: list[tuple[int, int]] | None = None) -> list[str]:
        keys = [
            m.key
            for m in mentions_between(doc, start, end)
            if not any(s <= m.start < e for s, e in skip or [])
        ]
        return list(dict.fromkeys(keys))

    def _clause_keys(self, doc: Doc, sentence: Sentence, clause: Clause) -> list[str]:
        """The cohorts a clause names (its breakdown parentheses left out)."""
        blanked = [
            (sentence.start + i, sentence.start + i + 1)
            for i in range(clause.start, clause.end)
            if clause.text[i] == " " and sentence.text[i] != " "
        ]
        return self._keys(doc, sentence.start + clause.start, sentence.start + clause.end, blanked)

    def _clause_groups(
        self, doc: Doc, sentence: Sentence, clause: Clause, carried: list[str], state: _State
    ) -> tuple[list[str], list[str]]:
        """The cohort keys a clause is about (none: the whole study), and those the next clause carries on."""
        keys = self._clause_keys(doc, sentence, clause)
        if keys:
            return keys, keys
        if self.whole_study.search(clause.words):
            return [], []
        if carried:
            return carried, carried
        sentence_keys = self._keys(doc, sentence.start, sentence.start + len(sentence.text))
        if sentence.cohort in sentence_keys:
            # the sentence's cohort is named in a later clause: this one is still about the one before
            same_block = state.previous_block == sentence.block.start
            earlier = state.previous_cohort if same_block else None
            return ([earlier] if earlier else []), []
        return ([sentence.cohort] if sentence.cohort else []), []

    def _record(
        self, doc: Doc, sentence: Sentence, clause: Clause, reading: Reading, keys: list[str], state: _State
    ) -> None:
        words = clause.words
        start = sentence.start + clause.start + (len(words) - len(words.lstrip(" ,;:")))
        end = sentence.start + clause.start + len(words.rstrip(" ,;:."))
        if self.respectively.search(words) and len(reading.all_percents) >= 2:
            self._record_respectively(doc, clause, reading, keys, state, (start, end))
            return
        groups: list[str | None] = [keys[0] if len(keys) == 1 else None]
        if len(keys) >= 2 and (reading.negated or reading.scope_all):
            groups = list(keys)  # "In the gMG, AE and CIDP groups, all CRS was grade 1"
        elif self.distribute.search(words):
            groups = self._distributed(doc, sentence, keys, state) or groups
        for group in groups:
            for event in reading.events:
                fields = self._fields(event, reading, reading.percents.get(event))
                record(doc, "safety_event", start, end, group, **fields)

    def _distributed(self, doc: Doc, sentence: Sentence, keys: list[str], state: _State) -> list[str | None]:
        """The cohorts 'either cohort' means: named in the clause, else the sentence, else the one before."""
        if len(keys) >= 2:
            return list(keys)
        sentence_keys = self._keys(doc, sentence.start, sentence.start + len(sentence.text))
        if len(sentence_keys) >= 2:
            return list(sentence_keys)
        return list(state.previous_keys) if len(state.previous_keys) >= 2 else []

    def _record_respectively(
        self,
        doc: Doc,
        clause: Clause,
        reading: Reading,
        keys: list[str],
        state: _State,
        span: tuple[int, int],
    ) -> None:
        """'in 79.0%, 72.4% and 76.5% of patients in the QW, Q2W and ... cohorts, respectively'."""
        percents = reading.all_percents
        if len(reading.events) == len(percents):
            for event, percent in zip(reading.events, percents, strict=True):
                record(doc, "safety_event", *span, None, **self._fields(event, reading, percent))
            return
        if self.same_groups.search(clause.words):
            keys = state.respective_keys
        if len(keys) != len(percents):
            return  # groups we cannot pair with the figures: no guess
        state.respective_keys = keys
        for key, percent in zip(keys, percents, strict=True):
            for event in reading.events:
                record(doc, "safety_event", *span, key, **self._fields(event, reading, percent, count=False))

    @staticmethod
    def _fields(event: str, reading: Reading, percent: float | None, count: bool = True) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "event": event,
            "grade": reading.grades.get(event, "any"),
            "count": reading.counts.get(event) if count else None,
            "percent": percent,
            "negated": reading.negated,
            "scope": "all" if reading.scope_all else None,
        }
        return {k: v for k, v in fields.items() if v is not None}

    def _named_events(self, text: str, events: re.Pattern[str]) -> list[str]:
        return list(dict.fromkeys(m.lastgroup or "" for m in events.finditer(text)))


@dataclass
class _State:
    """What a sentence leaves for the next: its events ('It occurred in ...'), cohorts ('either cohort')."""

    previous_events: list[str] = field(default_factory=list)
    previous_keys: list[str] = field(default_factory=list)
    previous_cohort: str | None = None
    previous_block: int = -1
    respective_keys: list[str] = field(default_factory=list)


@Language.factory("pressfacts_safety", default_config={"patterns_path": None})
def make_safety(nlp: Language, name: str, patterns_path: str | None) -> Safety:
    return Safety(nlp, name, patterns_path)
