"""The pressfacts pipeline: a blank English spaCy Language with our components.

`default_pipeline()` builds it once per process; `result_from_doc` turns the
annotated Doc into the output model.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pressfacts import __version__
from pressfacts.components import register_all
from pressfacts.doc import register_extensions
from pressfacts.model import Cohort, Result, Source, Study, Tool

# Component order: each reads what the ones before it wrote on the shared Doc.
COMPONENTS = (
    "pressfacts_sections",
    "pressfacts_abbreviations",
    "pressfacts_cohorts",
    "pressfacts_cohort_size",
    "pressfacts_response_rate",
    "pressfacts_safety",
    "pressfacts_endpoints",
    "pressfacts_quotes",
    "pressfacts_study",
    "pressfacts_assemble",
)


def add_components(nlp: Language) -> Language:
    """Add every pressfacts component to `nlp` (a blank or a trained English pipeline)."""
    register_extensions()
    register_all()
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """Blank English plus our components: nothing to download."""
    return add_components(spacy.blank("en"))


def result_from_doc(doc: Doc, source: Source) -> Result:
    """The output model for one analysed Doc."""
    return Result(
        tool=Tool(version=__version__),
        source=source,
        study=Study(**(doc._.study or {})),
        cohorts=[Cohort(**c) for c in doc._.cohorts or []],
        facts=doc._.facts or [],
        quotes=doc._.quotes or [],
    )


@Language.factory("pressfacts")
def make_pressfacts(nlp: Language, name: str):  # noqa: ANN201 - spaCy factory
    """`nlp.add_pipe("pressfacts")`: all pressfacts components, as one step."""
    add_components_inner = [n for n in COMPONENTS if n not in nlp.pipe_names]
    register_extensions()
    register_all()
    steps = [nlp.create_pipe(n) for n in add_components_inner]

    def run(doc: Doc) -> Doc:
        for step in steps:
            doc = step(doc)
        return doc

    return run
