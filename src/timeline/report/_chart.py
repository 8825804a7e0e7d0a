"""The chart's layout: swimlanes of marks, density where a lane is too full, policy bands.

Everything here is numbers and plain strings; `templates/chart.svg.j2` draws them, with
autoescape. The pieces live by concept: the axis (`_axis`), one event's mark (`_marks`),
rows and which marks are labelled (`_labels`), density (`_density`), state bands
(`_bands`), and label widths (`_measure`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal

import attrs

from timeline._labels import when_label
from timeline._locale import message
from timeline._model import Event
from timeline._timeline import Timeline
from timeline.report._axis import WIDTH, Axis, build_axis
from timeline.report._bands import BAND, Band, Change, bands, changes_of
from timeline.report._density import Density, density
from timeline.report._labels import pack, pick
from timeline.report._marks import LINE, Mark, make_mark, part_range
from timeline.report._measure import width as text_width
from timeline.report._measure import wrap

__all__ = [
    "AXIS_H",
    "COLOURS",
    "LANES",
    "LANE_HEAD",
    "ROW",
    "Lane",
    "Lanes",
    "Layout",
    "Note",
    "display_name",
    "lay_out",
]

#: How the chart's swimlanes can be drawn: one lane per policy, actor, jurisdiction or tag.
LANES: Final = ("policy", "actor", "jurisdiction", "tag")
Lanes = Literal["policy", "actor", "jurisdiction", "tag"]

# Sizes in viewBox units (the chart is `width` units wide, 1200 unless asked otherwise).
AXIS_H: Final = 40.0  # axis band at the top
LANE_HEAD: Final = 24.0  # lane title row (one line of title)
_TITLE_LINE: Final = 16.0  # each further line of a long lane title
_TITLE: Final = 13.0  # px of a lane's title (bold)
_TITLE_ROOM: Final = 360.0  # a lane title's widest line: it fits a phone's screen
ROW: Final = 24.0  # one row of marks
MAX_LANES: Final = 24  # more lanes than this: the smallest are drawn together as one
_NOTE: Final = 12.0  # px of a note under the chart
_NOTES_GAP: Final = 28.0  # from the last lane to the first note

#: Lane colours (Okabe–Ito, readable by colour-blind readers), cycled; "cx" is the grey
#: catch-all lane.
COLOURS: Final = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#b07d00",
    "#3593cf",  # Okabe–Ito sky blue, darkened to 3.4:1 on white (WCAG 1.4.11)
    "#6a3d9a",
    "#8c564b",
)
GREY: Final = "#6b7280"
_PALETTE: Final = len(COLOURS)


@attrs.frozen(kw_only=True)
class Lane:
    """One swimlane: its title, density when it is too full to label every event, its marks
    packed into rows, and maybe a policy state band."""

    key: str | None
    title: tuple[str, ...]  # the title's lines
    note: str
    colour: str
    marks: tuple[Mark, ...]
    rows: int
    y: float
    head: float  # height of the title
    height: float
    events: int  # how many events the lane holds (marks are drawn for some, or all)
    members: tuple[Event, ...] = attrs.field(default=(), repr=False, eq=False)
    density: Density | None = None
    bands: tuple[Band, ...] = ()
    band_title: str = ""

    @property
    def name(self) -> str:
        """The whole title on one line."""
        return " ".join(self.title)

    @property
    def top(self) -> float:
        """Where the first row of marks starts."""
        extra = self.density.height + 10 if self.density else 0
        return self.y + self.head + extra

    @property
    def band_y(self) -> float:
        return self.top + self.rows * ROW + 4


@attrs.frozen(kw_only=True)
class Note:
    """A title too long for two lines on the chart, written out under it."""

    number: int
    event: Event
    lines: tuple[str, ...]
    y: float


@attrs.frozen(kw_only=True)
class Layout:
    """The whole chart: its axis, lanes and notes, and what it leaves out."""

    axis: Axis
    lanes: tuple[Lane, ...]
    notes: tuple[Note, ...]
    height: float
    events: int  # events in the chart
    drawn: frozenset[str]  # ids of the events drawn as a mark
    folded: int  # lanes drawn together in the last event lane, past MAX_LANES

    @property
    def width(self) -> float:
        return self.axis.width

    @property
    def dense(self) -> bool:
        """Whether some lane shows density rather than a mark for every event."""
        return any(lane.density for lane in self.lanes)

    @property
    def marks(self) -> int:
        return sum(len(lane.marks) for lane in self.lanes)


def _lane_keys(event: Event, timeline: Timeline, lanes: Lanes) -> Sequence[str | None]:
    if lanes == "policy":
        return [event.policy]
    if lanes == "actor":
        return event.actors or [None]
    if lanes == "tag":
        return event.tags or [None]
    policy = timeline.policies.get(event.policy) if event.policy else None
    return [policy.jurisdiction if policy is not None else None]


#: The catch-all lane's title and note, by lanes (catalog keys; "" for no note).
_CATCH_ALL: Final = {
    "policy": ("lane_other", "lane_no_policy"),
    "actor": ("lane_no_actor", ""),
    "jurisdiction": ("lane_no_jurisdiction", "lane_outside"),
    "tag": ("lane_no_tag", ""),
}


def _lane_title(
    key: str | None, timeline: Timeline, lanes: Lanes, locale: str | None = None
) -> tuple[str, str]:
    """The lane's title and a short note beside it, in the language of `locale`."""
    if key is None:
        title, note = _CATCH_ALL[lanes]
        return message(locale, title), message(locale, note) if note else ""
    if lanes == "policy":
        policy = timeline.policies.get(key)
        if policy is None:
            return key, ""
        jurisdiction = policy.jurisdiction
        return policy.title, display_name(jurisdiction, timeline) if jurisdiction else ""
    if lanes == "tag":
        return key, message(locale, "lane_tag")
    return display_name(key, timeline), ""


def _title_lines(title: str, note: str, room: float) -> tuple[tuple[str, ...], str]:
    """The title wrapped to `room`; the note stays on the last line only if it fits there."""
    lines = wrap(title, room, _TITLE, bold=True) or ("",)
    if note and text_width(f"{lines[-1]} {note}", _TITLE, bold=True) > room:
        lines = (*lines, "")  # the note gets a line of its own
    return lines, note


def display_name(key: str, timeline: Timeline) -> str:
    """An actor's name for its id; anything else (a country code) as written."""
    return timeline.actors[key].name if key in timeline.actors else key


def _grouped(timeline: Timeline, lanes: Lanes) -> tuple[dict[str | None, list[Event]], int]:
    """The events of each lane, in order of first event, the catch-all last; past
    `MAX_LANES`, the lanes with the fewest events are drawn together as the last but one."""
    order: dict[str | None, list[Event]] = {}
    for event in timeline:
        for key in _lane_keys(event, timeline, lanes):
            order.setdefault(key, []).append(event)
    rest = order.pop(None, None)
    folded = 0
    if len(order) > MAX_LANES:
        biggest = sorted(order, key=lambda k: -len(order[k]))[: MAX_LANES - 1]
        kept = set(biggest)
        more = [k for k in order if k not in kept]
        folded = len(more)
        seen: set[str] = set()
        together: list[Event] = []
        for event in timeline:
            if event.id not in seen and any(k in more for k in _lane_keys(event, timeline, lanes)):
                seen.add(event.id)
                together.append(event)
        order = {k: v for k, v in order.items() if k in kept}
        order["\0more"] = together
    if rest is not None:
        order[None] = rest  # the catch-all lane goes last
    return order, folded


def _marks_of(
    events: Sequence[Event],
    axis: Axis,
    zone: dt.tzinfo,
    lane: int,
    colour: str,
    locale: str | None = None,
) -> tuple[list[Mark], Density | None]:
    """Every event's mark in rows, or, when they do not fit, density (its tooltips in the
    language of `locale`) and those that do."""
    room = axis.right - axis.left
    if len(events) <= 16 * room / 30:  # more could never all be labelled in 12 rows
        packed = pack([make_mark(e, axis, zone, lane, colour) for e in events])
        if packed is not None:
            return packed, None

    def x(event: Event) -> float:
        return axis.x(event.when.sort_key(zone)[0], edge=axis.left)

    picked = pick(events, lambda e: make_mark(e, axis, zone, lane, colour), x, axis.width)
    return picked, density(events, axis, zone, locale)


def lay_out(
    timeline: Timeline,
    lanes: Lanes,
    history: Timeline,
    *,
    width: float = WIDTH,
    locale: str | None = None,
) -> Layout | None:
    """The chart of `timeline` (None when no event has a finite date), `width` units wide,
    in the language of `locale` (None for English); `history` is the timeline the policy
    bands fold."""
    zone = timeline.settings.zone
    points = [r for e in timeline for r in _bounds(e, zone)]
    if not points:
        return None
    axis = build_axis(points, zone, width=width, locale=locale)
    title_room = min(_TITLE_ROOM, axis.right - axis.left)
    grouped, folded = _grouped(timeline, lanes)
    steps = changes_of(history)
    result: list[Lane] = []
    y = AXIS_H + 6
    colour_index = 0
    for key, events in grouped.items():
        if key is None:
            colour = "cx"
        else:
            colour = f"c{colour_index % _PALETTE}"
            colour_index += 1
        marks, dense = _marks_of(events, axis, zone, len(result), colour, locale)
        if key == "\0more":
            key, note = None, message(locale, "lane_together")
            title = message(locale, "lane_more", n=folded, lanes=message(locale, f"lanes_{lanes}"))
        else:
            title, note = _lane_title(key, timeline, lanes, locale)
        lines, note = _title_lines(title, note, title_room)
        head = LANE_HEAD + _TITLE_LINE * (len(lines) - 1)
        rows = 1 + max((m.row + len(m.lines) - 1 for m in marks), default=-1)
        lane_bands: tuple[Band, ...] = ()
        if lanes == "policy" and key is not None:
            lane_bands = bands(steps.get(key, []), axis, locale)
        lane = Lane(
            key=key,
            title=lines,
            note=note,
            colour=colour,
            marks=(),
            rows=rows,
            y=round(y, 1),
            head=head,
            height=0.0,
            events=len(events),
            members=tuple(events),
            density=dense,
            bands=lane_bands,
            band_title=message(locale, "band_state", title=title) if lane_bands else "",
        )
        top = lane.top
        placed = [attrs.evolve(m, y=round(top + m.row * ROW + ROW / 2, 1)) for m in marks]
        height = top - y + rows * ROW + (BAND + 8 if lane_bands else 0) + 8
        result.append(
            attrs.evolve(
                lane,
                marks=tuple(sorted(placed, key=lambda m: (m.row, m.x0))),
                height=round(height, 1),
            )
        )
        y += height
    if lanes != "policy":  # the policies' states get lanes of their own below
        y = _band_lanes(timeline, axis, steps, result, y, title_room, locale)
    notes, result, y = _notes(result, axis, zone, y, locale)
    drawn = frozenset(m.event.id for lane in result for m in lane.marks)
    return Layout(
        axis=axis,
        lanes=tuple(result),
        notes=notes,
        height=round(y + 4, 1),
        events=len(timeline),
        drawn=drawn,
        folded=folded,
    )


def _band_lanes(
    timeline: Timeline,
    axis: Axis,
    steps: Mapping[str, list[Change]],
    result: list[Lane],
    y: float,
    room: float,
    locale: str | None = None,
) -> float:
    """A lane of bands per policy with events, below the event lanes (at most MAX_LANES)."""
    shown = {e.policy for e in timeline if e.policy is not None}
    drawn = [(p, steps.get(p, [])) for p in timeline.policies if p in shown]
    for index, (policy, changes) in enumerate([(p, c) for p, c in drawn if c][:MAX_LANES]):
        title = timeline.policies[policy].title
        lines, note = _title_lines(title, message(locale, "lane_policy_state"), room)
        head = LANE_HEAD + _TITLE_LINE * (len(lines) - 1)
        result.append(
            Lane(
                key=policy,
                title=lines,
                note=note,
                colour=f"c{index % _PALETTE}",
                marks=(),
                rows=0,
                y=round(y, 1),
                head=head,
                height=head + BAND + 16,
                events=0,
                bands=bands(changes, axis, locale),
                band_title=message(locale, "band_state", title=title),
            )
        )
        y += head + BAND + 16
    return y


def _notes(
    lanes: Iterable[Lane], axis: Axis, zone: dt.tzinfo, y: float, locale: str | None = None
) -> tuple[tuple[Note, ...], list[Lane], float]:
    """Number the drawn marks whose titles went to the notes, in chronological order, and
    write the notes under the lanes, their dates in the language of `locale`."""
    order: dict[str, int] = {}
    lanes = list(lanes)
    long = [m for lane in lanes for m in lane.marks if m.note is not None]
    first = sorted(
        {m.event.id: m for m in long}.values(),
        key=lambda m: (m.event.when.sort_key(zone), m.event.id),
    )
    for mark in first:
        order.setdefault(mark.event.id, len(order) + 1)
    notes = []
    y += _NOTES_GAP if order else 0
    room = axis.right - axis.left - 40
    for mark in first:
        number = order[mark.event.id]
        label = when_label(mark.event.when, locale)
        lines = wrap(message(locale, "labelled", label=label, text=mark.label), room, _NOTE)
        notes.append(Note(number=number, event=mark.event, lines=lines, y=round(y, 1)))
        y += LINE * len(lines) + 4
    relabelled = [
        attrs.evolve(
            lane,
            marks=tuple(
                attrs.evolve(m, lines=(f"[{order[m.event.id]}]",), note=order[m.event.id])
                if m.note is not None
                else m
                for m in lane.marks
            ),
        )
        for lane in lanes
    ]
    return tuple(notes), relabelled, y


def _bounds(event: Event, zone: dt.tzinfo) -> list[tuple[int, int]]:
    when = event.when
    found = [part_range(when, side, zone) for side in ("start", "end")]
    return [r for r in found if r is not None]
