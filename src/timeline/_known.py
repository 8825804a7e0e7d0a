"""What was known when: the timeline as a reader could have written it on a given day.

An event is known from its `recorded` day, else from the earliest day one of its citations
is known. A citation is known from its own `recorded` day; else, on an event with a
`recorded` day, from that day (the record as written then cited it); else from the last day
its source's `published` date can mean ("2025-04" → 30 April 2025: surely published by
then). A citation of a source with no `published` date is known from the earliest day the
data allows: the event's own earliest day, since nothing reports an event before it
happens (a scheduled step needs its source's `published` date or a `recorded` day to be
known ahead); an event that starts at an open end ("../2025") is then known on every day.
See docs/changes.md.

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

from timeline._io import collector_paused
from timeline._lifecycle import fold
from timeline._model import Citation, Event, Source

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = ["check_day", "citation_day", "event_day", "known_from", "known_on"]


def check_day(day: object, name: str = "day") -> dt.date:
    """`day` when it is a date; a datetime or anything else is a `TypeError` saying so."""
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"{name} takes a datetime.date (a whole day), not {day!r}")
    return day


def citation_day(citation: Citation, sources: Mapping[str, Source], event: Event) -> dt.date | None:
    """The first day the citation of `event` can have been known; None when nothing dates
    it (on every day).

    A source published at an open end ("2025/..") was never surely published by a given
    day: the citation is known on no day (`datetime.date.max`). A source with no
    `published` date did not report the event before it began: the event's earliest day.
    """
    if citation.recorded is not None:
        return citation.recorded
    if event.recorded is not None:
        return event.recorded
    source = sources.get(citation.source)
    if source is None or source.published is None:
        return event.when.earliest
    return source.published.latest or dt.date.max


def event_day(event: Event, sources: Mapping[str, Source]) -> dt.date | None:
    """The first day the event can have been known; None: on every day."""
    if event.recorded is not None:
        return event.recorded
    days = [citation_day(c, sources, event) for c in event.cite]
    if None in days:
        return None
    return min((d for d in days if d is not None), default=None)


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
    removes an event, a citation or a source. A policy step that does not follow from the
    steps known by then keeps its event but not its effect (`_placed`).
    """
    check_day(day)
    with collector_paused():  # half a million kept copies: no collection walks them all
        return _known_on(timeline, day)


def _known_on(timeline: Timeline, day: dt.date) -> tuple[tuple[Event, ...], dict[str, Source]]:
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
    events = _placed(timeline, events)
    published = {
        sid: source
        for sid, source in sources.items()
        if sid in cited
        or source.published is None
        or (source.published.latest is not None and source.published.latest <= day)
    }
    return tuple(events), published


def _placed(timeline: Timeline, events: list[Event]) -> list[Event]:
    """The events, each policy step that does not fold among the steps known with it (a
    rescission of a policy not yet known to be in force, a second adoption whose step in
    between is not known yet) without its effect and provision: the event was known, but
    what it did to the policy cannot be told from what was known, so it moves nothing.

    Clearing a step can change how the next one folds (a conflict on the same day goes
    away), so the fold runs again until every remaining step folds.
    """
    policies, zone = timeline.policies, timeline.settings.zone
    while True:
        grouped: dict[str, list[Event]] = {}
        for event in events:
            pid = event.policy
            if event.effect is not None and pid is not None and pid in policies:
                grouped.setdefault(pid, []).append(event)
        refused: set[str] = set()
        for pid, steps in grouped.items():
            folded = fold(policies[pid], steps, zone)
            for event, result in zip(folded.events, folded.results, strict=True):
                if isinstance(result, str):
                    refused.add(event.id)
        if not refused:
            return events
        events = [
            attrs.evolve(e, effect=None, provision=None) if e.id in refused else e for e in events
        ]
