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
import itertools
from collections.abc import Iterator, Sequence
from typing import Final

from timeline._model import Event
from timeline._timeline import Timeline
from timeline.report._json import EVENT_KEYS, bounds, qualifier

__all__ = ["COLUMNS", "neutralise", "pieces", "render", "row"]

#: The header, in order: the JSON export's keys (but the provision and the recorded day, not
#: columns yet), the citations as two columns.
COLUMNS: Final = (
    *(k for k in EVENT_KEYS[:-1] if k not in ("provision", "recorded")),
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


def row(event: Event, dates: dict[int, list[str]] | None = None) -> list[str]:
    """An event's cells in `COLUMNS` order, empty where a field is unset, neutralised.

    `dates` remembers the date cells of each `When` seen (by identity), for a caller that
    writes many rows of one timeline, whose dates are shared objects.
    """
    when = event.when
    cells = None if dates is None else dates.get(id(when))
    if cells is None:
        earliest, latest = bounds(when)
        written = (str(when), when.tz, earliest, latest, str(when.precision), qualifier(when))
        cells = [neutralise(value or "") for value in (*written, when.label)]
        if dates is not None:
            dates[id(when)] = cells
    values: Sequence[str | None] = (
        event.id,
        event.title,
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
    out = [neutralise(value) if value else "" for value in values]
    return [*out[:2], *cells, *out[2:]]


def render(timeline: Timeline) -> str:
    """The header and one row per event, in chronological order."""
    return "".join(pieces(timeline))


def pieces(timeline: Timeline, rows_per_piece: int = 200) -> Iterator[str]:
    """`render`'s text a piece at a time: the header, then so many rows at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    events = iter(timeline)
    dates: dict[int, list[str]] = {}  # id() is safe: the timeline keeps every When alive
    while True:
        writer.writerows(row(event, dates) for event in itertools.islice(events, rows_per_piece))
        piece = out.getvalue()
        if not piece:
            return
        yield piece
        out.seek(0)
        out.truncate()
