"""pressfacts_cohort_size: how many patients a group holds.

A number is a cohort size when it counts patients ("26 treated patients",
"Thirteen patients ... were treated"), stands before a population verb ("128
received ide-cel", "nine infused"), is an "n=" ("(n=11)"), or breaks a group
down by cohort ("eight with SLE", "51 at DL1"). The population follows the
verb of its clause. Counts out of a total, shares, ages, medians, planned
enrolment and company statistics are not sizes.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.components.base import Sentence, compile_regex, load_patterns, readable_sentences, record
from pressfacts.components.cohorts import keys_between
from pressfacts.doc import doc_mentions
from pressfacts.numbers import NUMBER, parse_int

# A breakdown may list several cohorts after "each": "one each with A, B and C".
LIST_GAP = re.compile(r"^(?:\s*\([^()]{0,40}\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?$", re.I)


NUMBER_REGEX = re.compile(NUMBER)


def is_year(number: str) -> bool:
    """ "2018" in "since 2018 patients ..." is a year, not a group."""
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100


def in_label(doc: Doc, position: int) -> bool:
    """The "1" of "Cohort 1" or of "DL1" names a group; it counts nobody."""
    return any(m.kind == "label" for m in doc_mentions(doc).covering(position))


class CohortSizes:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("cohort_size.json", patterns_path)
        self.forms = {
            form: compile_regex(pattern.replace("{NOUNS}", data["nouns"]))
            for form, pattern in data["forms"].items()
        }
        self.population = [(population, compile_regex(pattern)) for population, pattern in data["population"]]
        self.before_not_size = compile_regex(data["before_number_not_size"])
        self.after_not_size = compile_regex(data["after_number_not_size"])
        self.outcome_after = compile_regex(data["outcome_after"])
        self.share_after_noun = compile_regex(data["share_after_noun"])
        self.supportive_care = compile_regex(data["supportive_care"])
        self.planned = compile_regex(data["planned"])
        self.clause_break = compile_regex(data["clause_break"])
        self.subgroup = compile_regex(data["subgroup"])
        self.outcome_breakdown = compile_regex(data["breakdown_of_an_outcome"])
        self.respectively = compile_regex(data["respectively"].replace("{NOUNS}", data["nouns"]))

    def __call__(self, doc: Doc) -> Doc:
        for sentence in readable_sentences(doc):
            if sentence.block.kind != "table_row":
                self._read(doc, sentence)
        return doc

    def _read(self, doc: Doc, sentence: Sentence) -> None:
        text = sentence.text
        taken = self._read_respectively(doc, sentence)
        for form, regex in self.forms.items():
            for match in regex.finditer(text):
                start, end = match.span("n")
                if (
                    start in taken
                    or in_label(doc, sentence.start + start)
                    or not self._is_size(text, start, end)
                ):
                    continue
                value = parse_int(match.group("n"))
                if (
                    not value
                    or is_year(match.group("n"))
                    or self.share_after_noun.match(text, match.end())
                    or self.supportive_care.match(text, match.end())
                ):
                    continue
                clause = self._clause(text, start)
                if self.planned.search(text, *clause):
                    continue
                if form == "breakdown":
                    if self.outcome_breakdown.search(text, 0, match.start()):
                        continue
                    cohorts = self._listed_cohorts(doc, sentence, match.end())
                    if not cohorts:
                        continue
                    population = self._population_before(text, match.start()) or "treated"
                else:
                    population = self._population(text, match, clause)
                    if form in ("counted", "of_whom") and self._outcome_first(text, match, clause):
                        continue
                    population = population or "treated"
                    cohorts = [self._cohort(doc, sentence, clause, match.start())]
                taken.add(start)
                subgroup = self.subgroup.search(text, match.end(), clause[1])
                for cohort in cohorts:
                    record(
                        doc,
                        "cohort_size",
                        sentence.start + min(start, match.start()),
                        sentence.start + max(end, match.end()),
                        cohort,
                        value=value,
                        population=population,
                        subgroup=subgroup.group("subgroup") if subgroup else None,
                    )

    def _read_respectively(self, doc: Doc, sentence: Sentence) -> set[int]:
        """Sizes listed with their groups and "respectively"; returns the offsets of the numbers read."""
        taken: set[int] = set()
        text = sentence.text
        for match in self.respectively.finditer(text):
            numbers = [(m.start(), parse_int(m.group(0))) for m in NUMBER_REGEX.finditer(match.group("list"))]
            groups = list(
                dict.fromkeys(keys_between(doc, *(sentence.start + i for i in match.span("groups"))))
            )
            if len(groups) != len(numbers) or not all(value for _, value in numbers):
                continue
            clause = self._clause(text, match.end())
            population = self._population(text, match, (match.start(), clause[1])) or "treated"
            for (offset, value), cohort in zip(numbers, groups, strict=True):
                taken.add(match.start("list") + offset)
                record(
                    doc,
                    "cohort_size",
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    cohort,
                    value=value,
                    population=population,
                )
        return taken

    def _population_before(self, text: str, position: int) -> str | None:
        """A breakdown takes the population of the group it breaks down: the last one named before it."""
        found = [
            (m.end(), population)
            for population, regex in self.population
            for m in regex.finditer(text, 0, position)
        ]
        return max(found)[1] if found else None

    def _outcome_first(self, text: str, match: re.Match[str], clause: tuple[int, int]) -> bool:
        """Whether the counted patients are the subject of an outcome ("two patients had grade 3 CRS"):
        an outcome verb follows before any population word, and none stands before the count
        ("has dosed 24 patients, all of whom had ...")."""
        if any(regex.search(text, clause[0], match.end()) for _, regex in self.population):
            return False
        outcome = self.outcome_after.search(text, match.end(), clause[1])
        if outcome is None:
            return False
        after = [
            m.start() for _, regex in self.population if (m := regex.search(text, match.end(), clause[1]))
        ]
        return not after or outcome.start() < min(after)

    def _is_size(self, text: str, start: int, end: int) -> bool:
        return not self.before_not_size.search(
            text[max(0, start - 30) : start]
        ) and not self.after_not_size.match(text, end)

    def _clause(self, text: str, position: int) -> tuple[int, int]:
        """The clause around `position`: between the clause breaks either side of it."""
        start, end = 0, len(text)
        for brk in self.clause_break.finditer(text):
            if brk.end() <= position:
                start = brk.end()
            elif brk.start() > position:
                end = brk.start()
                break
        return start, end

    def _population(self, text: str, match: re.Match[str], clause: tuple[int, int]) -> str | None:
        """The first population family named in the match, else after it, else before it, in its clause."""
        windows = (
            text[match.start() : match.end()],
            text[match.end() : clause[1]],
            text[clause[0] : match.start()],
        )
        for population, regex in self.population:
            if population == "evaluable" and regex.search(text, *clause):
                return population
        for window in windows:
            found = [
                (m.start(), population)
                for population, regex in self.population
                if (m := regex.search(window))
            ]
            if found:
                return min(found)[1]
        return None

    @staticmethod
    def _cohort(doc: Doc, sentence: Sentence, clause: tuple[int, int], position: int) -> str | None:
        """The cohort named right before the number ("gMG n=9", "Cohort 1 (n=77)"), else the one the
        clause names, else the sentence's."""
        right_before = keys_between(
            doc, sentence.start + max(clause[0], position - 16), sentence.start + position
        )
        if right_before:
            return right_before[-1]
        named = keys_between(doc, sentence.start + clause[0], sentence.start + clause[1])
        if len(set(named)) == 1:
            return named[0]
        return sentence.cohort if not named else None

    @staticmethod
    def _listed_cohorts(doc: Doc, sentence: Sentence, position: int) -> list[str]:
        """The cohorts named right at `position`, and after "each", the whole list that follows."""
        mentions = doc_mentions(doc).between(sentence.start + position, sentence.end)
        gap = doc._.norm[sentence.start + position : mentions[0].start] if mentions else "x"
        if not mentions or gap.strip().lower() not in ("", "the"):
            return []
        each = (
            "each"
            in doc._.norm[max(sentence.start, sentence.start + position - 12) : sentence.start + position]
        )
        keys = [mentions[0].key]
        for previous, mention in pairwise(mentions):
            if not each or not LIST_GAP.match(doc._.norm[previous.end : mention.start]):
                break
            keys.append(mention.key)
        return keys


@Language.factory("pressfacts_cohort_size", default_config={"patterns_path": None})
def make_cohort_size(nlp: Language, name: str, patterns_path: str | None) -> CohortSizes:
    return CohortSizes(nlp, name, patterns_path)
