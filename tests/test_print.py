"""The HTML report on paper: printed to PDF by headless Chromium on A4 and Letter.

Chromium prints over its DevTools protocol (`Page.printToPDF`, the driver of
tests/test_browser.py); poppler's `pdftotext` and `pdfinfo` (Debian's poppler-utils, which
.ci/run installs) read the PDF back. Each PDF must be on the paper asked for, with a sane
number of pages, every listed event's title and every source's address in its text, and no
word past the page's margins. The print layout itself is checked at each paper's width: the
chart fits the page, whole. Skips when Chromium or poppler-utils is missing, except under
CI=true, where that fails. The PDFs land in tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import base64
import html as html_text
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Timeline
from timeline.report import _html as html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
MM = 96 / 25.4  # CSS px per millimetre
#: Paper: width and height in mm, and the page margins of report.css's @page (mm).
PAPER = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_X, MARGIN_Y = 12.0, 14.0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium, with poppler-utils at hand (skipped without them; CI fails)."""
    missing = [
        f"{tool} (Debian's poppler-utils)"
        for tool in ("pdftotext", "pdfinfo")
        if shutil.which(tool) is None
    ]
    from test_browser import started

    with started(missing) as chrome:
        yield chrome


@pytest.fixture(scope="module")
def datasets(generated_events: Path) -> dict[str, Timeline]:
    """The shipped data, the EU AI Act example and a generated few thousand events."""
    return {
        "shipped": timeline.load(ROOT / "events"),
        "eu-ai-act": timeline.load(ROOT / "examples" / "eu-ai-act"),
        "large": timeline.load(generated_events),
    }


@pytest.fixture(scope="module")
def pages(
    tmp_path_factory: pytest.TempPathFactory, datasets: dict[str, Timeline]
) -> dict[str, Path]:
    """Each dataset's HTML report, written to a file."""
    folder = tmp_path_factory.mktemp("print")
    written = {}
    for name, tl in datasets.items():
        written[name] = folder / f"{name}.html"
        written[name].write_text(html.render(tl), encoding="utf-8")
    written["large-actors"] = folder / "large-actors.html"  # 24 lanes: taller than a page
    written["large-actors"].write_text(html.render(datasets["large"], lanes="actor"), "utf-8")
    return written


def print_pdf(browser: Any, page: Path, paper: str) -> Path:
    """The page printed to PDF on `paper`, as a reader's Print would (backgrounds on)."""
    width, height = PAPER[paper]
    browser.open(page, 1280)
    data = browser.call(
        "Page.printToPDF",
        session=True,
        timeout=120,
        paperWidth=width / 25.4,
        paperHeight=height / 25.4,
        printBackground=True,
    )["data"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"print-{page.stem}-{paper}.pdf"
    path.write_bytes(base64.b64decode(data))
    return path


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, pages parted by form feeds."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeeze(text: str) -> str:
    """Text with no white space, hyphen or bidi mark and with ligatures undone, so a line
    break (which pdftotext joins, dropping the hyphen before it) cannot hide a title."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        c for c in text if not c.isspace() and c != "-" and unicodedata.category(c) != "Cf"
    )


def paper_size(path: Path) -> tuple[float, float]:
    """The first page's size in mm, from pdfinfo."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert found, info.stdout
    return float(found[1]) / 72 * 25.4, float(found[2]) / 72 * 25.4


#: Words pdftotext finds outside the page's margins: (page, word, box in pt).
OUTSIDE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def words_past_the_margins(path: Path) -> list[tuple[int, str]]:
    """Every word whose box crosses the page's margins (less 2 mm of slack)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    past = []
    for number, page in enumerate(out.split("<page ")[1:], 1):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        assert size, page[:80]
        width, height = float(size[1]), float(size[2])
        left, top = (MARGIN_X - 2) / 25.4 * 72, (MARGIN_Y - 2) / 25.4 * 72
        for x0, y0, x1, y1, word in OUTSIDE.findall(page):
            if (
                float(x0) < left
                or float(x1) > width - left
                or float(y0) < top
                or float(y1) > height - top
            ):
                past.append((number, html_text.unescape(word)))
    return past


LISTED = "[...document.querySelectorAll('article.event h4')].map(h => h.textContent)"
SOURCES = "[...document.querySelectorAll('article.event a[href^=\"http\"]')].map(a => a.href)"


@pytest.mark.parametrize(
    ("name", "paper"),
    [("shipped", "a4"), ("shipped", "letter"), ("eu-ai-act", "a4"), ("large", "letter")],
)
def test_the_report_prints(
    browser: Any, pages: dict[str, Path], datasets: dict[str, Timeline], name: str, paper: str
) -> None:
    """On the paper asked for, a sane number of pages holds every listed title and address."""
    tl = datasets[name]
    browser.open(pages[name], 1280)
    titles = browser.evaluate(LISTED)
    addresses = browser.evaluate(SOURCES)
    if len(tl) <= html.LIST_LIMIT:
        assert sorted(titles) == sorted(e.title for e in tl)  # every event is listed
    pdf = print_pdf(browser, pages[name], paper)
    width, height = paper_size(pdf)
    assert (round(width), round(height)) == tuple(round(mm) for mm in PAPER[paper])
    text = pdf_text(pdf)
    count = text.count("\f")
    assert 2 <= count <= len(titles) + 5, count  # the chart and legend, then the list
    flat = squeeze(text)
    assert [t for t in titles if squeeze(t) not in flat] == []
    assert [a for a in addresses if squeeze(a) not in flat] == []  # links written out
    assert words_past_the_margins(pdf) == []
    assert "The chart in words" not in text  # a closed disclosure is left out
    assert "Skip the chart" not in text
    assert browser.problems() == []


#: The chart's box, and every text in it that its box does not hold (in CSS px).
CHART_FIT = """(() => {
  const svg = document.querySelector('#_chart svg').getBoundingClientRect();
  const out = [...document.querySelectorAll('#_chart svg text')].filter(t => {
    const r = t.getBoundingClientRect();
    return r.width > 0 && (r.left < svg.left - 1 || r.right > svg.right + 1
      || r.top < svg.top - 1 || r.bottom > svg.bottom + 1);
  }).map(t => t.textContent);
  return {right: svg.right, height: svg.height, width: document.documentElement.clientWidth,
          outside: out, hint: getComputedStyle(document.querySelector('.scroll-hint')).display};
})()"""


@pytest.mark.parametrize("paper", list(PAPER))
@pytest.mark.parametrize("name", ["shipped", "large-actors"])
def test_the_chart_is_scaled_to_the_page(
    browser: Any, pages: dict[str, Path], name: str, paper: str
) -> None:
    """In print at the paper's width the whole chart fits one page: no mark or label is cut."""
    width, height = PAPER[paper]
    browser.open(pages[name], round((width - 2 * MARGIN_X) * MM))
    browser.call("Emulation.setEmulatedMedia", session=True, media="print")
    try:
        fit = browser.evaluate(CHART_FIT)
    finally:
        browser.call("Emulation.setEmulatedMedia", session=True, media="")
    assert fit["right"] <= fit["width"] + 1
    assert fit["height"] <= (height - 2 * MARGIN_Y) * MM - 30  # and room for its heading
    assert fit["outside"] == []
    assert fit["hint"] == "none"
