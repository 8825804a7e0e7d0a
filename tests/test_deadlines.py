"""The deadline feed: one all-day VEVENT per later date on which a policy starts to bind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from test_ics import assert_rfc5545, vevents
from timeline import deadlines_ics, load
from timeline._cli import main
from timeline._ics._deadlines import feed_day
from timeline._timeline import Timeline

ROOT = Path(__file__).resolve().parent.parent
EU = ROOT / "examples" / "eu-ai-act"
STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
SIGNED = dt.date(2024, 6, 13)


@pytest.fixture(scope="module")
def eu() -> Timeline:
    return load(EU)


def test_one_all_day_event_per_deadline(eu: Timeline) -> None:
    """Entry into force and each date of application, all day, in order, strict RFC 5545."""
    data = deadlines_ics(eu, as_of=SIGNED, stamp=STAMP)
    events = assert_rfc5545(data)
    assert [e["DTSTART"][0] for e in events] == [
        (";VALUE=DATE", day) for day in ("20240801", "20250202", "20250802", "20260802", "20270802")
    ]
    assert [e["DTEND"][0][1] for e in events][:2] == ["20240802", "20250203"]
    summaries = [e["SUMMARY"][0][1] for e in events]
    assert summaries[0] == "EU Artificial Intelligence Act: takes effect"
    assert (
        summaries[2] == "EU Artificial Intelligence Act: general-purpose AI obligations applicable"
    )
    uids = [e["UID"][0][1] for e in events]
    assert uids[1] == "deadline/ai-act-prohibitions-apply@eu-ai-act.timeline.example"
    related = events[1]["RELATED-TO"][0][1]
    assert related == "ai-act-prohibitions-apply@eu-ai-act.timeline.example"


def test_only_later_dates_are_deadlines(eu: Timeline) -> None:
    """Asked on 1 March 2025, the feed starts with the general-purpose AI obligations."""
    events = assert_rfc5545(deadlines_ics(eu, as_of=dt.date(2025, 3, 1), stamp=STAMP))
    assert [e["DTSTART"][0][1] for e in events] == ["20250802", "20260802", "20270802"]
    assert assert_rfc5545(deadlines_ics(eu, as_of=dt.date(2028, 1, 1), stamp=STAMP)) == []


def test_uids_are_stable_and_a_feed_parses(eu: Timeline) -> None:
    """The same deadline keeps its UID as the feed moves on; icalendar reads it."""
    early = deadlines_ics(eu, as_of=SIGNED, stamp=STAMP)
    late = deadlines_ics(eu, as_of=dt.date(2025, 3, 1), stamp=STAMP)
    assert vevents(early)[2:] == vevents(late)
    calendar = icalendar.Calendar.from_ical(early)
    assert len(calendar.walk("VEVENT")) == 5


def test_an_imprecise_deadline_is_a_labelled_marker(tmp_path: Path) -> None:
    """A date known to the month is shown on its first day, with the month in the summary."""
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "a.toml").write_text(
        "\n".join(
            [
                '[[source]]\nid = "s"\ntitle = "S"\n',
                '[[policy]]\nid = "p"\ntitle = "A rule"\n',
                '[[event]]\nid = "rule-in-force"\ntitle = "In force"\nwhen = "2026-06"',
                'policy = "p"\neffect = "effective"\n[[event.cite]]\nsource = "s"\n',
            ]
        ),
        encoding="utf-8",
    )
    [event] = assert_rfc5545(deadlines_ics(load(folder), as_of=SIGNED, stamp=STAMP))
    assert event["DTSTART"][0][1] == "20260601"
    assert event["SUMMARY"][0][1] == "A rule: takes effect (June 2026)"
    assert "known only to the month" in event["DESCRIPTION"][0][1]


def test_source_date_epoch_fixes_the_bytes_and_the_day(
    eu: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same data and SOURCE_DATE_EPOCH: the same bytes; the feed starts on that day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1738368000")  # 1 February 2025, UTC
    assert feed_day(eu.settings.zone) == dt.date(2025, 2, 1)
    first, second = deadlines_ics(eu), deadlines_ics(eu)
    assert first == second
    assert b"DTSTAMP:20250201T000000Z" in first
    assert len(vevents(first)) == 4  # 2 February 2025 is the first deadline after the day


def test_the_command_writes_the_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`timeline ics --upcoming --as-of D -o FILE`, byte-identical on a second run."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    target = tmp_path / "deadlines.ics"
    args = ["ics", str(EU), "--upcoming", "--as-of", "2024-06-13", "-o", str(target)]
    assert main(args) == 0
    data = target.read_bytes()
    assert len(assert_rfc5545(data)) == 5
    assert main(args[:-2]) == 0
    assert capsysbinary.readouterr().out == data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--upcoming", "--tag", "ai"], "--tag do not go with --upcoming"),
        (["--upcoming", "--as-of", "June"], "--as-of: 'June' is not a date"),
        (["--as-of", "2025-01-01"], "--as-of goes with --upcoming"),
        (["--upcoming", "--policy", "nope"], "--policy: no policy with id 'nope'"),
    ],
)
def test_the_command_refuses_what_does_not_go_with_it(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Usage errors exit 2 and say what goes with what."""
    assert main(["ics", str(EU), *args]) == 2
    assert message in capsys.readouterr().err


def test_the_site_publishes_and_links_the_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timeline build` writes deadlines.ics and the index links it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1722470400")  # 1 August 2024
    assert main(["build", str(EU), "-o", str(tmp_path / "site"), "-q"]) == 0
    data = (tmp_path / "site" / "deadlines.ics").read_bytes()
    assert len(assert_rfc5545(data)) == 4
    assert '<a href="deadlines.ics">Deadlines</a>' in (tmp_path / "site" / "index.html").read_text(
        encoding="utf-8"
    )
