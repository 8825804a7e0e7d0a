"""Which marks go in which row of a lane, so that no label overlaps another mark or label.

A lane that can label all its events gets them all, first fit in chronological order: each
mark goes in the first row where it and its label fit (a two-line label takes two rows).
A lane too full for that (more rows than `ROWS`) is drawn as density, with a few rows of
labelled marks picked across the whole axis: the policy steps first, then the other events,
taking turns between stretches of the axis so that no one stretch takes every label.
Both run in time proportional to the events times the rows, never to the events squared.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from typing import Final

import attrs

from timeline._model import Event
from timeline.report._marks import Mark

__all__ = ["DENSE_ROWS", "ROWS", "pack", "pick"]

ROWS: Final = 12  # the most rows a lane labels every event in
DENSE_ROWS: Final = 4  # rows of labelled marks over a lane drawn as density
_STRETCHES: Final = 24  # the axis is shared out between this many stretches
_MISSES: Final = 2_000  # after this many marks in a row that fit nowhere, stop trying


def pack(marks: Sequence[Mark], rows: int = ROWS) -> list[Mark] | None:
    """First-fit rows for every mark, or None when they need more than `rows` rows.

    Marks go in order of their left end, so a row is free for the next mark exactly when
    its rightmost end is left of that mark's: a row is one number, not a list.
    """
    ends: list[float] = []
    placed = []
    for mark in sorted(marks, key=lambda m: m.lo):
        span = len(mark.lines)
        row = 0
        while any(k < len(ends) and ends[k] > mark.lo for k in range(row, row + span)):
            row += 1
        if row + span > rows:
            return None
        ends += [float("-inf")] * (row + span - len(ends))
        for k in range(row, row + span):
            ends[k] = mark.hi
        placed.append(attrs.evolve(mark, row=row))
    return placed


def _turns(events: Sequence[Event], x: Callable[[Event], float], width: float) -> Iterator[Event]:
    """The events taking turns between stretches of the axis: the first of each stretch,
    then the second of each, and so on; policy steps before everything else."""
    for steps in (True, False):
        stretches: list[list[Event]] = [[] for _ in range(_STRETCHES)]
        for event in events:
            if (event.effect is not None) is steps:
                at = min(_STRETCHES - 1, max(0, int(x(event) / width * _STRETCHES)))
                stretches[at].append(event)
        depth = max(map(len, stretches))
        for n in range(depth):
            for stretch in stretches:
                if n < len(stretch):
                    yield stretch[n]


def pick(
    events: Sequence[Event],
    make: Callable[[Event], Mark],
    x: Callable[[Event], float],
    width: float,
    rows: int = DENSE_ROWS,
) -> list[Mark]:
    """Marks for those of `events` that fit in `rows` rows, taken in turns (see `_turns`);
    `make` builds a mark, `x` places an event cheaply before its mark is made."""
    taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    placed = []
    misses = 0
    for event in _turns(events, x, width):
        mark = make(event)
        span = len(mark.lines)
        for row in range(rows - span + 1):
            if all(_free(taken[k], mark.lo, mark.hi) for k in range(row, row + span)):
                for k in range(row, row + span):
                    bisect.insort(taken[k], (mark.lo, mark.hi))
                placed.append(attrs.evolve(mark, row=row))
                misses = 0
                break
        else:
            misses += 1
            if misses >= _MISSES:
                break
    return placed


def _free(row: list[tuple[float, float]], lo: float, hi: float) -> bool:
    """Whether [lo, hi) overlaps nothing in `row` (sorted, non-overlapping extents)."""
    at = bisect.bisect_left(row, (lo, hi))
    return (at == 0 or row[at - 1][1] <= lo) and (at == len(row) or hi <= row[at][0])
