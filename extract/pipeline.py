"""The pressfacts pipeline: a blank English spaCy Language with our components.

`default_pipeline()` builds it once per process; `load_pipeline(model)` runs the
same components on an installed trained spaCy pipeline instead (`--model`);
`result_from_doc` turns the annotated Doc into the output model. The `pressfacts`
factory is the public spaCy component: `nlp.add_pipe("pressfacts")`.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from pressfacts import __version__
from pressfacts.components import register_all
from pressfacts.doc import EXTENSIONS, register_extensions
from pressfacts.errors import EXIT_USAGE, InputError
from pressfacts.model import Cohort, Result, Source, Study, Tool
from pressfacts.tokenizer import BoundedTokenizer

# Component order: each reads what the ones before it wrote on the shared Doc.
COMPONENTS = (
    "pressfacts_sections",
    "pressfacts_relevance",
    "pressfacts_abbreviations",
    "pressfacts_cohorts",
    "pressfacts_tables",
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
    nlp = spacy.blank("en")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return add_components(nlp)


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


# Trained components whose output pressfacts reads: entities (PERSON, ORG) for quote attribution.
ENTITY_FACTORIES = {"ner", "beam_ner", "entity_ruler"}


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """The blank default (`model=None`), or the installed trained pipeline `model` with pressfacts on top."""
    if model is None:
        return default_pipeline()
    nlp = load_trained(model)
    nlp.add_pipe("pressfacts")
    return nlp


def load_trained(model: str) -> Language:
    """An installed English spaCy pipeline, running only what feeds its entities (the parse is never read)."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise InputError(
            f"--model {model}: no such spaCy pipeline is installed (pip install it, or leave out --model)",
            EXIT_USAGE,
        ) from None
    if nlp.lang != "en":
        raise InputError(f"--model {model}: a '{nlp.lang}' pipeline; pressfacts reads English", EXIT_USAGE)
    needed = entity_pipes(nlp)
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in needed])
    return nlp


def entity_pipes(nlp: Language) -> set[str]:
    """The entity recognisers of `nlp` and the shared embedding layers (tok2vec, transformer) they use."""
    needed = {name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in ENTITY_FACTORIES}
    for name, pipe in nlp.pipeline:
        if needed & set(getattr(pipe, "listening_components", None) or ()):
            needed.add(name)
    return needed


class PressFacts:
    """All pressfacts components as one spaCy step; sets doc._.facts, ._.quotes, ._.study, ._.cohorts.

    The components run on a private copy of the Doc (same tokens and entities, no parse): pressfacts_sections
    sets its own sentence boundaries there, which a trained parser's would refuse (spaCy forbids changing
    sentence starts on a parsed Doc), and the caller's Doc keeps its own sentences.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        register_all()
        self.name = name
        self.steps = [nlp.create_pipe(step) for step in COMPONENTS]

    def __call__(self, doc: Doc) -> Doc:
        work = private_copy(doc)
        for step in self.steps:
            work = step(work)
        for name in EXTENSIONS:
            doc._.set(name, work._.get(name))
        return doc


def private_copy(doc: Doc) -> Doc:
    """`doc`'s tokens and named entities (`copy.ents`, for the components to read), without any parse."""
    words = [token.text for token in doc]
    copy = Doc(doc.vocab, words=words, spaces=[bool(token.whitespace_) for token in doc])
    if doc.has_annotation("ENT_IOB"):
        copy.from_array([ENT_IOB, ENT_TYPE], doc.to_array([ENT_IOB, ENT_TYPE]))
    return copy


@Language.factory("pressfacts")
def make_pressfacts(nlp: Language, name: str) -> PressFacts:
    """`nlp.add_pipe("pressfacts")`: all pressfacts components as one step, in a blank or trained pipeline."""
    return PressFacts(nlp, name)
