"""The HTML report: one self-contained page with a visual timeline above the chronological list.

Everything is inline (CSS, SVG, a few lines of optional script for filtering), so the file
works offline, from a USB stick or an e-mail attachment; a Content-Security-Policy forbids
any request. The chart is computed here as plain numbers and drawn by Jinja2 templates
with autoescape on, so no text from the data is ever written without escaping.

The time axis is piecewise linear (see docs/html.md): each year (or month, for short
timelines) gets a width that grows with the number of events in it, and runs of empty
years are cut, so a span "over the last decade" does not squash this year's events.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import functools
import hashlib
import itertools
from collections.abc import Iterable, Sequence
from typing import Final, Literal

import attrs
import jinja2
from markupsafe import Markup

from timeline import lifecycle
from timeline.lifecycle import Phase, Transition
from timeline.model import Effect, Event, Timeline
from timeline.report._common import actor_names, by_year, source_line
from timeline.when import Precision, Qualifier, When

__all__ = ["LANES", "render"]

#: How the chart's swimlanes can be drawn: one lane per policy, actor or jurisdiction.
LANES: Final = ("policy", "actor", "jurisdiction")
Lanes = Literal["policy", "actor", "jurisdiction"]
Side = Literal["start", "end"]

WIDTH: Final = 1200  # viewBox width; CSS scales the chart and lets it scroll on phones
_LEFT, _RIGHT = 12.0, WIDTH - 12.0
_AXIS_H = 40.0  # axis band at the top
_LANE_HEAD = 24.0  # lane title row
_ROW = 24.0  # one row of marks
_BAR = 12.0  # bar height
_BAND = 14.0  # policy state band height
_BREAK_W = 26.0  # width of a cut in the axis
_OPEN_FADE = 56.0  # px over which an open span fades to the edge
_MIN_W = 6.0  # narrowest bar drawn
_CHAR_W = 6.3  # estimated width of a 12px sans-serif character, for label packing
_LABEL_CHARS = 48
#: Lane colours (Okabe–Ito, readable by colour-blind readers), cycled; "cx" is the grey
#: catch-all lane.
_COLOURS: Final = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#b07d00",
    "#56b4e9",
    "#6a3d9a",
    "#8c564b",
)
_PALETTE: Final = len(_COLOURS)

_US: Final = dt.timedelta(microseconds=1)
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_YEAR_US: Final = 365 * 86_400 * 1_000_000
_DAY_US: Final = 86_400 * 1_000_000

#: CSS class of each policy phase's band; a policy that has ended gets no band.
_BAND_CLASS: Final = {
    Phase.PROPOSED: "pending",
    Phase.ANNOUNCED: "pending",
    Phase.IN_FORCE: "in-force",
    Phase.SUSPENDED: "suspended",
}


# -- the axis -----------------------------------------------------------------------------------


def _key(day: dt.date, zone: dt.tzinfo) -> int:
    """Microseconds since 1970 at the start of `day` in `zone`, on `When.sort_key`'s axis."""
    return (dt.datetime.combine(day, dt.time(), tzinfo=zone) - _EPOCH) // _US


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

    def x(self, key: int | None, *, edge: float) -> float:
        """Where `key` falls; None (an open end) or a key beyond the data gives `edge`."""
        if key is None:
            return edge
        units = self.units
        if key <= units[0].k0:
            return units[0].x0 if key == units[0].k0 else max(_LEFT, units[0].x0 - 1)
        for before, unit in zip((None, *units[:-1]), units, strict=True):
            if key < unit.k0 and before is not None:  # inside a cut: cross it linearly
                share = (key - before.k1) / (unit.k0 - before.k1)
                return before.x1 + share * (unit.x0 - before.x1)
            if key <= unit.k1:
                return unit.x0 + (key - unit.k0) / (unit.k1 - unit.k0) * (unit.x1 - unit.x0)
        return min(_RIGHT, units[-1].x1 + 1)


def _unit_start(day: dt.date, unit: str) -> dt.date:
    if unit == "year":
        return dt.date(day.year, 1, 1)
    if unit == "month":
        return dt.date(day.year, day.month, 1)
    return day


def _unit_next(day: dt.date, unit: str) -> dt.date:
    if day >= dt.date(9999, 12, 1):
        return dt.date.max
    if unit == "year":
        return dt.date(day.year + 1, 1, 1)
    if unit == "month":
        return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return day + dt.timedelta(days=1)


def _to_date(key: int, zone: dt.tzinfo) -> dt.date:
    return (_EPOCH + key * _US).astimezone(zone).date()


def build_axis(points: Sequence[tuple[int, int]], zone: dt.tzinfo) -> Axis:
    """Lay out the axis over the finite bounds `points` (each a part's [lo, hi) keys).

    Units (years, or months for a span under three years, or days under three months)
    weigh 1 plus the number of bounds that touch them; runs of two or more empty units are
    cut to a fixed width. Inside a unit the scale is linear, so order is always kept.
    """
    low = min(lo for lo, _ in points)
    high = max(hi for _, hi in points)
    span = high - low
    unit = "year" if span > 3 * _YEAR_US else "month" if span > 90 * _DAY_US else "day"
    first = _unit_start(_to_date(low, zone), unit)
    last = _to_date(max(low, high - 1), zone)
    starts: list[dt.date] = [first]
    while (nxt := _unit_next(starts[-1], unit)) <= last:
        starts.append(nxt)
    ends = [*starts[1:], _unit_next(starts[-1], unit)]
    keys = [
        (_key(s, zone), _key(e, zone) if e < dt.date.max else high)
        for s, e in zip(starts, ends, strict=True)
    ]
    weights = [1.0] * len(starts)
    for lo, hi in points:
        for i, (k0, k1) in enumerate(keys):
            if lo < k1 and hi > k0:
                weights[i] += 1.0
    if unit == "day":
        weights = [1.0] * len(starts)
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
    room = (_RIGHT - _LEFT) - cuts * _BREAK_W
    total = sum(weights[i] for i in kept)
    units: list[_Unit] = []
    breaks: list[Break] = []
    x = _LEFT
    previous: int | None = None
    for i in kept:
        if previous is not None and i != previous + 1:
            gap_first, gap_last = starts[previous + 1], ends[i - 1] - dt.timedelta(days=1)
            breaks.append(Break(x=x, width=_BREAK_W, title=_gap_title(gap_first, gap_last, unit)))
            x += _BREAK_W
        width = room * weights[i] / total
        units.append(
            _Unit(start=starts[i], end=ends[i], k0=keys[i][0], k1=keys[i][1], x0=x, x1=x + width)
        )
        x += width
        previous = i
    return Axis(unit=unit, units=tuple(units), breaks=tuple(breaks), ticks=_ticks(units, unit))


def _gap_title(first: dt.date, last: dt.date, unit: str) -> str:
    if unit == "year":
        return f"{first.year}–{last.year}: no events start or end"
    return (
        f"{calendar.month_abbr[first.month]} {first.year}–"
        f"{calendar.month_abbr[last.month]} {last.year}: no events start or end"
    )


def _ticks(units: Sequence[_Unit], unit: str) -> tuple[Tick, ...]:
    ticks: list[Tick] = []
    last_label = -1e9
    for u in units:
        width = u.x1 - u.x0
        if unit == "year":
            label = str(u.start.year)
        elif unit == "month":
            label = calendar.month_abbr[u.start.month]
            if u.start.month == 1 or u is units[0] or u.x0 - last_label > 400:
                label += f" {u.start.year}"
        else:
            label = str(u.start.day)
            if u.start.day == 1 or u is units[0]:
                label += f" {calendar.month_abbr[u.start.month]}"
        room = width >= len(label) * 7 + 6 and u.x0 - last_label >= 8
        if unit == "day" and width < 18:
            room = room and u.start.weekday() == 0
        ticks.append(Tick(x=u.x0, label=label if room else "", major=True))
        if room:
            last_label = u.x0 + len(label) * 7
        if unit == "year" and width >= 160:  # months inside a wide year
            per_month = width / 12
            step = 1 if per_month >= 30 else 3
            for month in range(2, 13):
                k = (month - 1) / 12
                text = calendar.month_abbr[month] if (month - 1) % step == 0 else ""
                ticks.append(Tick(x=u.x0 + k * width, label=text, major=False))
    return tuple(ticks)


# -- marks ----------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Piece:
    """One rectangle of a mark.

    `fill` is 'core' (solid), 'in' / 'out' (a soft edge: the end is known only to its month,
    season or year) or 'both' (a single imprecise value); `hatched` marks an approximate or
    uncertain end (~ ? %).
    """

    x: float
    width: float
    fill: str
    hatched: bool = False


@attrs.frozen(kw_only=True)
class Mark:
    """One event drawn in one lane: its pieces, label and where its row sits."""

    event: Event
    lane: int
    colour: str
    x0: float
    x1: float
    pieces: tuple[Piece, ...]
    dot: float | None  # centre of a point mark
    open_start: bool
    open_end: bool
    approximate: bool
    cuts: tuple[float, ...]  # x of axis cuts the mark crosses
    label: str
    label_x: float
    label_place: str  # "right", "left" (text-anchor end), "inside" or "over" a long bar
    bar: float = _BAR  # height: taller when the label is written inside
    row: int = 0
    y: float = 0.0


def _half(when: When, side: Side) -> When | None:
    """One end of `when` as a `When` of its own; None for an open end."""
    part = when.start if side == "start" else when.end
    if part is None:
        return None
    return attrs.evolve(when, start=part, end=part, is_interval=False)


def _part_range(when: When, side: Side, zone: dt.tzinfo) -> tuple[int, int] | None:
    """[lo, hi) keys of one end of `when`, or None when that end is open."""
    half = _half(when, side)
    if half is None:
        return None
    lo, hi = half.sort_key(zone)
    return lo, hi + 1


def _soft(when: When, side: Side) -> bool:
    """Whether that end is known only to a month or coarser (drawn with a soft edge)."""
    half = _half(when, side)
    return half is not None and half.precision > Precision.DAY


def _qualified(when: When, side: Side) -> bool:
    """Whether that end is approximate or uncertain (drawn hatched)."""
    half = _half(when, side)
    return half is not None and half.qualifier is not Qualifier.NONE


def _bounds(event: Event, zone: dt.tzinfo) -> list[tuple[int, int]]:
    when = event.when
    found = [_part_range(when, side, zone) for side in ("start", "end")]
    return [r for r in found if r is not None]


def _pieces(when: When, axis: Axis, zone: dt.tzinfo) -> tuple[list[Piece], float | None]:
    """The rectangles (or the dot) that draw `when` at its real bounds."""
    start, end = _part_range(when, "start", zone), _part_range(when, "end", zone)
    if not when.is_interval:
        assert start is not None
        a, b = axis.x(start[0], edge=_LEFT), axis.x(start[1], edge=_RIGHT)
        if not _soft(when, "start"):
            return [], (a + b) / 2
        a, b = _widen(a, b)
        return [Piece(x=a, width=b - a, fill="both", hatched=_qualified(when, "start"))], None
    a = _LEFT if start is None else axis.x(start[0], edge=_LEFT)
    b = _RIGHT if end is None else axis.x(end[1], edge=_RIGHT)
    if b - a < _MIN_W:
        a, b = _widen(a, b)
        hatched = _qualified(when, "start") or _qualified(when, "end")
        return [Piece(x=a, width=b - a, fill="core", hatched=hatched)], None
    core_a = axis.x(start[1], edge=_LEFT) if start and _soft(when, "start") else a
    core_b = axis.x(end[0], edge=_RIGHT) if end and _soft(when, "end") else b
    pieces: list[Piece] = []
    if start is None:  # open: fade in from the left edge
        core_a = a + min(_OPEN_FADE, (core_b - a) / 2)
    if end is None:
        core_b = b - min(_OPEN_FADE, (b - core_a) / 2)
    core_b = max(core_a, core_b)
    if core_a > a:
        pieces.append(Piece(x=a, width=core_a - a, fill="in", hatched=_qualified(when, "start")))
    if core_b > core_a:
        hatched = _qualified(when, "start") and not _soft(when, "start")
        hatched = hatched or (_qualified(when, "end") and not _soft(when, "end"))
        pieces.append(Piece(x=core_a, width=core_b - core_a, fill="core", hatched=hatched))
    if b > core_b:
        pieces.append(
            Piece(x=core_b, width=b - core_b, fill="out", hatched=_qualified(when, "end"))
        )
    return pieces, None


def _mark(event: Event, axis: Axis, zone: dt.tzinfo, lane: int, colour: str) -> Mark:
    when = event.when
    pieces, dot = _pieces(when, axis, zone)
    if dot is not None:
        a, b = dot - 5, dot + 5
    else:
        a, b = pieces[0].x, pieces[-1].x + pieces[-1].width
    title = event.title
    if len(title) > _LABEL_CHARS:
        title = title[: _LABEL_CHARS - 1].rstrip() + "…"
    if when.qualifier in (Qualifier.APPROXIMATE, Qualifier.BOTH):
        title = "~ " + title
    if when.qualifier in (Qualifier.UNCERTAIN, Qualifier.BOTH):
        title += " ?"
    need = len(title) * _CHAR_W + 8
    cores = [p for p in pieces if p.fill == "core" and p.width >= need + 4 and not p.hatched]
    if b + need <= _RIGHT:
        place, label_x = "right", b + 6
    elif a - need >= _LEFT:
        place, label_x = "left", a - 6
    elif cores:  # a long bar: white text on its solid part, clear of any cut
        place, label_x = "inside", cores[0].x + 6
        for cut in axis.breaks:
            if cut.x - 4 <= label_x <= cut.x + cut.width:
                label_x = cut.x + cut.width + 6
    else:
        place, label_x = "over", max(a, _LEFT) + 8
    cuts = tuple(round(c.x, 1) for c in axis.breaks if a < c.x and c.x + c.width < b)
    return Mark(
        event=event,
        lane=lane,
        colour=colour,
        x0=round(a, 1),
        x1=round(b, 1),
        pieces=tuple(attrs.evolve(p, x=round(p.x, 1), width=round(p.width, 1)) for p in pieces),
        dot=None if dot is None else round(dot, 1),
        open_start=when.is_interval and when.start is None,
        open_end=when.is_interval and when.end is None,
        approximate=when.qualifier is not Qualifier.NONE,
        cuts=cuts,
        label=title,
        label_x=round(label_x, 1),
        label_place=place,
        bar=_BAR + 4 if place == "inside" else _BAR,
    )


def _widen(a: float, b: float) -> tuple[float, float]:
    if b - a >= _MIN_W:
        return a, b
    middle = (a + b) / 2
    return middle - _MIN_W / 2, middle + _MIN_W / 2


def _extent(mark: Mark) -> tuple[float, float]:
    """The x range a mark and its label occupy, for packing rows."""
    need = len(mark.label) * _CHAR_W + 8
    if mark.label_place == "left":
        return mark.x0 - need, mark.x1 + 4
    if mark.label_place in ("inside", "over"):
        return mark.x0 - 4, max(mark.x1, mark.label_x + need) + 4
    return mark.x0 - 4, mark.x1 + need


def _pack(marks: Iterable[Mark]) -> list[Mark]:
    """First-fit rows: each mark goes in the first row where it and its label fit."""
    rows: list[list[tuple[float, float]]] = []
    placed: list[Mark] = []
    for mark in sorted(marks, key=lambda m: _extent(m)[0]):
        lo, hi = _extent(mark)
        free = [i for i, row in enumerate(rows) if all(hi <= a or lo >= b for a, b in row)]
        if free:
            index = free[0]
        else:
            rows.append([])
            index = len(rows) - 1
        rows[index].append((lo, hi))
        placed.append(attrs.evolve(mark, row=index))
    return placed


# -- lanes and policy bands -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Band:
    """A stretch of a policy's state: `soft` px at its start are an uncertain transition."""

    x: float
    width: float
    soft: float
    state: str
    label: str
    label_x: float
    title: str


@attrs.frozen(kw_only=True)
class Lane:
    """One swimlane: a title, its marks packed into rows, and maybe a policy state band."""

    key: str | None
    title: str
    note: str
    colour: str
    marks: tuple[Mark, ...]
    rows: int
    y: float
    height: float
    bands: tuple[Band, ...] = ()
    band_title: str = ""


def _lane_keys(event: Event, timeline: Timeline, lanes: Lanes) -> list[str | None]:
    if lanes == "policy":
        return [event.policy]
    if lanes == "actor":
        return list(event.actors) or [None]
    policy = timeline.policies.get(event.policy) if event.policy else None
    return [policy.jurisdiction if policy is not None else None]


def _lane_title(key: str | None, timeline: Timeline, lanes: Lanes) -> tuple[str, str]:
    """The lane's title and a short note beside it."""
    if key is None:
        return {
            "policy": ("Other events", "no policy"),
            "actor": ("No actor named", ""),
            "jurisdiction": ("No jurisdiction", "events outside any policy"),
        }[lanes]
    if lanes == "policy":
        policy = timeline.policies.get(key)
        if policy is None:
            return key, ""
        return policy.title, _name(policy.jurisdiction, timeline) if policy.jurisdiction else ""
    return _name(key, timeline), ""


def _name(key: str, timeline: Timeline) -> str:
    """An actor's name for its id; anything else (a country code) as written."""
    return timeline.actors[key].name if key in timeline.actors else key


@attrs.frozen(kw_only=True)
class Change:
    """One step of a policy's history as the chart draws it."""

    step: Transition
    lo: int  # keys of the step's (start) date: the change happened somewhere in [lo, hi)
    hi: int

    @property
    def phase(self) -> Phase:
        """The phase after the step."""
        return self.step.after.phase

    @property
    def words(self) -> str:
        """'in force', or 'tightened' / 'loosened' for a change to a policy in force."""
        effect = self.step.effect
        if self.phase is Phase.IN_FORCE and effect in (Effect.TIGHTENED, Effect.LOOSENED):
            return effect.value
        return str(self.phase)


def _changes(timeline: Timeline, policy: str) -> list[Change]:
    """The policy's history (`timeline.lifecycle`), or nothing when the events do not fold.

    A filtered timeline may hold only part of a policy's events (a loosening without the
    enactment before it): then no band is drawn rather than a wrong one.
    """
    zone = timeline.settings.zone
    try:
        steps = lifecycle.history(timeline, policy)
    except (lifecycle.LifecycleError, KeyError):
        return []
    changes = []
    for step in steps:
        when = step.event.when
        bounds = _part_range(when, "start", zone) or _part_range(when, "end", zone)
        assert bounds is not None
        changes.append(Change(step=step, lo=bounds[0], hi=bounds[1]))
    return changes


def _bands(changes: Sequence[Change], axis: Axis) -> tuple[Band, ...]:
    bands: list[Band] = []
    for index, change in enumerate(changes):
        state = _BAND_CLASS.get(change.phase)
        if state is None:
            continue
        a = axis.x(change.lo, edge=_LEFT)
        sure = axis.x(change.hi, edge=_RIGHT) if _soft(change.step.event.when, "start") else a
        b = _RIGHT if index + 1 == len(changes) else axis.x(changes[index + 1].lo, edge=_RIGHT)
        if b - a < 1:
            continue
        label = change.words
        need = len(label) * 6 + 10
        soft = min(sure - a, b - a)
        bands.append(
            Band(
                x=round(a, 1),
                width=round(b - a, 1),
                soft=round(soft, 1),
                state=state,
                label=label if b - a >= need else "",
                label_x=round(a + (soft if b - a - soft >= need else 0) + 4, 1),
                title=change.step.after.label,
            )
        )
    return tuple(bands)


def _layout(
    timeline: Timeline, lanes: Lanes, history: Timeline
) -> tuple[Axis, list[Lane], float] | None:
    zone = timeline.settings.zone
    points = [r for e in timeline for r in _bounds(e, zone)]
    if not points:
        return None
    axis = build_axis(points, zone)
    order: dict[str | None, list[Event]] = {}
    for event in timeline:
        for key in _lane_keys(event, timeline, lanes):
            order.setdefault(key, []).append(event)
    if None in order:  # the catch-all lane goes last
        order[None] = order.pop(None)
    result: list[Lane] = []
    y = _AXIS_H + 6
    colour_index = 0
    for key, events in order.items():
        if key is None:
            colour = "cx"
        else:
            colour = f"c{colour_index % _PALETTE}"
            colour_index += 1
        marks = _pack(_mark(e, axis, zone, len(result), colour) for e in events)
        rows = 1 + max(m.row for m in marks)
        top = y + _LANE_HEAD
        marks = [attrs.evolve(m, y=round(top + m.row * _ROW + _ROW / 2, 1)) for m in marks]
        bands: tuple[Band, ...] = ()
        if lanes == "policy" and key is not None:
            bands = _bands(_changes(history, key), axis)
        height = _LANE_HEAD + rows * _ROW + (_BAND + 8 if bands else 0) + 8
        title, note = _lane_title(key, timeline, lanes)
        result.append(
            Lane(
                key=key,
                title=title,
                note=note,
                colour=colour,
                marks=tuple(sorted(marks, key=lambda m: (m.row, m.x0))),
                rows=rows,
                y=round(y, 1),
                height=round(height, 1),
                bands=bands,
                band_title=f"State of “{title}”" if bands else "",
            )
        )
        y += height
    if lanes != "policy":  # the policies' states get lanes of their own below
        drawn = [(p, _changes(history, p)) for p in timeline.policies if _has_events(timeline, p)]
        for index, (policy, changes) in enumerate((p, c) for p, c in drawn if c):
            bands = _bands(changes, axis)
            title = timeline.policies[policy].title
            result.append(
                Lane(
                    key=policy,
                    title=title,
                    note="policy state",
                    colour=f"c{index % _PALETTE}",
                    marks=(),
                    rows=0,
                    y=round(y, 1),
                    height=_LANE_HEAD + _BAND + 16,
                    bands=bands,
                    band_title=f"State of “{title}”",
                )
            )
            y += _LANE_HEAD + _BAND + 16
    return axis, result, y + 4


def _has_events(timeline: Timeline, policy: str) -> bool:
    return any(e.policy == policy for e in timeline)


# -- the list ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Entry:
    """What the list shows for one event."""

    event: Event
    label: str
    datetime: str | None
    precision: str
    qualifier: str
    actors: tuple[str, ...]
    place: str | None
    policy: str | None
    sources: tuple[tuple[str, str | None, tuple[tuple[str | None, str | None], ...]], ...]
    search: str


def _datetime_attr(when: When) -> str | None:
    """A valid HTML `datetime` value for the When, when one exists (day, month, year, instant)."""
    if when.is_interval or when.qualifier is not Qualifier.NONE:
        return None
    text = str(when)
    if when.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR) or (
        when.is_instant and when.tz is None
    ):
        return text.replace("Z", "+00:00") if when.is_instant else text
    return None


def _entry(event: Event, timeline: Timeline) -> Entry:
    grouped: dict[str, list[tuple[str | None, str | None]]] = {}
    for citation in event.cite:
        grouped.setdefault(citation.source, []).append((citation.quote, citation.note))
    sources = []
    for source_id, quotes in grouped.items():
        source = timeline.sources.get(source_id)
        name = source_line(source) if source else source_id
        url = source.url if source else None
        sources.append(
            (name, url, tuple((q, n) for q, n in quotes if q is not None or n is not None))
        )
    names = tuple(actor_names(event, timeline))
    known = event.place is not None and event.place in timeline.places
    place = timeline.places[event.place].name if known and event.place else event.place
    policy = timeline.policies.get(event.policy) if event.policy else None
    qualifier = {
        Qualifier.NONE: "",
        Qualifier.APPROXIMATE: "approximate",
        Qualifier.UNCERTAIN: "uncertain",
        Qualifier.BOTH: "approximate and uncertain",
    }[event.when.qualifier]
    search = " ".join([event.title, event.when.label, *names, *event.tags, event.summary or ""])
    return Entry(
        event=event,
        label=event.when.label,
        datetime=_datetime_attr(event.when),
        precision=str(event.when.precision),
        qualifier=qualifier,
        actors=names,
        place=place,
        policy=policy.title if policy else event.policy,
        sources=tuple(sources),
        search=" ".join(search.lower().split()),
    )


# -- rendering ----------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("timeline.report", "templates"),
        autoescape=True,  # every template, whatever its name: data is always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _asset(name: str) -> str:
    """A static asset shipped beside the templates (our code, never data)."""
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), name)
    return source


def render(timeline: Timeline, *, lanes: str = "policy", history: Timeline | None = None) -> str:
    """The whole page: header, chart, policies, the chronological list and a legend.

    `history` is the timeline whose events give each policy's states (default: `timeline`):
    pass the unfiltered one when `timeline` is a filtered view, so a policy in force long
    before the first shown event still shows as in force.

    Raises:
        ValueError: `lanes` is not one of `LANES`.
    """
    if lanes not in LANES:
        raise ValueError(f"unknown lanes {lanes!r}; use one of {list(LANES)}")
    lane_kind: Lanes = lanes  # type: ignore[assignment]
    history = timeline if history is None else history
    layout = _layout(timeline, lane_kind, history)
    script = _asset("filter.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policies = [
        (policy, _changes(history, pid))
        for pid, policy in timeline.policies.items()
        if _has_events(timeline, pid)
    ]
    template = _environment().get_template("report.html.j2")
    return template.render(
        timeline=timeline,
        settings=timeline.settings,
        lanes=lane_kind,
        layout=layout,
        width=WIDTH,
        left=_LEFT,
        right=_RIGHT,
        axis_height=_AXIS_H,
        lane_head=_LANE_HEAD,
        row=_ROW,
        bar=_BAR,
        band_height=_BAND,
        palette=[*((f"c{i}", c) for i, c in enumerate(_COLOURS)), ("cx", "#6b7280")],
        groups=[(h, [_entry(e, timeline) for e in events]) for h, events in by_year(timeline)],
        policies=policies,
        band_class=_BAND_CLASS,
        name=functools.partial(_name, timeline=timeline),
        css=Markup(_asset("report.css")),  # our stylesheet, not data
        script=Markup(script),  # our script, not data; hashed in the CSP
        script_hash=f"sha256-{digest}",
        span=_span_text(timeline),
    )


def _span_text(timeline: Timeline) -> str:
    """'16 events, ~2010 to December 2025' for the page header."""
    count = len(timeline)
    if not count:
        return "No events match."
    zone = timeline.settings.zone
    first = timeline.events[0].when
    last = max(timeline.events, key=lambda e: e.when.sort_key(zone)[1]).when
    start_half, end_half = _half(first, "start"), _half(last, "end")
    start = "the open past" if start_half is None else start_half.label
    end = "the open future" if end_half is None else end_half.label
    noun = "event" if count == 1 else "events"
    return f"{count} {noun}, {start} to {end}" if start != end else f"{count} {noun}, {start}"
