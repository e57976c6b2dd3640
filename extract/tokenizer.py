"""Tokenizing in time linear in the input.

spaCy's tokenizer is quadratic on a long run of characters with no space in it (8,000 quote
marks in a row take about 40 s): its prefix and suffix search walks the run again for every
piece it splits off. Such runs are cut into short pieces, tokenized one by one and joined
back into one Doc; the text is kept exactly, so offsets do not move.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

LONG_RUN = re.compile(r"\S{64,}")  # no real word, number or URL in a release is longer
PIECE = 32


class BoundedTokenizer:
    """Wraps a spaCy tokenizer so that no run without spaces costs more than a short piece does."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self._tokenize(text)
        doc._.text = text  # kept: spaCy's `doc.text` rebuilds it from every token on each access
        return doc

    def _tokenize(self, text: str) -> Doc:
        if not LONG_RUN.search(text):
            return self.tokenizer(text)
        docs, position = [], 0
        for run in LONG_RUN.finditer(text):
            if run.start() > position:
                docs.append(self.tokenizer(text[position : run.start()]))
            docs += [
                self.tokenizer(text[i : min(i + PIECE, run.end())])
                for i in range(run.start(), run.end(), PIECE)
            ]
            position = run.end()
        if position < len(text):
            docs.append(self.tokenizer(text[position:]))
        return Doc.from_docs(docs, ensure_whitespace=False)
