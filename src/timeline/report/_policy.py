"""Policy reports: the history section reports append for `--policy`, and `timeline status`.

Pure functions from a timeline (or computed statuses) to text; nothing here reads files or
asks what day it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from timeline._labels import (
    day_label,
    effect_label,
    next_text,
    provision_label,
    reason,
    state_label,
    when_label,
)
from timeline._lifecycle import Transition
from timeline._locale import chosen, message
from timeline._model import Policy
from timeline._status import Status
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


def _relations(policy: Policy, locale: str | None) -> list[str]:
    found = [("amends", policy.amends), ("replaces", policy.replaces)]
    return [message(locale, verb, target) for verb, target in found if target]


def _sources(step: Transition, timeline: Timeline, locale: str | None) -> list[str]:
    return [
        source_line(timeline.sources[s], locale) if s in timeline.sources else s
        for s in step.sources
    ]


def render(
    timeline: Timeline, policies: Iterable[str], format: str = "text", locale: str | None = None
) -> str:
    """The history of each policy in `policies`: every transition, its state and sources;
    in the language of `locale` (default: the timeline's `locale` setting, else English).

    Pass the whole timeline, not a filtered one: the fold needs every event of the policy.

    Raises:
        KeyError: a policy id the timeline does not have.
        ValueError: `format` is not one of `FORMATS`, or the locale is not supported.
    """
    if format not in FORMATS:
        raise ValueError(f"no policy history for format {format!r}; use one of {list(FORMATS)}")
    tag = chosen(locale, timeline.settings.locale)
    views = [timeline.policy(p) for p in dict.fromkeys(policies)]
    pairs = [(view.policy, view.history()) for view in views]
    if format == "markdown":
        return _markdown(timeline, pairs, tag)
    return _text(timeline, pairs, tag)


def _text(
    timeline: Timeline, pairs: list[tuple[Policy, tuple[Transition, ...]]], tag: str | None
) -> str:
    lines = title(message(tag, "policy_history"))
    indent = " " * (2 + _LABEL_WIDTH + 2 + _EFFECT_WIDTH + 2)
    source_word = message(tag, "text_source")
    for policy, steps in pairs:
        lines.append(f"{policy.title} ({policy.id})")
        about = [x for x in (_parties(policy), *_relations(policy, tag)) if x]
        if about:
            lines.append(f"  {'; '.join(about)}")
        if not steps:
            lines += [f"  {message(tag, 'no_changes_yet')}", ""]
            continue
        for step in steps:
            label = when_label(step.event.when, tag)
            effect = effect_label(step.effect, tag)
            head = f"  {label:<{_LABEL_WIDTH}}  {effect:<{_EFFECT_WIDTH}}  "
            if len(label) > _LABEL_WIDTH:
                lines += [f"  {label}", f"{indent}{step.event.title}"]
            else:
                lines.append(head + step.event.title)
            lines.append(f"{indent}→ {state_label(step.after, tag)}")
            lines += [f"{indent}{source_word}: {s}" for s in _sources(step, timeline, tag)]
        last = state_label(steps[-1].after, tag)
        lines += [f"  {message(tag, 'after_last', state=last)}", ""]
    return "\n".join(lines)


def _markdown(
    timeline: Timeline, pairs: list[tuple[Policy, tuple[Transition, ...]]], tag: str | None
) -> str:
    lines = [f"## {message(tag, 'policy_history')}", ""]
    columns = [message(tag, f"col_{k}") for k in ("date", "effect", "event", "after", "sources")]
    for policy, steps in pairs:
        lines += [f"### {escape(policy.title)} (`{policy.id}`)", ""]
        about = [x for x in (_parties(policy), *_relations(policy, tag)) if x]
        if about:
            lines += [escape("; ".join(about)), ""]
        if not steps:
            lines += [message(tag, "no_changes_yet"), ""]
            continue
        lines += ["| " + " | ".join(columns) + " |", "|---|---|---|---|---|"]
        for step in steps:
            cells = [
                when_label(step.event.when, tag),
                effect_label(step.effect, tag),
                step.event.title,
                state_label(step.after, tag),
                "; ".join(_sources(step, timeline, tag)),
            ]
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
        last = escape(state_label(steps[-1].after, tag))
        lines += ["", message(tag, "after_last", state=last) + ".", ""]
    return "\n".join(lines)


def status_text(statuses: Mapping[str, Status], as_of: dt.date, locale: str | None = None) -> str:
    """`timeline status` for a terminal: each policy, its state, its provisions, what comes
    next, and why when uncertain; `locale` (normalised, None for English) is its language."""
    lines = title(message(locale, "status_as_of", day=day_label(as_of, locale)))
    if not statuses:
        return "\n".join([*lines, message(locale, "no_policies")]) + "\n"
    why, provisions_word, next_word = (message(locale, k) for k in ("why", "provisions", "next"))
    for answer in statuses.values():
        lines += heading(answer.policy)
        if answer.certain:
            lines.append(f"  {state_label(answer.possible[0], locale)}")
        else:
            lines.append(f"  {message(locale, 'uncertain_between')}")
            lines += [f"    - {state_label(state, locale)}" for state in answer.possible]
            lines.append(f"  {why}: {reason(answer, locale)}")
        provisions = answer.provisions
        if provisions:
            lines.append(f"  {provisions_word}:")
            lines += [
                f"    - {p.provision.title}: {provision_label(p, locale)}" for p in provisions
            ]
        if answer.next_text:
            lines.append(f"  {next_word}: {next_text(answer, locale)}")
        lines.append("")
    return "\n".join(lines)


def title(text: str) -> list[str]:
    """A title underlined, then a blank line."""
    return [text, "=" * len(text), ""]


def heading(policy: Policy) -> list[str]:
    """'id (US → CN)' and the policy's title, indented."""
    parties = _parties(policy)
    return [f"{policy.id}" + (f" ({parties})" if parties else ""), f"  {policy.title}"]
