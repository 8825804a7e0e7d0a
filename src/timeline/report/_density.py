"""How many events a lane holds along the axis, for lanes too full to label every event.

The chart is cut into bins of equal width; each event counts once, spread evenly over the
time its date allows: a day falls in one bin (anything no wider than a bin counts whole in
the bin of its middle), "2025-04" is shared by the bins April 2025 touches, a span of ten
years gives each year a tenth, an open end runs to the chart's edge.
So a bin's height is what the data says, no more precise than the data: events dated to the
day or the moment are drawn solid, the shares of vaguer dates and of spans light.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from timeline._locale import babel, message
from timeline._model import Event
from timeline.report._axis import Axis

__all__ = ["BIN", "DENSITY", "Bin", "Density", "density"]

BIN: Final = 8.0  # width of a bin
DENSITY: Final = 30.0  # height of the tallest bin
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US: Final = dt.timedelta(microseconds=1)


@attrs.frozen(kw_only=True)
class Bin:
    """One bin that holds something: the heights of its exact dates (solid) and shares (light)."""

    x: float
    width: float
    dated: float  # height of the events dated to the day or the moment
    spread: float  # height of the shares of vaguer dates and spans
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


def _share(value: float, locale: str | None = None) -> str:
    """'3', '1,204', '2.4' (a share of events spread over several bins); in `locale`'s
    digits and separators ('1 204', '2,4') through CLDR."""
    whole = value >= 10 or abs(value - round(value)) < 0.05
    if locale is not None:
        babel()  # Babel is there (a usage error naming its install command if not)
        from babel.numbers import format_decimal

        rounded = round(value) if whole else round(value, 1)
        return str(format_decimal(rounded, format="#,##0" if whole else "#,##0.0", locale=locale))
    if whole:
        return f"{value:,.0f}"
    return f"{value:.1f}"


def _local_days(first: dt.date, last: dt.date, locale: str) -> str:
    """`_days` in `locale`'s language: CLDR's day or year interval ('3–9 mars 2025')."""
    dates = babel()
    if first == last:
        return str(dates.format_date(first, "long", locale=locale))
    skeleton = "y" if (last - first).days > 700 else "yMMMMd"
    return str(dates.format_interval(first, last, skeleton, locale=locale))


def _bin_title(span: str, dated: float, spread: float, locale: str | None) -> str:
    """What a bin holds, in words: '3–9 March 2025: 2 events dated to the day or the
    moment, and 0.5 spread over it from vaguer dates and spans'."""
    shown = _share(dated, locale)
    key = "density_one" if _share(dated) == "1" else "density_many"
    title = message(locale, key, span=span, n=shown)
    if spread >= 0.05:
        title += message(locale, "density_spread", n=_share(spread, locale))
    return title


def density(
    events: Iterable[Event], axis: Axis, zone: dt.tzinfo, locale: str | None = None
) -> Density:
    """The bins of `events` on `axis`, each event spread over the time its date allows,
    their tooltips in the language of `locale`."""
    count = max(1, round((axis.right - axis.left) / BIN))
    step = (axis.right - axis.left) / count
    edges = [axis.key(axis.left + i * step) for i in range(count + 1)]
    # Per kind (dated: a day or an instant; spread: anything vaguer, or a span), the count
    # in each bin and a difference array of the share per microsecond over whole bins.
    counts = {True: [0.0] * count, False: [0.0] * count}
    rates = {True: [0.0] * (count + 1), False: [0.0] * (count + 1)}
    first, last = edges[0], edges[-1]
    for event in events:
        when = event.when
        exact = when.is_exact and not when.is_interval
        total, rate = counts[exact], rates[exact]
        lo, hi = when.sort_key(zone)
        lo, hi = max(lo, first), min(hi + 1, last)
        if hi <= lo:
            continue
        i = min(count - 1, max(0, bisect.bisect_right(edges, lo) - 1))
        j = min(count - 1, max(0, bisect.bisect_left(edges, hi) - 1))
        if i == j or axis.x(hi, edge=axis.right) - axis.x(lo, edge=axis.left) <= step:
            # no wider than a bin (a day straddling two is still a day): whole, in one bin
            total[min(count - 1, max(0, bisect.bisect_right(edges, (lo + hi) // 2) - 1))] += 1
            continue
        per = 1 / (hi - lo)
        total[i] += (edges[i + 1] - lo) * per
        total[j] += (hi - edges[j]) * per
        rate[i + 1] += per
        rate[j] -= per
    for exact in (True, False):
        running = 0.0
        total, rate = counts[exact], rates[exact]
        for k in range(count):
            running += rate[k]
            total[k] += running * (edges[k + 1] - edges[k])
    dated, spread = counts[True], counts[False]
    peak = max(d + s for d, s in zip(dated, spread, strict=True))
    bins = []
    for k in range(count):
        if dated[k] + spread[k] < 0.05:
            continue
        first_day, last_day = _day(edges[k], zone), _day(max(edges[k], edges[k + 1] - 1), zone)
        if locale is None:
            span = _days(first_day, last_day)
        else:
            span = _local_days(first_day, last_day, locale)
        title = _bin_title(span, dated[k], spread[k], locale)
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
