"""Which column is which: spreadsheet headers mapped to what an event is made of.

A header names a field when, folded (case, accents, punctuation and `_` do not count:
"Start_Date" is "start date"), it is one of the names in `ALIASES`: the field's own name,
the usual English words, TimelineJS's template columns, and the obvious words in French,
German and Spanish. `--map COLUMN=FIELD` says it for a header the table does not know (or
corrects one it gets wrong); `--map COLUMN=ignore` leaves a column out. The measures table
(`timeline._import._measures`) has columns of its own in `MEASURE_ALIASES`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs

from timeline._text import did_you_mean
from timeline.errors import UsageError

__all__ = [
    "ALIASES",
    "FIELDS",
    "MEASURE_ALIASES",
    "TIMELINEJS",
    "Columns",
    "all_columns",
    "fold",
    "known_columns",
    "map_columns",
    "parse_map",
]

#: Field → the header names it goes by (folded). The first is the field's own name.
ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "id": ("id", "identifier", "slug", "key", "unique id", "event id"),
    "title": ("title", "headline", "event", "name", "subject", "titre", "titel", "titulo",
              "evenement", "ereignis", "evento"),
    "date": ("date", "when", "dates", "event date", "datum", "fecha", "data"),
    "start": ("start", "start date", "begin", "begins", "from", "date from", "start time date",
              "beginn", "debut", "date debut", "inicio", "fecha inicio", "startdatum"),
    "end": ("end", "end date", "ends", "to", "until", "date to", "ende", "fin", "date fin",
            "fecha fin", "enddatum"),
    "year": ("year", "annee", "jahr", "ano"),
    "month": ("month", "mois", "monat", "mes"),
    "day": ("day", "jour", "dia"),
    "time": ("time", "start time", "heure", "uhrzeit", "hora"),
    "end year": ("end year",),
    "end month": ("end month",),
    "end day": ("end day",),
    "end time": ("end time",),
    "tz": ("tz", "timezone", "time zone", "zone"),
    "said": ("said", "display date", "date as written", "date text", "written date"),
    "summary": ("summary", "description", "text", "details", "notes", "note", "body",
                "content", "beschreibung", "descripcion", "resume"),
    "tags": ("tags", "tag", "categories", "category", "keywords", "labels", "topics",
             "group"),
    "actors": ("actors", "actor", "who", "people", "persons", "organizations", "organisations",
               "parties", "participants"),
    "place": ("place", "location", "where", "venue", "city", "lieu", "ort", "lugar"),
    "policy": ("policy", "measure", "regulation"),
    "effect": ("effect", "policy effect"),
    "url": ("url", "link", "website", "web", "href", "media"),
    "source": ("source", "sources", "source url", "citation", "reference", "references",
               "quelle", "fuente", "source link"),
    "quotes": ("quotes", "quote"),
    "media credit": ("media credit",),
    "media caption": ("media caption",),
    "media thumbnail": ("media thumbnail",),
    "type": ("type",),
    "background": ("background",),
    # timeline's own CSV export: what its other columns already say
    "derived": ("earliest", "latest", "precision", "qualifier", "label"),
}  # fmt: skip
#: What --map can name: the fields, and "ignore" (the derived columns are our CSV's own).
FIELDS: Final = (*(field for field in ALIASES if field != "derived"), "ignore")

#: The TimelineJS Google Sheets template's columns, in its order (folded).
TIMELINEJS: Final = (
    "year", "month", "day", "time", "end year", "end month", "end day", "end time",
    "display date", "headline", "text", "media", "media credit", "media caption",
    "media thumbnail", "type", "group", "background",
)  # fmt: skip

#: A measures table's fields (Global Trade Alert's exports and the like) → header names.
MEASURE_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "id": ("intervention id", "measure id", "id", "intervention"),
    "act": ("state act id", "act id"),
    "title": ("title", "state act title", "intervention title", "measure", "measure title",
              "name"),
    "summary": ("description", "summary", "intervention description"),
    "announced": ("announced", "announcement date", "date announced", "announced on",
                  "date of announcement", "announcement"),
    "implemented": ("implemented", "implementation date", "date implemented", "inception date",
                    "date of implementation", "in force", "in force from", "date in force",
                    "effective date", "implemented on"),
    "removed": ("removed", "removal date", "date removed", "date of removal", "removed on",
                "end date", "expiry date"),
    "jurisdiction": ("implementing jurisdiction", "implementing jurisdictions", "implementer",
                     "jurisdiction", "implementing country", "country"),
    "targets": ("affected jurisdiction", "affected jurisdictions", "affected countries",
                "targets", "target"),
    "tags": ("intervention type", "measure type", "gta evaluation", "evaluation",
             "type", "tags"),
    "url": ("state act url", "intervention url", "url", "link", "source url", "source"),
}  # fmt: skip


def fold(header: str) -> str:
    """A header folded for matching: "Start_Date" → "start date", "Année" → "annee"."""
    text = unicodedata.normalize("NFKD", header.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@attrs.frozen
class Columns:
    """Field → the index of its column; the columns used for nothing, by header."""

    index: Mapping[str, int]
    unused: tuple[str, ...] = ()

    def __contains__(self, field: object) -> bool:
        return field in self.index


def parse_map(pairs: Iterable[str], fields: Sequence[str] = FIELDS) -> dict[str, str]:
    """`--map COLUMN=FIELD` options as {folded column: field}.

    Raises:
        UsageError: a pair without "=", or a field that is not one of `fields`.
    """
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, equals, field = pair.rpartition("=")
        field = fold(field)
        if not equals or not column.strip():
            raise UsageError(f"--map {pair!r}: write COLUMN=FIELD, e.g. --map 'Fecha=date'")
        if field not in fields:
            raise UsageError(
                f"--map {pair!r}: {field!r} is not a field{did_you_mean(field, fields)}; use one "
                f"of {', '.join(fields)}"
            )
        mapping[fold(column)] = field
    return mapping


def map_columns(
    header: Sequence[str],
    mapping: Mapping[str, str] = {},
    aliases: Mapping[str, tuple[str, ...]] = ALIASES,
) -> Columns:
    """Which column holds which field: `--map` first, then the aliases; the first column
    naming a field wins, and a later one naming it too is left unused."""
    names = {alias: field for field, words in aliases.items() for alias in words}
    index: dict[str, int] = {}
    unused = []
    for position, name in enumerate(header):
        folded = fold(name)
        field = mapping.get(folded) or names.get(folded)
        if not folded or field == "ignore":
            continue
        if field == "derived" and field in index:
            continue  # timeline's own CSV repeats what `when` says in five columns
        if field is None or field in index:
            unused.append(name)
            continue
        index[field] = position
    return Columns(index=index, unused=tuple(unused))


def all_columns(
    header: Sequence[str], field: str, aliases: Mapping[str, tuple[str, ...]] = ALIASES
) -> list[int]:
    """Every column that names `field`, for a field that several columns feed (tags)."""
    words = set(aliases[field])
    return [position for position, name in enumerate(header) if fold(name) in words]


def known_columns(header: Sequence[str], mapping: Mapping[str, str]) -> None:
    """Refuse `--map` naming a column the header does not have.

    Raises:
        UsageError: naming the columns the header does have.
    """
    folded = {fold(name) for name in header}
    missing = [column for column in mapping if column not in folded]
    if missing:
        raise UsageError(
            f"--map names column(s) {', '.join(map(repr, missing))}, which the header does not "
            f"have; its columns are {', '.join(map(repr, header))}"
        )
