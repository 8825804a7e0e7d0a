"""Parquet and Arrow, both ways: events as one row each, for DuckDB, Polars, Spark and the rest.

The schema (docs/formats.md has the table): the event's own fields under their data-folder
names (`when` as its EDTF string, `tz`, lists of strings for `actors` and `tags`, `recorded`
as a YYYY-MM-DD string, a list of structs `{source, quote, note, recorded}` for `cite`) plus
derived columns for tools that cannot parse EDTF: `earliest` and `latest` (dates,
`When.earliest`/`When.latest`; null when open), `precision`, `qualifier` and `label`.
Reading recomputes the derived columns rather than trusting them, and hands every row to the
same checks as TOML and JSON Lines, so a problem reads `events/2025.parquet: row[11].when:
...`, with the words TOML would use.

pyarrow is an optional dependency (`pip install 'timeline-events[parquet]'`): it is imported
here only when Parquet or Arrow is used, never by `import timeline` or by a data folder
without `.parquet` files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

from timeline._model import Citation, Effect, Event, Settings
from timeline._structure import (
    NO_LINES,
    Located,
    Shared,
    as_written,
    assemble,
    located_records,
    make_event,
    structure_record,
)
from timeline._text import MAX_TEXT
from timeline._timeline import Timeline
from timeline._validate import SLICE_CHECKS, validate
from timeline._when import When
from timeline.errors import DataError, Problem, TimelineError, UsageError
from timeline.report._json import EVENT_KEYS

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["COLUMNS", "from_arrow", "read_file", "schema", "to_arrow", "write"]

#: The columns in order: the JSON export's keys, the citations under the data folder's `cite`.
COLUMNS: Final = (*EVENT_KEYS[:-1], "cite")
_DERIVED: Final = frozenset({"earliest", "latest", "precision", "qualifier", "label"})
#: What reading takes: every column but the derived ones.
_READ: Final = tuple(c for c in COLUMNS if c not in _DERIVED)
#: What `_event` unpacks from a row: the columns read but the date and the citations.
_ROW: Final = tuple(c for c in _READ if c not in ("when", "cite"))
_REQUIRED: Final = ("id", "title", "when", "cite")
_LISTS: Final = frozenset({"actors", "tags"})
_CITE_FIELDS: Final = ("source", "quote", "note", "recorded")
_QUALIFIERS: Final = {"": None, "~": "approximate", "?": "uncertain", "%": "approximate-uncertain"}
#: Rows per row group written, and per batch read: memory stays that of one batch.
_BATCH: Final = 65_536
#: What VALUE_CONTROL refuses, in RE2's syntax (Arrow's regex engine); UTF-8 holds no surrogates.
_REFUSED: Final = r"[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x{9f}\x{202a}-\x{202e}\x{2066}-\x{2069}]"
_INSTALL: Final = "Parquet needs pyarrow: pip install 'timeline-events[parquet]'"


def _arrow() -> Any:
    """pyarrow, imported on first use; a clear message when it is not installed."""
    try:
        import pyarrow
        import pyarrow.compute
        import pyarrow.parquet
    except ImportError as error:
        raise UsageError(_INSTALL) from error
    return pyarrow


def schema() -> pa.Schema:
    """The Arrow schema `to_arrow` gives and `timeline report --format parquet` writes."""
    pa = _arrow()
    text = pa.string()
    cite = pa.struct([(name, text) for name in _CITE_FIELDS])
    types = {
        "earliest": pa.date32(),
        "latest": pa.date32(),
        "actors": pa.list_(text),
        "tags": pa.list_(text),
        "cite": pa.list_(cite),
    }
    required = {"id", "title", "when", "precision", "label", "cite"}
    return pa.schema(
        [pa.field(name, types.get(name, text), nullable=name not in required) for name in COLUMNS]
    )


# -- writing -------------------------------------------------------------------------------------


def to_arrow(events: Timeline | Iterable[Event]) -> pa.Table:
    """The events as an Arrow table, one row each, in the timeline's order (see `schema()`).

    >>> from timeline import Citation, Event, When
    >>> event = Event(id="e", title="T", when=When.parse("2025-04~"), cite=(Citation(source="s"),))
    >>> row = to_arrow([event]).select(["when", "earliest", "latest", "label"]).to_pylist()[0]
    >>> row["when"], str(row["earliest"]), str(row["latest"]), row["label"]
    ('2025-04~', '2025-04-01', '2025-04-30', '~April 2025')
    """
    pa = _arrow()
    return pa.Table.from_batches(list(_batches(events, pa)), schema=schema())


def write(events: Timeline | Iterable[Event], out: str | Path | IO[bytes]) -> None:
    """Write the events to a Parquet file (a path or a binary file), a row group at a time."""
    pa = _arrow()
    with pa.parquet.ParquetWriter(out, schema(), compression="zstd") as writer:
        for batch in _batches(events, pa):
            writer.write_batch(batch)


def _batches(events: Timeline | Iterable[Event], pa: Any) -> Iterator[pa.RecordBatch]:
    shape = schema()
    # id(When) → (the When, its date columns): parsed dates are shared objects. The When is
    # kept, so that its id names it even after the events of an earlier batch are gone.
    dates: dict[int, tuple[When, tuple[Any, ...]]] = {}
    ordered = iter(events)
    while chunk := list(itertools.islice(ordered, _BATCH)):
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        dated = []
        for event in chunk:
            when = event.when
            found = dates.get(id(when))
            if found is None:
                found = dates[id(when)] = (when, _dated(when))
            dated.append(found[1])
        for name, values in zip(
            ("when", "tz", "earliest", "latest", "precision", "qualifier", "label"),
            zip(*dated, strict=True),
            strict=True,
        ):
            columns[name] = list(values)
        for name in ("id", "title", "said", "summary", "policy", "provision", "place", "url"):
            columns[name] = [getattr(event, name) for event in chunk]
        columns["actors"] = [list(event.actors) for event in chunk]
        columns["tags"] = [list(event.tags) for event in chunk]
        columns["effect"] = [None if e.effect is None else e.effect.value for e in chunk]
        columns["recorded"] = [_day(event.recorded) for event in chunk]
        columns["cite"] = [
            [
                {"source": c.source, "quote": c.quote, "note": c.note, "recorded": _day(c.recorded)}
                for c in event.cite
            ]
            for event in chunk
        ]
        yield pa.RecordBatch.from_pydict(columns, schema=shape)


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _dated(when: When) -> tuple[Any, ...]:
    return (
        str(when),
        when.tz,
        when.earliest,
        when.latest,
        str(when.precision),
        _QUALIFIERS[when.qualifier.value],
        when.label,
    )


# -- reading -------------------------------------------------------------------------------------


def read_file(path: Path, shown: str, problems: list[Problem], shared: Shared) -> Iterator[Located]:
    """Every event of the Parquet file at `path`, a batch of rows at a time, located by row."""
    try:
        pa = _arrow()
    except UsageError as error:
        problems.append(Problem(path=shown, message=str(error)))
        return
    try:
        file = pa.parquet.ParquetFile(path)
        names = set(file.schema_arrow.names)
        wanted = [name for name in _READ if name in names]
        if not _usable(file.schema_arrow, shown, problems):
            return
        batches = file.iter_batches(batch_size=_BATCH, columns=wanted)
        yield from _read_batches(batches, shown, problems, shared)
    except (OSError, pa.ArrowException) as error:
        problems.append(Problem(path=shown, message=f"cannot read the Parquet file: {error}"))


def from_arrow(
    table: pa.Table | pa.RecordBatch | pa.RecordBatchReader | Iterable[pa.RecordBatch],
    *,
    context: Timeline | None = None,
    name: str = "<arrow>",
) -> Timeline:
    """A `Timeline` of the events in an Arrow table (or batches) of the `schema()` shape.

    Every row is checked as a data file's event is; `name` names the table in problems
    (`<arrow>: row[3].when: ...`). `context` (a loaded timeline, say) gives the actors,
    places, policies, sources and settings, and the events' references are checked against
    them. Only what one slice can show is checked across rows (duplicate ids, references):
    a slice of a policy's events need not start at its beginning.

    Raises:
        DataError: listing every problem, each with its row and field.
    """
    pa = _arrow()
    problems: list[Problem] = []
    if isinstance(table, pa.Table):
        batches: Iterable[Any] = table.to_batches(max_chunksize=_BATCH)
        shape = table.schema
    elif isinstance(table, pa.RecordBatch):
        batches, shape = [table], table.schema
    elif isinstance(table, pa.RecordBatchReader):
        batches, shape = table, table.schema
    else:
        batches = list(table)
        shape = batches[0].schema if batches else schema()
    if not _usable(shape, name, problems):
        raise DataError(problems)
    wanted = [column for column in _READ if column in shape.names]
    shared = Shared()
    located = list(_read_batches((b.select(wanted) for b in batches), name, problems, shared))
    if context is not None:
        located += located_records(context, "<context>")
    checks = SLICE_CHECKS if context is not None else SLICE_CHECKS[:1]
    problems += validate(located, project_root=None, shared=shared, checks=checks)
    if problems:
        raise DataError(problems)
    return assemble(located, context.settings if context is not None else Settings())


def _usable(shape: pa.Schema, shown: str, problems: list[Problem]) -> bool:
    """Whether the columns can hold events: the known names, of the types they need."""
    pa = _arrow()
    found = len(problems)
    names = set(shape.names)
    for column in shape.names:
        if column not in COLUMNS:
            problems.append(
                Problem(
                    path=shown,
                    key=column,
                    message=f"unknown column; an event's columns are: {', '.join(COLUMNS)}",
                )
            )
    for column in _REQUIRED:
        if column not in names:
            problems.append(Problem(path=shown, key=column, message="missing required column"))
    for column in names & set(_READ):
        kind = shape.field(column).type
        if column == "cite":
            ok = _is_list(pa, kind) and pa.types.is_struct(kind.value_type)
            if ok:
                fields = kind.value_type
                ok = all(
                    fields.field(i).name in _CITE_FIELDS and _is_text(pa, fields.field(i).type)
                    for i in range(fields.num_fields)
                )
            wanted = "a list of structs of strings {source, quote, note, recorded}"
        elif column in _LISTS:
            ok = _is_list(pa, kind) and _is_text(pa, kind.value_type)
            wanted = "a list of strings"
        else:
            ok = _is_text(pa, kind)
            wanted = "a string" + (" of EDTF, e.g. '2025-04'" if column == "when" else "")
        if not ok:
            problems.append(
                Problem(path=shown, key=column, message=f"the column is {kind}; write {wanted}")
            )
    return len(problems) == found


def _is_text(pa: Any, kind: Any) -> bool:
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _is_list(pa: Any, kind: Any) -> bool:
    return bool(pa.types.is_list(kind) or pa.types.is_large_list(kind))


def _read_batches(
    batches: Iterable[Any], shown: str, problems: list[Problem], shared: Shared
) -> Iterator[Located]:
    """The events of each batch, a row at a time through the model's constructors.

    Arrow's types are the type screen (`_usable` checked the schema) and Arrow checks the
    strings of a batch in C++ (`_clean`); a column is turned into Python values once, a date
    parsed once per distinct value and a citation made once per distinct one. A row the
    model refuses, or any row of a batch with a string refused or too long, goes through
    `structure_record` for its located problems.
    """
    start = 0
    for batch in batches:
        count = batch.num_rows
        names = batch.schema.names
        columns = {name: batch.column(names.index(name)) for name in _READ if name in names}
        nothing = [None] * count
        values = [columns[name].to_pylist() if name in columns else nothing for name in _ROW]
        whens = _whens(columns.get("when"), columns.get("tz"), shared, count)
        cited, written = _citations(columns.get("cite"), shared, count)
        clean = _clean(batch)
        rows = zip(zip(*values, strict=True), whens, cited, strict=True)
        for index, (row, when, cite) in enumerate(rows, start=start):
            event = _event(row, when, cite) if clean else None
            if event is not None:
                yield Located(
                    record=event, kind="event", key=f"row[{index}]", path=shown, line=None
                )
                continue
            item = structure_record(
                "event", _as_written(row, batch, index - start, written), f"row[{index}]", shown,
                None, NO_LINES, problems, shared=shared,
            )  # fmt: skip
            if item is not None:
                yield item
        start += count


def _whens(when: Any, zone: Any, shared: Shared, count: int) -> list[When | None]:
    """Each row's date, parsed once per distinct (date, zone); None where it is missing or
    refused (the row then goes the way that says why)."""
    if when is None:
        return [None] * count
    if zone is None or zone.null_count == len(zone):
        pa = _arrow()
        encoded = when if pa.types.is_dictionary(when.type) else pa.compute.dictionary_encode(when)
        parsed = [_parsed(text, None, shared) for text in encoded.dictionary.to_pylist()]
        parsed.append(None)  # for the nulls
        indices = pa.compute.fill_null(encoded.indices, len(parsed) - 1)
        return list(map(parsed.__getitem__, indices.to_pylist()))
    return [
        None if text is None else _parsed(text, tz, shared)
        for text, tz in zip(when.to_pylist(), zone.to_pylist(), strict=True)
    ]


def _parsed(text: str, zone: str | None, shared: Shared) -> When | None:
    try:
        return shared.when(text, zone)
    except (TimelineError, ValueError):
        return None


#: A row's citations as written (dicts, None for a null one), or None for a null list.
Written = Callable[[int], list[dict[str, Any] | None] | None]


def _citations(
    cite: Any, shared: Shared, count: int
) -> tuple[list[list[Citation] | None], Written]:
    """Each row's citations, each distinct one made once, or None for a row that needs the
    full path's messages (no list, a null citation, one the model refuses); and a function
    giving a row's citations as written, for that path."""
    if cite is None:
        return [None] * count, lambda row: None
    pa = _arrow()
    lengths = pa.compute.fill_null(pa.compute.list_value_length(cite), 0).to_pylist()
    flat = cite.flatten()  # the citations of the rows in order, null lists skipped
    struct_names = flat.type.names if pa.types.is_struct(flat.type) else []
    fields = [
        flat.field(name).to_pylist() if name in struct_names else [None] * len(flat)
        for name in _CITE_FIELDS
    ]
    valid = flat.is_valid().to_pylist() if flat.null_count else [True] * len(flat)
    values = list(zip(*fields, strict=True))
    known = shared.citations.get  # keyed by the fields in this order, as Shared.citation does
    made: list[Citation | None] = []
    for ok, these in zip(valid, values, strict=True):
        citation = known(these) if ok else None
        if citation is None and ok:
            with contextlib.suppress(TimelineError, TypeError, ValueError):
                citation = shared.citation(*these)
        made.append(citation)
    nulls = cite.is_null().to_pylist() if cite.null_count else [False] * count
    starts = list(itertools.accumulate(lengths, initial=0))
    rows: list[list[Citation] | None] = []
    for at, end, null in zip(starts, starts[1:], nulls, strict=False):
        cited = made[at:end]
        rows.append(None if null or None in cited else cited)  # type: ignore[arg-type]

    def written(row: int) -> list[dict[str, Any] | None] | None:
        if nulls[row]:
            return None
        at, end = starts[row], starts[row + 1]
        return [
            dict(zip(_CITE_FIELDS, these, strict=True)) if ok else None
            for ok, these in zip(valid[at:end], values[at:end], strict=True)
        ]

    return rows, written


_EFFECTS: Final = {effect.value: effect for effect in Effect}


def _event(row: Sequence[Any], when: When | None, cite: list[Citation] | None) -> Event | None:
    """The event of one clean row, built by the model's constructors; None when anything
    needs the structuring path's checks and messages (a null, an unknown effect, a refusal)."""
    (
        id_,
        title,
        _zone,  # in `when` already
        said,
        summary,
        actors,
        tags,
        policy,
        effect,
        provision,
        place,
        url,
        recorded,
    ) = row
    if id_ is None or title is None or when is None or not cite:
        return None
    try:
        if effect is not None:
            effect = _EFFECTS[effect]
        return make_event(
            id_, title, when, said, summary, actors, place, policy, effect, tags, url, cite,
            provision, recorded,
        )  # fmt: skip
    except (TimelineError, TypeError, ValueError, KeyError):
        return None


def _as_written(row: Sequence[Any], batch: Any, at: int, cited: Written) -> dict[str, Any]:
    """A row as a person would write the record: no nulls, no empty lists."""
    names = batch.schema.names
    fields = dict(zip(_ROW, row, strict=True))
    fields["when"] = batch.column(names.index("when"))[at].as_py() if "when" in names else None
    fields["cite"] = cited(at)
    return as_written(fields)


def _clean(batch: Any) -> bool:
    """Whether no string in the batch holds a refused character or is over MAX_TEXT."""
    pa = _arrow()
    compute = pa.compute
    for column in batch.columns:
        kind = column.type
        if _is_list(pa, kind):
            column = compute.list_flatten(column)
            if pa.types.is_struct(column.type):
                parts = [column.field(i) for i in range(column.type.num_fields)]
            else:
                parts = [column]
        else:
            parts = [column]
        for part in parts:
            if pa.types.is_dictionary(part.type):
                part = part.dictionary_decode()
            if not len(part) or part.null_count == len(part):
                continue
            longest = compute.max(compute.utf8_length(part)).as_py()
            if longest is not None and longest > MAX_TEXT:
                return False
            if compute.any(compute.match_substring_regex(part, _REFUSED)).as_py():
                return False
    return True
