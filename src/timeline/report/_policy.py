"""Policy reports: the history section reports append for `--policy`, and `timeline status`.

Pure functions from a timeline (or computed statuses) to text; nothing here reads files or
asks what day it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from timeline._lifecycle import Transition
from timeline._model import Policy
from timeline._status import Status, day_label
from timeline._timeline import Timeline
from timeline.report._common import source_line
from timeline.report._markdown import escape

__all__ = ["FORMATS", "heading", "render", "status_text", "title"]

#: Report formats that get a policy-history section.
FORMATS = ("text", "markdown")

_LABEL_WIDTH = 24
_EFFECT_WIDTH = 10


def _parties(policy: Policy) -> str:
    """'US → CN', 'US', or '' when the record names neither side."""
    who = policy.jurisdiction or "?"
    if policy.targets:
        return f"{who} → {', '.join(policy.targets)}"
    return policy.jurisdiction or ""


def _relations(policy: Policy) -> list[str]:
    found = [("amends", policy.amends), ("replaces", policy.replaces)]
    return [f"{verb} {target}" for verb, target in found if target]


def _sources(step: Transition, timeline: Timeline) -> list[str]:
    return [source_line(timeline.sources[s]) if s in timeline.sources else s for s in step.sources]


def render(timeline: Timeline, policies: Iterable[str], format: str = "text") -> str:
    """The history of each policy in `policies`: every transition, its state and sources.

    Pass the whole timeline, not a filtered one: the fold needs every event of the policy.

    Raises:
        KeyError: a policy id the timeline does not have.
        ValueError: `format` is not one of `FORMATS`.
    """
    if format not in FORMATS:
        raise ValueError(f"no policy history for format {format!r}; use one of {list(FORMATS)}")
    views = [timeline.policy(p) for p in dict.fromkeys(policies)]
    pairs = [(view.policy, view.history()) for view in views]
    if format == "markdown":
        return _markdown(timeline, pairs)
    return _text(timeline, pairs)


def _text(timeline: Timeline, pairs: list[tuple[Policy, tuple[Transition, ...]]]) -> str:
    lines = ["Policy history", "==============", ""]
    indent = " " * (2 + _LABEL_WIDTH + 2 + _EFFECT_WIDTH + 2)
    for policy, steps in pairs:
        lines.append(f"{policy.title} ({policy.id})")
        about = [x for x in (_parties(policy), *_relations(policy)) if x]
        if about:
            lines.append(f"  {'; '.join(about)}")
        if not steps:
            lines += ["  No recorded changes: not yet announced.", ""]
            continue
        for step in steps:
            label = step.event.when.label
            head = f"  {label:<{_LABEL_WIDTH}}  {step.effect.value:<{_EFFECT_WIDTH}}  "
            if len(label) > _LABEL_WIDTH:
                lines += [f"  {label}", f"{indent}{step.event.title}"]
            else:
                lines.append(head + step.event.title)
            lines.append(f"{indent}→ {step.after.label}")
            lines += [f"{indent}source: {s}" for s in _sources(step, timeline)]
        lines += [f"  After its last recorded event: {steps[-1].after.label}", ""]
    return "\n".join(lines)


def _markdown(timeline: Timeline, pairs: list[tuple[Policy, tuple[Transition, ...]]]) -> str:
    lines = ["## Policy history", ""]
    for policy, steps in pairs:
        lines += [f"### {escape(policy.title)} (`{policy.id}`)", ""]
        about = [x for x in (_parties(policy), *_relations(policy)) if x]
        if about:
            lines += [escape("; ".join(about)), ""]
        if not steps:
            lines += ["No recorded changes: not yet announced.", ""]
            continue
        lines += ["| date | effect | event | state after | sources |", "|---|---|---|---|---|"]
        for step in steps:
            cells = [
                step.event.when.label,
                step.effect.value,
                step.event.title,
                step.after.label,
                "; ".join(_sources(step, timeline)),
            ]
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
        lines += ["", f"After its last recorded event: {escape(steps[-1].after.label)}.", ""]
    return "\n".join(lines)


def status_text(statuses: Mapping[str, Status], as_of: dt.date) -> str:
    """`timeline status` for a terminal: each policy, its state, its provisions, what comes
    next, and why when uncertain."""
    lines = title(f"Policy status as of {day_label(as_of)}")
    if not statuses:
        return "\n".join([*lines, "No policies."]) + "\n"
    for answer in statuses.values():
        lines += heading(answer.policy)
        if answer.certain:
            lines.append(f"  {answer.label}")
        else:
            lines.append("  uncertain between:")
            lines += [f"    - {state.label}" for state in answer.possible]
            lines.append(f"  why: {answer.reason}")
        provisions = answer.provisions
        if provisions:
            lines.append("  provisions:")
            lines += [f"    - {p.provision.title}: {p.label}" for p in provisions]
        if answer.next_text:
            lines.append(f"  next: {answer.next_text}")
        lines.append("")
    return "\n".join(lines)


def title(text: str) -> list[str]:
    """A title underlined, then a blank line."""
    return [text, "=" * len(text), ""]


def heading(policy: Policy) -> list[str]:
    """'id (US → CN)' and the policy's title, indented."""
    parties = _parties(policy)
    return [f"{policy.id}" + (f" ({parties})" if parties else ""), f"  {policy.title}"]
