"""The Python API: `pressfacts.extract(text)` and friends.

The pipeline is built once per process (cached) and reused for every article.
"""

from __future__ import annotations

from pathlib import Path

from pressfacts.model import Result, Source
from pressfacts.pipeline import default_pipeline, result_from_doc
from pressfacts.readers import DEFAULT_MAX_CHARS, Document, read_path


def extract(text: str, source: Source | None = None) -> Result:
    """Extract the trial facts and quotes of one article given as plain text."""
    if source is None:
        source = Source(path="-", characters=len(text))
    return extract_document(Document(text=text, source=source))


def extract_document(document: Document) -> Result:
    """Extract from an article already read (see `pressfacts.readers`)."""
    doc = default_pipeline()(document.text)
    return result_from_doc(doc, document.source)


def extract_path(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> Result:
    """Read one article from a path ("-" for standard input) and extract from it."""
    return extract_document(read_path(path, max_chars=max_chars))
