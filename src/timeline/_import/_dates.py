"""Dates as spreadsheets hold them, read into a `When` at exactly the precision written.

The one place cell dates are read, for every importer:

- EDTF and ISO 8601 as `When.parse` takes them (`2024-08-02`, `2024-08`, `2024-23`,
  `2021~`, `2024-08-02T10:30Z`, `2015/..`), and ISO times without an offset
  (`2024-08-02 10:30`), read in the import's zone;
- what people type: "Aug 2, 2024", "2 August 2024", "Tuesday, August 2nd, 2024",
  "August 2024", "spring 2024", "winter 2024–25", "c. 1990", "1990?", "the 1990s", "the 19th
  century", "since 2015", "until 7 October 2022", spans written "A – B", "A to B",
  "15–17 October 2025", "June–December 2025", "2015–2020" (timeline's own labels all read
  back), month names in English, French, German and Spanish;
- numeric dates: "2024/8/2" (year first), "8/2/2024" (month and day in an order the
  import is told: `dayfirst`; without it a date both ways readable is refused, never
  guessed), "8/2024";
- Excel serial day numbers ("45506", "45506.75" with a time), and typed cells from .xlsx
  (`cell`), whose number format tells their precision: "mmm yyyy" is a month, not day 1.

A four-digit number is a year; a five-digit one is an Excel serial. Whatever cannot be read
raises `SkippedRecordError` with the value and what would work, and the row is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from typing import Final

from timeline._when import When
from timeline.errors import SkippedRecordError, WhenError

__all__ = ["cell", "from_parts", "read_date", "serial", "span", "time_of_day"]

_MONTH_NAMES: Final = {
    # English, with the usual abbreviations
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    # French, German, Spanish (accents folded)
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "januar": 1, "februar": 2, "marz": 3, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_SEASONS: Final = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_WEEKDAYS: Final = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_APPROXIMATE: Final = re.compile(r"^(?:~|c\.|ca\.|circa|approx\.?|approximately|about|around)\s*")
_MONTH: Final = r"([^\W\d_]+)\.?"
_TIME: Final = re.compile(
    r"^(?P<date>.+?)(?:,\s*|\s+|T)"
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::(?P<second>\d{2}))?\s*"
    r"(?P<half>[ap]\.?m\.?(?![a-z]))?"
    r"(?:\s*(?P<zone>Z|UTC(?:[+-]\d{2}:?\d{2})?|GMT|[+-]\d{2}:?\d{2}|[A-Za-z_]+(?:/[\w+-]+)+))?$",
    re.IGNORECASE,
)
_FLAGS: Final = "--dayfirst (day/month/year) or --monthfirst (month/day/year)"
#: The first day of Excel's serial numbers: serial 1 is 1900-01-01, and Excel counts a
#: 29 February 1900 that never was, so from serial 61 on the count starts a day earlier.
_EXCEL_EPOCH: Final = dt.date(1899, 12, 30)


def read_date(text: str, *, dayfirst: bool | None = None, zone: str = "UTC") -> When:
    """The `When` a cell's text means, at its written precision.

    >>> str(read_date("Aug 2, 2024")), str(read_date("August 2024")), str(read_date("c. 1990"))
    ('2024-08-02', '2024-08', '1990~')
    >>> str(read_date("8/2/2024", dayfirst=True)), str(read_date("15–17 October 2025"))
    ('2024-02-08', '2025-10-15/2025-10-17')

    Raises:
        SkippedRecordError: the text is not a date, or is one only under an assumption
            (day or month first, which century) that the import was not told.
    """
    value = " ".join(text.split())
    if not value:
        raise SkippedRecordError("it is empty; write a date such as 2024-08-02 or 'Aug 2024'")
    try:
        return When.parse(value)
    except WhenError as error:
        edtf = error
    opened = re.match(r"(since|from|between|until|till)\s+", value, re.IGNORECASE)
    word = opened.group(1).lower() if opened else ""
    rest = value[opened.end() :] if opened else value
    split = re.search(
        r"\s+(?:–|—|-|to|until|through|thru)\s+" if word != "between" else r"\s+and\s+",
        rest,
        re.IGNORECASE,
    )
    if split is not None:
        left, right = rest[: split.start()], rest[split.end() :]
        try:
            start, end = _ends([left, right], dayfirst, zone)
        except SkippedRecordError:
            year = re.findall(r"\b\d{4}\b", right)
            if re.search(r"\d{4}", left) or not year:
                raise
            start, end = _ends(
                [f"{left} {year[-1]}", right], dayfirst, zone
            )  # "15 Oct – 17 Nov 2025"
        return _join(start, end)
    if word in ("since", "from"):
        (part,) = _ends([rest], dayfirst, zone)
        return _join(part, None)
    if word in ("until", "till"):
        (part,) = _ends([rest], dayfirst, zone)
        return _join(None, part)
    compact = _compact_span(value, dayfirst, zone)
    if compact is not None:
        return compact
    try:
        (single,) = _ends([value], dayfirst, zone)
    except SkippedRecordError:
        if re.match(r"\d{4}-\d", value):  # EDTF-shaped: its own reason is the clearest
            raise SkippedRecordError(f"{value!r} is not a date: {edtf.reason}") from None
        raise
    return _join(single, single, single=True)


def serial(number: float, *, zone: str = "UTC", epoch: dt.date = _EXCEL_EPOCH) -> When:
    """The day (or, with a fraction, the moment) an Excel serial number stands for.

    >>> str(serial(45506)), str(serial(45506.75))
    ('2024-08-02', '2024-08-02T18:00Z')
    """
    moment = _serial_moment(number, epoch)
    if isinstance(moment, dt.datetime):
        return _local(moment, zone, with_seconds=bool(moment.second))
    return When.parse(moment.isoformat())


def _serial_moment(number: float, epoch: dt.date = _EXCEL_EPOCH) -> dt.date | dt.datetime:
    if not 1 <= number < 2_958_466:
        raise SkippedRecordError(f"{number!r} is not an Excel date serial (1 to 2958465)")
    whole = int(number)
    if epoch == _EXCEL_EPOCH and whole == 60:
        raise SkippedRecordError("Excel serial 60 is 29 February 1900, a day that never was")
    day = epoch + dt.timedelta(days=whole + (1 if epoch == _EXCEL_EPOCH and whole < 60 else 0))
    seconds = round((number - whole) * 86_400)
    if not seconds:
        return day
    if seconds >= 86_400:
        return day + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)


def cell(
    value: object,
    *,
    number_format: str = "General",
    dayfirst: bool | None = None,
    zone: str = "UTC",
    epoch: dt.date = _EXCEL_EPOCH,
) -> When:
    """A typed spreadsheet cell (text, number, date, date-time) as a `When`.

    A date cell is as precise as its number format shows: "mmm yyyy" is a month, "yyyy" a
    year, "d/m/yyyy" a day, "d/m/yyyy h:mm" a minute.

    >>> str(cell(dt.datetime(2024, 8, 1), number_format="mmmm yyyy")), str(cell(2024))
    ('2024-08', '2024')
    """
    if isinstance(value, str):
        return read_date(value, dayfirst=dayfirst, zone=zone)
    if isinstance(value, bool) or value is None:
        raise SkippedRecordError(f"{value!r} is not a date")
    if isinstance(value, int | float):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and 1000 <= value <= 9999:
            return When.parse(f"{value:04d}")
        if isinstance(value, float) or value >= 10_000:
            return serial(value, zone=zone, epoch=epoch)
        raise SkippedRecordError(
            f"{value!r} is neither a four-digit year nor an Excel date serial (10000 or more)"
        )
    if isinstance(value, dt.time):
        raise SkippedRecordError(f"{value.isoformat()!r} is a time of day without a date")
    if isinstance(value, dt.datetime | dt.date):
        return _formatted(value, number_format, zone)
    raise SkippedRecordError(f"{value!r} is not a date")


def from_parts(
    year: str, month: str = "", day: str = "", time: str = "", *, zone: str = "UTC"
) -> When:
    """One end from separate Year, Month, Day and Time cells (TimelineJS's sheet), as precise
    as the cells filled: a year and a month only is that month, never its first day.

    >>> str(from_parts("2024", "8")), str(from_parts("2024", "8", "2", "1:30 PM"))
    ('2024-08', '2024-08-02T13:30Z')
    """
    year, month, day, time = (part.strip() for part in (year, month, day, time))
    if not year:
        raise SkippedRecordError("it has a Month, Day or Time but no Year")
    number = _integer(year, "Year")
    if not 1 <= number <= 9999:
        raise SkippedRecordError(f"year {year} is outside 1–9999, the years timeline supports")
    text = f"{number:04d}"
    if month:
        month_number = _MONTH_NAMES.get(_fold(month).rstrip(".")) or _integer(month, "Month")
        if not 1 <= month_number <= 12:
            raise SkippedRecordError(f"month {month!r} is not 1–12")
        text += f"-{month_number:02d}"
    elif day or time:
        raise SkippedRecordError("it has a Day or Time but no Month")
    if day:
        text += f"-{_integer(day, 'Day'):02d}"
    elif time:
        raise SkippedRecordError("it has a Time but no Day")
    try:
        when = When.parse(text)
    except WhenError as error:
        raise SkippedRecordError(error.reason) from None
    if not time:
        return when
    hour, minute, second = time_of_day(time)
    moment = dt.datetime.combine(when.earliest or dt.date.min, dt.time(hour, minute, second))
    return _local(moment, zone, with_seconds=time.count(":") >= 2)


def span(low: When, high: When) -> When:
    """The span from the start of `low` to the end of `high` (a Start and an End cell).

    >>> str(span(When.parse("2024-08"), When.parse("2025")))
    '2024-08/2025'
    """
    if low.start is None or high.end is None or low.is_interval or high.is_interval:
        raise SkippedRecordError("a start and an end are single dates, not spans")
    zones = {w.tz for w in (low, high) if w.tz}
    if len(zones) > 1:
        raise SkippedRecordError(f"the start and end are in different zones ({sorted(zones)})")
    try:
        return When.parse(
            f"{low.start.notation()}/{high.end.notation()}", tz=next(iter(zones), None)
        )
    except WhenError as error:
        raise SkippedRecordError(error.reason) from None


def time_of_day(text: str) -> tuple[int, int, int]:
    """Hours, minutes and seconds of "13:30", "1:30 PM", "13:30:15", "1 pm".

    >>> time_of_day("1:30 PM"), time_of_day("00:05:09")
    ((13, 30, 0), (0, 5, 9))
    """
    found = re.fullmatch(
        r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?", text.strip(), re.IGNORECASE
    )
    if found is None or (found.group(2) is None and found.group(4) is None):
        raise SkippedRecordError(f"{text!r} is not a time of day such as 13:30 or 1:30 PM")
    hour, minute, second = (int(g) if g else 0 for g in found.group(1, 2, 3))
    return _clock(hour, minute, second, found.group(4), text)


# -- reading one end ------------------------------------------------------------------------


class _End:
    """One end as EDTF, with whether its time is a wall time and the zone or offset it named."""

    __slots__ = ("local", "notation", "offset", "zone")

    def __init__(
        self,
        notation: str,
        *,
        local: bool = False,
        zone: str | None = None,
        offset: str | None = None,
    ) -> None:
        self.notation = notation
        self.local = local
        self.zone = zone
        self.offset = offset


def _ends(texts: list[str], dayfirst: bool | None, zone: str) -> list[_End]:
    ends = [_end(" ".join(text.split()), dayfirst) for text in texts]
    named = {end.zone for end in ends if end.zone}
    if len(named) > 1:
        raise SkippedRecordError(f"its ends name different zones ({', '.join(sorted(named))})")
    offsets = {end.offset for end in ends if end.offset}
    for end in ends:  # "1 Sep 2025, 10:00 – 2 Sep 2025, 11:00 UTC+02:00": one offset for both
        if end.local and not end.zone and not named and len(offsets) == 1:
            end.notation += offsets.pop()
            end.local = False
    shared = next(iter(named), zone)
    for end in ends:
        if end.local:
            end.zone = shared
    return ends


def _join(start: _End | None, end: _End | None, *, single: bool = False) -> When:
    ends = [part for part in (start, end) if part is not None]
    zones = {part.zone for part in ends if part.local}
    tz = next(iter(zones), None)
    notations = []
    for part in ends:
        notation = part.notation
        if part.local and tz == "UTC":
            notation += "Z"
        notations.append(notation)
    if single:
        text = notations[0]
    else:
        text = f"{'..' if start is None else notations[0]}/{'..' if end is None else notations[-1]}"
    try:
        return When.parse(text, tz=None if tz == "UTC" else tz)
    except WhenError as error:
        raise SkippedRecordError(error.reason) from None


def _end(text: str, dayfirst: bool | None) -> _End:
    """One end: a date at any precision, or a date and a time with an optional zone."""
    lower = _fold(text)
    qualifier = ""
    if lower.endswith("?"):
        qualifier, text, lower = "?", text[:-1].rstrip(), lower[:-1].rstrip()
    approximate = _APPROXIMATE.match(lower)
    if approximate:
        qualifier = "%" if qualifier else "~"
        text, lower = text[approximate.end() :], lower[approximate.end() :]
    if re.fullmatch(r"\d{5,7}(?:\.\d+)?", lower) and not qualifier:
        moment = _serial_moment(float(lower))
        if isinstance(moment, dt.datetime):
            pattern = "%Y-%m-%dT%H:%M:%S" if moment.second else "%Y-%m-%dT%H:%M"
            return _End(moment.strftime(pattern), local=True)
        return _End(moment.isoformat())
    timed = _TIME.match(text)
    if timed and not qualifier and _is_time(timed):
        day = _date(timed.group("date"), dayfirst)
        if day.count("-") != 2:
            raise SkippedRecordError(f"{text!r} gives a time on a date that is not a whole day")
        hour, minute, second = _clock(
            int(timed.group("hour")),
            int(timed.group("minute") or 0),
            int(timed.group("second") or 0),
            timed.group("half"),
            text,
        )
        clock = f"T{hour:02d}:{minute:02d}" + (f":{second:02d}" if timed.group("second") else "")
        named = timed.group("zone")
        if named is None:
            return _End(day + clock, local=True)
        offset = _offset(named)
        if offset is not None:
            return _End(day + clock + offset, offset=offset)
        try:
            zoneinfo.ZoneInfo(named)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise SkippedRecordError(f"{named!r} is not a known IANA time zone") from None
        return _End(day + clock, local=True, zone=named)
    return _End(_date(text, dayfirst) + qualifier)


def _is_time(found: re.Match[str]) -> bool:
    """Whether what looked like a time is one: "10:30", "1 PM", not the year in "Aug 2024"."""
    return found.group("minute") is not None or found.group("half") is not None


def _date(text: str, dayfirst: bool | None) -> str:
    """A date at its precision, as EDTF without a qualifier."""
    value = " ".join(text.split()).strip(" ,")
    try:
        When.parse(value)
        return value
    except WhenError:
        pass
    lower = _without_weekday(_fold(value), value)
    lower = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", lower)
    lower = re.sub(r"^the\s+|\b(?:of|de|del)\s+", "", lower)  # "the 2nd of August", "5 de mayo"
    lower = " ".join(lower.replace(",", " ").split())
    found = re.fullmatch(r"(?:the\s+)?(\d{3})0'?s", lower)
    if found:
        if found.group(1).endswith("0"):
            raise SkippedRecordError(
                f"{value!r} can mean a decade or a century: write {found.group(1)}X (the decade) "
                f"or {found.group(1)[:2]}XX (the century)"
            )
        return f"{found.group(1)}X"
    found = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+century", lower)
    if found:
        number = int(found.group(1))
        if not 1 <= number <= 100:
            raise SkippedRecordError(f"{value!r} is not a century timeline supports")
        return f"{number - 1:02d}XX" if number > 1 else _refuse(value, "years before 0001")
    found = re.fullmatch(r"([a-z]+)\s+(\d{4})(?:\s*[–/-]\s*(\d{2}|\d{4}))?", lower)
    if found and found.group(1) in _SEASONS:
        return _season(found, value)
    if found and found.group(1) in _MONTH_NAMES and not found.group(3):
        return f"{found.group(2)}-{_MONTH_NAMES[found.group(1)]:02d}"
    found = re.fullmatch(r"([a-z]+)\.?[\s-]+(\d{4})", lower) or re.fullmatch(
        r"(\d{4})[\s-]+([a-z]+)\.?", lower
    )
    if found:
        name, year = sorted(found.groups(), key=str.isdigit)
        if name in _MONTH_NAMES:
            return f"{year}-{_MONTH_NAMES[name]:02d}"
    for pattern, order in (
        (r"(\d{1,2})[\s.-]*" + _MONTH + r"[\s.-]*(\d{2,4})", "dmy"),
        (_MONTH + r"[\s.-]*(\d{1,2})[\s.-]+(\d{2,4})", "mdy"),
        (r"(\d{4})[\s.-]+" + _MONTH + r"[\s.-]+(\d{1,2})", "ymd"),
    ):
        found = re.fullmatch(pattern, lower)
        if found and _fold(found.group(order.index("m") + 1)) in _MONTH_NAMES:
            parts = dict(zip(order, found.groups(), strict=True))
            month = _MONTH_NAMES[_fold(parts["m"])]
            return _day(_year(parts["y"], value), month, int(parts["d"]), value)
    found = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", lower)
    if found:
        return _day(int(found.group(1)), int(found.group(2)), int(found.group(3)), value)
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})", lower)
    if found:
        first, second = int(found.group(1)), int(found.group(2))
        year = _year(found.group(3), value)
        if dayfirst is not None:
            day, month = (first, second) if dayfirst else (second, first)
        elif first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first or first == second:
            month, day = first, second
        elif first <= 12 and second <= 12:
            raise SkippedRecordError(
                f"{value!r} is {first} {_name(second)} {year} (day first) or {second} "
                f"{_name(first)} {year} (month first); say which with {_FLAGS}"
            )
        else:
            raise SkippedRecordError(f"{value!r} is not a date: no month is above 12")
        return _day(year, month, day, value)
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{4})|(\d{4})[/.](\d{1,2})", lower)
    if found:
        month_text = found.group(1) or found.group(4)
        year_text = found.group(2) or found.group(3)
        if not 1 <= int(month_text) <= 12:
            raise SkippedRecordError(f"{value!r}: month {month_text} is not 1–12")
        return f"{year_text}-{int(month_text):02d}"
    raise SkippedRecordError(
        f"{value!r} is not a date timeline can read: write 2024-08-02, 'Aug 2, 2024', "
        "'2 August 2024', 'August 2024', 2024, 'spring 2024' or 'c. 1990'"
    )


def _compact_span(value: str, dayfirst: bool | None, zone: str) -> When | None:
    """ "15–17 October 2025", "Aug 2–5, 2024", "June–December 2025", "2015–2020"; None when
    the text is none of these."""
    lower = _fold(value).replace("—", "–")
    pairs: list[tuple[str, str]] = []
    clock = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    found = re.fullmatch(rf"(.+?),?\s+({clock})\s*–\s*({clock})(\s+\S+)?", value, re.IGNORECASE)
    if found:  # "1 September 2025, 10:00–11:00 Europe/Brussels": one day, one zone
        day, start, end, named = found.group(1), found.group(2), found.group(3), found.group(4)
        named = named or ""
        pairs.append((f"{day}, {start}{named}", f"{day}, {end}{named}"))
    found = re.fullmatch(r"(\d{1,2})\s*[–-]\s*(\d{1,2})\s+(.+)", lower)
    if found:
        rest = found.group(3)
        pairs.append((f"{found.group(1)} {rest}", f"{found.group(2)} {rest}"))
    found = re.fullmatch(_MONTH + r"\s+(\d{1,2})\s*[–-]\s*(\d{1,2}),?\s+(\d{4})", lower)
    if found and found.group(1) in _MONTH_NAMES:
        month, low, high, year = found.groups()
        pairs.append((f"{month} {low} {year}", f"{month} {high} {year}"))
    found = re.fullmatch(r"([a-z]+)\s*[–-]\s*([a-z]+)\s+(\d{4})", lower)
    if found:
        first, second, year = found.groups()
        pairs.append((f"{first} {year}", f"{second} {year}"))
    found = re.fullmatch(r"(\d{4})\s*[–-]\s*(\d{4})", lower)
    if found:
        pairs.append((found.group(1), found.group(2)))
    for left, right in pairs:
        try:
            return _pair(left, right, dayfirst, zone)
        except SkippedRecordError:
            continue
    return None


def _pair(left: str, right: str, dayfirst: bool | None, zone: str) -> When:
    start, end = _ends([left, right], dayfirst, zone)
    return _join(start, end)


# -- small helpers ---------------------------------------------------------------------------


def _formatted(value: dt.date, number_format: str, zone: str) -> When:
    """A date cell at the precision its number format shows."""
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|am/pm|a/p', "", number_format.lower())
    has_time = "h" in code or "s" in code
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    if has_time or (code in ("general", "") and moment.time() != dt.time()):
        if moment.date() <= dt.date(1900, 1, 1) and not re.search(r"[dy]", code):
            raise SkippedRecordError(f"{moment.time().isoformat()!r} is a time without a date")
        return _local(moment.replace(microsecond=0, tzinfo=None), zone, with_seconds="s" in code)
    if "d" in code or code in ("general", ""):
        return When.parse(moment.date().isoformat())
    if "m" in code:
        return When.parse(f"{moment.year:04d}-{moment.month:02d}")
    return When.parse(f"{moment.year:04d}")


def _local(moment: dt.datetime, zone: str, *, with_seconds: bool) -> When:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S" if with_seconds else "%Y-%m-%dT%H:%M")
    try:
        if zone == "UTC":
            return When.parse(text + "Z")
        return When.parse(text, tz=zone)
    except WhenError as error:
        raise SkippedRecordError(error.reason) from None


def _clock(
    hour: int, minute: int, second: int, half: str | None, text: str
) -> tuple[int, int, int]:
    if half:
        if not 1 <= hour <= 12:
            raise SkippedRecordError(f"{text!r}: {hour} is not an hour of a 12-hour clock")
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise SkippedRecordError(f"{text!r} is not a time of day")
    return hour, minute, second


def _offset(named: str) -> str | None:
    upper = named.upper()
    if upper in ("Z", "UTC", "GMT"):
        return "Z"
    found = re.fullmatch(r"(?:UTC)?([+-])(\d{2}):?(\d{2})", upper)
    if found is None:
        return None
    sign, hours, minutes = found.groups()
    return "Z" if hours == minutes == "00" else f"{sign}{hours}:{minutes}"


def _season(found: re.Match[str], value: str) -> str:
    name, year, following = found.groups()
    season, start = _SEASONS[name], int(year)
    if season == 24:
        if following is None:
            raise SkippedRecordError(
                f"{value!r}: say which winter, e.g. 'winter {start - 1}–{start % 100:02d}' "
                f"or 'winter {start}–{(start + 1) % 100:02d}'"
            )
        if int(following) % 100 != (start + 1) % 100:
            raise SkippedRecordError(f"{value!r}: a winter runs from one year into the next")
    elif following is not None:
        raise SkippedRecordError(f"{value!r}: only a winter runs into a second year")
    return f"{start:04d}-{season}"


def _day(year: int, month: int, day: int, value: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as error:
        raise SkippedRecordError(f"{value!r} is not a date: {error}") from None


def _year(text: str, value: str) -> int:
    if len(text) != 4:
        raise SkippedRecordError(f"{value!r}: write the year with four digits (which century?)")
    year = int(text)
    if year < 1:
        _refuse(value, "years before 0001")
    return year


def _without_weekday(lower: str, value: str) -> str:
    """The text without a leading weekday ("Tuesday, 2 August 2024"); a wrong one is refused."""
    found = re.match(r"([a-z]+)\.?,?\s+", lower)
    if not found or found.group(1) not in _WEEKDAYS:
        return lower
    rest = lower[found.end() :]
    try:
        notation = _date(rest, None)
    except SkippedRecordError:
        return rest
    if len(notation) == 10:
        day = dt.date.fromisoformat(notation)
        if day.weekday() != _WEEKDAYS[found.group(1)]:
            raise SkippedRecordError(f"{value!r}: {day.day} {day:%B %Y} is a {day:%A}")
    return rest


def _integer(text: str, column: str) -> int:
    try:
        number = float(text)
    except ValueError:
        raise SkippedRecordError(f"{column} {text!r} is not a number") from None
    if not number.is_integer():
        raise SkippedRecordError(f"{column} {text!r} is not a whole number")
    return int(number)


def _name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)


def _refuse(value: str, what: str) -> str:
    raise SkippedRecordError(f"{value!r}: {what} are not supported")


def _fold(text: str) -> str:
    """Lower case without accents, for matching names: "Août" → "aout"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if not unicodedata.combining(char)).strip()
