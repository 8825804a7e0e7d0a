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
from timeline._model import Effect, Policy
from timeline._status import Status
from timeline._text import display_width, wrap
from timeline._timeline import Timeline
from timeline.report._common import source_line
from timeline.report._markdown import escape
from timeline.report._text import WIDTH, Layout, check_width
from timeline.report._text import title as _title

__all__ = ["FORMATS", "heading", "item", "render", "status_text", "title"]

#: Report formats that get a policy-history section.
FORMATS = ("text", "markdown")


def _effect_width(tag: str | None) -> int:
    """The effect column's width: the widest effect in the language ('reinstated' in
    English), so every row's title starts in one column."""
    return max(display_width(effect_label(effect, tag)) for effect in Effect)


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
    timeline: Timeline,
    policies: Iterable[str],
    format: str = "text",
    *,
    width: int | None = WIDTH,
    locale: str | None = None,
) -> str:
    """The history of each policy in `policies`: every transition, its state and sources;
    the text laid out for a terminal `width` columns wide (None: a line per item), in the
    language of `locale` (default: the timeline's `locale` setting, else English).

    Pass the whole timeline, not a filtered one: the fold needs every event of the policy.

    Raises:
        KeyError: a policy id the timeline does not have.
        ValueError: `format` is not one of `FORMATS`, `width` is below 40, or the locale is
            not supported.
    """
    if format not in FORMATS:
        raise ValueError(f"no policy history for format {format!r}; use one of {list(FORMATS)}")
    check_width(width)
    tag = chosen(locale, timeline.settings.locale)
    views = [timeline.policy(p) for p in dict.fromkeys(policies)]
    pairs = [(view.policy, view.history()) for view in views]
    if format == "markdown":
        return _markdown(timeline, pairs, tag)
    return _text(timeline, pairs, width, tag)


def _text(
    timeline: Timeline,
    pairs: list[tuple[Policy, tuple[Transition, ...]]],
    width: int | None,
    tag: str | None,
) -> str:
    lines = _title(message(tag, "policy_history"), width)
    layout = Layout(width, _effect_width(tag))
    source_word = message(tag, "text_source")
    for policy, steps in pairs:
        lines += wrap(f"{policy.title} ({policy.id})", width, hang="  ")
        about = [x for x in (_parties(policy), *_relations(policy, tag)) if x]
        if about:
            lines += wrap("; ".join(about), width, indent="  ", hang="    ")
        if not steps:
            lines += [*item(message(tag, "no_changes_yet"), width, "  "), ""]
            continue
        for step in steps:
            label = when_label(step.event.when, tag)
            lines += layout.row(label, step.event.title, effect_label(step.effect, tag))
            lines += layout.detail("→ ", state_label(step.after, tag))
            for source in _sources(step, timeline, tag):
                lines += layout.detail(f"{source_word}: ", source)
        last = message(tag, "after_last", state=state_label(steps[-1].after, tag))
        lines += [*wrap(last, width, indent="  ", hang="    "), ""]
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


def status_text(
    statuses: Mapping[str, Status],
    as_of: dt.date,
    locale: str | None = None,
    *,
    width: int | None = WIDTH,
) -> str:
    """`timeline status` for a terminal `width` columns wide: each policy, its state, its
    provisions, what comes next, and why when uncertain; `locale` (normalised, None for
    English) is its language."""
    check_width(width)
    lines = title(message(locale, "status_as_of", day=day_label(as_of, locale)), width)
    if not statuses:
        return "\n".join([*lines, message(locale, "no_policies")]) + "\n"
    why, provisions_word, next_word = (message(locale, k) for k in ("why", "provisions", "next"))
    for answer in statuses.values():
        lines += heading(answer.policy, width)
        if answer.certain:
            lines += item(state_label(answer.possible[0], locale), width, "  ")
        else:
            lines.append(f"  {message(locale, 'uncertain_between')}")
            for state in answer.possible:
                lines += item(state_label(state, locale), width, "    - ")
            lines += item(str(reason(answer, locale)), width, f"  {why}: ")
        provisions = answer.provisions
        if provisions:
            lines.append(f"  {provisions_word}:")
            for p in provisions:
                named = f"{p.provision.title}: {provision_label(p, locale)}"
                lines += item(named, width, "    - ")
        text = next_text(answer, locale)
        if text:
            lines += item(text, width, f"  {next_word}: ")
        lines.append("")
    return "\n".join(lines)


def item(text: str, width: int | None, prefix: str) -> list[str]:
    """`prefix` then `text`, wrapped under the text ('  - …', '  why: …')."""
    return wrap(text, width, indent=prefix, hang=" " * display_width(prefix))


def title(text: str, width: int | None = WIDTH) -> list[str]:
    """A title wrapped and underlined, then a blank line."""
    return _title(text, width)


def heading(policy: Policy, width: int | None = WIDTH) -> list[str]:
    """'id (US → CN)' and the policy's title, indented."""
    parties = _parties(policy)
    head = f"{policy.id}" + (f" ({parties})" if parties else "")
    return [*wrap(head, width, hang="  "), *wrap(policy.title, width, indent="  ", hang="    ")]
