"""Where a `When` lands in a calendar: the DTSTART/DTEND lines, and whether it is a marker.

How a `When` becomes calendar dates (docs/calendars.md explains why):

- a day, or a span of days, known exactly: an all-day event (`VALUE=DATE`, exclusive DTEND);
- an instant, or a span of instants: DTSTART (and DTEND) in UTC, or with TZID plus a
  VTIMEZONE when the event names its zone;
- anything less precise (month, season, year, decade, approximate, open span): a one-day
  marker on the first day it can mean (the last, for a span open at its start), whose
  SUMMARY carries the real label, "… (April 2025)", and whose DESCRIPTION says so.

The writer places every event so; the reader asks whether an event it reads back was a
marker, to take the label off its SUMMARY again.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Final, NamedTuple

from timeline._ics._lines import param
from timeline._when import Precision, Qualifier, When

if TYPE_CHECKING:
    from timeline._when import Endpoint

__all__ = ["Placement", "place", "precision_note", "utc_value"]

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


def _date(day: dt.date) -> str:
    return day.isoformat().replace("-", "")  # isoformat always writes four-digit years


def utc_value(moment: dt.datetime) -> str:
    """A DATE-TIME in UTC, e.g. 20251219T000000Z."""
    m = moment.astimezone(dt.UTC)
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}Z"


def _local(day: dt.date, time: dt.time) -> str:
    return f"{_date(day)}T{time.hour:02d}{time.minute:02d}{time.second:02d}"


def _day_words(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


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
    """Map a `When` to calendar dates, as the module docstring says.

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


_NEXT_DAY: Final = dt.timedelta(days=1)
_LAST_DAY: Final = dt.date.max


def _all_day(first: dt.date, last: dt.date, *, marker: bool) -> Placement:
    lines = [f"DTSTART;VALUE=DATE:{_date(first)}"]
    if last < _LAST_DAY:
        lines.append(f"DTEND;VALUE=DATE:{_date(last + _NEXT_DAY)}")
    elif last > first:
        lines.append(f"DURATION:P{(last - first).days + 1}D")
    return Placement(tuple(lines), marker, first)


def _timed(when: When, start: Endpoint, end: Endpoint) -> Placement:
    zones: list[str] = []

    def moment(name: str, part: Endpoint) -> str:
        assert part.time is not None
        if part.offset is None and when.tz is not None:
            zones.append(when.tz)
            return f"{name};TZID={param(when.tz)}:{_local(part.first_day, part.time)}"
        return f"{name}:{utc_value(part.instant(when.tz))}"

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
    start = when.start
    if start is None:
        return (
            f"Date: {label} (the start is not known). A calendar needs a day, so this event "
            f"is shown on {_day_words(shown)}, the last day it can mean."
        )
    bits = []
    if when.is_interval:
        bits.append("a span")
    single = start is when.end  # a single value: its precision and qualifier are its own
    words = _PRECISION_WORDS.get(start.precision if single else when.precision)
    if words:
        bits.append(words)
    qualifier = _QUALIFIER_WORDS.get(start.qualifier if single else when.qualifier)
    if qualifier:
        bits.append(qualifier)
    if when.end is None:
        bits.append("with no known end")
    what = f" ({', '.join(bits)})" if bits else ""
    return (
        f"Date: {label}{what}. A calendar needs a day, so this event is shown on "
        f"{_day_words(shown)}, the first day it can mean; that is not its actual date."
    )


def local_note(when: When, shown: dt.date, label: str, locale: str | None) -> str:
    """`precision_note` in the language of `locale` (normalised; None is English, as
    `precision_note` writes it)."""
    if locale is None:
        return precision_note(when, shown, label)
    from timeline._labels import day_label
    from timeline._locale import message

    day = day_label(shown, locale)
    if when.start is None:
        return message(locale, "ics_open_start", label=label, day=day)
    bits = [message(locale, "ics_span")] if when.is_interval else []
    if when.precision in _PRECISION_WORDS:
        bits.append(message(locale, f"ics_known_{when.precision}"))
    if when.qualifier in _QUALIFIER_WORDS:
        words = {Qualifier.BOTH: "approximate_uncertain"}.get(when.qualifier)
        bits.append(message(locale, f"ics_{words or when.qualifier.name.lower()}"))
    if when.end is None:
        bits.append(message(locale, "ics_no_end"))
    what = f" ({message(locale, 'ics_list').join(bits)})" if bits else ""
    return message(locale, "ics_marker", label=label, what=what, day=day)
