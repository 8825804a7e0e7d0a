"""What is pending, what changes between two dates, what takes effect next; and the laws that
tie each answer to folding the policies day by day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import legal_lifecycles
from test_lifecycle import ENACTED, _event, _timeline
from timeline import load
from timeline._agenda import changes, pending, upcoming
from timeline._lifecycle import Phase, State
from timeline._model import Event, Policy, Provision
from timeline._timeline import Timeline

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)
EU = Path(__file__).resolve().parent.parent / "examples" / "eu-ai-act"


def _phased(*specs: str) -> Timeline:
    policy = Policy(
        id="p",
        title="P",
        provisions=(Provision(id="a", title="prohibitions"), Provision(id="b", title="rules")),
    )
    return Timeline(events=[_event(s) for s in specs], policies=[policy])


# -- pending ---------------------------------------------------------------------------------


def test_pending_lists_adopted_policies_with_their_dates() -> None:
    """Adopted, not in force: pending, with the step that brings it in."""
    tl = _timeline("rule 2024-03-04 enacted", "eff 2024-05-02 effective", "x 2024-01-01 proposed")
    [item] = tl.pending(D("2024-04-01"))
    assert (item.policy.id, item.kind, item.certain) == ("p", "policy", True)
    assert item.step is not None
    assert item.step.id == "rule"
    assert item.due is not None
    assert item.due.event.id == "eff"
    assert item.label == (
        "adopted since 4 March 2024 (rule), not in force; takes effect 2 May 2024 (eff)"
    )
    assert tl.pending(D("2024-05-02")) == ()


def test_pending_lists_amendments_and_provisions_not_yet_applying() -> None:
    """On a policy in force: a pending amendment, then each provision that does not apply."""
    tl = _phased("in 2024-08-01 effective", "a 2025-02-02 applies:a", "om 2025-11-19 proposed")
    items = tl.pending(D("2025-12-01"))
    assert [(i.kind, i.provision and i.provision.id) for i in items] == [
        ("amendment", None),
        ("provision", "b"),
    ]
    assert items[0].label == "amendment proposed since 19 November 2025 (om)"
    assert items[1].label == "rules: does not apply yet; no date recorded for it to take effect"


def test_pending_marks_what_only_some_possible_states_have() -> None:
    """Adopted in 'December 2025': on 5 December it may or may not be pending yet."""
    tl = _timeline("rule 2025-12 adopted")
    [item] = tl.pending(D("2025-12-05"))
    assert item.certain is False
    assert item.label.startswith("perhaps (the data cannot say): adopted since December 2025")


def test_an_announced_policy_with_no_date_is_pending_without_one() -> None:
    """An announcement the data gives no entry into force for says so."""
    [item] = _timeline("xi 2025-04-25 announced").pending(D("2025-12-31"))
    assert item.label == (
        "announced since 25 April 2025 (xi), not in force; no date recorded for it to take effect"
    )


# -- changes and upcoming --------------------------------------------------------------------


def test_changes_lists_every_step_of_every_policy_in_order() -> None:
    """Steps of two policies between two dates, in chronological order, states after them."""
    tl = Timeline(
        events=[
            _event("rule 2022-10-07 enacted"),
            _event("tight 2024-12-02 tightened"),
            _event("q-law 2024-01-01 effective", policy="q"),
            _event("q-end 2026-01-01 expired", policy="q"),
        ],
        policies=[Policy(id="p", title="P"), Policy(id="q", title="Q")],
    )
    found = tl.changes(D("2023-01-01"), D("2025-12-31"))
    assert [c.event.id for c in found] == ["q-law", "tight"]
    assert [c.label for c in found] == [
        "q: takes effect 1 January 2024 (q-law)",
        "p: tightened from 2 December 2024 (tight)",
    ]
    assert found[1].step.after.label.endswith("tightened since 2 December 2024 (tight)")


def test_a_change_whose_date_overlaps_the_period_is_marked_uncertain() -> None:
    """A step dated '2024' asked about for March 2024 may lie outside the period."""
    tl = _timeline("law 2024 enacted")
    [change] = tl.changes(D("2024-03-01"), D("2024-03-31"))
    assert change.certain is False
    assert change.label.endswith(", perhaps outside the period")
    assert [c.certain for c in tl.changes(D("2024-01-01"), D("2024-12-31"))] == [True]


def test_changes_refuse_a_period_that_ends_before_it_starts() -> None:
    """The message says to swap the dates."""
    with pytest.raises(ValueError, match=r"ends .* before it starts .*; swap them"):
        changes(_timeline(ENACTED), D("2025-01-01"), D("2024-01-01"))


def test_upcoming_keeps_what_starts_to_bind() -> None:
    """Entry into force, provisions applying and changes count; adoptions do not."""
    tl = _phased(
        "rule 2024-06-13 adopted",
        "in 2024-08-01 effective",
        "a 2025-02-02 applies:a",
        "om 2025-11-19 proposed",
        "b 2026-08-02 applies:b",
    )
    assert [c.event.id for c in upcoming(tl, 3650, as_of=D("2024-01-01"))] == ["in", "a", "b"]
    assert [c.event.id for c in upcoming(tl, 100, as_of=D("2024-08-01"))] == []
    assert [c.event.id for c in tl.upcoming(as_of=D("2024-08-01"))] == ["a", "b"]


@pytest.mark.parametrize("days", [0, -3, True, 2.5])
def test_upcoming_needs_a_positive_number_of_days(days: object) -> None:
    """A window of no days, or not a whole number of them, is refused."""
    with pytest.raises(ValueError, match="give a whole number of days, 1 or more"):
        upcoming(_timeline(ENACTED), days, as_of=D("2024-01-01"))  # type: ignore[arg-type]


def test_the_eu_ai_act_deadlines() -> None:
    """From the day it was signed: entry into force, then the four dates of application."""
    tl = load(EU)
    found = tl.upcoming(as_of=D("2024-06-13"))
    assert [str(c.event.when) for c in found] == [
        "2024-08-01",
        "2025-02-02",
        "2025-08-02",
        "2026-08-02",
        "2027-08-02",
    ]
    assert found[2].text == "general-purpose AI obligations applicable from 2 August 2025"


# -- laws: each answer agrees with folding day by day ----------------------------------------


def _starts_to_bind(before: State, after: State) -> bool:
    """What upcoming() promises, said by the states alone: entry into force, a provision
    that starts to apply, or a new tightening or loosening."""
    entered = after.phase is Phase.IN_FORCE and before.phase is not Phase.IN_FORCE
    applied = {e.provision for e in after.applying} - {e.provision for e in before.applying}
    changed = after.change is not None and after.change is not before.change
    return entered or bool(applied) or changed


#: A legal walk of one policy, and a window of days near one of its steps.
_WINDOWS = given(
    events=legal_lifecycles(),
    pick=st.integers(0, 7),
    offset=st.integers(0, 40),
    days=st.integers(1, 45),
)


def _window(events: list[Event], pick: int, offset: int) -> dt.date:
    if not events:
        return D("1990-01-01")
    when = events[pick % len(events)].when.earliest
    assert when is not None
    return when - offset * DAY


@_WINDOWS
def test_upcoming_and_changes_agree_with_folding_day_by_day(
    events: list[Event], pick: int, offset: int, days: int
) -> None:
    """Day by day, the state changes exactly on the days `changes` lists, and something
    starts to bind exactly on the days `upcoming` lists."""
    tl = _timeline(events=events)
    as_of = _window(events, pick, offset)
    by_day = {e.when.earliest: e.id for e in events}
    stepped, bound = set(), set()
    before = tl.status(as_of)["p"]
    for n in range(1, days + 1):
        now = tl.status(as_of + n * DAY)["p"]
        assert now.certain  # day-precise dates: every day is decided
        if now.possible != before.possible:
            stepped.add(by_day[as_of + n * DAY])
            assert before.state is not None
            assert now.state is not None
            if _starts_to_bind(before.state, now.state):
                bound.add(by_day[as_of + n * DAY])
        before = now
    found = changes(tl, as_of + DAY, as_of + days * DAY)
    assert {c.event.id for c in found} == stepped
    assert all(c.certain for c in found)
    assert {c.event.id for c in upcoming(tl, days, as_of=as_of)} == bound


@_WINDOWS
def test_pending_agrees_with_folding_day_by_day(
    events: list[Event], pick: int, offset: int, days: int
) -> None:
    """What is pending on a day comes into force on the day its `due` step is dated, and not
    before: folding day by day shows the same."""
    tl = _timeline(events=events)
    as_of = _window(events, pick, offset)
    answer = tl.status(as_of)["p"]
    items = pending(tl, as_of)
    assert answer.state is not None
    if answer.state.phase in (Phase.PROPOSED, Phase.ANNOUNCED, Phase.ADOPTED):
        assert [i.kind for i in items][:1] == ["policy"]
    for item in items:
        assert item.certain
        if item.due is None or item.due.event.when.earliest is None:
            continue
        due = item.due.event.when.earliest
        for n in range(1, min(days, (due - as_of).days) + 1):
            state = tl.status(as_of + n * DAY)["p"].state
            assert state is not None
            live = _still_pending(item.kind, item, state)
            assert live == (as_of + n * DAY < due), (item.label, as_of + n * DAY)


def _still_pending(kind: str, item: object, state: State) -> bool:
    if kind == "policy":
        return state.phase is not Phase.IN_FORCE
    if kind == "provision":
        provision = getattr(item, "provision", None)
        assert provision is not None
        return provision.id not in {e.provision for e in state.applying}
    return state.amendment is not None  # the same amendment, or a later step of it
