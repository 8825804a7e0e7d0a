"""Which events a question is about: the filters every command and feed share.

A `Filter` is plain data, so the same criteria can come from the command line, a named
feed in `timeline.toml`, or code, and mean the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from timeline._when import When

if TYPE_CHECKING:
    from timeline._model import Event
    from timeline._timeline import Timeline

__all__ = ["Filter"]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _when(value: str | dt.date | When | None) -> When | None:
    if value is None or isinstance(value, When):
        return value
    if isinstance(value, dt.date):
        return When.from_date(value)
    return When.parse(value)


def _tuple(values: Sequence[str]) -> tuple[str, ...]:
    """A list as a tuple; anything else as it is, for `_strings` to refuse."""
    return tuple(values) if isinstance(values, list | tuple) else values  # type: ignore[return-value]


def _strings(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if type(value) is not tuple or not all(isinstance(item, str) for item in value):
        found = f"{type(value).__name__} {value!r:.60}"
        raise TypeError(f"{attribute.name}: expected a list of strings, got {found}")


@attrs.frozen(kw_only=True)
class Filter:
    """Criteria an event must all meet; an empty filter keeps everything.

    Each list criterion keeps events matching any of its values. A period keeps events
    that can overlap it: "2025" keeps an event dated "autumn 2025" and one "since 2015".

    >>> f = Filter.build(start="2025-04", tags=["china"])
    >>> f.start, f.tags, f.is_empty
    (When('2025-04'), ('china',), False)
    """

    start: When | None = attrs.field(default=None, converter=_when)
    end: When | None = attrs.field(default=None, converter=_when)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_strings)
    actors: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_strings)
    policies: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_strings)
    jurisdictions: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_strings)
    places: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_strings)
    text: str | None = None

    @classmethod
    def build(
        cls,
        *,
        start: str | dt.date | When | None = None,
        end: str | dt.date | When | None = None,
        tags: list[str] | tuple[str, ...] = (),
        actors: list[str] | tuple[str, ...] = (),
        policies: list[str] | tuple[str, ...] = (),
        jurisdictions: list[str] | tuple[str, ...] = (),
        places: list[str] | tuple[str, ...] = (),
        text: str | None = None,
    ) -> Filter:
        """Build a filter from strings (EDTF dates) or dates, as a user would type them.

        Raises:
            WhenError: a period bound is not valid EDTF.
        """
        return cls(
            start=_when(start),
            end=_when(end),
            tags=tuple(tags),
            actors=tuple(actors),
            policies=tuple(policies),
            jurisdictions=tuple(jurisdictions),
            places=tuple(places),
            text=text or None,
        )

    @property
    def is_empty(self) -> bool:
        """True when the filter keeps every event."""
        return self == Filter()

    def matches(self, event: Event, timeline: Timeline) -> bool:
        """Whether `event` meets every criterion; `timeline` resolves its policy's jurisdiction."""
        low, high = event.when.sort_key(timeline.settings.zone)
        if self.start is not None and high < self.start.sort_key(timeline.settings.zone)[0]:
            return False
        if self.end is not None and low > self.end.sort_key(timeline.settings.zone)[1]:
            return False
        if self.tags and not set(self.tags) & set(event.tags):
            return False
        if self.actors and not set(self.actors) & set(event.actors):
            return False
        if self.policies and event.policy not in self.policies:
            return False
        if self.places and event.place not in self.places:
            return False
        if self.jurisdictions:
            policy = timeline.policies.get(event.policy) if event.policy else None
            if policy is None or policy.jurisdiction not in self.jurisdictions:
                return False
        return self.text is None or _fold(self.text) in _searchable(event)


def _searchable(event: Event) -> str:
    quotes = [c.quote for c in event.cite if c.quote]
    parts = [event.id, event.title, event.summary or "", event.said or "", *quotes, *event.tags]
    return _fold("\n".join(parts))
