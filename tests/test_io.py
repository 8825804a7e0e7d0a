"""Atomic writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from timeline._io import atomic_writer, replaced_folder, write_atomic


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


# -- what a write replaces -----------------------------------------------------------------------


def test_a_symlink_is_followed_to_its_file(tmp_path: Path) -> None:
    """Writing through a link replaces the file it names; the link stays a link."""
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(real)
    write_atomic(tmp_path / "link.txt", "new")
    assert (tmp_path / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_a_fifo_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    """A FIFO in the way is an error, and stays a FIFO."""
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(OSError, match=r"is a FIFO \(named pipe\), not a regular file"):
        write_atomic(tmp_path / "pipe", "x")
    assert stat.S_ISFIFO((tmp_path / "pipe").stat().st_mode)


def test_a_stale_temporary_of_a_killed_run_is_removed(tmp_path: Path) -> None:
    """A temporary file of the same target whose process is gone is removed by the next write;
    one of a live process, and those of other targets, are left."""
    dead = 2**22 + 1  # above Linux's largest pid: no such process
    stale = tmp_path / f".feed.ics.{dead}.abcdefgh.tmp"
    live = tmp_path / f".feed.ics.{os.getpid()}.abcdefgh.tmp"
    other = tmp_path / f".other.ics.{dead}.abcdefgh.tmp"
    for path in (stale, live, other):
        path.write_text("partial", encoding="utf-8")
    write_atomic(tmp_path / "feed.ics", "whole")
    assert not stale.exists()
    assert live.exists()
    assert other.exists()


def test_a_write_error_names_the_file(tmp_path: Path) -> None:
    """An error raised while writing (a full disk) carries the target's name."""
    target = tmp_path / "feed.ics"

    def full() -> None:
        with atomic_writer(target) as out:
            out.write(b"x")
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left") as caught:
        full()
    assert caught.value.filename == str(target)
    assert _leftovers(tmp_path) == []


# -- whole folders ---------------------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_folder_is_swapped_in_whole(tmp_path: Path) -> None:
    """The new folder replaces the old; kept files are carried over; no staging folder stays."""
    site = tmp_path / "site"
    (site / "policies").mkdir(parents=True)
    (site / "index.html").write_text("old index", encoding="utf-8")
    (site / "policies" / "gone.html").write_text("stale page", encoding="utf-8")
    (site / "CNAME").write_text("example.org", encoding="utf-8")
    with replaced_folder(site, carry=lambda name: not name.startswith("policies/")) as new:
        (new / "index.html").write_text("new index", encoding="utf-8")
        assert _tree(site)["index.html"] == "old index"  # readers see the old site meanwhile
    assert _tree(site) == {"CNAME": "example.org", "index.html": "new index"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_failed_fill_leaves_the_old_folder(tmp_path: Path) -> None:
    """If the block raises, the old folder is exactly as it was and the new one is gone."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old index", encoding="utf-8")

    def fail_half_way() -> None:
        with replaced_folder(site, carry=lambda name: True) as new:
            (new / "index.html").write_text("new index", encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        fail_half_way()
    assert _tree(site) == {"index.html": "old index"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_swapped_folder_keeps_the_modes_it_replaces(tmp_path: Path) -> None:
    """The folder and its files keep their permission bits across a swap."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / "index.html").chmod(0o640)
    site.chmod(0o750)
    with replaced_folder(site, carry=lambda name: True) as new:
        write_atomic(new / "index.html", "new")
    assert stat.S_IMODE(site.stat().st_mode) == 0o750
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o640


def test_stale_staging_folders_are_removed(tmp_path: Path) -> None:
    """A staging folder left by a killed build of the same target is removed by the next."""
    stale = tmp_path / f".site.{2**22 + 1}.abcdefgh.tmp"
    stale.mkdir()
    (stale / "index.html").write_text("half", encoding="utf-8")
    with replaced_folder(tmp_path / "site", carry=lambda name: True) as new:
        (new / "index.html").write_text("whole", encoding="utf-8")
    assert not stale.exists()
    assert _tree(tmp_path / "site") == {"index.html": "whole"}


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
