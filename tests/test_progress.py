"""The progress bar: shown on a terminal's stderr, never in a pipe or with --quiet."""

from __future__ import annotations

import fcntl
import importlib.util
import io
import os
import re
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pytest

import timeline
from terminal import read_terminal
from timeline._cli import main
from timeline._cli._progress import Bar, bar_for

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "benchmarks" / "generate.py"

# The command line with the bar's half-second delay and its redraw interval set to 0, so a
# small data folder shows every step of the bar however fast the machine is.
EAGER = (
    "import sys, timeline._cli._progress as p; p.DELAY = p.INTERVAL = 0; "
    "from timeline._cli import main; sys.exit(main())"
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 generated events in JSON Lines (benchmarks/generate.py)."""
    spec = importlib.util.spec_from_file_location("bench_generate_progress", GENERATE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder: Path = module.generate(tmp_path_factory.mktemp("progress"), 2000, fmt="jsonl", seed=3)
    return folder


def _on_terminal(*args: str, code: str = EAGER) -> tuple[int, str, bytes]:
    """Run the command line with stderr on a pseudo-terminal: (exit code, stdout, what the
    terminal received)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # 120 columns
    env = {k: v for k, v in os.environ.items() if k != "TERM"}
    with (
        tempfile.TemporaryFile() as stdout,
        subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdin=subprocess.DEVNULL,
            stdout=stdout,  # a file, not a pipe: a long report must not fill it and block
            stderr=slave,
            env=env,
        ) as process,
    ):
        os.close(slave)
        received = read_terminal(master, process)
        code_ = process.wait(timeout=60)
        stdout.seek(0)
        out = stdout.read().decode()
    return code_, out, received


def test_a_terminal_sees_the_bar_with_counts_and_rate(data: Path) -> None:
    """On a terminal, loading shows a bar with the bytes read of the total, the rate and
    the time left, then wipes it before the command's own output."""
    code, out, shown = _on_terminal("check", str(data))
    assert code == 0
    assert out.endswith("no problems\n")
    text = shown.decode()
    assert "events: reading" in text
    assert "█" in text
    assert " 100%" in text
    assert " MB/s" in text or " kB/s" in text
    assert " left" in text
    assert "events: checking" in text
    assert re.search(r" 100%  (\d+\.\d)/\1 [kM]B  ", text)  # done of the total, in bytes
    assert text.endswith("\r\x1b[K")  # wiped


def test_a_pipe_sees_no_bar(data: Path) -> None:
    """With stderr a pipe, nothing but the command's own output is written."""
    done = subprocess.run(
        [sys.executable, "-c", EAGER, "check", str(data)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("args", [["--quiet", "check"], ["check", "-q"], ["-q", "report"]])
def test_quiet_on_a_terminal_sees_no_bar(data: Path, args: list[str]) -> None:
    """--quiet (before or after the command) shows no bar, even on a terminal; check says
    nothing either, wherever -q is given."""
    code, out, shown = _on_terminal(*args, str(data))
    assert code == 0
    assert shown == b""
    if "check" in args:
        assert out == ""


def test_a_failed_load_wipes_the_bar_before_the_problems(tmp_path: Path) -> None:
    """When the data has problems, the bar's line is wiped before they are listed."""
    (tmp_path / "bad.toml").write_text('[[event]]\nid = "x"\n', encoding="utf-8")
    code, _, shown = _on_terminal("check", str(tmp_path))
    assert code == 1
    text = shown.decode()
    assert "\r\x1b[K" in text
    after = text.rpartition("\r\x1b[K")[2]
    assert "problem" in after
    assert "reading" not in after


def test_a_short_load_draws_nothing_in_its_first_half_second() -> None:
    """The bar waits half a second before it first draws, so a quick command never
    flickers."""
    stream = io.StringIO()
    bar = Bar("events", "B", stream)
    bar("reading", 10, 100)
    bar("checking", 0, 0)
    bar.close()
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("unit", "done", "total", "expected"),
    [
        ("B", 12_300_000, 45_000_000, f"x: reading {'█████▍':20}  27%  12.3/45.0 MB  "),
        ("B", 900, 45_000_000, f"x: reading {'':20}   0%  900 B/45.0 MB  "),
        ("rows", 1_234, 100_000, f"x: reading {'▏':20}   1%  1,234/100,000 rows  "),
    ],
)
def test_the_line_shows_bar_percentage_and_counts(
    unit: str, done: int, total: int, expected: str
) -> None:
    """The line is the label, stage, bar, percentage and the counts of the total."""
    bar = Bar("x", unit, io.StringIO(), delay=0)
    bar("reading", done, total)
    assert bar.line(time.monotonic()).startswith(expected)


def test_the_line_shows_rate_and_time_left() -> None:
    """The rate is what the stage got through a second; the time left follows from it."""
    bar = Bar("x", "rows", io.StringIO(), delay=0)
    bar("reading", 0, 1000)
    bar("reading", 250, 1000)
    now = bar.stage_started + 5
    assert bar.line(now).endswith("250/1,000 rows  50 rows/s  0:15 left")


def test_a_stage_without_a_count_shows_the_time_spent() -> None:
    """A stage with no total shows its name and the time since the work began."""
    bar = Bar("x", "B", io.StringIO(), delay=0)
    bar("checking", 0, 0)
    assert bar.line(bar.started + 75) == "x: checking  1:15"


def test_a_narrow_terminal_drops_the_label_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the line does not fit, the label goes and the line is cut to the width."""
    monkeypatch.setattr("timeline._cli._progress._columns", lambda stream: 40)
    stream = io.StringIO()
    bar = Bar("a-long-data-folder-name", "B", stream, delay=0)
    bar("reading", 5, 10)
    drawn = stream.getvalue()
    assert drawn.startswith("\rreading ")
    assert len(drawn) == len("\r") + 39 + len("\x1b[K")


def test_the_label_shows_no_control_characters() -> None:
    """A folder name holding a control character cannot move the terminal's cursor."""
    bar = Bar("ev\x1b[2Jil", "B", io.StringIO(), delay=0)
    assert "\x1b" not in bar.line(time.monotonic())


def test_no_bar_for_a_pipe_quiet_or_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """bar_for gives no bar when stderr is no terminal, with --quiet, or with TERM=dumb."""
    import argparse

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Tty())
    monkeypatch.setenv("TERM", "xterm")
    assert bar_for(argparse.Namespace(quiet=False), "x") is not None
    assert bar_for(argparse.Namespace(quiet=True), "x") is None
    monkeypatch.setenv("TERM", "dumb")
    assert bar_for(argparse.Namespace(quiet=False), "x") is None
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.setenv("TERM", "xterm")
    assert bar_for(argparse.Namespace(quiet=False), "x") is None


def test_in_process_runs_show_no_bar(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """main() with captured stderr (no terminal) writes no bar."""
    assert main(["check", str(data)]) == 0
    assert capsys.readouterr().err == ""


def test_extract_shows_the_rules_and_phrases_it_got_through(tmp_path: Path) -> None:
    """`timeline extract` on a terminal shows the rules run and the phrases resolved."""
    article = tmp_path / "article.txt"
    article.write_text("On 25 April 2025, the ministry spoke. In May, it acted.\n" * 300)
    code, out, shown = _on_terminal(
        "extract", str(article), "--published", "2025-12-19", "--format", "jsonl"
    )
    assert code == 0
    assert out.count("\n") == 600
    text = shown.decode()
    assert re.search(r"article\.txt: finding .* \d+/\d+ rules  [\d,]+ rules/s", text)
    assert re.search(r"article\.txt: resolving .* \d+/[\d,]+ phrases  ", text)
    assert text.endswith("\r\x1b[K")


def test_extract_tells_progress() -> None:
    """timeline.extract tells the callback each rule it runs, then the phrases it resolves."""
    import datetime as dt

    told: list[tuple[str, int, int]] = []
    found = timeline.extract(
        "In April, Xi spoke.", dt.date(2025, 12, 19), progress=lambda *step: told.append(step)
    )
    assert [m.when for m in found] == ["2025-04"]
    finding = [step for step in told if step[0] == "finding"]
    assert finding[0] == ("finding", 0, len(finding))
    assert [done for _, done, _ in finding] == list(range(len(finding)))
    assert told[len(finding) :][0][0] == "resolving"


def test_import_shows_the_rows_it_got_through(tmp_path: Path) -> None:
    """`timeline import` of a spreadsheet on a terminal shows the rows read of all."""
    sheet = tmp_path / "sheet.csv"
    rows = "".join(f"2025-04-{1 + n % 28:02},Step {n}\n" for n in range(600))
    sheet.write_text("date,title\n" + rows, encoding="utf-8")
    code, out, shown = _on_terminal("import", str(sheet))
    assert code == 0
    assert out.count("[[event]]") == 600
    text = shown.decode()
    assert re.search(r"sheet\.csv: importing .* 512/600 rows  [\d,]+ rows/s  ", text)
    assert "\r\x1b[K" in text


def test_import_file_tells_progress(tmp_path: Path) -> None:
    """timeline.import_file tells the callback the rows read, every 256 rows."""
    sheet = tmp_path / "sheet.csv"
    rows = "".join(f"2025-04-{1 + n % 28:02},Step {n}\n" for n in range(600))
    sheet.write_text("date,title\n" + rows, encoding="utf-8")
    told: list[tuple[str, int, int]] = []
    imported = timeline.import_file(sheet, progress=lambda *step: told.append(step))
    assert len(imported.events) == 600
    assert told == [("importing", done, 600) for done in (0, 256, 512)]


def test_a_terminal_that_went_away_ends_the_bar_not_the_work() -> None:
    """A write to a closed terminal stops the bar; the work it reports on goes on."""

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    bar = Bar("x", "B", Gone(), delay=0)
    bar("reading", 1, 10)
    bar("reading", 5, 10)
    bar.close()
    assert (bar.drawn, bar.next_draw) == (False, float("inf"))
