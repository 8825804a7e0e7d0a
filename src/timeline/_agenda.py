"""What is pending on a date, what changes between two dates, what takes effect next.

- `pending(tl, D)`: policies proposed, announced or adopted but not in force on D, pending
  amendments of policies in force, and provisions of policies in force that do not apply
  yet, each with the recorded step that brings it into force, if the data has one;
- `changes(tl, A, B)`: every step of every policy dated within A to B, in order, each
  marked certain when its whole date lies within the period;
- `upcoming(tl, days, as_of=D)`: the changes in the `days` days after D through which
  something starts to bind (entry into force, a provision applying, a change taking effect).

All three read the policies' folds (`timeline._lifecycle`); none asks the state day by day.

>>> import datetime as dt
>>> from timeline._model import Citation, Effect, Event, Policy
>>> from timeline._timeline import Timeline
>>> from timeline._when import When
>>> def event(id, when, effect):
...     return Event(id=id, title=id, when=When.parse(when), policy="p", effect=Effect(effect),
...                  cite=(Citation(source="s"),))
>>> tl = Timeline(events=[event("rule", "2024-03-04", "enacted"),
...                       event("in-force", "2024-05-02", "effective")],
...               policies=[Policy(id="p", title="P")])
>>> [item.label for item in pending(tl, dt.date(2024, 4, 1))]
['adopted since 4 March 2024 (rule), not in force; takes effect 2 May 2024 (in-force)']
>>> [change.label for change in upcoming(tl, 60, as_of=dt.date(2024, 4, 1))]
['p: takes effect 2 May 2024 (in-force)']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, Literal

import attrs

from timeline._lifecycle import Phase, State, Transition, folds
from timeline._model import Effect, Event, Policy, Provision
from timeline._status import as_of_day, date_text, day_end, status, step_text
from timeline._when import When
from timeline.errors import LifecycleError

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = ["Change", "Pending", "changes", "pending", "upcoming"]

PendingKind = Literal["policy", "amendment", "provision"]
_NOT_YET: Final = (Phase.PROPOSED, Phase.ANNOUNCED, Phase.ADOPTED)


@attrs.frozen(kw_only=True)
class Pending:
    """Something on its way that does not bind yet on `as_of`.

    `kind` is 'policy' (proposed, announced or adopted, not in force), 'amendment' (a
    proposed, announced or adopted change to a policy in force) or 'provision' (a part of a
    policy in force that does not apply yet). `step` is the event that made it pending (None
    for a provision), `due` the recorded step that brings it in, if any; `certain` is False
    when only some of the possible states on `as_of` have it pending.
    """

    policy: Policy
    as_of: dt.date
    kind: PendingKind
    step: Event | None = None
    provision: Provision | None = None
    due: Transition | None = None
    certain: bool = True

    @property
    def label(self) -> str:
        """'adopted since 4 March 2024 (rule), not in force; takes effect 2 May 2024 (…)'."""
        if self.kind == "provision":
            assert self.provision is not None
            text = f"{self.provision.title}: does not apply yet"
        else:
            assert self.step is not None
            assert self.step.effect is not None
            effect = "adopted" if self.step.effect is Effect.ENACTED else self.step.effect.value
            since = f"since {self.step.when.label} ({self.step.id})"
            text = (
                f"{effect} {since}, not in force"
                if self.kind == "policy"
                else (f"amendment {effect} {since}")
            )
        if self.due is not None and self.kind == "provision":
            text += f"; applicable from {date_text(self.due.event.when)} ({self.due.event.id})"
        elif self.due is not None:
            text += f"; {step_text(self.due)} ({self.due.event.id})"
        elif self.kind != "amendment":
            text += "; no date recorded for it to take effect"
        return text if self.certain else f"perhaps (the data cannot say): {text}"


def _pending_in(state: State) -> list[tuple[PendingKind, str]]:
    """What is pending in one possible state, as (kind, event or provision id) keys."""
    found: list[tuple[PendingKind, str]] = []
    if state.phase in _NOT_YET and state.since is not None:
        found.append(("policy", state.since.id))
    if state.amendment is not None:
        found.append(("amendment", state.amendment.id))
    if state.phase in (Phase.IN_FORCE, Phase.SUSPENDED) and state.policy is not None:
        started = {e.provision for e in (*state.applying, *state.ceased)}
        found += [("provision", p.id) for p in state.policy.provisions if p.id not in started]
    return found


def _due(kind: PendingKind, key: str, scheduled: Iterable[Transition]) -> Transition | None:
    for step in scheduled:
        if kind == "policy" and step.takes_effect and step.after.phase is Phase.IN_FORCE:
            return step
        if kind == "amendment" and step.effect in (Effect.TIGHTENED, Effect.LOOSENED):
            return step
        if kind == "provision" and step.effect is Effect.APPLIES and step.event.provision == key:
            return step
    return None


def pending(
    timeline: Timeline, as_of: dt.date | None = None, *, policies: Iterable[str] | None = None
) -> tuple[Pending, ...]:
    """What is proposed, announced or adopted but does not bind yet on `as_of` (default
    today): per policy in the timeline's order, the policy itself, then its amendment, then
    its provisions in the order it declares them.

    Raises:
        KeyError: `policies` names a policy the timeline does not have.
        LifecycleError: some policy's events up to `as_of` do not fold.
    """
    out = []
    for answer in status(timeline, as_of, policies=policies).values():
        keyed = [_pending_in(state) for state in answer.possible]
        everywhere = set.intersection(*(set(keys) for keys in keyed))
        events = {e.id: e for s in answer.possible for e in (s.since, s.amendment) if e}
        for kind, key in dict.fromkeys(k for keys in keyed for k in keys):
            out.append(
                Pending(
                    policy=answer.policy,
                    as_of=answer.as_of,
                    kind=kind,
                    step=events.get(key) if kind != "provision" else None,
                    provision=answer.policy.provision(key) if kind == "provision" else None,
                    due=_due(kind, key, answer.scheduled),
                    certain=(kind, key) in everywhere,
                )
            )
    return tuple(out)


@attrs.frozen(kw_only=True)
class Change:
    """One step of a policy dated within a period asked about.

    `certain` says the step's whole date lies within the period; when False, the date only
    overlaps it (a step dated "2026" asked about for March 2026).
    """

    policy: Policy
    step: Transition
    certain: bool = True

    @property
    def event(self) -> Event:
        """The event that makes the step."""
        return self.step.event

    @property
    def text(self) -> str:
        """'takes effect 2 May 2024', 'prohibitions applicable from 2 February 2025'."""
        return step_text(self.step)

    @property
    def label(self) -> str:
        """'p: takes effect 2 May 2024 (rule-effective)', marked when the date may lie outside."""
        text = f"{self.policy.id}: {self.text} ({self.event.id})"
        return text if self.certain else f"{text}, perhaps outside the period"


def _within(
    timeline: Timeline, low: int, high: int | None, policies: Iterable[str] | None
) -> list[Change]:
    """The steps whose dates overlap the keys `low` to `high` (None: no end), in order."""
    found: list[tuple[tuple[int, int], int, int, Change]] = []
    for rank, folded in enumerate(folds(timeline, policies).values()):
        for n, (first, last) in enumerate(folded.spans):
            if high is not None and first > high:
                break
            result = folded.results[n]
            if isinstance(result, str):
                event = folded.events[n]
                raise LifecycleError(f"event {event.id!r}: {result}", event=event)
            if last < low:
                continue
            certain = first >= low and (high is None or last <= high)
            change = Change(policy=folded.policy, step=folded.transition(n), certain=certain)
            found.append(((first, last), rank, n, change))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]


def changes(
    timeline: Timeline,
    start: dt.date,
    end: dt.date,
    *,
    policies: Iterable[str] | None = None,
) -> tuple[Change, ...]:
    """Every step of every policy dated from `start` to `end` (whole days, inclusive, in the
    timeline's zone), in chronological order; steps of one policy in their fold order.

    Raises:
        ValueError: `end` is before `start`.
        KeyError: `policies` names a policy the timeline does not have.
        LifecycleError: a policy's events up to `end` do not fold.
    """
    zone = timeline.settings.zone
    first, last = as_of_day(start, zone), as_of_day(end, zone)
    low = When.from_date(first).sort_key(zone)[0]
    high = day_end(last, zone)
    if high < low:
        raise ValueError(f"the period ends ({end}) before it starts ({start}); swap them")
    return tuple(_within(timeline, low, high, policies))


def upcoming(
    timeline: Timeline,
    days: int | None = None,
    *,
    as_of: dt.date | None = None,
    policies: Iterable[str] | None = None,
) -> tuple[Change, ...]:
    """What takes effect or starts to apply in the `days` days after `as_of` (default
    today; `days=None`: every later date the data records), in chronological order.

    Raises:
        ValueError: `days` is not a positive number.
        KeyError: `policies` names a policy the timeline does not have.
        LifecycleError: a policy's events up to the end of the window do not fold.
    """
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
        raise ValueError(f"days={days!r}: give a whole number of days, 1 or more (or None)")
    zone = timeline.settings.zone
    day = as_of_day(as_of, zone)
    low = day_end(day, zone) + 1
    high = None if days is None else day_end(day + dt.timedelta(days=days), zone)
    return tuple(c for c in _within(timeline, low, high, policies) if c.step.takes_effect)
