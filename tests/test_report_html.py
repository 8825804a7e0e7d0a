"""The HTML report (timeline.report.html): golden file, escaping, lanes, the axis, the CLI."""

from __future__ import annotations

import datetime as dt
import difflib
import html as stdlib_html
import itertools
import json
import os
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from strategies import timelines
from timeline import Citation, Event, Settings, Timeline, When
from timeline._cli import main
from timeline._text import slugify
from timeline.report import _html as html
from timeline.report._axis import build_axis
from timeline.report._chart import Layout, lay_out
from timeline.report._measure import width as width_of

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden" / "html"
UPDATE = os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"
XSS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped dataset in events/."""
    return timeline.load(ROOT / "events")


@pytest.fixture(scope="module")
def fixture() -> Timeline:
    """The small golden dataset: every kind of date, a full policy lifecycle, hostile text."""
    return timeline.load(GOLDEN / "events")


def _event(id: str, when: str, **fields: object) -> Event:
    return Event(id=id, title=id, when=When.parse(when), cite=(Citation(source="s"),), **fields)  # type: ignore[arg-type]


class _Tags(HTMLParser):
    """Every element name and attribute name in a page, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.append(tag)
        self.attributes += [name for name, _ in attrs]


def _marks(page: str) -> dict[str, tuple[float, float]]:
    """Event id → (x0, x1) of its first mark on the chart."""
    found: dict[str, tuple[float, float]] = {}
    for match in re.finditer(
        r'data-event="([^"]+)"[^>]*data-x0="([\d.]+)" data-x1="([\d.]+)"', page
    ):
        found.setdefault(match[1], (float(match[2]), float(match[3])))
    return found


def _lane_titles(page: str) -> list[tuple[str, str]]:
    """Each lane's title (its lines joined) and the note beside it."""
    found = []
    for inner in re.findall(r'<text [^>]*class="lane-title">(.*?)</text>', page):
        note = re.search(r'<tspan class="note">(.*?)</tspan>', inner)
        title = re.sub(r'<tspan class="note">.*?</tspan>', "", inner)
        lines = [stdlib_html.unescape(t) for t in re.findall(r"<tspan[^>]*>(.*?)</tspan>", title)]
        found.append((" ".join(t for t in lines if t), note[1] if note else ""))
    return found


# -- golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("lanes", html.LANES)
def test_golden_file(fixture: Timeline, lanes: str) -> None:
    """The fixture renders byte for byte as the golden file (TIMELINE_UPDATE_GOLDEN=1 rewrites)."""
    path = GOLDEN / f"report-{lanes}.html"
    page = html.render(fixture, lanes=lanes)
    if UPDATE:
        path.write_text(page, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if page != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                page.splitlines(keepends=True),
                str(path),
                "rendered",
                n=2,
            )
        )
        pytest.fail(f"the HTML differs from {path.name}:\n{diff[:4000]}")


def test_render_is_deterministic(fixture: Timeline) -> None:
    """Two renders of the same data give the same bytes (no clock, no random ids)."""
    assert html.render(fixture) == html.render(fixture)


# -- escaping and self-containment ----------------------------------------------------------------


def test_hostile_text_is_escaped(fixture: Timeline) -> None:
    """Titles, phrases, notes and names with markup appear escaped, never as markup."""
    page = html.render(fixture, lanes="actor")
    assert "<img" not in page
    assert "<script>alert" not in page
    tags = _Tags()
    tags.feed(page)
    assert "img" not in tags.names
    assert tags.names.count("script") == 1
    assert not [a for a in tags.attributes if a.startswith("on")]  # no event handler at all
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Harbour master &#34;Jo&#34; &lt;Smith&gt;" in page
    assert page.count("<script>") == 1  # ours, at the end


@pytest.mark.parametrize("title", XSS)
def test_every_title_reads_back_as_written(title: str) -> None:
    """The list's heading of an event unescapes to exactly its title."""
    event = Event(id="e", title=title, when=When.parse("2025-04"), cite=(Citation(source="s"),))
    page = html.render(Timeline(events=[event]))
    heading = re.search(r'<h4><a href="#e" class="anchor">(.*?)</a></h4>', page)
    assert heading is not None
    assert stdlib_html.unescape(heading[1]) == title
    assert title not in page


def test_page_is_self_contained(shipped: Timeline) -> None:
    """No external resource: no src=, no stylesheet link, no url() but #fragments; a CSP."""
    page = html.render(shipped)
    assert not re.search(r"\ssrc=", page)
    assert "<link" not in page
    assert re.findall(r"url\(([^)]*)\)", page)
    assert all(ref.startswith("#") for ref in re.findall(r"url\(([^)]*)\)", page))
    assert "default-src 'none'" in page
    assert "@import" not in page


def test_csp_hash_matches_the_inline_script(shipped: Timeline) -> None:
    """The Content-Security-Policy allows exactly the one inline script, by its hash."""
    import base64
    import hashlib

    page = html.render(shipped)
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script[1].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page


# -- content --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lanes", html.LANES)
def test_every_event_has_an_anchor_and_a_mark(shipped: Timeline, lanes: str) -> None:
    """Each event is listed under its id and drawn at least once on the chart."""
    page = html.render(shipped, lanes=lanes)
    for event in shipped:
        assert f'<article class="event" id="{event.id}"' in page
        assert f'data-event="{event.id}"' in page
    assert page.count('<article class="event"') == len(shipped)


def test_dates_are_shown_at_their_precision(fixture: Timeline) -> None:
    """Labels keep the real precision: a season, a decade, a month, an approximate day."""
    page = html.render(fixture)
    for label in ("summer 2025", "since the 2010s", "April 2025", "~1 September 2025"):
        assert f">{label}<" in page
    assert '<time datetime="2025-04">April 2025</time>' in page
    assert '<time datetime="2025-04-25">25 April 2025</time>' in page


def test_policy_bands_follow_the_lifecycle(fixture: Timeline) -> None:
    """The speed limit's band goes pending, in force, suspended, in force again."""
    page = html.render(fixture)
    bands = re.search(r'<g class="bands" data-policy="speed-limit">(.*?)\n</g>\n</g>', page, re.S)
    assert bands is not None
    states = re.findall(r'<g class="band ([a-z-]+)">', bands[1])
    assert states == ["pending", "in-force", "suspended", "in-force"]


def test_bands_use_the_full_history_when_filtered(shipped: Timeline) -> None:
    """Filtered to 2025, the US controls still show as in force (enacted in 2022)."""
    recent = shipped.between("2025-12", "2025-12")
    page = html.render(recent, history=shipped)
    assert 'data-policy="us-chip-export-controls"' in page
    alone = html.render(recent)  # without the history the fold cannot start: no band at all
    assert 'data-policy="us-chip-export-controls"' not in alone


@pytest.mark.parametrize(
    ("lanes", "titles", "catch_all"),
    [
        ("policy", ["US export controls on advanced chips", "Nvidia"], "Other events"),
        ("actor", ["Xi Jinping", "Nvidia", "Donald Trump"], "No actor named"),
        ("jurisdiction", ["US", "CN"], "No jurisdiction"),
    ],
)
def test_lanes(shipped: Timeline, lanes: str, titles: list[str], catch_all: str) -> None:
    """Each kind of lane gets its titles; the catch-all lane comes after the other event lanes."""
    page = html.render(shipped, lanes=lanes)
    found = _lane_titles(page)
    names = [name for name, _ in found]
    for title in titles:
        if lanes == "policy" and title == "Nvidia":
            assert title not in names  # companies are not lanes when lanes follow policies
        else:
            assert title in names or any(n.startswith(title) for n in names), (title, names)
    after = found[names.index(catch_all) + 1 :]
    assert all(note == "policy state" for _, note in after)
    assert (lanes == "policy") == (not after)


def test_unknown_lanes_are_refused(shipped: Timeline) -> None:
    """A lane kind other than policy, actor or jurisdiction is a ValueError naming them."""
    with pytest.raises(ValueError, match=r"unknown lanes 'colour'; use one of \['policy'"):
        html.render(shipped, lanes="colour")


def test_empty_timeline(fixture: Timeline) -> None:
    """No events: no chart, a plain sentence."""
    page = html.render(fixture.select(lambda e: False))
    assert "No events match." in page
    assert "<svg" not in page.split('id="_legend"')[0].split("<main>")[1]


# -- the axis -------------------------------------------------------------------------------------


def test_a_decade_long_span_does_not_squash_this_year(shipped: Timeline) -> None:
    """2025 gets a good share of the width, and the H200 rollback sits well after the expo."""
    page = html.render(shipped)
    marks = _marks(page)
    expo, rollback = marks["wesemibay-expo-2025"], marks["h200-export-rollback"]
    assert rollback[0] - expo[1] >= 40
    drive = marks["cn-chip-self-reliance-drive"]
    assert drive[1] - drive[0] > 800  # the long span still runs across the chart


def test_open_spans_reach_the_edge(fixture: Timeline) -> None:
    """An open end reaches the chart's edge, with an arrow."""
    marks = _marks(html.render(fixture))
    assert marks["barges-arrive"][1] == pytest.approx(html.WIDTH - 12)
    assert marks["old-rules"][0] == pytest.approx(12)


def test_empty_years_are_cut(fixture: Timeline) -> None:
    """2020–2024 hold nothing, so the axis cuts them and says so."""
    page = html.render(fixture)
    assert "<title>2020–2024: no events start or end</title>" in page


@pytest.mark.parametrize(
    ("whens", "unit"),
    [
        (["2025-10-15", "2025-12-08"], "day"),
        (["2025-01", "2025-12-08"], "month"),
        (["2015~/2025-12", "2025-12-08"], "year"),
    ],
)
def test_axis_unit_follows_the_span(whens: list[str], unit: str) -> None:
    """Short timelines get day or month units; long ones years."""
    events = [_event(f"e{i}", w) for i, w in enumerate(whens)]
    page = html.render(Timeline(events=events))
    assert f'data-unit="{unit}"' in page


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(max_events=8))
def test_chart_keeps_chronological_order(tl: Timeline) -> None:
    """For any timeline, a mark never starts left of an earlier-starting event's mark."""
    zone = tl.settings.zone
    page = html.render(tl)
    marks = _marks(page)
    closed = [e for e in tl if e.when.start is not None]
    for a, b in itertools.pairwise(closed):
        if a.when.sort_key(zone)[0] < b.when.sort_key(zone)[0]:
            # dots are drawn 10px wide around their centre; bars start at their bound
            slack = 10.0
            assert marks[a.id][0] <= marks[b.id][0] + slack, (a.when, b.when)
    for event in tl:
        assert f'id="{event.id}"' in page


@pytest.mark.parametrize(
    "whens",
    [
        ["9999-12-31"],
        ["0001-01-01"],
        ["0001", "9999"],
        ["99XX/.."],
        ["../0001"],
        ["9999-12-31T23:59Z"],
        ["0001-01-01T00:00Z", "2025"],
    ],
)
@pytest.mark.parametrize("zone", ["UTC", "Pacific/Pago_Pago"])
def test_the_ends_of_the_calendar(whens: list[str], zone: str) -> None:
    """Years 0001 and 9999 draw without overflowing or looping past the last day."""
    events = [_event(f"e{i}", w) for i, w in enumerate(whens)]
    page = html.render(Timeline(events=events, settings=Settings(timezone=zone)))
    assert all(f'data-event="e{i}"' in page for i in range(len(whens)))


_KEYS = st.integers(-(2_208_988_800 * 10**6), 4_102_444_800 * 10**6)  # 1900–2100 in µs


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_KEYS, st.integers(1, 40 * 365 * 86_400 * 10**6)), min_size=1, max_size=12),
    st.lists(_KEYS, min_size=2, max_size=20),
)
def test_axis_is_monotone(points: list[tuple[int, int]], probes: list[int]) -> None:
    """Later moments never land left of earlier ones, and everything stays on the chart."""
    axis = build_axis([(lo, lo + span) for lo, span in points], dt.UTC)
    xs = [axis.x(key, edge=0.0) for key in sorted(probes)]
    assert xs == sorted(xs)
    assert all(12.0 <= x <= html.WIDTH - 12.0 for x in xs)


# -- the command line -----------------------------------------------------------------------------


def test_cli_writes_html(tmp_path: Path) -> None:
    """`timeline report --format html -o FILE --lanes actor` writes the page."""
    out = tmp_path / "report.html"
    code = main(
        ["report", str(GOLDEN / "events"), "--format", "html", "--lanes", "actor", "-o", str(out)]
    )
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "lanes by actor" in page


def test_registry_passes_lanes(fixture: Timeline) -> None:
    """`report.render(tl, "html", lanes=...)` is the HTML module's render; text has no lanes."""
    assert timeline.report.render(fixture, "html", lanes="actor") == html.render(
        fixture, lanes="actor"
    )
    assert timeline.report.render(fixture, "html") == html.render(fixture)
    with pytest.raises(ValueError, match=r"format 'text' has no lanes"):
        timeline.report.render(fixture, "text", lanes="actor")


def test_cli_refuses_lanes_without_a_laned_format(capsys: pytest.CaptureFixture[str]) -> None:
    """--lanes with --format text is a usage error (exit 2) that names the right formats."""
    code = main(["report", str(GOLDEN / "events"), "--format", "text", "--lanes", "actor"])
    assert code == 2
    assert "--lanes goes with --format html" in capsys.readouterr().err


def test_datetime_attribute_only_when_valid() -> None:
    """<time datetime> is set for days, months, years and offset instants, not for seasons."""
    cases = {
        "2025-04-25": "2025-04-25",
        "2025-04": "2025-04",
        "2025": "2025",
        "2025-12-08T15:30Z": "2025-12-08T15:30+00:00",
        "2025-23": None,
        "2025-04~": None,
        "2025-04/2025-06": None,
    }
    for text, expected in cases.items():
        assert html._datetime_attr(When.parse(text)) == expected, text


def test_policy_section_names_the_jurisdiction(fixture: Timeline) -> None:
    """A jurisdiction given as an actor id is shown by the actor's name."""
    page = html.render(fixture)
    assert "Imposed by <strong>Canal Board</strong>" in page
    assert "targets Canal Board" in page


class _Ids(HTMLParser):
    """Every element id of a page, in document order, with its element's name."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [(value, tag) for name, value in attrs if name == "id" and value is not None]


#: Ids the page itself could have taken: colours, lanes, gradients, sections, the filter box.
PAGE_LIKE_IDS = ["c0-in", "c0-out", "c0-both", "c1-in", "chart", "events", "filter", "legend"]


@pytest.mark.parametrize("lanes", ["policy", "actor", "jurisdiction"])
def test_the_pages_own_ids_cannot_be_an_event_id(lanes: str) -> None:
    """Every id the page makes for itself holds a character no slug holds (`_` first, or `:`),
    so each id is unique and a link to event `c0-in` lands on the event, not a gradient."""
    events = [_event(name, "2025-0" + str(n + 1)) for n, name in enumerate(PAGE_LIKE_IDS)]
    parser = _Ids()
    parser.feed(html.render(Timeline(events=events)))
    ids = [name for name, _ in parser.ids]
    assert len(ids) == len(set(ids)), sorted(name for name in ids if ids.count(name) > 1)
    tags = dict(parser.ids)
    assert all(tags[name] == "article" for name in PAGE_LIKE_IDS)
    own = [name for name, tag in parser.ids if name not in PAGE_LIKE_IDS]
    assert own
    assert all(name.startswith("_") or ":" in name for name in own), own


def test_long_words_can_wrap() -> None:
    """The stylesheet lets an unbroken word wrap anywhere rather than widen the page."""
    assert "overflow-wrap: anywhere" in html.render(Timeline(events=[_event("e", "2025")]))


@pytest.mark.parametrize(
    ("whens", "header"),
    [
        (["2021-04/..", "2023"], "2 events, April 2021 onwards"),
        (["../2015", "2021-04"], "2 events, up to April 2021"),
        (["../2015", "2021/.."], "2 events, 2015 to 2021, some with no known start or end"),
        (["../2015", "2010/..", "2012"], "3 events, 2010 to 2015, some with no known start or end"),
        (["2021-04", "2023-05"], "2 events, April 2021 to May 2023"),
        (["2021-04"], "1 event, April 2021"),
    ],
)
def test_the_header_says_how_far_the_events_reach(whens: list[str], header: str) -> None:
    """The header names the first and last dates, and an open end in words."""
    tl = Timeline(events=[_event(f"e{n}", when) for n, when in enumerate(whens)])
    assert f'<p class="span">{header}</p>' in html.render(tl)


# -- labels, notes, density, the axis's labels, the state bands ---------------------------------


def _layout(tl: Timeline, lanes: str = "policy", width: float = 1200) -> Layout:
    found = lay_out(tl, lanes, tl, width=width)  # type: ignore[arg-type]
    assert found is not None
    return found


def test_a_long_title_wraps_onto_a_second_line_and_is_never_cut() -> None:
    """A title wider than a line is drawn whole on two lines, taking two rows."""
    title = "Parliament and Council reach a political agreement on the artificial intelligence act"
    tl = Timeline(
        events=[
            Event(
                id="deal", title=title, when=When.parse("2023-12-08"), cite=(Citation(source="s"),)
            )
        ]
    )
    [mark] = _layout(tl).lanes[0].marks
    assert len(mark.lines) == 2
    assert " ".join(mark.lines) == title
    assert width_of(mark.lines[0], 12) <= 300


def test_a_title_too_long_for_two_lines_goes_to_the_notes() -> None:
    """A title past two lines is written out whole under the chart; the mark has its number."""
    title = " ".join(["a very long title about the regulation of everything"] * 6)
    tl = Timeline(
        events=[
            Event(id="long", title=title, when=When.parse("2024-05"), cite=(Citation(source="s"),))
        ]
    )
    layout = _layout(tl)
    [mark] = layout.lanes[0].marks
    [note] = layout.notes
    assert mark.lines == ("[1]",)
    assert note.number == 1
    assert note.event.id == "long"
    assert " ".join(note.lines) == f"May 2024: {title}"
    page = html.render(tl)
    assert 'data-note="long"' in page
    assert page.count(">[1]<") == 2  # on the mark and before the note


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(max_events=8), st.sampled_from([480, 800, 1200, 1600]))
def test_no_two_axis_labels_overlap(tl: Timeline, width: int) -> None:
    """Each kept axis label, measured, ends at least a gap before the next begins."""
    layout = lay_out(tl, "policy", tl, width=width)
    if layout is None:
        return
    spans = sorted(
        (t.x + 3, t.x + 3 + width_of(t.label, 13 if t.major else 11, bold=t.major))
        for t in layout.axis.ticks
        if t.label
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end + 8 <= start + 1e-6, spans
    assert all(end <= width for _, end in spans)


def test_a_year_label_never_runs_into_its_first_month() -> None:
    """'2024' then 'Feb' never touch: the month's label gives way where there is no room."""
    events = [_event(f"e{m}", f"2024-{m:02d}-15") for m in range(1, 13)]
    events += [_event("old", "2019-06-01")]
    ticks = [t for t in _layout(Timeline(events=events)).axis.ticks if t.label]
    labels = [t.label for t in ticks]
    assert "2024" in labels
    year = ticks[labels.index("2024")]
    after = ticks[labels.index("2024") + 1]
    assert year.x + 3 + width_of("2024", 13, bold=True) + 8 <= after.x + 3


def test_state_bands_name_the_step_and_its_date(fixture: Timeline) -> None:
    """Each band's tooltip says the step and its date; a label says them where both fit."""
    page = html.render(fixture)
    titles = re.findall(r'<g class="band [^"]*"><title>([^<]*)</title>', page)
    assert "in force 25 April 2025: in force since 25 April 2025 (speed-limit-passed)" in titles
    assert "suspended summer 2025: suspended since summer 2025 (speed-limit-suspended)" in titles
    labels = re.findall(r'class="band-label">([^<]*)<', page)
    assert "in force ~1 September 2025" in labels
    assert "in force | in force" not in page


def test_a_long_lane_title_wraps_to_fit_a_phone() -> None:
    """A lane title wider than a phone's screen wraps; every line fits in 360 px."""
    title = "Regulation laying down harmonised rules on artificial intelligence, amending others"
    policy = timeline.Policy(id="p", title=title)
    tl = Timeline(events=[_event("e", "2024-08-01", policy="p")], policies=[policy])
    lane = _layout(tl).lanes[0]
    assert len(lane.title) >= 2
    assert " ".join(t for t in lane.title if t) == title
    assert all(width_of(line, 13, bold=True) <= 360 for line in lane.title)


def test_five_thousand_same_day_events_draw_density() -> None:
    """A lane of 5,000 events on one day is drawn as density with a few labelled marks, in
    seconds and in a page under 1.5 MB that lists only the events drawn."""
    events = [_event(f"e{n:04d}", "2025-03-14") for n in range(5000)]
    events += [_event("before", "2024-01-10"), _event("after", "2025-11-02")]
    tl = Timeline(events=events)
    started = time.perf_counter()
    page = html.render(tl)
    elapsed = time.perf_counter() - started
    assert elapsed < 20
    layout = _layout(tl)
    [lane] = layout.lanes
    assert lane.density is not None
    assert layout.dense
    assert 0 < len(lane.marks) <= 4 * 60
    assert sum(b.dated for b in lane.density.bins) > 0
    assert 'data-dense="true"' in page
    assert len(page.encode()) < 1_500_000
    assert page.count('<article class="event"') == len(layout.drawn)


def test_density_spreads_an_imprecise_date_over_its_span() -> None:
    """A year-precision event is shared out over the bins of its year, not piled on its first
    day; a day-precision event is counted whole in one bin."""
    events = [_event(f"y{n:03d}", "2020") for n in range(400)]
    events += [_event(f"d{n:03d}", "2023-06-01") for n in range(400)]
    lane = _layout(Timeline(events=events)).lanes[0]
    assert lane.density is not None
    spread = [b for b in lane.density.bins if b.spread > 0]
    dated = [b for b in lane.density.bins if b.dated > 0]
    assert len(spread) > 5
    assert len(dated) == 1
    assert dated[0].title.endswith(": 400 events dated to the day or the moment")


def test_timelinejs_groups_become_lanes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A TimelineJS file's groups, imported as tags, are the lanes of `--lanes tag`, and go
    back out as TimelineJS groups."""
    for part in ("events", "sources"):
        shutil.copytree(ROOT / "tests" / "data" / "golden" / part, tmp_path / part)
    monkeypatch.chdir(tmp_path)
    slides = ROOT / "tests" / "data" / "import" / "timelinejs" / "all-media-types.json"
    assert main(["import", str(slides), "-o", "events/media.toml"]) == 0
    capsys.readouterr()
    groups = ["audio", "html", "image", "social-media", "video"]
    assert main(["report", "events", "--format", "html", "--lanes", "tag", "--tag", "image"]) == 0
    titles = [title for title, _ in _lane_titles(capsys.readouterr().out)]
    assert "image" in titles
    assert main(["report", "events", "--format", "html", "--lanes", "tag"]) == 0
    titles = [title for title, _ in _lane_titles(capsys.readouterr().out)]
    assert set(groups) <= set(titles)
    assert main(["report", "events", "--format", "timelinejs", "--lanes", "tag"]) == 0
    back = {e["unique_id"]: e.get("group") for e in json.loads(capsys.readouterr().out)["events"]}
    sent = json.loads(slides.read_text(encoding="utf-8"))["events"]
    expected = {slugify(e["group"]) for e in sent if e.get("group")}
    assert expected == set(groups)
    assert (back["youtube-videos"], back["soundcloud"], back["flickr"]) == (
        "video",
        "audio",
        "image",
    )
    assert {g for g in back.values() if g} >= expected
