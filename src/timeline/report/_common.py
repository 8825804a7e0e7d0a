"""What the report formats share: grouping by year, naming who and what an event cites, and
writing JSON a piece at a time.

Reports are written as a stream of pieces (`Iterator[str]`), so their memory is that of the
timeline whatever the size of the output; `render` joins the pieces.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, NamedTuple

from timeline._labels import when_label
from timeline._locale import message
from timeline._model import Event, Source
from timeline._timeline import Timeline
from timeline._when import When

__all__ = ["Encoded", "actor_names", "by_year", "indented", "json_pieces", "source_line"]


def year_heading(event: Event, zone: dt.tzinfo | None = None, locale: str | None = None) -> str:
    """The heading an event is listed under: the year it starts, or where an open span ends.

    Instants count in `zone` (the timeline's), so headings follow the order and never repeat.
    """
    when = event.when
    if when.start is not None:
        moment = when.start_instant
        year = when.start.year if moment is None or zone is None else moment.astimezone(zone).year
        return str(year) if locale is None else _year(year, locale)
    assert when.end is not None
    moment = when.end_instant
    year = (
        when.end.last_day.year if moment is None or zone is None else moment.astimezone(zone).year
    )
    if locale is None:
        return f"Until {year}"
    return message(locale, "until_year", year=year)


@functools.lru_cache(maxsize=4096)  # asked once per event: a few years, many times
def _year(year: int, locale: str) -> str:
    """A year heading in `locale`: CLDR's year pattern ('2025', '2025年')."""
    return when_label(When.parse(f"{year:04d}"), locale)


def by_year(timeline: Timeline, locale: str | None = None) -> Iterator[tuple[str, list[Event]]]:
    """Consecutive groups of events under one heading, in chronological order; `locale`
    (normalised, None for English) writes the headings."""
    heading: str | None = None
    group: list[Event] = []
    zone = timeline.settings.zone
    for event in timeline:
        current = year_heading(event, zone, locale)
        if current != heading and group:
            assert heading is not None
            yield heading, group
            group = []
        heading = current
        group.append(event)
    if group:
        assert heading is not None
        yield heading, group


def actor_names(event: Event, timeline: Timeline) -> list[str]:
    """The actors' names, falling back to ids for records the timeline does not hold."""
    return [timeline.actors[a].name if a in timeline.actors else a for a in event.actors]


def source_line(source: Source, locale: str | None = None) -> str:
    """'Title (Publisher, 19 December 2025)', leaving out what the record does not give."""
    published = source.published and when_label(source.published, locale)
    details = [d for d in (source.publisher, published) if d]
    return f"{source.title} ({', '.join(details)})" if details else source.title


# -- JSON, a piece at a time --------------------------------------------------------------------

#: The C function `json.dumps(..., ensure_ascii=False)` quotes strings with.
_STRING: Final = json.encoder.encode_basestring


def indented(value: Any, indent: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, as it reads nested at `indent`.

    The standard library's indenting encoder is written in Python and builds the whole
    document; this one is as exact for the plain data reports hold (dicts with string
    keys, lists, tuples, strings, numbers, booleans, None) and several times quicker.

    >>> indented({"a": [1, None], "b": {}, "c": "é"}) == json.dumps(
    ...     {"a": [1, None], "b": {}, "c": "é"}, ensure_ascii=False, indent=2)
    True
    """
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = indent + "  "
        items = [f"{_STRING(key)}: {indented(item, inner)}" for key, item in value.items()]
        return "{\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = indent + "  "
        items = [indented(item, inner) for item in value]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"
    return json.dumps(value)  # numbers and booleans, as json.dumps writes them


class Encoded(NamedTuple):
    """Items of a top-level array, each already written as `indented(item, "    ")` would."""

    items: Iterable[str]


def json_pieces(document: Mapping[str, Any]) -> Iterator[str]:
    """`json.dumps(document, ensure_ascii=False, indent=2) + "\\n"`, a piece at a time.

    A value that is an iterator (a generator, not a list) is written as an array, one item
    at a time, so a document of a million events never exists whole in memory; so is an
    `Encoded` value, whose items are JSON text already.

    >>> "".join(json_pieces({"a": iter([1, 2]), "b": iter(())}))
    '{\\n  "a": [\\n    1,\\n    2\\n  ],\\n  "b": []\\n}\\n'
    """
    if not document:
        yield "{}\n"
        return
    separator = "{\n  "
    for key, value in document.items():
        yield f"{separator}{_STRING(key)}: "
        separator = ",\n  "
        if isinstance(value, Encoded | Iterator):
            opening = "[\n    "
            texts = (
                value.items
                if isinstance(value, Encoded)
                else (indented(item, "    ") for item in value)
            )
            for text in texts:
                yield opening + text
                opening = ",\n    "
            yield "[]" if opening == "[\n    " else "\n  ]"
        else:
            yield indented(value, "  ")
    yield "\n}\n"
