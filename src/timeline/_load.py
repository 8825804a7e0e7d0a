"""Files → records → model: read a data folder and build a validated `Timeline`.

Every problem is collected, located (file, line where the format gives it, key path) and
reported together in one `DataError`; loading never stops at the first one.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import json
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import attrs
import cattrs
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
    Feed,
    Place,
    Policy,
    Settings,
    Source,
    Timeline,
)
from timeline._query import Filter
from timeline._text import CONTROL as _CONTROL
from timeline._text import MAX_TEXT, SLUG, URL
from timeline._text import VALUE_CONTROL as _VALUE_CONTROL
from timeline._when import When
from timeline.errors import DataError, InvalidFieldError, Problem, TimelineError, WhenError

__all__ = ["KINDS", "Located", "load", "load_records", "parse_feed"]

#: Record kinds, in the order a reader meets them, and the class each becomes.
KINDS: Final[Mapping[str, type]] = {
    "source": Source,
    "actor": Actor,
    "place": Place,
    "policy": Policy,
    "event": Event,
}
SETTINGS_FILE: Final = "timeline.toml"
_MAX_FILE_BYTES: Final = 64 * 1024 * 1024


@attrs.frozen(kw_only=True)
class Located:
    """A structured record and where it was written, so later checks can point at it."""

    record: Any
    kind: str
    key: str  # e.g. "event[3]" (TOML) or "event" (JSON Lines: one record a line)
    path: str
    line: int | None
    lines: Mapping[str, int] = attrs.field(factory=dict)  # "event[3].cite[0].quote" → line

    def problem(self, field: str, message: str, value: object = None) -> Problem:
        """A problem about `field` of this record (a dotted suffix such as 'cite[0].quote')."""
        key = f"{self.key}.{field}" if field else self.key
        return Problem(
            path=self.path,
            line=_line_of(key, self.lines, self.line),
            key=key,
            message=message,
            value=value,
        )


def load(folder: str | Path = "events") -> Timeline:
    """Read every `*.toml` and `*.jsonl` file under `folder` into a validated `Timeline`.

    A `.json` file instead of a folder is read as a JSON export (see `timeline.load_json`).

    Raises:
        DataError: listing every problem found, each with file, line and key path.
    """
    # Imported here: validate imports this module's `Located`.
    from timeline._validate import validate

    root = Path(folder)
    if root.suffix == ".json" and root.is_file():
        from timeline._load_json import load_json

        return load_json(root)
    with _collector_paused():
        settings, located, problems = load_records(root)
        problems += validate(located, project_root=root.resolve().parent)
        if problems:
            raise DataError(problems)
        assert settings is not None
        return assemble(located, settings)


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


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are built.

    Loading creates millions of objects that all stay alive; each collection pass would walk
    them all again for nothing (a third of the time of a large load). Any cyclic garbage
    made meanwhile is collected after, as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_records(folder: Path) -> tuple[Settings | None, list[Located], list[Problem]]:
    """Read and structure every record, without the cross-record checks."""
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        problem = Problem(path=str(folder), message=f"the data folder {what}")
        return None, [], [problem]
    problems: list[Problem] = []
    settings = _load_settings(folder, problems)
    located: list[Located] = []
    try:
        for path in _data_files(folder):
            located += _load_file(path, _display(path), problems)
    finally:
        _CITATIONS.clear()
    return settings, located, problems


# -- files ------------------------------------------------------------------------------


def _data_files(folder: Path) -> list[Path]:
    found = [
        path
        for pattern in ("*.toml", "*.jsonl")
        for path in folder.rglob(pattern)
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    settings = folder / SETTINGS_FILE
    return sorted(p for p in found if p != settings and p.is_file())


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    try:
        size = path.stat().st_size
        if size > _MAX_FILE_BYTES:
            limit = _MAX_FILE_BYTES // 2**20
            problems.append(Problem(path=shown, message=f"file is over {limit} MiB; split it"))
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path=shown, message=f"cannot read the file: {error.strerror}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            Problem(path=shown, line=line, message=f"not UTF-8 (byte {data[error.start]:#04x})")
        )
        return None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        problems.append(
            Problem(
                path=shown,
                line=line,
                message=f"control character {bad.group()!r} is not allowed in data files",
            )
        )
        return None
    return text


def _load_file(path: Path, shown: str, problems: list[Problem]) -> list[Located]:
    text = _read_text(path, shown, problems)
    if text is None:
        return []
    if path.suffix == ".jsonl":
        return list(_load_jsonl(text, shown, problems))
    return list(_load_toml(text, shown, problems))


def _load_toml(text: str, shown: str, problems: list[Problem]) -> Iterator[Located]:
    try:
        document = tomllib.loads(text)
    except RecursionError:
        problems.append(Problem(path=shown, message="malformed TOML: nested too deeply"))
        return
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        line = int(found.group(1)) if found else None
        problems.append(Problem(path=shown, line=line, message=f"malformed TOML: {message}"))
        return
    lines = _toml_lines(text)
    for kind, records in document.items():
        if kind not in KINDS:
            problems.append(_unknown_kind(shown, lines.get(kind), kind))
            continue
        if not isinstance(records, list):
            problems.append(
                Problem(
                    path=shown,
                    line=lines.get(kind),
                    key=kind,
                    message=f"write records as an array of tables: [[{kind}]]",
                )
            )
            continue
        for index, raw in enumerate(records):
            key = f"{kind}[{index}]"
            item = _structure(kind, raw, key, shown, lines.get(key), lines, problems)
            if item is not None:
                yield item


def _unknown_kind(shown: str, line: int | None, kind: str) -> Problem:
    return Problem(
        path=shown,
        line=line,
        key=kind,
        message=f"unknown record kind; expected one of {', '.join(KINDS)}",
    )


def _load_jsonl(text: str, shown: str, problems: list[Problem]) -> Iterator[Located]:
    # Split on LF alone: JSON allows U+2028 and U+2029 raw in strings, and splitlines() would
    # break a record there.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            wrapped = _scan_line(line)
        except (json.JSONDecodeError, RecursionError) as error:
            message = getattr(error, "msg", "nested too deeply")
            problems.append(Problem(path=shown, line=number, message=f"malformed JSON: {message}"))
            continue
        if not (isinstance(wrapped, dict) and len(wrapped) == 1):
            problems.append(
                Problem(
                    path=shown,
                    line=number,
                    message='each line is one record wrapped by its kind, e.g. {"event": {...}}',
                )
            )
            continue
        ((kind, raw),) = wrapped.items()
        if kind not in KINDS:
            problems.append(_unknown_kind(shown, number, kind))
            continue
        # A line with no escapes and no string over the limit holds no control character
        # (the file was checked), so the fast path can skip those checks.
        clean = "\\" not in line and len(line) <= MAX_TEXT
        if kind == "event" and type(raw) is dict:  # `_structure`'s first step, inlined
            event = _fast_event(raw, clean)
            if event is not None:
                yield Located(
                    record=event, kind=kind, key=kind, path=shown, line=number, lines=_NO_LINES
                )
                continue
        item = _structure(kind, raw, kind, shown, number, _NO_LINES, problems, clean=clean)
        if item is not None:
            yield item


_DECODER: Final[Any] = json.JSONDecoder()
_SCAN: Final = _DECODER.scan_once  # the C scanner json.loads ends up in


def _scan_line(line: str) -> Any:
    """`json.loads(line)` without its wrapper's overhead when the line is one bare value."""
    try:
        value, end = _SCAN(line, 0)
    except (StopIteration, ValueError):
        return json.loads(line)  # for its error message
    return value if end == len(line) else json.loads(line)


_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _toml_lines(text: str) -> dict[str, int]:
    """Map key paths ("event[3].when", "event[3].cite[0]") to 1-based lines, as written."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    current = ""
    quote: str | None = None  # the delimiter of the multi-line string we are inside, if any
    for number, line in enumerate(text.split("\n"), start=1):  # LF only, as TOML counts lines
        if quote is not None:  # a string's text: "[[event]]" in a summary is no header
            if line.count(quote) % 2:
                quote = None
            continue
        quote = _opens_multiline(line)
        header = _HEADER.match(line)
        if header:
            name = header.group(1)
            kind, _, child = name.partition(".")
            if not child:
                index = counts[kind] = counts.get(kind, -1) + 1
                current = f"{kind}[{index}]"
                lines.setdefault(kind, number)
            else:
                parent = f"{kind}[{counts.get(kind, 0)}]"
                slot = f"{parent}.{child}"
                index = counts[slot] = counts.get(slot, -1) + 1
                current = f"{slot}[{index}]"
            lines[current] = number
            continue
        table = _TABLE.match(line)
        if table:
            current = table.group(1)
            lines.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(f"{current}.{key.group(1)}" if current else key.group(1), number)
    return lines


def _opens_multiline(line: str) -> str | None:
    """The delimiter of a multi-line string that `line` opens and leaves open, if any."""
    for delimiter in ('"""', "'''"):
        if line.count(delimiter) % 2:
            return delimiter
    return None


def _line_of(key: str, lines: Mapping[str, int], default: int | None) -> int | None:
    """The line of `key`, or of the nearest enclosing key the map knows ("event[3]")."""
    cuts = [m.start() for m in re.finditer(r"[.\[]", key)]
    for end in [len(key), *reversed(cuts)]:
        if key[:end] in lines:
            return lines[key[:end]]
    return default


# -- structuring --------------------------------------------------------------------------


def _strict(kind: type, name: str) -> Any:
    def structure(value: object, _: object) -> object:
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {name}, got true/false")
        if kind is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, kind):
            raise TypeError(f"expected {name}, got {type(value).__name__} {value!r:.60}")
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise ValueError(f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}")
            bad = _VALUE_CONTROL.search(value)
            if bad:
                raise ValueError(f"control character {bad.group()!r} is not allowed")
        if isinstance(value, float) and value != value:  # NaN
            raise ValueError("NaN is not a number a field can hold")
        return value

    return structure


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(float, _strict(float, "a number"))

    def when(value: object, _: object) -> When:
        if isinstance(value, When):
            return value
        if not isinstance(value, str):
            raise TypeError(f"expected an EDTF date string such as '2025-04', got {value!r:.60}")
        return When.parse(value)

    def sequence(value: object, kind: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {type(value).__name__} {value!r:.60}")
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
            allowed = ", ".join(repr(member.value) for member in kind)
            raise ValueError(f"{value!r:.60} is not one of {allowed}") from None

    converter.register_structure_hook(When, when)
    for kind in (Effect, ActorKind):
        converter.register_structure_hook(kind, choice)
    converter.register_structure_hook_func(
        lambda t: getattr(t, "__origin__", None) is tuple, sequence
    )
    return converter


_CONVERTER: Final = _make_converter()


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


def _structure(
    kind: str,
    raw: object,
    key: str,
    shown: str,
    line: int | None,
    lines: Mapping[str, int],
    problems: list[Problem],
    *,
    clean: bool = False,
) -> Located | None:
    if kind == "event" and type(raw) is dict:
        event = _fast_event(raw, clean)
        if event is not None:
            return Located(record=event, kind=kind, key=key, path=shown, line=line, lines=lines)
    here = Located(record=None, kind=kind, key=key, path=shown, line=line, lines=lines)
    if not isinstance(raw, dict):
        problems.append(here.problem("", f"expected a table of fields, got {raw!r:.60}"))
        return None
    fields = dict(raw)
    found: list[Problem] = []
    zone = fields.pop("tz", None) if kind == "event" else None  # `tz` qualifies `when`
    if kind == "event" and "when" in fields:
        try:
            if zone is not None and not isinstance(zone, str):
                raise TypeError(f"expected an IANA zone name such as 'Asia/Shanghai', got {zone!r}")
            if not isinstance(fields["when"], str):
                raise TypeError(
                    f"expected an EDTF date string such as '2025-04', got {fields['when']!r:.60}"
                )
            fields["when"] = When.parse(fields["when"], tz=zone)
        except (WhenError, TypeError) as error:
            found.append(here.problem("when", str(error), raw.get("when")))
            fields["when"] = When.parse("2000")  # a stand-in, so the other fields are checked too
    cls = KINDS[kind]
    record: object = None
    # cattrs stops at wrong types before any validator runs, and attrs stops at the first
    # failing validator; so set aside the fields that failed and try again, until the rest
    # of the record is clean, to report every problem in one go.
    for _ in range(len(fields) + 1):
        try:
            record = _CONVERTER.structure(fields, cls)
            break
        except (ClassValidationError, IterableValidationError) as group:
            failed = set()
            for path, inner in _flatten(group, ""):
                problem = here.problem(path.lstrip("."), _message(inner, cls), _value(raw, path))
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
    problems += found
    if found:
        return None
    return attrs.evolve(here, record=record)


# -- the fast path -------------------------------------------------------------------------
#
# cattrs costs tens of microseconds an event, too much for a million of them. `_fast_event`
# builds an event directly when every field is plainly well-formed, and otherwise returns
# None so that the cattrs path reports every problem with its usual message: the fast path
# never reports anything, it only accepts what the cattrs path accepts, built the same way.

_NO_LINES: Final[Mapping[str, int]] = MappingProxyType({})
_EVENT_FIELDS: Final = frozenset({*(a.name for a in attrs.fields(Event)), "tz"})
_CITE_FIELDS: Final = frozenset(a.name for a in attrs.fields(Citation))
_EFFECTS: Final = {effect.value: effect for effect in Effect}
_intern = sys.intern  # ids repeated across records: one shared copy instead of one a record


def _fast_event(raw: dict[str, Any], clean: bool) -> Event | None:
    """The event `raw` describes, or None when any field needs the cattrs path's checks.

    `clean` says no string in `raw` can hold a control character or exceed `MAX_TEXT`
    (the caller saw the line it came from); otherwise every string is checked here.

    The event and its citations are built without running `__init__`: every check their
    attrs validators make is made here first, once (tests/test_load.py lists the validators,
    so one added to the model fails a test until it is checked here too).
    """
    if not raw.keys() <= _EVENT_FIELDS:
        return None
    get = raw.get
    id_, title, when, cite = get("id"), get("title"), get("when"), get("cite")
    if type(id_) is not str or type(title) is not str or type(when) is not str:
        return None
    if type(cite) is not list or not cite or not _is_slug(id_) or not title.strip():
        return None
    zone, said, summary, url = get("tz"), get("said"), get("summary"), get("url")
    place, policy, effect = get("place"), get("policy"), get("effect")
    actors, tags = get("actors", _NO_ITEMS), get("tags", _NO_ITEMS)
    for value in (zone, said, summary, place, policy, url):
        if value is not None and type(value) is not str:
            return None
    if url is not None and not _is_url(url):
        return None
    if effect is not None:
        effect = _EFFECTS.get(effect) if type(effect) is str else None
        if effect is None or policy is None:
            return None
    if type(actors) is not list or type(tags) is not list:
        return None
    for names in (actors, tags):
        if names:
            try:
                if not all(map(_is_slug, names)):  # a TypeError for any item not a string
                    return None
            except TypeError:
                return None
            if len(names) > 1 and len(set(names)) != len(names):
                return None
    citations = []
    for item in cite:
        if type(item) is not dict or not item.keys() <= _CITE_FIELDS:
            return None
        get = item.get
        key = (get("source"), get("quote"), get("note"))
        try:
            citation = _CITATIONS.get(key)
        except TypeError:  # a list or table where a string belongs
            return None
        if citation is None:
            citation = _citation(*key)
            if citation is None:
                return None
            if len(_CITATIONS) < _CACHE_SIZE:
                _CITATIONS[key] = citation
        citations.append(citation)
    if not clean and not _plain_texts(
        id_, title, when, zone, said, summary, place, policy, url, actors, tags, cite
    ):
        return None
    try:
        parsed = When.parse(when, tz=zone)
    except (TimelineError, TypeError, ValueError):
        return None
    event = _new(Event)
    _set(event, "id", id_)
    _set(event, "title", title)
    _set(event, "when", parsed)
    _set(event, "said", said)
    _set(event, "summary", summary)
    _set(event, "actors", tuple(map(_intern, actors)) if actors else ())
    _set(event, "place", None if place is None else _intern(place))
    _set(event, "policy", None if policy is None else _intern(policy))
    _set(event, "effect", effect)
    _set(event, "tags", tuple(map(_intern, tags)) if tags else ())
    _set(event, "url", url)
    _set(event, "cite", tuple(citations))
    return event


def _citation(source: object, quote: object, note: object) -> Citation | None:
    """The citation of these fields, or None when a validator or hook would refuse one."""
    if type(source) is not str or not _is_slug(source):
        return None
    if quote is not None and (type(quote) is not str or not quote.strip()):
        return None
    if note is not None and type(note) is not str:
        return None
    citation = _new(Citation)
    _set(citation, "source", _intern(source))
    _set(citation, "quote", quote)
    _set(citation, "note", note)
    return citation


#: Citations already built, by their fields: records cite the same few sources the same way
#: again and again, and a frozen citation can be shared. Emptied after each load.
_CITATIONS: Final[dict[tuple[object, object, object], Citation]] = {}
_CACHE_SIZE: Final = 65_536


def _plain_texts(*values: Any) -> bool:
    """Whether no string among `values` (and in lists and citations) is too long or holds a
    character `_VALUE_CONTROL` refuses."""
    texts: list[str] = []
    for value in values:
        if type(value) is str:
            texts.append(value)
        elif type(value) is list:
            for item in value:
                if type(item) is dict:
                    texts += (v for v in item.values() if v is not None)
                else:
                    texts.append(item)
    return max(map(len, texts)) <= MAX_TEXT and not _VALUE_CONTROL.search(" ".join(texts))


_NO_ITEMS: Final[list[str]] = []
_new: Final = object.__new__
_set: Final = object.__setattr__  # what attrs' frozen __init__ uses too
_is_slug: Final = SLUG.fullmatch
_is_url: Final = URL.fullmatch


def _flatten(error: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                yield from _flatten(inner, f"{path}.{note.name}")
            elif isinstance(note, IterableValidationNote):
                yield from _flatten(inner, f"{path}[{note.index}]")
            else:
                yield from _flatten(inner, path)
        for inner in without:
            yield from _flatten(inner, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        for name in sorted(error.extra_fields):
            yield f"{path}.{name}", error
    elif isinstance(error, InvalidFieldError):
        yield f"{path}.{error.field}", error
    else:
        yield path, error


def _message(error: BaseException, cls: type) -> str:
    if isinstance(error, ForbiddenExtraKeysError):
        known = ", ".join(a.name for a in attrs.fields(error.cl) if a.init)
        return f"unknown field; {error.cl.__name__.lower()} fields are: {known}"
    if isinstance(error, KeyError):
        return "missing required field"
    if (
        isinstance(error, ValueError)
        and "is not a valid" in str(error)
        and "Enum" not in str(error)
    ):
        return str(error)
    return str(error) or type(error).__name__


def _value(raw: Mapping[str, Any], path: str) -> object:
    value: Any = raw
    for step in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path):
        name, index = step
        try:
            value = value[int(index)] if index else value[name]
        except (KeyError, IndexError, TypeError):
            return None
    return value


# -- settings -----------------------------------------------------------------------------


def _load_settings(folder: Path, problems: list[Problem]) -> Settings:
    path = folder / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    shown = _display(path)
    text = _read_text(path, shown, problems)
    if text is None:
        return Settings()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        line = int(found.group(1)) if found else None
        problems.append(Problem(path=shown, line=line, message=f"malformed TOML: {message}"))
        return Settings()
    lines = _toml_lines(text)
    feeds: dict[str, Feed] = {}
    known = {a.name for a in attrs.fields(Settings)}
    for name in raw:
        if name not in known:
            problems.append(
                Problem(
                    path=shown,
                    line=lines.get(name),
                    key=name,
                    message=f"unknown setting; settings are: {', '.join(sorted(known))}",
                )
            )
    specs = raw.get("feeds", {})
    if not isinstance(specs, dict):
        message = "write each feed as a table of filters, e.g. [feeds.nvidia] tag = 'nvidia'"
        problems.append(Problem(path=shown, line=lines.get("feeds"), key="feeds", message=message))
        specs = {}
    for name, spec in specs.items():
        try:
            feeds[name] = parse_feed(name, spec)
        except (TimelineError, TypeError, ValueError) as error:
            key = f"feeds.{name}"
            problems.append(
                Problem(path=shown, line=_line_of(key, lines, None), key=key, message=str(error))
            )
    fields = {k: v for k, v in raw.items() if k in known and k != "feeds"}
    failed = False
    for _ in range(len(fields) + 1):  # set failed settings aside to find every problem
        try:
            settings: Settings = _CONVERTER.structure(fields, Settings)
            break
        except ClassValidationError as group:
            failed, dropped = True, None
            for key, inner in _flatten(group, ""):
                key = key.lstrip(".")
                problems.append(
                    Problem(
                        path=shown,
                        line=_line_of(key, lines, None),
                        key=key,
                        message=_message(inner, Settings),
                    )
                )
                dropped = fields.pop(key.split(".")[0], dropped)
            if dropped is None:
                break
    if failed:
        return Settings()
    return attrs.evolve(settings, feeds=feeds)


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
    "text": "text",
}


def parse_feed(name: str, spec: object) -> Feed:
    """One `[feeds.NAME]` table: a title and description for the calendar, and its filters."""
    if not isinstance(spec, dict):
        raise TypeError("a feed is a table of filters, e.g. [feeds.nvidia] tag = 'nvidia'")
    unknown = sorted(set(spec) - set(FEED_KEYS))
    if unknown:
        raise ValueError(f"unknown feed keys {unknown}; use {', '.join(FEED_KEYS)}")
    args: dict[str, Any] = {}
    for key, field in FEED_KEYS.items():
        if field is None or key not in spec:
            continue
        value = spec[key]
        if field in {"tags", "actors", "policies", "jurisdictions"}:
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
