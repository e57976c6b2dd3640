"""pressfacts_relevance: is this article a report of a clinical trial?

News with no trial in it (hospital statistics, markets, vaccine surveys) reports
numbers about patients too; none of them is a fact of ours. `doc._.about_trial`
is true when the readable text names a study and a therapy or trial outcome;
the assembler reports nothing for an article that is not about a trial.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pressfacts.components.base import load_patterns


class Relevance:
    def __init__(self, nlp: Language, name: str, patterns_path: str | None) -> None:
        data = load_patterns("relevance.json", patterns_path)
        self.study = re.compile(data["study"], re.I)
        self.evidence = [re.compile(data[key], re.I) for key in ("therapy", "outcome")]

    def __call__(self, doc: Doc) -> Doc:
        norm = doc._.norm
        readable = "\n".join(norm[b.start : b.end] for b in doc._.blocks if not b.boilerplate)
        doc._.about_trial = bool(self.study.search(readable)) and any(
            r.search(readable) for r in self.evidence
        )
        return doc


@Language.factory("pressfacts_relevance", default_config={"patterns_path": None})
def make_relevance(nlp: Language, name: str, patterns_path: str | None) -> Relevance:
    return Relevance(nlp, name, patterns_path)
