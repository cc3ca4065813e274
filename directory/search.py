"""Full-text search of services with the database's own engine, one interface for both databases.

PostgreSQL: a stemmed tsvector per service (name weighted above the rest) behind a GIN index,
matched with SearchQuery and ranked with SearchRank. SQLite: an FTS5 table with the porter
stemmer, kept by this module, ranked with bm25 (name weighted ten times the rest). Both stem, so
"wheelchairs" finds "wheelchair"; the last word also matches as a prefix ("physio").

What people type is never passed to either engine as query syntax: it is cut down to at most
MAX_WORDS plain words of letters and digits, each quoted, so quotes, AND/OR/NEAR, * and SQL are
only ever words. A search that finds nothing tries again with misspelt words corrected to the
nearest word services use (pg_trgm similarity on PostgreSQL when the extension is there,
difflib otherwise), then with any of the words rather than all of them.
"""

import difflib
import re
import uuid
from dataclasses import dataclass, field
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import BooleanField, F, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from directory import public_cache
from directory.models import SearchWord, Service

MAX_QUERY_CHARACTERS = 500
MAX_WORDS = 12
MAX_WORD_LENGTH = 40
WORD = re.compile(r"[^\W_]+")  # letters and digits in any script; everything else separates words
FTS_TABLE = "directory_service_fts"
CLOSE_ENOUGH = 0.75  # difflib ratio for a correction: "wheelchiar" -> "wheelchair" is 0.9
# Words too common to search for (a few of PostgreSQL's English stop words), dropped on both
# databases so they give the same results; "help for children and families" looks for three words.
STOP_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "do", "for", "from", "has", "have", "i", "in",
     "is", "it", "me", "my", "of", "on", "or", "our", "the", "to", "was", "we", "with", "you", "your"]
)  # fmt: skip


def words_of(text: str) -> list[str]:
    """The plain words of what someone typed, lower case, safe to quote into any query."""
    text = str(text or "")[:MAX_QUERY_CHARACTERS].lower()
    words = [word[:MAX_WORD_LENGTH] for word in WORD.findall(text) if word not in STOP_WORDS]
    return words[:MAX_WORDS]


@dataclass
class Outcome:
    services: QuerySet
    words: list[str] = field(default_factory=list)
    corrected: list[str] | None = None  # the words searched for instead, when spelling was fixed
    every_word: bool = True  # False when only some of the words could be found

    @property
    def ranked(self) -> bool:
        return bool(self.words)


def search(services: QuerySet, text: str) -> Outcome:
    """`services` (already filtered) that match `text`, best first, each with a `rank`."""
    words = words_of(text)
    if not words:
        return Outcome(services)
    engine = _engine()
    found = engine.match(services, words, every=True)
    if found.exists():
        return Outcome(found, words)
    corrected = correct(words)
    if corrected != words:
        found = engine.match(services, corrected, every=True)
        if found.exists():
            return Outcome(found, words, corrected=corrected)
    found = engine.match(services, corrected, every=False)
    return Outcome(found, words, corrected=corrected if corrected != words else None, every_word=False)


def _forms(word: str) -> set[str]:
    """The word and its singular, so a plural of a known word is not "corrected"."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


def correct(words: list[str]) -> list[str]:
    """Each word, or the word services use that it is most probably a misspelling of."""
    candidates = {form for word in words for form in _forms(word)}
    known = set(SearchWord.objects.filter(word__in=candidates).values_list("word", flat=True))
    return [
        word if known & _forms(word) or len(word) < 4 or word.isdigit() else _closest(word) for word in words
    ]


class TrigramMatch(Func):
    """pg_trgm's `word % 'text'` (similar enough), which the GIN trigram index on words serves."""

    arg_joiner = " %% "  # "%%" reaches the driver as a literal "%"
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _closest(word: str) -> str:
    if _has_trigrams():
        candidates = (
            SearchWord.objects.filter(TrigramMatch(F("word"), Value(word)))
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity")
            .values_list("word", flat=True)[:20]
        )
    else:
        candidates = (
            SearchWord.objects.annotate(length=Length("word"))
            .filter(initial=word[0], length__gte=len(word) - 2, length__lte=len(word) + 2)
            .values_list("word", flat=True)
        )
    best = difflib.get_close_matches(word, list(candidates), n=1, cutoff=CLOSE_ENOUGH)
    return best[0] if best else word


# --- Keeping the index -------------------------------------------------------------------------


def document(service: Service) -> str:
    """Everything about a service someone might search for, apart from its name."""
    terms = [term.name for term in service.taxonomy_terms.all()]
    places = [
        " ".join(filter(None, (link.location.name, link.location.city, link.location.postcode)))
        for link in service.service_at_locations.all()
    ]
    parts = [
        service.organization.name,
        service.description,
        service.eligibility,
        service.how_to_access,
        service.fees,
        service.languages,
        service.accessibility,
        *terms,
        *places,
    ]
    return "\n".join(part for part in parts if part)


def index_services(ids) -> None:
    """Bring the search index up to date for these services (after any change to them)."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        _index_batch(ids[start : start + 500])
    public_cache.changed()  # bulk loads index here, and send no save signals


def _index_batch(ids):
    services = list(
        Service.objects.filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related("taxonomy_terms", "service_at_locations__location")
    )
    for service in services:
        service.search_text = document(service)
    Service.objects.bulk_update(services, ["search_text"])
    _engine().store([(s.pk, s.name, s.search_text) for s in services], ids)
    words = {w for s in services for w in WORD.findall(f"{s.name} {s.search_text}".lower())}
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, initial=w[0]) for w in words if 3 <= len(w) <= MAX_WORD_LENGTH],
        ignore_conflicts=True,
        batch_size=1000,
    )


def remove_services(ids) -> None:
    _engine().remove(list(ids))
    public_cache.changed()


def rebuild() -> int:
    """Rebuild the whole index and word list (after bulk loads; `manage.py rebuild_search_index`)."""
    SearchWord.objects.all().delete()
    _engine().clear()
    ids = list(Service.objects.values_list("pk", flat=True))
    index_services(ids)
    return len(ids)


# --- The two engines ---------------------------------------------------------------------------


class PostgresEngine:
    vector = SearchVector("name", weight="A", config="english") + SearchVector(
        "search_text", weight="B", config="english"
    )

    def match(self, services, words, every):
        terms = [f"'{word}'" for word in words]
        if len(words[-1]) >= 3:
            terms[-1] += ":*"
        query = SearchQuery((" & " if every else " | ").join(terms), search_type="raw", config="english")
        return (
            services.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "name", "pk")
        )

    def store(self, rows, ids):
        Service.objects.filter(pk__in=ids).update(search_vector=self.vector)

    def remove(self, ids):
        """The vector lives on the service row, so it goes with it."""

    def clear(self):
        """Every vector is rewritten by the rebuild that follows."""


_FTS_MATCHING = f"SELECT service_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
_FTS_RANK = (
    f"SELECT -bm25({FTS_TABLE}, 0.0, 10.0, 1.0) FROM {FTS_TABLE}"  # noqa: S608
    f" WHERE {FTS_TABLE}.service_id = directory_service.id AND {FTS_TABLE} MATCH %s"
)


class SQLiteEngine:
    def match(self, services, words, every):
        terms = [f'"{word}"' for word in words]
        if len(words[-1]) >= 3:
            terms[-1] += "*"
        expression = (" AND " if every else " OR ").join(terms)
        # FTS5 rows can only be reached by MATCH on the virtual table itself. The match is a
        # subquery on the service's id (not an extra joined table), so the result can itself be
        # used as a subquery (the ORUK services-at-locations list does) where Django renames the
        # services table; bm25 is negative (more negative is better), so rank is its opposite. The
        # search words only ever travel as bound parameters, never in the SQL text.
        return (
            services.filter(pk__in=RawSQL(_FTS_MATCHING, [expression]))  # noqa: S611
            .extra(select={"rank": _FTS_RANK}, select_params=[expression])  # noqa: S610
            .order_by("-rank", "name", "pk")
        )

    def store(self, rows, ids):
        with connection.cursor() as cursor:
            self._delete(cursor, ids)
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (service_id, name, body) VALUES (%s, %s, %s)",  # noqa: S608
                [(_hex(pk), name, body) for pk, name, body in rows],
            )

    def remove(self, ids):
        with connection.cursor() as cursor:
            self._delete(cursor, ids)

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608

    def _delete(self, cursor, ids):
        for start in range(0, len(ids), 500):
            batch = [_hex(pk) for pk in ids[start : start + 500]]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE service_id IN ({marks})", batch)  # noqa: S608


def _hex(pk) -> str:
    """Django keeps UUIDs on SQLite as 32 hex digits, so the index must too."""
    return uuid.UUID(str(pk)).hex


def _engine():
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()


@cache
def _trigram_extension(alias_settings: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _has_trigrams() -> bool:
    if connection.vendor != "postgresql":
        return False
    return _trigram_extension(str(connection.settings_dict.get("NAME")))
