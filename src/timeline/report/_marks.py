"""One event as the chart draws it: the rectangles (or the dot) of its date, and its label.

The geometry follows the date's precision (docs/html.md, "How dates are drawn"); the label
is the full title, wrapped onto a second line when it is long and never cut: a title too
long for two lines is listed under the chart, and the mark carries its number there.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

import attrs

from timeline._model import Event
from timeline._when import Precision, Qualifier, When
from timeline.report._axis import LEFT, Axis
from timeline.report._measure import width as text_width
from timeline.report._measure import wrap

__all__ = [
    "BAR",
    "LABEL",
    "LINE",
    "NOTE_ROOM",
    "Mark",
    "Piece",
    "end_of",
    "label_text",
    "make_mark",
    "part_range",
    "soft",
]

Side = Literal["start", "end"]

BAR: Final = 12.0  # bar height
LABEL: Final = 12.0  # px of an event's label
LINE: Final = 14.0  # from one line of a label to the next
_ROOM: Final = 300.0  # the widest line of a label
_LINES: Final = 2  # a longer title goes to the notes under the chart
_OPEN_FADE: Final = 56.0  # over which an open span fades to the edge
_MIN_W: Final = 6.0  # narrowest bar drawn
#: What a note's number may take on the chart ("[12]"): the room kept for it.
NOTE_ROOM: Final = "[0000]"


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
    """One event drawn in one lane: its pieces, its label's lines and where its row sits.

    `lo`..`hi` is the x range the mark and its label take, which no other mark's may share
    in the rows it spans (one per line of its label).
    """

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
    label: str  # the whole title, with ~ and ? for a qualified date
    lines: tuple[str, ...]  # the label as drawn: one or two lines, or its note's number
    label_x: float
    label_place: str  # "right", "left" (text-anchor end), "inside" or "over" a long bar
    lo: float
    hi: float
    note: int | None = None  # the number of its title in the notes under the chart
    bar: float = BAR  # height: taller when the label is written inside
    row: int = 0
    y: float = 0.0


def end_of(when: When, side: Side) -> When | None:
    """One end of `when` as a `When` of its own; None for an open end."""
    part = when.start if side == "start" else when.end
    if part is None:
        return None
    return attrs.evolve(when, start=part, end=part, is_interval=False)


def part_range(when: When, side: Side, zone: dt.tzinfo) -> tuple[int, int] | None:
    """[lo, hi) keys of one end of `when`, or None when that end is open."""
    half = end_of(when, side)
    if half is None:
        return None
    lo, hi = half.sort_key(zone)
    return lo, hi + 1


def soft(when: When, side: Side) -> bool:
    """Whether that end is known only to a month or coarser (drawn with a soft edge)."""
    half = end_of(when, side)
    return half is not None and half.precision > Precision.DAY


def _qualified(when: When, side: Side) -> bool:
    """Whether that end is approximate or uncertain (drawn hatched)."""
    half = end_of(when, side)
    return half is not None and half.qualifier is not Qualifier.NONE


def _widen(a: float, b: float) -> tuple[float, float]:
    if b - a >= _MIN_W:
        return a, b
    middle = (a + b) / 2
    return middle - _MIN_W / 2, middle + _MIN_W / 2


def _pieces(when: When, axis: Axis, zone: dt.tzinfo) -> tuple[list[Piece], float | None]:
    """The rectangles (or the dot) that draw `when` at its real bounds."""
    start, end = part_range(when, "start", zone), part_range(when, "end", zone)
    right = axis.right
    if not when.is_interval:
        assert start is not None
        a, b = axis.x(start[0], edge=LEFT), axis.x(start[1], edge=right)
        if not soft(when, "start"):
            return [], (a + b) / 2
        a, b = _widen(a, b)
        return [Piece(x=a, width=b - a, fill="both", hatched=_qualified(when, "start"))], None
    a = LEFT if start is None else axis.x(start[0], edge=LEFT)
    b = right if end is None else axis.x(end[1], edge=right)
    if b - a < _MIN_W:
        a, b = _widen(a, b)
        hatched = _qualified(when, "start") or _qualified(when, "end")
        return [Piece(x=a, width=b - a, fill="core", hatched=hatched)], None
    core_a = axis.x(start[1], edge=LEFT) if start and soft(when, "start") else a
    core_b = axis.x(end[0], edge=right) if end and soft(when, "end") else b
    pieces: list[Piece] = []
    if start is None:  # open: fade in from the left edge
        core_a = a + min(_OPEN_FADE, (core_b - a) / 2)
    if end is None:
        core_b = b - min(_OPEN_FADE, (b - core_a) / 2)
    core_b = max(core_a, core_b)
    if core_a > a:
        pieces.append(Piece(x=a, width=core_a - a, fill="in", hatched=_qualified(when, "start")))
    if core_b > core_a:
        hatched = _qualified(when, "start") and not soft(when, "start")
        hatched = hatched or (_qualified(when, "end") and not soft(when, "end"))
        pieces.append(Piece(x=core_a, width=core_b - core_a, fill="core", hatched=hatched))
    if b > core_b:
        pieces.append(
            Piece(x=core_b, width=b - core_b, fill="out", hatched=_qualified(when, "end"))
        )
    return pieces, None


def label_text(event: Event) -> str:
    """The title as a label shows it: '~ ' before an approximate date, ' ?' after an
    uncertain one."""
    title = event.title
    if event.when.qualifier in (Qualifier.APPROXIMATE, Qualifier.BOTH):
        title = "~ " + title
    if event.when.qualifier in (Qualifier.UNCERTAIN, Qualifier.BOTH):
        title += " ?"
    return title


def make_mark(event: Event, axis: Axis, zone: dt.tzinfo, lane: int, colour: str) -> Mark:
    """The event's mark in lane `lane`. A title too long for two lines goes to the notes
    under the chart: the mark gets `note` 0 and room for its number, which the layout gives
    once it knows which marks are drawn."""
    when = event.when
    pieces, dot = _pieces(when, axis, zone)
    if dot is not None:
        a, b = dot - 5, dot + 5
    else:
        a, b = pieces[0].x, pieces[-1].x + pieces[-1].width
    label = label_text(event)
    lines = wrap(label, _ROOM, LABEL)
    numbered = None
    if len(lines) > _LINES:
        lines, numbered = (NOTE_ROOM,), 0
    need = max(text_width(line, LABEL) for line in lines) + 8
    right = axis.right
    cores = [p for p in pieces if p.fill == "core" and p.width >= need + 4 and not p.hatched]
    if b + need <= right:
        place, label_x = "right", b + 6
    elif a - need >= LEFT:
        place, label_x = "left", a - 6
    elif cores:  # a long bar: the label on its solid part, clear of any cut
        place, label_x = "inside", cores[0].x + 6
        for cut in axis.breaks:
            if cut.x - 4 <= label_x <= cut.x + cut.width:
                label_x = cut.x + cut.width + 6
        label_x = min(label_x, right - need + 2)
    else:  # over a bar that fills the chart: as far left as the chart lets it fit
        place, label_x = "over", min(max(a, LEFT) + 8, right - need + 2)
    if place == "left":
        lo, hi = a - need, b + 4
    elif place == "right":
        lo, hi = a - 4, b + need
    else:
        lo, hi = a - 4, max(b, label_x + need) + 4
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
        label=label,
        lines=lines,
        label_x=round(label_x, 1),
        label_place=place,
        lo=lo,
        hi=hi,
        note=numbered,
        bar=BAR + 4 if place == "inside" else BAR,
    )
