"""Calendars as real programs write them: a bad property costs a warning, text stays whole,
and reading stays linear in the size of the file."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import weakref

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from icalendar.parser.content_line import UFOLD, Contentline

from strategies import calendar_files, content_lines
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


# -- a component at a time -------------------------------------------------------------------

#: icalendar's own unfolding, on octets: what reading the whole file at once gives.
_WHOLE_FOLD = re.compile(UFOLD.pattern.encode())
_ZONE = ("BEGIN:VTIMEZONE", "TZID:Custom", "BEGIN:STANDARD", "DTSTART:19700101T000000",
         "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:STANDARD", "END:VTIMEZONE")  # fmt: skip
_BLOCKS = (
    _ZONE,
    ("BEGIN:VEVENT", "UID:a", "SUMMARY:A", "DTSTART;TZID=Custom:20250101T100000", "END:VEVENT"),
    ("BEGIN:VEVENT", "UID:b", "SUMMARY:B", "DTSTART:20250101", "RRULE:FREQ=WEEKLY", "END:VEVENT"),
    ("BEGIN:VEVENT", "UID:b", "SUMMARY:B moved", "RECURRENCE-ID:20250108", "DTSTART:20250109",
     "END:VEVENT"),
    ("BEGIN:VEVENT", "UID:c", "SUMMARY:C", "RECURRENCE-ID:20250108", "DTSTART:20250109",
     "END:VEVENT"),
    ("BEGIN:VEVENT", "UID:n", "SUMMARY:Outer", "DTSTART:20250101", "BEGIN:VEVENT", "UID:i",
     "SUMMARY:Inner", "DTSTART:20250102", "END:VEVENT", "END:VEVENT"),
    ("BEGIN:VTODO", "SUMMARY:t", "DTSTART:garbage", "END:VTODO"),
    ("BEGIN:VALARM", "TRIGGER:PT-2H", "END:VALARM"),
    ("X-WR-CALNAME:Named", "GEO:north"),
    ("DTSTART;TZID=\"Custom\":20250101T100000", "SUMMARY;LANGUAGE=en:a\\, b\\nc"),
    ("CATEGORIES:a\\,b,c", "CATEGORIES;X=\"q:r\":d:e", "X-COMMENT:c"),
    ("BEGIN:VCALENDAR",),
    ("END:VCALENDAR",),
)  # fmt: skip


#: VEVENTs icalendar reads whole on its own: every kind of line our splitter and property
#: shortcuts see (escapes, quoted and repeated parameters, lists, verbatim X- values, bad
#: values kept as unreadable), and no VTIMEZONE (icalendar would cache it for the process).
_VEVENTS = (
    ("BEGIN:VEVENT", "UID:a@x", "SUMMARY;LANGUAGE=en:a\\, b\\; c\\nd \\\\ e", "DTSTART:20250101",
     "DESCRIPTION;ALTREP=\"cid:x@y\":Text: with a colon", "X-TIMELINE-SAID:In\\, April",
     "END:VEVENT"),
    ("BEGIN:VEVENT", "uid:b", "summary:lower case", "DTSTART;VALUE=DATE:20250101",
     "DTEND;value=date:20250103", "CATEGORIES:one,two\\,three", "CATEGORIES:four",
     "RRULE:FREQ=WEEKLY;BYDAY=MO,TU", "END:VEVENT"),
    ("BEGIN:VEVENT", "UID:c", "SUMMARY:C", "DTSTART;TZID=America/New_York:20250101T100000",
     "DTEND;TZID=\"America/New_York\":20250101T110000", "DURATION:PT1H", "GEO:north",
     "SEQUENCE:x", "X-TIMELINE-WHEN;X-TIMELINE-TZ=Asia/Shanghai:2025-04", "END:VEVENT"),
    ("BEGIN:VEVENT", "UID:d", "SUMMARY:D", "DTSTART:20250101T100000Z", "URL:https://x.org/a?b=1",
     "ATTENDEE;CN=\"Doe, J\";ROLE=REQ-PARTICIPANT:mailto:j@x.org", "X-A;X-B=1;X-B=2:v\\,w",
     "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "END:VALARM", "END:VEVENT"),
    ("BEGIN:VEVENT", "UID:e", "SUMMARY:E", "DTSTART:garbage", "RDATE:", "EXDATE:20250101",
     "CREATED;VALUE=INTEGER:abc", "LOCATION;X=a b:Room 1", "END:VEVENT"),
)  # fmt: skip


def _whole(data: bytes) -> tuple[list[str], int, int | None]:
    """The lines, U+FFFD count and first bad byte of `data` unfolded and decoded at once."""
    unfolded = _WHOLE_FOLD.sub(b"", data)
    try:
        text, first_bad = unfolded.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        text, first_bad = unfolded.decode("utf-8-sig", "replace"), error.start
    replaced = text.count("\ufffd") - data.count("\ufffd".encode()) if first_bad is not None else 0
    return [line for line in re.split(r"\r?\n", text) if line], replaced, first_bad


def _parts(kind: type[Contentline], text: str) -> object:
    """What icalendar's splitter, or ours, makes of a line: its parts, or the error."""
    line = kind(text)
    try:
        name, params, values = line.parts()
        return name, list(params.items()), values, line.raw_parts()[2], line.value_separator_index()
    except ValueError as error:
        return str(error)


@given(content_lines())
def test_plain_lines_split_as_icalendar_splits_them(text: str) -> None:
    """The regular expression for plain lines gives icalendar's name, parameters and value,
    and every other line goes to icalendar's own splitter."""
    assert _parts(_parse._Line, text) == _parts(Contentline, text)


@given(st.binary(max_size=40).map(lambda b: bytes(b" \t\r\nab"[x % 6] for x in b)))
def test_folds_are_found_as_icalendar_finds_them(data: bytes) -> None:
    """Our spelling of the fold removes exactly what icalendar's does, empty lines and all."""
    assert _parse._FOLD.sub(b"", data) == _WHOLE_FOLD.sub(b"", data)


@given(calendar_files(blocks=_VEVENTS, mangled=False))
def test_each_vevent_is_the_one_icalendar_reads(data: bytes) -> None:
    """Split by our splitter, built by our shortcuts, each VEVENT equals what icalendar's own
    parser makes of the whole calendar, unreadable properties included."""
    theirs = [c for cal in Calendar.from_ical(data, multiple=True) for c in cal.walk("VEVENT")]
    ours = list(_parse.vevents(_parse.lines(io.BytesIO(data))))
    assert ours == theirs
    assert [(c.to_ical(), c.errors) for c in ours] == [(c.to_ical(), c.errors) for c in theirs]


@given(calendar_files(blocks=_BLOCKS), st.sampled_from([1, 7, 64, 1 << 20]))
def test_a_calendar_reads_the_same_in_any_chunks(data: bytes, chunk: int) -> None:
    """Lines read a chunk at a time are those of the whole file unfolded and decoded at once,
    with the same count and offset of bytes that are not UTF-8."""
    decoded = _parse.Decoded()
    found = list(_parse.lines(io.BytesIO(data), decoded, chunk=chunk))
    assert (found, decoded.replaced, decoded.first_bad) == _whole(data)


@given(st.permutations(_BLOCKS[:6]))
def test_blocks_in_any_order_give_the_same_events(blocks: list[tuple[str, ...]]) -> None:
    """A VTIMEZONE after the events that use it, an override before its series, a nested
    VEVENT: wherever they stand in the file, the same events are imported and skipped."""
    body = "\r\n".join(line for block in blocks for line in block)
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n{body}\r\nEND:VCALENDAR\r\n".encode()
    imported = read_ics(data)
    assert sorted((e.id, e.title, str(e.when)) for e in imported.events) == [
        ("a", "A", "2025-01-01T10:00+02:00"),
        ("b", "B", "2025-01-01"),
        ("c", "C", "2025-01-09"),
        ("i", "Inner", "2025-01-02"),
        ("n", "Outer", "2025-01-01"),
    ]
    assert [s.split(" (", 1)[1] for s in imported.skipped] == [
        "b): it changes one occurrence of a recurring event"
    ]


def _events(count: int) -> bytes:
    """A calendar of `count` VEVENTs of about 400 bytes each, with distinct UIDs."""
    vevents = "".join(
        f"BEGIN:VEVENT\r\nUID:e{n}@example.org\r\nDTSTAMP:20250101T000000Z\r\n"
        f"SUMMARY:Event {n}\r\nDESCRIPTION:{'word ' * 50}\r\nDTSTART:20250101T100000Z\r\n"
        "CATEGORIES:a,b\r\nEND:VEVENT\r\n"
        for n in range(count)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n{vevents}END:VCALENDAR\r\n".encode()


def test_vevents_come_as_the_file_is_read() -> None:
    """Each VEVENT is given once the file is read a chunk past it, never after the whole file,
    and none is kept once the next one is read."""
    data = _events(400)
    size = len(data) // 400
    stream = io.BytesIO(data)
    given_out: list[weakref.ref[object]] = []
    for index, component in enumerate(_parse.vevents(_parse.lines(stream, chunk=4096))):
        assert stream.tell() <= (index + 1) * size + 2 * 4096
        given_out.append(weakref.ref(component))
        del component
        assert sum(ref() is not None for ref in given_out) <= 2
    assert len(given_out) == 400


def test_memory_does_not_grow_with_the_vevents_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading holds a chunk and one VEVENT beyond what it gives: the peak above the result
    stays the same for 4 times the VEVENTs (it grew by 4 KB a VEVENT when the whole calendar
    was parsed at once)."""
    monkeypatch.setattr(_parse, "_CHUNK", 16_384)
    beyond = []
    for count in (150, 600):
        data = _events(count)
        tracemalloc.start()
        try:
            imported = read_ics(data)
            kept, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(imported.events) == count
        beyond.append(peak - kept)
    assert beyond[1] < beyond[0] + 200_000, beyond
