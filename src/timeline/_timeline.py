"""`Timeline`: the validated collection of records, in the documented chronological order.

Questions are asked here and answered by the modules that know how: `timeline._query`
filters, `timeline._lifecycle` folds a policy's events, `timeline._status` reads the state
on a date, `timeline._agenda` what is pending and what changes when, `timeline._series`
how many policies are in force over time.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from timeline import _agenda, _known, _series, _status
from timeline._model import Actor, Event, Place, Policy, Settings, Source, wrong_type
from timeline._query import Filter
from timeline._text import counted

__all__ = ["Timeline"]


def _index(records: Iterable[Any] | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(records, Mapping):
        return records
    items: Iterable[Any] = records
    return {record.id: record for record in items}


def _events(events: Iterable[Event]) -> tuple[Event, ...]:
    """The events as a tuple; anything that is not an `Event` is refused here, not in a report."""
    found = tuple(events)
    if not {*map(type, found)} <= {Event}:
        for n, event in enumerate(found):
            if not isinstance(event, Event):
                raise TypeError(f"events[{n}]: {wrong_type('an Event', event)}")
    return found


_ID: Final = operator.attrgetter("id")
_WHEN: Final = operator.attrgetter("when")


def _chronological(events: tuple[Event, ...], zone: dt.tzinfo) -> tuple[Event, ...]:
    """`events` sorted by (earliest, latest, id) of `When.sort_key(zone)`, stably.

    Events share `When` objects (parsing caches them), so each distinct one is keyed once
    and ranked; then two stable sorts on simple keys (id, then rank), which run in C, give
    the order one sort on (earliest, latest, id) tuples gives, without a Python key call
    and a tuple comparison for every event.
    """
    by_id = sorted(events, key=_ID)
    whens = list(map(_WHEN, by_id))
    names = list(map(id, whens))  # all alive: id() names one
    distinct = dict(zip(names, whens, strict=True))
    keys = {name: when.sort_key(zone) for name, when in distinct.items()}
    rank_of_key = {key: rank for rank, key in enumerate(sorted(set(keys.values())))}
    rank = {name: rank_of_key[key] for name, key in keys.items()}
    ranks = list(map(rank.__getitem__, names))
    return tuple(map(by_id.__getitem__, sorted(range(len(by_id)), key=ranks.__getitem__)))


@attrs.frozen(kw_only=True, eq=False)
class Timeline:
    """A validated collection of events and the records they refer to.

    Iteration is chronological: by earliest bound, then latest (narrower first), then id.
    Filtering methods return a new `Timeline` sharing the same actors, policies and sources.
    Build one with `timeline.load()`, or directly from records you trust.
    """

    events: tuple[Event, ...] = attrs.field(converter=_events)
    actors: Mapping[str, Actor] = attrs.field(factory=dict, converter=_index)
    places: Mapping[str, Place] = attrs.field(factory=dict, converter=_index)
    policies: Mapping[str, Policy] = attrs.field(factory=dict, converter=_index)
    sources: Mapping[str, Source] = attrs.field(factory=dict, converter=_index)
    settings: Settings = attrs.field(factory=Settings)
    _by_id: dict[str, Event] | None = attrs.field(init=False, repr=False, default=None)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "events", _chronological(self.events, self.settings.zone))

    def _ids(self) -> dict[str, Event]:
        """Events by id, made on the first lookup (a large load may never need one)."""
        found = self._by_id
        if found is None:
            found = {e.id: e for e in self.events}
            object.__setattr__(self, "_by_id", found)
        return found

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._ids()

    def __getitem__(self, event_id: str) -> Event:
        """The event with this id; KeyError names the id when there is none."""
        try:
            return self._ids()[event_id]
        except KeyError:
            raise KeyError(f"no event with id {event_id!r}") from None

    def __repr__(self) -> str:
        return f"<Timeline {self.settings.name!r}: {counted(len(self.events), 'event')}>"

    def select(self, keep: Callable[[Event], bool]) -> Timeline:
        """A timeline of the events for which `keep` is true, in the same order."""
        return self._with_ordered(tuple(e for e in self.events if keep(e)))

    def _with_ordered(self, events: tuple[Event, ...], **records: Mapping[str, Any]) -> Timeline:
        """This timeline with `events`, a subsequence of its own (or copies of them with the
        same dates), in their place, and any record mappings given in `records`.

        They are in order already, so the constructor's sort (a third of a filter's time on
        a large timeline) is skipped; everything else is shared.
        """
        subset = object.__new__(Timeline)
        for field in attrs.fields(Timeline):
            object.__setattr__(subset, field.name, getattr(self, field.name))
        object.__setattr__(subset, "events", events)
        object.__setattr__(subset, "_by_id", None)
        for name, mapping in records.items():
            object.__setattr__(subset, name, mapping)
        return subset

    def filter(self, criteria: Filter) -> Timeline:
        """Apply a `Filter` (the same criteria the command line's options build)."""
        return self.select(lambda event: criteria.matches(event, self))

    def between(
        self, start: str | dt.date | None = None, end: str | dt.date | None = None
    ) -> Timeline:
        """Events that can overlap the period from `start` to `end` (EDTF or dates, inclusive)."""
        return self.filter(Filter.build(start=start, end=end))

    def with_tag(self, tag: str) -> Timeline:
        """Events tagged `tag`."""
        return self.filter(Filter(tags=(tag,)))

    def with_actor(self, actor: str) -> Timeline:
        """Events in which the actor with id `actor` takes part."""
        return self.filter(Filter(actors=(actor,)))

    def with_policy(self, policy: str) -> Timeline:
        """Events that change the policy with id `policy`."""
        return self.filter(Filter(policies=(policy,)))

    def with_jurisdiction(self, jurisdiction: str) -> Timeline:
        """Events whose policy is imposed by `jurisdiction` (e.g. 'US')."""
        return self.filter(Filter(jurisdictions=(jurisdiction,)))

    def matching(self, text: str) -> Timeline:
        """Events whose title, summary, said phrase or quotes contain `text` (case-insensitive)."""
        return self.filter(Filter(text=text))

    # -- what was known when (timeline._known) ----------------------------------------------

    def known_on(self, day: dt.date) -> Timeline:
        """The timeline as a reader could have written it at the end of `day`: the events
        some source had reported by then (or recorded by then), each citing only what had
        been published, and those sources. Later `day`s never remove an event.

        Raises:
            TypeError: `day` is not a date (a datetime is refused too).
        """
        events, sources = _known.known_on(self, day)
        return self._with_ordered(events, sources=sources)

    def known_from(self, event: Event | str) -> dt.date | None:
        """The first day a reader could have known of the event (an `Event` or its id): its
        `recorded` day, else the earliest day one of its sources was surely published (a
        source with no `published` date: the event's own first day); None when nothing
        dates it (an undated source of an event with an open start: known on every day)."""
        found = self[event] if isinstance(event, str) else event
        return _known.known_from(self, found)

    # -- policies over time (timeline._lifecycle does the folding) --------------------------

    def policy(self, policy_id: str) -> _status.PolicyView:
        """The policy with its events: `.state_on(date)` and `.history()`.

        Ask the whole timeline: a filtered one folds only the events it kept.

        Raises:
            KeyError: no policy has this id.
        """
        return _status.view(self, policy_id)

    def status(
        self, as_of: dt.date | None = None, *, policies: Iterable[str] | None = None
    ) -> dict[str, _status.Status]:
        """Every policy's status at the end of `as_of` (default: today), keyed by policy id:
        its state, its provisions, and the steps the data records for later dates."""
        return _status.status(self, as_of, policies=policies)

    def pending(
        self, as_of: dt.date | None = None, *, policies: Iterable[str] | None = None
    ) -> tuple[_agenda.Pending, ...]:
        """What is proposed, announced or adopted but does not bind yet on `as_of`: policies
        not in force, pending amendments, provisions that do not apply yet."""
        return _agenda.pending(self, as_of, policies=policies)

    def upcoming(
        self,
        days: int | None = None,
        *,
        as_of: dt.date | None = None,
        policies: Iterable[str] | None = None,
    ) -> tuple[_agenda.Change, ...]:
        """What takes effect or starts to apply in the `days` days after `as_of` (default
        today; `days=None`: every later date recorded)."""
        return _agenda.upcoming(self, days, as_of=as_of, policies=policies)

    def changes(
        self, start: dt.date, end: dt.date, *, policies: Iterable[str] | None = None
    ) -> tuple[_agenda.Change, ...]:
        """Every policy step dated from `start` to `end` (inclusive), in order."""
        return _agenda.changes(self, start, end, policies=policies)

    def series(
        self,
        unit: _series.Unit,
        start: dt.date,
        end: dt.date,
        *,
        policies: Iterable[str] | None = None,
    ) -> _series.Series:
        """How many policies are in force (and how many uncertain) at each day, month or year
        from `start` to `end`, in total and per jurisdiction."""
        return _series.series(self, unit, start, end, policies=policies)
