"""The JSON export (timeline.report.json) and reading it back (timeline.load_json)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import timeline
from strategies import recorded_timelines, timelines
from timeline import DataError, Timeline, When
from timeline.report import _json as report_json
from timeline.report._json import loads

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden"
SCHEMA = json.loads((ROOT / "docs" / "json-schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def same(a: Timeline, b: Timeline) -> bool:
    """Timelines are equal when their events (in order), records and settings are."""
    return (
        a.events == b.events
        and dict(a.actors) == dict(b.actors)
        and dict(a.places) == dict(b.places)
        and dict(a.policies) == dict(b.policies)
        and dict(a.sources) == dict(b.sources)
        and a.settings == b.settings
    )


def errors(document: Any) -> list[str]:
    """Every schema violation in `document`, as readable text."""
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped chip-policy dataset."""
    return timeline.load(ROOT / "events")


@pytest.fixture(scope="module")
def golden() -> Timeline:
    """The small fixture dataset every golden file is made from."""
    return timeline.load(GOLDEN / "events")


def test_the_schema_is_valid_draft_2020_12() -> None:
    """docs/json-schema.json is itself a valid JSON Schema (draft 2020-12)."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@given(tl=timelines())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_gives_the_same_timeline(tl: Timeline) -> None:
    """model → JSON → model is the identity, and the JSON is the same bytes the second time."""
    text = report_json.render(tl)
    back = loads(text)
    assert same(back, tl)
    assert report_json.render(back) == text


@given(tl=timelines())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_export_validates_against_the_schema(tl: Timeline) -> None:
    """Whatever the timeline holds, its export obeys docs/json-schema.json."""
    assert errors(json.loads(report_json.render(tl))) == []


@given(tl=recorded_timelines())
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_recorded_days_round_trip_and_obey_the_schema(tl: Timeline) -> None:
    """`recorded` on events and citations comes back from the export, which the schema
    accepts."""
    text = report_json.render(tl)
    assert same(loads(text), tl)
    assert errors(json.loads(text)) == []


def test_shipped_events_round_trip_through_a_file(shipped: Timeline, tmp_path: Path) -> None:
    """timeline.load() on an exported .json file gives back the shipped timeline."""
    path = tmp_path / "timeline.json"
    path.write_text(report_json.render(shipped), encoding="utf-8")
    assert same(timeline.load(path), shipped)
    assert same(timeline.load_json(str(path)), shipped)
    assert errors(json.loads(path.read_text(encoding="utf-8"))) == []


def test_events_are_in_chronological_order(shipped: Timeline) -> None:
    """The events array follows the timeline's documented order."""
    document = report_json.dump(shipped)
    assert [e["id"] for e in document["events"]] == [e.id for e in shipped]
    assert len(document["events"]) == len(shipped) > 10


@pytest.mark.parametrize(
    ("when", "tz", "earliest", "latest", "precision", "qualifier", "label"),
    [
        ("2025-04", None, "2025-04-01", "2025-04-30", "month", None, "April 2025"),
        ("2025-23", None, "2025-09-01", "2025-11-30", "season", None, "autumn 2025"),
        ("2025-24", None, "2025-12-01", "2026-02-28", "season", None, "winter 2025–26"),
        ("201X", None, "2010-01-01", "2019-12-31", "decade", None, "the 2010s"),
        ("2021~", None, "2021-01-01", "2021-12-31", "year", "approximate", "~2021"),
        ("2025-04?", None, "2025-04-01", "2025-04-30", "month", "uncertain", "April 2025?"),
        ("2015/..", None, "2015-01-01", None, "year", None, "since 2015"),
        ("../2022-10-07", None, None, "2022-10-07", "day", None, "until 7 October 2022"),
        (
            "2025-12-08T15:30-05:00",
            None,
            "2025-12-08T15:30:00-05:00",
            "2025-12-08T15:30:00-05:00",
            "minute",
            None,
            "8 December 2025, 15:30 UTC-05:00",
        ),
        (
            "2025-10-15T09:00",
            "Asia/Shanghai",
            "2025-10-15T09:00:00+08:00",
            "2025-10-15T09:00:00+08:00",
            "minute",
            None,
            "15 October 2025, 09:00 Asia/Shanghai",
        ),
    ],
)
def test_derived_date_fields(
    when: str,
    tz: str | None,
    earliest: str | None,
    latest: str | None,
    precision: str,
    qualifier: str | None,
    label: str,
) -> None:
    """earliest/latest/precision/qualifier/label are the When's, in ISO 8601 and plain words."""
    event = timeline.Event(
        id="e",
        title="t",
        when=When.parse(when, tz=tz),
        cite=(timeline.Citation(source="s"),),
    )
    tl = Timeline(events=[event], sources=[timeline.Source(id="s", title="S")])
    (row,) = report_json.dump(tl)["events"]
    assert (row["when"], row["tz"]) == (when, tz)
    assert (row["earliest"], row["latest"]) == (earliest, latest)
    assert (row["precision"], row["qualifier"], row["label"]) == (precision, qualifier, label)


def test_derived_fields_are_recomputed_not_trusted(golden: Timeline) -> None:
    """A hand-edited label or bound in the JSON does not change what loads."""
    document = report_json.dump(golden)
    for event in document["events"]:
        event.update(earliest="1900-01-01", latest=None, label="whenever", precision="day")
    assert same(loads(json.dumps(document)), golden)


def _broken(golden: Timeline, change: Any) -> str:
    document = report_json.dump(golden)
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), r"format: not a timeline export"),
        (lambda d: d.update(version=2), r"expected format 'timeline' version 1"),
        (lambda d: d.update(extra=1), r"extra: unknown key"),
        (lambda d: d.update(event=[]), r"event: unknown key \(did you mean 'events'\?\)"),
        (lambda d: d["events"][0].update(when="2025-13"), r"events\[0\]\.when: '2025-13'"),
        (lambda d: d["events"][1].update(colour="red"), r"events\[1\]\.colour: unknown field"),
        (lambda d: d["events"][1].update(policy="nope"), r"events\[1\]\.policy: unknown policy"),
        (lambda d: d["events"][2].update(citations=[]), r"events\[2\]\.cite: every event cites"),
        (lambda d: d["actors"][0].update(kind="alien"), r"actors\[0\]\.kind: 'alien' is not"),
        (lambda d: d["events"][2].update(effect="tightened"), r"events\[2\]\.effect: 'tightened'"),
        (
            lambda d: d["events"][2].update(effect="applies"),
            r"events\[2\]\.effect: effect 'applies' names the provision",
        ),
        (lambda d: d["actors"].append(d["actors"][0]), r"actors\[2\]\.id: duplicate actor id"),
        (lambda d: d["settings"].update(timezone="Mars/Base"), r"settings\.timezone: 'Mars/Base'"),
        (
            lambda d: d["settings"]["feeds"]["ferry"].update(colour="red"),
            r"settings\.feeds\.ferry: unknown feed key 'colour'",
        ),
    ],
)
def test_bad_json_names_every_problem_with_its_path(
    golden: Timeline, change: Any, message: str
) -> None:
    """A broken export raises DataError naming the JSON path and what is wrong."""
    with pytest.raises(DataError, match=message):
        loads(_broken(golden, change), path="site/timeline.json")


def test_malformed_json_is_a_data_error(tmp_path: Path) -> None:
    """Truncated JSON is reported with its line, not as a traceback."""
    path = tmp_path / "timeline.json"
    path.write_text('{"format": "timeline",\n "version": ', encoding="utf-8")
    with pytest.raises(DataError, match=r"timeline\.json:2: malformed JSON"):
        timeline.load_json(path)


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    """load_json on a path that does not exist says so."""
    with pytest.raises(DataError, match=r"cannot read the file"):
        timeline.load_json(tmp_path / "nope.json")


def test_golden_file(golden: Timeline) -> None:
    """The fixture dataset renders exactly as tests/data/golden/timeline.json."""
    expected = (GOLDEN / "timeline.json").read_text(encoding="utf-8")
    assert timeline.report.render(golden, "json") == expected


def test_an_export_cannot_name_a_source_file_outside_the_project(
    golden: Timeline, tmp_path: Path
) -> None:
    """A `.json` export is confined like every data format: `../` in a source's file is refused."""
    document = json.loads(report_json.render(golden))
    document["sources"][0]["file"] = "../../../../tmp/secret.txt"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError, match=r"sources\[0\]\.file: points outside the project"):
        timeline.load_json(path)


def test_a_fifo_export_is_refused_without_blocking(tmp_path: Path) -> None:
    """An export path that is a FIFO is a data error at once, not a read that waits forever."""
    os.mkfifo(tmp_path / "timeline.json")
    with pytest.raises(DataError, match=r"is a FIFO \(named pipe\), not a regular file"):
        timeline.load_json(tmp_path / "timeline.json")
