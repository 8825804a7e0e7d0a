"""A data folder → a validated `Timeline`: find the files, read each, check, assemble.

Every problem is collected, located (file, line where the format gives it, key path) and
reported together in one `DataError`; loading never stops at the first one. Each format's
reader lives with its format (`_toml`, `_jsonl`, the JSON export in `report._json`); this
module only walks the folder and hands each file to the reader its suffix names.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

from timeline import _jsonl, _parquet, _toml
from timeline._files import read_text
from timeline._model import Settings
from timeline._settings import SETTINGS_FILE, structure_settings
from timeline._structure import Located, Shared, assemble
from timeline._timeline import Timeline
from timeline._validate import validate
from timeline.errors import DataError, Problem
from timeline.report import _json

__all__ = ["load", "load_records"]

#: Reads the file at a path (shown in problems as the second argument) into located records.
Reader = Callable[[Path, str, list[Problem], Shared], Iterator[Located]]

#: Data file suffix → the reader of that format.
READERS: Final[dict[str, Reader]] = {
    ".toml": _toml.read_file,
    ".jsonl": _jsonl.read_file,
    ".parquet": _parquet.read_file,  # events only; pyarrow is imported when one is found
}


def load(folder: str | Path = "events") -> Timeline:
    """Read every `*.toml`, `*.jsonl` and `*.parquet` file under `folder` into a validated
    `Timeline`.

    A `.json` file instead of a folder is read as a JSON export (see `timeline.load_json`).

    Raises:
        DataError: listing every problem found, each with file, line and key path.
    """
    root = Path(folder)
    if root.suffix == ".json" and root.is_file():
        return _json.load_json(root)
    with _collector_paused():
        shared = Shared()
        settings, located, problems = load_records(root, shared)
        problems += validate(located, project_root=root.resolve().parent, shared=shared)
        if problems:
            raise DataError(problems)
        assert settings is not None
        return assemble(located, settings)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are built, then file them as old.

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


def load_records(
    folder: Path, shared: Shared | None = None
) -> tuple[Settings | None, list[Located], list[Problem]]:
    """Read and structure every record, without the cross-record checks; `shared` keeps
    what the records share and which were refused."""
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        looked = Path.cwd() / folder if not folder.is_absolute() else folder
        problem = Problem(path=str(folder), message=f"the data folder {what} (looked for {looked})")
        return None, [], [problem]
    problems: list[Problem] = []
    settings = _load_settings(folder, problems)
    located: list[Located] = []
    shared = Shared() if shared is None else shared
    for path in _data_files(folder):
        located += READERS[path.suffix](path, _display(path), problems, shared)
    return settings, located, problems


def _data_files(folder: Path) -> list[Path]:
    found = [
        path
        for pattern in (f"*{suffix}" for suffix in READERS)
        for path in folder.rglob(pattern)
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    settings = folder / SETTINGS_FILE
    return sorted(p for p in found if p != settings and p.is_file())


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load_settings(folder: Path, problems: list[Problem]) -> Settings:
    path = folder / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    shown = _display(path)
    text = read_text(path, shown, problems)
    raw = None if text is None else _toml.parse(text, shown, problems)
    if text is None or raw is None:
        return Settings()
    return structure_settings(raw, shown=shown, problems=problems, lines=_toml.key_lines(text))
