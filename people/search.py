"""Name search that forgives how a name was typed.

`fold` is the one normal form of a name for searching: accents removed ("Novák" -> "novak"),
apostrophes of every kind dropped ("O’Brien", "O'Brien" -> "obrien"), case folded. Each child's
`search_name` column holds its folded names (kept by Child.save), so both databases match on the
same text with a plain indexed column. A search that matches nothing falls back to near
spellings ("Bashier" -> "Bashir"): trigram similarity on PostgreSQL (pg_trgm, with a GIN index,
core migration 0002), and the same ranking by closeness worked out in Python on SQLite.
"""

import difflib
import unicodedata

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

APOSTROPHES = "'’‘ʼ`´"
NEAR_ENOUGH = 0.75  # difflib ratio of a typed word to a name word (Bashier/Bashir is 0.92)
TRIGRAM_WORD_FLOOR = 0.3  # each typed word at least this like a word of the name...
TRIGRAM_NEAR_ENOUGH = 0.5  # ...and the typed words on average this like it
MOST_NEAR_MATCHES = 50


def fold(text: str) -> str:
    """The searchable form of a name: no accents, no apostrophes, case folded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.translate({ord(ch): None for ch in APOSTROPHES})
    return " ".join(plain.casefold().split())


def words_of(terms: str) -> list[str]:
    return fold(terms).split()[:5]


def exact(queryset, words: list[str]):
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word)
    return queryset.filter(condition)


def near(queryset, words: list[str]):
    """Children whose names are spelt nearly as typed, closest first (at most MOST_NEAR_MATCHES)."""
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _near_postgresql(queryset, words)
    return _near_in_python(queryset, words)


def _near_postgresql(queryset, words):
    # PostgreSQL only: a SQLite install need not have what django.contrib.postgres loads.
    from django.contrib.postgres.search import TrigramWordSimilarity

    similarities = {f"_near_{i}": TrigramWordSimilarity(word, "search_name") for i, word in enumerate(words)}
    scored = queryset.annotate(**similarities).filter(
        **{f"{name}__gte": TRIGRAM_WORD_FLOOR for name in similarities}
    )
    closeness = sum((F(name) for name in similarities), start=Value(0.0))
    best = list(
        scored.annotate(_total=closeness)
        .filter(_total__gte=TRIGRAM_NEAR_ENOUGH * len(words))
        .order_by("-_total", "pk")
        .values_list("pk", flat=True)[
            :MOST_NEAR_MATCHES
        ]
    )
    return _in_order(queryset, best)


def _word_closeness(word: str, name_words: list[str]) -> float:
    ratios = (difflib.SequenceMatcher(None, word, name_word).ratio() for name_word in name_words)
    return max(ratios, default=0)


def _near_in_python(queryset, words):
    # Only names with a word starting with the same letter as a typed word are scored: a
    # misspelling rarely changes the first letter, and it keeps the scan small.
    firsts = {word[0] for word in words}
    starts = Q()
    for first in firsts:
        starts |= Q(search_name__startswith=first) | Q(search_name__contains=f" {first}")
    scored = []
    for pk, search_name in queryset.filter(starts).values_list("pk", "search_name").iterator(chunk_size=2000):
        name_words = search_name.split()
        closeness = [_word_closeness(word, name_words) for word in words]
        if min(closeness) >= NEAR_ENOUGH:
            scored.append((sum(closeness), pk))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return _in_order(queryset, [pk for _, pk in scored[:MOST_NEAR_MATCHES]])


def _in_order(queryset, pks):
    """These children, closest first (a caller that sorts again may reorder them)."""
    if not pks:
        return queryset.none()
    rank = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(pks)], output_field=IntegerField())
    return queryset.filter(pk__in=pks).annotate(_closeness=rank).order_by("_closeness")


def search_by_name(queryset, terms: str):
    """Children whose names contain every word typed, or, when none do, those spelt nearly so."""
    words = words_of(terms)
    found = exact(queryset, words)
    if found.exists():
        return found
    return near(queryset, words)
