"""The plain-text report: what `timeline report` prints in a terminal.

Laid out in columns for a terminal `width` columns wide (display width: a Chinese character
takes two): the date label, then the title wrapped under its column, then who, what was
said and the sources. A label too wide for its column has a line of its own and the rest
of the row follows on the next, so no column is ever dropped. `width=None` writes each
item on one line, for tools that read lines. Labels and words are in the report's
language (`timeline._labels`, `timeline._locale.message`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from timeline._labels import effect_label, when_label
from timeline._locale import chosen, message
from timeline._model import Event
from timeline._text import display_width, wrap
from timeline._timeline import Timeline
from timeline.report._common import actor_names, by_year, source_line

__all__ = ["NARROWEST", "WIDTH", "Layout", "check_width", "pieces", "render", "title"]

#: The width a report is laid out for when nothing says otherwise: a terminal's default.
WIDTH: Final = 80
#: The narrowest width that still has room for a date and some words beside it.
NARROWEST: Final = 40

_LABEL_WIDTH: Final = 24
_ROOM: Final = 24  # the fewest columns a title gets beside the label before rows stack


def check_width(width: int | None) -> None:
    """Refuse a width too narrow to lay anything out in.

    Raises:
        ValueError: `width` is below `NARROWEST`.
    """
    if width is not None and width < NARROWEST:
        raise ValueError(f"width {width} is too narrow; give {NARROWEST} or more")


class Layout:
    """Where a row's columns go in `width` columns: the label's, then a head (an effect,
    `head_width` wide) and the title; when the terminal is too narrow for columns, each
    row stacks instead. Worked out once per report."""

    __slots__ = ("_details", "head_width", "indent", "stacked", "width")

    def __init__(self, width: int | None, head_width: int = 0) -> None:
        self.width = width
        self.head_width = head_width
        columns = 2 + _LABEL_WIDTH + 2 + (head_width + 2 if head_width else 0)
        self.stacked = width is not None and width - columns < _ROOM
        #: Where the title and the lines under it start.
        self.indent = "    " if self.stacked else " " * columns
        self._details = "    " if self.stacked else " " * (2 + _LABEL_WIDTH + 2)

    def row(self, label: str, title: str, head: str = "") -> list[str]:
        """The label, the head (padded to its width) and the title wrapped under its column."""
        width = self.width
        if self.head_width:
            head = _pad(head, self.head_width) + "  "
        if self.stacked:  # the label and head on a line, the title under them
            first = f"{label}: {head.strip()}" if head.strip() else label
            return [*wrap(first, width, indent="  ", hang="    "), *self._title(title, "")]
        used = display_width(label)
        if used > _LABEL_WIDTH:  # the label has its line, the rest of the row the next
            lines = wrap(label, width, indent="  ", hang="    ")
            return [*lines, *self._title(title, " " * (2 + _LABEL_WIDTH + 2) + head)]
        first = f"  {label}{' ' * (_LABEL_WIDTH - used)}  {head}"
        return wrap(title, width, indent=first, hang=self.indent)

    def _title(self, title: str, indent: str) -> list[str]:
        return wrap(title, self.width, indent=indent or self.indent, hang=self.indent)

    def detail(self, prefix: str, text: str, *, deeper: int = 0) -> list[str]:
        """`prefix` and `text` under the row ('source: …'), wrapped under the text;
        `deeper` indents it more. Under the label's column, so a head (the effect) gives
        the title room without narrowing the details."""
        indent = self._details + " " * deeper
        hang = indent + " " * display_width(prefix)
        return wrap(text, self.width, indent=indent + prefix, hang=hang)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def title(text: str, width: int | None) -> list[str]:
    """A title wrapped and underlined, then a blank line."""
    lines = wrap(text, width)
    return [*lines, "=" * max(display_width(line) for line in lines), ""]


def render(
    timeline: Timeline,
    *,
    width: int | None = WIDTH,
    verbose: bool = False,
    locale: str | None = None,
) -> str:
    """Events grouped by year, each with its date at its real precision, actors and sources;
    `verbose` adds each event's policy, effect and quotes; in the language of `locale`
    (default: the timeline's `locale` setting, else English)."""
    return "".join(pieces(timeline, width=width, verbose=verbose, locale=locale))


def pieces(
    timeline: Timeline,
    *,
    width: int | None = WIDTH,
    verbose: bool = False,
    locale: str | None = None,
) -> Iterator[str]:
    """`render`'s text a piece at a time: the heading, then one piece per event.

    Raises:
        ValueError: `width` is below `NARROWEST`, or the locale is not supported (before
            the first piece).
    """
    check_width(width)
    tag = chosen(locale, timeline.settings.locale)
    return _pieces(timeline, Layout(width), verbose, tag)


def _quoted(text: str, tag: str | None) -> str:
    """`text` in the language's quotation marks, unless it opens with its own."""
    return text if text[:1] in "“\"'‘«「" else message(tag, "quote", text)


def _pieces(timeline: Timeline, layout: Layout, verbose: bool, tag: str | None) -> Iterator[str]:
    yield "\n".join(title(timeline.settings.name, layout.width)) + "\n"
    if not len(timeline):
        yield message(tag, "no_events") + "\n"
        return
    who, said, source_word = (message(tag, k) for k in ("text_who", "text_said", "text_source"))
    sources: dict[str, list[str]] = {}  # source id → its lines, worked out once per source
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
            lines = layout.row(label, event.title)
            if event.actors:
                lines += layout.detail(f"{who}: ", ", ".join(actor_names(event, timeline)))
            if event.said:
                lines += layout.detail(f"{said}: ", message(tag, "quote", event.said))
            if verbose:
                lines += _effect(event, timeline, layout, tag)
            for source_id in dict.fromkeys(c.source for c in event.cite):
                shown = sources.get(source_id)
                if shown is None:
                    source = timeline.sources.get(source_id)
                    line = source_line(source, tag) if source else source_id
                    shown = sources[source_id] = layout.detail(f"{source_word}: ", line)
                lines += shown
                if verbose:
                    for citation in event.cite:
                        if citation.source == source_id and citation.quote:
                            lines += layout.detail("", _quoted(citation.quote, tag), deeper=2)
            lines.append("")
            yield "\n".join(lines)


def _effect(event: Event, timeline: Timeline, layout: Layout, tag: str | None) -> list[str]:
    """The policy an event changes, how, and the provision it is about."""
    if event.policy is None:
        return []
    policy = timeline.policies.get(event.policy)
    named_policy = f"{policy.title} ({policy.id})" if policy else event.policy
    lines = layout.detail(f"{message(tag, 'text_policy')}: ", named_policy)
    if event.effect is not None:
        effect = effect_label(event.effect, tag)
        if event.provision is not None:
            found = [p for p in policy.provisions if p.id == event.provision] if policy else []
            named = f"{found[0].title} ({event.provision})" if found else event.provision
            effect = message(tag, "text_effect_provision", effect=effect, provision=named)
        lines += layout.detail(f"{message(tag, 'text_effect')}: ", effect)
    return lines
