"""The chart's time axis: piecewise linear, with busy years wider and empty years cut.

Each unit (a year; a month for a timeline under three years; a day under three months)
weighs 1 plus the number of event ends that touch it, and gets that share of the width;
runs of two or more untouched units are cut to a narrow strip. Inside a unit the scale is
linear, so the chronological order is always kept. See docs/html.md.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
from collections.abc import Sequence
from typing import Final

import attrs

from timeline._locale import babel, message
from timeline.report._measure import width as text_width

__all__ = [
    "LEFT",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "RIGHT",
    "WIDTH",
    "Axis",
    "Break",
    "Tick",
    "build_axis",
]

WIDTH: Final = 1200  # default viewBox width; CSS scales the chart and lets it scroll on phones
MIN_WIDTH: Final = 480  # narrower, and a year's label no longer fits beside its neighbours
MAX_WIDTH: Final = 20_000  # wider is no chart anyone can read, and a page of megabytes
LEFT: Final = 12.0
RIGHT: Final = WIDTH - 12.0  # of the default width; an `Axis` knows its own `right`
_BREAK_W: Final = 26.0  # width of a cut in the axis
_TICK: Final = 13.0  # px of a unit's label (bold)
_MINOR: Final = 11.0  # px of a month's label inside a wide year
_GAP: Final = 8.0  # least room between two labels of the axis

_US: Final = dt.timedelta(microseconds=1)
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NAIVE_EPOCH: Final = dt.datetime(1970, 1, 1)  # noqa: DTZ001 - paired with an explicit offset
_YEAR_US: Final = 365 * 86_400 * 1_000_000
_DAY_US: Final = 86_400 * 1_000_000


def _key(day: dt.date, zone: dt.tzinfo) -> int:
    """Microseconds since 1970 at the start of `day` in `zone`, on `When.sort_key`'s axis.

    Computed on naive values, so the first and last days Python knows never overflow.
    """
    naive = dt.datetime.combine(day, dt.time())
    offset = zone.utcoffset(naive) or dt.timedelta(0)
    return (naive - _NAIVE_EPOCH - offset) // _US


@attrs.frozen(kw_only=True)
class _Unit:
    """One year, month or day of the axis, drawn linearly between x0 and x1."""

    start: dt.date
    end: dt.date  # exclusive
    k0: int
    k1: int
    x0: float = 0.0
    x1: float = 0.0


@attrs.frozen(kw_only=True)
class Tick:
    """A line on the axis and the label beside it (empty when there is no room)."""

    x: float
    label: str
    major: bool


@attrs.frozen(kw_only=True)
class Break:
    """A cut in the axis where empty years were left out."""

    x: float
    width: float
    title: str


@attrs.frozen(kw_only=True)
class Axis:
    """A piecewise-linear map from `When.sort_key` microseconds to x, with cuts."""

    unit: str
    units: tuple[_Unit, ...]
    breaks: tuple[Break, ...]
    ticks: tuple[Tick, ...]
    width: float = WIDTH
    left: float = LEFT
    right: float = RIGHT
    _ends: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_ends", tuple(u.k1 for u in self.units))

    def x(self, key: int | None, *, edge: float) -> float:
        """Where `key` falls; None (an open end) or a key beyond the data gives `edge`."""
        if key is None:
            return edge
        units = self.units
        if key <= units[0].k0:
            return units[0].x0 if key == units[0].k0 else max(self.left, units[0].x0 - 1)
        index = bisect.bisect_left(self._ends, key)  # the first unit ending at or after key
        if index == len(units):
            return min(self.right, units[-1].x1 + 1)
        # Clamped to the chart: the units' widths add up with rounding, so the last one can
        # end a hair past the right edge (1188.0000000000002), past where a later key lands.
        unit = units[index]
        if key < unit.k0:  # inside a cut: cross it linearly
            before = units[index - 1]
            share = (key - before.k1) / (unit.k0 - before.k1)
            return min(self.right, before.x1 + share * (unit.x0 - before.x1))
        share = (key - unit.k0) / (unit.k1 - unit.k0)
        return min(self.right, unit.x0 + share * (unit.x1 - unit.x0))

    def key(self, x: float) -> int:
        """The moment at `x`, the inverse of `x()` on the chart (a cut maps linearly)."""
        units = self.units
        if x <= units[0].x0:
            return units[0].k0
        for before, unit in itertools.pairwise(units):
            if x < unit.x0:  # in before, or in the cut after it
                if x <= before.x1:
                    share = (x - before.x0) / (before.x1 - before.x0 or 1)
                    return before.k0 + round(share * (before.k1 - before.k0))
                share = (x - before.x1) / (unit.x0 - before.x1 or 1)
                return before.k1 + round(share * (unit.k0 - before.k1))
        last = units[-1]
        share = min(1.0, (x - last.x0) / (last.x1 - last.x0 or 1))
        return last.k0 + round(share * (last.k1 - last.k0))


def _unit_start(day: dt.date, unit: str) -> dt.date:
    if unit == "year":
        return dt.date(day.year, 1, 1)
    if unit == "month":
        return dt.date(day.year, day.month, 1)
    return day


def _unit_next(day: dt.date, unit: str) -> dt.date | None:
    """The start of the next unit; None past the last day Python can name."""
    try:
        if unit == "year":
            return dt.date(day.year + 1, 1, 1)
        if unit == "month":
            return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return day + dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return None


def _to_date(key: int, zone: dt.tzinfo) -> dt.date:
    """The day in `zone` holding `key`, clamped to the days Python can name."""
    try:
        return (_EPOCH + key * _US).astimezone(zone).date()
    except (OverflowError, ValueError):
        return dt.date.max if key > 0 else dt.date.min


def build_axis(
    points: Sequence[tuple[int, int]],
    zone: dt.tzinfo,
    *,
    width: float = WIDTH,
    locale: str | None = None,
) -> Axis:
    """Lay out the axis over the finite bounds `points` (each a part's [lo, hi) keys), for a
    chart `width` units wide, its labels in the language of `locale` (None for English).

    Units (years, or months for a span under three years, or days under three months)
    weigh 1 plus the number of bounds that touch them; runs of two or more empty units are
    cut to a fixed width. Inside a unit the scale is linear, so order is always kept.
    """
    chart_width, right = width, width - LEFT
    floor, ceiling = _key(dt.date.min, dt.UTC), _key(dt.date.max, dt.UTC) + _DAY_US
    points = [(max(lo, floor), min(hi, ceiling)) for lo, hi in points]
    low = min(lo for lo, _ in points)
    high = max(hi for _, hi in points)
    span = high - low
    unit = "year" if span > 3 * _YEAR_US else "month" if span > 90 * _DAY_US else "day"
    first = _unit_start(_to_date(low, zone), unit)
    last = _to_date(max(low, high - 1), zone)
    starts: list[dt.date] = [first]
    while (nxt := _unit_next(starts[-1], unit)) is not None and nxt <= last:
        starts.append(nxt)
    ends = [*starts[1:], _unit_next(starts[-1], unit)]
    keys = [
        (_key(s, zone), ceiling if e is None else _key(e, zone))
        for s, e in zip(starts, ends, strict=True)
    ]
    weights = [1.0] * len(starts)
    if unit != "day":  # each bound adds 1 to every unit it touches: a difference array
        firsts, lasts = [k0 for k0, _ in keys], [k1 for _, k1 in keys]
        touched = [0] * (len(starts) + 1)
        for lo, hi in points:
            first_unit = bisect.bisect_right(lasts, lo)  # the first unit ending after lo
            end_unit = bisect.bisect_left(firsts, hi)  # past the last unit starting before hi
            if first_unit < end_unit:
                touched[first_unit] += 1
                touched[end_unit] -= 1
        running = 0
        for i in range(len(starts)):
            running += touched[i]
            weights[i] += running
    # Runs of >= 2 empty units (weight 1) become cuts, except at the ends (there are none:
    # the first and last unit hold a bound by construction).
    keep = [True] * len(starts)
    if unit != "day":
        i = 0
        while i < len(starts):
            j = i
            while j < len(starts) and weights[j] == 1.0:
                j += 1
            if j - i >= 2:
                for k in range(i, j):
                    keep[k] = False
            i = max(j, i + 1)
    kept = [i for i in range(len(starts)) if keep[i]]
    cuts = sum(1 for a, b in itertools.pairwise(kept) if b != a + 1)
    room = (right - LEFT) - cuts * _BREAK_W
    total = sum(weights[i] for i in kept)
    units: list[_Unit] = []
    breaks: list[Break] = []
    x = LEFT
    previous: int | None = None
    for i in kept:
        if previous is not None and i != previous + 1:
            gap_first, gap_last = starts[previous + 1], starts[i] - dt.timedelta(days=1)
            breaks.append(
                Break(x=x, width=_BREAK_W, title=_gap_title(gap_first, gap_last, unit, locale))
            )
            x += _BREAK_W
        width = room * weights[i] / total
        units.append(
            _Unit(
                start=starts[i],
                end=ends[i] or dt.date.max,
                k0=keys[i][0],
                k1=keys[i][1],
                x0=x,
                x1=x + width,
            )
        )
        x += width
        previous = i
    return Axis(
        unit=unit,
        units=tuple(units),
        breaks=tuple(breaks),
        ticks=_ticks(units, unit, right, locale),
        width=chart_width,
        right=right,
    )


def _gap_title(first: dt.date, last: dt.date, unit: str, locale: str | None) -> str:
    if locale is None:
        if unit == "year":
            return f"{first.year}–{last.year}: no events start or end"
        return (
            f"{calendar.month_abbr[first.month]} {first.year}–"
            f"{calendar.month_abbr[last.month]} {last.year}: no events start or end"
        )
    skeleton = "y" if unit == "year" else "yMMM"
    span = babel().format_interval(first, last, skeleton, locale=locale)
    return message(locale, "axis_gap", span=str(span))


@functools.lru_cache(maxsize=4096)
def _tick_label(day: dt.date, skeleton: str, locale: str | None) -> str:
    """A tick's label: `day` with a CLDR skeleton ('y', 'MMM', 'yMMM', 'd', 'MMMd') in
    `locale`'s language, CLDR's own abbreviations ('janv.', '1月'); English as it always was
    ('Jan 2025', '1 Jan')."""
    if locale is not None:
        return str(babel().format_skeleton(skeleton, day, locale=locale))
    month = calendar.month_abbr[day.month]
    return {
        "y": str(day.year),
        "MMM": month,
        "yMMM": f"{month} {day.year}",
        "d": str(day.day),
        "MMMd": f"{day.day} {month}",
    }[skeleton]


def _ticks(
    units: Sequence[_Unit], unit: str, right: float, locale: str | None = None
) -> tuple[Tick, ...]:
    """A tick at every unit (and at months inside a wide year), labelled in `locale`'s
    language; each label, as written, is measured and kept only where it overlaps no other:
    units' labels first, then months between them."""
    ticks: list[Tick] = []
    labels: list[str] = []
    for u in units:
        width = u.x1 - u.x0
        if unit == "year":
            label = _tick_label(u.start, "y", locale)
        elif unit == "month":
            first = u.start.month == 1 or u is units[0]
            label = _tick_label(u.start, "yMMM" if first else "MMM", locale)
        else:
            first = u.start.day == 1 or u is units[0]
            label = _tick_label(u.start, "MMMd" if first else "d", locale)
            if width < 18 and u.start.weekday() != 0 and u is not units[0]:
                label = ""  # narrow days: Mondays only
        ticks.append(Tick(x=u.x0, label="", major=True))
        labels.append(label)
        if unit == "year" and width >= 160:  # months inside a wide year
            step = 1 if width / 12 >= 30 else 3
            for month in range(2, 13):
                day = dt.date(u.start.year, month, 1)
                text = _tick_label(day, "MMM", locale) if (month - 1) % step == 0 else ""
                ticks.append(Tick(x=u.x0 + (month - 1) / 12 * width, label="", major=False))
                labels.append(text)
    taken: list[tuple[float, float]] = []  # sorted, non-overlapping extents of kept labels
    kept = [""] * len(ticks)
    for major in (True, False):
        for index, tick in enumerate(ticks):
            label = labels[index]
            if tick.major is not major or not label:
                continue
            lo = tick.x + 3
            hi = lo + text_width(label, _TICK if major else _MINOR, bold=major)
            at = bisect.bisect(taken, (lo, hi))
            clear_before = at == 0 or taken[at - 1][1] + _GAP <= lo
            clear_after = at == len(taken) or hi + _GAP <= taken[at][0]
            if clear_before and clear_after and hi <= right + LEFT - 2:
                taken.insert(at, (lo, hi))
                kept[index] = label
    return tuple(attrs.evolve(t, label=label) for t, label in zip(ticks, kept, strict=True))
