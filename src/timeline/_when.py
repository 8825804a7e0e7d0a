"""`When`: a point or span in time, kept at exactly the precision its sources give.

The notation is a subset of EDTF (ISO 8601-2) plus ISO 8601 instants; see
docs/format.md for the table. A `When` never invents a day: "April 2025" stays a month,
with inclusive bounds 2025-04-01 and 2025-04-30, and sorts before "2025-04-25".
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
import zoneinfo
from typing import Final

import attrs

from timeline.errors import WhenError

__all__ = ["Endpoint", "Precision", "Qualifier", "When", "add_months"]

UTC: Final = dt.UTC

_MONTHS: Final = tuple(calendar.month_name)  # locale-independent in the C locale Python starts in
_SEASONS: Final = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
#: First month of each season and its last month, counted from the season's own year
#: (winter 2025 runs from December 2025 to February 2026).
_SEASON_MONTHS: Final = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}

_PART = re.compile(
    r"""
    (?:
        (?P<century>\d{2})XX
      | (?P<decade>\d{3})X
      | (?P<year>\d{4})
        (?:-(?P<month>\d{2})
            (?:-(?P<day>\d{2})
                (?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?
                    (?P<offset>Z|[+-]\d{2}:\d{2})?
                )?
            )?
        )?
    )
    (?P<qualifier>[~?%])?
    """,
    re.VERBOSE,
)

_MIN_KEY: Final = -(10**30)
_MAX_KEY: Final = 10**30
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=UTC)


class Precision(enum.IntEnum):
    """How finely a value is known, finest first, so `max()` gives the coarsest."""

    SECOND = 0
    MINUTE = 1
    DAY = 2
    MONTH = 3
    SEASON = 4
    YEAR = 5
    DECADE = 6
    CENTURY = 7

    def __str__(self) -> str:
        return self.name.lower()


class Qualifier(enum.Enum):
    """EDTF's qualifiers: how sure the source is of a value."""

    NONE = ""
    APPROXIMATE = "~"
    UNCERTAIN = "?"
    BOTH = "%"

    @property
    def widening(self) -> int:
        """Units of precision the widened bounds add on each side."""
        return {"": 0, "~": 1, "?": 1, "%": 2}[self.value]


@attrs.frozen(kw_only=True)
class Endpoint:
    """One end of a `When`: a date at some precision, or a time of day on a date.

    `When.parse` builds them; read them as `When.start` and `When.end`.

    >>> end = When.parse("2025-04~").start
    >>> end.year, end.month, end.day, str(end.precision), end.qualifier.value
    (2025, 4, None, 'month', '~')
    >>> end.first_day, end.last_day
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 30))
    """

    year: int
    month: int | None = None  # 1–12; for seasons, None and `season` set
    day: int | None = None
    season: int | None = None  # 21–24
    precision: Precision
    qualifier: Qualifier = Qualifier.NONE
    time: dt.time | None = None
    offset: dt.timedelta | None = None  # None with `time` set: local time in the When's `tz`

    @property
    def first_day(self) -> dt.date:
        """The first day this end can mean."""
        if self.season is not None:
            return dt.date(self.year, _SEASON_MONTHS[self.season][0], 1)
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The last day this end can mean, inclusive."""
        p = self.precision
        if p <= Precision.DAY:
            return self.first_day
        if p is Precision.MONTH:
            assert self.month is not None
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if p is Precision.SEASON:
            assert self.season is not None
            last = _SEASON_MONTHS[self.season][1]
            year, month = self.year + (last - 1) // 12, (last - 1) % 12 + 1
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        span = {Precision.YEAR: 1, Precision.DECADE: 10, Precision.CENTURY: 100}[p]
        return dt.date(self.year + span - 1, 12, 31)

    def instant(self, tz: str | None) -> dt.datetime:
        """The moment a timed end stands for; `tz` is its When's zone (for a local time)."""
        assert self.time is not None
        naive = dt.datetime.combine(self.first_day, self.time)
        if self.offset is not None:
            return naive.replace(tzinfo=dt.timezone(self.offset))
        assert tz is not None
        return naive.replace(tzinfo=zoneinfo.ZoneInfo(tz))

    def widen(self, day: dt.date, sign: int) -> dt.date:
        """Move `day` by this part's widening, in units of its precision."""
        units = self.qualifier.widening * sign
        if not units:
            return day
        p = self.precision
        try:
            if p is Precision.DAY:
                return day + dt.timedelta(days=units)
            months = {Precision.MONTH: 1, Precision.SEASON: 3}.get(p)
            if months is not None:
                return add_months(day, months * units)
            years = {Precision.YEAR: 1, Precision.DECADE: 10, Precision.CENTURY: 100}[p]
            return add_months(day, 12 * years * units)
        except (OverflowError, ValueError):
            return dt.date.min if sign < 0 else dt.date.max

    def notation(self) -> str:
        """This end in EDTF, as `str(When)` writes it."""
        if self.precision is Precision.CENTURY:
            text = f"{self.year // 100:02d}XX"
        elif self.precision is Precision.DECADE:
            text = f"{self.year // 10:03d}X"
        else:
            text = f"{self.year:04d}"
            if self.season is not None:
                text += f"-{self.season}"
            elif self.month is not None:
                text += f"-{self.month:02d}"
                if self.day is not None:
                    text += f"-{self.day:02d}"
            if self.time is not None:
                text += "T" + self.time.strftime(
                    "%H:%M:%S" if self.precision is Precision.SECOND else "%H:%M"
                )
                if self.offset is not None:
                    text += _offset_notation(self.offset)
        return text + self.qualifier.value

    def label(self, *, with_year: bool = True, with_month: bool = True) -> str:
        """This end for a reader: '25 April 2025', 'autumn 2025', '~2021'."""
        q = self.qualifier
        p = self.precision
        if p is Precision.CENTURY or p is Precision.DECADE:
            text = f"the {self.year}s"
        elif p is Precision.YEAR:
            text = str(self.year)
        elif p is Precision.SEASON:
            assert self.season is not None
            name = _SEASONS[self.season]
            year = (
                f"{self.year}–{(self.year + 1) % 100:02d}" if self.season == 24 else str(self.year)
            )
            text = f"{name} {year}" if with_year else name
        else:
            assert self.month is not None
            parts = []
            if self.day is not None:
                parts.append(str(self.day))
            if with_month or self.day is None:
                parts.append(_MONTHS[self.month])
            if with_year:
                parts.append(str(self.year))
            text = " ".join(parts)
            if self.time is not None:
                clock = self.time.strftime(
                    "%H:%M:%S" if self.precision is Precision.SECOND else "%H:%M"
                )
                text += f", {clock}"
                if self.offset is not None:
                    text += " UTC" if not self.offset else f" UTC{_offset_notation(self.offset)}"
        if q is Qualifier.APPROXIMATE:
            return f"~{text}"
        if q is Qualifier.UNCERTAIN:
            return f"{text}?"
        if q is Qualifier.BOTH:
            return f"~{text}?"
        return text


def _offset_notation(offset: dt.timedelta) -> str:
    if not offset:
        return "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _micros(moment: dt.datetime) -> int:
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


_EPOCH_DAY: Final = _EPOCH.date().toordinal()


def _day_start(day: dt.date, zone: dt.tzinfo) -> int:
    if zone is UTC:  # the common case, in integer arithmetic
        return (day.toordinal() - _EPOCH_DAY) * 86_400_000_000
    return _zoned_day_start(day, zone)


@functools.lru_cache(maxsize=65_536)
def _zoned_day_start(day: dt.date, zone: dt.tzinfo) -> int:
    """Cached: sorting a large timeline asks for the same few thousand days again and again."""
    return _micros(dt.datetime.combine(day, dt.time(), tzinfo=zone))


#: Written qualifier (None when absent) → `Qualifier`: a dict lookup, not an enum call.
_QUALIFIERS: Final[dict[str | None, Qualifier]] = {
    None: Qualifier.NONE,
    "~": Qualifier.APPROXIMATE,
    "?": Qualifier.UNCERTAIN,
    "%": Qualifier.BOTH,
}
_MONTH_DAYS: Final = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without working out the weekday."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


@functools.lru_cache(maxsize=65_536)
def _parse_part(text: str, whole: str) -> Endpoint:
    match = _PART.fullmatch(text)
    if match is None:
        raise WhenError.invalid(whole, _hint(text))
    g = match.groupdict()
    qualifier = _QUALIFIERS[g["qualifier"]]
    if g["century"] is not None or g["decade"] is not None:
        if int(g["century"] or g["decade"]) == 0:
            raise WhenError.invalid(whole, "years before 0001 are not supported")
        if g["century"] is not None:
            year, precision = int(g["century"]) * 100, Precision.CENTURY
        else:
            year, precision = int(g["decade"]) * 10, Precision.DECADE
        return Endpoint(year=year, precision=precision, qualifier=qualifier)
    year = int(g["year"])
    if year < 1:
        raise WhenError.invalid(whole, "years before 0001 are not supported")
    if g["month"] is None:
        return Endpoint(year=year, precision=Precision.YEAR, qualifier=qualifier)
    month = int(g["month"])
    if month in _SEASONS:
        if g["day"] is not None:
            raise WhenError.invalid(whole, f"a season ({month}) cannot carry a day")
        if month == 24 and year == 9999:
            raise WhenError.invalid(
                whole, "winter 9999 ends in 10000; years after 9999 are not supported"
            )
        return Endpoint(year=year, season=month, precision=Precision.SEASON, qualifier=qualifier)
    if not 1 <= month <= 12:
        raise WhenError.invalid(
            whole, f"month {month:02d} is neither 01–12 nor a season 21–24 (spring–winter)"
        )
    if g["day"] is None:
        return Endpoint(year=year, month=month, precision=Precision.MONTH, qualifier=qualifier)
    day = int(g["day"])
    last = _days_in(year, month)
    if not 1 <= day <= last:
        raise WhenError.invalid(whole, f"{_MONTHS[month]} {year} has days 01–{last}, not {day:02d}")
    if g["hour"] is None:
        return Endpoint(
            year=year, month=month, day=day, precision=Precision.DAY, qualifier=qualifier
        )
    if qualifier is not Qualifier.NONE:
        raise WhenError.invalid(whole, "a time of day cannot be approximate or uncertain")
    hour, minute = int(g["hour"]), int(g["minute"])
    second = int(g["second"]) if g["second"] is not None else 0
    if hour > 23 or minute > 59 or second > 59:
        raise WhenError.invalid(whole, f"{hour:02d}:{minute:02d}:{second:02d} is not a time of day")
    offset = None
    if g["offset"] == "Z":
        offset = dt.timedelta(0)
    elif g["offset"] is not None:
        sign = -1 if g["offset"][0] == "-" else 1
        hours, mins = int(g["offset"][1:3]), int(g["offset"][4:6])
        if hours > 23 or mins > 59:
            raise WhenError.invalid(whole, f"{g['offset']} is not a UTC offset")
        offset = sign * dt.timedelta(hours=hours, minutes=mins)
    return Endpoint(
        year=year,
        month=month,
        day=day,
        precision=Precision.SECOND if g["second"] is not None else Precision.MINUTE,
        time=dt.time(hour, minute, second),
        offset=offset,
    )


def _hint(text: str) -> str:
    if not text:
        return "it is empty; write a date such as 2025-04 or 2025-12-08"
    if re.fullmatch(r"\d{5,}.*", text):
        return "years after 9999 are not supported"
    if re.fullmatch(r"-\d.*", text):
        return "years before 0001 are not supported"
    if re.fullmatch(r"\d{1,3}(-.*)?", text):
        return "years are written with four digits, e.g. 0987 or 2025"
    if re.search(r"T\d{2}:\d{2}(?::\d{2})?[.,]\d", text):
        return "fractions of a second are not supported"
    return (
        "expected EDTF such as 2025-12-08, 2025-12, 2025, 2025-23 (autumn), 201X (the 2010s), "
        "2021~, 2025-06/2025-12, 2015/.. or 2025-12-08T15:30Z"
    )


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
        start, end = self.start, self.end
        for part in (start, end):
            if part is not None and not isinstance(part, Endpoint):
                raise TypeError(f"a When's ends are Endpoint values, not {part!r}; use When.parse")
        if start is None and end is None:
            raise _unbuildable("it needs at least one known end, e.g. When.parse('2015/..')")
        if not self.is_interval and (start is None or end != start):
            raise _unbuildable("a single value has one end for both; a span has is_interval=True")
        local = any(p is not None and p.time is not None and p.offset is None for p in (start, end))
        if local and self.tz is None:
            raise _unbuildable("a local time of day needs tz, e.g. tz='Asia/Shanghai'")
        if self.tz is not None:
            if not local:
                raise _unbuildable(f"tz={self.tz!r} goes only with a local time of day")
            _check_zone(self.tz, self.tz)

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
            return cls.parse(moment + _offset_notation(offset))
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
        if self.start is None:
            low = _MIN_KEY
        elif self.start.time is not None:
            low = _micros(self.start.instant(self.tz))
        else:
            low = _day_start(self.start.first_day, zone)
        if self.end is None:
            high = _MAX_KEY
        elif self.end.time is not None:
            high = _micros(self.end.instant(self.tz))
        else:
            last = self.end.last_day
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
    """Share what the two ends share: '15–17 October 2025', 'June–December 2025'."""
    plain = start.qualifier is Qualifier.NONE and end.qualifier is Qualifier.NONE
    untimed = start.time is None and end.time is None
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
    interval = "/" in text
    if interval:
        left, _, right = text.partition("/")
        if "/" in right:
            raise WhenError.invalid(text, "a span has exactly one '/'")
        if left == ".." and right == "..":
            raise WhenError.invalid(text, "a span needs at least one known end")
        if not left or not right:
            raise WhenError.invalid(text, "write an open end as '..', e.g. 2015/..")
        start = None if left == ".." else _parse_part(left, text)
        end = None if right == ".." else _parse_part(right, text)
    else:
        if text == "..":
            raise WhenError.invalid(text, "'..' is only an end of a span, e.g. 2015/..")
        start = end = _parse_part(text, text)
    local = [p for p in (start, end) if p is not None and p.time is not None and p.offset is None]
    for part in local[:1] if not interval else local:
        _check_local(part, tz, text)
    if tz is not None and not local:
        raise WhenError.invalid(
            text, f"a zone ({tz!r}) only goes with a local time of day such as 2025-10-15T09:00"
        )
    if interval and start is not None and end is not None and _backwards(start, end, tz):
        raise WhenError.invalid(text, "the span ends before it starts")
    return When(start=start, end=end, is_interval=interval, tz=tz)


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
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise WhenError.invalid(
            text, f"{tz!r} is not a known IANA time zone (e.g. 'Asia/Shanghai')"
        ) from error


def _check_local(part: Endpoint, tz: str | None, text: str) -> None:
    if tz is None:
        raise WhenError.invalid(
            text,
            "a time of day needs an offset (Z, +08:00) or the event's tz (e.g. 'Asia/Shanghai')",
        )
    zone = zoneinfo.ZoneInfo(tz)
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
