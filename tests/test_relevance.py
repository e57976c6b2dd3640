"""News with no trial in it: every fact or quote reported would be a false positive."""

from __future__ import annotations

import pytest

from pressfacts import extract

NOT_TRIAL_NEWS = [
    # hospital statistics, with a quote
    "City Hospital Expands Emergency Department\n\nSPRINGFIELD - City Hospital said it treated 1,240 patients in "
    "its emergency department last month, up 12%. About 35% of patients were admitted, and 18 patients were "
    'transferred.\n\n"We have never been busier," said Maria Lopez, chief executive of City Hospital.\n',
    # markets
    "Tech Stocks Rally\n\nShares of chipmakers rose 4% on Monday. Of 500 companies in the index, 320 have "
    'reported results and 78% beat estimates. "Investors are regaining confidence," said John Smith, an analyst '
    "at Capital Partners.\n",
    # a vaccine survey
    "Flu Vaccine Uptake Falls\n\nOnly 42% of adults received a flu vaccine this season. Among 2,000 people "
    "surveyed, 60% said they planned to get vaccinated. Fever occurred in 12% of children; two patients had "
    "grade 3 reactions.\n",
]

TRIAL_BUSINESS_NEWS = (
    "Biotech Raises $200 Million\n\nAcme Bio said it raised $200 million to fund its phase 2 trial of a CAR-T "
    "therapy. Shares rose 12% to $45.10, and the company has 3 programs in the clinic. It expects to enroll "
    "60 patients starting in 2027, with efficacy data due in 2028.\n"
)


@pytest.mark.parametrize("text", NOT_TRIAL_NEWS)
def test_news_without_a_trial_reports_nothing(text):
    result = extract(text)
    assert result.facts == [] and result.quotes == []


def test_trial_business_news_reports_no_numbers():
    assert extract(TRIAL_BUSINESS_NEWS).facts == []
