"""The plain-text report: what `timeline report` prints in a terminal."""

from __future__ import annotations

from timeline.model import Timeline
from timeline.report._common import actor_names, by_year, source_line

__all__ = ["render"]

_LABEL_WIDTH = 24


def render(timeline: Timeline) -> str:
    """Events grouped by year, each with its date at its real precision, actors and sources."""
    lines = [timeline.settings.name, "=" * len(timeline.settings.name), ""]
    if not len(timeline):
        return "\n".join([*lines, "No events match."]) + "\n"
    indent = " " * (_LABEL_WIDTH + 4)
    for heading, events in by_year(timeline):
        lines.append(heading)
        for event in events:
            label = event.when.label
            if len(label) > _LABEL_WIDTH:
                lines += [f"  {label}", f"{indent}{event.title}"]
            else:
                lines.append(f"  {label:<{_LABEL_WIDTH}}  {event.title}")
            names = actor_names(event, timeline)
            if names:
                lines.append(f"{indent}who: {', '.join(names)}")
            if event.said:
                lines.append(f"{indent}said: “{event.said}”")
            for source_id in dict.fromkeys(c.source for c in event.cite):
                source = timeline.sources.get(source_id)
                lines.append(f"{indent}source: {source_line(source) if source else source_id}")
        lines.append("")
    return "\n".join(lines)
