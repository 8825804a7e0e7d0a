"""`timeline extract`: from an article to draft events that pass `timeline check`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from timeline._cli import main

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "000_e71604ba73111c9d.txt"


def test_jsonl_lists_the_seed_phrases(capsys: pytest.CaptureFixture[str]) -> None:
    """--format jsonl gives one object per phrase, resolved against --published."""
    assert main(["extract", str(SEED), "--published", "2025-12-19", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    found = {row["text"]: row["when"] for row in rows}
    assert found["this fall"] == "2025-23"
    assert found["this month"] == "2025-12"
    assert {"text", "start", "end", "sentence", "when", "timex", "type", "rule"} == set(rows[0])


def test_source_id_supplies_file_and_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A source id from the data is read from its file with its published date, and the
    draft it writes passes `timeline check` once placed beside the source."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "events", project / "events")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    monkeypatch.chdir(project)
    assert main(["extract", "npr-2025-12-19-china-chips", "-o", "draft.toml"]) == 0
    draft = (project / "draft.toml").read_text(encoding="utf-8")
    assert 'when = "2025-04"' in draft
    (project / "drafts").mkdir()
    (project / "drafts" / "draft.toml").write_text(draft, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "drafts"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-source"], "neither a file nor a source id"),
        ([str(SEED), "--published", "19/12/2025"], "is not a date YYYY-MM-DD"),
        ([str(SEED)], "give --published"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown sources and missing or malformed dates are usage errors, not tracebacks."""
    assert main(["extract", *args]) == 2
    assert message in capsys.readouterr().err


def test_a_source_id_from_an_export_cannot_read_outside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`extract SOURCE-ID --data evil.json` never copies a file outside the project into a draft."""
    (tmp_path / "secret.txt").write_text("In April 2025 the secret was kept.", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    document = {
        "format": "timeline",
        "version": 1,
        "sources": [
            {"id": "evil", "title": "Evil", "file": "../secret.txt", "published": "2025-12-19"}
        ],
    }
    (project / "evil.json").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["extract", "evil", "--data", "evil.json", "-o", "draft.toml"]) == 1
    err = capsys.readouterr().err
    assert "evil.json: sources[0].file: points outside the project" in err
    assert not (project / "draft.toml").exists()


def test_a_source_file_that_is_a_fifo_does_not_hang_extract(tmp_path: Path) -> None:
    """An export's source file that is a FIFO (an export's files are not read when it loads)
    is refused by the confined reader at once, not read until a writer comes."""
    (tmp_path / "seeds").mkdir()
    os.mkfifo(tmp_path / "seeds" / "a.txt")
    source = {"id": "s", "title": "S", "file": "seeds/a.txt", "published": "2025-12-19"}
    document = {"format": "timeline", "version": 1, "sources": [source]}
    (tmp_path / "export.json").write_text(json.dumps(document), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "extract", "s", "--data", "export.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "it is a FIFO (named pipe), not a regular file" in done.stderr
