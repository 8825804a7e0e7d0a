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
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import jinja2
from markupsafe import Markup, escape

from timeline._catalog import MESSAGES
from timeline._labels import effect_label, phase_label, when_label
from timeline._locale import DEFAULT, babel, chosen, language, message
from timeline._model import Event
from timeline._text import counted
from timeline._timeline import Timeline
from timeline._when import Precision, Qualifier, When
from timeline.report._axis import MAX_WIDTH, MIN_WIDTH, WIDTH
from timeline.report._bands import BAND, BAND_CLASS, changes_of
from timeline.report._chart import (
    AXIS_H,
    COLOURS,
    GREY,
    LANES,
    Lane,
    Lanes,
    Layout,
    display_name,
    lay_out,
)
from timeline.report._common import actor_names, by_year, source_line, year_heading
from timeline.report._marks import LINE, end_of
from timeline.report._steps import lay_out as lay_out_steps

__all__ = ["LANES", "LIST_LIMIT", "WIDTH", "chart_context", "page_shell", "render"]

#: The most events one page lists in full; past it the page lists those drawn on the chart
#: (a site pages its list by year instead).
LIST_LIMIT: Final = 1000
#: Past LIST_LIMIT, each policy's history shows this many of its last steps.
_HISTORY_LIMIT: Final = 12
_SIDES: Final = ("start", "end")


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


#: The catalog's word for each qualifier the list shows beside a date.
_QUALIFIER: Final = {
    Qualifier.NONE: "",
    Qualifier.APPROXIMATE: "ics_approximate",
    Qualifier.UNCERTAIN: "ics_uncertain",
    Qualifier.BOTH: "ics_approximate_uncertain",
}


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
    qualifier = _QUALIFIER[event.when.qualifier]
    qualifier = qualifier and message(tag, qualifier)
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


def check_width(width: float) -> None:
    """Refuse a chart narrower than its labels need, or absurdly wide."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ValueError(
            f"width {width!r} is out of range: the chart is {MIN_WIDTH} to {MAX_WIDTH} px wide"
        )


def colours_css() -> str:
    """Each lane colour's CSS custom property (our palette, not data)."""
    palette = [*((f"c{i}", c) for i, c in enumerate(COLOURS)), ("cx", GREY)]
    return "\n".join(f".{name} {{ --c: {hex}; }}" for name, hex in palette)


def chart_context(
    layout: Layout, timeline: Timeline, lanes: str, tag: str | None = None
) -> dict[str, Any]:
    """What `templates/chart.svg.j2` needs besides the layout, for the page and the SVG
    (`tag`: the locale of its dates)."""
    span = _span_text(timeline) if tag is None else _local_span(timeline, tag)
    kind = message(tag, f"lanes_{lanes}")
    desc = message(
        tag,
        "chart_desc",
        span=span,
        lanes=_counted(sum(1 for lane in layout.lanes if lane.events), "lane", tag),
        kind=kind,
        marks=_counted(layout.marks, "mark", tag),
        events=_counted(len(layout.drawn), "event", tag),
    )
    if layout.dense:
        desc += message(tag, "chart_desc_dense")
    return {
        "layout": layout,
        "palette": [*((f"c{i}", c) for i, c in enumerate(COLOURS)), ("cx", GREY)],
        "axis_height": AXIS_H,
        "band_height": BAND,
        "line_height": LINE,
        "chart_title": message(tag, "chart_title", name=timeline.settings.name, lanes=kind),
        "chart_desc": desc + message(tag, "full_stop"),
        "svg_width": layout.width,
        "standalone": False,
        "when_label": functools.partial(when_label, locale=tag),
        "say": sayer(tag),
    }


def _number(count: int, tag: str | None) -> str:
    """'1,204' in English, '1 204' in French: CLDR's digits and separators."""
    if tag is None:
        return f"{count:,}"
    babel()  # Babel is there (a usage error naming its install command if not)
    from babel.numbers import format_decimal

    return str(format_decimal(count, locale=tag))


def _counted(count: int, noun: str, tag: str | None) -> str:
    """'1 lane', '12 marks' ('12 repères'): a count and its noun, in `tag`'s language."""
    if tag is None:
        return counted(count, noun)
    key = f"{noun}s_one" if count == 1 else f"{noun}s_many"
    return message(tag, key, n=_number(count, tag))


def _years_of(lane: Lane, zone: Any, tag: str | None = None) -> str:
    """'2024: 1,204 · 2025: 3,010' for a lane drawn as density."""
    counts: dict[str, int] = {}
    for mark_event in lane.members:
        heading = year_heading(mark_event, zone, tag)
        counts[heading] = counts.get(heading, 0) + 1
    return " · ".join(
        message(tag, "labelled", label=year, text=_number(count, tag))
        for year, count in counts.items()
    )


def chart_layout(
    timeline: Timeline,
    lanes: str,
    history: Timeline | None,
    locale: str | None,
    width: float,
) -> tuple[str | None, Timeline, Layout | None]:
    """The checked arguments of a chart (the page's and the SVG's alike) and its layout:
    the locale's tag, the timeline whose events fold the policy bands, and the layout
    (None when no event has a date the chart can place).

    Raises:
        ValueError: `lanes` is not one of `LANES`, the locale is not supported, or
            `width` is out of range.
    """
    if lanes not in LANES:
        raise ValueError(f"unknown lanes {lanes!r}; use one of {list(LANES)}")
    tag = chosen(locale, timeline.settings.locale)
    check_width(width)
    lane_kind: Lanes = lanes  # type: ignore[assignment]
    history = timeline if history is None else history
    return tag, history, lay_out(timeline, lane_kind, history, width=width, locale=tag)


def render(
    timeline: Timeline,
    *,
    lanes: str = "policy",
    history: Timeline | None = None,
    locale: str | None = None,
    width: float = WIDTH,
    pages: Mapping[str, str] | None = None,
    in_force: bool = True,
    policy_pages: Mapping[str, str] | None = None,
) -> str:
    """The whole page: header, chart, policies, the chronological list and a legend.

    `history` is the timeline whose events give each policy's states (default: `timeline`):
    pass the unfiltered one when `timeline` is a filtered view, so a policy in force long
    before the first shown event still shows as in force. `locale` is the page's language
    (its `lang`, dates, headings and states; default: the timeline's `locale`, else
    English); `width` the chart's width in px. `pages` (event id → the page that lists
    it) is how a site pages its list: past `LIST_LIMIT` events the page lists the years
    and links to their pages; without it, the page lists the events drawn on the chart.
    `in_force` leaves out the step chart of policies in force when false. `policy_pages`
    (policy id → its page) is how a site's year pages leave the policies to their own
    pages: the page has no Policies section and each entry links to its policy's page.

    Raises:
        ValueError: `lanes` is not one of `LANES`, the locale is not supported, or
            `width` is out of range.
    """
    tag, history, layout = chart_layout(timeline, lanes, history, locale, width)
    script = _script(tag)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    steps = changes_of(history)
    shown = {e.policy for e in timeline if e.policy is not None}
    policies = [
        (p, steps.get(pid, []))
        for pid, p in timeline.policies.items()
        if pid in shown and policy_pages is None
    ]
    big = len(timeline) > LIST_LIMIT
    paged = big and pages is not None
    compact = big and not paged
    drawn = layout.drawn if layout else frozenset()
    zone = timeline.settings.zone

    def href(event: Event) -> str | None:
        if pages is not None and big:
            return f"{pages[event.id]}#{event.id}" if event.id in pages else None
        if compact and event.id not in drawn:
            return None
        return f"#{event.id}"

    def policy_href(policy: str) -> str:
        if policy_pages is None:
            return f"#policy:{policy}"
        return policy_pages.get(policy, "")

    groups = []
    if not paged:
        for heading, events in by_year(timeline, tag):
            kept = [e for e in events if e.id in drawn] if compact else events
            if kept:
                groups.append((heading, [_entry(e, timeline, tag) for e in kept], len(events)))
    context: dict[str, Any] = (
        chart_context(layout, timeline, lanes, tag) if layout else {"layout": None}
    )
    template = _environment().get_template("report.html.j2")
    say = sayer(tag)
    context["say"] = say
    return template.render(
        **context,
        timeline=timeline,
        settings=timeline.settings,
        lanes=lanes,
        href=href,
        policy_href=policy_href,
        groups=groups,
        year_pages=_year_pages(timeline, pages, tag) if paged and pages is not None else [],
        compact=compact,
        paged=paged,
        listed=sum(len(entries) for _, entries, _ in groups),
        history_limit=_HISTORY_LIMIT if big else len(timeline) + 1,
        years_of=functools.partial(_years_of, zone=zone, tag=tag),
        bands_text=_bands_text(layout, tag),
        policies=policies,
        band_class=BAND_CLASS,
        name=functools.partial(display_name, timeline=timeline),
        colours=Markup(colours_css()),  # our palette, not data
        chart_css=Markup(_asset("chart.css")),  # our stylesheet, not data
        css=Markup(_asset("report.css")),
        script=Markup(script),  # our script, not data; hashed in the CSP
        script_hash=f"sha256-{digest}",
        span=_span_text(timeline) if tag is None else _local_span(timeline, tag),
        in_force_chart=lay_out_steps(history, timeline, tag) if in_force else None,
        lang=_lang(tag),
        words={key: message(tag, key) for key in _WORDS},
        effect_label=functools.partial(effect_label, locale=tag),
        phase_label=functools.partial(phase_label, locale=tag),
        options=_OPTIONS,
        made_with=_MADE_WITH,
        build=_BUILD,
        series=_SERIES,
        steps_example=when_label(_IMPRECISE, tag),
        list_link=Markup('<a href="#_events">{}</a>').format(say("list_of_events")),
        targets=lambda policy: message(tag, "ics_list").join(
            display_name(target, timeline) for target in policy.targets
        ),
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


def sayer(tag: str | None) -> Callable[..., Markup]:
    """The templates' `say(key, **fields)`: the catalog's text for `key` in `tag`'s language,
    its fields escaped (markup the page makes itself is passed as `Markup`)."""
    words = MESSAGES[DEFAULT if tag is None else language(tag)]

    def say(key: str, **fields: object) -> Markup:
        return Markup(escape(words[key])).format(**fields)

    return say


#: Markup the page's sentences hold, our own (never data).
_OPTIONS: Final = Markup("<code>--from</code>, <code>--to</code>, <code>--policy</code>")
_MADE_WITH: Final = Markup("<code>timeline report --format html</code>")
_BUILD: Final = Markup("<code>timeline build</code>")
_SERIES: Final = Markup("<code>timeline status --series day</code>")
#: The imprecise date the step chart's note gives as its example.
_IMPRECISE: Final = When.parse("2025-06/2025-12")


#: The filter script's count, in English; another language's replaces it (see `_script`).
_COUNT: Final = 'total + " of " + entries.length + " events"'
_FIELD: Final = re.compile(r"(\{n\}|\{total\})")


def _script(tag: str | None) -> str:
    """The filter script, its count ("3 of 16 events") in `tag`'s language: the catalog's
    words as JavaScript strings around the two numbers. English is the file as it is."""
    script = _asset("filter.js")
    if tag is None:
        return script
    words = MESSAGES[language(tag)]["n_of_total"]
    names = {"{n}": "total", "{total}": "entries.length"}
    pieces = [names.get(p) or json.dumps(p) for p in _FIELD.split(words) if p]
    assert _COUNT in script
    return script.replace(_COUNT, " + ".join(pieces))


def _lang(tag: str | None) -> str:
    """The page's `lang`: 'en', 'pt-BR'."""
    return "en" if tag is None else tag.replace("_", "-")


def page_shell(title: str, body: str, *, locale: str | None = None) -> str:
    """A plain page in the report's style around `body`, markup whose every text the caller
    escaped (the site's policy index)."""
    template = _environment().get_template("shell.html.j2")
    return template.render(
        title=title,
        body=Markup(body),  # the site's own markup, its texts escaped by the site
        css=Markup(_asset("report.css")),
        lang=_lang(locale),
    )


def _bands_text(layout: Layout | None, tag: str | None = None) -> list[tuple[str, str]]:
    """Each policy band's steps in words, for the chart's text alternative."""
    if layout is None:
        return []
    return [
        (lane.name, message(tag, "steps_list").join(band.title for band in lane.bands))
        for lane in layout.lanes
        if lane.bands
    ]


def _year_pages(
    timeline: Timeline, pages: Mapping[str, str], tag: str | None
) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """Each year's heading, its count and the pages that list its events."""
    rows = []
    for heading, events in by_year(timeline, tag):
        urls = list(dict.fromkeys(pages[e.id] for e in events if e.id in pages))
        links = [
            (url, message(tag, "part_n", n=n) if len(urls) > 1 else heading)
            for n, url in enumerate(urls, 1)
        ]
        rows.append((heading, len(events), links))
    return rows


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
    if start_half is None and end_half is None:  # open at both ends: say what is known
        halves = [h for e in timeline.events for s in _SIDES if (h := end_of(e.when, s))]
        if not halves:
            return f"{events}, with no known start or end"
        first = min(halves, key=lambda h: h.sort_key(zone)[0])
        last = max(halves, key=lambda h: h.sort_key(zone)[1])
        known = first.label if first.label == last.label else f"{first.label} to {last.label}"
        return f"{events}, {known}, some with no known start or end"
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
    events = _counted(count, "event", tag)
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
