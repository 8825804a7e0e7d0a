"""The in-force series at scale: `timeline status --series day` over years of many policies.

    python benchmarks/series.py --policies 10000 --events 10 --years 10

writes a data folder (WORK/events: one source, the policies in TOML, their events in JSON
Lines) whose policies each walk a legal lifecycle of EVENTS steps over YEARS years (the
steps as trackers record them: proposed, announced, adopted, effective, provisions that
apply, amendments, tightenings, suspensions, ends; dates mostly days, some months and
spans, so the series has uncertain stretches), then measures, each in a child process:

- the command `timeline status WORK/events --series day --from A --to B --format csv`;
- `Timeline.series("day", A, B)` alone, on data already loaded: its time, then (in a
  second, untimed run) the peak of memory allocated during the call, from tracemalloc.

Peak RSS is the child's (`ru_maxrss`). Only the standard library and timeline are used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

JURISDICTIONS = tuple(f"{a}{b}" for a in "ABCDEFGHIJ" for b in "ABC")  # 30 codes
#: Each phase's next steps (a walk through docs/policies.md's transitions).
NEXT = {
    "none": ("proposed", "announced", "adopted", "enacted", "effective"),
    "proposed": ("announced", "adopted", "effective"),
    "announced": ("adopted", "effective"),
    "adopted": ("effective", "effective", "rescinded"),
    "in-force": (
        "applies",
        "applies",
        "tightened",
        "loosened",
        "proposed",
        "adopted",
        "suspended",
        "expired",
    ),
    "suspended": ("reinstated", "rescinded"),
    "ended": ("adopted", "effective", "reinstated"),
}
AFTER = {
    "proposed": "proposed",
    "announced": "announced",
    "adopted": "adopted",
    "enacted": "in-force",
    "effective": "in-force",
    "tightened": "in-force",
    "loosened": "in-force",
    "reinstated": "in-force",
    "suspended": "suspended",
    "rescinded": "ended",
    "expired": "ended",
}


def _date(rng: random.Random, days: list[dt.date], k: int) -> str:
    """Day `k` of a walk: a day most often; its month when no other step of the walk falls
    in that month; or a span of days that ends before the next step."""
    day = days[k]
    roll = rng.random()
    month = (day.year, day.month)
    alone = all((d.year, d.month) != month for d in days[:k] + days[k + 1 :])
    if roll < 0.15 and alone:
        return f"{day:%Y-%m}"
    gap = (days[k + 1] - day).days if k + 1 < len(days) else 30
    if roll > 0.95 and gap > 2:
        return f"{day.isoformat()}/{(day + dt.timedelta(days=rng.randint(1, gap - 1))).isoformat()}"
    return day.isoformat()


def generate(work: Path, policies: int, events: int, years: int, seed: int = 2025) -> Path:
    """Write the data folder; return its path."""
    rng = random.Random(seed)
    folder = work / "events"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "timeline.toml").write_text('name = "Series benchmark"\n', encoding="utf-8")
    (folder / "sources.toml").write_text(
        '[[source]]\nid = "tracker"\ntitle = "A policy tracker"\n', encoding="utf-8"
    )
    start = dt.date(2026 - years, 1, 1)
    span = (dt.date(2025, 12, 31) - start).days
    with (folder / "policies.toml").open("w", encoding="utf-8") as toml:
        for n in range(policies):
            toml.write(
                f'[[policy]]\nid = "policy-{n}"\ntitle = "Policy {n}"\n'
                f'jurisdiction = "{rng.choice(JURISDICTIONS)}"\n'
            )
            for p in range(3):
                toml.write(f'[[policy.provisions]]\nid = "part-{p}"\ntitle = "part {p}"\n')
            toml.write("\n")
    with (folder / "events.jsonl").open("w", encoding="utf-8") as out:
        for n in range(policies):
            phase, applied = "none", 0
            days = [start + dt.timedelta(days=d) for d in sorted(rng.sample(range(span), events))]
            for k in range(events):
                options = [step for step in NEXT[phase] if step != "applies" or applied < 3]
                effect = rng.choice(options)
                record: dict[str, object] = {
                    "id": f"p{n}-e{k}",
                    "title": f"Step {k} of policy {n}",
                    "when": _date(rng, days, k),
                    "policy": f"policy-{n}",
                    "effect": effect,
                    "cite": [{"source": "tracker", "note": "Recorded by the tracker."}],
                }
                if effect == "applies":
                    record["provision"] = f"part-{applied}"
                    applied += 1
                elif not (phase in ("in-force", "suspended") and effect in ("proposed", "adopted")):
                    phase = AFTER[effect]  # (an amendment leaves the phase as it is)
                    if phase == "ended":
                        applied = 0
                out.write(json.dumps({"event": record}) + "\n")
    return folder


def _child(kind: str, folder: Path, first: str, last: str) -> dict[str, float]:
    code = f"""
import datetime as dt, json, resource, sys, time, tracemalloc
import timeline
from timeline._cli import main
first, last = dt.date.fromisoformat({first!r}), dt.date.fromisoformat({last!r})
if {kind!r} == "command":
    began = time.perf_counter()
    code = main(["status", {str(folder)!r}, "--series", "day", "--from", {first!r},
                 "--to", {last!r}, "--format", "csv", "-o", "/dev/null"])
    seconds = time.perf_counter() - began
    assert code == 0
else:
    tl = timeline.load({str(folder)!r})
    began = time.perf_counter()
    found = tl.series("day", first, last)
    seconds = time.perf_counter() - began
    assert len(found.steps) == (last - first).days + 1
    del found
    tracemalloc.start()  # a second run, traced: tracing slows it, so it is not timed
    tl.series("day", first, last)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
print(json.dumps({{"seconds": seconds,
    "traced_mib": (peak / 2**20) if {kind!r} != "command" else 0.0,
    "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout)
    figures["process_seconds"] = time.perf_counter() - began
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policies", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10, help="events per policy")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-bench/series"))
    args = parser.parse_args(argv)
    folder = generate(args.work, args.policies, args.events, args.years)
    first, last = f"{2026 - args.years}-01-01", "2025-12-31"
    print(f"{args.policies} policies x {args.events} events, {first} to {last}: {folder}")
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
    for kind in ("series", "command"):
        figures = _child(kind, folder, first, last)
        print(kind, json.dumps({k: round(v, 3) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
