"""Translation: the family pages follow the visitor's language, every word of them is marked for
translation, and the committed catalogues are compiled from their sources.

The catalogues are in locale/ (`make messages` extracts and compiles them; Makefile TRANSLATED_DIRS
names the folders whose templates and Python are translated). Polish has the portal's key
strings translated; Urdu is ready for a translator.
"""

import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse

from messaging.tests import family_pages
from people.models import Child, ParentCarer
from portal.models.requests import AssessmentRequestDraft

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale"
PSEUDO = "xx"  # a made-up language whose every string is wrapped in ⟦ ⟧
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
# Text on the family pages that is not marked for translation yet, and where it comes from. Each is
# for the owner of that file to mark (then delete the line here): the test fails on anything new.
KNOWN_UNMARKED = {
    "SEND services": "core/context_processors.py service_name (in every page title)",
    "Educational psychologist": "casework.models.AdviserType labels (portal case page)",
    "PDF, Word (DOCX), PNG or JPEG, smaller than 10MB": "core/uploads.py: the hint is built in English",
    "Email": "people.codelists.CONTACT_PREFERENCE labels (request check page)",
    "Day": "templates/govuk/fields/date.html",
    "Month": "templates/govuk/fields/date.html",
    "Year": "templates/govuk/fields/date.html",
    "Mother": "people.codelists.RELATIONSHIP labels (link request page)",
    "Father": "people.codelists.RELATIONSHIP",
    "Step-parent": "people.codelists.RELATIONSHIP",
    "Grandparent": "people.codelists.RELATIONSHIP",
    "Foster carer": "people.codelists.RELATIONSHIP",
    "Special guardian": "people.codelists.RELATIONSHIP",
    "Other carer": "people.codelists.RELATIONSHIP",
    "(optional)": "templates/govuk/fields/*.html optional-field suffix",
    "Text message": "people.codelists.CONTACT_PREFERENCE (request contact question)",
    "Phone": "people.codelists.CONTACT_PREFERENCE",
    "Letter": "people.codelists.CONTACT_PREFERENCE",
}
MONTHS = "January February March April May June July August September October November December"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"


def translated_dirs() -> list[str]:
    match = re.search(r"^TRANSLATED_DIRS := (.+)$", (BASE_DIR / "Makefile").read_text(), re.MULTILINE)
    return match.group(1).split()


# --- the language follows the visitor --------------------------------------------------------


def test_a_polish_speaking_parent_sees_the_portal_in_polish(area, login):
    client = login("parent")
    home = client.page(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="pl")
    assert home.h1.get_text(strip=True) == "Twoje dzieci"
    thread = client.page(
        reverse("messaging:child_thread", args=[area.own_child.public_id]), HTTP_ACCEPT_LANGUAGE="pl"
    )
    assert thread.h1.get_text(strip=True) == "Wiadomości w sprawie: Amira"
    assert thread.find("button", string=re.compile("Wyślij wiadomość"))


def test_the_language_cookie_chooses_the_language_too(area, login):
    client = login("parent")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    assert client.page(reverse("messaging:inbox")).h1.get_text(strip=True) == "Wiadomości"


def test_english_is_the_default(area, login):
    client = login("parent")
    assert client.page(reverse("portal:home")).h1.get_text(strip=True) == "Your children"
    assert client.page(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="de").h1.get_text(strip=True) == (
        "Your children"
    )


# --- the committed catalogues -----------------------------------------------------------------


def _catalogue(mo_path) -> dict:
    with open(mo_path, "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES if not code.startswith("en")])
def test_each_language_has_a_compiled_catalogue_matching_its_source(language, tmp_path):
    source = LOCALE / language / "LC_MESSAGES" / "django.po"
    compiled = tmp_path / "django.mo"
    subprocess.run([shutil.which("msgfmt"), "--check-format", "-o", compiled, source], check=True)  # noqa: S603
    assert _catalogue(LOCALE / language / "LC_MESSAGES" / "django.mo") == _catalogue(compiled), (
        f"locale/{language}: the .mo file is out of date: run `make messages`"
    )


# --- every visible word of the family pages is marked for translation -------------------------


def _run(*command):
    subprocess.run([shutil.which(command[0]), *command[1:]], check=True, capture_output=True)  # noqa: S603


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory):
    """Extract the translatable strings the way `make messages` does (into a copy of the translated
    folders, so locale/ is untouched) and make a pseudo-translation wrapping each one in ⟦ ⟧."""
    root = tmp_path_factory.mktemp("extract")
    for folder in translated_dirs():
        shutil.copytree(
            BASE_DIR / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "tests")
        )
    (root / "locale").mkdir()
    here = os.getcwd()
    with override_settings(LOCALE_PATHS=[root / "locale"]):
        os.chdir(root)
        try:
            call_command("makemessages", locale=[PSEUDO], no_location=True, verbosity=0)
        finally:
            os.chdir(here)
    folder = root / "locale" / PSEUDO / "LC_MESSAGES"
    source = folder / "django.po"
    # An unknown language's header has a placeholder plural rule; give it English's.
    source.write_text(
        source.read_text().replace("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=(n != 1);")
    )
    _run("msgen", "-o", folder / "en.po", source)
    _run(
        "msgfilter",
        "--keep-header",
        "-i",
        folder / "en.po",
        "-o",
        folder / "wrapped.po",
        "sed",
        "-z",
        "s/^/⟦/;s/$/⟧/",
    )
    _run("msgfmt", "-o", folder / "django.mo", folder / "wrapped.po")
    return root / "locale"


def _data_words(area) -> set[str]:
    """Words that come from records, not from the service's own writing."""
    # Every child: the matrix's builders add siblings of the own child (one open case per child).
    people = list(Child.objects.all())
    words = set(MONTHS.split()) | set(DAYS.split()) | {area.school.name, area.other_school.name}
    for child in people:
        words |= {child.legal_first_name, child.legal_last_name, child.preferred_name}
    for user in area.users.values():
        words |= {user.first_name, user.last_name, user.username}
    for parent in ParentCarer.objects.all():
        words |= {parent.first_name, parent.last_name, parent.email}
    # What the family typed into their request, shown back to them on the check page.
    for draft in AssessmentRequestDraft.objects.all():
        words |= {draft.needs, draft.current_support, draft.why_now, draft.child_school}
    return {word for word in words if word}


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" -–:·,")


def untranslated(blocks: list[str], data: set[str]) -> list[str]:
    """The parts of `blocks` outside every ⟦ ⟧ that still hold a word once data is taken out."""
    found = []
    for block in blocks:
        text = block
        while WRAPPED.search(text):
            text = WRAPPED.sub(" ", text)
        if _tidy(text) in KNOWN_UNMARKED:
            continue
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, " ")
        text = re.sub(r"\b(?:EHC-\d+|[A-Z]{1,3}\d[\w-]*)\b", " ", text)  # references and codes
        text = _tidy(text)
        if text not in KNOWN_UNMARKED and re.search(r"[A-Za-z]{2,}", text):
            found.append(block)
    return found


@pytest.mark.parametrize("name", family_pages.covered())
def test_every_word_on_the_family_page_is_marked_for_translation(name, area, login, pseudo_locale, settings):
    settings.LOCALE_PATHS = [pseudo_locale, *settings.LOCALE_PATHS]
    settings.LANGUAGES = [*settings.LANGUAGES, (PSEUDO, "Pseudo")]
    persona, urls = family_pages.urls(name, area)
    client = login(persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = PSEUDO
    data = _data_words(area)
    for url in urls:
        blocks = family_pages.main_text(str(client.page(url)))
        assert any("⟦" in block for block in blocks), f"{url} was not shown in the pseudo-language"
        missing = untranslated(blocks, data)
        assert not missing, f"{url}: text not marked for translation:\n" + "\n".join(
            f"  {m}" for m in missing
        )
