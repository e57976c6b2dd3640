"""pressfacts_endpoints: changes in a clinical measure, one phrasing per line."""

from __future__ import annotations

import pytest

from pressfacts.pipeline import default_pipeline


def changes(text: str) -> list[tuple]:
    """(measure, value, unit, timepoint) of every endpoint change read from `text`."""
    doc = default_pipeline()(text)
    return [
        (f.fields["measure"], f.fields["value"], f.fields["unit"], f.fields.get("timepoint"))
        for f in doc._.found or []
        if f.type == "endpoint_change"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb and "by"
        (
            "Their mean SLEDAI-2K score dropped by 15.6 points from baseline.",
            [("SLEDAI-2K", -15.6, "points", None)],
        ),
        (
            "The modified Rodnan skin score (mRSS) fell by a mean of 8.5 points.",
            [("mRSS", -8.5, "points", None)],
        ),
        (
            "Muscle strength, measured on the Manual Muscle Testing-8 (MMT-8) scale,"
            " rose by a mean of 19 points.",
            [("MMT-8", 19, "points", None)],
        ),
        (
            "Urine protein-to-creatinine ratio (UPCR) fell by a median of 78% at month 6.",
            [("UPCR", -78, "percent", "month 6")],
        ),
        (
            "Blood levels of creatine kinase fell by an average of 87%.",
            [("creatine kinase (CK)", -87, "percent", None)],
        ),
        # "improved" takes its sign from the measure
        ("MMT-8 scores improved by a mean of 14 points at Week 16.", [("MMT-8", 14, "points", "Week 16")]),
        ("After a year, the mRSS had improved by 9 points on average.", [("mRSS", -9, "points", "1 year")]),
        # a noun
        (
            "Patients showed a median relative predicted forced vital capacity (pFVC) increase from baseline "
            "of 10% at six months.",
            [("pFVC", 10, "percent", "6 months")],
        ),
        (
            "Patients had median increases in MMT-8 score of 17% at three months and 22% at six months.",
            [("MMT-8", 17, "percent", "3 months"), ("MMT-8", 22, "percent", "6 months")],
        ),
        (
            "Patients had a mean SLEDAI-2K decrease of 14.3 points by month 6.",
            [("SLEDAI-2K", -14.3, "points", "month 6")],
        ),
        (
            "The drug produced mean reductions of 8.0 points in MG-ADL and 7.7 points in QMG.",
            [("MG-ADL", -8, "points", None), ("QMG", -7.7, "points", None)],
        ),
        (
            "Imaging showed a median 30% decrease in the sum of target lesions.",
            [("target lesions", -30, "percent", None)],
        ),
        (
            "There was a mean improvement of 14.7 points on the EQ-5D-5L visual analogue scale at Day 184.",
            [("EQ-5D", 14.7, "points", "Day 184")],
        ),
        # a written sign
        (
            "In gMG, the mean change in MG-ADL at week 24 was \u22126.5 points"
            " and the mean change in QMG \u22127.1 points.",
            [("MG-ADL", -6.5, "points", "week 24"), ("QMG", -7.1, "points", "week 24")],
        ),
        (
            "The mean change from baseline at Month 3 was -4.2 points in the HAQ-DI and -8.3 points in MGC.",
            [("HAQ-DI", -4.2, "points", "Month 3"), ("MGC", -8.3, "points", "Month 3")],
        ),
        ("The median EDSS change at month 6 was -0.5 points.", [("EDSS", -0.5, "points", "month 6")]),
        # from one value to another: the difference, in points
        (
            "Mean SLEDAI-2K decreased from 10.6 at baseline to 2.7 at month 3.",
            [("SLEDAI-2K", -7.9, "points", "month 3")],
        ),
        (
            "In AE, the median mRS fell from 3 at baseline to 1 at week 24.",
            [("mRS", -2, "points", "week 24")],
        ),
        # the article's own measure abbreviation; a bare "scores" is the measure named before
        ("The Foo Activity Score (FAS) fell by a mean of 3.2 points.", [("FAS", -3.2, "points", None)]),
        (
            "Doctors tracked the modified Rodnan skin score."
            " After a year, patients' scores had improved by 9 points.",
            [("mRSS", -9, "points", "1 year")],
        ),
        # not endpoint changes
        ("A clinically meaningful response was defined as a reduction of at least 2 points in MG-ADL.", []),
        ("EDSS improved by at least 0.5 points in 9 of the 12 patients (75%).", []),
        ("The primary endpoint was the proportion of patients whose MGC score improved by five points.", []),
        ("91% of patients achieved a 4-point reduction in SLEDAI-2K.", []),
        ("Baseline SLEDAI-2K scores ranged from 15 to 28.", []),
        ("The mean baseline mRSS was 25 points.", []),
        ("Shares of the company rose about 30% in early trading.", []),
        ("The therapy led to a 40% reduction in the risk of progression.", []),
        ("The dose was reduced by 50% in two patients.", []),
        ("Prednisone was tapered from 20 mg to 5 mg.", []),
        ("ORR increased from 40% to 60% with longer follow-up.", []),
        ("The mRSS fell by more than 5 points in most patients.", []),
        ("A 50% reduction in proteinuria was seen in 60% of patients.", []),
        ("The EDSS improved by 1 point in 9 of 12 patients.", []),
        ("The mRSS fell by about 10 points.", []),
        ("Lung function improved by 10% in the cohort.", []),
        ("Patients' fatigue improved by 5 points.", [("fatigue", -5, "points", None)]),
        ("The global score of the questionnaire improved by 5 points.", []),
    ],
)
def test_endpoint_changes(text: str, expected: list[tuple]) -> None:
    assert changes(text) == expected


def test_a_restated_change_is_read_once() -> None:
    text = (
        "Acme Reports Data\n\n* The mRSS fell by a mean of 8.5 points.\n\n"
        "In the trial, the modified Rodnan skin score (mRSS) fell by a mean of 8.5 points at six months.\n"
    )
    assert changes(text) == [("mRSS", -8.5, "points", "6 months")]
