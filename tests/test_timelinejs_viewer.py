"""Our TimelineJS JSON in the real TimelineJS 3 viewer, in headless Chromium: it loads clean.

The viewer is the npm package `@knight-lab/timelinejs`, pinned in tests/viewer/package.json
and installed by .ci/run (`npm ci` there; node_modules is not committed). Its dist files are
loaded from file:// URLs by a page written per test, with our JSON passed to `TL.Timeline`.
The page sets `font: null`: TimelineJS's default font CSS would fetch Google Fonts.
Skips when Chromium or the npm package is missing, except under CI=true, where that fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Timeline
from timeline.report import _timelinejs as timelinejs

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
DIST = Path(__file__).parent / "viewer" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
GOLDEN = Path(__file__).parent / "data" / "golden" / "events"
ARTIFACTS = Path(__file__).parent / "artifacts"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TimelineJS viewer test</title>
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
</head>
<body style="margin:0">
<div id="timeline-embed" style="width: 100%; height: 640px"></div>
<script>
window.viewer = new TL.Timeline("timeline-embed", {data}, {{
  script_path: {script_path}, font: null, language: "en", hash_bookmark: false
}});
</script>
</body>
</html>
"""

#: Waits (up to 15 s) until the viewer has drawn its markers, then reports what it drew.
DRAWN = """new Promise((resolve) => {
  const started = Date.now();
  const look = () => {
    const markers = document.querySelectorAll(".tl-timemarker");
    if (markers.length || Date.now() - started > 15000) {
      const config = window.viewer.config || {messages: {errors: [], warnings: []}};
      resolve({
        markers: markers.length,
        slides: document.querySelectorAll(".tl-slide").length,
        errors: config.messages.errors.map(String),
        message: (document.querySelector(".tl-message-full") || {}).textContent || "",
      });
    } else {
      setTimeout(look, 100);
    }
  };
  look();
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module (the DevTools driver of tests/test_browser.py)."""
    missing = (
        []
        if (DIST / "js" / "timeline.js").is_file()
        else ["tests/viewer/node_modules (run: npm ci --prefix tests/viewer)"]
    )
    from test_browser import started

    with started(missing) as chrome:
        yield chrome


def page_for(tl: Timeline, folder: Path, *, lanes: timelinejs.Lane = "policy") -> Path:
    """A page that shows `tl`'s TimelineJS JSON in the viewer."""
    data = timelinejs.render(tl, lanes=lanes).replace("</", "<\\/")  # safe inside <script>
    path = folder / "viewer.html"
    path.write_text(
        PAGE.format(
            css=(DIST / "css" / "timeline.css").as_uri(),
            js=(DIST / "js" / "timeline.js").as_uri(),
            script_path=json.dumps((DIST / "js").as_uri() + "/"),
            data=data,
        ),
        encoding="utf-8",
    )
    return path


def show(browser: Any, page: Path, width: int = 1280) -> dict[str, Any]:
    """Open the page, wait for the viewer and return what it drew."""
    browser.events.clear()
    browser.open(page, width, 760)
    drawn: dict[str, Any] = browser.evaluate(DRAWN)
    return drawn


def settle(browser: Any, slide: int = 1) -> None:
    """Go to a slide and let the viewer's animations finish, for a screenshot worth a look."""
    browser.evaluate(f"window.viewer.goTo({slide})")
    browser.evaluate("new Promise(r => setTimeout(r, 1500))")


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped chip-policy dataset."""
    return timeline.load(ROOT / "events")


@pytest.mark.parametrize("lanes", ["policy", "actor"])
def test_shipped_events_load_in_the_viewer(
    browser: Any, shipped: Timeline, tmp_path: Path, lanes: timelinejs.Lane
) -> None:
    """Every event becomes a marker and a slide; no error, no request beyond local files."""
    drawn = show(browser, page_for(shipped, tmp_path, lanes=lanes))
    assert browser.problems() == []
    assert drawn["errors"] == []
    assert drawn["markers"] == len(shipped)
    assert drawn["slides"] == len(shipped) + 1  # and the title slide
    settle(browser)
    browser.screenshot(ARTIFACTS / f"timelinejs-{lanes}.png")


def test_the_viewer_shows_our_labels(browser: Any, shipped: Timeline, tmp_path: Path) -> None:
    """Slides show our display dates ("~2021", "June–December 2025"), not made-up dates."""
    show(browser, page_for(shipped, tmp_path))
    shown = browser.evaluate(
        """[...document.querySelectorAll(".tl-slide .tl-headline-date")]
            .map(e => e.textContent.trim())"""
    )
    assert {e.when.label for e in shipped} <= set(shown)
    assert "~2021" in shown


def test_hostile_text_stays_text_in_the_viewer(browser: Any, tmp_path: Path) -> None:
    """Script and img tags in titles and policy names show as text and run nothing."""
    golden = timeline.load(GOLDEN)
    drawn = show(browser, page_for(golden, tmp_path))
    assert browser.problems() == []  # no dialog: alert(1) never ran
    assert drawn["markers"] == len(golden)
    pledge = golden["festival-pledge"]
    headlines = browser.evaluate(
        """[...document.querySelectorAll(".tl-slide .tl-headline")]
            .map(e => e.textContent)"""
    )
    assert pledge.title in headlines
    groups = browser.evaluate(
        "[...document.querySelectorAll('.tl-timegroup-message')].map(e => e.textContent)"
    )
    assert golden.policies["pier-festivals"].title in groups
    injected = browser.evaluate(
        """({img: document.querySelectorAll('img[src="x"]').length,
            scripts: document.querySelectorAll("#timeline-embed script").length,
            bold: document.querySelectorAll("#timeline-embed .tl-timegroup-message b").length})"""
    )
    assert injected == {"img": 0, "scripts": 0, "bold": 0}
    settle(browser, slide=1 + [e.id for e in golden].index("festival-pledge"))
    assert browser.problems() == []
    browser.screenshot(ARTIFACTS / "timelinejs-hostile.png")


def test_a_broken_document_is_caught(browser: Any, tmp_path: Path) -> None:
    """Control: a slide without a start date makes the viewer complain, so the checks can fail."""
    page = tmp_path / "broken.html"
    data = json.dumps({"events": [{"text": {"headline": "no date"}}]})
    page.write_text(
        PAGE.format(
            css=(DIST / "css" / "timeline.css").as_uri(),
            js=(DIST / "js" / "timeline.js").as_uri(),
            script_path=json.dumps((DIST / "js").as_uri() + "/"),
            data=data,
        ),
        encoding="utf-8",
    )
    drawn = show(browser, page)
    assert drawn["markers"] == 0
    assert any("no events" in error for error in drawn["errors"]), drawn
    assert "Error" in drawn["message"]
