"""iCalendar export: RFC 5545 strictness, honest dates, reproducible bytes, the `ics` command."""

from __future__ import annotations

import datetime as dt
import difflib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import icalendar
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import timeline
from strategies import awkward_texts, ics_events, ics_whens, timelines
from timeline import (
    Citation,
    Event,
    Place,
    Policy,
    Settings,
    Source,
    Timeline,
    When,
    to_ics,
    write_ics,
)
from timeline._cli import main
from timeline._ics._dates import place
from timeline._ics._lines import escape_text, fold
from timeline._ics._write import IcsOptions
from timeline.errors import IcsError

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"
STAMP = dt.datetime(2025, 12, 19, tzinfo=dt.UTC)

# -- a strict RFC 5545 checker, independent of the writer ---------------------------------------

#: Properties whose values are TEXT (RFC 5545 §3.3.11, RFC 7986 NAME) in what we write.
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "NAME", "X-WR-CALNAME", "X-WR-CALDESC"}
_NAME = r"[A-Za-z0-9-]+"
_PARAM = rf';{_NAME}=(?:"[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*)'
CONTENT_LINE = re.compile(rf"(?P<name>{_NAME})(?P<params>(?:{_PARAM})*):(?P<value>.*)", re.S)


def unfold(data: bytes) -> list[str]:
    """Check the physical layout and return the unfolded content lines."""
    assert data.endswith(b"\r\n"), "the calendar must end with CRLF"
    physical = data[:-2].split(b"\r\n")
    for number, line in enumerate(physical, start=1):
        assert b"\r" not in line, f"line {number}: bare CR"
        assert b"\n" not in line, f"line {number}: bare LF"
        assert len(line) <= 75, f"line {number} is {len(line)} octets: {line[:80]!r}"
        line.decode("utf-8")  # raises when a fold split a multi-byte character
    logical: list[bytes] = []
    for line in physical:
        if line[:1] in (b" ", b"\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [line.decode("utf-8") for line in logical]


def assert_rfc5545(data: bytes) -> list[dict[str, list[tuple[str, str]]]]:
    """Strict checks the issue asks for; returns each VEVENT's properties (name → params, value)."""
    lines = unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    stack: list[str] = []
    calendar_props: list[str] = []
    events: list[dict[str, list[tuple[str, str]]]] = []
    tzids_defined: set[str] = set()
    tzids_used: set[str] = set()
    for line in lines:
        match = CONTENT_LINE.fullmatch(line)
        assert match, f"not a content line: {line!r}"
        name, params, value = match["name"].upper(), match["params"], match["value"]
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", value), f"control character: {line!r}"
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
            continue
        if name == "END":
            assert stack.pop() == value, f"unbalanced END:{value}"
            continue
        if stack == ["VCALENDAR"]:
            calendar_props.append(name)
        if stack[-1] == "VTIMEZONE" and name == "TZID":
            tzids_defined.add(value)
        for tzid in re.findall(r';TZID=("[^"]*"|[^;:]*)', params):
            tzids_used.add(tzid.strip('"'))
        if stack[-1] == "VEVENT":
            events[-1].setdefault(name, []).append((params, value))
        if name in TEXT_PROPS or name.startswith("X-TIMELINE"):
            bare = re.sub(r"\\[\\;,nN]", "", value)
            assert not re.search(r"[\\;,]", bare), f"unescaped TEXT in {name}: {value!r}"
        if name == "CATEGORIES":
            assert not re.search(r"(?<!\\);", value), f"unescaped ; in CATEGORIES: {value!r}"
    assert not stack
    assert calendar_props.count("VERSION") == 1
    assert "VERSION:2.0" in lines
    assert calendar_props.count("PRODID") == 1
    assert tzids_used <= tzids_defined, f"TZID without VTIMEZONE: {tzids_used - tzids_defined}"
    uids = []
    for props in events:
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert len(props.get(required, [])) == 1, f"{required} must appear once: {props}"
        uids.append(props["UID"][0][1])
        assert not ("DTEND" in props and "DURATION" in props)
    assert len(uids) == len(set(uids)), "UIDs repeat"
    return events


def unescaped(value: object) -> str:
    """A TEXT value icalendar hands over raw (NAME, X-WR-*: it types neither), unescaped."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def vevents(data: bytes) -> list[bytes]:
    """The raw bytes of each VEVENT block."""
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S)


def event(event_id: str = "e", when: str = "2025-12-08", **fields: object) -> Event:
    """A minimal valid event."""
    tz = fields.pop("tz", None)
    assert tz is None or isinstance(tz, str)
    return Event(
        id=event_id,
        title=str(fields.pop("title", "An event")),
        when=When.parse(when, tz=tz),
        cite=fields.pop("cite", (Citation(source="src"),)),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped dataset."""
    return timeline.load(EVENTS)


@pytest.fixture(scope="module")
def shipped_ics(shipped: Timeline) -> bytes:
    """The shipped dataset's calendar at a fixed DTSTAMP."""
    return to_ics(shipped, stamp=STAMP)


# -- content lines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("a, b", "a\\, b"),
        ("a; b", "a\\; b"),
        ("back\\slash", "back\\\\slash"),
        ("line\nbreak", "line\\nbreak"),
        ("crlf\r\nend", "crlf\\nend"),
        ("lone\rcr", "lone\\ncr"),
        ("\\n is not a newline", "\\\\n is not a newline"),
        ("tab\tkept", "tab\tkept"),
        ("nul\x00bell\x07 dropped", "nulbell dropped"),
        ("colon: kept", "colon: kept"),
    ],
)
def test_escape_text(text: str, escaped: str) -> None:
    """TEXT escaping covers , ; \\ and every line end; other controls are dropped."""
    assert escape_text(text) == escaped


@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
    | awkward_texts()
)
def test_escaping_octets_is_escaping_text(text: str) -> None:
    """`escape_utf8` gives the octets of `escape_text`, short values and long alike."""
    from timeline._ics._lines import escape_utf8

    assert escape_utf8(text) == escape_text(text).encode()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A" * 75, [b"A" * 75]),
        ("A" * 76, [b"A" * 75, b" A"]),
        ("A" * 74 + "é", [b"A" * 74, "é".encode()]),  # é is 2 octets: it moves to line 2
        ("A" * 73 + "中", [b"A" * 73, "中".encode()]),
        ("A" * 72 + "🎉", [b"A" * 72, "🎉".encode()]),
        ("A" * 71 + "🎉", [b"A" * 71 + "🎉".encode()]),
    ],
)
def test_fold_table(line: str, expected: list[bytes]) -> None:
    """Folding cuts at 75 octets and moves a multi-byte character whole to the next line."""
    folded = fold(line)
    parts = folded[:-2].split(b"\r\n")
    assert parts[0] == expected[0]
    assert [p[1:] for p in parts[1:]] == [e.lstrip(b" ") for e in expected[1:]]


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_fold_never_splits_a_character(text: str) -> None:
    """Any line folds into ≤75-octet lines that each decode, and unfolds to the original."""
    line = "X:" + text.replace("\r", "").replace("\n", "")
    folded = fold(line)
    assert folded.endswith(b"\r\n")
    physical = folded[:-2].split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    assert all(p.decode() is not None for p in physical)
    assert physical[0] + b"".join(p[1:] for p in physical[1:]) == line.encode()


# -- where a When lands --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notation", "tz", "lines", "marker"),
    [
        ("2025-12-08", None, ["DTSTART;VALUE=DATE:20251208", "DTEND;VALUE=DATE:20251209"], False),
        (
            "2025-10-15/2025-10-17",
            None,
            ["DTSTART;VALUE=DATE:20251015", "DTEND;VALUE=DATE:20251018"],
            False,
        ),
        ("2025-04", None, ["DTSTART;VALUE=DATE:20250401", "DTEND;VALUE=DATE:20250402"], True),
        ("2025-23", None, ["DTSTART;VALUE=DATE:20250901", "DTEND;VALUE=DATE:20250902"], True),
        ("2025-24", None, ["DTSTART;VALUE=DATE:20251201", "DTEND;VALUE=DATE:20251202"], True),
        ("201X", None, ["DTSTART;VALUE=DATE:20100101", "DTEND;VALUE=DATE:20100102"], True),
        ("2021~", None, ["DTSTART;VALUE=DATE:20210101", "DTEND;VALUE=DATE:20210102"], True),
        ("2025-12-08?", None, ["DTSTART;VALUE=DATE:20251208", "DTEND;VALUE=DATE:20251209"], True),
        ("2015/..", None, ["DTSTART;VALUE=DATE:20150101", "DTEND;VALUE=DATE:20150102"], True),
        ("../2022-10", None, ["DTSTART;VALUE=DATE:20221031", "DTEND;VALUE=DATE:20221101"], True),
        (
            "2025-06/2025-12",
            None,
            ["DTSTART;VALUE=DATE:20250601", "DTEND;VALUE=DATE:20250602"],
            True,
        ),
        ("2025-12-08T15:30:00-05:00", None, ["DTSTART:20251208T203000Z"], False),
        ("2025-12-08T15:30Z", None, ["DTSTART:20251208T153000Z"], False),
        (
            "2025-10-15T09:00",
            "Asia/Shanghai",
            ["DTSTART;TZID=Asia/Shanghai:20251015T090000"],
            False,
        ),
        (
            "2025-10-15T09:00/2025-10-15T17:30",
            "Asia/Shanghai",
            [
                "DTSTART;TZID=Asia/Shanghai:20251015T090000",
                "DTEND;TZID=Asia/Shanghai:20251015T173000",
            ],
            False,
        ),
        ("9999-12-31", None, ["DTSTART;VALUE=DATE:99991231"], False),
    ],
)
def test_place(notation: str, tz: str | None, lines: list[str], marker: bool) -> None:
    """Exact days are all-day with exclusive DTEND, instants timed, the rest one-day markers."""
    placed = place(When.parse(notation, tz=tz))
    assert list(placed.lines) == lines
    assert placed.marker is marker


def test_imprecise_event_is_a_labelled_marker() -> None:
    """A month-precise event shows its label in SUMMARY and its precision in DESCRIPTION."""
    data = to_ics([event("pledge", "2025-04", title="Xi Jinping pledges support")], stamp=STAMP)
    component = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(component["SUMMARY"]) == "Xi Jinping pledges support (April 2025)"
    assert component.decoded("DTSTART") == dt.date(2025, 4, 1)
    assert component.decoded("DTEND") == dt.date(2025, 4, 2)
    assert "known only to the month" in str(component["DESCRIPTION"])
    assert "not its actual date" in str(component["DESCRIPTION"])
    assert str(component["X-TIMELINE-WHEN"]) == "2025-04"


def test_open_start_marker_sits_on_the_last_day() -> None:
    """A span open at its start is shown on the last day it can mean."""
    data = to_ics([event("until", "../2022-10-07")], stamp=STAMP)
    component = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert component.decoded("DTSTART") == dt.date(2022, 10, 7)
    assert "(until 7 October 2022)" in str(component["SUMMARY"])
    assert "the start is not known" in str(component["DESCRIPTION"])


def test_exact_day_is_not_relabelled() -> None:
    """A day-precise event keeps its plain title and carries no precision note."""
    data = to_ics([event("day", "2025-12-08", title="Rollback")], stamp=STAMP)
    component = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(component["SUMMARY"]) == "Rollback"
    assert "Date:" not in str(component["DESCRIPTION"])


def test_zoned_event_gets_a_matching_vtimezone() -> None:
    """A local time in a named zone is written with TZID and one VTIMEZONE for that zone."""
    events = [
        event("a", "2025-10-15T09:00", tz="Asia/Shanghai"),
        event("b", "2025-07-04T12:00", tz="America/New_York"),
        event("c", "2026-01-04T12:00", tz="America/New_York"),
    ]
    data = to_ics(events, stamp=STAMP)
    assert_rfc5545(data)
    assert data.count(b"BEGIN:VTIMEZONE") == 2
    cal = icalendar.Calendar.from_ical(data)
    starts = {str(c["UID"]): c.decoded("DTSTART") for c in cal.walk("VEVENT")}
    assert starts["a@timeline.invalid"].utcoffset() == dt.timedelta(hours=8)
    assert starts["a@timeline.invalid"].hour == 9
    assert starts["b@timeline.invalid"].utcoffset() == dt.timedelta(hours=-4)  # EDT in July
    assert starts["c@timeline.invalid"].utcoffset() == dt.timedelta(hours=-5)  # EST in January


@pytest.mark.parametrize(
    ("tzid", "first_year", "last_year"),
    [
        ("America/New_York", 1995, 2030),  # daylight saving time every year
        ("Asia/Shanghai", 1995, 2030),  # none since 1991: one stretch to the end
        ("Asia/Tokyo", 2025, 2025),
        ("Europe/Kyiv", 1900, 2100),  # wars, Moscow time, then EET/EEST
        ("America/Sao_Paulo", 2015, 2022),  # daylight saving time abolished in 2019
        ("Australia/Lord_Howe", 2020, 2026),  # a half-hour change
        ("Pacific/Apia", 2010, 2013),  # skipped 30 December 2011
        ("Europe/Dublin", 1970, 2030),  # "negative" daylight saving time in zoneinfo
        ("Antarctica/Troll", 2005, 2030),  # a two-hour change
        ("UTC", 1, 9999),
    ],
)
def test_vtimezones_are_those_icalendar_builds(tzid: str, first_year: int, last_year: int) -> None:
    """Each VTIMEZONE has the octets `icalendar.Timezone.from_tzinfo` gives for its years,
    though its search stops at the last year instead of running on to 9999."""
    import zoneinfo

    from timeline._ics._write import vtimezone

    expected = icalendar.Timezone.from_tzinfo(
        zoneinfo.ZoneInfo(tzid),
        tzid=tzid,
        first_date=dt.date(max(first_year, 1), 1, 1),
        last_date=dt.date(min(last_year + 1, 9999), 1, 1),
    ).to_ical()
    assert vtimezone.__wrapped__(tzid, first_year, last_year) == expected


def _moment(year: int, month: int, day: int, hour: int, minute: int, hours: int) -> When:
    """A single moment at a UTC offset of `hours`, built directly."""
    from timeline._endpoint import Endpoint, Precision

    part = Endpoint(
        year=year,
        month=month,
        day=day,
        precision=Precision.MINUTE,
        time=dt.time(hour, minute),
        offset=dt.timedelta(hours=hours),
    )
    return When(start=part, end=part)


@given(ics_whens())
@example(When.parse("9999-12-31"))  # no day after it: no DTEND
@example(_moment(1, 1, 1, 0, 30, 5))  # before year 1 in UTC, which `When.parse` refuses
@example(_moment(9999, 12, 31, 23, 30, -5))  # after 9999 in UTC
@example(When.parse("2025-03-09T03:30:15", tz="America/New_York"))  # with seconds
def test_a_single_day_or_moment_is_written_as_the_general_case_writes_it(when: When) -> None:
    """The shortcut for one day or one moment gives the bytes `place` and `str(when)` give."""
    from timeline._ics import _write

    try:
        general: object = _write._placed(when)
    except OverflowError as error:
        general = type(error)
    try:
        quick: object = _write._dated(when)
    except OverflowError as error:
        quick = type(error)
    assert quick == general


def test_description_names_actors_sources_and_quotes() -> None:
    """DESCRIPTION carries the summary, actor names, the policy, sources with URLs and quotes."""
    tl = Timeline(
        events=[
            event(
                "e",
                summary="What happened.",
                actors=("xi",),
                place="sz",
                policy="p",
                effect=timeline.Effect.ANNOUNCED,
                said="In April",
                tags=("ai", "china"),
                url="https://example.org/e",
                cite=(Citation(source="npr", quote="Xi said so"), Citation(source="npr")),
            )
        ],
        actors=[timeline.Actor(id="xi", name="Xi Jinping")],
        places=[Place(id="sz", name="Shenzhen, China", latitude=22.54, longitude=114.06)],
        policies=[Policy(id="p", title="Self-reliance")],
        sources=[Source(id="npr", title="China rallies", publisher="NPR", url="https://npr.org/x")],
        settings=Settings(domain="chips.example"),
    )
    component = icalendar.Calendar.from_ical(to_ics(tl, stamp=STAMP)).walk("VEVENT")[0]
    description = str(component["DESCRIPTION"])
    expected = [
        "What happened.",
        "Who: Xi Jinping",
        "Policy: Self-reliance (announced)",
        "NPR: China rallies <https://npr.org/x>",
        "“Xi said so”",
        "“In April”",
    ]
    for part in expected:
        assert part in description
    assert description.count("China rallies") == 1  # one source, cited twice, named once
    assert str(component["LOCATION"]) == "Shenzhen, China"
    assert str(component["URL"]) == "https://example.org/e"
    assert [str(c) for c in component["CATEGORIES"].cats] == ["ai", "china"]
    assert str(component["UID"]) == "e@chips.example"


def test_related_to_chains_the_events_of_one_policy() -> None:
    """Each event of a policy names the previous one with RELATED-TO; others name none."""
    events = [
        event("one", "2022-10-07", policy="p"),
        event("two", "2023-10-17", policy="p"),
        event("other", "2023-01-01"),
        event("three", "2024-12-02", policy="p"),
    ]
    cal = icalendar.Calendar.from_ical(to_ics(events, stamp=STAMP))
    related = {str(c["UID"]).partition("@")[0]: c.get("RELATED-TO") for c in cal.walk("VEVENT")}
    assert related["one"] is None
    assert related["other"] is None
    assert str(related["two"]) == "one@timeline.invalid"
    assert str(related["three"]) == "two@timeline.invalid"
    assert related["three"].params["RELTYPE"] == "SIBLING"


def test_calendar_properties(shipped: Timeline, shipped_ics: bytes) -> None:
    """NAME, X-WR-CALNAME, DESCRIPTION, REFRESH-INTERVAL and X-PUBLISHED-TTL come from settings."""
    cal = icalendar.Calendar.from_ical(shipped_ics)
    assert unescaped(cal["NAME"]) == unescaped(cal["X-WR-CALNAME"]) == shipped.settings.name
    assert str(cal["DESCRIPTION"]) == shipped.settings.description
    assert unescaped(cal["X-WR-CALDESC"]) == shipped.settings.description
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in shipped_ics
    assert b"X-PUBLISHED-TTL:P1D\r\n" in shipped_ics


def test_name_and_domain_override_settings(shipped: Timeline) -> None:
    """Keyword arguments win over timeline.toml."""
    data = to_ics(shipped, name="Mine", domain="me.example", refresh="PT6H", stamp=STAMP)
    cal = icalendar.Calendar.from_ical(data)
    assert unescaped(cal["NAME"]) == "Mine"
    assert all(str(c["UID"]).endswith("@me.example") for c in cal.walk("VEVENT"))
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in data


@pytest.mark.parametrize("refresh", ["1D", "P", "PT", "daily", "P1DT", "P1D\r\nX:1"])
def test_bad_refresh_is_refused(refresh: str) -> None:
    """A refresh that is not an RFC 5545 duration is an IcsError naming it."""
    with pytest.raises(IcsError, match="not an iCalendar duration"):
        to_ics([event()], refresh=refresh, stamp=STAMP)


# -- the shipped calendar -------------------------------------------------------------------------


def test_shipped_calendar_parses_with_icalendar(shipped: Timeline, shipped_ics: bytes) -> None:
    """icalendar reads one VEVENT per shipped event, each with its UID and exact When."""
    cal = icalendar.Calendar.from_ical(shipped_ics)
    components = cal.walk("VEVENT")
    assert len(components) == len(shipped) > 0
    domain = shipped.settings.domain
    for component, original in zip(components, shipped, strict=True):
        assert str(component["UID"]) == f"{original.id}@{domain}"
        assert str(component["X-TIMELINE-WHEN"]) == str(original.when)
        assert component.decoded("DTSTAMP") == STAMP


def test_shipped_calendar_is_strict_rfc5545(shipped_ics: bytes) -> None:
    """CRLF, ≤75 octets, whole UTF-8 characters, escaped TEXT, one UID/DTSTAMP per event."""
    assert len(assert_rfc5545(shipped_ics)) > 0


def test_checker_bites() -> None:
    """The strict checker rejects each fault it is meant to catch."""
    good = to_ics([event()], stamp=STAMP)
    assert_rfc5545(good)
    faults = [
        good.replace(b"\r\n", b"\n"),
        good.replace(b"SUMMARY:An event", b"SUMMARY:An, event"),
        good.replace(b"SUMMARY:An event", b"SUMMARY:" + b"x" * 80),
        good.replace(
            b"SUMMARY:An event",
            b"SUMMARY:" + b"x" * 73 + "é".encode()[:1] + b"\r\n " + "é".encode()[1:],
        ),
        good.replace(b"DTSTAMP", b"X-DTSTAMP"),
        good.replace(b"VERSION:2.0\r\n", b""),
        good.replace(b"DTSTART;VALUE=DATE:", b"DTSTART;TZID=Nowhere:"),
        good.replace(b"END:VEVENT\r\n", b"END:VEVENT\r\n" + vevents(good)[0]),
    ]
    for bad in faults:
        with pytest.raises((AssertionError, UnicodeDecodeError)):
            assert_rfc5545(bad)


def test_events_come_in_chronological_order(shipped: Timeline) -> None:
    """Events given in any order are written by earliest bound, then latest, then id."""
    shuffled = sorted(shipped, key=lambda e: e.id, reverse=True)
    data = to_ics(shuffled, domain=shipped.settings.domain, stamp=STAMP)
    uids = re.findall(rb"UID:([^@]+)@", data)
    assert [u.decode() for u in uids] == [e.id for e in shipped]


# -- reproducible bytes --------------------------------------------------------------------------


def test_same_source_date_epoch_gives_identical_bytes(
    shipped: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs with one SOURCE_DATE_EPOCH give the same bytes, stamped with that time."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1766102400")
    first, second = to_ics(shipped), to_ics(timeline.load(EVENTS))
    assert first == second
    assert b"DTSTAMP:20251219T000000Z\r\n" in first


def test_dtstamp_is_now_without_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without SOURCE_DATE_EPOCH, DTSTAMP is the current UTC time."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    component = icalendar.Calendar.from_ical(to_ics([event()])).walk("VEVENT")[0]
    assert before <= component.decoded("DTSTAMP") <= dt.datetime.now(dt.UTC)


@pytest.mark.parametrize("epoch", ["soon", "1.5", "99999999999999999999"])
def test_bad_source_date_epoch_is_refused(epoch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed SOURCE_DATE_EPOCH is an IcsError that says how to set it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(IcsError, match="SOURCE_DATE_EPOCH"):
        to_ics([event()])


def test_naive_stamp_is_a_type_error() -> None:
    """A naive DTSTAMP is refused rather than guessed."""
    with pytest.raises(TypeError, match="naive"):
        to_ics([event()], stamp=dt.datetime(2025, 1, 1))  # noqa: DTZ001 - the point of the test


def test_a_changed_event_changes_only_its_own_vevent(shipped: Timeline) -> None:
    """Editing one event's title and summary changes its VEVENT and no other byte."""
    target = shipped.events[len(shipped) // 2]
    edited = attrs.evolve(target, title=target.title + ", revised; again", summary="New\ntext")
    changed = attrs.evolve(shipped, events=[edited if e is target else e for e in shipped])
    before, after = vevents(to_ics(shipped, stamp=STAMP)), vevents(to_ics(changed, stamp=STAMP))
    differing = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(differing) == 1
    assert f"UID:{target.id}@".encode() in after[differing[0]]
    head = to_ics(shipped, stamp=STAMP).partition(b"BEGIN:VEVENT")[0]
    assert to_ics(changed, stamp=STAMP).startswith(head)


def test_write_ics_streams_the_same_bytes(shipped: Timeline, tmp_path: Path) -> None:
    """The streaming writer and to_ics produce the same calendar."""
    path = tmp_path / "out.ics"
    with path.open("wb") as out:
        write_ics(shipped, out, stamp=STAMP)
    assert path.read_bytes() == to_ics(shipped, stamp=STAMP)


# -- hostile text ----------------------------------------------------------------------------


INJECTIONS = [
    "x\r\nDTSTART:20000101T000000Z",
    "x\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil",
    "x\rATTACH:http://evil.example",
    "x\x00\x0b\x1b[31m\x7f",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_cr_lf_in_any_field_never_creates_a_property(text: str) -> None:
    """Line ends and controls in titles, summaries, names and places stay inside their value."""
    tl = Timeline(
        events=[
            event(
                "e",
                title=text,
                summary=text,
                said=text,
                place="p",
                cite=(Citation(source="s", quote=text, note=text),),
            )
        ],
        places=[Place(id="p", name=text)],
        sources=[Source(id="s", title=text, publisher=text)],
        settings=Settings(name=text, description=text, domain="x.example" + text),
    )
    data = to_ics(tl, name=text, stamp=STAMP)
    events = assert_rfc5545(data)
    assert len(events) == 1
    assert set(events[0]) == {
        "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION",
        "TRANSP", "X-TIMELINE-WHEN", "X-TIMELINE-SAID",
    }  # fmt: skip
    assert events[0]["DTSTART"] == [(";VALUE=DATE", "20251208")]
    assert not re.search(rb"\r\n(ATTACH|UID:evil|DTSTART:2000)", data)
    component = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    expected = re.sub(
        r"[\x00-\x08\x0b-\x1f\x7f]", "", text.replace("\r\n", "\n").replace("\r", "\n")
    )
    assert str(component["SUMMARY"]) == expected


@settings(deadline=None)  # a first VTIMEZONE for a zone takes icalendar ~0.1 s
@given(ics_events(), awkward_texts())
def test_awkward_calendars_stay_strict(events: list[Event], name: str) -> None:
    """Generated events with awkward text and every date shape give a strict calendar."""
    data = to_ics(events, name=name, stamp=STAMP)
    assert len(assert_rfc5545(data)) == len(events)
    cal = icalendar.Calendar.from_ical(data)
    assert unescaped(cal["NAME"]) == name.replace("\r\n", "\n").replace("\r", "\n")


# -- the package and the command line ---------------------------------------------------------


def test_to_ics_takes_the_keywords_of_write_ics() -> None:
    """`to_ics` passes its keywords on to `write_ics`: IcsOptions names exactly those."""
    parameters = inspect.signature(write_ics).parameters.values()
    keywords = [p.name for p in parameters if p.kind is p.KEYWORD_ONLY]
    assert keywords == list(IcsOptions.__annotations__)


def test_importing_timeline_does_not_import_icalendar() -> None:
    """`import timeline` stays light; `timeline.to_ics` loads the exporter on first use."""
    code = (
        "import sys, timeline; assert 'icalendar' not in sys.modules, 'eager';"
        "assert 'timeline._ics' not in sys.modules; timeline.to_ics; timeline.from_ics;"
        "assert 'timeline._ics' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_writes_a_feed_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`timeline ics --feed NAME -o FILE` writes the named feed, titled from timeline.toml."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1766102400")
    out = tmp_path / "nvidia.ics"
    assert main(["ics", str(EVENTS), "--feed", "nvidia", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert_rfc5545(data)
    tl = timeline.load(EVENTS)
    feed = tl.settings.feeds["nvidia"]
    cal = icalendar.Calendar.from_ical(data)
    assert unescaped(cal["NAME"]) == feed.title
    expected = [f"{e.id}@{tl.settings.domain}" for e in tl.filter(feed.filter)]
    assert [str(c["UID"]) for c in cal.walk("VEVENT")] == expected
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_cli_filters_and_name(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Filters and --name apply; without -o the calendar goes to stdout."""
    assert main(["ics", str(EVENTS), "--tag", "expo", "--name", "Expo, 2025", "--to", "2025"]) == 0
    data = capsysbinary.readouterr().out
    cal = icalendar.Calendar.from_ical(data)
    assert unescaped(cal["NAME"]) == "Expo, 2025"
    tl = timeline.load(EVENTS).with_tag("expo")
    assert len(cal.walk("VEVENT")) == len(tl) > 0


def test_cli_unknown_feed_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --feed exits 2 and lists the feeds there are."""
    assert main(["ics", str(EVENTS), "--feed", "no-such-feed"]) == 2
    assert "no feed 'no-such-feed'" in capsys.readouterr().err


def test_feed_argument_selects_and_names(shipped: Timeline) -> None:
    """`feed=` keeps the feed's events and takes its title, as `timeline ics --feed` does."""
    feed = shipped.settings.feeds["us-chip-export-controls"]
    cal = icalendar.Calendar.from_ical(to_ics(shipped, feed=feed.name, stamp=STAMP))
    assert unescaped(cal["NAME"]) == feed.title
    assert str(cal["DESCRIPTION"]) == feed.description
    expected = [f"{e.id}@{shipped.settings.domain}" for e in shipped.filter(feed.filter)]
    assert [str(c["UID"]) for c in cal.walk("VEVENT")] == expected


@pytest.mark.parametrize(
    ("events", "message"),
    [("shipped", "no feed 'nope' in timeline.toml; its feeds are: "), ("list", "needs a Timeline")],
)
def test_unknown_feed_is_an_error(shipped: Timeline, events: str, message: str) -> None:
    """An unknown feed, or a feed of a bare list of events, is an IcsError saying why."""
    given_events = shipped if events == "shipped" else list(shipped)
    with pytest.raises(IcsError, match=message):
        to_ics(given_events, feed="nope", stamp=STAMP)


GOLDEN_EVENTS = ROOT / "tests" / "data" / "golden" / "events"
GOLDEN_ICS = ROOT / "tests" / "data" / "ics" / "golden" / "harbour.ics"


def test_golden_calendar() -> None:
    """The shared fixture dataset gives exactly tests/data/ics/golden/harbour.ics.

    Regenerate after a deliberate change with TIMELINE_UPDATE_GOLDEN=1 and review the diff.
    """
    data = to_ics(timeline.load(GOLDEN_EVENTS), stamp=STAMP)
    assert_rfc5545(data)
    if os.environ.get("TIMELINE_UPDATE_GOLDEN"):
        GOLDEN_ICS.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_ICS.write_bytes(data)
    expected = GOLDEN_ICS.read_bytes()
    if data != expected:
        diff = difflib.unified_diff(
            expected.decode().splitlines(), data.decode().splitlines(), "golden", "now", lineterm=""
        )
        pytest.fail("the calendar differs from the golden file:\n" + "\n".join(diff))


@settings(max_examples=100)  # every event of a timeline each time: enough at that
@given(timelines(), st.sampled_from(["", "\r", "\r\n", "a\rb", "\n"]))
def test_descriptions_escaped_in_pieces_are_escaped_whole(tl: Timeline, ending: str) -> None:
    """DESCRIPTION built from pieces escaped apart is the whole text escaped at once, CRs too."""
    from timeline._ics import _write

    ctx = _write._Context(
        domain="x",
        stamp=b"",
        names={k: a.name + ending for k, a in tl.actors.items()},
        heads={k: _write._head(s) + ending for k, s in tl.sources.items()},
        places=tl.places,
        policies=tl.policies,
        related={},
    )
    for event in tl:
        event = attrs.evolve(
            event, summary=None if event.summary is None else event.summary + ending
        )
        dated = _write._dated(event.when)
        whole = _write.escape_utf8(_write._description(event, ctx, dated.note))
        assert _write._escaped_description(event, ctx, dated) == whole


@pytest.mark.parametrize(
    ("summary", "first_line"),
    [(None, "Sources:"), ("What happened.", "What happened.")],
)
def test_description_starts_with_content(summary: str | None, first_line: str) -> None:
    """DESCRIPTION opens with the summary, or with the details when there is none; never
    with the rule that separates the two."""
    tl = Timeline(events=[event("e", summary=summary)], sources=[Source(id="src", title="S")])
    component = icalendar.Calendar.from_ical(to_ics(tl, stamp=STAMP)).walk("VEVENT")[0]
    description = str(component["DESCRIPTION"])
    assert description.splitlines()[0] == first_line
    assert ("――――" in description) is (summary is not None)


@pytest.mark.parametrize("summary", [None, "What happened.\n\nMore."])
def test_a_summary_reads_back_from_its_description(summary: str | None) -> None:
    """Importing what the writer wrote gives back the summary, or none."""
    from timeline import from_ics

    tl = Timeline(events=[event("e", summary=summary)], sources=[Source(id="src", title="S")])
    [back] = from_ics(to_ics(tl, stamp=STAMP))
    assert back.summary == summary
