"""Calendars as real programs write them: a bad property costs a warning, text stays whole,
and reading stays linear in the size of the file."""

from __future__ import annotations

import io
import time

import pytest

from timeline import read_ics
from timeline._ics import _parse
from timeline._text import MAX_TEXT


def calendar(*vevent_lines: str, extra: str = "", events: int = 1) -> bytes:
    """A calendar of `events` VEVENTs, each with the given property lines."""
    body = "\r\n".join(["BEGIN:VEVENT", *vevent_lines, "END:VEVENT"])
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
    return f"{head}{extra}{(body + chr(13) + chr(10)) * events}END:VCALENDAR\r\n".encode()


GOOD = ("SUMMARY:Kept", "DTSTART:20250101T100000Z")


@pytest.mark.parametrize(
    ("lines", "warning"),
    [
        (["UID:a", "RRULE:FREQ=WEEKLY;BYDAY=MO, TU, WE"], "RRULE cannot be read"),
        (["UID:a", "BEGIN:VALARM", "TRIGGER:PT-2H", "ACTION:DISPLAY", "END:VALARM"],
         "VALARM TRIGGER cannot be read"),
        (["UID:a", "CREATED;VALUE=INTEGER:abc"], "CREATED cannot be read"),
        (["UID:a", "GEO:north"], "GEO cannot be read"),
        (["UID:a", "SEQUENCE:x"], "SEQUENCE cannot be read"),
    ],
)  # fmt: skip
def test_a_property_the_event_does_not_need_costs_a_warning(lines: list[str], warning: str) -> None:
    """An unreadable RRULE, alarm trigger or unknown value keeps the event and says so."""
    imported = read_ics(calendar(*GOOD, *lines))
    assert [e.title for e in imported.events] == ["Kept"]
    assert imported.skipped == ()
    assert len(imported.warnings) == 1
    assert warning in imported.warnings[0]


def test_a_broken_alarm_never_costs_the_file() -> None:
    """A VALARM icalendar refuses outright (TRIGGER:PT-2H) no longer stops the whole file."""
    alarm = ("BEGIN:VALARM", "TRIGGER:PT-2H", "ACTION:DISPLAY", "END:VALARM")
    data = calendar(*GOOD, "UID:a", *alarm).replace(
        b"END:VCALENDAR",
        b"BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Next\r\nDTSTART:20250102\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )
    assert [e.id for e in read_ics(data).events] == ["a", "b"]


def test_an_unreadable_rule_is_noted_as_written() -> None:
    """The first occurrence is imported and the rule kept in the summary as the file has it."""
    (event,) = read_ics(calendar(*GOOD, "UID:a", "RRULE:FREQ=WEEKLY;BYDAY=MO, TU")).events
    assert event.summary is not None
    assert "Repeats (FREQ=WEEKLY;BYDAY=MO, TU, a rule that cannot be read)" in event.summary


@pytest.mark.parametrize(
    ("lines", "skip"),
    [
        (["SUMMARY:x", "DTSTART:garbage"], "its DTSTART cannot be read"),
        (["SUMMARY:x", "DTSTART:20250101T100000Z", "DURATION:soon"], "its DURATION cannot be read"),
        (["SUMMARY:x", "DTSTART;;VALUE=DATE:20250101"], "its DTSTART cannot be read"),
    ],
)
def test_what_the_event_needs_unreadable_skips_it(lines: list[str], skip: str) -> None:
    """A DTSTART or DURATION that cannot be read skips the event, saying which."""
    imported = read_ics(calendar("UID:a", *lines))
    assert imported.events == ()
    assert skip in imported.skipped[0]


def test_distinct_locations_stay_distinct_places() -> None:
    """LOCATIONs in scripts that do not fold to ASCII get ids of their own, stable by name."""
    names = ("北京", "上海", "北京", "Москва")
    vevents = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}\r\nSUMMARY:E\r\nDTSTART:20250101\r\nLOCATION:{name}\r\n"
        "END:VEVENT\r\n"
        for n, name in enumerate(names)
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n{vevents}END:VCALENDAR\r\n".encode()
    imported = read_ics(data)
    places = {p.name: p.id for p in imported.places}
    assert sorted(places) == sorted(set(names))
    assert len(set(places.values())) == 3
    assert [e.place for e in imported.events] == [places[name] for name in names]
    assert read_ics(data).places == imported.places


def test_non_ascii_categories_are_kept() -> None:
    """Categories that fold keep their slug; others get a hashed tag and are noted as written."""
    (event,) = read_ics(calendar("UID:a", *GOOD, "CATEGORIES:中国,Ünïcode,Export Controls")).events
    assert event.tags[1:] == ("unicode", "export-controls")
    assert event.tags[0].startswith("tag-")
    assert event.cite[0].note is not None
    assert "Categories as written: 中国" in event.cite[0].note


def test_text_that_must_change_is_said() -> None:
    """A DESCRIPTION cut to the field limit and a dropped control character both warn."""
    long = "x" * (MAX_TEXT + 5)
    imported = read_ics(calendar("UID:a", *GOOD, f"DESCRIPTION:{long}", "LOCATION:a\x07b"))
    (event,) = imported.events
    assert event.summary == "x" * MAX_TEXT
    assert any("cut to its first 100,000" in w for w in imported.warnings)
    assert any("LOCATION: 1 control" in w for w in imported.warnings)


def test_bytes_that_are_not_utf8_are_counted() -> None:
    """A file that is not UTF-8 imports, with a warning saying how many bytes became U+FFFD."""
    data = calendar("UID:a", "DTSTART:20250101T100000Z", "SUMMARY:Caf\xe9").replace(
        "Café".encode(), b"Caf\xe9"
    )
    imported = read_ics(data)
    assert imported.events[0].title == "Caf\ufffd"
    assert "1 byte(s) are not UTF-8" in imported.warnings[0]


def test_a_file_cut_short_keeps_what_it_holds() -> None:
    """A download that stopped mid-VEVENT imports what is there, saying it may be cut short."""
    whole = calendar("UID:a", *GOOD).replace(b"END:VCALENDAR\r\n", b"")
    data = whole + b"BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Cut\r\nDTSTART:20250102\r\nDESCRIPTION:half"
    imported = read_ics(data)
    assert [(e.id, e.summary) for e in imported.events] == [("a", None), ("b", "half")]
    assert [w.split(": ", 2)[1] for w in imported.warnings] == ["VCALENDAR", "VEVENT 2 (b)"]
    assert all("it may have been cut short" in w for w in imported.warnings)


def test_a_fold_inside_a_character_keeps_it_whole() -> None:
    """Folding is by octets: a character split across a fold is joined before decoding."""
    title = "中文标题".encode()
    data = calendar("UID:a", "DTSTART:20250101T100000Z", "SUMMARY:X").replace(
        b"SUMMARY:X", b"SUMMARY:" + title[:4] + b"\r\n " + title[4:]
    )
    imported = read_ics(data)
    assert imported.events[0].title == "中文标题"
    assert imported.warnings == ()
    assert list(_parse.lines(io.BytesIO(b"A\r\n B"))) == ["AB"]


# -- linear in the size of the file --------------------------------------------------------------


def _seconds(data: bytes) -> float:
    start = time.perf_counter()
    read_ics(data)
    return time.perf_counter() - start


def test_forty_thousand_categories_read_in_seconds() -> None:
    """40,000 categories in one calendar import in well under a second (8 s when quadratic)."""
    categories = ",".join(f"topic {n}" for n in range(40_000))
    data = calendar("UID:a", *GOOD, f"CATEGORIES:{categories}")
    assert _seconds(data) < 3.0
    assert len(read_ics(data).events[0].tags) == 40_000


def test_repeated_uids_read_in_linear_time() -> None:
    """10,000 VEVENTs sharing one UID get ids a-2 … a-10000 in about a second (9 s when
    each searched the ids before it)."""
    data = calendar("UID:a", *GOOD, events=10_000)
    assert _seconds(data) < 6.0
    ids = [e.id for e in read_ics(calendar("UID:a", *GOOD, events=4)).events]
    assert ids == ["a", "a-2", "a-3", "a-4"]
