"""The step chart of the HTML report: how many policies are in force over time.

One row for all policies, then one per jurisdiction when there are several; each row draws
the count of policies in force as a step line and, above it, a band as tall as the number
of policies that may or may not be in force (their dates are too imprecise to say). The
time axis is linear, from the first day a policy event may have happened to the last day
one surely has. The counts come from `timeline._series` (a sweep over the policies'
transitions), and only the days on which a count changes are drawn.

This is laid out as plain numbers here and drawn by `templates/in_force.html.j2`, a section
of its own with inline presentation attributes, so it depends on nothing else on the page.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from timeline._labels import day_label as local_day
from timeline._lifecycle import folds
from timeline._locale import babel, message
from timeline._series import series
from timeline._status import day_label
from timeline._timeline import Timeline

__all__ = ["StepChart", "lay_out"]

WIDTH: Final = 960
_LEFT: Final = 40.0
_RIGHT: Final = WIDTH - 16.0
_ROW: Final = 84.0  # height of a row's plot
_GAP: Final = 34.0  # room for a row's title above its plot
_AXIS: Final = 28.0
_MAX_DAYS: Final = 200 * 366  # beyond two centuries the chart starts later
_TABLE_ROWS: Final = 60  # more days of change than this: the table counts at each year's end


@attrs.frozen(kw_only=True)
class Band:
    """Where the count may be higher: a rectangle above the line."""

    x: float
    width: float
    y: float
    height: float
    title: str


@attrs.frozen(kw_only=True)
class Row:
    """One step line: all policies, or one jurisdiction's."""

    title: str
    top: float  # y of the plot's top
    peak: int  # the count the plot's top stands for
    path: str  # the step line, an SVG path
    bands: tuple[Band, ...]
    grid: tuple[tuple[float, int], ...]  # (y, count) of the horizontal grid lines


@attrs.frozen(kw_only=True)
class Change:
    """A day on which some count changes, for the table under the chart."""

    day: str
    counts: tuple[str, ...]  # "2" or "2 (+1 uncertain)", total first


@attrs.frozen(kw_only=True)
class StepChart:
    """Everything the template draws."""

    width: int
    height: float
    left: float
    right: float
    first: str
    last: str
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, str], ...]
    headers: tuple[str, ...]
    changes: tuple[Change, ...]
    yearly: bool  # the table lists each year's end rather than each day of change


def _range(history: Timeline, policies: Sequence[str]) -> tuple[dt.date, dt.date] | None:
    """The first day a policy event may have happened and the last one surely has."""
    days = [
        day
        for folded in folds(history, policies).values()
        for event in folded.events
        for day in (event.when.earliest, event.when.latest)
        if day is not None
    ]
    if not days:
        return None
    first, last = min(days), max(days)
    first = max(first, last - dt.timedelta(days=_MAX_DAYS))
    pad = max(dt.timedelta(days=1), (last - first) / 30)
    low = dt.date.min + pad if first - dt.date.min < pad else first - pad
    return low, min(last + pad, dt.date.max - dt.timedelta(days=1))


def _day(day: dt.date, locale: str | None) -> str:
    """'2 May 2024', '2 mai 2024'."""
    return day_label(day) if locale is None else local_day(day, locale)


def _tick(day: dt.date, skeleton: str, locale: str | None) -> str:
    """A tick's label: CLDR's month and year ('mai 2024') or year ('2024年')."""
    if locale is not None:
        return str(babel().format_skeleton(skeleton, day, locale=locale))
    return day_label(day).split(" ", 1)[1] if skeleton == "yMMMM" else str(day.year)


def _ticks(
    first: dt.date, last: dt.date, x: Callable[[dt.date], float], locale: str | None = None
) -> tuple[tuple[float, str], ...]:
    years = last.year - first.year
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= 12), 200)
    out = []
    if years < 2:
        month = dt.date(first.year, first.month, 1)
        while month <= last:
            if month >= first:
                out.append((x(month), _tick(month, "yMMMM", locale)))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return tuple(out)
    year = (first.year // step + 1) * step
    while year <= last.year:
        out.append((x(dt.date(year, 1, 1)), _tick(dt.date(year, 1, 1), "y", locale)))
        year += step
    return tuple(out)


def _cell(in_force: int, uncertain: int, locale: str | None = None) -> str:
    if not uncertain:
        return str(in_force)
    return message(locale, "steps_cell", sure=in_force, maybe=uncertain)


def lay_out(history: Timeline, shown: Timeline, locale: str | None = None) -> StepChart | None:
    """The chart of the policies that have events in `shown`, folded from `history`, its
    words and dates in the language of `locale` (None for English); None when no such
    policy has a dated event, or one does not fold."""
    from timeline.errors import LifecycleError

    with_events = {e.policy for e in shown if e.policy is not None}
    policies = [pid for pid in shown.policies if pid in with_events]
    span = _range(history, policies) if policies else None
    if span is None:
        return None
    first, last = span
    try:
        counted = series(history, "day", first, last, policies=policies)
    except LifecycleError:
        return None
    total_days = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round(_LEFT + (_RIGHT - _LEFT) * (day - first).days / total_days, 1)

    keys: list[str | None] = [None]  # None: all policies
    if len(counted.jurisdictions) > 1:
        keys += [j or "" for j in counted.jurisdictions]
    steps = counted.steps
    changed = [0] + [
        n
        for n in range(1, len(steps))
        if steps[n].total != steps[n - 1].total
        or steps[n].jurisdictions != steps[n - 1].jurisdictions
    ]
    rows = []
    top = _GAP
    for key in keys:

        def count(n: int, key: str | None = key) -> tuple[int, int]:
            c = steps[n].total if key is None else steps[n].jurisdictions[key or None]
            return c.in_force, c.uncertain

        peak = max(1, *(sum(count(n)) for n in changed))
        y0 = top + _ROW

        def y(value: int, peak: int = peak, y0: float = y0) -> float:
            return round(y0 - _ROW * value / peak, 1)

        points = []
        bands = []
        own = [n for i, n in enumerate(changed) if i == 0 or count(n) != count(changed[i - 1])]
        for i, n in enumerate(own):
            start = x(steps[n].as_of)
            end = x(steps[own[i + 1]].as_of) if i + 1 < len(own) else _RIGHT
            sure, maybe = count(n)
            points.append((start, y(sure)))
            if maybe:
                day = _day(steps[n].as_of, locale)
                label = message(locale, "steps_band", day=day, cell=_cell(sure, maybe, locale))
                bands.append(
                    Band(
                        x=start,
                        width=round(end - start, 1),
                        y=y(sure + maybe),
                        height=round(y(sure) - y(sure + maybe), 1),
                        title=label,
                    )
                )
        path = f"M{points[0][0]} {points[0][1]}"
        for (_, previous), (px, py) in itertools.pairwise(points):
            path += f"H{px}" + (f"V{py}" if py != previous else "")
        path += f"H{_RIGHT}"
        grid = tuple((y(v), v) for v in sorted({0, peak // 2, peak}))
        if key is None:
            title = message(locale, "steps_all")
        else:
            title = key or message(locale, "steps_no_jurisdiction")
        rows.append(Row(title=title, top=top, peak=peak, path=path, bands=tuple(bands), grid=grid))
        top += _ROW + _GAP
    headers = tuple(r.title for r in rows)
    listed = changed
    if len(changed) > _TABLE_ROWS:  # too many to list: the count at the end of each year
        ends = [
            n
            for n in range(len(steps))
            if n + 1 == len(steps) or steps[n + 1].as_of.year != steps[n].as_of.year
        ]
        listed = ends
    table = tuple(
        Change(
            day=_day(steps[n].as_of, locale),
            counts=tuple(
                _cell(c.in_force, c.uncertain, locale)
                for c in (
                    steps[n].total,
                    *(steps[n].jurisdictions[k or None] for k in keys[1:]),
                )
            ),
        )
        for n in listed
    )
    return StepChart(
        width=WIDTH,
        height=round(top - _GAP + _AXIS, 1),
        left=_LEFT,
        right=_RIGHT,
        first=_day(first, locale),
        last=_day(last, locale),
        rows=tuple(rows),
        ticks=_ticks(first, last, x, locale),
        headers=headers,
        changes=table,
        yearly=listed is not changed,
    )
