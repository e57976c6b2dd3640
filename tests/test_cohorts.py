"""Cohorts: which group each fact belongs to (facts.md, "Conventions for hard cases: Cohorts")."""

from __future__ import annotations

import pytest
from conftest import extract_trial as extract

from pressfacts.components.abbreviations import find_abbreviations


def cohorts_of(text: str, fact_type: str = "cohort_size") -> list[tuple[object, str | None]]:
    """(value, cohort) per fact; cohort names compared as the scorer does, ignoring case."""
    return [(f.value, f.cohort and f.cohort.lower()) for f in extract(text).facts if f.type == fact_type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("systemic sclerosis (SSc) cohort", {"SSc": "systemic sclerosis"}),
        (
            "immune effector cell-associated neurotoxicity syndrome (ICANS)",
            {"ICANS": "immune effector cell-associated neurotoxicity syndrome"},
        ),
        ("Manual Muscle Testing-8 (MMT-8) scores", {"MMT-8": "Manual Muscle Testing-8"}),
        ("patients with lupus (n=8)", {}),  # not an abbreviation
        ("at week 24 (p=0.01)", {}),
    ],
)
def test_abbreviations(text, expected):
    assert find_abbreviations(text) == expected


def test_one_population_has_no_cohorts():
    text = "The systemic sclerosis (SSc) cohort included 26 treated patients. 19 were efficacy evaluable."
    assert cohorts_of(text) == [(26, None), (19, None)]


def test_headings_carry_their_cohort_to_the_paragraphs_below():
    text = (
        "Results\n\nThe study enrolled 40 patients.\n\n"
        "Lupus: remission across the board\n\nEight patients were treated.\n\n"
        "Myositis: strength returns\n\nThree patients were treated.\n"
    )
    assert cohorts_of(text) == [(40, None), (8, "lupus"), (3, "myositis")]


def test_a_whole_study_sentence_leaves_the_cohort_of_the_section():
    text = (
        "Lupus\n\nEight patients with lupus were treated. Across the series, 15 patients were treated.\n\n"
        "Myositis\n\nThree patients with myositis were treated.\n"
    )
    assert cohorts_of(text) == [(8, "lupus"), (15, None), (3, "myositis")]


def test_table_rows_are_cohorts_and_the_total_row_is_the_whole_study():
    text = (
        "Dose level | Patients treated | ORR, n (%)\nDL1 | 3 | 1 (33)\nDL2 | 6 | 4 (67)\nAll | 9 | 5 (56)\n"
    )
    assert cohorts_of(text) == [(3, "dl1"), (6, "dl2"), (9, None)]


def test_one_trial_is_the_whole_study_but_two_trials_are_cohorts():
    one = "The phase 1 ALPHA-1 trial enrolled 20 patients.\n\nALPHA-1 dosed 18 patients."
    assert cohorts_of(one) == [(20, None), (18, None)]
    two = (
        "ALPHA-1\n\nThe phase 1 ALPHA-1 trial enrolled 20 patients.\n\n"
        "BETA-2\n\nThe phase 2 BETA-2 study enrolled 30 patients.\n"
    )
    assert cohorts_of(two) == [(20, "alpha-1"), (30, "beta-2")]


def test_trial_names_without_trial_after_them():
    text = (
        "TANDEM-22 is a phase 1 study. ALLO7-01 uses donor T cells.\n\n"
        "TANDEM-22 enrolled 27 patients.\n\nALLO7-01 treated 14 patients.\n"
    )
    assert cohorts_of(text) == [(27, "tandem-22"), (14, "allo7-01")]


def test_a_long_title_in_capitals_heads_its_section():
    title = "{}: A CD19 CAR T IN CHILDREN AND YOUNG ADULTS WITH RELAPSED B-ALL AFTER TWO OR MORE PRIOR LINES OF THERAPY"
    text = (
        f"{title.format('ALPHA-1')}\n\nResults: 20 patients were treated.\n\n"
        f"{title.format('BETA-2')}\n\nResults: 30 patients were treated.\n"
    )
    assert cohorts_of(text) == [(20, "alpha-1"), (30, "beta-2")]


def test_a_table_group_named_again_in_prose_as_written():
    text = (
        "| Tumor type | Treated (n) |\n|---|---|\n| Gastric/GEJ | 24 |\n| Pancreatic | 14 |\n\n"
        "In the Gastric/GEJ cohort, the ORR was 50%. Patients with pancreatic cancer had 2 prior lines.\n"
    )
    assert cohorts_of(text, "response_rate") == [(50, "gastric/gej")]
    assert cohorts_of(text + "Of them, 12 patients were treated.\n") == [
        (24, "gastric/gej"),
        (14, "pancreatic"),
        (12, None),
    ]


def test_arms_of_a_placebo_controlled_trial():
    text = (
        "A total of 30 patients were randomized to XR-101 or placebo. "
        "In all, 16 patients were treated with XR-101, compared with 14 patients given placebo."
    )
    got = cohorts_of(text)
    assert (16, "xr-101") in got and (14, "placebo") in got


def test_a_dose_group_keeps_its_short_name():
    text = (
        "143 patients were treated with 0.4 mg/kg once weekly (QW), and 145 were treated with 0.8 mg/kg every "
        "other week (Q2W).\n\nIn the QW cohort, the overall response rate (ORR) was 74%. "
        "In the Q2W cohort, the ORR was 72%.\n"
    )
    rates = cohorts_of(text, "response_rate")
    assert [cohort for _, cohort in rates] == ["qw", "q2w"]


def test_a_disease_inside_a_measure_name_does_not_move_a_dose_group():
    text = (
        "Starting dose: 50 x 10^6 cells\n\nSix patients were treated at this dose.\n\n"
        "Escalated dose: 100 x 10^6 cells\n\nThree patients were treated. "
        "Two of the three reached the Lupus Low Disease Activity State (LLDAS).\n"
    )
    assert cohorts_of(text, "response_rate") == [(None, "100 x 10^6")]
