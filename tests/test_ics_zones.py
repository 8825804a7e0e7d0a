"""A calendar's own zones: each file's VTIMEZONE, read exactly and within bounds."""

from __future__ import annotations

import datetime as dt
import io
import time
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline import read_ics
from timeline._ics._parse import lines, scan
from timeline._ics._zones import Zones

CALENDARS = Path(__file__).resolve().parent / "data" / "ics"


def zone_block(tzid: str, *observances: str) -> str:
    return f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n{''.join(observances)}END:VTIMEZONE\r\n"


def observance(kind: str, start: str, before: str, after: str, rule: str | None) -> str:
    lines = [f"BEGIN:{kind}", f"DTSTART:{start}", f"TZOFFSETFROM:{before}", f"TZOFFSETTO:{after}"]
    if rule:
        lines.append(f"RRULE:{rule}")
    return "\r\n".join([*lines, f"END:{kind}"]) + "\r\n"


def calendar(zones: str, start: str, tzid: str) -> bytes:
    event = f"BEGIN:VEVENT\r\nUID:e\r\nSUMMARY:E\r\nDTSTART;TZID={tzid}:{start}\r\nEND:VEVENT\r\n"
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n{zones}{event}END:VCALENDAR\r\n".encode()


FIXED = {  # the same Outlook-style name, defined differently by two files
    "+0530": zone_block("Customized Time Zone", observance("STANDARD", "16010101T000000",
                                                              "+0530", "+0530", None)),
    "-0300": zone_block("Customized Time Zone", observance("STANDARD", "16010101T000000",
                                                              "-0300", "-0300", None)),
}  # fmt: skip


def test_each_file_reads_its_own_zone() -> None:
    """Two files defining one TZID differently each get their own (no shared cache)."""
    first = read_ics(calendar(FIXED["+0530"], "20250101T090000", "Customized Time Zone"))
    second = read_ics(calendar(FIXED["-0300"], "20250101T090000", "Customized Time Zone"))
    assert str(first.events[0].when) == "2025-01-01T09:00+05:30"
    assert str(second.events[0].when) == "2025-01-01T09:00-03:00"


def test_a_zone_defined_after_its_event_is_used() -> None:
    """A VTIMEZONE after the VEVENT that names it still defines the zone."""
    data = calendar("", "20250101T090000", "Customized Time Zone").replace(
        b"END:VCALENDAR", FIXED["+0530"].encode() + b"END:VCALENDAR"
    )
    assert str(read_ics(data).events[0].when) == "2025-01-01T09:00+05:30"


NEW_YORK = zone_block(
    "Eastern Standard Time",
    observance("STANDARD", "16010101T020000", "-0400", "-0500", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"),
    observance("DAYLIGHT", "16010101T020000", "-0500", "-0400", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"),
)


# Wall times at fold=0, the one the docstring's claim is about (Hypothesis also draws fold=1).
_WALLS = st.datetimes(dt.datetime(2008, 1, 1), dt.datetime(2099, 12, 31)).map(  # noqa: DTZ001
    lambda wall: wall.replace(fold=0)
)


def _zones(data: bytes) -> Zones:
    """The zones a calendar defines, as the reader finds them."""
    return Zones(scan(lines(io.BytesIO(data))).zones)


@given(_WALLS)
def test_a_file_zone_matches_the_tz_database(wall: dt.datetime) -> None:
    """Exchange's "Eastern Standard Time" gives America/New_York's offset at any wall time
    since 2008, gaps and repeated hours read as zoneinfo reads them (fold=0)."""
    zones = _zones(calendar(NEW_YORK, "20250101T090000", "x"))
    mine = wall.replace(tzinfo=zones.get("Eastern Standard Time")).utcoffset()
    assert mine == wall.replace(tzinfo=zoneinfo.ZoneInfo("America/New_York")).utcoffset()


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("FREQ=MINUTELY", "FREQ=MINUTELY"),
        ("FREQ=DAILY", "FREQ=DAILY"),
        ("FREQ=YEARLY;BYSETPOS=1;BYMONTH=3", "BYSETPOS"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH 13"),
        ("FREQ=YEARLY;BYDAY=2SU", "without BYMONTH"),
        ("FREQ=YEARLY;COUNT=99999999", "COUNT"),
    ],
)
def test_an_absurd_observance_is_refused_at_once(rule: str, reason: str) -> None:
    """A 400-byte VTIMEZONE that would expand for minutes is refused with the reason, fast."""
    zones = zone_block("Evil", observance("STANDARD", "19700101T000000", "+0100", "+0200", rule))
    start = time.perf_counter()
    imported = read_ics(calendar(zones, "20250101T090000", "Evil"))
    assert time.perf_counter() - start < 1.0
    assert imported.events == ()
    assert "VTIMEZONE 'Evil' is refused" in imported.skipped[0]
    assert reason in imported.skipped[0]


def test_minutely_observances_that_once_ran_for_minutes_are_refused() -> None:
    """STANDARD and DAYLIGHT both repeating FREQ=MINUTELY (272 bytes) kept the old reader busy
    for minutes, expanding minute by minute to the event's date; now it is refused at once."""
    zones = zone_block(
        "Evil",
        observance("STANDARD", "19700101T000000", "+0200", "+0100", "FREQ=MINUTELY"),
        observance("DAYLIGHT", "19700101T000000", "+0100", "+0200", "FREQ=MINUTELY"),
    )
    start = time.perf_counter()
    imported = read_ics(calendar(zones, "20250601T100000", "Evil"))
    assert time.perf_counter() - start < 1.0
    assert "FREQ=MINUTELY" in imported.skipped[0]


def test_lotus_notes_rules_with_an_hour_are_read() -> None:
    """BYHOUR and BYMINUTE (one each, as Lotus Notes writes them) set the onset's time."""
    zones = zone_block(
        "Western/Central Europe",
        observance("STANDARD", "19501029T020000", "+0200", "+0100",
                   "FREQ=YEARLY;BYMINUTE=0;BYHOUR=3;BYDAY=-1SU;BYMONTH=10"),
        observance("DAYLIGHT", "19500326T020000", "+0100", "+0200",
                   "FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=-1SU;BYMONTH=3"),
    )  # fmt: skip
    before = read_ics(calendar(zones, "20251026T023000", "Western/Central Europe"))
    after = read_ics(calendar(zones, "20251026T033000", "Western/Central Europe"))
    assert str(before.events[0].when) == "2025-10-26T02:30+02:00"
    assert str(after.events[0].when) == "2025-10-26T03:30+01:00"


def test_a_rule_that_never_matches_costs_nothing() -> None:
    """30 February never comes: the zone keeps its first offset, found without a long search."""
    zones = zone_block(
        "Odd",
        observance("STANDARD", "19700101T000000", "+0100", "+0100", None),
        observance("DAYLIGHT", "19700101T000000", "+0100", "+0200",
                   "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
    )  # fmt: skip
    start = time.perf_counter()
    imported = read_ics(calendar(zones, "99990101T090000", "Odd"))
    assert time.perf_counter() - start < 1.0
    assert str(imported.events[0].when) == "9999-01-01T09:00+01:00"


def test_custom_zones_of_real_exports_agree_with_the_tz_database() -> None:
    """Apple's misspelt America/New_Yrok and Exchange's zones give the IANA zone's offsets."""
    cases = [
        ("OneEvent.ics", "America/New_Yrok", "America/New_York"),
        ("issue_836_do_not_quote_tzid.ics", "Eastern Standard Time", "America/New_York"),
        ("alarm_outlook_in_future.ics", "GMT Standard Time", "Europe/London"),
    ]
    for name, tzid, iana in cases:
        zones = _zones((CALENDARS / name).read_bytes())
        zone, reference = zones.get(tzid), zoneinfo.ZoneInfo(iana)
        for month in range(1, 13):
            wall = dt.datetime(2024, month, 15, 12)  # noqa: DTZ001 - a wall time
            assert (
                wall.replace(tzinfo=zone).utcoffset() == wall.replace(tzinfo=reference).utcoffset()
            ), (name, month)
