"""Read a JSON export (`timeline report --format json`, a site's timeline.json) back.

The records go through the same structuring as the data folder's TOML and JSON Lines, so a
hand-edited export is checked as strictly, and every problem is reported together with its
JSON path. Derived fields (`earliest`, `latest`, `precision`, `qualifier`, `label`) are
recomputed from `when` and `tz`, never trusted. Every cross-record check of
`timeline.validate` runs (ids, references, policy chains, lifecycles) but the quote checks,
because an export does not carry its sources' texts (they were checked when the data folder
was loaded).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from timeline._load import (
    _CONVERTER,
    _MAX_FILE_BYTES,
    Located,
    _flatten,
    _message,
    assemble,
    parse_feed,
)
from timeline._load import _structure as structure_record
from timeline._model import Feed, Settings, Timeline
from timeline.errors import DataError, Problem, TimelineError
from timeline.report._json import FORMAT, VERSION

__all__ = ["load_json", "loads"]

#: JSON array → record kind.
_ARRAYS: Final = {
    "sources": "source",
    "actors": "actor",
    "places": "place",
    "policies": "policy",
    "events": "event",
}
_DERIVED: Final = frozenset({"earliest", "latest", "precision", "qualifier", "label"})
_TOP: Final = frozenset({"format", "version", "settings", *_ARRAYS})


def load_json(path: str | Path) -> Timeline:
    """Read a timeline exported as JSON.

    Raises:
        DataError: listing every problem, each with the file and the JSON path
            (e.g. `events[3].when`).
    """
    target = Path(path)
    shown = str(target)
    try:
        if target.stat().st_size > _MAX_FILE_BYTES:
            limit = _MAX_FILE_BYTES // 2**20
            raise DataError([Problem(path=shown, message=f"file is over {limit} MiB")])
        data = target.read_bytes()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise DataError([Problem(path=shown, message=message)]) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError([Problem(path=shown, message="not UTF-8")]) from error
    return loads(text, path=shown)


def loads(text: str, *, path: str = "<json>") -> Timeline:
    """Read a timeline from JSON text; `path` names it in problems."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        message = getattr(error, "msg", "nested too deeply")
        raise DataError(
            [Problem(path=path, line=line, message=f"malformed JSON: {message}")]
        ) from None
    problems: list[Problem] = []
    if not isinstance(document, dict):
        problems.append(Problem(path=path, message="expected a JSON object, the timeline export"))
        raise DataError(problems)
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        problems.append(
            Problem(
                path=path,
                key="format",
                message=f"not a timeline export: expected format {FORMAT!r} version {VERSION}, "
                f"got {document.get('format')!r} version {document.get('version')!r}",
            )
        )
        raise DataError(problems)
    for key in sorted(set(document) - _TOP):
        problems.append(
            Problem(path=path, key=key, message=f"unknown key; expected {', '.join(sorted(_TOP))}")
        )
    settings = _settings(document.get("settings", {}), path, problems)
    located: list[Located] = []
    for array, kind in _ARRAYS.items():
        records = document.get(array, [])
        if not isinstance(records, list):
            problems.append(Problem(path=path, key=array, message="expected an array of records"))
            continue
        for index, raw in enumerate(records):
            key = f"{array}[{index}]"
            item = structure_record(kind, _record(kind, raw), key, path, None, {}, problems)
            if item is not None:
                located.append(item)
    problems += _cross_checks(located)
    if problems:
        raise DataError(problems)
    return assemble(located, settings)


def _record(kind: str, raw: object) -> object:
    """An exported record in the data folder's shape: no nulls, no derived fields, `cite`."""
    if not isinstance(raw, dict):
        return raw
    record = {k: v for k, v in raw.items() if v is not None and v != []}
    if kind == "event":
        for key in _DERIVED:
            record.pop(key, None)
        if "citations" in record:
            citations = record.pop("citations")
            if isinstance(citations, list):
                citations = [
                    {k: v for k, v in c.items() if v is not None} if isinstance(c, dict) else c
                    for c in citations
                ]
            record["cite"] = citations
    return record


def _settings(raw: object, path: str, problems: list[Problem]) -> Settings:
    if not isinstance(raw, dict):
        problems.append(Problem(path=path, key="settings", message="expected an object"))
        return Settings()
    known = {a.name for a in attrs.fields(Settings)}
    for name in sorted(set(raw) - known):
        problems.append(
            Problem(
                path=path,
                key=f"settings.{name}",
                message=f"unknown setting; settings are: {', '.join(sorted(known))}",
            )
        )
    feeds: dict[str, Feed] = {}
    raw_feeds = raw.get("feeds") or {}
    if not isinstance(raw_feeds, dict):
        problems.append(Problem(path=path, key="settings.feeds", message="expected an object"))
        raw_feeds = {}
    for name, spec in raw_feeds.items():
        cleaned = (
            {k: v for k, v in spec.items() if v is not None and v != []}
            if isinstance(spec, dict)
            else spec
        )
        try:
            feeds[name] = parse_feed(name, cleaned)
        except (TimelineError, TypeError, ValueError) as error:
            problems.append(Problem(path=path, key=f"settings.feeds.{name}", message=str(error)))
    fields = {k: v for k, v in raw.items() if k in known and k != "feeds" and v is not None}
    try:
        settings: Settings = _CONVERTER.structure(fields, Settings)
    except Exception as group:  # cattrs' grouped validation errors, flattened below
        for key, inner in _flatten(group, ""):
            problems.append(
                Problem(
                    path=path,
                    key=f"settings{key}",
                    message=_message(inner, Settings),
                )
            )
        return Settings()
    return attrs.evolve(settings, feeds=feeds)


def _cross_checks(located: Iterable[Located]) -> list[Problem]:
    """Every cross-record check of `timeline.validate` but those that read source files."""
    from timeline import _validate as validate

    skipped = {validate._source_files, validate._quotes}
    index = validate._Index(list(located), Path())
    return [
        problem for check in validate.CHECKS if check not in skipped for problem in check(index)
    ]
