"""The README's promises hold: its Python example runs, its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block in the README runs against the shipped data."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_opens_with_the_two_commands() -> None:
    """The README opens with the install-and-run command, then the test command."""
    markers = [m.start() for m in re.finditer(r"<!-- (main|test)-command -->", README)]
    assert len(markers) == 2
    assert README.index("<!-- main-command -->") < README.index("<!-- test-command -->")
    assert README.index("<!-- test-command -->") < README.index("## ")


def test_listed_commands_exist() -> None:
    """Each `timeline COMMAND` the README's table lists is a real subcommand."""
    from timeline._cli import _build_parser

    parser = _build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert choices is not None
    listed = set(re.findall(r"^\| `timeline ([a-z-]+)", README, flags=re.MULTILINE))
    assert listed
    assert listed <= set(choices)


def test_shown_output_is_real(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `$ timeline …` transcript in the README is what the command prints today."""
    import shlex

    from timeline._cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")  # the width the transcripts show
    transcripts = re.findall(r"```\n\$ timeline (.*?)\n(.*?)```", README, flags=re.DOTALL)
    assert transcripts
    for command, shown in transcripts:
        assert main(shlex.split(command)) == 0
        assert capsys.readouterr().out == shown, command
