"""safety_event in prose: one line per phrasing, read as compact strings
("CRS 1 n=5": event, grade, count; "p=" percent; "NEG" negated; "ALL" scope all; "[cohort]")."""

from __future__ import annotations

import pytest

from pressfacts.api import extract

# A line that makes the text a trial report (the relevance gate drops facts of articles with no trial).
TRIAL = "Results from the phase 1 trial of a CAR T-cell therapy were presented.\n\n"


def safety(text: str) -> list[str]:
    result = extract(TRIAL + text)
    shortest = {c.name: min([c.name, *c.aliases], key=len) for c in result.cohorts}  # "SLE", not "lupus"
    facts = []
    for fact in result.facts:
        if fact.type != "safety_event":
            continue
        found = fact.model_dump(exclude_none=True)
        line = f"{found['event']} {found['grade']}"
        line += f" n={found['count']}" if "count" in found else ""
        line += f" p={found['percent']:g}" if "percent" in found else ""
        line += " NEG" if found["negated"] else ""
        line += " ALL" if found.get("scope") == "all" else ""
        line += f" [{shortest.get(found['cohort'], found['cohort'])}]" if found.get("cohort") else ""
        facts.append(line)
    return facts


CASES = [
    # counts, percents and grades as releases write them
    (
        # "B." ends the sentence here (spaCy keeps it whole, as in "John B. Smith")
        "ICANS occurred in one patient in Arm A and in no patients in Arm B. Grade 3 or higher infections "
        "were reported in 14% and 9% of patients in Arms A and B, respectively.",
        ["ICANS any n=1 [Arm A]", "ICANS any n=0 NEG [Arm B]"],
    ),
    (
        "ICANS occurred in one patient in Cohort 1 (Grade 1, resolved within 24 hours) and in no patients in Cohort 2.",
        ["ICANS 1 n=1 [Cohort 1]", "ICANS any n=0 NEG [Cohort 2]"],
    ),
    (
        "CRS was reported in 22 of 49 patients (44.9%) in Cohort 1, including Grade 1 in 18 patients and "
        "Grade 2 in 4 patients, and in 15 of 47 patients (31.9%) in Cohort 2.",
        [
            "CRS any n=22 p=44.9 [Cohort 1]",
            "CRS 1 n=18 [Cohort 1]",
            "CRS 2 n=4 [Cohort 1]",
            "CRS any n=15 p=31.9 [Cohort 2]",
        ],
    ),
    (
        "CRS occurred in 34 subjects (89.5%), among which 33 subjects were Grade 1-2 and 1 subject (2.6%) was Grade 3.",
        ["CRS any n=34 p=89.5", "CRS 1-2 n=33", "CRS 3 n=1 p=2.6"],
    ),
    (
        "Grade 1 CRS was reported in five of eight patients; no patient had CRS of Grade 2 or higher.",
        ["CRS 1 n=5", "CRS >=2 n=0 NEG"],
    ),
    (
        "Ten of the 15 patients developed grade 1 cytokine release syndrome (CRS), and one had grade 2 CRS.",
        ["CRS 1 n=10", "CRS 2 n=1"],
    ),
    (
        "CRS occurred in 11 of 13 patients (84.6%): grade 1 in nine and grade 2 in two.",
        ["CRS any n=11 p=84.6", "CRS 1 n=9", "CRS 2 n=2"],
    ),
    ("Any-grade CRS occurred in 113 pts (42%) and NEs in 80 pts (30%).", ["CRS any n=113 p=42"]),
    (
        "Neurotoxic effects were reported in 23 patients (18%), including grade 3 events in 4 (3%), "
        "and there were no grade 4 neurotoxic events.",
        ["ICANS any n=23 p=18", "ICANS 3 n=4 p=3", "ICANS 4 n=0 NEG"],
    ),
    (
        "CRS was common, occurring in 107 patients (84%); 7 patients (5%) had grade 3 or higher CRS.",
        ["CRS any n=107 p=84", "CRS >=3 n=7 p=5"],
    ),
    (
        "Cytokine release syndrome developed in 58% of infused patients, and 22% had grade 3 or 4 CRS.",
        ["CRS any p=58", "CRS >=3 p=22"],
    ),
    (
        "Neurologic events occurred in 21%, with grade 3 or 4 events in 12%.",
        ["ICANS any p=21", "ICANS >=3 p=12"],
    ),
    (
        "Grade 3 or higher CRS occurred in 13 percent of patients, and grade 3 or higher "
        "neurologic events in 28 percent.",
        ["CRS >=3 p=13", "ICANS >=3 p=28"],
    ),
    ("It occurred in 32 of the 44 patients, or 73%, and two patients had grade 3/4 CRS.", ["CRS >=3 n=2"]),
    ("The rate of grade 3+ CRS was 2%.", ["CRS >=3 p=2"]),
    ("Grade ≥3 CRS was reported in 3 patients (5%).", ["CRS >=3 n=3 p=5"]),
    ("Of the 30 patients, 20 (67%) developed CRS.", ["CRS any n=20 p=67"]),
    ("CRS developed in 67% (20/30) of patients.", ["CRS any n=20 p=67"]),
    ("CRS occurred in 16/23 (69.6%) patients.", ["CRS any n=16 p=69.6"]),
    ("Low-grade CRS was common (70%).", ["CRS 1-2 p=70"]),
    (
        "One patient with myositis had a mild, brief episode of confusion, a side effect known as ICANS.",
        ["ICANS 1-2 n=1"],
    ),
    (
        "Most CRS events were grade one or two (73.1% of patients at the recommended dose), with one patient "
        "experiencing a grade three event that resolved within one day.",
        ["CRS 1-2 p=73.1", "CRS 3 n=1"],
    ),
    ("There was a single case of ICANS, grade 2, in a patient with sarcoma.", ["ICANS 2 n=1"]),
    # totals and their breakdowns are separate facts
    (
        "Severe (grade 3 or higher) CRS occurred in 4% of patients: grade 3 in 2.6% and grade 4 in 1.3%.",
        ["CRS >=3 p=4", "CRS 3 p=2.6", "CRS 4 p=1.3"],
    ),
    (
        "Serious or life-threatening CRS occurred in 5% (Grade 3 in 4.2% and Grade 4 in 0.8%).",
        ["CRS >=3 p=5", "CRS 3 p=4.2", "CRS 4 p=0.8"],
    ),
    ("ICANS occurred in 17% of patients (grade ≥3: 2%).", ["ICANS any p=17", "ICANS >=3 p=2"]),
    ("CRS occurred in 8 patients (grade 1, n=6; grade 2, n=2).", ["CRS any n=8", "CRS 1 n=6", "CRS 2 n=2"]),
    (
        "Cytokine release syndrome (CRS) of any grade occurred in 95% of patients and was grade "
        "3 or higher in 4%, "
        "including one grade 5 event.",
        ["CRS any p=95", "CRS >=3 p=4", "CRS 5 n=1"],
    ),
    (
        "Among 45 patients, CRS occurred in 38 (84%), including grade 3 in 2 (4%).",
        ["CRS any n=38 p=84", "CRS 3 n=2 p=4"],
    ),
    # scope "all": a second fact without figures
    ("CRS occurred in 70% of patients, all grade 1 or 2.", ["CRS any p=70", "CRS 1-2 ALL"]),
    (
        "Cytokine release syndrome occurred in all 12 patients but was mild in every case: ten "
        "had grade 1 and two had "
        "grade 2 events.",
        ["CRS any n=12", "CRS 1-2 ALL", "CRS 1 n=10", "CRS 2 n=2"],
    ),
    (
        "All cytokine release syndrome (CRS) events were low grade and resolved in a median of two days.",
        ["CRS 1-2 ALL"],
    ),
    ("ICANS occurred in four patients, none higher than grade 2.", ["ICANS any n=4", "ICANS 1-2 ALL"]),
    ("Cytokine release syndrome was observed in 10 patients (all grade 1).", ["CRS any n=10", "CRS 1 ALL"]),
    ("CRS was limited to grade 1 or 2.", ["CRS 1-2 ALL"]),
    # negation
    ("No grade ≥3 CRS and no ICANS were observed.", ["CRS >=3 n=0 NEG", "ICANS any n=0 NEG"]),
    (
        "No cases of cytokine release syndrome or neurotoxicity were reported in the study.",
        ["CRS any n=0 NEG", "ICANS any n=0 NEG"],
    ),
    (
        "Three patients had grade 1 cytokine release syndrome, none had CRS of grade 2 or "
        "higher, and none of the "
        "patients developed neurotoxicity.",
        ["CRS 1 n=3", "CRS >=2 n=0 NEG", "ICANS any n=0 NEG"],
    ),
    (
        "ICANS was reported in five patients (3.0%), with no high-grade events.",
        ["ICANS any n=5 p=3", "ICANS >=3 n=0 NEG"],
    ),
    ("No grade 5 CRS or neurologic events occurred.", ["CRS 5 n=0 NEG", "ICANS 5 n=0 NEG"]),
    ("There were no neurological side effects of the ICANS type.", ["ICANS any n=0 NEG"]),
    ("ICANS was not observed.", ["ICANS any n=0 NEG"]),
    ("Neither CRS nor ICANS was observed.", ["CRS any n=0 NEG", "ICANS any n=0 NEG"]),
    ("With no lymphodepletion, CRS occurred in 10% of patients.", ["CRS any p=10"]),
    # several events in one clause
    (
        "The first patient developed grade 4 CRS together with grade 3 immune effector "
        "cell-associated neurotoxicity "
        "syndrome (ICANS).",
        ["CRS 4 n=1", "ICANS 3 n=1"],
    ),
    ("The trial reported CRS in 93% of patients, neurotoxicity in 64%.", ["CRS any p=93", "ICANS any p=64"]),
    ("CRS and ICANS occurred in 50% and 10% of patients, respectively.", ["CRS any p=50", "ICANS any p=10"]),
    ("The most common adverse events were neutropenia (60%), CRS (45%), and anemia (30%).", ["CRS any p=45"]),
    ("ICANS was observed in 2 patients (5.3%), both grade 1.", ["ICANS any n=2 p=5.3", "ICANS 1 ALL"]),
    (
        '"We saw no ICANS and only grade 1 CRS in our patients," said Dr. Jane Roe.',
        ["ICANS any n=0 NEG", "CRS 1 ALL"],
    ),
    (
        "Rates of CRS were 42% (grade ≥3, 1%) and ICANS 10% (grade ≥3, 2%).",
        ["CRS any p=42", "CRS >=3 p=1", "ICANS any p=10", "ICANS >=3 p=2"],
    ),
    (
        "CRS occurred in 86% (grade ≥ 3, 3%), neurotoxicity in 20%.",
        ["CRS any p=86", "CRS >=3 p=3", "ICANS any p=20"],
    ),
    (
        "No dose-limiting toxicities, ICANS or grade ≥2 CRS were observed.",
        ["ICANS any n=0 NEG", "CRS >=2 n=0 NEG"],
    ),
    (
        "Nine patients (75%) had grade 1 CRS and three (25%) had grade 2 CRS.",
        ["CRS 1 n=9 p=75", "CRS 2 n=3 p=25"],
    ),
    (
        "The incidence of CRS was low: 10% any grade and 0% grade 3 or higher.",
        ["CRS any p=10", "CRS >=3 n=0 NEG"],
    ),
    ("A total of 9 patients (75%) experienced CRS.", ["CRS any n=9 p=75"]),
    ("Grade ≥3 CRS: 2 (3%).", ["CRS >=3 n=2 p=3"]),
    ("There were no cases of CRS higher than grade 2.", ["CRS >=3 n=0 NEG"]),
    (
        "Of the 12 patients treated, 11 experienced CRS and none experienced ICANS.",
        ["CRS any n=11", "ICANS any n=0 NEG"],
    ),
    (
        "In the ZUMA-1 trial, grade ≥3 CRS and neurologic events occurred in 13% and 28% of "
        "patients, respectively.",
        ["CRS >=3 p=13", "ICANS >=3 p=28"],
    ),
    ("CRS occurred in 20% of patients (n=50).", ["CRS any p=20"]),
    ("Patients with severe lupus had CRS in 50% of cases.", ["CRS any p=50"]),
    # fatal
    ("One death due to CRS was reported.", ["CRS 5 n=1"]),
    (
        "At DL3, one patient had grade 3 CRS and another died of grade 5 CRS on day 11.",
        ["CRS 3 n=1", "CRS 5 n=1"],
    ),
    # not facts
    ("The median time to CRS onset was one day after infusion.", []),
    ("CRS was mostly mild.", []),
    ("Tocilizumab was given to 14% of patients for CRS.", []),
    ("CRS occurred in 77% of patients, and 48% of patients received tocilizumab.", ["CRS any p=77"]),
    (
        "Other neurologic toxicities, including parkinsonism in two patients and Guillain-Barré "
        "syndrome in one "
        "patient, were also reported.",
        [],
    ),
    ("Up to 90% of patients treated with CAR-T therapies develop CRS, which can be life-threatening.", []),
    (
        "CAR T-cell therapies can cause cytokine release syndrome and neurotoxicity, which can "
        "be severe or fatal.",
        [],
    ),
    (
        "Grade 3 or 4 cytopenias occurred in 30%, and seven patients developed infections, none "
        "of them grade 4.",
        [],
    ),
    (
        "The most common grade 3 or higher adverse events were neutropenia (78 percent) and "
        "anemia (43 percent).",
        [],
    ),
    ("No patient discontinued treatment because of CRS.", []),
    ("In preclinical studies, no CRS was observed in mice.", []),
    ("CRS occurred in 27 of 30 patients (90%), mostly grade 1 or 2.", ["CRS any n=27 p=90"]),
    ("Serious adverse events included CRS in 3 patients.", ["CRS any n=3"]),
    ("Grade 5 ICANS was reported in 1 patient (<1%).", ["ICANS 5 n=1"]),
    ("Chronic rhinosinusitis (CRS) improved in 40% of patients.", []),
]

COHORT_CASES = [
    (
        "In the SLE cohort, two patients had Grade 1 CRS; in the LN cohort, one patient had "
        "Grade 1 CRS and one had "
        "Grade 2 CRS. No ICANS has been observed in either lupus cohort.",
        [
            "CRS 1 n=2 [SLE]",
            "CRS 1 n=1 [LN]",
            "CRS 2 n=1 [LN]",
            "ICANS any n=0 NEG [SLE]",
            "ICANS any n=0 NEG [LN]",
        ],
    ),
    (
        "In the gMG, AE and CIDP groups, all CRS was grade 1. Grade 2 CRS occurred in one "
        "patient with NMOSD.",
        ["CRS 1 ALL [gMG]", "CRS 1 ALL [AE]", "CRS 1 ALL [CIDP]", "CRS 2 n=1 [NMOSD]"],
    ),
    ("CRS rates were 30% at DL1 and 50% at DL2.", ["CRS any p=30 [DL1]", "CRS any p=50 [DL2]"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_safety_phrasings(text: str, expected: list[str]) -> None:
    assert sorted(safety(text)) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), COHORT_CASES)
def test_safety_cohorts(text: str, expected: list[str]) -> None:
    assert sorted(safety(text)) == sorted(expected)


@pytest.mark.xfail(
    reason="a rate per grade listed with 'respectively' ('12% and 2%') is not paired with its grades"
)
def test_grades_listed_respectively() -> None:
    assert sorted(safety("Rates of any-grade and grade ≥3 ICANS were 12% and 2%, respectively.")) == [
        "ICANS >=3 p=2",
        "ICANS any p=12",
    ]


@pytest.mark.xfail(reason="a group named by its schedule ('on the weekly schedule') is no cohort mention")
def test_schedule_named_cohorts() -> None:
    text = (
        "Patients received 0.4 mg/kg QW or 0.8 mg/kg Q2W. ICANS was reported in 15 patients "
        "(10.5%) on the weekly "
        "schedule and in 16 patients (11.0%) on the every-other-week schedule."
    )
    assert sorted(safety(text)) == [
        "ICANS any n=15 p=10.5 [0.4 mg/kg QW]",
        "ICANS any n=16 p=11 [0.8 mg/kg Q2W]",
    ]
