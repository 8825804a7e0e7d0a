"""The Markdown report: for READMEs, wikis and pull requests."""

from __future__ import annotations

import re

from timeline._timeline import Timeline
from timeline.report._common import actor_names, by_year, source_line

__all__ = ["render"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Escape Markdown syntax so titles and quotes read as written, never as markup."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render(timeline: Timeline) -> str:
    """A heading per year, a list item per event, its sources and quotes beneath it."""
    lines = [f"# {escape(timeline.settings.name)}", ""]
    if timeline.settings.description:
        lines += [escape(timeline.settings.description), ""]
    if not len(timeline):
        return "\n".join([*lines, "No events match."]) + "\n"
    for heading, events in by_year(timeline):
        lines += [f"## {heading}", ""]
        for event in events:
            lines.append(f"- **{escape(event.when.label)}** — {escape(event.title)}")
            names = actor_names(event, timeline)
            if names:
                lines.append(f"  - Who: {escape(', '.join(names))}")
            if event.said:
                lines.append(f"  - Said: “{escape(event.said)}”")
            for citation in event.cite:
                source = timeline.sources.get(citation.source)
                name = escape(source_line(source)) if source else escape(citation.source)
                link = f"[{name}](<{source.url}>)" if source and source.url else name
                lines.append(f"  - Source: {link}")
                if citation.quote:
                    lines.append(f"    > {escape(citation.quote)}")
                if citation.note:
                    lines.append(f"    - Note: {escape(citation.note)}")
        lines.append("")
    return "\n".join(lines)
