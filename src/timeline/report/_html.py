"""The HTML report: one self-contained page with a visual timeline above the chronological list.

Everything is inline (CSS, SVG, a few lines of optional script for filtering), so the file
works offline, from a USB stick or an e-mail attachment; a Content-Security-Policy forbids
any request. The chart is laid out in `_chart` and `_axis` as plain numbers and drawn by
Jinja2 templates with autoescape on, so no text from the data is written unescaped.

The time axis is piecewise linear (see docs/html.md): each year (or month, for short
timelines) gets a width that grows with the number of events in it, and runs of empty
years are cut, so a span "over the last decade" does not squash this year's events.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from typing import Final

import attrs
import jinja2
from markupsafe import Markup

from timeline._labels import effect_label, phase_label, when_label
from timeline._locale import babel, chosen, message
from timeline._model import Event
from timeline._text import counted
from timeline._timeline import Timeline
from timeline._when import Precision, Qualifier, When
from timeline.report._axis import LEFT, RIGHT, WIDTH
from timeline.report._chart import (
    AXIS_H,
    BAND,
    BAND_CLASS,
    BAR,
    COLOURS,
    LANE_HEAD,
    LANES,
    ROW,
    Lanes,
    display_name,
    end_of,
    has_events,
    lay_out,
    policy_changes,
)
from timeline.report._common import actor_names, by_year, source_line
from timeline.report._steps import lay_out as lay_out_steps

__all__ = ["LANES", "WIDTH", "render"]


# -- the list ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Entry:
    """What the list shows for one event."""

    event: Event
    label: str
    datetime: str | None
    precision: str
    qualifier: str
    actors: tuple[str, ...]
    place: str | None
    policy: str | None
    sources: tuple[tuple[str, str | None, tuple[tuple[str | None, str | None], ...]], ...]
    search: str


def _datetime_attr(when: When) -> str | None:
    """A valid HTML `datetime` value for the When, when one exists (day, month, year, instant)."""
    if when.is_interval or when.qualifier is not Qualifier.NONE:
        return None
    text = str(when)
    if when.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR) or (
        when.is_instant and when.tz is None
    ):
        return text.replace("Z", "+00:00") if when.is_instant else text
    return None


def _entry(event: Event, timeline: Timeline, tag: str | None = None) -> Entry:
    grouped: dict[str, list[tuple[str | None, str | None]]] = {}
    for citation in event.cite:
        grouped.setdefault(citation.source, []).append((citation.quote, citation.note))
    sources = []
    for source_id, quotes in grouped.items():
        source = timeline.sources.get(source_id)
        name = source_line(source, tag) if source else source_id
        url = source.url if source else None
        sources.append(
            (name, url, tuple((q, n) for q, n in quotes if q is not None or n is not None))
        )
    names = tuple(actor_names(event, timeline))
    known = event.place is not None and event.place in timeline.places
    place = timeline.places[event.place].name if known and event.place else event.place
    policy = timeline.policies.get(event.policy) if event.policy else None
    qualifier = {
        Qualifier.NONE: "",
        Qualifier.APPROXIMATE: "approximate",
        Qualifier.UNCERTAIN: "uncertain",
        Qualifier.BOTH: "approximate and uncertain",
    }[event.when.qualifier]
    label = when_label(event.when, tag)
    search = " ".join([event.title, label, *names, *event.tags, event.summary or ""])
    return Entry(
        event=event,
        label=label,
        datetime=_datetime_attr(event.when),
        precision=str(event.when.precision),
        qualifier=qualifier,
        actors=names,
        place=place,
        policy=policy.title if policy else event.policy,
        sources=tuple(sources),
        search=" ".join(search.lower().split()),
    )


# -- rendering ----------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("timeline.report", "templates"),
        autoescape=True,  # every template, whatever its name: data is always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _asset(name: str) -> str:
    """A static asset shipped beside the templates (our code, never data)."""
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), name)
    return source


def render(
    timeline: Timeline,
    *,
    lanes: str = "policy",
    history: Timeline | None = None,
    locale: str | None = None,
) -> str:
    """The whole page: header, chart, policies, the chronological list and a legend.

    `history` is the timeline whose events give each policy's states (default: `timeline`):
    pass the unfiltered one when `timeline` is a filtered view, so a policy in force long
    before the first shown event still shows as in force. `locale` is the page's language
    (its `lang`, dates, headings and states; default: the timeline's `locale`, else English).

    Raises:
        ValueError: `lanes` is not one of `LANES`, or the locale is not supported.
    """
    if lanes not in LANES:
        raise ValueError(f"unknown lanes {lanes!r}; use one of {list(LANES)}")
    tag = chosen(locale, timeline.settings.locale)
    lane_kind: Lanes = lanes  # type: ignore[assignment]
    history = timeline if history is None else history
    layout = lay_out(timeline, lane_kind, history)
    script = _asset("filter.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policies = [
        (policy, policy_changes(history, pid))
        for pid, policy in timeline.policies.items()
        if has_events(timeline, pid)
    ]
    template = _environment().get_template("report.html.j2")
    return template.render(
        timeline=timeline,
        settings=timeline.settings,
        lanes=lane_kind,
        layout=layout,
        width=WIDTH,
        left=LEFT,
        right=RIGHT,
        axis_height=AXIS_H,
        lane_head=LANE_HEAD,
        row=ROW,
        bar=BAR,
        band_height=BAND,
        palette=[*((f"c{i}", c) for i, c in enumerate(COLOURS)), ("cx", "#6b7280")],
        groups=[
            (h, [_entry(e, timeline, tag) for e in events]) for h, events in by_year(timeline, tag)
        ],
        policies=policies,
        band_class=BAND_CLASS,
        name=functools.partial(display_name, timeline=timeline),
        css=Markup(_asset("report.css")),  # our stylesheet, not data
        script=Markup(script),  # our script, not data; hashed in the CSP
        script_hash=f"sha256-{digest}",
        span=_span_text(timeline) if tag is None else _local_span(timeline, tag),
        in_force_chart=lay_out_steps(history, timeline),
        lang="en" if tag is None else tag.replace("_", "-"),
        words={key: message(tag, key) for key in _WORDS},
        when_label=functools.partial(when_label, locale=tag),
        effect_label=functools.partial(effect_label, locale=tag),
        phase_label=functools.partial(phase_label, locale=tag),
    )


#: The catalog's words the page shows (headings, the list's keys).
_WORDS: Final = (
    "timeline",
    "legend",
    "policies",
    "in_force_nav",
    "events",
    "no_events",
    "who",
    "where",
    "said",
)


def _span_text(timeline: Timeline) -> str:
    """'16 events, ~2010 to December 2025' for the page header."""
    count = len(timeline)
    if not count:
        return "No events match."
    zone = timeline.settings.zone
    first = timeline.events[0].when
    last = max(timeline.events, key=lambda e: e.when.sort_key(zone)[1]).when
    start_half, end_half = end_of(first, "start"), end_of(last, "end")
    events = counted(count, "event")
    if start_half is None and end_half is None:
        return f"{events}, with no known start or end"
    if end_half is None:
        assert start_half is not None
        return f"{events}, {start_half.label} onwards"
    if start_half is None:
        return f"{events}, up to {end_half.label}"
    start, end = start_half.label, end_half.label
    return f"{events}, {start} to {end}" if start != end else f"{events}, {start}"


def _local_span(timeline: Timeline, tag: str) -> str:
    """`_span_text` in the language of `tag`: '16 événements, de vers 2010 à décembre 2025'."""
    count = len(timeline)
    if not count:
        return message(tag, "no_events")
    zone = timeline.settings.zone
    first = timeline.events[0].when
    last = max(timeline.events, key=lambda e: e.when.sort_key(zone)[1]).when
    start_half, end_half = end_of(first, "start"), end_of(last, "end")
    babel()  # Babel is there (a usage error naming its install command if not)
    from babel.numbers import format_decimal

    number = str(format_decimal(count, locale=tag))
    events = message(tag, "events_one" if count == 1 else "events_many", n=number)
    start = None if start_half is None else when_label(start_half, tag)
    end = None if end_half is None else when_label(end_half, tag)
    if start is None and end is None:
        return message(tag, "span_open", events=events)
    if end is None:
        return message(tag, "span_onwards", events=events, start=start)
    if start is None:
        return message(tag, "span_up_to", events=events, end=end)
    if start == end:
        return message(tag, "span_one", events=events, start=start)
    return message(tag, "span_both", events=events, start=start, end=end)
