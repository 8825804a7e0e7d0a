"""Resolvers of named calendar dates and periods.

"April 1, 2025", "in April", "2024", "the 1990s", "the 19th century", fiscal years,
quarters, halves, seasons and holidays. A date without its year takes the year whose
occurrence best fits the tense of its clause.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Final

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta, weekday

from timeline._endpoint import add_months
from timeline._extract import _words as vocab
from timeline._extract._context import Context
from timeline._extract._resolution import (
    Anchor,
    Resolution,
    Resolver,
    group,
    month_of,
    quarter_value,
    week,
    words_to_int,
    ym,
)


def _pick_year(
    published: dt.date, tense: str | None, span: Callable[[int], tuple[dt.date, dt.date]]
) -> int:
    """The year whose occurrence of a yearless date best fits the tense.

    Past: the latest occurrence that has begun by publication. Future: the earliest that
    has not ended. No cue: the occurrence nearest to publication (this year on a tie).
    """
    years = (published.year - 1, published.year, published.year + 1)
    if tense == "past":
        return max((y for y in years if span(y)[0] <= published), default=published.year)
    if tense == "future":
        return min((y for y in years if span(y)[1] >= published), default=published.year)

    def distance(year: int) -> int:
        first, last = span(year)
        if first <= published <= last:
            return 0
        return min(abs((first - published).days), abs((last - published).days))

    return min(years, key=lambda y: (distance(y), y != published.year))


def _month_span(month: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    return lambda y: (dt.date(y, month, 1), dt.date(y, month, calendar.monthrange(y, month)[1]))


def _season_of(day: dt.date) -> tuple[int, int]:
    """(season year, first month) of the season holding `day`; winter 2025 holds Jan 2026."""
    if day.month in (1, 2):
        return day.year - 1, 12
    return day.year, {3: 3, 4: 3, 5: 3, 6: 6, 7: 6, 8: 6, 9: 9, 10: 9, 11: 9, 12: 12}[day.month]


def _season_span(first_month: int) -> Callable[[int], tuple[dt.date, dt.date]]:
    def span(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, first_month, 1)
        return start, add_months(start, 3) - dt.timedelta(days=1)

    return span


def _season_value(year: int, word: str) -> Resolution:
    code, number, _ = vocab.SEASONS[word.lower()]
    return Resolution(timex=f"{year:04d}-{code}", when=f"{year:04d}-{number}")


def _r_date(m: re.Match[str], c: Context) -> Resolution | None:
    month = month_of(m)
    assert month is not None
    last_day = (group(m, "ordday") or "").lower() in {"last", "final"}
    if last_day:
        day: int | None = 28  # "the last day of November": fixed once the year is known
    elif group(m, "ordday"):
        day = vocab.ORDINALS[m["ordday"].lower()]
    elif group(m, "day"):
        day = int(re.sub(r"\D", "", m["day"]))
    else:
        day = None
    if group(m, "year"):
        year = int(m["year"])
    elif group(m, "yearwords"):
        words = words_to_int(m["yearwords"])
        if words is None:
            return None
        year = words
    elif day is None:
        year = _pick_year(c.published, c.direction, _month_span(month))
    else:
        if day > calendar.monthrange(2024, month)[1]:
            return None
        fixed: int = day
        year = _pick_year(c.published, c.direction, lambda y: (_safe_day(y, month, fixed),) * 2)
    if day is None:
        value = ym(year, month)
        return Resolution(timex=value, when=value)
    if last_day:
        day = calendar.monthrange(year, month)[1]
    value = dt.date(year, month, day).isoformat()
    return Resolution(timex=value, when=value)


def _safe_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


_NOT_YEAR: Final = re.compile(vocab.NOT_YEAR_BEFORE, re.IGNORECASE)


def _r_year(m: re.Match[str], c: Context) -> Resolution | None:
    if _NOT_YEAR.search(c.text, max(0, c.start - 12), c.start):
        return None
    return Resolution(timex=m["year"], when=m["year"])


def _r_decade(m: re.Match[str], c: Context) -> Resolution | None:
    if group(m, "decade2"):
        digit = int(m["decade2"])
        century = 19 if digit * 10 > c.published.year % 100 else 20
        value = f"{century}{digit}"
    else:
        value = m["decade"]
    return Resolution(timex=value, when=f"{value}X")


def _r_century(m: re.Match[str], c: Context) -> Resolution | None:
    if group(m, "hundreds"):  # "the 1800s": the nineteenth century
        number = int(m["hundreds"]) + 1
    elif group(m, "cent"):
        number = int(m["cent"])
    else:
        number = vocab.ORDINALS[m["centword"].lower()]
    if not 1 <= number <= 100:
        return None
    value = f"{number - 1:02d}"
    return Resolution(timex=value, when=f"{value}XX")


def _fiscal_year(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _fiscal(year: int, federal: bool, quarter: int | None = None, half: int = 0) -> Resolution:
    """US federal fiscal year N runs October N-1 to September N; others are unknown."""
    timex = f"FY{year}" + (f"-Q{quarter}" if quarter else "") + (f"-H{half}" if half else "")
    if not federal:
        return Resolution(timex=timex, when=None)
    start = dt.date(year - 1, 10, 1)
    if quarter:
        start, months = add_months(start, 3 * (quarter - 1)), 3
    elif half:
        start, months = add_months(start, 6 * (half - 1)), 6
    else:
        months = 12
    end = add_months(start, months - 1)
    return Resolution(timex=timex, when=f"{ym(start.year, start.month)}/{ym(end.year, end.month)}")


def _r_fiscal(m: re.Match[str], c: Context) -> Resolution | None:
    if group(m, "relfy"):  # "this fiscal year", "the previous fiscal year"
        words = m["relfy"].lower().split()
        delta = {"last": -1, "previous": -1, "prior": -1, "past": -1, "next": 1, "coming": 1}
        delta["following"] = 1
        if words[0] == "the" and words[-1] in {"the", "same", "previous", "prior", "following"}:
            anchor = Anchor(unit="fiscal", delta=delta.get(words[-1], 0))
            return Resolution(timex="", when=None, anchor=anchor)
        return Resolution(timex=f"FY{c.published.year + delta.get(words[-1], 0)}", when=None)
    return _fiscal(_fiscal_year(m["fy"]), bool(group(m, "federal")))


def _ordinal(text: str) -> int:
    text = text.lower()
    return int(text[0]) if text[0].isdigit() else vocab.ORDINALS[text]


def _r_quarter(m: re.Match[str], c: Context) -> Resolution | None:
    if group(m, "fq") or group(m, "fq2"):  # "its fiscal third quarter": of the fiscal year named
        quarter = _ordinal(group(m, "fq") or m["fq2"])
        return Resolution(timex="", when=None, anchor=Anchor(unit="fiscal-quarter", delta=quarter))
    if group(m, "thequarter") is not None:  # "the quarter", "the latest quarter": the one
        # last named, or the last one that has ended
        return Resolution(timex="", when=None, anchor=Anchor(unit="latest-quarter"))
    if group(m, "fy") or group(m, "fy2"):
        quarter = int(group(m, "q2") or group(m, "q3") or 0) or _ordinal(m["q"])
        return _fiscal(_fiscal_year(group(m, "fy") or m["fy2"]), bool(group(m, "federal")), quarter)
    current = (c.published.month - 1) // 3 + 1
    relq = (group(m, "relq") or "").lower().split()
    if relq:
        word = relq[-1]
        if word in {"previous", "prior", "following", "same"}:
            delta = {"previous": -1, "prior": -1, "following": 1, "same": 0}[word]
            year = int(m["year"]) if group(m, "year") else None
            anchor = Anchor(unit="quarter", delta=delta, year=year)
            return Resolution(timex="", when=None, anchor=anchor)
        delta = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[word]
        index = c.published.year * 4 + current - 1 + delta
        return quarter_value(index // 4, index % 4 + 1)
    word = (group(m, "q") or group(m, "qadj") or "").lower()
    if word in {"last", "final"} and not (group(m, "year") or group(m, "rel")):
        index = c.published.year * 4 + current - 2  # "the last quarter": the one before this
        return quarter_value(index // 4, index % 4 + 1)
    quarter = int(m["q2"]) if group(m, "q2") else _ordinal(word)
    if quarter > 4:
        return None
    if group(m, "year"):
        year = int(m["year"])
    elif group(m, "rel"):
        year = c.published.year + {"last": -1, "previous": -1, "next": 1}.get(m["rel"].lower(), 0)
    else:

        def span(y: int) -> tuple[dt.date, dt.date]:
            start = dt.date(y, 3 * quarter - 2, 1)
            return start, add_months(start, 3) - dt.timedelta(days=1)

        year = _pick_year(c.published, c.direction, span)
    return quarter_value(year, quarter)


def _r_half(m: re.Match[str], c: Context) -> Resolution | None:
    word = (group(m, "half") or group(m, "hadj") or "").lower()
    half = int(m["h2"]) if group(m, "h2") else (1 if word in {"first", "1st"} else 2)
    if group(m, "fy"):  # "the first half of fiscal 2003"
        return _fiscal(_fiscal_year(m["fy"]), bool(group(m, "federal")), half=half)
    if group(m, "year"):
        year = int(m["year"])
    elif not (group(m, "rel") or group(m, "theyear")):
        first_month = 1 if half == 1 else 7

        def span(y: int) -> tuple[dt.date, dt.date]:
            start = dt.date(y, first_month, 1)
            return start, add_months(start, 6) - dt.timedelta(days=1)

        year = _pick_year(c.published, c.direction, span)
    else:
        rel = (group(m, "rel") or "this").lower()
        year = c.published.year + {"last": -1, "next": 1}.get(rel, 0)
    first = 1 if half == 1 else 7
    return Resolution(timex=f"{year:04d}-H{half}", when=f"{ym(year, first)}/{ym(year, first + 5)}")


def _r_months_of(m: re.Match[str], c: Context) -> Resolution | None:
    """ "the first three months of 2013" is its first quarter; "the last six months of the
    year" its second half."""
    if group(m, "year"):
        year = int(m["year"])
    else:
        rel = (group(m, "rel") or "this").lower()
        year = c.published.year + {"last": -1, "next": 1}.get(rel, 0)
    first = m["which"].lower() == "first"
    if m["n"] in {"three", "3"}:
        return quarter_value(year, 1 if first else 4)
    half, month = (1, 1) if first else (2, 7)
    return Resolution(timex=f"{year:04d}-H{half}", when=f"{ym(year, month)}/{ym(year, month + 5)}")


def _range_end(first: int, end: str) -> int | None:
    """The last year of a range from `first`: "58" after 1957 is 1958, "00" after 1999 2000."""
    if len(end) == 4:
        last = int(end)
        return last if 0 < last - first <= 100 else None
    last = first // 100 * 100 + int(end)
    if last <= first:
        last += 100
    return last if last - first <= 10 else None


def _r_range(m: re.Match[str], c: Context) -> Resolution | None:
    """One year of "2009-10", "1957-58" or "2019/20": its own value, the whole span as `when`."""
    if group(m, "year"):
        if _NOT_YEAR.search(c.text, max(0, c.start - 12), c.start):
            return None
        first = value = int(m["year"])
        last = _range_end(first, m["end"])
    else:
        first = int(c.text[c.start - 5 : c.start - 1])
        last = _range_end(first, m["end"])
        value = last or 0
    if last is None:
        return None
    return Resolution(timex=f"{value:04d}", when=f"{first:04d}/{last:04d}")


def _r_week_of(m: re.Match[str], c: Context) -> Resolution | None:
    """ "the week of Aug. 18": the ISO week that holds the day."""
    day = _r_date(m, c)
    if day is None or len(day.timex) != 10:
        return None
    timex, when = week(dt.date.fromisoformat(day.timex))
    return Resolution(timex=timex, when=when)


def _r_season(m: re.Match[str], c: Context) -> Resolution | None:
    word = m["season"].lower()
    if group(m, "anchored"):  # "the following spring": after the time last named
        delta = -1 if m["anchored"].lower() in {"previous", "preceding", "prior"} else 1
        anchor = Anchor(unit="season", delta=delta, season=word)
        return Resolution(timex="", when=None, anchor=anchor)
    first_month = vocab.SEASONS[word][2]
    if group(m, "year"):
        return _season_value(int(m["year"]), word)
    rel = " ".join((group(m, "rel") or "").lower().split())
    current_year, current_first = _season_of(c.published)
    current_start = dt.date(current_year, current_first, 1)
    years = range(c.published.year - 2, c.published.year + 3)
    if rel == "this":
        year = c.published.year - (1 if word == "winter" and c.published.month <= 2 else 0)
    elif rel in {"last", "the past", "this past"}:
        year = max(y for y in years if dt.date(y, first_month, 1) < current_start)
    elif rel in {"next", "the coming", "this coming"}:
        year = min(y for y in years if dt.date(y, first_month, 1) > current_start)
    else:
        year = _pick_year(c.published, c.direction, _season_span(first_month))
    return _season_value(year, word)


def _holiday_date(name: str, year: int) -> dt.date:
    """The day a holiday falls on in `year` (US federal rules for the floating ones)."""
    if name in vocab.FIXED_HOLIDAYS:
        month, day = vocab.FIXED_HOLIDAYS[name]
        return dt.date(year, month, day)
    if name in vocab.FLOATING_HOLIDAYS:
        month, wd, n = vocab.FLOATING_HOLIDAYS[name]
        if n < 0:
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            return last + relativedelta(weekday=weekday(wd)(-1))
        return dt.date(year, month, 1) + relativedelta(weekday=weekday(wd)(n))
    return easter(year)


def _r_holiday(m: re.Match[str], c: Context) -> Resolution | None:
    name = " ".join(m["holiday"].lower().replace("’", "'").split())
    if group(m, "year"):
        year = int(m["year"])
    else:
        year = _pick_year(c.published, c.direction, lambda y: (_holiday_date(name, y),) * 2)
    day = _holiday_date(name, year).isoformat()
    return Resolution(timex=day, when=day)


RESOLVERS: Final[dict[str, Resolver]] = {
    "date": _r_date,
    "year": _r_year,
    "decade": _r_decade,
    "century": _r_century,
    "fiscal": _r_fiscal,
    "quarter": _r_quarter,
    "half": _r_half,
    "season": _r_season,
    "monthsof": _r_months_of,
    "range": _r_range,
    "weekof": _r_week_of,
    "holiday": _r_holiday,
}
