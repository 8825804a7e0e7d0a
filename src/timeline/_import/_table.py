"""Spreadsheets as tables: a CSV or .xlsx file's header row and its rows, with row numbers.

CSV is read as UTF-8 (a byte-order mark is fine); a file that is not UTF-8 is read as
Windows-1252, Excel's own choice, and the import says so. The delimiter is found from the
file's first line (`,` `;` or a tab). An .xlsx workbook's first sheet with data is read through
openpyxl (the `xlsx` extra), cells keeping their types and number formats, so a date cell
formatted "mmm yyyy" stays a month.

The header is the first row, among the first ten, that names the columns (see
`timeline._import._columns`); rows above it (a sheet's title, notes) are passed over.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from timeline.errors import ImportFileError, UsageError

__all__ = ["Cell", "Row", "Table", "read_csv", "read_xlsx"]

_HEADER_SEARCH: Final = 10
_EXCEL_EPOCH: Final = dt.date(1899, 12, 30)


@attrs.frozen
class Cell:
    """One cell: its column's header as written, its value (text, or a typed .xlsx value),
    and its number format (for dates in .xlsx)."""

    column: str
    value: Any
    number_format: str = "General"

    @property
    def text(self) -> str:
        """The value as text, "" for an empty cell; whole numbers without ".0"."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime | dt.date | dt.time):
            return value.isoformat()
        return str(value)


@attrs.frozen
class Row:
    """A data row and its number in the file (the header is row 1 when it comes first)."""

    number: int
    cells: tuple[Cell, ...]

    @property
    def empty(self) -> bool:
        return not any(cell.text.strip() for cell in self.cells)


@attrs.frozen
class Table:
    """A sheet: its header, its rows, the workbook's date epoch and what reading it noted."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    epoch: dt.date = _EXCEL_EPOCH


def read_csv(data: bytes, shown: str, is_header: Callable[[Sequence[str]], bool]) -> Table:
    """A CSV file's table; `is_header` says which row names the columns."""
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = data.decode("cp1252", "replace")
        notes.append(
            f"{shown}: not UTF-8 (byte {data[error.start]:#04x} at {error.start:,}); read as "
            "Windows-1252, Excel's encoding: check accented letters, or save as CSV UTF-8"
        )
    delimiter = "\t" if Path(shown).suffix.lower() == ".tsv" else _delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(f"{shown}: not a CSV file I can read ({error})") from error
    rows = [[Cell("", value) for value in record] for record in records]
    return _table(rows, shown, is_header, tuple(notes), _EXCEL_EPOCH)


def _delimiter(text: str) -> str:
    """`,` `;` or tab: whichever the first line (the header, or a title above it) holds most
    of outside quotes; a comma when none. (csv.Sniffer guesses quote characters too, and an
    apostrophe in the data fools it.)"""
    first = next((line for line in text.splitlines() if line.strip()), "")
    bare = re.sub(r'"[^"]*"', "", first)
    counts = {candidate: bare.count(candidate) for candidate in (",", ";", "\t")}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


def read_xlsx(data: bytes, shown: str, is_header: Callable[[Sequence[str]], bool]) -> Table:
    """The first sheet with data of an .xlsx workbook, cells typed as Excel keeps them."""
    try:
        import openpyxl
    except ImportError as error:  # pragma: no cover - the test extra installs it
        raise UsageError(
            "reading .xlsx needs openpyxl: pip install 'timeline-events[xlsx]' "
            "(or save the sheet as CSV)"
        ) from error
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(f"{shown}: not an .xlsx workbook I can read ({error})") from error
    epoch = getattr(book, "epoch", None)
    epoch_day = epoch.date() if isinstance(epoch, dt.datetime) else _EXCEL_EPOCH
    try:
        for sheet in book.worksheets:
            rows = [
                [
                    Cell("", c.value, getattr(c, "number_format", "General") or "General")
                    for c in row
                ]
                for row in sheet.iter_rows()
            ]
            if any(any(cell.text.strip() for cell in row) for row in rows):
                return _table(rows, shown, is_header, (), epoch_day)
    finally:
        book.close()
    raise ImportFileError(f"{shown}: every sheet is empty")


def _table(
    rows: list[list[Cell]],
    shown: str,
    is_header: Callable[[Sequence[str]], bool],
    notes: tuple[str, ...],
    epoch: dt.date,
) -> Table:
    index = next(
        (
            i
            for i, row in enumerate(rows[:_HEADER_SEARCH])
            if is_header([c.text.strip() for c in row])
        ),
        None,
    )
    if index is None:
        raise ImportFileError(
            f"{shown}: none of the first {_HEADER_SEARCH} rows names a date and a title column "
            "(such as 'Date' and 'Title', or TimelineJS's 'Year' and 'Headline'); name them, "
            "or say which is which with --map COLUMN=FIELD"
        )
    header = tuple(cell.text.strip() for cell in rows[index])
    body = tuple(_rows(rows[index + 1 :], header, first=index + 2))
    return Table(header=header, rows=body, notes=notes, epoch=epoch)


def _rows(rows: list[list[Cell]], header: tuple[str, ...], first: int) -> Iterator[Row]:
    for number, row in enumerate(rows, start=first):
        cells = tuple(
            Cell(
                header[i] if i < len(header) else f"column {i + 1}", cell.value, cell.number_format
            )
            for i, cell in enumerate(row)
        )
        found = Row(number=number, cells=cells)
        if not found.empty:
            yield found
