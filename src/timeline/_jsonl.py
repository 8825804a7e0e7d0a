"""JSON Lines data files: one record a line, wrapped by its kind, `{"event": {...}}`.

Generated bulk data is written this way. The file is read a block of lines at a time (so a
file of any size loads in the memory of its records); an event's line is decoded straight
into the screen's schema (`_structure.EventFields`) by msgspec, and any other line, or one
the schema or the model refuses, by the standard library's `json`, and handed to
`timeline._structure` with its line number for the located problems.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Final

import msgspec

from timeline._files import read_lines, undecodable
from timeline._structure import (
    KINDS,
    NO_LINES,
    EventFields,
    Located,
    Shared,
    event_of,
    number_problem,
    structure_record,
    unknown_kind,
)
from timeline._text import MAX_TEXT
from timeline.errors import Problem

__all__ = ["read", "read_file"]


class _EventLine(msgspec.Struct, forbid_unknown_fields=True):
    """A line that holds an event: `{"event": {...}}`."""

    event: EventFields


#: Builds a `Located` from its fields in order without the keyword handling (per record).
_new_tuple: Final = tuple.__new__
_decode: Final = msgspec.json.Decoder(_EventLine).decode
_NOT_SCREENED: Final = msgspec.DecodeError  # ValidationError is one


def read_file(path: Path, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every record of the JSON Lines file at `path`, read a block of lines at a time."""
    for first_line, data in read_lines(path, shown, problems, shared.reading):
        if not (yield from read(data, shown, problems, shared, first_line=first_line)):
            return


def read(
    data: bytes, shown: str, problems: list[Problem], shared: Shared, *, first_line: int = 1
) -> Generator[Located, None, bool]:
    """Every record of JSON Lines, located by its line (the first is `first_line`); returns
    False, the problem told, if the bytes are not UTF-8, which ends the reading of a file."""
    size, number, start = len(data), first_line - 1, 0
    while start < size:
        number += 1
        # Lines end at LF alone: JSON allows U+2028 and U+2029 raw in strings, and
        # splitlines() would break a record there.
        stop = data.find(b"\n", start)
        if stop < 0:
            stop = size
        begin, start = start, stop + 1
        line = data[begin:stop]
        # A line with no escapes and no string over the limit holds no refused character
        # (the block was checked), so the screen can skip those checks.
        clean = stop - begin <= MAX_TEXT and b"\\" not in line
        try:
            fields = _decode(line).event
        except _NOT_SCREENED:
            pass
        else:
            event = event_of(fields, shared, clean)
            if event is not None:
                yield _new_tuple(Located, (event, "event", "event", shown, number, NO_LINES))
                continue
        # Anything else is read by `json`, for its reading and its messages.
        try:
            text = line.decode()
        except UnicodeDecodeError:
            problems.append(undecodable(data[begin:], shown, number))
            return False
        if not text.strip():
            continue
        try:
            wrapped = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            message = getattr(error, "msg", "nested too deeply")
            problems.append(Problem(path=shown, line=number, message=f"malformed JSON: {message}"))
            continue
        except ValueError:  # an integer past Python's int-string limit
            problems.append(number_problem(text, shown, number))
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
        item = structure_record(
            kind, raw, kind, shown, number, NO_LINES, problems, shared=shared, clean=clean
        )
        if item is not None:
            yield item
    return True
