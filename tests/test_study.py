"""pressfacts_study: trial, phase, drugs, sponsor and meeting of the study an article reports."""

from __future__ import annotations

import pytest

from pressfacts.pipeline import default_pipeline


def study(text: str) -> dict:
    return default_pipeline()(text)._.study


RELEASE = (
    "Acme Therapeutics Announces Phase 1 Results for ACM-101 in Lupus at ACR Convergence 2025\n\n"
    "BOSTON, May 1, 2025 (GLOBE NEWSWIRE) -- Acme Therapeutics, Inc. (Nasdaq: ACME), a clinical-stage "
    "company, today announced results from the Phase 1 ZENITH-1 trial of ACM-101 in lupus.\n\n"
    "Twelve patients were treated in ZENITH-1.\n"
)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (RELEASE, "trial", "ZENITH-1"),
        (RELEASE, "phase", "Phase 1"),
        (RELEASE, "drugs", ["ACM-101"]),
        (RELEASE, "sponsor", "Acme Therapeutics"),
        (RELEASE, "meeting", "ACR Convergence 2025"),
        # trial names: a dash and digits, mixed capitals, the phase before the name
        ("Results came from the Phase 1 Breakfree-1 study of the therapy.\n", "trial", "Breakfree-1"),
        ("The pivotal KarMMa trial enrolled 140 patients. KarMMa met its endpoint.\n", "trial", "KarMMa"),
        ("KYSA-6, its registrational Phase 2/3 trial, enrolled patients.\n", "trial", "KYSA-6"),
        # a drug code is not a trial
        ("KYV-101 was given in a Phase 2 trial.\n", "trial", None),
        # phases as written, normalised
        ("The data come from a pivotal phase 2 study.\n", "phase", "pivotal Phase 2"),
        ("A phase 1/2 trial enrolled 20 patients.\n", "phase", "Phase 1/2"),
        ("A Phase II study enrolled 20 patients.\n", "phase", "Phase 2"),
        # drugs: INN names and short forms, codes; the second word of an INN is not a drug of its own
        (
            "Full results for idecabtagene vicleucel (ide-cel, bb2121) were published in a journal today.\n",
            "drugs",
            ["idecabtagene vicleucel", "ide-cel", "bb2121"],
        ),
        (
            "Teclistamab produced responses in most patients with myeloma in the trial.\n",
            "drugs",
            ["teclistamab"],
        ),
        ("The study was registered as NCT04567890 and enrolled patients with lupus.\n", "drugs", []),
        # sponsors
        ("Kite Presents Longer-Term ZUMA-1 Results\n\nThe data were strong.\n", "sponsor", "Kite"),
        (
            "The therapy met its endpoint, Cartesian Therapeutics said on Tuesday.\n",
            "sponsor",
            "Cartesian Therapeutics",
        ),
        ("Doctors at Uniklinikum Erlangen treated ten patients.\n", "sponsor", None),
        # meetings
        (
            "The results were presented at the 59th American Society of Hematology (ASH) Annual Meeting.\n",
            "meeting",
            "59th American Society of Hematology (ASH) Annual Meeting",
        ),
        ("Data were presented at ASH 2025 in Orlando.\n", "meeting", "ASH 2025"),
        # news with no trial
        ("Shares of Halden rose 41% on Tuesday as investors cheered the news.\n", "trial", None),
    ],
)
def test_study_fields(text: str, field: str, expected: object) -> None:
    assert study(text)[field] == expected
