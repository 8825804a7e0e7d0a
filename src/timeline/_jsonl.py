"""JSON Lines data files: one record a line, wrapped by its kind, `{"event": {...}}`.

Generated bulk data is written this way. The file is read a block of lines at a time (so a
file of any size loads in the memory of its records), each line with the C scanner, and
handed to `timeline._structure` with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from timeline._structure import (
    KINDS,
    Located,
    Shared,
    read_lines,
    screen_event,
    structure_record,
    unknown_kind,
)
from timeline._text import MAX_TEXT
from timeline.errors import Problem

__all__ = ["read", "read_file"]

_NO_LINES: Final[Mapping[str, int]] = MappingProxyType({})
_DECODER: Final[Any] = json.JSONDecoder()
_SCAN: Final = _DECODER.scan_once  # the C scanner json.loads ends up in


def read_file(path: Path, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every record of the JSON Lines file at `path`, read a block of lines at a time."""
    for first_line, text in read_lines(path, shown, problems):
        yield from read(text, shown, problems, shared, first_line=first_line)


def read(
    text: str, shown: str, problems: list[Problem], shared: Shared, *, first_line: int = 1
) -> Iterator[Located]:
    """Every record of JSON Lines text, located by its line (the first is `first_line`)."""
    # Split on LF alone: JSON allows U+2028 and U+2029 raw in strings, and splitlines() would
    # break a record there.
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        try:
            wrapped = _scan_line(line)
        except (json.JSONDecodeError, RecursionError) as error:
            message = getattr(error, "msg", "nested too deeply")
            problems.append(Problem(path=shown, line=number, message=f"malformed JSON: {message}"))
            continue
        if not (isinstance(wrapped, dict) and len(wrapped) == 1):
            problems.append(
                Problem(
                    path=shown,
                    line=number,
                    message='each line is one record wrapped by its kind, e.g. {"event": {...}}',
                )
            )
            continue
        ((kind, raw),) = wrapped.items()
        if kind not in KINDS:
            problems.append(unknown_kind(shown, number, kind))
            continue
        # A line with no escapes and no string over the limit holds no refused character
        # (the file was checked), so the screen can skip those checks.
        clean = "\\" not in line and len(line) <= MAX_TEXT
        if kind == "event" and type(raw) is dict:  # structure_record's first step, inlined
            event = screen_event(raw, shared, clean)
            if event is not None:
                yield Located(
                    record=event, kind=kind, key=kind, path=shown, line=number, lines=_NO_LINES
                )
                continue
        item = structure_record(
            kind, raw, kind, shown, number, _NO_LINES, problems, shared=shared, clean=clean
        )
        if item is not None:
            yield item


def _scan_line(line: str) -> Any:
    """`json.loads(line)` without its wrapper's overhead when the line is one bare value."""
    try:
        value, end = _SCAN(line, 0)
    except (StopIteration, ValueError):
        return json.loads(line)  # for its error message
    return value if end == len(line) else json.loads(line)
