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
from timeline._text import wrap
from timeline._timeline import Timeline
from timeline.report._common import source_line
from timeline.report._markdown import escape
from timeline.report._text import WIDTH, Layout, check_width
from timeline.report._text import title as _title

__all__ = ["FORMATS", "heading", "item", "render", "status_text", "title"]

#: Report formats that get a policy-history section.
FORMATS = ("text", "markdown")

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


def render(
    timeline: Timeline,
    policies: Iterable[str],
    format: str = "text",
    *,
    width: int | None = WIDTH,
) -> str:
    """The history of each policy in `policies`: every transition, its state and sources;
    the text laid out for a terminal `width` columns wide (None: a line per item).

    Pass the whole timeline, not a filtered one: the fold needs every event of the policy.

    Raises:
        KeyError: a policy id the timeline does not have.
        ValueError: `format` is not one of `FORMATS`, or `width` is below 40.
    """
    if format not in FORMATS:
        raise ValueError(f"no policy history for format {format!r}; use one of {list(FORMATS)}")
    check_width(width)
    views = [timeline.policy(p) for p in dict.fromkeys(policies)]
    pairs = [(view.policy, view.history()) for view in views]
    if format == "markdown":
        return _markdown(timeline, pairs)
    return _text(timeline, pairs, width)


def _text(
    timeline: Timeline, pairs: list[tuple[Policy, tuple[Transition, ...]]], width: int | None
) -> str:
    lines = _title("Policy history", width)
    layout = Layout(width, _EFFECT_WIDTH)
    for policy, steps in pairs:
        lines += wrap(f"{policy.title} ({policy.id})", width, hang="  ")
        about = [x for x in (_parties(policy), *_relations(policy)) if x]
        if about:
            lines += wrap("; ".join(about), width, indent="  ", hang="    ")
        if not steps:
            lines += [*item("No recorded changes: not yet announced.", width, "  "), ""]
            continue
        for step in steps:
            lines += layout.row(step.event.when.label, step.event.title, step.effect.value)
            lines += layout.detail("→ ", step.after.label)
            for source in _sources(step, timeline):
                lines += layout.detail("source: ", source)
        last = f"After its last recorded event: {steps[-1].after.label}"
        lines += [*wrap(last, width, indent="  ", hang="    "), ""]
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


def status_text(
    statuses: Mapping[str, Status], as_of: dt.date, *, width: int | None = WIDTH
) -> str:
    """`timeline status` for a terminal `width` columns wide: each policy, its state, its
    provisions, what comes next, and why when uncertain."""
    check_width(width)
    lines = title(f"Policy status as of {day_label(as_of)}", width)
    if not statuses:
        return "\n".join([*lines, "No policies."]) + "\n"
    for answer in statuses.values():
        lines += heading(answer.policy, width)
        if answer.certain:
            lines += item(answer.label, width, "  ")
        else:
            lines.append("  uncertain between:")
            for state in answer.possible:
                lines += item(state.label, width, "    - ")
            lines += item(str(answer.reason), width, "  why: ")
        provisions = answer.provisions
        if provisions:
            lines.append("  provisions:")
            for p in provisions:
                lines += item(f"{p.provision.title}: {p.label}", width, "    - ")
        if answer.next_text:
            lines += item(answer.next_text, width, "  next: ")
        lines.append("")
    return "\n".join(lines)


def item(text: str, width: int | None, prefix: str) -> list[str]:
    """`prefix` then `text`, wrapped under the text ('  - …', '  why: …')."""
    return wrap(text, width, indent=prefix, hang=" " * len(prefix))


def title(text: str, width: int | None = WIDTH) -> list[str]:
    """A title wrapped and underlined, then a blank line."""
    return _title(text, width)


def heading(policy: Policy, width: int | None = WIDTH) -> list[str]:
    """'id (US → CN)' and the policy's title, indented."""
    parties = _parties(policy)
    head = f"{policy.id}" + (f" ({parties})" if parties else "")
    return [*wrap(head, width, hang="  "), *wrap(policy.title, width, indent="  ", hang="    ")]
