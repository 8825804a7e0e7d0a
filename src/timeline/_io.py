"""Atomic, durable file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_writer", "write_atomic", "write_new"]


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """Write to a temporary file beside `path`, fsync it, then rename it over `path`.

    If the block raises, the temporary file is removed and `path` is untouched.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
            dir=folder, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:  # name the file asked for, not the temporary one
        raise OSError(error.errno, error.strerror, str(target)) from error
    try:
        with handle:
            yield handle  # type: ignore[misc]
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(handle.name, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(handle.name, 0o666 & ~umask)
        try:
            os.replace(handle.name, target)
        except OSError as error:
            raise OSError(error.errno, error.strerror, str(target)) from error
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Replace `path` with `data` (str is written as UTF-8) atomically and durably."""
    with atomic_writer(path) as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_new(path: str | Path, data: bytes | str) -> None:
    """Write `data` to `path` atomically, only if nothing is there yet.

    Raises:
        FileExistsError: `path` exists; it is left as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() or target.is_symlink():
        raise FileExistsError(errno.EEXIST, "file exists", str(target))
    with tempfile.NamedTemporaryFile(
        dir=folder, prefix=f".{target.name}.", suffix=".tmp", delete=False
    ) as handle:
        temporary = handle.name
    try:
        with open(temporary, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        try:
            os.link(temporary, target)  # fails if something appeared there meanwhile
        except FileExistsError:
            raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
        except OSError:  # a file system without hard links: the check above has to do
            if target.exists():
                raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
            os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
