"""A policy's status on a date: adoption before entry into force, provisions, what comes next."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from strategies import policy_events, policy_timelines
from test_lifecycle import ENACTED, H200_DAY, _event, _timeline
from timeline import load
from timeline._lifecycle import LifecycleError, Phase, fold
from timeline._model import Effect, Event, Policy, Provision, Settings
from timeline._status import Status, date_text, state_on, status
from timeline._timeline import Timeline
from timeline._when import When

D = dt.date.fromisoformat
ROOT = Path(__file__).resolve().parent.parent
EU = ROOT / "examples" / "eu-ai-act"

PHASED = Policy(
    id="p",
    title="P",
    provisions=(
        Provision(id="a", title="prohibitions"),
        Provision(id="b", title="general-purpose AI obligations"),
    ),
)


def _phased(*specs: str) -> Timeline:
    return Timeline(events=[_event(s) for s in specs], policies=[PHASED])


# -- adopted on one day, in force on a later one ---------------------------------------------

ADOPTION = ("rule 2024-03-04 enacted", "rule-effective 2024-05-02 effective")


def test_between_adoption_and_effect_the_policy_is_adopted_and_not_binding() -> None:
    """`enacted` then a later `effective`: adopted, not in force, takes effect on that day."""
    answer = state_on(_timeline(*ADOPTION), "p", D("2024-04-01"))
    assert answer.phase is Phase.ADOPTED
    assert answer.in_force is False
    assert answer.binds is False
    assert answer.label == "adopted since 4 March 2024 (rule), not in force"
    assert answer.next_text == "takes effect 2 May 2024 (rule-effective)"
    after = state_on(_timeline(*ADOPTION), "p", D("2024-05-02"))
    assert after.phase is Phase.IN_FORCE
    assert after.label == "in force since 2 May 2024 (rule-effective)"
    assert after.next is None


def test_enacted_alone_still_puts_the_policy_in_force_that_day() -> None:
    """With no `effective` after it, `enacted` keeps its meaning: in force that day."""
    answer = state_on(_timeline(ENACTED, "t 2023-01-01 tightened"), "p", D("2022-10-07"))
    assert answer.phase is Phase.IN_FORCE
    assert answer.next_text == "tightened from 1 January 2023 (t)"


def test_a_tracker_style_folder_passes_check_and_answers(in_tmp: Path) -> None:
    """Data written the way trackers record it loads; the three answers the issue names."""
    from timeline._cli import main

    folder = in_tmp / "events"
    folder.mkdir()
    (folder / "rule.toml").write_text(TRACKER_DATA, encoding="utf-8")
    assert main(["check", "events"]) == 0
    tl = load(folder)
    april = tl.status(D("2024-04-01"))["rule"]
    assert (april.phase, april.in_force) == (Phase.ADOPTED, False)
    assert april.next_text == "takes effect 2 May 2024 (rule-in-force)"
    assert tl.status(D("2024-05-02"))["rule"].in_force is True


TRACKER_DATA = """\
[[source]]
id = "fr"
title = "Final rule"
url = "https://www.federalregister.gov/d/2024-00001"

[[policy]]
id = "rule"
title = "A final rule"
jurisdiction = "US"

[[event]]
id = "rule-published"
title = "The final rule is published"
when = "2024-03-04"
policy = "rule"
effect = "enacted"
[[event.cite]]
source = "fr"
note = "Publication date."

[[event]]
id = "rule-in-force"
title = "The final rule takes effect"
when = "2024-05-02"
policy = "rule"
effect = "effective"
[[event.cite]]
source = "fr"
note = "Effective date."
"""


def test_status_text_says_adopted_and_when_it_takes_effect(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timeline status --as-of 2024-04-01` reads 'adopted …, not in force' and 'next: …'."""
    from timeline._cli import main

    (in_tmp / "events").mkdir()
    (in_tmp / "events" / "rule.toml").write_text(TRACKER_DATA, encoding="utf-8")
    assert main(["status", "events", "--as-of", "2024-04-01"]) == 0
    out = capsys.readouterr().out
    assert "  adopted since 4 March 2024 (rule-published), not in force\n" in out
    assert "  next: takes effect 2 May 2024 (rule-in-force)\n" in out
    assert main(["status", "events", "--as-of", "2024-05-02"]) == 0
    assert "  in force since 2 May 2024 (rule-in-force)\n" in capsys.readouterr().out


# -- provisions ------------------------------------------------------------------------------


def test_in_force_with_no_provision_applying_says_so_and_binds_no_one() -> None:
    """Entered into force, but nothing applies yet: in force, not binding, next provision."""
    tl = _phased("in 2024-08-01 effective", "a 2025-02-02 applies:a", "b 2025-08-02 applies:b")
    answer = state_on(tl, "p", D("2024-08-01"))
    assert answer.in_force is True
    assert answer.binds is False
    assert answer.label == "in force since 1 August 2024 (in); no provision applies yet"
    assert answer.next_text == "prohibitions applicable from 2 February 2025 (a)"
    assert [(p.provision.id, p.applies, p.label) for p in answer.provisions] == [
        ("a", False, "pending, applicable from 2 February 2025 (a)"),
        ("b", False, "pending, applicable from 2 August 2025 (b)"),
    ]


def test_provisions_apply_from_their_dates() -> None:
    """Each provision applies from its own date; the status lists both kinds."""
    tl = _phased("in 2024-08-01 effective", "a 2025-02-02 applies:a", "b 2025-08-02 applies:b")
    answer = state_on(tl, "p", D("2025-03-01"))
    assert answer.binds is True
    assert answer.label == "in force since 1 August 2024 (in); applicable: prohibitions"
    assert [p.label for p in answer.provisions] == [
        "applicable since 2 February 2025 (a)",
        "pending, applicable from 2 August 2025 (b)",
    ]
    assert answer.next_text == "general-purpose AI obligations applicable from 2 August 2025 (b)"


def test_a_provision_without_a_recorded_date_is_pending_with_no_date() -> None:
    """A declared provision no event starts is pending, and says no date is recorded."""
    answer = state_on(_phased("in 2024-08-01 effective"), "p", D("2025-01-01"))
    assert [p.label for p in answer.provisions] == [
        "pending, no date recorded",
        "pending, no date recorded",
    ]


def test_a_provision_that_ceased_says_since_when() -> None:
    """After `ceases`, the provision is no longer applicable, and the policy no longer binds."""
    tl = _phased("in 2024-08-01 effective", "a 2025-02-02 applies:a", "c 2026-01-01 ceases:a")
    answer = state_on(tl, "p", D("2026-06-01"))
    assert answer.provisions[0].label == "no longer applicable since 1 January 2026 (c)"
    assert answer.label.endswith("; no provision applies any more")
    assert answer.binds is False


def test_an_imprecise_application_date_is_uncertain_in_its_span() -> None:
    """Applying 'in 2025': in March 2025 the provision may or may not apply."""
    tl = _phased("in 2024-08-01 effective", "a 2025 applies:a")
    before = state_on(tl, "p", D("2024-12-31"))
    assert before.next_text == (
        "prohibitions applicable from 2025 (uncertain between 1 January 2025 and "
        "31 December 2025) (a)"
    )
    inside = state_on(tl, "p", D("2025-03-01"))
    assert not inside.certain
    assert inside.binds is None
    assert inside.provisions[0].applies is None
    assert inside.next is None  # the undecided step is pending, not next


def test_a_provision_that_applies_in_every_possible_state_says_since_when() -> None:
    """Uncertain about a later tightening, certain the provision applies: it says since when."""
    tl = _phased("in 2024-08-01 effective", "a 2025-02-02 applies:a", "t 2025-03 tightened")
    answer = state_on(tl, "p", D("2025-03-10"))
    assert not answer.certain
    assert answer.provisions[0].applies is True
    assert answer.provisions[0].label == "applicable since 2 February 2025 (a)"
    assert answer.provisions[1].label == "pending, no date recorded"


# -- amendments ------------------------------------------------------------------------------


def test_a_proposed_amendment_to_a_policy_in_force_is_pending() -> None:
    """A proposal on a policy in force: in force; amendment proposed since …; nothing else."""
    tl = _timeline(ENACTED, "omnibus 2025-11-19 proposed")
    answer = state_on(tl, "p", D("2025-12-01"))
    assert answer.in_force is True
    assert answer.label == (
        "in force since 7 October 2022 (rule); amendment proposed since 19 November 2025 (omnibus)"
    )


def test_an_adopted_amendment_takes_effect_with_the_next_change() -> None:
    """Adopted on 17 October, tightening on 17 November: pending in between, then applied."""
    tl = _timeline(ENACTED, "release 2023-10-17 adopted", "effective 2023-11-17 tightened")
    between = state_on(tl, "p", D("2023-11-01"))
    assert between.label.endswith("; amendment adopted since 17 October 2023 (release)")
    assert between.next_text == "tightened from 17 November 2023 (effective)"
    after = state_on(tl, "p", D("2023-11-17"))
    assert after.state is not None
    assert after.state.amendment is None
    assert after.label.endswith("tightened since 17 November 2023 (effective)")


# -- scheduled dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notation", "text"),
    [
        ("2024-05-02", "2 May 2024"),
        ("2026-06", "June 2026 (uncertain between 1 June 2026 and 30 June 2026)"),
        ("2026-22", "summer 2026 (uncertain between 1 June 2026 and 31 August 2026)"),
        ("2027/..", "since 2027 (uncertain: on or after 1 January 2027)"),
        ("../2027-03", "until March 2027 (uncertain: on or before 31 March 2027)"),
        ("2025-12-08T15:30Z", "8 December 2025, 15:30 UTC"),
    ],
)
def test_scheduled_dates_keep_their_precision(notation: str, text: str) -> None:
    """A date the data knows less precisely than a day says the span it may fall in."""
    assert date_text(When.parse(notation)) == text


def test_every_later_step_is_scheduled_in_order() -> None:
    """`scheduled` holds every step after the date; `next` is the first."""
    answer = state_on(_timeline(*H200_DAY), "p", D("2022-01-01"))
    assert [s.event.id for s in answer.scheduled] == ["rule", "tight", "h200"]
    assert answer.next_text == "takes effect 7 October 2022 (rule)"


def test_a_later_step_that_does_not_fold_ends_what_is_scheduled() -> None:
    """Steps after one that does not fold are not shown as scheduled: nothing is known."""
    tl = _timeline(ENACTED, "t 2023-01-01 reinstated", "u 2024-01-01 tightened")
    answer = state_on(tl, "p", D("2022-12-01"))
    assert answer.scheduled == ()
    with pytest.raises(LifecycleError, match="'reinstated' is not allowed here"):
        state_on(tl, "p", D("2023-06-01"))


# -- the EU AI Act example -------------------------------------------------------------------


@pytest.fixture(scope="module")
def eu() -> Timeline:
    return load(EU)


def test_eu_ai_act_on_entry_into_force(eu: Timeline) -> None:
    """1 August 2024: in force, no provision applies yet; next, the prohibitions."""
    answer = eu.status(D("2024-08-01"))["eu-ai-act"]
    assert answer.in_force is True
    assert answer.binds is False
    assert "no provision applies yet" in answer.label
    assert answer.next is not None
    assert answer.next.event.provision == "prohibitions"
    assert answer.next_text == (
        "prohibitions (Chapters I and II) applicable from 2 February 2025 "
        "(ai-act-prohibitions-apply)"
    )


def test_eu_ai_act_once_the_prohibitions_apply(eu: Timeline) -> None:
    """1 March 2025: the prohibitions apply; next date 2 August 2025."""
    answer = eu.status(D("2025-03-01"))["eu-ai-act"]
    applying = [p.provision.id for p in answer.provisions if p.applies]
    assert applying == ["prohibitions"]
    assert answer.next is not None
    assert answer.next.event.when == When.parse("2025-08-02")
    assert answer.next_text is not None
    assert "general-purpose AI obligations applicable from 2 August 2025" in answer.next_text


def test_eu_ai_act_in_december_2026(eu: Timeline) -> None:
    """1 December 2026: the 2026 rules apply, the 2027 ones are pending; amendment proposed."""
    answer = eu.status(D("2026-12-01"))["eu-ai-act"]
    by_id = {p.provision.id: p for p in answer.provisions}
    assert by_id["most-rules"].applies is True
    assert by_id["annex-i-high-risk"].applies is False
    assert by_id["annex-i-high-risk"].label == (
        "pending, applicable from 2 August 2027 (ai-act-annex-i-high-risk-applies)"
    )
    assert "amendment proposed since 19 November 2025" in answer.label


# -- the law: events after the date change only what comes next ------------------------------


def _now_part(answer: Status | str) -> object:
    """Everything a status says about the day itself (not what the data has for later)."""
    if isinstance(answer, str):
        return answer
    provisions = [(p.provision.id, p.applies, p.since) for p in answer.provisions]
    return (answer.possible, answer.pending, answer.label, answer.reason, provisions)


def _enacted_reread(events: list[Event], later: list[Event], zone: dt.tzinfo) -> bool:
    """Whether `later` puts an `effective` step right after an `enacted` one of `events`,
    which turns that enactment into an adoption (the one documented exception)."""
    folded = fold(Policy(id="p", title="P"), events + later, zone)
    ids = {e.id for e in later}
    return any(
        a.effect is Effect.ENACTED and b.effect is Effect.EFFECTIVE and b.id in ids
        for a, b in itertools.pairwise(folded.events)
    )


@given(
    events=policy_events(),
    later=policy_events(max_size=4),
    day=st.dates(dt.date(1890, 1, 1), dt.date(2110, 12, 31)),
    zone=st.sampled_from(["UTC", "Asia/Shanghai", "America/New_York"]),
)
def test_events_after_the_date_change_only_what_comes_next(
    events: list[Event], later: list[Event], day: dt.date, zone: str
) -> None:
    """Adding events that start strictly after `day` leaves the status on `day` as it was,
    but for its scheduled part (and an `enacted` step an `effective` one now follows)."""
    tz = Settings(timezone=zone).zone
    end = When.from_date(day).sort_key(tz)[1]
    later = [attrs.evolve(e, id=f"later-{e.id}") for e in later]
    assume(all(e.when.sort_key(tz)[0] > end for e in later))
    assume(not _enacted_reread(events, later, tz))

    def ask(extra: list[Event]) -> Status | str:
        try:
            return state_on(_timeline(events=events + extra, zone=zone), "p", day)
        except LifecycleError as error:
            return str(error)

    assert _now_part(ask(later)) == _now_part(ask([]))


def test_the_one_exception_to_the_law_is_an_enactment_later_made_effective() -> None:
    """A later `effective` step rereads the `enacted` one before it as an adoption."""
    alone = state_on(_timeline("rule 2024-03-04 enacted"), "p", D("2024-04-01"))
    assert alone.phase is Phase.IN_FORCE
    with_effect = state_on(_timeline(*ADOPTION), "p", D("2024-04-01"))
    assert with_effect.phase is Phase.ADOPTED


def test_status_covers_every_policy_and_the_named_ones() -> None:
    """`status` answers for each policy in order; `policies=` narrows it."""
    tl = _timeline(*H200_DAY)
    assert list(status(tl, D("2025-12-31"))) == ["p", "q"]
    assert list(status(tl, D("2025-12-31"), policies=["q"])) == ["q"]


@given(
    tl=policy_timelines(),
    day=st.dates(dt.date(1890, 1, 1), dt.date(2110, 12, 31)),
)
def test_every_status_reads_as_text_and_json(tl: Timeline, day: dt.date) -> None:
    """Whatever the data, each status renders: its label, provisions and next step."""
    from timeline.report._json import dump_status
    from timeline.report._policy import status_text

    answers = status(tl, day)
    text = status_text(answers, day, width=None)
    data = dump_status(answers, day)
    for answer, shown in zip(answers.values(), data["policies"], strict=True):
        assert all(state.label in text for state in answer.possible)
        assert [p["label"] for p in shown["provisions"]] == [p.label for p in answer.provisions]
        assert (shown["next"] is None) == (answer.next is None)
