"""Quotes: one readable line per phrasing; expected (speaker, title, organization, first words)."""

from __future__ import annotations

import pytest
import spacy

from pressfacts.components import register_all
from pressfacts.doc import register_extensions


@pytest.fixture(scope="module")
def nlp():
    register_extensions()
    register_all()
    pipeline = spacy.blank("en")
    pipeline.add_pipe("pressfacts_sections")
    pipeline.add_pipe("pressfacts_quotes")
    return pipeline


def quotes(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:
    doc = nlp(text)
    found = sorted(doc._.found_quotes or [], key=lambda q: q.start)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
    return [(q.speaker, q.title, q.organization, " ".join(q.text.split()[:4]).strip(",.")) for q in found]


CEO = ("Jane Roe", "Chief Executive Officer", "Acme Bio", "We are very pleased")

CASES = [
    # said X, Title of Org / Title, Org / Title at Org
    ('"We are very pleased with these data," said Jane Roe, Chief Executive Officer of Acme Bio.', [CEO]),
    (
        "“We are very pleased with these data,” said Jane Roe, M.D., Chief Executive Officer of Acme Bio.",
        [CEO],
    ),
    ('"We are very pleased," said Jane Roe, Ph.D., Chief Executive Officer, Acme Bio.', [CEO]),
    (
        '"These results matter," said Dr. Dinesh Khanna, Professor of Medicine and Director, '
        "University of Michigan Scleroderma Program.",
        [
            (
                "Dinesh Khanna",
                "Professor of Medicine and Director",
                "University of Michigan Scleroderma Program",
                "These results matter",
            )
        ],
    ),
    (
        '"Over the last decade, we led," said Lynelle B. Hoch, president, Cell Therapy Organization, '
        "Bristol Myers Squibb.",
        [
            (
                "Lynelle B. Hoch",
                "president, Cell Therapy Organization",
                "Bristol Myers Squibb",
                "Over the last decade",
            )
        ],
    ),
    (
        '"It is safe," said Dr. Ann Lee, Professor of Neurology at Lakeview University Medical Center.',
        [("Ann Lee", "Professor of Neurology", "Lakeview University Medical Center", "It is safe")],
    ),
    (
        '"It is safe," said Dr. Ann Lee, president and chief executive officer of Lakeview Therapeutics.',
        [("Ann Lee", "president and chief executive officer", "Lakeview Therapeutics", "It is safe")],
    ),
    # the organisation before the name, or possessive
    (
        '"We built a network," said Vantor Chief Medical Officer Lucia Brandão.',
        [("Lucia Brandão", "Chief Medical Officer", "Vantor", "We built a network")],
    ),
    (
        '"We built a network," said Dr. Renata Vollmer, Veltrana\'s chief medical officer.',
        [("Renata Vollmer", "chief medical officer", "Veltrana", "We built a network")],
    ),
    # X, Title at Org, said: "..." / X commented as follows: (next line)
    (
        "Dr. Henrik Aaltonen, Professor of Neurology at Lakeview Medical Center and a KYSA-6 investigator, "
        'said: "These patients had cycled through every option."',
        [
            (
                "Henrik Aaltonen",
                "Professor of Neurology",
                "Lakeview Medical Center",
                "These patients had cycled",
            )
        ],
    ),
    (
        "Takeshi Hanazono, Representative Director, President and CEO of Mizuchi, commented as follows:\n"
        '"We are greatly encouraged by this activity."',
        [
            (
                "Takeshi Hanazono",
                "Representative Director, President and CEO",
                "Mizuchi",
                "We are greatly encouraged",
            )
        ],
    ),
    (
        "Ayumi Kurokawa, M.D., Ph.D., Professor, Department of Nephrology, Kitanomori University, and "
        'coordinating investigator of the Study, commented as follows:\n"Many of these patients were '
        'elderly."',
        [
            (
                "Ayumi Kurokawa",
                "Professor",
                "Department of Nephrology, Kitanomori University",
                "Many of these patients",
            )
        ],
    ),
    # "..." X said / told OUTLET / wrote in a note / according to / says
    (
        '"The curve is hard to ignore," Dr. Nadia Ferreira, a myeloma specialist at Westlake '
        "Hospital who was "
        "not involved in the study, told OncWire.",
        [("Nadia Ferreira", "myeloma specialist", "Westlake Hospital", "The curve is hard")],
    ),
    (
        'Calloway Partners analyst Rhea Kowalczyk raised her target. "Arm B is the story here," '
        "Kowalczyk wrote "
        "in a note to clients.",
        [("Rhea Kowalczyk", "analyst", "Calloway Partners", "Arm B is the")],
    ),
    (
        '"The disease simply switched off," according to Dr. Jonas Reinhardt, a hematologist at University '
        "Hospital Erlangen and one of the study's authors.",
        [("Jonas Reinhardt", "hematologist", "University Hospital Erlangen", "The disease simply switched")],
    ),
    (
        '"We can reach the plasma cells," says Prof. Dr. Anja Keller, Director of the Department of '
        "Medicine 3 "
        "at Uniklinikum Erlangen.",
        [
            (
                "Anja Keller",
                "Director of the Department of Medicine 3",
                "Uniklinikum Erlangen",
                "We can reach the",
            )
        ],
    ),
    (
        '"We can reach the plasma cells," said Dr. Anja Keller, head of the Department of Rheumatology.',
        [("Anja Keller", "head", "Department of Rheumatology", "We can reach the")],
    ),
    (
        '"We will publish soon," said Jane Roe, a spokeswoman for Acme Bio.',
        [("Jane Roe", "spokeswoman", "Acme Bio", "We will publish soon")],
    ),
    (
        '"What I take from these data is simple."\n- Tobias Lindqvist, MD, Associate Professor of '
        "Medicine, "
        "Harbor Coast Cancer Center",
        [
            (
                "Tobias Lindqvist",
                "Associate Professor of Medicine",
                "Harbor Coast Cancer Center",
                "What I take from",
            )
        ],
    ),
    (
        'Jury citation: "Four diseases, one product, and responses in most." — Prof. Ingrid Saether, '
        "Chair, "
        "EAAN Scientific Programme Committee",
        [("Ingrid Saether", "Chair", "EAAN Scientific Programme Committee", "Four diseases, one product")],
    ),
    # split quotes and quotes over two paragraphs are one quote
    (
        '"We stopped every drug," said Dr. Lena Hartmann, a rheumatologist at University Hospital '
        "Erlangen and "
        'the senior author, "and we have not restarted one."',
        [("Lena Hartmann", "rheumatologist", "University Hospital Erlangen", "We stopped every drug")],
    ),
    (
        '"This is the longest look we have had.\n\n"The open questions are cost and capacity," said '
        "Dr. Marcus "
        "Oyelaran, chief of rheumatology at Brookfield Medical Center, who was not involved in the study.",
        [("Marcus Oyelaran", "chief of rheumatology", "Brookfield Medical Center", "This is the longest")],
    ),
    # pronouns and bare surnames are the last person named; "he added" opens a second quote
    (
        "Dr. Matthias Roth, a rheumatologist in the Department of Medicine 3 at Uniklinikum "
        "Erlangen, led the "
        'team.\n\n"The advantage is that it is on the shelf," he said.',
        [("Matthias Roth", "rheumatologist", "Uniklinikum Erlangen", "The advantage is that")],
    ),
    (
        '"Efficacy alone would be interesting," said Dr. Andrew Delacroix, professor of neurology at '
        "Ridgefield "
        'University.\n\nDelacroix said the schedule helps. "We can give this in a clinic chair," he added. '
        '"Patients go home the same day."',
        [
            (
                "Andrew Delacroix",
                "professor of neurology",
                "Ridgefield University",
                "Efficacy alone would be",
            ),
            ("Andrew Delacroix", "professor of neurology", "Ridgefield University", "We can give this"),
        ],
    ),
    (
        "Dr. Sunniva Hallberg, a haematologist at Kirkwall University Hospital, said the dose mattered. "
        '"At the top dose we lost a patient," she said. "That tells us where the ceiling is."',
        [("Sunniva Hallberg", "haematologist", "Kirkwall University Hospital", "At the top dose")],
    ),
    (
        "Orinthe's chief executive, Ezra Pálsson, said the company would expand. "
        '"We would rather accept a lower rate," he said.',
        [("Ezra Pálsson", "chief executive", "Orinthe", "We would rather accept")],
    ),
    # patients: no title, no organisation
    (
        'Gwen Ashby, 44, a primary school teacher from Harlow, was diagnosed in 2019.\n\n"I could '
        'not hold a pen," '
        "she said.",
        [("Gwen Ashby", None, None, "I could not hold")],
    ),
    (
        'One participant, Liu Fang, a 38-year-old teacher, went back to work. "For the first time I '
        'am free," '
        "she said.",
        [("Liu Fang", None, None, "For the first time")],
    ),
    (
        'Dr. Jane Roe, a nurse at City Hospital, led the trial.\n\nRoe was blunt: "This is not a cure."',
        [("Jane Roe", "nurse", "City Hospital", "This is not a")],
    ),
    (
        "Mary Smith, 34, a primary school teacher from Leoben who was treated for lupus in 2023, described "
        'the change: "For ten years my life was organised around pills."',
        [("Mary Smith", None, None, "For ten years my")],
    ),
    (
        '"We are pleased," said Jane Roe, Chief Executive Officer of Acme Bio, Inc. The trial goes on.',
        [("Jane Roe", "Chief Executive Officer", "Acme Bio, Inc", "We are pleased")],
    ),
    (
        'In a statement, Acme CEO John Smith said, "This is a milestone for patients."',
        [("John Smith", "CEO", "Acme", "This is a milestone")],
    ),
    (
        '"Responses were deep," said lead investigator Dr. Carlos Mendes of the University of Lisbon.',
        [("Carlos Mendes", "lead investigator", "University of Lisbon", "Responses were deep")],
    ),
    (
        'Comment from Dr. Ken Ito, Chief Executive Officer of Hikari Bio:\n'
        '"We will file in Japan next year."',
        [("Ken Ito", "Chief Executive Officer", "Hikari Bio", "We will file in")],
    ),
    (
        'According to Dr. Lisa Park, an oncologist at Mayo Clinic, "the response rates are unprecedented."',
        [("Lisa Park", "oncologist", "Mayo Clinic", "the response rates are")],
    ),
    # not quotes
    ('Dr. Jane Roe led it.\n\nIt is "off the shelf", which Roe said is key.', []),
    ('"It works," said to be the unit\'s motto, was painted on the wall.', []),
    ('"The results are clear," they said.', []),
    ('Acme Bio (NASDAQ: ACME) reported data.\n\n"We are pleased," said Acme Bio in a statement.', []),
    ('The study\'s conclusion: "This is not a cure."', []),
    ('Teclistamab does not have to be made for each patient: it is available "off the shelf".', []),
    ('The company described the result as "unprecedented" in its filing.', []),
    ('"We believe the trial gives us a clear path," the company said in a statement.', []),
    ('"We are encouraged by these results," Novartis said.', []),
    ('Calverley doctors gave 15 people a one-off "living drug" made from their own blood.', []),
    ('The webinar "Resetting the immune system? CAR-T for lupus" drew 400 viewers.', []),
    ("Dr. Jane Roe said the results were encouraging and that a larger trial would follow.", []),
    ("Q: Can anyone join these trials?\nA: Dr. Quintero said eligibility is narrow for now.", []),
    ('About Acme Bio\n"We are proud of our team," said Jane Roe, Chief Executive Officer of Acme Bio.', []),
    # a pull quote repeating a body quote is one quote
    (
        '"We are very pleased with these data"\n\n"We are very pleased with these data," said Jane '
        "Roe, Chief "
        "Executive Officer of Acme Bio.",
        [CEO],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotes(nlp, text: str, expected: list[tuple]) -> None:
    assert quotes(nlp, text) == expected


def test_joined_text(nlp) -> None:
    doc = nlp('"A first part," said Dr. Jane Roe, a nurse at City Hospital, "and a second part."')
    assert doc._.found_quotes[0].text == "A first part and a second part."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "'It is a big step,' said Dr Jane Roe, a nurse at City Hospital.",
            [("Jane Roe", "nurse", "City Hospital")],
        ),
        (
            "Dr Jane Roe, a consultant at St Thomas' Hospital, said: 'It works.'",
            [("Jane Roe", "consultant", "St Thomas' Hospital")],
        ),
        ("The patients' families were told the so-called 'reset' worked, Dr Jane Roe said.", []),
    ],
)
def test_single_quote_marks(nlp, text: str, expected: list[tuple]) -> None:
    assert [q[:3] for q in quotes(nlp, text)] == expected


def test_an_organization_tagged_by_ner_is_not_a_speaker():
    """With a pipeline that has NER (--model, or the spaCy component), ORG entities help attribution."""
    text = (
        "Results of the phase 1 trial of a CAR T-cell therapy showed an ORR of 80% in 10 patients.\n\n"
        '"We are encouraged by these data," said Vantor Helix.\n'
    )
    blank = spacy.blank("en")
    blank.add_pipe("pressfacts")
    assert [q.speaker for q in blank(text)._.quotes] == ["Vantor Helix"]
    with_ner = spacy.blank("en")
    with_ner.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Vantor Helix"}])
    with_ner.add_pipe("pressfacts")
    assert with_ner(text)._.quotes == []
