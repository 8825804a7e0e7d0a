"""The chart's layout: marks for events, swimlanes packed into rows, policy state bands.

Everything here is numbers and plain strings; the template draws them, with autoescape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Final, Literal

import attrs

from timeline import _lifecycle as lifecycle
from timeline._lifecycle import Phase, Transition
from timeline._model import Effect, Event
from timeline._timeline import Timeline
from timeline._when import Precision, Qualifier, When
from timeline.report._axis import LEFT, RIGHT, Axis, build_axis

__all__ = [
    "AXIS_H",
    "BAND",
    "BAND_CLASS",
    "BAR",
    "COLOURS",
    "LANES",
    "LANE_HEAD",
    "ROW",
    "Lane",
    "Lanes",
    "Mark",
    "display_name",
    "end_of",
    "has_events",
    "lay_out",
    "policy_changes",
]

#: How the chart's swimlanes can be drawn: one lane per policy, actor or jurisdiction.
LANES: Final = ("policy", "actor", "jurisdiction")
Lanes = Literal["policy", "actor", "jurisdiction"]
Side = Literal["start", "end"]

# Sizes in viewBox units (the chart is `_axis.WIDTH` wide).
AXIS_H: Final = 40.0  # axis band at the top
LANE_HEAD: Final = 24.0  # lane title row
ROW: Final = 24.0  # one row of marks
BAR: Final = 12.0  # bar height
BAND: Final = 14.0  # policy state band height
_OPEN_FADE: Final = 56.0  # over which an open span fades to the edge
_MIN_W: Final = 6.0  # narrowest bar drawn
_CHAR_W: Final = 6.3  # estimated width of a 12px sans-serif character, for label packing
_LABEL_CHARS: Final = 48

#: Lane colours (Okabe–Ito, readable by colour-blind readers), cycled; "cx" is the grey
#: catch-all lane.
COLOURS: Final = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#b07d00",
    "#56b4e9",
    "#6a3d9a",
    "#8c564b",
)
_PALETTE: Final = len(COLOURS)


#: CSS class of each policy phase's band; a policy that has ended gets no band.
BAND_CLASS: Final = {
    Phase.PROPOSED: "pending",
    Phase.ANNOUNCED: "pending",
    Phase.ADOPTED: "pending",
    Phase.IN_FORCE: "in-force",
    Phase.SUSPENDED: "suspended",
}


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
    bar: float = BAR  # height: taller when the label is written inside
    row: int = 0
    y: float = 0.0


def end_of(when: When, side: Side) -> When | None:
    """One end of `when` as a `When` of its own; None for an open end."""
    part = when.start if side == "start" else when.end
    if part is None:
        return None
    return attrs.evolve(when, start=part, end=part, is_interval=False)


def _part_range(when: When, side: Side, zone: dt.tzinfo) -> tuple[int, int] | None:
    """[lo, hi) keys of one end of `when`, or None when that end is open."""
    half = end_of(when, side)
    if half is None:
        return None
    lo, hi = half.sort_key(zone)
    return lo, hi + 1


def _soft(when: When, side: Side) -> bool:
    """Whether that end is known only to a month or coarser (drawn with a soft edge)."""
    half = end_of(when, side)
    return half is not None and half.precision > Precision.DAY


def _qualified(when: When, side: Side) -> bool:
    """Whether that end is approximate or uncertain (drawn hatched)."""
    half = end_of(when, side)
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
        a, b = axis.x(start[0], edge=LEFT), axis.x(start[1], edge=RIGHT)
        if not _soft(when, "start"):
            return [], (a + b) / 2
        a, b = _widen(a, b)
        return [Piece(x=a, width=b - a, fill="both", hatched=_qualified(when, "start"))], None
    a = LEFT if start is None else axis.x(start[0], edge=LEFT)
    b = RIGHT if end is None else axis.x(end[1], edge=RIGHT)
    if b - a < _MIN_W:
        a, b = _widen(a, b)
        hatched = _qualified(when, "start") or _qualified(when, "end")
        return [Piece(x=a, width=b - a, fill="core", hatched=hatched)], None
    core_a = axis.x(start[1], edge=LEFT) if start and _soft(when, "start") else a
    core_b = axis.x(end[0], edge=RIGHT) if end and _soft(when, "end") else b
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
    if b + need <= RIGHT:
        place, label_x = "right", b + 6
    elif a - need >= LEFT:
        place, label_x = "left", a - 6
    elif cores:  # a long bar: white text on its solid part, clear of any cut
        place, label_x = "inside", cores[0].x + 6
        for cut in axis.breaks:
            if cut.x - 4 <= label_x <= cut.x + cut.width:
                label_x = cut.x + cut.width + 6
    else:
        place, label_x = "over", max(a, LEFT) + 8
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
        bar=BAR + 4 if place == "inside" else BAR,
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
        return policy.title, display_name(
            policy.jurisdiction, timeline
        ) if policy.jurisdiction else ""
    return display_name(key, timeline), ""


def display_name(key: str, timeline: Timeline) -> str:
    """An actor's name for its id; anything else (a country code) as written."""
    return timeline.actors[key].name if key in timeline.actors else key


#: Steps on a policy in force that its band names rather than "in force" again.
_IN_FORCE_STEPS: Final = (Effect.TIGHTENED, Effect.LOOSENED, Effect.APPLIES, Effect.CEASES)


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
        """'in force', or what a step on a policy in force did: 'tightened', 'applies', …"""
        effect = self.step.effect
        if self.phase is Phase.IN_FORCE and effect in _IN_FORCE_STEPS:
            return effect.value
        if self.step.after.amendment is self.step.event:
            return f"amendment {effect.value}"
        return str(self.phase)


def policy_changes(timeline: Timeline, policy: str) -> list[Change]:
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
        state = BAND_CLASS.get(change.phase)
        if state is None:
            continue
        a = axis.x(change.lo, edge=LEFT)
        sure = axis.x(change.hi, edge=RIGHT) if _soft(change.step.event.when, "start") else a
        b = RIGHT if index + 1 == len(changes) else axis.x(changes[index + 1].lo, edge=RIGHT)
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


def lay_out(
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
    y = AXIS_H + 6
    colour_index = 0
    for key, events in order.items():
        if key is None:
            colour = "cx"
        else:
            colour = f"c{colour_index % _PALETTE}"
            colour_index += 1
        marks = _pack(_mark(e, axis, zone, len(result), colour) for e in events)
        rows = 1 + max(m.row for m in marks)
        top = y + LANE_HEAD
        marks = [attrs.evolve(m, y=round(top + m.row * ROW + ROW / 2, 1)) for m in marks]
        bands: tuple[Band, ...] = ()
        if lanes == "policy" and key is not None:
            bands = _bands(policy_changes(history, key), axis)
        height = LANE_HEAD + rows * ROW + (BAND + 8 if bands else 0) + 8
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
        drawn = [
            (p, policy_changes(history, p)) for p in timeline.policies if has_events(timeline, p)
        ]
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
                    height=LANE_HEAD + BAND + 16,
                    bands=bands,
                    band_title=f"State of “{title}”",
                )
            )
            y += LANE_HEAD + BAND + 16
    return axis, result, y + 4


def has_events(timeline: Timeline, policy: str) -> bool:
    return any(e.policy == policy for e in timeline)
