"""pressfacts_response_rate: (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pressfacts_response_rate")
def response_rate(doc: Doc) -> Doc:
    return doc
