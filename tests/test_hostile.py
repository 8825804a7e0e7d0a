"""Hostile input: every case in tests/data/hostile/ ends in exit 1 with a located message."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from timeline._cli import main

HOSTILE = Path(__file__).parent / "data" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())


def _project(tmp_path: Path, case: str) -> Path:
    project = tmp_path / case
    shutil.copytree(HOSTILE / case, project, symlinks=True)
    return project


def _run(args: list[str], project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


def test_corpus_is_large_enough() -> None:
    """The corpus holds at least 60 hostile cases, as the robustness bar asks."""
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_problem_with_file_and_line(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`timeline check` exits 1 and names the file, line and field of the problem."""
    project = _project(tmp_path, case)
    monkeypatch.chdir(project)
    code, err = _run(["check", "events"], project, capsys)
    expected = (project / "expect.txt").read_text(encoding="utf-8").strip()
    assert code == 1
    assert expected in err
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith("events/")


@pytest.mark.parametrize("case", CASES)
def test_report_refuses_to_write_from_invalid_data(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report from invalid data is never written, and an earlier report is left intact."""
    project = _project(tmp_path, case)
    monkeypatch.chdir(project)
    (project / "report.txt").write_text("the previous report\n", encoding="utf-8")
    code, _ = _run(["report", "events", "-o", "report.txt"], project, capsys)
    assert code == 1
    assert (project / "report.txt").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".report")) == []


GOOD_EVENT = """[[event]]
id = "e{n}"
title = "{title}"
when = "{when}"
[[event.cite]]
source = "s"
"""
HEADER = '[[source]]\nid = "s"\ntitle = "S"\n\n'


def _write(project: Path, text: str) -> None:
    (project / "events").mkdir(parents=True, exist_ok=True)
    (project / "events" / "a.toml").write_text(text, encoding="utf-8")


def test_ten_megabyte_string_is_refused_quickly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 10 MB title is reported at its field, not carried into outputs."""
    _write(tmp_path, HEADER + GOOD_EVENT.format(n=1, title="x" * 10_000_000, when="2025"))
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    code, err = _run(["check", "events"], tmp_path, capsys)
    assert code == 1
    assert "events/a.toml:7: event[0].title: is 10,000,000 characters long" in err
    assert time.perf_counter() - started < 10


def test_thousands_of_errors_are_all_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """5,000 bad dates in one file give 5,000 located messages, in file order."""
    events = "".join(GOOD_EVENT.format(n=n, title="t", when="2025-13") for n in range(5000))
    _write(tmp_path, HEADER + events)
    monkeypatch.chdir(tmp_path)
    code, err = _run(["check", "events"], tmp_path, capsys)
    lines = err.splitlines()
    assert code == 1
    assert len(lines) == 5001
    assert lines[0].startswith("events/a.toml:8: event[0].when: '2025-13'")
    assert lines[4999].startswith("events/a.toml:30002: event[4999].when:")
    assert lines[-1] == "5000 problems found."


def test_symlinked_source_outside_the_project_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A source file that is a symlink to a file outside the project is not read."""
    outside = tmp_path / "outside.txt"
    outside.write_text("secret words", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "seed.txt").symlink_to(outside)
    _write(
        project,
        '[[source]]\nid = "s"\ntitle = "S"\nfile = "seed.txt"\n\n'
        + GOOD_EVENT.format(n=1, title="t", when="2025")
        + 'quote = "secret words"\n',
    )
    monkeypatch.chdir(project)
    code, err = _run(["check", "events"], project, capsys)
    assert code == 1
    assert "events/a.toml:4: source[0].file: points outside the project" in err


def test_symlinked_folder_loop_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symlink from the data folder to itself is not followed: loading ends, naming it."""
    _write(tmp_path, HEADER + GOOD_EVENT.format(n=1, title="t", when="2025"))
    (tmp_path / "events" / "loop").symlink_to(tmp_path / "events")
    monkeypatch.chdir(tmp_path)
    code, err = _run(["check", "events"], tmp_path, capsys)
    assert code == 1
    assert err.startswith("events/loop: a symbolic link to a folder;")


def test_line_separators_inside_strings_are_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """U+2028/U+2029 inside a string neither split a JSON Lines record nor shift TOML lines."""
    events = tmp_path / "events"
    events.mkdir()
    (events / "a.jsonl").write_text(
        '{"source": {"id": "s", "title": "S"}}\n'
        '{"event": {"id": "e1", "title": "one\u2028two", "when": "2025",'
        ' "cite": [{"source": "s"}]}}\n'
        '{"event": {"id": "e2", "title": "x", "when": "2025-13", "cite": [{"source": "s"}]}}\n',
        encoding="utf-8",
    )
    (events / "b.toml").write_text(
        GOOD_EVENT.format(n=3, title="a\u2029b", when="2025")
        + GOOD_EVENT.format(n=4, title="c", when="2025-13"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, err = _run(["check", "events"], tmp_path, capsys)
    assert code == 1
    assert err.splitlines()[:2] == [
        "events/a.jsonl:3: event.when: '2025-13' is not a valid date: month 13 is neither "
        "01–12 nor a season 21–24 (spring–winter)",
        "events/b.toml:10: event[1].when: '2025-13' is not a valid date: month 13 is neither "
        "01–12 nor a season 21–24 (spring–winter)",
    ]
