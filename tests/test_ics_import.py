"""iCalendar import: round trips, real-world calendars, clear failures, the TOML it writes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from strategies import ics_events
from timeline import Citation, Event, When, from_ics, read_ics, to_ics
from timeline._cli import main
from timeline.errors import IcsError

ROOT = Path(__file__).resolve().parent.parent
CALENDARS = ROOT / "tests" / "data" / "ics"
STAMP = dt.datetime(2025, 12, 19, tzinfo=dt.UTC)


def _lines(text: str) -> str:
    """What a text becomes in iCalendar, which has one kind of line end."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def calendar(*vevent_lines: str, extra: str = "") -> bytes:
    """A minimal calendar around the given VEVENT property lines."""
    body = "\r\n".join(["BEGIN:VEVENT", *vevent_lines, "END:VEVENT"])
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n"
    return f"{head}{extra}{body}\r\nEND:VCALENDAR\r\n".encode()


# -- round trips ----------------------------------------------------------------------------


@settings(deadline=None)  # a first VTIMEZONE for a zone takes icalendar ~0.1 s
@given(ics_events())
def test_round_trip_keeps_ids_titles_and_whens(events: list[Event]) -> None:
    """events → .ics → events gives back the same ids, titles, When values, phrases and tags."""
    back = from_ics(to_ics(events, stamp=STAMP))
    by_id = {e.id: e for e in back}
    assert set(by_id) == {e.id for e in events}
    for original in events:
        copy = by_id[original.id]
        assert copy.title == _lines(original.title)
        assert copy.when == original.when
        assert str(copy.when) == str(original.when)
        assert copy.when.tz == original.when.tz
        assert copy.said == (_lines(original.said) if original.said else None)
        assert copy.tags == original.tags
        assert copy.url == original.url


def test_shipped_events_round_trip() -> None:
    """The shipped calendar imports back to the same ids, titles, dates, phrases and summaries."""
    shipped = timeline.load(ROOT / "events")
    back = {e.id: e for e in from_ics(to_ics(shipped, stamp=STAMP))}
    assert len(back) == len(shipped)
    for original in shipped:
        copy = back[original.id]
        assert (copy.title, copy.when, copy.said) == (original.title, original.when, original.said)
        assert copy.summary == (original.summary.strip() if original.summary else None)
        assert copy.tags == original.tags
        assert copy.url == original.url


def test_imported_toml_loads_as_data(tmp_path: Path) -> None:
    """The TOML import-ics writes is a data folder `timeline.load` accepts, dates intact."""
    events = [
        Event(id="a", title='Quotes " and \\ and\nnewlines, 中文 🎉', when=When.parse("2025-04"),
              said="In April", tags=("x",), cite=(Citation(source="s"),)),
        Event(id="b", title="Zoned", when=When.parse("2025-10-15T09:00", tz="Asia/Shanghai"),
              cite=(Citation(source="s"),)),
        Event(id="c", title="Open", when=When.parse("../2022-10-07"), cite=(Citation(source="s"),)),
    ]  # fmt: skip
    imported = read_ics(to_ics(events, stamp=STAMP), source_id="my-calendar")
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "imported.toml").write_text(imported.to_toml(), encoding="utf-8")
    loaded = timeline.load(folder)
    assert {e.id: (e.title, e.when) for e in loaded} == {e.id: (e.title, e.when) for e in events}
    assert loaded.sources["my-calendar"].note is not None
    assert all(e.cite[0].source == "my-calendar" for e in loaded)


# -- real-world calendars -------------------------------------------------------------------

#: (file, events as (id, title, when, tz), fragments of its warnings, fragments of its skips)
REAL_WORLD = [
    (
        "alarm_google_future.ics",
        [("79fs7pkqvht9m5igs0vjv1sfra", "event with alarms", "2024-10-04T18:15Z/2024-10-04T19:00Z",
          None)],
        [],
        [],
    ),
    (
        "x_location.ics",  # Google Calendar: a weekly series with an Apple structured location
        [("bfe33add-5553-48b5-b5a5-f9da5ca4c393", "Daily Sync",
          "2016-10-28T14:00/2016-10-28T14:30", "Europe/Zurich")],
        [],
        [],
    ),
    (
        "alarm_outlook_in_future.ics",
        [
            ("111", "test123", "2024-07-01/2024-07-07", None),
            ("040000008200e00074c5b7101a82e00800000000-93b3f90d4e", "test123 - edited event!!!!",
             "2024-07-01/2024-07-07", None),
            ("040000008200e00074c5b7101a82e00800000000-591896b9fb", "outlook event with alarm",
             "2024-10-04T18:30+01:00/2024-10-04T19:00+01:00", None),
        ],
        [],
        [],
    ),
    (
        "issue_836_do_not_quote_tzid.ics",  # Exchange 2010: "Eastern Standard Time" from 1601
        [("minimal-demo-event-est-20241028", "Anonymous Test Event for TZID",
          "2024-10-28T17:00-04:00/2024-10-28T18:00-04:00", None)],
        [],
        [],
    ),
    (
        "issue_165_missing_event.ics",  # Microsoft CDO: RRULE with "BYDAY=MO, TU, WE"
        [("sprint-25-daily-standup-2015-07-03t10-00-02-00-2015-07-03t10-30-02-00",
          "Sprint 25 Daily Standup", "2015-07-03T10:00+02:00/2015-07-03T10:30+02:00", None)],
        ["VEVENT 1: RRULE cannot be read"],
        [],
    ),
    (
        "issue_156_RDATE_with_PERIOD_TZID_khal_2.ics",  # HCL Notes via khal: BYHOUR zone rules
        [("bf5109494e67aae20025875100566d31-lotus-notes-generated", "(omitted)",
          "2021-11-01T16:00+01:00/2021-11-01T16:30+01:00", None)],
        [],
        [],
    ),
    (
        "OneEvent.ics",  # Apple iCal 4.0.4: a misspelt TZID its own VTIMEZONE defines
        [("89e0257d-3522-4423-b94e-60ff10bdaafa", "One Event",
          "2011-05-16T09:45-04:00/2011-05-16T11:00-04:00", None)],
        [],
        [],
    ),
    (
        "alarm_thunderbird_future.ics",
        [("b9a23b47-f109-4e7a-908c-75e925b27def", "event with alarms",
          "2024-10-23T15:00/2024-10-23T16:00", "Europe/London")],
        [],
        [],
    ),
    (
        "america_new_york.ics",
        [("noend123", "an event with a custom tz name",
          "2014-08-29T08:00-04:00/2014-08-29T10:00-04:00", None)],
        [],
        [],
    ),
    (
        "example.ics",
        [
            ("636a0cc1dbd5a1667894465", "New Year's Day", "2022-01-01", None),
            ("636a0cc1dbfd91667894465", "Orthodox Christmas", "2022-01-07", None),
            ("636a0cc1dc0f11667894465", "International Women's Day", "2022-03-08", None),
        ],
        [],
        [],
    ),
    ("issue_1231_recurrence.ics", [("test-uid", "Test recurrence", "2025-04-28T16:05Z", None)],
     [], []),
    ("broken_ical.ics", [], [], ["VEVENT 1 (abc): its DTSTART cannot be read"]),
    ("issue_722_missing_VTIMEZONE_custom.ics", [], [], ["VEVENT 1: it has no SUMMARY"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "expected", "warnings", "skipped"), REAL_WORLD)
def test_real_world_calendars(
    name: str,
    expected: list[tuple[str, str, str, str | None]],
    warnings: list[str],
    skipped: list[str],
) -> None:
    """Exports from Google, Outlook, Apple, Thunderbird and others import as expected."""
    imported = read_ics(CALENDARS / name)
    got = [(e.id, e.title, str(e.when), e.when.tz) for e in imported.events]
    assert got == expected
    for found, fragments in ((imported.warnings, warnings), (imported.skipped, skipped)):
        assert len(found) == len(fragments), found
        for line, fragment in zip(found, fragments, strict=True):
            assert fragment in line
            assert line.startswith(f"{name}: ")


@pytest.mark.parametrize("name", [name for name, events, _, _ in REAL_WORLD if events])
def test_real_world_calendars_pass_check(name: str, tmp_path: Path) -> None:
    """`timeline import` of each real calendar writes a data file that `timeline check` passes."""
    folder = tmp_path / "events"
    folder.mkdir()
    out = folder / "imported.toml"
    assert main(["import", str(CALENDARS / name), "-o", str(out)]) == 0
    assert main(["check", str(folder)]) == 0


def test_every_real_world_calendar_is_listed() -> None:
    """Each calendar in tests/data/ics has an expectation and a line in its README."""
    files = sorted(p.name for p in CALENDARS.glob("*.ics"))
    assert files == sorted(name for name, _, _, _ in REAL_WORLD)
    readme = (CALENDARS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in files)
    assert "BSD 2-Clause" in readme
    assert "Apache License" in readme


def test_recurring_event_keeps_its_rule_in_the_summary() -> None:
    """A recurring event imports as its first occurrence, its RRULE noted in the summary."""
    outlook = read_ics(CALENDARS / "alarm_outlook_in_future.ics").events[0]
    assert outlook.summary is not None
    assert "Repeats (FREQ=WEEKLY;" in outlook.summary
    assert "first occurrence" in outlook.summary


def test_an_override_of_a_series_in_the_file_is_skipped() -> None:
    """A RECURRENCE-ID occurrence whose series is in the same file is skipped with a warning."""
    data = calendar(
        "UID:series@x", "SUMMARY:Weekly", "DTSTART:20250106T090000Z", "RRULE:FREQ=WEEKLY",
        "END:VEVENT", "BEGIN:VEVENT", "UID:series@x", "SUMMARY:Moved",
        "RECURRENCE-ID:20250113T090000Z", "DTSTART:20250114T090000Z",
    )  # fmt: skip
    imported = read_ics(data)
    assert [e.id for e in imported.events] == ["series"]
    assert "changes one occurrence of a recurring event" in imported.skipped[0]


DAY, MOMENT = "DTSTART;VALUE=DATE:20250401", "DTSTART:20250401T093000Z"
ZONED = "X-TIMELINE-WHEN;X-TIMELINE-TZ=Asia/Shanghai:2025-10-15T09:00"


@pytest.mark.parametrize(
    ("lines", "zone", "expected"),
    [
        (["DTSTART;VALUE=DATE:20250401"], "UTC", "2025-04-01"),
        (["DTSTART;VALUE=DATE:20250401", "DTEND;VALUE=DATE:20250402"], "UTC", "2025-04-01"),
        ([DAY, "DTEND;VALUE=DATE:20250404"], "UTC", "2025-04-01/2025-04-03"),
        (["DTSTART;VALUE=DATE:20250401", "DURATION:P3D"], "UTC", "2025-04-01/2025-04-03"),
        (["DTSTART:20250401T093000Z"], "UTC", "2025-04-01T09:30Z"),
        (["DTSTART:20250401T093015Z"], "UTC", "2025-04-01T09:30:15Z"),
        ([MOMENT, "DURATION:PT1H"], "UTC", "2025-04-01T09:30Z/2025-04-01T10:30Z"),
        (["DTSTART:20250401T093000"], "Asia/Shanghai", "2025-04-01T09:30"),
        (["DTSTART;TZID=Europe/Berlin:20250401T093000"], "UTC", "2025-04-01T09:30"),
        (["DTSTART;TZID=America/New_York:20251102T013000"], "UTC", "2025-11-02T01:30-04:00"),
        (["DTSTART:20250401T093000Z", "X-TIMELINE-WHEN:2025-23"], "UTC", "2025-23"),
        ([DAY, ZONED], "UTC", "2025-10-15T09:00"),
    ],
)  # fmt: skip
def test_dates_from_dtstart_dtend(lines: list[str], zone: str, expected: str) -> None:
    """VALUE=DATE gives days, DATE-TIME instants; zones, DURATION and X-TIMELINE-WHEN apply."""
    (event,) = from_ics(calendar("UID:e@x", "SUMMARY:E", *lines), zone=zone)
    assert str(event.when) == expected


def test_named_zones_are_kept() -> None:
    """An IANA TZID stays the event's tz; a floating time takes the zone asked for."""
    (berlin,) = from_ics(
        calendar("UID:e@x", "SUMMARY:E", "DTSTART;TZID=Europe/Berlin:20250401T093000")
    )
    (floating,) = from_ics(
        calendar("UID:e@x", "SUMMARY:E", "DTSTART:20250401T093000"), zone="Asia/Shanghai"
    )
    assert berlin.when.tz == "Europe/Berlin"
    assert floating.when.tz == "Asia/Shanghai"
    assert floating.when.start_instant == dt.datetime(2025, 4, 1, 1, 30, tzinfo=dt.UTC)
    assert berlin.when.start_instant == dt.datetime(2025, 4, 1, 7, 30, tzinfo=dt.UTC)


def test_fields_become_records() -> None:
    """LOCATION becomes a place, CATEGORIES tags, DESCRIPTION the summary; ids stay unique."""
    data = calendar(
        "UID:Team Meeting #1", "SUMMARY:Meeting\\, weekly", "DTSTART;VALUE=DATE:20250401",
        "LOCATION:Shenzhen\\, China", "CATEGORIES:Work,Export Controls", "URL:https://example.org/m",
        "DESCRIPTION:Line one\\nLine two", "END:VEVENT", "BEGIN:VEVENT", "UID:team-meeting-1",
        "SUMMARY:Again", "DTSTART;VALUE=DATE:20250402", "URL:not a url",
    )  # fmt: skip
    imported = read_ics(data, source_id="cal")
    first, second = imported.events
    assert (first.id, second.id) == ("team-meeting-1", "team-meeting-1-2")
    assert first.title == "Meeting, weekly"
    assert first.place == "shenzhen-china"
    assert [(p.id, p.name) for p in imported.places] == [("shenzhen-china", "Shenzhen, China")]
    assert first.tags == ("work", "export-controls")
    assert first.summary == "Line one\nLine two"
    assert first.url == "https://example.org/m"
    assert second.url is None
    assert first.cite == (Citation(source="cal", note="UID Team Meeting #1"),)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b" \r\n", "is empty"),
        (b"hello, world", "not an iCalendar file"),
        (b"BEGIN:VCARD\r\nFN:Someone\r\nEND:VCARD\r\n", "holds no VCALENDAR"),
    ],
)
def test_not_a_calendar_is_a_clear_error(data: bytes, message: str) -> None:
    """Data that is not iCalendar raises IcsError saying so and what to do."""
    with pytest.raises(IcsError, match=message):
        read_ics(data)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """A file that cannot be read raises IcsError naming it."""
    with pytest.raises(IcsError, match=r"cannot read .*nope\.ics"):
        from_ics(tmp_path / "nope.ics")


def test_unknown_zone_is_refused() -> None:
    """The zone for floating times must be an IANA zone."""
    with pytest.raises(IcsError, match="'Mars/Olympus' is not a known IANA time zone"):
        read_ics(calendar("UID:e", "SUMMARY:E", "DTSTART:20250401T093000"), zone="Mars/Olympus")


def test_a_zone_the_file_does_not_define_is_skipped() -> None:
    """A TZID that is neither IANA nor in a VTIMEZONE is skipped with a warning naming it."""
    imported = read_ics(calendar("UID:e", "SUMMARY:E", "DTSTART;TZID=Nowhere:20250401T093000"))
    assert imported.events == ()
    assert "'Nowhere'" in imported.skipped[0]


# -- the command line ---------------------------------------------------------------------------


def test_cli_import_writes_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline import-ics FILE -o OUT` writes TOML that loads, and says how many events."""
    folder = tmp_path / "events"
    folder.mkdir()
    out = folder / "imported.toml"
    assert main(["import-ics", str(CALENDARS / "example.ics"), "-o", str(out)]) == 0
    assert "3 events imported" in capsys.readouterr().err
    assert len(tomllib.loads(out.read_text(encoding="utf-8"))["event"]) == 3
    assert len(timeline.load(folder)) == 3


def test_cli_import_of_nothing_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A calendar with no importable event exits 1, prints why, and writes nothing."""
    source = tmp_path / "broken.ics"
    shutil.copy(CALENDARS / "broken_ical.ics", source)
    out = tmp_path / "out.toml"
    assert main(["import-ics", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "skipped: broken.ics: VEVENT 1 (abc): its DTSTART cannot be read" in err
    assert "no event could be imported" in err
    assert not out.exists()


def test_calendar_text_is_accepted() -> None:
    """A str holding a calendar (not a path) is read as the calendar."""
    text = calendar("UID:e@x", "SUMMARY:E", "DTSTART;VALUE=DATE:20250401").decode()
    assert [str(e.when) for e in from_ics(text)] == ["2025-04-01"]


#: Lines that break calendars in the ways real files are broken.
JUNK = [
    b"", b"DTSTART:2025", b"DTSTART;VALUE=DATE:20251340", b"BEGIN:VEVENT", b"END:VEVENT",
    b"RRULE:FREQ=NOPE", b"DURATION:P-1D", b"DTSTART;TZID=Europe/Berlin:20250330T023000",
    b"SUMMARY:\xff\xfe", b"UID:", b"CATEGORIES:,,,", b"DTSTART:99991231T235959Z",
    b"X-TIMELINE-WHEN:2025-13", b"X-TIMELINE-WHEN;X-TIMELINE-TZ=Nowhere/X:2025-10-15T09:00",
    b"DURATION:P100000D", b"LOCATION:\x00\x1b", b"URL:javascript:alert(1)", b"SUMMARY:\xe2\x80\xae",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    path=st.sampled_from(sorted(CALENDARS.glob("*.ics"))),
    edits=st.lists(
        st.tuples(st.integers(0, 200), st.sampled_from(JUNK), st.booleans()), max_size=4
    ),
)
def test_broken_calendars_fail_clearly_or_import_loadable_data(
    path: Path, edits: list[tuple[int, bytes, bool]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Damaged real calendars raise IcsError or give TOML that `timeline.load` accepts."""
    lines = path.read_bytes().split(b"\n")
    for at, junk, insert in edits:
        if insert:
            lines.insert(at % (len(lines) + 1), junk)
        else:
            del lines[at % len(lines)]
    try:
        imported = read_ics(b"\n".join(lines))
    except IcsError:
        return
    if imported.events:
        folder = tmp_path_factory.mktemp("data") / "events"
        folder.mkdir()
        (folder / "imported.toml").write_text(imported.to_toml(), encoding="utf-8")
        assert len(timeline.load(folder)) == len(imported.events)


# -- messages quote the calendar safely ----------------------------------------------------------

HOSTILE_ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
    b"BEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:ok\r\nDTSTART:2025\x1b]0;owned\x07\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:b\x1b[31m@x\r\nSUMMARY:fine\r\nDTSTART;VALUE=DATE:20250101\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_warnings_never_carry_a_calendars_control_characters(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What is skipped and why quotes the bad line with its escapes written out, so a
    calendar cannot retitle or recolour the terminal of whoever imports it."""
    (in_tmp / "evil.ics").write_bytes(HOSTILE_ICS)
    imported = read_ics(in_tmp / "evil.ics")
    assert imported.skipped == (
        "evil.ics: VEVENT 1 (a@x): its DTSTART cannot be read: Expected datetime, date, "
        "or time. Got: '2025\\x1b]0;owned\\x07'",
    )
    assert main(["import-ics", "evil.ics", "-o", "imported.toml"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\\x1b]0;owned\\x07" in err


def test_an_unreadable_line_is_quoted_escaped(in_tmp: Path) -> None:
    """A line the parser cannot read is named in a warning with its control characters
    escaped, in the library too (every importer's messages go through `Imported`)."""
    imported = read_ics(b"BEGIN:VCALENDAR\r\n\x1b[2J garbage\r\n")
    assert imported.warnings
    assert not any("\x1b" in warning for warning in imported.warnings)
    assert "\\x1b[2J" in imported.warnings[0]


def test_running_out_of_memory_is_not_called_a_bad_calendar(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A calendar too big for memory is reported as that, not as "not an iCalendar file"."""

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    (in_tmp / "big.ics").write_bytes(HOSTILE_ICS)
    monkeypatch.setattr("timeline._ics._read.scan", exhausted)
    assert main(["import-ics", "big.ics"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("timeline: out of memory")
    assert "not an iCalendar file" not in err


def test_an_import_never_replaces_the_calendar_it_reads(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o is a new file, or with --force any file but the calendar being imported (nor a
    FIFO or a folder): --force is consent to replace the output, not to destroy the input."""
    (in_tmp / "cal.ics").write_bytes(HOSTILE_ICS)
    assert main(["import-ics", "cal.ics", "-o", "imported.toml"]) == 0
    assert main(["import-ics", "cal.ics", "-o", "imported.toml"]) == 2
    assert "exists; give --force to replace it" in capsys.readouterr().err
    assert main(["import-ics", "cal.ics", "-o", "imported.toml", "--force"]) == 0
    os.mkfifo(in_tmp / "pipe")
    for target, reason in (("cal.ics", "is the file it imports"), ("pipe", "is a FIFO")):
        assert main(["import-ics", "cal.ics", "-o", target, "--force"]) == 2
        assert reason in capsys.readouterr().err
    assert (in_tmp / "cal.ics").read_bytes() == HOSTILE_ICS
