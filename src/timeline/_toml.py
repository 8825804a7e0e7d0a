"""Writing records as a TOML data file that `timeline.load` reads back unchanged.

Importers and drafting write through here, so every file they produce escapes text the
same way and lists fields in the model's order.

>>> print(string('He said "no"\\tthen left'))
"He said \\"no\\"\\tthen left"
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from timeline._model import Actor, Event, Place, Policy, Source

__all__ = ["document", "fields", "string", "table", "value"]

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
