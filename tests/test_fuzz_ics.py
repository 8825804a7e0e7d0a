"""Fuzzing the iCalendar importer: any bytes give events or an `IcsError`, never a crash.

Three targets, 10,000 examples each under CI=true (300 on a laptop): arbitrary bytes,
real calendars (tests/data/ics/, and what `timeline.to_ics` writes) cut up and spliced with
property lines that stress dates, durations and zones, and calendars assembled line by line
from such pieces. Every example parses one small calendar, so the file stays well under a
minute even at 30,000 examples.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import timeline
from timeline import Event, TimelineError, read_ics, to_ics
from timeline._text import CONTROL as _REFUSED  # what the loader refuses in any string

CALENDARS = Path(__file__).resolve().parent / "data" / "ics"
EVENTS = Path(__file__).resolve().parent.parent / "events"
EXAMPLES = 10_000 if os.environ.get("CI") else 300
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Property lines that reach the importer's corners: dates at the ends of the calendar,
#: durations that overflow, values of the wrong type, zones that do not exist or escape,
#: properties given twice, nesting, and our own X- properties with bad notation.
PIECES = (
    "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VTIMEZONE",
    "END:VTIMEZONE", "BEGIN:STANDARD", "END:STANDARD", "BEGIN:VALARM", "END:VALARM",
    "SUMMARY:A title", "SUMMARY:", "SUMMARY: ", "SUMMARY:a\\nb\\,c\\;d\\\\", "UID:x@y",
    "UID:CON@example", "UID:../../etc/passwd", "UID:", "DTSTART:20250101", "DTSTART:00010101",
    "DTSTART:99991231", "DTSTART:00000101", "DTSTART;VALUE=DATE:99991231",
    "DTSTART;VALUE=DATE:00010101", "DTSTART:20250101T120000Z", "DTSTART:00010101T000000Z",
    "DTSTART:99991231T235959Z", "DTSTART;TZID=Asia/Tokyo:00010101T000000",
    "DTSTART;TZID=Etc/GMT+12:00010101T000000", "DTSTART;TZID=Etc/GMT-14:99991231T230000",
    "DTSTART;TZID=Nowhere/Land:20250101T000000", "DTSTART;TZID=../../etc/passwd:20250101T0000",
    "DTSTART;TZID=Europe/Berlin:20250330T023000", "DTSTART;TZID=Europe/Berlin:20251026T023000",
    "DTSTART;VALUE=PERIOD:20250101T000000Z/PT1H", "DTSTART;VALUE=TIME:120000",
    "DTSTART;VALUE=DURATION:P1D", "DTSTART;VALUE=DATE-TIME:2025", "DTSTART:", "DTSTART:garbage",
    "DTEND:20241231", "DTEND;VALUE=DATE:00010101", "DTEND;VALUE=DATE:99991231",
    "DTEND:99991231T235959-1200", "DTEND:00010101T000000+1400",
    "DTEND;VALUE=PERIOD:20250101T000000Z/PT1H", "DTEND;VALUE=DURATION:P1D", "DTEND:x",
    "DURATION:P1000D", "DURATION:-P1000D", "DURATION:P99999999W", "DURATION:PT0S", "DURATION:x",
    "RRULE:FREQ=DAILY;COUNT=3", "RRULE:FREQ=;;;", "RRULE:FREQ=YEARLY;UNTIL=99991231",
    "RECURRENCE-ID:20250101", "EXDATE:20250102", "RDATE;VALUE=PERIOD:20250101T000000Z/PT1H",
    "URL:https://example.org/\x01\x1b[2J", "LOCATION:a\x1b[2J\u202eb",
    "LOCATION:Harbour", "LOCATION:", "LOCATION:!!!", "LOCATION:中国", "GEO:91;181", "GEO:x",
    "URL:https://example.org/a", "URL:javascript:alert(1)", "URL:", "CATEGORIES:",
    "CATEGORIES:a,b,,c", "CATEGORIES:!!!", "CATEGORIES:中国,Ünïcode", "DESCRIPTION:d\\n\\n――――\\nx",
    "X-TIMELINE-WHEN:2025-04", "X-TIMELINE-WHEN:../2025-04~", "X-TIMELINE-WHEN:2025-13",
    "X-TIMELINE-WHEN:", "X-TIMELINE-WHEN:\\,\\;", "X-TIMELINE-WHEN:99999",
    "X-TIMELINE-WHEN;X-TIMELINE-TZ=Asia/Shanghai:2025-10-15T09:00",
    "X-TIMELINE-WHEN;X-TIMELINE-TZ=../../etc/passwd:2025-10-15T09:00",
    "X-TIMELINE-WHEN;X-TIMELINE-TZ=:2025-10-15T09:00", "X-TIMELINE-SAID:this fall",
    "X-TIMELINE-SAID:", "X-WR-CALNAME:", "X-WR-CALNAME:Name\\, with comma", "TZID:Custom/Zone",
    "TZOFFSETFROM:+0100", "TZOFFSETTO:+9999", "TZOFFSETTO:x", "DTSTART;;VALUE=DATE:20250101",
    ";:", ":", "A", " folded continuation", "\tfolded with a tab", "X;Y=\"unclosed:1",
    "VERSION:2.0", "PRODID:fuzz",
)  # fmt: skip


#: Shipped events with every date shape the exporter writes (approximate year, open-ended
#: span, day, span of days, month-to-day span), few enough that each example stays fast.
SHIPPED_SAMPLE = frozenset(
    {
        "pneumatic-tools-high-tech",
        "cn-chip-self-reliance-drive",
        "xi-april-ai-pledge",
        "cn-tells-firms-not-to-buy-us-chips",
        "jarod-wang-expo-speech",
        "h200-export-rollback",
    }
)


@functools.cache
def seeds() -> tuple[bytes, ...]:
    """Real calendars: every .ics under tests/data/ics/ and what the exporter writes."""
    files = sorted(CALENDARS.rglob("*.ics"))
    found = [path.read_bytes() for path in files]
    shipped = timeline.load(EVENTS)
    few = shipped.select(lambda event: event.id in SHIPPED_SAMPLE)
    found.append(to_ics(few, stamp=dt.datetime(2025, 12, 19, tzinfo=dt.UTC)))
    return tuple(found)


def _outcome(data: bytes) -> list[Event]:
    """Import `data`; an `IcsError` (any `TimelineError`) is an answer, anything else a bug."""
    try:
        imported = read_ics(data)
    except TimelineError:
        return []
    for event in imported.events:
        assert event.cite, "every imported event cites the calendar"
        assert event.cite[0].source == imported.source.id
        for text in (event.title, event.summary, event.said, event.url):
            assert text is None or not _REFUSED.search(text), f"the loader refuses {text!r}"
    for found in imported.places:
        assert not _REFUSED.search(found.name), f"the loader refuses {found.name!r}"
    assert len({e.id for e in imported.events}) == len(imported.events), "ids repeat"
    return list(imported.events)


#: Strategies are built once: building them inside each draw costs more than the parse.
_SEED = st.integers(0, 255)  # an index into seeds(), modulo their number
_ROUNDS = st.integers(1, 4)
_WHERE_MAX = 1 << 20
_WHERE = st.integers(0, _WHERE_MAX)  # a position as a fraction of the calendar's length
_LENGTH = st.integers(0, 200)
_ACTIONS = st.sampled_from(["cut", "insert", "piece", "repeat", "truncate", "flip"])
_PIECE = st.sampled_from(PIECES)
_BREAK = st.sampled_from([b"\r\n", b"\n", b""])
_JUNK = st.binary(max_size=16)
_BYTE = st.integers(0, 255)
#: Mostly whole pieces (one choice each, so Hypothesis spends its time on the parse),
#: now and then a short random line or a known name with a random value.
_LINE = st.one_of(
    _PIECE,
    _PIECE,
    _PIECE,
    st.text(max_size=10),
    st.builds(
        "{}:{}".format,
        st.sampled_from(["SUMMARY", "DTSTART", "DTEND", "DURATION", "UID", "X-TIMELINE-WHEN"]),
        st.text(st.characters(codec="utf-8"), max_size=10),
    ),
)
_BODY = st.lists(_LINE, max_size=10)
_ENDING = st.sampled_from(["\r\n", "\n"])


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real calendar with a few cuts, splices, repeats and injected property lines."""
    found = seeds()
    data = bytearray(found[draw(_SEED) % len(found)])
    for _ in range(draw(_ROUNDS)):
        size = len(data)
        at = draw(_WHERE) * size // _WHERE_MAX
        end = min(size, at + draw(_LENGTH))
        action = draw(_ACTIONS)
        if action == "cut":
            del data[at:end]
        elif action == "insert":
            data[at:at] = draw(_JUNK)
        elif action == "piece":
            data[at:at] = draw(_BREAK) + draw(_PIECE).encode() + b"\r\n"
        elif action == "repeat":
            data[end:end] = data[at:end]
        elif action == "truncate":
            del data[at:]
        elif data:
            data[min(at, len(data) - 1)] = draw(_BYTE)
    return bytes(data)


@st.composite
def assembled(draw: st.DrawFn) -> bytes:
    """A calendar built line by line: a usual frame around pieces and random lines."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:fuzz", "BEGIN:VEVENT"]
    tail = ["END:VEVENT", "END:VCALENDAR"] if draw(st.booleans()) else []
    ending = draw(_ENDING)
    lines = [*head, *draw(_BODY), *tail]
    return (ending.join(lines) + ending).encode("utf-8", "surrogatepass")


@FUZZ
@given(data=st.binary(max_size=600))
@example(b"")
@example(b"\x00" * 10)
@example(b"BEGIN:VCALENDAR\r\n" + b"BEGIN:X\r\n" * 3000)
@example(b"\xff\xfeB\x00E\x00G\x00I\x00N\x00")
def test_arbitrary_bytes_import_or_raise_ics_error(data: bytes) -> None:
    """Random bytes never crash the importer: events, or an `IcsError`."""
    _outcome(data)


@FUZZ
@given(data=mutated())
def test_mutated_real_calendars_import_or_raise_ics_error(data: bytes) -> None:
    """Real calendars cut up and spliced with hostile lines: events or an `IcsError`."""
    _outcome(data)


@FUZZ
@given(data=assembled())
def test_assembled_calendars_import_or_raise_ics_error(data: bytes) -> None:
    """Calendars assembled from hostile property lines: events or an `IcsError`."""
    _outcome(data)


def test_seeds_cover_our_export_and_zones() -> None:
    """The mutation target starts from real calendars, our own export and zoned ones among them."""
    assert len(seeds()) >= 8
    assert any(b"X-TIMELINE-WHEN" in seed for seed in seeds())
    assert any(b"BEGIN:VTIMEZONE" in seed for seed in seeds())


def _calendar(*lines: str) -> bytes:
    body = "\r\n".join(["BEGIN:VEVENT", "SUMMARY:Edge", *lines, "END:VEVENT"])
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n{body}\r\nEND:VCALENDAR\r\n".encode()


#: VEVENTs the fuzzers found crashing the importer (OverflowError, AttributeError), kept
#: as a table so each stays fixed: the event is skipped with a warning, the rest imports.
EDGES = [
    ("DTSTART;VALUE=DATE:99991231", "DURATION:P1000D"),
    ("DTSTART;VALUE=DATE:00010102", "DURATION:-P1000D"),
    ("DTSTART;VALUE=DATE:00010101", "DTEND;VALUE=DATE:00010101"),
    ("DTSTART;VALUE=PERIOD:20250101T000000Z/PT1H",),
    ("DTSTART;VALUE=DURATION:P1D",),
    ("DTSTART;VALUE=TIME:120000",),
    ("DTSTART:20250101", "X-TIMELINE-WHEN:2025", "X-TIMELINE-WHEN:2026"),
    ("DTSTART:99991231T235959Z", "DTEND:99991231T235959-1200"),
    ("DTSTART;TZID=Etc/GMT-14:99991231T230000",),
]


@pytest.mark.parametrize("lines", EDGES)
def test_edge_vevents_are_skipped_or_imported_never_a_crash(lines: tuple[str, ...]) -> None:
    """Each found crash now imports or skips with a warning; a good event beside it stays."""
    good = _calendar("UID:good@x", "DTSTART;VALUE=DATE:20250101")
    bad = _calendar("UID:bad@x", *lines)
    both = good.replace(b"END:VCALENDAR\r\n", b"") + bad.split(b"PRODID:t\r\n", 1)[1]
    imported = read_ics(both)
    assert "good" in {e.id for e in imported.events}
    assert len(imported.events) + len(imported.skipped) == 2


def test_imported_text_holds_nothing_the_loader_refuses() -> None:
    """Controls and bidi overrides are dropped from text; a URL holding one is dropped whole."""
    data = _calendar(
        "UID:u@x",
        "DTSTART;VALUE=DATE:20250101",
        "URL:https://example.org/\x01\x1b[2J",
        "LOCATION:a\x1b[2J\u202eb",
        "DESCRIPTION:c\x07d",
    )
    (event,) = _outcome(data)
    assert event.url is None
    assert event.summary == "cd"
