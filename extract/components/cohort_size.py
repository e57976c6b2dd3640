"""pressfacts_cohort_size: (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pressfacts_cohort_size")
def cohort_size(doc: Doc) -> Doc:
    return doc
