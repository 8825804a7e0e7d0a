"""Policies over time: fold a policy's events, in order, into the states it passes through.

A policy starts *not yet announced*. Each event of the policy with an `effect` moves it
along: proposed or announced, adopted, in force (`effective`), its named provisions
starting or stopping to apply, tightened or loosened, suspended, ended. The allowed moves
are the table `TRANSITIONS`, and anything else is a data problem, never a guess. Events are
folded in the documented chronological order, with ties on the very same date broken by
the lifecycle (announced before adopted before effective ...).

`enacted` means adopted; when the policy's next step is not an `effective` one, it also
puts the policy in force that day (a rule effective on publication). A `proposed`,
`announced` or `adopted` step on a policy in force is a pending amendment, which the next
`tightened` or `loosened` step brings into force.

The questions asked of the fold (the state on a date, what is pending, what changes when)
live in `timeline._status`, `timeline._agenda` and `timeline._series`. See docs/policies.md.

>>> from timeline._model import Citation, Effect, Event, Policy
>>> from timeline._timeline import Timeline
>>> from timeline._when import When
>>> def event(id, when, effect):
...     return Event(id=id, title=id, when=When.parse(when), policy="p", effect=Effect(effect),
...                  cite=(Citation(source="s"),))
>>> tl = Timeline(events=[event("rule", "2024-03-04", "enacted"),
...                       event("in-force", "2024-05-02", "effective")],
...               policies=[Policy(id="p", title="P")])
>>> [str(step.after) for step in history(tl, "p")]
['adopted since 4 March 2024 (rule), not in force', 'in force since 2 May 2024 (in-force)']
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from timeline._model import Effect, Event, Policy
from timeline._when import When
from timeline.errors import LifecycleError

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = [
    "AMENDMENT_STEPS",
    "PROVISION_STEPS",
    "TRANSITIONS",
    "Fold",
    "LifecycleError",
    "Phase",
    "State",
    "Transition",
    "check",
    "fold",
    "folds",
    "history",
    "policy_of",
    "span",
]


class Phase(enum.Enum):
    """Where a policy stands in its life; only `IN_FORCE` binds anyone."""

    NOT_ANNOUNCED = "not-announced"
    PROPOSED = "proposed"
    ANNOUNCED = "announced"
    ADOPTED = "adopted"
    IN_FORCE = "in-force"
    SUSPENDED = "suspended"
    ENDED = "ended"

    def __str__(self) -> str:
        return "not yet announced" if self is Phase.NOT_ANNOUNCED else self.value.replace("-", " ")

    @property
    def in_force(self) -> bool:
        """Whether the policy binds anyone in this phase (its provisions permitting)."""
        return self is Phase.IN_FORCE


_BEFORE: Final = (Phase.NOT_ANNOUNCED, Phase.PROPOSED, Phase.ANNOUNCED)
_LIVE: Final = (Phase.IN_FORCE, Phase.SUSPENDED)
_START: Final = {
    Effect.PROPOSED: Phase.PROPOSED,
    Effect.ANNOUNCED: Phase.ANNOUNCED,
    Effect.ADOPTED: Phase.ADOPTED,
    Effect.ENACTED: Phase.IN_FORCE,  # adopted and in force; ADOPTED when `effective` follows
    Effect.EFFECTIVE: Phase.IN_FORCE,
}
_END: Final = {Effect.RESCINDED: Phase.ENDED, Effect.EXPIRED: Phase.ENDED}
#: Steps that, on a policy in force (or suspended), record a pending amendment.
AMENDMENT_STEPS: Final = frozenset(
    {Effect.PROPOSED, Effect.ANNOUNCED, Effect.ADOPTED, Effect.ENACTED}
)
#: Steps that start or stop one of the policy's provisions.
PROVISION_STEPS: Final = frozenset({Effect.APPLIES, Effect.CEASES})

#: (phase, effect) → the phase it leads to. A pair not in the table is not allowed; a
#: provision step is also checked against the provision's own state.
TRANSITIONS: Final[Mapping[tuple[Phase, Effect], Phase]] = {
    **{(phase, effect): after for phase in _BEFORE for effect, after in _START.items()},
    (Phase.ADOPTED, Effect.EFFECTIVE): Phase.IN_FORCE,
    (Phase.ADOPTED, Effect.RESCINDED): Phase.ENDED,
    **{(phase, effect): phase for phase in _LIVE for effect in AMENDMENT_STEPS | PROVISION_STEPS},
    (Phase.IN_FORCE, Effect.TIGHTENED): Phase.IN_FORCE,
    (Phase.IN_FORCE, Effect.LOOSENED): Phase.IN_FORCE,
    (Phase.IN_FORCE, Effect.SUSPENDED): Phase.SUSPENDED,
    **{(phase, effect): after for phase in _LIVE for effect, after in _END.items()},
    (Phase.SUSPENDED, Effect.REINSTATED): Phase.IN_FORCE,
    (Phase.ENDED, Effect.REINSTATED): Phase.IN_FORCE,
    **{(Phase.ENDED, effect): after for effect, after in _START.items()},
}

#: Order of effects dated the very same: a day's adoption comes before its entry into
#: force. Two different effects of equal rank on the same date contradict each other.
_RANK: Final = {
    Effect.PROPOSED: 0,
    Effect.ANNOUNCED: 1,
    Effect.ADOPTED: 2,
    Effect.ENACTED: 2,
    Effect.EFFECTIVE: 3,
    Effect.APPLIES: 4,
    Effect.CEASES: 4,
    Effect.TIGHTENED: 5,
    Effect.LOOSENED: 5,
    Effect.SUSPENDED: 6,
    Effect.REINSTATED: 6,
    Effect.RESCINDED: 7,
    Effect.EXPIRED: 7,
}
#: Effects that mean the same thing (for the same-date contradiction check).
_SAME: Final = {Effect.ENACTED: Effect.ADOPTED}


def _since(event: Event) -> str:
    return f"since {event.when.label} ({event.id})"


def _word(effect: Effect) -> str:
    """The effect as a past participle: 'enacted' reads 'adopted'."""
    return _SAME.get(effect, effect).value


@attrs.frozen(kw_only=True)
class State:
    """A policy's state after some of its events.

    `since` is the event that brought the current phase; `change` the latest tightening or
    loosening since the policy came into force (kept through a suspension); `amendment` a
    proposed, announced or adopted change not yet in force; `applying` the `applies` events
    of the provisions that apply, in the order they started; `ceased` the `ceases` events
    of those that stopped. `policy` (not compared) gives the provisions their titles.

    >>> print(State())
    not yet announced
    """

    phase: Phase = Phase.NOT_ANNOUNCED
    since: Event | None = None
    change: Event | None = None
    amendment: Event | None = None
    applying: tuple[Event, ...] = ()
    ceased: tuple[Event, ...] = ()
    policy: Policy | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def in_force(self) -> bool:
        """Whether the policy is in force (entered into force, not suspended or ended)."""
        return self.phase.in_force

    @property
    def phased(self) -> bool:
        """Whether the policy applies through named provisions."""
        return bool(self.applying or self.ceased or (self.policy and self.policy.provisions))

    @property
    def binds(self) -> bool:
        """Whether it binds anyone: in force, and (if it has provisions) one of them applies."""
        return self.in_force and (bool(self.applying) or not self.phased)

    def title(self, provision: str) -> str:
        """A provision's title, or its id when the policy does not declare it."""
        found = self.policy.provision(provision) if self.policy else None
        return found.title if found else provision

    @property
    def label(self) -> str:
        """'in force since 7 October 2022 (rule), loosened since December 2025 (rollback)'."""
        if self.since is None:
            return str(self.phase)
        if self.phase is Phase.ENDED:
            assert self.since.effect is not None
            return f"{self.since.effect.value} {_since(self.since)}, no longer in force"
        text = f"{self.phase} {_since(self.since)}"
        if self.phase in (*_BEFORE, Phase.ADOPTED):
            return f"{text}, not in force"
        if self.change is not None and self.phase is Phase.IN_FORCE:
            assert self.change.effect is not None
            text += f", {self.change.effect.value} {_since(self.change)}"
        if self.amendment is not None:
            assert self.amendment.effect is not None
            text += f"; amendment {_word(self.amendment.effect)} {_since(self.amendment)}"
        if self.phase is Phase.IN_FORCE and self.phased:
            if self.applying:
                names = ", ".join(self.title(e.provision or "") for e in self.applying)
                text += f"; applicable: {names}"
            else:
                text += (
                    "; no provision applies any more"
                    if self.ceased
                    else ("; no provision applies yet")
                )
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

    @property
    def takes_effect(self) -> bool:
        """Whether something starts to bind here: entry into force, a provision starting to
        apply, or a change (tightening, loosening) taking effect."""
        effect = self.effect
        if effect is Effect.APPLIES or (effect in (Effect.TIGHTENED, Effect.LOOSENED)):
            return True
        return self.after.phase is Phase.IN_FORCE and self.before.phase is not Phase.IN_FORCE


# -- the fold -------------------------------------------------------------------------------


def span(when: When, zone: dt.tzinfo) -> tuple[int, int]:
    """`When.sort_key`: (earliest, latest) on one axis, a date standing for its day in `zone`."""
    return when.sort_key(zone)


def _keys(zone: dt.tzinfo) -> Callable[[When], tuple[int, int]]:
    """`span` in `zone`, remembered per distinct `When` object (parsed dates are shared, and
    hashing a `When` costs more than computing its key once)."""
    known: dict[int, tuple[int, int]] = {}
    alive: list[When] = []  # keeps every keyed When alive, so its id() names only it

    def key(when: When) -> tuple[int, int]:
        found = known.get(id(when))
        if found is None:
            found = known[id(when)] = when.sort_key(zone)
            alive.append(when)
        return found

    return key


def _advice(state: State, effect: Effect) -> str:
    phase = state.phase
    if phase in _BEFORE:
        if effect in PROVISION_STEPS:
            return (
                "a provision applies only once the policy is in force: first record the event "
                "that enacted it or made it effective, or correct this effect"
            )
        return "first record the event that enacted it or made it effective, or correct this effect"
    if phase is Phase.ADOPTED:
        return "first record the day it takes effect ('effective'), or correct this effect"
    if effect is Effect.EFFECTIVE:
        return (
            "a change to a policy in force is 'tightened' or 'loosened' (record its adoption "
            "before as 'adopted' when it takes effect later), a restart after a suspension "
            "'reinstated'; if an earlier event only adopted the policy, make that one 'adopted'"
        )
    if effect is Effect.REINSTATED:
        return "only a suspended or ended policy can be reinstated; record the suspension first"
    if phase is Phase.SUSPENDED:
        return "record its reinstatement first, or correct this effect"
    return "it must be reinstated or enacted again first, or correct this effect"


def _with(state: State, **changes: object) -> State:
    """`attrs.evolve`, spelled out: the fold makes one of these per step of every policy."""
    fields: dict[str, object] = {
        "phase": state.phase,
        "since": state.since,
        "change": state.change,
        "amendment": state.amendment,
        "applying": state.applying,
        "ceased": state.ceased,
        "policy": state.policy,
    }
    fields.update(changes)
    return State(**fields)  # type: ignore[arg-type]


def _provision_step(state: State, event: Event, effect: Effect) -> State | str:
    """A provision starting or stopping to apply, or why it cannot."""
    provision = event.provision or ""
    applying = next((e for e in state.applying if e.provision == provision), None)
    name = f"provision {provision!r} of policy {event.policy!r}"
    if effect is Effect.APPLIES:
        if applying is not None:
            return (
                f"'applies' is not allowed here: {name} applies already "
                f"{_since(applying)}; record when it ceased ('ceases') first, or correct this"
            )
        ceased = tuple(e for e in state.ceased if e.provision != provision)
        return _with(state, applying=(*state.applying, event), ceased=ceased)
    if applying is None:
        return (
            f"'ceases' is not allowed here: {name} does not apply; first record the day it "
            "started to apply ('applies'), or correct this effect"
        )
    rest = tuple(e for e in state.applying if e is not applying)
    return _with(state, applying=rest, ceased=(*state.ceased, event))


def _step(state: State, event: Event, adopting: bool) -> State | str:
    """The state after `event`, or why the event's effect is not allowed in `state`.

    `adopting`: the event is `enacted` and the policy's next step is `effective`.
    """
    effect = event.effect
    assert effect is not None
    phase = state.phase
    after = TRANSITIONS.get((phase, effect))
    if after is None:
        where = (
            f"was never in force (it is {state.label})"
            if phase in _BEFORE
            else (f"is {state.label}")
        )
        return (
            f"{effect.value!r} is not allowed here: policy {event.policy!r} {where}; "
            f"{_advice(state, effect)}"
        )
    policy = state.policy
    if phase in _LIVE:
        if effect in PROVISION_STEPS:
            return _provision_step(state, event, effect)
        if effect in AMENDMENT_STEPS:
            return _with(state, amendment=event)
        if effect in (Effect.TIGHTENED, Effect.LOOSENED):
            return _with(state, change=event, amendment=None)
        if effect in (Effect.SUSPENDED, Effect.REINSTATED):
            return _with(state, phase=after, since=event)
    if effect is Effect.ENACTED and adopting:
        after = Phase.ADOPTED
    return State(phase=after, since=event, policy=policy)


def _conflict(group: Sequence[Event], event: Event) -> str | None:
    """Why `event` contradicts one dated the very same with an effect of equal rank."""
    effect = event.effect
    assert effect is not None
    for other in group:
        assert other.effect is not None
        if _SAME.get(other.effect, other.effect) is _SAME.get(effect, effect):
            continue
        if effect in PROVISION_STEPS and other.provision != event.provision:
            continue
        return (
            f"{effect.value!r} conflicts with {other.id!r} ({other.effect.value}), "
            f"dated the same ({event.when.label}): the data cannot say which came first; "
            "correct the date or the effect of one of them"
        )
    return None


def _fold(
    ordered: Sequence[Event], spans: Sequence[tuple[int, int]], policy: Policy | None = None
) -> Iterator[tuple[Event, State | str]]:
    """Each event with the state after it, or the problem that stops it (state unchanged)."""
    state = State(policy=policy)
    group: list[Event] = []  # earlier events of the same date and rank
    key: tuple[tuple[int, int], int] | None = None
    last = len(ordered) - 1
    for n, event in enumerate(ordered):
        effect = event.effect
        assert effect is not None
        here = (spans[n], _RANK[effect])
        if here != key:
            group, key = [], here
        adopting = (
            effect is Effect.ENACTED and n < last and ordered[n + 1].effect is Effect.EFFECTIVE
        )
        result = _conflict(group, event) or _step(state, event, adopting)
        if isinstance(result, State):
            state = result
        yield event, result
        group.append(event)


def check(
    events: Iterable[Event], zone: dt.tzinfo = dt.UTC, *, policy: Policy | None = None
) -> Iterator[tuple[Event, str]]:
    """Every event of one policy whose effect does not fold, with the reason; all of them."""
    folded = fold(policy or Policy(id="policy", title="policy"), events, zone)
    for event, result in zip(folded.events, folded.results, strict=True):
        if isinstance(result, str):
            yield event, result


@attrs.frozen(kw_only=True)
class Fold:
    """A policy's events in fold order and the state after each (or why it does not fold).

    Every question about the policy starts from one of these: the fold runs once, and a
    state on a date is a slice of it.
    """

    policy: Policy
    events: tuple[Event, ...]
    spans: tuple[tuple[int, int], ...]  # each event's (earliest, latest) key in the zone
    results: tuple[State | str, ...]
    zone: dt.tzinfo

    @functools.cached_property
    def states(self) -> tuple[State, ...]:
        """The state before any event, then after each (a refused event leaves it as it was)."""
        states = [State(policy=self.policy)]
        for result in self.results:
            states.append(result if isinstance(result, State) else states[-1])
        return tuple(states)

    def require(self, count: int) -> None:
        """Raise for the first of the first `count` events that does not fold."""
        for event, result in zip(self.events[:count], self.results[:count], strict=True):
            if isinstance(result, str):
                raise LifecycleError(f"event {event.id!r}: {result}", event=event)

    def transition(self, index: int) -> Transition:
        """The step the event at `index` makes."""
        return Transition(
            event=self.events[index], before=self.states[index], after=self.states[index + 1]
        )

    def transitions(self) -> tuple[Transition, ...]:
        """Every step, in order.

        Raises:
            LifecycleError: an event does not fold.
        """
        self.require(len(self.events))
        return tuple(self.transition(n) for n in range(len(self.events)))


def fold(
    policy: Policy,
    events: Iterable[Event],
    zone: dt.tzinfo,
    *,
    keys: Callable[[When], tuple[int, int]] | None = None,
) -> Fold:
    """Fold the events of `policy` (those with an effect; the others never move it), in fold
    order: chronological, then lifecycle, then id. `keys` gives each date's span (default:
    `span` in `zone`)."""
    key = keys or _keys(zone)
    keyed = sorted(
        ((key(e.when), _RANK[e.effect], e.id, e) for e in events if e.effect is not None),
        key=lambda item: item[:3],
    )
    ordered = tuple(item[3] for item in keyed)
    spans = tuple(item[0] for item in keyed)
    results = tuple(result for _, result in _fold(ordered, spans, policy))
    return Fold(policy=policy, events=ordered, spans=spans, results=results, zone=zone)


# -- asking a timeline ----------------------------------------------------------------------


def policy_of(timeline: Timeline, policy_id: str) -> Policy:
    """The timeline's policy with this id.

    Raises:
        KeyError: no policy has this id; the message lists the known ones.
    """
    try:
        return timeline.policies[policy_id]
    except KeyError:
        known = ", ".join(sorted(timeline.policies)) or "none"
        raise KeyError(f"no policy with id {policy_id!r} (known: {known})") from None


def folds(timeline: Timeline, policies: Iterable[str] | None = None) -> dict[str, Fold]:
    """The fold of each policy (every one, or those named, in that order), in one pass.

    Raises:
        KeyError: `policies` names a policy the timeline does not have.
    """
    zone = timeline.settings.zone
    wanted = list(timeline.policies) if policies is None else list(dict.fromkeys(policies))
    chosen = {pid: policy_of(timeline, pid) for pid in wanted}
    grouped: dict[str, list[Event]] = {pid: [] for pid in chosen}
    for event in timeline:
        if event.effect is not None and event.policy in grouped:
            grouped[event.policy].append(event)
    keys = _keys(zone)
    return {pid: fold(policy, grouped[pid], zone, keys=keys) for pid, policy in chosen.items()}


def history(timeline: Timeline, policy_id: str) -> tuple[Transition, ...]:
    """The policy's transitions in fold order, each with its event (and so its sources).

    Raises:
        KeyError: the timeline has no such policy.
        LifecycleError: the events do not fold (`load()` rejects such data up front).
    """
    return folds(timeline, [policy_id])[policy_id].transitions()
