"""pressfacts: the facts of clinical-trial press releases, as JSON with evidence offsets."""

from __future__ import annotations

__version__ = "0.1.0"

from pressfacts.api import extract, extract_document, extract_path
from pressfacts.model import Result

__all__ = ["Result", "__version__", "extract", "extract_document", "extract_path"]
