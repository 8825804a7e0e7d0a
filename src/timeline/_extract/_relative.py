"""Resolvers of references relative to publication, or to a date mentioned before them.

"this year", "later this month", "next March", "last Friday", "yesterday evening",
"on the 20th", "now", "recently"; and "the previous year" or "two years earlier", which a
resolver only marks and `anchored` resolves once the finder knows the last date mentioned.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final

from timeline._endpoint import add_months
from timeline._extract import _words as vocab
from timeline._extract._context import Context
from timeline._extract._resolution import (
    Resolution,
    Resolver,
    count_of,
    group,
    month_of,
    quarter_value,
    week,
    ym,
)


def _span_within(first: dt.date, last: dt.date, unit: str) -> str:
    """An EDTF span at the precision of `unit`, collapsed when both ends agree."""
    if unit in {"year", "decade", "century"}:
        a, b = f"{first.year:04d}", f"{last.year:04d}"
    elif unit in {"month", "quarter"}:
        a, b = ym(first.year, first.month), ym(last.year, last.month)
    else:
        a, b = first.isoformat(), last.isoformat()
    return a if a == b else f"{a}/{b}"


def _r_relative(m: re.Match[str], c: Context) -> Resolution | None:
    rel = m["rel"].lower().split()[-1]
    unit = m["unit"].lower()
    if unit == "end":  # "year-end"
        rel, unit = "this", "year"
    if rel == "new":  # "the new year": the one just begun, or about to begin in the autumn
        rel = "next" if c.published.month >= 9 else "this"
    delta = {"this": 0, "the": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
    edge = (group(m, "edge") or "").lower()
    p = c.published
    if unit == "year":
        year = p.year + delta
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        timex = f"{year:04d}"
    elif unit == "month":
        first = add_months(p.replace(day=1), delta)
        last = add_months(first, 1) - dt.timedelta(days=1)
        timex = ym(first.year, first.month)
    elif unit in {"week", "weekend"}:
        monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=delta)
        timex, _ = week(monday)
        if unit == "weekend":
            saturday = monday + dt.timedelta(days=5)
            return Resolution(timex=f"{timex}-WE", when=f"{saturday}/{saturday + dt.timedelta(1)}")
        first, last = monday, monday + dt.timedelta(days=6)
    elif unit == "decade":
        decade = p.year // 10 + delta
        first, last = dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31)
        timex = f"{decade:03d}"
    else:
        century = p.year // 100 + delta
        return Resolution(timex=f"{century:02d}", when=f"{century:02d}XX")
    if delta == 0 and edge in {"earlier", "later"}:
        first, last = (first, p) if edge == "earlier" else (p, last)
        finer = {"year": "month", "decade": "year"}.get(unit, "day")
        return Resolution(timex=timex, when=_span_within(first, last, finer))
    if unit == "decade":
        return Resolution(timex=timex, when=f"{timex}X")
    if unit == "week":
        return Resolution(timex=timex, when=f"{first}/{last}")
    return Resolution(timex=timex, when=timex)


def _r_anchored(m: re.Match[str], c: Context) -> Resolution | None:
    word = m["rel"].lower()
    if group(m, "num"):  # "two years earlier"
        count = count_of(m["num"])
        if count is None or count != int(count):
            return None
        delta = int(count) * (-1 if word == "earlier" else 1)
        return Resolution(timex="", when=None, anchor=(m["unit"].lower(), delta))
    delta = {"previous": -1, "prior": -1, "preceding": -1, "following": 1, "next": 1}.get(word, 0)
    return Resolution(timex="", when=None, anchor=(m["unit"].lower(), delta))


def _r_relmonth(m: re.Match[str], c: Context) -> Resolution | None:
    month = month_of(m)
    assert month is not None
    p, rel = c.published, m["rel"].lower()
    if rel == "this":
        year = p.year
    elif rel == "last":
        year = p.year if month < p.month else p.year - 1
    else:
        year = p.year if month > p.month else p.year + 1
    return Resolution(timex=ym(year, month), when=ym(year, month))


def _r_weekday(m: re.Match[str], c: Context) -> Resolution | None:
    p = c.published
    if group(m, "wd") is None:  # "the weekend"
        monday = p - dt.timedelta(days=p.weekday())
        if c.tense == "past" and p.weekday() < 5:
            monday -= dt.timedelta(weeks=1)
        week_value, _ = week(monday)
        saturday = monday + dt.timedelta(days=5)
        return Resolution(timex=f"{week_value}-WE", when=f"{saturday}/{saturday + dt.timedelta(1)}")
    target = vocab.WEEKDAYS[m["wd"].rstrip(".")]
    rel = " ".join((group(m, "rel") or "").lower().split())
    back = (p.weekday() - target) % 7
    ahead = (target - p.weekday()) % 7
    if rel in {"last", "this past"}:
        day = p - dt.timedelta(days=back or 7)
    elif rel in {"next", "this coming", "the coming"}:
        day = p + dt.timedelta(days=ahead or 7)
    elif rel in {"this", "the current"}:
        day = p + dt.timedelta(days=target - p.weekday())
    else:
        tense = c.tense
        if tense == "past":
            day = p - dt.timedelta(days=back)
        elif tense == "future":
            day = p + dt.timedelta(days=ahead)
        else:
            day = p - dt.timedelta(days=back) if back <= ahead else p + dt.timedelta(days=ahead)
    return _with_part(day, group(m, "part"))


def _with_part(day: dt.date, part: str | None) -> Resolution:
    if part:
        return Resolution(
            timex=f"{day}T{vocab.DAY_PARTS[part.lower()]}", when=str(day), type="TIME"
        )
    return Resolution(timex=str(day), when=str(day))


def _r_dayword(m: re.Match[str], c: Context) -> Resolution | None:
    if group(m, "tonight"):
        last = m["tonight"].lower().startswith("last")
        return _with_part(c.published - dt.timedelta(days=int(last)), "night")
    words = " ".join((group(m, "dayword") or "today").lower().split())
    return _with_part(c.published + dt.timedelta(days=vocab.DAY_WORDS[words]), group(m, "part"))


def _r_monthday(m: re.Match[str], c: Context) -> Resolution | None:
    """ "on the 20th": the 20th of this month, the last or the next, by tense."""
    number = int(re.sub(r"\D", "", m["day"]))
    first = c.published.replace(day=1)
    days = []
    for k in (-1, 0, 1):
        month = add_months(first, k)
        if number <= calendar.monthrange(month.year, month.month)[1]:
            days.append(month.replace(day=number))
    tense, p = c.tense, c.published
    if tense == "past":
        day = max((d for d in days if d <= p), default=None)
    elif tense == "future":
        day = min((d for d in days if d >= p), default=None)
    else:
        day = min(days, key=lambda d: abs((d - p).days), default=None)
    return None if day is None else Resolution(timex=str(day), when=str(day))


def _r_ref(m: re.Match[str], c: Context) -> Resolution | None:
    if group(m, "present") is not None:
        return Resolution(timex="PRESENT_REF", when=None)
    return Resolution(timex=vocab.REFERENCE_WORDS[" ".join(m["ref"].lower().split())], when=None)


def anchored(unit: str, delta: int, anchor: dt.date, quarter: tuple[int, int] | None) -> Resolution:
    """What "the previous year" (`unit` "year", `delta` -1) is, counted from `anchor`, the
    last date mentioned before it (`quarter`: the last quarter mentioned, if any).

    Raises:
        ValueError, OverflowError: the value falls outside the years 1 to 9999.
    """
    if unit == "quarter":
        year, q = quarter or (anchor.year, (anchor.month - 1) // 3 + 1)
        index = year * 4 + q - 1 + delta
        if not 1 <= index // 4 <= 9999:
            raise ValueError(index // 4)
        return quarter_value(index // 4, index % 4 + 1)
    if unit == "year":
        if not 1 <= anchor.year + delta <= 9999:
            raise ValueError(anchor.year + delta)
        value = f"{anchor.year + delta:04d}"
        return Resolution(timex=value, when=value)
    if unit == "month":
        moved = add_months(anchor, delta)
        value = ym(moved.year, moved.month)
        return Resolution(timex=value, when=value)
    if unit == "week":
        timex, when = week(anchor + dt.timedelta(weeks=delta))
        return Resolution(timex=timex, when=when)
    day = anchor + dt.timedelta(days=delta)
    return Resolution(timex=str(day), when=str(day))


RESOLVERS: Final[dict[str, Resolver]] = {
    "relative": _r_relative,
    "anchored": _r_anchored,
    "relmonth": _r_relmonth,
    "weekday": _r_weekday,
    "dayword": _r_dayword,
    "monthday": _r_monthday,
    "ref": _r_ref,
}
