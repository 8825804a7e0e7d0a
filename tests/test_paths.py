"""Which paths a command may read and write: confined source files, refused output targets."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from timeline._paths import Inputs, check_target, read_source
from timeline.errors import UsageError

# -- reading source files ----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one source text inside and a secret outside it."""
    (tmp_path / "secret.txt").write_text("the secret", encoding="utf-8")
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("words", encoding="utf-8")
    return root


def test_read_source_reads_a_file_inside_the_project(project: Path) -> None:
    """A relative path to a regular UTF-8 file inside the project gives its text."""
    assert read_source(project, "seeds/a.txt") == "words"


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        ("../secret.txt", "points outside the project"),
        ("seeds/../../secret.txt", "points outside the project"),
        ("/etc/passwd", "must be a path relative to the project root"),
        ("link.txt", "points outside the project"),
        ("seeds", "cannot read 'seeds': it is a folder, not a regular file"),
        ("fifo.txt", "cannot read 'fifo.txt': it is a FIFO (named pipe), not a regular file"),
        ("zero.txt", "points outside the project"),
        ("utf16.txt", "cannot read 'utf16.txt' as UTF-8: it looks like UTF-16"),
    ],
)
def test_read_source_refuses_what_is_not_a_file_of_the_project(
    project: Path, file: str, reason: str
) -> None:
    """Escapes, links out, folders, FIFOs and devices are refused, and nothing blocks."""
    (project / "link.txt").symlink_to(project.parent / "secret.txt")
    os.mkfifo(project / "fifo.txt")
    (project / "zero.txt").symlink_to("/dev/zero")
    (project / "utf16.txt").write_bytes("some words of text".encode("utf-16"))
    with pytest.raises(ValueError, match=re.escape(reason)):
        read_source(project, file)


def test_read_source_of_a_missing_file(project: Path) -> None:
    """A file that is not there is a FileNotFoundError, for the caller to word."""
    with pytest.raises(FileNotFoundError, match="No such file"):
        read_source(project, "seeds/gone.txt")


# -- output targets ----------------------------------------------------------------------------


@pytest.fixture
def inputs(tmp_path: Path) -> Inputs:
    """A project: a data folder with a data file and settings, a cited source."""
    data = tmp_path / "events"
    data.mkdir()
    (data / "a.toml").write_text("", encoding="utf-8")
    (data / "timeline.toml").write_text("", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.txt").write_text("words", encoding="utf-8")
    found = Inputs(data=data, root=tmp_path, suffixes=frozenset({".toml", ".jsonl"}))
    found = found.with_file(data / "a.toml", "a data file")
    found = found.with_file(data / "timeline.toml", "the settings file")
    return found.with_file(tmp_path / "seeds" / "s.txt", "a cited source file")


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("events/a.toml", "is a data file this command reads"),
        ("events/timeline.toml", "is the settings file this command reads"),
        ("seeds/s.txt", "is a cited source file this command reads"),
        ("alias.toml", "is a data file this command reads"),
        ("hard.txt", "is a cited source file this command reads"),
        ("events/new.toml", "is inside the data folder, where the next load would read it"),
        ("events/sub/x.jsonl", "is inside the data folder"),
        ("events", "is a folder; give a file name"),
        ("fifo", "is a FIFO (named pipe), not a regular file"),
    ],
)
def test_a_file_target_is_never_an_input_a_folder_or_a_fifo(
    inputs: Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, reason: str
) -> None:
    """Data files, settings and sources (also through a link or a hard link), data-folder
    names the next load would read, folders and FIFOs are refused with the reason."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "alias.toml").symlink_to(tmp_path / "events" / "a.toml")
    os.link(tmp_path / "seeds" / "s.txt", tmp_path / "hard.txt")
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(UsageError, match=re.escape(reason)):
        check_target(target, inputs)


def test_a_device_target_is_refused(inputs: Inputs, tmp_path: Path) -> None:
    """A device node (made as root, like /dev/null) is never replaced by a regular file."""
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node")
    os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    with pytest.raises(UsageError, match="is a device, not a regular file"):
        check_target(tmp_path / "null", inputs)


@pytest.mark.parametrize("target", ["report.html", "events/notes.txt", "out/feed.ics"])
def test_earlier_outputs_and_new_files_may_be_written(
    inputs: Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """A new file, or an earlier report, is an ordinary target."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.html").write_text("old report", encoding="utf-8")
    assert check_target(target, inputs) == Path(target)


def test_a_symlinked_target_is_followed_to_its_file(inputs: Inputs, tmp_path: Path) -> None:
    """A link is resolved: the file it names is the one written."""
    (tmp_path / "real.ics").write_text("old", encoding="utf-8")
    (tmp_path / "feed.ics").symlink_to(tmp_path / "real.ics")
    assert check_target(tmp_path / "feed.ics", inputs) == tmp_path / "real.ics"


def test_a_data_writer_replaces_only_its_own_earlier_output(inputs: Inputs, tmp_path: Path) -> None:
    """With `data` (an import, a draft) a new file may go anywhere, the data folder too, and
    an existing file is replaced only when it begins with the command's own first line."""
    mark = "# Imported by `timeline import-ics`"
    (tmp_path / "mine.toml").write_text(f"{mark}: 3 events.\n", encoding="utf-8")
    (tmp_path / "theirs.toml").write_text("[[event]]\n", encoding="utf-8")
    assert check_target(tmp_path / "mine.toml", inputs, data=mark) == tmp_path / "mine.toml"
    assert check_target(tmp_path / "events" / "new.toml", inputs, data=mark)
    for name in ("theirs.toml", "events/a.toml"):
        with pytest.raises(UsageError, match="is not an earlier output of this command"):
            check_target(tmp_path / name, inputs, data=mark)
    with pytest.raises(UsageError, match="is a cited source file this command reads"):
        check_target(tmp_path / "seeds" / "s.txt", inputs, data="")  # --force: not inputs


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("events", "is the data folder"),
        ("events/site", "is inside the data folder"),
        (".", "is the project root"),
        ("..", "holds the data folder"),
        ("seeds", "holds a cited source file"),
        ("other", "holds data files"),
        ("file.txt", "exists and is not a folder"),
    ],
)
def test_a_site_never_goes_where_data_lives(
    inputs: Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, reason: str
) -> None:
    """`build -o` refuses the data folder, the project root and folders holding inputs or data."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other" / "deep").mkdir(parents=True)
    (tmp_path / "other" / "deep" / "records.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "file.txt").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match=reason):
        check_target(target, inputs, folder=True)


def test_a_site_may_replace_an_earlier_site(inputs: Inputs, tmp_path: Path) -> None:
    """A folder of HTML and calendars, or a new folder, is an ordinary site target."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old", encoding="utf-8")
    assert check_target(tmp_path / "site", inputs, folder=True) == tmp_path / "site"
    assert check_target(tmp_path / "new-site", inputs, folder=True) == tmp_path / "new-site"
