"""The shipped dataset: the seed kept byte for byte, every event sourced, dates honest."""

from __future__ import annotations

import calendar
import hashlib
import re
import tomllib
from pathlib import Path

import pytest

import timeline
from timeline._when import Precision

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "000_e71604ba73111c9d.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / SEED.name


@pytest.fixture(scope="module")
def shipped() -> timeline.Timeline:
    return timeline.load(ROOT / "events")


def test_seed_is_unchanged() -> None:
    """The seed matches its metadata's hash (and the shared copy, where it is present)."""
    meta = tomllib.loads(SEED.with_suffix(".toml").read_text(encoding="utf-8"))
    data = SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]
    assert len(data) == meta["bytes"]
    if SHARED_SEED.exists():
        assert data == SHARED_SEED.read_bytes()


def test_every_event_cites_a_checkable_source(shipped: timeline.Timeline) -> None:
    """Each event quotes a source file verbatim or cites a source with a URL or a note."""
    for event in shipped:
        assert any(c.quote or shipped.sources[c.source].url or c.note for c in event.cite), event.id


@pytest.mark.parametrize(
    ("event_id", "when", "said"),
    [
        ("xi-april-ai-pledge", "2025-04-25", "In April"),
        ("wesemibay-expo-2025", "2025-10-15/2025-10-17", "this fall"),
        ("h200-export-rollback", "2025-12-08", "this month"),
        ("sicarrier-founded", "2021~", "is simply 4 years outdated"),
        ("cn-tells-firms-not-to-buy-us-chips", "2025-06/2025-12-19", "over the last six months"),
        ("cn-chip-self-reliance-drive", "2015~/2025-12", "for over a decade"),
        ("pneumatic-tools-high-tech", "2010~", "15 years ago"),
    ],
)
def test_key_events_keep_date_and_phrase(
    shipped: timeline.Timeline, event_id: str, when: str, said: str
) -> None:
    """The examples every part of the project must handle carry their date and phrase."""
    event = shipped[event_id]
    assert str(event.when) == when
    assert event.said == said


def test_days_come_only_from_sources_that_give_them(shipped: timeline.Timeline) -> None:
    """An event dated to the day cites a second source beside the seed, which gives no day."""
    seed_ids = {s.id for s in shipped.sources.values() if s.file and s.file.startswith("seeds/")}
    for event in shipped:
        if event.when.precision <= Precision.DAY:
            assert {c.source for c in event.cite} - seed_ids, event.id


def test_labels_show_no_day_the_date_lacks(shipped: timeline.Timeline) -> None:
    """Every day a label shows ("17 October 2025") is a day its EDTF value writes."""
    months = {name: n for n, name in enumerate(calendar.month_name) if name}
    for event in shipped:
        for day, month, year in re.findall(
            r"\b(\d{1,2})[ –]+(?:[A-Z][a-z]+ )?([A-Z][a-z]+) (\d{4})", event.when.label
        ):
            assert f"{year}-{months[month]:02d}-{int(day):02d}" in str(event.when), event.id


#: The fields every status answer had before provisions, scheduled dates and amendments:
#: what `timeline status --format json` said of each policy, kept as it was.
_ANSWER_FIELDS = ("certain", "phase", "in_force", "label", "state", "possible", "reason", "pending")
_REFERENCE_FIELDS = ("event", "effect", "when", "label", "title")


def _answers_day_by_day(tl: timeline.Timeline, first: str, last: str) -> str:
    """One line per day on which some policy's answer differs from the day before."""
    import datetime as dt
    import json

    from timeline.report._json import dump_status

    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    before: dict[str, str] = {}
    lines = []
    while day <= end:
        for answer in dump_status(tl.status(day), day)["policies"]:
            kept = {key: answer[key] for key in _ANSWER_FIELDS}
            for state in [kept["state"], *kept["possible"]]:
                if state is not None:
                    old = {k: state[k] for k in ("phase", "in_force", "label", "since", "change")}
                    for key in ("since", "change"):
                        if old[key] is not None:
                            old[key] = {k: old[key][k] for k in _REFERENCE_FIELDS}
                    state.clear()
                    state.update(old)
            text = json.dumps(kept, ensure_ascii=False, sort_keys=True)
            if before.get(answer["policy"]) != text:
                lines.append(f"{day} {answer['policy']} {text}\n")
                before[answer["policy"]] = text
        day += dt.timedelta(days=1)
    return "".join(lines)


def test_every_status_answer_of_the_shipped_data_is_the_recorded_one(
    shipped: timeline.Timeline,
) -> None:
    """Day by day from 2008 to 2027, each policy's answer is the one on record (the golden
    file lists the days it changes); a change to it is a decision written in docs/dataset.md."""
    from conftest import DATA, assert_golden

    actual = _answers_day_by_day(shipped, "2008-01-01", "2027-12-31")
    assert_golden(actual, DATA / "golden" / "status" / "events-day-by-day.txt")


EU = ROOT / "examples" / "eu-ai-act"


def test_the_eu_ai_act_example_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline check examples/eu-ai-act` finds no problem."""
    from timeline._cli import main

    assert main(["check", str(EU)]) == 0
    assert "14 events" in capsys.readouterr().out


def test_the_eu_ai_act_example_cites_without_quoting() -> None:
    """No source of the example ships a file, so no citation quotes; each says what it
    establishes in a note, and every source but one (said why) links EUR-Lex."""
    example = timeline.load(EU)
    assert all(c.quote is None and c.note for e in example for c in e.cite)
    assert all(s.file is None for s in example.sources.values())
    unlinked = [s.id for s in example.sources.values() if not s.url]
    assert unlinked == ["commission-2025-11-19-digital-omnibus"]
    assert all(
        s.url is None or s.url.startswith("https://eur-lex.europa.eu/")
        for s in example.sources.values()
    )
