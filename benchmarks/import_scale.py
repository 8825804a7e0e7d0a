"""How importing grows with the file: calendars built to stress the reader, and spreadsheets.

    python benchmarks/import_scale.py

Prints seconds (best of three) for: one VEVENT with N categories; N VEVENTs sharing one UID;
N ordinary VEVENTs; a 400-byte VTIMEZONE repeating FREQ=MINUTELY and one that never
matches (30 February); a CSV of N rows through `timeline.import_file`. Linear work doubles
when N doubles; see docs/performance.md for the figures and what they were before.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timeline import import_file, read_ics

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:bench\r\n"
TAIL = "END:VCALENDAR\r\n"


def vevent(uid: str, *lines: str) -> str:
    body = [f"UID:{uid}", "SUMMARY:Event", "DTSTART:20250101T100000Z", *lines]
    return "BEGIN:VEVENT\r\n" + "\r\n".join(body) + "\r\nEND:VEVENT\r\n"


def best(task: Callable[[], object], rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return min(times)


def zone(rule: str) -> bytes:
    block = (
        "BEGIN:VTIMEZONE\r\nTZID:Bench\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        f"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:{rule}\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
    )
    event = vevent("z").replace("DTSTART:20250101T100000Z", "DTSTART;TZID=Bench:20250101T100000")
    return (HEAD + block + event + TAIL).encode()


def main() -> None:
    rows: list[tuple[str, int, float]] = []
    for n in (10_000, 20_000, 40_000):
        categories = ",".join(f"topic {i}" for i in range(n))
        data = (HEAD + vevent("a", f"CATEGORIES:{categories}") + TAIL).encode()
        rows.append(("categories in one VEVENT", n, best(lambda d=data: read_ics(d))))
    for n in (2_500, 5_000, 10_000):
        data = (HEAD + vevent("same") * n + TAIL).encode()
        rows.append(("VEVENTs sharing one UID", n, best(lambda d=data: read_ics(d))))
    for n in (2_500, 5_000, 10_000):
        data = (HEAD + "".join(vevent(f"u{i}") for i in range(n)) + TAIL).encode()
        rows.append(("VEVENTs, distinct UIDs", n, best(lambda d=data: read_ics(d))))
    rows.append(("VTIMEZONE FREQ=MINUTELY", 1, best(lambda: read_ics(zone("FREQ=MINUTELY")))))
    never = zone("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    rows.append(("VTIMEZONE never matching", 1, best(lambda: read_ics(never))))
    with tempfile.TemporaryDirectory() as work:
        for n in (5_000, 10_000, 20_000):
            path = Path(work) / f"rows-{n}.csv"
            lines = ["Date,Title,Tags,Location"]
            lines += [f"Aug {i % 28 + 1}, 2024,Event {i},topic {i % 50},City {i % 200}"
                      for i in range(n)]  # fmt: skip
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            rows.append(("CSV rows via import_file", n, best(lambda p=path: import_file(p), 1)))
    print(f"{'what':32} {'N':>7} {'seconds':>9}")
    for what, n, seconds in rows:
        print(f"{what:32} {n:>7,} {seconds:>9.3f}")


if __name__ == "__main__":
    main()
