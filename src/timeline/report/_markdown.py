"""The Markdown report: for READMEs, wikis and pull requests."""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline._labels import when_label
from timeline._locale import chosen, message
from timeline._timeline import Timeline
from timeline.report._common import actor_names, by_year, source_line

__all__ = ["escape", "pieces", "render"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Escape Markdown syntax so titles and quotes read as written, never as markup."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render(timeline: Timeline, *, locale: str | None = None) -> str:
    """A heading per year, a list item per event, its sources and quotes beneath it; in the
    language of `locale` (default: the timeline's `locale` setting, else English)."""
    return "".join(pieces(timeline, locale=locale))


def pieces(timeline: Timeline, *, locale: str | None = None) -> Iterator[str]:
    """`render`'s text a piece at a time: the heading, then one piece per event."""
    tag = chosen(locale, timeline.settings.locale)
    head = [f"# {escape(timeline.settings.name)}", ""]
    if timeline.settings.description:
        head += [escape(timeline.settings.description), ""]
    yield "\n".join(head) + "\n"
    if not len(timeline):
        yield message(tag, "no_events") + "\n"
        return
    who, said, source_word, note = (message(tag, k) for k in ("who", "said", "source", "note"))
    sources: dict[str, str] = {}  # source id → its escaped name or link, once per source
    between = ""  # a blank line between years, none after the last
    for heading, events in by_year(timeline, tag):
        yield f"{between}## {heading}\n\n"
        between = "\n"
        for event in events:
            label = when_label(event.when, tag)
            lines = [f"- **{escape(label)}** — {escape(event.title)}"]
            names = actor_names(event, timeline)
            if names:
                lines.append(f"  - {who}: {escape(', '.join(names))}")
            if event.said:
                lines.append(f"  - {said}: {message(tag, 'quote', escape(event.said))}")
            for citation in event.cite:
                link = sources.get(citation.source)
                if link is None:
                    link = sources[citation.source] = _link(citation.source, timeline, tag)
                lines.append(f"  - {source_word}: {link}")
                if citation.quote:
                    lines.append(f"    > {escape(citation.quote)}")
                if citation.note:
                    lines.append(f"    - {note}: {escape(citation.note)}")
            lines.append("")
            yield "\n".join(lines)


def _link(source_id: str, timeline: Timeline, locale: str | None = None) -> str:
    source = timeline.sources.get(source_id)
    name = escape(source_line(source, locale)) if source else escape(source_id)
    return f"[{name}](<{source.url}>)" if source and source.url else name
