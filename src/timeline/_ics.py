"""iCalendar (RFC 5545) export: one VEVENT per event, byte-reproducible, honest about dates.

The serializer is written here rather than built from `icalendar` objects: calendars are
rebuilt on every publish and subscribed feeds can be large, and writing content lines
directly is an order of magnitude faster (benchmarks/). `icalendar` still builds the
VTIMEZONE blocks (from zoneinfo) and is what the tests parse our output with.

How a `When` becomes calendar dates (docs/calendars.md explains why):

- a day, or a span of days, known exactly: an all-day event (`VALUE=DATE`, exclusive DTEND);
- an instant, or a span of instants: DTSTART (and DTEND) in UTC, or with TZID plus a
  VTIMEZONE when the event names its zone;
- anything less precise (month, season, year, decade, approximate, open span): a one-day
  marker on the first day it can mean (the last, for a span open at its start), whose
  SUMMARY carries the real label, "… (April 2025)", and whose DESCRIPTION says so.

The exact notation rides along in `X-TIMELINE-WHEN` (zone in its `X-TIMELINE-TZ`
parameter), so `timeline.ics_import` gives back what was exported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, BinaryIO, Final, NamedTuple

import attrs

from timeline._model import Citation, Effect, Event, Place, Policy, Settings, Source
from timeline._timeline import Timeline
from timeline._when import Precision, Qualifier, When
from timeline.errors import IcsError

if TYPE_CHECKING:
    from timeline._when import Endpoint

__all__ = ["IcsError", "to_ics", "write_ics"]

PRODID: Final = "-//timeline-events//timeline//EN"
#: Properties this module adds beyond RFC 5545 (import reads them back).
X_WHEN: Final = "X-TIMELINE-WHEN"
X_TZ: Final = "X-TIMELINE-TZ"
X_SAID: Final = "X-TIMELINE-SAID"
#: Separates an event's own summary from the generated details in DESCRIPTION.
DETAILS_RULE: Final = "――――"
_LIMIT: Final = 75  # octets per content line, CRLF excluded (RFC 5545 §3.1)
#: Up to 75 (first line) or 74 (after the leading space) octets ending on a character
#: boundary; the regex engine does the backing-up in C.
_FIRST_PIECE: Final = re.compile(rb".{1,75}(?![\x80-\xbf])", re.DOTALL)
_NEXT_PIECE: Final = re.compile(rb".{1,74}(?![\x80-\xbf])", re.DOTALL)
_DURATION: Final = re.compile(
    r"P(?:\d+W|(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)"
)
#: Characters TEXT may not hold (RFC 5545 §3.3.11: no controls but HTAB); newlines are
#: handled before this table, so anything left is dropped rather than written raw.
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_OCTETS: Final = bytes((*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F))
_RAW_TABLE: Final = str.maketrans(dict.fromkeys((*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F)))
_PRECISION_WORDS: Final = {
    Precision.MONTH: "known only to the month",
    Precision.SEASON: "known only to the season (meteorological, northern hemisphere)",
    Precision.YEAR: "known only to the year",
    Precision.DECADE: "known only to the decade",
    Precision.CENTURY: "known only to the century",
}
_QUALIFIER_WORDS: Final = {
    Qualifier.APPROXIMATE: "approximate",
    Qualifier.UNCERTAIN: "uncertain",
    Qualifier.BOTH: "approximate and uncertain",
}
_MONTHS: Final = ("", *calendar.month_name[1:])


# -- content lines ---------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.

    CR LF and lone CR become a newline first; other control characters are dropped, so no
    value can ever start a new content line.

    >>> escape_text("a, b; c\\\\d\\r\\ne")
    'a\\\\, b\\\\; c\\\\\\\\d\\\\ne'
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    # Chained replace runs in C at memchr speed; str.translate with a dict is 10× slower.
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    if not value.isprintable():  # fast check; the regex runs only when something may be a control
        value = _CONTROL.sub("", value)
    return value


def _raw(value: str) -> str:
    """A non-TEXT value (URI, id): written as is, minus any control character."""
    return value if value.isprintable() else value.translate(_RAW_TABLE)


@functools.lru_cache(maxsize=1024)
def _param(value: str) -> str:
    """A parameter value, quoted when it holds a character that ends a parameter.

    Cached: the same few zone names are asked for once per distinct local time.
    """
    value = _raw(value).replace('"', "")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str) -> bytes:
    """Encode one content line as UTF-8 and fold it at 75 octets, ending with CRLF.

    A fold never splits a UTF-8 sequence: each piece is as long as it can be while the next
    octet is not a continuation byte (10xxxxxx), so a character moves whole to the next line.
    """
    return _folded(line.encode())


def _folded(raw: bytes) -> bytes:
    """`fold` of a line already encoded."""
    if len(raw) <= _LIMIT:
        return raw + b"\r\n"
    head = _FIRST_PIECE.match(raw)
    assert head is not None  # UTF-8 from a str always has a boundary within 4 octets
    return b"\r\n ".join([head.group(), *_NEXT_PIECE.findall(raw, head.end())]) + b"\r\n"


def _escaped(value: str) -> bytes:
    """`escape_text(value).encode()`, done on the UTF-8 octets, where replacing runs faster.

    The same result: every character escaped or dropped is ASCII, and in UTF-8 an ASCII
    octet never occurs inside a longer sequence.
    """
    raw = value.encode()
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    raw = raw.replace(b"\\", b"\\\\").replace(b";", b"\\;").replace(b",", b"\\,")
    return raw.replace(b"\n", b"\\n").translate(None, _CONTROL_OCTETS)


# -- dates -------------------------------------------------------------------------------------


def _date(day: dt.date) -> str:
    return day.isoformat().replace("-", "")  # isoformat always writes four-digit years


def _utc(moment: dt.datetime) -> str:
    m = moment.astimezone(dt.UTC)
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}Z"


def _local(day: dt.date, time: dt.time) -> str:
    return f"{_date(day)}T{time.hour:02d}{time.minute:02d}{time.second:02d}"


def _day_words(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def stamp_from_environment() -> dt.datetime:
    """DTSTAMP: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now, in UTC.

    Raises:
        IcsError: SOURCE_DATE_EPOCH is set but is not a whole number of seconds.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise IcsError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970; "
            "set it to e.g. $(git log -1 --format=%ct) or unset it"
        ) from error


class Placement(NamedTuple):
    """Where a `When` lands in a calendar: the DTSTART/DTEND lines and whether it is a marker.

    A NamedTuple rather than an attrs class: one is made per distinct date of a calendar
    that may hold a million events, and a tuple is several times cheaper to build.
    """

    lines: tuple[str, ...]
    marker: bool
    day: dt.date  # the first day shown
    zones: tuple[str, ...] = ()


def place(when: When) -> Placement:
    """Map a `When` to calendar dates, as the module docstring describes.

    >>> place(When.parse("2025-04")).lines
    ('DTSTART;VALUE=DATE:20250401', 'DTEND;VALUE=DATE:20250402')
    >>> place(When.parse("2025-10-15/2025-10-17")).lines
    ('DTSTART;VALUE=DATE:20251015', 'DTEND;VALUE=DATE:20251018')
    """
    start, end = when.start, when.end
    if (  # when.is_exact, spelled out: this runs once per distinct date of a large calendar
        start is not None
        and end is not None
        and start.precision <= Precision.DAY
        and end.precision <= Precision.DAY
        and start.qualifier is Qualifier.NONE
        and end.qualifier is Qualifier.NONE
    ):
        if start.time is not None and end.time is not None:
            return _timed(when, start, end)
        return _all_day(start.first_day, end.last_day, marker=False)
    if start is None:
        assert end is not None
        day = end.last_day
    else:
        day = start.first_day
    return _all_day(day, day, marker=True)


def _all_day(first: dt.date, last: dt.date, *, marker: bool) -> Placement:
    lines = [f"DTSTART;VALUE=DATE:{_date(first)}"]
    if last < dt.date.max:
        lines.append(f"DTEND;VALUE=DATE:{_date(last + dt.timedelta(days=1))}")
    elif last > first:
        lines.append(f"DURATION:P{(last - first).days + 1}D")
    return Placement(tuple(lines), marker, first)


def _timed(when: When, start: Endpoint, end: Endpoint) -> Placement:
    zones: list[str] = []

    def moment(name: str, part: Endpoint) -> str:
        assert part.time is not None
        if part.offset is None and when.tz is not None:
            zones.append(when.tz)
            return f"{name};TZID={_param(when.tz)}:{_local(part.first_day, part.time)}"
        return f"{name}:{_utc(part.instant(when.tz))}"

    lines = [moment("DTSTART", start)]
    if when.is_interval and end.instant(when.tz) > start.instant(when.tz):
        lines.append(moment("DTEND", end))
    return Placement(tuple(lines), False, start.first_day, tuple(zones))


def precision_note(when: When, shown: dt.date, label: str | None = None) -> str:
    """The DESCRIPTION line that says how precise a marker's date really is.

    >>> precision_note(When.parse("2025-04"), dt.date(2025, 4, 1))  # doctest: +NORMALIZE_WHITESPACE
    'Date: April 2025 (known only to the month). A calendar needs a day, so this event is
     shown on 1 April 2025, the first day it can mean; that is not its actual date.'
    """
    label = label or when.label
    if when.start is None:
        return (
            f"Date: {label} (the start is not known). A calendar needs a day, so this event "
            f"is shown on {_day_words(shown)}, the last day it can mean."
        )
    bits = []
    if when.is_interval:
        bits.append("a span")
    words = _PRECISION_WORDS.get(when.precision)
    if words:
        bits.append(words)
    qualifier = _QUALIFIER_WORDS.get(when.qualifier)
    if qualifier:
        bits.append(qualifier)
    if when.end is None:
        bits.append("with no known end")
    what = f" ({', '.join(bits)})" if bits else ""
    return (
        f"Date: {label}{what}. A calendar needs a day, so this event is shown on "
        f"{_day_words(shown)}, the first day it can mean; that is not its actual date."
    )


# -- events ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Context:
    """What the writer needs beside the events: names to show and the calendar's settings.

    The per-record strings (actor names, source headings, policy lines, folded LOCATION and
    CATEGORIES lines) are worked out once per record, not once per event that names it.
    """

    domain: str  # already cleaned of control characters
    stamp: bytes  # the folded DTSTAMP line, the same for every event
    names: Mapping[str, str]  # actor id → name shown
    heads: Mapping[str, str]  # source id → "• publisher: title <url>"
    places: Mapping[str, Place]
    policies: Mapping[str, Policy]
    related: Mapping[str, str]  # event id → the previous event id of the same policy
    policy_lines: dict[tuple[str, Effect | None], str] = attrs.field(factory=dict)
    place_lines: dict[str, bytes] = attrs.field(factory=dict)  # place id → LOCATION (+ GEO)
    categories: dict[tuple[str, ...], bytes] = attrs.field(factory=dict)


def _head(source: Source) -> str:
    head = "• " + (f"{source.publisher}: " if source.publisher else "") + source.title
    return f"{head} <{source.url}>" if source.url else head


def _quoted(citation: Citation, lines: list[str]) -> None:
    quote = citation.quote
    if quote:
        lines.append(f"  {quote}" if quote[:1] in "“\"'‘" else f"  “{quote}”")
    if citation.note:
        lines.append(f"  {citation.note}")


def _description(event: Event, ctx: _Context, note: str | None) -> str:
    details = [f"{event.summary}\n\n{DETAILS_RULE}" if event.summary else DETAILS_RULE]
    if note:
        details.append(note)
    if event.said:
        details.append(f"The source says: “{event.said}”")
    if event.actors:
        names = ctx.names
        details.append("Who: " + ", ".join([names.get(a, a) for a in event.actors]))
    if event.policy:
        key = (event.policy, event.effect)
        line = ctx.policy_lines.get(key)
        if line is None:
            policy = ctx.policies.get(event.policy)
            title = policy.title if policy else event.policy
            effect = f" ({event.effect.value})" if event.effect else ""
            line = ctx.policy_lines[key] = f"Policy: {title}{effect}"
        details.append(line)
    details.append("Sources:")
    heads = ctx.heads
    if len(event.cite) == 1:  # the common case: no grouping by source needed
        citation = event.cite[0]
        details.append(heads.get(citation.source) or f"• {citation.source}")
        _quoted(citation, details)
    else:
        cited: dict[str, list[str]] = {}
        for citation in event.cite:
            _quoted(citation, cited.setdefault(citation.source, []))
        for source_id, lines in cited.items():
            details.append(heads.get(source_id) or f"• {source_id}")
            details += lines
    return "\n".join(details)


class _Dated(NamedTuple):
    """What a `When` contributes to a VEVENT, computed and folded once per distinct value."""

    dates: bytes  # the folded DTSTART (and DTEND or DURATION) lines
    zones: tuple[str, ...]
    suffix: str  # " (April 2025)" for a marker's SUMMARY, else ""
    note: str | None
    x_when: bytes


def _dated(when: When) -> _Dated:
    placement = place(when)
    zone = f";{X_TZ}={_param(when.tz)}" if when.tz else ""
    suffix, note = "", None
    if placement.marker:
        label = when.label
        suffix, note = f" ({label})", precision_note(when, placement.day, label)
    return _Dated(
        dates=b"".join(map(fold, placement.lines)),
        zones=placement.zones,
        suffix=suffix,
        note=note,
        x_when=fold(f"{X_WHEN}{zone}:{escape_text(str(when))}"),
    )


_BEGIN: Final = b"BEGIN:VEVENT\r\n"
_END: Final = b"END:VEVENT\r\n"
_SAID: Final = f"{X_SAID}:".encode()
_TRANSP: Final = b"TRANSP:TRANSPARENT\r\n"  # an event in a timeline does not make anyone busy


def _vevent(event: Event, ctx: _Context, dated: _Dated) -> bytes:
    out = [
        _BEGIN,
        _folded(f"UID:{_raw(event.id)}@{ctx.domain}".encode()),
        ctx.stamp,
        dated.dates,
        _folded(b"SUMMARY:" + _escaped(event.title + dated.suffix)),
        _folded(b"DESCRIPTION:" + _escaped(_description(event, ctx, dated.note))),
    ]
    if event.place:
        lines = ctx.place_lines.get(event.place)
        if lines is None:
            lines = ctx.place_lines[event.place] = _location(event.place, ctx)
        out.append(lines)
    if event.url:
        out.append(_folded(f"URL:{_raw(event.url)}".encode()))
    tags = event.tags
    if tags:
        line = ctx.categories.get(tags)
        if line is None:
            line = fold("CATEGORIES:" + ",".join([escape_text(t) for t in tags]))
            if len(ctx.categories) < _TAG_CACHE:
                ctx.categories[tags] = line
        out.append(line)
    previous = ctx.related.get(event.id)
    if previous is not None:
        out.append(_folded(f"RELATED-TO;RELTYPE=SIBLING:{_raw(previous)}@{ctx.domain}".encode()))
    out += (_TRANSP, dated.x_when)
    if event.said:
        out.append(_folded(_SAID + _escaped(event.said)))
    out.append(_END)
    return b"".join(out)


_TAG_CACHE: Final = 65_536  # distinct tag lists remembered; more are folded each time


def _location(place_id: str, ctx: _Context) -> bytes:
    """The folded LOCATION line of a place, and its GEO line when it has coordinates."""
    found = ctx.places.get(place_id)
    lines = _folded(b"LOCATION:" + _escaped(found.name if found else place_id))
    if found and found.latitude is not None and found.longitude is not None:
        lines += fold(f"GEO:{found.latitude:.6f};{found.longitude:.6f}")
    return lines


# -- calendars ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE for `tzid` covering the given years, built by `icalendar` from zoneinfo."""
    import icalendar

    component = icalendar.Timezone.from_tzinfo(
        zoneinfo.ZoneInfo(tzid),
        tzid=tzid,
        first_date=dt.date(max(first_year, 1), 1, 1),
        last_date=dt.date(min(last_year + 1, 9999), 1, 1),
    )
    data: bytes = component.to_ical()
    return data


def _sorted(events: Timeline | Iterable[Event]) -> tuple[tuple[Event, ...], Timeline | None]:
    if isinstance(events, Timeline):
        return events.events, events
    zone = dt.UTC
    return tuple(sorted(events, key=lambda e: (e.when.sort_key(zone), e.id))), None


def _header(name: str, description: str | None, refresh: str) -> bytes:
    if not _DURATION.fullmatch(refresh):
        raise IcsError(
            f"refresh {refresh!r} is not an iCalendar duration; write e.g. 'P1D' or 'PT6H'"
        )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    if description:
        lines += [
            f"DESCRIPTION:{escape_text(description)}",
            f"X-WR-CALDESC:{escape_text(description)}",
        ]
    lines += [f"REFRESH-INTERVAL;VALUE=DURATION:{refresh}", f"X-PUBLISHED-TTL:{refresh}"]
    return b"".join(map(fold, lines))


def _chunks(
    events: Timeline | Iterable[Event],
    *,
    name: str | None,
    description: str | None,
    domain: str | None,
    refresh: str | None,
    stamp: dt.datetime | None,
    feed: str | None,
) -> Iterator[bytes]:
    ordered, timeline = _sorted(events)
    settings = timeline.settings if timeline is not None else Settings()
    if feed is not None:
        if timeline is None:
            raise IcsError(f"feed {feed!r} needs a Timeline, whose timeline.toml names its feeds")
        found = settings.feeds.get(feed)
        if found is None:
            known = ", ".join(sorted(settings.feeds)) or "none"
            raise IcsError(f"no feed {feed!r} in timeline.toml; its feeds are: {known}")
        ordered = timeline.filter(found.filter).events
        name = name or found.title or found.name
        if description is None:
            description = found.description
    if stamp is None:
        stamp = stamp_from_environment()
    elif stamp.tzinfo is None or stamp.utcoffset() is None:
        raise TypeError(f"stamp {stamp!r} is naive; give it a tzinfo (e.g. datetime.UTC)")
    # One pass before writing: the policy chains, each distinct date's lines (computed once:
    # parsed Whens are shared objects, so identity is a cheap key), and the zones in use,
    # whose VTIMEZONEs go first because some clients read a TZID only after its definition.
    previous: dict[str, str] = {}
    related: dict[str, str] = {}
    cache: dict[int, _Dated] = {}  # id() is safe: `ordered` keeps every When alive
    dated: list[_Dated] = []
    years: dict[str, list[int]] = {}
    for event in ordered:
        if event.policy is not None:
            if event.policy in previous:
                related[event.id] = previous[event.policy]
            previous[event.policy] = event.id
        hit = cache.get(id(event.when))
        if hit is None:
            hit = cache[id(event.when)] = _dated(event.when)
        dated.append(hit)
        for zone in hit.zones:
            span = years.setdefault(zone, [9999, 1])
            for part in (event.when.start, event.when.end):
                if part is not None:
                    span[0] = min(span[0], part.first_day.year)
                    span[1] = max(span[1], part.first_day.year)
    ctx = _Context(
        domain=_raw(domain or settings.domain),
        stamp=fold(f"DTSTAMP:{_utc(stamp)}"),
        names={k: actor.name for k, actor in timeline.actors.items()} if timeline else {},
        heads={k: _head(source) for k, source in timeline.sources.items()} if timeline else {},
        places=timeline.places if timeline else {},
        policies=timeline.policies if timeline else {},
        related=related,
    )
    yield _header(
        name or settings.name,
        description if description is not None else settings.description,
        refresh or settings.refresh,
    )
    for zone in sorted(years):
        yield vtimezone(zone, *years[zone])
    for event, when_lines in zip(ordered, dated, strict=True):
        yield _vevent(event, ctx, when_lines)
    yield b"END:VCALENDAR\r\n"


def write_ics(
    events: Timeline | Iterable[Event],
    out: BinaryIO,
    *,
    name: str | None = None,
    description: str | None = None,
    domain: str | None = None,
    refresh: str | None = None,
    stamp: dt.datetime | None = None,
    feed: str | None = None,
) -> None:
    """Write the calendar to a binary file, one VEVENT at a time.

    Args:
        events: a `Timeline` (its settings, actors, places, policies and sources fill in names
            and defaults) or any events (then the defaults of `Settings` apply).
        out: a file opened for writing bytes.
        name: the calendar's name; default the timeline's `name`.
        description: the calendar's description; default the timeline's `description`.
        domain: the UID domain; default the timeline's `domain`.
        refresh: how often subscribers should refetch (RFC 5545 duration); default `refresh`.
        stamp: DTSTAMP of every event; default `SOURCE_DATE_EPOCH`, else now.
        feed: a named feed of the timeline's `timeline.toml`: only its events, and its title
            and description unless `name` and `description` are given.

    Raises:
        IcsError: `refresh` or SOURCE_DATE_EPOCH is malformed, or there is no such feed.
    """
    for chunk in _chunks(
        events,
        name=name,
        description=description,
        domain=domain,
        refresh=refresh,
        stamp=stamp,
        feed=feed,
    ):
        out.write(chunk)


def to_ics(
    events: Timeline | Iterable[Event],
    *,
    name: str | None = None,
    description: str | None = None,
    domain: str | None = None,
    refresh: str | None = None,
    stamp: dt.datetime | None = None,
    feed: str | None = None,
) -> bytes:
    """The calendar as bytes; same arguments as `write_ics`.

    >>> from timeline import Citation, Event, When
    >>> event = Event(id="pledge", title="Xi pledges support", when=When.parse("2025-04"),
    ...               cite=(Citation(source="npr"),))
    >>> data = to_ics([event], stamp=dt.datetime(2025, 12, 31, tzinfo=dt.UTC))
    >>> b"SUMMARY:Xi pledges support (April 2025)" in data
    True
    """
    return b"".join(
        _chunks(
            events,
            name=name,
            description=description,
            domain=domain,
            refresh=refresh,
            stamp=stamp,
            feed=feed,
        )
    )
