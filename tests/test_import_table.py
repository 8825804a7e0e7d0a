"""Spreadsheets as tables: delimiters, the header row, row numbers."""

from __future__ import annotations

import pytest

from timeline import ImportFileError
from timeline._import._sheet import is_header
from timeline._import._table import read_csv


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("Date,Title\n2024,x\n", ("2024", "x")),
        ("Date;Title\n2024;x, with a comma\n", ("2024", "x, with a comma")),
        ("Date\tTitle\n2024\tx\n", ("2024", "x")),
        ('"Date","Title"\n2024,"it\'s ""quoted"""\n', ("2024", 'it\'s "quoted"')),
    ],
)
def test_the_delimiter_is_found(text: str, cells: tuple[str, ...]) -> None:
    """Comma, semicolon or tab, from the first line; quotes are CSV's own."""
    table = read_csv(text.encode(), "s.csv", is_header)
    assert tuple(cell.text for cell in table.rows[0].cells) == cells


def test_rows_above_the_header_are_passed_over() -> None:
    """A title and notes above the header are not data; rows keep their file numbers."""
    text = "My sheet,\nsome notes,\nDate,Title\n2024,x\n,\n2025,y\n"
    table = read_csv(text.encode(), "s.csv", is_header)
    assert table.header == ("Date", "Title")
    assert [row.number for row in table.rows] == [4, 6]


def test_no_header_is_an_error() -> None:
    """A sheet none of whose first rows names the columns says what to name them."""
    with pytest.raises(ImportFileError, match="none of the first 10 rows names a date"):
        read_csv(b"1,2\n3,4\n", "s.csv", is_header)
