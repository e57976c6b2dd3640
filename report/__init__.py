"""Pages for people: the evidence page of one article (`show`) and the readout report over many (`report`).

Both are single self-contained HTML files (CSS, scripts and the chart inline; nothing fetched),
rendered from the Jinja2 templates in templates/ with autoescaping on. Nothing here writes files:
`build_report` hands each article page to the caller's `write_page`, the CLI writes them atomically.
"""

from __future__ import annotations

from pressfacts.report.build import build_report, show_page
from pressfacts.report.pages import report_html, show_html

__all__ = ["build_report", "report_html", "show_html", "show_page"]
