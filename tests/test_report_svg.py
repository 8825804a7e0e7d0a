"""The chart as a standalone SVG (timeline.report.svg, `report --format svg`)."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

import timeline
from timeline import Timeline
from timeline._cli import main

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden" / "html"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped dataset in events/."""
    return timeline.load(ROOT / "events")


@pytest.fixture(scope="module")
def fixture() -> Timeline:
    """The small golden dataset: every kind of date, a full policy lifecycle, hostile text."""
    return timeline.load(GOLDEN / "events")


def _marks(root: ElementTree.Element) -> list[str]:
    """The event id of every mark, in document order."""
    return [g.get("data-event", "") for g in root.iter(f"{SVG}g") if g.get("class") == "mark"]


def _page_marks(page: str) -> list[str]:
    """The event id of every mark on the HTML page's chart, in document order."""
    chart = page.split('<div class="scroll">', 1)[1].split("</svg>", 1)[0]
    return re.findall(r'<a href="[^"]*" class="mark" data-event="([^"]+)"', chart)


@pytest.mark.parametrize("lanes", ["policy", "actor", "jurisdiction", "tag"])
def test_the_svg_parses_and_draws_the_pages_marks(fixture: Timeline, lanes: str) -> None:
    """The SVG is well-formed XML and holds the same marks, in the same order, as the page."""
    drawing = timeline.report.svg(fixture, lanes=lanes)  # type: ignore[arg-type]
    root = ElementTree.fromstring(drawing.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    page = timeline.report.html(fixture, lanes=lanes)  # type: ignore[arg-type]
    assert _marks(root) == _page_marks(page)
    assert len(_marks(root)) == len(fixture)


def test_the_svg_stands_alone(shipped: Timeline) -> None:
    """No script, no link, no external reference: its styles and named fonts are inside it."""
    drawing = timeline.report.svg(shipped)
    root = ElementTree.fromstring(drawing.encode("utf-8"))
    assert not list(root.iter(f"{SVG}script"))
    assert not list(root.iter(f"{SVG}a"))
    for outside in ("href", "<script", "@import", "url(http"):
        assert outside not in drawing
    style = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
    assert '"DejaVu Sans"' in style
    assert "sans-serif" in style
    assert drawing.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')


@pytest.mark.parametrize("width", [480, 800, 1200, 2400])
def test_the_svg_is_as_wide_as_asked(shipped: Timeline, width: int) -> None:
    """--width sets the drawing's width and its viewBox: the chart is laid out at that size."""
    root = ElementTree.fromstring(timeline.report.svg(shipped, width=width).encode("utf-8"))
    assert root.get("width") == str(width)
    assert root.get("viewBox", "").split()[2] == str(width)
    assert float(root.get("height", "0")) > 100


def test_the_svg_escapes_hostile_text(fixture: Timeline) -> None:
    """Hostile titles are text in the XML, never elements or attributes."""
    root = ElementTree.fromstring(timeline.report.svg(fixture).encode("utf-8"))
    names = {element.tag for element in root.iter()}
    assert names <= {f"{SVG}{n}" for n in _SVG_ELEMENTS}, names - {
        f"{SVG}{n}" for n in _SVG_ELEMENTS
    }


_SVG_ELEMENTS = {"svg", "title", "desc", "style", "defs", "linearGradient", "stop", "pattern"}
_SVG_ELEMENTS |= {"rect", "g", "line", "text", "tspan", "path", "circle"}


def test_the_svg_is_deterministic(fixture: Timeline) -> None:
    """The same data gives the same bytes."""
    assert timeline.report.svg(fixture) == timeline.report.svg(fixture)


def test_an_svg_of_nothing_is_refused(fixture: Timeline) -> None:
    """No event with a date to place: a ValueError, not an empty drawing."""
    empty = fixture.filter(timeline.Filter.build(text="no such words anywhere"))
    with pytest.raises(ValueError, match="no event to draw"):
        timeline.report.svg(empty)


def test_cli_writes_an_svg(tmp_path: Path) -> None:
    """`report --format svg --width 900 -o FILE` writes the drawing, 900 px wide."""
    out = tmp_path / "chart.svg"
    code = main(
        ["report", str(GOLDEN / "events"), "--format", "svg", "--width", "900", "-o", str(out)]
    )
    assert code == 0
    root = ElementTree.parse(out).getroot()
    assert root.get("width") == "900"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "json", "--width", "900"], "--width goes with --format text, html or svg"),
        (["--format", "svg", "--width", "100"], "--width 100: the chart is 480 to 20000 pixels"),
        (["--format", "svg", "--text", "no such words anywhere"], "--format svg: no event to draw"),
    ],
)
def test_cli_refuses_what_cannot_be_drawn(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A width without a chart, a chart too narrow, or nothing to draw: usage errors (exit 2)."""
    assert main(["report", str(GOLDEN / "events"), *options]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("locale", ["fr", "ja"])
def test_the_svg_speaks_the_pages_language(shipped: Timeline, locale: str) -> None:
    """With a locale, the SVG names its language and holds the page's chart word for word:
    the same axis labels, lane notes, band labels and tooltips."""
    drawing = timeline.report.svg(shipped, locale=locale)
    root = ElementTree.fromstring(drawing.encode("utf-8"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == locale
    page = timeline.report.html(shipped, locale=locale)
    chart = page.split('<div class="scroll">', 1)[1].split("</svg>", 1)[0]

    def texts(markup: str, tag: str) -> list[str]:
        return re.findall(rf"<{tag}[^>]*>([^<]+)</{tag}>", markup)

    for tag in ("text", "title", "tspan"):
        assert set(texts(chart, tag)) <= set(texts(drawing, tag)), tag
    assert texts(drawing, "desc") == texts(chart, "desc")
    assert "no events start or end" not in drawing
    assert "xml:lang" not in timeline.report.svg(shipped)


def test_cli_writes_an_svg_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    """`report --format svg --locale fr` writes French axis labels."""
    assert main(["report", str(ROOT / "events"), "--format", "svg", "--locale", "fr"]) == 0
    out = capsys.readouterr().out
    assert 'class="tick minor">févr.</text>' in out
    assert 'xml:lang="fr"' in out
