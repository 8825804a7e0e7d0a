"""The resolvers behind `timeline.extract`: from a rule's match to TimeML and EDTF values.

Each kind of rule in `_rules.RULES` has one resolver here. A resolver reads the
match's named groups and a `Context` (publication date, sentence, tense) and returns a
`Resolution`, or None to reject the match so that a shorter one may take its place.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from typing import Final, Literal

import attrs
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta, weekday

from timeline._extract import _rules as rules
from timeline._when import add_months

Kind = Literal["DATE", "TIME", "DURATION", "SET"]


@attrs.frozen(kw_only=True)
class Resolution:
    """What a resolver makes of a match: the TIMEX3 value, the EDTF value and the type."""

    timex: str
    when: str | None
    type: Kind = "DATE"
    #: "the previous year": resolved later against the last date mentioned before it.
    anchor: tuple[str, int] | None = None
    #: A clock time that a neighbouring date may complete: (hour, minute, zone).
    clock: tuple[int, int, str | None] | None = None


@attrs.frozen(kw_only=True)
class Cues:
    """The tense cues of one sentence, found once and shared by every mention in it."""

    #: (start, end, "past" | "future"), ordered by start.
    found: tuple[tuple[int, int, str], ...]
    starts: tuple[int, ...]
    #: Whether the sentence is in the present perfect ("has been trying").
    perfect: bool

    @classmethod
    def of(cls, text: str, span: tuple[int, int]) -> Cues:
        """Find the cues of the sentence `text[span[0]:span[1]]`."""
        found = []
        for tense, pattern in _CUES:
            for m in pattern.finditer(text, *span):
                word = m.group().lower()
                if tense == "past" and (word in rules.NOT_PAST or _after_be(text, m.start())):
                    continue
                found.append((m.start(), m.end(), tense))
        found.sort()
        return cls(
            found=tuple(found),
            starts=tuple(f[0] for f in found),
            perfect=_PERFECT.search(text, *span) is not None,
        )


@attrs.frozen(kw_only=True)
class Context:
    """What a resolver may look at besides its match: the date and the sentence around it."""

    published: dt.date
    text: str
    sentence: tuple[int, int]
    start: int
    end: int
    cues: Cues

    @property
    def tense(self) -> str | None:
        """The tense of the clause: "past", "future" or None when no cue says.

        The nearest cue before the mention governs ("briefed allies in August"); with none
        before it, the nearest one after ("In April, Xi stated"). A participle after a
        form of "be" is passive, not a tense: "will be published in November".
        """
        found, starts = self.cues.found, self.cues.starts
        i = bisect.bisect_left(starts, self.start)
        before = [f for f in found[max(i - 8, 0) : i] if f[1] <= self.start]
        if before:
            return max(before, key=lambda f: f[1])[2]
        after = bisect.bisect_left(starts, self.end)
        return found[after][2] if after < len(found) else None

    @property
    def perfect(self) -> bool:
        """Whether the sentence is in the present perfect ("has been trying")."""
        return self.cues.perfect


_FLAGS: Final = re.IGNORECASE
_CUES: Final = (
    ("future", re.compile(rf"(?<![\w'’])(?:{rules.FUTURE_CUES})\b", _FLAGS)),
    ("past", re.compile(rf"\b(?:{rules.PAST_CUES})\b", _FLAGS)),
)
_PERFECT: Final = re.compile(rules.PERFECT_CUE, _FLAGS)
_BE: Final = re.compile(r"\b(?:be|been|being|is|are|am|was|were)\s+(?:\w+\s+)?$", _FLAGS)


def _after_be(text: str, offset: int) -> bool:
    """Whether a form of "be" (and at most one adverb) comes right before `offset`."""
    return _BE.search(text[max(0, offset - 30) : offset]) is not None


RULES: Final = tuple((name, kind, re.compile(p, _FLAGS)) for name, kind, p in rules.RULES)


# ── small date helpers ────────────────────────────────────────────────────────────────
def ym(year: int, month: int) -> str:
    """A month in EDTF and TIMEX3 alike: 2025-04."""
    return f"{year:04d}-{month:02d}"


def week(day: dt.date) -> tuple[str, str]:
    """TimeML week value and the EDTF span of its days, Monday to Sunday."""
    iso = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    return f"{iso.year:04d}-W{iso.week:02d}", f"{monday}/{monday + dt.timedelta(days=6)}"


def _number(text: str | None) -> float | None:
    """The count a number phrase stands for; None for a vague one ("several")."""
    if text is None:
        return 1
    words = re.sub(r"\s+", " ", text.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        value = float(words)
        return int(value) if value.is_integer() else value
    if words in rules.COUNT_WORDS:
        return rules.COUNT_WORDS[words]
    return _words_to_int(words)


def _words_to_int(words: str) -> int | None:
    """English number words to an int: "fifty-five", "two thousand twenty-four"."""
    total, current = 0, 0
    for word in re.split(r"[-\s]+", words.lower()):
        if word in {"and", ""}:
            continue
        if word in rules.ONES:
            current += rules.ONES[word]
        elif word in rules.TENS:
            current += rules.TENS[word]
        elif word in {"a", "an"}:
            current += 1
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


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
    code, number, _ = rules.SEASONS[word.lower()]
    return Resolution(timex=f"{year:04d}-{code}", when=f"{year:04d}-{number}")


def quarter_value(year: int, quarter: int) -> Resolution:
    first = 3 * quarter - 2
    return Resolution(
        timex=f"{year:04d}-Q{quarter}", when=f"{ym(year, first)}/{ym(year, first + 2)}"
    )


# ── resolvers, one per kind of rule ──────────────────────────────────────────────────
def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _month_of(m: re.Match[str]) -> int | None:
    if _g(m, "mnum"):
        return int(m["mnum"])
    name = _g(m, "month")
    return None if name is None else rules.MONTHS[name.rstrip(".")]


def _r_date(m: re.Match[str], c: Context) -> Resolution | None:
    month = _month_of(m)
    assert month is not None
    last_day = (_g(m, "ordday") or "").lower() in {"last", "final"}
    if last_day:
        day: int | None = 28  # "the last day of November": fixed once the year is known
    elif _g(m, "ordday"):
        day = rules.ORDINALS[m["ordday"].lower()]
    elif _g(m, "day"):
        day = int(re.sub(r"\D", "", m["day"]))
    else:
        day = None
    if _g(m, "year"):
        year = int(m["year"])
    elif _g(m, "yearwords"):
        words = _words_to_int(m["yearwords"])
        if words is None:
            return None
        year = words
    elif day is None:
        year = _pick_year(c.published, c.tense, _month_span(month))
    else:
        if day > calendar.monthrange(2024, month)[1]:
            return None
        fixed: int = day
        year = _pick_year(c.published, c.tense, lambda y: (_safe_day(y, month, fixed),) * 2)
    if day is None:
        value = ym(year, month)
        return Resolution(timex=value, when=value)
    if last_day:
        day = calendar.monthrange(year, month)[1]
    value = dt.date(year, month, day).isoformat()
    return Resolution(timex=value, when=value)


def _safe_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


_NOT_YEAR: Final = re.compile(rules.NOT_YEAR_BEFORE, re.IGNORECASE)


def _r_year(m: re.Match[str], c: Context) -> Resolution | None:
    if _NOT_YEAR.search(c.text, max(0, c.start - 12), c.start):
        return None
    return Resolution(timex=m["year"], when=m["year"])


def _r_decade(m: re.Match[str], c: Context) -> Resolution | None:
    if _g(m, "decade2"):
        digit = int(m["decade2"])
        century = 19 if digit * 10 > c.published.year % 100 else 20
        value = f"{century}{digit}"
    else:
        value = m["decade"]
    return Resolution(timex=value, when=f"{value}X")


def _r_century(m: re.Match[str], c: Context) -> Resolution | None:
    if _g(m, "hundreds"):  # "the 1800s": the nineteenth century
        number = int(m["hundreds"]) + 1
    elif _g(m, "cent"):
        number = int(m["cent"])
    else:
        number = rules.ORDINALS[m["centword"].lower()]
    if not 1 <= number <= 100:
        return None
    value = f"{number - 1:02d}"
    return Resolution(timex=value, when=f"{value}XX")


def _fiscal_year(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _fiscal(year: int, federal: bool, quarter: int | None = None) -> Resolution:
    """US federal fiscal year N runs October N-1 to September N; others are unknown."""
    timex = f"FY{year}" + (f"-Q{quarter}" if quarter else "")
    if not federal:
        return Resolution(timex=timex, when=None)
    start = dt.date(year - 1, 10, 1)
    if quarter:
        start, months = add_months(start, 3 * (quarter - 1)), 3
    else:
        months = 12
    end = add_months(start, months - 1)
    return Resolution(timex=timex, when=f"{ym(start.year, start.month)}/{ym(end.year, end.month)}")


def _r_fiscal(m: re.Match[str], c: Context) -> Resolution | None:
    return _fiscal(_fiscal_year(m["fy"]), bool(_g(m, "federal")))


def _ordinal(text: str) -> int:
    text = text.lower()
    return int(text[0]) if text[0].isdigit() else rules.ORDINALS[text]


def _r_quarter(m: re.Match[str], c: Context) -> Resolution | None:
    if _g(m, "fy") or _g(m, "fy2"):
        quarter = int(_g(m, "q2") or _g(m, "q3") or 0) or _ordinal(m["q"])
        return _fiscal(_fiscal_year(_g(m, "fy") or m["fy2"]), bool(_g(m, "federal")), quarter)
    current = (c.published.month - 1) // 3 + 1
    relq = (_g(m, "relq") or "").lower().split()
    if relq:
        word = relq[-1]
        if word in {"previous", "prior", "following", "same"}:
            delta = {"previous": -1, "prior": -1, "following": 1, "same": 0}[word]
            return Resolution(timex="", when=None, anchor=("quarter", delta))
        delta = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[word]
        index = c.published.year * 4 + current - 1 + delta
        return quarter_value(index // 4, index % 4 + 1)
    word = (_g(m, "q") or _g(m, "qadj") or "").lower()
    if word in {"last", "final"} and not (_g(m, "year") or _g(m, "rel")):
        index = c.published.year * 4 + current - 2  # "the last quarter": the one before this
        return quarter_value(index // 4, index % 4 + 1)
    quarter = int(m["q2"]) if _g(m, "q2") else _ordinal(word)
    if quarter > 4:
        return None
    if _g(m, "year"):
        year = int(m["year"])
    elif _g(m, "rel"):
        year = c.published.year + {"last": -1, "previous": -1, "next": 1}.get(m["rel"].lower(), 0)
    else:

        def span(y: int) -> tuple[dt.date, dt.date]:
            start = dt.date(y, 3 * quarter - 2, 1)
            return start, add_months(start, 3) - dt.timedelta(days=1)

        year = _pick_year(c.published, c.tense, span)
    return quarter_value(year, quarter)


def _r_half(m: re.Match[str], c: Context) -> Resolution | None:
    word = (_g(m, "half") or _g(m, "hadj") or "").lower()
    half = int(m["h2"]) if _g(m, "h2") else (1 if word in {"first", "1st"} else 2)
    if _g(m, "year"):
        year = int(m["year"])
    elif not (_g(m, "rel") or _g(m, "theyear")):
        first_month = 1 if half == 1 else 7

        def span(y: int) -> tuple[dt.date, dt.date]:
            start = dt.date(y, first_month, 1)
            return start, add_months(start, 6) - dt.timedelta(days=1)

        year = _pick_year(c.published, c.tense, span)
    else:
        rel = (_g(m, "rel") or "this").lower()
        year = c.published.year + {"last": -1, "next": 1}.get(rel, 0)
    first = 1 if half == 1 else 7
    return Resolution(timex=f"{year:04d}-H{half}", when=f"{ym(year, first)}/{ym(year, first + 5)}")


def _r_season(m: re.Match[str], c: Context) -> Resolution | None:
    word = m["season"].lower()
    first_month = rules.SEASONS[word][2]
    if _g(m, "year"):
        return _season_value(int(m["year"]), word)
    rel = " ".join((_g(m, "rel") or "").lower().split())
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
        year = _pick_year(c.published, c.tense, _season_span(first_month))
    return _season_value(year, word)


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
    edge = (_g(m, "edge") or "").lower()
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
    if _g(m, "num"):  # "two years earlier"
        count = _number(m["num"])
        if count is None or count != int(count):
            return None
        delta = int(count) * (-1 if word == "earlier" else 1)
        return Resolution(timex="", when=None, anchor=(m["unit"].lower(), delta))
    delta = {"previous": -1, "prior": -1, "preceding": -1, "following": 1, "next": 1}.get(word, 0)
    return Resolution(timex="", when=None, anchor=(m["unit"].lower(), delta))


def _r_relmonth(m: re.Match[str], c: Context) -> Resolution | None:
    month = _month_of(m)
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
    if _g(m, "wd") is None:  # "the weekend"
        monday = p - dt.timedelta(days=p.weekday())
        if c.tense == "past" and p.weekday() < 5:
            monday -= dt.timedelta(weeks=1)
        week_value, _ = week(monday)
        saturday = monday + dt.timedelta(days=5)
        return Resolution(timex=f"{week_value}-WE", when=f"{saturday}/{saturday + dt.timedelta(1)}")
    target = rules.WEEKDAYS[m["wd"].rstrip(".")]
    rel = " ".join((_g(m, "rel") or "").lower().split())
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
    return _with_part(day, _g(m, "part"))


def _with_part(day: dt.date, part: str | None) -> Resolution:
    if part:
        return Resolution(
            timex=f"{day}T{rules.DAY_PARTS[part.lower()]}", when=str(day), type="TIME"
        )
    return Resolution(timex=str(day), when=str(day))


def _r_dayword(m: re.Match[str], c: Context) -> Resolution | None:
    if _g(m, "tonight"):
        last = m["tonight"].lower().startswith("last")
        return _with_part(c.published - dt.timedelta(days=int(last)), "night")
    words = " ".join((_g(m, "dayword") or "today").lower().split())
    return _with_part(c.published + dt.timedelta(days=rules.DAY_WORDS[words]), _g(m, "part"))


def _r_ref(m: re.Match[str], c: Context) -> Resolution | None:
    if _g(m, "present") is not None:
        return Resolution(timex="PRESENT_REF", when=None)
    return Resolution(timex=rules.REFERENCE_WORDS[" ".join(m["ref"].lower().split())], when=None)


def _r_clock(m: re.Match[str], c: Context) -> Resolution | None:
    if _g(m, "noon"):
        hour, minute = (0, 0) if m["noon"].lower() == "midnight" else (12, 0)
    elif _g(m, "hour24"):
        hour, minute = int(m["hour24"]), int(m["minute24"])
    else:
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
        if hour > 12 or hour == 0:
            return None
        pm = m["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    zone = _g(m, "zone")
    clock = (hour, minute, None if zone is None else " ".join(zone.lower().split()))
    return timed(c.published, clock)


def timed(day: dt.date, clock: tuple[int, int, str | None]) -> Resolution:
    """A clock time on a day: an instant when the zone is known, else only the day."""
    hour, minute, zone = clock
    timex = f"{day}T{hour:02d}:{minute:02d}"
    when = str(day)
    if zone is not None:
        spec = rules.ZONES[zone]
        if spec.startswith(("+", "-")):
            offset = spec
        else:
            local = dt.datetime.combine(day, dt.time(hour, minute), zoneinfo.ZoneInfo(spec))
            delta = local.utcoffset() or dt.timedelta(0)
            sign, minutes = (
                ("-" if delta < dt.timedelta(0) else "+"),
                abs(delta) // dt.timedelta(minutes=1),
            )
            offset = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        when = f"{timex}{'Z' if offset == '+00:00' else offset}"
    return Resolution(timex=timex, when=when, type="TIME", clock=clock)


def _unit_code(unit: str, count: float | None) -> str:
    """A TimeML duration value: P6M, PT24H, P1DE, PXY for a vague count."""
    unit = unit.lower()
    designator, is_time = rules.UNITS[unit]
    if designator == "Q":
        designator, count = "M", None if count is None else count * 3
    if count is not None:
        count *= rules.UNIT_MULTIPLIER.get(unit, 1)
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
        timex, when = week(day + dt.timedelta(weeks=whole * rules.UNIT_MULTIPLIER.get(unit, 1)))
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
    count = _number(m["num"]) if _g(m, "num") else None
    if count is None:
        return Resolution(timex="PAST_REF", when=None)
    return _shift(c.published, m["unit"], -count)


def _r_future(m: re.Match[str], c: Context) -> Resolution | None:
    count = _number(m["num"])
    if count is None:
        return None
    if m.group().lower().startswith("in") and (_g(m, "mod") or c.tense == "past"):
        return Resolution(timex=_unit_code(m["unit"], count), when=None, type="DURATION")
    return _shift(c.published, m["unit"], count)


_OPEN_MODS: Final = frozenset({"more than", "over", "at least", "well over"})


def _r_age(m: re.Match[str], c: Context) -> Resolution | None:
    count = _number(m["num"])
    if count is None:
        return None
    born = _shift(c.published, m["unit"], -count)
    when = born.when
    mod = " ".join((_g(m, "mod") or "").lower().split())
    if when is not None and mod in _OPEN_MODS:
        when = f"../{when.rstrip('~').split('/')[-1]}"
    return Resolution(timex=_unit_code(m["unit"], count), when=when, type="DURATION")


def _r_span(m: re.Match[str], c: Context) -> Resolution | None:
    count = _number(_g(m, "num")) if _g(m, "num") else (None if _g(m, "plural") else 1)
    unit = m["unit"].lower()
    timex = _unit_code(unit, count)
    direction = (_g(m, "dir") or "").lower()
    single = not _g(m, "num") and not _g(m, "plural")
    if single and (direction in {"previous", "preceding", "prior"} or unit == "quarter"):
        return None  # "the previous quarter", "the last quarter": calendar quarters, not spans
    if count is None or _g(m, "ahead") or direction not in {"last", "past"}:
        return Resolution(timex=timex, when=None, type="DURATION")
    start = _shift(c.published, unit, -count)
    assert start.when is not None
    first = start.when.split("/")[0].rstrip("~")
    end = _shift(c.published, unit, 0).when
    assert end is not None
    last = end.split("/")[-1].rstrip("~")
    return Resolution(timex=timex, when=f"{first}/{last}", type="DURATION")


def _r_duration(m: re.Match[str], c: Context) -> Resolution | None:
    unit = m["unit"].lower()
    num = _g(m, "num")
    count = _number(num) if num is not None else None
    if num is None and not _g(m, "plural"):
        return None
    if num and num.lower() in {"a", "an", "some"} and unit in {"second", "quarter", "minute"}:
        return None  # "a second round", "a quarter of the market"
    timex = _unit_code(unit, count)
    mod = " ".join((_g(m, "mod") or "").lower().split())
    when = None
    if _g(m, "prep") and count is not None and c.perfect:
        start = _shift(c.published, unit, -count).when
        end = _shift(c.published, unit, 0).when
        assert start is not None
        assert end is not None
        last = end.split("/")[-1].rstrip("~")
        when = f"../{last}" if mod in _OPEN_MODS else f"{start.split('/')[0]}/{last}"
    return Resolution(timex=timex, when=when, type="DURATION")


def _r_set(m: re.Match[str], c: Context) -> Resolution | None:
    if _g(m, "freq"):
        return Resolution(timex=rules.FREQUENCY_WORDS[m["freq"].lower()], when=None, type="SET")
    if _g(m, "month"):
        return Resolution(timex=f"XXXX-{_month_of(m):02d}", when=None, type="SET")
    if _g(m, "wd"):
        day = rules.WEEKDAYS[m["wd"].rstrip(".")] + 1
        return Resolution(timex=f"XXXX-WXX-{day}", when=None, type="SET")
    if _g(m, "season"):
        code = rules.SEASONS[m["season"].lower()][0]
        return Resolution(timex=f"XXXX-{code}", when=None, type="SET")
    count = _number(_g(m, "num")) if _g(m, "num") else 1
    if count is not None and _g(m, "other"):
        count *= 2
    return Resolution(timex=_unit_code(m["unit"], count), when=None, type="SET")


def _holiday_date(name: str, year: int) -> dt.date:
    """The day a holiday falls on in `year` (US federal rules for the floating ones)."""
    if name in rules.FIXED_HOLIDAYS:
        month, day = rules.FIXED_HOLIDAYS[name]
        return dt.date(year, month, day)
    if name in rules.FLOATING_HOLIDAYS:
        month, wd, n = rules.FLOATING_HOLIDAYS[name]
        if n < 0:
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            return last + relativedelta(weekday=weekday(wd)(-1))
        return dt.date(year, month, 1) + relativedelta(weekday=weekday(wd)(n))
    return easter(year)


def _r_holiday(m: re.Match[str], c: Context) -> Resolution | None:
    name = " ".join(m["holiday"].lower().replace("’", "'").split())
    if _g(m, "year"):
        year = int(m["year"])
    else:
        year = _pick_year(c.published, c.tense, lambda y: (_holiday_date(name, y),) * 2)
    day = _holiday_date(name, year).isoformat()
    return Resolution(timex=day, when=day)


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


RESOLVERS: Final[dict[str, Callable[[re.Match[str], Context], Resolution | None]]] = {
    "date": _r_date,
    "year": _r_year,
    "decade": _r_decade,
    "century": _r_century,
    "fiscal": _r_fiscal,
    "quarter": _r_quarter,
    "half": _r_half,
    "season": _r_season,
    "relative": _r_relative,
    "anchored": _r_anchored,
    "relmonth": _r_relmonth,
    "weekday": _r_weekday,
    "dayword": _r_dayword,
    "ref": _r_ref,
    "clock": _r_clock,
    "ago": _r_ago,
    "future": _r_future,
    "age": _r_age,
    "span": _r_span,
    "duration": _r_duration,
    "set": _r_set,
    "holiday": _r_holiday,
    "monthday": _r_monthday,
}
