"""A data folder → a validated `Timeline`: find the files, read each, check, assemble.

Every problem is collected, located (file, line where the format gives it, key path) and
reported together in one `DataError`; loading never stops at the first one. Each format's
reader lives with its format (`_toml`, `_jsonl`, the JSON export in `report._json`); this
module only walks the folder and hands each file to the reader its suffix names.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

from timeline import _jsonl, _parquet, _toml
from timeline._files import read_text
from timeline._io import collector_paused, kind_of
from timeline._model import Settings, Source
from timeline._paths import Inputs
from timeline._settings import SETTINGS_FILE, structure_settings
from timeline._structure import Located, Shared, assemble
from timeline._timeline import Timeline
from timeline._validate import days_in_zone, validate
from timeline.errors import DataError, Problem
from timeline.report import _json

__all__ = ["READERS", "inputs", "load", "load_records"]

#: Reads the file at a path (shown in problems as the second argument) into located records.
Reader = Callable[[Path, str, list[Problem], Shared], Iterator[Located]]

#: Told how far a load has got, for a progress bar: (stage, done, total). "reading" counts
#: the bytes of the data files (total: all of them); "checking" (the checks across records)
#: and "sorting" have no count (0, 0).
Progress = Callable[[str, int, int], object]

#: Data file suffix → the reader of that format.
READERS: Final[dict[str, Reader]] = {
    ".toml": _toml.read_file,
    ".jsonl": _jsonl.read_file,
    ".parquet": _parquet.read_file,  # events only; pyarrow is imported when one is found
}


def load(folder: str | Path = "events", *, progress: Progress | None = None) -> Timeline:
    """Read every `*.toml`, `*.jsonl` and `*.parquet` file under `folder` into a validated
    `Timeline`.

    A `.json` file instead of a folder is read as a JSON export (see `timeline.load_json`).
    `progress`, if given, is called as `progress(stage, done, total)` as the load goes on:
    stage "reading" with the bytes of data files read and their total, then "checking" and
    "sorting" with (0, 0). The library itself never prints.

    Raises:
        DataError: listing every problem found, each with file, line and key path.
    """
    root = Path(folder)
    if root.suffix == ".json" and root.is_file():
        return _json.load_json(root)
    with collector_paused():
        shared = Shared()
        settings, located, problems = load_records(root, shared, progress)
        if not located and not problems:
            problems.append(Problem(path=f"{_display(root)}/", message=_NO_RECORDS))
        if progress is not None:
            progress("checking", 0, 0)
        problems += validate(located, project_root=root.resolve().parent, shared=shared)
        if settings is not None:
            problems += days_in_zone(located, settings.zone)
        if problems:
            raise DataError(problems)
        assert settings is not None
        if progress is not None:
            progress("sorting", 0, 0)
        return assemble(located, settings)


_NO_RECORDS: Final = (
    "the data folder holds no records; is DATA the right folder? (records are [[event]], "
    "[[source]]... tables in .toml files or lines of .jsonl files)"
)


def inputs(folder: str | Path, sources: Iterable[Source]) -> Inputs:
    """What loading `folder` read, so that no output of a command replaces it: its data
    files, its settings, and the files of its `sources`."""
    root = Path(folder)
    project = root.resolve().parent
    files: dict[Path, str] = {}
    data = None
    if root.suffix == ".json" and root.is_file():
        files[root.resolve()] = "the JSON export"
    else:
        data = root.resolve()
        files.update((path.resolve(), "a data file") for path in _data_files(root, []))
        if (root / SETTINGS_FILE).is_file():
            files[(root / SETTINGS_FILE).resolve()] = "the settings file"
    for source in sources:
        if source.file is not None:
            files[(project / source.file).resolve()] = "a cited source file"
    return Inputs(files=files, data=data, root=project, suffixes=frozenset(READERS))


def load_records(
    folder: Path, shared: Shared | None = None, progress: Progress | None = None
) -> tuple[Settings | None, list[Located], list[Problem]]:
    """Read and structure every record, without the cross-record checks; `shared` keeps
    what the records share and which were refused; `progress` is told the bytes read."""
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        looked = Path.cwd() / folder if not folder.is_absolute() else folder
        problem = Problem(path=str(folder), message=f"the data folder {what} (looked for {looked})")
        return None, [], [problem]
    problems: list[Problem] = []
    settings = _load_settings(folder, problems)
    located: list[Located] = []
    shared = Shared() if shared is None else shared
    files = _data_files(folder, problems)
    if progress is None:
        for path in files:
            located += READERS[path.suffix](path, _display(path), problems, shared)
    else:
        _read_telling(files, located, problems, shared, progress)
    return settings, located, problems


def _read_telling(
    files: list[Path],
    located: list[Located],
    problems: list[Problem],
    shared: Shared,
    progress: Progress,
) -> None:
    """Read `files` as `load_records` does, telling `progress` the bytes read so far: after
    each file, and within a file after each block its reader reads in."""
    sizes = [_size(path) for path in files]
    total, before = sum(sizes), 0

    def reading(done: int) -> None:
        progress("reading", before + min(done, size), total)

    shared.reading = reading
    progress("reading", 0, total)
    try:
        for path, size in zip(files, sizes, strict=True):
            located += READERS[path.suffix](path, _display(path), problems, shared)
            before += size
            progress("reading", before, total)
    finally:
        shared.reading = None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # its reader reports it
        return 0


def _data_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """Every data file under `folder`, in order; what cannot be read is a problem.

    Names starting with "." are skipped. A link to a data file is read; a link to a folder
    is not followed (it could loop or lead out of the project) and, like a dangling link, an
    unreadable folder or a data file that is a FIFO or a device, is reported with its path.
    """
    found: list[Path] = []
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            if here != folder:  # the folder itself is load_records' to report
                problems.append(_problem(Path(here), f"cannot read the folder: {error.strerror}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            data = path.suffix in READERS
            if entry.is_symlink():
                _linked(path, data, found, problems)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif data and not (here == folder and entry.name == SETTINGS_FILE):
                kind = kind_of(entry.stat(follow_symlinks=False).st_mode)
                if kind is None:
                    found.append(path)
                else:
                    problems.append(_problem(path, f"is {kind}, not a regular file"))
    return sorted(found)


def _linked(path: Path, data: bool, found: list[Path], problems: list[Problem]) -> None:
    """Read a link to a data file; report a link to a folder, and a dangling data link."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if data:
            problems.append(_problem(path, _dangling(path, error)))
        return
    kind = kind_of(mode)
    if kind == "a folder":
        problems.append(
            _problem(
                path,
                "a symbolic link to a folder; the data folder's links to folders are not "
                "followed (a link can loop or leave the project): move the folder in, or "
                "link its files one by one",
            )
        )
    elif data and kind is None:
        found.append(path)
    elif data:
        problems.append(_problem(path, f"a symbolic link to {kind}, not to a regular file"))


def _dangling(path: Path, error: OSError) -> str:
    try:
        pointed = str(path.readlink())
    except OSError:
        pointed = "?"
    if isinstance(error, FileNotFoundError):
        return f"a symbolic link to nothing ({pointed}); remove it or restore its file"
    return f"cannot follow the symbolic link ({pointed}): {error.strerror}"


def _problem(path: Path, message: str) -> Problem:
    return Problem(path=_display(path), message=message)


def _display(path: Path) -> str:
    """`path` relative to the working folder when it is under it; links are not followed,
    so a problem names the link, not what it points at."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _load_settings(folder: Path, problems: list[Problem]) -> Settings:
    path = folder / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return Settings()
    shown = _display(path)
    text = read_text(path, shown, problems)
    raw = None if text is None else _toml.parse(text, shown, problems)
    if text is None or raw is None:
        return Settings()
    return structure_settings(raw, shown=shown, problems=problems, lines=_toml.key_lines(text))
