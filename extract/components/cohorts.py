"""pressfacts_cohorts: which disease, arm, dose level or trial each sentence is about.

Mentions come from the disease vocabulary, the article's own abbreviations and
the label patterns ("Cohort 2", "Arm B", "DL3", "450 x 10^6", "0.4 mg/kg QW").
Each sentence gets `sent._.cohort`: the one cohort it names; else the cohort
of its table row; else the one carried from the sentence before in its block,
or from its heading. A sentence about the whole study ("across all three
cohorts", "overall") carries none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pressfacts.doc import Mention, block_index
from pressfacts.patterns import pattern_path

TOTAL_ROW = re.compile(r"^\s*(?:all|total|overall|pooled|combined)\b", re.I)


class Cohorts:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = json.loads(Path(patterns_path or pattern_path("cohorts.json")).read_text(encoding="utf-8"))
        self.form_key: dict[str, str] = {}
        self.short_key: dict[str, str] = {}
        for disease in data["diseases"]:
            for form in disease["long"]:
                self.form_key[form.lower()] = disease["key"]
            for form in disease["short"]:
                self.short_key[form] = disease["key"]
        self.labels = [(re.compile(label["pattern"]), label["key"]) for label in data["labels"]]
        self.whole_study = re.compile("|".join(data["whole_study"]), re.I)

    def _vocabulary_regex(self, doc: Doc) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
        """One regex over every surface form, the article's own abbreviations included."""
        form_key, short_key = dict(self.form_key), dict(self.short_key)
        for short, long in (doc._.abbreviations or {}).items():
            key = form_key.get(long.lower()) or short_key.get(short)
            if key:
                short_key[short] = key
                form_key.setdefault(long.lower(), key)
        long_forms = sorted(form_key, key=len, reverse=True)
        short_forms = sorted(short_key, key=len, reverse=True)
        pattern = (
            rf"(?<![\w-])(?:(?i:{'|'.join(re.escape(f) for f in long_forms)})"
            rf"|{'|'.join(re.escape(f) for f in short_forms)})(?![\w]|-\w)"
        )
        return re.compile(pattern), form_key, short_key

    def __call__(self, doc: Doc) -> Doc:
        norm = doc._.norm
        regex, form_key, short_key = self._vocabulary_regex(doc)
        mentions: list[Mention] = []
        names: dict[str, dict] = {}
        for block in doc._.blocks:
            if block.boilerplate:
                continue
            text = norm[block.start : block.end]
            for match in regex.finditer(text):
                surface = match.group(0)
                key = short_key.get(surface) or form_key[surface.lower()]
                self._add(mentions, names, key, surface, block.start + match.start(), block.start + match.end())
            for label, template in self.labels:
                for match in label.finditer(text):
                    key = template.format(None, *(g.upper() if len(g) <= 3 else g for g in match.groups()))
                    self._add(mentions, names, key, key, block.start + match.start(), block.start + match.end())
        mentions.sort(key=lambda m: m.start)
        doc._.mentions = mentions
        doc._.cohort_names = names
        self._sentence_cohorts(doc)
        return doc

    @staticmethod
    def _add(mentions: list[Mention], names: dict[str, dict], key: str, surface: str, start: int, end: int) -> None:
        mentions.append(Mention(key, start, end))
        entry = names.setdefault(key, {"name": surface, "aliases": set()})
        if len(surface) > len(entry["name"]) and surface.lower() != entry["name"].lower():
            entry["aliases"].add(entry["name"])
            entry["name"] = surface
        elif surface.lower() != entry["name"].lower():
            entry["aliases"].add(surface)

    def _sentence_cohorts(self, doc: Doc) -> None:
        heading_cohort: dict[int, str | None] = {}
        carried: str | None = None
        current_block = -1
        for sent in doc.sents:
            index = block_index(doc, sent.start_char)
            block = doc._.blocks[index]
            named = keys_between(doc, sent.start_char, sent.end_char)
            if index != current_block:
                current_block = index
                carried = self._block_context(doc, index, heading_cohort)
            if block.kind == "table_row" and block.cells:
                first_cell = keys_between(doc, *block.cells[0])
                named = first_cell or named
                if TOTAL_ROW.match(doc._.norm[block.cells[0][0] : block.cells[0][1]]):
                    named, carried = [], None
            if len(set(named)) == 1:
                carried = named[0]
            elif named or self.whole_study.search(sent.text):
                carried = None
            sent._.cohort = carried
            if block.kind in ("heading", "headline"):
                heading_cohort[index] = carried

    @staticmethod
    def _block_context(doc: Doc, index: int, heading_cohort: dict[int, str | None]) -> str | None:
        block = doc._.blocks[index]
        if block.kind in ("heading", "headline") or block.heading is None:
            return None
        return heading_cohort.get(block.heading)


def keys_between(doc: Doc, start: int, end: int) -> list[str]:
    """The cohort keys named between two character offsets, in order."""
    return [m.key for m in doc._.mentions if start <= m.start and m.end <= end]


def cohort_of(doc: Doc, sent: Span) -> str | None:
    return sent._.cohort


@Language.factory("pressfacts_cohorts", default_config={"patterns_path": None})
def make_cohorts(nlp: Language, name: str, patterns_path: str | None) -> Cohorts:
    return Cohorts(nlp, name, patterns_path)
