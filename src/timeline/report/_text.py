"""The plain-text report: what `timeline report` prints in a terminal."""

from __future__ import annotations

from collections.abc import Iterator

from timeline._timeline import Timeline
from timeline.report._common import actor_names, by_year, source_line

__all__ = ["pieces", "render"]

_LABEL_WIDTH = 24


def _line(text: str) -> str:
    """One line of text: a multi-line title or name would break the columns."""
    return " ".join(text.split())


def render(timeline: Timeline) -> str:
    """Events grouped by year, each with its date at its real precision, actors and sources."""
    return "".join(pieces(timeline))


def pieces(timeline: Timeline) -> Iterator[str]:
    """`render`'s text a piece at a time: the heading, then one piece per event."""
    name = _line(timeline.settings.name)
    yield f"{name}\n{'=' * len(name)}\n\n"
    if not len(timeline):
        yield "No events match.\n"
        return
    indent = " " * (_LABEL_WIDTH + 4)
    sources: dict[str, str] = {}  # source id → its line, worked out once per source
    labels: dict[int, str] = {}  # id(When) → its label: parsed dates are shared objects
    between = ""  # a blank line between years, none after the last
    for heading, events in by_year(timeline):
        yield f"{between}{heading}\n"
        between = "\n"
        for event in events:
            when = event.when
            label = labels.get(id(when))
            if label is None:
                label = labels[id(when)] = when.label
            title = _line(event.title)
            if len(label) > _LABEL_WIDTH:
                lines = [f"  {label}", f"{indent}{title}"]
            else:
                lines = [f"  {label:<{_LABEL_WIDTH}}  {title}"]
            if event.actors:
                lines.append(f"{indent}who: {_line(', '.join(actor_names(event, timeline)))}")
            if event.said:
                lines.append(f"{indent}said: “{_line(event.said)}”")
            for source_id in dict.fromkeys(c.source for c in event.cite):
                shown = sources.get(source_id)
                if shown is None:
                    source = timeline.sources.get(source_id)
                    shown = sources[source_id] = _line(source_line(source) if source else source_id)
                lines.append(f"{indent}source: {shown}")
            lines.append("")
            yield "\n".join(lines)
