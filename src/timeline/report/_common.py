"""What the report formats share: grouping by year and naming who and what an event cites."""

from __future__ import annotations

from collections.abc import Iterator

from timeline.model import Event, Source, Timeline

__all__ = ["actor_names", "by_year", "source_line"]


def year_heading(event: Event) -> str:
    """The heading an event is listed under: the year it starts, or where an open span ends."""
    earliest = event.when.earliest
    if earliest is not None:
        return str(earliest.year)
    latest = event.when.latest
    return "Undated start" if latest is None else f"Until {latest.year}"


def by_year(timeline: Timeline) -> Iterator[tuple[str, list[Event]]]:
    """Consecutive groups of events under one heading, in chronological order."""
    heading: str | None = None
    group: list[Event] = []
    for event in timeline:
        current = year_heading(event)
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
