"""TOML data files, both ways: reading records with the line of every key, and writing them.

Reading hands each record to `timeline._structure`; writing (importers, drafting) goes
through `document`, so every file timeline writes escapes text the same way, lists fields
in the model's order and loads back unchanged.

>>> print(string('He said "no"\\tthen left'))
"He said \\"no\\"\\tthen left"
"""

from __future__ import annotations

import enum
import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from timeline._files import read_text
from timeline._model import Actor, Event, Place, Policy, Source
from timeline._structure import (
    KINDS,
    Located,
    Shared,
    number_problem,
    structure_record,
    unknown_kind,
)
from timeline._text import MAX_TEXT
from timeline.errors import Problem

__all__ = [
    "document",
    "document_pieces",
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
    except ValueError:  # an integer past Python's int-string limit
        problems.append(number_problem(text, shown))
    return None


def read_file(path: Path, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every record of the TOML file at `path` (read whole: TOML is parsed as one document)."""
    text = read_text(path, shown, problems)
    if text is not None:
        yield from read(text, shown, problems, shared)


def read(text: str, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every record of a data file (arrays of tables named by kind), located by key and line."""
    quick = _quick_parse(text)
    if quick is None:  # anything beyond the plain shape: tomllib, and the line of every key
        document = parse(text, shown, problems)
        if document is None:
            return
        lines: Mapping[str, int] = key_lines(text)
        starts: Mapping[str, list[int]] = {}
        clean = False
    else:  # the line map is made only if a problem asks for it
        document, starts, clean = quick
        lines = _LazyLines(text)
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
        headers = starts.get(kind)
        for index, raw in enumerate(records):
            key = f"{kind}[{index}]"
            line = headers[index] if headers is not None else lines.get(key)
            item = structure_record(
                kind, raw, key, shown, line, lines, problems, shared=shared, clean=clean
            )
            if item is not None:
                yield item


# -- the plain shape, read quickly ---------------------------------------------------------------
#
# tomllib is written in Python and takes three times as long as reading the same records from
# JSON Lines. Most data files have one plain shape (the one `document` writes): `[[kind]]` and
# `[[event.cite]]` headers, one `key = value` a line, values that are basic strings, arrays of
# them on one line, numbers and booleans, and comments. `_quick_parse` reads that shape, line
# by line with one regex, into exactly what tomllib gives; on anything else (another header,
# dotted or quoted keys, literal or multi-line strings, dates, inline tables, a key given twice)
# it gives up and tomllib reads the file, with its own messages.

_STRING: Final = r'"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[btnfr"\\]|\\u[0-9A-Fa-f]{4})*"'
_LINE: Final = re.compile(
    rf"""[ \t]*
    (?:
        (?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*
        (?P<value>
            {_STRING}
          | \[[ \t]*(?:{_STRING}[ \t]*,[ \t]*)*(?:{_STRING}[ \t]*,?[ \t]*)?\]
          | [+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?
          | true | false
        )
      | \[\[[ \t]*(?P<header>source|actor|place|policy|event|event\.cite)[ \t]*\]\]
    )?
    [ \t]*(?:\#[^\r\n]*)?\r?""",
    re.VERBOSE,
)
#: The commonest line of all, `key = "text"` as `document` writes it, matched first.
_PLAIN: Final = re.compile(r'([A-Za-z0-9_-]+) = "([^"\\\x00-\x08\x0a-\x1f\x7f]*)"')
_ITEM: Final = re.compile(_STRING)
_SURROGATE: Final = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPED: Final = json.JSONDecoder(strict=False).decode  # TOML's escapes here are JSON's too


class _LazyLines(Mapping[str, int]):
    """`key_lines(text)`, worked out on the first look-up: only a problem needs it."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._lines: dict[str, int] = {}

    def _map(self) -> dict[str, int]:
        if self._text is not None:
            self._lines, self._text = key_lines(self._text), None
        return self._lines

    def __getitem__(self, key: str) -> int:
        return self._map()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


def _quick_parse(
    text: str,
) -> tuple[dict[str, Any], dict[str, list[int]], bool] | None:
    """The document, the header line of each record by kind, and whether no string can hold
    a refused character or be too long; None when the file is not of the plain shape."""
    document: dict[str, Any] = {}
    starts: dict[str, list[int]] = {}
    table: dict[str, Any] | None = None
    cited: set[int] = set()  # ids of `cite` lists made by [[event.cite]] headers
    escaped = False
    longest = 0
    if text.endswith("\r"):
        return None  # a CR is only half of a line end: tomllib says so
    match, plain = _LINE.fullmatch, _PLAIN.fullmatch
    for number, line in enumerate(text.split("\n"), start=1):
        simple = plain(line)
        if simple is not None:
            key, value = simple.groups()
            if table is None or key in table:
                return None  # a key outside any record, or given twice: tomllib says how
            table[key] = value
            if len(line) > longest:
                longest = len(line)
            continue
        found = match(line)
        if found is None:
            return None
        key, value, header = found.group("key", "value", "header")
        if key is not None:
            if table is None or key in table:
                return None  # a key outside any record, or given twice: tomllib says how
            first = value[0]
            if first == '"':
                if "\\" in value:
                    if _SURROGATE.search(value):
                        return None
                    escaped = True
                    table[key] = _ESCAPED(value)
                else:
                    table[key] = value[1:-1]
            elif first == "[":
                items = _ITEM.findall(value)
                if "\\" in value:
                    if _SURROGATE.search(value):
                        return None
                    escaped = True
                    table[key] = [_ESCAPED(item) for item in items]
                else:
                    table[key] = [item[1:-1] for item in items]
            elif first == "t" or first == "f":
                table[key] = first == "t"
            elif "." in value or "e" in value or "E" in value:
                table[key] = float(value)
            elif len(value) > 18:
                return None  # a long integer: tomllib reads it, or says why it cannot
            else:
                table[key] = int(value)
            if len(line) > longest:
                longest = len(line)
        elif header is not None:
            if header == "event.cite":
                events = document.get("event")
                if not events or not isinstance(events, list):
                    return None
                parent = events[-1]
                cites = parent.get("cite")
                if cites is None:
                    cites = parent["cite"] = []
                    cited.add(id(cites))
                elif id(cites) not in cited:
                    return None  # `cite = ...` given already: tomllib refuses the header
                table = {}
                cites.append(table)
                continue
            records = document.setdefault(header, [])
            table = {}
            records.append(table)
            starts.setdefault(header, []).append(number)
    return document, starts, not escaped and longest <= MAX_TEXT


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
    return "".join(document_pieces(records, header=header))


def document_pieces(records: Iterable[Any], *, header: Iterable[str] = ()) -> Iterator[str]:
    """`document` a record at a time, for a writer that streams it."""
    lines = [f"# {line}" if line else "#" for line in header]
    if lines:
        lines.append("")
    between = ""  # the line break before each piece but the first
    for record in records:
        if isinstance(record, Event):
            lines += table("event", fields(record, skip=("cite",)))
            for citation in record.cite:
                lines += table("event.cite", fields(citation))
        else:
            kind = next((name for cls, name in _KINDS if isinstance(record, cls)), None)
            if kind is None:
                raise TypeError(f"cannot write {type(record).__name__} as a TOML record")
            lines += table(kind, fields(record))
        yield between + "\n".join(lines)
        between, lines = "\n", []
    if lines:  # a header and no record
        yield between + "\n".join(lines)
