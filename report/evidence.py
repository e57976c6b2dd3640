"""The article text as a tree of highlights: one element per fact, quote and skipped block.

Evidence spans may nest (a number inside a quote) or cross each other (two facts
sharing words). HTML elements can only nest, so where spans cross, the one that
must close first is closed and the others are reopened after it as continuation
pieces. Only the first piece of a span carries its id (`first`): every fact and
quote then has exactly one element with its `data-fact-id` in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

SKIPPED = "skipped"  # the kind of a boilerplate block


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # a fact type, "quote", or SKIPPED
    id: str | None = None
    tip: str | None = None


@dataclass
class Piece:
    """One element of the page: a span's first piece or a continuation, and what it holds."""

    span: Span
    first: bool
    children: list[Piece | str] = field(default_factory=list)


def highlight(text: str, spans: list[Span]) -> list[Piece | str]:
    """`text` cut into plain strings and (nested) pieces; the strings joined in order give `text` back."""
    spans = [clamped for span in spans if (clamped := _clamp(span, len(text)))]
    # Outer spans open first: earlier start, then the longer one; skipped blocks outermost.
    spans.sort(key=lambda s: (s.start, -s.end, s.kind != SKIPPED))
    points = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    root = Piece(Span(0, len(text), "root"), first=True)
    open_pieces: list[Piece] = [root]
    waiting = iter(spans)
    upcoming = next(waiting, None)
    for here, following in pairwise(points):
        _close_ending(open_pieces, here)
        while upcoming is not None and upcoming.start == here:
            _open(open_pieces, upcoming, first=True)
            upcoming = next(waiting, None)
        open_pieces[-1].children.append(text[here:following])
    return root.children


def _clamp(span: Span, length: int) -> Span | None:
    start, end = max(0, span.start), min(length, span.end)
    if start >= end:
        return None
    return Span(start, end, span.kind, span.id, span.tip)


def _open(open_pieces: list[Piece], span: Span, first: bool) -> None:
    piece = Piece(span, first)
    open_pieces[-1].children.append(piece)
    open_pieces.append(piece)


def _close_ending(open_pieces: list[Piece], here: int) -> None:
    """Close every piece whose span ends at `here`, reopening the pieces opened inside it that go on."""
    ending = [i for i, piece in enumerate(open_pieces) if i and piece.span.end == here]
    if not ending:
        return
    closed = open_pieces[ending[0] :]
    del open_pieces[ending[0] :]
    for piece in closed:
        if piece.span.end != here:
            _open(open_pieces, piece.span, first=False)
