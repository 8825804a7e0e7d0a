"""How many policies are in force on each day, month or year, per jurisdiction.

`series(tl, "month", A, B)` counts, at the end of each period (the end of B for the last),
the policies in force and those the data cannot decide ("uncertain": some of their possible
states are in force, some not). A policy's status changes only on the first day one of its
events may have happened and on the first day it surely has, so each policy is a handful of
constant stretches: the count is a sweep over those change days (a difference array per
jurisdiction), never a question asked on every day of every policy.

>>> import datetime as dt
>>> from timeline._model import Citation, Effect, Event, Policy
>>> from timeline._timeline import Timeline
>>> from timeline._when import When
>>> def event(id, when, effect):
...     return Event(id=id, title=id, when=When.parse(when), policy="p", effect=Effect(effect),
...                  cite=(Citation(source="s"),))
>>> tl = Timeline(events=[event("law", "2024-03", "enacted")],
...               policies=[Policy(id="p", title="P", jurisdiction="EU")])
>>> [(s.period, s.total.in_force, s.total.uncertain)
...  for s in series(tl, "month", dt.date(2024, 2, 1), dt.date(2024, 4, 30)).steps]
[('2024-02', 0, 0), ('2024-03', 1, 0), ('2024-04', 1, 0)]
>>> [s.total.uncertain for s in series(tl, "day", dt.date(2024, 3, 30), dt.date(2024, 4, 1)).steps]
[1, 0, 0]
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Final, Literal

import attrs

from timeline._lifecycle import Fold, folds
from timeline._status import day_end
from timeline.errors import LifecycleError

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = ["UNITS", "Count", "Series", "SeriesStep", "Unit", "series", "stretches"]

Unit = Literal["day", "month", "year"]
UNITS: Final = ("day", "month", "year")


@attrs.frozen(kw_only=True)
class Count:
    """Policies in force, and policies that may or may not be, at one step."""

    in_force: int = 0
    uncertain: int = 0


@attrs.frozen(kw_only=True)
class SeriesStep:
    """One period: its label ('2025-03'), the day it is counted at, and the counts."""

    period: str
    as_of: dt.date
    total: Count
    jurisdictions: Mapping[str | None, Count] = attrs.field(hash=False)


@attrs.frozen(kw_only=True)
class Series:
    """The counts of every period from `start` to `end`; `jurisdictions` lists the policies'
    jurisdictions (None for policies without one, last)."""

    unit: Unit
    start: dt.date
    end: dt.date
    jurisdictions: tuple[str | None, ...]
    steps: tuple[SeriesStep, ...]


def _days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def stretches(folded: Fold, ends: list[int]) -> Iterator[tuple[int, int, bool | None]]:
    """The constant stretches of a policy's in-force answer over the days whose end keys are
    `ends`: (first day index, day index after the last, in force: True, False or None).

    Raises:
        LifecycleError: an event that may have happened by the last day does not fold.
    """
    count = len(ends)
    spans = folded.spans
    may = [bisect.bisect_left(ends, first) for first, _ in spans]  # first day it may have
    sure = [bisect.bisect_left(ends, last) for _, last in spans]  # first day it surely has
    for n, result in enumerate(folded.results):
        if may[n] >= count:
            break
        if isinstance(result, str):
            event = folded.events[n]
            raise LifecycleError(f"event {event.id!r}: {result}", event=event)
    forces = [0]  # forces[k]: how many of the first k states are in force
    for state in folded.states:
        forces.append(forces[-1] + state.in_force)
    by_sure = sorted(zip(sure, range(1, len(sure) + 1), strict=True))
    sure_days = [day for day, _ in by_sure]
    done_after: list[int] = []  # the most events surely past, among the first k by `sure`
    for _, done in by_sure:
        done_after.append(max(done, done_after[-1]) if done_after else done)
    points = sorted({0, *(d for d in (*may, *sure) if 0 < d < count)})
    for i, point in enumerate(points):
        upto = bisect.bisect_right(may, point)
        k = bisect.bisect_right(sure_days, point)
        done = done_after[k - 1] if k else 0
        states = upto + 1 - done
        forced = forces[upto + 1] - forces[done]
        value = True if forced == states else (False if forced == 0 else None)
        yield point, points[i + 1] if i + 1 < len(points) else count, value


def _periods(unit: Unit, start: dt.date, end: dt.date) -> Iterator[tuple[str, dt.date]]:
    """Each period's label and the day it is counted at (its last, or `end`)."""
    if unit == "day":
        for day in _days(start, end):
            yield day.isoformat(), day
        return
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        if unit == "year":
            yield f"{year:04d}", min(dt.date(year, 12, 31), end)
            year, month = year + 1, 1
            if year > end.year:
                return
            continue
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        yield f"{year:04d}-{month:02d}", min(last, end)
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)


def series(
    timeline: Timeline,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    *,
    policies: Iterable[str] | None = None,
) -> Series:
    """How many policies are in force (and how many uncertain) at each `unit` from `start`
    to `end`, in total and per jurisdiction; each period is counted at its last day.

    Raises:
        ValueError: `unit` is not day, month or year, or `end` is before `start`.
        TypeError: `start` or `end` is not a date (a datetime is refused too).
        KeyError: `policies` names a policy the timeline does not have.
        LifecycleError: a policy's events up to `end` do not fold.
    """
    if unit not in UNITS:
        raise ValueError(f"unit {unit!r} is not one of {', '.join(UNITS)}")
    for name, given in (("start", start), ("end", end)):
        if isinstance(given, dt.datetime) or not isinstance(given, dt.date):
            raise TypeError(f"{name} takes a datetime.date, not {given!r}")
    if end < start:
        raise ValueError(f"the series ends ({end}) before it starts ({start}); swap them")
    zone = timeline.settings.zone
    ends = [day_end(day, zone) for day in _days(start, end)]
    count = len(ends)
    chosen = folds(timeline, policies)
    names = {f.policy.jurisdiction for f in chosen.values()}
    jurisdictions = (*sorted(n for n in names if n is not None), *([None] if None in names else []))
    in_force = {j: [0] * (count + 1) for j in jurisdictions}
    unsure = {j: [0] * (count + 1) for j in jurisdictions}
    for folded in chosen.values():
        if not folded.events:
            continue  # never announced: never in force
        j = folded.policy.jurisdiction
        for first, after, value in stretches(folded, ends):
            if value is False:
                continue
            target = in_force[j] if value else unsure[j]
            target[first] += 1
            target[after] -= 1
    sure = {j: list(itertools.accumulate(in_force[j])) for j in jurisdictions}
    maybe = {j: list(itertools.accumulate(unsure[j])) for j in jurisdictions}
    steps = []
    for period, day in _periods(unit, start, end):
        k = (day - start).days
        counts = {j: Count(in_force=sure[j][k], uncertain=maybe[j][k]) for j in jurisdictions}
        total = Count(
            in_force=sum(c.in_force for c in counts.values()),
            uncertain=sum(c.uncertain for c in counts.values()),
        )
        steps.append(SeriesStep(period=period, as_of=day, total=total, jurisdictions=counts))
    return Series(unit=unit, start=start, end=end, jurisdictions=jurisdictions, steps=tuple(steps))
