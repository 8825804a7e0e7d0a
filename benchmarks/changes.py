"""What was known when and what changed, at scale: known-on, diff and updating calendars.

    python benchmarks/changes.py --events 100000 --work /tmp/timeline-bench

generates (with benchmarks/generate.py, unless it is there already) WORK/jsonl-N, copies it
to WORK/changes-N with one event in a hundred re-dated (a day later, or its month instead of
its day) and then measures, each in a child process that loads what it needs first:

- `Timeline.known_on(day)` on the loaded data, for a day in the middle of the sources' dates;
- `timeline.diff(old, new)` between the two loaded datasets (records and policy statuses);
- writing the calendar of the new data with and without the old one as `previous`;
- the commands `timeline status NEW --as-of 2030-12-31 --known-on 2012-06-30` (the
  generated sources are published from 1995 to 2030), `timeline diff OLD NEW --format json
  -o FILE` and `timeline ics NEW --previous OLD.ics -o FILE`, end to end.

Times are CPU seconds (user and system, so that other work on a shared machine does not
count) and, for the commands, wall seconds too; peak RSS is the child's (`ru_maxrss`). Only
the standard library and timeline are used.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _redate(folder: Path, share: int, seed: int) -> int:
    """Re-date one event in `share` in the JSON Lines files under `folder`; how many."""
    rng = random.Random(seed)
    changed = 0
    for path in sorted(folder.rglob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            record = json.loads(line)
            event = record.get("event")
            when = event and event.get("when")
            if isinstance(when, str) and len(when) == 10 and rng.randrange(share) == 0:
                event["when"] = when[:7] if rng.random() < 0.5 else when[:8] + "28"
                if event["when"] != when:
                    changed += 1
                    line = json.dumps(record, ensure_ascii=False)
            out.append(line)
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return changed


CHILD = r"""
import datetime as dt, io, json, resource, sys, time
import timeline
task, old_path, new_path = sys.argv[1:4]
started = time.process_time()
new = timeline.load(new_path)
loaded = time.process_time() - started
if task == "known_on":
    days = sorted(s.published.latest for s in new.sources.values()
                  if s.published and s.published.latest)
    day = days[len(days) // 2] if days else dt.date(2025, 1, 1)
    t = time.process_time(); known = new.known_on(day); step = time.process_time() - t
    note = f"{len(known):,} of {len(new):,} events known on {day}"
elif task == "diff":
    old = timeline.load(old_path)
    t = time.process_time(); changes = timeline.diff(old, new); step = time.process_time() - t
    note = f"{len(changes.records):,} records, {len(changes.statuses):,} status stretches"
else:
    old = timeline.load(old_path)
    stamp = dt.datetime(2025, 12, 19, tzinfo=dt.UTC)
    previous = timeline.to_ics(old, stamp=stamp) if task == "ics_previous" else None
    t = time.process_time()
    data = timeline.to_ics(new, stamp=stamp, previous=previous)
    step = time.process_time() - t
    note = f"{len(data) / 1e6:.1f} MB"
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"task": task, "load": loaded, "step": step, "rss": rss, "note": note}))
"""


def _child(task: str, old: Path, new: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, task, str(old), str(new)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _command(*args: str) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak RSS (MiB) of one `timeline` command."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child becomes the command
        os.execv(sys.executable, [sys.executable, "-m", "timeline", *args])
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"timeline {' '.join(args)} failed")
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-bench"))
    parser.add_argument("--share", type=int, default=100, help="re-date one event in SHARE")
    options = parser.parse_args()
    old = options.work / f"jsonl-{options.events}"
    if not (old / "events").is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(options.events), "--format",
             "jsonl", "--out", str(old)],
            check=True,
        )  # fmt: skip
    new = options.work / f"changes-{options.events}"
    if new.exists():
        shutil.rmtree(new)
    shutil.copytree(old, new)
    changed = _redate(new / "events", options.share, seed=2025)
    print(f"{options.events:,} events, {changed:,} re-dated")
    print("| task | load new (CPU s) | step (CPU s) | peak RSS (MiB) | what |")
    print("|---|---:|---:|---:|---|")
    for task in ("known_on", "diff", "ics", "ics_previous"):
        r = _child(task, old / "events", new / "events")
        print(f"| {task} | {r['load']:.2f} | {r['step']:.2f} | {r['rss']:.0f} | {r['note']} |")
    out = options.work / "changes-out"
    out.mkdir(exist_ok=True)
    old_ics = out / "old.ics"
    _command("ics", str(old / "events"), "-o", str(old_ics))
    print("\n| command | CPU (s) | wall (s) | peak RSS (MiB) |\n|---|---:|---:|---:|")
    for args in (
        ("status", str(new / "events"), "--as-of", "2030-12-31", "--known-on", "2012-06-30",
         "--format", "json", "-o", str(out / "status.json")),
        ("status", str(new / "events"), "--as-of", "2030-12-31", "--format", "json",
         "-o", str(out / "status.json")),
        ("diff", str(old / "events"), str(new / "events"), "--format", "json",
         "-o", str(out / "diff.json")),
        ("ics", str(new / "events"), "-o", str(out / "new.ics")),
        ("ics", str(new / "events"), "--previous", str(old_ics), "-o", str(out / "new.ics")),
    ):  # fmt: skip
        cpu, wall, rss = _command(*args)
        shown = " ".join(args).replace(str(options.work), "WORK")
        print(f"| `timeline {shown}` | {cpu:.2f} | {wall:.2f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
