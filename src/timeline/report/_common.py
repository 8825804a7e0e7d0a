"""What the report formats share: grouping by year and naming who and what an event cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from timeline._model import Event, Source
from timeline._timeline import Timeline

__all__ = ["actor_names", "by_year", "source_line"]


def year_heading(event: Event, zone: dt.tzinfo | None = None) -> str:
    """The heading an event is listed under: the year it starts, or where an open span ends.

    Instants count in `zone` (the timeline's), so headings follow the order and never repeat.
    """
    when = event.when
    if when.start is not None:
        moment = when.start_instant
        return str(
            when.start.year if moment is None or zone is None else moment.astimezone(zone).year
        )
    assert when.end is not None
    moment = when.end_instant
    year = (
        when.end.last_day.year if moment is None or zone is None else moment.astimezone(zone).year
    )
    return f"Until {year}"


def by_year(timeline: Timeline) -> Iterator[tuple[str, list[Event]]]:
    """Consecutive groups of events under one heading, in chronological order."""
    heading: str | None = None
    group: list[Event] = []
    zone = timeline.settings.zone
    for event in timeline:
        current = year_heading(event, zone)
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


def source_line(source: Source) -> str:
    """'Title (Publisher, 19 December 2025)', leaving out what the record does not give."""
    details = [d for d in (source.publisher, source.published and source.published.label) if d]
    return f"{source.title} ({', '.join(details)})" if details else source.title
