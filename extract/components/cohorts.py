"""pressfacts_cohorts: which disease, arm, dose level or trial each sentence is about.

Mentions come from the disease vocabulary, the article's own abbreviations and
the label patterns ("Cohort 2", "Arm B", "DL3", "450 x 10^6", "0.4 mg/kg QW").
Each readable sentence (`doc._.sentences`) gets its cohort: the one cohort it names; else the cohort
of its table row; else the one carried from the sentence before in its block,
or from its heading. A sentence about the whole study ("across all three
cohorts", "overall") carries none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.alternation import words_alternation
from pressfacts.components.base import Vocabulary, all_sentences, compile_regex, load_patterns
from pressfacts.components.sections import tables
from pressfacts.doc import Block, CohortName, Mention, Mentions, block_at, doc_mentions
from pressfacts.patterns import pattern_path

MAX_TABLE_LABEL = 60  # a group's name is short; a longer first cell is prose
# "(QW)" within a few words after a dose: the short name of that dose group.
LABEL_SHORT_FORM = re.compile(r"[^()\n;,]{0,40}?\(([A-Z][A-Za-z0-9]{1,5})\)")
DEFINED_SHORT_FORM = re.compile(r"[a-z]\s+\(([A-Za-z0-9-]{2,12})\)")
# When one sentence names cohorts of several kinds, the most specific kind speaks for it.
KIND_RANK = ("label", "trial", "disease")


class Cohorts:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = json.loads(Path(patterns_path or pattern_path("cohorts.json")).read_text(encoding="utf-8"))
        long = {form: disease["key"] for disease in data["diseases"] for form in disease["long"]}
        short = {form: disease["key"] for disease in data["diseases"] for form in disease["short"]}
        self.diseases = Vocabulary(long, short)
        self.labels = [
            (compile_regex(label["pattern"], flags=0), label["key"], label["kind"])
            for label in data["labels"]
        ]
        self.trial_names = [
            compile_regex(data["trial_names"], flags=0),
            compile_regex(data["trial_names_bare"], flags=0),
        ]
        self.arm_names = compile_regex(data["arm_names"])
        self.cohort_word = compile_regex(data["cohort_word"])
        self.other_group = compile_regex(data["other_group"])
        self.whole_study = compile_regex(data["whole_study"])
        self.group_column = compile_regex(data["table_group_column"])
        # what the tables component takes for a rule and for a total row, the same here
        tables_data = load_patterns("tables.json")
        self.table_rule = compile_regex(tables_data["rule_row"]["pattern"])
        self.total_row = compile_regex(tables_data["total_row"]["pattern"])

    def _vocabulary(self, doc: Doc, names: set[str]) -> Vocabulary[str]:
        """The disease vocabulary plus the article's own forms: abbreviations of known diseases
        ("idiopathic inflammatory myositis (IIM)") and the names of its trials and arms."""
        long: dict[str, str] = {}
        short = {name: name for name in names}
        for short_form, long_form in (doc._.abbreviations or {}).items():
            key = self.diseases.lookup(long_form) or self.diseases.lookup(short_form)
            if key:
                short[short_form] = key
                long[long_form] = key
        return self.diseases.with_forms(long, short)

    def __call__(self, doc: Doc) -> Doc:
        norm = doc._.norm
        readable = [
            (block.start, norm[block.start : block.end]) for block in doc._.blocks if not block.boilerplate
        ]
        trials = self._trials(readable)
        arms = self._arms(readable)
        vocabulary = self._vocabulary(doc, trials | arms)
        mentions: list[Mention] = []
        names: dict[str, CohortName] = {}
        for offset, text in readable:
            for start, end, surface, key in vocabulary.find(text):
                kind = "label" if key in arms else "trial" if key in trials else "disease"
                self._add(mentions, names, Mention(key, offset + start, offset + end, kind), surface)
            for label, template, kind in self.labels:
                for match in label.finditer(text):
                    key = template.format(None, *(g.upper() if len(g) <= 3 else g for g in match.groups()))
                    self._add(
                        mentions, names, Mention(key, offset + match.start(), offset + match.end(), kind), key
                    )
        mentions += self._table_labels(doc, mentions, names)
        mentions += self._label_short_forms(doc, readable, mentions, names)
        mentions += self._label_repeats(readable, mentions, names)
        doc._.mentions = Mentions(mentions)
        doc._.cohort_names = names
        self._keep_group_diseases(doc)
        self._sentence_cohorts(doc)
        return doc

    def _table_labels(self, doc: Doc, mentions: list[Mention], names: dict[str, CohortName]) -> list[Mention]:
        """A table whose first column is headed "Cohort", "Arm", "Tumor type" ... names a group in each
        row's label, whatever its words ("Gastric/GEJ"); a total row names none, and a label that holds
        a cohort we know already is that cohort."""
        norm, known, found = doc._.norm, Mentions(mentions), []
        for rows in tables(doc, self.table_rule):
            head = rows[0].cells[0] if rows[0].cells else (0, 0)
            if not self.group_column.fullmatch(norm[head[0] : head[1]].strip()):
                continue
            for start, end in (row.cells[0] for row in rows[1:] if row.cells):
                label = norm[start:end]
                named = 0 < len(label.strip()) <= MAX_TABLE_LABEL and not self.total_row.match(label)
                if named and not known.starting_in(start, end):
                    mention = Mention(label, start, end, "label")
                    self._add(found, names, mention, label)
        return found

    def _keep_group_diseases(self, doc: Doc) -> None:
        """Where an article has arms, dose levels or two trials, a disease is a cohort only when the article
        treats it as a group; otherwise it is the study's disease ("Lupus Low Disease Activity State",
        "MG-ADL", "as in lupus"), and its mentions are dropped."""
        kinds = {m.kind for m in doc._.mentions}
        if "label" not in kinds and len({m.key for m in doc._.mentions if m.kind == "trial"}) < 2:
            return
        groups = self._named_as_cohorts(doc)
        doc._.mentions = Mentions(m for m in doc._.mentions if m.kind != "disease" or m.key in groups)

    def _label_short_forms(
        self, doc: Doc, readable: list[tuple[int, str]], mentions: list[Mention], names: dict[str, CohortName]
    ) -> list[Mention]:
        """A short form in parentheses right after a dose or arm names that group from then on:
        "0.4 mg/kg subcutaneously once weekly (QW)" ... "In the QW cohort"."""
        short_forms: dict[str, str] = {}
        abbreviations = doc._.abbreviations or {}
        for mention in (m for m in mentions if m.kind == "label"):
            match = LABEL_SHORT_FORM.match(doc._.norm, mention.end)
            # "(CR)" after "complete remission" abbreviates its own words, not the group; a name that is
            # already another group's stays that group's.
            if (
                match
                and match.group(1) not in abbreviations | short_forms
                and set(names.get(match.group(1), CohortName("label", {match.group(1): 1})).forms)
                == {match.group(1)}
            ):
                short_forms[match.group(1)] = mention.key
        if not short_forms:
            return []
        # "the Q2W cohort" was taken for a group of its own: it is the dose's short name.
        mentions[:] = [m for m in mentions if m.key not in short_forms]
        for short in short_forms:
            names.pop(short, None)
        regex = re.compile(rf"\b(?:{'|'.join(map(re.escape, short_forms))})\b")
        found = []
        for offset, text in readable:
            for match in regex.finditer(text):
                key = short_forms[match.group(0)]
                found.append(Mention(key, offset + match.start(), offset + match.end(), "label"))
                forms = names[key].forms
                forms[match.group(0)] = forms.get(match.group(0), 0) + 1
        return found

    @staticmethod
    def _label_repeats(
        readable: list[tuple[int, str]], mentions: list[Mention], names: dict[str, CohortName]
    ) -> list[Mention]:
        """A one-word group once named as such ("the Q2W cohort", "DL1", a table's "Gastric/GEJ") is that
        group wherever it stands again, as written ("58 and 51 patients in the Q2W and Q4W cohorts"): a
        dose ("5.0 x 10^8") is a group only where its own pattern says so, and "pancreatic" in "pancreatic
        cancer" is no table's "Pancreatic"."""
        labels = sorted({m.key for m in mentions if m.kind == "label" and " " not in m.key})
        if not labels:
            return []
        taken = Mentions(mentions)
        regex = re.compile(rf"(?<![\w-])(?:{words_alternation(labels)})(?![\w-])")
        found = []
        for offset, text in readable:
            for match in regex.finditer(text):
                if not taken.covering(offset + match.start()):
                    found.append(
                        Mention(match.group(0), offset + match.start(), offset + match.end(), "label")
                    )
                    forms = names[match.group(0)].forms
                    forms[match.group(0)] = forms.get(match.group(0), 0) + 1
        return found

    def _arms(self, readable: list[tuple[int, str]]) -> set[str]:
        """The arms of a placebo-controlled trial ("randomized to Descartes-08 or placebo")."""
        arms = {match.group(1) for _, text in readable for match in self.arm_names.finditer(text)}
        if not any(arm.lower() == "placebo" for arm in arms):
            return set()
        return {arm for arm in arms if arm.lower() != "placebo"} | {"placebo", "Placebo"}

    def _named_as_cohorts(self, doc: Doc) -> set[str]:
        """Disease keys the article treats as groups: named as a cohort ("the SLE cohort"), or heading
        a section (one that names no trial or arm: "TRIAL-1 (drug in lupus)" is the trial's disease)
        or a table row."""
        norm, found = doc._.norm, set()
        for mention in doc._.mentions:
            block = block_at(doc, mention.start)
            before = norm[max(block.start, mention.start - 14) : mention.start]
            after = norm[mention.end : mention.end + 14]
            if (
                (block.kind == "heading" and not self._names_other_kinds(doc, block))
                or (block.kind == "table_row" and block.cells and mention.start < block.cells[0][1])
                or self.cohort_word.search(after)
                or self.cohort_word.search(before)
            ):
                found.add(mention.key)
        return found

    @staticmethod
    def _names_other_kinds(doc: Doc, block: Block) -> bool:
        return any(m.kind != "disease" for m in doc._.mentions.starting_in(block.start, block.end))

    def _trials(self, readable: list[tuple[int, str]]) -> set[str]:
        """Names standing before "trial"/"study", and their siblings: with CARTITUDE-1 a trial,
        "CARTITUDE-2: initial results" names a trial too."""
        trials = {
            m.group(1) for _, text in readable for regex in self.trial_names for m in regex.finditer(text)
        }
        # "no evidence of disease activity (NEDA-3)": a name in parentheses after words abbreviates them.
        trials -= {m.group(1) for _, text in readable for m in DEFINED_SHORT_FORM.finditer(text)}
        stems = {name.rsplit("-", 1)[0] for name in trials if "-" in name}
        if stems:
            sibling = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(stems)))})-[A-Za-z0-9]+\b")
            trials |= {match.group(0) for _, text in readable for match in sibling.finditer(text)}
        return trials

    @staticmethod
    def _add(mentions: list[Mention], names: dict[str, CohortName], mention: Mention, surface: str) -> None:
        mentions.append(mention)
        forms = names.setdefault(mention.key, CohortName(mention.kind)).forms
        forms[surface] = forms.get(surface, 0) + 1

    def _sentence_cohorts(self, doc: Doc) -> None:
        """Give every sentence its cohort and keep the readable ones on `doc._.sentences`."""
        heading_cohort: dict[int, str | None] = {}
        carried: str | None = None
        current_block = -1
        readable = []
        blocks, mentions, norm = doc._.blocks, doc._.mentions, doc._.norm  # read once: `doc._` is slow
        for sentence in all_sentences(doc):
            index = sentence.block_index
            block = sentence.block
            named = keys_in(mentions, sentence.start, sentence.end)
            if index != current_block:
                # A list item goes on from the item before it; any other block starts from its heading.
                follows_item = current_block >= 0 and block.kind == blocks[current_block].kind == "bullet"
                current_block = index
                if not follows_item:
                    carried = self._block_context(blocks, index, heading_cohort)
            if block.kind == "table_row" and block.cells:
                first_cell = keys_in(mentions, *block.cells[0])
                named = first_cell or named
                if self.total_row.match(norm[block.cells[0][0] : block.cells[0][1]]):
                    named, carried = [], None
            whole_study = bool(self.whole_study.search(sentence.text))
            if len(set(named)) == 1:
                carried = named[0]
            elif named or whole_study or self.other_group.search(sentence.text):
                carried = None
            sentence.cohort = carried
            if whole_study and named:
                # "64% across both arms; one patient in Arm A had ...": the next sentence is about neither.
                carried = None
            if block.kind in ("heading", "headline"):
                heading_cohort[index] = sentence.cohort
            if not block.boilerplate:
                readable.append(sentence)
        doc._.sentences = readable

    @staticmethod
    def _block_context(blocks: list[Block], index: int, heading_cohort: dict[int, str | None]) -> str | None:
        block = blocks[index]
        if block.kind in ("heading", "headline") or block.heading is None:
            return None
        return heading_cohort.get(block.heading)


def keys_in(mentions: Mentions, start: int, end: int) -> list[str]:
    """The cohort keys named between two offsets, in order; of several kinds, the most specific only."""
    inside = mentions.between(start, end)
    for kind in KIND_RANK:
        keys = [m.key for m in inside if m.kind == kind]
        if keys:
            return keys
    return []


def mentions_between(doc: Doc, start: int, end: int) -> list[Mention]:
    """The cohort mentions that lie between two character offsets of `doc`, in order."""
    return doc_mentions(doc).between(start, end)


def keys_between(doc: Doc, start: int, end: int) -> list[str]:
    """The cohort keys `doc` names between two character offsets (see `keys_in`)."""
    return keys_in(doc_mentions(doc), start, end)


@Language.factory("pressfacts_cohorts", default_config={"patterns_path": None})
def make_cohorts(nlp: Language, name: str, patterns_path: str | None) -> Cohorts:
    return Cohorts(nlp, name, patterns_path)
