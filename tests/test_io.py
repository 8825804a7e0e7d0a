"""Atomic writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from timeline._io import atomic_writer, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_writes_text_as_utf8(tmp_path: Path) -> None:
    """A str is written as UTF-8; bytes are written as they are."""
    write_atomic(tmp_path / "a.txt", "autumn 2025 – ~2021")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "autumn 2025 – ~2021".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert _leftovers(tmp_path) == []


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """If writing raises, the target keeps its old content and the temp file is removed."""
    target = tmp_path / "calendar.ics"
    target.write_text("old", encoding="utf-8")

    def fail_half_way() -> None:
        with atomic_writer(target) as out:
            out.write(b"new and half")
            raise RuntimeError("half way")

    with pytest.raises(RuntimeError, match="half way"):
        fail_half_way()
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_replacing_keeps_the_file_mode(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new"


def test_new_file_follows_the_umask(tmp_path: Path) -> None:
    """A new file gets the usual 0o666 minus the umask, not the temp file's 0o600."""
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_relative_path_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bare file name is written in the working folder."""
    monkeypatch.chdir(tmp_path)
    write_atomic("out.md", "# T\n")
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "# T\n"


def test_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    """Writing into a folder that does not exist raises FileNotFoundError, writing nothing."""
    with pytest.raises(FileNotFoundError, match="No such file"):
        write_atomic(tmp_path / "nowhere" / "a.txt", "x")


def test_write_new_never_replaces_a_file(tmp_path: Path) -> None:
    """write_new writes a file that is not there, and refuses, untouched, one that is."""
    from timeline._io import write_new

    target = tmp_path / "out.toml"
    write_new(target, "first\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    with pytest.raises(FileExistsError, match=r"out\.toml"):
        write_new(target, "second\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.toml"]  # no temporary left
