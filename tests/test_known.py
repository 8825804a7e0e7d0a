"""What was known when: `recorded`, `Timeline.known_on`, `known_from` and `--known-on`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from strategies import dated_policy_timelines, known_days, recorded_timelines
from timeline import Citation, Event, Policy, Source, Timeline, When
from timeline._cli import main
from timeline.errors import InvalidFieldError

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"
US = "us-chip-export-controls"
D = dt.date


def _timeline(*events: Event) -> Timeline:
    return Timeline(
        events=events,
        sources=[
            Source(id="post", title="A post", published="2025-12-08"),
            Source(id="article", title="An article", published="2025-12-19"),
            Source(id="readout", title="A readout", published="2025-04"),
            Source(id="undated", title="No date"),
            Source(id="open", title="Some day from 2025 on", published="2025/.."),
        ],
    )


def _event(*cited: str | Citation, recorded: str | None = None) -> Event:
    cite = [c if isinstance(c, Citation) else Citation(source=c) for c in cited]
    return Event(id="e", title="E", when="2025-12-08", cite=cite, recorded=recorded)


def _undated(when: When) -> Event:
    return Event(id="e", title="E", when=when, cite=[Citation(source="undated")])


@pytest.mark.parametrize(
    ("event", "known"),
    [
        (_event("post", "article"), D(2025, 12, 8)),
        (_event("article"), D(2025, 12, 19)),
        (_event("readout"), D(2025, 4, 30)),  # a month: surely published by its last day
        (_event("undated"), D(2025, 12, 8)),  # not reported before it happened
        (_event("undated", "article"), D(2025, 12, 8)),
        (_undated(When.parse("2025-04~")), D(2025, 4, 1)),  # its earliest day
        (_undated(When.parse("../2025-12-08")), None),  # nothing dates it: every day
        (_event("open"), dt.date.max),  # never surely published by any day
        (_event("article", recorded="2025-12-01"), D(2025, 12, 1)),  # the event's day wins
        (_event(Citation(source="article", recorded="2025-11-20")), D(2025, 11, 20)),
        (_event(Citation(source="post", recorded="2025-12-20"), "article"), D(2025, 12, 19)),
    ],
)
def test_known_from_table(event: Event, known: dt.date | None) -> None:
    """An event is known from its recorded day, else its earliest known citation's day."""
    assert _timeline(event).known_from("e") == known


def test_known_on_keeps_what_was_known_by_then() -> None:
    """A known event cites only what was published by the day; later sources are left out."""
    tl = _timeline(_event("post", "article", "undated"))
    assert len(tl.known_on(D(2025, 12, 7))) == 0
    early = tl.known_on(D(2025, 12, 8))
    assert [c.source for c in early["e"].cite] == ["post", "undated"]
    assert set(early.sources) == {"post", "undated", "readout"}
    late = tl.known_on(D(2025, 12, 19))
    assert late["e"] == tl["e"]
    assert set(late.sources) == {"post", "article", "undated", "readout"}


def test_a_recorded_event_cites_what_its_record_cited() -> None:
    """An event recorded before its sources were published keeps them; a citation added
    later (its own recorded day) waits for that day."""
    later = Citation(source="post", recorded="2025-12-20")
    tl = _timeline(_event("article", later, recorded="2025-12-01"))
    assert [c.source for c in tl.known_on(D(2025, 12, 2))["e"].cite] == ["article"]
    assert [c.source for c in tl.known_on(D(2025, 12, 20))["e"].cite] == ["article", "post"]
    alone = _timeline(
        _event(later, Citation(source="article", recorded="2025-12-25"), recorded="2025-12-01")
    )
    assert [c.source for c in alone.known_on(D(2025, 12, 2))["e"].cite] == ["post"]


@pytest.mark.parametrize("day", [dt.datetime(2025, 12, 1, tzinfo=dt.UTC), "2025-12-01", None])
def test_known_on_takes_a_date(day: object) -> None:
    """A datetime, a string or nothing is refused with the type it takes."""
    with pytest.raises(TypeError, match=r"takes a datetime\.date"):
        _timeline().known_on(day)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-12", r"'2025-12' is not a day: write the day the record was made as YYYY-MM-DD"),
        ("2025-02-30", r"'2025-02-30' is not a day"),
        ("20251208", r"'20251208' is not a day"),
        (20251208, r"20251208 is not a day"),
        (dt.datetime(2025, 12, 8, tzinfo=dt.UTC), r"'2025-12-08T00:00:00\+00:00' is not a day"),
    ],
)
def test_recorded_must_be_a_day(value: object, message: str) -> None:
    """`recorded` on an event or a citation is a YYYY-MM-DD day, nothing else."""
    with pytest.raises(InvalidFieldError, match=rf"^recorded: {message}"):
        Citation(source="s", recorded=value)  # type: ignore[arg-type]
    with pytest.raises(InvalidFieldError, match=rf"^recorded: {message}"):
        _event("post", recorded=value)  # type: ignore[arg-type]


SOURCE = '[[source]]\nid = "s"\ntitle = "S"\npublished = "2025-12-19"\n\n'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '[[event]]\nid = "e"\ntitle = "E"\nwhen = "2025"\nrecorded = "2025-12"\n'
            '[[event.cite]]\nsource = "s"\n',
            "events/a.toml:10: event[0].recorded: '2025-12' is not a day: write the day the "
            "record was made as YYYY-MM-DD, e.g. '2025-12-08'",
        ),
        (
            '[[event]]\nid = "e"\ntitle = "E"\nwhen = "2025"\n[[event.cite]]\nsource = "s"\n'
            "recorded = 2025-12-08T10:00:00Z\n",
            "events/a.toml:12: event[0].cite[0].recorded: '2025-12-08T10:00:00+00:00' is not a day",
        ),
    ],
)
def test_a_bad_recorded_day_is_located(in_tmp: Path, text: str, problem: str) -> None:
    """A `recorded` that is not a day is reported at its file, line and key."""
    (in_tmp / "events").mkdir()
    (in_tmp / "events" / "a.toml").write_text(SOURCE + text, encoding="utf-8")
    with pytest.raises(timeline.DataError) as caught:
        timeline.load("events")
    assert str(caught.value.problems[0]).startswith(problem)


def test_recorded_reads_as_a_string_or_a_toml_date(in_tmp: Path) -> None:
    """`recorded = "2025-12-01"` and a bare TOML date `recorded = 2025-12-01` are the same."""
    (in_tmp / "events").mkdir()
    (in_tmp / "events" / "a.toml").write_text(
        SOURCE + '[[event]]\nid = "e"\ntitle = "E"\nwhen = "2025"\nrecorded = 2025-12-01\n'
        '[[event.cite]]\nsource = "s"\nrecorded = "2025-12-02"\n',
        encoding="utf-8",
    )
    tl = timeline.load("events")
    assert tl["e"].recorded == D(2025, 12, 1)
    assert tl["e"].cite[0].recorded == D(2025, 12, 2)
    assert tl.known_from("e") == D(2025, 12, 1)


@given(tl=recorded_timelines(), days=st.lists(known_days(), min_size=2, max_size=2))
def test_known_on_is_monotone(tl: Timeline, days: list[dt.date]) -> None:
    """A later day never removes an event, a citation of one, or a source."""
    early, late = (tl.known_on(day) for day in sorted(days))
    assert {e.id for e in early} <= {e.id for e in late}
    for event in early:
        assert set(event.cite) <= set(late[event.id].cite)
    assert set(early.sources) <= set(late.sources)
    for event in late:
        assert event.cite
        assert set(event.cite) <= set(tl[event.id].cite)
        known = tl.known_from(event.id)
        assert known is None or known <= max(days)


@given(
    tl=dated_policy_timelines(),
    day=known_days(),
    dates=st.lists(known_days(), min_size=2, max_size=2),
)
def test_known_on_folds_only_what_was_known(
    tl: Timeline, day: dt.date, dates: list[dt.date]
) -> None:
    """Status, pending steps, what comes next, changes and the in-force series, as known on
    a day, fold the events known then, wherever that cuts a lifecycle (provisions and
    pending amendments included): a step that does not follow from the known ones keeps
    its event but moves nothing. Known on the last day, they are the data's."""
    known = tl.known_on(day)
    kept = tl.select(lambda e: (tl.known_from(e) or dt.date.min) <= day)
    assert [e.id for e in known] == [e.id for e in kept]
    placed = [e for e in known if e == kept[e.id]]
    for event in known:
        if event not in placed:
            assert event == attrs.evolve(kept[event.id], effect=None, provision=None)
    start, end = sorted(dates)
    status = known.status(end)
    known.pending(end), known.upcoming(as_of=start), known.changes(start, end)
    known.series("year", start, end)
    if len(placed) == len(known):
        assert status == kept.status(end)
        assert known.changes(start, end) == kept.changes(start, end)
    assert tl.known_on(dt.date.max).status(end) == tl.status(end)


def test_a_step_that_does_not_follow_from_what_was_known_moves_nothing() -> None:
    """A rescission known before the enactment it ends keeps its event, not its effect."""
    sources = [
        Source(id="rule", title="The rule", published="2025-03-01"),
        Source(id="repeal", title="The repeal", published="2025-02-01"),
    ]
    policy = Policy(id="p", title="P")
    events = [
        Event(id="enacted", title="E", when="2025-01-10", policy="p", effect="enacted",
              cite=[Citation(source="rule")]),
        Event(id="repealed", title="R", when="2025-01-20", policy="p", effect="rescinded",
              cite=[Citation(source="repeal")]),
    ]  # fmt: skip
    tl = Timeline(events=events, sources=sources, policies=[policy])
    early = tl.known_on(D(2025, 2, 15))
    assert early["repealed"].effect is None
    assert str(early.status(D(2025, 2, 15))["p"].state) == "not yet announced"
    late = tl.known_on(D(2025, 3, 1))
    assert late["repealed"] == tl["repealed"]
    assert late.status(D(2025, 3, 1)) == tl.status(D(2025, 3, 1))


# -- the command line on the shipped data ---------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("known_on", "answer"),
    [
        (
            "2025-12-01",
            "in force since 7 October 2022 (bis-2022-10-07-advanced-computing-rule), "
            "tightened since 2 December 2024 (bis-2024-12-02-rule-updates)",
        ),
        (
            "2025-12-10",
            "in force since 7 October 2022 (bis-2022-10-07-advanced-computing-rule), "
            "loosened since 8 December 2025 (h200-export-rollback)",
        ),
    ],
)
def test_what_we_could_say_on_a_day_about_the_us_controls(
    capsys: pytest.CaptureFixture[str], known_on: str, answer: str
) -> None:
    """On 1 December the rollback's sources (8 and 19 December) were not out: the status as
    of 31 December, known then, is the 2024 tightening; known on 10 December, the rollback."""
    code, out, err = _run(
        capsys, "status", str(EVENTS), "--as-of", "2025-12-31", "--known-on", known_on,
        "--width", "0",
    )  # fmt: skip
    assert code == 0, err
    day = D.fromisoformat(known_on)
    heading = f"Policy status as of 31 December 2025, as known on {day.day} December 2025"
    assert out.startswith(f"{heading}\n{'=' * len(heading)}\n")
    section = out.split(f"{US} (US → CN)\n", 1)[1]
    assert section.splitlines()[1] == f"  {answer}"


EU = ROOT / "examples" / "eu-ai-act"


@pytest.mark.parametrize(
    ("known_on", "says", "never"),
    [
        # The procedure's record has no date: its events are not known before they happened.
        ("2021-05-01", "proposed since 21 April 2021 (ai-act-proposed)", "announced"),
        (
            "2023-12-20",
            "announced since 8 December 2023 (ai-act-provisional-agreement)",
            "in force since",
        ),
        # The regulation (published 12 July 2024) dates its steps and provisions ahead.
        (
            "2024-07-12",
            "in force since 1 August 2024 (ai-act-enters-into-force); applicable: "
            "prohibitions (Chapters I and II), general-purpose AI obligations\n",
            "amendment",
        ),
        ("2025-11-18", "most rules (including high-risk systems in Annex III): pending", "omnibus"),
        (
            "2025-11-19",
            "amendment proposed since 19 November 2025 (ai-act-digital-omnibus-proposed)",
            "no date recorded",
        ),
    ],
)
def test_what_we_could_say_on_a_day_about_the_ai_act(
    capsys: pytest.CaptureFixture[str], known_on: str, says: str, never: str
) -> None:
    """Known-on folds provisions and pending amendments from only what was known that day
    (each answer on one line, --width 0, so the check reads the words, not the layout)."""
    code, out, err = _run(
        capsys, "status", str(EU), "--as-of", "2025-12-31", "--known-on", known_on,
        "--width", "0",
    )  # fmt: skip
    assert code == 0, err
    assert says in out
    assert never not in out.split("\n", 2)[2]


def test_status_json_says_what_day_it_knows(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON answer carries `known_on` first; --as-of defaults to the --known-on day."""
    code, out, _ = _run(
        capsys, "status", str(EVENTS), "--known-on", "2025-12-10", "--format", "json"
    )
    assert code == 0
    document = json.loads(out)
    assert list(document)[:2] == ["known_on", "as_of"]
    assert document["known_on"] == document["as_of"] == "2025-12-10"
    us = next(p for p in document["policies"] if p["policy"] == US)
    assert us["state"]["change"]["event"] == "h200-export-rollback"


def test_report_and_calendar_hold_only_what_was_known(capsys: pytest.CaptureFixture[str]) -> None:
    """`report --known-on` titles the report and lists only known events; `ics` likewise."""
    code, out, _ = _run(capsys, "report", str(EVENTS), "--known-on", "2025-12-01")
    assert code == 0
    assert out.startswith("US–China chip policy (as known on 1 December 2025)\n")
    assert "Trump lets Nvidia sell H200" not in out
    assert "BIS adds new foreign direct product rules" in out
    code, out, _ = _run(
        capsys, "report", str(EVENTS), "--known-on", "2025-12-01", "--format", "json"
    )
    document = json.loads(out)
    assert document["settings"]["name"] == "US–China chip policy"  # the data as it is
    assert "h200-export-rollback" not in {e["id"] for e in document["events"]}
    assert "trump-2025-12-08-truth-social-h200" not in {s["id"] for s in document["sources"]}
    code, out, _ = _run(capsys, "ics", str(EVENTS), "--known-on", "2025-12-01")
    assert "UID:bis-2024-12-02-rule-updates@" in out
    assert "UID:h200-export-rollback@" not in out


def test_the_deadline_feed_known_on_a_day_starts_after_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`ics --upcoming --known-on` lists what was known to be coming after that day."""
    code, out, err = _run(capsys, "ics", str(EVENTS), "--upcoming", "--known-on", "2025-12-01")
    assert code == 0, err
    assert "after 2025-12-01" in out.replace("\r\n ", "")
    assert "deadline/h200-export-rollback@" not in out


def test_build_known_on_writes_the_site_as_it_stood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build --known-on` publishes only the events known that day."""
    code, _, err = _run(
        capsys, "build", str(EVENTS), "-o", str(tmp_path / "site"), "--known-on", "2025-12-01"
    )
    assert code == 0, err
    data = json.loads((tmp_path / "site" / "timeline.json").read_text(encoding="utf-8"))
    assert len(data["events"]) == len(timeline.load(EVENTS).known_on(D(2025, 12, 1)))
    assert "h200-export-rollback" not in {e["id"] for e in data["events"]}


@pytest.mark.parametrize("command", ["status", "report", "ics", "build"])
def test_a_bad_known_on_day_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: str, tmp_path: Path
) -> None:
    """--known-on takes YYYY-MM-DD; anything else exits 2 naming the option."""
    extra = ["-o", str(tmp_path / "site")] if command == "build" else []
    code, _, err = _run(capsys, command, str(EVENTS), "--known-on", "December", *extra)
    assert code == 2
    assert "error: --known-on: 'December' is not a date; write it as YYYY-MM-DD" in err


def test_known_on_a_copy_with_a_recorded_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `recorded` day on the rollback makes it known before its sources were published."""
    shutil.copytree(EVENTS, tmp_path / "events")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "events" / "us-export-controls.toml"
    text = path.read_text(encoding="utf-8")
    marker = 'said = "this month"\nactors = ["donald-trump"'
    assert text.count(marker) == 1
    path.write_text(text.replace(marker, 'recorded = "2025-11-30"\n' + marker), encoding="utf-8")
    code, out, err = _run(
        capsys, "status", str(tmp_path / "events"), "--as-of", "2025-12-31",
        "--known-on", "2025-12-01", "--policy", US,
    )  # fmt: skip
    assert code == 0, err
    assert "loosened since 8 December 2025 (h200-export-rollback)" in out


@pytest.mark.parametrize(
    ("command", "first_line"),
    [
        (
            ["status", "--as-of", "2025-12-31", "--locale", "fr"],
            "État des politiques au 31 décembre 2025, tel que connu le 1 décembre 2025",
        ),
        (["report", "--locale", "de"], "US–China chip policy (Kenntnisstand 1. Dezember 2025)"),
    ],
)
def test_known_on_speaks_the_reports_language(
    capsys: pytest.CaptureFixture[str], command: list[str], first_line: str
) -> None:
    """With --locale, the heading says what day it knows in that language."""
    code, out, err = _run(capsys, command[0], str(EVENTS), *command[1:], "--known-on", "2025-12-01")
    assert code == 0, err
    assert out.splitlines()[0] == first_line
