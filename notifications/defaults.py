"""The default wording of decision letters, kept as text files in default_letters/ (loaded by
migration 0002, and used if an area's wording for a kind is ever missing)."""

from pathlib import Path

# The title every decision letter's document starts with: the letter job names its file by it, and
# the family's notice finds the letter by it.
DECISION_LETTER_TITLE = "Decision letter"


def long_date(day) -> str:
    """A date as letters and notices write it: "7 December 2026"."""
    return f"{day:%-d %B %Y}"


DEFAULTS = Path(__file__).resolve().parent / "default_letters"


def default_wording(kind: str) -> tuple[str, str]:
    """(title, body) from default_letters/<kind>.txt, whose first line is "Title: ..."."""
    first, _, body = (DEFAULTS / f"{kind}.txt").read_text(encoding="utf-8").partition("\n")
    return first.removeprefix("Title:").strip(), body.strip()
