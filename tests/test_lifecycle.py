"""The policy lifecycle: the fold, states on dates, uncertainty, illegal sequences, history."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import assume, given

from strategies import legal_lifecycles, policy_events
from timeline import DataError, load
from timeline._clock import frozen_today, today
from timeline._lifecycle import LifecycleError, Phase, State, check, history
from timeline._model import Citation, Effect, Event, Policy, Settings
from timeline._status import Status, state_on, status
from timeline._timeline import Timeline
from timeline._when import When

D = dt.date.fromisoformat


def _event(spec: str, policy: str = "p") -> Event:
    """'id when effect' → an event of `policy` (effect '-' for none; 'applies:a' names the
    provision)."""
    event_id, when, effect = spec.split()
    effect, _, provision = effect.partition(":")
    return Event(
        id=event_id,
        title=f"title of {event_id}",
        when=When.parse(when),
        policy=policy,
        effect=None if effect == "-" else Effect(effect),
        provision=provision or None,
        cite=(Citation(source="src"),),
    )


def _timeline(*specs: str, zone: str = "UTC", events: list[Event] | None = None) -> Timeline:
    return Timeline(
        events=[_event(s) for s in specs] if events is None else events,
        policies=[Policy(id="p", title="P"), Policy(id="q", title="Q")],
        settings=Settings(timezone=zone),
    )


def _brief(answer: Status) -> str:
    """'in-force+loosened', or '?a|b' for an uncertain answer."""

    def one(state: State) -> str:
        text = state.phase.value
        if state.phase is Phase.IN_FORCE and state.change is not None:
            assert state.change.effect is not None
            text += f"+{state.change.effect.value}"
        if state.amendment is not None:
            assert state.amendment.effect is not None
            text += f"+amendment-{state.amendment.effect.value}"
        if state.applying:
            text += f"[{','.join(e.provision or '' for e in state.applying)}]"
        return text

    if answer.certain:
        return one(answer.possible[0])
    return "?" + "|".join(one(s) for s in answer.possible)


ENACTED = "rule 2022-10-07 enacted"
H200_DAY = (ENACTED, "tight 2024-12-02 tightened", "h200 2025-12-08 loosened")
H200_MONTH = (ENACTED, "tight 2024-12-02 tightened", "h200 2025-12 loosened")

SEQUENCES = [
    ((), "2025-01-01", "not-announced"),
    (("xi 2025-04-25 announced",), "2025-04-24", "not-announced"),
    (("xi 2025-04-25 announced",), "2025-04-25", "announced"),
    (("nprm 2024-01-10 proposed", "plan 2024-03-01 announced"), "2024-05-01", "announced"),
    (("nprm 2024-01-10 proposed", "rule 2024-06-01 enacted"), "2024-05-31", "proposed"),
    (("nprm 2024-01-10 proposed", "rule 2024-06-01 effective"), "2024-06-01", "in-force"),
    (H200_DAY, "2022-10-06", "not-announced"),
    (H200_DAY, "2023-01-01", "in-force"),
    (H200_DAY, "2025-12-07", "in-force+tightened"),
    (H200_DAY, "2025-12-08", "in-force+loosened"),
    (H200_MONTH, "2025-11-30", "in-force+tightened"),
    (H200_MONTH, "2025-12-05", "?in-force+tightened|in-force+loosened"),
    (H200_MONTH, "2025-12-31", "in-force+loosened"),
    ((ENACTED, "pause 2024-01-01 suspended"), "2024-03-01", "suspended"),
    ((ENACTED, "s 2024-01-01 suspended", "r 2024-06-01 reinstated"), "2024-07-01", "in-force"),
    (
        (ENACTED, "t 2023-01-01 tightened", "s 2024-01-01 suspended", "r 2024-06-01 reinstated"),
        "2024-07-01",
        "in-force+tightened",
    ),
    ((ENACTED, "end 2024-01-01 rescinded"), "2024-01-01", "ended"),
    ((ENACTED, "end 2024-01-01 expired"), "2030-01-01", "ended"),
    (
        (ENACTED, "t 2023-01-01 tightened", "x 2024-01-01 rescinded", "r 2024-06-01 reinstated"),
        "2025-01-01",
        "in-force",
    ),
    ((ENACTED, "end 2024-01-01 expired", "again 2025-01-01 enacted"), "2025-06-01", "in-force"),
    ((ENACTED, "end 2024-01-01 expired", "again 2025-01-01 announced"), "2025-06-01", "announced"),
    (("guide 2025-06/2025-12 enacted",), "2025-05-31", "not-announced"),
    (("guide 2025-06/2025-12 enacted",), "2025-09-01", "?not-announced|in-force"),
    (("guide 2025-06/2025-12 enacted",), "2025-12-31", "in-force"),
    (("law 2025 enacted",), "2025-06-01", "?not-announced|in-force"),
    (("law 2025-23 enacted",), "2025-08-31", "not-announced"),
    (("law 2025-23 enacted",), "2025-12-01", "in-force"),
    (("law 2021~ enacted",), "2022-01-01", "in-force"),
    # open-ended spans: '../B' is surely past after B; 'A/..' is never surely past
    (("old ../2022-10-07 enacted",), "1990-01-01", "?not-announced|in-force"),
    (("old ../2022-10-07 enacted",), "2022-10-07", "in-force"),
    (("new 2015/.. enacted",), "2014-12-31", "not-announced"),
    (("new 2015/.. enacted",), "2030-01-01", "?not-announced|in-force"),
    # a later, surely past event implies the undecided one before it in the order happened
    (("a 2025-03 announced", "e 2025-03-20 enacted"), "2025-03-10", "?not-announced|announced"),
    (("a 2025-03 announced", "e 2025-03-20 enacted"), "2025-03-25", "in-force"),
    # events without an effect never move the state
    ((ENACTED, "talk 2023/2025 -", "op-ed 2024-05-01 -"), "2024-06-01", "in-force"),
    # same day: the lifecycle orders them, whatever their ids
    (("a-rule 2024-05-01 enacted", "z-plan 2024-05-01 announced"), "2024-05-01", "in-force"),
    (("a-end 2024-05-01 rescinded", "z-rule 2024-05-01 enacted"), "2024-05-01", "ended"),
    (
        ("a 2024-05-01 enacted", "b 2024-05-01 tightened", "c 2024-05-01 tightened"),
        "2024-05-01",
        "in-force+tightened",
    ),
    (("a-pause 2024-05-01 suspended", "b-rule 2024-05-01 enacted"), "2024-05-02", "suspended"),
    # adopted on one day, in force on a later one ('enacted' means adopted)
    (("rule 2024-03-04 enacted", "eff 2024-05-02 effective"), "2024-04-01", "adopted"),
    (("rule 2024-03-04 enacted", "eff 2024-05-02 effective"), "2024-05-02", "in-force"),
    (("rule 2024-03-04 adopted", "eff 2024-05-02 effective"), "2024-03-04", "adopted"),
    (("rule 2024-03-04 adopted",), "2030-01-01", "adopted"),
    (("a-rule 2024-03-04 enacted", "b-eff 2024-03-04 effective"), "2024-03-04", "in-force"),
    (
        ("nprm 2024-01-10 proposed", "rule 2024-03-04 adopted", "x 2024-04-01 rescinded"),
        "2024-05-01",
        "ended",
    ),
    # a step on a policy in force is a pending amendment; a tightening brings it in
    ((ENACTED, "nprm 2023-10-17 adopted"), "2023-11-01", "in-force+amendment-adopted"),
    ((ENACTED, "nprm 2023-10-17 enacted"), "2023-11-01", "in-force+amendment-enacted"),
    (
        (ENACTED, "p 2023-01-01 proposed", "a 2023-06-01 announced"),
        "2023-07-01",
        "in-force+amendment-announced",
    ),
    (
        (ENACTED, "nprm 2023-10-17 adopted", "t 2023-11-17 tightened"),
        "2023-11-17",
        "in-force+tightened",
    ),
    (
        (ENACTED, "p 2023-01-01 proposed", "s 2023-02-01 suspended"),
        "2023-03-01",
        "suspended+amendment-proposed",
    ),
    # provisions start and stop applying once the policy is in force
    (("in 2024-08-01 effective", "a 2025-02-02 applies:a"), "2025-02-01", "in-force"),
    (("in 2024-08-01 effective", "a 2025-02-02 applies:a"), "2025-02-02", "in-force[a]"),
    (
        ("in 2024-08-01 effective", "a 2025-02-02 applies:a", "b 2025-08-02 applies:b"),
        "2026-01-01",
        "in-force[a,b]",
    ),
    (("in 2024-08-01 effective", "a 2025 applies:a"), "2025-03-01", "?in-force|in-force[a]"),
    (
        ("in 2024-08-01 effective", "a 2025-02-02 applies:a", "c 2026-01-01 ceases:a"),
        "2026-01-01",
        "in-force",
    ),
    (
        ("in 2024-08-01 effective", "a 2025-02-02 applies:a", "s 2025-06-01 suspended"),
        "2025-07-01",
        "suspended[a]",
    ),
    (
        (
            "in 2024-08-01 effective",
            "a 2025-02-02 applies:a",
            "x 2026-01-01 expired",
            "r 2027-01-01 reinstated",
        ),
        "2027-01-01",
        "in-force",
    ),
    (("a-in 2024-08-01 effective", "b-a 2024-08-01 applies:a"), "2024-08-01", "in-force[a]"),
]  # fmt: skip


@pytest.mark.parametrize(("specs", "as_of", "expected"), SEQUENCES)
def test_state_on_a_date(specs: tuple[str, ...], as_of: str, expected: str) -> None:
    """Folding a policy's events gives the documented state at the end of the day."""
    assert _brief(state_on(_timeline(*specs), "p", D(as_of))) == expected


NEVER = r"is not allowed here: policy 'p' was never in force"
IN_FORCE = r"is not allowed here: policy 'p' is in force since 7 October 2022 \(rule\)"
ILLEGAL = [
    (("end 2024-01-01 rescinded",), rf"'rescinded' {NEVER} \(it is not yet announced\)"),
    (
        ("xi 2025-04-25 announced", "end 2025-06-01 rescinded"),
        rf"{NEVER} \(it is announced since 25 April 2025 \(xi\), not in force\); "
        "first record the event that enacted it or made it effective, or correct this effect",
    ),
    (("t 2024-01-01 tightened",), rf"'tightened' {NEVER}"),
    (("p 2024-01-01 proposed", "s 2024-02-01 suspended"), rf"'suspended' {NEVER}"),
    (("x 2024-01-01 expired",), rf"'expired' {NEVER}"),
    (("back 2024-01-01 reinstated",), rf"'reinstated' {NEVER}"),
    (
        ("rule 2022-10-07 effective", "eff 2023-01-01 effective"),
        rf"'effective' {IN_FORCE}; a change to a policy in force is 'tightened' or 'loosened'",
    ),
    (
        (ENACTED, "t 2022-12-01 tightened", "eff 2023-01-01 effective"),
        r"if an earlier event only adopted the policy, make that one 'adopted'",
    ),
    (
        ("rule 2024-01-01 adopted", "p 2024-02-01 proposed"),
        r"'proposed' is not allowed here: policy 'p' is adopted since 1 January 2024 \(rule\), "
        r"not in force; first record the day it takes effect \('effective'\)",
    ),
    (("rule 2024-01-01 adopted", "t 2024-02-01 tightened"), r"'tightened' .* adopted since"),
    (("rule 2024-01-01 adopted", "a 2024-02-01 applies:a"), r"'applies' .* adopted since"),
    (("a 2024-02-01 applies:a",), r"a provision applies only once the policy is in force"),
    (
        ("in 2024-08-01 effective", "a 2025-02-02 applies:a", "b 2025-03-01 applies:a"),
        r"'applies' is not allowed here: provision 'a' of policy 'p' applies already since "
        r"2 February 2025 \(a\)",
    ),
    (
        ("in 2024-08-01 effective", "c 2025-02-02 ceases:a"),
        r"'ceases' is not allowed here: provision 'a' of policy 'p' does not apply",
    ),
    ((ENACTED, "back 2023-01-01 reinstated"), r"only a suspended or ended policy can be"),
    (
        (ENACTED, "s 2023-01-01 suspended", "t 2023-02-01 tightened"),
        r"'tightened' is not allowed here: policy 'p' is suspended since 1 January 2023 \(s\); "
        "record its reinstatement first",
    ),
    (
        (ENACTED, "s 2023-01-01 suspended", "s2 2023-02-01 suspended"),
        r"'suspended' is not allowed .* record its reinstatement first",
    ),
    (
        (ENACTED, "end 2023-01-01 rescinded", "l 2023-02-01 loosened"),
        r"'loosened' is not allowed here: policy 'p' is rescinded since 1 January 2023 "
        r"\(end\), no longer in force; it must be reinstated or enacted again first",
    ),
    (
        (ENACTED, "end 2023-01-01 expired", "end2 2023-02-01 rescinded"),
        r"'rescinded' is not allowed .* must be reinstated or enacted again first",
    ),
    (
        (ENACTED, "a 2023-01-01 tightened", "b 2023-01-01 loosened"),
        r"'loosened' conflicts with 'a' \(tightened\), dated the same \(1 January 2023\): "
        "the data cannot say which came first",
    ),
    (
        (ENACTED, "a 2023-01-01 suspended", "b 2023-01-01 reinstated"),
        r"'reinstated' conflicts with 'a' \(suspended\)",
    ),
    (
        (ENACTED, "a 2023-05 rescinded", "b 2023-05 expired"),
        r"'expired' conflicts with 'a' \(rescinded\), dated the same \(May 2023\)",
    ),
    (
        ("in 2022-01-01 effective", "a 2023-01-01 applies:a", "b 2023-01-01 ceases:a"),
        r"'ceases' conflicts with 'a' \(applies\)",
    ),
]


@pytest.mark.parametrize(("specs", "message"), ILLEGAL)
def test_illegal_sequences_are_rejected_with_a_clear_message(
    specs: tuple[str, ...], message: str
) -> None:
    """A transition the lifecycle does not allow is named, with what to do, never guessed."""
    tl = _timeline(*specs)
    found = [text for _, text in check(tl.events)]
    assert len(found) == 1
    assert re.search(message, found[0]), found[0]
    with pytest.raises(LifecycleError, match=message):
        history(tl, "p")


def test_check_reports_every_illegal_event_not_just_the_first() -> None:
    """`check` keeps folding past a bad event and reports each one."""
    tl = _timeline("end 2024-01-01 rescinded", "t 2024-02-01 tightened", "rule 2024-03-01 enacted")
    assert [e.id for e, _ in check(tl.events)] == ["end", "t"]


def test_the_error_carries_the_event() -> None:
    """`LifecycleError` names the offending event and its effect, and is a ValueError."""
    tl = _timeline("end 2024-01-01 rescinded")
    with pytest.raises(ValueError, match="event 'end'") as caught:
        history(tl, "p")
    assert isinstance(caught.value, LifecycleError)
    assert caught.value.event.id == "end"
    assert caught.value.value is Effect.RESCINDED


def test_a_later_illegal_event_does_not_spoil_earlier_answers() -> None:
    """The state before an illegal event is still answered; asking past it raises."""
    tl = _timeline("rule 2022-10-07 effective", "again 2023-01-01 effective")
    assert _brief(state_on(tl, "p", D("2022-12-31"))) == "in-force"
    with pytest.raises(LifecycleError, match="'effective' is not allowed here"):
        state_on(tl, "p", D("2023-01-01"))


# -- uncertainty -----------------------------------------------------------------------------


def test_the_h200_month_gives_an_uncertain_answer_with_its_reason() -> None:
    """Asked inside 'December 2025', the answer names both states and why; it never picks."""
    answer = state_on(_timeline(*H200_MONTH), "p", D("2025-12-05"))
    assert not answer.certain
    assert answer.state is None
    assert answer.phase is Phase.IN_FORCE
    assert answer.in_force is True
    assert [e.id for e in answer.pending] == ["h200"]
    assert answer.reason == (
        "'h200' (loosened) is dated December 2025, which includes 5 December 2025, "
        "so it may or may not have happened by then"
    )
    assert answer.label == (
        "uncertain between “in force since 7 October 2022 (rule), tightened since "
        "2 December 2024 (tight)” and “in force since 7 October 2022 (rule), loosened since "
        "December 2025 (h200)”"
    )


def test_the_h200_day_gives_a_definite_answer() -> None:
    """Once the rollback's day is known, 5 December 2025 is definitely before it."""
    answer = state_on(_timeline(*H200_DAY), "p", D("2025-12-05"))
    assert answer.certain
    assert answer.reason is None
    assert answer.pending == ()
    assert answer.state is not None
    assert answer.state.change is not None
    assert answer.state.change.id == "tight"


def test_uncertain_whether_in_force_gives_none() -> None:
    """When one possible state binds and another does not, `in_force` and `phase` are None."""
    answer = state_on(_timeline("guide 2025-06/2025-12 enacted"), "p", D("2025-09-01"))
    assert answer.in_force is None
    assert answer.phase is None
    assert "June–December 2025" in (answer.reason or "")


def test_an_instant_as_of_inside_a_dated_day_is_uncertain() -> None:
    """A day-precise event may fall before or after noon of that day."""
    tl = _timeline(*H200_DAY)
    noon = dt.datetime(2025, 12, 8, 12, tzinfo=dt.UTC)
    assert _brief(state_on(tl, "p", noon)) == "?in-force+tightened|in-force+loosened"


def test_dates_stand_for_days_in_the_timelines_zone() -> None:
    """An instant late on 8 December UTC is already 9 December in Shanghai."""
    specs = (ENACTED, "h200 2025-12-08T20:00Z loosened")
    assert _brief(state_on(_timeline(*specs), "p", D("2025-12-08"))) == "in-force+loosened"
    shanghai = _timeline(*specs, zone="Asia/Shanghai")
    assert _brief(state_on(shanghai, "p", D("2025-12-08"))) == "in-force"
    assert _brief(state_on(shanghai, "p", D("2025-12-09"))) == "in-force+loosened"


def test_a_naive_datetime_is_refused() -> None:
    """`as_of` must be a date or an aware datetime (STYLE item 7)."""
    with pytest.raises(TypeError, match="is naive; give it a tzinfo"):
        state_on(_timeline(ENACTED), "p", dt.datetime(2025, 1, 1))  # noqa: DTZ001 - on purpose
    with pytest.raises(TypeError, match=r"takes a datetime\.date"):
        state_on(_timeline(ENACTED), "p", "2025-01-01")  # type: ignore[arg-type]


# -- laws: legal walks fold, and the last state is the answer long after -------------------


@given(events=legal_lifecycles())
def test_a_legal_walk_folds_and_each_day_shows_its_step(events: list[Event]) -> None:
    """Allowed transitions on distinct days never raise; each event's day shows its state."""
    tl = _timeline(events=events)
    assert list(check(tl.events)) == []
    steps = history(tl, "p")
    assert [t.event.id for t in steps] == [e.id for e in events]
    for step in steps:
        assert step.event.when.earliest is not None
        answer = state_on(tl, "p", step.event.when.earliest)
        assert answer.certain
        assert answer.state == step.after
        assert answer.phase is step.after.phase


@given(events=policy_events())
def test_long_after_every_event_the_answer_is_the_last_step(events: list[Event]) -> None:
    """After every closed span has ended, the state is the history's last state, or raises."""
    assume(all(e.when.latest is not None for e in events))
    tl = _timeline(events=events)
    try:
        steps = history(tl, "p")
    except LifecycleError:
        with pytest.raises(LifecycleError, match=r"is not allowed here|conflicts with"):
            state_on(tl, "p", dt.date(9999, 12, 31))
        return
    answer = state_on(tl, "p", dt.date(9999, 12, 31))
    assert answer.certain
    assert answer.state == (steps[-1].after if steps else State())


# -- history, views and status of all policies ------------------------------------------------


def test_history_lists_transitions_with_their_events_and_sources() -> None:
    """Each step names its event, effect, the states around it and the cited sources."""
    tl = _timeline(*H200_DAY)
    steps = tl.policy("p").history()
    assert [(t.event.id, t.effect) for t in steps] == [
        ("rule", Effect.ENACTED),
        ("tight", Effect.TIGHTENED),
        ("h200", Effect.LOOSENED),
    ]
    assert steps[0].before == State()
    assert steps[1].before == steps[0].after
    assert steps[2].after.label == (
        "in force since 7 October 2022 (rule), loosened since 8 December 2025 (h200)"
    )
    assert steps[0].sources == ("src",)


def test_policy_view_answers_for_its_policy() -> None:
    """`timeline.policy(id)` gives `state_on()` and `history()` for that policy."""
    view = _timeline(*H200_DAY).policy("p")
    assert view.id == "p"
    assert [e.id for e in view.events()] == ["rule", "tight", "h200"]
    assert _brief(view.state_on(D("2025-12-31"))) == "in-force+loosened"


def test_unknown_policy_is_a_key_error_naming_the_known_ones() -> None:
    """Asking for a policy the timeline lacks says which ones it has."""
    with pytest.raises(KeyError, match=r"no policy with id 'nope' \(known: p, q\)"):
        _timeline().policy("nope")
    with pytest.raises(KeyError, match="no policy with id 'nope'"):
        status(_timeline(), D("2025-01-01"), policies=["nope"])


def test_status_answers_for_every_policy_in_order() -> None:
    """`Timeline.status` covers every policy; `policies=` narrows it."""
    tl = _timeline(*H200_DAY)
    answers = tl.status(D("2025-12-31"))
    assert list(answers) == ["p", "q"]
    assert _brief(answers["p"]) == "in-force+loosened"
    assert _brief(answers["q"]) == "not-announced"
    assert list(status(tl, D("2025-12-31"), policies=["q"])) == ["q"]


def test_state_labels() -> None:
    """Each phase reads as a sentence a user can quote."""
    tl = _timeline(
        "n 2024-01-10 proposed", "r 2024-06 enacted", "s 2024-08-01 suspended", "x 2025 expired"
    )
    labels = [t.after.label for t in history(tl, "p")]
    assert labels == [
        "proposed since 10 January 2024 (n), not in force",
        "in force since June 2024 (r)",
        "suspended since 1 August 2024 (s)",
        "expired since 2025 (x), no longer in force",
    ]
    assert str(State()) == "not yet announced"
    assert str(Phase.IN_FORCE) == "in force"


# -- the clock -------------------------------------------------------------------------------


def test_default_as_of_is_today_from_the_clock() -> None:
    """Without `as_of`, the state is today's, and the clock can be frozen for tests."""
    tl = _timeline(*H200_MONTH)
    with frozen_today(D("2025-12-05")):
        assert today() == D("2025-12-05")
        answer = tl.policy("p").state_on()
        assert answer.as_of == D("2025-12-05")
        assert not answer.certain
        with frozen_today(D("2026-01-01")):
            assert tl.status()["p"].certain
        assert today() == D("2025-12-05")


def test_the_clock_runs_when_not_frozen() -> None:
    """Unfrozen, `today()` is the real date in the zone asked for."""
    before = dt.datetime.now(dt.UTC).date()
    assert before <= today() <= dt.datetime.now(dt.UTC).date()


def test_the_clock_takes_only_dates() -> None:
    """Freezing to a datetime is refused: "today" is a calendar day."""
    with (
        pytest.raises(TypeError, match=r"takes a datetime\.date"),
        frozen_today(dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
    ):
        pass  # pragma: no cover


# -- validation while loading ----------------------------------------------------------------

DATA = """\
[[source]]
id = "src"
title = "A source"

[[policy]]
id = "p"
title = "P"

[[event]]
id = "rule"
title = "Rule"
when = "2022-10-07"
policy = "p"
effect = "announced"
[[event.cite]]
source = "src"

[[event]]
id = "end"
title = "End"
when = "2024-01-01"
policy = "p"
effect = "rescinded"
[[event.cite]]
source = "src"

[[event]]
id = "a"
title = "A"
when = "2025-01-01"
policy = "p"
effect = "enacted"
[[event.cite]]
source = "src"

[[event]]
id = "b"
title = "B"
when = "2025-03-01"
policy = "p"
effect = "tightened"
[[event.cite]]
source = "src"

[[event]]
id = "c"
title = "C"
when = "2025-03-01"
policy = "p"
effect = "loosened"
[[event.cite]]
source = "src"
"""


def test_loading_reports_each_illegal_effect_with_file_line_and_key(
    in_tmp: Path,
) -> None:
    """`load` rejects the data, locating every bad effect at `event[i].effect`."""
    (in_tmp / "events").mkdir()
    (in_tmp / "events" / "a.toml").write_text(DATA, encoding="utf-8")
    with pytest.raises(DataError, match="2 problems") as caught:
        load(in_tmp / "events")
    lines = DATA.splitlines()
    found = [(p.path, p.line, p.key, p.value) for p in caught.value.problems]
    assert found == [
        (
            "events/a.toml",
            lines.index('effect = "rescinded"') + 1,
            "event[1].effect",
            Effect.RESCINDED,
        ),
        ("events/a.toml", len(lines) - 2, "event[4].effect", Effect.LOOSENED),
    ]
    first, second = caught.value.problems
    assert "'rescinded' is not allowed here: policy 'p' was never in force" in first.message
    assert "'loosened' conflicts with 'b' (tightened), dated the same" in second.message


def test_the_shipped_data_folds() -> None:
    """Every policy in events/ loads, and its history ends where the record says."""
    tl = load(Path(__file__).resolve().parent.parent / "events")
    for policy in tl.policies:
        history(tl, policy)
    last = tl.policy("us-chip-export-controls").history()[-1]
    assert last.event.id == "h200-export-rollback"
    assert last.effect is Effect.LOOSENED
