"""Resolvers of counted time: durations, points counted from publication, and sets.

"15 years ago", "in 50 years", "a 10-year-old", "the last six months", "for three
weeks", "every week", "annually". A duration has a date only where the text ties it to
publication ("over the last six months", "has been trying for years").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from timeline._endpoint import add_months
from timeline._extract import _words as vocab
from timeline._extract._context import Context
from timeline._extract._resolution import Resolution, Resolver, count_of, group, month_of, week, ym


def _unit_code(unit: str, count: float | None) -> str:
    """A TimeML duration value: P6M, PT24H, P1DE, PXY for a vague count."""
    unit = unit.lower()
    designator, is_time = vocab.UNITS[unit]
    if designator == "Q":
        designator, count = "M", None if count is None else count * 3
    if count is not None:
        count *= vocab.UNIT_MULTIPLIER.get(unit, 1)
    n = "X" if count is None else (f"{count:g}")
    return f"{'PT' if is_time else 'P'}{n}{designator}"


def _shift(day: dt.date, unit: str, count: float) -> Resolution:
    """The date `count` units from `day` (negative: before), at the unit's precision."""
    unit = unit.lower()
    whole = round(count)
    if unit in {"second", "minute", "hour"}:
        seconds = {"second": 1, "minute": 60, "hour": 3600}[unit] * count
        instant = dt.datetime.combine(day, dt.time(12)) + dt.timedelta(seconds=seconds)
        return Resolution(timex=str(instant.date()), when=str(instant.date()))
    if unit == "day":
        moved = day + dt.timedelta(days=whole)
        return Resolution(timex=str(moved), when=str(moved))
    if unit in {"week", "fortnight"}:
        timex, when = week(day + dt.timedelta(weeks=whole * vocab.UNIT_MULTIPLIER.get(unit, 1)))
        return Resolution(timex=timex, when=when)
    if unit in {"month", "quarter"}:
        moved = add_months(day, whole * (3 if unit == "quarter" else 1))
        value = ym(moved.year, moved.month)
        return Resolution(timex=value, when=f"{value}~")
    years = {"year": 1, "decade": 10}.get(unit, 100) * count
    year = day.year + round(years)
    if not 1 <= year <= 9999:
        raise ValueError(year)
    return Resolution(timex=f"{year:04d}", when=f"{year:04d}~")


def _r_ago(m: re.Match[str], c: Context) -> Resolution | None:
    count = count_of(m["num"]) if group(m, "num") else None
    if count is None:
        return Resolution(timex="PAST_REF", when=None)
    return _shift(c.published, m["unit"], -count)


def _r_future(m: re.Match[str], c: Context) -> Resolution | None:
    count = count_of(m["num"])
    if count is None:
        return None
    measures = (
        group(m, "mod") or c.tense == "past" or _SUPERLATIVE.search(c.text, c.sentence[0], c.start)
    )
    if m.group().lower().startswith("in") and measures:
        return Resolution(timex=_unit_code(m["unit"], count), when=None, type="DURATION")
    return _shift(c.published, m["unit"], count)


#: "the highest in 20 years", "for the first time in eight years": a stretch, not a date.
_SUPERLATIVE: Final = re.compile(vocab.SUPERLATIVE_CUE, re.IGNORECASE)


_OPEN_MODS: Final = frozenset({"more than", "over", "at least", "well over"})


def _r_age(m: re.Match[str], c: Context) -> Resolution | None:
    count = count_of(m["num"])
    if count is None:
        return None
    born = _shift(c.published, m["unit"], -count)
    when = born.when
    mod = " ".join((group(m, "mod") or "").lower().split())
    if when is not None and mod in _OPEN_MODS:
        when = f"../{when.rstrip('~').split('/')[-1]}"
    return Resolution(timex=_unit_code(m["unit"], count), when=when, type="DURATION")


def _r_span(m: re.Match[str], c: Context) -> Resolution | None:
    count = count_of(group(m, "num")) if group(m, "num") else (None if group(m, "plural") else 1)
    unit = m["unit"].lower()
    timex = _unit_code(unit, count)
    direction = (group(m, "dir") or "").lower()
    single = not group(m, "num") and not group(m, "plural")
    if single and (direction in {"previous", "preceding", "prior"} or unit == "quarter"):
        return None  # "the previous quarter", "the last quarter": calendar quarters, not spans
    p = c.published
    if single and unit == "week" and direction in {"last", "past"}:
        # "the past week" names a week, as TimeML annotates it: the ISO week of the middle
        # of the seven days ending at publication
        return Resolution(
            timex=week(p - dt.timedelta(days=3))[0], when=f"{p - dt.timedelta(6)}/{p}"
        )
    ahead = (group(m, "ahead") or "").lower()
    if count is not None and ahead in {"next", "coming", "upcoming"}:  # from now on
        first = _shift(p, unit, 0).when
        last = _shift(p, unit, count).when
        assert first is not None
        assert last is not None
        span = f"{first.split('/')[0].rstrip('~')}/{last.split('/')[-1].rstrip('~')}"
        return Resolution(timex=timex, when=span, type="DURATION")
    if count is None or ahead or direction not in {"last", "past"}:
        return Resolution(timex=timex, when=None, type="DURATION")
    start = _shift(c.published, unit, -count)
    assert start.when is not None
    first = start.when.split("/")[0].rstrip("~")
    end = _shift(c.published, unit, 0).when
    assert end is not None
    last = end.split("/")[-1].rstrip("~")
    return Resolution(timex=timex, when=f"{first}/{last}", type="DURATION")


_RATE: Final = re.compile(
    r"\b(?:miles|mph|kilometers|kilometres|km|feet|meters|metres|knots|inches|gallons|cents"
    r"|barrels|words|beats)\s+$",
    re.IGNORECASE,
)


def _r_duration(m: re.Match[str], c: Context) -> Resolution | None:
    unit = m["unit"].lower()
    if (group(m, "num") or "").lower() in {"a", "an"} and _RATE.search(
        c.text, max(0, c.start - 20), c.start
    ):
        return None  # "40 miles an hour" is a speed
    num = group(m, "num")
    count = count_of(num) if num is not None else None
    if num is None and not group(m, "plural"):
        return None
    if num and num.lower() in {"a", "an", "some"} and unit in {"second", "quarter", "minute"}:
        return None  # "a second round", "a quarter of the market"
    timex = _unit_code(unit, count)
    mod = " ".join((group(m, "mod") or "").lower().split())
    when = None
    if group(m, "prep") and count is not None and c.perfect:
        start = _shift(c.published, unit, -count).when
        end = _shift(c.published, unit, 0).when
        assert start is not None
        assert end is not None
        last = end.split("/")[-1].rstrip("~")
        when = f"../{last}" if mod in _OPEN_MODS else f"{start.split('/')[0]}/{last}"
    return Resolution(timex=timex, when=when, type="DURATION")


def _r_set(m: re.Match[str], c: Context) -> Resolution | None:
    if _RATE.search(c.text, max(0, c.start - 20), c.start):
        return None  # "miles per hour" is a speed
    if group(m, "wdp"):  # "on Mondays"
        day = vocab.WEEKDAYS[m["wdp"][:-1]] + 1
        return Resolution(timex=f"XXXX-WXX-{day}", when=None, type="SET")
    if group(m, "freq"):
        return Resolution(timex=vocab.FREQUENCY_WORDS[m["freq"].lower()], when=None, type="SET")
    if group(m, "month"):
        return Resolution(timex=f"XXXX-{month_of(m):02d}", when=None, type="SET")
    if group(m, "wd"):
        day = vocab.WEEKDAYS[m["wd"].rstrip(".")] + 1
        return Resolution(timex=f"XXXX-WXX-{day}", when=None, type="SET")
    if group(m, "season"):
        code = vocab.SEASONS[m["season"].lower()][0]
        return Resolution(timex=f"XXXX-{code}", when=None, type="SET")
    count = count_of(group(m, "num")) if group(m, "num") else 1
    if count is not None and group(m, "other"):
        count *= 2
    return Resolution(timex=_unit_code(m["unit"], count), when=None, type="SET")


RESOLVERS: Final[dict[str, Resolver]] = {
    "ago": _r_ago,
    "future": _r_future,
    "age": _r_age,
    "span": _r_span,
    "duration": _r_duration,
    "set": _r_set,
}
