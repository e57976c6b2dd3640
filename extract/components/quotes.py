"""pressfacts_quotes: (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pressfacts_quotes")
def quotes(doc: Doc) -> Doc:
    return doc
