"""cohort_size: one readable line per phrasing; `value population` pairs expected, in text order."""

from __future__ import annotations

import pytest
from conftest import extract_trial as extract


def sizes(text: str) -> list[tuple[int, str]]:
    return [(f.value, f.population) for f in extract(text).facts if f.type == "cohort_size"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted patients, the population from the verb of the clause
        (
            "The cohort included 26 treated patients, with 19 efficacy evaluable at analysis.",
            [(26, "treated"), (19, "evaluable")],
        ),
        ("Thirteen patients with severe muscle involvement were treated.", [(13, "treated")]),
        (
            "Twenty-four patients were enrolled and 23 received at least one dose.",
            [(24, "enrolled"), (23, "treated")],
        ),
        (
            "Of 165 patients enrolled, 111 went on to receive the cell product.",
            [(165, "enrolled"), (111, "treated")],
        ),
        ("97 patients were enrolled and 79 infused.", [(97, "enrolled"), (79, "treated")]),
        ("A total of 36 patients were randomized to the drug or placebo.", [(36, "enrolled")]),
        ("344 pts had undergone leukapheresis.", [(344, "enrolled")]),
        ("We screened 212 patients.", [(212, "other")]),
        ("Of 31 people screened, 18 were included in the study.", [(31, "other"), (18, "enrolled")]),
        # n= forms and evaluable phrasings
        ("91% of efficacy-evaluable patients (n=11) achieved a response.", [(11, "evaluable")]),
        (
            "The per-protocol population (n=31) included all patients with a Month 3 visit.",
            [(31, "evaluable")],
        ),
        ("The primary efficacy analysis included the first 60 treated patients.", [(60, "evaluable")]),
        (
            "Twenty patients with at least 24 weeks of follow-up were included in the efficacy analysis.",
            [(20, "evaluable")],
        ),
        # a count with no population word is treated
        ("Eighteen patients in the trial had lupus nephritis at baseline.", []),
        ("Data from 71 patients were presented.", [(71, "treated")]),
    ],
)
def test_cohort_sizes(text, expected):
    assert sizes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ten of the 15 patients developed grade 1 CRS.",  # a count out of a total: a denominator
        "94 of 128 patients (73%) responded.",
        "Seven patients (5%) had grade 3 or higher CRS.",  # an event count with its share
        "Two patients were admitted to hospital with infections.",  # an outcome, not a group
        "Any-grade CRS occurred in 113 pts (42%).",
        "Patients had received a median of 6 prior therapies.",  # a median
        "The company plans to enroll 24 patients in a phase 2 trial.",  # planned enrolment
        "Its therapies have been used to treat more than 24,000 patients worldwide.",  # company statistic
        "Four received tocilizumab for CRS.",  # treatment of an adverse event
        "Patients were aged 18 to 65 years.",
        "Lupus affects roughly 1 in 5,000 people.",
        # who had the event, by disease: not the groups' sizes
        "Cytokine release syndrome occurred in 15 of them - six with SLE, five with myositis and four with SSc.",
    ],
)
def test_not_cohort_sizes(text):
    assert sizes(text) == []


def test_breakdown_takes_the_population_of_its_total_and_names_cohorts():
    result = extract(
        "The analysis covers 15 patients who received CAR T cells: eight with systemic lupus erythematosus "
        "(SLE), three with idiopathic inflammatory myositis and four with systemic sclerosis (SSc)."
    )
    got = [(f.value, f.population, f.cohort) for f in result.facts if f.type == "cohort_size"]
    assert got == [
        (15, "treated", None),
        (8, "treated", "systemic lupus erythematosus"),
        (3, "treated", "idiopathic inflammatory myositis"),
        (4, "treated", "systemic sclerosis"),
    ]


def test_one_each_with_a_list_of_cohorts():
    result = extract(
        "Ten patients were treated: three with rheumatoid arthritis and one each with Sjögren's disease, "
        "systemic lupus erythematosus and ANCA-associated vasculitis."
    )
    got = sorted((f.cohort or "", f.value) for f in result.facts if f.type == "cohort_size")
    assert got == [
        ("", 10),
        ("ANCA-associated vasculitis", 1),
        ("Sjögren's disease", 1),
        ("rheumatoid arthritis", 3),
        ("systemic lupus erythematosus", 1),
    ]


def test_dose_levels_named_in_a_breakdown():
    result = extract("269 had received liso-cel: 51 at DL1, 177 at DL2 and 41 at DL3.")
    got = [(f.value, f.cohort) for f in result.facts if f.type == "cohort_size"]
    assert got == [(269, None), (51, "DL1"), (177, "DL2"), (41, "DL3")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Of them, 6 subjects received DL1, 12 subjects received DL2 and 20 subjects received DL3.",
            [(6, "DL1", "treated"), (12, "DL2", "treated"), (20, "DL3", "treated")],
        ),
        (
            "A total of 96 patients were randomized: 49 to Arm A and 47 to Arm B.",
            [(96, None, "enrolled"), (49, "Arm A", "enrolled"), (47, "Arm B", "enrolled")],
        ),
        # a ratio is no group: "1:1 to Arm A" names none
        ("Forty patients were randomized 1:1 to Arm A or Arm B.", [(40, None, "enrolled")]),
    ],
)
def test_groups_named_after_received_or_to(text: str, expected: list[tuple]) -> None:
    result = extract(text)
    assert [(f.value, f.cohort, f.population) for f in result.facts if f.type == "cohort_size"] == expected


def test_a_breakdown_of_evaluable_patients_is_evaluable():
    result = extract(
        "Of 20 evaluable patients, 12 with lupus nephritis and 8 with systemic sclerosis responded."
    )
    got = [(f.value, f.population) for f in result.facts if f.type == "cohort_size"]
    assert got == [(20, "evaluable"), (12, "evaluable"), (8, "evaluable")]


def test_sizes_listed_with_their_groups_respectively():
    result = extract(
        "Patients were assigned to the Q2W cohort or the Q4W cohort. A total of 112 patients were enrolled, "
        "and 58 and 51 patients in the Q2W and Q4W cohorts, respectively, received at least one dose."
    )
    got = [(f.value, f.population, f.cohort) for f in result.facts if f.type == "cohort_size"]
    assert got == [(112, "enrolled", None), (58, "treated", "Q2W"), (51, "treated", "Q4W")]


def test_a_group_within_the_group_of_whom():
    result = extract("14 patients had been dosed, 12 of whom had at least six months of follow-up.")
    got = [(f.value, f.population) for f in result.facts if f.type == "cohort_size"]
    assert got == [(14, "treated"), (12, "evaluable")]


@pytest.mark.parametrize(
    "text",
    [
        "Cytokine release syndrome occurred in 9 patients; two patients received a single dose of tocilizumab.",
        "Nine patients were treated. Two of them developed mild cytokine release syndrome.",
    ],
)
def test_patients_counted_by_what_happened_to_them_are_not_groups(text):
    assert [v for v, _ in sizes(text) if v == 2] == []
