"""The JSON export, both ways: the whole timeline, lossless, in the shape of docs/json-schema.json.

One converter does both directions: it writes and reads `When` as its EDTF string and an
event's `cite` as `citations`, and it refuses what the data folder's formats refuse, with
the same words. Events come in the timeline's chronological order; each carries its
written `when` and `tz`, which are what reading uses, plus derived fields (`earliest`,
`latest`, `precision`, `qualifier`, `label`) for consumers that cannot parse EDTF, which
reading recomputes rather than trusts. Policy status answers (`timeline status --format
json`) are written here too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from timeline._io import open_regular
from timeline._lifecycle import State, Transition
from timeline._model import Event, Feed, Settings
from timeline._settings import structure_settings
from timeline._status import Status, step_text
from timeline._structure import (
    Located,
    Shared,
    as_written,
    assemble,
    make_converter,
    number_problem,
    structure_record,
)
from timeline._text import did_you_mean, encoding_hint
from timeline._timeline import Timeline
from timeline._validate import days_in_zone, validate
from timeline._when import Qualifier, When
from timeline.errors import DataError, Problem
from timeline.report._common import Encoded, json_pieces

__all__ = [
    "EVENT_KEYS",
    "FORMAT",
    "VERSION",
    "bounds",
    "dump",
    "dump_status",
    "event_ref",
    "load_json",
    "loads",
    "pieces",
    "qualifier",
    "render",
    "render_status",
    "state_data",
    "step_ref",
]

#: The document's `format` marker and schema version; a reader refuses other values.
FORMAT: Final = "timeline"
VERSION: Final = 1

_QUALIFIERS: Final = {
    Qualifier.NONE: None,
    Qualifier.APPROXIMATE: "approximate",
    Qualifier.UNCERTAIN: "uncertain",
    Qualifier.BOTH: "approximate-uncertain",
}
#: JSON array → record kind, in the order they are read (as a data folder lists them).
_ARRAYS: Final = {
    "sources": "source",
    "actors": "actor",
    "places": "place",
    "policies": "policy",
    "events": "event",
}
_DERIVED: Final = ("earliest", "latest", "precision", "qualifier", "label")
#: An exported event's keys in order: as written, then derived from `when`. The CSV and
#: Parquet columns follow it too.
EVENT_KEYS: Final = (
    "id",
    "title",
    "when",
    "tz",
    *_DERIVED,
    "said",
    "summary",
    "actors",
    "tags",
    "policy",
    "effect",
    "provision",
    "place",
    "url",
    "recorded",
    "citations",
)
_TOP: Final = frozenset({"format", "version", "settings", *_ARRAYS})


def _make_converter() -> cattrs.Converter:
    converter = make_converter(unstruct_collection_overrides={tuple: list})
    converter.register_unstructure_hook(When, str)
    cite = override(rename="citations")
    converter.register_unstructure_hook(
        Event, make_dict_unstructure_fn(Event, converter, cite=cite)
    )
    converter.register_structure_hook(
        Event,
        make_dict_structure_fn(Event, converter, cite=cite, _cattrs_forbid_extra_keys=True),
    )
    return converter


CONVERTER: Final = _make_converter()


# -- writing ---------------------------------------------------------------------------------


def render(timeline: Timeline) -> str:
    """The timeline as an indented UTF-8 JSON document, ending in a newline."""
    return "".join(pieces(timeline))


def pieces(timeline: Timeline) -> Iterator[str]:
    """`render`'s text a piece at a time: one event's object after another."""
    return json_pieces(_document(timeline, Encoded(_encoded_events(timeline))))


def dump(timeline: Timeline) -> dict[str, Any]:
    """The timeline as plain JSON-ready data (dicts, lists, str, float, None)."""
    return _document(timeline, list(_events(timeline)))


def _document(timeline: Timeline, events: object) -> dict[str, Any]:
    unstructure = CONVERTER.unstructure
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": _settings(timeline.settings),
        "events": events,
        "actors": [unstructure(actor) for actor in timeline.actors.values()],
        "places": [unstructure(place) for place in timeline.places.values()],
        "policies": [unstructure(policy) for policy in timeline.policies.values()],
        "sources": [unstructure(source) for source in timeline.sources.values()],
    }


def _events(timeline: Timeline) -> Iterator[dict[str, Any]]:
    """Each event's object in order; what a date and a citation contribute is worked out
    once per distinct value (parsed dates and equal citations are shared objects)."""
    whens: dict[int, dict[str, Any]] = {}  # id() is safe: the timeline keeps each When alive
    for event in timeline:
        when = event.when
        dated = whens.get(id(when))
        if dated is None:
            dated = whens[id(when)] = _dated(when)
        yield {
            "id": event.id,
            "title": event.title,
            **dated,
            "said": event.said,
            "summary": event.summary,
            "actors": list(event.actors),
            "tags": list(event.tags),
            "policy": event.policy,
            "effect": None if event.effect is None else event.effect.value,
            "provision": event.provision,
            "place": event.place,
            "url": event.url,
            "recorded": _day(event.recorded),
            "citations": [
                {
                    "source": c.source,
                    "quote": c.quote,
                    "note": c.note,
                    "recorded": _day(c.recorded),
                }
                for c in event.cite
            ],
        }


#: Where an event's keys start, and its lists' items, inside the document's `events` array.
_KEY: Final = "\n      "
_ITEM: Final = "\n        "
_CITE_KEY: Final = "\n          "
_STRING: Final = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses


def _encoded_events(timeline: Timeline) -> Iterator[str]:
    """Each event's object as `indented(item, "    ")` writes what `_events` yields, but
    written directly: a date's fields and a citation are encoded once per distinct value."""
    text, key, item = _STRING, _KEY, _ITEM
    dates: dict[int, str] = {}  # id() is safe: the timeline keeps every When and Citation alive
    citations: dict[int, str] = {}

    def optional(value: str | None) -> str:
        return "null" if value is None else text(value)

    def strings(values: tuple[str, ...]) -> str:
        if not values:
            return "[]"
        return f"[{item}" + f",{item}".join(map(text, values)) + f"{key}]"

    for event in timeline:
        when = event.when
        dated = dates.get(id(when))
        if dated is None:
            dated = dates[id(when)] = "".join(
                f',{key}"{name}": {optional(value)}' for name, value in _dated(when).items()
            )
        cited = []
        for citation in event.cite:
            encoded = citations.get(id(citation))
            if encoded is None:
                encoded = citations[id(citation)] = (
                    f'{{{_CITE_KEY}"source": {text(citation.source)},'
                    f'{_CITE_KEY}"quote": {optional(citation.quote)},'
                    f'{_CITE_KEY}"note": {optional(citation.note)},'
                    f'{_CITE_KEY}"recorded": {optional(_day(citation.recorded))}{item}}}'
                )
            cited.append(encoded)
        effect = event.effect
        yield (
            f'{{{key}"id": {text(event.id)},{key}"title": {text(event.title)}{dated},'
            f'{key}"said": {optional(event.said)},{key}"summary": {optional(event.summary)},'
            f'{key}"actors": {strings(event.actors)},{key}"tags": {strings(event.tags)},'
            f'{key}"policy": {optional(event.policy)},'
            f'{key}"effect": {"null" if effect is None else text(effect.value)},'
            f'{key}"provision": {optional(event.provision)},'
            f'{key}"place": {optional(event.place)},{key}"url": {optional(event.url)},'
            f'{key}"recorded": {optional(_day(event.recorded))},'
            f'{key}"citations": [{item}' + f",{item}".join(cited) + f"{key}]\n    }}"
        )


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _dated(when: When) -> dict[str, Any]:
    """An event's date fields as the export writes them: as written, then derived."""
    earliest, latest = bounds(when)
    return {
        "when": str(when),
        "tz": when.tz,
        "earliest": earliest,
        "latest": latest,
        "precision": str(when.precision),
        "qualifier": qualifier(when),
        "label": when.label,
    }


def bounds(when: When) -> tuple[str | None, str | None]:
    """The inclusive bounds in ISO 8601: dates, or instants with their UTC offset."""
    low = when.start_instant or when.earliest
    high = when.end_instant or when.latest
    return (None if low is None else low.isoformat(), None if high is None else high.isoformat())


def qualifier(when: When) -> str | None:
    """The qualifier's name, or None for a value the source states plainly."""
    return _QUALIFIERS[when.qualifier]


def _settings(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = CONVERTER.unstructure(settings)
    data["feeds"] = _feeds(settings.feeds)
    if settings.locale is None:  # written only when set: exports without one are as before
        del data["locale"]
    return data


def _feeds(feeds: Mapping[str, Feed]) -> dict[str, Any]:
    """Named feeds in the shape of `[feeds.NAME]` in timeline.toml, lists always as lists."""
    out: dict[str, Any] = {}
    for name, feed in feeds.items():
        criteria = feed.filter
        out[name] = {
            "title": feed.title,
            "description": feed.description,
            "from": None if criteria.start is None else str(criteria.start),
            "to": None if criteria.end is None else str(criteria.end),
            "tag": list(criteria.tags),
            "actor": list(criteria.actors),
            "policy": list(criteria.policies),
            "jurisdiction": list(criteria.jurisdictions),
            "place": list(criteria.places),
            "text": criteria.text,
        }
    return out


# -- policy status -----------------------------------------------------------------------------


def render_status(statuses: Mapping[str, Status], as_of: dt.date) -> str:
    """`timeline status --format json`: the schema is in docs/policies.md."""
    return json.dumps(dump_status(statuses, as_of), ensure_ascii=False, indent=2) + "\n"


def dump_status(statuses: Mapping[str, Status], as_of: dt.date) -> dict[str, Any]:
    """Every policy's answer on `as_of` as plain JSON data."""
    return {"as_of": as_of.isoformat(), "policies": [_status(s) for s in statuses.values()]}


def _status(answer: Status) -> dict[str, Any]:
    return {
        "policy": answer.policy.id,
        "title": answer.policy.title,
        "jurisdiction": answer.policy.jurisdiction,
        "targets": list(answer.policy.targets),
        "as_of": answer.as_of.isoformat(),
        "certain": answer.certain,
        "phase": None if answer.phase is None else answer.phase.value,
        "in_force": answer.in_force,
        "binds": answer.binds,
        "label": answer.label,
        "state": None if answer.state is None else state_data(answer.state),
        "possible": [state_data(s) for s in answer.possible],
        "reason": answer.reason,
        "pending": [e.id for e in answer.pending],
        "provisions": [
            {
                "id": p.provision.id,
                "title": p.provision.title,
                "applies": p.applies,
                "label": p.label,
                "since": event_ref(p.since),
                "next": step_ref(p.next),
            }
            for p in answer.provisions
        ],
        "next": step_ref(answer.next),
        "scheduled": [step_ref(step) for step in answer.scheduled],
    }


def state_data(state: State) -> dict[str, Any]:
    """A policy's state as JSON: phase, whether it is in force and binds, and its events."""
    return {
        "phase": state.phase.value,
        "in_force": state.in_force,
        "binds": state.binds,
        "label": state.label,
        "since": event_ref(state.since),
        "change": event_ref(state.change),
        "amendment": event_ref(state.amendment),
        "applying": [e.provision for e in state.applying],
    }


def event_ref(event: Event | None) -> dict[str, Any] | None:
    """An event as a status names it: id, effect, date (EDTF and label), title, provision."""
    if event is None:
        return None
    return {
        "event": event.id,
        "effect": None if event.effect is None else event.effect.value,
        "when": str(event.when),
        "label": event.when.label,
        "title": event.title,
        "provision": event.provision,
    }


def step_ref(step: Transition | None) -> dict[str, Any] | None:
    """A step as `event_ref` gives its event, with what it does in words ('text')."""
    if step is None:
        return None
    data = event_ref(step.event)
    assert data is not None
    data["text"] = step_text(step)
    return data


# -- reading -----------------------------------------------------------------------------------


def load_json(path: str | Path) -> Timeline:
    """Read a timeline exported as JSON (`timeline report --format json`, a site's timeline.json).

    Every cross-record check runs but the quote checks, since an export does not carry its
    sources' texts (they were checked when the data folder was loaded).

    Raises:
        DataError: listing every problem, each with the file and the JSON path
            (e.g. `events[3].when`).
    """
    target = Path(path)
    shown = str(target)
    try:
        with open_regular(target) as handle:  # no size limit: an export is read whole
            data = handle.read()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise DataError([Problem(path=shown, message=message)]) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = encoding_hint(data, shown)
        message = f"not UTF-8: {hint}" if hint else "not UTF-8"
        raise DataError([Problem(path=shown, message=message)]) from error
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
    except ValueError:  # an integer past Python's int-string limit
        raise DataError([number_problem(text, path)]) from None
    if not isinstance(document, dict):
        raise DataError([Problem(path=path, message="expected a JSON object, the timeline export")])
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        message = (
            f"not a timeline export: expected format {FORMAT!r} version {VERSION}, "
            f"got {document.get('format')!r} version {document.get('version')!r}"
        )
        raise DataError([Problem(path=path, key="format", message=message)])
    problems = [
        Problem(
            path=path,
            key=key,
            message=f"unknown key{did_you_mean(key, _TOP)}; expected {', '.join(sorted(_TOP))}",
        )
        for key in sorted(set(document) - _TOP)
    ]
    settings = _read_settings(document.get("settings", {}), path, problems)
    located: list[Located] = []
    shared = Shared()
    for array, kind in _ARRAYS.items():
        records = document.get(array, [])
        if not isinstance(records, list):
            problems.append(Problem(path=path, key=array, message="expected an array of records"))
            continue
        for index, raw in enumerate(records):
            key = f"{array}[{index}]"
            item = structure_record(
                kind,
                _as_written(raw, kind),
                key,
                path,
                None,
                {},
                problems,
                shared=shared,
                converter=CONVERTER,
            )
            if item is not None:
                located.append(item)
    problems += validate(located, project_root=None, shared=shared)
    problems += days_in_zone(located, settings.zone)
    if problems:
        raise DataError(problems)
    return assemble(located, settings)


def _as_written(raw: object, kind: str) -> object:
    """An exported record as a person would write it: no nulls or empty lists, no derived fields."""
    if not isinstance(raw, dict):
        return raw
    record = as_written(raw, "citations")
    if kind == "event":
        for key in _DERIVED:
            record.pop(key, None)
    return record


def _read_settings(raw: object, path: str, problems: list[Problem]) -> Settings:
    if not isinstance(raw, dict):
        problems.append(Problem(path=path, key="settings", message="expected an object"))
        return Settings()
    written = {k: v for k, v in raw.items() if v is not None}
    feeds = written.get("feeds")
    if isinstance(feeds, dict):
        written["feeds"] = {
            name: {k: v for k, v in spec.items() if v is not None and v != []}
            if isinstance(spec, dict)
            else spec
            for name, spec in feeds.items()
        }
    return structure_settings(written, shown=path, problems=problems, prefix="settings.")
