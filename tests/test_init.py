"""`timeline init`: a new data folder that passes check at once, and never over anything."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import timeline
from terminal import read_terminal
from timeline._cli import main
from timeline._cli._init import texts


def test_init_then_check_exits_0(tmp_path: Path) -> None:
    """`timeline init x && timeline check x` exits 0, as a user runs it."""
    done = subprocess.run(
        f"{sys.executable} -m timeline init x && {sys.executable} -m timeline check x",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == ("x: 3 events, 1 policy, 1 actor, 1 source: no problems")


def test_the_folder_holds_what_a_start_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One source with a text file, one actor, one policy, three events at three
    precisions, each quoting its source (checked verbatim by the load)."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "start"]) == 0
    loaded = timeline.load("start")
    assert (len(loaded.sources), len(loaded.actors), len(loaded.policies)) == (1, 1, 1)
    assert sorted(e.when.precision.name.lower() for e in loaded) == ["day", "month", "season"]
    assert all(c.quote for e in loaded for c in e.cite)
    (source,) = loaded.sources.values()
    assert source.file == "start/sources/eu-ai-act-notes.txt"
    assert (tmp_path / source.file).is_file()


def test_every_file_points_to_the_format_reference(tmp_path: Path) -> None:
    """Each TOML file written says where its fields are described."""
    assert main(["init", str(tmp_path / "x")]) == 0
    written = sorted((tmp_path / "x").glob("*.toml"))
    assert len(written) == 5
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "docs/format.md" in text, path.name
        assert "timeline help format" in text, path.name
        tomllib.loads(text)  # plain TOML, whatever reads it


@pytest.mark.parametrize(
    "command",
    [
        ["report", "{x}", "-o", "{out}/r.txt"],
        ["report", "{x}", "--format", "html", "-o", "{out}/r.html"],
        ["ics", "{x}", "-o", "{out}/c.ics"],
        ["ics", "{x}", "--feed", "eu-ai-act", "-o", "{out}/f.ics"],
        ["status", "{x}"],
        ["build", "{x}", "-o", "{out}/site", "-q"],
    ],
)
def test_every_command_works_on_it(tmp_path: Path, command: list[str]) -> None:
    """The reports, the calendar and its feed, the status and the site work on the new
    folder."""
    x, out = tmp_path / "x", tmp_path / "out"
    out.mkdir()
    assert main(["init", str(x), "-q"]) == 0
    assert main([part.format(x=x, out=out) for part in command]) == 0


def test_options_are_honoured(tmp_path: Path) -> None:
    """--name, --domain and --zone are written to timeline.toml as given."""
    x = tmp_path / "x"
    name = 'Ça "va" \\ bien'
    assert (
        main(["init", str(x), "--name", name, "--domain", "example.org", "--zone", "Asia/Tokyo"])
        == 0
    )
    settings = timeline.load(x).settings
    assert (settings.name, settings.domain, settings.timezone) == (
        name,
        "example.org",
        "Asia/Tokyo",
    )


def test_defaults_without_a_terminal(tmp_path: Path) -> None:
    """With no terminal to ask, the name comes from the folder's, the domain and zone are
    the settings' defaults."""
    assert main(["init", str(tmp_path / "eu-tracker")]) == 0
    settings = timeline.load(tmp_path / "eu-tracker").settings
    assert (settings.name, settings.domain, settings.timezone) == (
        "Eu tracker",
        "timeline.invalid",
        "UTC",
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--zone", "Mars/Olympus", r"--zone 'Mars/Olympus': .*zone"),
        ("--domain", "not a domain", r"--domain 'not a domain': is not a domain name"),
        ("--name", "   ", r"--name '   ': "),
    ],
)
def test_a_bad_option_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    """A bad option is a usage error (exit 2) naming it, and no folder is made."""
    import re

    assert main(["init", str(tmp_path / "x"), option, value]) == 2
    assert re.search(message, capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with anything in it is refused, untouched, with the fix named."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is not empty (it holds 'notes.txt')" in err
    assert "give a new or empty folder" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file where the folder would go is refused and left as it was."""
    (tmp_path / "x").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "x")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert (tmp_path / "x").read_text(encoding="utf-8") == "mine"


def test_refuses_a_folder_inside_a_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder inside another data folder is refused: that folder would read it as data."""
    assert main(["init", str(tmp_path / "outer"), "-q"]) == 0
    assert main(["init", str(tmp_path / "outer" / "inner" / "x")]) == 2
    assert "is inside the data folder" in capsys.readouterr().err
    assert not (tmp_path / "outer" / "inner").exists()
    assert len(timeline.load(tmp_path / "outer")) == 3


def test_an_empty_folder_and_missing_parents_are_fine(tmp_path: Path) -> None:
    """An existing empty folder is filled; missing parent folders are made."""
    (tmp_path / "empty").mkdir()
    assert main(["init", str(tmp_path / "empty"), "-q"]) == 0
    assert main(["init", str(tmp_path / "a" / "b" / "c"), "-q"]) == 0
    for folder in (tmp_path / "empty", tmp_path / "a" / "b" / "c"):
        assert len(timeline.load(folder)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "empty"]  # no temporaries


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When a file cannot be written, no folder, half-filled or temporary, is left."""

    def full(path: object, data: object) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("timeline._io.write_new", full)
    assert main(["init", str(tmp_path / "x")]) == 1
    assert list(tmp_path.iterdir()) == []


def test_the_texts_parse_as_the_loader_reads_them() -> None:
    """Every TOML text is read the same by tomllib and by the loader's own TOML reader."""
    from timeline._structure import Shared
    from timeline._toml import read

    written = texts(name="N", domain="example.org", zone="UTC", folder_name="x")
    for name, text in written.items():
        if name.endswith(".toml") and name != "timeline.toml":
            problems: list[object] = []
            records = list(read(text, name, problems, Shared()))  # type: ignore[arg-type]
            assert problems == []
            assert records


def _on_terminal(args: list[str], answers: bytes, cwd: Path) -> tuple[int, bytes]:
    """Run the command line on a pseudo-terminal, typing `answers`
    line by line as each prompt appears: (exit code, what the terminal showed)."""
    master, slave = os.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "timeline", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,  # where input() writes its prompt
        cwd=cwd,
    ) as process:
        os.close(slave)
        shown = read_terminal(master, process, answers, timeout=60)
        code = process.wait(timeout=30)
    return code, shown


def test_a_terminal_is_asked_for_what_is_not_given(tmp_path: Path) -> None:
    """On a terminal, init asks for the name, domain and zone, showing each default; an
    empty answer takes it, a bad one is asked again."""
    code, shown = _on_terminal(
        ["init", "x", "--domain", "example.org"],
        b"My policies\nNowhere/City\nEurope/Paris\n",
        tmp_path,
    )
    assert code == 0, shown
    assert b"Name [X]: " in shown
    assert b"Domain" not in shown  # given as an option
    assert shown.count(b"Time zone [UTC]: ") == 2  # asked again after the bad zone
    settings = timeline.load(tmp_path / "x").settings
    assert (settings.name, settings.domain, settings.timezone) == (
        "My policies",
        "example.org",
        "Europe/Paris",
    )


def test_a_terminal_answer_left_empty_takes_the_default(tmp_path: Path) -> None:
    """Pressing Enter at each prompt takes the default shown."""
    code, shown = _on_terminal(["init", "eu-notes"], b"\n\n\n", tmp_path)
    assert code == 0, shown
    settings = timeline.load(tmp_path / "eu-notes").settings
    assert (settings.name, settings.domain, settings.timezone) == (
        "Eu notes",
        "timeline.invalid",
        "UTC",
    )


def test_fed_stdin_is_not_asked(tmp_path: Path) -> None:
    """With stdin a pipe, nothing is asked or read: the defaults are written."""
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "init", "x"],
        input="Not a name\n",
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    assert "[" not in done.stdout
    assert timeline.load(tmp_path / "x").settings.name == "X"
