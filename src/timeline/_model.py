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
#: Lists of ids found valid (records repeat the same tags and actors): checked once each.
_VALID_SLUGS: Final[dict[tuple[str, ...], None]] = {}
_VALID_SLUGS_SIZE: Final = 1 << 16


def _slugs(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        return
    try:
        if value in _VALID_SLUGS:
            return
    except TypeError:  # an item that cannot be hashed: named below
        pass
    if not _SLUG_LINES.fullmatch("\n".join(value)):  # a TypeError for an item not a str
        for item in value:
            _slug(instance, attribute, item)  # names the first bad one
    if len(value) > 1 and len(set(value)) != len(value):
        raise InvalidFieldError(
            attribute.name, f"lists {sorted(v for v in set(value) if value.count(v) > 1)} twice"
        )
    if len(_VALID_SLUGS) < _VALID_SLUGS_SIZE and type(value) is tuple:
        _VALID_SLUGS[value] = None


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
    """How an event changes the policy it belongs to."""

    PROPOSED = "proposed"
    ANNOUNCED = "announced"
    ENACTED = "enacted"
    EFFECTIVE = "effective"
    TIGHTENED = "tightened"
    LOOSENED = "loosened"
    SUSPENDED = "suspended"
    REINSTATED = "reinstated"
    RESCINDED = "rescinded"
    EXPIRED = "expired"


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


@attrs.frozen(kw_only=True)
class Policy:
    """Something that can be in force or not; events with an `effect` change it."""

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    jurisdiction: str | None = None
    targets: tuple[str, ...] = ()
    summary: str | None = None
    amends: str | None = None
    replaces: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    url: str | None = attrs.field(default=None, validator=_url)


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
