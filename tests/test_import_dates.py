"""Cell dates: what spreadsheets hold, read at exactly the precision written."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import instant_spans, whens
from timeline import When
from timeline._import._dates import cell, from_parts, read_date, serial
from timeline.errors import SkippedRecordError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-08-02", "2024-08-02"),
        ("2024-08", "2024-08"),
        ("2021~", "2021~"),
        ("Aug 2, 2024", "2024-08-02"),
        ("August 2 2024", "2024-08-02"),
        ("2 August 2024", "2024-08-02"),
        ("2-Aug-2024", "2024-08-02"),
        ("Friday, August 2nd, 2024", "2024-08-02"),
        ("the 2nd of August 2024", "2024-08-02"),
        ("August 2024", "2024-08"),
        ("Aug. 2024", "2024-08"),
        ("8/2024", "2024-08"),
        ("2024/8/2", "2024-08-02"),
        ("2024-8-2", "2024-08-02"),
        ("13/2/2024", "2024-02-13"),
        ("2/13/2024", "2024-02-13"),
        ("spring 2024", "2024-21"),
        ("Fall 2024", "2024-23"),
        ("winter 2024–25", "2024-24"),
        ("c. 1990", "1990~"),
        ("circa 1990", "1990~"),
        ("1990?", "1990?"),
        ("~April 2025?", "2025-04%"),
        ("the 1990s", "199X"),
        ("1990s", "199X"),
        ("the 19th century", "18XX"),
        ("since 2015", "2015/.."),
        ("until 7 October 2022", "../2022-10-07"),
        ("2015 – 2020", "2015/2020"),
        ("2015-2020", "2015/2020"),
        ("from 2 Aug 2024 to 5 Aug 2024", "2024-08-02/2024-08-05"),
        ("between 2020 and 2022", "2020/2022"),
        ("15–17 October 2025", "2025-10-15/2025-10-17"),
        ("Aug 2–5, 2024", "2024-08-02/2024-08-05"),
        ("15 October – 17 November 2025", "2025-10-15/2025-11-17"),
        ("June–December 2025", "2025-06/2025-12"),
        ("spring–summer 2025", "2025-21/2025-22"),
        ("2 août 2024", "2024-08-02"),
        ("3. März 2024", "2024-03-03"),
        ("5 de mayo de 2024", "2024-05-05"),
        ("45506", "2024-08-02"),
        ("45506.75", "2024-08-02T18:00Z"),
        ("2024-08-02 10:30", "2024-08-02T10:30Z"),
        ("Aug 2, 2024 1:30 PM", "2024-08-02T13:30Z"),
        ("8 December 2025, 15:30:00 UTC-05:00", "2025-12-08T15:30:00-05:00"),
    ],
)
def test_spreadsheet_forms_read_at_their_precision(text: str, expected: str) -> None:
    """ISO, EDTF, the usual typed forms, serials and timeline's own labels all read."""
    assert str(read_date(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("8/2/2024", "is 8 February 2024 (day first) or 2 August 2024 (month first)"),
        ("02.08.2024", "--dayfirst (day/month/year) or --monthfirst"),
        ("8/2/24", "write the year with four digits"),
        ("winter 2024", "say which winter"),
        ("the 1900s", "write 190X (the decade) or 19XX (the century)"),
        ("Tuesday, August 2nd, 2024", "2 August 2024 is a Friday"),
        ("2024-13-01", "month 13 is neither 01–12"),
        ("31 February 2024", "day is out of range for month"),
        ("tomorrow", "is not a date timeline can read"),
        ("", "it is empty"),
        ("1 pm", "is not a date"),
    ],
)
def test_what_is_not_a_date_or_not_only_one_is_refused(text: str, message: str) -> None:
    """A date that reads two ways, or none, is refused with what would work."""
    with pytest.raises(SkippedRecordError, match=re_escape(message)):
        read_date(text)


def re_escape(text: str) -> str:
    import re

    return re.escape(text)


def test_dayfirst_decides_the_order() -> None:
    """--dayfirst and --monthfirst read 8/2/2024 as they say, and refuse a contradiction."""
    assert str(read_date("8/2/2024", dayfirst=True)) == "2024-02-08"
    assert str(read_date("8/2/2024", dayfirst=False)) == "2024-08-02"
    with pytest.raises(SkippedRecordError, match=r"month must be in 1\.\.12"):
        read_date("13/2/2024", dayfirst=False)


def test_times_take_the_zone_they_are_read_in() -> None:
    """A time without an offset is a wall time in the import's zone."""
    when = read_date("2025-10-15 09:00", zone="Asia/Shanghai")
    assert (str(when), when.tz) == ("2025-10-15T09:00", "Asia/Shanghai")
    named = read_date("15 October 2025, 09:00 Asia/Shanghai")
    assert (str(named), named.tz) == ("2025-10-15T09:00", "Asia/Shanghai")


@given(whens() | instant_spans())
def test_every_label_reads_back_as_its_value(when: When) -> None:
    """Each label timeline writes reads back as its date (the 1900s asks which it is)."""
    label = when.label
    if "00s" in label and any(
        p is not None and p.year % 100 == 0 and p.precision.name in ("DECADE", "CENTURY")
        for p in (when.start, when.end)
    ):
        return  # "the 1900s" is a decade or a century: refused, as the table above shows
    back = read_date(label)
    if when.tz == "UTC":
        assert back.sort_key() == when.sort_key()
    else:
        assert (str(back), back.tz) == (str(when), when.tz)


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (dt.datetime(2024, 8, 1), "mmm yyyy", "2024-08"),
        (dt.datetime(2024, 8, 1), "mmmm\\ yyyy", "2024-08"),
        (dt.datetime(2024, 1, 1), "yyyy", "2024"),
        (dt.datetime(2024, 8, 2), "dd/mm/yyyy", "2024-08-02"),
        (dt.datetime(2024, 8, 2), "General", "2024-08-02"),
        (dt.datetime(2024, 8, 2, 14, 30), "m/d/yyyy h:mm", "2024-08-02T14:30"),
        (dt.datetime(2024, 8, 2, 14, 30, 5), "[$-409]m/d/yy h:mm:ss AM/PM", "2024-08-02T14:30:05"),
        (dt.date(2024, 8, 2), "General", "2024-08-02"),
        (2024, "General", "2024"),
        (2024.0, "General", "2024"),
        (45506, "General", "2024-08-02"),
        ("c. 1990", "@", "1990~"),
    ],
)
def test_typed_cells_are_as_precise_as_their_format(
    value: object, number_format: str, expected: str
) -> None:
    """An .xlsx cell's number format says what the person typed: a month, a year, a time."""
    assert str(cell(value, number_format=number_format, zone="Europe/Berlin")) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (dt.time(10, 30), "a time of day without a date"),
        (True, "is not a date"),
        (999, "neither a four-digit year nor an Excel date serial"),
        (60, "neither a four-digit year"),
    ],
)
def test_typed_cells_that_are_not_dates_are_refused(value: object, message: str) -> None:
    """A time alone, a boolean or a small number is not a date."""
    with pytest.raises(SkippedRecordError, match=message):
        cell(value)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1900-01-01"), (59, "1900-02-28"), (61, "1900-03-01"), (45506, "2024-08-02"),
     (45506.5, "2024-08-02T12:00Z"), (2958465, "9999-12-31")],
)  # fmt: skip
def test_excel_serials_count_from_1900(number: float, expected: str) -> None:
    """Serials count Excel's way, its 29 February 1900 that never was included."""
    assert str(serial(number)) == expected


def test_serial_60_is_refused() -> None:
    """Excel's serial 60, 29 February 1900, names no day."""
    with pytest.raises(SkippedRecordError, match="a day that never was"):
        serial(60)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("2024",), "2024"),
        (("2024", "8"), "2024-08"),
        (("2024", "Aug"), "2024-08"),
        (("2024", "8", "2"), "2024-08-02"),
        (("2024", "8", "2", "14:30"), "2024-08-02T14:30Z"),
        (("2024", "8", "2", "2:30:15 pm"), "2024-08-02T14:30:15Z"),
        (("650",), "0650"),
        (("2024.0", "8.0"), "2024-08"),
    ],
)
def test_parts_give_only_what_they_fill(parts: tuple[str, ...], expected: str) -> None:
    """Year, Month, Day and Time cells give a date as precise as the cells filled."""
    assert str(from_parts(*parts)) == expected


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "8"), "no Year"),
        (("2024", "", "2"), "no Month"),
        (("2024", "13"), "not 1–12"),
        (("2024", "2", "30"), "has days 01–29"),
        (("-44",), "outside 1–9999"),
        (("2024", "8", "2", "25:00"), "not a time of day"),
    ],
)
def test_parts_that_make_no_date_are_refused(parts: tuple[str, ...], message: str) -> None:
    """Missing or impossible parts are refused, saying which."""
    with pytest.raises(SkippedRecordError, match=message):
        from_parts(*parts)


@given(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)))
def test_written_out_days_read_back(day: dt.date) -> None:
    """Any day written "Aug 2, 2024" or "2 August 2024" reads back as that day."""
    for text in (f"{day:%b} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}"):
        assert read_date(text) == When.from_date(day)
