"""The family pages are written in plain English: the prose of each reads at Flesch-Kincaid grade 6
or below (a reading age of about 11, the end of primary school). GOV.UK asks for writing that a
9-year-old can read; the family pages measured between grade 0 and 5 when this test was written,
so 6 leaves a little room for new text while catching a page that slips into officialese.

Pages covered (messaging/tests/family_pages.py FAMILY_PAGES): the family's home page, their
child's case page, starting a request for an assessment and each of its questions, the documents,
check and sent pages, asking to be linked to a child, the messages page and a child's conversation.
The text measured is the prose of the main content (sentences of 5 words or more); what a family
typed themselves is not.
Scores come from the `readability` package (surface measures: words per sentence, syllables per word).
"""

import re

import pytest
import readability

from messaging.tests import family_pages

pytestmark = pytest.mark.django_db

MAX_GRADE = 6
TOKEN = re.compile(r"[\w’']+(?:[-.][\w’']+)*|[^\w\s]")
WORD = re.compile(r"[A-Za-z]+")
PROSE_WORDS = 5
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def sentences(blocks: list[str]) -> list[str]:
    """The page's prose: its sentences of 5 words or more. Headings, labels, buttons and table cells
    are left out: counted as sentences, their few words would make any page look easy."""
    found = (s for block in blocks for s in SENTENCE_END.split(block))
    return [s for s in found if len(WORD.findall(s)) >= PROSE_WORDS]


def tokenized(sentence: str) -> str:
    return " ".join(TOKEN.findall(sentence))


def grade(lines: list[str]) -> float:
    return readability.getmeasures("\n".join(tokenized(s) for s in lines), lang="en")["readability grades"][
        "Kincaid"
    ]


def test_the_measure_tells_plain_english_from_officialese():
    plain = ["We will reply within 5 working days.", "You can ask us to call you."]
    dense = [
        "Notwithstanding the aforementioned statutory obligations, the local authority's determination "
        "regarding the commencement of an education, health and care needs assessment necessitates "
        "comprehensive consideration of multidisciplinary professional documentation."
    ]
    assert grade(plain) < 4 < MAX_GRADE < grade(dense)


def test_every_family_page_is_covered():
    missing = [name for name in family_pages.FAMILY_PAGES if name not in family_pages.covered()]
    assert not missing, f"family pages not built yet (no URL or matrix row): {missing}"


@pytest.mark.parametrize("name", family_pages.covered())
def test_the_family_page_reads_at_grade_6_or_below(name, area, login):
    persona, urls = family_pages.urls(name, area)
    client = login(persona)
    for url in urls:
        page = client.page(url)
        lines = sentences(family_pages.main_text(str(page)))
        score = grade(lines)
        worst = sorted(lines, key=lambda s: grade([s]), reverse=True)[:5]
        assert score <= MAX_GRADE, (
            f"{url} reads at Flesch-Kincaid grade {score:.1f} (limit {MAX_GRADE}). Hardest sentences:\n"
            + "\n".join(f"  {grade([s]):5.1f}  {s}" for s in worst)
        )
