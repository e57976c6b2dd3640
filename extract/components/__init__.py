"""The pipeline's components, one module per job; importing them registers their factories."""

from __future__ import annotations


def register_all() -> None:
    """Import every component module so spaCy knows its factory."""
    from pressfacts.components import (  # noqa: F401
        abbreviations,
        assemble,
        cohort_size,
        cohorts,
        endpoints,
        quotes,
        relevance,
        response_rate,
        safety,
        sections,
        study,
        tables,
    )
