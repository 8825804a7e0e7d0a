"""The CSV export: one row per event, chronological, for spreadsheets.

RFC 4180 CSV in UTF-8 (no byte order mark) with a header row and CRLF line ends. Lists
(actors, tags, the distinct sources cited) are joined with "; " (ids never contain ";");
quotes, which may contain anything, go one per line in a single cell. The date columns
match the JSON export.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
formula, so such a cell gets a leading apostrophe ("'=1+1"), which spreadsheets show as text
and hide. A cell that already starts with an apostrophe gets one more, so that the rule is
reversible: a program reading the file back strips one leading apostrophe, if there is one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Final

from timeline._model import Event
from timeline._timeline import Timeline
from timeline.report._json import bounds, qualifier

__all__ = ["COLUMNS", "neutralise", "render", "row"]

#: The header, in order.
COLUMNS: Final = (
    "id",
    "title",
    "when",
    "tz",
    "earliest",
    "latest",
    "precision",
    "qualifier",
    "label",
    "said",
    "summary",
    "actors",
    "tags",
    "policy",
    "effect",
    "place",
    "url",
    "sources",
    "quotes",
)

#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
#: Cells starting with these get an apostrophe: formula starts, and the apostrophe itself.
_GUARDED: Final = (*FORMULA_START, "'")
_LIST: Final = "; "


def neutralise(cell: str) -> str:
    """Make a cell that a spreadsheet would run as a formula read as text instead.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5"), neutralise("plain")
    ('\\'=HYPERLINK("http://x")', "'-5", 'plain')
    >>> neutralise("'90s")
    "''90s"
    """
    return "'" + cell if cell.startswith(_GUARDED) else cell


def row(event: Event) -> list[str]:
    """An event's cells in `COLUMNS` order, empty where a field is unset, neutralised."""
    when = event.when
    earliest, latest = bounds(when)
    values: Sequence[str | None] = (
        event.id,
        event.title,
        str(when),
        when.tz,
        earliest,
        latest,
        str(when.precision),
        qualifier(when),
        when.label,
        event.said,
        event.summary,
        _LIST.join(event.actors),
        _LIST.join(event.tags),
        event.policy,
        None if event.effect is None else event.effect.value,
        event.place,
        event.url,
        _LIST.join(dict.fromkeys(c.source for c in event.cite)),
        "\n".join(c.quote for c in event.cite if c.quote),
    )
    return [neutralise(value or "") for value in values]


def render(timeline: Timeline) -> str:
    """The header and one row per event, in chronological order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(event) for event in timeline)
    return out.getvalue()
