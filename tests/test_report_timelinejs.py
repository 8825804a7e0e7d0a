"""TimelineJS 3 JSON (timeline.report.timelinejs): dates only to the known precision, escaped."""

from __future__ import annotations

import calendar
import html
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import timeline
from strategies import timelines
from timeline import Citation, Event, Policy, Precision, Qualifier, Source, Timeline, When
from timeline.report import _timelinejs as timelinejs

GOLDEN = Path(__file__).parent / "data" / "golden"
#: TimelineJS date parts, coarsest first.
PARTS = ("year", "month", "day", "hour", "minute", "second")


@pytest.fixture(scope="module")
def golden() -> Timeline:
    """The small fixture dataset every golden file is made from."""
    return timeline.load(GOLDEN / "events")


def slide_for(when: str, tz: str | None = None) -> dict[str, Any]:
    """The TimelineJS slide of a one-event timeline dated `when`."""
    event = Event(id="e", title="t", when=When.parse(when, tz=tz), cite=(Citation(source="s"),))
    tl = Timeline(events=[event], sources=[Source(id="s", title="S")])
    (slide,) = timelinejs.dump(tl)["events"]
    return slide


@pytest.mark.parametrize(
    ("when", "start", "end", "display"),
    [
        ("2025-12-08", {"year": 2025, "month": 12, "day": 8}, None, "8 December 2025"),
        ("2025-04", {"year": 2025, "month": 4}, None, "April 2025"),
        ("2025", {"year": 2025}, None, "2025"),
        ("2025-23", {"year": 2025}, None, "autumn 2025"),
        ("2025-24", {"year": 2025}, None, "winter 2025–26"),
        ("201X", {"year": 2010}, {"year": 2019}, "the 2010s"),
        ("20XX", {"year": 2000}, {"year": 2099}, "the 2000s"),
        ("2021~", {"year": 2021}, None, "~2021"),
        ("2025-04~", {"year": 2025}, None, "~April 2025"),
        ("2025-04-25?", {"year": 2025, "month": 4}, None, "25 April 2025?"),
        (
            "2025-06/2025-12",
            {"year": 2025, "month": 6},
            {"year": 2025, "month": 12},
            "June–December 2025",
        ),
        ("2015~/2025-12", {"year": 2015}, {"year": 2025, "month": 12}, "~2015 – December 2025"),
        ("2015/..", {"year": 2015}, None, "since 2015"),
        (
            "2025-04-25/2025-04~",
            {"year": 2025, "month": 4, "day": 25},
            None,
            "25 April 2025 – ~April 2025",
        ),
        ("../2022-10-07", {"year": 2022, "month": 10, "day": 7}, None, "until 7 October 2022"),
        (
            "2025-12-08T15:30-05:00",
            {"year": 2025, "month": 12, "day": 8, "hour": 15, "minute": 30},
            None,
            "8 December 2025, 15:30 UTC-05:00",
        ),
        (
            "2025-12-08T15:30:05Z",
            {"year": 2025, "month": 12, "day": 8, "hour": 15, "minute": 30, "second": 5},
            None,
            "8 December 2025, 15:30:05 UTC",
        ),
    ],
)
def test_dates_only_to_the_known_precision(
    when: str, start: dict[str, int], end: dict[str, int] | None, display: str
) -> None:
    """Each kind of When maps to the TimelineJS parts it really knows; the label shows the rest."""
    slide = slide_for(when)
    assert slide["start_date"] == start
    assert slide.get("end_date") == end
    assert slide["display_date"] == html.escape(html.escape(display))


def test_a_local_time_keeps_its_wall_clock() -> None:
    """A local time in a named zone is shown at the wall time it was written in."""
    slide = slide_for("2025-10-15T09:00", tz="Asia/Shanghai")
    assert slide["start_date"] == {"year": 2025, "month": 10, "day": 15, "hour": 9, "minute": 0}
    assert slide["display_date"] == "15 October 2025, 09:00 Asia/Shanghai"


def _allowed(precision: Precision, qualifier: Qualifier) -> set[str]:
    depth = {
        Precision.SECOND: 6,
        Precision.MINUTE: 5,
        Precision.DAY: 3,
        Precision.MONTH: 2,
    }.get(precision, 1)
    if qualifier is not Qualifier.NONE and precision in {Precision.DAY, Precision.MONTH}:
        depth -= 1
    return set(PARTS[:depth])


def _moment(parts: dict[str, int]) -> tuple[int, ...]:
    """Where TimelineJS places a date: missing month and day are 1, missing times 0."""
    return tuple(parts.get(p, 1 if p in {"month", "day"} else 0) for p in PARTS)


def _valid_date(parts: dict[str, int]) -> None:
    assert set(parts) <= set(PARTS)
    assert all(isinstance(v, int) and not isinstance(v, bool) for v in parts.values())
    assert list(parts) == list(PARTS[: len(parts)])  # no gaps: a day never without a month
    if "month" in parts:
        assert 1 <= parts["month"] <= 12
    if "day" in parts:
        assert 1 <= parts["day"] <= calendar.monthrange(parts["year"], parts["month"])[1]


@given(tl=timelines())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_timelinejs_data_rules(tl: Timeline) -> None:
    """Every slide obeys TimelineJS's data rules, with no part finer than what is known."""
    document = json.loads(timelinejs.render(tl))
    assert set(document) == {"title", "events"}
    assert document["title"]["text"]["headline"] == html.escape(tl.settings.name)
    slides = document["events"]
    assert [s["unique_id"] for s in slides] == [e.id for e in tl]
    for slide, event in zip(slides, tl, strict=True):
        assert set(slide) <= {
            "start_date",
            "end_date",
            "display_date",
            "text",
            "group",
            "unique_id",
        }
        ends = [p for p in (event.when.start, event.when.end) if p is not None]
        allowed = set().union(*(_allowed(p.precision, p.qualifier) for p in ends))
        for key in ("start_date", "end_date"):
            if key in slide:
                _valid_date(slide[key])
                assert set(slide[key]) <= allowed, (str(event.when), slide[key])
        if "end_date" in slide:
            assert _moment(slide["start_date"]) < _moment(slide["end_date"]), str(event.when)
        assert html.unescape(html.unescape(slide["display_date"])) == event.when.label
        assert html.unescape(slide["text"]["headline"]) == event.title
        assert "<" not in slide["text"]["headline"]


def test_hostile_text_is_escaped(golden: Timeline) -> None:
    """Titles with markup are escaped in headline and text; no raw tag from the data survives."""
    slides = {s["unique_id"]: s for s in timelinejs.dump(golden)["events"]}
    pledge = slides["festival-pledge"]
    assert "<script>" not in json.dumps(pledge)
    assert "<img" not in json.dumps(pledge)
    assert pledge["text"]["headline"].startswith("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in pledge["text"]["headline"]
    # group and display_date are reduced to text by the viewer, then set as HTML: escaped twice
    assert (
        pledge["group"]
        == "Festival use of the pier &amp;lt;b&amp;gt;&amp;amp;amp;&amp;lt;/b&amp;gt;"
    )


@pytest.mark.parametrize(
    ("lanes", "group"),
    [
        ("policy", "Closure of the old ferry pier"),
        ("actor", "Harbour Town Council"),
        ("jurisdiction", "Harbour Town Council"),
    ],
)
def test_group_is_the_lane(golden: Timeline, lanes: timelinejs.Lane, group: str) -> None:
    """`group` is the policy title by default, or the first actor / the jurisdiction."""
    slides = {s["unique_id"]: s for s in timelinejs.dump(golden, lanes=lanes)["events"]}
    assert slides["council-votes-closure"]["group"] == group
    assert "group" not in slides["bridge-opens"]  # no policy, no actor: no lane


def test_jurisdiction_lane_shows_a_country_code() -> None:
    """A jurisdiction that is a country code (not an actor) is the lane's name as written."""
    event = Event(
        id="e",
        title="t",
        when=When.parse("2025"),
        policy="p",
        cite=(Citation(source="s"),),
    )
    tl = Timeline(
        events=[event],
        sources=[Source(id="s", title="S")],
        policies=[Policy(id="p", title="P", jurisdiction="US")],
    )
    assert timelinejs.dump(tl, lanes="jurisdiction")["events"][0]["group"] == "US"


def test_cli_lanes(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline report --format timelinejs --lanes actor` groups by the first actor."""
    from timeline._cli import main

    assert (
        main(["report", str(GOLDEN / "events"), "--format", "timelinejs", "--lanes", "actor"]) == 0
    )
    slides = {s["unique_id"]: s for s in json.loads(capsys.readouterr().out)["events"]}
    assert slides["festival-pledge"]["group"] == "Mayor Ada Ruiz"


def test_unknown_lanes_are_refused(golden: Timeline) -> None:
    """A lane that is not policy/actor/jurisdiction is a ValueError naming the choices."""
    with pytest.raises(ValueError, match=r"unknown lanes 'place'; use one of policy, actor"):
        timelinejs.dump(golden, lanes="place")  # type: ignore[arg-type]


def test_text_carries_summary_sources_and_quotes(golden: Timeline) -> None:
    """The slide text names who, the policy, each source once, and its quotes verbatim."""
    slides = {s["unique_id"]: s for s in timelinejs.dump(golden)["events"]}
    text = slides["council-votes-closure"]["text"]["text"]
    assert "<p>Said: “In April”</p>" in text
    assert "Who: Harbour Town Council" in text
    assert "Policy: Closure of the old ferry pier (announced)" in text
    assert '<a href="https://gazette.example/2025/11/12">The Harbour Gazette</a>' in text
    assert (
        "<blockquote>In April, the council voted to close the old ferry pier.</blockquote>" in text
    )
    assert text.count("The Harbour Gazette") == 1


def test_golden_file(golden: Timeline) -> None:
    """The fixture dataset renders exactly as tests/data/golden/timelinejs.json."""
    expected = (GOLDEN / "timelinejs.json").read_text(encoding="utf-8")
    assert timeline.report.render(golden, "timelinejs") == expected
