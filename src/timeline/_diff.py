"""What changed between two timelines: records added, removed and changed (field by field),
the settings, and the policy status changes that follow.

Records are matched by kind and id: the same id and the same record give nothing; a
changed record lists each field that differs, with both values (`FieldChange`), and its
`lines` say it for people: "when: 2025-12 → 2025-12-08", "cite: new citation of
trump-2025-12-08-truth-social-h200", "cite[npr].quote: “…a” → “…b”".

The status changes compare the two folds of every policy whose events (or record, or the
data's zone) differ. A policy's answer changes only on the first day one of its events may
have happened and on the first day it surely has, so both answers are constant between the
union of those days: each stretch where they differ is one `StatusChange`, "from 8 December
2025: tightened since … → loosened since …". A policy one side lacks answers there as a
policy with no events: not yet announced.

>>> import datetime as dt
>>> from timeline._model import Citation, Effect, Event, Policy
>>> from timeline._timeline import Timeline
>>> def event(id, when, effect):
...     return Event(id=id, title=id, when=when, policy="p", effect=Effect(effect),
...                  cite=(Citation(source="s"),))
>>> old = Timeline(events=[event("rule", "2022-10-07", "enacted"),
...                        event("rollback", "2025-12", "loosened")],
...                policies=[Policy(id="p", title="P")])
>>> new = Timeline(events=[event("rule", "2022-10-07", "enacted"),
...                        event("rollback", "2025-12-08", "loosened")],
...                policies=[Policy(id="p", title="P")])
>>> changes = diff(old, new)
>>> [line for change in changes.records for f in change.fields for line in f.lines]
['when: 2025-12 → 2025-12-08']
>>> for change in changes.statuses:
...     print(f"{change.period}: {change.old.certain} → {change.new.label}")
from 1 December 2025 to 7 December 2025: False → in force since 7 October 2022 (rule)
from 8 December 2025 to 30 December 2025: False → in force since 7 October 2022 (rule), \
loosened since 8 December 2025 (rollback)
from 31 December 2025: True → in force since 7 October 2022 (rule), loosened since 8 December \
2025 (rollback)
>>> diff(old, old).empty
True
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, Literal

import attrs

from timeline._io import collector_paused
from timeline._lifecycle import Fold, fold, folds
from timeline._model import Actor, Citation, Event, Place, Policy, Settings, Source
from timeline._status import Status, answer, day_end, day_label
from timeline._timeline import Timeline
from timeline._when import When

__all__ = [
    "KINDS",
    "Diff",
    "FieldChange",
    "Kind",
    "RecordChange",
    "StatusChange",
    "describe",
    "diff",
    "first_day",
    "of_kinds",
    "show",
    "statuses",
]

Kind = Literal["event", "policy", "source", "actor", "place"]
#: Record kinds, in the order a diff lists them; and where a timeline keeps each.
KINDS: Final[Mapping[Kind, str]] = {
    "event": "events",
    "policy": "policies",
    "source": "sources",
    "actor": "actors",
    "place": "places",
}
_CLASSES: Final[Mapping[Kind, type]] = {
    "event": Event,
    "policy": Policy,
    "source": Source,
    "actor": Actor,
    "place": Place,
}
_WIDTH: Final = 60  # texts longer than this show only around what changed
_CONTEXT: Final = 24


# -- values, as the lines show them ---------------------------------------------------------


def _short(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _quoted(text: str) -> str:
    return f"“{_short(text)}”"


def show(value: object) -> str:
    """A field's value in a line: 'none', an EDTF date, “text”, [a, b], a record's id."""
    if value is None:
        return "none"
    if isinstance(value, When):
        return f"{value}[{value.tz}]" if value.tz else str(value)
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(show(v) if not isinstance(v, str) else v for v in value) + "]"
    if isinstance(value, Citation):
        return value.source
    if isinstance(value, Mapping):
        return "{" + ", ".join(value) + "}"
    found = getattr(value, "id", None) or getattr(value, "name", None)
    return str(found) if isinstance(found, str) else repr(value)


def _texts(old: str, new: str) -> tuple[str, str]:
    """Two texts shown around where they part: “…promote one among its finest…”."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= _WIDTH and len(new) <= _WIDTH:
        return f"“{old}”", f"“{new}”"
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = max(0, head - _CONTEXT)
    if start:
        start = old.rfind(" ", 0, start + 1) + 1

    def around(text: str) -> str:
        stop = min(len(text), len(text) - tail + _CONTEXT)
        if stop < len(text):
            space = text.find(" ", stop)
            stop = len(text) if space < 0 else space
        middle = text[start:stop]
        return f"“{'…' if start else ''}{middle}{'…' if stop < len(text) else ''}”"

    return around(old), around(new)


def _cited(citation: Citation) -> str:
    details = [
        f"{name} {_quoted(text)}"
        for name, text in (("quote", citation.quote), ("note", citation.note))
        if text
    ]
    if citation.recorded is not None:
        details.append(f"recorded {citation.recorded.isoformat()}")
    return f" ({'; '.join(details)})" if details else ""


def _citations(path: str, old: Sequence[Citation], new: Sequence[Citation]) -> list[str]:
    """Citations matched: the same ones are left alone, the rest paired by source in order."""
    gone = list(old)
    came: list[Citation] = []
    for citation in new:
        if citation in gone:
            gone.remove(citation)
        else:
            came.append(citation)
    if not gone and not came:
        return [f"{path}: the same citations in another order"]
    lines: list[str] = []
    for citation in list(came):
        match = next((c for c in gone if c.source == citation.source), None)
        if match is None:
            continue
        gone.remove(match)
        came.remove(citation)
        for field in attrs.fields(Citation):
            before, after = getattr(match, field.name), getattr(citation, field.name)
            if before != after:
                lines += describe(f"{path}[{citation.source}].{field.name}", before, after)
    lines += [f"{path}: new citation of {c.source}{_cited(c)}" for c in came]
    lines += [f"{path}: citation of {c.source} removed{_cited(c)}" for c in gone]
    return lines


def _items(path: str, old: Sequence[str], new: Sequence[str]) -> list[str]:
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    if not added and not removed:
        return [f"{path}: {show(old)} → {show(new)}"]
    parts = [f"+ {', '.join(added)}"] if added else []
    parts += [f"− {', '.join(removed)}"] if removed else []
    return [f"{path}: {'; '.join(parts)}"]


def _keyed(path: str, old: Mapping[str, Any], new: Mapping[str, Any], what: str) -> list[str]:
    lines = []
    for key, value in new.items():
        if key not in old:
            lines.append(f"{path}: new {what} {key}")
        elif old[key] != value:
            lines += describe(f"{path}[{key}]", old[key], value)
    lines += [f"{path}: {what} {key} removed" for key in old if key not in new]
    return lines or [f"{path}: the same {what}s in another order"]


def describe(path: str, old: object, new: object) -> list[str]:
    """What changed from `old` to `new` at `path` (a field, 'cite[npr].quote'), as lines."""
    if isinstance(old, When) or isinstance(new, When):
        return [f"{path}: {show(old)} → {show(new)}"]
    if isinstance(old, tuple) and isinstance(new, tuple):
        items = (*old, *new)
        if items and all(isinstance(i, Citation) for i in items):
            return _citations(path, old, new)
        if items and all(isinstance(i, str) for i in items):
            return _items(path, old, new)
        if items and all(attrs.has(type(i)) and hasattr(i, "id") for i in items):
            return _keyed(path, {i.id: i for i in old}, {i.id: i for i in new}, "one")
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return _keyed(path, old, new, "one")
    kind = type(old)
    if attrs.has(kind) and kind is type(new):
        lines = []
        for field in attrs.fields(kind):
            before, after = getattr(old, field.name), getattr(new, field.name)
            if before != after:
                lines += describe(f"{path}.{field.name}", before, after)
        return lines
    if isinstance(old, str) and isinstance(new, str):
        before, after = _texts(old, new)
        return [f"{path}: {before} → {after}"]
    return [f"{path}: {show(old)} → {show(new)}"]


# -- what a diff holds ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field of a record (or of the settings) with its value before and after.

    >>> FieldChange(field="when", old=When.parse("2025-12"), new=When.parse("2025-12-08")).lines
    ('when: 2025-12 → 2025-12-08',)
    """

    field: str
    old: Any
    new: Any

    @property
    def lines(self) -> tuple[str, ...]:
        """The change in words, one line per part that changed (each citation, each item)."""
        return tuple(describe(self.field, self.old, self.new))


def _heading(kind: Kind, record: Any) -> str:
    if kind == "event":
        return f"{record.id} ({record.when.label}): {_short(record.title, 90)}"
    if kind == "source" and record.published is not None:
        return f"{record.id}: {_short(record.title, 90)} ({record.published.label})"
    return f"{record.id}: {_short(getattr(record, 'title', None) or record.name, 90)}"


@attrs.frozen(kw_only=True)
class RecordChange:
    """A record added (`old` is None), removed (`new` is None) or changed (`fields`)."""

    kind: Kind
    id: str
    old: Any = None
    new: Any = None
    fields: tuple[FieldChange, ...] = ()

    @property
    def change(self) -> Literal["added", "removed", "changed"]:
        """What happened to the record."""
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"

    @property
    def record(self) -> Any:
        """The record as it is now, or as it was when removed."""
        return self.old if self.new is None else self.new

    @property
    def heading(self) -> str:
        """'h200-export-rollback (8 December 2025): Trump lets Nvidia sell H200 chips …'."""
        return _heading(self.kind, self.record)

    @property
    def lines(self) -> tuple[str, ...]:
        """Every field change in words."""
        return tuple(line for change in self.fields for line in change.lines)


def _period(start: dt.date, end: dt.date | None) -> str:
    if start == dt.date.min:
        return "on every day" if end is None else f"until {day_label(end)}"
    if end is None:
        return f"from {day_label(start)}"
    if end == start:
        return f"on {day_label(start)}"
    return f"from {day_label(start)} to {day_label(end)}"


@attrs.frozen(kw_only=True)
class StatusChange:
    """A stretch of days over which a policy's status differs: `old` and `new` are the two
    answers on its first day (the same on every day of it); `end` is its last day, None when
    it goes on."""

    policy: Policy
    start: dt.date
    end: dt.date | None
    old: Status
    new: Status

    @property
    def period(self) -> str:
        """'from 8 December 2025', 'on 8 December 2025', 'from 1 … to 7 December 2025'."""
        return _period(self.start, self.end)

    @property
    def label(self) -> str:
        """'us-chip-export-controls from 8 December 2025: … → …'."""
        return f"{self.policy.id} {self.period}: {self.old.label} → {self.new.label}"


@attrs.frozen(kw_only=True)
class Diff:
    """What changed from one timeline to another: records, settings, policy statuses.

    Empty (false) when the two hold the same records and settings. `apply(old)` gives the
    new timeline's records back.
    """

    records: tuple[RecordChange, ...] = ()
    settings: tuple[FieldChange, ...] = ()
    statuses: tuple[StatusChange, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.records or self.settings or self.statuses)

    def __bool__(self) -> bool:
        return not self.empty

    def of(self, kind: Kind) -> tuple[RecordChange, ...]:
        """The changes to records of one kind, in the diff's order."""
        return tuple(change for change in self.records if change.kind == kind)

    def apply(self, timeline: Timeline) -> Timeline:
        """`timeline` with these changes made: given the diff's old timeline, the new one's
        records and settings.

        Raises:
            ValueError: a record the diff removes or changes is not in `timeline`.
        """
        maps: dict[Kind, dict[str, Any]] = {
            kind: dict(getattr(timeline, name)) for kind, name in KINDS.items() if kind != "event"
        }
        maps["event"] = {event.id: event for event in timeline}
        for change in self.records:
            records = maps[change.kind]
            if change.change == "added":
                records[change.id] = change.new
                continue
            if change.id not in records:
                raise ValueError(
                    f"{change.kind} {change.id!r} is not in the timeline: apply a diff to "
                    "the timeline it was made from"
                )
            if change.change == "removed":
                del records[change.id]
            else:
                values = {f.field: f.new for f in change.fields}
                records[change.id] = attrs.evolve(records[change.id], **values)
        settings = attrs.evolve(timeline.settings, **{f.field: f.new for f in self.settings})
        return Timeline(
            events=list(maps["event"].values()),
            actors=maps["actor"],
            places=maps["place"],
            policies=maps["policy"],
            sources=maps["source"],
            settings=settings,
        )


# -- diffing ---------------------------------------------------------------------------------


def _fields(cls: type, old: Any, new: Any) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(field=f.name, old=getattr(old, f.name), new=getattr(new, f.name))
        for f in attrs.fields(cls)
        if f.init and getattr(old, f.name) != getattr(new, f.name)
    )


def _records(kind: Kind, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[RecordChange]:
    cls = _CLASSES[kind]
    found = []
    for rid, record in new.items():
        before = old.get(rid)
        if before is None:
            found.append(RecordChange(kind=kind, id=rid, new=record))
        elif before != record:
            found.append(
                RecordChange(
                    kind=kind, id=rid, old=before, new=record, fields=_fields(cls, before, record)
                )
            )
    found += [RecordChange(kind=kind, id=rid, old=r) for rid, r in old.items() if rid not in new]
    return found


def _events(old: Timeline, new: Timeline) -> list[RecordChange]:
    """Event changes in chronological order (of the event as it is now, or was)."""
    before = {event.id: event for event in old}
    after = {event.id: event for event in new}
    zone = new.settings.zone
    found = _records("event", before, after)
    found.sort(key=lambda c: (c.record.when.sort_key(zone), c.id))
    return found


_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def first_day(key: int, zone: dt.tzinfo) -> dt.date | None:
    """The first day whose end (in `zone`) is at or after `key`; None beyond the calendar."""
    try:
        day = (_EPOCH + dt.timedelta(microseconds=key)).astimezone(zone).date()
        while day_end(day, zone) < key:
            day += dt.timedelta(days=1)
        while day > dt.date.min and day_end(day - dt.timedelta(days=1), zone) >= key:
            day -= dt.timedelta(days=1)
    except (OverflowError, ValueError):
        return None
    return day


def _turns(folded: Fold) -> Iterator[dt.date]:
    """The days on which the policy's answer may change."""
    for first, last in folded.spans:
        for key in (first, last):
            day = first_day(key, folded.zone)
            if day is not None:
                yield day


def _status_changes(policy: Policy, old: Fold, new: Fold) -> list[StatusChange]:
    days = sorted({dt.date.min, *_turns(old), *_turns(new)})
    found: list[StatusChange] = []
    for n, day in enumerate(days):
        end = days[n + 1] - dt.timedelta(days=1) if n + 1 < len(days) else None
        before = answer(old, day, day_end(day, old.zone))
        after = answer(new, day, day_end(day, new.zone))
        if before.label == after.label:
            continue
        last = found[-1] if found else None
        if (
            last is not None
            and last.end is not None
            and last.end + dt.timedelta(days=1) == day
            and (last.old.label, last.new.label) == (before.label, after.label)
        ):
            found[-1] = attrs.evolve(last, end=end)
            continue
        found.append(StatusChange(policy=policy, start=day, end=end, old=before, new=after))
    return found


def statuses(old: Timeline, new: Timeline) -> list[StatusChange]:
    """Every stretch of days over which a policy's status differs, policy by policy (in the
    new timeline's order, then the removed ones)."""
    before, after = folds(old), folds(new)
    found: list[StatusChange] = []
    for pid in dict.fromkeys((*after, *before)):
        was, now = before.get(pid), after.get(pid)
        policy = (now or was).policy  # type: ignore[union-attr]
        if was is None:
            was = fold(policy, (), old.settings.zone)
        if now is None:
            now = fold(policy, (), new.settings.zone)
        if was.events == now.events and was.policy == now.policy and was.zone == now.zone:
            continue
        found += _status_changes(policy, was, now)
    return found


def diff(old: Timeline, new: Timeline) -> Diff:
    """What changed from `old` to `new`: records of every kind, settings, policy statuses.

    Raises:
        LifecycleError: a policy's events do not fold in one of them (`load()` rejects such
            data up front).
    """
    with collector_paused():  # two folds of every policy: no collection walks the data
        records = _events(old, new)
        for kind, name in KINDS.items():
            if kind != "event":
                records += _records(kind, getattr(old, name), getattr(new, name))
        settings = _fields(Settings, old.settings, new.settings)
        changed = tuple(statuses(old, new))
    return Diff(records=tuple(records), settings=settings, statuses=changed)


def of_kinds(changes: Iterable[RecordChange]) -> dict[Kind, list[RecordChange]]:
    """Changes grouped by kind, in `KINDS` order, kinds without changes left out."""
    grouped: dict[Kind, list[RecordChange]] = {}
    for change in changes:
        grouped.setdefault(change.kind, []).append(change)
    return {kind: grouped[kind] for kind in KINDS if kind in grouped}
