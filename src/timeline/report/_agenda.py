"""The answers of `timeline status --pending | --upcoming | --changes | --series`.

Each question has a text form for the terminal and a JSON form (the schemas are in
docs/policies.md); the series also has CSV, one row per period and jurisdiction, for
spreadsheets. Pure functions from computed answers to text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from timeline._agenda import Change, Pending
from timeline._labels import change_label, pending_label, state_label
from timeline._labels import day_label as local_day
from timeline._locale import message
from timeline._series import Series
from timeline._status import day_label
from timeline.report._csv import neutralise
from timeline.report._json import event_ref, state_data, step_ref
from timeline.report._policy import heading, title

__all__ = [
    "changes_json",
    "changes_text",
    "pending_json",
    "pending_text",
    "series_csv",
    "series_json",
    "series_text",
]


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- pending -----------------------------------------------------------------------------------


def pending_text(items: Sequence[Pending], as_of: dt.date, locale: str | None = None) -> str:
    """What does not bind yet on `as_of`, grouped by policy; `locale` (normalised, None for
    English) is its language."""
    lines = title(message(locale, "pending_as_of", day=local_day(as_of, locale)))
    if not items:
        return "\n".join([*lines, message(locale, "nothing_pending")]) + "\n"
    policy = None
    for item in items:
        if item.policy is not policy:
            if policy is not None:
                lines.append("")
            policy = item.policy
            lines += heading(policy)
        lines.append(f"  - {pending_label(item, locale)}")
    return "\n".join([*lines, ""]) + "\n"


def pending_json(items: Sequence[Pending], as_of: dt.date) -> str:
    """`--pending --format json`."""
    return _dump(
        {
            "as_of": as_of.isoformat(),
            "pending": [
                {
                    "policy": item.policy.id,
                    "title": item.policy.title,
                    "jurisdiction": item.policy.jurisdiction,
                    "kind": item.kind,
                    "certain": item.certain,
                    "step": event_ref(item.step),
                    "provision": None
                    if item.provision is None
                    else {"id": item.provision.id, "title": item.provision.title},
                    "due": step_ref(item.due),
                    "label": item.label,
                }
                for item in items
            ],
        }
    )


# -- upcoming and changes ----------------------------------------------------------------------


def changes_text(
    changes: Sequence[Change], heading_text: str, *, states: bool = True, locale: str | None = None
) -> str:
    """Each change on a line, in order, with the state it leads to when `states`; `locale`
    (normalised, None for English) is its language."""
    lines = title(heading_text)
    if not changes:
        return "\n".join([*lines, message(locale, "no_recorded_changes")]) + "\n"
    for change in changes:
        lines.append(f"- {change_label(change, locale)}")
        if states:
            lines.append(f"  → {state_label(change.step.after, locale)}")
    return "\n".join([*lines, ""]) + "\n"


def changes_json(changes: Sequence[Change], period: dict[str, Any]) -> str:
    """`--changes` or `--upcoming` with `--format json`: the period asked about, then the
    changes, each with its step and the states around it."""
    return _dump(
        {
            **period,
            "changes": [
                {
                    "policy": change.policy.id,
                    "certain": change.certain,
                    "takes_effect": change.step.takes_effect,
                    "step": step_ref(change.step),
                    "before": state_data(change.step.before),
                    "after": state_data(change.step.after),
                    "label": change.label,
                }
                for change in changes
            ],
        }
    )


# -- series ------------------------------------------------------------------------------------


def _name(jurisdiction: str | None) -> str:
    return "(none)" if jurisdiction is None else jurisdiction


def _cell(in_force: int, uncertain: int) -> str:
    return str(in_force) if not uncertain else f"{in_force}+{uncertain}?"


def series_text(series: Series) -> str:
    """A table: one row per period, the total and each jurisdiction in columns."""
    period = f"{day_label(series.start)} to {day_label(series.end)}"
    lines = title(f"Policies in force by {series.unit}, {period}")
    header = ["period", "as of", "all", *(_name(j) for j in series.jurisdictions)]
    rows = [
        [
            step.period,
            step.as_of.isoformat(),
            _cell(step.total.in_force, step.total.uncertain),
            *(
                _cell(step.jurisdictions[j].in_force, step.jurisdictions[j].uncertain)
                for j in series.jurisdictions
            ),
        ]
        for step in series.steps
    ]
    widths = [max(len(row[n]) for row in [header, *rows]) for n in range(len(header))]
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    lines.append("")
    if any(step.total.uncertain for step in series.steps):
        lines.append(
            "n+m? counts n policies in force and m more that may be: their dates are too "
            "imprecise to say."
        )
    return "\n".join(line.rstrip() for line in lines) + "\n"


def series_json(series: Series) -> str:
    """`--series --format json`."""
    return _dump(
        {
            "unit": series.unit,
            "from": series.start.isoformat(),
            "to": series.end.isoformat(),
            "jurisdictions": list(series.jurisdictions),
            "steps": [
                {
                    "period": step.period,
                    "as_of": step.as_of.isoformat(),
                    "in_force": step.total.in_force,
                    "uncertain": step.total.uncertain,
                    "jurisdictions": [
                        {
                            "jurisdiction": j,
                            "in_force": step.jurisdictions[j].in_force,
                            "uncertain": step.jurisdictions[j].uncertain,
                        }
                        for j in series.jurisdictions
                    ],
                }
                for step in series.steps
            ],
        }
    )


def series_csv(series: Series) -> str:
    """One row per period and jurisdiction (empty for policies without one), RFC 4180 with
    CRLF line ends like the events' CSV, and its guard against cells read as formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["period", "as_of", "jurisdiction", "in_force", "uncertain"])
    for step in series.steps:
        for j in series.jurisdictions:
            count = step.jurisdictions[j]
            cells = [step.period, step.as_of.isoformat(), neutralise(j or ""), count.in_force]
            writer.writerow([*cells, count.uncertain])
    return out.getvalue()
