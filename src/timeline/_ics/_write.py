"""iCalendar (RFC 5545) export: one VEVENT per event, byte-reproducible, honest about dates.

The serializer is written here rather than built from `icalendar` objects: calendars are
rebuilt on every publish and subscribed feeds can be large, and writing content lines
directly is an order of magnitude faster (benchmarks/). `icalendar` still writes the
VTIMEZONE blocks (from zoneinfo; we only find their observances faster) and is what the
tests parse our output with.

Where each date lands is `_dates`'s part (an imprecise one becomes a one-day marker whose
SUMMARY carries the real label). The exact notation rides along in `X-TIMELINE-WHEN` (zone
in its `X-TIMELINE-TZ` parameter), so `timeline.read_ics` gives back what was exported.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from typing import BinaryIO, Final, NamedTuple, TypeAlias, TypedDict, Unpack

import attrs

from timeline._clock import source_date_epoch
from timeline._endpoint import Endpoint, offset_notation
from timeline._ics._dates import local_note, place, utc_value
from timeline._ics._lines import (
    DETAILS_RULE,
    X_LOCALE,
    X_SAID,
    X_TZ,
    X_WHEN,
    escape_text,
    escape_utf8,
    fold,
    fold_utf8,
    param,
    raw,
)
from timeline._ics._revise import Previous, Revisions
from timeline._labels import effect_label, when_label
from timeline._locale import chosen as chosen_locale
from timeline._locale import message
from timeline._model import Citation, Effect, Event, Place, Policy, Settings, Source
from timeline._text import did_you_mean, quoted
from timeline._timeline import Timeline
from timeline._when import Precision, Qualifier, When
from timeline.errors import IcsError

__all__ = ["FeedCalendar", "IcsOptions", "feed_calendar", "to_ics", "write_ics"]

PRODID: Final = "-//timeline-events//timeline//EN"
_DURATION: Final = re.compile(
    r"P(?:\d+W|(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)"
)


def stamp_from_environment() -> dt.datetime:
    """DTSTAMP: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now, in UTC.

    Raises:
        IcsError: SOURCE_DATE_EPOCH is set but is not a whole number of seconds.
    """
    try:
        epoch = source_date_epoch()
    except ValueError as error:
        raise IcsError(str(error)) from None
    if epoch is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


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
    revisions: Revisions | None = None  # the calendar this one replaces, when given
    locale: str | None = None  # the language of the generated text (normalised); None: English
    policy_lines: dict[tuple[str, Effect | None], str] = attrs.field(factory=dict)
    place_lines: dict[str, bytes] = attrs.field(factory=dict)  # place id → LOCATION (+ GEO)
    categories: dict[tuple[str, ...], bytes] = attrs.field(factory=dict)
    #: DESCRIPTION pieces, escaped: "Who: ..." per actor list, the policy line, and the
    #: "Sources:" block of a single citation (by id: the events keep every citation alive).
    who: dict[tuple[str, ...], bytes] = attrs.field(factory=dict)
    policy_pieces: dict[tuple[str, Effect | None], bytes] = attrs.field(factory=dict)
    cited: dict[int, bytes] = attrs.field(factory=dict)
    said: dict[str, tuple[bytes, bytes]] = attrs.field(factory=dict)  # see `_said`


def _head(source: Source) -> str:
    head = "• " + (f"{source.publisher}: " if source.publisher else "") + source.title
    return f"{head} <{source.url}>" if source.url else head


def _quoted(citation: Citation, lines: list[str]) -> None:
    quote = citation.quote
    if quote:
        lines.append(f"  {quoted(quote)}")
    if citation.note:
        lines.append(f"  {citation.note}")


def _description(event: Event, ctx: _Context, note: str | None) -> str:
    # The rule parts the summary from the details, so an import can tell them apart; with no
    # summary the details come first, and a description never opens with the rule.
    details = [f"{event.summary}\n\n{DETAILS_RULE}"] if event.summary else []
    if note:
        details.append(note)
    if event.said:
        details.append(message(ctx.locale, "ics_said", event.said))
    if event.actors:
        names = ctx.names
        details.append(
            message(ctx.locale, "ics_who", ", ".join([names.get(a, a) for a in event.actors]))
        )
    if event.policy:
        details.append(_policy_line(event, ctx))
    details.append(message(ctx.locale, "ics_sources"))
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


_RULE: Final = escape_utf8(DETAILS_RULE)
_SOURCES: Final = b"Sources:"
_NEWLINE: Final = b"\\n"  # a newline in an escaped TEXT value
_AFTER_SUMMARY: Final = _NEWLINE + _RULE  # joined by a newline: a blank line, then the rule
_PIECES: Final = 1 << 16  # "Who:" pieces, citations and phrases remembered (each table)


def _escaped_description(event: Event, ctx: _Context, dated: _Dated) -> bytes:
    """`escape_utf8(_description(event, ctx, dated.note))`, from pieces escaped once each.

    Escaping goes character by character, so pieces escaped apart and joined by an escaped
    newline give the same octets as the whole escaped at once: except after a piece that
    ends in CR, which with the newline after it makes one line end (CR LF), so an event
    with such a piece is escaped whole, as `_description` writes it.
    """
    summary, said = event.summary, event.said
    if (summary and summary[-1] == "\r") or dated.note_ends_in_cr:
        return escape_utf8(_description(event, ctx, dated.note))
    parts = [escape_utf8(summary), _AFTER_SUMMARY] if summary else []
    if dated.escaped_note:
        parts.append(dated.escaped_note)
    if said:
        parts.append(_said(said, ctx)[0])
    if event.actors:
        who = ctx.who.get(event.actors)
        if who is None:
            names = ctx.names
            text = message(
                ctx.locale, "ics_who", ", ".join([names.get(a, a) for a in event.actors])
            )
            if text[-1] == "\r":
                return escape_utf8(_description(event, ctx, dated.note))
            who = escape_utf8(text)
            if len(ctx.who) < _PIECES:
                ctx.who[event.actors] = who
        parts.append(who)
    if event.policy:
        key = (event.policy, event.effect)
        piece = ctx.policy_pieces.get(key)
        if piece is None:
            text = _policy_line(event, ctx)
            if text[-1] == "\r":
                return escape_utf8(_description(event, ctx, dated.note))
            piece = ctx.policy_pieces[key] = escape_utf8(text)
        parts.append(piece)
    parts.append(
        _SOURCES if ctx.locale is None else escape_utf8(message(ctx.locale, "ics_sources"))
    )
    cite = event.cite
    if len(cite) > 1 and len({c.source for c in cite}) < len(cite):
        return escape_utf8(_description(event, ctx, dated.note))  # grouped by source: rare
    for citation in cite:  # each source once, so each citation is its own source's block
        block = ctx.cited.get(id(citation))
        if block is None:
            lines = [ctx.heads.get(citation.source) or f"• {citation.source}"]
            _quoted(citation, lines)
            if any(line[-1:] == "\r" for line in lines):
                return escape_utf8(_description(event, ctx, dated.note))
            block = escape_utf8("\n".join(lines))
            if len(ctx.cited) < _PIECES:  # a citation each event: memory would grow with them
                ctx.cited[id(citation)] = block
        parts.append(block)
    return _NEWLINE.join(parts)


def _said(said: str, ctx: _Context) -> tuple[bytes, bytes]:
    """The DESCRIPTION piece of a source's phrase and its folded X-TIMELINE-SAID line, made
    once per distinct phrase (a few recur: "earlier this year")."""
    found = ctx.said.get(said)
    if found is None:
        piece = escape_utf8(message(ctx.locale, "ics_said", said))  # ends in a quotation mark
        found = (piece, fold_utf8(_SAID + escape_utf8(said)))
        if len(ctx.said) < _PIECES:
            ctx.said[said] = found
    return found


def _policy_line(event: Event, ctx: _Context) -> str:
    assert event.policy is not None
    key = (event.policy, event.effect)
    line = ctx.policy_lines.get(key)
    if line is None:
        policy = ctx.policies.get(event.policy)
        title = policy.title if policy else event.policy
        effect = f" ({effect_label(event.effect, ctx.locale)})" if event.effect else ""
        line = ctx.policy_lines[key] = message(ctx.locale, "ics_policy", f"{title}{effect}")
    return line


class _Dated(NamedTuple):
    """What a `When` contributes to a VEVENT, computed and folded once per distinct value."""

    dates: bytes  # the folded DTSTART (and DTEND or DURATION) lines
    zones: tuple[str, ...]
    suffix: str  # " (April 2025)" for a marker's SUMMARY, else ""
    note: str | None
    x_when: bytes
    escaped_note: bytes | None  # `note`, escaped for DESCRIPTION
    note_ends_in_cr: bool


def _short(line: str) -> bytes:
    """`fold(line)`, quicker for the short ASCII lines dates make (one octet a character)."""
    if len(line) <= 75 and line.isascii():
        return (line + "\r\n").encode()
    return fold(line)


def _dated(when: When, locale: str | None = None) -> _Dated:
    """What `when` contributes to a VEVENT in the language of `locale` (None: English)."""
    start = when.start
    if start is not None and start is when.end and not when.is_interval:
        found = _one_point(when, start)
        if found is not None:
            return found
    return _placed(when, locale)


def _placed(when: When, locale: str | None = None) -> _Dated:
    """`_dated` of any value, through `place` and `str(when)`."""
    placement = place(when)
    zone = f";{X_TZ}={param(when.tz)}" if when.tz else ""
    suffix, note = "", None
    if placement.marker:
        label = when_label(when, locale)
        suffix, note = f" ({label})", local_note(when, placement.day, label, locale)
    # A notation holds none of the characters TEXT escapes (digits, "-:/.XTZ+~?%" only).
    return tuple.__new__(  # as in `_plain`: the fields in order, five times quicker
        _Dated,
        (
            b"".join(map(_short, placement.lines)),  # dates
            placement.zones,
            suffix,
            note,
            _short(f"{X_WHEN}{zone}:{when}"),  # x_when
            None if not note else escape_utf8(note),  # escaped_note
            note is not None and note.endswith("\r"),  # note_ends_in_cr
        ),
    )


_DAY_LINES: Final = b"DTSTART;VALUE=DATE:%04d%02d%02d\r\nDTEND;VALUE=DATE:%04d%02d%02d\r\n"
_DAY_WHEN: Final = f"{X_WHEN}:%04d-%02d-%02d\r\n".encode()
_UTC_LINE: Final = b"DTSTART:%04d%02d%02dT%02d%02d%02dZ\r\n"
_NEXT_DAY: Final = dt.timedelta(days=1)
_LAST_DAY: Final = (9999, 12, 31)  # no day follows it: `place` writes no DTEND then


def _one_point(when: When, part: Endpoint) -> _Dated | None:
    """`_dated` of a single day or moment known exactly (most dates are one), written
    straight from its fields; None for anything else, left to `_placed`.

    The same bytes as `_placed` (a property test compares the two): a day is an all-day
    event ending the next day, a moment its UTC time or its wall time in its zone.
    """
    year, month, day, time = part.year, part.month, part.day, part.time
    if month is None or day is None or part.qualifier is not Qualifier.NONE:
        return None
    if time is None:
        if part.precision is not Precision.DAY or (year, month, day) == _LAST_DAY:
            return None
        after = dt.date(year, month, day) + _NEXT_DAY
        return _plain(
            _DAY_LINES % (year, month, day, after.year, after.month, after.day),
            (),
            _DAY_WHEN % (year, month, day),
        )
    hour, minute, second = time.hour, time.minute, time.second
    clock = f"{hour:02d}:{minute:02d}"
    if part.precision is Precision.SECOND:
        clock += f":{second:02d}"
    notation = f"{year:04d}-{month:02d}-{day:02d}T{clock}"
    offset = part.offset
    if offset is None:  # a wall time in the value's zone, which a VTIMEZONE defines
        tz = when.tz
        assert tz is not None
        zone = param(tz)
        local = f"{year:04d}{month:02d}{day:02d}T{hour:02d}{minute:02d}{second:02d}"
        dates = _short(f"DTSTART;TZID={zone}:{local}")
        return _plain(dates, (tz,), _short(f"{X_WHEN};{X_TZ}={zone}:{notation}"))
    if not -_NEXT_DAY < offset < _NEXT_DAY or when.tz is not None:
        return None  # no UTC offset: the general case refuses it
    try:
        utc = dt.datetime(year, month, day, hour, minute, second) - offset  # noqa: DTZ001
    except OverflowError:
        return None  # before year 1 or after 9999 in UTC: the general case says so
    return _plain(
        _UTC_LINE % (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second),
        (),
        _short(f"{X_WHEN}:{notation}{offset_notation(offset)}"),
    )


def _plain(dates: bytes, zones: tuple[str, ...], x_when: bytes) -> _Dated:
    """The `_Dated` of a date shown as it is (no marker), built as the tuple it is: five
    times quicker than by keywords, once for each of a calendar's dates."""
    return tuple.__new__(_Dated, (dates, zones, "", None, x_when, None, False))


_BEGIN: Final = b"BEGIN:VEVENT\r\n"
_END: Final = b"END:VEVENT\r\n"
_SAID: Final = f"{X_SAID}:".encode()
_TRANSP: Final = b"TRANSP:TRANSPARENT\r\n"  # an event in a timeline does not make anyone busy


def _vevent(event: Event, ctx: _Context, dated: _Dated) -> bytes:
    out = [
        _BEGIN,
        _id_line("UID:", event.id, ctx.domain),
        ctx.stamp,
        dated.dates,
        fold_utf8(b"SUMMARY:" + escape_utf8(event.title + dated.suffix)),
        fold_utf8(b"DESCRIPTION:" + _escaped_description(event, ctx, dated)),
    ]
    if event.place:
        lines = ctx.place_lines.get(event.place)
        if lines is None:
            lines = ctx.place_lines[event.place] = _location(event.place, ctx)
        out.append(lines)
    if event.url:
        out.append(fold_utf8(f"URL:{raw(event.url)}".encode()))
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
        out.append(_id_line("RELATED-TO;RELTYPE=SIBLING:", previous, ctx.domain))
    out += (_TRANSP, dated.x_when)
    if event.said:
        out.append(_said(event.said, ctx)[1])
    out.append(_END)
    return b"".join(out) if ctx.revisions is None else ctx.revisions.revise(out)


_TAG_CACHE: Final = 65_536  # distinct tag lists remembered; more are folded each time


def _id_line(name: str, event_id: str, domain: str) -> bytes:
    """The folded UID (or RELATED-TO) line. An id is a slug (the model checks it), so ASCII
    and printable: one octet a character, nothing for `raw` to take out, and short lines
    need no folding; anything else goes the long way."""
    line = f"{name}{event_id}@{domain}\r\n"
    if len(line) <= 77 and line.isascii() and event_id.isprintable():  # the domain is `raw`
        return line.encode()
    return fold_utf8(f"{name}{raw(event_id)}@{domain}".encode())


def _location(place_id: str, ctx: _Context) -> bytes:
    """The folded LOCATION line of a place, and its GEO line when it has coordinates."""
    found = ctx.places.get(place_id)
    lines = fold_utf8(b"LOCATION:" + escape_utf8(found.name if found else place_id))
    if found and found.latitude is not None and found.longitude is not None:
        lines += fold(f"GEO:{found.latitude:.6f};{found.longitude:.6f}")
    return lines


# -- calendars ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE for `tzid` covering the given years: `icalendar`'s, found faster.

    The same octets as `icalendar.Timezone.from_tzinfo(...).to_ical()` (tests compare them
    zone by zone), from the same observances serialised by `icalendar`'s own components; only
    the search for them stops at the last year (see `_observances`).
    """
    import icalendar

    first, last = dt.date(max(first_year, 1), 1, 1), dt.date(min(last_year + 1, 9999), 1, 1)
    component = icalendar.Timezone()
    component.add("TZID", tzid)
    component.add("COMMENT", f"This timezone only works from {first} to {last}.")
    for (offset_from, offset_to, tzname, is_standard), starts in _observances(
        zoneinfo.ZoneInfo(tzid), first, last
    ).items():
        first_start = min(starts)
        starts.remove(first_start)
        if first_start.date() == last:
            first_start = dt.datetime(last.year, last.month, last.day)  # noqa: DTZ001
        part = icalendar.TimezoneStandard() if is_standard else icalendar.TimezoneDaylight()
        part.TZOFFSETFROM = offset_to if offset_from is None else offset_from
        part.TZOFFSETTO = offset_to
        part.add("TZNAME", tzname)
        part.DTSTART = first_start
        if starts:
            part.add("RDATE", starts)
        component.add_component(part)
    data: bytes = component.to_ical()
    return data


#: The steps `icalendar` searches for each change of offset with, coarse to fine.
_STEPS: Final = (
    *(dt.timedelta(days=days) for days in (64, 32, 16, 8, 4, 2, 1)),
    dt.timedelta(hours=4),
    dt.timedelta(hours=1),
    dt.timedelta(minutes=20),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=1),
    dt.timedelta(seconds=20),
    dt.timedelta(seconds=5),
    dt.timedelta(seconds=1),
)
_Observance: TypeAlias = tuple[dt.timedelta | None, dt.timedelta, str, bool]


def _observances(
    zone: dt.tzinfo, first: dt.date, last: dt.date
) -> dict[_Observance, list[dt.datetime]]:
    """Each (offset from, offset to, name, standard?) of `zone` and the local times it
    starts at, from `first` to `last`: `icalendar`'s `Timezone.from_tzinfo` search, step for
    step, except that a stretch of one offset that reaches past `last` is not followed on.

    `icalendar` follows the last stretch to the end of time (year 9999, 45,000 look-ups in a
    zone without daylight saving time) only to step past it; what it writes depends only on
    where each stretch starts, and none starts after `last`, so the result is the same.
    """
    start = dt.datetime(first.year, first.month, first.day, tzinfo=zone)
    end_of_range = dt.datetime(last.year, last.month, last.day, tzinfo=zone)
    found: dict[_Observance, list[dt.datetime]] = {}
    offset_to: dt.timedelta | None = None
    while start < end_of_range:
        offset_from, end = offset_to, start
        offset_to = end.utcoffset()
        assert offset_to is not None
        for step in _STEPS:
            kept, end = end, end + step
            while end.utcoffset() == offset_to and kept < end_of_range:
                kept, end = end, end + step
            end = kept
            if end >= end_of_range:  # past `last`: where this stretch ends changes nothing
                break
        name = start.tzname()
        if name is None:
            name = str(offset_to)
        key = (offset_from, offset_to, name, start.dst() == dt.timedelta())
        found.setdefault(key, []).append(start.replace(tzinfo=None))
        start = end + _STEPS[-1]
    return found


def _sorted(events: Timeline | Iterable[Event]) -> tuple[tuple[Event, ...], Timeline | None]:
    if isinstance(events, Timeline):
        return events.events, events
    zone = dt.UTC
    return tuple(sorted(events, key=lambda e: (e.when.sort_key(zone), e.id))), None


def _header(name: str, description: str | None, refresh: str, locale: str | None) -> bytes:
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
    if locale is not None:  # so that reading it back knows the language of its labels
        lines.append(f"{X_LOCALE}:{locale}")
    return b"".join(map(fold, lines))


class FeedCalendar(NamedTuple):
    """A named feed of `timeline.toml`, resolved to what its calendar holds and is called."""

    timeline: Timeline  # the feed's events, with every record of the timeline
    name: str  # the feed's title, else its name
    description: str | None


def feed_calendar(timeline: Timeline, feed: str) -> FeedCalendar:
    """The events, calendar name and description of the feed named `feed`.

    Raises:
        IcsError: `timeline.toml` names no such feed; the message lists those it names.
    """
    feeds = timeline.settings.feeds
    found = feeds.get(feed)
    if found is None:
        known = ", ".join(sorted(feeds)) or "none"
        hint = did_you_mean(feed, feeds)
        raise IcsError(f"no feed {feed!r} in timeline.toml{hint}; its feeds are: {known}")
    return FeedCalendar(timeline.filter(found.filter), found.title or found.name, found.description)


class IcsOptions(TypedDict, total=False):
    """The keywords of `write_ics`, which `to_ics` passes on (tests check the two agree)."""

    name: str | None
    description: str | None
    domain: str | None
    refresh: str | None
    stamp: dt.datetime | None
    feed: str | None
    locale: str | None
    previous: Previous | None


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
    locale: str | None = None,
    previous: Previous | None = None,
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
        locale: the language of the text the calendar writes itself (date labels, the
            precision notes, "Sources:"); default the timeline's `locale`, else English.
        previous: the calendar this one replaces (its bytes or its path): a VEVENT whose content
            changed gets SEQUENCE one higher and LAST-MODIFIED `stamp`; an unchanged one
            keeps its DTSTAMP, LAST-MODIFIED and SEQUENCE, and so its bytes.

    Raises:
        IcsError: `refresh` or SOURCE_DATE_EPOCH is malformed, there is no such feed, or
            `previous` is not an iCalendar calendar.
        ValueError: `locale` is not supported.
    """
    ordered, timeline = _sorted(events)
    settings = timeline.settings if timeline is not None else Settings()
    tag = chosen_locale(locale, settings.locale)
    if feed is not None:
        if timeline is None:
            raise IcsError(f"feed {feed!r} needs a Timeline, whose timeline.toml names its feeds")
        chosen = feed_calendar(timeline, feed)
        ordered = chosen.timeline.events
        name = name or chosen.name
        if description is None:
            description = chosen.description
    if stamp is None:
        stamp = stamp_from_environment()
    elif stamp.tzinfo is None or stamp.utcoffset() is None:
        raise TypeError(f"stamp {stamp!r} is naive; give it a tzinfo (e.g. datetime.UTC)")
    # One pass before writing: the policy chains, each distinct date's lines (computed once:
    # parsed Whens are shared objects, so identity is a cheap key), and the zones in use,
    # whose VTIMEZONEs go first because some clients read a TZID only after its definition.
    revisions = None if previous is None else Revisions.of(previous, utc_value(stamp))
    last_of: dict[str, str] = {}  # policy id → its latest event so far
    related: dict[str, str] = {}
    cache: dict[int, _Dated] = {}  # id() is safe: `ordered` keeps every When alive
    dated: list[_Dated] = []
    years: dict[str, list[int]] = {}
    for event in ordered:
        if event.policy is not None:
            if event.policy in last_of:
                related[event.id] = last_of[event.policy]
            last_of[event.policy] = event.id
        when = event.when
        hit = cache.get(id(when))
        if hit is None:
            hit = cache[id(when)] = _dated(when, tag)
            for zone in hit.zones:  # the years of a zone are those of its dates
                span = years.setdefault(zone, [9999, 1])
                for part in (when.start, when.end):
                    if part is not None:
                        span[0] = min(span[0], part.first_day.year)
                        span[1] = max(span[1], part.first_day.year)
        dated.append(hit)
    ctx = _Context(
        domain=raw(domain or settings.domain),
        stamp=fold(f"DTSTAMP:{utc_value(stamp)}"),
        revisions=revisions,
        names={k: actor.name for k, actor in timeline.actors.items()} if timeline else {},
        heads={k: _head(source) for k, source in timeline.sources.items()} if timeline else {},
        places=timeline.places if timeline else {},
        policies=timeline.policies if timeline else {},
        related=related,
        locale=tag,
    )
    write = out.write
    write(
        _header(
            name or settings.name,
            description if description is not None else settings.description,
            refresh or settings.refresh,
            tag,
        )
    )
    for zone in sorted(years):
        write(vtimezone(zone, *years[zone]))
    batch: list[bytes] = []  # a few hundred VEVENTs a write: fewer calls, little memory
    for event, when_lines in zip(ordered, dated, strict=True):
        batch.append(_vevent(event, ctx, when_lines))
        if len(batch) == 256:
            write(b"".join(batch))
            batch.clear()
    write(b"".join(batch))
    write(b"END:VCALENDAR\r\n")


def to_ics(events: Timeline | Iterable[Event], **options: Unpack[IcsOptions]) -> bytes:
    """The calendar as bytes: `write_ics` into memory, with the same keywords.

    >>> from timeline import Citation, Event, When
    >>> event = Event(id="pledge", title="Xi pledges support", when=When.parse("2025-04"),
    ...               cite=(Citation(source="npr"),))
    >>> data = to_ics([event], stamp=dt.datetime(2025, 12, 31, tzinfo=dt.UTC))
    >>> b"SUMMARY:Xi pledges support (April 2025)" in data
    True
    """
    out = io.BytesIO()
    write_ics(events, out, **options)
    return out.getvalue()
