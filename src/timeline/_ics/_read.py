"""iCalendar import: any calendar's VEVENTs become events, with the records they need.

Parsing is `icalendar`'s job; this module decides what each VEVENT means as an `Event`:

- the date: `X-TIMELINE-WHEN` (written by `timeline.to_ics`) wins; otherwise `VALUE=DATE`
  gives days (a span when DTEND is more than a day later), DATE-TIME gives instants (a
  span of instants when DTEND is later), kept in their IANA zone when the TZID names one,
  as a UTC offset when it is a calendar's own VTIMEZONE, and floating times in `zone`;
- the id: the part of the UID before `@` when it is already a slug, else a slug of the
  UID (shortened with a hash); clashes get `-2`, `-3`, …;
- recurring events: the first occurrence (DTSTART) is imported and the RRULE is noted in
  the summary; overrides of one occurrence (RECURRENCE-ID) are skipped with a warning
  when their series is in the same file (docs/calendars.md);
- a VEVENT without SUMMARY, without a usable DTSTART, or in a zone the file does not
  define is skipped with a warning that says why.

Every event cites one `Source` that stands for the calendar file, and LOCATION becomes a
`Place`. `Imported.to_toml()` writes them all as a data file `timeline load` accepts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zoneinfo
from pathlib import Path
from typing import Any, Final

import attrs

from timeline._ics._dates import place
from timeline._ics._lines import DETAILS_RULE, X_SAID, X_TZ, X_WHEN, unescape_text
from timeline._model import Citation, Event, Place, Source
from timeline._text import CONTROL, MAX_TEXT, SLUG, URL, clean, counted, slugify
from timeline._toml import document
from timeline._when import When
from timeline.errors import IcsError, SkippedRecordError, WhenError

__all__ = ["Imported", "from_ics", "read_ics"]

_MAX_ID: Final = 64


@attrs.frozen(kw_only=True)
class Imported:
    """What a calendar gives: events, the source they cite, places, and what was skipped."""

    source: Source
    events: tuple[Event, ...]
    places: tuple[Place, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_toml(self) -> str:
        """The records as a TOML data file (source, places, then events in file order)."""
        header = (
            f"Imported by `timeline import-ics`: {counted(len(self.events), 'event')}.",
            "Check ids, titles and dates, then add tags, actors and policies by hand.",
        )
        return document((self.source, *self.places, *self.events), header=header)


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
    """Read a calendar into events, their source and places, and warnings for what was skipped.

    Args:
        data: a path to an .ics file, its bytes, or its text (a str starting "BEGIN:").
        source_id: the id of the `Source` every event cites; default from the file name.
        zone: the IANA zone floating times (no TZID, no Z) are read in.

    Raises:
        IcsError: the data is not an iCalendar calendar, or the file cannot be read.
    """
    import icalendar

    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise IcsError(f"zone {zone!r} is not a known IANA time zone") from error
    if isinstance(data, bytes):
        raw, name = data, "calendar"
    elif isinstance(data, str) and data.lstrip().startswith("BEGIN:"):
        raw, name = data.encode(), "calendar"  # the text of a calendar, not a path to one
    else:
        path = Path(data)
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise IcsError(f"cannot read {str(path)!r}: {error.strerror or error}") from error
        name = path.name
    if not raw.strip():
        raise IcsError(f"{name!r} is empty; export the calendar as .ics (RFC 5545) and try again")
    try:
        calendars = icalendar.Calendar.from_ical(raw, multiple=True)
    except Exception as error:  # icalendar fails on hostile input in many ways (fuzzing)
        raise IcsError(
            f"{name!r} is not an iCalendar file ({_short(str(error))}); "
            "export the calendar as .ics (RFC 5545) and try again"
        ) from error
    components = [c for cal in calendars for c in cal.walk("VEVENT")]
    if not calendars or not any(cal.name == "VCALENDAR" for cal in calendars):
        raise IcsError(f"{name!r} holds no VCALENDAR; is it an iCalendar (.ics) file?")
    title = next((_text(cal["X-WR-CALNAME"]) for cal in calendars if "X-WR-CALNAME" in cal), None)
    source = Source(
        id=source_id or slugify("ics-" + Path(name).stem, fallback="ics-import"),
        title=_clean(title) or f"Calendar {name}",
        note=f"Imported from {name} by timeline import-ics.",
    )
    series = {str(c["UID"]) for c in components if "UID" in c and "RECURRENCE-ID" not in c}
    events: list[Event] = []
    places: dict[str, Place] = {}
    warnings: list[str] = []
    taken: set[str] = set()
    for index, component in enumerate(components, start=1):
        label = f"{name}: VEVENT {index}" + (
            f" ({_short(str(component['UID']))})" if "UID" in component else ""
        )
        if "RECURRENCE-ID" in component and str(component.get("UID")) in series:
            warnings.append(f"{label}: skipped: it changes one occurrence of a recurring event")
            continue
        try:
            event, location = _event(component, source.id, zone, taken)
        except SkippedRecordError as skip:
            warnings.append(f"{label}: skipped: {skip}")
            continue
        if location is not None:
            places.setdefault(location.id, location)
        taken.add(event.id)
        events.append(event)
    return Imported(
        source=source, events=tuple(events), places=tuple(places.values()), warnings=tuple(warnings)
    )


# -- one VEVENT --------------------------------------------------------------------------------


def _event(
    component: Any, source_id: str, zone: str, taken: set[str]
) -> tuple[Event, Place | None]:
    for problem in getattr(component, "errors", ()):
        raise SkippedRecordError(f"unreadable property: {_short(str(problem[1]))}")
    title = _clean(_text(component.get("SUMMARY")))
    if not title:
        raise SkippedRecordError("it has no SUMMARY (title)")
    try:
        when = _when(component, zone)
    except (OverflowError, WhenError) as error:  # dates past year 9999 or before year 1
        raise SkippedRecordError(f"its dates cannot be read: {_short(str(error))}") from error
    summary = _clean(_text(component.get("DESCRIPTION")))
    if X_WHEN in component:
        if place(when).marker:
            suffix = f" ({when.label})"
            title = title.removesuffix(suffix) if title != suffix else title
        if summary is not None:  # ours: the summary, if any, stands before the rule
            before, rule, _ = summary.partition(DETAILS_RULE)
            summary = (before.strip() or None) if rule else None
    rule = _first(component.get("RRULE"))
    if rule is not None:
        note = f"Repeats ({rule.to_ical().decode()}); imported as its first occurrence."
        summary = f"{summary}\n\n{note}" if summary else note
    location = None
    where = _clean(_text(component.get("LOCATION")))
    if where:
        location = Place(id=slugify(where, fallback="place"), name=where)
    uid = _clean(_text(component.get("UID")))
    event_id = _unique(_id_from_uid(uid) if uid else slugify(f"{title} {when}"), taken)
    url = _text(component.get("URL"))
    said = _text(component.get(X_SAID))
    event = Event(
        id=event_id,
        title=title,
        when=when,
        said=_clean(unescape_text(said)) if said is not None else None,
        summary=summary,
        place=location.id if location else None,
        tags=_tags(component.get("CATEGORIES")),
        url=url if url and URL.fullmatch(url) and not CONTROL.search(url) else None,
        cite=(Citation(source=source_id, note=f"UID {uid}" if uid else None),),
    )
    return event, location


def _when(component: Any, zone: str) -> When:
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
    start = start_prop.dt
    if not isinstance(start, dt.date):  # VALUE=PERIOD, TIME or DURATION
        raise SkippedRecordError(f"DTSTART is a {type(start).__name__}, not a date or date-time")
    end = _end(component, start)
    if not isinstance(start, dt.datetime):
        last = end - dt.timedelta(days=1) if isinstance(end, dt.date) else start
        if isinstance(last, dt.datetime) or last <= start:
            return When.parse(start.isoformat())
        return When.parse(f"{start.isoformat()}/{last.isoformat()}")
    if start.tzinfo is None and "TZID" in start_prop.params:
        raise SkippedRecordError(
            f"DTSTART names the zone {start_prop.params['TZID']!r}, which is neither an IANA "
            "zone nor defined by a VTIMEZONE in the file"
        )
    if start.tzinfo is None:
        start = start.replace(tzinfo=zoneinfo.ZoneInfo(zone))
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


def _end(component: Any, start: dt.date) -> dt.date | None:
    end = _first(component.get("DTEND"))
    if end is not None:
        value = end.dt
        return value if isinstance(value, dt.date) else None
    duration = _first(component.get("DURATION"))
    if duration is not None and isinstance(duration.dt, dt.timedelta):
        total: dt.date = start + duration.dt
        return total
    return None


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
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
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


def _clean(value: str | None) -> str | None:
    """`timeline._text.clean`, cut to the longest text a field may hold."""
    text = clean(value)
    return None if text is None else text[:MAX_TEXT]


def _id_from_uid(uid: str) -> str:
    head, at, _ = uid.partition("@")
    if at and SLUG.fullmatch(head) and len(head) <= _MAX_ID:
        return head
    slug = slugify(uid)
    if slug and len(slug) <= _MAX_ID:
        return slug
    digest = hashlib.sha1(uid.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{slug[:40].strip('-')}-{digest}".strip("-")


def _unique(event_id: str, taken: set[str]) -> str:
    event_id = event_id or "event"
    if event_id not in taken:
        return event_id
    number = 2
    while f"{event_id}-{number}" in taken:
        number += 1
    return f"{event_id}-{number}"


def _tags(value: Any) -> tuple[str, ...]:
    found: list[str] = []
    for prop in value if isinstance(value, list) else [value] if value is not None else []:
        for category in getattr(prop, "cats", []):
            tag = slugify(str(category))
            if tag and tag not in found:
                found.append(tag)
    return tuple(found)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
