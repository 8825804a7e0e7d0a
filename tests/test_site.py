"""The static site (timeline.site, `timeline build`) and filters across every output format."""

from __future__ import annotations

import csv
import html.parser
import importlib.util
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import icalendar
import pytest

import timeline
from timeline import Filter, Timeline
from timeline._cli import main
from timeline._site import build, file_name
from timeline.errors import SiteError
from timeline.report import FORMATS

ROOT = Path(__file__).parent.parent
EVENTS = ROOT / "events"
GOLDEN = Path(__file__).parent / "data" / "golden"
EPOCH = "1766102400"  # 2025-12-19T00:00:00Z
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def shipped() -> Timeline:
    """The shipped chip-policy dataset."""
    return timeline.load(EVENTS)


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> int:
    """A fixed SOURCE_DATE_EPOCH for the test."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return int(EPOCH)


class _Links(html.parser.HTMLParser):
    """Collects every href and every element id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value is not None:
                self.hrefs.append(value)
            if name == "id" and value is not None:
                self.ids.add(value)


def links(page: Path) -> _Links:
    """The links and ids of an HTML file."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def expected_files(tl: Timeline) -> set[str]:
    """What the site for `tl` must hold."""
    files = {"index.html", "timeline.ics", "deadlines.ics", "timeline.json", "timeline.csv"}
    files.add("timelinejs.json")
    files |= {f"feeds/{file_name(name)}.ics" for name in tl.settings.feeds}
    for pid in tl.policies:
        if any(e.policy == pid for e in tl):
            files |= {f"policies/{file_name(pid)}.html", f"policies/{file_name(pid)}.ics"}
    if any(name.startswith("policies/") for name in files):
        files.add("policies.html")  # the policy index
    return files


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_writes_every_file(shipped: Timeline, tmp_path: Path, epoch: int) -> None:
    """index, feeds (all and each named one), data files and a page per policy, nothing else."""
    written = build(shipped, tmp_path / "site")
    assert set(written) == expected_files(shipped) == set(tree(tmp_path / "site"))
    assert shipped.settings.feeds  # the shipped data names feeds, so feeds/ is exercised
    assert sum(name.startswith("policies/") for name in written) == 2 * len(shipped.policies)
    assert not list((tmp_path / "site").rglob(".*.tmp"))  # no temporary file left behind


def check_links(site: Path) -> tuple[int, set[str]]:
    """Follow every relative link of every page of `site`: each must resolve to a file in it
    (and an id in that file); returns how many were checked and the files reachable from
    index.html."""
    parsed: dict[Path, _Links] = {}

    def parse(page: Path) -> _Links:
        if page not in parsed:
            parsed[page] = links(page)
        return parsed[page]

    checked = 0
    for page in sorted(site.rglob("*.html")):
        for href in parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme in {"http", "https"}:
                continue
            assert not parts.scheme, href
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.name}: {href}"
            assert target.is_relative_to(site.resolve()), href
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in parse(target).ids, f"{page.name}: {href}"
            checked += 1
    reachable, queue = set(), [(site / "index.html").resolve()]
    while queue:
        page = queue.pop()
        for href in parse(page).hrefs:
            path = urlsplit(href).path
            if path and not urlsplit(href).scheme:
                target = (page.parent / unquote(path)).resolve()
                name = target.relative_to(site.resolve()).as_posix()
                if name not in reachable:
                    reachable.add(name)
                    if target.suffix == ".html":
                        queue.append(target)
    return checked, reachable


def test_every_link_resolves(shipped: Timeline, tmp_path: Path, epoch: int) -> None:
    """Every relative link resolves (to a file, and an id in it); every file is reachable."""
    site = tmp_path / "site"
    build(shipped, site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 1 + len(shipped.policies) + 1  # the index, each policy, the policy index
    checked, reachable = check_links(site)
    assert reachable | {"index.html"} == expected_files(shipped)
    assert checked > 100


def test_policy_pages_link_home_and_their_calendar(shipped: Timeline, tmp_path: Path) -> None:
    """A policy page shows that policy's events, links back and to its own .ics."""
    site = tmp_path / "site"
    build(shipped, site)
    pid = "us-chip-export-controls"
    page = (site / "policies" / f"{pid}.html").read_text(encoding="utf-8")
    assert f"<title>{shipped.policies[pid].title}</title>" in page
    found = links(site / "policies" / f"{pid}.html")
    assert "../index.html" in found.hrefs
    assert f"{pid}.ics" in found.hrefs
    own = {e.id for e in shipped.with_policy(pid)}
    assert own <= found.ids
    assert not ({e.id for e in shipped} - own) & found.ids
    calendar = icalendar.Calendar.from_ical((site / "policies" / f"{pid}.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == len(own)


def test_two_builds_give_identical_bytes(shipped: Timeline, tmp_path: Path, epoch: int) -> None:
    """Same data and SOURCE_DATE_EPOCH: the same bytes, and file times set to the epoch."""
    build(shipped, tmp_path / "a")
    build(shipped, tmp_path / "b")
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert first == second
    assert b"DTSTAMP:20251219T000000Z" in first["timeline.ics"]
    assert {int((tmp_path / "a" / name).stat().st_mtime) for name in first} == {epoch}


def test_cli_build_twice_is_reproducible(shipped: Timeline, tmp_path: Path, epoch: int) -> None:
    """`timeline build` run twice into fresh folders writes byte-identical sites."""
    for name in ("one", "two"):
        assert main(["build", str(EVENTS), "-o", str(tmp_path / name), "-q"]) == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert set(tree(tmp_path / "one")) == expected_files(shipped)


def test_site_data_loads_back(shipped: Timeline, tmp_path: Path) -> None:
    """The site's timeline.json loads with timeline.load into the same events and records."""
    build(shipped, tmp_path / "site")
    back = timeline.load(tmp_path / "site" / "timeline.json")
    assert back.events == shipped.events
    assert dict(back.policies) == dict(shipped.policies)
    assert back.settings == shipped.settings


def test_named_feeds_hold_their_events(shipped: Timeline, tmp_path: Path) -> None:
    """Each feeds/NAME.ics holds exactly the events its [feeds.NAME] filter keeps."""
    build(shipped, tmp_path / "site")
    for name, feed in shipped.settings.feeds.items():
        data = (tmp_path / "site" / "feeds" / f"{file_name(name)}.ics").read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
        assert uids == {e.id for e in shipped.filter(feed.filter)}, name
        shown = calendar["X-WR-CALNAME"].to_ical().decode("utf-8")  # still TEXT-escaped
        assert shown.replace("\\,", ",") == (feed.title or name)


def test_cli_build_with_a_filter_keeps_only_matching(tmp_path: Path) -> None:
    """`build --policy X` writes the page of X only, and data files with X's events only."""
    out = tmp_path / "site"
    code = main(["build", str(EVENTS), "-o", str(out), "--policy", "cn-chip-self-reliance", "-q"])
    assert code == 0
    pages = sorted(p.name for p in (out / "policies").glob("*.html"))
    assert pages == ["cn-chip-self-reliance.html"]
    document = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    assert {e["policy"] for e in document["events"]} == {"cn-chip-self-reliance"}


def test_output_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming an existing file exits 2 with a message, and leaves the file alone."""
    target = tmp_path / "site"
    target.write_text("keep me", encoding="utf-8")
    assert main(["build", str(EVENTS), "-o", str(target)]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me"


def test_bad_source_date_epoch_is_refused(
    shipped: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SOURCE_DATE_EPOCH that is not a number of seconds is an error, not a silent now."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(timeline.TimelineError, match=r"SOURCE_DATE_EPOCH"):
        build(shipped, tmp_path / "site")


def test_build_without_output_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline build` needs -o DIR."""
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(EVENTS)])
    assert stopped.value.code == 2
    assert "-o/--output" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("record_id", "name"),
    [
        ("us-chip-export-controls", "us-chip-export-controls"),
        ("con", "_con"),
        ("nul.2025", "_nul.2025"),
        ("com1", "_com1"),
        ("lpt9-rule", "lpt9-rule"),
        ("console", "console"),
        ("a" * 100, "a" * 100),
    ],
)
def test_file_names_are_safe(record_id: str, name: str) -> None:
    """Ids become file names as they are, but Windows device names get a leading _."""
    assert file_name(record_id) == name


def test_long_ids_are_shortened_uniquely() -> None:
    """Ids over 100 characters become 100-character names that still differ."""
    a, b = file_name("x" * 150), file_name("x" * 151)
    assert len(a) == len(b) == 100
    assert a != b
    assert re.fullmatch(r"x{87}-[0-9a-f]{12}", a)


def test_file_name_refuses_what_is_not_an_id() -> None:
    """A path-like value is never turned into a file name."""
    with pytest.raises(SiteError, match=r"'\.\./etc' is not an id"):
        file_name("../etc")


# -- filters work the same in every format -----------------------------------------------


class _Articles(html.parser.HTMLParser):
    """Ids of the event articles of the HTML report."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article" and "event" in (found.get("class") or "").split():
            self.ids.append(found.get("id") or "")


def event_ids(format: str, output: str, tl: Timeline) -> set[str]:
    """The ids of the events a report in `format` shows."""
    if format == "json":
        return {e["id"] for e in json.loads(output)["events"]}
    if format == "csv":
        return {row["id"] for row in csv.DictReader(io.StringIO(output, newline=""))}
    if format == "timelinejs":
        return {e["unique_id"] for e in json.loads(output)["events"]}
    if format == "svg":
        root = ElementTree.fromstring(output.encode("utf-8"))
        return {g.get("data-event") for g in root.iter(f"{SVG}g") if g.get("class") == "mark"}
    if format == "html":
        parser = _Articles()
        parser.feed(output)
        return set(parser.ids)
    if format == "ics":
        calendar = icalendar.Calendar.from_ical(output.encode("utf-8"))
        return {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
    # text and markdown: the events whose titles appear
    return {e.id for e in tl if e.title in output or e.title.replace("$", "\\$") in output}


FILTERS = [
    ([], Filter()),
    (["--from", "2025-10", "--to", "2025-11"], Filter.build(start="2025-10", end="2025-11")),
    (["--tag", "nvidia"], Filter.build(tags=["nvidia"])),
    (["--actor", "nvidia"], Filter.build(actors=["nvidia"])),
    (["--policy", "us-chip-export-controls"], Filter.build(policies=["us-chip-export-controls"])),
    (["--jurisdiction", "CN"], Filter.build(jurisdictions=["CN"])),
    (["--text", "expo"], Filter.build(text="expo")),
    (["--from", "2025", "--tag", "expo", "--tag", "nvidia"], None),
]


@pytest.mark.parametrize("format", [*sorted(set(FORMATS) - {"text", "markdown"}), "ics"])
@pytest.mark.parametrize(
    ("options", "criteria"), FILTERS, ids=[" ".join(options) or "none" for options, _ in FILTERS]
)
def test_filters_work_the_same_in_every_format(
    format: str,
    options: list[str],
    criteria: Filter | None,
    shipped: Timeline,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each filter keeps the same events whichever format shows them, and in the built site."""
    if criteria is None:
        criteria = Filter.build(start="2025", tags=["expo", "nvidia"])
    expected = {e.id for e in shipped.filter(criteria)}
    command = ["ics"] if format == "ics" else ["report", "--format", format]
    assert main([*command, str(EVENTS), *options]) == 0
    assert event_ids(format, capsys.readouterr().out, shipped) == expected


@pytest.mark.parametrize(("options", "criteria"), FILTERS[1:3], ids=["period", "tag"])
def test_filters_apply_to_every_file_of_the_site(
    options: list[str], criteria: Filter, shipped: Timeline, tmp_path: Path
) -> None:
    """`timeline build` with a filter: every data file and the index show the same events."""
    out = tmp_path / "site"
    assert main(["build", str(EVENTS), "-o", str(out), "-q", *options]) == 0
    expected = {e.id for e in shipped.filter(criteria)}
    for name, format in [
        ("timeline.json", "json"),
        ("timeline.csv", "csv"),
        ("timelinejs.json", "timelinejs"),
        ("index.html", "html"),
        ("timeline.ics", "ics"),
    ]:
        text = (out / name).read_bytes().decode("utf-8")
        assert event_ids(format, text, shipped) == expected, name


# -- whole sites -------------------------------------------------------------------------------


def _variant(tmp_path: Path, name: str, prefix: str) -> Path:
    """A copy of the shipped project whose every title starts with `prefix`: a site of the
    same files as the shipped one, most with other bytes."""
    project = tmp_path / name
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(EVENTS, project / "events")
    for path in (project / "events").glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('title = "', f'title = "{prefix}'), encoding="utf-8")
    return project / "events"


def _build(events: Path, site: Path, **options: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.Popen(
        [sys.executable, "-m", "timeline", "build", str(events), "-o", str(site), "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **options,
    )


def test_two_builds_of_one_site_leave_one_or_the_other(tmp_path: Path) -> None:
    """Two builds of one folder at once both succeed, and the site is wholly one of them."""
    first, second = _variant(tmp_path, "a", "A: "), _variant(tmp_path, "b", "B: ")
    references = []
    for events in (first, second):
        assert _build(events, tmp_path / f"ref-{events.parent.name}").wait(timeout=120) == 0
        references.append(tree(tmp_path / f"ref-{events.parent.name}"))
    assert references[0].keys() == references[1].keys()
    differ = [name for name in references[0] if references[0][name] != references[1][name]]
    assert len(differ) > len(references[0]) // 2, differ  # so a mix of the two would show
    site = tmp_path / "site"
    for _ in range(3):
        runs = [_build(first, site), _build(second, site)]
        assert [run.wait(timeout=120) for run in runs] == [0, 0]
        assert tree(site) in references, "a mixed site: files from both builds"
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site."))
    assert leftovers == [".site.lock"]


def test_a_build_that_runs_out_of_space_leaves_the_previous_site(tmp_path: Path) -> None:
    """A build that fails half way (a file-size limit stands in for a full disk) changes
    nothing: the previous site is there whole, and no half-built folder is left."""
    first, second = _variant(tmp_path, "a", "A: "), _variant(tmp_path, "b", "B: ")
    site = tmp_path / "site"
    assert _build(first, site).wait(timeout=120) == 0
    before = tree(site)
    limit = sorted(len(data) for data in before.values())[len(before) // 2]  # half the files fit

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = _build(second, site, preexec_fn=small_files)
    assert run.wait(timeout=120) == 1
    assert run.stderr is not None
    assert b"File too large" in run.stderr.read()
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".site.lock"]


def test_a_failed_build_in_process_leaves_the_previous_site(
    shipped: Timeline, tmp_path: Path, epoch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after some files are written leaves the earlier site exactly as it was."""
    site = tmp_path / "site"
    build(shipped, site)
    before = tree(site)
    written: list[Path] = []

    def fail_on_the_fourth(path: Path, data: object) -> None:
        written.append(path)
        if len(written) == 4:
            raise OSError(28, "No space left on device", str(path))
        Path(path).write_bytes(data if isinstance(data, bytes) else str(data).encode())

    monkeypatch.setattr("timeline._site.write_atomic", fail_on_the_fourth)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch + 86_400))  # every calendar changes
    with pytest.raises(OSError, match="No space left on device"):
        build(shipped, site)
    assert len(written) == 4
    assert tree(site) == before


def test_a_rebuild_keeps_foreign_files_and_drops_stale_pages(
    shipped: Timeline, tmp_path: Path
) -> None:
    """Files the build does not own (a CNAME) stay; pages of policies no longer there go."""
    site = tmp_path / "site"
    build(shipped, site)
    (site / "CNAME").write_text("chips.example.org\n", encoding="utf-8")
    (site / "policies" / "repealed-policy.html").write_text("stale", encoding="utf-8")
    (site / "feeds" / "notes.txt").write_text("mine", encoding="utf-8")
    build(shipped, site)
    assert (site / "CNAME").read_text(encoding="utf-8") == "chips.example.org\n"
    assert (site / "feeds" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (site / "policies" / "repealed-policy.html").exists()
    assert set(tree(site)) == expected_files(shipped) | {"CNAME", "feeds/notes.txt"}


def test_a_site_is_never_built_into_a_folder_of_data(shipped: Timeline, tmp_path: Path) -> None:
    """The library refuses a folder holding data files too, so no build can replace them."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "records.toml").write_text("", encoding="utf-8")
    with pytest.raises(SiteError, match="holds data files"):
        build(shipped, tmp_path / "data")
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["records.toml"]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    """1,200 generated events (benchmarks/generate.py): past one page's 1,000."""
    spec = importlib.util.spec_from_file_location(
        "bench_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return timeline.load(module.generate(tmp_path_factory.mktemp("big"), 1200, fmt="jsonl", seed=3))


def test_a_big_site_pages_its_list_by_year(big: Timeline, tmp_path: Path) -> None:
    """Past 1,000 events the index lists the years, a page per year (in parts of at most
    1,000) lists each event exactly once, every link resolves, every page is reachable,
    and no page repeats every policy: the policy pages link to the policy index."""
    site = tmp_path / "site"
    started = time.perf_counter()
    written = build(big, site)
    assert time.perf_counter() - started < 60
    text = {name: (site / name).read_text(encoding="utf-8") for name in written if ".htm" in name}
    years = sorted(name for name in text if name.startswith("years/"))
    assert len(years) > 3
    listed: list[str] = []
    for name in years:
        found = _ARTICLE.findall(text[name])
        assert 0 < len(found) <= 1000
        listed += found
    assert sorted(listed) == sorted(e.id for e in big)
    assert _ARTICLE.findall(text["index.html"]) == []  # the index lists the years instead
    assert set(_HREF.findall(text["index.html"])) >= set(years)
    _, reachable = check_links(site)
    assert reachable | {"index.html"} == set(written)
    policy_pages = [name for name in text if name.startswith("policies/")]
    assert len(policy_pages) == len(big.policies)
    for name in [*policy_pages, *years]:
        hrefs = set(_HREF.findall(text[name]))
        assert "../policies.html" in hrefs
        others = {h for h in hrefs if h.startswith("../policies/") or h.endswith(".html")}
        others -= {"../index.html", "../policies.html"} | {f"../{y}" for y in years}
        if name in policy_pages:  # no link to any other policy's page
            assert not others, (name, others)
        else:  # a year page links to the policies of its own events only, repeating none
            assert len(others) <= len(_ARTICLE.findall(text[name]))
            assert 'class="policy"' not in text[name]
    assert sum(len(page) for page in text.values()) < 40_000_000


_ARTICLE = re.compile(r'<article class="event" id="([^"]+)"')
_HREF = re.compile(r'href="([^"#]+)')
