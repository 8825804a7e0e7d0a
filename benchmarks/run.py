"""Measure timeline at scale, each task in its own process so peak memory is per task.

    python benchmarks/run.py --sizes 10000 100000 1000000 --work /tmp/timeline-bench

generates the datasets it lacks (benchmarks/generate.py: JSON Lines; Parquet; TOML too for
sizes up to 100,000), then for each size runs every task of `TASKS` on the JSON Lines data
and `load` on the others, the same work end to end through the command line, and the
same-run comparisons (benchmarks/compare.py): `When` parsing against python-edtf, the ICS
writer against `icalendar` objects, and start-up against `python -c pass`. It prints a
Markdown report (the body of docs/performance.md) and writes the raw figures as JSON beside
the data. Benchmarks are not pass/fail: CI never runs this.

Every figure is wall-clock time and peak RSS of a child process (os.wait4), plus the time of
the measured step alone, taken inside the child after its data is loaded. CPU time is given
too: on a shared machine it says more than wall time about the code. A task that runs past
`--timeout` is stopped and reported as such (quadratic work at a million events would run
for days).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
TIMELINE = str(Path(PYTHON).with_name("timeline"))
STAMP = dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
AS_OF = dt.date(2025, 12, 31)

#: What a child can measure after loading: `load` itself, then one thing each.
TASKS: dict[str, str] = {
    "load": "load and validate the data folder",
    "sort": "rebuild the Timeline from the events shuffled",
    "text": "the text report, written to a file",
    "markdown": "the Markdown report, written to a file",
    "json": "the JSON export, written to a file",
    "csv": "the CSV export, written to a file",
    "timelinejs": "the TimelineJS document, written to a file",
    "html": "the HTML page, written to a file",
    "ics": "the calendar, written to a file",
    "parquet": "the Parquet file, written",
    "status": "every policy's state on 2025-12-31, as `timeline status` prints it",
    "build": "the static site (`timeline.build_site`)",
    "extract": "`timeline.extract` on an article of one sentence per event",
    "import-ics": "`timeline.read_ics` of the calendar of the events",
}
_STREAMED = ("text", "markdown", "json", "csv", "timelinejs")


# -- child side: one task, in this process ----------------------------------------------------


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def article(tl: Any) -> str:
    """One sentence per event ("On 25 April 2025, ... ."), twenty to a paragraph."""
    sentences = [f"On {event.when.label}, {event.title.rstrip('.')}." for event in tl]
    return "\n\n".join(" ".join(sentences[i : i + 20]) for i in range(0, len(sentences), 20))


def task(name: str, data: str) -> dict[str, Any]:
    """Load `data`, then time the step `name`; returns the step's figures."""
    import gc

    import timeline

    started, started_cpu = time.perf_counter(), time.process_time()
    gc.disable()  # as the command line does: see timeline._cli._options.load
    tl = timeline.load(data)
    gc.freeze()
    gc.enable()
    loaded, loaded_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    out: dict[str, Any] = {"events": len(tl), "load_s": loaded, "rss_after_load_mib": _rss_mib()}
    target = Path(f"out.{name}")
    clock, cpu = time.perf_counter(), time.process_time()
    if name == "load":
        pass
    elif name == "sort":
        shuffled = list(tl.events)
        random.Random(1).shuffle(shuffled)
        clock, cpu = time.perf_counter(), time.process_time()
        timeline.Timeline(
            events=shuffled,
            actors=tl.actors,
            places=tl.places,
            policies=tl.policies,
            sources=tl.sources,
            settings=tl.settings,
        )
    elif name in _STREAMED:
        with open(target, "wb") as f:
            timeline.report.write(tl, f, name)
    elif name == "html":
        target.write_bytes(timeline.report.html(tl).encode())
    elif name == "ics":
        with open(target, "wb") as f:
            timeline.write_ics(tl, f, stamp=STAMP)
    elif name == "parquet":
        from timeline import _parquet

        _parquet.write(tl, target)
    elif name == "status":
        from timeline.report import _policy as policy

        statuses = timeline.status(tl, AS_OF)
        out["bytes"] = len(policy.status_text(statuses, AS_OF))
    elif name == "build":
        import shutil

        shutil.rmtree("site", ignore_errors=True)
        written = timeline.build_site(tl, "site")
        out["files"] = len(written)
        out["bytes"] = sum(p.stat().st_size for p in Path("site").rglob("*") if p.is_file())
    elif name == "extract":
        text = article(tl)
        out["characters"] = len(text)
        clock, cpu = time.perf_counter(), time.process_time()
        out["mentions"] = len(timeline.extract(text, AS_OF))
    elif name == "import-ics":
        with open(target, "wb") as f:
            timeline.write_ics(tl, f, stamp=STAMP)
        out["bytes"] = target.stat().st_size
        clock, cpu = time.perf_counter(), time.process_time()
        out["imported"] = len(timeline.read_ics(target).events)
    else:
        raise ValueError(f"unknown task {name!r}")
    out["step_s"] = time.perf_counter() - clock if name != "load" else loaded
    out["step_cpu_s"] = time.process_time() - cpu if name != "load" else loaded_cpu
    out["rss_peak_mib"] = _rss_mib()
    if "bytes" not in out and target.is_file():
        out["bytes"] = target.stat().st_size
    return out


# -- parent side ------------------------------------------------------------------------------


def measure(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Run `cmd` in a child; its wall time, CPU time, peak RSS, and its JSON stdout merged in.

    A child still running after `timeout` seconds is stopped; the result then says so.
    """
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG if timeout else 0)
            if pid:
                break
            if timeout and time.perf_counter() - started > timeout:
                os.kill(child.pid, signal.SIGKILL)  # the child we started, by its id
                timed_out = True
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.2)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode and not timed_out:
            raise RuntimeError(f"{cmd} failed ({child.returncode}): {err.read().decode()[-3000:]}")
        text = out.read().decode().strip()
    result: dict[str, Any] = json.loads(text) if text.startswith("{") else {}
    if timed_out:
        result["timeout_s"] = timeout
    result.update(
        wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime, rss_mib=usage.ru_maxrss / 1024
    )
    return result


def run_task(name: str, folder: Path, timeout: float | None = None) -> dict[str, Any]:
    """One task in a child process; wall/CPU/RSS from outside, step time from inside."""
    cmd = [PYTHON, str(Path(__file__).resolve()), "--task", name, "--data", "events"]
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(STAMP.timestamp())))
    return measure(cmd, cwd=folder, env=env, timeout=timeout)


#: The same work through the command line, end to end, as a user runs it.
COMMANDS = {
    "check": ["check", "-q", "events"],
    "report text": ["report", "events", "--format", "text", "-o", "out.txt"],
    "report json": ["report", "events", "--format", "json", "-o", "out.json"],
    "ics": ["ics", "events", "-o", "out.ics"],
    "status": ["status", "events", "--as-of", AS_OF.isoformat()],
}


def run_command(name: str, folder: Path) -> dict[str, Any]:
    """`timeline NAME ...` in `folder`: wall, CPU and peak RSS of the process."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(STAMP.timestamp())))
    result = measure([TIMELINE, *COMMANDS[name]], cwd=folder, env=env)
    output = {"report text": "out.txt", "report json": "out.json", "ics": "out.ics"}.get(name)
    if output:
        result["bytes"] = (folder / output).stat().st_size
    return result


def startup(runs: int) -> dict[str, Any]:
    """`python -c pass`, `timeline --version`, `timeline check` on events/: min and median."""
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "timeline --version": [TIMELINE, "--version"],
        "timeline check events": [TIMELINE, "check", "-q", "events"],
        "python -c 'import timeline'": [PYTHON, "-c", "import timeline"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so a burst of load elsewhere hits all alike
        for name, cmd in commands.items():
            started = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - started)
    return {
        name: {"min_ms": min(t) * 1000, "median_ms": statistics.median(t) * 1000}
        for name, t in times.items()
    }


# -- the report ------------------------------------------------------------------------------


def ensure(work: Path, size: int, fmt: str) -> Path:
    """The folder holding `events/` for this size and format, generated when missing."""
    folder = work / f"{fmt}-{size}"
    if not (folder / "events" / "timeline.toml").is_file():
        subprocess.run(
            [PYTHON, str(HERE / "generate.py"), str(size), "--format", fmt, "--out", str(folder)],
            check=True,
        )
    return folder


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().split()[1]
        memory = f"{int(mem) / 2**20:.0f} GiB RAM"
    except OSError:
        memory = "unknown RAM"
    load = os.getloadavg()
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), {memory}; "
        f"Python {platform.python_version()}; load average at start {load[0]:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks (or, with --task, one task in this process)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-bench"))
    parser.add_argument("--tasks", nargs="+", default=list(TASKS), choices=list(TASKS))
    parser.add_argument(
        "--formats", nargs="+", default=["jsonl", "parquet", "toml"], help="data formats loaded"
    )
    parser.add_argument("--toml-up-to", type=int, default=100_000)
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds a task may run (default: 900)"
    )
    parser.add_argument(
        "--compare-size",
        type=int,
        default=10_000,
        help="size of the dataset the When and ICS comparisons use",
    )
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--skip-compare", action="store_true")
    parser.add_argument("--skip-commands", action="store_true")
    parser.add_argument(
        "--report",
        nargs="+",
        type=Path,
        metavar="RESULTS",
        help="print the tables of earlier runs' results.json files, merged (no run)",
    )
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.task:
        print(json.dumps(task(args.task, args.data)))
        return 0
    if args.task is None and args.data:
        parser.error("--data goes with --task")
    if args.report:
        print(markdown(merged([json.loads(path.read_text()) for path in args.report])))
        return 0

    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "sizes": {},
    }
    for size in args.sizes:
        formats = [f for f in args.formats if f != "toml" or size <= args.toml_up_to]
        for fmt in formats:
            folder = ensure(args.work, size, fmt)
            tasks = args.tasks if fmt == "jsonl" else [t for t in args.tasks if t == "load"]
            for name in tasks:
                figures = run_task(name, folder, args.timeout)
                results["sizes"].setdefault(f"{size}", {}).setdefault(fmt, {})[name] = figures
                step = "timed out" if "timeout_s" in figures else f"{figures['step_s']:8.2f} s"
                print(
                    f"{size:>9} {fmt:7} {name:10} step {step}  wall "
                    f"{figures['wall_s']:8.2f} s  cpu {figures['cpu_s']:8.2f} s  "
                    f"rss {figures['rss_mib']:8.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
            if fmt == "jsonl" and not args.skip_commands:
                for name in COMMANDS:
                    figures = run_command(name, folder)
                    results.setdefault("commands", {}).setdefault(f"{size}", {})[name] = figures
                    print(
                        f"{size:>9} timeline {name:11} wall {figures['wall_s']:8.2f} s  "
                        f"cpu {figures['cpu_s']:8.2f} s  rss {figures['rss_mib']:8.0f} MiB",
                        file=sys.stderr,
                        flush=True,
                    )
    if not args.skip_compare:
        import compare

        folder = ensure(args.work, args.compare_size, "jsonl")
        results["when_vs_edtf"] = compare.when_vs_edtf(folder / "events", limit=args.compare_size)
        print(f"when vs edtf: {results['when_vs_edtf']}", file=sys.stderr, flush=True)
        results["ics_vs_icalendar"] = measure(
            [
                PYTHON,
                "-c",
                f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import compare; "
                "print(json.dumps(compare.ics_vs_icalendar('events')))",
            ],
            cwd=folder,
        )
        print(f"ics vs icalendar: {results['ics_vs_icalendar']}", file=sys.stderr, flush=True)
        results["startup"] = startup(args.startup_runs)
        print(f"startup: {results['startup']}", file=sys.stderr, flush=True)
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print(markdown(results))
    return 0


def merged(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several runs' results as one: each figure from the last run that has it."""
    out: dict[str, Any] = {"sizes": {}, "commands": {}}
    for run in runs:
        for key in ("date", "machine", "command", "when_vs_edtf", "ics_vs_icalendar", "startup"):
            if key in run:
                out[key] = run[key]
        for size, formats in run.get("sizes", {}).items():
            for fmt, tasks in formats.items():
                out["sizes"].setdefault(size, {}).setdefault(fmt, {}).update(tasks)
        for size, named in run.get("commands", {}).items():
            out["commands"].setdefault(size, {}).update(named)
    out["sizes"] = dict(sorted(out["sizes"].items(), key=lambda item: int(item[0])))
    out["command"] = "merged: " + " + ".join(run.get("command", "?") for run in runs)
    return out


def _row(size: int, fmt: str, name: str, f: dict[str, Any], sizes: dict[str, Any]) -> str:
    """One line of the task table; growth is this step's CPU time ÷ that at a tenth the size
    (CPU time: a busy shared machine stretches wall time, and unevenly)."""
    smaller = sizes.get(f"{size // 10}", {}).get(fmt, {}).get(name)
    if "timeout_s" in f:
        step, cpu, growth = f"> {f['timeout_s']:.0f} (stopped)", "", ""
    else:
        step, cpu, growth = f"{f['step_s']:.2f}", f"{f.get('step_cpu_s', 0):.2f}", ""
        if smaller and "timeout_s" not in smaller and smaller.get("step_cpu_s", 0) > 0:
            growth = f"{f['step_cpu_s'] / smaller['step_cpu_s']:.1f}×"
    after = f"{f['rss_after_load_mib']:.0f}" if "rss_after_load_mib" in f else ""
    out = f"{f['bytes'] / 1e6:.1f}" if f.get("bytes") else ""
    return (
        f"| {size:,} | {fmt} | {name} | {step} | {cpu} | {growth} | {f['wall_s']:.2f} "
        f"| {f['cpu_s']:.2f} | {after} | {f['rss_mib']:.0f} | {out} |"
    )


def markdown(results: dict[str, Any]) -> str:
    """The figures as the Markdown tables of docs/performance.md."""
    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        f"Command: `{results['command']}`",
        "",
        "| events | format | task | step (s) | step CPU (s) | growth | process wall (s) "
        "| process CPU (s) | RSS after load (MiB) | peak RSS (MiB) | output (MB) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    sizes = results["sizes"]
    # Task by task, each at every size, so that each growth reads against the row above.
    pairs = dict.fromkeys((fmt, name) for f in sizes.values() for fmt, t in f.items() for name in t)
    for fmt, name in pairs:
        for size, formats in sizes.items():
            figures = formats.get(fmt, {}).get(name)
            if figures is not None:
                lines.append(_row(int(size), fmt, name, figures, sizes))
    commands = results.get("commands")
    if commands:
        lines += [
            "",
            "The same through the command line, end to end (`timeline COMMAND` in the dataset's "
            "folder, output to a file):",
            "",
            "| events | command | wall (s) | CPU (s) | peak RSS (MiB) | output (MB) |",
            "|---:|---|---:|---:|---:|---:|",
        ]
        for size, named in commands.items():
            for name, f in named.items():
                out = f"{f['bytes'] / 1e6:.1f}" if "bytes" in f else ""
                lines.append(
                    f"| {int(size):,} | `timeline {' '.join(COMMANDS[name])}` | "
                    f"{f['wall_s']:.2f} | {f['cpu_s']:.2f} | {f['rss_mib']:.0f} | {out} |"
                )
    w = results.get("when_vs_edtf")
    if w:
        lines += [
            "",
            f"`When` against python-edtf on {w['strings']:,} date strings from the dataset "
            f"({w['unique']:,} distinct; left out: {w['left_out']}); bounds differing: "
            f"{w['mismatches']}.",
            "",
            "| parser | µs per string | edtf ÷ ours |",
            "|---|---:|---:|",
            f"| python-edtf (`parse_edtf`, {w['edtf_sample']:,} distinct strings) | "
            f"{w['edtf_us']:.1f} | 1 |",
            f"| `When.parse`, cold (caches cleared, each distinct string once) | "
            f"{w['ours_cold_us']:.2f} | {w['ratio_cold']:.0f}× |",
            f"| `When.parse`, warm (the stream as read, repeats hit the cache) | "
            f"{w['ours_warm_us']:.3f} | {w['ratio_warm']:.0f}× |",
        ]
    c = results.get("ics_vs_icalendar")
    if c:
        lines += [
            "",
            f"ICS export of {c['events']:,} events: `timeline.to_ics` {c['ours_s']:.2f} s, "
            f"`icalendar` objects + `to_ical()` {c['icalendar_s']:.2f} s: "
            f"**{c['ratio']:.1f}×**; same events when both are parsed back: "
            f"{c['same_events']} ({c['differing']} differing).",
        ]
    s = results.get("startup")
    if s:
        base = s["python -c pass"]
        lines += [
            "",
            "| start-up | min (ms) | median (ms) | ÷ python -c pass (min / median) |",
            "|---|---:|---:|---:|",
        ]
        for name, f in s.items():
            lines.append(
                f"| `{name}` | {f['min_ms']:.1f} | {f['median_ms']:.1f} | "
                f"{f['min_ms'] / base['min_ms']:.2f} / {f['median_ms'] / base['median_ms']:.2f} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
