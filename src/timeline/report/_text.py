"""The plain-text report: what `timeline report` prints in a terminal."""

from __future__ import annotations

from timeline._timeline import Timeline
from timeline.report._common import actor_names, by_year, source_line

__all__ = ["render"]

_LABEL_WIDTH = 24


def _line(text: str) -> str:
    """One line of text: a multi-line title or name would break the columns."""
    return " ".join(text.split())


def render(timeline: Timeline) -> str:
    """Events grouped by year, each with its date at its real precision, actors and sources."""
    name = _line(timeline.settings.name)
    lines = [name, "=" * len(name), ""]
    if not len(timeline):
        return "\n".join([*lines, "No events match."]) + "\n"
    indent = " " * (_LABEL_WIDTH + 4)
    for heading, events in by_year(timeline):
        lines.append(heading)
        for event in events:
            label, title = event.when.label, _line(event.title)
            if len(label) > _LABEL_WIDTH:
                lines += [f"  {label}", f"{indent}{title}"]
            else:
                lines.append(f"  {label:<{_LABEL_WIDTH}}  {title}")
            names = actor_names(event, timeline)
            if names:
                lines.append(f"{indent}who: {_line(', '.join(names))}")
            if event.said:
                lines.append(f"{indent}said: “{_line(event.said)}”")
            for source_id in dict.fromkeys(c.source for c in event.cite):
                source = timeline.sources.get(source_id)
                shown = source_line(source) if source else source_id
                lines.append(f"{indent}source: {_line(shown)}")
        lines.append("")
    return "\n".join(lines)
