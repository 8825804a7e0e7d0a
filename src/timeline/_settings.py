"""A data folder's settings (`timeline.toml`, or an export's `settings`) and its named feeds.

Both readers hand the parsed table to `structure_settings`, so a setting is refused with
the same words wherever it was written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs
from cattrs.errors import ClassValidationError

from timeline._model import Feed, Settings
from timeline._query import Filter
from timeline._structure import CONVERTER, flatten, line_of, message
from timeline._text import did_you_mean
from timeline.errors import Problem, TimelineError

__all__ = ["FEED_KEYS", "SETTINGS_FILE", "parse_feed", "structure_settings"]

SETTINGS_FILE: Final = "timeline.toml"

#: Keys a named feed in timeline.toml may use, and the `Filter` field each fills.
FEED_KEYS: Final = {
    "title": None,
    "description": None,
    "from": "start",
    "to": "end",
    "tag": "tags",
    "actor": "actors",
    "policy": "policies",
    "jurisdiction": "jurisdictions",
    "place": "places",
    "text": "text",
}
_LISTS: Final = frozenset({"tags", "actors", "policies", "jurisdictions", "places"})


def structure_settings(
    raw: Mapping[str, Any],
    *,
    shown: str,
    problems: list[Problem],
    lines: Mapping[str, int] | None = None,
    prefix: str = "",
) -> Settings:
    """The settings `raw` holds, every problem appended; defaults where a setting is wrong.

    `prefix` is the key path of the table in its file ("settings." in a JSON export) and
    `lines` maps keys to the lines they are written on, where the format has lines.
    """
    lines = lines or {}

    def problem(key: str, text: str) -> Problem:
        return Problem(path=shown, line=line_of(key, lines, None), key=prefix + key, message=text)

    known = {a.name for a in attrs.fields(Settings)}
    for name in raw:
        if name not in known:
            hint = did_you_mean(name, known)
            problems.append(
                problem(name, f"unknown setting{hint}; settings are: {', '.join(sorted(known))}")
            )
    feeds: dict[str, Feed] = {}
    specs = raw.get("feeds", {})
    if not isinstance(specs, dict):
        problems.append(
            problem(
                "feeds", "write each feed as a table of filters, e.g. [feeds.nvidia] tag = 'nvidia'"
            )
        )
        specs = {}
    for name, spec in specs.items():
        try:
            feeds[name] = parse_feed(name, spec)
        except (TimelineError, TypeError, ValueError) as error:
            problems.append(problem(f"feeds.{name}", message(error)))
    fields = {k: v for k, v in raw.items() if k in known and k != "feeds"}
    failed = False
    for _ in range(len(fields) + 1):  # set failed settings aside to find every problem
        try:
            settings: Settings = CONVERTER.structure(fields, Settings)
            break
        except ClassValidationError as group:
            failed, dropped = True, None
            for key, inner in flatten(group, ""):
                key = key.lstrip(".")
                problems.append(problem(key, message(inner, key)))
                dropped = fields.pop(key.split(".")[0], dropped)
            if dropped is None:
                break
    if failed:
        return Settings()
    return attrs.evolve(settings, feeds=feeds)


def parse_feed(name: str, spec: object) -> Feed:
    """One `[feeds.NAME]` table: a title and description for the calendar, and its filters.

    Raises:
        TypeError: the table or a value in it has the wrong type.
        ValueError: an unknown key, or a filter value that is not valid (a bad date).
    """
    if not isinstance(spec, dict):
        raise TypeError("a feed is a table of filters, e.g. [feeds.nvidia] tag = 'nvidia'")
    unknown = sorted(set(spec) - set(FEED_KEYS))
    if unknown:
        named = ", ".join(f"{key!r}{did_you_mean(key, FEED_KEYS)}" for key in unknown)
        noun = "key" if len(unknown) == 1 else "keys"
        raise ValueError(f"unknown feed {noun} {named}; use {', '.join(FEED_KEYS)}")
    args: dict[str, Any] = {}
    for key, field in FEED_KEYS.items():
        if field is None or key not in spec:
            continue
        value = spec[key]
        if field in _LISTS:
            value = [value] if isinstance(value, str) else value
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise TypeError(f"{key} takes a string or a list of strings, not {value!r}")
        elif not isinstance(value, str):
            raise TypeError(f"{key} takes a string, not {value!r}")
        args[field] = value
    for key in ("title", "description"):
        if not isinstance(spec.get(key, ""), str):
            raise TypeError(f"{key} takes a string, not {spec[key]!r}")
    return Feed(
        name=name,
        title=spec.get("title"),
        description=spec.get("description"),
        filter=Filter.build(**args),
    )
