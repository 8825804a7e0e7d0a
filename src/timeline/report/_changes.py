"""What changed, for people and programs: `timeline diff` as text, Markdown and JSON.

Every form is rendered from the JSON data (`dump`), so a diff kept in a site's history
(`timeline build --previous`) reads the same when it is rendered again later. The schema
is docs/changes-schema.json; docs/changes.md shows each form.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

from timeline._diff import KINDS, Diff, FieldChange, RecordChange, StatusChange, show
from timeline._model import Event
from timeline._status import Status
from timeline._when import When
from timeline.report._json import CONVERTER
from timeline.report._markdown import escape

__all__ = [
    "FORMAT",
    "FORMATS",
    "VERSION",
    "counts_text",
    "dump",
    "heading",
    "render",
    "render_json",
    "render_markdown",
    "render_text",
]

#: The JSON document's `format` marker and version.
FORMAT: Final = "timeline-diff"
VERSION: Final = 1
#: The forms `timeline diff --format` writes.
FORMATS: Final = ("text", "markdown", "json")

_PLURAL: Final = {
    "event": "events",
    "policy": "policies",
    "source": "sources",
    "actor": "actors",
    "place": "places",
}
_MARK: Final = {"added": "+", "removed": "−", "changed": "~"}


# -- the data ----------------------------------------------------------------------------------


def _value(value: object) -> Any:
    """A field's value as JSON: dates as EDTF (a zone in brackets), records as the export
    writes them, days as YYYY-MM-DD."""
    if isinstance(value, When):
        return show(value)
    return CONVERTER.unstructure(value)


def _record(record: object) -> Any:
    data = CONVERTER.unstructure(record)
    if isinstance(record, Event) and isinstance(data, dict):
        data["tz"] = record.when.tz
    return data


def _field(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "old": _value(change.old),
        "new": _value(change.new),
        "lines": list(change.lines),
    }


def _change(change: RecordChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "id": change.id,
        "change": change.change,
        "heading": change.heading,
        "record": _record(change.record),
        "fields": [_field(f) for f in change.fields],
    }


def _answer(answer: Status) -> dict[str, Any]:
    return {
        "label": answer.label,
        "certain": answer.certain,
        "phase": None if answer.phase is None else answer.phase.value,
        "in_force": answer.in_force,
        "binds": answer.binds,
    }


def _status(change: StatusChange) -> dict[str, Any]:
    return {
        "policy": change.policy.id,
        "title": change.policy.title,
        "from": None if change.start == dt.date.min else change.start.isoformat(),
        "to": None if change.end is None else change.end.isoformat(),
        "period": change.period,
        "old": _answer(change.old),
        "new": _answer(change.new),
        "label": change.label,
    }


def _counts(records: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for record in records:
        kind = counts.setdefault(record["kind"], {"added": 0, "removed": 0, "changed": 0})
        kind[record["change"]] += 1
    return {kind: counts[kind] for kind in KINDS if kind in counts}


def dump(diff: Diff, old: str, new: str) -> dict[str, Any]:
    """The diff as plain JSON data; `old` and `new` name what was compared."""
    records = [_change(change) for change in diff.records]
    return {
        "format": FORMAT,
        "version": VERSION,
        "old": old,
        "new": new,
        "changed": not diff.empty,
        "counts": _counts(records),
        "records": records,
        "settings": [_field(f) for f in diff.settings],
        "statuses": [_status(s) for s in diff.statuses],
    }


# -- for people --------------------------------------------------------------------------------


def counts_text(data: Mapping[str, Any]) -> str:
    """'2 events (1 added, 1 changed), 1 source added, the status of 1 policy': in brief."""
    parts = []
    for kind, counts in data["counts"].items():
        done = [(what, n) for what, n in counts.items() if n]
        total = sum(n for _, n in done)
        noun = kind if total == 1 else _PLURAL.get(kind, kind)
        if len(done) == 1:
            parts.append(f"{total} {noun} {done[0][0]}")
        else:
            parts.append(f"{total} {noun} ({', '.join(f'{n} {what}' for what, n in done)})")
    if data["settings"]:
        parts.append("the settings")
    policies = len({s["policy"] for s in data["statuses"]})
    if policies:
        parts.append(f"the status of {policies} {'policy' if policies == 1 else 'policies'}")
    return ", ".join(parts) if parts else "no changes"


def heading(kind: str) -> str:
    """'Events', 'Policies': what a section of one kind of record is called."""
    return _PLURAL.get(kind, kind).capitalize()


def _sections(data: Mapping[str, Any]) -> Iterable[tuple[str, list[Mapping[str, Any]]]]:
    """Each kind's heading ('Events (1 added, 1 changed)') and its changes."""
    for kind, counts in data["counts"].items():
        done = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        yield (
            f"{heading(kind)} ({done})",
            [r for r in data["records"] if r["kind"] == kind],
        )


def render_text(data: Mapping[str, Any]) -> str:
    """The diff for a terminal: each record changed with its field lines, then the statuses."""
    head = f"Changes from {data['old']} to {data['new']}"
    lines = [head, "=" * len(head), ""]
    if not data["changed"]:
        return "\n".join([*lines, "No changes."]) + "\n"
    for title, records in _sections(data):
        lines.append(title)
        for record in records:
            lines.append(f"  {_MARK[record['change']]} {record['heading']}")
            lines += [f"      {line}" for f in record["fields"] for line in f["lines"]]
        lines.append("")
    if data["settings"]:
        lines.append("Settings")
        lines += [f"  {line}" for f in data["settings"] for line in f["lines"]]
        lines.append("")
    if data["statuses"]:
        lines.append("Policy status")
        for change in data["statuses"]:
            lines.append(f"  {change['policy']} {change['period']}:")
            lines.append(f"      was: {change['old']['label']}")
            lines.append(f"      now: {change['new']['label']}")
        lines.append("")
    return "\n".join(lines)


def render_markdown(data: Mapping[str, Any]) -> str:
    """The diff as Markdown, for a newsroom's "updates" box or a pull request."""
    lines = [
        f"## Changes from {escape(data['old'])} to {escape(data['new'])}",
        "",
    ]
    if not data["changed"]:
        return "\n".join([*lines, "No changes."]) + "\n"
    for title, records in _sections(data):
        lines += [f"**{escape(title)}**", ""]
        for record in records:
            change = record["change"].capitalize()
            rest = record["heading"].removeprefix(record["id"])
            gap = " " if rest[:1] == " " else ""  # escape() trims it
            lines.append(f"- {change}: **{escape(record['id'])}**{gap}{escape(rest)}")
            lines += [f"  - {escape(line)}" for f in record["fields"] for line in f["lines"]]
        lines.append("")
    if data["settings"]:
        lines += ["**Settings**", ""]
        lines += [f"- {escape(line)}" for f in data["settings"] for line in f["lines"]]
        lines.append("")
    if data["statuses"]:
        lines += ["**Policy status**", ""]
        for change in data["statuses"]:
            lines.append(
                f"- **{escape(change['policy'])}** {escape(change['period'])}: "
                f"{escape(change['old']['label'])} → {escape(change['new']['label'])}"
            )
        lines.append("")
    return "\n".join(lines)


def render_json(data: Mapping[str, Any]) -> str:
    """The JSON document, indented, ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(diff: Diff, format: str = "text", *, old: str = "old", new: str = "new") -> str:
    """The diff in one of `FORMATS`.

    Raises:
        ValueError: `format` is not one of `FORMATS`.
    """
    renderers = {"text": render_text, "markdown": render_markdown, "json": render_json}
    if format not in renderers:
        raise ValueError(f"unknown diff format {format!r}; use one of {', '.join(FORMATS)}")
    return renderers[format](dump(diff, old, new))
