"""The chart's policy state bands: each step of a policy's history as a stretch of its state.

A band says its step and when ("announced 21 May 2024", "tightened 2 Aug 2026"); a step
dated imprecisely fades in over its period. The folds are computed once per timeline (a
site draws many pages from one history), see `changes_of`.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from timeline import _lifecycle as lifecycle
from timeline._labels import effect_label, end_label, phase_label, state_label
from timeline._lifecycle import Phase, Transition
from timeline._locale import message
from timeline._model import Effect
from timeline._timeline import Timeline
from timeline.report._axis import LEFT, Axis
from timeline.report._marks import part_range, soft
from timeline.report._measure import width as text_width

__all__ = ["BAND", "BAND_CLASS", "Band", "Change", "bands", "changes_of", "policy_changes"]

BAND: Final = 14.0  # height of a band
_LABEL: Final = 10.0  # px of a band's label

#: CSS class of each policy phase's band; a policy that has ended gets no band.
BAND_CLASS: Final = {
    Phase.PROPOSED: "pending",
    Phase.ANNOUNCED: "pending",
    Phase.ADOPTED: "pending",
    Phase.IN_FORCE: "in-force",
    Phase.SUSPENDED: "suspended",
}

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

    @property
    def date(self) -> str:
        """When the step was taken, at its precision but without a time of day: '2 May 2024'."""
        when = self.step.event.when
        part = when.start or when.end
        assert part is not None
        text = part.label()
        return text.split(", ", 1)[0] if part.time is not None else text

    def local_words(self, locale: str | None) -> str:
        """`words` in the language of `locale`: 'en vigueur', 'renforcée'."""
        if locale is None:
            return self.words
        effect = self.step.effect
        if self.phase is Phase.IN_FORCE and effect in _IN_FORCE_STEPS:
            return effect_label(effect, locale)
        if self.step.after.amendment is self.step.event:
            return message(locale, "band_amendment", effect=effect_label(effect, locale))
        return phase_label(self.phase, locale)

    def label(self, locale: str | None) -> str:
        """The step and its date, as its band names it: 'tightened 2 August 2026'."""
        if locale is None:
            return f"{self.words} {self.date}"
        when = self.step.event.when
        part = when.start or when.end
        assert part is not None
        return message(
            locale, "band_step", words=self.local_words(locale), date=end_label(part, locale)
        )


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


_FOLDED: weakref.WeakKeyDictionary[Timeline, dict[str, list[Change]]] = weakref.WeakKeyDictionary()


def changes_of(history: Timeline) -> Mapping[str, list[Change]]:
    """Every policy's history in `history` as chart steps, folded in one pass and kept for as
    long as `history` lives; a policy whose events do not fold gets no steps."""
    found = _FOLDED.get(history)
    if found is not None:
        return found
    zone = history.settings.zone
    found = {}
    for pid, folded in lifecycle.folds(history).items():
        try:
            steps = folded.transitions()
        except lifecycle.LifecycleError:
            found[pid] = []
            continue
        changes = []
        for step in steps:
            when = step.event.when
            bounds = part_range(when, "start", zone) or part_range(when, "end", zone)
            assert bounds is not None
            changes.append(Change(step=step, lo=bounds[0], hi=bounds[1]))
        found[pid] = changes
    _FOLDED[history] = found
    return found


def policy_changes(timeline: Timeline, policy: str) -> list[Change]:
    """The policy's history, or nothing when the events do not fold (or it is unknown).

    A filtered timeline may hold only part of a policy's events (a loosening without the
    enactment before it): then no band is drawn rather than a wrong one.
    """
    return changes_of(timeline).get(policy, [])


def bands(changes: Sequence[Change], axis: Axis, locale: str | None = None) -> tuple[Band, ...]:
    """The bands of one policy: its state from each step to the next, labelled where the
    label, in the language of `locale`, fits ("tightened 2 August 2026", else "tightened",
    else nothing)."""
    drawn: list[Band] = []
    for index, change in enumerate(changes):
        state = BAND_CLASS.get(change.phase)
        if state is None:
            continue
        a = axis.x(change.lo, edge=LEFT)
        sure = axis.x(change.hi, edge=axis.right) if soft(change.step.event.when, "start") else a
        last = index + 1 == len(changes)
        b = axis.right if last else axis.x(changes[index + 1].lo, edge=axis.right)
        if b - a < 1:
            continue
        fade = min(sure - a, b - a)
        start = a + fade if b - a - fade >= 40 else a
        label = ""
        dated, words = change.label(locale), change.local_words(locale)
        for text in (dated, words):
            if start + 4 + text_width(text, _LABEL) + 4 <= b:
                label = text
                break
        drawn.append(
            Band(
                x=round(a, 1),
                width=round(b - a, 1),
                soft=round(fade, 1),
                state=state,
                label=label,
                label_x=round(start + 4, 1),
                title=message(
                    locale, "labelled", label=dated, text=state_label(change.step.after, locale)
                ),
            )
        )
    return tuple(drawn)
