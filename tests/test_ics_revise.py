"""Calendars that update: SEQUENCE and LAST-MODIFIED from the calendar a new one replaces."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import attrs
import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from strategies import ics_events
from test_ics import assert_rfc5545, vevents
from timeline import Event, Timeline, When, deadlines_ics, to_ics
from timeline._cli import main
from timeline.errors import IcsError

ROOT = Path(__file__).resolve().parent.parent
FIRST = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
SECOND = dt.datetime(2025, 12, 19, 12, 30, tzinfo=dt.UTC)
THIRD = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
ROLLBACK = "h200-export-rollback"


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped dataset."""
    return timeline.load(ROOT / "events")


def _by_uid(data: bytes) -> dict[str, bytes]:
    found = {}
    for block in vevents(data):
        uid = re.search(rb"\r\nUID:([^\r]*)\r\n", block)
        assert uid is not None
        found[uid.group(1).decode().split("@")[0]] = block
    return found


def _moved(tl: Timeline, event_id: str, when: str) -> Timeline:
    events = [attrs.evolve(e, when=When.parse(when)) if e.id == event_id else e for e in tl]
    return attrs.evolve(tl, events=events)


def test_a_changed_event_gets_the_next_sequence_and_the_others_keep_their_bytes(
    shipped: Timeline,
) -> None:
    """Only the VEVENT whose content changed (and its policy neighbour's RELATED-TO, which is
    content too) gets SEQUENCE one higher and LAST-MODIFIED; the rest are byte for byte."""
    first = to_ics(shipped, stamp=FIRST)
    changed = _moved(shipped, ROLLBACK, "2025-12")
    second = to_ics(changed, stamp=SECOND, previous=first)
    before, after = _by_uid(first), _by_uid(second)
    assert before.keys() == after.keys()
    differing = {uid for uid in after if after[uid] != before[uid]}
    assert differing == {ROLLBACK}
    assert (
        b"\r\nDTSTAMP:20251219T123000Z\r\nLAST-MODIFIED:20251219T123000Z\r\nSEQUENCE:1\r\n"
        in (after[ROLLBACK])
    )
    third = to_ics(_moved(changed, ROLLBACK, "2025-12-09"), stamp=THIRD, previous=second)
    assert b"\r\nLAST-MODIFIED:20260105T000000Z\r\nSEQUENCE:2\r\n" in _by_uid(third)[ROLLBACK]
    unchanged = to_ics(changed, stamp=THIRD, previous=second)
    assert unchanged == second  # nothing changed: every byte is the previous one
    for data in (second, third):
        assert_rfc5545(data)
        calendar = icalendar.Calendar.from_ical(data)
        sequences = {
            str(e["UID"]).split("@")[0]: int(e.get("SEQUENCE", 0)) for e in calendar.walk("VEVENT")
        }
        modified = [e for e in calendar.walk("VEVENT") if "LAST-MODIFIED" in e]
        assert all(e["LAST-MODIFIED"].dt.tzinfo is not None for e in modified)
        if data is second:
            assert sequences[ROLLBACK] == sum(sequences.values()) == 1
            assert [str(e["UID"]).split("@")[0] for e in modified] == [ROLLBACK]
        else:  # now after the commentary of 8 December: both RELATED-TO chains moved
            assert sequences[ROLLBACK] == 2
            assert sequences["h200-decision-questioned"] == 1
            assert sum(sequences.values()) == 3


def test_new_and_removed_events(shipped: Timeline) -> None:
    """A new event has LAST-MODIFIED and no SEQUENCE; an event no longer there is dropped."""
    events = list(shipped)
    first = to_ics(Timeline(events=events[1:], settings=shipped.settings), stamp=FIRST)
    second = to_ics(
        Timeline(events=events[:-1], settings=shipped.settings), stamp=SECOND, previous=first
    )
    after = _by_uid(second)
    new, gone = events[0].id, events[-1].id
    assert gone not in after
    assert (
        b"\r\nDTSTAMP:20251219T123000Z\r\nLAST-MODIFIED:20251219T123000Z\r\nDTSTART" in after[new]
    )
    assert b"SEQUENCE" not in after[new]
    assert_rfc5545(second)


@given(events=ics_events(max_size=4), data=st.data())
@settings(deadline=None, max_examples=50, suppress_health_check=[HealthCheck.too_slow])
def test_updating_is_reproducible_and_strict(events: list[Event], data: st.DataObject) -> None:
    """Two runs with the same inputs give the same bytes, which stay strict RFC 5545; a
    calendar revised against itself is itself."""
    first = to_ics(events, stamp=FIRST)
    dropped = data.draw(st.sets(st.sampled_from(range(len(events))))) if events else set()
    later = [e for n, e in enumerate(events) if n not in dropped]
    once = to_ics(later, stamp=SECOND, previous=first)
    assert to_ics(later, stamp=SECOND, previous=first) == once
    assert to_ics(later, stamp=THIRD, previous=once) == once
    assert to_ics(events, stamp=THIRD, previous=first) == first
    assert_rfc5545(once)


def test_a_previous_calendar_from_elsewhere_counts_its_sequences(shipped: Timeline) -> None:
    """SEQUENCE continues from what another writer left (folded lines, LF line ends, a
    VALARM), and its other lines are never copied."""
    event = shipped[ROLLBACK]
    uid = f"{event.id}@{shipped.settings.domain}"
    foreign = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//other//EN\nBEGIN:VEVENT\nUID:"
        + uid
        + "\nDTSTAMP:20240101T000000Z\nSEQUENCE:\n 7\nSUMMARY:INJECTED\nBEGIN:VALARM\n"
        "ACTION:DISPLAY\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n"
    ).encode()
    data = to_ics(
        Timeline(events=[event], settings=shipped.settings), stamp=SECOND, previous=foreign
    )
    assert b"\r\nSEQUENCE:8\r\n" in data
    assert b"INJECTED" not in data
    assert b"VALARM" not in data


@pytest.mark.parametrize(
    ("previous", "message"),
    [
        (b"", r"it starts with b'', not BEGIN:VCALENDAR"),
        (b"hello\r\n", r"it starts with b'hello', not BEGIN:VCALENDAR"),
        (b"BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n", r"not BEGIN:VCALENDAR"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", r"it ends with b'VERSION:2.0', not END:VCALENDAR"),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nnot a line\r\nEND:VCALENDAR\r\n",
            r"line 3 is not a content line \(b'not a line'\)",
        ),
    ],
)
def test_a_previous_file_that_is_not_a_calendar_is_refused(
    shipped: Timeline, previous: bytes, message: str
) -> None:
    """A previous file that is not iCalendar is an error saying why and what to give."""
    with pytest.raises(IcsError, match=message):
        to_ics(shipped, stamp=SECOND, previous=previous)


def _awkward_layout(data: bytes, draw: st.DrawFn) -> bytes:
    """`data` as another writer might lay it out: LF line ends, folds with tabs, a BOM,
    white space around it."""
    if draw(st.booleans()):
        data = data.replace(b"\r\n", b"\n")
    if draw(st.booleans()):
        data = data.replace(b"\n ", b"\n\t")
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\r\n"])) + data + b" \r\n"


@given(events=ics_events(max_size=5), data=st.data())
@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_reading_in_pieces_is_reading_the_whole(events: list[Event], data: st.DataObject) -> None:
    """The previous calendar read a few octets at a time gives what reading it in one piece
    gives: the same VEVENTs, digests, sequences and stamps, or the same refusal."""
    from timeline._ics import _revise

    calendar = _awkward_layout(to_ics(events, stamp=FIRST), data.draw)
    if data.draw(st.booleans()):  # cut short, or a line that is not a content line
        calendar = calendar[: data.draw(st.integers(0, len(calendar)))]
    whole: object
    try:
        whole = _revise.read_previous(calendar)
    except IcsError as error:
        whole = str(error)
    size = data.draw(st.integers(1, 97))
    sizes = _revise._CHUNK, _revise._HEAD
    _revise._CHUNK, _revise._HEAD = size, max(size, 16)  # type: ignore[misc]
    try:
        pieces: object = _revise.read_previous(calendar)
    except IcsError as error:
        pieces = str(error)
    finally:
        _revise._CHUNK, _revise._HEAD = sizes  # type: ignore[misc]
    assert pieces == whole


def test_what_is_kept_of_a_previous_vevent_does_not_grow_with_it(shipped: Timeline) -> None:
    """Of each previous VEVENT only a 16-octet digest, its SEQUENCE and two stamps are kept,
    however long it is: the calendar itself is never held."""
    import sys

    from timeline._ics._revise import read_previous

    def kept(summary: str) -> tuple[int, set[int]]:
        events = [attrs.evolve(e, summary=summary) for e in shipped]
        found = read_previous(to_ics(Timeline(events=events, settings=shipped.settings)))
        sizes = sum(sys.getsizeof(b) + sum(map(sys.getsizeof, b)) for b in found.values())
        return sizes, {len(b.digest) for b in found.values()}

    short, long = kept("Short."), kept("Long. " * 2000)
    assert short == long
    assert short[1] == {16}


def test_a_large_previous_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """Reading a 12 MB previous calendar from its file peaks at a few read-sized pieces
    (about 2 MB), not at copies of the file (a regression guard: it used to be four)."""
    import tracemalloc

    from timeline._ics._revise import _CHUNK, Revisions

    cite = (timeline.Citation(source="s"),)
    events = [
        Event(id=f"e{n}", title="An event", when=When.parse("2025-04-01"), cite=cite,
              summary=f"Event {n}. " + "Words and more words. " * 200)
        for n in range(2500)
    ]  # fmt: skip
    path = tmp_path / "old.ics"
    path.write_bytes(to_ics(events, stamp=FIRST))
    assert path.stat().st_size > 12_000_000
    tracemalloc.start()
    try:
        revisions = Revisions.of(path, "20251219T123000Z")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(revisions.previous) == len(events)
    assert peak < 16 * _CHUNK  # 4 MiB; the file is 12 MB, and reading it whole took 48


def test_the_deadline_feed_updates_too(shipped: Timeline) -> None:
    """`deadlines_ics(previous=…)` raises the SEQUENCE of a deadline whose date moved."""
    day = dt.date(2025, 11, 1)
    first = deadlines_ics(shipped, as_of=day, stamp=FIRST)
    moved = _moved(shipped, ROLLBACK, "2025-12-09")
    second = deadlines_ics(moved, as_of=day, stamp=SECOND, previous=first)
    assert re.search(
        rb"UID:deadline/h200-export-rollback@[^\r]*\r\nDTSTAMP:20251219T123000Z\r\n"
        rb"LAST-MODIFIED:20251219T123000Z\r\nSEQUENCE:1\r\n",
        second,
    )
    assert deadlines_ics(moved, as_of=day, stamp=THIRD, previous=second) == second
    assert_rfc5545(second)


def test_ics_previous_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timeline ics --previous FILE -o FILE` updates a published calendar in place; a
    missing or foreign previous file exits 1 saying so, and nothing is written."""
    events = str(ROOT / "events")
    target = tmp_path / "chips.ics"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    assert main(["ics", events, "-o", str(target)]) == 0
    first = target.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1766100000")
    assert main(["ics", events, "--previous", str(target), "-o", str(target)]) == 0
    assert target.read_bytes() == first
    (tmp_path / "note.txt").write_text("hello", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.ics")
    capsys.readouterr()
    for name, said in (
        ("missing.ics", "cannot read the previous calendar"),
        ("note.txt", "is not an iCalendar file"),
        ("pipe.ics", "is a FIFO (named pipe), not a regular file"),  # and never blocks
        (".", "is a folder, not a regular file"),
    ):
        assert main(["ics", events, "--previous", str(tmp_path / name), "-o", str(target)]) == 1
        assert said in capsys.readouterr().err
        assert target.read_bytes() == first
