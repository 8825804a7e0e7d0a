"""The benchmark generator keeps producing valid data, and the loader's fast path agrees.

benchmarks/ is not run by CI; this small run of its generator is, so it cannot rot.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import timeline
from timeline import _jsonl, _structure
from timeline._cli import main

GENERATE = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """benchmarks/generate.py, imported from its path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("fmt", ["toml", "jsonl"])
def test_generated_data_passes_check(generate, tmp_path, capsys, fmt):
    """200 generated events in either format pass `timeline check` with no problems."""
    data = generate.generate(tmp_path, 200, fmt=fmt, seed=7)
    assert main(["check", str(data)]) == 0
    assert "200 events" in capsys.readouterr().out


def test_generated_data_has_every_kind_of_date(generate, tmp_path):
    """The data mixes the precisions, qualifiers, spans, zones and effects it promises."""
    tl = timeline.load(generate.generate(tmp_path, 2000, fmt="jsonl", seed=1))
    whens = [e.when for e in tl]
    precisions = {str(w.precision) for w in whens if not w.is_instant}
    assert {"day", "month", "season", "year", "decade"} <= precisions
    assert any(w.is_open and w.start is None for w in whens)
    assert any(w.is_open and w.end is None for w in whens)
    assert any(w.tz for w in whens)
    assert any(w.is_instant and not w.tz for w in whens)
    assert {w.qualifier.value for w in whens} >= {"~", "?", "%"}
    assert {e.effect for e in tl if e.effect} >= {
        timeline.Effect.ENACTED,
        timeline.Effect.TIGHTENED,
        timeline.Effect.SUSPENDED,
    }
    assert any(c.quote for e in tl for c in e.cite)
    assert any(not e.title.isascii() for e in tl)
    statuses = timeline.status(tl, timeline.When.parse("2025-12-31").earliest)
    assert len(statuses) == len(tl.policies)


def test_same_seed_same_bytes(generate, tmp_path):
    """The generator is deterministic: one seed and size always give the same files."""
    first = generate.generate(tmp_path / "a", 300, fmt="jsonl", seed=3)
    second = generate.generate(tmp_path / "b", 300, fmt="jsonl", seed=3)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_formats_give_the_same_timeline(generate, tmp_path):
    """The same seed written as TOML and as JSON Lines loads into equal timelines."""
    toml = timeline.load(generate.generate(tmp_path / "t", 300, fmt="toml", seed=5))
    jsonl = timeline.load(generate.generate(tmp_path / "j", 300, fmt="jsonl", seed=5))
    assert toml.events == jsonl.events
    assert dict(toml.sources) == dict(jsonl.sources)


def test_fast_path_builds_what_cattrs_builds(generate, tmp_path, monkeypatch):
    """Loading without the loader's fast path (cattrs for every record) gives equal events."""
    data = generate.generate(tmp_path, 500, fmt="jsonl", seed=11)
    fast = timeline.load(data)
    monkeypatch.setattr(_structure, "screen_event", lambda raw, shared, clean: None)
    monkeypatch.setattr(_jsonl, "event_of", lambda fields, shared, clean: None)
    slow = timeline.load(data)
    assert fast.events == slow.events
    assert [type(e.when) for e in fast] == [type(e.when) for e in slow]


def test_the_series_benchmark_data_passes_check(tmp_path, capsys):
    """benchmarks/series.py writes policies whose steps all fold; a small run agrees with
    the status of every policy on a few days."""
    import datetime as dt

    spec = importlib.util.spec_from_file_location("bench_series", GENERATE.parent / "series.py")
    assert spec is not None
    assert spec.loader is not None
    series = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(series)
    folder = series.generate(tmp_path, policies=40, events=10, years=3)
    assert main(["check", str(folder)]) == 0
    assert "400 events" in capsys.readouterr().out
    tl = timeline.load(folder)
    counted = tl.series("month", dt.date(2023, 1, 1), dt.date(2025, 12, 31))
    for step in counted.steps[::7]:
        answers = tl.status(step.as_of).values()
        assert step.total.in_force == sum(a.in_force is True for a in answers)
