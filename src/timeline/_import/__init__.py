"""Bringing data in from where people keep it: one entry point for every format.

`import_file` picks the format (from the extension and the content, or as told), reads the
file with that format's module, and hands what it gives to the shared step
(`_records`): references resolved against the target data folder, effects a lifecycle does
not allow left off, and ids the folder already uses suffixed, saying so.

- `_table` (CSV and .xlsx as tables), `_columns` (which column is which), `_dates` (cell
  dates at their precision), `_sheet` (rows → events; TimelineJS's sheet template; our own
  CSV), `_timelinejs` (slides, from the sheet or TimelineJS JSON), `_html` (markup → text);
- `_register` (a Federal Register `documents.json`), `_measures` (a measures table);
- calendars are `timeline._ics.read_ics`.

See docs/import.md.
"""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Final

from timeline._import._columns import known_columns, parse_map
from timeline._import._measures import is_measures_header, read_measures
from timeline._import._records import Draft, Existing, settle
from timeline._import._register import is_register, read_register
from timeline._import._sheet import Options, is_header, read_sheet
from timeline._import._table import Table, read_csv, read_xlsx
from timeline._import._timelinejs import load, read_json
from timeline._imported import Imported
from timeline._model import Source
from timeline._text import did_you_mean, slugify
from timeline.errors import ImportFileError, UsageError

__all__ = ["FORMATS", "detect", "import_file"]

#: What `--format` takes; "auto" decides from the file.
FORMATS: Final = ("auto", "csv", "xlsx", "timelinejs", "ics", "federal-register", "measures")
_CALENDAR: Final = (".ics", ".ical", ".ifb", ".icalendar")
_WORKBOOK: Final = (".xlsx", ".xlsm")
#: How much of a file is read to tell a calendar, which is then read as it streams.
_HEAD: Final = 1 << 16


def import_file(
    path: str | os.PathLike[str],
    *,
    format: str = "auto",
    data: str | os.PathLike[str] | None = None,
    source: str | None = None,
    columns: Mapping[str, str] | Iterable[str] = (),
    dayfirst: bool | None = None,
    zone: str = "UTC",
    progress: Callable[[str, int, int], object] | None = None,
) -> Imported:
    """Read a spreadsheet, TimelineJS sheet or JSON, calendar, Federal Register response or
    measures table into records ready for the data folder `data`.

    Args:
        path: the file to import.
        format: one of `FORMATS`; "auto" decides from the extension and the content.
        data: the data folder the records are for: references to its records are kept,
            and ids it already uses are suffixed (each said in the warnings).
        source: the id of the source the events cite (the folder's, or a new one);
            default from the file's name.
        columns: column → field overrides, as a mapping or "COLUMN=FIELD" strings.
        dayfirst: read 8/2/2024 as 8 February (True) or August 2 (False); None refuses
            a date that reads both ways.
        zone: the IANA zone of times without an offset.
        progress: called as `progress("importing", rows done, rows)` as the rows of a
            spreadsheet or measures table are read, for a progress bar.

    Raises:
        ImportFileError: the file is not the format asked for (or any it could be).
        IcsError: a calendar that cannot be read.
        UsageError: an unknown format, zone or field.
        OSError: the file cannot be read.
    """
    if format not in FORMATS:
        raise UsageError(
            f"unknown format {format!r}{did_you_mean(format, FORMATS)}; use one of "
            f"{', '.join(FORMATS)}"
        )
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise UsageError(f"zone {zone!r} is not a known IANA time zone") from error
    mapping = dict(columns) if isinstance(columns, Mapping) else parse_map(columns)
    file = Path(path)
    with file.open("rb") as stream:  # a calendar is read as it streams: not held here
        raw = stream.read(_HEAD)
        calendar = format == "ics" or (format == "auto" and _is_calendar(file, raw))
        if not calendar:
            raw += stream.read()
    shown = file.name
    existing = Existing.read(None if data is None else Path(data))
    if calendar:
        return _calendar(file, existing, source, zone)
    kind = detect(file, raw) if format == "auto" else format
    if kind == "ics":  # BEGIN:VCALENDAR after more than `_HEAD` bytes of white space
        return _calendar(file, existing, source, zone)
    draft = Draft(existing)
    source_id = source or slugify(f"{kind} {file.stem}", fallback="import")
    if kind == "federal-register":
        read_register(load(raw, shown), shown, draft)
    elif kind == "timelinejs" and not _is_table(file, raw):
        read_json(load(raw, shown), shown, draft, source_id, zone)
    else:
        table = _table(file, raw, shown, kind, mapping)
        if kind == "measures" or (kind != "timelinejs" and not is_header(table.header, mapping)):
            read_measures(
                table,
                shown,
                draft,
                source_id,
                dayfirst=dayfirst,
                zone=zone,
                mapping=mapping,
                progress=progress,
            )
        else:
            read_sheet(
                table,
                shown,
                draft,
                source_id,
                Options(dayfirst=dayfirst, zone=zone, mapping=mapping, progress=progress),
            )
    cited = {c.source for e in draft.events for c in e.cite}
    given = source is not None and existing.find("source", source) == source
    if source_id in cited and source_id not in draft.sources and not given:
        draft.add_source(
            Source(
                id=source_id,
                title=draft.name or shown,
                note=f"Imported from {shown} by timeline import.",
            )
        )
        draft.sources = {source_id: draft.sources.pop(source_id), **draft.sources}
    draft.legal_lifecycles()
    return settle(draft.imported(), existing)


def detect(path: Path, raw: bytes) -> str:
    """The format of a file, from its extension and its first bytes.

    Raises:
        ImportFileError: a JSON file that is neither TimelineJS nor a Federal Register
            response.
    """
    suffix = path.suffix.lower()
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:64]
    if _is_calendar(path, raw):
        return "ics"
    if suffix in _WORKBOOK or raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix == ".json" or head.startswith((b"{", b"[")):
        document = load(raw, path.name)
        if is_register(document):
            return "federal-register"
        if isinstance(document, dict) and isinstance(document.get("events"), list):
            return "timelinejs"
        raise ImportFileError(
            f'{path.name}: a JSON file that is neither TimelineJS ({{"events": [...]}}) nor a '
            'Federal Register API response ({"results": [...]}); say which with --format'
        )
    return "csv"


def _is_calendar(path: Path, raw: bytes) -> bool:
    """Whether a file is a calendar, from its extension or the start of `raw`."""
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:64]
    return path.suffix.lower() in _CALENDAR or head.upper().startswith(b"BEGIN:VCALENDAR")


def _is_table(path: Path, raw: bytes) -> bool:
    return path.suffix.lower() in (*_WORKBOOK, ".csv", ".tsv") or raw.startswith(b"PK\x03\x04")


def _table(path: Path, raw: bytes, shown: str, kind: str, mapping: Mapping[str, str]) -> Table:
    def header(names: object) -> bool:
        assert isinstance(names, list | tuple)
        if kind == "measures":
            return is_measures_header(names, mapping)
        return is_header(names, mapping) or (
            kind != "timelinejs" and is_measures_header(names, mapping)
        )

    workbook = kind == "xlsx" or path.suffix.lower() in _WORKBOOK or raw.startswith(b"PK\x03\x04")
    table = (read_xlsx if workbook else read_csv)(raw, shown, header)
    known_columns(table.header, mapping)
    return table


def _calendar(file: Path, existing: Existing, source: str | None, zone: str) -> Imported:
    import attrs

    from timeline._ics import read_ics

    imported = read_ics(file, source_id=source or slugify(f"ics {file.stem}"), zone=zone)
    if source is not None and existing.find("source", source) == source:
        imported = attrs.evolve(imported, sources=())  # the events cite the folder's source
    return settle(imported, existing)
