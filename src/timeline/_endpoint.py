"""One end of a `When`, and the EDTF notation of one: a date at some precision, or a time.

`timeline._when` joins two ends into a value; everything about a single end (reading it,
writing it, its first and last day, its label) lives here.
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

from timeline._text import did_you_mean
from timeline.errors import WhenError

__all__ = [
    "Endpoint",
    "Precision",
    "Qualifier",
    "add_months",
    "iana_zone",
    "offset_label",
    "offset_notation",
    "parse_endpoint",
    "read_endpoint",
    "suggest",
    "zone_problem",
]

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
    re.VERBOSE | re.ASCII,  # EDTF digits are 0-9: `\d` alone would read '٢٠٢٥' as 2025
)


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

    >>> from timeline import When
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
        return naive.replace(tzinfo=iana_zone(tz))

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

    @property
    def clock(self) -> str:
        """The time of day as a label shows it, '09:00' or '09:00:30'; '' for a date."""
        if self.time is None:
            return ""
        return self.time.strftime("%H:%M:%S" if self.precision is Precision.SECOND else "%H:%M")

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
                    text += offset_notation(self.offset)
        return text + self.qualifier.value

    def label(
        self, *, with_year: bool = True, with_month: bool = True, with_offset: bool = True
    ) -> str:
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
                text += f", {self.clock}"
                if self.offset is not None and with_offset:
                    text += offset_label(self.offset)
        if q is Qualifier.APPROXIMATE:
            return f"~{text}"
        if q is Qualifier.UNCERTAIN:
            return f"{text}?"
        if q is Qualifier.BOTH:
            return f"~{text}?"
        return text


def offset_label(offset: dt.timedelta) -> str:
    """' UTC', ' UTC+08:00': an offset as a label ends with it."""
    return " UTC" if not offset else f" UTC{offset_notation(offset)}"


def offset_notation(offset: dt.timedelta) -> str:
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
def parse_endpoint(text: str, whole: str) -> Endpoint:
    """One end as written ("2025-04~", "2025-12-08T15:30Z"), cached; `whole` names the value."""
    return read_endpoint(text, whole)


def read_endpoint(text: str, whole: str) -> Endpoint:
    """`parse_endpoint` uncached, for a caller that caches whole values itself."""
    match = _PART.fullmatch(text)
    if match is None:
        raise WhenError.invalid(whole, _hint(text))
    century, decade, written_year, written_month, written_day, *clock, qualified = match.groups()
    qualifier = _QUALIFIERS[qualified]
    if written_year is None:
        if int(century or decade) == 0:
            raise WhenError.invalid(whole, "years before 0001 are not supported")
        if century is not None:
            return Endpoint(
                year=int(century) * 100, precision=Precision.CENTURY, qualifier=qualifier
            )
        return Endpoint(year=int(decade) * 10, precision=Precision.DECADE, qualifier=qualifier)
    year = int(written_year)
    if year < 1:
        raise WhenError.invalid(whole, "years before 0001 are not supported")
    if written_month is None:
        return Endpoint(year=year, precision=Precision.YEAR, qualifier=qualifier)
    month = int(written_month)
    if month > 12:
        if month not in _SEASONS:
            raise WhenError.invalid(
                whole, f"month {month:02d} is neither 01–12 nor a season 21–24 (spring–winter)"
            )
        if written_day is not None:
            raise WhenError.invalid(whole, f"a season ({month}) cannot carry a day")
        if month == 24 and year == 9999:
            raise WhenError.invalid(
                whole, "winter 9999 ends in 10000; years after 9999 are not supported"
            )
        return Endpoint(year=year, season=month, precision=Precision.SEASON, qualifier=qualifier)
    if not month:
        raise WhenError.invalid(
            whole, f"month {month:02d} is neither 01–12 nor a season 21–24 (spring–winter)"
        )
    if written_day is None:
        return Endpoint(year=year, month=month, precision=Precision.MONTH, qualifier=qualifier)
    day = int(written_day)
    last = _MONTH_DAYS[month] if month != 2 else _days_in(year, month)
    if not 1 <= day <= last:
        raise WhenError.invalid(whole, f"{_MONTHS[month]} {year} has days 01–{last}, not {day:02d}")
    written_hour, written_minute, written_second, written_offset = clock
    if written_hour is None:
        return Endpoint(
            year=year, month=month, day=day, precision=Precision.DAY, qualifier=qualifier
        )
    if qualifier is not Qualifier.NONE:
        raise WhenError.invalid(whole, "a time of day cannot be approximate or uncertain")
    hour, minute = int(written_hour), int(written_minute)
    second = int(written_second) if written_second is not None else 0
    if hour > 23 or minute > 59 or second > 59:
        raise WhenError.invalid(whole, f"{hour:02d}:{minute:02d}:{second:02d} is not a time of day")
    offset = None
    if written_offset == "Z":
        offset = dt.timedelta(0)
    elif written_offset is not None:
        sign = -1 if written_offset[0] == "-" else 1
        hours, mins = int(written_offset[1:3]), int(written_offset[4:6])
        if hours > 23 or mins > 59:
            raise WhenError.invalid(whole, f"{written_offset} is not a UTC offset")
        offset = sign * dt.timedelta(hours=hours, minutes=mins)
    return Endpoint(
        year=year,
        month=month,
        day=day,
        precision=Precision.SECOND if written_second is not None else Precision.MINUTE,
        time=dt.time(hour, minute, second),
        offset=offset,
    )


def _hint(text: str) -> str:
    """Why `text` is no notation, and the notation it most likely means where one is clear."""
    if not text:
        return "it is empty; write a date such as 2025-04 or 2025-12-08"
    if any(char.isdecimal() and not char.isascii() for char in text):
        ascii_digits = "".join(str(int(c)) if c.isdecimal() else c for c in text)
        return f"only the ASCII digits 0-9 are EDTF; write {ascii_digits}"
    suggestion = suggest(text)
    if suggestion is not None:
        return suggestion
    if re.fullmatch(r"[0-9]{5,}.*", text):
        return "years after 9999 are not supported"
    if re.fullmatch(r"-[0-9].*", text):
        return "years before 0001 are not supported"
    if re.fullmatch(r"[0-9]{1,3}(-.*)?", text):
        return "years are written with four digits, e.g. 0987 or 2025"
    if re.search(r"T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?[.,][0-9]", text):
        return "fractions of a second are not supported"
    return (
        "expected EDTF such as 2025-12-08, 2025-12, 2025, 2025-23 (autumn), 201X (the 2010s), "
        "2021~, 2025-06/2025-12, 2015/.. or 2025-12-08T15:30Z"
    )


# -- time zones --------------------------------------------------------------------------------

#: What an IANA zone name can look like: ASCII, no "." or ".." parts, no leading "/".
_ZONE_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*", re.ASCII)
_LONGEST_ZONE: Final = 64  # the longest IANA name has 32 characters
#: Names in the zone database that are not places: "Factory" is tzdata's placeholder (its
#: abbreviation reads "-00"), and a system's zoneinfo folder adds "localtime" (this
#: machine's zone, different everywhere) and "posixrules".
_NOT_ZONES: Final = frozenset({"Factory", "localtime", "posixrules"})


@functools.cache
def _zone_names() -> frozenset[str]:
    """Every IANA zone name, from the tzdata package (which lists them) or the system."""
    try:
        from importlib import resources

        listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
        names = frozenset(listed.split())
    except (ImportError, OSError):
        names = frozenset(zoneinfo.available_timezones())
    return names - _NOT_ZONES


@functools.lru_cache(maxsize=1024)  # every event with a `tz` asks: a few names, many times
def zone_problem(name: str) -> str | None:
    """Why `name` is not an IANA time zone, or None when it is one.

    >>> zone_problem("Asia/Shanghai") is None
    True
    >>> zone_problem("localtime")
    "'localtime' is not a known IANA time zone (e.g. 'Asia/Shanghai')"
    """
    if len(name) > _LONGEST_ZONE:
        return f"a zone name of {len(name):,} characters is not a known IANA time zone"
    if _ZONE_NAME.fullmatch(name) and name in _zone_names():
        return None
    region = sorted(zone for zone in _zone_names() if zone.startswith(name + "/"))
    if region:
        return (
            f"{name!r} is a region of the zone database, not a zone; "
            f"name one of its zones, e.g. {region[0]!r}"
        )
    hint = did_you_mean(name, _zone_names()) or " (e.g. 'Asia/Shanghai')"
    return f"{name!r} is not a known IANA time zone{hint}"


@functools.lru_cache(maxsize=1024)  # sort keys ask for the same few zones again and again
def iana_zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone `name` names, checked against the IANA list first, so no file name, folder or
    machine-specific name ("localtime") is ever opened as one.

    Raises:
        ValueError: `name` is not an IANA zone; the message says why.
    """
    problem = zone_problem(name)
    if problem is not None:
        raise ValueError(problem)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, OSError, ValueError) as error:
        raise ValueError(f"{name!r} is not a known IANA time zone: {error}") from error


# -- what people write instead ------------------------------------------------------------------
#
# Only a failing value comes here, so none of this is on the loading path.

_MONTH_WORDS: Final = {
    **{name.lower(): n for n, name in enumerate(_MONTHS) if name},
    **{name[:3].lower(): n for n, name in enumerate(_MONTHS) if name},
    "sept": 9,
}
_SEASON_WORDS: Final = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_FILLER: Final = frozenset(
    {"the", "of", "on", "in", "at", "st", "nd", "rd", "th"}
    | {day.lower() for day in calendar.day_name}
    | {day.lower() for day in calendar.day_abbr}
)


def suggest(text: str) -> str | None:
    """What is wrong with a common written form of a date, and its notation; or None.

    >>> suggest("Aug 1, 2024")
    'write dates as numbers, year first: 2024-08-01'
    >>> suggest("2025-Q3")
    'a quarter is the span of its months: 2025-07/2025-09'
    """
    stripped = text.strip()
    if stripped != text and stripped and _plausible(stripped):
        return f"remove the spaces around it: {stripped}"
    for reading in _READINGS:
        found = reading(stripped)
        if found is not None:
            why, notation = found
            if not notation:  # advice, not a notation
                return why
            if all(_plausible(part) for part in notation.split("/") if "YYYY" not in part):
                return f"{why}: {notation}"
    return None


def _plausible(part: str) -> bool:
    """Whether `part` is one valid end, by the checks `parse_endpoint` makes (none of which
    comes back here: a suggestion is never checked by suggesting again)."""
    if part == "..":
        return True
    match = _PART.fullmatch(part)
    if match is None:
        return False
    g = match.groupdict()
    if g["year"] is None:
        return int(g["century"] or g["decade"]) > 0
    year = int(g["year"])
    if year < 1 or g["month"] is None:
        return year >= 1
    month = int(g["month"])
    if month in _SEASONS:
        return g["day"] is None
    if not 1 <= month <= 12 or g["day"] is None:
        return 1 <= month <= 12
    if not 1 <= int(g["day"]) <= _days_in(year, month):
        return False
    if g["hour"] is None:
        return True
    return int(g["hour"]) < 24 and int(g["minute"]) < 60 and int(g["second"] or 0) < 60


def _ymd(year: str, month: str | None = None, day: str | None = None) -> str:
    text = year
    if month is not None:
        text += f"-{int(month):02d}"
        if day is not None:
            text += f"-{int(day):02d}"
    return text


def _clock(hour: str, minute: str, second: str | None) -> str:
    return f"{int(hour):02d}:{minute}" + (f":{second}" if second else "")


def _zone(written: str | None) -> str:
    """An offset as EDTF writes it: 'UTC' → 'Z', '+0100' → '+01:00'."""
    if not written:
        return ""
    if written.upper() in ("Z", "UTC", "GMT"):
        return "Z"
    digits = written[1:].replace(":", "")
    return f"{written[0]}{digits[:2]}:{digits[2:]}"


def _words(text: str) -> tuple[str, str] | None:
    """'Aug 1, 2024', '1st August 2024', 'summer 2025': month and season names."""
    tokens = re.findall(r"[A-Za-z]+|\d{1,2}:\d{2}(?::\d{2})?|\d+", text)
    if not tokens or re.sub(r"[A-Za-z]+|\d{1,2}:\d{2}(?::\d{2})?|\d+|[\s,.]", "", text):
        return None
    year = month = day = season = clock = None
    for token in tokens:
        low = token.lower()
        if low.isdigit() and len(low) == 4 and year is None:
            year = low
        elif low.isdigit() and len(low) <= 2 and day is None:
            day = low
        elif ":" in low and clock is None:
            clock = low
        elif low in _MONTH_WORDS and month is None:
            month = str(_MONTH_WORDS[low])
        elif low in _SEASON_WORDS and season is None:
            season = str(_SEASON_WORDS[low])
        elif low not in _FILLER:
            return None
    if season is not None and year is not None and month is day is clock is None:
        return "seasons are numbered 21–24 (spring to winter)", f"{year}-{season}"
    if month is None or season is not None:
        return None
    why = "write dates as numbers, year first"
    if year is None:
        if day is None:
            return None
        return f"{why}, with the year", f"YYYY-{int(month):02d}-{int(day):02d}"
    notation = _ymd(year, month, day)
    if clock is not None and day is not None:
        hour, minute, *second = clock.split(":")
        notation += "T" + _clock(hour, minute, second[0] if second else None)
    return why, notation


def _fields(text: str) -> tuple[str, str] | None:
    """'2025-2-2', '2025.02.02', '20250202', '31.12.2025', dates and times in other layouts."""
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?([~?%]?)", text)
    if found:
        year, month, day, qualifier = found.groups()
        return "write month and day with two digits", _ymd(year, month, day) + qualifier
    found = re.fullmatch(r"(\d{4})([./ ])(\d{1,2})(?:\2(\d{1,2}))?", text)
    if found:
        year, _, month, day = found.groups()
        return "separate year, month and day with '-'", _ymd(year, month, day)
    found = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if found:
        return "separate year, month and day with '-'", _ymd(*found.groups())
    found = re.fullmatch(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z?)", text)
    if found:
        year, month, day, hour, minute, second, zone = found.groups()
        when = f"{_ymd(year, month, day)}T{_clock(hour, minute, second)}{zone}"
        return "write the date and time with '-' and ':'", when
    found = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})", text)
    if found:
        first, _, second, year = found.groups()
        day_first, month_first = _ymd(year, second, first), _ymd(year, first, second)
        if int(second) > 12 or day_first == month_first:
            return "write the year first", month_first if int(second) > 12 else day_first
        if int(first) > 12:
            return "write the year first", day_first
        if _plausible(day_first) and _plausible(month_first):
            return (
                f"write the year first: {day_first} if it means {int(first)} "
                f"{_MONTHS[int(second)]} {year}, {month_first} if {int(second)} "
                f"{_MONTHS[int(first)]} {year}",
                "",
            )
    return None


def _times(text: str) -> tuple[str, str] | None:
    """'2024-03-13 12:30', '2024-03-13T12:30 UTC', '2024-03-13T12:30+0100'."""
    zone = r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
    found = re.fullmatch(
        rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:\s+|_|t)(\d{{1,2}}):(\d{{2}})(?::(\d{{2}}))?{zone}",
        text,
    )
    if found:
        year, month, day, hour, minute, second, offset = found.groups()
        notation = f"{_ymd(year, month, day)}T{_clock(hour, minute, second)}{_zone(offset)}"
        return "put a T between the date and the time", notation
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)\s*(UTC|GMT|z)", text)
    if found:
        return "write UTC as Z", f"{found.group(1)}Z"
    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)([+-]\d{4})", text)
    if found:
        return "write the offset with a colon", found.group(1) + _zone(found.group(2))
    return None


def _groupings(text: str) -> tuple[str, str] | None:
    """Quarters, half-years, decades and centuries."""
    found = re.fullmatch(r"(?i)(?:(\d{4})[-\s]?Q([1-4])|Q([1-4])[-\s]?(\d{4}))", text)
    if found:
        year = found.group(1) or found.group(4)
        first = (int(found.group(2) or found.group(3)) - 1) * 3 + 1
        return "a quarter is the span of its months", f"{year}-{first:02d}/{year}-{first + 2:02d}"
    found = re.fullmatch(r"(?i)(?:(\d{4})[-\s]?H([12])|H([12])[-\s]?(\d{4}))", text)
    if found:
        year = found.group(1) or found.group(4)
        first = 1 if (found.group(2) or found.group(3)) == "1" else 7
        return "a half-year is the span of its months", f"{year}-{first:02d}/{year}-{first + 5:02d}"
    found = re.fullmatch(r"(?i)(?:the\s+)?(\d{3})0[’']?s", text)
    if found:
        return "a decade is written with X for its last digit", f"{found.group(1)}X"
    found = re.fullmatch(r"(?i)(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century", text)
    if found and 1 <= int(found.group(1)) <= 100:
        return (
            "a century is written with XX for its last digits",
            f"{int(found.group(1)) - 1:02d}XX",
        )
    return None


def _qualified(text: str) -> tuple[str, str] | None:
    """'c. 2021', '~2021', 'around April 2025', '?2021', 'since 2015', 'early 2025'."""
    found = re.fullmatch(
        r"(?i)(?:c\.|ca\.|c|ca|circa|about|around|approx\.?|approximately|~)\s*(.+)", text
    )
    if found:
        inner = _notation(found.group(1))
        if inner is not None:
            return "approximate is written with ~ after the value", f"{inner}~"
    found = re.fullmatch(r"\?\s*(.+)", text)
    if found:
        inner = _notation(found.group(1))
        if inner is not None:
            return "uncertain is written with ? after the value", f"{inner}?"
    found = re.fullmatch(r"(?i)(since|from|after|until|till|to|before|by)\s+(.+)", text)
    if found:
        inner = _notation(found.group(2))
        if inner is not None:
            opening = found.group(1).lower() in ("since", "from", "after")
            return "an open span is written with '..'", f"{inner}/.." if opening else f"../{inner}"
    found = re.fullmatch(r"(?i)(early|mid|late)[\s-]*(\d{4})", text)
    if found:
        part, year = found.group(1).lower(), found.group(2)
        first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return (
            "EDTF has no early, mid or late: write the months you mean as a span, "
            f"e.g. {year}-{first:02d}/{year}-{last:02d}, or the year, {year}",
            "",
        )
    found = re.fullmatch(r"(\d{4})\s*[-–—]\s*", text)
    if found:
        return "an open span is written with '..'", f"{found.group(1)}/.."
    return None


def _spans(text: str) -> tuple[str, str] | None:
    """'2020-2023', '2025-04-25 to 2025-05-01', '2025-04 – 2025-06'."""
    found = re.fullmatch(r"(\d{4})-(\d{4})", text) or re.fullmatch(
        r"(?i)(.+?)\s*(?:–|—|\s-\s|\s+to\s+|\s+until\s+|\.\.)\s*(.+)", text
    )
    if found:
        left, right = (_notation(part) for part in found.groups())
        if left is not None and right is not None:
            return "a span is written with '/' between its ends", f"{left}/{right}"
    return None


def _notation(text: str) -> str | None:
    """`text` as one end's notation: as it is when valid, else a clear reading of it."""
    text = text.strip()
    if _plausible(text):
        return text
    for reading in (_words, _fields, _times, _groupings):
        found = reading(text)
        if found is not None and "/" not in found[1] and _plausible(found[1]):
            return found[1]
    return None


_READINGS: Final = (_times, _fields, _groupings, _qualified, _spans, _words)
