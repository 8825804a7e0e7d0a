"""The records a timeline is made of, and `Timeline`, the validated collection.

The model knows nothing about files or formats: `timeline.load` builds it, exporters read it.
`timeline._timeline.Timeline` is the validated collection of these records.
Every class is frozen; change a record with `attrs.evolve`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import zoneinfo
from collections.abc import Mapping
from typing import Any, Final

import attrs

from timeline._query import Filter
from timeline._text import SLUG, URL
from timeline._when import When
from timeline.errors import InvalidFieldError

__all__ = [
    "Actor",
    "ActorKind",
    "Citation",
    "Effect",
    "Event",
    "Feed",
    "Place",
    "Policy",
    "Provision",
    "Settings",
    "Source",
]


def _slug(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not SLUG.fullmatch(value):
        raise InvalidFieldError(
            attribute.name,
            f"{value!r} is not a valid id: use lowercase letters, digits and - _ . "
            "between them, e.g. 'xi-april-ai-pledge'",
        )


#: Slugs one a line: a whole list of ids checked in one match, for the common, valid case.
_SLUG_LINES: Final = re.compile(rf"{SLUG.pattern}(?:\n{SLUG.pattern})*")


def _slugs(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        return
    if not _SLUG_LINES.fullmatch("\n".join(value)):  # a TypeError for an item not a str
        for item in value:
            _slug(instance, attribute, item)  # names the first bad one
    if len(value) > 1 and len(set(value)) != len(value):
        raise InvalidFieldError(
            attribute.name, f"lists {sorted(v for v in set(value) if value.count(v) > 1)} twice"
        )


def _text(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise InvalidFieldError(attribute.name, "must not be empty")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _url(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not URL.fullmatch(value):
        raise InvalidFieldError(attribute.name, f"{value!r} is not an http(s) URL")


class Effect(enum.StrEnum):
    """How an event changes the policy it belongs to, in the order a measure goes through them.

    `adopted` is the measure being made (a final rule, a signed act); `effective` its entry
    into force; `applies` and `ceases` a named provision starting or stopping to apply.
    `enacted` is the older word for `adopted`: when no `effective` follows it, it also puts
    the policy in force that day. docs/policies.md maps each to what trackers record.
    """

    PROPOSED = "proposed"
    ANNOUNCED = "announced"
    ADOPTED = "adopted"
    ENACTED = "enacted"
    EFFECTIVE = "effective"
    APPLIES = "applies"
    CEASES = "ceases"
    TIGHTENED = "tightened"
    LOOSENED = "loosened"
    SUSPENDED = "suspended"
    REINSTATED = "reinstated"
    RESCINDED = "rescinded"
    EXPIRED = "expired"


#: The effects that start or stop one provision of a policy (an event's `provision`).
_PROVISION_STEPS: Final = frozenset({Effect.APPLIES, Effect.CEASES})


class ActorKind(enum.StrEnum):
    """What sort of actor a record describes."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COMPANY = "company"
    GOVERNMENT = "government"
    AGENCY = "agency"
    COUNTRY = "country"
    GROUP = "group"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Source:
    """A document events cite; `file` (relative to the project root) holds its text."""

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    publisher: str | None = None
    author: str | None = None
    published: When | None = None
    url: str | None = attrs.field(default=None, validator=_url)
    file: str | None = None
    language: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Actor:
    """A person, company, government or other party that does things in events."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    kind: ActorKind = ActorKind.OTHER
    country: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    url: str | None = attrs.field(default=None, validator=_url)


@attrs.frozen(kw_only=True)
class Place:
    """Where an event happened."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    country: str | None = None
    region: str | None = None
    latitude: float | None = attrs.field(default=None)
    longitude: float | None = attrs.field(default=None)

    @latitude.validator
    def _check_latitude(self, attribute: attrs.Attribute[Any], value: float | None) -> None:
        if value is not None and not -90 <= value <= 90:
            raise InvalidFieldError(attribute.name, f"{value!r} is not a latitude (-90 to 90)")

    @longitude.validator
    def _check_longitude(self, attribute: attrs.Attribute[Any], value: float | None) -> None:
        if value is not None and not -180 <= value <= 180:
            raise InvalidFieldError(attribute.name, f"{value!r} is not a longitude (-180 to 180)")


def _unique_ids(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    first: dict[str, int] = {}
    for n, item in enumerate(value):
        seen = first.setdefault(item.id, n)
        if seen != n:
            raise InvalidFieldError(
                f"{attribute.name}[{n}].id",
                f"{item.id!r} is the id of {attribute.name}[{seen}] too; give each its own",
            )


@attrs.frozen(kw_only=True)
class Provision:
    """A named part of a policy that starts (and may stop) applying on its own date.

    The EU AI Act entered into force on 1 August 2024, but its prohibitions apply from
    2 February 2025: events with `effect = "applies"` and `provision = "prohibitions"`.

    >>> Provision(id="prohibitions", title="prohibited AI practices").title
    'prohibited AI practices'
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    summary: str | None = None


@attrs.frozen(kw_only=True)
class Policy:
    """Something that can be in force or not; events with an `effect` change it.

    `provisions` are its named parts (phases), each applying from its own date.
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    jurisdiction: str | None = None
    targets: tuple[str, ...] = ()
    summary: str | None = None
    amends: str | None = None
    replaces: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    url: str | None = attrs.field(default=None, validator=_url)
    provisions: tuple[Provision, ...] = attrs.field(default=(), validator=_unique_ids)

    def provision(self, provision_id: str) -> Provision | None:
        """The provision with this id, or None."""
        return next((p for p in self.provisions if p.id == provision_id), None)


@attrs.frozen(kw_only=True)
class Citation:
    """Where an event comes from: a source and, when the source has a file, its exact words."""

    source: str = attrs.field(validator=_slug)
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, dated as precisely as its sources allow.

    >>> e = Event(
    ...     id="xi-april-ai-pledge",
    ...     title="Xi Jinping pledges policy support for AI",
    ...     when=When.parse("2025-04"),
    ...     said="In April",
    ...     cite=(Citation(source="npr"),),
    ... )
    >>> e.when.label, e.said
    ('April 2025', 'In April')
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    when: When
    said: str | None = None
    summary: str | None = None
    actors: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    place: str | None = None
    policy: str | None = None
    effect: Effect | None = attrs.field(default=None)
    provision: str | None = attrs.field(default=None)
    tags: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    url: str | None = attrs.field(default=None, validator=_url)
    cite: tuple[Citation, ...] = attrs.field(default=())

    @cite.validator
    def _check_cite(self, attribute: attrs.Attribute[Any], value: tuple[Citation, ...]) -> None:
        if not value:
            raise InvalidFieldError(
                attribute.name, "every event cites at least one source ([[event.cite]])"
            )

    @effect.validator
    def _check_effect(self, attribute: attrs.Attribute[Any], value: Effect | None) -> None:
        if value is not None and self.policy is None:
            raise InvalidFieldError(
                attribute.name, f"effect {value.value!r} needs the event's `policy`"
            )
        if value in _PROVISION_STEPS and self.provision is None:
            raise InvalidFieldError(
                attribute.name,
                f"effect {value.value!r} names the provision it is about: add "
                'provision = "ID", one of the policy\'s [[policy.provisions]]',
            )

    @provision.validator
    def _check_provision(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is None:
            return
        _slug(self, attribute, value)
        if self.policy is None:
            raise InvalidFieldError(
                attribute.name, f"provision {value!r} needs the event's `policy`"
            )
        if self.effect is not None and self.effect not in _PROVISION_STEPS:
            raise InvalidFieldError(
                attribute.name,
                f"a provision goes with effect 'applies' or 'ceases', not "
                f"{self.effect.value!r}; drop `provision` or make the effect 'applies'",
            )


@attrs.frozen(kw_only=True)
class Feed:
    """A named subset of the timeline published as a calendar of its own (`[feeds.NAME]`)."""

    name: str = attrs.field(validator=_slug)
    title: str | None = None
    description: str | None = None
    filter: Filter = attrs.field(factory=Filter)


@attrs.frozen(kw_only=True)
class Settings:
    """A data folder's `timeline.toml`: names, the UID domain, the default zone and feeds."""

    name: str = "Timeline"
    description: str | None = None
    domain: str = "timeline.invalid"
    timezone: str = attrs.field(default="UTC")
    refresh: str = "P1D"
    feeds: Mapping[str, Feed] = attrs.field(factory=dict)

    @timezone.validator
    def _check_timezone(self, attribute: attrs.Attribute[Any], value: str) -> None:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise InvalidFieldError(
                attribute.name, f"{value!r} is not a known IANA time zone"
            ) from error

    @property
    def zone(self) -> dt.tzinfo:
        """The zone in which a date stands for its whole day."""
        return zoneinfo.ZoneInfo(self.timezone)
