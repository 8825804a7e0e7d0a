"""The records a timeline is made of, and `Timeline`, the validated collection.

The model knows nothing about files or formats: `timeline.load` builds it, exporters read it.
`timeline._timeline.Timeline` is the validated collection of these records.
Every class is frozen; change a record with `attrs.evolve`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs

from timeline._endpoint import iana_zone, zone_problem
from timeline._locale import locale_problem
from timeline._query import Filter
from timeline._text import SLUG, URL, did_you_mean
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
    "not_a_date",
    "not_a_day",
    "not_one_of",
    "to_day",
    "wrong_type",
]

_E = TypeVar("_E", bound=enum.Enum)


# -- what each field accepts ---------------------------------------------------------------------
#
# Every field is converted (a date string to a `When`, a list to a tuple, an enum's value to
# its member) or checked at construction, so a record built in code is refused with the words
# `timeline check` uses for the same value in a file, naming the field, and never fails later
# in a report. The loaders locate each `InvalidFieldError` at its key path. These run for
# every record a load builds, so the common case costs a type test or a set lookup.


def wrong_type(expected: str, value: object) -> str:
    """What a value of the wrong type is told, from a data file and from code alike."""
    if isinstance(value, bool):
        return f"expected {expected}, got true/false"
    return f"expected {expected}, got {type(value).__name__} {value!r:.60}"


def not_a_date(value: object) -> str:
    """What a `when` that is not a string is told."""
    return f"expected an EDTF date string such as '2025-04', got {value!r:.60}"


def not_one_of(kind: type[enum.Enum], value: object) -> str:
    """What a value outside an enumeration (an effect, an actor kind) is told."""
    allowed = [str(member.value) for member in kind]
    listed = ", ".join(map(repr, allowed))
    return f"{value!r:.60} is not one of {listed}{did_you_mean(value, allowed)}"


#: Ids that other records refer to (actors, tags, places, policies, sources) repeat across
#: records; each found valid once is remembered, so the next record checks it by a lookup.
_VALID_IDS: Final[set[str]] = set()
_VALID_IDS_LIMIT: Final = 1 << 16


def _id_problem(value: object) -> str:
    if not isinstance(value, str):
        return wrong_type("a string", value)
    return (
        f"{value!r} is not a valid id: use lowercase letters, digits and - _ . "
        "between them, e.g. 'xi-april-ai-pledge'"
    )


def _slug(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if type(value) is not str or not SLUG.fullmatch(value):
        raise InvalidFieldError(attribute.name, _id_problem(value))


def _remember(value: str) -> None:
    if len(_VALID_IDS) < _VALID_IDS_LIMIT:
        _VALID_IDS.add(value)


def _ref(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """An id naming another record (a citation's source)."""
    if type(value) is str and value in _VALID_IDS:
        return
    _slug(instance, attribute, value)
    _remember(value)


def _optional_ref(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """An id naming another record, or nothing (an event's place or policy)."""
    if value is None or (type(value) is str and value in _VALID_IDS):
        return
    _slug(instance, attribute, value)
    _remember(value)


def _slugs(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if type(value) is not tuple:
        raise InvalidFieldError(attribute.name, wrong_type("a list", value))
    if not value:
        return
    try:
        known = _VALID_IDS.issuperset(value)
    except TypeError:  # an item that is no string, named below
        known = False
    if not known:
        for n, item in enumerate(value):
            if type(item) is not str or not SLUG.fullmatch(item):
                raise InvalidFieldError(f"{attribute.name}[{n}]", _id_problem(item))
        for item in value:
            _remember(item)
    if len(value) > 1 and len(set(value)) != len(value):
        raise InvalidFieldError(
            attribute.name, f"lists {sorted(v for v in set(value) if value.count(v) > 1)} twice"
        )


def _strings(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if type(value) is not tuple:
        raise InvalidFieldError(attribute.name, wrong_type("a list", value))
    for n, item in enumerate(value):
        if not isinstance(item, str):
            raise InvalidFieldError(f"{attribute.name}[{n}]", wrong_type("a string", item))


def _text(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if type(value) is not str and not isinstance(value, str):
        raise InvalidFieldError(attribute.name, wrong_type("a string", value))
    if not value or value.isspace():
        raise InvalidFieldError(attribute.name, "must not be empty")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _str(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A string, or nothing where the field is optional; any text, empty included."""
    if value is not None and type(value) is not str and not isinstance(value, str):
        raise InvalidFieldError(attribute.name, wrong_type("a string", value))


def _required_str(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidFieldError(attribute.name, wrong_type("a string", value))


def _url(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidFieldError(attribute.name, wrong_type("a string", value))
    if not URL.fullmatch(value):
        raise InvalidFieldError(attribute.name, f"{value!r} is not an http(s) URL")


def _as_tuple(value: Any) -> Any:
    """A list as a tuple; anything else as it is, for the field's check to refuse."""
    return tuple(value) if isinstance(value, list | tuple) else value


def _tuple_of_str(value: Sequence[str]) -> tuple[str, ...]:
    result: tuple[str, ...] = value if type(value) is tuple else _as_tuple(value)
    return result


def _tuple_of_citations(value: Sequence[Citation]) -> tuple[Citation, ...]:
    result: tuple[Citation, ...] = value if type(value) is tuple else _as_tuple(value)
    return result


def _to_when(field: str, value: object) -> When:
    if isinstance(value, When):
        return value
    if isinstance(value, str):
        return When.parse(value)
    raise InvalidFieldError(field, not_a_date(value))


def _event_when(value: When | str) -> When:
    return value if type(value) is When else _to_when("when", value)


def _published(value: When | str | None) -> When | None:
    return None if value is None else _to_when("published", value)


_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def not_a_day(value: object) -> str:
    """What a `recorded` that is not a day is told."""
    shown = repr(value.isoformat()) if isinstance(value, dt.datetime) else f"{value!r:.60}"
    return (
        f"{shown} is not a day: write the day the record was made as YYYY-MM-DD, e.g. '2025-12-08'"
    )


def to_day(value: object) -> dt.date:
    """A day written as YYYY-MM-DD (or a `datetime.date`, as TOML reads a bare date).

    Raises:
        TypeError: not a string or a date (a datetime is refused too).
        ValueError: a string that is not a real day in that notation.
    """
    if type(value) is dt.date:
        return value
    if not isinstance(value, str) or isinstance(value, dt.datetime):
        raise TypeError(not_a_day(value))
    try:
        if _DAY.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(not_a_day(value))


def _recorded(value: dt.date | str | None) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    try:
        return to_day(value)
    except (TypeError, ValueError) as error:
        raise InvalidFieldError("recorded", str(error)) from None


def _member(kind: type[_E], field: str, value: object) -> _E:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        raise InvalidFieldError(field, not_one_of(kind, value)) from None


def _number(value: float | None) -> float | None:
    """An integer latitude or longitude as a float; anything else as it is, to be checked."""
    if type(value) is int:
        return float(value)
    return value


def _check_number(attribute: attrs.Attribute[Any], value: object, limit: int, what: str) -> None:
    if value is None:
        return
    if type(value) is not float:
        raise InvalidFieldError(attribute.name, wrong_type("a number", value))
    if not -limit <= value <= limit:
        raise InvalidFieldError(attribute.name, f"{value!r} is not a {what} (-{limit} to {limit})")


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


def _effect(value: Effect | str | None) -> Effect | None:
    return value if value is None or type(value) is Effect else _member(Effect, "effect", value)


def _actor_kind(value: ActorKind | str) -> ActorKind:
    return value if type(value) is ActorKind else _member(ActorKind, "kind", value)


@attrs.frozen(kw_only=True)
class Source:
    """A document events cite; `file` (relative to the project root) holds its text."""

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    publisher: str | None = attrs.field(default=None, validator=_str)
    author: str | None = attrs.field(default=None, validator=_str)
    published: When | None = attrs.field(default=None, converter=_published)
    url: str | None = attrs.field(default=None, validator=_url)
    file: str | None = attrs.field(default=None, validator=_str)
    language: str | None = attrs.field(default=None, validator=_str)
    note: str | None = attrs.field(default=None, validator=_str)


@attrs.frozen(kw_only=True)
class Actor:
    """A person, company, government or other party that does things in events."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    kind: ActorKind = attrs.field(default=ActorKind.OTHER, converter=_actor_kind)
    country: str | None = attrs.field(default=None, validator=_str)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_strings)
    description: str | None = attrs.field(default=None, validator=_str)
    url: str | None = attrs.field(default=None, validator=_url)


@attrs.frozen(kw_only=True)
class Place:
    """Where an event happened."""

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    country: str | None = attrs.field(default=None, validator=_str)
    region: str | None = attrs.field(default=None, validator=_str)
    latitude: float | None = attrs.field(default=None, converter=_number)
    longitude: float | None = attrs.field(default=None, converter=_number)

    @latitude.validator
    def _check_latitude(self, attribute: attrs.Attribute[Any], value: float | None) -> None:
        _check_number(attribute, value, 90, "latitude")

    @longitude.validator
    def _check_longitude(self, attribute: attrs.Attribute[Any], value: float | None) -> None:
        _check_number(attribute, value, 180, "longitude")


def _unique_ids(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if type(value) is not tuple:
        raise InvalidFieldError(attribute.name, wrong_type("a list", value))
    first: dict[str, int] = {}
    for n, item in enumerate(value):
        if not isinstance(item, Provision):
            raise InvalidFieldError(f"{attribute.name}[{n}]", wrong_type("a Provision", item))
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
    summary: str | None = attrs.field(default=None, validator=_str)


def _tuple_of_provisions(value: Sequence[Provision]) -> tuple[Provision, ...]:
    result: tuple[Provision, ...] = value if type(value) is tuple else _as_tuple(value)
    return result


@attrs.frozen(kw_only=True)
class Policy:
    """Something that can be in force or not; events with an `effect` change it.

    `provisions` are its named parts (phases), each applying from its own date.
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    jurisdiction: str | None = attrs.field(default=None, validator=_str)
    targets: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_strings)
    summary: str | None = attrs.field(default=None, validator=_str)
    amends: str | None = attrs.field(default=None, validator=_str)
    replaces: str | None = attrs.field(default=None, validator=_str)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_slugs)
    url: str | None = attrs.field(default=None, validator=_url)
    provisions: tuple[Provision, ...] = attrs.field(
        default=(), converter=_tuple_of_provisions, validator=_unique_ids
    )

    def provision(self, provision_id: str) -> Provision | None:
        """The provision with this id, or None."""
        return next((p for p in self.provisions if p.id == provision_id), None)


@attrs.frozen(kw_only=True)
class Citation:
    """Where an event comes from: a source and, when the source has a file, its exact words.

    `recorded` is the day the citation was added to the record, when the source's
    `published` date does not say when it became known (`Timeline.known_on`).
    """

    source: str = attrs.field(validator=_ref)
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    note: str | None = attrs.field(default=None, validator=_str)
    recorded: dt.date | None = attrs.field(default=None, converter=_recorded)


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, dated as precisely as its sources allow.

    Plain values are converted: a date string becomes a `When`, lists become tuples, an
    effect's name its `Effect`. `recorded` is the day the record was made, when the dates
    its sources were published do not say when it became known (`Timeline.known_on`).

    >>> e = Event(
    ...     id="xi-april-ai-pledge",
    ...     title="Xi Jinping pledges policy support for AI",
    ...     when="2025-04",
    ...     said="In April",
    ...     cite=[Citation(source="npr")],
    ... )
    >>> e.when.label, e.said, e.cite
    ('April 2025', 'In April', (Citation(source='npr', quote=None, note=None, recorded=None),))
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    when: When = attrs.field(converter=_event_when)
    said: str | None = attrs.field(default=None, validator=_str)
    summary: str | None = attrs.field(default=None, validator=_str)
    actors: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_slugs)
    place: str | None = attrs.field(default=None, validator=_optional_ref)
    policy: str | None = attrs.field(default=None, validator=_optional_ref)
    effect: Effect | None = attrs.field(default=None, converter=_effect)
    provision: str | None = attrs.field(default=None)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_slugs)
    url: str | None = attrs.field(default=None, validator=_url)
    cite: tuple[Citation, ...] = attrs.field(default=(), converter=_tuple_of_citations)
    recorded: dt.date | None = attrs.field(default=None, converter=_recorded)

    @cite.validator
    def _check_cite(self, attribute: attrs.Attribute[Any], value: tuple[Citation, ...]) -> None:
        if type(value) is not tuple:
            raise InvalidFieldError(attribute.name, wrong_type("a list", value))
        if not value:
            raise InvalidFieldError(
                attribute.name, "every event cites at least one source ([[event.cite]])"
            )
        for item in value:
            if type(item) is not Citation and not isinstance(item, Citation):
                n = value.index(item)
                raise InvalidFieldError(f"cite[{n}]", wrong_type("a Citation", item))

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


def _filter(instance: object, attribute: attrs.Attribute[Any], value: Filter) -> None:
    if not isinstance(value, Filter):
        raise InvalidFieldError(attribute.name, wrong_type("a Filter", value))


def _feeds(instance: object, attribute: attrs.Attribute[Any], value: Mapping[str, Feed]) -> None:
    if not isinstance(value, Mapping):
        raise InvalidFieldError(attribute.name, wrong_type("a table of feeds by name", value))
    for name, feed in value.items():
        if not isinstance(feed, Feed):
            raise InvalidFieldError(f"{attribute.name}.{name}", wrong_type("a Feed", feed))


@attrs.frozen(kw_only=True)
class Feed:
    """A named subset of the timeline published as a calendar of its own (`[feeds.NAME]`)."""

    name: str = attrs.field(validator=_slug)
    title: str | None = attrs.field(default=None, validator=_str)
    description: str | None = attrs.field(default=None, validator=_str)
    filter: Filter = attrs.field(factory=Filter, validator=_filter)


@attrs.frozen(kw_only=True)
class Settings:
    """A data folder's `timeline.toml`: names, the UID domain, the default zone, feeds and the
    language of its reports."""

    name: str = attrs.field(default="Timeline", validator=_required_str)
    description: str | None = attrs.field(default=None, validator=_str)
    domain: str = attrs.field(default="timeline.invalid", validator=_required_str)
    timezone: str = attrs.field(default="UTC")
    refresh: str = attrs.field(default="P1D", validator=_required_str)
    feeds: Mapping[str, Feed] = attrs.field(factory=dict, validator=_feeds)
    #: The language of the reports, site and calendar text (`--locale`); None is English.
    locale: str | None = attrs.field(default=None)

    @locale.validator
    def _check_locale(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is None:
            return
        problem = locale_problem(value)
        if problem is not None:
            raise InvalidFieldError(attribute.name, problem)

    @timezone.validator
    def _check_timezone(self, attribute: attrs.Attribute[Any], value: str) -> None:
        if not isinstance(value, str):
            raise InvalidFieldError(attribute.name, wrong_type("a string", value))
        problem = zone_problem(value)
        if problem is not None:
            raise InvalidFieldError(attribute.name, problem)

    @property
    def zone(self) -> dt.tzinfo:
        """The zone in which a date stands for its whole day."""
        return iana_zone(self.timezone)
