"""The floor of a load: what a million events cost once their fields are Python values.

Loads a data folder, then times what any loader of this design must still do with the
events it found: build each `Event` through its validating constructor, locate it, run the
checks across records (those that read no source file) and sort. Parsing and decoding are
left out, so this is the least a load can take while every record becomes a checked Python
object.

    python benchmarks/floor.py /tmp/timeline-bench/parquet-1000000/events
"""

from __future__ import annotations

import gc
import sys
import time

import attrs

import timeline
from timeline._model import Event
from timeline._structure import Located, assemble, located_records
from timeline._validate import validate


def main(folder: str) -> None:
    gc.disable()  # as the loader does while it builds records
    loaded = timeline.load(folder)
    fields = [attrs.asdict(event, recurse=False) for event in loaded.events]
    others = located_records(loaded, "x")
    del loaded

    def cpu() -> float:
        return time.process_time()

    start = cpu()
    built = [Event(**values) for values in fields]
    constructors = cpu() - start
    start = cpu()
    located = others + [
        Located(record=event, kind="event", key="event", path="x", line=n)
        for n, event in enumerate(built)
    ]
    locating = cpu() - start
    start = cpu()
    problems = validate(located, project_root=None)
    checks = cpu() - start
    start = cpu()
    assemble(located, timeline.Settings())
    sort = cpu() - start
    total = constructors + locating + checks + sort
    print(
        f"{len(built):,} events: constructors {constructors:.2f} s, located {locating:.2f} s, "
        f"checks {checks:.2f} s, sort {sort:.2f} s, total {total:.2f} s of CPU "
        f"({len(problems)} problems)"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "events")
