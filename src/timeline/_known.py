"""What was known when: the timeline as a reader could have written it on a given day.

An event is known from its `recorded` day, else from the earliest day one of its citations
is known. A citation is known from its own `recorded` day; else, on an event with a
`recorded` day, from that day (the record as written then cited it); else from the last day
its source's `published` date can mean ("2025-04" → 30 April 2025: surely published by
then). An event none of whose citations has a date is known from the earliest day the data
allows, which is none at all: nothing says when it became known, so it is known on every
day. See docs/changes.md.

>>> import datetime as dt
>>> from timeline._model import Citation, Event, Source
>>> from timeline._timeline import Timeline
>>> tl = Timeline(
...     events=[Event(id="rollback", title="H200 rollback", when="2025-12-08",
...                   cite=[Citation(source="post"), Citation(source="article")])],
...     sources=[Source(id="post", title="Post", published="2025-12-08"),
...              Source(id="article", title="Article", published="2025-12-19")],
... )
>>> known_from(tl, tl["rollback"])
datetime.date(2025, 12, 8)
>>> [len(known_on(tl, day)[0]) for day in (dt.date(2025, 12, 1), dt.date(2025, 12, 10))]
[0, 1]
>>> [c.source for c in known_on(tl, dt.date(2025, 12, 10))[0][0].cite]
['post']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from timeline._model import Citation, Event, Source

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = ["check_day", "citation_day", "event_day", "known_from", "known_on"]


def check_day(day: object, name: str = "day") -> dt.date:
    """`day` when it is a date; a datetime or anything else is a `TypeError` saying so."""
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"{name} takes a datetime.date (a whole day), not {day!r}")
    return day


def citation_day(
    citation: Citation, sources: Mapping[str, Source], event: Event | None = None
) -> dt.date | None:
    """The first day the citation (of `event`) can have been known; None when nothing
    dates it.

    A source published at an open end ("2025/..") was never surely published by a given
    day: the citation is known on no day (`datetime.date.max`).
    """
    if citation.recorded is not None:
        return citation.recorded
    if event is not None and event.recorded is not None:
        return event.recorded
    source = sources.get(citation.source)
    if source is None or source.published is None:
        return None
    return source.published.latest or dt.date.max


def event_day(event: Event, sources: Mapping[str, Source]) -> dt.date | None:
    """The first day the event can have been known; None: on every day."""
    if event.recorded is not None:
        return event.recorded
    days = [d for d in (citation_day(c, sources) for c in event.cite) if d is not None]
    return min(days, default=None)


def _cited(event: Event, sources: Mapping[str, Source], day: dt.date) -> tuple[Citation, ...]:
    """The citations of a known event that were known by `day`, and those nothing dates.

    When none was (the event's `recorded` day is earlier than each citation's own), the
    earliest-dated ones: an event cites at least one source, and a later day then keeps
    at least those.
    """
    days = [citation_day(c, sources, event) for c in event.cite]
    kept = tuple(c for c, d in zip(event.cite, days, strict=True) if d is None or d <= day)
    if kept:
        return kept
    first = min(d for d in days if d is not None)
    return tuple(c for c, d in zip(event.cite, days, strict=True) if d == first)


def known_from(timeline: Timeline, event: Event) -> dt.date | None:
    """The first day a reader could have known of `event` from `timeline`'s sources."""
    return event_day(event, timeline.sources)


def known_on(timeline: Timeline, day: dt.date) -> tuple[tuple[Event, ...], dict[str, Source]]:
    """The events known on `day` (in the timeline's order), each citing only what was known
    by then, and the sources a reader could have cited.

    A kept event keeps the citations known by `day` and those nothing dates. Sources
    published after `day` that no kept citation names are left out. A later `day` never
    removes an event, a citation or a source.
    """
    check_day(day)
    sources = timeline.sources
    events: list[Event] = []
    cited: set[str] = set()
    for event in timeline:
        known = event_day(event, sources)
        if known is not None and known > day:
            continue
        kept = _cited(event, sources, day)
        if len(kept) != len(event.cite):
            event = attrs.evolve(event, cite=kept)
        events.append(event)
        cited.update(c.source for c in event.cite)
    published = {
        sid: source
        for sid, source in sources.items()
        if sid in cited
        or source.published is None
        or (source.published.latest is not None and source.published.latest <= day)
    }
    return tuple(events), published
