"""The plain-text report: what `timeline report` prints in a terminal."""

from __future__ import annotations

from collections.abc import Iterator

from timeline._labels import when_label
from timeline._locale import chosen, message
from timeline._timeline import Timeline
from timeline.report._common import actor_names, by_year, source_line

__all__ = ["pieces", "render"]

_LABEL_WIDTH = 24


def _line(text: str) -> str:
    """One line of text: a multi-line title or name would break the columns."""
    return " ".join(text.split())


def render(timeline: Timeline, *, locale: str | None = None) -> str:
    """Events grouped by year, each with its date at its real precision, actors and sources;
    in the language of `locale` (default: the timeline's `locale` setting, else English)."""
    return "".join(pieces(timeline, locale=locale))


def pieces(timeline: Timeline, *, locale: str | None = None) -> Iterator[str]:
    """`render`'s text a piece at a time: the heading, then one piece per event."""
    tag = chosen(locale, timeline.settings.locale)
    name = _line(timeline.settings.name)
    yield f"{name}\n{'=' * len(name)}\n\n"
    if not len(timeline):
        yield message(tag, "no_events") + "\n"
        return
    who, said, source_word = (message(tag, k) for k in ("text_who", "text_said", "text_source"))
    indent = " " * (_LABEL_WIDTH + 4)
    sources: dict[str, str] = {}  # source id → its line, worked out once per source
    labels: dict[int, str] = {}  # id(When) → its label: parsed dates are shared objects
    between = ""  # a blank line between years, none after the last
    for heading, events in by_year(timeline, tag):
        yield f"{between}{heading}\n"
        between = "\n"
        for event in events:
            when = event.when
            label = labels.get(id(when))
            if label is None:
                label = labels[id(when)] = when_label(when, tag)
            title = _line(event.title)
            if len(label) > _LABEL_WIDTH:
                lines = [f"  {label}", f"{indent}{title}"]
            else:
                lines = [f"  {label:<{_LABEL_WIDTH}}  {title}"]
            if event.actors:
                lines.append(f"{indent}{who}: {_line(', '.join(actor_names(event, timeline)))}")
            if event.said:
                lines.append(f"{indent}{said}: {message(tag, 'quote', _line(event.said))}")
            for source_id in dict.fromkeys(c.source for c in event.cite):
                shown = sources.get(source_id)
                if shown is None:
                    source = timeline.sources.get(source_id)
                    shown = _line(source_line(source, tag) if source else source_id)
                    sources[source_id] = shown
                lines.append(f"{indent}{source_word}: {shown}")
            lines.append("")
            yield "\n".join(lines)
