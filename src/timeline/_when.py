"""`When`: a point or span in time, kept at exactly the precision its sources give.

The notation is a subset of EDTF (ISO 8601-2) plus ISO 8601 instants; see
docs/format.md for the table. A `When` never invents a day: "April 2025" stays a month,
with inclusive bounds 2025-04-01 and 2025-04-30, and sorts before "2025-04-25".
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Final

import attrs

from timeline._endpoint import (
    Endpoint,
    Precision,
    Qualifier,
    iana_zone,
    offset_label,
    offset_notation,
    parse_endpoint,
    read_endpoint,
    suggest,
    zone_problem,
)
from timeline.errors import WhenError

__all__ = ["Endpoint", "Precision", "Qualifier", "When", "near_the_ends", "zone_problem"]

UTC: Final = dt.UTC

_MIN_KEY: Final = -(10**30)
_MAX_KEY: Final = 10**30
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=UTC)


def _micros(moment: dt.datetime) -> int:
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


#: The UTC moments an instant may stand for: those whose UTC day is a date (years 1-9999).
#: `9999-12-31T23:59-14:00` is already in the year 10000 in UTC, and would crash every
#: writer that converts it. (Its day in the timeline's zone is checked when loading.)
_FIRST_INSTANT: Final = _micros(dt.datetime(1, 1, 1, tzinfo=UTC))
_LAST_INSTANT: Final = _micros(dt.datetime.max.replace(tzinfo=UTC))
_INSTANT_RANGE: Final = "in UTC it falls outside the years 1-9999, which no calendar can hold"
_EPOCH_DAY: Final = _EPOCH.date().toordinal()
_DAY: Final = 86_400_000_000
_NEAR_THE_ENDS: Final = [False]  # set for good by the first instant parsed near the ends


def _day_start(day: dt.date, zone: dt.tzinfo) -> int:
    if zone is UTC:  # the common case, in integer arithmetic
        return (day.toordinal() - _EPOCH_DAY) * 86_400_000_000
    return _zoned_day_start(day, zone)


@functools.lru_cache(maxsize=65_536)
def _zoned_day_start(day: dt.date, zone: dt.tzinfo) -> int:
    """Cached: sorting a large timeline asks for the same few thousand days again and again."""
    return _micros(dt.datetime.combine(day, dt.time(), tzinfo=zone))


def _instant_micros(part: Endpoint, tz: str | None) -> int:
    """`_micros(part.instant(tz))`, in integer arithmetic when the end carries its offset."""
    offset, time = part.offset, part.time
    if offset is None or time is None:
        return _micros(part.instant(tz))
    assert part.month is not None
    assert part.day is not None
    days = dt.date(part.year, part.month, part.day).toordinal() - _EPOCH_DAY
    seconds = days * 86_400 + time.hour * 3_600 + time.minute * 60 + time.second
    return (seconds - offset.days * 86_400 - offset.seconds) * 1_000_000


@attrs.frozen(kw_only=True, repr=False, eq=True, order=False)
class When:
    """A point or span in time at the precision it is known, written in EDTF.

    >>> w = When.parse("2025-04")
    >>> w.earliest, w.latest, str(w.precision)
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 30), 'month')
    >>> When.parse("2025-23").label
    'autumn 2025'
    >>> When.parse("2021~").label, When.parse("2021~").widened
    ('~2021', (datetime.date(2020, 1, 1), datetime.date(2022, 12, 31)))
    >>> When.parse("2025-06/2025-12").label
    'June–December 2025'
    >>> str(When.parse("2025-12-08T15:30+00:00"))
    '2025-12-08T15:30Z'
    """

    start: Endpoint | None
    end: Endpoint | None
    is_interval: bool = False
    tz: str | None = None

    def __attrs_post_init__(self) -> None:
        """Refuse a value that no notation writes: `When.parse` never builds one."""
        start, end, tz = self.start, self.end, self.tz
        if tz is None and type(start) is Endpoint and start.time is None:  # dates: the common case
            if not self.is_interval and end is start:
                return
            if self.is_interval and (end is None or (type(end) is Endpoint and end.time is None)):
                return
        for part in (start, end):
            if part is not None and type(part) is not Endpoint:
                raise TypeError(f"a When's ends are Endpoint values, not {part!r}; use When.parse")
        if start is None and end is None:
            raise _unbuildable("it needs at least one known end, e.g. When.parse('2015/..')")
        if not self.is_interval and end is not start and end != start:
            raise _unbuildable("a single value has one end for both; a span has is_interval=True")
        local = _is_local(start) or _is_local(end)
        if local and tz is None:
            raise _unbuildable("a local time of day needs tz, e.g. tz='Asia/Shanghai'")
        if tz is not None:
            if not local:
                raise _unbuildable(f"tz={tz!r} goes only with a local time of day")
            _check_zone(tz, tz)

    # -- construction -------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, *, tz: str | None = None) -> When:
        """Read EDTF notation; `tz` names the zone of a local wall time such as 2025-10-15T09:00.

        Raises:
            WhenError: the notation is not in the supported subset, names an impossible date,
                or a local time has no zone, falls in a DST gap or is repeated by a DST change.
        """
        if not isinstance(text, str):
            raise TypeError(f"When.parse() takes a str, not {type(text).__name__}")
        return _parse(text, tz)

    @classmethod
    def from_date(cls, day: dt.date) -> When:
        """A day-precise `When`; an aware datetime gives an instant.

        >>> str(When.from_date(dt.date(2025, 12, 8)))
        '2025-12-08'
        """
        if isinstance(day, dt.datetime):
            if day.tzinfo is None or day.utcoffset() is None:
                raise TypeError(f"{day!r} is naive; give it a tzinfo (e.g. datetime.UTC)")
            offset = day.utcoffset()
            key = getattr(day.tzinfo, "key", None)
            moment = day.replace(microsecond=0, tzinfo=None).isoformat()
            assert offset is not None
            if isinstance(key, str):
                try:
                    return cls.parse(moment, tz=key)
                except WhenError:  # repeated by a DST change: the offset says which one
                    pass
            return cls.parse(moment + offset_notation(offset))
        return cls.parse(day.isoformat())

    # -- what is known --------------------------------------------------------------------

    @property
    def earliest(self) -> dt.date | None:
        """The first day the value can mean (an instant's day as written); None if open."""
        return None if self.start is None else self.start.first_day

    @property
    def latest(self) -> dt.date | None:
        """The last day the value can mean, inclusive (an instant's day as written)."""
        return None if self.end is None else self.end.last_day

    @property
    def start_instant(self) -> dt.datetime | None:
        """The aware moment a timed start stands for; None for a date or an open start."""
        start = self.start
        return None if start is None or start.time is None else start.instant(self.tz)

    @property
    def end_instant(self) -> dt.datetime | None:
        """The aware moment a timed end stands for; None for a date or an open end."""
        end = self.end
        return None if end is None or end.time is None else end.instant(self.tz)

    @property
    def widened(self) -> tuple[dt.date | None, dt.date | None]:
        """Days widened by one unit of precision per ~ or ?, two for %, for overlap queries.

        A timed end is never qualified, so it keeps its own day.
        """
        low = None if self.start is None else self.start.widen(self.start.first_day, -1)
        high = None
        if self.end is not None:
            after = (
                self.end.last_day + dt.timedelta(days=1)
                if self.end.last_day < dt.date.max
                else None
            )
            high = dt.date.max if after is None else self.end.widen(after, +1)
            if high < dt.date.max:
                high -= dt.timedelta(days=1)
        return low, high

    @property
    def precision(self) -> Precision:
        """The coarsest precision of the closed ends (an open end adds none)."""
        return max(p.precision for p in (self.start, self.end) if p is not None)

    @property
    def qualifier(self) -> Qualifier:
        """The strongest qualifier of the ends (`%` > `?`/`~` > none)."""
        found = {p.qualifier for p in (self.start, self.end) if p is not None}
        if Qualifier.BOTH in found or {Qualifier.APPROXIMATE, Qualifier.UNCERTAIN} <= found:
            return Qualifier.BOTH
        for q in (Qualifier.APPROXIMATE, Qualifier.UNCERTAIN):
            if q in found:
                return q
        return Qualifier.NONE

    @property
    def is_instant(self) -> bool:
        """True for a single moment with a time of day (not a span of instants)."""
        return not self.is_interval and self.start is not None and self.start.time is not None

    @property
    def is_open(self) -> bool:
        """True when one end of the span is open (`..`)."""
        return self.start is None or self.end is None

    @property
    def is_exact(self) -> bool:
        """True when the value is known to the day or finer, unqualified and closed."""
        return (
            not self.is_open
            and self.precision <= Precision.DAY
            and self.qualifier is Qualifier.NONE
        )

    def sort_key(self, zone: dt.tzinfo = UTC) -> tuple[int, int]:
        """Microseconds since 1970 of (earliest, latest) on one axis; dates start in `zone`.

        Open ends sort as the infinite past or future. The key is total: with an id as a
        tie-breaker, two runs never order the same data differently.
        """
        start, end = self.start, self.end
        if start is not None and start is end and start.time is not None:  # an instant
            moment = _instant_micros(start, self.tz)
            return (moment, moment)
        if start is None:
            low = _MIN_KEY
        elif start.time is not None:
            low = _instant_micros(start, self.tz)
        else:
            low = _day_start(start.first_day, zone)
        if end is None:
            high = _MAX_KEY
        elif end.time is not None:
            high = _instant_micros(end, self.tz)
        else:
            last = end.last_day
            high = (
                _day_start(last + dt.timedelta(days=1), zone) - 1
                if last < dt.date.max
                else _MAX_KEY - 1
            )
        return (low, high)

    def contains(self, day: dt.date) -> bool:
        """Whether `day` (a date, or an aware datetime) lies within the written bounds."""
        low, high = self.sort_key()
        point = _point_key(day)
        return low <= point[0] and point[1] <= high

    def overlaps(self, other: When, *, widened: bool = False) -> bool:
        """Whether two values can mean a common day; `widened` uses the widened bounds."""
        a = self._bounds_key(widened)
        b = other._bounds_key(widened)
        return a[0] <= b[1] and b[0] <= a[1]

    # -- text -------------------------------------------------------------------------------

    def __str__(self) -> str:
        if not self.is_interval:
            assert self.start is not None
            return self.start.notation()
        left = ".." if self.start is None else self.start.notation()
        right = ".." if self.end is None else self.end.notation()
        return f"{left}/{right}"

    def __repr__(self) -> str:
        zone = f", tz={self.tz!r}" if self.tz else ""
        return f"When({str(self)!r}{zone})"

    @property
    def label(self) -> str:
        """A human label at the real precision: '25 April 2025', 'autumn 2025', 'since 2015'."""
        zone = f" {self.tz}" if self.tz else ""
        if not self.is_interval:
            assert self.start is not None
            return self.start.label() + zone
        if self.start is None:
            assert self.end is not None
            return f"until {self.end.label()}{zone}"
        if self.end is None:
            return f"since {self.start.label()}{zone}"
        return _span_label(self.start, self.end) + zone

    # -- internals --------------------------------------------------------------------------

    def _bounds_key(self, widened: bool) -> tuple[int, int]:
        exact = self.sort_key()
        if not widened or self.qualifier is Qualifier.NONE:
            return exact
        low, high = self.widened  # a timed or open end keeps its exact key
        start, end = self.start, self.end
        return (
            exact[0] if low is None or start is None or start.time else _point_key(low)[0],
            exact[1] if high is None or end is None or end.time else _point_key(high)[1],
        )


def _is_local(part: Endpoint | None) -> bool:
    """Whether `part` is a wall time of day with no offset, to be read in the value's zone."""
    return part is not None and part.time is not None and part.offset is None


def _unbuildable(reason: str) -> WhenError:
    return WhenError(f"cannot build this When: {reason}", value="", reason=reason)


def _point_key(day: dt.date) -> tuple[int, int]:
    if isinstance(day, dt.datetime):
        if day.tzinfo is None or day.utcoffset() is None:
            raise TypeError(f"{day!r} is naive; give it a tzinfo (e.g. datetime.UTC)")
        moment = _micros(day)
        return moment, moment
    low = _day_start(day, UTC)
    high = _day_start(day + dt.timedelta(days=1), UTC) - 1 if day < dt.date.max else _MAX_KEY
    return low, high


def _span_label(start: Endpoint, end: Endpoint) -> str:
    """Share what the two ends share: '15–17 October 2025', 'June–December 2025',
    '1 September 2025, 10:00–11:00'."""
    plain = start.qualifier is Qualifier.NONE and end.qualifier is Qualifier.NONE
    untimed = start.time is None and end.time is None
    if start.time is not None and end.time is not None and start.offset == end.offset:
        zone = "" if start.offset is None else offset_label(start.offset)
        if start.first_day == end.first_day:
            return f"{start.label(with_offset=False)}–{end.clock}{zone}"
        return f"{start.label(with_offset=False)} – {end.label(with_offset=False)}{zone}"
    if plain and untimed and start.year == end.year and start.precision == end.precision:
        if start.precision is Precision.MONTH:
            return f"{start.label(with_year=False)}–{end.label()}"
        if start.precision is Precision.DAY:
            if start.month == end.month:
                return f"{start.day}–{end.label()}"
            return f"{start.label(with_year=False)} – {end.label()}"
        if start.precision is Precision.SEASON and start.season != 24:
            return f"{start.label(with_year=False)}–{end.label()}"
    if plain and untimed and start.precision is end.precision is Precision.YEAR:
        return f"{start.year}–{end.year}"
    return f"{start.label()} – {end.label()}"


@functools.lru_cache(maxsize=65_536)
def _parse(text: str, tz: str | None) -> When:
    if tz is not None:
        _check_zone(tz, text)
    if "/" not in text:  # a single value, the common case
        if text == "..":
            raise WhenError.invalid(text, "'..' is only an end of a span, e.g. 2015/..")
        single = read_endpoint(text, text)  # this cache holds the value; no need for two
        if single.time is not None:
            if single.offset is None:
                _check_local(single, tz, text)
            if not _in_calendar(single, tz):
                raise WhenError.invalid(text, _INSTANT_RANGE)
        if tz is not None and not _is_local(single):
            raise _zone_without_time(text, tz)
        return When(start=single, end=single, is_interval=False, tz=tz)
    left, _, right = text.partition("/")
    if "/" in right:
        raise WhenError.invalid(text, suggest(text) or "a span has exactly one '/'")
    if left == ".." and right == "..":
        raise WhenError.invalid(text, "a span needs at least one known end")
    if not left or not right:
        raise WhenError.invalid(text, "write an open end as '..', e.g. 2015/..")
    start = None if left == ".." else parse_endpoint(left, text)
    end = None if right == ".." else parse_endpoint(right, text)
    for part in (start, end):
        if part is not None and _is_local(part):
            _check_local(part, tz, text)
        if part is not None and part.time is not None and not _in_calendar(part, tz):
            raise WhenError.invalid(text, _INSTANT_RANGE)
    if tz is not None and not (_is_local(start) or _is_local(end)):
        raise _zone_without_time(text, tz)
    if start is not None and end is not None and _backwards(start, end, tz):
        raise WhenError.invalid(text, "the span ends before it starts")
    return When(start=start, end=end, is_interval=True, tz=tz)


def _zone_without_time(text: str, tz: str) -> WhenError:
    return WhenError.invalid(
        text, f"a zone ({tz!r}) only goes with a local time of day such as 2025-10-15T09:00"
    )


def _in_calendar(part: Endpoint, tz: str | None) -> bool:
    """Whether a timed end's moment falls inside the years 1-9999 in UTC (only the first
    and the last year can leave them: no offset reaches a day). One within a day of either
    end is noted, for the load to check its day in the timeline's zone."""
    if part.year not in (1, 9999):
        return True
    moment = _micros(part.instant(tz))
    if not _FIRST_INSTANT + _DAY <= moment <= _LAST_INSTANT - _DAY:
        _NEAR_THE_ENDS[0] = True
    return _FIRST_INSTANT <= moment <= _LAST_INSTANT


def near_the_ends() -> bool:
    """Whether any instant parsed so far lies within a day of the calendar's ends in UTC,
    where its day in another zone may fall outside the years 1-9999. Almost never: so a
    load can skip looking for such instants among a million events."""
    return _NEAR_THE_ENDS[0]


def _backwards(start: Endpoint, end: Endpoint, tz: str | None) -> bool:
    """Whether a span's start comes after its end (dates compare as days, times as moments)."""
    if start.time is None and end.time is None:
        return start.first_day > end.last_day
    low = _micros(start.instant(tz)) if start.time else _day_start(start.first_day, UTC)
    if end.time:
        high = _micros(end.instant(tz))
    elif end.last_day < dt.date.max:
        high = _day_start(end.last_day + dt.timedelta(days=1), UTC) - 1
    else:
        high = _MAX_KEY
    return low > high


def _check_zone(tz: str, text: str) -> None:
    problem = zone_problem(tz)
    if problem is not None:
        raise WhenError.invalid(text, problem)


def _check_local(part: Endpoint, tz: str | None, text: str) -> None:
    if tz is None:
        raise WhenError.invalid(
            text,
            "a time of day needs an offset (Z, +08:00) or the event's tz (e.g. 'Asia/Shanghai')",
        )
    zone = iana_zone(tz)
    assert part.time is not None
    naive = dt.datetime.combine(part.first_day, part.time)
    early, late = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        round_trip = early.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            raise WhenError.invalid(
                text, f"{naive:%Y-%m-%d %H:%M} does not exist in {tz} (DST gap)"
            )
        raise WhenError.invalid(
            text, f"{naive:%Y-%m-%d %H:%M} happens twice in {tz} (DST change); give an offset"
        )
