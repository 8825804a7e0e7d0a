"""What changed: `timeline.diff`, its laws, and `timeline diff` (folders, --rev, formats)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from strategies import known_days, policy_timelines, recorded_timelines, timelines
from timeline import Citation, FieldChange, Policy, Provision, Timeline, When, diff
from timeline._cli import main
from timeline.report import _changes

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"
US = "us-chip-export-controls"
SCHEMA = json.loads((ROOT / "docs" / "changes-schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
H200_LINE = 'when = "2025-12-08"\n'
LONG = (
    "the Trump administration’s determination this month to roll again some chip restrictions "
    "and permit California-based Nvidia to promote one among its finest GPUs — the H200 — to China"
)


def _errors(document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]


# -- the lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "old", "new", "lines"),
    [
        ("when", When.parse("2025-12"), When.parse("2025-12-08"), ["when: 2025-12 → 2025-12-08"]),
        (
            "when",
            When.parse("2025-10-15T09:00", tz="Asia/Shanghai"),
            When.parse("2025-10-15T09:00", tz="Europe/Berlin"),
            ["when: 2025-10-15T09:00[Asia/Shanghai] → 2025-10-15T09:00[Europe/Berlin]"],
        ),
        ("said", None, "this month", ["said: none → “this month”"]),
        ("tags", ("ai", "us"), ("ai", "h200"), ["tags: + h200; − us"]),
        ("tags", ("ai", "us"), ("us", "ai"), ["tags: [ai, us] → [us, ai]"]),
        (
            "cite",
            (Citation(source="npr", quote="a"),),
            (Citation(source="npr", quote="a"), Citation(source="post", note="Gives the day.")),
            ["cite: new citation of post (note “Gives the day.”)"],
        ),
        (
            "cite",
            (Citation(source="npr", quote="old words"), Citation(source="post")),
            (Citation(source="npr", quote="new words"),),
            ["cite[npr].quote: “old words” → “new words”", "cite: citation of post removed"],
        ),
        (
            "cite",
            (Citation(source="npr", quote=LONG),),
            (Citation(source="npr", quote=LONG.replace("promote one among", "sell one of")),),
            [
                "cite[npr].quote: “…California-based Nvidia to promote one among its finest "
                "GPUs — the H200…” → “…California-based Nvidia to sell one of its finest GPUs "
                "— the H200…”"
            ],
        ),
        (
            "cite",
            (Citation(source="a"), Citation(source="b")),
            (Citation(source="b"), Citation(source="a")),
            ["cite: the same citations in another order"],
        ),
        (
            "provisions",
            (Provision(id="a", title="part A"),),
            (Provision(id="a", title="part A, amended"), Provision(id="b", title="part B")),
            ["provisions[a].title: “part A” → “part A, amended”", "provisions: new one b"],
        ),
        ("recorded", None, dt.date(2025, 12, 1), ["recorded: none → 2025-12-01"]),
    ],
)
def test_field_lines_say_what_changed(
    field: str, old: object, new: object, lines: list[str]
) -> None:
    """Each field change reads as lines: dates, texts, lists, citations, provisions."""
    assert list(FieldChange(field=field, old=old, new=new).lines) == lines


# -- on the shipped data --------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped dataset."""
    return timeline.load(EVENTS)


def test_what_changed_after_the_h200_rollback_was_published(shipped: Timeline) -> None:
    """From the data known on 1 December to the whole: the rollback, its sources, and the
    US controls loosened from 8 December 2025."""
    changes = diff(shipped.known_on(dt.date(2025, 12, 1)), shipped)
    added = {c.id for c in changes.of("event") if c.change == "added"}
    assert {"h200-export-rollback", "h200-decision-questioned"} <= added
    assert "trump-2025-12-08-truth-social-h200" in {c.id for c in changes.of("source")}
    bis = next(c for c in changes.of("event") if c.id == "bis-2022-10-07-advanced-computing-rule")
    assert bis.change == "changed"
    assert bis.lines[0].startswith("cite: new citation of npr-2025-12-19-china-chips (quote “")
    [us] = [s for s in changes.statuses if s.policy.id == US]
    assert (us.start, us.end, us.period) == (dt.date(2025, 12, 8), None, "from 8 December 2025")
    assert us.old.label.endswith("tightened since 2 December 2024 (bis-2024-12-02-rule-updates)")
    assert us.new.label.endswith("loosened since 8 December 2025 (h200-export-rollback)")
    assert us.label == f"{US} from 8 December 2025: {us.old.label} → {us.new.label}"


def test_the_same_data_gives_no_diff(shipped: Timeline) -> None:
    """Two loads of the same folder differ in nothing."""
    changes = diff(shipped, timeline.load(EVENTS))
    assert changes.empty
    assert not changes
    assert changes.records == changes.settings == changes.statuses == ()


# -- laws -----------------------------------------------------------------------------------


def _records(tl: Timeline) -> tuple[object, ...]:
    return (
        {e.id: e for e in tl},
        dict(tl.actors),
        dict(tl.places),
        dict(tl.policies),
        dict(tl.sources),
        tl.settings,
    )


@given(tl=timelines())
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_timeline_has_no_diff_with_itself(tl: Timeline) -> None:
    """diff(A, A) is empty, and so is the diff with a copy built from the same records."""
    assert diff(tl, tl).empty
    copy = Timeline(
        events=list(tl),
        actors=dict(tl.actors),
        places=dict(tl.places),
        policies=dict(tl.policies),
        sources=dict(tl.sources),
        settings=tl.settings,
    )
    assert diff(tl, copy).empty


@given(old=recorded_timelines(), new=recorded_timelines())
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_diff_applied_as_a_patch_gives_the_new_records(old: Timeline, new: Timeline) -> None:
    """diff(A, B).apply(A) holds B's records and settings; its JSON obeys the schema."""
    changes = diff(old, new)
    assert _records(changes.apply(old)) == _records(new)
    assert changes.empty == (_records(old) == _records(new))
    assert _errors(_changes.dump(changes, "a", "b")) == []


def _label(tl: Timeline, policy: Policy, day: dt.date) -> str:
    if policy.id not in tl.policies:
        return "not yet announced"  # a policy one side lacks: as a policy with no events
    return tl.status(day, policies=[policy.id])[policy.id].label


@given(old=policy_timelines(), new=policy_timelines(), extra=st.lists(known_days(), max_size=4))
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_status_changes_are_the_difference_of_the_two_folds(
    old: Timeline, new: Timeline, extra: list[dt.date]
) -> None:
    """A day lies in a listed stretch exactly when the two statuses differ on it, and the
    stretch gives both; stretches of a policy are in order and do not overlap."""
    changes = diff(old, new).statuses
    policies = {**old.policies, **new.policies}
    days = set(extra)
    for change in changes:
        days |= {change.start, change.start + dt.timedelta(days=1)}
        if change.start > dt.date.min:
            days.add(change.start - dt.timedelta(days=1))
        if change.end is not None:
            days |= {change.end, change.end + dt.timedelta(days=1)}
    for pid, policy in policies.items():
        mine = [c for c in changes if c.policy.id == pid]
        for earlier, later in itertools.pairwise(mine):
            assert earlier.end is not None
            assert earlier.end < later.start
        for day in sorted(days):
            before, after = _label(old, policy, day), _label(new, policy, day)
            listed = [c for c in mine if c.start <= day and (c.end is None or day <= c.end)]
            assert len(listed) == (before != after), (pid, day, before, after)
            if listed:
                assert (listed[0].old.label, listed[0].new.label) == (before, after)


# -- the command ----------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def by_month(tmp_path: Path) -> Path:
    """A copy of the shipped data whose H200 rollback is dated only 'December 2025'."""
    shutil.copytree(EVENTS, tmp_path / "events")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "events" / "us-export-controls.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(H200_LINE) == 1
    path.write_text(text.replace(H200_LINE, 'when = "2025-12"\n'), encoding="utf-8")
    return tmp_path / "events"


def test_diff_prints_the_field_and_the_status_changes(
    capsys: pytest.CaptureFixture[str], by_month: Path
) -> None:
    """The text names the changed field and the stretches whose status differs."""
    code, out, err = _run(capsys, "diff", str(by_month), str(EVENTS))
    assert code == 0, err
    assert "Events (1 changed)\n  ~ h200-export-rollback (8 December 2025): Trump lets" in out
    assert "\n      when: 2025-12 → 2025-12-08\n" in out
    assert f"\n  {US} from 1 December 2025 to 7 December 2025:\n      was: uncertain between" in out
    assert "\n  us-chip-export-controls from 31 December 2025:\n" in out


@pytest.mark.parametrize(("flag", "same", "changed"), [([], 0, 0), (["--exit-code"], 0, 1)])
def test_exit_code_says_whether_anything_changed(
    capsys: pytest.CaptureFixture[str], by_month: Path, flag: list[str], same: int, changed: int
) -> None:
    """--exit-code exits 1 on a difference and 0 on none, as git diff --exit-code does."""
    code, out, _ = _run(capsys, "diff", str(EVENTS), str(EVENTS), *flag)
    assert code == same
    assert out.endswith("\nNo changes.\n")
    assert _run(capsys, "diff", str(by_month), str(EVENTS), *flag)[0] == changed


def test_markdown_and_json(
    capsys: pytest.CaptureFixture[str], by_month: Path, tmp_path: Path
) -> None:
    """Markdown lists each change as an item; JSON obeys docs/changes-schema.json."""
    code, out, _ = _run(capsys, "diff", str(by_month), str(EVENTS), "--format", "markdown")
    assert code == 0
    assert "- Changed: **h200-export-rollback** \\(8 December 2025\\): Trump lets" in out
    assert "  - when: 2025-12 → 2025-12-08" in out
    target = tmp_path / "diff.json"
    assert (
        _run(capsys, "diff", str(by_month), str(EVENTS), "--format", "json", "-o", str(target))[0]
        == 0
    )
    document = json.loads(target.read_text(encoding="utf-8"))
    assert _errors(document) == []
    assert document["counts"] == {"event": {"added": 0, "removed": 0, "changed": 1}}
    [record] = document["records"]
    assert record["fields"] == [
        {
            "field": "when",
            "old": "2025-12",
            "new": "2025-12-08",
            "lines": ["when: 2025-12 → 2025-12-08"],
        }
    ]
    assert [s["from"] for s in document["statuses"]] == ["2025-12-01", "2025-12-08", "2025-12-31"]


def test_diff_wants_two_folders(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --rev, one folder is a usage error that shows both ways to call it."""
    code, _, err = _run(capsys, "diff", str(EVENTS))
    assert code == 2
    assert "give two data folders, OLD then NEW" in err


# -- --rev ----------------------------------------------------------------------------------


def _git(where: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(where), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the shipped data and its seeds, committed, as the cwd."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(EVENTS, tmp_path / "events")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rev_compares_a_folder_with_its_past(
    capsys: pytest.CaptureFixture[str], repository: Path
) -> None:
    """--rev HEAD compares the committed folder (and its source files) with the edited one."""
    assert _run(capsys, "diff", "--rev", "HEAD", "events", "--exit-code")[0] == 0
    path = repository / "events" / "us-export-controls.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(H200_LINE, 'when = "2025-12"\n'))
    code, out, err = _run(capsys, "diff", "--rev", "HEAD", "events", "--exit-code")
    assert code == 1, err
    assert out.startswith("Changes from events at HEAD to events\n")
    assert "      when: 2025-12-08 → 2025-12\n" in out
    assert not list(repository.glob("timeline-rev-*"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rev", "HEAD~5", "events"], "--rev: no revision 'HEAD~5' in the repository"),
        (["--rev=--output=x", "events"], "--rev: no revision '--output=x' in the repository"),
        (["--rev", "HEAD", "newer"], "--rev: 'newer' did not exist at 'HEAD'"),
        (["--rev", "HEAD", "events", "events"], "--rev compares one folder with its past"),
    ],
)
def test_rev_says_what_it_cannot_compare(
    capsys: pytest.CaptureFixture[str], repository: Path, args: list[str], message: str
) -> None:
    """An unknown revision, a folder the revision lacks, or two folders are usage errors."""
    (repository / "newer").mkdir()
    code, _, err = _run(capsys, "diff", *args)
    assert code == 2
    assert message in err


def test_rev_outside_a_repository(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A folder that is in no git repository is told so, with the way out."""
    shutil.copytree(EVENTS, tmp_path / "events")
    code, _, err = _run(capsys, "diff", "--rev", "HEAD", str(tmp_path / "events"))
    assert code == 2
    assert "is not in a git repository" in err
    assert "compare two folders instead: timeline diff OLD NEW" in err


def test_rev_without_git(
    capsys: pytest.CaptureFixture[str], repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where git is not installed, --rev says so."""
    monkeypatch.setenv("PATH", str(repository / "no-such-bin"))
    code, _, err = _run(capsys, "diff", "--rev", "HEAD", "events")
    assert code == 2
    assert "--rev needs git, which is not installed or not on PATH" in err


def test_problems_in_the_old_data_name_the_revision(
    capsys: pytest.CaptureFixture[str], repository: Path
) -> None:
    """The old data is checked as any data folder; its problems read REV:path:line."""
    settings_file = repository / "events" / "timeline.toml"
    good = settings_file.read_text(encoding="utf-8")
    settings_file.write_text(good + "\ncolour = 1\n", encoding="utf-8")
    _git(repository, "commit", "-qam", "broken")
    settings_file.write_text(good, encoding="utf-8")
    code, _, err = _run(capsys, "diff", "--rev", "HEAD", "events")
    assert code == 1
    assert err.startswith("HEAD:events/timeline.toml:")
    assert "timeline-rev-" not in err
