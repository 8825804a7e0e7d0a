"""Which paths a command may read and write.

Reading: a source's `file` is read only when it stays inside the project once every link
is followed, and only when it is a regular file (a FIFO or a device would hang or flood the
read). Every reader of source texts (the quote check of every data format, `timeline
extract SOURCE-ID`) goes through `read_source`.

Writing: `check_target` decides whether a command may write an output path, given what the
command reads (`Inputs`): never one of its own inputs (a data file, a cited source file,
`timeline.toml`), never a folder, FIFO or device, and a site never into the data folder,
the project root or any folder that holds data files.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs

from timeline._io import kind_of, open_regular, real_target
from timeline._text import encoding_hint, relative_path_problem
from timeline.errors import UsageError

__all__ = ["MAX_SOURCE_BYTES", "Inputs", "check_target", "read_source", "source_path"]

#: The largest source text read for quote checks and drafting.
MAX_SOURCE_BYTES: Final = 64 * 1024 * 1024


# -- reading source files ---------------------------------------------------------------------


def source_path(root: Path, file: str) -> Path:
    """The file a source's `file` names under the project `root`, every link followed.

    Raises:
        ValueError: `file` is absolute or climbs out of `root`, or a link leads out of it.
    """
    problem = relative_path_problem(file)
    if problem is not None:
        raise ValueError(problem)
    real_root = root.resolve()
    try:
        resolved = (real_root / file).resolve()
    except (OSError, RuntimeError) as error:  # a loop of links
        raise ValueError(f"cannot follow {file!r}: {error}") from error
    if not resolved.is_relative_to(real_root):
        raise ValueError(
            f"points outside the project root {real_root} ({file!r} resolves to {resolved}); "
            "keep sources inside it"
        )
    return resolved


def read_source(root: Path, file: str) -> str:
    """The text of a source's `file`, confined to the project `root`.

    Raises:
        ValueError: the path leaves the project, names something that is not a regular file
            (a folder, a FIFO, a device), is too big, or is not UTF-8; the message says which.
        FileNotFoundError: there is no such file.
        OSError: it cannot be read.
    """
    path = source_path(root, file)
    try:
        with open_regular(path) as handle:
            if os.fstat(handle.fileno()).st_size > MAX_SOURCE_BYTES:
                limit = MAX_SOURCE_BYTES // 2**20
                raise ValueError(f"{file!r} is over {limit} MiB; split the source")
            data = handle.read()
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.strerror and error.strerror.startswith("is "):
            raise ValueError(f"cannot read {file!r}: it {error.strerror}") from None
        raise
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = encoding_hint(data, file) or f"byte {data[error.start]:#04x} is not UTF-8"
        raise ValueError(f"cannot read {file!r} as UTF-8: {hint}") from None


# -- output targets ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Inputs:
    """What a command reads, so that no output can replace it.

    `files` maps each input file (as resolved paths) to what it is ("a data file");
    `data` is the data folder and `root` the project root, when the command has them;
    `suffixes` are the data files' suffixes (".toml", ".jsonl").
    """

    files: Mapping[Path, str] = attrs.field(factory=dict)
    data: Path | None = None
    root: Path | None = None
    suffixes: frozenset[str] = frozenset()

    def with_file(self, path: str | Path, what: str) -> Inputs:
        """These inputs and one more file."""
        return attrs.evolve(self, files={**self.files, Path(path).resolve(): what})


def check_target(
    path: str | Path, inputs: Inputs, *, folder: bool = False, data: str | None = None
) -> Path:
    """The path a command may write for `path` (a link followed to its file), or a
    `UsageError` that says why not (its message starts with the path, quoted).

    A file target must not be one of `inputs`, a folder, a FIFO or a device, nor a data file
    of the data folder (the next load would read it). A command that writes data (an
    import, a draft) gives `data`, the first line of what it writes: it may then write a
    new file anywhere, and replace only a file that begins with that line (its own earlier
    output), never other data; `data=""` (an import with --force) replaces any file but
    the command's inputs. A `folder` target (a site) must not be the data folder or
    inside it, the project root, a folder holding any input, or a folder holding data files.
    """
    shown = str(path)
    try:
        target = real_target(path)
    except OSError as error:
        raise UsageError(f"{shown!r} {error.strerror}") from None
    real = target.resolve()
    try:
        info = real.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise UsageError(f"{shown!r}: {error.strerror}") from None
    if folder:
        _check_folder(shown, real, info, inputs)
        return target
    if info is not None:
        kind = kind_of(info.st_mode)
        if kind == "a folder":
            raise UsageError(f"{shown!r} is a folder; give a file name, e.g. {shown}/out")
        if kind is not None:
            raise UsageError(
                f"{shown!r} is {kind}, not a regular file; timeline writes files only "
                "(leave out -o and redirect the output to write elsewhere)"
            )
        what = _input(info, inputs)
        if data is not None and what in (None, "a data file"):
            if _begins(real, data):
                return target  # this command's own earlier output (a data file it reads, too)
            raise UsageError(
                f"{shown!r} exists and is not an earlier output of this command; it writes "
                "data, and never replaces other data (or what you edited out of its first "
                "line): remove it first or pick another name"
            )
        if what is not None:
            raise UsageError(
                f"{shown!r} is {what} this command reads; writing it would destroy it: "
                "pick another file"
            )
    read_as_data = real.suffix in inputs.suffixes or real.name == "timeline.toml"
    writes_data = data is not None
    if not writes_data and read_as_data and inputs.data and real.is_relative_to(inputs.data):
        raise UsageError(
            f"{shown!r} is inside the data folder, where the next load would read it "
            "as data: write it somewhere else"
        )
    return target


def _begins(path: Path, line: str) -> bool:
    """Whether the regular file `path` begins with `line`."""
    wanted = line.encode("utf-8")
    try:
        with open_regular(path) as handle:
            return handle.read(len(wanted) + 3).removeprefix(b"\xef\xbb\xbf").startswith(wanted)
    except OSError:
        return False


def _input(info: os.stat_result, inputs: Inputs) -> str | None:
    """What `info`'s file is among `inputs` (compared as files, so links and hard links
    count), or None."""
    for path, what in inputs.files.items():
        try:
            other = path.stat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return what
    return None


def _check_folder(shown: str, real: Path, info: os.stat_result | None, inputs: Inputs) -> None:
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{shown!r} exists and is not a folder; pick another -o")
    if inputs.data is not None and real.is_relative_to(inputs.data):
        where = "is the data folder" if real == inputs.data else "is inside the data folder"
        raise UsageError(f"{shown!r} {where}; write the site into a folder of its own")
    if inputs.root is not None and real == inputs.root:
        raise UsageError(
            f"{shown!r} is the project root; write the site into a folder of its own, e.g. -o site"
        )
    held = [(path, what) for path, what in inputs.files.items() if path.is_relative_to(real)]
    if inputs.data is not None and inputs.data.is_relative_to(real):
        held.insert(0, (inputs.data, "the data folder"))
    if held:
        path, what = held[0]
        raise UsageError(
            f"{shown!r} holds {what} ({path}) that this command reads; a build replaces "
            "the whole folder: write the site into a folder of its own"
        )
    if info is not None and inputs.suffixes:
        found = _data_file_in(real, inputs.suffixes)
        if found is not None:
            raise UsageError(
                f"{shown!r} holds data files ({found}); a build replaces the whole "
                "folder: write the site into a folder of its own"
            )


def _data_file_in(folder: Path, suffixes: frozenset[str]) -> Path | None:
    """The first data file anywhere under `folder` (links not followed), or None."""
    for here, _, files in os.walk(folder):
        for name in files:
            if Path(name).suffix in suffixes:
                return Path(here, name)
    return None
