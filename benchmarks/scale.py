"""The recipe of docs/scale.md, measured: tens of millions of events in Parquet, a DuckDB
query across the files, and the slice handed to timeline for a report.

    python benchmarks/scale.py --events 10000000 --work /tmp/timeline-bench

generates the events when they are missing (benchmarks/generate.py --format parquet, then
the Parquet files move out of the data folder into `lake/`, while the data folder keeps the
reference records), and then runs the recipe in child processes, each one step further, so
that each peak RSS is that of the recipe up to that step:

1. `query`: DuckDB reads `lake/*.parquet` and keeps the events tagged `export-controls`
   that can overlap 2024, as an Arrow table;
2. `slice`: that, and `timeline.from_arrow(table, context=timeline.load(data folder))`;
3. `report`: that, and the Markdown report and the iCalendar feed of the slice, to files.

It prints a Markdown table (the one in docs/scale.md) and writes the figures as JSON beside
the data. Needs the `bench` extra (DuckDB, pyarrow). Not a test: CI never runs it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

#: The query of docs/scale.md: the slice a reader asks for, in SQL.
QUERY = """
SELECT * FROM read_parquet('{files}')
WHERE list_contains(tags, 'export-controls')
  AND (earliest IS NULL OR earliest <= DATE '2024-12-31')
  AND (latest IS NULL OR latest >= DATE '2024-01-01')
"""
STEPS = ("query", "slice", "report")


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step(name: str, folder: Path) -> dict[str, Any]:
    """Run the recipe up to `name` in this process; each part's time and the RSS after it."""
    out: dict[str, Any] = {}

    def lap(part: str, started: float) -> None:
        out[f"{part}_s"] = time.perf_counter() - started
        out[f"{part}_rss_mib"] = _rss_mib()

    import duckdb

    started = time.perf_counter()
    files = str(folder / "lake" / "*.parquet").replace("'", "''")
    result = duckdb.connect().sql(QUERY.format(files=files)).arrow()
    # DuckDB 1.x gives a Table, 2.x a RecordBatchReader (which from_arrow also takes, batch
    # by batch); read it whole here, so that the query's time is its own.
    table = result.read_all() if hasattr(result, "read_all") else result
    out["rows"] = table.num_rows
    lap("query", started)
    if name == "query":
        return out
    import timeline

    started = time.perf_counter()
    context = timeline.load(folder / "events")
    lap("context", started)
    started = time.perf_counter()
    tl = timeline.from_arrow(table, context=context)
    del table
    out["events"] = len(tl)
    lap("from_arrow", started)
    if name == "slice":
        return out
    from timeline import report

    started = time.perf_counter()
    with open(folder / "slice.md", "wb") as f:
        report.write(tl, f, "markdown")
    lap("markdown", started)
    started = time.perf_counter()
    with open(folder / "slice.ics", "wb") as f:
        timeline.write_ics(tl, f)
    lap("ics", started)
    out["markdown_mb"] = (folder / "slice.md").stat().st_size / 1e6
    out["ics_mb"] = (folder / "slice.ics").stat().st_size / 1e6
    return out


def ensure(work: Path, events: int) -> tuple[Path, dict[str, Any]]:
    """The folder of the recipe's data, generated (and timed) when missing."""
    folder = work / f"lake-{events}"
    lake = folder / "lake"
    figures: dict[str, Any] = {}
    if not any(lake.glob("*.parquet")):
        started = time.perf_counter()
        subprocess.run(
            [
                PYTHON,
                str(HERE / "generate.py"),
                str(events),
                "--format",
                "parquet",
                "--out",
                str(folder),
            ],
            check=True,
        )
        figures["generate_s"] = time.perf_counter() - started
        lake.mkdir(exist_ok=True)
        for path in sorted((folder / "events").glob("*.parquet")):
            path.rename(lake / path.name)
    files = sorted(lake.glob("*.parquet"))
    figures["files"] = len(files)
    figures["parquet_mb"] = sum(p.stat().st_size for p in files) / 1e6
    return folder, figures


def main(argv: list[str] | None = None) -> int:
    """Measure the recipe (or, with --step, run one step in this process)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-bench"))
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(step(args.step, args.folder)))
        return 0
    sys.path.insert(0, str(HERE))
    from run import machine, measure

    folder, results = ensure(args.work, args.events)
    results.update(events=args.events, machine=machine(), steps={})
    for name in STEPS:
        figures = measure([PYTHON, __file__, "--step", name, "--folder", str(folder)])
        results["steps"][name] = figures
        print(f"{name}: {figures}", file=sys.stderr, flush=True)
    (folder / "results.json").write_text(json.dumps(results, indent=2))
    print(markdown(results))
    return 0


def markdown(results: dict[str, Any]) -> str:
    """The figures as the table of docs/scale.md: each part's time as measured in the child
    that stopped after it, and that child's whole wall time, CPU time and peak RSS."""
    steps = results["steps"]
    report = steps["report"]
    lines = [
        f"{results['events']:,} events in {results['files']} Parquet files "
        f"({results['parquet_mb']:,.0f} MB); {results['machine']}.",
        "",
        "| step | what it does | time (s) | up to here: wall (s) / CPU (s) / peak RSS (MiB) |",
        "|---|---|---:|---:|",
    ]
    if "generate_s" in results:
        lines.append(
            f"| generate | `benchmarks/generate.py {results['events']} --format parquet` "
            f"| {results['generate_s']:.0f} | |"
        )
    rows = [
        ("query", "query", f"DuckDB: the {report['rows']:,} rows of the query, as Arrow"),
        ("slice", "context", "`timeline.load` of the reference records (the data folder)"),
        ("slice", "from_arrow", f"`timeline.from_arrow`: {report['events']:,} checked events"),
        ("report", "markdown", f'`report.write(..., "markdown")`: {report["markdown_mb"]:.0f} MB'),
        ("report", "ics", f"`timeline.write_ics`: {report['ics_mb']:.0f} MB"),
    ]
    for name, part, what in rows:
        whole = steps[name]
        tail = f"{whole['wall_s']:.1f} / {whole['cpu_s']:.1f} / {whole['rss_mib']:,.0f}"
        lines.append(f"| {part} | {what} | {whole[f'{part}_s']:.2f} | {tail} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
