"""Spreadsheets in: any header, .xlsx with its cell types, and our own CSV read back exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given

import timeline
from strategies import file_round_trips, timelines
from timeline import Timeline, import_file

openpyxl = pytest.importorskip("openpyxl")  # the test extra installs it; CI never skips


@file_round_trips
@given(tl=timelines(max_events=6))
def test_csv_export_then_import_gives_the_same_events(tl: Timeline, tmp_path: Path) -> None:
    """report --format csv → import: the same events, dates at the same precision and zone,
    text to the character (white space and formula-guarded cells too)."""
    path = tmp_path / "timeline.csv"
    path.write_bytes(timeline.report.csv(tl).encode("utf-8"))
    imported = import_file(path)
    assert imported.skipped == ()
    back = {e.id: e for e in imported.events}
    assert set(back) == {e.id for e in tl}

    def norm(text: str | None) -> str | None:
        return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n")

    for original in tl:
        copy = back[original.id]
        assert (str(copy.when), copy.when.tz) == (str(original.when), original.when.tz)
        assert copy.title == norm(original.title)
        assert copy.said == norm(original.said)
        assert copy.summary == norm(original.summary)
        assert (copy.tags, copy.actors, copy.place) == (original.tags, original.actors,
                                                        original.place)  # fmt: skip
        assert (copy.policy, copy.effect, copy.url) == (original.policy, original.effect,
                                                        original.url)  # fmt: skip
        assert {c.source for c in copy.cite} == {c.source for c in original.cite}


def _workbook(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)


def test_xlsx_cells_keep_their_precision(tmp_path: Path) -> None:
    """A date cell formatted "mmm yyyy" is a month, "yyyy" a year, with a time an instant;
    a number 2024 is a year and 45506 an Excel serial."""
    path = tmp_path / "sheet.xlsx"
    rows: list[list[object]] = [
        ["Notes above the header are passed over"],
        ["Date", "Title"],
        [dt.datetime(2024, 8, 1), "A month"],
        [dt.datetime(2024, 1, 1), "A year"],
        [dt.datetime(2024, 8, 2, 14, 30), "An instant"],
        [dt.datetime(2024, 8, 2), "A day"],
        [2024, "A number that is a year"],
        [45506, "A serial"],
        ["Aug 2, 2024", "Text"],
        [None, "No date"],
    ]
    _workbook(path, rows, {"A3": "mmm yyyy", "A4": "yyyy", "A5": "d/m/yyyy h:mm",
                           "A6": "d/m/yyyy"})  # fmt: skip
    imported = import_file(path)
    assert [(e.title, str(e.when)) for e in imported.events] == [
        ("A month", "2024-08"),
        ("A year", "2024"),
        ("An instant", "2024-08-02T14:30Z"),
        ("A day", "2024-08-02"),
        ("A number that is a year", "2024"),
        ("A serial", "2024-08-02"),
        ("Text", "2024-08-02"),
    ]
    assert imported.skipped == ("sheet.xlsx:row 10: it has no date (its date columns are empty)",)


def test_an_xlsx_timelinejs_sheet_is_the_template(tmp_path: Path) -> None:
    """TimelineJS's template as a workbook: Year and Month only is a month, a Time cell is
    as precise as its format shows (h:mm, minutes)."""
    header = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
              "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
              "Media Thumbnail", "Type", "Group", "Background"]  # fmt: skip
    blank = [None] * len(header)

    def row(**cells: object) -> list[object]:
        values = list(blank)
        for name, value in cells.items():
            values[header.index(name.replace("_", " "))] = value
        return values

    path = tmp_path / "template.xlsx"
    _workbook(path, [
        header,
        row(Headline="My timeline", Text="<p>About <b>it</b></p>", Type="title"),
        row(Year=2024, Month=8, Headline="A month"),
        row(Year=2024, Month=8, Day=2, Time=dt.time(14, 30), Headline="A time", Group="Law"),
        row(Year=2020, End_Year=2022, Headline="An era", Type="era"),
    ], {"D4": "h:mm"})  # fmt: skip
    imported = import_file(path)
    assert imported.name == "My timeline"
    assert imported.description == "About it"
    assert [(e.title, str(e.when), e.tags) for e in imported.events] == [
        ("A month", "2024-08", ()),
        ("A time", "2024-08-02T14:30Z", ("law",)),
        ("An era", "2020/2022", ("era",)),
    ]


def test_a_csv_that_is_not_utf8_is_read_and_said(tmp_path: Path) -> None:
    """A Windows-1252 CSV (what Excel saves) imports, with a warning to check its letters."""
    path = tmp_path / "legacy.csv"
    path.write_bytes("Date;Title\r\n2024-08-02;Café crème\r\n".encode("cp1252"))
    imported = import_file(path)
    assert [e.title for e in imported.events] == ["Café crème"]
    assert "read as Windows-1252" in imported.warnings[0]


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Start,End,Headline", "2024-08-01,2024-08-05,x", "2024-08-01/2024-08-05"),
        ("Start Date,End Date,Title", "Aug 2024,Dec 2025,x", "2024-08/2025-12"),
        ("Fecha,Título", "2 agosto 2024,x", "2024-08-02"),
        ("Année,Mois,Titre", "2024,8,x", "2024-08"),
        ("Date,Time,Title,TZ", "2025-10-15,09:00,x,Asia/Shanghai", "2025-10-15T09:00"),
        ("when,title", "2025-23,x", "2025-23"),
    ],
)
def test_headers_are_found_in_any_case_and_language(
    header: str, row: str, expected: str, tmp_path: Path
) -> None:
    """Column names match whatever their case, accents and (obvious) language."""
    path = tmp_path / "s.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    (event,) = import_file(path).events
    assert str(event.when) == expected


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("2024-08-02,x,nope", "column 'Effect': 'nope' is not an effect"),
        ("2024-08-02,x,enacted", "column 'Effect': an effect needs a policy column"),
        ("2024-08-02/2024-08-01,x,", "the span ends before it starts"),
        ("next week,x,", "column 'Date': 'next week' is not a date"),
    ],
)
def test_an_unreadable_cell_skips_its_row(cells: str, message: str, tmp_path: Path) -> None:
    """A cell that cannot be read skips the row as file:row N: column 'X': …, never guessed."""
    path = tmp_path / "s.csv"
    path.write_text(f"Date,Title,Effect\n2024-01-01,ok,\n{cells}\n", encoding="utf-8")
    imported = import_file(path)
    assert [e.title for e in imported.events] == ["ok"]
    (line,) = imported.skipped
    assert line.startswith("s.csv:row 3: ")
    assert message in line


def test_unknown_columns_are_named_with_the_fix(tmp_path: Path) -> None:
    """A column the import does not use is named, with the --map that would use it."""
    path = tmp_path / "s.csv"
    path.write_text("Date,Title,Mood\n2024-01-01,x,happy\n", encoding="utf-8")
    (warning,) = import_file(path).warnings
    assert (
        warning == "s.csv: column 'Mood' is not imported; say what it holds with --map 'Mood=FIELD'"
    )
