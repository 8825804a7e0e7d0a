"""The command line: exit codes, every problem on stderr, no tracebacks, atomic output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import timeline
from test_load import BROKEN_JSONL, BROKEN_TOML
from timeline._cli import main
from timeline.report import markdown, text

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m timeline` as a user would, in `cwd`."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


# -- check ----------------------------------------------------------------------------------


def test_check_shipped_data_exits_0() -> None:
    """`timeline check events` on the shipped data exits 0 and says how much it read."""
    done = _run("check", "events")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("events: ")
    assert done.stdout.rstrip().endswith("no problems")


def test_check_quiet_prints_nothing() -> None:
    """-q prints nothing when the data is clean."""
    done = _run("check", "-q", "events")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize(("folder", "expected"), [("events", BROKEN_TOML), ("jsonl", BROKEN_JSONL)])
def test_check_broken_copy_lists_every_problem(folder: str, expected: list[str]) -> None:
    """The broken dataset exits 1 with one `file:line: key: message` line per problem."""
    done = _run("check", folder, cwd=ROOT / "tests" / "data" / "broken")
    assert done.returncode == 1
    assert done.stdout == ""
    count = len(expected)
    assert done.stderr.splitlines() == [*expected, f"{count} problems found."]


def test_check_in_process_matches(broken_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """main() in-process gives the same exit code and the same lines as the command."""
    assert main(["check", "events"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[:-1] == BROKEN_TOML


def test_default_data_folder_is_events(broken_project: Path) -> None:
    """Without DATA, commands read ./events."""
    assert main(["check"]) == 1


def test_missing_data_folder_exits_1(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A data folder that does not exist is a data problem, not a crash."""
    assert main(["check", "nowhere"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"nowhere: the data folder does not exist (looked for {in_tmp.resolve()}/nowhere)",
        "1 problem found.",
    ]


@pytest.mark.parametrize("command", ["check", "report", "status"])
def test_a_missing_default_folder_says_how_to_name_another(
    command: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without DATA and without ./events, the message says how to give the folder."""
    assert main([command]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first == (
        f"events: the data folder does not exist (looked for {in_tmp.resolve()}/events); "
        f"name the folder to read after the command: timeline {command} FOLDER"
    )


BAD_DATA = {
    "feeds-not-a-table": ("events/timeline.toml", "feeds = 3\n"),
    "settings-malformed": ("events/timeline.toml", 'name = "x\n'),
    "when-a-number": ("events/a.toml", '[[event]]\nid = "e"\ntitle = "E"\nwhen = 2025\n'),
    "record-a-string": ("events/a.jsonl", '{"event": "e"}\n'),
    "not-utf8": ("events/a.toml", "title = '\udcff'\n"),
    "nul": ("events/a.toml", "id = '\x00'\n"),
    "deep": ("events/a.jsonl", "[" * 100_000 + "\n"),
    "year-zero-decade": ("events/a.toml", '[[event]]\nid = "e"\ntitle = "E"\nwhen = "000X"\n'),
    "winter-9999": ("events/a.toml", '[[event]]\nid = "e"\ntitle = "E"\nwhen = "9999-24"\n'),
}


@pytest.mark.parametrize("case", sorted(BAD_DATA))
def test_no_traceback_for_any_data_problem(
    case: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad data of every sort exits 1 with located messages, never a traceback."""
    name, content = BAD_DATA[case]
    path = in_tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    for command in (["check", "events"], ["report", "events"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.startswith("events/")
        assert "Traceback" not in err


def test_no_traceback_through_the_real_command(tmp_path: Path) -> None:
    """Run as a process, a data problem prints no traceback either."""
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "timeline.toml").write_text("feeds = 3\n", encoding="utf-8")
    done = _run("report", "events", cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("events/timeline.toml:1: feeds: ")


# -- usage errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["bogus"], "invalid choice: 'bogus'"),
        (["report", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["report", "--bogus"], "unrecognized arguments: --bogus"),
        (["report", "events", "--from", "2025-13"], "--from/--to: '2025-13' is not a valid date"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str) -> None:
    """A command line that cannot be run as written exits 2 with usage on stderr."""
    done = _run(*argv)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("usage: timeline")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (["chek"], "usage: timeline [-h]", "invalid choice: 'chek' (did you mean 'check'?)"),
        (
            ["report", "--format", "htm"],
            "usage: timeline report",
            "invalid choice: 'htm' (did you mean 'html'?)",
        ),
        (
            ["report", "events", "--format", "text", "--lanes", "actor"],
            "usage: timeline report",
            "--lanes goes with --format html or timelinejs",
        ),
        (["status", "events", "--as-of", "May"], "usage: timeline status", "--as-of: 'May'"),
        (
            ["report", "events", "--tag", "nvidai"],
            "usage: timeline report",
            "--tag: no event has the tag 'nvidai' (did you mean 'nvidia'?)",
        ),
        (
            ["ics", "events", "--actor", "nvidai"],
            "usage: timeline ics",
            "--actor: no actor with id 'nvidai' (did you mean 'nvidia'?)",
        ),
        (
            ["report", "events", "--policy", "us-chip-export-control"],
            "usage: timeline report",
            "--policy: no policy with id 'us-chip-export-control' "
            "(did you mean 'us-chip-export-controls'?); known: ",
        ),
        (
            ["status", "events", "--policy", "us-chip-export-control"],
            "usage: timeline status",
            "--policy: no policy with id 'us-chip-export-control' "
            "(did you mean 'us-chip-export-controls'?); known: ",
        ),
        (
            ["build", "events", "-o", "tests/no-such-site", "--jurisdiction", "us"],
            "usage: timeline build",
            "--jurisdiction: no policy has the jurisdiction 'us' (did you mean 'US'?)",
        ),
        (
            ["ics", "events", "--feed", "nvidai"],
            "usage: timeline ics",
            "--feed: no feed 'nvidai' in timeline.toml (did you mean 'nvidia'?); its feeds are: ",
        ),
    ],
)
def test_a_usage_error_shows_its_command_and_what_was_meant(
    argv: list[str],
    usage: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A usage error prints the usage of the command it is about and a likely fix."""
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as caught:
        raise SystemExit(main(argv))
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    assert message in err


def test_usage_error_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    """In-process, argparse's usage errors still mean exit status 2."""
    with pytest.raises(SystemExit) as caught:
        main(["bogus"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the program name and a version."""
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("timeline ")


# -- report ---------------------------------------------------------------------------------


def test_report_prints_the_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline report DATA` prints the text report of the whole timeline."""
    data = ROOT / "tests" / "data" / "golden" / "report" / "events"
    assert main(["report", str(data)]) == 0
    assert capsys.readouterr().out == text(timeline.load(data))


def test_report_filters(capsys: pytest.CaptureFixture[str]) -> None:
    """Filters on the command line build the same Filter the library offers."""
    data = ROOT / "tests" / "data" / "golden" / "report" / "events"
    args = ["report", str(data), "--format", "markdown", "--from", "2021", "--actor", "sicarrier"]
    assert main(args) == 0
    expected = markdown(timeline.load(data).between("2021").with_actor("sicarrier"))
    out = capsys.readouterr().out
    assert out == expected
    assert "SiCarrier is founded" in out
    assert "Xi Jinping pledges" not in out


def test_report_output_is_written_atomically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o writes the whole report, leaves no temporary file, prints nothing to stdout."""
    data = ROOT / "tests" / "data" / "golden" / "report" / "events"
    out = tmp_path / "report.md"
    assert main(["report", str(data), "--format", "markdown", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == markdown(timeline.load(data))
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_report_from_bad_data_keeps_the_old_output(
    broken_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With data problems, -o leaves the previous file exactly as it was."""
    out = broken_project / "report.txt"
    out.write_text("the previous report\n", encoding="utf-8")
    assert main(["report", "events", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "the previous report\n"
    assert "nothing was written" in capsys.readouterr().err
    assert not [p for p in broken_project.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("target", ["missing/report.txt", "."])
def test_report_output_that_cannot_be_written(
    target: str, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An -o path that cannot be written exits 1 naming the path, not a temporary file."""
    data = ROOT / "tests" / "data" / "golden" / "report" / "events"
    assert main(["report", str(data), "-o", target]) == 1
    err = capsys.readouterr().err
    assert err.startswith("timeline: ")
    assert ".tmp" not in err
    assert "Traceback" not in err
    assert list(in_tmp.iterdir()) == []


def test_python_dash_m_report_runs() -> None:
    """`python -m timeline report events` works on the shipped data."""
    done = _run("report", "events")
    assert (done.returncode, done.stderr) == (0, "")
    assert "SiCarrier is founded" in done.stdout


def test_check_counts_in_the_singular_and_plural(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One of a kind is '1 policy', more are 'n policies'."""
    (in_tmp / "events").mkdir()
    (in_tmp / "events" / "a.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "S"\n[[actor]]\nid = "a"\nname = "A"\n'
        '[[policy]]\nid = "p"\ntitle = "P"\n'
        '[[event]]\nid = "e"\ntitle = "E"\nwhen = "2025"\n[[event.cite]]\nsource = "s"\n',
        encoding="utf-8",
    )
    assert main(["check"]) == 0
    assert capsys.readouterr().out == (
        "events: 1 event, 1 policy, 1 actor, 1 source: no problems\n"
    )


def test_only_a_command_that_writes_says_nothing_was_written(
    broken_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` never writes, so it does not say it wrote nothing; `report` does."""
    assert main(["check", "events"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"{len(BROKEN_TOML)} problems found."
    assert main(["report", "events"]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == f"{len(BROKEN_TOML)} problems found; nothing was written."
