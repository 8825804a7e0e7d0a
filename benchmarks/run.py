"""Measure timeline at scale, each task in its own process so peak memory is per task.

    python benchmarks/run.py --sizes 10000 100000 1000000 --work /tmp/timeline-bench

generates the datasets it lacks (benchmarks/generate.py, JSON Lines; TOML too for sizes up to
100,000), then for each size runs load+validate, sort, the text and JSON reports, the ICS
export and `timeline status`, and the same-run comparisons: `When` parsing against
python-edtf, the ICS writer against `icalendar` objects, and start-up against `python -c
pass`. It prints a Markdown report (the body of docs/performance.md) and writes the raw
figures as JSON beside the data. Benchmarks are not pass/fail: CI never runs this.

Every figure is wall-clock time and peak RSS of a child process (os.wait4), plus the time of
the measured step alone, taken inside the child after its data is loaded. CPU time is given
too: on a shared machine it says more than wall time about the code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
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


# -- child side: one task, in this process ----------------------------------------------------


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def task(name: str, data: str) -> dict[str, Any]:
    """Load `data`, then time the step `name`; returns the step's figures."""
    import gc

    import timeline

    started = time.perf_counter()
    gc.disable()  # as the command line does: see timeline._cli._options.load
    tl = timeline.load(data)
    gc.freeze()
    gc.enable()
    loaded = time.perf_counter() - started
    out: dict[str, Any] = {"events": len(tl), "load_s": loaded, "rss_after_load_mib": _rss_mib()}
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
    elif name in ("text", "json", "html"):
        from timeline import report

        rendered = report.render(tl, name)
        out["bytes"] = len(rendered.encode())
    elif name == "build":
        import shutil

        target = Path(os.environ.get("BENCH_OUT", "site"))
        shutil.rmtree(target, ignore_errors=True)
        written = timeline.build_site(tl, target)
        out["files"] = len(written)
        out["bytes"] = sum((target / f).stat().st_size for f in written)
    elif name == "ics":
        from timeline import write_ics

        target = Path(os.environ.get("BENCH_OUT", os.devnull))
        with open(target, "wb") as f:
            write_ics(tl, f, stamp=STAMP)
        out["bytes"] = target.stat().st_size if target != Path(os.devnull) else None
    elif name == "status":
        from timeline.report import _policy as policy

        statuses = timeline.status(tl, AS_OF)
        out["bytes"] = len(policy.status_text(statuses, AS_OF))
    else:
        raise ValueError(f"unknown task {name!r}")
    out["step_s"] = time.perf_counter() - clock if name != "load" else loaded
    out["step_cpu_s"] = time.process_time() - cpu
    out["rss_peak_mib"] = _rss_mib()
    return out


# -- parent side ------------------------------------------------------------------------------


def measure(
    cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run `cmd` in a child; its wall time, CPU time, peak RSS, and its JSON stdout merged in."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise RuntimeError(f"{cmd} failed ({child.returncode}): {err.read().decode()[-3000:]}")
        text = out.read().decode().strip()
    result: dict[str, Any] = json.loads(text) if text.startswith("{") else {}
    result.update(
        wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime, rss_mib=usage.ru_maxrss / 1024
    )
    return result


def run_task(name: str, folder: Path) -> dict[str, Any]:
    """One task in a child process; wall/CPU/RSS from outside, step time from inside."""
    cmd = [PYTHON, str(Path(__file__).resolve()), "--task", name, "--data", "events"]
    out = {"ics": "out.ics", "build": "site"}.get(name)
    env = dict(os.environ, BENCH_OUT=str(folder / out)) if out else None
    return measure(cmd, cwd=folder, env=env)


#: The same work through the command line, end to end, as a user runs it.
COMMANDS = {
    "check": ["check", "-q", "events"],
    "report text": ["report", "events", "--format", "text", "-o", "out.txt"],
    "report json": ["report", "events", "--format", "json", "-o", "out.json"],
    "report html": ["report", "events", "--format", "html", "-o", "out.html"],
    "build": ["build", "events", "-o", "site", "-q"],
    "ics": ["ics", "events", "-o", "out.ics"],
    "status": ["status", "events", "--as-of", AS_OF.isoformat()],
}


def run_command(name: str, folder: Path) -> dict[str, Any]:
    """`timeline NAME ...` in `folder`: wall, CPU and peak RSS of the process."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(STAMP.timestamp())))
    result = measure([TIMELINE, *COMMANDS[name]], cwd=folder, env=env)
    output = {
        "report text": "out.txt",
        "report json": "out.json",
        "report html": "out.html",
        "ics": "out.ics",
    }.get(name)
    if output:
        result["bytes"] = (folder / output).stat().st_size
    if name == "build":
        result["bytes"] = sum(p.stat().st_size for p in (folder / "site").rglob("*") if p.is_file())
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


# -- When against python-edtf -----------------------------------------------------------------


def _struct_date(value: Any) -> dt.date | None:
    if isinstance(value, float):  # edtf's open ends are ±inf
        return None
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)


def shared_subset(notations: list[str]) -> tuple[list[str], dict[str, int]]:
    """The notations both libraries read to the same meaning: dates, not instants (edtf
    keeps only their day) nor winters (edtf ends winter on 31 December, we in February)."""
    kept, left_out = [], {"instant": 0, "winter": 0}
    for text in notations:
        if "T" in text:
            left_out["instant"] += 1
        elif any(part[5:7] == "24" for part in text.split("/") if len(part) >= 7):
            left_out["winter"] += 1
        else:
            kept.append(text)
    return kept, left_out


def when_vs_edtf(data: Path, limit: int) -> dict[str, Any]:
    """Parse the same strings with both; compare bounds; time cold (unique) and warm (as read)."""
    import edtf

    from timeline import _endpoint
    from timeline import _when as when_module
    from timeline._when import When

    stream: list[str] = []
    local = 0
    for path in sorted(data.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)["event"]
                if "tz" in record:
                    local += 1
                else:
                    stream.append(record["when"])
                if len(stream) >= limit:
                    break
        if len(stream) >= limit:
            break
    stream, left_out = shared_subset(stream)
    left_out["local time"] = local
    unique = list(dict.fromkeys(stream))

    mismatches = []
    for text in unique:
        ours = When.parse(text)
        theirs = edtf.parse_edtf(text)
        pair = (
            (ours.earliest, ours.latest),
            (_struct_date(theirs.lower_strict()), _struct_date(theirs.upper_strict())),
        )
        if pair[0] != pair[1]:
            mismatches.append((text, *pair))

    def cold() -> float:
        when_module._parse.cache_clear()
        _endpoint.parse_endpoint.cache_clear()
        started = time.perf_counter()
        for text in unique:
            When.parse(text)
        return time.perf_counter() - started

    def warm() -> float:
        for text in stream:  # fill the cache as a first pass over the data would
            When.parse(text)
        started = time.perf_counter()
        for text in stream:
            When.parse(text)
        return time.perf_counter() - started

    ours_cold = min(cold() for _ in range(3))
    ours_warm = min(warm() for _ in range(3))
    sample = unique[: min(len(unique), 5000)]
    started = time.perf_counter()
    for text in sample:
        edtf.parse_edtf(text)
    edtf_each = (time.perf_counter() - started) / len(sample)
    cold_each = ours_cold / len(unique)
    warm_each = ours_warm / len(stream)
    return {
        "strings": len(stream),
        "unique": len(unique),
        "left_out": left_out,
        "mismatches": len(mismatches),
        "mismatch_examples": [list(map(str, m)) for m in mismatches[:5]],
        "edtf_us": edtf_each * 1e6,
        "edtf_sample": len(sample),
        "ours_cold_us": cold_each * 1e6,
        "ours_warm_us": warm_each * 1e6,
        "ratio_cold": edtf_each / cold_each,
        "ratio_warm": edtf_each / warm_each,
    }


# -- ICS writer against icalendar objects ----------------------------------------------------


def icalendar_calendar(tl: Any) -> bytes:
    """The calendar `timeline.to_ics` writes, built from `icalendar` objects and `to_ical()`."""
    import zoneinfo

    import icalendar

    from timeline._ics import _dates, _lines, _write

    ordered = tl.events
    related, previous, years = {}, {}, {}
    for event in ordered:
        if event.policy is not None:
            if event.policy in previous:
                related[event.id] = previous[event.policy]
            previous[event.policy] = event.id
        if event.when.tz is not None:
            span = years.setdefault(event.when.tz, [9999, 1])
            for part in (event.when.start, event.when.end):
                if part is not None:
                    span[0] = min(span[0], part.first_day.year)
                    span[1] = max(span[1], part.first_day.year)
    ctx = _write._Context(
        domain=tl.settings.domain,
        stamp=_lines.fold(f"DTSTAMP:{_dates.utc_value(STAMP)}"),
        names={k: actor.name for k, actor in tl.actors.items()},
        heads={k: _write._head(source) for k, source in tl.sources.items()},
        places=tl.places,
        policies=tl.policies,
        related=related,
    )
    cal = icalendar.Calendar()
    for key, value in (
        ("VERSION", "2.0"),
        ("PRODID", _write.PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("NAME", tl.settings.name),
        ("X-WR-CALNAME", tl.settings.name),
    ):
        cal.add(key, value)
    if tl.settings.description:
        cal.add("DESCRIPTION", tl.settings.description)
        cal.add("X-WR-CALDESC", tl.settings.description)
    cal.add(
        "REFRESH-INTERVAL",
        icalendar.vDuration.from_ical(tl.settings.refresh),
        parameters={"VALUE": "DURATION"},
    )
    cal.add("X-PUBLISHED-TTL", icalendar.vText(tl.settings.refresh))
    written: set[str] = set()
    for event in ordered:
        when = event.when
        placement = _dates.place(when)
        vevent = icalendar.Event()
        vevent.add("UID", f"{event.id}@{tl.settings.domain}")
        vevent.add("DTSTAMP", STAMP)
        start, end = when.start, when.end
        if placement.marker or start is None or start.time is None:
            first = placement.day
            vevent.add("DTSTART", first)
            line = next((x for x in placement.lines if not x.startswith("DTSTART")), None)
            if line is not None and line.startswith("DTEND"):
                vevent.add("DTEND", dt.date.fromisoformat(line[-8:]))
            elif line is not None:
                vevent.add("DURATION", icalendar.vDuration.from_ical(line.split(":", 1)[1]))
        else:
            for name, part in (("DTSTART", start), ("DTEND", end)):
                if name == "DTEND" and not (
                    when.is_interval and end.instant(when.tz) > start.instant(when.tz)
                ):
                    continue
                assert part is not None
                moment = part.instant(when.tz)
                if part.offset is None and when.tz is not None:
                    tz = when.tz
                    if tz not in written:
                        written.add(tz)
                        cal.add_component(
                            icalendar.Timezone.from_tzinfo(
                                zoneinfo.ZoneInfo(tz),
                                tzid=tz,
                                first_date=dt.date(max(years[tz][0], 1), 1, 1),
                                last_date=dt.date(min(years[tz][1] + 1, 9999), 1, 1),
                            )
                        )
                    vevent.add(name, moment)
                else:
                    vevent.add(name, moment.astimezone(dt.UTC))
        note = _dates.precision_note(when, placement.day) if placement.marker else None
        vevent.add("SUMMARY", f"{event.title} ({when.label})" if placement.marker else event.title)
        vevent.add("DESCRIPTION", _write._description(event, ctx, note))
        if event.place:
            found = tl.places.get(event.place)
            vevent.add("LOCATION", found.name if found else event.place)
            if found and found.latitude is not None and found.longitude is not None:
                vevent.add("GEO", (found.latitude, found.longitude))
        if event.url:
            vevent.add("URL", event.url)
        if event.tags:
            vevent.add("CATEGORIES", list(event.tags))
        if event.id in related:
            vevent.add(
                "RELATED-TO",
                f"{related[event.id]}@{tl.settings.domain}",
                parameters={"RELTYPE": "SIBLING"},
            )
        vevent.add("TRANSP", "TRANSPARENT")
        params = {_lines.X_TZ: when.tz} if when.tz else {}
        vevent.add(_lines.X_WHEN, icalendar.vText(str(when)), parameters=params)
        if event.said:
            vevent.add(_lines.X_SAID, icalendar.vText(event.said))
        cal.add_component(vevent)
    data: bytes = cal.to_ical()
    return data


def _events_of(data: bytes) -> list[tuple[tuple[str, str], ...]]:
    """Each VEVENT as its sorted (property, decoded value) pairs, for comparing calendars."""
    import icalendar

    out = []
    for component in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        pairs = []
        for name, value in component.property_items(recursive=False):
            if name in ("BEGIN", "END"):
                continue
            decoded = value.to_ical() if hasattr(value, "to_ical") else value
            decoded = decoded.decode() if isinstance(decoded, bytes) else str(decoded)
            params = getattr(value, "params", {})
            pairs.append((name, decoded, tuple(sorted((k, str(v)) for k, v in params.items()))))
        out.append(tuple(sorted(pairs)))
    return out


def ics_vs_icalendar(data: str) -> dict[str, Any]:
    """Time both writers on the same timeline and check the calendars hold the same events."""
    import timeline
    from timeline import to_ics

    tl = timeline.load(data)
    started = time.perf_counter()
    ours = to_ics(tl, stamp=STAMP)
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    theirs = icalendar_calendar(tl)
    theirs_s = time.perf_counter() - started
    a, b = _events_of(ours), _events_of(theirs)
    differing = [n for n, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    example = None
    if differing:
        x, y = a[differing[0]], b[differing[0]]
        example = {
            "ours_only": sorted(set(x) - set(y))[:3],
            "icalendar_only": sorted(set(y) - set(x))[:3],
        }
    return {
        "events": len(tl),
        "ours_s": ours_s,
        "icalendar_s": theirs_s,
        "ratio": theirs_s / ours_s,
        "same_events": len(a) == len(b) and not differing,
        "differing": len(differing),
        "example": example,
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
    parser.add_argument(
        "--tasks",
        nargs="+",
        default=["load", "sort", "text", "json", "html", "build", "ics", "status"],
    )
    parser.add_argument("--toml-up-to", type=int, default=100_000)
    parser.add_argument(
        "--compare-size",
        type=int,
        default=10_000,
        help="size of the dataset the When and ICS comparisons use",
    )
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--skip-compare", action="store_true")
    parser.add_argument("--skip-commands", action="store_true")
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.task:
        print(json.dumps(task(args.task, args.data)))
        return 0
    if args.task is None and args.data:
        parser.error("--data goes with --task")

    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "sizes": {},
    }
    for size in args.sizes:
        formats = ["jsonl"] + (["toml"] if size <= args.toml_up_to else [])
        for fmt in formats:
            folder = ensure(args.work, size, fmt)
            tasks = args.tasks if fmt == "jsonl" else ["load"]
            for name in tasks:
                figures = run_task(name, folder)
                results["sizes"].setdefault(f"{size}", {}).setdefault(fmt, {})[name] = figures
                print(
                    f"{size:>9} {fmt:5} {name:7} step {figures['step_s']:8.2f} s  wall "
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
        folder = ensure(args.work, args.compare_size, "jsonl")
        results["when_vs_edtf"] = when_vs_edtf(folder / "events", limit=args.compare_size)
        print(f"when vs edtf: {results['when_vs_edtf']}", file=sys.stderr, flush=True)
        results["ics_vs_icalendar"] = measure(
            [
                PYTHON,
                "-c",
                f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import run; "
                "print(json.dumps(run.ics_vs_icalendar('events')))",
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


def _growth(sizes: dict[str, Any]) -> list[str]:
    """Each JSON Lines task's step time at 10x the size over its time at the size: 10 is
    linear, 100 quadratic."""
    rows = []
    for size in sorted(sizes, key=int):
        bigger = sizes.get(str(int(size) * 10), {}).get("jsonl", {})
        for name, f in sizes[size].get("jsonl", {}).items():
            if name in bigger and f["step_s"] > 0:
                ratio = bigger[name]["step_s"] / f["step_s"]
                cpu = ""
                if f.get("step_cpu_s") and "step_cpu_s" in bigger[name]:
                    cpu = f"{bigger[name]['step_cpu_s'] / f['step_cpu_s']:.1f}×"
                rows.append(
                    f"| {name} | {int(size):,} → {int(size) * 10:,} | {ratio:.1f}× | {cpu} |"
                )
    if not rows:
        return []
    head = "| task | events | growth of the step's wall time (10× is linear) | of its CPU time |"
    return ["", head, "|---|---|---:|---:|", *rows]


def markdown(results: dict[str, Any]) -> str:
    """The figures as the Markdown tables of docs/performance.md."""
    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        f"Command: `{results['command']}`",
        "",
        "| events | format | task | step (s) | step CPU (s) | process wall (s) | process CPU (s) "
        "| RSS after load (MiB) | peak RSS (MiB) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size, formats in results["sizes"].items():
        for fmt, tasks in formats.items():
            for name, f in tasks.items():
                lines.append(
                    f"| {int(size):,} | {fmt} | {name} | {f['step_s']:.2f} "
                    f"| {f.get('step_cpu_s', float('nan')):.2f} | {f['wall_s']:.2f} "
                    f"| {f['cpu_s']:.2f} | {f['rss_after_load_mib']:.0f} | {f['rss_mib']:.0f} |"
                )
    lines += _growth(results["sizes"])
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
