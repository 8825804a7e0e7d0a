"""The HTML report against an automated WCAG 2.1 AA audit and a keyboard, in headless Chromium.

The audit is axe-core, the npm package pinned in tests/viewer/package.json and installed by
.ci/run (`npm ci` there; node_modules is not committed). Its script is read from disk and run
in the page over the DevTools protocol (the driver of tests/test_browser.py), so nothing is
fetched and the page's Content-Security-Policy stays as shipped. Any serious or critical
violation fails; the full results land in tests/artifacts/ for people to read. Skips when
Chromium or the npm package is missing, except under CI=true, where that fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Timeline
from timeline.report import _chart as chart
from timeline.report import _html as html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
AXE = Path(__file__).parent / "viewer" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "artifacts"
#: WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, headings).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = ("serious", "critical")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module with axe-core at hand (skipped without; CI fails)."""
    missing = (
        [] if AXE.is_file() else ["tests/viewer/node_modules (run: npm ci --prefix tests/viewer)"]
    )
    from test_browser import started

    with started(missing) as chrome:
        yield chrome


def audit(browser: Any, page: Path, width: int = 1280) -> list[dict[str, Any]]:
    """Open the page, run axe-core in it and return its violations (saved to tests/artifacts)."""
    browser.open(page, width)
    browser.evaluate(AXE.read_text(encoding="utf-8") + "\n;1")
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    violations: list[dict[str, Any]] = browser.evaluate(
        f"axe.run(document, {json.dumps(options)}).then(r => r.violations)"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{page.stem}.json").write_text(
        json.dumps(violations, indent=1), encoding="utf-8"
    )
    return violations


def serious(violations: list[dict[str, Any]]) -> list[str]:
    """One line per serious or critical violation: rule, impact, the first few elements."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in FAILING
    ]


def write(tl: Timeline, folder: Path, name: str, **options: Any) -> Path:
    """The HTML report of `tl`, written to `folder/name.html`."""
    path = folder / f"{name}.html"
    path.write_text(html.render(tl, **options), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def large(generated_events: Path) -> Timeline:
    """A generated dataset of a few thousand events at every precision, with policies."""
    return timeline.load(generated_events)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, large: Timeline) -> dict[str, Path]:
    """The reports audited: the shipped data, the generated one and the EU AI Act example
    (in English and in French; the generated one in French too, its density in words)."""
    folder = tmp_path_factory.mktemp("a11y")
    return {
        "shipped": write(timeline.load(ROOT / "events"), folder, "shipped"),
        "shipped-actors": write(
            timeline.load(ROOT / "events"), folder, "shipped-actors", lanes="actor"
        ),
        "large": write(large, folder, "large"),
        "large-fr": write(large, folder, "large-fr", locale="fr"),
        "eu-ai-act": write(timeline.load(ROOT / "examples" / "eu-ai-act"), folder, "eu-ai-act"),
        "eu-ai-act-fr": write(
            timeline.load(ROOT / "examples" / "eu-ai-act"), folder, "eu-ai-act-fr", locale="fr"
        ),
    }


@pytest.mark.parametrize(
    "name", ["shipped", "shipped-actors", "large", "large-fr", "eu-ai-act", "eu-ai-act-fr"]
)
def test_no_serious_violation(browser: Any, pages: dict[str, Path], name: str) -> None:
    """axe-core finds no serious or critical WCAG 2.1 AA violation in the report."""
    assert serious(audit(browser, pages[name])) == []


def test_the_audit_catches_a_bad_page(browser: Any, tmp_path: Path) -> None:
    """Control: a page with no lang, an unnamed image and link, and grey-on-grey text fails."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><title>x</title><body><main>"
        '<img src="data:,"><a href="#x"></a>'
        '<p style="color:#aaa;background:#bbb">faint</p></main></body></html>',
        encoding="utf-8",
    )
    found = {line.split(" ", 1)[0] for line in serious(audit(browser, page))}
    assert {"html-has-lang", "image-alt", "link-name", "color-contrast"} <= found, found


#: The site's kinds of page: a paged index, a year, a policy and the policy index.
SITE_PAGES = ["index.html", "years/*.html", "policies/*.html", "policies.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a generated dataset just past one page's list, so its list is paged."""
    out = tmp_path_factory.mktemp("site-data")
    size = str(html.LIST_LIMIT + 100)
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), size, "--out", str(out)],
        check=True,
        capture_output=True,
    )
    folder = tmp_path_factory.mktemp("site")
    timeline.build_site(timeline.load(out / "events"), folder / "site")
    return folder / "site"


@pytest.mark.parametrize("pattern", SITE_PAGES)
def test_no_serious_violation_on_the_site(browser: Any, site: Path, pattern: str) -> None:
    """axe-core finds no serious or critical violation on each kind of the site's pages."""
    page = sorted(site.glob(pattern))[0]
    assert serious(audit(browser, page)) == []


# -- contrast axe cannot judge: SVG text and marks ---------------------------------------------


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour with channels 0-255."""
    lin = [
        c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb
    ]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    low, high = sorted((_luminance(a), _luminance(b)))
    return (high + 0.05) / (low + 0.05)


def _hex(colour: str) -> tuple[float, float, float]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


WHITE = (255.0, 255.0, 255.0)


@pytest.mark.parametrize("colour", [*chart.COLOURS, chart.GREY])
def test_lane_colours_stand_out_from_the_page(colour: str) -> None:
    """Each lane colour is at least 3:1 on white, as WCAG 1.4.11 asks of graphical objects."""
    assert contrast(_hex(colour), WHITE) >= 3.0


#: Every visible text of the chart: its fill, size and weight, and for a text drawn on a
#: band, the band's fill and opacity (what lies behind it; other text lies on white or on
#: a white halo of its own).
SVG_TEXT = """[...document.querySelectorAll('#_chart svg text')]
  .filter(t => t.getBoundingClientRect().width > 0)
  .map(t => {
    const style = getComputedStyle(t);
    const band = t.closest('.band');
    const under = band && band.querySelector('rect.fill');
    const behind = under ? getComputedStyle(under) : null;
    return {
      text: t.textContent.slice(0, 40), fill: style.fill, size: parseFloat(style.fontSize),
      bold: parseInt(style.fontWeight, 10) >= 700,
      behind: behind ? behind.fill : null,
      opacity: behind ? parseFloat(behind.fillOpacity) : 0,
    };
  })"""


def _rgb(css: str) -> tuple[float, float, float]:
    """'rgb(31, 35, 40)' as a triple."""
    parts = css[css.index("(") + 1 : css.index(")")].split(",")
    return (float(parts[0]), float(parts[1]), float(parts[2]))


@pytest.mark.parametrize("name", ["shipped", "large", "eu-ai-act"])
def test_chart_text_meets_contrast(browser: Any, pages: dict[str, Path], name: str) -> None:
    """Every text the chart draws is at least 4.5:1 (3:1 when large) on what lies behind it."""
    browser.open(pages[name], 1280)
    texts = browser.evaluate(SVG_TEXT)
    assert texts
    low = []
    for text in texts:
        background = WHITE
        if text["behind"]:
            paint, alpha = _rgb(text["behind"]), text["opacity"]
            background = tuple(alpha * c + (1 - alpha) * 255 for c in paint)  # type: ignore[assignment]
        large_text = text["size"] >= 24 or (text["bold"] and text["size"] >= 18.66)
        ratio = contrast(_rgb(text["fill"]), background)
        if ratio < (3.0 if large_text else 4.5):
            low.append((text["text"], round(ratio, 2)))
    assert low == []


# -- the keyboard --------------------------------------------------------------------------------

#: What has the focus: the mark's event, the entry's event, its outline and its name.
FOCUSED = """(() => {
  const e = document.activeElement;
  if (!e || e === document.body) { return null; }
  const style = getComputedStyle(e);
  const mark = e.closest('a.mark');
  const entry = e.closest('article.event');
  return {
    tag: e.tagName.toLowerCase(),
    mark: mark ? mark.dataset.event : null,
    tooltip: mark ? mark.querySelector('title').textContent : null,
    entry: entry && e.matches('h4 a') ? entry.id : null,
    skip: e.classList.contains('skip'),
    caption: (() => { const c = document.getElementById('_focused'), r = c.getBoundingClientRect();
      return !c.hidden && r.top >= 0 && r.bottom <= innerHeight ? c.textContent : null; })(),
    outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    name: (e.getAttribute('aria-label')
      || (e.labels && e.labels.length ? e.labels[0].textContent : '')
      || e.textContent || '').trim().slice(0, 80),
  };
})()"""


def press(browser: Any, key: str, code: int, *, shift: bool = False) -> None:
    """One key press (down and up) sent to the page, as a keyboard would."""
    for kind in ("keyDown", "keyUp"):
        browser.call(
            "Input.dispatchKeyEvent",
            session=True,
            type=kind,
            key=key,
            code=key,
            windowsVirtualKeyCode=code,
            modifiers=8 if shift else 0,
        )


def tab_through(browser: Any, limit: int) -> list[dict[str, Any]]:
    """Everything Tab reaches, in order, from the top of the page until focus leaves it."""
    browser.evaluate("document.activeElement && document.activeElement.blur(), 1")
    reached: list[dict[str, Any]] = []
    for _ in range(limit):
        press(browser, "Tab", 9)
        focused = browser.evaluate(FOCUSED)
        if focused is None or (reached and focused == reached[0]):
            break
        reached.append(focused)
    return reached


MARKS = "[...new Set([...document.querySelectorAll('#_chart a.mark')].map(m => m.dataset.event))]"


@pytest.mark.parametrize("name", ["shipped", "eu-ai-act", "large"])
def test_tab_reaches_every_mark_and_its_entry(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """Tab reaches every mark, then every entry, each with a visible outline and a name."""
    browser.open(pages[name], 1280)
    marks = set(browser.evaluate(MARKS))
    assert marks
    limit = browser.evaluate("document.querySelectorAll('a[href], input, summary').length") + 5
    reached = tab_through(browser, limit)
    assert {r["mark"] for r in reached if r["mark"]} == marks
    assert {r["entry"] for r in reached if r["entry"]} >= marks
    last_mark = max(i for i, r in enumerate(reached) if r["mark"])
    first_entry = min(i for i, r in enumerate(reached) if r["entry"])
    assert last_mark < first_entry  # the chart, then the list, as on the page
    assert [r for r in reached if r["outline"] < 2] == []  # WCAG 2.4.7: focus is visible
    assert [r for r in reached if not r["name"]] == []
    # the mouse's tooltip shows for the keyboard too, on screen, under the chart
    assert [r for r in reached if r["caption"] != r["tooltip"]] == []
    assert browser.problems() == []


def test_a_dense_charts_marks_link_to_entries_on_the_page(
    browser: Any, pages: dict[str, Path]
) -> None:
    """Past the list limit every mark still links to an entry the page lists, takes the
    focus and has a name, and the lanes drawn as density are in the text alternative."""
    browser.open(pages["large"], 1280)
    found = browser.evaluate(
        """(() => {
          const marks = [...document.querySelectorAll('#_chart a.mark')];
          return {
            marks: marks.length,
            bad: marks.filter(m => !(m.tabIndex >= 0 && m.getAttribute('href')
                && document.getElementById(m.getAttribute('href').slice(1))
                && m.querySelector('title').textContent.trim())).map(m => m.dataset.event),
            focusable: marks.every(m => { m.focus(); return document.activeElement === m; }),
            dense: document.querySelectorAll('#_chart .density').length,
            table: document.querySelectorAll('#_chart-text tbody tr').length,
          };
        })()"""
    )
    assert found["marks"] > 20
    assert found["bad"] == []
    assert found["focusable"] is True
    assert found["dense"] > 0  # the lanes are dense, and the text alternative tables them
    assert found["table"] > 0


def test_the_skip_link_jumps_past_the_marks(browser: Any, pages: dict[str, Path]) -> None:
    """The skip link shows when focused; Enter on it sends the next Tab past every mark."""
    browser.open(pages["shipped"], 1280)
    reached = tab_through(browser, 10)
    skip = next(i for i, r in enumerate(reached) if r["skip"])
    assert reached[skip + 1]["mark"]  # the marks come right after it
    browser.evaluate("document.querySelector('a.skip').focus(), 1")
    width = browser.evaluate("document.querySelector('a.skip').getBoundingClientRect().left")
    assert width >= 0  # on screen while focused
    press(browser, "Enter", 13)
    press(browser, "Tab", 9)
    after = browser.evaluate(FOCUSED)
    assert after["mark"] is None
    assert after["entry"] is not None


def test_a_marks_name_is_its_date_and_title(browser: Any, pages: dict[str, Path]) -> None:
    """The accessibility tree names each mark link by its date and full title."""
    browser.open(pages["shipped"], 1280)
    browser.call("Accessibility.enable", session=True)
    nodes = browser.call("Accessibility.getFullAXTree", session=True)["nodes"]
    names = {
        n["name"]["value"]
        for n in nodes
        if n.get("role", {}).get("value") == "link" and "name" in n
    }
    events = timeline.load(ROOT / "events")
    for event in events:
        assert any(
            name.startswith(f"{event.when.label}: ") and event.title[:20] in name for name in names
        ), event.id


# -- motion and language -------------------------------------------------------------------------

MOTION = """(() => {
  const mark = document.querySelector('#_chart a.mark');
  return {scroll: getComputedStyle(document.documentElement).scrollBehavior,
          transition: getComputedStyle(mark).transitionDuration,
          animation: getComputedStyle(mark).animationName};
})()"""


@pytest.mark.parametrize(
    ("preference", "scroll"), [("no-preference", "smooth"), ("reduce", "auto")]
)
def test_motion_follows_the_readers_preference(
    browser: Any, pages: dict[str, Path], preference: str, scroll: str
) -> None:
    """A mark's link glides to its entry, unless the reader asks for reduced motion."""
    browser.open(pages["shipped"], 1280)
    browser.call(
        "Emulation.setEmulatedMedia",
        session=True,
        features=[{"name": "prefers-reduced-motion", "value": preference}],
    )
    try:
        motion = browser.evaluate(MOTION)
    finally:
        browser.call("Emulation.setEmulatedMedia", session=True, features=[])
    assert motion == {"scroll": scroll, "transition": "0s", "animation": "none"}


@pytest.mark.parametrize(
    ("locale", "lang"), [("en", "en"), ("de", "de"), ("pt_BR", "pt-BR"), ("ja", "ja")]
)
def test_the_page_language_follows_the_locale(locale: str, lang: str) -> None:
    """`lang` on <html> is the report's locale as a BCP 47 tag, and said once."""
    page = html.render(timeline.load(ROOT / "events"), locale=locale)
    assert f'<html lang="{lang}">' in page
    assert page.count("lang=") == 1


def test_a_locale_that_could_break_out_of_lang_is_refused() -> None:
    """A `lang` value that could break out of its attribute is refused."""
    with pytest.raises(ValueError, match="is not a supported locale"):
        html.render(timeline.load(ROOT / "events"), locale='en" onload="x')
