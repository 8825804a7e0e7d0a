"""`timeline extract`: from an article to draft events that merge into a data folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from timeline._cli import main
from timeline._cli._extract import DRAFT

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "000_e71604ba73111c9d.txt"
ARTICLE = """\
Council approves budget after long night

By A. Reporter, City Hall Bureau
Updated 6:05 a.m. ET, March 4, 2025

SPRINGFIELD, March 4 (Wire) — The city council approved a $2 billion budget on Monday \
after a debate that ran past midnight.

Spending rose 4 percent over the past two years, and the council cut library hours in 2024.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's data and seed in tmp, and a working directory outside it."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "events", project / "events")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "articles").mkdir()
    (project / "articles" / "council.txt").write_text(ARTICLE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return project


def _check(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["check", str(folder)]) == 0, capsys.readouterr().err


def test_jsonl_lists_the_seed_phrases(capsys: pytest.CaptureFixture[str]) -> None:
    """--format jsonl gives one object per phrase, resolved against --published."""
    assert main(["extract", str(SEED), "--published", "2025-12-19", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    found = {row["text"]: row["when"] for row in rows}
    assert found["this fall"] == "2025-23"
    assert found["this month"] == "2025-12"
    assert {"text", "start", "end", "sentence", "when", "timex", "type", "rule"} == set(rows[0])


def test_a_source_id_drafts_into_its_own_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`extract SOURCE-ID -o events/draft.toml` cites the source instead of writing it again,
    so `check` passes, and again when the draft is written a second time."""
    events = project / "events"
    arguments = ["extract", "npr-2025-12-19-china-chips", "--data", str(events)]
    for _ in range(2):
        assert main([*arguments, "-o", str(events / "draft.toml")]) == 0
        err = capsys.readouterr().err
        assert "cites the source 'npr-2025-12-19-china-chips'" in err
        assert "is taken" not in err  # the draft it replaces does not count
        draft = tomllib.loads((events / "draft.toml").read_text(encoding="utf-8"))
        assert "source" not in draft
        assert {"2025-04", "2021~"} <= {event["when"] for event in draft["event"]}
        _check(events, capsys)


def test_a_file_that_a_source_reads_is_cited_by_that_source(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Given the seed's path, the draft cites the source whose `file` it is."""
    events = project / "events"
    seed = project / "seeds" / SEED.name
    out = events / "seed-draft.toml"
    arguments = ["extract", str(seed), "--published", "2025-12-19", "--data", str(events)]
    assert main([*arguments, "-o", str(out)]) == 0
    draft = tomllib.loads(out.read_text(encoding="utf-8"))
    assert "source" not in draft
    assert {event["cite"][0]["source"] for event in draft["event"]} == {
        "npr-2025-12-19-china-chips"
    }
    _check(events, capsys)


def test_a_new_article_gets_its_headline_and_a_path_from_the_project_root(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from outside the project, the source's `file` is still relative to its root, its
    title is the headline, and neither the byline's nor the dateline's date is an event."""
    events = project / "events"
    out = events / "council.toml"
    article = project / "articles" / "council.txt"
    arguments = ["extract", str(article), "--published", "2025-03-04", "--data", str(events)]
    assert main([*arguments, "-o", str(out)]) == 0
    draft = tomllib.loads(out.read_text(encoding="utf-8"))
    [source] = draft["source"]
    assert source["file"] == "articles/council.txt"
    assert source["title"] == "Council approves budget after long night"
    said = [event["said"] for event in draft["event"]]
    assert said == ["Monday", "2024"]  # not "March 4" of the byline or dateline
    assert draft["event"][0]["when"] == "2025-03-03"
    assert not draft["event"][0]["cite"][0]["quote"].startswith("SPRINGFIELD")
    _check(events, capsys)


def test_event_ids_the_folder_has_get_a_suffix(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second draft of the same article into the same folder renames every clashing
    event id and source-less citation stays valid: it says so, and `check` passes."""
    events = project / "events"
    article = project / "articles" / "council.txt"
    arguments = ["extract", str(article), "--published", "2025-03-04", "--data", str(events)]
    assert main([*arguments, "-o", str(events / "first.toml")]) == 0
    first = tomllib.loads((events / "first.toml").read_text(encoding="utf-8"))
    capsys.readouterr()
    assert main([*arguments, "-o", str(events / "second.toml")]) == 0
    err = capsys.readouterr().err
    second = tomllib.loads((events / "second.toml").read_text(encoding="utf-8"))
    assert "source" not in second  # the first draft's source reads the same file
    for before, after in zip(first["event"], second["event"], strict=True):
        assert after["id"] == f"{before['id']}-2"
        assert f"event id {before['id']!r} is taken in {events}: drafted as" in err
    _check(events, capsys)


def test_a_source_id_taken_by_another_file_gets_a_suffix(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article whose name slugs to a source id the folder has for another file is
    drafted under a suffixed id, and the command says so."""
    events = project / "events"
    other = project / "articles" / "npr-2025-12-19-china-chips.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    out = events / "other.toml"
    arguments = ["extract", str(other), "--published", "2025-03-04", "--data", str(events)]
    assert main([*arguments, "-o", str(out)]) == 0
    assert "source id 'npr-2025-12-19-china-chips' is taken" in capsys.readouterr().err
    draft = tomllib.loads(out.read_text(encoding="utf-8"))
    assert draft["source"][0]["id"] == "npr-2025-12-19-china-chips-2"
    _check(events, capsys)


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


def test_a_source_id_cannot_read_outside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`extract SOURCE-ID` reads the source's file through the confined reader: a `file`
    that climbs out of the project is refused, and no secret reaches a draft."""
    (tmp_path / "secret.txt").write_text("In April 2025 the secret was kept.", encoding="utf-8")
    project = tmp_path / "project"
    (project / "events").mkdir(parents=True)
    (project / "events" / "evil.toml").write_text(
        '[[source]]\nid = "evil"\ntitle = "Evil"\nfile = "../secret.txt"\n'
        'published = "2025-12-19"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    assert main(["extract", "evil", "-o", "draft.toml"]) == 1
    err = capsys.readouterr().err
    assert "source 'evil': points outside the project" in err
    assert not (project / "draft.toml").exists()


def test_a_source_file_that_is_a_fifo_does_not_hang_extract(tmp_path: Path) -> None:
    """A source whose file is a FIFO is refused by the confined reader at once, not read
    until a writer comes (the command runs with a timeout)."""
    (tmp_path / "seeds").mkdir()
    os.mkfifo(tmp_path / "seeds" / "a.txt")
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "s.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "S"\nfile = "seeds/a.txt"\npublished = "2025-12-19"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "extract", "s"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "it is a FIFO (named pipe), not a regular file" in done.stderr


def test_a_draft_replaces_only_an_earlier_draft(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o may replace an earlier draft (drafting again is the usual case), never a data file
    of the folder, a cited source or the article."""
    events = project / "events"
    article = project / "articles" / "council.txt"
    arguments = ["extract", str(article), "--published", "2025-03-04", "--data", str(events)]
    refusals = {
        events / "sources.toml": "is not an earlier output of this command",
        project / "seeds" / SEED.name: "is a cited source file this command reads",
        article: "is the article this command reads",
    }
    for target, reason in refusals.items():
        before = target.read_bytes()
        assert main([*arguments, "-o", str(target)]) == 2
        assert reason in capsys.readouterr().err
        assert target.read_bytes() == before
    assert main([*arguments, "-o", str(events / "council.toml")]) == 0
    assert main([*arguments, "-o", str(events / "council.toml")]) == 0
    assert (events / "council.toml").read_text(encoding="utf-8").startswith(DRAFT)
