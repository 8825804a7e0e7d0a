"""`timeline extract`: from an article to draft events that pass `timeline check`."""

from __future__ import annotations

import json
import shutil
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
