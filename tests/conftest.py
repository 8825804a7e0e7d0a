"""Shared test set-up: Hypothesis profiles and fixtures that point at the test data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

#: "dev" keeps the suite quick on a laptop; "ci" (chosen when CI=true) digs deeper and never
#: fails on timing, since shared CI machines are slow in bursts.
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def project_root() -> Path:
    """The repository root, which holds the shipped `events/` dataset."""
    return ROOT


@pytest.fixture
def shipped_events() -> Path:
    """The shipped dataset folder."""
    return ROOT / "events"


@pytest.fixture
def broken_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/data/broken/, made the working directory."""
    target = tmp_path / "broken"
    shutil.copytree(DATA / "broken", target, symlinks=True)
    monkeypatch.chdir(target)
    return target


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, made the working directory, so shown paths are short."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


#: Set TIMELINE_UPDATE_GOLDEN=1 to rewrite golden files from the current output (then review
#: the diff in git before committing it).
UPDATE_GOLDEN = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"


def assert_golden(actual: str, path: Path) -> None:
    """Compare `actual` with the golden file byte for byte, failing with a unified diff."""
    import difflib

    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(path),
                tofile="rendered",
            )
        )
        pytest.fail(
            f"output differs from {path.name} (TIMELINE_UPDATE_GOLDEN=1 rewrites it):\n{diff}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def generated_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder of 3,000 events from benchmarks/generate.py (every precision, policies,
    many actors): big enough for dense chart lanes and a compact list, quick to load."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "3000", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out / "events"
