"""Atomic writes under signals: a killed `timeline build` or `timeline ics -o` never leaves a
torn file where a subscriber or a browser could fetch it.

Each run writes the same bytes (SOURCE_DATE_EPOCH is fixed), so after any kill every file
that exists must equal the reference output byte for byte: the previous complete version.
SIGTERM and SIGHUP unwind like Ctrl-C, so after them no temporary file or folder is left
either; SIGKILL cannot be caught, and the temporaries it leaves are removed by the next run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
#: SIGKILLs per command (55 in all); runs that end before their kill do not count.
KILLS = {"build": 30, "ics": 25}
#: SIGTERMs and SIGHUPs per command (24 in all).
CLEAN_KILLS = 6


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated data folder big enough that writing takes a while."""
    out = tmp_path_factory.mktemp("kill")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "1500", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def _command(kind: str) -> list[str]:
    if kind == "build":
        return [sys.executable, "-m", "timeline", "build", "events", "-o", "site", "-q"]
    return [sys.executable, "-m", "timeline", "ics", "events", "-o", "site/feed.ics"]


def _temporaries(project: Path) -> list[str]:
    """Temporary files and folders of a write, in the project or the site."""
    found = [*project.glob(".site.*.tmp"), *project.glob("site/**/.*.tmp")]
    return sorted(str(path.relative_to(project)) for path in found)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1766102400"}


def _stop_at_random(
    kind: str, project: Path, sig: signal.Signals, count: int, earliest: float
) -> None:
    """Run `kind` until `count` runs were stopped by `sig` at random moments (from `earliest`
    of a run's time on); after each, every file of the site must be the reference's bytes,
    and with a signal that can be caught no temporary may be left."""
    started = time.perf_counter()
    subprocess.run(_command(kind), cwd=project, env=ENV, check=True, capture_output=True)
    duration = time.perf_counter() - started
    reference = _snapshot(project / "site")
    assert reference, "the reference run wrote nothing"
    rng = random.Random(f"{kind}-{sig.name}")
    kills = attempts = 0
    while kills < count:
        attempts += 1
        assert attempts <= 3 * count, f"only {kills} runs were stopped before they ended"
        process = subprocess.Popen(
            _command(kind), cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        wait = rng.uniform(earliest * duration, 0.9 * duration)
        time.sleep(wait)
        if process.poll() is None:
            process.send_signal(sig)
            kills += 1
        else:  # it ran quicker than the reference (a machine that was busy is not now)
            duration = wait
        code = process.wait(timeout=60)
        assert process.stderr is not None
        err = process.stderr.read().decode()
        assert "Traceback" not in err, err
        if sig != signal.SIGKILL:
            assert code in (0, 128 + sig, -sig), (code, err)
            assert _temporaries(project) == []
        current = _snapshot(project / "site")
        assert set(current) == set(reference)
        torn = [name for name in current if current[name] != reference[name]]
        assert torn == [], f"torn files after {sig.name}: {torn}"


@pytest.mark.parametrize("kind", sorted(KILLS))
def test_killed_writer_leaves_only_complete_files(kind: str, project: Path) -> None:
    """After each of many SIGKILLs at random moments, every output file is whole, and the
    next run removes the temporaries the kills left."""
    _stop_at_random(kind, project, signal.SIGKILL, KILLS[kind], earliest=0.05)
    subprocess.run(_command(kind), cwd=project, env=ENV, check=True, capture_output=True)
    assert _temporaries(project) == [], "a later run did not remove what the kills left"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("kind", sorted(KILLS))
def test_terminated_writer_cleans_up(kind: str, sig: signal.Signals, project: Path) -> None:
    """SIGTERM or SIGHUP at a random moment: every file whole, no temporary left behind, and
    the exit status is the signal's (128 + its number)."""
    # Late enough that the command runs: before main() installs its handlers, Python's
    # default ends the process, which has written nothing yet either.
    _stop_at_random(kind, project, sig, CLEAN_KILLS, earliest=0.3)
