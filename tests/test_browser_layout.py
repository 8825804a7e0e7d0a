"""The chart as Chromium lays it out: no axis label overlaps another, no event label is cut
or drawn over another, lane titles stay inside the chart, at 1280 and 390 px, on the
shipped data and on a dataset of long titles; the SVG export draws the page's marks.

The browser harness is tests/test_browser.py's (DevTools over a pipe, no extra package).
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest

import test_browser
import timeline
from test_browser import ARTIFACTS, Browser
from timeline import Citation, Event, Policy, Settings, Source, Timeline, When
from timeline.report import _html as html

pytestmark = pytest.mark.browser
browser = test_browser.browser  # the same module-scoped Chromium fixture

ROOT = Path(__file__).parent.parent
WIDTHS = [1280, 390]
_WORDS = [
    *("regulation", "council", "parliament", "agreement", "artificial", "intelligence"),
    *("general-purpose", "models", "obligations", "providers", "deployers", "transparency"),
    *("high-risk", "systems", "conformity", "assessment", "notified", "bodies", "market"),
    *("surveillance", "penalties", "codes", "of", "practice", "sandboxes"),
]


def long_titles() -> Timeline:
    """Forty events with titles of 5 to 45 words in three policies with long names, some on
    the same day, some spans, some imprecise: what wraps, moves to the notes and packs."""
    rng = random.Random(17)
    policies = [
        Policy(
            id=f"p{n}",
            title=" ".join(rng.choice(_WORDS) for _ in range(8 + 4 * n)).capitalize(),
            jurisdiction="EU",
        )
        for n in range(3)
    ]
    whens = ["2023-12-08", "2024-03-13", "2024-05-21", "2024-07-12", "2024-08-01", "2025-02-02"]
    whens += ["2025-08-02", "2026-08-02", "2024-06", "2025-23", "2024-05-21/2024-07-12", "2025~"]
    events = []
    for n in range(40):
        words = rng.choice([5, 9, 14, 22, 45])
        events.append(
            Event(
                id=f"e{n:02d}",
                title=" ".join(rng.choice(_WORDS) for _ in range(words)).capitalize(),
                when=When.parse(whens[n % len(whens)]),
                policy=f"p{n % 4}" if n % 4 < 3 else None,
                cite=(Citation(source="s"),),
            )
        )
    return Timeline(
        events=events,
        policies=policies,
        sources=[Source(id="s", title="A source")],
        settings=Settings(name="Long titles"),
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report of the shipped data and of the long-titles dataset, written to files (and
    in French and Japanese, whose axis labels are CLDR's)."""
    folder = tmp_path_factory.mktemp("layout")
    found = {}
    for name, tl in [("shipped", timeline.load(ROOT / "events")), ("long", long_titles())]:
        for locale in (None, "fr", "ja"):
            key = name if locale is None else f"{name}-{locale}"
            found[key] = folder / f"{key}.html"
            found[key].write_text(html.render(tl, locale=locale), encoding="utf-8")
    return found


BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => getComputedStyle(e).display !== 'none')
  .map(e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            text: e.textContent, event: e.closest('[data-event]')?.dataset.event ?? null,
            lane: e.closest('g.lane')?.dataset.lane ?? null}; })
  .filter(b => b.right > b.left)"""


def _boxes(browser: Browser, selector: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = browser.evaluate(f"({BOXES})({json.dumps(selector)})")
    return found


def _overlap(a: dict[str, Any], b: dict[str, Any], slack: float = 0.5) -> bool:
    return (
        a["left"] + slack < b["right"]
        and b["left"] + slack < a["right"]
        and a["top"] + slack < b["bottom"]
        and b["top"] + slack < a["bottom"]
    )


def _open(browser: Browser, page: Path, width: int) -> None:
    browser.open(page, width, mobile=width < 600)
    assert browser.problems() == []


@pytest.mark.parametrize("name", ["shipped", "long", "shipped-fr", "long-fr", "shipped-ja"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_two_axis_labels_overlap(
    browser: Browser, pages: dict[str, Path], name: str, width: int
) -> None:
    """The axis's year and month labels, as drawn in the page's language, never touch."""
    _open(browser, pages[name], width)
    ticks = sorted(_boxes(browser, "#_chart text.tick"), key=lambda b: b["left"])
    assert len(ticks) >= 3
    for a, b in itertools.pairwise(ticks):
        assert a["right"] <= b["left"], (a["text"], b["text"])


@pytest.mark.parametrize("name", ["shipped", "long"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_event_label_is_cut_or_covered(
    browser: Browser, pages: dict[str, Path], name: str, width: int
) -> None:
    """Every label lies wholly inside the chart, overlaps no other label and no other mark,
    and says the whole title (or the number of the note that does)."""
    _open(browser, pages[name], width)
    chart = _boxes(browser, "#_chart svg")[0]
    labels = _boxes(browser, "#_chart text.label")
    glyphs = _boxes(browser, "#_chart .mark .glyph")
    assert len(labels) == len(glyphs) > 10
    for label in labels:
        assert chart["left"] - 0.5 <= label["left"], label
        assert label["right"] <= chart["right"] + 0.5, label
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a, b), (a["text"], b["text"])
    for label in labels:
        for glyph in glyphs:
            if glyph["event"] != label["event"] and glyph["lane"] == label["lane"]:
                assert not _overlap(label, glyph, slack=1), (label["text"], glyph["event"])
    said = browser.evaluate(
        """Object.fromEntries([...document.querySelectorAll('#_chart .mark')].map(m => [
          m.dataset.event,
          [...m.querySelectorAll('text.label tspan')].map(t => t.textContent).join(' ')]))"""
    )
    notes = browser.evaluate(
        """Object.fromEntries([...document.querySelectorAll('#_chart .note-text')].map(n => [
          n.dataset.note, [...n.querySelectorAll('tspan')].map(t => t.textContent).join(' ')]))"""
    )
    titles = browser.evaluate(
        "Object.fromEntries([...document.querySelectorAll('article.event')]"
        ".map(a => [a.id, a.querySelector('h4').textContent]))"
    )
    for event_id, text in said.items():
        title = titles[event_id]
        if text.startswith("["):
            assert notes[event_id].endswith(title), event_id
        else:
            assert title in text, (event_id, text)
    if name == "long":
        assert notes  # the dataset has titles too long for two lines
        assert any(len(b["text"]) > 40 for b in labels)
    browser.screenshot(ARTIFACTS / f"layout-{name}-{width}.png")


@pytest.mark.parametrize("name", ["shipped", "long"])
@pytest.mark.parametrize("width", WIDTHS)
def test_lane_titles_stay_inside_the_chart(
    browser: Browser, pages: dict[str, Path], name: str, width: int
) -> None:
    """Each lane title lies inside the chart; on a phone, the copy at the chart's right end,
    where the chart opens, lies wholly inside the visible part of the chart's box."""
    _open(browser, pages[name], width)
    chart = _boxes(browser, "#_chart svg")[0]
    box = _boxes(browser, "#_chart .scroll")[0]
    titles = _boxes(browser, "#_chart text.lane-title:not(.end)")
    assert titles
    for title in titles:
        assert chart["left"] <= title["left"], title
        assert title["right"] <= chart["right"], title
    if width < 600:
        ends = _boxes(browser, "#_chart text.lane-title.end")
        assert len(ends) == len(titles)
        for title in ends:
            assert box["left"] <= title["left"], title
            assert title["right"] <= min(box["right"], width), title


@pytest.mark.parametrize("lanes", ["policy", "actor", "tag"])
def test_the_svg_draws_the_same_marks_as_the_page(
    browser: Browser, tmp_path: Path, lanes: str
) -> None:
    """The standalone SVG of the shipped data, opened in Chromium, shows as many marks as
    the page's chart, for the same events, loading nothing."""
    shipped = timeline.load(ROOT / "events")
    page, drawing = tmp_path / "page.html", tmp_path / "chart.svg"
    page.write_text(timeline.report.html(shipped, lanes=lanes), encoding="utf-8")  # type: ignore[arg-type]
    drawing.write_text(timeline.report.svg(shipped, lanes=lanes), encoding="utf-8")  # type: ignore[arg-type]
    count = """[...document.querySelectorAll('.mark')]
      .filter(m => m.getBoundingClientRect().width > 0).map(m => m.dataset.event).sort()"""
    _open(browser, page, 1280)
    on_page = browser.evaluate(count)
    _open(browser, drawing, 1280)
    in_svg = browser.evaluate(count)
    assert in_svg == on_page
    assert len(in_svg) >= len(shipped)
    assert browser.evaluate("document.documentElement.tagName") == "svg"
    assert browser.evaluate("document.scripts.length") == 0
    browser.screenshot(ARTIFACTS / f"chart-{lanes}.png")
