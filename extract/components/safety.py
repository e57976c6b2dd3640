"""pressfacts_safety: (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pressfacts_safety")
def safety(doc: Doc) -> Doc:
    return doc
