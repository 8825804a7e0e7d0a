"""The JSON export: the whole timeline, lossless, in the documented shape of docs/json-schema.json.

Events come in the timeline's chronological order. Each carries its written `when` (EDTF) and
`tz`, which are what loading reads back, plus derived fields (`earliest`, `latest`,
`precision`, `qualifier`, `label`) for consumers that cannot parse EDTF; the loader
(`timeline.load_json`) recomputes those rather than trusting them. Actors, places, policies,
sources and settings ride along, so `timeline.load_json()` gives back the same timeline.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, Final

from timeline._model import Actor, Citation, Event, Feed, Place, Policy, Settings, Source, Timeline
from timeline._when import Qualifier, When

__all__ = ["FORMAT", "VERSION", "dump", "render"]

#: The document's `format` marker and schema version; a reader refuses other values.
FORMAT: Final = "timeline"
VERSION: Final = 1

_QUALIFIERS: Final = {
    Qualifier.NONE: None,
    Qualifier.APPROXIMATE: "approximate",
    Qualifier.UNCERTAIN: "uncertain",
    Qualifier.BOTH: "approximate-uncertain",
}


def render(timeline: Timeline) -> str:
    """The timeline as an indented UTF-8 JSON document, ending in a newline."""
    return json.dumps(dump(timeline), ensure_ascii=False, indent=2) + "\n"


def dump(timeline: Timeline) -> dict[str, Any]:
    """The timeline as plain JSON-ready data (dicts, lists, str, float, None)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": _settings(timeline.settings),
        "events": [_event(event) for event in timeline],
        "actors": [_actor(actor) for actor in timeline.actors.values()],
        "places": [_place(place) for place in timeline.places.values()],
        "policies": [_policy(policy) for policy in timeline.policies.values()],
        "sources": [_source(source) for source in timeline.sources.values()],
    }


def bound(value: dt.date | None) -> str | None:
    """An inclusive bound as ISO 8601: a date, or an instant with its UTC offset."""
    return None if value is None else value.isoformat()


def qualifier(when: When) -> str | None:
    """The qualifier's name, or None for a value the source states plainly."""
    return _QUALIFIERS[when.qualifier]


def _event(event: Event) -> dict[str, Any]:
    when = event.when
    return {
        "id": event.id,
        "title": event.title,
        "when": str(when),
        "tz": when.tz,
        "earliest": bound(when.earliest),
        "latest": bound(when.latest),
        "precision": str(when.precision),
        "qualifier": qualifier(when),
        "label": when.label,
        "said": event.said,
        "summary": event.summary,
        "actors": list(event.actors),
        "tags": list(event.tags),
        "policy": event.policy,
        "effect": None if event.effect is None else event.effect.value,
        "place": event.place,
        "url": event.url,
        "citations": [_citation(citation) for citation in event.cite],
    }


def _citation(citation: Citation) -> dict[str, Any]:
    return {"source": citation.source, "quote": citation.quote, "note": citation.note}


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "country": actor.country,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "url": actor.url,
    }


def _place(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "country": place.country,
        "region": place.region,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def _policy(policy: Policy) -> dict[str, Any]:
    return {
        "id": policy.id,
        "title": policy.title,
        "jurisdiction": policy.jurisdiction,
        "targets": list(policy.targets),
        "summary": policy.summary,
        "amends": policy.amends,
        "replaces": policy.replaces,
        "tags": list(policy.tags),
        "url": policy.url,
    }


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "published": None if source.published is None else str(source.published),
        "url": source.url,
        "file": source.file,
        "language": source.language,
        "note": source.note,
    }


def _settings(settings: Settings) -> dict[str, Any]:
    return {
        "name": settings.name,
        "description": settings.description,
        "domain": settings.domain,
        "timezone": settings.timezone,
        "refresh": settings.refresh,
        "feeds": _feeds(settings.feeds),
    }


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
            "text": criteria.text,
        }
    return out
