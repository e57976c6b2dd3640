"""pressfacts_endpoints: (being written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pressfacts_endpoints")
def endpoints(doc: Doc) -> Doc:
    return doc
