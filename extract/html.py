"""A saved web page's main text: the article, one paragraph, heading, list item or table row a line.

trafilatura finds the article and drops navigation, cookie banners, related-story links and
footers; this module writes what it kept as lines the sections component reads (list items
start with "- ", table rows are "| cell | cell |"). Superscripts keep a caret (10<sup>6</sup> is
"10^6", not "106"). A fragment too small for trafilatura's article detection is read whole.
"""

from __future__ import annotations

import logging
import re
from difflib import SequenceMatcher

import lxml.etree as etree
import lxml.html
import trafilatura
from lxml_html_clean import Cleaner

from pressfacts.readers import looks_like_page

# trafilatura logs its doubts about a page; the user gets our one-line messages instead.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}>")
SPACES = re.compile(r"[ \t\n\r\f\v]+")
# Not article text, even in a fragment trafilatura did not take: dropped by the whole-page reader.
# fmt: off
NOT_CONTENT = ["nav", "header", "footer", "aside", "form", "button", "noscript", "template", "figure",
               "title"]
LINE_ELEMENTS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "div", "blockquote", "pre", "dt", "dd",
                 "section", "article", "main", "table", "ul", "ol", "br", "hr"}
# fmt: on
CELL_ELEMENTS = {"td", "th"}
LINE_MARK, CELL_MARK = "\ue000", "\ue001"  # private-use characters: not in a real page
CLEANER = Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True, kill_tags=NOT_CONTENT)
MIN_ARTICLE_CHARS = 250  # below this, trafilatura's own size threshold, its reading is a guess
TITLE_SIMILARITY = 0.8  # a first line this close to the page title is the headline already


def main_text(html: str) -> str:
    """The article text of a page, one block a line; "" when the page has no text at all."""
    tree = _load(html)
    if tree is None:
        return ""
    extracted = trafilatura.extract(
        tree,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=True,
    )
    lines = _lines(etree.fromstring(extracted.encode("utf-8"))) if extracted else []
    if sum(map(len, lines)) < MIN_ARTICLE_CHARS:
        # trafilatura's guess on a fragment (or a page it found no article in) loses line breaks.
        lines = _fragment_lines(_load(html))
    return "\n".join(lines)


def _load(html: str) -> lxml.html.HtmlElement | None:
    """The parsed page (extraction prunes it: load afresh for each reading), superscripts marked."""
    tree = trafilatura.load_html(html) if looks_like_page(html) else None
    if tree is None:
        tree = _parse_fragment(html)
    if tree is not None:
        for sup in list(tree.iter("sup")):
            if sup.text_content().strip():
                sup.text = "^" + (sup.text or "")
            sup.drop_tag()
    return tree


def _parse_fragment(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return None


def _lines(document: etree._Element) -> list[str]:
    """trafilatura's XML (head, p, list/item, table/row/cell, quote) as lines, the title on top."""
    main = document.find("main")
    if main is None:
        return []
    lines = _split(main.text or "")
    for element in main:
        lines += _element_lines(element)
        lines += _split(element.tail or "")
    return _with_title(document.get("title") or "", lines)


def _element_lines(element: etree._Element) -> list[str]:
    if element.tag == "list":
        return [line for item in element.iter("item") for line in _item_lines(item)]
    if element.tag == "table":
        return [_row(row) for row in element.iter("row") if len(row)]
    if element.tag == "graphic":
        return []
    return _split(_text(element))


def _item_lines(item: etree._Element) -> list[str]:
    # A nested list's items are lines of their own: take the item's text without them.
    parts = [_text(child) + (child.tail or "") for child in item if child.tag != "list"]
    text = (item.text or "") + "".join(parts)
    lines = _split(text)
    return ["- " + lines[0], *lines[1:]] if lines else []


def _row(row: etree._Element) -> str:
    cells = [" ".join(_split(_text(cell))) or "-" for cell in row.iter("cell")]
    return "| " + " | ".join(cells) + " |"


def _text(element: etree._Element) -> str:
    """An element's text, a line break where it had one (<lb/>)."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _split(text: str) -> list[str]:
    lines = (SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def _with_title(title: str, lines: list[str]) -> list[str]:
    """The page title on top when trafilatura kept the article body without its headline."""
    title = SPACES.sub(" ", title).strip()
    if not title or any(_similar(title, line) for line in lines[:3]):
        return lines
    return [title, *lines]


def _similar(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_SIMILARITY


def _fragment_lines(tree: lxml.html.HtmlElement | None) -> list[str]:
    """A fragment or a page trafilatura found no article in: its visible text, one block a line."""
    if tree is None:
        return []
    tree = CLEANER.clean_html(tree)
    for element in tree.iter(etree.Element):
        if element.tag in LINE_ELEMENTS:
            marker = LINE_MARK + ("- " if element.tag == "li" else "")
            element.text = marker + (element.text or "")
            element.tail = LINE_MARK + (element.tail or "")
        elif element.tag in CELL_ELEMENTS:
            element.tail = CELL_MARK + (element.tail or "")
    lines = []
    for line in tree.text_content().split(LINE_MARK):
        cells = [" ".join(_split(cell)) for cell in line.split(CELL_MARK)]
        cells = [cell for cell in cells if cell]
        if len(cells) > 1:
            lines.append("| " + " | ".join(cells) + " |")
        elif cells:
            lines.append(cells[0])
    return lines
