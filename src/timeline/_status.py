"""A policy's status on a date: its state, its provisions, and what the data says comes next.

The state on a date is a slice of the policy's fold (`timeline._lifecycle`): the events that
can have happened by the end of that day. An event dated imprecisely ("December 2025") may
or may not have happened by a date inside its span; the status is then *uncertain between*
the states before and after it, with the reason, and never picks a side. Events the data
records for later dates are the *scheduled* part: "takes effect 2 May 2024", "prohibitions
applicable from 2 February 2025". Adding events after the date changes only that part (and,
for an `enacted` step, whether a later `effective` one makes it an adoption).

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
>>> answer = state_on(tl, "p", dt.date(2025, 11, 30))
>>> print(answer)
in force since 7 October 2022 (rule)
>>> print(answer.next_text)
loosened from December 2025 (uncertain between 1 December 2025 and 31 December 2025) (rollback)
>>> answer = state_on(tl, "p", dt.date(2025, 12, 5))
>>> answer.certain, answer.in_force, [s.change and s.change.id for s in answer.possible]
(False, True, [None, 'rollback'])
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import attrs

from timeline import _clock
from timeline._lifecycle import (
    AMENDMENT_STEPS,
    Fold,
    Phase,
    State,
    Transition,
    folds,
    history,
    policy_of,
)
from timeline._model import Effect, Event, Policy, Provision
from timeline._when import When

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = [
    "PolicyView",
    "ProvisionStatus",
    "Status",
    "answer",
    "as_of_day",
    "date_text",
    "day_end",
    "day_label",
    "state_on",
    "status",
    "step_text",
    "view",
]


def day_label(day: dt.date) -> str:
    """A day as the answers write it: '2 May 2024'."""
    return When.from_date(day).label


def date_text(when: When) -> str:
    """A date as a scheduled step shows it: '2 May 2024', or 'June 2026 (uncertain between
    1 June 2026 and 30 June 2026)' when the data knows it less precisely than a day."""
    first, last = when.earliest, when.latest
    if first is not None and first == last:
        return when.label
    if first is not None and last is not None:
        return f"{when.label} (uncertain between {day_label(first)} and {day_label(last)})"
    if first is not None:
        return f"{when.label} (uncertain: on or after {day_label(first)})"
    assert last is not None
    return f"{when.label} (uncertain: on or before {day_label(last)})"


#: What a step does, and the word before its date ("" for none): "tightened from 1 May".
_PHRASES: Final = {
    Effect.TIGHTENED: ("tightened", "from"),
    Effect.LOOSENED: ("loosened", "from"),
    Effect.SUSPENDED: ("suspended", "from"),
    Effect.REINSTATED: ("reinstated", "from"),
    Effect.RESCINDED: ("rescinded", "from"),
    Effect.EXPIRED: ("expires", ""),
    Effect.PROPOSED: ("proposed", ""),
    Effect.ANNOUNCED: ("announced", ""),
    Effect.ADOPTED: ("adopted", ""),
    Effect.ENACTED: ("adopted", ""),
}


def _phrase(step: Transition) -> tuple[str, str]:
    effect = step.effect
    if effect is Effect.APPLIES:
        return f"{step.after.title(step.event.provision or '')} applicable", "from"
    if effect is Effect.CEASES:
        return f"{step.after.title(step.event.provision or '')} no longer applicable", "from"
    if effect in AMENDMENT_STEPS and step.after.amendment is step.event:
        return f"amendment {_PHRASES[effect][0]}", ""
    if (
        effect is not Effect.REINSTATED
        and step.after.phase is Phase.IN_FORCE
        and (step.before.phase is not Phase.IN_FORCE)
    ):
        return "takes effect", ""
    return _PHRASES.get(effect, (effect.value, ""))


def step_text(step: Transition, *, dated: bool = True) -> str:
    """What a step does, as the status reads it: 'takes effect 2 May 2024',
    'general-purpose AI obligations applicable from 2 August 2025'; without the date when
    not `dated` ('general-purpose AI obligations applicable')."""
    phrase, before = _phrase(step)
    if not dated:
        return phrase
    when = date_text(step.event.when)
    return f"{phrase} {before} {when}" if before else f"{phrase} {when}"


@attrs.frozen(kw_only=True)
class ProvisionStatus:
    """One provision of a policy on a date: whether it applies, since when, what comes next.

    `applies` is None when the possible states disagree; `since` is the step behind a
    certain answer (its `applies` or `ceases` event), None for a provision that has not
    started; `next` the next step recorded for it after the date.
    """

    provision: Provision
    applies: bool | None
    since: Event | None = None
    next: Transition | None = None
    ended: bool = False  # the policy itself is no longer in force

    @property
    def label(self) -> str:
        """'applicable since 2 February 2025 (id)', 'pending, applicable from …', …"""
        if self.ended:
            text = "not applicable: the policy is no longer in force"
        elif self.applies is None:
            text = "uncertain whether it applies yet (see why)"
        elif self.applies:
            text = "applicable"
            if self.since is not None:
                text += f" since {self.since.when.label} ({self.since.id})"
        elif self.since is not None:
            text = f"no longer applicable since {self.since.when.label} ({self.since.id})"
        else:
            text = "pending"
            if self.next is None:
                text += ", no date recorded"
        if self.next is not None:
            step = self.next
            verb = (
                "applicable from"
                if step.effect is Effect.APPLIES
                else ("no longer applicable from")
            )
            text += f", {verb} {date_text(step.event.when)} ({step.event.id})"
        return text


@attrs.frozen(kw_only=True)
class Status:
    """A policy's state on a date: one state when the data decides it, several when not.

    `possible` holds every state the policy can be in, earliest first; `pending` the events
    whose imprecise date contains `as_of`, which make the answer uncertain; `scheduled` the
    steps the data records after `as_of`, in order (the first is `next`).
    """

    policy: Policy
    as_of: dt.date
    possible: tuple[State, ...]
    pending: tuple[Event, ...] = ()
    scheduled: tuple[Transition, ...] = ()

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
    def binds(self) -> bool | None:
        """Whether it binds anyone (in force, and a provision applies if it has any)."""
        values = {s.binds for s in self.possible}
        return values.pop() if len(values) == 1 else None

    @property
    def next(self) -> Transition | None:
        """The first step the data records after `as_of`, or None."""
        return self.scheduled[0] if self.scheduled else None

    @property
    def next_text(self) -> str | None:
        """'takes effect 2 May 2024 (rule-effective)', or None when nothing is scheduled."""
        step = self.next
        return None if step is None else f"{step_text(step)} ({step.event.id})"

    @property
    def provisions(self) -> tuple[ProvisionStatus, ...]:
        """Each provision the policy declares (then any other that its events up to `as_of`
        name: a timeline built by hand need not declare them), on `as_of`."""
        ids = [p.id for p in self.policy.provisions]
        for state in self.possible:
            ids += [e.provision for e in (*state.applying, *state.ceased) if e.provision]
        ended = all(state.phase is Phase.ENDED for state in self.possible)
        out = []
        for pid in dict.fromkeys(ids):
            found = {
                next((e for e in state.applying if e.provision == pid), None) is not None
                for state in self.possible
            }
            applies = found.pop() if len(found) == 1 else None
            behind = {
                next((e for e in (*s.applying, *s.ceased) if e.provision == pid), None)
                for s in self.possible
            }
            since = behind.pop() if applies is not None and len(behind) == 1 else None
            step = next((s for s in self.scheduled if s.event.provision == pid), None)
            provision = self.policy.provision(pid) or Provision(id=pid, title=pid)
            out.append(
                ProvisionStatus(
                    provision=provision, applies=applies, since=since, next=step, ended=ended
                )
            )
        return tuple(out)

    @property
    def reason(self) -> str | None:
        """Why the answer is uncertain, naming each undecided event; None when certain."""
        if self.certain:
            return None
        day = day_label(self.as_of)
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


# -- answering ------------------------------------------------------------------------------


def as_of_day(as_of: dt.date | None, zone: dt.tzinfo) -> dt.date:
    """`as_of`, or today in `zone` (from the injectable clock) when None.

    Raises:
        TypeError: a naive datetime, or not a date.
    """
    if as_of is None:
        return _clock.today(zone)
    if isinstance(as_of, dt.datetime) and (as_of.tzinfo is None or as_of.utcoffset() is None):
        raise TypeError(f"as_of={as_of!r} is naive; give it a tzinfo (e.g. datetime.UTC)")
    if not isinstance(as_of, dt.date):
        raise TypeError(f"as_of takes a datetime.date or aware datetime, not {as_of!r}")
    return as_of


def day_end(day: dt.date, zone: dt.tzinfo) -> int:
    """The key of the end of `day` in `zone` (an aware datetime: that moment)."""
    return When.from_date(day).sort_key(zone)[1]


def answer(folded: Fold, day: dt.date, end: int) -> Status:
    """The status of a folded policy at the key `end` (the end of `day`).

    Events sort by earliest bound, so those that can have happened by `end` are a prefix
    (up to `upto`); given that order, all up to the last one surely past are past (`done`).

    Raises:
        LifecycleError: an event up to `end` does not fold.
    """
    spans = folded.spans
    upto = bisect.bisect_right(spans, end, key=lambda s: s[0])
    done = max((n + 1 for n in range(upto) if spans[n][1] <= end), default=0)
    folded.require(upto)
    possible = tuple(dict.fromkeys(folded.states[done : upto + 1]))
    pending = tuple(folded.events[done:upto]) if len(possible) > 1 else ()
    scheduled = []
    for n in range(upto, len(folded.events)):
        if isinstance(folded.results[n], str):
            break  # a later step does not fold: what comes after it is unknown
        scheduled.append(folded.transition(n))
    return Status(
        policy=folded.policy,
        as_of=day,
        possible=possible,
        pending=pending,
        scheduled=tuple(scheduled),
    )


def state_on(timeline: Timeline, policy_id: str, as_of: dt.date | None = None) -> Status:
    """The policy's status at the end of `as_of` (default: today, from the injectable clock).

    A date stands for its whole day in the timeline's zone; an aware datetime for itself.

    Raises:
        KeyError: the timeline has no such policy.
        TypeError: `as_of` is a naive datetime or not a date.
        LifecycleError: the events up to `as_of` do not fold.
    """
    return status(timeline, as_of, policies=[policy_id])[policy_id]


def status(
    timeline: Timeline, as_of: dt.date | None = None, *, policies: Iterable[str] | None = None
) -> dict[str, Status]:
    """Every policy's status on `as_of` (default: today), keyed by id in the timeline's order.

    Raises:
        KeyError: `policies` names a policy the timeline does not have.
        TypeError: `as_of` is a naive datetime or not a date.
        LifecycleError: some policy's events up to `as_of` do not fold.
    """
    zone = timeline.settings.zone
    day = as_of_day(as_of, zone)
    end = day_end(day, zone)
    return {pid: answer(f, day, end) for pid, f in folds(timeline, policies).items()}


def view(timeline: Timeline, policy_id: str) -> PolicyView:
    """The policy with this id and the timeline whose events shape it.

    Raises:
        KeyError: no policy has this id; the message lists the known ones.
    """
    return PolicyView(policy=policy_of(timeline, policy_id), timeline=timeline)


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
        return folds(self.timeline, [self.policy.id])[self.policy.id].events

    def history(self) -> tuple[Transition, ...]:
        """The ordered transitions, with the events and sources that caused them."""
        return history(self.timeline, self.policy.id)

    def state_on(self, as_of: dt.date | None = None) -> Status:
        """The status at the end of `as_of` (default: today)."""
        return state_on(self.timeline, self.policy.id, as_of)
