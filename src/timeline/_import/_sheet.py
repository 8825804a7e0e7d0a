"""Spreadsheet rows → events: any sheet with a header, TimelineJS's template, our own CSV.

Each row is one event. Its columns are found by name (`timeline._import._columns`); the
date comes from a Date column, Start and End columns, or Year, Month, Day (and Time)
columns, read at their precision by `timeline._import._dates`. A sheet with TimelineJS's
columns (Year … Headline … Background) is its template: each row is a slide
(`timeline._import._timelinejs`). A CSV with the columns `report --format csv` writes is
read back exactly: its `when` and `tz` as written, one formula-guarding apostrophe taken off
each cell, white space kept.

A cell that cannot be read skips its row with `file.csv:row 12: column 'Date': …`; nothing
is guessed. Text is cleaned of what data files refuse, and a warning says when it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import attrs

from timeline._import._columns import ALIASES, TIMELINEJS, Columns, fold, map_columns
from timeline._import._dates import cell as date_cell
from timeline._import._dates import from_parts, span, time_of_day
from timeline._import._records import Draft
from timeline._import._table import Cell, Row, Table
from timeline._import._timelinejs import Slide, add_slide
from timeline._model import Citation, Effect, Event
from timeline._text import CONTROL, SLUG, URL, fit, name_id, slugify
from timeline._when import Precision, When
from timeline.errors import SkippedRecordError, WhenError
from timeline.report._csv import COLUMNS as OWN_COLUMNS

__all__ = ["Options", "is_header", "is_timelinejs", "read_sheet"]

T = TypeVar("T")
_EFFECTS: Final = {effect.value: effect for effect in Effect}
_DATE_FIELDS: Final = ("date", "start", "year")


@attrs.frozen(kw_only=True)
class Options:
    """How to read the cells: which day order, which zone for times, the --map overrides."""

    dayfirst: bool | None = None
    zone: str = "UTC"
    mapping: Mapping[str, str] = attrs.field(factory=dict)
    #: Told (stage, rows done, rows) as the rows are read, for a progress bar.
    progress: Callable[[str, int, int], object] | None = attrs.field(default=None, eq=False)


def is_timelinejs(header: tuple[str, ...] | list[str]) -> bool:
    """Whether a header is TimelineJS's template (its Year and Headline columns at least)."""
    folded = {fold(name) for name in header}
    return {"year", "headline"} <= folded and len(folded & set(TIMELINEJS)) >= 4


def is_header(names: list[str] | tuple[str, ...], mapping: Mapping[str, str] = {}) -> bool:
    """Whether a row names the columns: a title and a date of some kind."""
    columns = map_columns(names, mapping)
    return "title" in columns and any(field in columns for field in _DATE_FIELDS)


def read_sheet(table: Table, shown: str, draft: Draft, source_id: str, options: Options) -> None:
    """Every row of `table` into `draft`: an event, or a skipped row saying why."""
    columns = map_columns(table.header, options.mapping)
    own = table.header == OWN_COLUMNS
    slides = is_timelinejs(table.header)
    draft.warnings += table.notes
    unused = list(columns.unused)
    if not own:
        unused += [name for name in table.header if fold(name) in ALIASES["derived"]]
    for name in unused:
        draft.warnings.append(
            f"{shown}: column {name!r} is not imported; say what it holds with --map '{name}=FIELD'"
        )
    if (
        slides
        and "background" in columns
        and any(_get(row, columns, "background") for row in table.rows)
    ):
        draft.warnings.append(f"{shown}: column 'Background': TimelineJS backgrounds are left out")
    reader = _Rows(shown, draft, source_id, options, columns, own, table.epoch, table.header)
    progress, total = options.progress, len(table.rows)
    for done, row in enumerate(table.rows):
        if progress is not None and not done % 256:
            progress("importing", done, total)
        where = f"{shown}:row {row.number}"
        try:
            if slides:
                add_slide(reader.slide(row), where, draft, source_id)
            else:
                draft.events.append(reader.event(row, where))
        except SkippedRecordError as skip:
            draft.skipped.append(f"{where}: {skip}")


def _get(row: Row, columns: Columns, field: str) -> Cell | None:
    """The row's cell for `field`, or None when the column is missing or the cell empty."""
    index = columns.index.get(field)
    if index is None or index >= len(row.cells):
        return None
    found = row.cells[index]
    return found if found.text.strip() else None


def _in(found: Cell, read: Callable[[], T]) -> T:
    """`read()`, with a failure located at the cell's column."""
    try:
        return read()
    except SkippedRecordError as error:
        raise SkippedRecordError(f"column {found.column!r}: {error}") from None


@attrs.define
class _Rows:
    shown: str
    draft: Draft
    source_id: str
    options: Options
    columns: Columns
    own: bool
    epoch: dt.date
    header: tuple[str, ...]

    def get(self, row: Row, field: str) -> Cell | None:
        return _get(row, self.columns, field)

    def text(self, row: Row, field: str, where: str) -> str | None:
        """A text cell, cleaned; own CSV cells as written but for one guarding apostrophe."""
        found = self.get(row, field)
        if found is None:
            return None
        text = found.text
        text = text.removeprefix("'") if self.own else text.strip()
        cleaned, changes = fit(text)
        self.draft.warnings += (f"{where}: column {found.column!r}: {c}" for c in changes)
        return cleaned

    def zone(self, row: Row) -> str:
        found = self.get(row, "tz")
        if found is None:
            return self.options.zone
        zone = found.text.strip()
        try:
            When.parse("2000-01-01T00:00", tz=zone)
        except WhenError:
            raise SkippedRecordError(
                f"column {found.column!r}: {zone!r} is not an IANA time "
                "zone such as 'Asia/Shanghai'"
            ) from None
        return zone

    def when(self, row: Row) -> When:
        zone = self.zone(row)
        date, start, year = (self.get(row, field) for field in _DATE_FIELDS)
        if date is not None:
            if self.own:
                return _in(date, lambda: _exact(date.text, self.get(row, "tz")))
            value = _in(date, lambda: self.read(date, zone))
            return self.with_time(row, "time", value, zone)
        if start is not None:
            low = self.with_time(row, "time", _in(start, lambda: self.read(start, zone)), zone)
            end = self.get(row, "end")
            if end is None:
                return low
            high = self.with_time(row, "end time", _in(end, lambda: self.read(end, zone)), zone)
            return _in(end, lambda: span(low, high))
        if year is not None:
            low = self.parts(row, "", zone)
            if self.get(row, "end year") is None:
                return low
            return span(low, self.parts(row, "end ", zone))
        raise SkippedRecordError(self._no_date())

    def read(self, found: Cell, zone: str) -> When:
        return date_cell(
            found.value,
            number_format=found.number_format,
            dayfirst=self.options.dayfirst,
            zone=zone,
            epoch=self.epoch,
        )

    def with_time(self, row: Row, field: str, value: When, zone: str) -> When:
        found = self.get(row, field)
        if found is None:
            return value
        if value.precision is not Precision.DAY or value.is_interval:
            raise SkippedRecordError(f"column {found.column!r}: a time needs a single day's date")
        assert value.earliest is not None
        day = value.earliest
        return _in(
            found,
            lambda: from_parts(
                str(day.year), str(day.month), str(day.day), _clock_text(found), zone=zone
            ),
        )

    def parts(self, row: Row, prefix: str, zone: str) -> When:
        cells = [self.get(row, f"{prefix}{part}") for part in ("year", "month", "day", "time")]
        texts = [
            _clock_text(c) if i == 3 and c else (c.text if c else "") for i, c in enumerate(cells)
        ]
        first = next((c for c in cells if c is not None), None)
        if first is None:
            raise SkippedRecordError(self._no_date())
        return _in(first, lambda: from_parts(*texts, zone=zone))

    def _no_date(self) -> str:
        return "it has no date (its date columns are empty)"

    # -- one row of any sheet ------------------------------------------------------------------

    def event(self, row: Row, where: str) -> Event:
        draft = self.draft
        title = self.text(row, "title", where)
        if not title or not title.strip():
            column = self.columns.index["title"]
            name = self.header[column] if column < len(self.header) else "title"
            raise SkippedRecordError(f"column {name!r} is empty, and an event needs a title")
        when = self.when(row)
        notes = [where]
        tags: dict[str, None] = {}
        written: list[str] = []
        for field in ("tags", "type"):
            for word in _split(self.text(row, field, where), ";,"):
                tag = word if SLUG.fullmatch(word) else name_id(word, fallback="tag")
                tags[tag] = None
                if tag != slugify(word):
                    written.append(word)
        if written:
            notes.append(f"Tags as written: {', '.join(written)}")
        who = self.text(row, "actors", where) or ""
        names = _split(who, ";" if ";" in who else ",")
        actors = tuple(dict.fromkeys(draft.actor(name) for name in names))
        place_text = self.text(row, "place", where)
        policy_text = self.text(row, "policy", where)
        policy = draft.policy(policy_text) if policy_text else None
        effect = self.effect(row, policy)
        url = self.url(row, where)
        cite = self.citations(row, where, notes)
        id_cell = self.get(row, "id")
        base = slugify(title, words=8, fallback="event")
        if id_cell is not None:
            written_id = id_cell.text.removeprefix("'").strip()
            base = written_id if SLUG.fullmatch(written_id) else slugify(written_id) or base
            if base != written_id:
                draft.warnings.append(
                    f"{where}: column {id_cell.column!r}: {written_id!r} is "
                    f"not an id; used {base!r}"
                )
        return Event(
            id=draft.new_id("event", base),
            title=title,
            when=when,
            said=self.text(row, "said", where),
            summary=self.text(row, "summary", where),
            actors=actors,
            place=draft.place(place_text) if place_text else None,
            policy=policy,
            effect=effect,
            tags=tuple(tags),
            url=url,
            cite=cite,
        )

    def effect(self, row: Row, policy: str | None) -> Effect | None:
        found = self.get(row, "effect")
        if found is None:
            return None
        text = found.text.strip().removeprefix("'").casefold()
        if text not in _EFFECTS:
            raise SkippedRecordError(
                f"column {found.column!r}: {found.text.strip()!r} is not an effect; use one of "
                f"{', '.join(_EFFECTS)}"
            )
        if policy is None:
            raise SkippedRecordError(f"column {found.column!r}: an effect needs a policy column")
        return _EFFECTS[text]

    def url(self, row: Row, where: str) -> str | None:
        found = self.get(row, "url")
        if found is None:
            return None
        text = found.text.strip().removeprefix("'")
        if not URL.fullmatch(text) or CONTROL.search(text):
            raise SkippedRecordError(f"column {found.column!r}: {text!r} is not an http(s) URL")
        return text

    def citations(self, row: Row, where: str, notes: list[str]) -> tuple[Citation, ...]:
        draft = self.draft
        named = _split(self.text(row, "source", where), ";")
        sources = [draft.source(name) for name in named] or [self.source_id]
        quotes = [q for q in (self.text(row, "quotes", where) or "").split("\n") if q.strip()]
        note = "\n".join(notes)
        verbatim: list[str] = []
        if len(sources) == 1:  # a quote belongs to a source: with several, which one?
            verbatim = [q for q in quotes if draft.existing.quotes(sources[0], q)]
        others = [q for q in quotes if q not in verbatim]
        if others:
            draft.warnings.append(
                f"{where}: {len(others)} quote(s) not found verbatim in a source file of the "
                "data folder; kept in the citation's note"
            )
            note += "\nQuoted (not checked against the source): " + " / ".join(others)
        cited = [Citation(source=sources[0], quote=q, note=note) for q in verbatim]
        return tuple(cited) or tuple(
            Citation(source=source, note=note) for source in dict.fromkeys(sources)
        )

    # -- one row of TimelineJS's template --------------------------------------------------------

    def slide(self, row: Row) -> Slide:
        kind_cell = self.get(row, "type")
        kind = fold(kind_cell.text) if kind_cell else ""
        raw = {
            field: (c.text if (c := self.get(row, field)) else None)
            for field in (
                "said",
                "title",
                "summary",
                "url",
                "media credit",
                "media caption",
                "media thumbnail",
                "tags",
                "id",
            )
        }
        if kind == "title":
            return Slide(
                start=When.parse("2000"),
                start_parts={},
                kind="title",
                headline=raw["title"],
                text=raw["summary"],
            )
        zone = self.zone(row)
        start = self.parts(row, "", zone)
        end = self.parts(row, "end ", zone) if self.get(row, "end year") else None
        return Slide(
            start=start,
            start_parts=self.slide_parts(row, ""),
            end=end,
            end_parts=self.slide_parts(row, "end ") if end is not None else None,
            display=raw["said"],
            headline=raw["title"],
            text=raw["summary"],
            media=raw["url"],
            credit=raw["media credit"],
            caption=raw["media caption"],
            thumbnail=raw["media thumbnail"],
            kind=kind,
            group=raw["tags"],
            unique_id=raw["id"],
        )

    def slide_parts(self, row: Row, prefix: str) -> dict[str, int]:
        parts: dict[str, int] = {}
        for name in ("year", "month", "day"):
            found = self.get(row, f"{prefix}{name}")
            if found is not None:
                text = found.text.strip()
                parts[name] = int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else 0
        clock = self.get(row, f"{prefix}time")
        if clock is not None:
            hour, minute, second = _in(clock, lambda: time_of_day(_clock_text(clock)))
            parts.update(hour=hour, minute=minute)
            if _clock_text(clock).count(":") >= 2:
                parts["second"] = second
        return parts


def _exact(text: str, zone_cell: Cell | None) -> When:
    """Our own CSV's `when` with its `tz`: EDTF exactly as written."""
    zone = zone_cell.text.strip() if zone_cell is not None else None
    try:
        return When.parse(text.strip(), tz=zone or None)
    except WhenError as error:
        raise SkippedRecordError(str(error)) from None


def _clock_text(found: Cell) -> str:
    """A time cell as "HH:MM" (or "HH:MM:SS" when it shows seconds)."""
    value: Any = found.value
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        shows_seconds = "s" in found.number_format.lower() or value.second
        return value.strftime("%H:%M:%S" if shows_seconds else "%H:%M")
    return found.text.strip()


def _split(text: str | None, separators: str) -> list[str]:
    if not text:
        return []
    parts = re.split(f"[{re.escape(separators)}]", text)
    return list(dict.fromkeys(part.strip() for part in parts if part.strip()))
