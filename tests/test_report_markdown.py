"""The Markdown report: golden output, escaping, and the documented order."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import timeline
from conftest import assert_golden
from timeline._model import Citation, Event, Settings, Source
from timeline._timeline import Timeline
from timeline._when import When
from timeline.report import markdown, render
from timeline.report._markdown import escape

FIXTURE = Path(__file__).parent / "data" / "golden" / "report"


@pytest.fixture(scope="module")
def fixture_timeline() -> Timeline:
    """The small report fixture, every precision in it."""
    return timeline.load(FIXTURE / "events")


def test_markdown_report_matches_golden_file(fixture_timeline: Timeline) -> None:
    """The fixture renders byte for byte as tests/data/golden/report/report.md."""
    assert_golden(markdown(fixture_timeline), FIXTURE / "report.md")


def test_render_picks_markdown(fixture_timeline: Timeline) -> None:
    """render(..., 'markdown') is the Markdown module's output."""
    assert render(fixture_timeline, "markdown") == markdown(fixture_timeline)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*bold* _it_", r"\*bold\* \_it\_"),
        ("[link](x)", r"\[link\]\(x\)"),
        ("<script>", r"\<script\>"),
        ("# not a heading", r"\# not a heading"),
        ("a | b", r"a \| b"),
        ("~2021", r"\~2021"),
        ("back\\slash `code`", r"back\\slash \`code\`"),
        ("two\nlines   here", "two lines here"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    """Markup characters are escaped and white space collapsed, so text reads as written."""
    assert escape(text) == escaped


def test_headings_follow_the_order(fixture_timeline: Timeline) -> None:
    """Year headings appear in chronological order, each once."""
    headings = [line for line in markdown(fixture_timeline).splitlines() if line.startswith("## ")]
    assert headings == ["## Until 2022", "## 2010", "## 2015", "## 2021", "## 2025"]


def test_source_link_and_quote() -> None:
    """A source with a URL becomes a link; its quote a blockquote under it."""
    event = Event(
        id="e",
        title="T",
        when=When.parse("2025-04"),
        cite=(Citation(source="s", quote="In April", note="n"),),
    )
    source = Source(id="s", title="Article", publisher="NPR", url="https://example.org/a")
    lines = markdown(Timeline(events=[event], sources=[source], settings=Settings(name="N")))
    assert lines.splitlines()[4:] == [
        "- **April 2025** — T",
        "  - Source: [Article \\(NPR\\)](<https://example.org/a>)",
        "    > In April",
        "    - Note: n",
    ]


def test_empty_timeline_says_so() -> None:
    """A filter that keeps nothing gives a report that says no events match."""
    assert markdown(Timeline(events=[], settings=Settings(name="T"))) == "# T\n\nNo events match.\n"


def test_report_functions_survive_importing_their_modules(fixture_timeline: Timeline) -> None:
    """timeline.report._markdown and .text stay functions after their modules are imported."""
    importlib.import_module("timeline.report._markdown")
    importlib.import_module("timeline.report._text")
    render(fixture_timeline, "markdown")
    assert timeline.report.markdown(fixture_timeline) == render(fixture_timeline, "markdown")
    assert timeline.report.text(fixture_timeline) == render(fixture_timeline, "text")
