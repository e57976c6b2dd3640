"""pressfacts_quotes: quoted words credited to a person, with the speaker's title and organisation.

How a quote is found:
- Quote marks are paired within a paragraph; a paragraph that opens a quote without closing it
  runs on into the next paragraph when that one opens with a quote mark (one quote).
- A run of quoted words is a quote when an attribution stands right next to it: after the
  closing mark ('"...," said X', '"..." X told OncWire', '"..." - X, Title, Org') or before the
  opening one ('X, Title at Org, said: "..."', a line ending in 'commented as follows:').
  Quoted words with nothing beside them continue the quote before them in the same (or the
  previous) paragraph ('"A," said X, "B."', '"A," she said. "B."'), or are scare quotes and
  quoted titles, and dropped. Words credited to a company or a document are dropped.
- A pronoun or a bare surname is the last person the article named before the quote; people
  are named with a cue (an honorific, a degree, a role before or after the name, an age).
- Titles and organisations are read from the appositive ('a rheumatologist at X and the study's
  senior author' -> title 'rheumatologist', organisation 'X') or the words before the name
  ('Vantor Chief Medical Officer Lucia Brandão'); a patient's are null.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.components.base import load_patterns
from pressfacts.doc import Block, FoundQuote

UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOWER = "a-zß-öø-ÿā-ž"
# One word of a person's name: "Pálsson", "Marchetti-Gray", "O'Brien", "McDonald"; an initial "B.".
NAME_WORD = rf"(?:[A-Z]['’])?[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}{LOWER}][{LOWER}]+)*(?:[A-Z][{LOWER}]+)?"
INITIAL = r"[A-Z]\."
PARTICLE = r"(?:van|von|de|der|den|da|di|du|del|la|le|bin|ibn|al)"
NEXT_NAME_WORD = rf"[ \t]+(?:{INITIAL}[ \t]+){{0,3}}(?:{PARTICLE}[ \t]+){{0,2}}{NAME_WORD}"
NAME_RUN = re.compile(rf"(?:{INITIAL}\s+){{0,3}}{NAME_WORD}(?:{NEXT_NAME_WORD}){{0,6}}")
# A sentence ends at . ! ? before a capital or a quote mark, but not after an initial ("Lynelle B. Hoch").
# The mark first, its lookbehinds after: a pattern that opens with a character set is searched for fast.
SENTENCE_END = re.compile(r"[.!?](?<![A-Z].)(?<!\bSt.)(?<!\bNo.)(?=\s+[\"'A-Z(]|\s*$)")
POSSESSIVE = re.compile(rf"^(?P<org>[{UPPER}][^,]{{0,60}}?)['’]s\s+(?P<title>[^,]+)$")
QUOTE_MARK = '"'
# Single quote marks (British style) open before a word and close after the quote's punctuation,
# so apostrophes ("don't", "patients' families") are never taken for them.
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[-]))'(?=\w)")
SINGLE_CLOSE = re.compile(r"(?<=[,.!?])'(?=[\s)\]-]|$)")
# The longest 'Roe was blunt:' that credits the quote after it to the person it opens with.
# Words a sentence ending in ":" may have for its subject to speak the quote after it: a surname alone
# ("Hartmann was blunt:") starts a short one; a full name may have an apposition first.
COLON_HEAD_WORDS = {"surname": 8, "person": 25}
# How many words before a name can hold its role ("Calloway Partners analyst").
PRE_ROLE_WORDS = 6


@dataclass
class Person:
    name: str
    title: str | None = None
    organization: str | None = None
    patient: bool = False


@dataclass
class Named:
    """A person named at `start` (a cue mention, a bare surname, or an attribution)."""

    start: int
    person: Person


@dataclass
class Speaker:
    """Who an attribution credits: a person, a pronoun, or something that is not a person."""

    kind: str  # "person", "pronoun", "surname", "none"
    person: Person | None
    start: int
    end: int


@dataclass
class Unit:
    """Words between one pair of quote marks, or a run of them over paragraphs."""

    parts: list[tuple[int, int]]  # offsets of the quoted words (inside the marks)
    open: int  # offset of the first opening mark
    close: int | None  # offset of the last closing mark (None: never closed)
    first_block: int
    last_block: int
    first_in_block: bool
    head_start: int  # where the text before the first mark begins (after the previous quote)
    tail_end: int  # where the text after the last mark ends (the next quote, or the paragraph's end)


@dataclass
class Building:
    """A quote being assembled from one attributed unit and the units that continue it."""

    parts: list[tuple[int, int]]
    person: Person
    start: int
    end: int
    last_block: int


def _words(data: dict[str, Any], key: str) -> set[str]:
    return {w.casefold() for w in data[key]["words"]}


def _collapse(text: str) -> str:
    return " ".join(text.split())


class Quotes:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("quotes.json", patterns_path)
        verbs = "|".join(data["reporting_verbs"]["patterns"])
        rest = data["head_verb_rest"]["pattern"]
        self.verb_first = re.compile(rf"^\s*(?i:{verbs})\b")
        self.who_first = re.compile(rf"^\s*(?P<who>(?:[^.!?;:\"]|(?<=\b[A-Z])\.){{1,200}}?)\s+(?i:{verbs})\b")
        self.head = re.compile(
            rf"^(?P<who>[^\"]{{1,300}}?)\s+(?i:{verbs}){rest}\s*[:,]\s*$"
            rf"|^\s*(?i:{data['source_prefixes']['pattern']})\s+(?P<source>[^\"]{{1,300}}?)\s*[:,]\s*$"
        )
        self.dash = re.compile(r"^\s*[.,]?\s*-{1,2}\s+")
        self.honorific = re.compile(data["honorifics"]["pattern"])
        self.degree = re.compile(data["degrees"]["pattern"])
        self.pronoun = re.compile(rf"^\s*(?i:{'|'.join(data['pronouns']['words'])})\b")
        self.non_person = re.compile(data["non_person_subjects"]["pattern"], re.I)
        self.patient = re.compile(data["patient_cues"]["pattern"], re.I)
        self.appositive_end = re.compile(data["appositive_end"]["pattern"])
        self.second_role = re.compile(data["second_role"]["pattern"])
        self.org_trailing_role = re.compile(data["org_trailing_role"]["pattern"])
        self.title_unit = re.compile(data["title_unit"]["pattern"])
        self.trailing_place = re.compile(data["trailing_place"]["pattern"])
        self.department = re.compile(data["department_starts"]["pattern"])
        self.role_words = _words(data, "role_words")
        self.role_suffix = re.compile(data["role_words"]["suffix_pattern"], re.I)
        self.corporate_roles = _words(data, "corporate_roles")
        self.org_cues = _words(data, "organization_cues")
        self.not_name = _words(data, "not_name_words")
        self.company_marks = re.compile(data["company_marks"]["pattern"])
        self.company_suffix = re.compile(data["company_suffix"]["pattern"])
        self.pull_quote_chars = int(data["pull_quote_prefix"]["chars"])

    # ------------------------------------------------------------------ the component
    def __call__(self, doc: Doc) -> Doc:
        norm: str = doc._.norm
        blocks = [b for b in doc._.blocks or [] if not b.boilerplate and b.kind != "table_row"]
        masked, honorific_ends = self._mask(norm)
        units = self._units(norm, blocks)
        quoted = [part for unit in units for part in unit.parts]
        named = self._named(masked, blocks, honorific_ends, quoted)
        found = self._quotes(doc, masked, blocks, units, named)
        doc._.found_quotes = [*(doc._.found_quotes or []), *self._without_repeats(found)]
        return doc

    def _mask(self, norm: str) -> tuple[str, set[int]]:
        """The text with honorifics and degrees blanked out (same length), and where names follow
        an honorific."""
        chars = list(norm)
        ends: set[int] = set()
        for pattern, is_honorific in ((self.honorific, True), (self.degree, False)):
            for m in pattern.finditer(norm):
                chars[m.start() : m.end()] = " " * (m.end() - m.start())
                if is_honorific:
                    ends.add(m.end())
        return "".join(chars), ends

    # ------------------------------------------------------------------ quote marks
    def _units(self, norm: str, blocks: list[Block]) -> list[Unit]:
        """Pair the quote marks of each paragraph; join a quote left open with the next paragraph's."""
        units: list[Unit] = []
        pending: Unit | None = None  # a unit left open at the end of the previous block
        for index, block in enumerate(blocks):
            pairs = _pairs(norm, block)
            if pending is not None and not (pairs and pairs[0][0] == block.start):
                pending = None
            previous_close = block.start - 1
            for k, (opening, closing) in enumerate(pairs):
                part = (opening + 1, closing if closing is not None else block.end)
                tail_end = pairs[k + 1][0] if k + 1 < len(pairs) else block.end
                if k == 0 and pending is not None:
                    pending.parts.append(part)
                    pending.close, pending.last_block, pending.tail_end = closing, index, tail_end
                    unit = pending
                else:
                    first = k == 0 and opening == block.start
                    unit = Unit([part], opening, closing, index, index, first, previous_close + 1, tail_end)
                    units.append(unit)
                pending = unit if closing is None else None
                previous_close = closing if closing is not None else block.end
        return units

    # ------------------------------------------------------------------ people
    def _split_run(self, run: str) -> tuple[str, list[str]]:
        """A capitalised run as (name, words before it): 'Vantor Chief Medical Officer Lucia Brandão'."""
        words = run.split()
        cut = 0
        for i, word in enumerate(words):
            key = word.casefold().strip(".")
            if key in self.not_name or key in self.org_cues or self._is_role(key):
                cut = i + 1
        return " ".join(words[cut:]), words[:cut]

    def _is_role(self, word: str) -> bool:
        word = word.casefold().strip(".,")
        return word in self.role_words or bool(self.role_suffix.search(word))

    def _has_role(self, text: str) -> bool:
        return any(self._is_role(w) for w in re.findall(r"[\w\-]+", text))

    def _names(self, text: str, single_ok: bool) -> Iterator[tuple[int, int, str, list[str]]]:
        """People's names in `text`: (start, end, name, words before it in its capitalised run)."""
        for m in NAME_RUN.finditer(text):
            if text[m.end() : m.end() + 2] in ("'s", "’s"):
                continue
            words = list(re.finditer(r"\S+", m.group()))
            name, before = self._split_run(m.group())
            if not name or (len(name.split()) < 2 and not single_ok):
                continue
            yield m.start() + words[len(before)].start(), m.end(), name, before

    def _appositive(self, text: str) -> str:
        """The appositive opening `text`: ', a rheumatologist at X, who ...' -> 'a rheumatologist at X'."""
        affiliation = re.match(r"\s+(?=(?:of|from|at)\s+(?:the\s+)?[A-Z])", text)
        if not text.lstrip().startswith(",") and not affiliation:
            return ""
        text = text[affiliation.end() :] if affiliation else text.lstrip()[1:]
        end = SENTENCE_END.search(text)
        text = text[: end.start()] if end else text
        cut = self.appositive_end.search(text)
        text = (text[: cut.start()] if cut else text).strip(" ,")
        if text[:1].islower() and not re.match(r"(?:an?|the|one|of|from|at)\b", text):
            # a role in lower case ("chief of rheumatology at X"), or a verb ("said the company ...")
            return text if any(self._is_role(w) for w in text.split()[:4]) else ""
        return text

    def _pre_role(self, before: str) -> tuple[str | None, str | None, bool]:
        """Title and organisation from the words before a name: 'Calloway Partners analyst',
        'presenting author', "Orinthe's chief executive"."""
        before = re.sub(r"^(?i:the|a|an)\s+", "", _collapse(before).strip(" ,"))
        patient = bool(self.patient.search(before))
        possessive = POSSESSIVE.match(before)
        if possessive and self._has_role(possessive["title"]):
            return possessive["title"], possessive["org"], patient
        words = before.split()
        roles = [i for i, w in enumerate(words) if self._is_role(w)]
        if not roles:
            return None, None, patient
        first = roles[0]
        while (
            first > 0 and words[first - 1][:1].islower() and words[first - 1] not in ("the", "a", "an", "by")
        ):
            first -= 1
        org_words = words[:first]
        org = " ".join(org_words) if org_words and all(w[:1].isupper() for w in org_words) else None
        return " ".join(words[first:]), org, patient

    def _role(self, appositive: str) -> tuple[str | None, str | None]:
        """Title and organisation from an appositive (see the module docstring)."""
        text = self.second_role.sub("", _collapse(appositive)).strip(" ,.;:")
        text = self.trailing_place.sub("", text)
        text = re.sub(r"^(?:a|an|the)\s+", "", text)
        if not text:
            return None, None
        affiliation = re.match(r"(?:of|from|at)\s+(?:the\s+)?", text)
        if affiliation:  # "Carlos Mendes of the University of Lisbon"
            return None, self._clean_org(text[affiliation.end() :])
        possessive = POSSESSIVE.match(text)
        if possessive:
            return self._clean_title(possessive["title"]), self._clean_org(possessive["org"])
        segments: list[str] = []
        for segment in (s.strip() for s in text.split(",")):
            if segments and self.company_suffix.match(segment):
                segments[-1] += ", " + segment
            elif segment:
                segments.append(segment)
        head, org = self._split_title_org(segments[-1])
        if org:
            title = ", ".join([*segments[:-1], head])
        elif len(segments) >= 2:
            k = len(segments) - 1
            while k > 1 and self.department.match(segments[k - 1]):
                k -= 1
            title, org = ", ".join(segments[:k]), ", ".join(segments[k:])
        elif self._looks_like_org(head):
            title, org = None, head
        else:
            title = head
        return self._clean_title(title), self._clean_org(org)

    def _split_title_org(self, segment: str) -> tuple[str, str | None]:
        """'Professor of Neurology at X' -> (title, X); 'Chief Executive Officer of Vireon' -> (title,
        Vireon); 'head of the Department of Rheumatology' -> ('head', 'Department of Rheumatology')."""
        at = re.search(r"\s+at\s+", segment)
        if at:
            return segment[: at.start()], segment[at.end() :]
        of = re.search(r"\s+(?:of|for)\s+(?:the\s+)?(?=[A-Z])", segment)
        if of:
            head, obj = segment[: of.start()], segment[of.end() :]
            last = head.split()[-1].casefold() if head.split() else ""
            if last in self.corporate_roles or self.department.match(obj):
                return head, obj
        return segment, None

    def _looks_like_org(self, text: str) -> bool:
        words = [w.casefold() for w in re.findall(r"[\w\-]+", text)]
        return any(w in self.org_cues for w in words) and not any(self._is_role(w) for w in words)

    def _clean_title(self, title: str | None) -> str | None:
        if not title:
            return None
        title = self.title_unit.sub("", title).strip(" ,.;:")
        return title or None

    def _clean_org(self, org: str | None) -> str | None:
        if not org:
            return None
        org = self.org_trailing_role.sub("", org)
        org = re.sub(r"^the\s+", "", org.strip(" ,.;:"))
        return org or None

    def _person(self, text: str, offset: int) -> tuple[Person, int, int] | None:
        """The person named first in `text` (masked), with the role around the name."""
        names = list(self._names(text, single_ok=True))
        full = [n for n in names if len(n[2].split()) >= 2]
        if not names:
            return None
        # a full name over a single capitalised word ("Commenting on ..., Dr. Ahmed Khan, ...")
        start, end, name, run_before = (full or names)[0]
        return self._person_at(text, offset, start, end, name, run_before)

    def _person_at(
        self, text: str, offset: int, start: int, end: int, name: str, run_before: list[str]
    ) -> tuple[Person, int, int]:
        """The person whose name stands at text[start:end], with the role before and after it."""
        clause = re.split(r"[,;:.]\s|\"", text[:start])
        before = clause[-1]  # holds the run's own leading words ("Vantor Chief Medical Officer")
        if not before.strip() and len(clause) >= 2:
            before = clause[-2]  # "Orinthe's chief executive, Ezra Pálsson"
        before = " ".join(before.split()[-PRE_ROLE_WORDS:])
        appositive = self._appositive(text[end:])
        pre_title, pre_org, patient = self._pre_role(before)
        title, org = self._role(appositive) if appositive else (None, None)
        patient = patient or bool(appositive and self.patient.search(appositive))
        if patient:
            title, org = None, None
        else:
            title, org = title or pre_title, org or pre_org
        return Person(_collapse(name), title, org, patient), offset + start, offset + end

    def _named(
        self, masked: str, blocks: list[Block], honorific_ends: set[int], quoted: list[tuple[int, int]]
    ) -> list[Named]:
        """People the article names with a cue, then every later bare mention of them."""
        named: list[Named] = []
        for block in blocks:
            if block.kind in ("headline", "heading"):
                continue
            text = masked[block.start : block.end]
            for start, end, name, before in self._names(text, single_ok=True):
                if _inside(block.start + start, quoted) or not self._has_cue(
                    text, start, end, before, block.start, honorific_ends
                ):
                    continue
                person, at, _ = self._person_at(text, block.start, start, end, name, before)
                named.append(Named(at, person))
        people = _merge_people([n.person for n in named])
        for person in people.values():
            parts = person.name.split()
            for word in {parts[0], parts[-1]} if len(parts) > 1 else set():
                for m in re.finditer(rf"\b{re.escape(word)}\b", masked):
                    if not _inside(m.start(), quoted) and _in_blocks(m.start(), blocks):
                        named.append(Named(m.start(), person))
        for item in named:
            item.person = people.get(item.person.name, item.person)
        return sorted(named, key=lambda n: n.start)

    def _has_cue(
        self, text: str, start: int, end: int, before: list[str], base: int, honorific_ends: set[int]
    ) -> bool:
        """Whether a name is a person's: an honorific, a role before it, or a person's appositive after."""
        if base + start in honorific_ends:
            return True
        if len(text[start:end].split()) < 2:
            return False
        preceding = re.findall(r"[\w\-]+", text[max(0, start - 40) : start])
        if self._has_role(" ".join(before)) or (preceding and self._is_role(preceding[-1])):
            return True
        after = text[end:]
        if not after.startswith(","):
            return bool(re.match(r"\s{2,}(?:[,.;]|$)", after))  # a degree was blanked out
        first = self._appositive(after).split(",")[0]
        return (
            bool(re.match(r"\s*\d{1,3}\b", first))
            or self._has_role(first)
            or (bool(re.match(r"(?:an?|one)\s", first)) and bool(self.patient.search(first)))
        )

    # ------------------------------------------------------------------ attribution
    def _tail_speaker(self, text: str, offset: int, quote_end: str) -> Speaker | None:
        sentence = SENTENCE_END.search(text)
        text = text[: sentence.start()] if sentence else text
        dash = self.dash.match(text)
        if dash:
            return self._speaker(text[dash.end() :], offset + dash.end())
        verb = self.verb_first.match(text.lstrip(" ,"))
        if verb:
            skip = len(text) - len(text.lstrip(" ,")) + verb.end()
            return self._speaker(text[skip:], offset + skip) if self._opens_subject(text[skip:]) else None
        who = self.who_first.match(text)
        if (
            who
            and (quote_end in ",.!?-" or text.lstrip().startswith(","))
            and self._opens_subject(who["who"])
        ):
            return self._speaker(who["who"], offset + who.start("who"))
        return None

    def _opens_subject(self, text: str) -> bool:
        """Whether `text` opens with a speaker: a name, a pronoun, a role ('lead investigator Dr. X',
        "the trial's lead investigator"), or 'the company' - not running words ('"off the shelf",
        which Roe said ...')."""
        words = text.strip(" ,").split()
        if not words:
            return False
        if words[0].casefold() in ("the", "a", "an"):
            return any(self._is_role(w) for w in words[1:5]) or bool(self.non_person.match(" ".join(words)))
        return words[0][:1].isupper() or self._is_role(words[0]) or bool(self.pronoun.match(words[0]))

    def _speaker(self, text: str, offset: int) -> Speaker | None:
        stripped = text.strip(" ,")
        if not stripped:
            return None
        lead = offset + len(text) - len(text.lstrip(" ,"))
        if self.pronoun.match(stripped):
            return Speaker("pronoun", None, lead, lead + len(stripped.split()[0]))
        found = self._person(text, offset)
        if found is None:
            return (
                Speaker("none", None, lead, lead + len(stripped)) if self.non_person.match(stripped) else None
            )
        person, start, end = found
        kind = "surname" if len(person.name.split()) < 2 else "person"
        return Speaker(kind, person, start, max(end, offset + len(text.rstrip(" ,"))))

    def _head_speaker(
        self, masked: str, unit: Unit, blocks: list[Block], sentence_ends: list[int]
    ) -> Speaker | None:
        """An attribution ending right before the opening mark ('X, Title at Org, said: "')."""
        block = blocks[unit.first_block]
        # The sentence that opens the quote: the last sentence end before the mark, in its block.
        last = bisect_left(sentence_ends, unit.open) - 1
        start = max(block.start, sentence_ends[last] if last >= 0 else 0)
        start = max(start, unit.head_start)
        text = masked[start : unit.open]
        if not text.strip() and unit.first_in_block and unit.first_block > 0:
            previous = blocks[unit.first_block - 1]
            if masked[previous.start : previous.end].rstrip().endswith(":"):
                start, text = previous.start, masked[previous.start : previous.end]
        head = self.head.match(text)
        if head is not None:
            group = "who" if head["who"] is not None else "source"
            return self._speaker(head[group], start + head.start(group))
        words = len(text.split())
        if text.rstrip().endswith(":") and words <= max(COLON_HEAD_WORDS.values()):
            # 'Hartmann was blunt: "..."', 'Jane Roe, 34, a teacher who ..., described it: "..."': the
            # sentence's subject, named first, speaks
            speaker = self._speaker(text, start)
            if (
                speaker is not None
                and words <= COLON_HEAD_WORDS.get(speaker.kind, 0)
                and not masked[start : speaker.start].strip()
            ):
                return speaker
        return None

    def _next_block_dash(self, masked: str, unit: Unit, blocks: list[Block], tail: str) -> Speaker | None:
        """'"..."' then a line '- Tobias Lindqvist, MD, Associate Professor, X'."""
        if tail.strip(" .,") or unit.last_block + 1 >= len(blocks):
            return None
        following = blocks[unit.last_block + 1]
        text = masked[following.start : following.end]
        dash = self.dash.match(text)
        if dash is None:
            return None
        return self._speaker(text[dash.end() :], following.start + dash.end())

    def _attribution(
        self, masked: str, norm: str, unit: Unit, blocks: list[Block], sentence_ends: list[int]
    ) -> Speaker | None:
        if unit.close is not None:
            # the text after the closing mark, to the next quote or the end of the paragraph
            tail, offset = masked[unit.close + 1 : unit.tail_end], unit.close + 1
            quote_end = norm[unit.close - 1]
            speaker = self._tail_speaker(tail, offset, quote_end) or self._next_block_dash(
                masked, unit, blocks, tail
            )
            if speaker is not None:
                return speaker
        return self._head_speaker(masked, unit, blocks, sentence_ends)

    # ------------------------------------------------------------------ quotes
    def _resolve(
        self, speaker: Speaker, named: list[Named], before: int, masked: str, organizations: set[str]
    ) -> Person | None:
        if speaker.kind == "none":
            return None
        if speaker.kind == "pronoun":
            earlier = [n for n in named if n.start < before]
            return earlier[-1].person if earlier else None
        person = speaker.person
        assert person is not None
        known = _lookup(person.name, named) or self._full_name(person.name, masked)
        if known is None:
            # a bare word no person in the article bears is a company ("Novartis said"), and so is
            # a name the article writes as a company ("Bristol Myers Squibb (NYSE: BMY)") or that a
            # trained pipeline's NER tags as an organization (with --model; a blank pipeline has no NER)
            is_company = self._is_company(person.name, masked) or person.name in organizations
            return person if speaker.kind == "person" and not is_company else None
        return Person(
            known.name if speaker.kind == "surname" else person.name,
            person.title or (None if person.patient else known.title),
            person.organization or (None if person.patient else known.organization),
            person.patient or known.patient,
        )

    def _is_company(self, name: str, masked: str) -> bool:
        return any(
            self.company_marks.match(masked, m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", masked)
        )

    def _full_name(self, surname: str, masked: str) -> Person | None:
        """A person named in full somewhere in the article, without a cue ('Jane Roe leads ...')."""
        if len(surname.split()) != 1:
            return None
        for _, _, name, _ in self._names(masked, single_ok=False):
            if name.split()[-1] == surname:
                return Person(name)
        return None

    def _quotes(
        self, doc: Doc, masked: str, blocks: list[Block], units: list[Unit], named: list[Named]
    ) -> list[FoundQuote]:
        norm: str = doc._.norm
        entities = doc.ents if doc.has_annotation("ENT_IOB") else ()  # building `doc.ents` costs, even empty
        organizations = {e.text for e in entities if e.label_ == "ORG"} - {
            e.text for e in entities if e.label_ == "PERSON"
        }
        sentence_ends = [m.end() for m in SENTENCE_END.finditer(masked)]  # one pass, then bisection
        built: list[Building] = []
        current: Building | None = None
        for unit in units:
            speaker = self._attribution(masked, norm, unit, blocks, sentence_ends)
            if speaker is None:
                if _continues(current, unit):
                    current.parts.extend(unit.parts)
                    current.last_block = unit.last_block
                else:
                    current = None
                continue
            person = self._resolve(speaker, named, unit.open, masked, organizations)
            if person is None:
                current = None
                continue
            named.append(Named(speaker.start, person))
            named.sort(key=lambda n: n.start)
            current = Building(list(unit.parts), person, speaker.start, speaker.end, unit.last_block)
            built.append(current)
        text = doc._.text
        return [self._found(text, b) for b in built]

    @staticmethod
    def _found(text: str, quote: Building) -> FoundQuote:
        words = " ".join(_collapse(text[s:e]).strip(" ,") for s, e in quote.parts).strip()
        person = quote.person
        title = None if person.patient else person.title
        org = None if person.patient else person.organization
        return FoundQuote(words, person.name, title, org, quote.start, quote.end)

    def _without_repeats(self, quotes: list[FoundQuote]) -> list[FoundQuote]:
        """A pull quote repeating a body quote (whole or in part) is the same quote: keep the fuller one."""
        kept: list[tuple[str, FoundQuote]] = []
        for quote in sorted(quotes, key=_fullness, reverse=True):
            words = _plain(quote.text)
            if not any(words[: self.pull_quote_chars] in other for other, _ in kept):
                kept.append((words, quote))
        return sorted((q for _, q in kept), key=lambda q: q.start)


def _pairs(norm: str, block: Block) -> list[tuple[int, int | None]]:
    """(opening, closing) offsets of the quote marks in a paragraph; closing None when left open.
    Double marks pair in order; a paragraph without them may quote in single marks."""
    text = norm[block.start : block.end]
    if QUOTE_MARK in text:
        marks = [block.start + i for i, char in enumerate(text) if char == QUOTE_MARK]
        return [(marks[k], marks[k + 1] if k + 1 < len(marks) else None) for k in range(0, len(marks), 2)]
    pairs: list[tuple[int, int | None]] = []
    position = 0
    while (opening := SINGLE_OPEN.search(text, position)) is not None:
        closing = SINGLE_CLOSE.search(text, opening.end())
        if closing is None:
            pairs.append((block.start + opening.start(), None))
            break
        pairs.append((block.start + opening.start(), block.start + closing.start()))
        position = closing.end()
    return pairs


def _continues(current: Building | None, unit: Unit) -> bool:
    """Whether unattributed quoted words go on with the quote before them: same paragraph, or the
    next paragraph opening with them."""
    if current is None:
        return False
    return unit.first_block == current.last_block or (
        unit.first_block == current.last_block + 1 and unit.first_in_block
    )


def _fullness(quote: FoundQuote) -> tuple[int, int]:
    return (quote.title is not None) + (quote.organization is not None), len(quote.text)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _in_blocks(pos: int, blocks: list[Block]) -> bool:
    return any(b.start <= pos < b.end for b in blocks)


def _merge_people(people: list[Person]) -> dict[str, Person]:
    """One record per full name; later mentions fill a missing title or organisation."""
    merged: dict[str, Person] = {}
    for person in people:
        if len(person.name.split()) < 2:
            continue
        known = merged.setdefault(person.name, Person(person.name))
        known.title = known.title or person.title
        known.organization = known.organization or person.organization
        known.patient = known.patient or person.patient
    return merged


def _lookup(name: str, named: list[Named]) -> Person | None:
    """The person a name refers to: same full name, or a full name sharing its word."""
    words = set(name.split())
    for item in reversed(named):
        if item.person.name == name:
            return item.person
    for item in reversed(named):
        parts = item.person.name.split()
        if len(parts) > 1 and len(words) == 1 and words & {parts[0], parts[-1]}:
            return item.person
    return None


@Language.factory("pressfacts_quotes", default_config={"patterns_path": None})
def make_quotes(nlp: Language, name: str, patterns_path: str | None) -> Quotes:
    return Quotes(nlp, name, patterns_path)
