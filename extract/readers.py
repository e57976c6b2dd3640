"""Readers: bytes in, the text to analyse out (one `Document`).

Whatever the input, the reader either returns the analysed text or raises `InputError` with a
one-line message and an exit code: never a UnicodeDecodeError, never a traceback.

1. Refuse what is not text: PDF, images, archives (by their signature), NUL bytes.
2. Decode: a BOM (UTF-8, UTF-16, UTF-32), else UTF-8, else the charset an HTML page declares,
   else the encoding charset-normalizer finds (Windows-1252 preferred where it fits as well:
   it is what "Latin-1" text from Windows and the web really is). UTF-8 with a few damaged
   bytes is refused rather than guessed at.
3. HTML: the article's main text (pressfacts.html).
4. Repair (pressfacts.text.repair): mojibake, CRLF/CR line endings, invisible characters.
The result is the analysed text: evidence offsets index it; `extract --show-text` prints it.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from pressfacts.errors import EXIT_BAD_INPUT, EXIT_NOT_FOUND, InputError
from pressfacts.model import Source
from pressfacts.text import repair

DEFAULT_MAX_CHARS = 5_000_000
MAX_BYTES_PER_CHAR = 4  # UTF-8's longest character: more bytes than this can never fit --max-chars
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}

# What a file that is not text starts with, what it is, and what the user can do instead.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF file", "convert it to text first (for example `pdftotext file.pdf`)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the article's text"),
    (b"\xff\xd8\xff", "a JPEG image", "give the article's text"),
    (b"GIF87a", "a GIF image", "give the article's text"),
    (b"GIF89a", "a GIF image", "give the article's text"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx file)", "unpack it, or save the article as text"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)", "save it as text or HTML"),
    (b"{\\rtf", "an RTF document", "save it as text or HTML"),
    (b"\x7fELF", "a program", "give the article's text"),
)
BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its little-endian BOM starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
PREFERRED_ENCODINGS = ("cp1252", "latin_1")  # among equally good guesses for Western text
# Pages that declare Latin-1 or ASCII are read as Windows-1252, as browsers do (WHATWG Encoding).
WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01  # text has next to no control characters; a binary file has many
SAVE_AS_UTF8 = "save it as UTF-8 text and try again"


FRAGMENT_START = re.compile(
    r"(?:<!--.{0,500}?-->\s*)?<(?:!doctype|html|head|body|meta|article|main|div|p|h[1-6]|section|table|ul|ol)\b",
    re.S,
)


def looks_like_page(text: str) -> bool:
    """True for a whole page (doctype, <html>, <head> or <body> first)."""
    return text[:1024].lstrip().lower().startswith(("<!doctype html", "<html", "<?xml", "<head", "<body"))


def looks_like_html(text: str) -> bool:
    """True for a page or fragment that starts with markup (a text that mentions a tag does not)."""
    head = text[:1024].lstrip().lower()
    return looks_like_page(text) or bool(FRAGMENT_START.match(head))


def _html_text(html: str) -> str:
    from pressfacts.html import main_text  # here: trafilatura and lxml take a tenth of a second to load

    return main_text(html)


@dataclass(frozen=True)
class Document:
    """The analysed text of one article, and where it came from."""

    text: str
    source: Source


def read_bytes(
    data: bytes, name: str = "-", max_chars: int = DEFAULT_MAX_CHARS, html: bool | None = None
) -> Document:
    """Decode one article's bytes into the text pressfacts analyses.

    `html`: True/False to say what the bytes are; None to tell from the content.
    """
    if len(data) > max_chars * MAX_BYTES_PER_CHAR:
        raise _too_long(name, f"{len(data):,} bytes", max_chars)
    _refuse_binary(data, name)
    raw = decode(data, name)
    if len(raw) > max_chars:
        raise _too_long(name, f"{len(raw):,} characters", max_chars)
    if not raw.strip():
        raise InputError(f"{name}: the input is empty (or only white space): give an article's text")
    _refuse_control_characters(raw, name)
    is_html = looks_like_html(raw) if html is None else html
    text = repair(_html_text(raw) if is_html else raw)
    if not text.strip():
        what = "the HTML page has no article text" if is_html else "the input has no readable text"
        raise InputError(f"{name}: {what}: give the article's page or its text")
    source = Source(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        characters=len(text),
        format="html" if is_html else "text",
    )
    return Document(text=text, source=source)


def read_path(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Read one article from a file, or from standard input when `path` is "-"."""
    limit = max_chars * MAX_BYTES_PER_CHAR + 1
    if str(path) == "-":
        if sys.stdin is None:
            raise InputError("-: there is no standard input: give a path", EXIT_NOT_FOUND)
        return read_bytes(sys.stdin.buffer.read(limit), "-", max_chars)
    path = Path(path)
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file: check the path", EXIT_NOT_FOUND)
        if path.is_dir():
            raise InputError(
                f"{path}: is a directory, not a file (use `pressfacts batch` for folders)", EXIT_NOT_FOUND
            )
        if not path.is_file():
            raise InputError(f"{path}: not a regular file: give a saved article", EXIT_NOT_FOUND)
        with path.open("rb") as handle:
            data = handle.read(limit)
    except OSError as err:
        raise InputError(
            f"{path}: cannot be read ({err.strerror or err}): check it and its permissions", EXIT_NOT_FOUND
        ) from None
    return read_bytes(data, str(path), max_chars, html=_html_by_suffix(path))


def decode(data: bytes, name: str = "-") -> str:
    """The text of `data`, in whichever encoding it was written; InputError if none fits."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if len(UTF8_SEQUENCE.findall(data)) >= data.decode("utf-8", errors="replace").count("\ufffd"):
        raise InputError(
            f"{name}: invalid UTF-8 (byte 0x{data[utf8_error.start]:02X} at offset {utf8_error.start}) "
            f"in text that is otherwise UTF-8: {SAVE_AS_UTF8}"
        )
    return _decode_detected(data, name)


def _decode_detected(data: bytes, name: str) -> str:
    """The text in the encoding charset-normalizer finds; among equal guesses, Windows ones first."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"{name}: not text in any encoding pressfacts knows: {SAVE_AS_UTF8}")
    equally_good = [m for m in matches if m.chaos <= best.chaos]
    candidates = [e for e in PREFERRED_ENCODINGS if any(e in m.could_be_from_charset for m in equally_good)]
    # Then any Windows code page: far more common than the Mac and DOS ones that tie with them.
    candidates += [m.encoding for m in equally_good if m.encoding.startswith("cp125")]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return _decode_as(data, best.encoding, name)


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: invalid {encoding.upper()} (at byte {err.start}): {SAVE_AS_UTF8}", EXIT_BAD_INPUT
        ) from None


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if it names one Python knows."""
    match = DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return WEB_ALIASES.get(name, name)


def _refuse_binary(data: bytes, name: str) -> None:
    for signature, what, advice in SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: this is {what}, not text: {advice}")
    if b"\x00" in data[:65536] and not data.startswith(tuple(bom for bom, _ in BOMS)):
        raise InputError(f"{name}: binary data (NUL bytes), not text: if it is text, {SAVE_AS_UTF8}")


def _refuse_control_characters(text: str, name: str) -> None:
    controls = sum(1 for _ in CONTROL.finditer(text))
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{name}: binary data ({controls:,} control characters), not text: {SAVE_AS_UTF8}")


def _too_long(name: str, size: str, max_chars: int) -> InputError:
    return InputError(f"{name}: {size} is over --max-chars {max_chars:,}: raise --max-chars or split it")


def _html_by_suffix(path: Path) -> bool | None:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    return None
