"""pressfacts_study: (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pressfacts_study")
def study(doc: Doc) -> Doc:
    return doc
