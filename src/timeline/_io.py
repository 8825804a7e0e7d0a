"""Files in and out: atomic, durable writes of a file or a whole folder, and reads that never
block on something that is not a regular file.

A reader of what timeline writes sees the old version or the new one, never half of one:

- a file is written to a temporary file beside it, fsynced and renamed over it;
- a folder (a site) is filled beside it and swapped in whole, under a lock, so two builds of
  one folder cannot mix and a failed build leaves the previous folder as it was.

Temporary names are `.NAME.PID.RANDOM.tmp`; one left by a run that was killed (its process
is gone) is removed by the next write to the same target.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Final

__all__ = [
    "atomic_writer",
    "collector_paused",
    "kind_of",
    "named",
    "open_regular",
    "real_target",
    "replaced_folder",
    "write_atomic",
    "write_new",
]

#: Longest file name (in UTF-8 bytes) kept whole inside a temporary name; longer names are
#: cut and given a hash, so a 255-byte target still gets a temporary name the OS accepts.
_KEPT_NAME: Final = 200
_TEMP_REST: Final = re.compile(r"(\d+)\.[a-z0-9_]{8}\.tmp")


# -- reading ----------------------------------------------------------------------------------


def kind_of(mode: int) -> str | None:
    """What a file of this `st_mode` is, when it is not a regular file ("a FIFO")."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def open_regular(path: str | Path) -> BinaryIO:
    """Open a regular file for reading; anything else is refused before a byte is read.

    The file is opened without blocking and checked on the open descriptor, so a FIFO, a
    device or a folder in its place (even one swapped in after a check) can never hang a
    read or feed it endless bytes.

    Raises:
        OSError: the file cannot be opened, or is not a regular file (the message says
            what it is, and `filename` names it).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = kind_of(os.fstat(descriptor).st_mode)
        if kind is not None:
            code = errno.EISDIR if kind == "a folder" else errno.EINVAL
            raise OSError(code, f"is {kind}, not a regular file", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def named(error: OSError, path: str | Path) -> OSError:
    """`error` with `filename` set to `path` when it names no file (a full disk, say)."""
    if error.filename is not None:
        return error
    renamed = OSError(error.errno, error.strerror or str(error), str(path))
    renamed.__cause__ = error
    return renamed


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are built, then file them as old
    (`load`, `Timeline.known_on`).

    Loading creates millions of objects that all stay alive; each collection pass would walk
    them all again for nothing (a third of the time of a large load). Afterwards they would
    still all sit in the youngest generation, so the first collections after the load would
    walk them twice more; freezing and at once unfreezing moves them straight to the oldest
    generation, which is walked only rarely. Nothing is kept alive by this: any cyclic
    garbage is collected by the next full collection, as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


# -- writing a file ---------------------------------------------------------------------------


def real_target(path: str | Path) -> Path:
    """The file a write to `path` must replace: a symbolic link is followed to the file it
    names, so the link stays a link and the file it points at gets the new content.

    Raises:
        OSError: the links loop.
    """
    target = Path(path)
    if not target.is_symlink():
        return target
    try:
        return target.resolve(strict=False)
    except (OSError, RuntimeError) as error:  # 3.11 raises RuntimeError on a loop
        raise OSError(errno.ELOOP, "is a loop of symbolic links", str(path)) from error


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """Write to a temporary file beside `path`, fsync it, then rename it over `path`.

    A symbolic link at `path` is followed (the file it names is replaced, the link kept);
    a replaced file keeps its mode and, where allowed, its owner. If the block raises
    (or the process is interrupted), the temporary file is removed and `path` is untouched.

    Raises:
        OSError: the folder cannot be written, the disk is full, or `path` is a folder, a
            FIFO or a device (which is never replaced by a regular file); `filename` is
            always the file asked for.
    """
    target = real_target(path)
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise named(error, target) from error
    if existing is not None:
        kind = kind_of(existing.st_mode)
        if kind is not None:
            code = errno.EISDIR if kind == "a folder" else errno.EINVAL
            raise OSError(code, f"is {kind}, not a regular file; it is not replaced", str(path))
    folder = target.parent if str(target.parent) else Path()
    tag = _tag(target.name)
    _remove_stale(folder, tag)
    # The name is chosen before the file is made, and made inside the `try`, so that an
    # interrupt at any moment (SIGTERM, Ctrl-C) finds a name to remove.
    temporary = str(_temporary_name(folder, tag))
    try:
        try:
            descriptor = os.open(temporary, _NEW_FILE, 0o600)
        except OSError as error:  # name the file asked for, not the temporary one
            raise OSError(error.errno, error.strerror, str(target)) from error
        handle = os.fdopen(descriptor, "wb")
        try:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        except BaseException as error:
            with contextlib.suppress(OSError):  # closing flushes again: it must not hide `error`
                handle.close()
            if isinstance(error, OSError):
                raise named(error, target) from error
            raise
        _take_mode(temporary, existing)
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise OSError(error.errno, error.strerror, str(target)) from error
    except BaseException:
        _remove(Path(temporary))
        raise
    _sync_folder(folder)


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Replace `path` with `data` (str is written as UTF-8) atomically and durably."""
    with atomic_writer(path) as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_new(path: str | Path, data: bytes | str | Callable[[BinaryIO], object]) -> None:
    """Write `data` to `path` atomically and durably, only if nothing is there yet: the file
    is written aside and hard-linked into place, which fails if something appeared there.
    `data` may be a function that writes the bytes to the file it is given, as it makes them.

    Raises:
        FileExistsError: `path` exists (a link too, even a dangling one); it is left as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() or target.is_symlink():
        raise FileExistsError(errno.EEXIST, "file exists", str(target))
    temporary = _temporary_name(folder, _tag(target.name))
    try:
        try:
            descriptor = os.open(temporary, _NEW_FILE, 0o600)
        except OSError as error:
            raise OSError(error.errno, error.strerror, str(target)) from error
        with os.fdopen(descriptor, "wb") as out:
            try:
                if isinstance(payload, bytes):
                    out.write(payload)
                else:
                    payload(out)
                out.flush()
                os.fsync(out.fileno())
            except OSError as error:
                raise named(error, target) from error
        _take_mode(str(temporary), None)
        try:
            os.link(temporary, target)  # fails if something appeared there meanwhile
        except FileExistsError:
            raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
        except OSError:  # a file system without hard links: the check above has to do
            if target.exists():
                raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
            os.replace(temporary, target)
    finally:
        _remove(temporary)
    _sync_folder(folder)


def _take_mode(temporary: str, existing: os.stat_result | None) -> None:
    """Give the new file the replaced file's mode and owner, or the umask's usual mode."""
    if existing is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != _owner(temporary):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.chown(temporary, existing.st_uid, existing.st_gid)
    os.chmod(temporary, stat.S_IMODE(existing.st_mode))


_NEW_FILE: Final = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _temporary_name(folder: Path, tag: str) -> Path:
    """A name for a temporary file or folder of `tag` in `folder`, free when chosen."""
    while True:
        name = folder / f".{tag}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        if not name.exists() and not name.is_symlink():
            return name


def _remove(*paths: Path) -> None:
    """Remove temporary files or folders, finishing even if an interrupt comes meanwhile
    (which is raised once they are gone): a half-removed folder is a leftover too."""
    interrupted: BaseException | None = None
    for path in paths:
        while True:
            try:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:  # gone already, or cannot be removed: the next run tries again
                break
            except BaseException as error:  # finish first, then raise it
                interrupted = interrupted or error
                continue
            break
    if interrupted is not None:
        raise interrupted


def _owner(path: str) -> tuple[int, int]:
    info = Path(path).stat()
    return info.st_uid, info.st_gid


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _tag(name: str) -> str:
    """`name` as it appears in temporary names: whole, or cut with a hash when very long."""
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) <= _KEPT_NAME:
        return name
    digest = hashlib.sha256(encoded).hexdigest()[:12]
    head = encoded[: _KEPT_NAME - 20].decode("utf-8", "ignore")
    return f"{head}~{digest}"


def _remove_stale(folder: Path, tag: str, *, all_runs: bool = False) -> None:
    """Remove temporary files and folders of `tag` left by runs whose process is gone (or,
    with `all_runs`, by any run: the caller holds the target's lock)."""
    start = f".{tag}."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(start):
            continue
        found = _TEMP_REST.fullmatch(entry.name[len(start) :])
        if found is None or (not all_runs and _alive(int(found.group(1)))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    """Whether process `pid` may still be writing (unknown counts as alive)."""
    if pid == os.getpid() or os.name == "nt":  # os.kill(pid, 0) would end it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


# -- writing a folder -------------------------------------------------------------------------


@contextlib.contextmanager
def replaced_folder(path: str | Path, *, carry: Callable[[str], bool]) -> Iterator[Path]:
    """Fill a new folder beside `path` in the block, then swap it in for `path` in one step.

    Two writers of one `path` take turns (a lock file `.NAME.lock` beside it); a reader
    sees the whole old folder or the whole new one; if the block raises or the process is
    interrupted, `path` is left as it was and the new folder is removed. Files of the old
    folder that the block did not write are carried over (hard links, else copies) when
    `carry` accepts their path (relative, with "/"), and written files keep the mode of the
    ones they replace.

    Raises:
        OSError: the folder beside `path` cannot be written (the swap needs it), or `path`
            is not a folder.
    """
    root = real_target(path)
    if root.exists() and not root.is_dir():
        raise OSError(errno.ENOTDIR, "exists and is not a folder", str(path))
    parent = root.parent if str(root.parent) else Path()
    tag = _tag(root.name)
    with _locked(parent / f".{tag}.lock"):
        _remove_stale(parent, tag, all_runs=True)
        staging, aside = _temporary_name(parent, tag), _temporary_name(parent, tag)
        try:
            try:  # made inside the `try`, so that an interrupt at any moment removes it
                staging.mkdir(mode=0o700)
            except OSError as error:
                raise OSError(error.errno, error.strerror, str(parent)) from error
            old = root if root.is_dir() else None
            os.chmod(staging, _folder_mode(old))
            yield staging
            if old is not None:
                _carry_over(old, staging, carry)
            _sync_tree(staging)
            _swap(staging, root, aside)
        finally:
            _remove(staging, aside)  # the new folder after a failure, else the old site
    _sync_folder(parent)


@contextlib.contextmanager
def _locked(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock` (created if missing; left in place, empty)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; writers are not serialised
        yield
        return
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as error:
        raise named(error, lock) from error
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # waits for the other writer to finish
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _folder_mode(old: Path | None) -> int:
    if old is not None:
        return stat.S_IMODE(old.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _carry_over(old: Path, new: Path, carry: Callable[[str], bool]) -> None:
    """Bring into `new` what `old` holds that the build did not write and `carry` keeps;
    give written files and folders the modes of those they replace."""
    for folder, folders, files in os.walk(old):
        here = Path(folder)
        relative = here.relative_to(old)
        if not folders and not files and carry(relative.as_posix()):
            _parents(old, new, relative / "-")  # an empty folder of the old site stays
        for name in [*folders, *files]:
            source, target = here / name, new / relative / name
            info = source.lstat()
            if target.is_symlink() or target.exists():  # written by the block
                if not stat.S_ISLNK(info.st_mode) and not target.is_symlink():
                    os.chmod(target, stat.S_IMODE(info.st_mode))
                continue
            if not carry((relative / name).as_posix()):
                if name in folders:
                    folders.remove(name)  # nothing under it is carried either
                continue
            if stat.S_ISDIR(info.st_mode):
                continue  # walked next; made when something in it is carried
            _parents(old, new, relative / name)
            if stat.S_ISLNK(info.st_mode):
                target.symlink_to(source.readlink())
            elif stat.S_ISREG(info.st_mode):
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copy2(source, target)


def _parents(old: Path, new: Path, relative: Path) -> None:
    """Make the folders above `new / relative` that are missing, with the old folders' modes."""
    missing = [p for p in relative.parents if str(p) != "." and not (new / p).is_dir()]
    for folder in reversed(missing):
        (new / folder).mkdir()
        os.chmod(new / folder, stat.S_IMODE((old / folder).stat().st_mode))


def _sync_tree(root: Path) -> None:
    """fsync every folder under `root`, so the swap never publishes entries not yet on disk."""
    for folder, _, _ in os.walk(root):
        _sync_folder(Path(folder))


def _swap(new: Path, root: Path, aside: Path) -> None:
    """Put `new` where `root` is: one atomic exchange where the OS has it (Linux), else two
    renames (a reader may find no folder for that instant). The old folder ends up at `new`
    or `aside`, for the caller to remove."""
    if not root.exists():
        new.rename(root)
    elif not _exchange(new, root):
        root.rename(aside)
        try:
            new.rename(root)
        except OSError:
            aside.rename(root)
            raise


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where the
    system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_cwd, exchange = -100, 2
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
