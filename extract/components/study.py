"""pressfacts_study: the study an article reports (trial, phase, drugs, sponsor, meeting).

Read from the non-boilerplate blocks in text order, headline first, with the
patterns of patterns/study.json. The trial is the name that most often stands
before "trial" or "study"; the phase the first one written; the drugs those
the headline or lead names, or that come back at least twice; the sponsor the
company with a ticker, else the headline's subject or the one that
"announced"; the meeting the first congress the article names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.components.base import compile_regex, load_patterns
from pressfacts.doc import Block

LEAD_PARAGRAPHS = 3  # the headline and the first paragraphs say what the article is about
LEAD_LENGTH = 80  # a paragraph this long is text, not a byline or a dateline
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
INN_FORM = re.compile(r"^[A-Za-z][a-z]+(?:-cel|mab|cel|cept|nib|\s[a-z]+leucel)$")
LEGAL_SUFFIX = re.compile(r",?\s(?:Inc|Ltd|LLC|plc|AG|N\.V|S\.A|Co\.,\sLtd|Corporation)\.?$")


class Study:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("study.json", patterns_path)
        self.trial_name = compile_regex(rf"\b(?:{data['trial_name']})\b", flags=0)
        self.trial_contexts = [
            compile_regex(p.replace("{TRIAL}", data["trial_name"]), flags=0) for p in data["trial_contexts"]
        ]
        self.not_trials = {w.lower() for w in data["not_trials"]}
        self.phase = compile_regex(data["phase"])
        self.drug_patterns = [compile_regex(p, flags=0) for p in data["drug_patterns"]]
        self.not_drug = compile_regex(
            rf"^(?:{'|'.join(data['not_drugs'])})\b|^(?:{'|'.join(data['not_drugs'])})-?\d"
        )
        self.sponsor_patterns = [compile_regex(p, flags=0) for p in data["sponsor_patterns"]]
        self.company = compile_regex(data["company_words"], flags=0)
        self.not_sponsor = compile_regex(data["not_sponsors"], flags=0)
        self.meeting_patterns = [compile_regex(p, flags=0) for p in data["meeting_patterns"]]
        self.meeting_context = compile_regex(data["meeting_context"])

    def __call__(self, doc: Doc) -> Doc:
        blocks = list(_readable_blocks(doc))
        trial = self._trial(blocks)
        doc._.study = {
            "trial": trial,
            "phase": self._phase(blocks),
            "drugs": self._drugs(blocks, trial),
            "sponsor": self._sponsor(blocks),
            "meeting": self._meeting(blocks),
        }
        return doc

    def _trial(self, blocks: list[tuple[Block, str]]) -> str | None:
        """The name most often called a trial, then most often named; the first on a tie."""
        named: Counter[str] = Counter()
        for _, text in blocks:
            for regex in self.trial_contexts:
                named.update(m.group("name") for m in regex.finditer(text) if self._is_trial(m.group("name")))
        if not named:
            return None
        mentions = Counter(m.group(0) for _, text in blocks for m in self.trial_name.finditer(text))
        return max(named, key=lambda name: (named[name], mentions[name]))

    def _is_trial(self, name: str) -> bool:
        return name.lower() not in self.not_trials and not re.search(r"\d{3,}$", name.split()[0])

    def _phase(self, blocks: list[tuple[Block, str]]) -> str | None:
        for _, text in blocks:
            match = self.phase.search(text)
            if match:
                return _phase_text(match.group("phase"))
        return None

    def _drugs(self, blocks: list[tuple[Block, str]], trial: str | None) -> list[str]:
        first_seen: dict[str, str] = {}
        in_lead: set[str] = set()
        paragraphs = 0
        for block, text in blocks:
            for regex in self.drug_patterns:
                for match in regex.finditer(text):
                    name = _drug_text(match.group("name"))
                    if self.not_drug.search(name) or name == trial:
                        continue
                    first_seen.setdefault(name.lower(), name)
                    if paragraphs < LEAD_PARAGRAPHS:
                        in_lead.add(name.lower())
            paragraphs += block.kind == "paragraph" and len(text) >= LEAD_LENGTH
        everything = " ".join(text.lower() for _, text in blocks)
        kept = [
            k for k in first_seen if k in in_lead or len(re.findall(rf"\b{re.escape(k)}\b", everything)) >= 2
        ]
        # "autoleucel" alone is the second word of "obecabtagene autoleucel", not a drug of its own.
        kept = [k for k in kept if not any(other.endswith(" " + k) for other in kept)]
        return [first_seen[k] for k in kept][:6]

    def _sponsor(self, blocks: list[tuple[Block, str]]) -> str | None:
        for number, regex in enumerate(self.sponsor_patterns):
            for _, text in blocks:
                for match in regex.finditer(text):
                    org = LEGAL_SUFFIX.sub("", match.group("org").split(". ")[0].strip(" ,"))
                    ticker = number == 0
                    if not self.not_sponsor.search(org) and (ticker or self.company.search(org)):
                        return org
        return None

    def _meeting(self, blocks: list[tuple[Block, str]]) -> str | None:
        for number, regex in enumerate(self.meeting_patterns):
            needs_context = number >= 3
            for _, text in blocks:
                if needs_context and not self.meeting_context.search(text):
                    continue
                match = regex.search(text)
                if match:
                    return re.sub(r"^the\s", "", match.group("meeting").strip())
        return None


def _readable_blocks(doc: Doc) -> Iterator[tuple[Block, str]]:
    """Non-boilerplate blocks with their normalised text, headline first."""
    blocks = [b for b in doc._.blocks or [] if not b.boilerplate]
    for block in sorted(blocks, key=lambda b: (b.kind != "headline", b.start)):
        text = doc._.norm[block.start : block.end]
        if text.strip():
            yield block, text


def _phase_text(written: str) -> str:
    """'phase 1/2' -> 'Phase 1/2'; 'pivotal phase II' -> 'pivotal Phase 2'."""
    qualifier, _, number = written.lower().rpartition("phase")
    number = re.sub(r"i{1,3}|iv", lambda m: ROMAN[m.group(0)], number.strip().replace(" ", ""))
    return f"{qualifier}Phase {number}"


def _drug_text(written: str) -> str:
    """INN names and short forms in lower case ('Obe-cel' is obe-cel); the rest as written."""
    return written.lower() if INN_FORM.match(written) else written


@Language.factory("pressfacts_study", default_config={"patterns_path": None})
def make_study(nlp: Language, name: str, patterns_path: str | None) -> Study:
    return Study(nlp, name, patterns_path)
