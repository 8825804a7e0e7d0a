"""A rule register: a saved Federal Register API response (`documents.json`) as policies.

Each document of `results` (or a single document, as `documents/NUMBER.json` gives one)
belongs to one policy: its regulation (the first RIN of `regulation_id_number_info` or
`regulation_id_numbers`), else its docket (the first of `docket_ids`), else itself. Each
document is a `[[source]]` with its `html_url`, and gives the policy's events, which cite
it:

- its publication, with the lifecycle step its `type` records (`EFFECTS`);
- `effective_on`: the rule takes effect;
- `comments_close_on`: the comment period closes (no change to the policy's state).

The agencies become actors of the events. An effect the policy's lifecycle does not allow
(a second final rule for a rule already in force) is left off with a warning, so what is
imported passes `timeline check`. A document without a title or a readable publication
date is skipped, saying why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from timeline._import._records import Draft
from timeline._model import Actor, ActorKind, Citation, Effect, Event, Policy, Source
from timeline._text import clean, name_id, slugify
from timeline._when import When
from timeline.errors import ImportFileError, SkippedRecordError, WhenError

__all__ = ["EFFECTS", "is_register", "read_register"]

#: Federal Register field (a document `type`, or a date field) → the lifecycle step its event
#: records (docs/policies.md). A final rule published is adopted but not yet in force: it
#: is from `effective_on`. A comment deadline binds no one, so it changes no state.
EFFECTS: Final[Mapping[str, Effect | None]] = {
    "Proposed Rule": Effect.PROPOSED,
    "Rule": Effect.ADOPTED,
    "Presidential Document": Effect.ADOPTED,
    "Notice": None,
    "effective_on": Effect.EFFECTIVE,
    "comments_close_on": None,
}
_PUBLISHED: Final = {
    "Proposed Rule": "Proposed rule published",
    "Rule": "Final rule published",
    "Presidential Document": "Presidential document published",
    "Notice": "Notice published",
}


def is_register(data: Any) -> bool:
    """Whether a JSON document looks like a Federal Register API response."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return any(isinstance(r, dict) and "document_number" in r for r in data["results"][:20])
    return isinstance(data, dict) and "document_number" in data and "publication_date" in data


def read_register(data: Any, shown: str, draft: Draft) -> None:
    """Every document of the response into `draft`: sources, policies, agencies, events."""
    if not is_register(data):
        raise ImportFileError(
            f'{shown}: not a Federal Register API response (an object whose "results" are '
            "documents with a document_number)"
        )
    results = data.get("results", [data])
    for index, document in enumerate(results):
        where = f"{shown}:results[{index}]"
        if isinstance(document, dict) and document.get("document_number"):
            where += f" ({_short(str(document['document_number']))})"
        try:
            _document(document, where, draft)
        except SkippedRecordError as skip:
            draft.skipped.append(f"{where}: {skip}")


def _document(document: Any, where: str, draft: Draft) -> None:
    if not isinstance(document, dict):
        raise SkippedRecordError("a document is an object")
    title = _text(document.get("title"))
    if not title:
        raise SkippedRecordError("it has no title")
    number = _text(document.get("document_number")) or ""
    kind = _text(document.get("type")) or "Document"
    published = _date(document, "publication_date", required=True)
    assert published is not None
    url = _text(document.get("html_url"))
    if url is not None and not url.startswith(("https://", "http://")):
        draft.warnings.append(f"{where}: html_url {url!r} is not an http(s) URL; left out")
        url = None
    action = _text(document.get("action"))
    base = slugify(f"fr {number}") if number else name_id(title, fallback="fr")
    source_id = draft.new_id("source", base)
    draft.add_source(
        Source(
            id=source_id,
            title=title,
            publisher="Federal Register",
            published=published,
            url=url,
            note="; ".join(
                bit for bit in (f"document {number}" if number else None, kind, action) if bit
            ),
        )
    )
    agencies = [draft.actor(name) for name in _agencies(document.get("agencies"))]
    for actor_id in agencies:
        actor = draft.actors.get(actor_id)
        if actor is not None and actor.kind is ActorKind.OTHER:
            draft.actors[actor_id] = _as_agency(actor)
    policy = _policy(document, title, draft)
    cite = (Citation(source=source_id, note=f"{where}"),)
    abstract = _text(document.get("abstract"))
    summary = "\n\n".join(bit for bit in (f"Action: {action}" if action else None, abstract) if bit)
    events = [
        (
            f"{_PUBLISHED.get(kind, f'{kind} published')}: {title}",
            published,
            EFFECTS.get(kind),
            "published",
            summary or None,
        ),
        (
            f"Takes effect: {title}",
            _date(document, "effective_on"),
            EFFECTS["effective_on"],
            "effective",
            None,
        ),
        (
            f"Comment period closes: {title}",
            _date(document, "comments_close_on"),
            EFFECTS["comments_close_on"],
            "comments-close",
            None,
        ),
    ]
    for event_title, when, effect, suffix, text in events:
        if when is None:
            continue
        draft.events.append(
            Event(
                id=draft.new_id("event", f"{base}-{suffix}"),
                title=event_title,
                when=when,
                summary=text,
                actors=tuple(dict.fromkeys(agencies)),
                policy=policy,
                effect=effect,
                url=url,
                cite=cite,
            )
        )


def _policy(document: Mapping[str, Any], title: str, draft: Draft) -> str:
    """The policy a document belongs to: its regulation, its docket, or itself."""
    info = document.get("regulation_id_number_info")
    rins = list(info) if isinstance(info, dict) else []
    listed = document.get("regulation_id_numbers")
    if not rins and isinstance(listed, list):
        rins = [str(rin) for rin in listed if rin]
    if rins:
        rin = str(rins[0])
        details = info.get(rin) if isinstance(info, dict) else None
        named = _text(details.get("title")) if isinstance(details, dict) else None
        return _find_or_make(draft, f"rin-{rin}", named or title, f"RIN {rin}")
    dockets = document.get("docket_ids")
    if isinstance(dockets, list) and dockets and _text(dockets[0]):
        docket = _text(dockets[0]) or ""
        number = re.sub(r"^docket\s*(?:no\.?|number|id)?\s*", "", docket, flags=re.IGNORECASE)
        return _find_or_make(draft, f"docket-{number or docket}", title, docket)
    number = _text(document.get("document_number")) or title
    return _find_or_make(draft, f"fr-{number}", title, f"document {number}")


def _find_or_make(draft: Draft, key: str, title: str, known_as: str) -> str:
    policy_id = name_id(key, fallback="policy")
    found = draft.existing.find("policy", policy_id)
    if found is not None:
        return found
    if policy_id not in draft.policies:
        draft.policies[policy_id] = Policy(
            id=policy_id, title=title, jurisdiction="US", summary=f"Federal Register: {known_as}."
        )
    return policy_id


def _agencies(value: Any) -> list[str]:
    names = []
    for agency in value if isinstance(value, list) else []:
        if isinstance(agency, dict):
            name = _text(agency.get("name")) or _text(agency.get("raw_name"))
            if name:
                names.append(name)
    return names


def _as_agency(actor: Actor) -> Actor:
    return attrs.evolve(actor, kind=ActorKind.AGENCY)


def _date(document: Mapping[str, Any], field: str, *, required: bool = False) -> When | None:
    value = document.get(field)
    if value in (None, ""):
        if required:
            raise SkippedRecordError(f"it has no {field}")
        return None
    if not isinstance(value, str):
        raise SkippedRecordError(f"{field} {value!r} is not a date")
    try:
        return When.parse(value.strip())
    except WhenError as error:
        raise SkippedRecordError(f"{field}: {error}") from None


def _text(value: Any) -> str | None:
    """A string field, stripped; what data files refuse is dropped later, with a warning."""
    if not isinstance(value, str) or not (clean(value) or "").strip():
        return None
    return value.strip()


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
