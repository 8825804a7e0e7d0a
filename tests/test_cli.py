"""The command line: exit codes, every problem on stderr, no tracebacks, atomic output."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
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
            "--lanes goes with --format html, svg or timelinejs",
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


@pytest.mark.parametrize(("target", "code"), [("missing/report.txt", 1), (".", 2)])
def test_report_output_that_cannot_be_written(
    target: str, code: int, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An -o path that cannot be written exits 1 (or 2 for a folder, a usage error) naming
    the path, not a temporary file."""
    data = ROOT / "tests" / "data" / "golden" / "report" / "events"
    assert main(["report", str(data), "-o", target]) == code
    err = capsys.readouterr().err
    assert f"timeline: {'error: ' if code == 2 else ''}" in err
    assert ".tmp" not in err
    assert "Traceback" not in err
    assert list(in_tmp.iterdir()) == []


def test_python_dash_m_report_runs() -> None:
    """`python -m timeline report events` works on the shipped data."""
    done = _run("report", "events")
    assert (done.returncode, done.stderr) == (0, "")
    assert "SiCarrier is founded" in done.stdout


# -- nothing lost: what -o may replace ---------------------------------------------------------


@pytest.fixture
def shipped_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the shipped project (events and seeds), made the working folder."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "events", project / "events")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copy(ROOT / "tests" / "data" / "ics" / "example.ics", project / "cal.ics")
    monkeypatch.chdir(project)
    return project


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["report", "events", "-o", "events/actors.toml"], "is a data file this command reads"),
        (
            ["report", "events", "--format", "json", "-o", "seeds/000_e71604ba73111c9d.txt"],
            "is a cited source file this command reads",
        ),
        (["ics", "events", "-o", "events/timeline.toml"], "is the settings file"),
        (["status", "events", "-o", "events/policies.toml"], "is a data file"),
        (["report", "events", "-o", "events/new.jsonl"], "is inside the data folder"),
        (
            ["import-ics", "cal.ics", "-o", "events/us-export-controls.toml"],
            "exists; give --force to replace it",
        ),
        (["import-ics", "cal.ics", "-o", "cal.ics"], "exists; give --force to replace it"),
        (
            ["import-ics", "cal.ics", "-o", "cal.ics", "--force"],
            "is the file it imports this command reads",
        ),
        (
            [
                *("extract", "seeds/000_e71604ba73111c9d.txt", "--published", "2025-12-19"),
                *("--format", "jsonl", "-o", "seeds/000_e71604ba73111c9d.txt"),
            ],
            "is the article this command reads",
        ),
        (
            ["extract", "npr-2025-12-19-china-chips", "-o", "events/actors.toml"],
            "is not an earlier output of this command",
        ),
        (["build", "events", "-o", "events"], "is the data folder"),
        (["build", "events", "-o", "."], "is the project root"),
        (["build", "events", "-o", "seeds"], "holds a cited source file"),
        (["build", "events", "-o", "events/site"], "is inside the data folder"),
        (["ics", "events", "-o", "events"], "is a folder; give a file name"),
    ],
)
def test_no_output_replaces_an_input_or_data(
    argv: list[str], reason: str, shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o that names a data file, a cited source, the settings or the data folder (or, for a
    site, the project root) exits 2 saying why, and every file is left as it was."""
    before = _files(shipped_project)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert reason in err
    assert "Traceback" not in err
    assert _files(shipped_project) == before
    assert main(["check", "-q", "events"]) == 0


def test_a_symlinked_output_is_followed_and_keeps_its_mode(
    shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o through a link writes the file it names: the link stays, the mode is kept."""
    (shipped_project / "public").mkdir()
    real = shipped_project / "public" / "feed.ics"
    real.write_text("old feed", encoding="utf-8")
    real.chmod(0o640)
    (shipped_project / "feed.ics").symlink_to(real)
    assert main(["ics", "events", "-o", "feed.ics"]) == 0
    assert (shipped_project / "feed.ics").is_symlink()
    assert real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_fifo_or_device_output_is_never_replaced(
    shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO (and, as root, a device node like /dev/null) as -o exits 2 and stays what it is."""
    os.mkfifo(shipped_project / "pipe")
    assert main(["ics", "events", "-o", "pipe"]) == 2
    assert "is a FIFO (named pipe), not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO((shipped_project / "pipe").stat().st_mode)
    if os.geteuid() == 0:
        os.mknod(shipped_project / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        assert main(["report", "events", "-o", "null"]) == 2
        assert "is a device, not a regular file" in capsys.readouterr().err
        assert stat.S_ISCHR((shipped_project / "null").stat().st_mode)


def test_an_earlier_report_and_calendar_are_replaced_as_usual(
    shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Overwriting an output of an earlier run is the ordinary case."""
    for argv in (["ics", "events", "-o", "feed.ics"], ["report", "events", "-o", "r.txt"]):
        assert main(argv) == 0
        assert main(argv) == 0
    assert (shipped_project / "feed.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_long_output_name_is_written(shipped_project: Path) -> None:
    """A 252-byte name (the OS allows 255) is written: the temporary name is shortened."""
    name = "f" * 248 + ".ics"
    assert main(["ics", "events", "-o", name]) == 0
    assert (shipped_project / name).read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in shipped_project.iterdir() if p.name.endswith(".tmp")] == []


def test_a_full_disk_names_the_file(shipped_project: Path) -> None:
    """A write that fails for want of space (here: the file-size limit) names the target."""
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000)); "
        "from timeline._cli import main; sys.exit(main())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "ics", "events", "-o", "feed.ics"],
        cwd=shipped_project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == "timeline: feed.ics: File too large\n"
    assert not (shipped_project / "feed.ics").exists()
    assert [p.name for p in shipped_project.iterdir() if p.name.endswith(".tmp")] == []


# -- nothing empty by accident -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["ics", "events", "--tag", "deadlnie"],
            "--tag: no event has the tag 'deadlnie'; known: ai",
        ),
        (["ics", "events", "--tag", "nvidai"], "did you mean 'nvidia'?"),
        (["build", "events", "-o", "site", "--tag", "expoo"], "did you mean 'expo'?"),
        (["report", "events", "--actor", "xi-jingping"], "did you mean 'xi-jinping'?"),
        (["report", "events", "--jurisdiction", "USA"], "(did you mean 'US'?); known: CN, US"),
        (["ics", "events", "--policy", "us-chip-controls"], "'us-chip-export-controls'?"),
        (["ics", "events", "--feed", "nvidai"], "its feeds are: chipmaking-equipment"),
        (["report", "events", "--place", "shenzen"], "(did you mean 'shenzhen'?); known: shenzhen"),
        (["status", "events", "--policy", "cn-chip"], "--policy: no policy with id 'cn-chip'"),
        (["report", "events", "--from", "2026", "--to", "2025"], "--from 2026 is after --to 2025"),
        (["ics", "events", "--from", "9999-12-31T23:59-14:00"], "outside the years 1-9999"),
    ],
)
def test_a_filter_value_that_matches_nothing_known_is_a_usage_error(
    argv: list[str], message: str, shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in a filter exits 2 naming the known values and the closest, writing nothing."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "known: " in err or "feeds are: " in err or "--from" in err
    assert not (shipped_project / "site").exists()


def test_place_filter_keeps_the_events_at_that_place(
    shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--place shenzhen keeps only events held there."""
    assert main(["report", "events", "--format", "json", "--place", "shenzhen"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["events"]
    assert {event["place"] for event in document["events"]} == {"shenzhen"}


@pytest.mark.parametrize(
    "argv",
    [
        ["ics", "events", "--from", "2030", "-o", "out.ics"],
        ["ics", "events", "--from", "2030"],
        ["build", "events", "--from", "2030", "-o", "out"],
        ["report", "events", "--from", "2030", "-o", "out.html", "--format", "html"],
    ],
)
def test_zero_events_are_written_only_with_allow_empty(
    argv: list[str], shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A calendar, site or report file with no event is refused, unless --allow-empty."""
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "no events to write (the filters keep none of 16 events); nothing was written" in err
    assert "--allow-empty" in err
    assert not (shipped_project / "out").exists()
    assert not (shipped_project / "out.ics").exists()
    assert main([*argv, "--allow-empty"]) == 0


def test_an_empty_data_folder_publishes_nothing(
    shipped_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ics wrongdir -o feed.ics` on a folder with no records exits 1 and writes no calendar."""
    (shipped_project / "wrongdir").mkdir()
    (shipped_project / "wrongdir" / "notes.txt").write_text("not data", encoding="utf-8")
    assert main(["ics", "wrongdir", "-o", "feed.ics"]) == 1
    assert "wrongdir/: the data folder holds no records" in capsys.readouterr().err
    assert not (shipped_project / "feed.ics").exists()


# -- messages ----------------------------------------------------------------------------------


def test_a_closed_pipe_ends_quietly() -> None:
    """`timeline ics | head` ends with SIGPIPE's status (141) and says nothing. The reader
    here exits at once (`true`), so the writer always meets the closed pipe; with `head`
    a calendar smaller than the pipe's buffer could slip through before it closes."""
    done = subprocess.run(
        f'{shlex.quote(sys.executable)} -m timeline ics events | true; echo "${{PIPESTATUS[0]}}"',
        shell=True,
        executable="/bin/bash",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout == "141\n"
    assert done.stderr == ""


@pytest.mark.parametrize("command", [["check"], ["ics"], ["report"], ["build", "-o", "site"]])
@pytest.mark.parametrize("value", ["-5", "yesterday", "1.5", "١٧٠٠٠٠٠٠٠٠", "99999999999999"])
def test_source_date_epoch_is_checked_the_same_for_every_command(
    command: list[str],
    value: str,
    shipped_project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A SOURCE_DATE_EPOCH that is not ASCII seconds up to 9999 is refused by each command."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main([command[0], "events", *command[1:]]) == 2
    assert "is not a number of seconds since 1970" in capsys.readouterr().err
    assert not (shipped_project / "site").exists()


def test_memory_error_is_a_message(
    shipped_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Running out of memory ends with a one-line message and exit 1, not a traceback."""

    def exhausted(folder: object, **_: object) -> None:
        raise MemoryError

    monkeypatch.setattr("timeline._load.load", exhausted)
    assert main(["report", "events", "-o", "r.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("timeline: out of memory; nothing was written")
    assert not (shipped_project / "r.txt").exists()


def test_messages_never_echo_control_characters(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field name holding a terminal escape is printed escaped, as !r writes it."""
    (in_tmp / "events").mkdir()
    (in_tmp / "events" / "a.jsonl").write_text(
        '{"source": {"id": "s", "title": "S", "\\u001b]0;owned\\u0007": 1}}\n', encoding="utf-8"
    )
    assert main(["check", "events"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "source.\\x1b]0;owned\\x07: unknown field" in err


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
