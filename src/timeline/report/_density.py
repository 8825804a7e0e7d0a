"""How many events a lane holds along the axis, for lanes too full to label every event.

The chart is cut into bins of equal width; each event counts once, spread evenly over the
time its date allows: a day falls in one bin, "2025-04" is shared by the bins April 2025
touches, a span of ten years gives each year a tenth, an open end runs to the chart's edge.
So a bin's height is what the data says, no more precise than the data: the events dated
within one bin are drawn solid, the share spread in from imprecise dates and spans light.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from timeline._model import Event
from timeline._text import counted
from timeline.report._axis import Axis

__all__ = ["BIN", "DENSITY", "Bin", "Density", "density"]

BIN: Final = 8.0  # width of a bin
DENSITY: Final = 30.0  # height of the tallest bin
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US: Final = dt.timedelta(microseconds=1)


@attrs.frozen(kw_only=True)
class Bin:
    """One bin that holds something: its solid (dated within it) and light (spread) heights."""

    x: float
    width: float
    dated: float  # height of the events dated within the bin
    spread: float  # height of the shares of events that spread over several bins
    title: str


@attrs.frozen(kw_only=True)
class Density:
    """A lane's bins that hold anything, and the count its tallest bin stands for."""

    bins: tuple[Bin, ...]
    peak: float
    height: float = DENSITY


def _day(key: int, zone: dt.tzinfo) -> dt.date:
    try:
        return (_EPOCH + key * _US).astimezone(zone).date()
    except (OverflowError, ValueError):
        return dt.date.max if key > 0 else dt.date.min


def _days(first: dt.date, last: dt.date) -> str:
    """'3–9 March 2025', '28 February – 6 March 2025', '2016–2020' for a long bin."""
    month = calendar.month_name
    if first == last:
        return f"{first.day} {month[first.month]} {first.year}"
    if (last - first).days > 700:
        return f"{first.year}–{last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {month[first.month]} {first.year}"
    if first.year == last.year:
        return f"{first.day} {month[first.month]} – {last.day} {month[last.month]} {first.year}"
    return (
        f"{first.day} {month[first.month]} {first.year} – "
        f"{last.day} {month[last.month]} {last.year}"
    )


def _share(value: float) -> str:
    return f"{value:.1f}" if value < 10 else f"{value:,.0f}"


def density(events: Iterable[Event], axis: Axis, zone: dt.tzinfo) -> Density:
    """The bins of `events` on `axis`, each event spread over the time its date allows."""
    count = max(1, round((axis.right - axis.left) / BIN))
    step = (axis.right - axis.left) / count
    edges = [axis.key(axis.left + i * step) for i in range(count + 1)]
    dated = [0.0] * count
    spread = [0.0] * count
    rate = [0.0] * (count + 1)  # a difference array of the spread per microsecond
    first, last = edges[0], edges[-1]
    for event in events:
        lo, hi = event.when.sort_key(zone)
        lo, hi = max(lo, first), min(hi + 1, last)
        if hi <= lo:
            continue
        i = min(count - 1, max(0, bisect.bisect_right(edges, lo) - 1))
        j = min(count - 1, max(0, bisect.bisect_left(edges, hi) - 1))
        if i == j:
            dated[i] += 1
            continue
        per = 1 / (hi - lo)
        spread[i] += (edges[i + 1] - lo) * per
        spread[j] += (hi - edges[j]) * per
        rate[i + 1] += per
        rate[j] -= per
    running = 0.0
    for k in range(count):
        running += rate[k]
        spread[k] += running * (edges[k + 1] - edges[k])
    peak = max(d + s for d, s in zip(dated, spread, strict=True))
    bins = []
    for k in range(count):
        total = dated[k] + spread[k]
        if total < 0.05:
            continue
        span = _days(_day(edges[k], zone), _day(max(edges[k], edges[k + 1] - 1), zone))
        title = f"{span}: {counted(round(dated[k]), 'event')} dated within it"
        if spread[k] >= 0.05:
            title += f", and {_share(spread[k])} spread over it from imprecise dates and spans"
        bins.append(
            Bin(
                x=round(axis.left + k * step, 1),
                width=round(step, 1),
                dated=round(DENSITY * dated[k] / peak, 1),
                spread=round(DENSITY * spread[k] / peak, 1),
                title=title,
            )
        )
    return Density(bins=tuple(bins), peak=round(peak, 1))
