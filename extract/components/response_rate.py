"""pressfacts_response_rate: the share of patients reaching an efficacy outcome.

A share ("73%", "94 of 128", "10/11 (91%)", "All five patients", "42 (33%)") is a
response rate when it is paired with an outcome of the measure vocabulary:
- after it, through a verb: "64% achieved a major response", "all 15 patients remain
  off immunosuppressive therapy", "20 (83 percent) responded";
- before it, through a link word: "the ORR was 73%", "an ORR of 91%", "CR or better in
  38.6%", "anti-dsDNA became undetectable in 11/12", "ORR 85%";
- right after it: "91% ORR", "91% response rates".
A percent and a count of the same patients are one fact when their ratio agrees
("71% ... (10 of 14)", "56 of 60 patients responded, for an ORR of 93%"); a count with a
percent and no total takes the total of its sentence whose ratio agrees ("42 (33%)" after
"94 of 128"). Time-to-event estimates, safety events, baseline characteristics, plans
and assumptions, hedged or vague shares and changes are not read. A fact stated twice
(a headline or highlight bullet and the body, a result and its restatement in a quote or
conclusion) is reported once, from the reading with most details. The cohort is the one
the fact's own words name, else the sentence's. Tables are read by pressfacts_tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.components.base import Sentence, compile_regex, load_patterns, readable_sentences, record
from pressfacts.components.cohorts import keys_between
from pressfacts.doc import doc_mentions
from pressfacts.numbers import clean_value, parse_int, parse_number

# Outcomes tried after a share: the first may belong to its group ("nine of the 20 responders were ...").
FORWARD_TRIES = 3
GENERIC_FAMILY = "response"  # "responses in 93%", "91% response rates": any kind of response
UNIT = re.compile(r"\s?(?:%|per\s?cent|percent)\s*$", re.I)
WORD = re.compile(r"[\w()'/-]+")
RATE_WORD = re.compile(r"\s+rates?$", re.I)
OPEN_COUNT = re.compile(r"\(\s*(?:n\s*=\s*)?$", re.I)  # "71% (10 of 14)", "73% (n=187/256)"
TOTAL = re.compile(r"\b\d{1,5}\b(?![.,]\d)")


@dataclass
class Share:
    """A share of patients as written: a percent, a count out of a total, or both."""

    start: int
    end: int
    core_end: int  # where the share ends before a trailing "(x%)" or group words
    value: float | None = None
    count: int | None = None
    denominator: int | None = None
    decimals: int = 0  # of the percent, for checking a ratio against it
    bare_n: bool = False  # a lone "(n=11)": only ever the total of a percent before it

    @property
    def has_count(self) -> bool:
        return self.count is not None and self.denominator is not None


@dataclass
class Outcome:
    """An outcome of the measure vocabulary, found in a sentence."""

    start: int
    end: int
    measure: str
    family: str
    verbal: bool  # the outcome is a verb phrase itself ("responded", "remain off ...")


@dataclass
class Abbreviations:
    """An article's short forms of outcomes ("MFR"), and the vocabulary entry each stands for."""

    regex: re.Pattern[str]
    entries: dict[str, dict[str, Any]]


@dataclass
class Reading:
    """A response rate read from one sentence, before restatements are dropped."""

    start: int
    end: int
    cohort: str | None
    measure: str
    family: str
    value: float | None
    count: int | None
    denominator: int | None
    summary: bool  # read from a headline, heading or highlight bullet


@dataclass
class Context:
    """One sentence being read: its outcomes and the cohort it is about."""

    doc: Doc
    sentence: Sentence
    outcomes: list[Outcome]
    cohort: str | None

    def named(self, start: int, end: int) -> list[str]:
        """Cohort keys named between two offsets of the sentence, not counting an outcome's words."""
        offset = self.sentence.start
        own = {
            m.key
            for m in doc_mentions(self.doc).between(offset + start, offset + end)
            if not any(o.start <= m.start - offset < o.end for o in self.outcomes)
        }
        return [key for key in keys_between(self.doc, offset + start, offset + end) if key in own]


@dataclass
class Previous:
    """The sentence read before, in the same block."""

    block: int
    readings: list[Reading]
    cohort: str | None


def percent_value(text: str) -> tuple[float | None, int]:
    """The number of "82 percent" / "91.7%" / "Ninety-three percent", and its decimals."""
    number = UNIT.sub("", text.strip())
    decimals = len(number.split(".", 1)[1]) if "." in number and number.replace(".", "").isdigit() else 0
    return parse_number(number), decimals


def ratio_agrees(count: int, denominator: int, value: float, decimals: int) -> bool:
    """True when count/denominator rounds to the percent as written."""
    if not denominator or count > denominator:
        return False
    return abs(100 * count / denominator - value) <= 0.5 * 10**-decimals + 0.05


def fields_of(reading: Reading) -> dict[str, float]:
    fields = {"value": reading.value, "count": reading.count, "denominator": reading.denominator}
    return {k: v for k, v in fields.items() if v is not None}


def compatible(a: Reading, b: Reading) -> bool:
    """Two readings that may be the same fact: every field both give agrees, and they share one; or
    one gives only the percent that the other's count and total make ("100%" and "all six")."""
    fa, fb = fields_of(a), fields_of(b)
    shared = fa.keys() & fb.keys()
    if shared:
        return all(abs(fa[k] - fb[k]) < 0.05 for k in shared)
    percent, counts = (fa, fb) if "value" in fa else (fb, fa)
    if "value" not in percent or not {"count", "denominator"} <= counts.keys():
        return False
    value = percent["value"]
    decimals = 0 if float(value).is_integer() else len(str(value).split(".")[1])
    return ratio_agrees(int(counts["count"]), int(counts["denominator"]), value, decimals)


def cohort_kind(doc: Doc, cohort: str | None) -> str | None:
    entry = (doc._.cohort_names or {}).get(cohort) if cohort else None
    return getattr(entry, "kind", "disease") if entry is not None else None


def same_group(doc: Doc, a: Reading, b: Reading) -> bool:
    """Two readings about one group: the same cohort, or one names none and the other a disease or
    trial (the whole study, as likely as not); a labelled arm or dose level is its own group."""
    if a.cohort == b.cohort:
        return True
    if a.cohort is not None and b.cohort is not None:
        return False
    kind = cohort_kind(doc, a.cohort or b.cohort)
    return kind is not None and kind != "label"


def distinct_arms(doc: Doc, a: Reading, b: Reading) -> bool:
    """Two different labelled groups (arms, dose levels): their shares are never one fact."""
    return a.cohort != b.cohort and cohort_kind(doc, a.cohort) == cohort_kind(doc, b.cohort) == "label"


class ResponseRates:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("response_rate.json", patterns_path)

        def regex(pattern: str | list[str]) -> re.Pattern[str]:
            if isinstance(pattern, str):
                pattern = pattern.replace("{P}", data["percent"]).replace("{PAT}", data["patient_nouns"])
            return compile_regex(pattern)

        self.share_forms = [regex(p) for form, p in data["quantities"].items() if not form.startswith("_")]
        self.not_share_before = regex(data["not_a_share_before"]["pattern"])
        self.not_share_after = regex(data["not_a_share_after"]["pattern"])
        self.time_to_event = regex(data["time_to_event_before"]["pattern"])
        self.not_result = regex(data["hypothetical_before"]["pattern"])
        self.entries = data["measures"]
        self.entry_regexes = [regex(e["patterns"]) for e in self.entries]
        alternatives = "|".join(f"(?P<m{i}>{'|'.join(e['patterns'])})" for i, e in enumerate(self.entries))
        self.outcomes = regex(rf"\b(?:{alternatives})")  # outcomes start a word: a fast search
        self.outcome_not_before = regex(data["measure_not_before"]["pattern"])
        self.outcome_not_after = regex(data["measure_not_after"]["pattern"])
        self.verbs = regex(data["verbs"]["pattern"])
        self.elliptical = regex(data["elliptical"]["pattern"])
        self.mid_words = int(data["verb_mid_words"])
        self.group_max = int(data["group_max_chars"])
        self.relative = regex(data["relative"])
        self.clause_break = regex(data["clause_break"])
        self.link = regex(data["link"]["pattern"])
        self.not_in_link = regex(data["link"]["not_in_filler"])
        self.adjacent_outcome = re.compile(data["adjacent_link"]["outcome"])
        self.adjacent_gap = re.compile(data["adjacent_link"]["gap"])
        self.rate_noun = regex(data["rate_noun"]["pattern"])
        self.comparison = regex(data["comparison"]["pattern"])
        self.parallel_between = regex(data["parallel"]["between"])
        self.parallel_group = regex(data["parallel"]["group_after"])
        self.anaphora = regex(data["parallel"]["anaphora"])
        self.respectively = regex(data["respectively"]["pattern"])
        self.respectively_list = regex(data["respectively"]["list"])
        self.exclusions = regex(data["exclusions"]["pattern"])
        self.not_before_outcome = regex(data["not_before_outcome"]["pattern"])
        self.negation = regex(data["negation"])
        self.number = regex(r"\d|\b{NUMBER}\b")
        self.any_number = regex(r"\d|\b{NUMBER}")
        self.not_patients = regex(data["not_patients"]["pattern"])
        self.carry_over = regex(data["carry_over"]["pattern"])
        self.cohort_after = regex(data["cohort_after"]["pattern"])
        self.summary_kinds = set(data["summary_kinds"])

    # --- the document -------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        abbreviations = self._abbreviation_outcomes(doc)
        readings: list[Reading] = []
        previous = Previous(-1, [], None)
        for sentence in readable_sentences(doc):
            if sentence.block.kind == "table_row":
                continue
            if previous.block != sentence.block.start:
                previous = Previous(sentence.block.start, [], None)
            shares = self._shares(sentence.text)
            if not shares:  # most sentences: no need to look for outcomes
                previous = Previous(sentence.block.start, [], sentence.cohort)
                continue
            context = self._context(doc, sentence, abbreviations, previous)
            found = self._read(context, shares, previous.readings)
            readings.extend(found)
            previous = Previous(sentence.block.start, found, context.cohort)
        for r in self._without_restatements(doc, readings):
            value = None if r.value is None else clean_value(r.value)
            record(
                doc,
                "response_rate",
                r.start,
                r.end,
                r.cohort,
                measure=r.measure,
                value=value,
                count=r.count,
                denominator=r.denominator,
            )
        return doc

    def _abbreviation_outcomes(self, doc: Doc) -> Abbreviations | None:
        """The article's own short forms of outcomes ("MFR" for medication-free remission)."""
        entries = {}
        for short, long in (doc._.abbreviations or {}).items():
            long_form = RATE_WORD.sub("", long.strip())  # "complete response rate (CRR)"
            pairs = zip(self.entries, self.entry_regexes, strict=True)
            entry = next((e for e, r in pairs if r.fullmatch(long_form)), None)
            if entry is not None:
                entries[short] = entry
        if not entries:
            return None
        forms = "|".join(re.escape(short) for short in sorted(entries, key=len, reverse=True))
        return Abbreviations(re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])"), entries)

    def _context(
        self, doc: Doc, sentence: Sentence, abbreviations: Abbreviations | None, previous: Previous
    ) -> Context:
        """The sentence with its outcomes and its cohort: a cohort named only inside an outcome's words
        ("Lupus" of LLDAS, "CR" of CR/CRi) gives way to the sentence before's."""
        context = Context(doc, sentence, self._outcomes(sentence.text, abbreviations), sentence.cohort)
        named_anywhere = keys_between(doc, sentence.start, sentence.end)
        if context.cohort in named_anywhere and context.cohort not in context.named(0, len(sentence.text)):
            context.cohort = previous.cohort
        return context

    def _without_restatements(self, doc: Doc, readings: list[Reading]) -> list[Reading]:
        """Keep one reading of each fact: the one with most details, the body's on a tie."""
        kept: list[Reading] = []
        for r in sorted(readings, key=lambda r: (-len(fields_of(r)), r.summary, r.start)):
            if not any(self._restates(doc, r, k) for k in kept):
                kept.append(r)
        return sorted(kept, key=lambda r: r.start)

    @staticmethod
    def _restates(doc: Doc, reading: Reading, kept: Reading) -> bool:
        """A summary line and the body saying the same (a headline's "response" may be any response), or
        a share saying again, or saying less, what another says about the same outcome of the same group
        ("an 86% response rate" after "12 (86%)")."""
        if not compatible(kept, reading):
            return False
        if reading.summary != kept.summary:
            summary, body = (reading, kept) if reading.summary else (kept, reading)
            return same_group(doc, kept, reading) and summary.family in (body.family, GENERIC_FAMILY)
        if kept.family != reading.family:
            return False
        if fields_of(reading).keys() == fields_of(kept).keys():
            return same_group(doc, kept, reading)  # said again ("Conclusion: ... a response in 90%")
        return len(fields_of(reading)) < len(fields_of(kept)) and not distinct_arms(doc, kept, reading)

    # --- one sentence ------------------------------------------------------------------

    def _read(self, context: Context, shares: list[Share], carried: list[Reading]) -> list[Reading]:
        text = context.sentence.text
        shares = self._merged(shares, text)
        readings: list[Reading] = []
        read: list[Share] = []  # the share of each reading
        last_share: Share | None = None
        for share in shares:
            if share.bare_n or (share.value is None and not share.has_count):
                continue
            if self.not_result.search(text, self._clause_start(text, share.start), share.start):
                continue
            share = self._with_denominator(share, text)
            outcome = self._pair(text, share, shares, context.outcomes)
            if outcome is None and last_share is not None and self._continues(text, last_share, share):
                outcome = self._outcome_like(readings[-1], share)
            if outcome is not None:
                readings.append(self._reading(context, share, outcome))
                read.append(share)
                last_share = share
        if not readings and carried and not context.outcomes:
            readings = self._carried(context, shares, carried[-1])
        return self._respectively(context, shares, read, readings) if read else readings

    def _respectively(
        self, context: Context, shares: list[Share], read: list[Share], readings: list[Reading]
    ) -> list[Reading]:
        """Shares listed ("68% and 65%") before as many groups and "respectively" ("in Arm A and Arm B,
        respectively"): the first one's outcome for all of them, and the groups in order."""
        text, last = context.sentence.text, readings[-1]
        listed, read_at = [read[-1]], {share.start for share in read}
        for share in (s for s in shares if s.start > read[-1].start):
            if share.start in read_at or not self.respectively_list.match(text[listed[-1].end : share.start]):
                break
            listed.append(share)
        ending = self.respectively.search(text, listed[-1].end)
        if len(listed) < 2 or ending is None:
            return readings
        groups = list(dict.fromkeys(context.named(listed[-1].end, ending.start())))
        if len(groups) != len(listed):
            return readings
        more = [self._reading(context, share, self._outcome_like(last, share)) for share in listed[1:]]
        return readings[:-1] + [replace(r, cohort=g) for r, g in zip([last, *more], groups, strict=True)]

    def _reading(self, context: Context, share: Share, outcome: Outcome) -> Reading:
        start, end = min(share.start, outcome.start), max(share.end, outcome.end)
        offset = context.sentence.start
        return Reading(
            offset + start,
            offset + end,
            self._cohort(context, start, end, share),
            outcome.measure,
            outcome.family,
            share.value,
            share.count,
            share.denominator,
            context.sentence.block.kind in self.summary_kinds,
        )

    def _continues(self, text: str, last: Share, share: Share) -> bool:
        """A share that compares with the one read before it ("..., compared with 25% of those given
        placebo"), or stands beside it before its own group ("40% in the 300 mg cohort and 60% in ...")."""
        if self.comparison.search(text, last.end, share.start) or self.anaphora.search(
            text, last.end, share.start
        ):
            return True
        return bool(
            self.parallel_between.match(text[last.end : share.start])
            and self.parallel_group.match(text[last.end :])
            and self.parallel_group.match(text[share.end :])
        )

    @staticmethod
    def _outcome_like(reading: Reading, share: Share) -> Outcome:
        """The outcome of an earlier reading, for a share that compares with it or carries it on."""
        return Outcome(share.start, share.start, reading.measure, reading.family, False)

    def _carried(self, context: Context, shares: list[Share], last: Reading) -> list[Reading]:
        """Shares with their counts and no outcome or verb of their own ("69% (11/16) in the Descartes-08
        arm versus 33% (5/15)"), right after a sentence that named one."""
        text = context.sentence.text
        counted = [s for s in shares if s.value is not None and s.has_count]
        if not counted or not self.carry_over.search(text) or self.exclusions.search(text):
            return []
        if self.verbs.search(text, counted[0].start):
            return []  # the shares say something of their own ("30% (3/10) were women")
        return [self._reading(context, s, self._outcome_like(last, s)) for s in counted]

    # --- shares ------------------------------------------------------------------------

    def _shares(self, text: str) -> list[Share]:
        """Every share in the sentence; of two that overlap, the one that starts first, then the longer."""
        if not self.any_number.search(text):
            return []
        matches = sorted(
            (m for regex in self.share_forms for m in regex.finditer(text)),
            key=lambda m: (m.start(), -m.end()),
        )
        shares: list[Share] = []
        taken_until = -1
        for match in matches:
            if match.start() < taken_until:
                continue
            share = self._share(match, text)
            if share is not None:
                shares.append(share)
                taken_until = match.end()
        return shares

    def _share(self, match: re.Match[str], text: str) -> Share | None:
        if self.not_share_before.search(text[max(0, match.start() - 40) : match.start()]):
            return None
        if self.time_to_event.search(text[max(0, match.start() - 90) : match.start()]):
            return None
        groups = {k: v for k, v in match.groupdict().items() if v}
        share = Share(match.start(), match.end(), match.start("core"))
        share.bare_n = not groups.keys() & {"pct", "count", "all"}
        if "pct" in groups:
            share.value, share.decimals = percent_value(groups["pct"])
            if (
                share.value is None
                or share.value > 100
                or self.not_share_after.match(text[match.end("pct") :])
            ):
                return None
        counts = {k: parse_int(v) for k, v in groups.items() if k in ("all", "count", "den")}
        if None in counts.values():
            return None  # a number that counts nobody ("1.5")
        share.count = counts.get("count", counts.get("all"))
        share.denominator = counts.get("den", counts.get("all"))
        if share.has_count and not self._consistent(share):
            return None
        return share

    @staticmethod
    def _consistent(share: Share) -> bool:
        if share.count > share.denominator:
            return False
        return share.value is None or ratio_agrees(
            share.count, share.denominator, share.value, share.decimals
        )

    def _merged(self, shares: list[Share], text: str) -> list[Share]:
        """Join each share with the next one when they count the same patients."""
        merged: list[Share] = []
        index = 0
        while index < len(shares):
            joined = self._join(shares[index], shares[index + 1], text) if index + 1 < len(shares) else None
            merged.append(joined or shares[index])
            index += 2 if joined else 1
        return merged

    def _join(self, first: Share, second: Share, text: str) -> Share | None:
        """ "91% ... (n=11)", "71% of patients ... (10 of 14)", "33 of 51 patients responded (64.7%)"."""
        gap = text[first.end : second.start]
        if len(gap) > 80 or self.clause_break.search(gap):
            return None
        joined = replace(first, end=second.end)
        percent_only = first.value is not None and not first.has_count
        if percent_only and first.count is None and second.bare_n and len(gap) <= 60:
            joined.denominator = first.denominator or second.denominator
            return joined
        if (
            percent_only
            and second.has_count
            and second.value is None
            and OPEN_COUNT.search(gap)
            and ratio_agrees(second.count, second.denominator, first.value, first.decimals)
        ):
            joined.count, joined.denominator = second.count, second.denominator
            return joined
        if (
            first.has_count
            and first.value is None
            and second.value is not None
            and not second.has_count
            and ratio_agrees(first.count, first.denominator, second.value, second.decimals)
        ):
            joined.value, joined.decimals = second.value, second.decimals
            return joined
        return None

    @staticmethod
    def _with_denominator(share: Share, text: str) -> Share:
        """A count with a percent and no total ("42 (33%)") takes a total of its sentence whose ratio
        agrees."""
        if share.count is None or share.denominator is not None or share.value is None:
            return share
        for number in reversed(list(TOTAL.finditer(text, 0, share.start))):
            total = int(number.group(0))
            if total != share.count and ratio_agrees(share.count, total, share.value, share.decimals):
                return replace(share, denominator=total)
        return share

    # --- outcomes ----------------------------------------------------------------------

    def _outcomes(self, text: str, abbreviations: Abbreviations | None) -> list[Outcome]:
        matches = list(self.outcomes.finditer(text))
        found = [self._outcome(text, m.start(), m.end(), self.entries[int(m.lastgroup[1:])]) for m in matches]
        if abbreviations:
            for match in abbreviations.regex.finditer(text):
                if not any(m.start() <= match.start() < m.end() for m in matches):
                    entry = abbreviations.entries[match.group(0)]
                    found.append(self._outcome(text, match.start(), match.end(), entry))
        return sorted((o for o in found if o is not None), key=lambda o: o.start)

    def _outcome(self, text: str, start: int, end: int, entry: dict[str, Any]) -> Outcome | None:
        if self.outcome_not_before.search(text[max(0, start - 30) : start]):
            return None
        if self.outcome_not_after.match(text[end:]):
            return None
        return Outcome(start, end, entry["measure"], entry["family"], bool(entry.get("verbal")))

    # --- pairing a share with its outcome ------------------------------------------------

    def _pair(self, text: str, share: Share, shares: list[Share], outcomes: list[Outcome]) -> Outcome | None:
        following = [o for o in outcomes if o.start >= share.core_end][:FORWARD_TRIES]
        if following and following[0].start <= share.end + 3 and self.rate_noun.match(text[share.end :]):
            return following[0]
        for after in following:
            if self._share_between(shares, share.core_end, after.start, share, text):
                break
            # The outcome may stand inside the share's trailing words ("33 of 51 patients responded (64.7%)").
            gap_start = share.end if after.start >= share.end else share.core_end
            if self._reaches_forward(text[gap_start : after.start], after):
                return after
        before = next(
            (o for o in reversed(outcomes) if o.end <= share.start and not self._aside(text, o, share)), None
        )
        if (
            before
            and not self._share_between(shares, before.end, share.start, share, text)
            and self._reaches_backward(text, before, share)
        ):
            return before
        return None

    @staticmethod
    def _aside(text: str, outcome: Outcome, share: Share) -> bool:
        """An outcome in parentheses closed before the share: "ORR (CR + PR) was 85%" is the ORR's."""
        opened = text.rfind("(", 0, outcome.start) > text.rfind(")", 0, outcome.start)
        return opened and ")" in text[outcome.end : share.start]

    def _share_between(self, shares: list[Share], start: int, end: int, own: Share, text: str) -> bool:
        """Another share stands between: its own statement, unless it is compared with this one
        ("30% of patients on drug vs 10% on placebo achieved SRI-4")."""
        return any(
            s is not own and start <= s.start < end and not self.comparison.search(text, start, s.start)
            for s in shares
        )

    def _reaches_forward(self, gap: str, outcome: Outcome) -> bool:
        """'<share> [of patients ...] <verb> [a few words] <outcome>', elliptical ('12% a partial
        response'), or an outcome that is a verb itself ('20 (83 percent) responded')."""
        if self.not_patients.match(gap):
            return False
        if self.elliptical.match(gap):
            return True
        for verb in self.verbs.finditer(gap):
            group, mid = gap[: verb.start()], gap[verb.end() :]
            if len(group) > self.group_max or self.clause_break.search(group) or self.negation.search(group):
                return False
            if (
                len(WORD.findall(mid)) <= self.mid_words
                and not self.number.search(mid)
                and not self._excluded(verb.group(0) + mid)
            ):
                return True
            if not self.relative.search(group):
                return False  # the main verb leads elsewhere; a verb after "who" may not be the main one
        return (
            outcome.verbal
            and len(gap) <= self.group_max
            and not self.clause_break.search(gap)
            and not self.relative.search(gap)
            and not self._excluded(gap)
        )

    def _reaches_backward(self, text: str, outcome: Outcome, share: Share) -> bool:
        """'<outcome> [rate] [...] <was|of|in|by> <share>', or 'ORR 85%'."""
        gap = text[outcome.end : share.start]
        adjacent = self.adjacent_gap.match(gap) and self.adjacent_outcome.match(
            text[outcome.start : outcome.end]
        )
        link = self.link.match(gap)
        if not adjacent and not (link and self._plain_filler(link.group("fill"))):
            return False
        subject_start = max(self._clause_start(text, outcome.start), outcome.start - 40)
        return not self.not_before_outcome.search(text, subject_start, outcome.start)

    def _plain_filler(self, fill: str) -> bool:
        """Words between an outcome and its share that keep them one statement."""
        return not (self.clause_break.search(fill) or self._excluded(fill) or self.not_in_link.search(fill))

    def _clause_start(self, text: str, position: int) -> int:
        return max((m.end() for m in self.clause_break.finditer(text, 0, position)), default=0)

    def _excluded(self, words: str) -> bool:
        return bool(self.exclusions.search(words) or self.negation.search(words))

    # --- cohort ------------------------------------------------------------------------

    def _cohort(self, context: Context, start: int, end: int, share: Share) -> str | None:
        """The one cohort the fact's own words name, else the one named right after the share ("69%
        (11/16) in the Descartes-08 arm"), else the sentence's, else (a sentence of several) the last one
        named before the fact in its clause."""
        named = set(context.named(start, end))
        if len(named) == 1:
            return named.pop()
        text = context.sentence.text
        if not named and self.cohort_after.match(text[share.end :]):
            after = context.named(share.end, min(len(text), share.end + 40))
            if after:
                return after[0]
        if not named and context.cohort is None:
            before = context.named(self._clause_start(text, start), start)
            if before:
                return before[-1]  # "In Cohort 1, 10 of 12 patients responded, compared with ..."
        return context.cohort


@Language.factory("pressfacts_response_rate", default_config={"patterns_path": None})
def make_response_rate(nlp: Language, name: str, patterns_path: str | None) -> ResponseRates:
    return ResponseRates(nlp, name, patterns_path)
