"""The Python API: `pressfacts.extract(text)` and friends.

The pipeline is built once per process (cached) and reused for every article.
`model` names an installed trained spaCy pipeline to run on instead of the blank
default (its entities then help attribute quotes); see `pressfacts.pipeline.load_pipeline`.
"""

from __future__ import annotations

from pathlib import Path

from pressfacts.errors import InputError
from pressfacts.model import Result, Source
from pressfacts.pipeline import default_pipeline, load_pipeline, result_from_doc
from pressfacts.readers import DEFAULT_MAX_CHARS, Document, read_path


def extract(text: str, source: Source | None = None, model: str | None = None) -> Result:
    """Extract the trial facts and quotes of one article given as plain text."""
    if source is None:
        source = Source(path="-", characters=len(text))
    return extract_document(Document(text=text, source=source), model=model)


def extract_document(document: Document, model: str | None = None) -> Result:
    """Extract from an article already read (see `pressfacts.readers`)."""
    nlp = load_pipeline(model)
    if len(document.text) > nlp.max_length:
        raise InputError(
            f"{document.source.path}: {len(document.text):,} characters is over the "
            f"{nlp.max_length:,} the spaCy pipeline takes (nlp.max_length)"
        )
    return result_from_doc(nlp(document.text), document.source)


def extract_path(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS, model: str | None = None) -> Result:
    """Read one article from a path ("-" for standard input) and extract from it."""
    return extract_document(read_path(path, max_chars=max_chars), model=model)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character ranges of `text` that extraction skips as boilerplate
    (about the company, forward-looking statements, contacts, navigation): what a page greys out."""
    nlp = default_pipeline()
    doc = nlp.get_pipe("pressfacts_sections")(nlp.make_doc(text))
    return [(block.start, block.end) for block in doc._.blocks if block.boilerplate]
