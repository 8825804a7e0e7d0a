"""The plain-text report: golden output, the documented order, and honest date labels."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from conftest import assert_golden
from strategies import texts, timelines, whens, whole_reports
from timeline._model import Citation, Event, Settings
from timeline._text import display_width
from timeline._timeline import Timeline
from timeline._when import When
from timeline.report import FORMATS, render, text
from timeline.report._common import by_year

FIXTURE = Path(__file__).parent / "data" / "golden" / "report"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fixture_timeline() -> Timeline:
    """The small report fixture, every precision in it."""
    return timeline.load(FIXTURE / "events")


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped dataset."""
    return timeline.load(ROOT / "events")


def _find(tl: Timeline, *words: str) -> Event:
    """The one shipped event whose title holds every word (case-insensitive)."""
    found = [e for e in tl if all(w.casefold() in e.title.casefold() for w in words)]
    assert len(found) == 1, f"expected one event titled with {words}, found {found}"
    return found[0]


def test_text_report_matches_golden_file(fixture_timeline: Timeline) -> None:
    """The fixture renders byte for byte as tests/data/golden/report/report.txt."""
    assert_golden(text(fixture_timeline), FIXTURE / "report.txt")


def test_render_picks_the_format(fixture_timeline: Timeline) -> None:
    """render() with 'text' is the text module's output; an unknown format is named."""
    assert render(fixture_timeline, "text") == text(fixture_timeline)
    assert "text" in FORMATS
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(fixture_timeline, "pdf")


def test_empty_timeline_says_so() -> None:
    """A filter that keeps nothing gives a report that says no events match."""
    assert text(Timeline(events=[], settings=Settings(name="T"))) == "T\n=\n\nNo events match.\n"


def test_shipped_report_lists_the_story_in_order(shipped: Timeline) -> None:
    """SiCarrier's founding, then Xi's April pledge, the Shenzhen expo, the H200 rollback."""
    founding = _find(shipped, "SiCarrier", "founded")
    pledge = _find(shipped, "Xi Jinping", "pledges")
    expo = _find(shipped, "WeSemiBay", "expo")
    rollback = _find(shipped, "H200", "sell")
    assert founding.when.label == "~2021"
    assert pledge.when.label.endswith("April 2025")
    assert expo.when.label.endswith("October 2025")
    assert rollback.when.label.endswith("December 2025")
    lines = text(shipped, width=None).splitlines()

    def line_of(event: Event) -> int:
        return next(n for n, line in enumerate(lines) if event.title in line)

    positions = [line_of(e) for e in (founding, pledge, expo, rollback)]
    assert positions == sorted(positions)
    assert len(set(positions)) == 4


_DAY = re.compile(r"(?<![\d:])(?<!\d\d\d\d–)(\d{1,2})(?=[ –])")


def test_no_shipped_label_shows_a_day_its_when_lacks(shipped: Timeline) -> None:
    """Every day number in a shipped event's label is a day its `when` writes."""
    for event in shipped:
        written = {int(d) for d in re.findall(r"\d{4}-\d{2}-(\d{2})", str(event.when))}
        label = re.sub(r"\d{2}:\d{2}(:\d{2})?", "", event.when.label)
        assert {int(d) for d in _DAY.findall(label)} <= written, (event.id, event.when.label)


def test_report_shows_each_label_at_its_precision(fixture_timeline: Timeline) -> None:
    """Every event line in the report starts with its date label, as When gives it."""
    report = text(fixture_timeline)
    for event in fixture_timeline:
        assert f"  {event.when.label}" in report


def test_instant_near_new_year_is_headed_in_the_timeline_zone() -> None:
    """An instant is listed under its year in the timeline's zone, so headings never repeat."""
    cite = (Citation(source="s"),)
    events = [
        Event(id="a", title="Date", when=When.parse("2025-01-01"), cite=cite),
        Event(id="b", title="Instant", when=When.parse("2024-12-31T20:00-05:00"), cite=cite),
        Event(id="c", title="Later", when=When.parse("2025-01-02"), cite=cite),
    ]
    utc = Timeline(events=events)
    new_york = Timeline(events=events, settings=Settings(timezone="America/New_York"))
    assert [(h, [e.id for e in g]) for h, g in by_year(utc)] == [("2025", ["a", "b", "c"])]
    assert [(h, [e.id for e in g]) for h, g in by_year(new_york)] == [
        ("2024", ["b"]),
        ("2025", ["a", "c"]),
    ]


@given(timelines(max_events=8))
def test_year_headings_never_repeat(tl: Timeline) -> None:
    """Each year heading appears once: grouping follows the documented order."""
    headings = [heading for heading, _ in by_year(tl)]
    assert len(headings) == len(set(headings))


def test_multiline_text_stays_on_its_line() -> None:
    """A title, phrase or name written over several lines is one line in the report."""
    event = Event(
        id="e",
        title="A title\nover two lines",
        said="this\n  fall",
        when=When.parse("2025"),
        cite=(Citation(source="s"),),
    )
    tl = Timeline(events=[event], settings=Settings(name="Two\nlines"))
    assert text(tl).splitlines() == [
        "Two lines",
        "=========",
        "",
        "2025",
        "  2025                      A title over two lines",
        " " * 28 + "said: “this fall”",
        " " * 28 + "source: s",
    ]


def _tl(*events: Event) -> Timeline:
    return Timeline(events=list(events), settings=Settings(name="T"))


def _one(title: str, notation: str, source: str = "s") -> Timeline:
    """A timeline of one event."""
    return _tl(
        Event(id="e", title=title, when=When.parse(notation), cite=(Citation(source=source),))
    )


def test_long_labels_push_the_title_to_its_own_line() -> None:
    """A label wider than the column gets a line of its own; the title stays aligned."""
    lines = text(_one("Title", "2025-06/2025-12-19", "gone")).splitlines()
    assert lines[4:7] == [
        "  June 2025 – 19 December 2025",
        " " * 28 + "Title",
        " " * 28 + "source: gone",
    ]


# -- fitting the terminal ----------------------------------------------------------------------


def test_titles_wrap_under_their_column() -> None:
    """A long title goes on under the title column, broken between words."""
    title = (
        "Parliament and Council reach a provisional agreement on the Artificial "
        "Intelligence Act after three days of talks"
    )
    lines = text(_one(title, "2023-12-08"), width=60).splitlines()
    assert lines[4:8] == [
        "  8 December 2023           Parliament and Council reach a",
        " " * 28 + "provisional agreement on the",
        " " * 28 + "Artificial Intelligence Act",
        " " * 28 + "after three days of talks",
    ]


def test_wide_characters_count_two_columns() -> None:
    """A Chinese title wraps at half as many characters: each takes two columns."""
    title = "国务院关于印发新一代人工智能发展规划的通知国务院关于印发新一代人工智能"
    lines = text(_one(title, "2017-07-08"), width=60).splitlines()
    assert lines[4] == "  8 July 2017               国务院关于印发新一代人工智能发展"
    assert all(display_width(line) <= 60 for line in lines)


def test_a_long_label_moves_the_row_to_the_next_line_and_keeps_every_column() -> None:
    """A label wider than its column has its line; the effect and title follow, aligned."""
    from timeline._model import Policy
    from timeline.report import _policy

    policy = Policy(id="p", title="The act", jurisdiction="EU")
    event = Event(
        id="e",
        title="Deal",
        when=When.parse("2023-12-08T23:00", tz="Europe/Brussels"),
        policy="p",
        effect="announced",
        cite=(Citation(source="s"),),
    )
    tl = Timeline(events=[event], policies=[policy], settings=Settings(name="T"))
    lines = _policy.render(tl, ["p"], width=80).splitlines()
    at = lines.index("  8 December 2023, 23:00 Europe/Brussels")
    assert lines[at + 1] == " " * 28 + "announced   Deal"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            None,
            [
                "policy: The act (p)",
                "effect: applies, provision: Prohibitions (bans)",
                "source: s",
                "  “The prohibitions shall apply”",
            ],
        ),
        (
            "fr",
            [
                "politique: The act (p)",
                "effet: s’applique, disposition : Prohibitions (bans)",
                "source: s",
                "  « The prohibitions shall apply »",
            ],
        ),
    ],
)
def test_verbose_adds_the_policy_effect_provision_and_quotes(
    locale: str | None, expected: list[str]
) -> None:
    """--verbose shows what the event does to which policy, and what its sources say, in
    the report's language (its words and quotation marks)."""
    from timeline._model import Policy, Provision

    policy = Policy(
        id="p",
        title="The act",
        provisions=[Provision(id="bans", title="Prohibitions")],
    )
    event = Event(
        id="e",
        title="Bans apply",
        when=When.parse("2025-02-02"),
        policy="p",
        effect="applies",
        provision="bans",
        cite=(Citation(source="s", quote="The prohibitions shall apply"),),
    )
    tl = Timeline(events=[event], policies=[policy], settings=Settings(name="T"))
    lines = text(tl, verbose=True, locale=locale).splitlines()
    assert lines[5:9] == [" " * 28 + line for line in expected]
    assert "policy:" not in text(tl)


@pytest.mark.parametrize("locale", ["ja", "zh", "fr", "de"])
@pytest.mark.parametrize("width", [40, 60, 80])
def test_localised_labels_keep_the_columns_at_any_width(
    shipped: Timeline, locale: str, width: int
) -> None:
    """In any language the report fits the width and every title starts in the title
    column: padding counts display width, so a Japanese date takes its two columns each."""
    written = text(shipped, width=width, locale=locale)
    lines = written.splitlines()
    assert max(display_width(line) for line in lines) <= width
    rows = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    assert rows
    for row in rows:  # a label, then the title at column 28 (or the label alone)
        rest = row[2:].partition("  ")[2]
        if rest.strip():
            assert display_width(row) - display_width(rest.lstrip()) == 28, row


def test_the_policy_history_lines_up_in_japanese(shipped: Timeline) -> None:
    """The policy history pads its date and effect columns by display width in Japanese."""
    from timeline.report import _policy

    lines = _policy.render(shipped, shipped.policies, "text", width=80, locale="ja").splitlines()
    assert max(display_width(line) for line in lines) <= 80
    starts = set()
    for line in lines:
        parts = re.split(r" {2,}", line.strip())
        if line.startswith("  ") and not line.startswith("   ") and len(parts) >= 3:
            effect = line.index("  " + parts[1], 2) + 2
            title = line.index("  " + parts[2], effect) + 2
            starts.add((display_width(line[:effect]), display_width(line[:title])))
    assert len(starts) == 1, starts


def test_no_width_keeps_each_item_on_one_line() -> None:
    """width=None writes each title on one line, however long, for tools that read lines."""
    lines = text(_one("word " * 40, "2025"), width=None).splitlines()
    assert lines[4] == "  2025                      " + " ".join(["word"] * 40)


def test_a_width_below_forty_is_refused() -> None:
    """Below 40 columns nothing fits in columns: the width is refused, saying the least."""
    with pytest.raises(ValueError, match="width 20 is too narrow; give 40 or more"):
        text(_tl(), width=20)


@whole_reports
@given(timelines(max_events=6), st.integers(min_value=40, max_value=120), st.booleans())
def test_every_line_fits_any_width_of_forty_or_more(
    tl: Timeline, width: int, verbose: bool
) -> None:
    """Whatever the titles, labels, names and quotes, no line is wider than the width."""
    from timeline.report import _policy

    lines = text(tl, width=width, verbose=verbose).splitlines()
    if tl.policies:
        lines += _policy.render(tl, tl.policies, width=width).splitlines()
        lines += _policy.status_text(
            tl.status(dt.date(2025, 6, 1)), dt.date(2025, 6, 1), width=width
        ).splitlines()
    too_wide = [line for line in lines if display_width(line) > width]
    assert too_wide == []


@given(
    st.lists(st.tuples(texts(min_size=1, max_size=200), whens()), min_size=1, max_size=4),
    st.integers(min_value=40, max_value=100),
)
def test_long_titles_and_any_labels_fit_any_width(rows: list[tuple[str, When]], width: int) -> None:
    """Titles of any length and script, under labels of any length, fit the width."""
    events = [
        Event(id=f"e{n}", title=title, when=when, cite=(Citation(source="s"),))
        for n, (title, when) in enumerate(rows)
    ]
    lines = text(_tl(*events), width=width).splitlines()
    assert [line for line in lines if display_width(line) > width] == []
