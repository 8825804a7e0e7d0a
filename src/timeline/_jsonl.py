"""JSON Lines data files: one record a line, wrapped by its kind, `{"event": {...}}`.

Generated bulk data is written this way. The file is read a block of lines at a time (so a
file of any size loads in the memory of its records), each line with the C scanner, and
handed to `timeline._structure` with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from timeline._files import read_lines
from timeline._structure import (
    KINDS,
    NO_LINES,
    Located,
    Shared,
    number_problem,
    screen_event,
    structure_record,
    unknown_kind,
)
from timeline._text import MAX_TEXT
from timeline.errors import Problem

__all__ = ["read", "read_file"]

#: Builds a `Located` from its fields in order without the keyword handling (per record).
_new_tuple: Final = tuple.__new__
_DECODER: Final[Any] = json.JSONDecoder()
_SCAN: Final = _DECODER.scan_once  # the C scanner json.loads ends up in


def read_file(path: Path, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every record of the JSON Lines file at `path`, read a block of lines at a time."""
    for first_line, text in read_lines(path, shown, problems, shared.reading):
        yield from read(text, shown, problems, shared, first_line=first_line)


def read(
    text: str, shown: str, problems: list[Problem], shared: Shared, *, first_line: int = 1
) -> Iterator[Located]:
    """Every record of JSON Lines text, located by its line (the first is `first_line`)."""
    scan, size, number, start = _SCAN, len(text), first_line - 1, 0
    while start < size:
        number += 1
        # Lines end at LF alone: JSON allows U+2028 and U+2029 raw in strings, and
        # splitlines() would break a record there.
        stop = text.find("\n", start)
        if stop < 0:
            stop = size
        begin, start = start, stop + 1
        # The C scanner reads the record where it lies in the block, without a copy of the
        # line; a line it does not read to its end exactly (white space around the record,
        # a CR, an error) is copied and read by json.loads, for its reading and its message.
        try:
            wrapped, end = scan(text, begin)
        except (StopIteration, ValueError, RecursionError):
            end = -1
        if end != stop:
            line = text[begin:stop]
            if not line.strip():
                continue
            try:
                wrapped = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as error:
                message = getattr(error, "msg", "nested too deeply")
                problems.append(
                    Problem(path=shown, line=number, message=f"malformed JSON: {message}")
                )
                continue
            except ValueError:  # an integer past Python's int-string limit
                problems.append(number_problem(line, shown, number))
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
        clean = stop - begin <= MAX_TEXT and text.find("\\", begin, stop) < 0
        if kind == "event" and type(raw) is dict:  # structure_record's first step, inlined
            event = screen_event(raw, shared, clean)
            if event is not None:
                yield _new_tuple(Located, (event, kind, kind, shown, number, NO_LINES))
                continue
        item = structure_record(
            kind, raw, kind, shown, number, NO_LINES, problems, shared=shared, clean=clean
        )
        if item is not None:
            yield item
