"""TOML data files, both ways: reading records with the line of every key, and writing them.

Reading hands each record to `timeline._structure`; writing (importers, drafting) goes
through `document`, so every file timeline writes escapes text the same way, lists fields
in the model's order and loads back unchanged.

>>> print(string('He said "no"\\tthen left'))
"He said \\"no\\"\\tthen left"
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from timeline._model import Actor, Event, Place, Policy, Source
from timeline._structure import (
    KINDS,
    Located,
    Shared,
    read_text,
    structure_record,
    unknown_kind,
)
from timeline.errors import Problem

__all__ = [
    "document",
    "fields",
    "key_lines",
    "parse",
    "read",
    "read_file",
    "string",
    "table",
    "value",
]


# -- reading -----------------------------------------------------------------------------------


def parse(text: str, shown: str, problems: list[Problem]) -> dict[str, Any] | None:
    """The TOML document, or None with the problem located at its line."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        problems.append(Problem(path=shown, message="malformed TOML: nested too deeply"))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        line = int(found.group(1)) if found else None
        problems.append(Problem(path=shown, line=line, message=f"malformed TOML: {reason}"))
    return None


def read_file(path: Path, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every record of the TOML file at `path` (read whole: TOML is parsed as one document)."""
    text = read_text(path, shown, problems)
    if text is not None:
        yield from read(text, shown, problems, shared)


def read(text: str, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every record of a data file (arrays of tables named by kind), located by key and line."""
    document = parse(text, shown, problems)
    if document is None:
        return
    lines = key_lines(text)
    for kind, records in document.items():
        if kind not in KINDS:
            problems.append(unknown_kind(shown, lines.get(kind), kind))
            continue
        if not isinstance(records, list):
            problems.append(
                Problem(
                    path=shown,
                    line=lines.get(kind),
                    key=kind,
                    message=f"write records as an array of tables: [[{kind}]]",
                )
            )
            continue
        for index, raw in enumerate(records):
            key = f"{kind}[{index}]"
            item = structure_record(
                kind, raw, key, shown, lines.get(key), lines, problems, shared=shared
            )
            if item is not None:
                yield item


_HEADER: Final = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
_TABLE: Final = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY: Final = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def key_lines(text: str) -> dict[str, int]:
    """Map key paths ("event[3].when", "event[3].cite[0]") to 1-based lines, as written."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    current = ""
    quote: str | None = None  # the delimiter of the multi-line string we are inside, if any
    for number, line in enumerate(text.split("\n"), start=1):  # LF only, as TOML counts lines
        if quote is not None:  # a string's text: "[[event]]" in a summary is no header
            if line.count(quote) % 2:
                quote = None
            continue
        quote = _opens_multiline(line)
        header = _HEADER.match(line)
        if header:
            name = header.group(1)
            kind, _, child = name.partition(".")
            if not child:
                index = counts[kind] = counts.get(kind, -1) + 1
                current = f"{kind}[{index}]"
                lines.setdefault(kind, number)
            else:
                parent = f"{kind}[{counts.get(kind, 0)}]"
                slot = f"{parent}.{child}"
                index = counts[slot] = counts.get(slot, -1) + 1
                current = f"{slot}[{index}]"
            lines[current] = number
            continue
        table = _TABLE.match(line)
        if table:
            current = table.group(1)
            lines.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(f"{current}.{key.group(1)}" if current else key.group(1), number)
    return lines


def _opens_multiline(line: str) -> str | None:
    """The delimiter of a multi-line string that `line` opens and leaves open, if any."""
    for delimiter in ('"""', "'''"):
        if line.count(delimiter) % 2:
            return delimiter
    return None


# -- writing -----------------------------------------------------------------------------------

_ESCAPES: Final = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_KINDS: Final = ((Source, "source"), (Actor, "actor"), (Place, "place"), (Policy, "policy"))


def string(text: str) -> str:
    """A TOML basic string holding `text` exactly, whatever characters it has."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def value(item: Any) -> str:
    """A TOML value: strings, booleans, numbers, lists of them; anything else as its str."""
    if isinstance(item, str):
        return string(item)
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int | float):
        return repr(item)
    if isinstance(item, tuple | list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    return string(str(item))


def table(kind: str, values: Mapping[str, Any]) -> list[str]:
    """`[[kind]]` and its `key = value` lines, then a blank line."""
    return [f"[[{kind}]]", *(f"{key} = {value(v)}" for key, v in values.items()), ""]


def fields(record: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    """A record's fields that differ from empty, in the model's order; `when` as written."""
    out: dict[str, Any] = {}
    left_out = set(skip)
    for field in attrs.fields(type(record)):
        item = getattr(record, field.name)
        if field.name in left_out or item is None or item == ():
            continue
        if field.name == "when":
            out["when"] = str(item)
            if item.tz:
                out["tz"] = item.tz
            continue
        out[field.name] = item.value if isinstance(item, enum.Enum) else item
    return out


def document(records: Iterable[Any], *, header: Iterable[str] = ()) -> str:
    """A data file: `header` as comment lines, then every record, events with their citations."""
    out = [f"# {line}" if line else "#" for line in header]
    if out:
        out.append("")
    for record in records:
        if isinstance(record, Event):
            out += table("event", fields(record, skip=("cite",)))
            for citation in record.cite:
                out += table("event.cite", fields(citation))
            continue
        kind = next((name for cls, name in _KINDS if isinstance(record, cls)), None)
        if kind is None:
            raise TypeError(f"cannot write {type(record).__name__} as a TOML record")
        out += table(kind, fields(record))
    return "\n".join(out)
