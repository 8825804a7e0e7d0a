"""The HTML report in a real headless Chromium: loads clean, shows every event, runs no data.

Chromium is driven over its DevTools protocol through `--remote-debugging-pipe` (JSON
messages on file descriptors 3 and 4), so the tests need nothing beyond the standard library.
They skip when /usr/bin/chromium is missing, except under CI=true, where that is a failure.
Screenshots land in tests/artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline.report import _html as html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
GOLDEN = Path(__file__).parent / "data" / "golden" / "html" / "events"


class Browser:
    """A headless Chromium and one page in it, spoken to over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome, self._write_fd = _pipe()
        self._read_fd, from_chrome = _pipe()
        # The shell puts the pipe ends where Chromium looks for them (fd 3 in, fd 4 out).
        self._process = subprocess.Popen(
            [
                "bash",  # dash cannot name descriptors above 9
                "-c",
                f'exec "$0" "$@" 3<&{to_chrome} 4>&{from_chrome} {to_chrome}<&- {from_chrome}>&-',
                binary,
                *FLAGS,
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_chrome, from_chrome),
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self._unclaimed: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def _send(self, method: str, params: dict[str, Any], *, session: bool) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write_fd, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._read_fd], [], [], remaining)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        if "method" in message:
            self.events.append(message)
            self._unclaimed.append(message)
            if message["method"] == "Page.javascriptDialogOpening":
                # A dialog blocks the page: dismiss it at once (it is still recorded).
                self._send("Page.handleJavaScriptDialog", {"accept": False}, session=True)
        return message

    def call(
        self, method: str, *, session: bool = False, timeout: float = 30.0, **params: Any
    ) -> dict[str, Any]:
        """Send one command and wait for its reply, recording the events that arrive meanwhile."""
        wanted = self._send(method, params, session=session)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def wait_for(self, method: str, timeout: float = 30.0) -> dict[str, Any]:
        """The first not yet claimed event named `method`, waiting for it if need be."""
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self._unclaimed):
                if event["method"] == method:
                    return self._unclaimed.pop(index)
            self._receive(deadline)

    def open(self, path: Path, width: int, height: int = 900, *, mobile: bool = False) -> None:
        """Load a local file at a viewport size and wait for its load event; forget old events."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.events.clear()  # problems() then speaks of this page only
        self._unclaimed.clear()
        self.call("Page.navigate", session=True, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        self.evaluate("new Promise(r => requestAnimationFrame(() => r(1)))")

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page (promises awaited)."""
        reply = self.call(
            "Runtime.evaluate",
            session=True,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"page script failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """Save a PNG of the whole page, however long."""
        height = int(self.evaluate("document.documentElement.scrollHeight"))
        width = int(self.evaluate("document.documentElement.clientWidth"))
        data = self.call(
            "Page.captureScreenshot",
            session=True,
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        )["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, dialogs and network requests seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('type')} {params.get('message')!r}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith("file://"):
                    found.append(f"request: {url}")
        return found

    def close(self) -> None:
        """Ask Chromium to quit; kill it if it does not."""
        with contextlib.suppress(RuntimeError, OSError):
            self.call("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._write_fd)
        os.close(self._read_fd)


def _pipe() -> tuple[int, int]:
    """A pipe whose ends are numbered above 4, so the shell's 3<& and 4>& cannot clash."""
    ends = []
    for fd in os.pipe():
        high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(fd)
        ends.append(high)
    return ends[0], ends[1]


# -- fixtures ------------------------------------------------------------------------------------


@contextlib.contextmanager
def started(missing: Sequence[str] = ()) -> Iterator[Browser]:
    """A headless Chromium in a throw-away profile, closed after use. Skips the test when
    Chromium is not installed or `missing` names something else a test needs, except under
    CI=true, where .ci/run installs it all and a missing piece is a failure."""
    binary = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    absent = [*([] if binary else [f"Chromium at {CHROMIUM}"]), *missing]
    if absent or binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but missing: {'; '.join(absent)}; .ci/run installs them")
        pytest.skip(f"missing: {'; '.join(absent)}")
    with tempfile.TemporaryDirectory(prefix="timeline-chromium-") as profile:
        chrome = Browser(binary, Path(profile))
        try:
            yield chrome
        finally:
            chrome.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module, skipped when it is not installed (failed in CI)."""
    with started() as chrome:
        yield chrome


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of the shipped events, written to a file."""
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(html.render(timeline.load(ROOT / "events")), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden fixture's report: titles, phrases and notes carrying script and img tags."""
    path = tmp_path_factory.mktemp("html") / "hostile.html"
    path.write_text(html.render(timeline.load(GOLDEN), lanes="actor"), encoding="utf-8")
    return path


RECT = """(sel) => {
  const r = document.querySelector(sel).getBoundingClientRect();
  return {left: r.left, right: r.right, width: r.width, height: r.height};
}"""


def _rect(browser: Browser, selector: str) -> dict[str, float]:
    rect: dict[str, float] = browser.evaluate(f"({RECT})({json.dumps(selector)})")
    return rect


# -- the shipped report -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
def test_shipped_report_loads_clean(
    browser: Browser, shipped_page: Path, name: str, width: int
) -> None:
    """No console error, no exception, no dialog and no request but the file itself."""
    browser.open(shipped_page, width, mobile=width < 600)
    assert browser.problems() == []
    loaded = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert loaded == [shipped_page.resolve().as_uri()]
    browser.screenshot(ARTIFACTS / f"report-{name}.png")


def test_every_event_is_shown(browser: Browser, shipped_page: Path) -> None:
    """Every event has a visible mark on the chart and a visible entry in the list."""
    browser.open(shipped_page, 1280)
    ids = sorted(e.id for e in timeline.load(ROOT / "events"))
    marked = browser.evaluate(
        """[...new Set([...document.querySelectorAll('#_chart [data-event]')]
            .filter(m => m.getBoundingClientRect().width > 0)
            .map(m => m.dataset.event))].sort()"""
    )
    listed = browser.evaluate(
        """[...document.querySelectorAll('article.event')]
            .filter(a => a.offsetHeight > 0).map(a => a.id).sort()"""
    )
    assert marked == ids
    assert listed == ids


def test_h200_rollback_is_right_of_the_shenzhen_expo(browser: Browser, shipped_page: Path) -> None:
    """On the rendered axis the rollback (8 Dec 2025) lies clearly right of the expo (Oct)."""
    browser.open(shipped_page, 1280)
    expo = _rect(browser, '[data-event="wesemibay-expo-2025"] .glyph')
    rollback = _rect(browser, '[data-event="h200-export-rollback"] .glyph')
    assert rollback["left"] > expo["right"] + 20, (expo, rollback)


def test_phone_scrolls_the_chart_not_the_page(browser: Browser, shipped_page: Path) -> None:
    """At 390 px the page does not scroll sideways; the chart scrolls in its own box."""
    browser.open(shipped_page, 390, mobile=True)
    page_width = browser.evaluate("document.documentElement.scrollWidth")
    box = browser.evaluate(
        "(() => { const s = document.querySelector('.scroll');"
        " return [s.scrollWidth, s.clientWidth]; })()"
    )
    assert page_width <= 390
    assert box[0] > box[1]
    label = _rect(browser, "#_chart text.label")
    assert label["height"] >= 10  # labels stay legible: the chart is not shrunk to fit


def _filter(browser: Browser, page: Path, words: str) -> dict[str, Any]:
    """Open `page`, type `words` in its filter box and say what the box and list show."""
    browser.open(page, 1280)
    result: dict[str, Any] = browser.evaluate(
        """((words) => {
          const box = document.getElementById('_filter');
          const input = box.querySelector('input');
          input.value = words;
          input.dispatchEvent(new Event('input'));
          return {
            hidden: box.hidden,
            shown: [...document.querySelectorAll('article.event')].filter(a => !a.hidden)
              .map(a => a.id),
            dimmed: document.querySelectorAll('#_chart a.mark.dim').length,
            count: box.querySelector('output').textContent,
            label: box.querySelector('label').textContent,
          };
        })"""
        + f"({json.dumps(words)})"
    )
    return result


def test_filter_box_hides_and_dims(browser: Browser, shipped_page: Path) -> None:
    """The optional script filters the list and dims the other marks."""
    result = _filter(browser, shipped_page, "nvidia h200")
    assert result["hidden"] is False
    assert "h200-export-rollback" in result["shown"]
    assert "wesemibay-expo-2025" not in result["shown"]
    assert result["dimmed"] > 0
    assert result["count"].endswith(" events")
    assert browser.problems() == []


@pytest.mark.parametrize(
    ("locale", "count"), [("fr", r"\d+ sur 16 événements"), ("ja", r"16件中\d+件")]
)
def test_filter_box_counts_in_the_language(
    browser: Browser, tmp_path: Path, locale: str, count: str
) -> None:
    """On a French or Japanese page the filter box's label and the count its script writes
    are in the language, and the script still runs under the page's CSP (its hash)."""
    page = tmp_path / f"report.{locale}.html"
    page.write_text(html.render(timeline.load(ROOT / "events"), locale=locale), encoding="utf-8")
    result = _filter(browser, page, "nvidia h200")
    assert result["hidden"] is False
    assert "h200-export-rollback" in result["shown"]
    assert re.fullmatch(count, result["count"]), result["count"]
    assert "Filter events" not in result["label"]
    assert browser.problems() == []


def test_print_layout_fits_the_page(browser: Browser, shipped_page: Path) -> None:
    """In print the chart fits the page width and the filter box is gone; a PDF is saved."""
    browser.open(shipped_page, 800)
    browser.call("Emulation.setEmulatedMedia", session=True, media="print")
    try:
        fits = browser.evaluate(
            "(() => { const s = document.querySelector('#_chart svg').getBoundingClientRect();"
            " return s.right <= document.documentElement.clientWidth + 1; })()"
        )
        filter_shown = browser.evaluate(
            "getComputedStyle(document.getElementById('_filter')).display"
        )
    finally:
        browser.call("Emulation.setEmulatedMedia", session=True, media="")
    assert fits is True
    assert filter_shown == "none"
    pdf = browser.call("Page.printToPDF", session=True, printBackground=True)["data"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "report.pdf").write_bytes(base64.b64decode(pdf))
    assert base64.b64decode(pdf).startswith(b"%PDF")


# -- hostile text --------------------------------------------------------------------------------


def test_hostile_titles_are_text_and_run_nothing(browser: Browser, hostile_page: Path) -> None:
    """Script and img payloads in titles show as text, open no dialog, load nothing."""
    browser.open(hostile_page, 1280)
    browser.evaluate("new Promise(r => setTimeout(() => r(1), 300))")  # let any payload fire
    assert browser.problems() == []
    titles = browser.evaluate(
        "Object.fromEntries([...document.querySelectorAll('article.event')]"
        ".map(a => [a.id, a.querySelector('h4').textContent]))"
    )
    assert titles["xss-script"] == "<script>alert(1)</script>"
    assert titles["xss-img"] == 'Quote "><img src=x onerror=alert(1)> in a title'
    counts = browser.evaluate(
        "({img: document.querySelectorAll('img').length,"
        " scripts: document.scripts.length,"
        " events: document.querySelectorAll('article.event').length,"
        " footer: !!document.querySelector('footer.page')})"
    )
    assert counts == {"img": 0, "scripts": 1, "events": 11, "footer": True}
    said = browser.evaluate("document.querySelector('#xss-img .said').textContent")
    assert "</p><script>alert(2)</script>" in said
    browser.screenshot(ARTIFACTS / "hostile-desktop.png")


def test_the_harness_sees_dialogs_errors_and_requests(browser: Browser, tmp_path: Path) -> None:
    """Control: a page that alerts, logs an error and fetches is caught, so the checks can fail."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><title>x</title><img src=x onerror=alert(1)>"
        "<script>console.error('boom')</script><img src='http://example.invalid/x.png'>",
        "utf-8",
    )
    browser.open(page, 800)
    browser.evaluate("new Promise(r => setTimeout(() => r(1), 300))")
    found = browser.problems()
    assert any(p.startswith("dialog: alert '1'") for p in found), found
    assert any(p.startswith("console.error") for p in found), found
    assert "request: http://example.invalid/x.png" in found, found


# -- the page's layout and ids against the data ------------------------------------------------


@pytest.fixture(scope="module")
def long_word_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report whose every text holds a 300-letter word, and an event named like a gradient."""
    word = "Donaudampfschifffahrtsgesellschaft" * 9
    source = timeline.Source(id="s", title=word, publisher=word)
    actor = timeline.Actor(id="a", name=word)
    place = timeline.Place(id="p", name=word)
    events = [
        timeline.Event(
            id=event_id,
            title=f"{event_id} {word}",
            when=timeline.When.parse(when),
            summary=f"{word} https://example.org/{word}",
            said=word,
            actors=("a",),
            place="p",
            tags=(word.lower()[:60],),
            cite=(timeline.Citation(source="s", quote=word, note=word),),
        )
        for event_id, when in (("c0-in", "2025-04"), ("c0-both", "2025-06"), ("e", "2025-08-01"))
    ]
    tl = timeline.Timeline(
        events=events,
        sources=[source],
        actors=[actor],
        places=[place],
        settings=timeline.Settings(name=word, description=word),
    )
    path = tmp_path_factory.mktemp("html") / "long.html"
    path.write_text(html.render(tl), encoding="utf-8")
    return path


def test_long_words_wrap_on_a_phone(browser: Browser, long_word_page: Path) -> None:
    """At 390 px an unbroken 300-letter word in any text wraps: the page never scrolls sideways."""
    browser.open(long_word_page, 390, mobile=True)
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390
    widest = browser.evaluate(
        "Math.max(...[...document.querySelectorAll('article.event *, header.page *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 390
    assert browser.problems() == []


def test_a_link_to_an_event_lands_on_the_event(browser: Browser, long_word_page: Path) -> None:
    """Event ids that look like the page's own (`c0-in`, a gradient's name) still name the
    event: its chart mark links to its entry, which the page scrolls to."""
    browser.open(long_word_page, 1280)
    found = browser.evaluate(
        "(() => { const a = document.querySelector('[data-event=\"c0-in\"]');"
        " const target = document.getElementById(a.getAttribute('href').slice(1));"
        " return [target.tagName, target.className,"
        " document.querySelectorAll('[id=\"c0-in\"]').length]; })()"
    )
    assert found == ["ARTICLE", "event", 1]
