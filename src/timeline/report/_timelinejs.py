"""TimelineJS 3 JSON, for people who already publish with Knight Lab's viewer.

TimelineJS dates are year/month/day/hour/minute parts and the viewer places an event at its
start date, so a date is given only down to what is known, and our label goes in
`display_date` so the reader sees the real precision:

- day → year, month, day; month → year, month; year → year;
- a season → its year (TimelineJS has no seasons), shown as "autumn 2025";
- a decade or century → a span from its first year to its last ("the 2010s");
- an approximate or uncertain date loses its finest part (2025-04~ → year 2025, "~April 2025");
- an instant → its wall time where it was written (offset or zone), down to the minute;
- a span → start_date and end_date; an open end has no end_date ("since 2015"), an open
  start is placed at its known end ("until 7 October 2022"); an end that TimelineJS would
  place at or before the start (a coarser end, say) is left out.

`group` is the event's lane: its policy's title by default (`lanes="actor"`: its first
actor; `lanes="jurisdiction"`: its policy's jurisdiction); an event with no lane has none.
TimelineJS renders `text` as HTML, so every value is escaped here; `display_date` and `group`
are escaped twice, because the viewer strips them to text (decoding entities) and then sets
that text as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any, Final, Literal

from timeline._model import Event
from timeline._timeline import Timeline
from timeline._when import Endpoint, Precision, Qualifier, When
from timeline.report._common import json_pieces

__all__ = ["LANES", "Lane", "date_parts", "dump", "lane", "pieces", "render", "slide_dates"]

Lane = Literal["policy", "actor", "jurisdiction", "tag"]
LANES: Final[tuple[Lane, ...]] = ("policy", "actor", "jurisdiction", "tag")
_PARTS: Final = ("year", "month", "day", "hour", "minute", "second")


def render(timeline: Timeline, *, lanes: Lane = "policy") -> str:
    """The TimelineJS 3 document as indented JSON, ending in a newline."""
    return "".join(pieces(timeline, lanes=lanes))


def pieces(timeline: Timeline, *, lanes: Lane = "policy") -> Iterator[str]:
    """`render`'s text a piece at a time: one slide after another."""
    return json_pieces(_document(timeline, lanes, _slides(timeline, lanes)))


def dump(timeline: Timeline, *, lanes: Lane = "policy") -> dict[str, Any]:
    """The TimelineJS 3 document as plain data: a title slide and one slide per event."""
    return _document(timeline, lanes, list(_slides(timeline, lanes)))


def _document(timeline: Timeline, lanes: Lane, slides: object) -> dict[str, Any]:
    if lanes not in LANES:
        raise ValueError(f"unknown lanes {lanes!r}; use one of {', '.join(LANES)}")
    settings = timeline.settings
    title: dict[str, Any] = {"text": {"headline": _escape(settings.name)}}
    if settings.description:
        title["text"]["text"] = f"<p>{_escape(settings.description)}</p>"
    return {"title": title, "events": slides}


def _slides(timeline: Timeline, lanes: Lane) -> Iterator[dict[str, Any]]:
    dates: dict[int, _Dated] = {}  # id() is safe: the timeline keeps every When alive
    for event in timeline:
        dated = dates.get(id(event.when))
        if dated is None:
            dated = dates[id(event.when)] = (
                *slide_dates(event.when),
                _escape_plain(event.when.label),
            )
        yield _slide(event, timeline, lanes, dated)


def date_parts(part: Endpoint, *, end: bool = False) -> dict[str, int]:
    """A TimelineJS date object holding only the known parts of one end of a `When`.

    `end` picks the last year of a decade or century rather than the first.
    """
    p = part.precision
    if p >= Precision.DECADE:
        return {"year": part.last_day.year if end else part.first_day.year}
    if p is Precision.YEAR or p is Precision.SEASON:
        return {"year": part.year}
    qualified = part.qualifier is not Qualifier.NONE
    if p is Precision.MONTH:
        assert part.month is not None
        return {"year": part.year} if qualified else {"year": part.year, "month": part.month}
    assert part.month is not None
    assert part.day is not None
    parts = {"year": part.year, "month": part.month}
    if p is Precision.DAY:
        return parts if qualified else {**parts, "day": part.day}
    assert part.time is not None
    parts.update(day=part.day, hour=part.time.hour, minute=part.time.minute)
    if p is Precision.SECOND:
        parts["second"] = part.time.second
    return parts


def slide_dates(when: When) -> tuple[dict[str, int], dict[str, int] | None]:
    """A slide's `start_date` and `end_date` (None when the slide has no end) for `when`."""
    if when.start is None:
        assert when.end is not None
        return date_parts(when.end, end=True), None
    start = date_parts(when.start)
    if when.end is None:
        return start, None
    finish = date_parts(when.end, end=True)
    # A coarser end ("2025-04-25/2025-04~" → year 2025) would read as 1 January, before the
    # start: TimelineJS would draw a backwards span, so the slide keeps the start alone.
    return start, (None if _moment(finish) <= _moment(start) else finish)


def _moment(parts: dict[str, int]) -> tuple[int, ...]:
    """Where TimelineJS puts a date: missing parts as January, the 1st, midnight."""
    defaults = {"month": 1, "day": 1}
    return tuple(parts.get(name, defaults.get(name, 0)) for name in _PARTS)


def lane(event: Event, timeline: Timeline, lanes: Lane = "policy") -> str | None:
    """The name of the lane (TimelineJS `group`) an event is drawn in, if it has one."""
    policy = timeline.policies.get(event.policy) if event.policy else None
    if lanes == "policy":
        return None if event.policy is None else (policy.title if policy else event.policy)
    if lanes == "tag":  # an imported TimelineJS group is a tag: this gives it back
        return event.tags[0] if event.tags else None
    if lanes == "actor":
        if not event.actors:
            return None
        first = event.actors[0]
        return timeline.actors[first].name if first in timeline.actors else first
    if policy is None or policy.jurisdiction is None:
        return None
    code = policy.jurisdiction
    return timeline.actors[code].name if code in timeline.actors else code


#: What a date gives a slide: start_date, end_date (or None) and display_date.
_Dated = tuple[dict[str, int], dict[str, int] | None, str]


def _slide(event: Event, timeline: Timeline, lanes: Lane, dated: _Dated) -> dict[str, Any]:
    start, end, display = dated
    slide: dict[str, Any] = {"start_date": start}
    if end is not None:
        slide["end_date"] = end
    slide["display_date"] = display
    slide["text"] = {"headline": _escape(event.title), "text": _body(event, timeline)}
    group = lane(event, timeline, lanes)
    if group is not None:
        slide["group"] = _escape_plain(group)
    slide["unique_id"] = event.id
    return slide


def _body(event: Event, timeline: Timeline) -> str:
    """The slide's HTML: summary, the source's phrase, who, the policy, sources and quotes."""
    out: list[str] = []
    if event.summary:
        out.append(f"<p>{_escape(event.summary)}</p>")
    if event.said:
        out.append(f"<p>Said: “{_escape(event.said)}”</p>")
    if event.actors:
        names = [timeline.actors[a].name if a in timeline.actors else a for a in event.actors]
        out.append(f"<p>Who: {_escape(', '.join(names))}</p>")
    if event.policy:
        policy = timeline.policies.get(event.policy)
        name = policy.title if policy else event.policy
        effect = f" ({event.effect.value})" if event.effect else ""
        out.append(f"<p>Policy: {_escape(name)}{_escape(effect)}</p>")
    if event.place:
        place = timeline.places.get(event.place)
        out.append(f"<p>Where: {_escape(place.name if place else event.place)}</p>")
    cited: dict[str, list[str]] = {}
    for citation in event.cite:
        said = cited.setdefault(citation.source, [])
        if citation.quote:
            said.append(f"<blockquote>{_escape(citation.quote)}</blockquote>")
        if citation.note:
            said.append(f"<p>{_escape(citation.note)}</p>")
    items = []
    for source_id, said in cited.items():
        source = timeline.sources.get(source_id)
        name = _escape(source.title if source else source_id)
        if source and source.url:
            name = f'<a href="{_escape(source.url)}">{name}</a>'
        items.append(f"<li>{name}{''.join(said)}</li>")
    out.append(f"<p>Sources:</p><ul>{''.join(items)}</ul>")
    if event.url:
        out.append(f'<p><a href="{_escape(event.url)}">More</a></p>')
    return "".join(out)


def _escape(text: str) -> str:
    """For `headline` and `text`, which TimelineJS sanitises and then sets as HTML."""
    return html.escape(text, quote=True)


def _escape_plain(text: str) -> str:
    """For `display_date` and `group`: escaped twice, because TimelineJS first reduces them
    to their text (decoding one level of entities) and then sets that text as HTML."""
    return _escape(_escape(text))
