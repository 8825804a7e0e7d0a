"""Resolvers of references relative to publication, or to a date mentioned before them.

"this year", "later this month", "next March", "last Friday", "yesterday evening",
"on the 20th", "now", "recently"; and "the previous year" or "two years earlier", which a
resolver only marks with an `Anchor`, resolved once the finder knows what was mentioned.
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
    Anchor,
    Resolution,
    Resolver,
    count_of,
    group,
    month_of,
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


def _unit(unit: str, delta: int, p: dt.date) -> tuple[str, dt.date, dt.date]:
    """The TIMEX3 value and the first and last day of this (`delta` 0), the last or the
    next year, month, week, decade or century around `p`."""
    if unit == "year":
        year = p.year + delta
        return f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31)
    if unit == "month":
        first = add_months(p.replace(day=1), delta)
        return ym(first.year, first.month), first, add_months(first, 1) - dt.timedelta(days=1)
    if unit == "week":
        monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=delta)
        return week(monday)[0], monday, monday + dt.timedelta(days=6)
    if unit == "decade":
        decade = p.year // 10 + delta
        return f"{decade:03d}", dt.date(decade * 10, 1, 1), dt.date(decade * 10 + 9, 12, 31)
    century = p.year // 100 + delta
    first = dt.date(max(century * 100, 1), 1, 1)
    return f"{century:02d}", first, dt.date(century * 100 + 99, 12, 31)


def _r_relative(m: re.Match[str], c: Context) -> Resolution | None:
    rel = m["rel"].lower().split()[-1]
    unit = m["unit"].lower()
    if unit == "end":  # "year-end", "year-end 2024"
        if group(m, "year"):
            return Resolution(timex=m["year"], when=m["year"])
        rel, unit = "this", "year"
    if rel == "new":  # "the new year": the one just begun, or about to begin in the autumn
        rel = "next" if c.published.month >= 9 else "this"
    delta = {"this": 0, "the": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
    edge = (group(m, "edge") or "").lower()
    p = c.published
    if unit == "weekend":
        if rel == "this" and c.direction == "past" and p.weekday() < 3:
            delta = -1  # "sold out this weekend" in a Monday story: the weekend just gone
        monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=delta)
        saturday = monday + dt.timedelta(days=5)
        timex = week(monday)[0]
        return Resolution(timex=f"{timex}-WE", when=f"{saturday}/{saturday + dt.timedelta(1)}")
    timex, first, last = _unit(unit, delta, p)
    if unit == "century":
        return Resolution(timex=timex, when=f"{timex}XX")
    if delta == 0 and edge in {"earlier", "later"}:
        first, last = (first, p) if edge == "earlier" else (p, last)
        finer = {"year": "month", "decade": "year"}.get(unit, "day")
        return Resolution(timex=timex, when=_span_within(first, last, finer))
    if unit == "decade":
        return Resolution(timex=timex, when=f"{timex}X")
    if unit == "week":
        return Resolution(timex=timex, when=f"{first}/{last}")
    return Resolution(timex=timex, when=timex)


def _r_rest(m: re.Match[str], c: Context) -> Resolution | None:
    """ "the rest of the year": the year, and as `when` the part of it after publication;
    "the final weeks of the year": the year."""
    if group(m, "part"):
        if group(m, "year"):
            return Resolution(timex=m["year"], when=m["year"])
        delta = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
        timex, _, _ = _unit(m["unit"].lower(), delta, c.published)
        return Resolution(timex=timex, when=f"{timex}X" if len(timex) == 3 else timex)
    if group(m, "year"):
        year = int(m["year"])
        if year != c.published.year:
            return Resolution(timex=m["year"], when=m["year"])
        unit = "year"
    else:
        unit = m["unit"].lower()
    timex, _, last = _unit(unit, 0, c.published)
    finer = {"year": "month", "decade": "year"}.get(unit, "day")
    return Resolution(timex=timex, when=_span_within(c.published, last, finer))


def _r_anchored(m: re.Match[str], c: Context) -> Resolution | None:
    word = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower() or "day"  # "that evening" names no unit: a day
    if unit == "date":
        unit = "day"
    years = -1 if group(m, "lastyear") else 0
    if group(m, "num"):  # "two years earlier", "a decade later"
        count = count_of(m["num"])
        if count is None or count != int(count):
            return None
        scale = {"decade": 10, "century": 100, "centurie": 100}.get(unit, 1)
        delta = int(count) * scale * (-1 if word == "earlier" else 1)
        unit = "year" if scale > 1 else unit
        return Resolution(timex="", when=None, anchor=Anchor(unit=unit, delta=delta))
    delta = {
        "previous": -1, "prior": -1, "preceding": -1, "before": -1, "following": 1, "next": 1,
        "after": 1,
    }.get(word, 0)  # fmt: skip
    deictic = delta == 0
    part = vocab.DAY_PARTS[m["part"].lower()] if group(m, "part") else None
    anchor = Anchor(unit=unit, delta=delta, part=part, years=years, deictic=deictic)
    return Resolution(timex="", when=None, anchor=anchor)


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
        if c.direction == "past" and p.weekday() < 5:
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
    elif rel == "next":  # "next Friday": the Friday of next week, as news style uses it
        day = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=1, days=target)
    elif rel in {"this coming", "the coming"}:
        day = p + dt.timedelta(days=ahead or 7)
    elif rel in {"this", "the current"}:
        day = p + dt.timedelta(days=target - p.weekday())
    elif week_of := _WEEK_BEFORE.search(c.text, max(c.sentence[0], c.start - 60), c.start):
        # "next week, on Tuesday and Wednesday": the days of the week just named
        shift = {"last": -1, "this": 0, "next": 1}[week_of["rel"].lower()]
        day = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=shift, days=target)
    else:
        tense = c.direction
        if tense == "past":
            day = p - dt.timedelta(days=back)
        elif tense == "future":
            day = p + dt.timedelta(days=ahead)
        else:
            day = p - dt.timedelta(days=back) if back <= ahead else p + dt.timedelta(days=ahead)
    return _with_part(day, group(m, "part"))


_WD_NAMES = "|".join(name for name in vocab.WEEKDAYS if name.endswith("day"))
_WEEK_BEFORE: Final = re.compile(
    rf"\b(?P<rel>next|last|this)\s+week\s*,?\s*(?:on\s+)?(?:(?-i:{_WD_NAMES})\s*(?:,|and|or)?\s*)*$",
    re.IGNORECASE,
)


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
    if group(m, "overnight"):  # the night before, unless the clause is about the future
        return _with_part(c.published - dt.timedelta(days=c.tense != "future"), "night")
    words = " ".join((group(m, "dayword") or "today").lower().split())
    if words == "today" and not group(m, "part") and _generic_today(c):
        return Resolution(timex="PRESENT_REF", when=None)
    return _with_part(c.published + dt.timedelta(days=vocab.DAY_WORDS[words]), group(m, "part"))


_CONTRAST: Final = re.compile(
    r"\b(?:then|once|ago|(?:1[0-9]|20)\d0s|(?P<year>1[0-9]\d\d|20\d\d))\b", re.IGNORECASE
)


def _generic_today(c: Context) -> bool:
    """Whether "today" means nowadays: set against a past time earlier in its sentence
    ("In 1990, the US made 37 percent; today, it makes 12"; "Back then ...; today")."""
    before = c.text[c.sentence[0] : c.start]
    if not re.search(r"[;—–]\s*$|\bbut\s+$", before) and not before.rstrip().endswith(","):
        return False
    for m in _CONTRAST.finditer(before):
        if m["year"] is None or int(m["year"]) < c.published.year - 1:
            return True
    return False


def _r_monthday(m: re.Match[str], c: Context) -> Resolution | None:
    """ "on the 20th": the 20th of this month, the last or the next, by tense."""
    number = int(re.sub(r"\D", "", m["day"]))
    first = c.published.replace(day=1)
    days = []
    for k in (-1, 0, 1):
        month = add_months(first, k)
        if number <= calendar.monthrange(month.year, month.month)[1]:
            days.append(month.replace(day=number))
    tense, p = c.direction, c.published
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
    if group(m, "then") is not None:  # "since then", "at the time"
        return Resolution(timex="FUTURE_REF" if c.tense == "future" else "PAST_REF", when=None)
    return Resolution(timex=vocab.REFERENCE_WORDS[" ".join(m["ref"].lower().split())], when=None)


RESOLVERS: Final[dict[str, Resolver]] = {
    "relative": _r_relative,
    "rest": _r_rest,
    "anchored": _r_anchored,
    "relmonth": _r_relmonth,
    "weekday": _r_weekday,
    "dayword": _r_dayword,
    "monthday": _r_monthday,
    "ref": _r_ref,
}
