"""iCalendar import: any calendar's VEVENTs become events, with the records they need.

Parsing is `icalendar`'s job (made tolerant by `_parse`, which reads the file twice a chunk
at a time and gives one VEVENT at a time, with each file's zones from `_zones`); this module
decides what each VEVENT means as an `Event`, and keeps nothing of it after:

- the date: `X-TIMELINE-WHEN` (written by `timeline.to_ics`) wins; otherwise `VALUE=DATE`
  gives days (a span when DTEND is more than a day later), DATE-TIME gives instants (a
  span of instants when DTEND is later), kept in their IANA zone when the TZID names one,
  as a UTC offset from the file's own VTIMEZONE otherwise, and floating times in `zone`;
- the id: the part of the UID before `@` when it is already a slug, else a slug of the
  UID (shortened with a hash); repeats get `-2`, `-3`, …;
- recurring events: the first occurrence (DTSTART) is imported and the RRULE is noted in
  the summary; overrides of one occurrence (RECURRENCE-ID) are skipped when their series
  is in the same file (docs/calendars.md);
- what an event needs (SUMMARY, a readable DTSTART, DTEND or DURATION, a zone the file
  defines) missing or unreadable skips the event, saying why; anything else unreadable (a
  malformed RRULE, a VALARM's TRIGGER, an unknown value type) costs a warning only;
- text is kept whole: what must change (a control character dropped, a field cut to the
  longest one may hold, bytes that are not UTF-8) is said in a warning.

Every event cites one `Source` that stands for the calendar file; each distinct LOCATION
becomes a `Place` (ids that two names never share, see `timeline._text.name_id`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import os
import re
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Final, TypeVar

from timeline._ics._dates import place
from timeline._ics._lines import DETAILS_RULE, X_LOCALE, X_SAID, X_TZ, X_WHEN, unescape_text
from timeline._ics._parse import CUT_SHORT, Decoded, lines, scan, vevents
from timeline._ics._zones import Zones
from timeline._imported import Ids, Imported
from timeline._model import Citation, Event, Place, Source
from timeline._text import CONTROL, SLUG, URL, clean, fit, name_id, printable, slugify
from timeline._when import When
from timeline.errors import IcsError, SkippedRecordError, TimelineError, WhenError

__all__ = ["Imported", "from_ics", "read_ics", "short"]

_MAX_ID: Final = 64
#: What an event is made of: when one of these cannot be read, the event is skipped.
_NEEDED: Final = frozenset({"SUMMARY", "DTSTART", "DTEND", "DURATION", X_WHEN, "RECURRENCE-ID"})
#: Anything but white space as `bytes.strip` sees it.
_INK: Final = re.compile(rb"[^ \t\n\r\x0b\x0c]")
_T = TypeVar("_T")


def from_ics(data: str | os.PathLike[str] | bytes, *, zone: str = "UTC") -> list[Event]:
    """The events of a calendar (a path, or the calendar's bytes); see `read_ics`.

    Raises:
        IcsError: the data is not an iCalendar calendar, or the file cannot be read.
    """
    return list(read_ics(data, zone=zone).events)


def read_ics(
    data: str | os.PathLike[str] | bytes,
    *,
    source_id: str | None = None,
    zone: str = "UTC",
) -> Imported:
    """Read a calendar into events, their source and places, warnings, and what was skipped.

    Args:
        data: a path to an .ics file, its bytes, or its text (a str starting "BEGIN:").
        source_id: the id of the `Source` every event cites; default from the file name.
        zone: the IANA zone floating times (no TZID, no Z) are read in.

    Raises:
        IcsError: the data is not an iCalendar calendar, or the file cannot be read.
    """
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise IcsError(f"zone {zone!r} is not a known IANA time zone") from error
    calendar = _Calendar(data)
    name = calendar.name
    if calendar.empty():
        raise IcsError(f"{name!r} is empty; export the calendar as .ics (RFC 5545) and try again")
    decoded = Decoded()
    with calendar.open() as stream:
        found = calendar.guard(lambda: scan(lines(stream, decoded)))
    if not found.tops or not any(cal.name == "VCALENDAR" for cal in found.tops):
        raise IcsError(f"{name!r} holds no VCALENDAR; is it an iCalendar (.ics) file?")
    warnings: list[str] = []
    if decoded.replaced:
        warnings.append(
            f"{name}: {decoded.replaced:,} byte(s) are not UTF-8 (the first at byte "
            f"{decoded.first_bad:,}); each became U+FFFD (\ufffd). Export the calendar as "
            "UTF-8 to keep that text"
        )
    for cal in found.tops:
        for prop, problem in getattr(cal, "errors", ()):
            warnings.append(f"{name}: {cal.name}: " + _unreadable_note(prop, problem, "ignored"))
    title = next((_text(cal["X-WR-CALNAME"]) for cal in found.tops if "X-WR-CALNAME" in cal), None)
    source = Source(
        id=source_id or slugify("ics-" + Path(name).stem, fallback="ics-import"),
        title=_field(title, "X-WR-CALNAME", []) or f"Calendar {name}",
        note=f"Imported from {name} by timeline import.",
    )
    reader = _Reader(source.id, zone, Zones(found.zones))
    reader.locale = _locale(found.tops)
    series = found.series
    events: list[Event] = []
    skipped: list[str] = []
    with calendar.open() as stream:
        components = vevents(lines(stream))
        for index in itertools.count(1):
            component = calendar.guard(lambda: next(components, None))
            if component is None:
                break
            label = f"{name}: VEVENT {index}" + (
                f" ({short(str(component['UID']))})" if "UID" in component else ""
            )
            if "RECURRENCE-ID" in component and str(component.get("UID")) in series:
                skipped.append(f"{label}: it changes one occurrence of a recurring event")
                continue
            notes: list[str] = []
            try:
                events.append(reader.event(component, notes))
            except SkippedRecordError as skip:
                skipped.append(f"{label}: {skip}")
                continue
            finally:
                warnings += (f"{label}: {note}" for note in notes)
    return Imported(
        sources=(source,),
        events=tuple(events),
        places=tuple(reader.places.values()),
        warnings=tuple(warnings),
        skipped=tuple(skipped),
    )


class _Calendar:
    """Where a calendar's bytes come from (a path, or bytes in memory), opened once for each
    pass over them."""

    def __init__(self, data: str | os.PathLike[str] | bytes) -> None:
        self.data: bytes | None = None
        self.path: Path | None = None
        if isinstance(data, bytes):
            self.data, self.name = data, "calendar"
        elif isinstance(data, str) and data.lstrip().startswith("BEGIN:"):
            self.data, self.name = data.encode(), "calendar"  # a calendar's text, not a path
        else:
            self.path = Path(data)
            self.name = self.path.name

    def open(self) -> IO[bytes]:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as error:
            raise self._unreadable(error) from error

    def empty(self) -> bool:
        """Whether the calendar holds nothing but white space (bytes.strip's)."""
        with self.open() as stream:
            while block := self.guard(lambda: stream.read(1 << 16)):
                if _INK.search(block):
                    return False
        return True

    def guard(self, step: Callable[[], _T]) -> _T:
        """`step()`, with what reading or parsing the file raises said as an `IcsError`."""
        try:
            return step()
        except MemoryError:  # a calendar too big for memory is not a malformed one
            raise
        except OSError as error:
            raise self._unreadable(error) from error
        except Exception as error:  # icalendar fails on hostile input in many ways (fuzzing)
            raise IcsError(
                f"{self.name!r} is not an iCalendar file ({short(str(error))}); "
                "export the calendar as .ics (RFC 5545) and try again"
            ) from error

    def _unreadable(self, error: OSError) -> IcsError:
        return IcsError(f"cannot read {str(self.path)!r}: {error.strerror or error}")


# -- one VEVENT --------------------------------------------------------------------------------


class _Reader:
    """What the VEVENTs of one file share: the source, zones, the ids and places given out."""

    def __init__(self, source_id: str, zone: str, zones: Zones) -> None:
        self.source_id = source_id
        self.zone = zone
        self.zones = zones
        self.locale: str | None = None  # the language of our SUMMARY date labels, if not English
        self.ids = Ids()
        self.places: dict[str, Place] = {}  # by name as written: distinct names, distinct places
        self.place_ids = Ids()
        self.tags: dict[str, tuple[str, bool]] = {}  # by category as written: its tag

    def event(self, component: Any, notes: list[str]) -> Event:
        """The event a VEVENT describes; what it lost on the way goes in `notes`."""
        self._unreadable(component, notes)
        title = _field(_text(component.get("SUMMARY")), "SUMMARY", notes)
        if not title:
            raise SkippedRecordError("it has no SUMMARY (title)")
        try:
            when = self._when(component)
        except (OverflowError, WhenError) as error:  # dates past year 9999 or before year 1
            raise SkippedRecordError(f"its dates cannot be read: {short(str(error))}") from error
        summary = _field(_text(component.get("DESCRIPTION")), "DESCRIPTION", notes)
        if X_WHEN in component:
            if place(when).marker:
                suffix = f" ({_label(when, self.locale)})"
                title = title.removesuffix(suffix) if title != suffix else title
            if summary is not None:  # ours: the summary, if any, stands before the rule
                before, details, _ = summary.partition(DETAILS_RULE)
                summary = (before.strip() or None) if details else None
        rule = _first(component.get("RRULE"))
        if rule is not None:
            readable = "RRULE" not in {name for name, _ in component.errors}
            raw = rule.to_ical().decode("utf-8", "replace") if readable else str(rule)
            written = _field(raw, "RRULE", notes) or "?"
            note = (
                f"Repeats ({written}); imported as its first occurrence."
                if readable
                else f"Repeats ({written}, a rule that cannot be read); imported as its "
                "first occurrence."
            )
            summary = f"{summary}\n\n{note}" if summary else note
        location = None
        where = _field(_text(component.get("LOCATION")), "LOCATION", notes)
        if where and where.strip():
            location = self.places.get(where)
            if location is None:
                location = Place(
                    id=self.place_ids.take(name_id(where, fallback="place")), name=where
                )
                self.places[where] = location
        uid = _field(_text(component.get("UID")), "UID", notes)
        event_id = self.ids.take(
            _id_from_uid(uid) if uid else slugify(f"{title} {when}") or "event"
        )
        url = _text(component.get("URL"))
        said = _text(component.get(X_SAID))
        tags, written_as = _tags(component.get("CATEGORIES"), self.tags)
        note = "\n".join(
            ([f"UID {uid}"] if uid else [])
            + ([f"Categories as written: {', '.join(written_as)}"] if written_as else [])
        )
        return Event(
            id=event_id,
            title=title,
            when=when,
            said=_field(unescape_text(said), X_SAID, notes) if said is not None else None,
            summary=_field(summary, "DESCRIPTION", notes) if summary else None,
            place=location.id if location else None,
            tags=tags,
            url=url if url and URL.fullmatch(url) and not CONTROL.search(url) else None,
            cite=(Citation(source=self.source_id, note=note or None),),
        )

    @staticmethod
    def _unreadable(component: Any, notes: list[str]) -> None:
        """Skip the event when what it needs cannot be read; note everything else."""
        for name, problem in component.errors:
            if name in _NEEDED:
                raise SkippedRecordError(f"its {name} cannot be read: {short(problem)}")
            notes.append(_unreadable_note(name, problem, "imported without it"))
        for inner in component.walk():
            if inner is component:
                continue
            for name, problem in inner.errors:
                notes.append(
                    f"{inner.name} {name or 'line'} cannot be read ({short(problem)}); "
                    f"ignored (timeline keeps no {inner.name})"
                )

    def _when(self, component: Any) -> When:
        exact = _first(component.get(X_WHEN))
        if exact is not None:
            tz = exact.params.get(X_TZ) or None
            try:
                return When.parse(unescape_text(str(exact)), tz=tz)
            except WhenError as error:
                raise SkippedRecordError(f"{X_WHEN}: {error}") from error
        start_prop = _first(component.get("DTSTART"))
        if start_prop is None:
            raise SkippedRecordError("it has no DTSTART")
        start = self._moment(start_prop)
        if not isinstance(start, dt.date):  # VALUE=PERIOD, TIME or DURATION
            raise SkippedRecordError(
                f"DTSTART is a {type(start).__name__}, not a date or date-time"
            )
        end = self._end(component, start)
        if not isinstance(start, dt.datetime):
            last = end - dt.timedelta(days=1) if isinstance(end, dt.date) else start
            if isinstance(last, dt.datetime) or last <= start:
                return When.parse(start.isoformat())
            return When.parse(f"{start.isoformat()}/{last.isoformat()}")
        if isinstance(end, dt.datetime) and end.tzinfo is None:
            end = end.replace(tzinfo=start.tzinfo)
        ends = [start] if not (isinstance(end, dt.datetime) and end > start) else [start, end]
        key = getattr(start.tzinfo, "key", None)
        if isinstance(key, str) and key != "UTC" and _iana(key):
            local = zoneinfo.ZoneInfo(key)
            text = "/".join(_clock(moment.astimezone(local)) for moment in ends)
            try:
                return When.parse(text, tz=key)
            except WhenError:
                pass  # a DST gap or repeat: fall back to offsets, which are never ambiguous
        text = "/".join(_clock(moment) + _offset(moment) for moment in ends)
        return When.parse(text)

    def _moment(self, prop: Any) -> Any:
        """A DTSTART or DTEND value, with its zone: IANA, the file's own, or `zone` if floating."""
        value = prop.dt
        if not isinstance(value, dt.datetime):
            return value
        tzid = prop.params.get("TZID")
        if tzid:
            tzid = str(tzid)
            if _iana(tzid):
                return value if value.tzinfo else value.replace(tzinfo=zoneinfo.ZoneInfo(tzid))
            if tzid in self.zones or value.tzinfo is None:
                return value.replace(tzinfo=self.zones.get(tzid))  # or skipped, saying why
            return value  # a name icalendar knows (Windows zone names): its IANA zone
        if value.tzinfo is None:
            return value.replace(tzinfo=zoneinfo.ZoneInfo(self.zone))
        return value

    def _end(self, component: Any, start: dt.date) -> dt.date | None:
        end = _first(component.get("DTEND"))
        if end is not None:
            value = self._moment(end)
            return value if isinstance(value, dt.date) else None
        duration = _first(component.get("DURATION"))
        if duration is not None and isinstance(duration.dt, dt.timedelta):
            total: dt.date = start + duration.dt
            return total
        return None


def _unreadable_note(name: str | None, problem: str, then: str) -> str:
    if name == CUT_SHORT:
        return f"{problem}: it may have been cut short; imported as far as it goes"
    return f"{name or 'a line'} cannot be read ({short(problem)}); {then}"


def _first(value: Any) -> Any:
    """A property given more than once comes as a list: the first one counts."""
    return (value[0] if value else None) if isinstance(value, list) else value


def _clock(moment: dt.datetime) -> str:
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    return f"{day}T{moment.hour:02d}:{moment.minute:02d}" + (
        f":{moment.second:02d}" if moment.second else ""
    )


def _offset(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    if not minutes:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _iana(key: str) -> bool:
    try:
        zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


# -- text --------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # a property given twice: keep the first
        value = value[0] if value else None
        return None if value is None else str(value)
    return str(value)


def _field(value: str | None, name: str, notes: list[str]) -> str | None:
    """`timeline._text.fit`: the text cleaned and cut to what a field holds, saying what
    changed."""
    text, changes = fit(value)
    notes += (f"{name}: {change}" for change in changes)
    return text


def _id_from_uid(uid: str) -> str:
    head, at, _ = uid.partition("@")
    if at and SLUG.fullmatch(head) and len(head) <= _MAX_ID:
        return head
    slug = slugify(uid)
    if slug and len(slug) <= _MAX_ID:
        return slug
    digest = hashlib.sha1(uid.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{slug[:40].strip('-')}-{digest}".strip("-")


def _tags(
    value: Any, known: dict[str, tuple[str, bool]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Tags from CATEGORIES, in order and once each; and the categories as written when a
    tag cannot spell them (scripts that do not fold to ASCII get a hashed id). `known` holds
    each category's tag, and whether it is noted as written, for the next VEVENT."""
    found: dict[str, None] = {}
    written: dict[str, None] = {}
    for prop in value if isinstance(value, list) else [value] if value is not None else []:
        for category in getattr(prop, "cats", []):
            text = clean(str(category))
            if text is None or not text.strip():
                continue
            seen = known.get(text)
            if seen is None:
                tag = name_id(text.strip(), fallback="tag")
                seen = known[text] = (tag, tag != slugify(text))
            if seen[1]:
                written[text.strip()] = None
            found[seen[0]] = None
    return tuple(found), tuple(written)


def short(text: str, limit: int = 120) -> str:
    """`text` for a message, with its control characters escaped (it quotes the calendar),
    cut to `limit` characters, with an ellipsis when cut."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _locale(calendars: list[Any]) -> str | None:
    """The language timeline wrote a calendar's date labels in (its X-TIMELINE-LOCALE), when
    it is one reports are written in and Babel is there to write it again; else None."""
    from timeline._locale import babel, chosen

    for cal in calendars:
        if X_LOCALE in cal:
            try:
                tag = chosen(str(cal[X_LOCALE]))
                if tag is not None:
                    babel()
            except (ValueError, TimelineError):
                return None
            return tag
    return None


def _label(when: When, locale: str | None) -> str:
    """The date label our writer put after a marker's title, in the calendar's language."""
    if locale is None:
        return when.label
    from timeline._labels import when_label

    return when_label(when, locale)
