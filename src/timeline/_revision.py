"""A data folder as it was at a git revision: `timeline diff --rev REV DATA`.

`git archive` writes the folder at the revision (and then the source files its records
name, which live beside it in the project) into a temporary folder, which is loaded as any
data folder is and removed. Nothing in the working tree is touched. Problems in the old
data are reported as `REV:path/to/file.toml:line: …`.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

from timeline._load import load, load_records
from timeline._model import Source
from timeline._structure import Shared
from timeline._timeline import Timeline
from timeline.errors import DataError, Problem, UsageError

__all__ = ["load_revision"]


def _git(git: str, where: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([git, "-C", str(where), *args], capture_output=True, check=False)


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8", "replace").strip().removeprefix("fatal: ")


def _extract(git: str, top: Path, commit: str, paths: Iterable[str], into: Path) -> bool:
    """Write `paths` at `commit` under `into`; False when git finds none of them."""
    result = _git(git, top, "archive", "--format=tar", commit, "--", *paths)
    if result.returncode != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(result.stdout), mode="r:") as archive:
        archive.extractall(into, filter="data")
    return True


def _source_files(data: Path, inside: str) -> list[str]:
    """The repository paths of the source files the folder's records name."""
    _, located, _ = load_records(data, Shared())
    found = []
    for item in located:
        record = item.record
        if isinstance(record, Source) and record.file:
            path = posixpath.normpath(posixpath.join(inside, record.file))
            if not path.startswith("../") and path != ".." and not posixpath.isabs(path):
                found.append(path)
    return sorted(set(found))


def load_revision(folder: str | Path, revision: str) -> Timeline:
    """The data folder `folder` as it was at git revision `revision`.

    Raises:
        UsageError: git is missing, the folder is not in a git repository, the revision
            does not exist, or the folder did not exist at it.
        DataError: the data at the revision has problems (paths read `REV:file`).
    """
    git = shutil.which("git")
    if git is None:
        raise UsageError(
            "--rev needs git, which is not installed or not on PATH; compare two folders "
            "instead: timeline diff OLD NEW"
        )
    here = Path(folder)
    if not here.is_dir():
        raise UsageError(f"--rev: {str(folder)!r} is not a folder; name the data folder to compare")
    found = _git(git, here, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise UsageError(
            f"--rev: {str(folder)!r} is not in a git repository ({_said(found)}); compare two "
            "folders instead: timeline diff OLD NEW"
        )
    top = Path(found.stdout.decode().strip()).resolve()
    inside = here.resolve().relative_to(top).as_posix()
    commit = None
    if not revision.startswith("-"):  # never an option to git
        commit = _git(git, top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit is None or commit.returncode != 0:
        raise UsageError(
            f"--rev: no revision {revision!r} in the repository at {str(top)!r}; give a "
            "commit, a branch or a tag, e.g. HEAD~1"
        )
    sha = commit.stdout.decode().strip()
    with tempfile.TemporaryDirectory(prefix="timeline-rev-") as scratch:
        root = Path(scratch)
        data = root / inside
        if not _extract(git, top, sha, [inside], root) or not data.is_dir():
            raise UsageError(f"--rev: {str(folder)!r} did not exist at {revision!r}")
        files = _source_files(data, posixpath.dirname(inside) if inside != "." else "..")
        if files:
            listed = _git(git, top, "ls-tree", "-r", "--name-only", sha, "--", *files)
            present = listed.stdout.decode().split("\n") if listed.returncode == 0 else []
            if any(present):
                _extract(git, top, sha, [p for p in present if p], root)
        try:
            return load(data)
        except DataError as error:
            shown = f"{revision}:{inside}"
            raise DataError(_relocated(error, (str(data.resolve()), str(data)), shown)) from None


def _relocated(error: DataError, scratch: Iterable[str], shown: str) -> list[Problem]:
    """The problems of `error` with the temporary folder's paths written as `shown`."""
    problems = list(error.problems)
    for problem in problems:
        for path in scratch:
            problem.path = problem.path.replace(path, shown)
            problem.message = problem.message.replace(path, shown)
    return problems
