"""Raw records → model records, every problem located: the step every reader shares.

A reader (TOML, JSON Lines, a JSON export, any format added later) turns its file into
plain dicts and hands each to `structure_record` with where it was written; what comes back
is a `Located` record, or nothing and the record's problems appended to the list. Readers
never build records themselves, so every format refuses exactly the same things with the
same words.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple

import attrs
import cattrs
import cattrs.gen
import msgspec
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from timeline._model import (
    Actor,
    ActorKind,
    Citation,
    Effect,
    Event,
    Place,
    Policy,
    Settings,
    Source,
    not_a_date,
    not_one_of,
    to_day,
    wrong_type,
)
from timeline._text import MAX_TEXT, VALUE_CONTROL, did_you_mean
from timeline._timeline import Timeline
from timeline._when import When, zone_problem
from timeline.errors import InvalidFieldError, Problem, TimelineError, WhenError

__all__ = [
    "CONVERTER",
    "KINDS",
    "CitationFields",
    "EventFields",
    "NO_LINES",
    "Shared",
    "Located",
    "as_written",
    "assemble",
    "event_of",
    "flatten",
    "line_of",
    "located_records",
    "make_converter",
    "make_event",
    "message",
    "number_problem",
    "screen_event",
    "structure_record",
    "unknown_kind",
]

#: Record kinds, in the order a reader meets them, and the class each becomes.
KINDS: Final[Mapping[str, type]] = {
    "source": Source,
    "actor": Actor,
    "place": Place,
    "policy": Policy,
    "event": Event,
}

_CACHE_SIZE: Final = 1 << 20


@attrs.define
class Shared:
    """What the records of one load share: equal citations and equal dates are one object;
    and which records were refused, so the checks across records do not report them again.

    Records cite the same few sources the same way again and again, and repeat dates; a
    frozen value can be shared, which saves the memory and the work of building each again.
    One per load, dropped with it.
    """

    citations: dict[Hashable, Citation] = attrs.field(factory=dict)
    #: (when, tz) as written → its value: parsed once per load, one object however often used.
    whens: dict[tuple[str, str | None], When] = attrs.field(factory=dict)

    #: (kind, id) of each record refused for its own problems: a reference to one is not
    #: "unknown", it is broken, and was reported where it is written.
    refused: set[tuple[str, str]] = attrs.field(factory=set)
    #: Policies one of whose events was refused: their lifecycle is not checked without it.
    unsettled: set[str] = attrs.field(factory=set)
    #: Told how many bytes of the file being read its reader has got through, for a progress
    #: bar (a reader that reads in blocks tells it after each); None when nobody asks.
    reading: Callable[[int], object] | None = None

    def citation(
        self,
        source: str,
        quote: str | None,
        note: str | None,
        recorded: object = None,
        *,
        key: Hashable = None,
    ) -> Citation:
        """The citation of these fields, made once (its source id interned) and then shared;
        `key`, if given, stands for the fields (a reader's own hashable value of them).

        Raises:
            TimelineError, ValueError, TypeError: the model refuses the fields.
        """
        if key is None:
            key = (source, quote, note, recorded)
        found = self.citations.get(key)
        if found is None:
            found = Citation(
                source=_intern(source),
                quote=quote,
                note=note,
                recorded=recorded,  # type: ignore[arg-type]  # the model converts or refuses
            )
            if len(self.citations) < _CACHE_SIZE:
                self.citations[key] = found
        return found

    def when(self, text: str, zone: str | None) -> When:
        """The date `text` (in `zone`) parsed once per load, then the same object.

        Raises:
            TimelineError, ValueError: `text` or `zone` is refused.
            TypeError: a list or table where a string belongs (it cannot be a key).
        """
        found = self.whens.get((text, zone))
        if found is None:
            found = self.whens[text, zone] = When.parse(text, tz=zone)
        return found

    def refuse(self, kind: str, raw: Mapping[str, Any]) -> None:
        """Note the record `raw` as refused."""
        record_id, policy = raw.get("id"), raw.get("policy")
        if isinstance(record_id, str):
            self.refused.add((kind, record_id))
        if kind == "event" and isinstance(policy, str):
            self.unsettled.add(policy)


#: The line map of a record read from a format that locates by line alone (JSON Lines).
NO_LINES: Final[Mapping[str, int]] = MappingProxyType({})


class Located(NamedTuple):
    """A structured record and where it was written, so later checks can point at it.

    A named tuple: one is made per record of a load, and a tuple is built quickest.
    """

    record: Any
    kind: str
    key: str  # e.g. "event[3]" (TOML) or "event" (JSON Lines: one record a line)
    path: str
    line: int | None
    lines: Mapping[str, int] = NO_LINES  # "event[3].cite[0].quote" → line

    def problem(self, field: str, message: str, value: object = None) -> Problem:
        """A problem about `field` of this record (a dotted suffix such as 'cite[0].quote')."""
        key = f"{self.key}.{field}" if field else self.key
        return Problem(
            path=self.path,
            line=line_of(key, self.lines, self.line),
            key=key,
            message=message,
            value=value,
        )


def line_of(key: str, lines: Mapping[str, int], default: int | None) -> int | None:
    """The line of `key`, or of the nearest enclosing key the map knows ("event[3]")."""
    cuts = [m.start() for m in re.finditer(r"[.\[]", key)]
    for end in [len(key), *reversed(cuts)]:
        if key[:end] in lines:
            return lines[key[:end]]
    return default


def unknown_kind(shown: str, line: int | None, kind: str) -> Problem:
    """The problem of a record whose kind is none of `KINDS`."""
    return Problem(
        path=shown,
        line=line,
        key=kind,
        message=f"unknown record kind{did_you_mean(kind, KINDS)}; "
        f"expected one of {', '.join(KINDS)}",
    )


def located_records(timeline: Timeline, path: str) -> list[Located]:
    """The records of `timeline` other than its events, located at `path`: what a slice of
    events is checked against."""
    return [
        Located(record=record, kind=kind, key=kind, path=path, line=None)
        for kind, records in (
            ("source", timeline.sources),
            ("actor", timeline.actors),
            ("place", timeline.places),
            ("policy", timeline.policies),
        )
        for record in records.values()
    ]


def assemble(located: Iterable[Located], settings: Settings) -> Timeline:
    """The `Timeline` of records that passed every check."""
    by_kind: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    for item in located:
        by_kind[item.kind].append(item.record)
    return Timeline(
        events=by_kind["event"],
        actors=by_kind["actor"],
        places=by_kind["place"],
        policies=by_kind["policy"],
        sources=by_kind["source"],
        settings=settings,
    )


# -- numbers too long to read ----------------------------------------------------------------

_LONG_NUMBER: Final = re.compile(rf"[0-9](?:_?[0-9]){{{sys.get_int_max_str_digits()},}}", re.ASCII)


def number_problem(text: str, shown: str, line: int | None = None) -> Problem:
    """The problem of a file (or of `line`, its text) whose parser refused a number too long
    for Python to read as an integer (the int-string limit that keeps parsing fast)."""
    found = _LONG_NUMBER.search(text)
    digits = 0 if found is None else sum(c.isdigit() for c in found.group())
    if found is not None and line is None:
        line = text.count("\n", 0, found.start()) + 1
    return Problem(
        path=shown,
        line=line,
        message=f"a number of {digits:,} digits is longer than any field holds "
        f"(Python reads at most {sys.get_int_max_str_digits():,})",
    )


# -- the converter ------------------------------------------------------------------------------


def _strict(kind: type, name: str) -> Any:
    def structure(value: object, _: object) -> object:
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(wrong_type(name, value))
        if kind is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, kind):
            raise TypeError(wrong_type(name, value))
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise ValueError(f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
            bad = VALUE_CONTROL.search(value)
            if bad:
                raise ValueError(f"control character {bad.group()!r} is not allowed")
        if isinstance(value, float) and value != value:  # NaN
            raise ValueError("NaN is not a number a field can hold")
        return value

    return structure


def make_converter(**options: Any) -> cattrs.Converter:
    """A converter that refuses what the data format refuses, each with a message to act on.

    Formats with their own field names (the JSON export) start from one of these and add
    their overrides, so the checks stay the same; `options` go to `cattrs.Converter`.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, **options)
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(float, _strict(float, "a number"))

    def when(value: object, _: object) -> When:
        if isinstance(value, When):
            return value
        if not isinstance(value, str):
            raise TypeError(not_a_date(value))
        return When.parse(value)

    def sequence(value: object, kind: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise TypeError(wrong_type("a list", value))
        item_type = kind.__args__[0]
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(converter.structure(item, item_type))
            except Exception as error:  # regrouped below, with the index
                note = IterableValidationNote(f"@ index {index}", index, item_type)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
        return tuple(items)

    def choice(value: object, kind: type[enum.Enum]) -> enum.Enum:
        try:
            return kind(value)
        except ValueError:
            raise ValueError(not_one_of(kind, value)) from None

    def record(cls: type) -> Callable[[object, type], object]:
        """cattrs' structuring of an attrs class, refusing what is not a table of fields."""
        structure: Callable[[Mapping[str, Any], type], object] = cattrs.gen.make_dict_structure_fn(
            cls, converter
        )

        def checked(value: object, kind: type) -> object:
            if not isinstance(value, dict):
                raise TypeError(f"expected a table of fields, got {value!r:.60}")
            return structure(value, kind)

        return checked

    converter.register_structure_hook_factory(attrs.has, record)
    converter.register_structure_hook(When, when)
    converter.register_structure_hook(dt.date, lambda value, _: to_day(value))
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    for kind in (Effect, ActorKind):
        converter.register_structure_hook(kind, choice)
    converter.register_structure_hook_func(
        lambda t: getattr(t, "__origin__", None) is tuple, sequence
    )
    return converter


#: The converter of the data folder's formats (TOML, JSON Lines).
CONVERTER: Final = make_converter()

#: Valid values for required fields that failed, so the other fields can still be checked.
_STAND_INS: Final[Mapping[str, object]] = MappingProxyType(
    {
        "id": "x",
        "title": "x",
        "name": "x",
        "source": "x",
        "when": When.parse("2000"),
        "cite": [{"source": "x"}],
    }
)


# -- structuring one record ---------------------------------------------------------------------


def structure_record(
    kind: str,
    raw: object,
    key: str,
    shown: str,
    line: int | None,
    lines: Mapping[str, int],
    problems: list[Problem],
    *,
    shared: Shared | None = None,
    clean: bool = False,
    converter: cattrs.Converter = CONVERTER,
) -> Located | None:
    """The record `raw` describes, located; or None, with every problem in it appended.

    `clean` says the caller saw the text `raw` came from and no string in it can hold a
    refused character or be too long; `shared` holds what the records of one load share.
    A different `converter` reads a format with field names of its own.
    """
    if kind == "event" and converter is CONVERTER and type(raw) is dict:
        event = screen_event(raw, Shared() if shared is None else shared, clean)
        if event is not None:
            return Located(record=event, kind=kind, key=key, path=shown, line=line, lines=lines)
    here = Located(record=None, kind=kind, key=key, path=shown, line=line, lines=lines)
    if not isinstance(raw, dict):
        problems.append(here.problem("", f"expected a table of fields, got {raw!r:.60}"))
        return None
    fields = dict(raw)
    found: list[Problem] = []
    if kind == "event":  # `tz` qualifies `when`; a stand-in `when` if it fails, so the
        zone = fields.pop("tz", None)  # other fields are checked too
        if "when" in fields:
            fields["when"] = _event_when(fields["when"], zone, here, found)
    cls = KINDS[kind]
    record: object = None
    # cattrs stops at wrong types before any validator runs, and attrs stops at the first
    # failing validator; so set aside the fields that failed and try again, until the rest
    # of the record is clean, to report every problem in one go.
    for _ in range(len(fields) + 1):
        try:
            record = converter.structure(fields, cls)
            break
        except (ClassValidationError, IterableValidationError) as group:
            failed = set()
            for path, inner in flatten(group, ""):
                problem = here.problem(path.lstrip("."), message(inner, path), _value_at(raw, path))
                if problem not in found:
                    found.append(problem)
                failed.add(re.split(r"[.\[]", path.lstrip("."), maxsplit=1)[0])
            if not failed & fields.keys():
                break
            for name in failed & fields.keys():
                if name in _STAND_INS:
                    fields[name] = _STAND_INS[name]
                else:
                    del fields[name]
        except (TypeError, ValueError) as error:
            found.append(here.problem("", str(error)))
            break
    problems += _without_meant(found)
    if found:
        if shared is not None:
            shared.refuse(kind, raw)
        return None
    return here._replace(record=record)


def _event_when(value: object, zone: object, here: Located, found: list[Problem]) -> When:
    """The event's `when` read in its `tz`, each problem under the key that holds it; a
    stand-in date when either is wrong."""
    stand_in = When.parse("2000")
    tz = zone if isinstance(zone, str) else None
    if zone is not None:
        problem = (
            zone_problem(zone)
            if isinstance(zone, str)
            else f"expected an IANA zone name such as 'Asia/Shanghai', got {zone!r:.60}"
        )
        if problem is not None:
            found.append(here.problem("tz", problem, zone))
            tz = None
            if isinstance(value, str) and _is_local_time(value):
                return stand_in  # its zone is the problem, reported above
    if not isinstance(value, str):
        found.append(here.problem("when", not_a_date(value), value))
        return stand_in
    try:
        return When.parse(value, tz=tz)
    except WhenError as error:
        if tz is not None and _is_valid(value):
            found.append(
                here.problem(
                    "tz",
                    f"a zone ({tz!r}) only goes with a local time of day in `when`, such as "
                    "2025-10-15T09:00; remove `tz` or give `when` a time",
                    zone,
                )
            )
        else:
            found.append(here.problem("when", str(error), value))
        return stand_in


def _is_local_time(value: str) -> bool:
    """Whether `value` writes a time of day with no offset (one that needs `tz`)."""
    return bool(re.search(r"T\d{2}:\d{2}(?::\d{2})?(?:/|$)", value))


def _is_valid(value: str) -> bool:
    try:
        When.parse(value)
    except WhenError:
        return False
    return True


def _without_meant(found: list[Problem]) -> list[Problem]:
    """`found` less "missing required field" for a field an unknown one was taken to mean:
    `titel` for `title` is one mistake, told once."""
    meant = {
        p.key.rsplit(".", 1)[0] + "." + m
        for p in found
        for m in re.findall(r"\(did you mean '([a-z]+)'\?\)", p.message)
        if p.message.startswith("unknown field")
    }
    return [p for p in found if not (p.message == "missing required field" and p.key in meant)]


def flatten(error: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    """Each failure inside cattrs' grouped errors, with the key path it happened at."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                yield from flatten(inner, f"{path}.{note.name}")
            elif isinstance(note, IterableValidationNote):
                yield from flatten(inner, f"{path}[{note.index}]")
            else:
                yield from flatten(inner, path)
        for inner in without:
            yield from flatten(inner, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        for name in sorted(error.extra_fields):
            yield f"{path}.{name}", error
    elif isinstance(error, InvalidFieldError):
        yield f"{path}.{error.field}", error
    else:
        yield path, error


def message(error: BaseException, path: str = "") -> str:
    """What to tell the user about one failure `flatten` found at `path`."""
    if isinstance(error, ForbiddenExtraKeysError):
        names = [a.name for a in attrs.fields(error.cl) if a.init]
        hint = did_you_mean(path.rsplit(".", 1)[-1], names)
        return f"unknown field{hint}; {error.cl.__name__.lower()} fields are: {', '.join(names)}"
    if isinstance(error, KeyError):
        return "missing required field"
    if isinstance(error, InvalidFieldError):
        return error.reason
    return str(error) or type(error).__name__


def _value_at(raw: Mapping[str, Any], path: str) -> object:
    value: Any = raw
    for step in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path):
        name, index = step
        try:
            value = value[int(index)] if index else value[name]
        except (KeyError, IndexError, TypeError):
            return None
    return value


# -- the screen in front of the constructors ----------------------------------------------------
#
# cattrs costs tens of microseconds an event, too much for a million of them. A well-formed
# event (the common case) passes a cheap type screen and is built by the model's own
# constructors, which run every validator; anything else, and any constructor's refusal,
# goes the cattrs way above, which reports every problem with its usual message. The screen
# is a msgspec schema of the fields as a data file writes them: msgspec checks it in C,
# from a dict (`msgspec.convert`) or straight from a JSON Lines line's bytes.


class CitationFields(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True):
    """A citation's fields as a data file writes them, each of its plain type; hashable, so
    that it finds the load's shared `Citation` of equal fields itself."""

    source: str
    quote: str | None = None
    note: str | None = None
    recorded: str | None = None


class EventFields(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """An event's fields as a data file writes them, each of its plain type: the model's
    fields (`tests/test_load.py` holds the two to the same names) and `tz`."""

    id: str
    title: str
    when: str
    tz: str | None = None
    said: str | None = None
    summary: str | None = None
    actors: list[str] = msgspec.field(default_factory=list)
    place: str | None = None
    policy: str | None = None
    effect: str | None = None
    provision: str | None = None
    tags: list[str] = msgspec.field(default_factory=list)
    url: str | None = None
    cite: list[CitationFields]
    recorded: str | None = None


_EFFECTS: Final = {effect.value: effect for effect in Effect}
_intern: Final = sys.intern  # ids repeated across records: one shared copy instead of one a record
_convert: Final = msgspec.convert
_Refused: Final = msgspec.ValidationError


def screen_event(raw: dict[str, Any], shared: Shared, clean: bool) -> Event | None:
    """The event `raw` describes when every field has its plain type and the model accepts
    it; None when anything needs the full structuring path's checks and messages.
    """
    try:
        fields = _convert(raw, EventFields)
    except _Refused:
        return None
    return event_of(fields, shared, clean)


def event_of(fields: EventFields, shared: Shared, clean: bool) -> Event | None:
    """The event of screened fields, built by the model's constructors; None when the model
    refuses it or a string needs checking (`clean` false: the caller has not seen that no
    string holds a refused character or is too long) and fails."""
    cite, written = fields.cite, fields.effect
    if not cite:
        return None
    effect = None if written is None else _EFFECTS.get(written)
    if effect is None and written is not None:
        return None
    if not clean and not _plain_texts(fields):
        return None
    shared_citations, shared_whens = shared.citations.get, shared.whens.get
    try:
        cited = [
            shared_citations(c) or shared.citation(c.source, c.quote, c.note, c.recorded, key=c)
            for c in cite
        ]
        when = shared_whens((fields.when, fields.tz)) or shared.when(fields.when, fields.tz)
        return make_event(
            fields.id,
            fields.title,
            when,
            fields.said,
            fields.summary,
            fields.actors,
            fields.place,
            fields.policy,
            effect,
            fields.tags,
            fields.url,
            cited,
            fields.provision,
            fields.recorded,
        )
    except (TimelineError, TypeError, ValueError):
        return None


def make_event(
    id_: str,
    title: str,
    when: When,
    said: str | None,
    summary: str | None,
    actors: list[str] | None,
    place: str | None,
    policy: str | None,
    effect: Effect | None,
    tags: list[str] | None,
    url: str | None,
    cite: list[Citation],
    provision: str | None = None,
    recorded: dt.date | str | None = None,
) -> Event:
    """The event of fields a fast path has screened, built by the model's constructor (every
    validator runs), with the ids it names interned: one shared copy instead of one a record.

    Raises:
        TimelineError, ValueError, TypeError: the model refuses a field.
    """
    return Event(
        id=id_,
        title=title,
        when=when,
        said=said,
        summary=summary,
        actors=tuple(map(_intern, actors)) if actors else (),
        place=None if place is None else _intern(place),
        policy=None if policy is None else _intern(policy),
        effect=effect,
        tags=tuple(map(_intern, tags)) if tags else (),
        url=url,
        cite=tuple(cite),
        provision=None if provision is None else _intern(provision),
        recorded=recorded,
    )


def as_written(record: Mapping[str, Any], cite: str = "cite") -> dict[str, Any]:
    """A record as a person would write it, from a format that spells out every field:
    no nulls, no empty lists, and no null fields in the citations under `cite`."""
    out = {k: v for k, v in record.items() if v is not None and v != []}
    citations = out.get(cite)
    if isinstance(citations, list):
        out[cite] = [
            {k: v for k, v in c.items() if v is not None} if isinstance(c, dict) else c
            for c in citations
        ]
    return out


def _plain_texts(fields: EventFields) -> bool:
    """Whether no string of `fields` (their lists and citations included) is too long or
    holds a character `VALUE_CONTROL` refuses."""
    texts = [v for v in msgspec.structs.astuple(fields) if type(v) is str]
    texts += fields.actors
    texts += fields.tags
    for c in fields.cite:
        texts += (v for v in msgspec.structs.astuple(c) if v is not None)
    return max(map(len, texts), default=0) <= MAX_TEXT and not VALUE_CONTROL.search(" ".join(texts))
