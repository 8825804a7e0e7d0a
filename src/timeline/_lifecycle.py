"""Policies over time: fold a policy's events into its state on any date, and its history.

A policy starts *not yet announced*. Each event of the policy with an `effect` moves it
along (proposed or announced, in force, tightened or loosened, suspended, ended); the
allowed moves are the table `TRANSITIONS`, and anything else is a data problem, never a
guess. Events are folded in the documented chronological order, with ties on the very same
date broken by the lifecycle (announced before enacted before tightened ...).

An event dated imprecisely ("December 2025") may or may not have happened by a date inside
its span. The state on such a date is then *uncertain between* the states before and after
it, with the reason; it never picks a side. The state on a date depends only on events that
can have happened by the end of that day. See docs/policies.md.

>>> import datetime as dt
>>> from timeline._model import Citation, Effect, Event, Policy
>>> from timeline._timeline import Timeline
>>> from timeline._when import When
>>> def event(id, when, effect):
...     return Event(id=id, title=id, when=When.parse(when), policy="p", effect=Effect(effect),
...                  cite=(Citation(source="s"),))
>>> tl = Timeline(events=[event("rule", "2022-10-07", "enacted"),
...                       event("rollback", "2025-12", "loosened")],
...               policies=[Policy(id="p", title="P")])
>>> print(state_on(tl, "p", dt.date(2025, 11, 30)))
in force since 7 October 2022 (rule)
>>> answer = state_on(tl, "p", dt.date(2025, 12, 5))
>>> answer.certain, answer.in_force, [s.change and s.change.id for s in answer.possible]
(False, True, [None, 'rollback'])
>>> print(state_on(tl, "p", dt.date(2025, 12, 31)).phase)
in force
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from timeline import _clock
from timeline._model import Effect, Event, Policy
from timeline._when import When
from timeline.errors import LifecycleError

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = [
    "TRANSITIONS",
    "LifecycleError",
    "Phase",
    "PolicyView",
    "State",
    "Status",
    "Transition",
    "check",
    "history",
    "state_on",
    "status",
    "view",
]


class Phase(enum.Enum):
    """Where a policy stands in its life; only `IN_FORCE` binds anyone."""

    NOT_ANNOUNCED = "not-announced"
    PROPOSED = "proposed"
    ANNOUNCED = "announced"
    IN_FORCE = "in-force"
    SUSPENDED = "suspended"
    ENDED = "ended"

    def __str__(self) -> str:
        return "not yet announced" if self is Phase.NOT_ANNOUNCED else self.value.replace("-", " ")

    @property
    def in_force(self) -> bool:
        """Whether the policy binds anyone in this phase."""
        return self is Phase.IN_FORCE


_BEFORE: Final = (Phase.NOT_ANNOUNCED, Phase.PROPOSED, Phase.ANNOUNCED)
_START: Final = {
    Effect.PROPOSED: Phase.PROPOSED,
    Effect.ANNOUNCED: Phase.ANNOUNCED,
    Effect.ENACTED: Phase.IN_FORCE,
    Effect.EFFECTIVE: Phase.IN_FORCE,
}
_END: Final = {Effect.RESCINDED: Phase.ENDED, Effect.EXPIRED: Phase.ENDED}

#: (phase, effect) → the phase it leads to. A pair not in the table is not allowed.
TRANSITIONS: Final[Mapping[tuple[Phase, Effect], Phase]] = {
    **{(phase, effect): after for phase in _BEFORE for effect, after in _START.items()},
    (Phase.IN_FORCE, Effect.TIGHTENED): Phase.IN_FORCE,
    (Phase.IN_FORCE, Effect.LOOSENED): Phase.IN_FORCE,
    (Phase.IN_FORCE, Effect.SUSPENDED): Phase.SUSPENDED,
    **{(Phase.IN_FORCE, effect): after for effect, after in _END.items()},
    (Phase.SUSPENDED, Effect.REINSTATED): Phase.IN_FORCE,
    **{(Phase.SUSPENDED, effect): after for effect, after in _END.items()},
    (Phase.ENDED, Effect.REINSTATED): Phase.IN_FORCE,
    **{(Phase.ENDED, effect): after for effect, after in _START.items()},
}

#: Order of effects dated the very same: a day's announcement comes before its enactment.
#: Two different effects of equal rank on the same date contradict each other.
_RANK: Final = {
    Effect.PROPOSED: 0,
    Effect.ANNOUNCED: 1,
    Effect.ENACTED: 2,
    Effect.EFFECTIVE: 2,
    Effect.TIGHTENED: 3,
    Effect.LOOSENED: 3,
    Effect.SUSPENDED: 4,
    Effect.REINSTATED: 4,
    Effect.RESCINDED: 5,
    Effect.EXPIRED: 5,
}


def _since(event: Event) -> str:
    return f"since {event.when.label} ({event.id})"


@attrs.frozen(kw_only=True)
class State:
    """A policy's state after some of its events.

    `since` is the event that brought the current phase; `change` the latest tightening or
    loosening since the policy came into force (kept through a suspension).

    >>> print(State())
    not yet announced
    """

    phase: Phase = Phase.NOT_ANNOUNCED
    since: Event | None = None
    change: Event | None = None

    @property
    def in_force(self) -> bool:
        """Whether the policy binds anyone in this state."""
        return self.phase.in_force

    @property
    def label(self) -> str:
        """'in force since 7 October 2022 (rule), loosened since December 2025 (rollback)'."""
        if self.since is None:
            return str(self.phase)
        if self.phase is Phase.ENDED:
            assert self.since.effect is not None
            return f"{self.since.effect.value} {_since(self.since)}, no longer in force"
        text = f"{self.phase} {_since(self.since)}"
        if self.phase in (Phase.PROPOSED, Phase.ANNOUNCED):
            return f"{text}, not in force"
        if self.change is not None and self.phase is Phase.IN_FORCE:
            assert self.change.effect is not None
            text += f", {self.change.effect.value} {_since(self.change)}"
        return text

    def __str__(self) -> str:
        return self.label


@attrs.frozen(kw_only=True)
class Transition:
    """One step of a policy's history: the event, and the states before and after it."""

    event: Event
    before: State
    after: State

    @property
    def effect(self) -> Effect:
        """The event's effect (always set for a transition)."""
        assert self.event.effect is not None
        return self.event.effect

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the sources the event cites, each once, in citation order."""
        return tuple(dict.fromkeys(c.source for c in self.event.cite))


@attrs.frozen(kw_only=True)
class Status:
    """A policy's state on a date: one state when the data decides it, several when not.

    `possible` holds every state the policy can be in, earliest first; `pending` the events
    whose imprecise date contains `as_of`, which make the answer uncertain.
    """

    policy: Policy
    as_of: dt.date
    possible: tuple[State, ...]
    pending: tuple[Event, ...] = ()

    @property
    def certain(self) -> bool:
        """Whether the data decides the state on `as_of`."""
        return len(self.possible) == 1

    @property
    def state(self) -> State | None:
        """The state when certain, else None (see `possible`)."""
        return self.possible[0] if self.certain else None

    @property
    def phase(self) -> Phase | None:
        """The phase when every possible state shares it, else None."""
        phases = {s.phase for s in self.possible}
        return phases.pop() if len(phases) == 1 else None

    @property
    def in_force(self) -> bool | None:
        """True or False when the data decides it, None when it cannot."""
        values = {s.in_force for s in self.possible}
        return values.pop() if len(values) == 1 else None

    @property
    def reason(self) -> str | None:
        """Why the answer is uncertain, naming each undecided event; None when certain."""
        if self.certain:
            return None
        day = When.from_date(self.as_of).label
        return "; ".join(
            f"{e.id!r} ({e.effect.value if e.effect else 'no effect'}) is dated "
            f"{e.when.label}, which includes {day}, so it may or may not have happened by then"
            for e in self.pending
        )

    @property
    def label(self) -> str:
        """The state, or 'uncertain between “A” and “B”' for an undecided one."""
        if self.certain:
            return self.possible[0].label
        labels = [f"“{s.label}”" for s in self.possible]
        return f"uncertain between {', '.join(labels[:-1])} and {labels[-1]}"

    def __str__(self) -> str:
        return self.label


# -- the fold -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65_536)
def _span(when: When, zone: dt.tzinfo) -> tuple[int, int]:
    """`When.sort_key`, remembered: the fold and every question ask it again and again."""
    return when.sort_key(zone)


def _order(events: Iterable[Event], zone: dt.tzinfo) -> list[Event]:
    """The policy's events with an effect, in fold order: chronological, then lifecycle."""
    with_effect = [e for e in events if e.effect is not None]
    return sorted(
        with_effect,
        key=lambda e: (_span(e.when, zone), _RANK[e.effect] if e.effect else 0, e.id),
    )


def _advice(state: State, effect: Effect) -> str:
    phase = state.phase
    if phase in _BEFORE:
        return "first record the event that enacted it or made it effective, or correct this effect"
    if effect in _START:
        return (
            "a change to a policy in force is 'tightened' or 'loosened', a restart after a "
            "suspension 'reinstated'; if an earlier event only adopted it, make that one "
            "'announced'"
        )
    if effect is Effect.REINSTATED:
        return "only a suspended or ended policy can be reinstated; record the suspension first"
    if phase is Phase.SUSPENDED:
        return "record its reinstatement first, or correct this effect"
    return "it must be reinstated or enacted again first, or correct this effect"


def _step(state: State, event: Event) -> State | str:
    """The state after `event`, or why the event's effect is not allowed in `state`."""
    effect = event.effect
    assert effect is not None
    after = TRANSITIONS.get((state.phase, effect))
    if after is None:
        where = (
            f"was never in force (it is {state.label})"
            if state.phase in _BEFORE
            else f"is {state.label}"
        )
        return (
            f"{effect.value!r} is not allowed here: policy {event.policy!r} {where}; "
            f"{_advice(state, effect)}"
        )
    if effect in (Effect.TIGHTENED, Effect.LOOSENED):
        return attrs.evolve(state, change=event)
    if effect is Effect.REINSTATED and state.phase is Phase.SUSPENDED:
        return State(phase=after, since=event, change=state.change)
    if effect is Effect.SUSPENDED:
        return State(phase=after, since=event, change=state.change)
    return State(phase=after, since=event)


def _conflict(previous: Event | None, event: Event, zone: dt.tzinfo) -> str | None:
    """Why two effects dated the very same contradict each other, if they do."""
    if previous is None or previous.effect is None or event.effect is None:
        return None
    if previous.effect is event.effect or _RANK[previous.effect] != _RANK[event.effect]:
        return None
    if _span(previous.when, zone) != _span(event.when, zone):
        return None
    return (
        f"{event.effect.value!r} conflicts with {previous.id!r} ({previous.effect.value}), "
        f"dated the same ({event.when.label}): the data cannot say which came first; "
        "correct the date or the effect of one of them"
    )


def _fold(ordered: Sequence[Event], zone: dt.tzinfo) -> Iterator[tuple[Event, State | str]]:
    """Each event with the state after it, or the problem that stops it (state unchanged)."""
    state = State()
    previous: Event | None = None
    for event in ordered:
        result = _conflict(previous, event, zone) or _step(state, event)
        if isinstance(result, State):
            state = result
        yield event, result
        previous = event


def check(events: Iterable[Event], zone: dt.tzinfo = dt.UTC) -> Iterator[tuple[Event, str]]:
    """Every event of one policy whose effect does not fold, with the reason; all of them."""
    for event, result in _fold(_order(events, zone), zone):
        if isinstance(result, str):
            yield event, result


def _transitions(ordered: Sequence[Event], zone: dt.tzinfo) -> Iterator[Transition]:
    before = State()
    for event, result in _fold(ordered, zone):
        if isinstance(result, str):
            raise LifecycleError(f"event {event.id!r}: {result}", event=event)
        yield Transition(event=event, before=before, after=result)
        before = result


# -- asking a timeline ----------------------------------------------------------------------


def view(timeline: Timeline, policy_id: str) -> PolicyView:
    """The policy with this id and the timeline whose events shape it.

    Raises:
        KeyError: no policy has this id; the message lists the known ones.
    """
    return PolicyView(policy=_policy(timeline, policy_id), timeline=timeline)


def _policy(timeline: Timeline, policy_id: str) -> Policy:
    try:
        return timeline.policies[policy_id]
    except KeyError:
        known = ", ".join(sorted(timeline.policies)) or "none"
        raise KeyError(f"no policy with id {policy_id!r} (known: {known})") from None


def _events_of(timeline: Timeline, policy_id: str) -> list[Event]:
    return _order((e for e in timeline if e.policy == policy_id), timeline.settings.zone)


def history(timeline: Timeline, policy_id: str) -> tuple[Transition, ...]:
    """The policy's transitions in fold order, each with its event (and so its sources).

    Raises:
        KeyError: the timeline has no such policy.
        LifecycleError: the events do not fold (`load()` rejects such data up front).
    """
    _policy(timeline, policy_id)
    return tuple(_transitions(_events_of(timeline, policy_id), timeline.settings.zone))


def _as_of(as_of: dt.date | None, zone: dt.tzinfo) -> dt.date:
    if as_of is None:
        return _clock.today(zone)
    if isinstance(as_of, dt.datetime) and (as_of.tzinfo is None or as_of.utcoffset() is None):
        raise TypeError(f"as_of={as_of!r} is naive; give it a tzinfo (e.g. datetime.UTC)")
    if not isinstance(as_of, dt.date):
        raise TypeError(f"as_of takes a datetime.date or aware datetime, not {as_of!r}")
    return as_of


def _state_on(policy: Policy, ordered: Sequence[Event], day: dt.date, zone: dt.tzinfo) -> Status:
    end = When.from_date(day).sort_key(zone)[1]
    # Events sort by earliest bound, so those that can have happened by `end` are a prefix
    # (up to `upto`); given that order, all up to the last one surely past are past (`done`).
    upto = sum(1 for e in ordered if _span(e.when, zone)[0] <= end)
    done = max(
        (n + 1 for n, e in enumerate(ordered[:upto]) if _span(e.when, zone)[1] <= end),
        default=0,
    )
    states = [State()]
    states += [t.after for t in _transitions(ordered[:upto], zone)]
    possible = tuple(dict.fromkeys(states[done : upto + 1]))
    pending = tuple(ordered[done:upto]) if len(possible) > 1 else ()
    return Status(policy=policy, as_of=day, possible=possible, pending=pending)


def state_on(timeline: Timeline, policy_id: str, as_of: dt.date | None = None) -> Status:
    """The policy's state at the end of `as_of` (default: today, from the injectable clock).

    A date stands for its whole day in the timeline's zone; an aware datetime for itself.

    Raises:
        KeyError: the timeline has no such policy.
        TypeError: `as_of` is a naive datetime or not a date.
        LifecycleError: the events up to `as_of` do not fold.
    """
    zone = timeline.settings.zone
    policy = _policy(timeline, policy_id)
    return _state_on(policy, _events_of(timeline, policy_id), _as_of(as_of, zone), zone)


def status(
    timeline: Timeline, as_of: dt.date | None = None, *, policies: Iterable[str] | None = None
) -> dict[str, Status]:
    """Every policy's state on `as_of` (default: today), keyed by id in the timeline's order.

    Raises:
        KeyError: `policies` names a policy the timeline does not have.
        LifecycleError: some policy's events up to `as_of` do not fold.
    """
    zone = timeline.settings.zone
    day = _as_of(as_of, zone)
    wanted = list(timeline.policies) if policies is None else list(dict.fromkeys(policies))
    chosen = {pid: _policy(timeline, pid) for pid in wanted}
    grouped: dict[str, list[Event]] = {pid: [] for pid in chosen}
    for event in timeline:
        if event.policy in grouped:
            grouped[event.policy].append(event)
    return {
        pid: _state_on(policy, _order(grouped[pid], zone), day, zone)
        for pid, policy in chosen.items()
    }


@attrs.frozen(kw_only=True)
class PolicyView:
    """A policy together with the timeline whose events shape it: `timeline.policy(id)`."""

    policy: Policy
    timeline: Timeline = attrs.field(eq=False, repr=False)

    @property
    def id(self) -> str:
        """The policy's id."""
        return self.policy.id

    def events(self) -> tuple[Event, ...]:
        """The policy's events that have an effect, in fold order."""
        return tuple(_events_of(self.timeline, self.policy.id))

    def history(self) -> tuple[Transition, ...]:
        """The ordered transitions, with the events and sources that caused them."""
        return history(self.timeline, self.policy.id)

    def state_on(self, as_of: dt.date | None = None) -> Status:
        """The state at the end of `as_of` (default: today)."""
        return state_on(self.timeline, self.policy.id, as_of)
