"""`timeline build --previous SITE`: what changed, as a page, an Atom feed and a history."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from timeline._cli import main
from timeline.errors import SiteError
from timeline.report._changelog import read_history

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
H200_LINE = 'when = "2025-12-08"\n'
FIRST, SECOND, THIRD = "1764547200", "1766102400", "1767225600"  # 1 Dec, 19 Dec, 1 Jan


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data and its seeds, as the working directory."""
    shutil.copytree(ROOT / "events", tmp_path / "events")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(monkeypatch: pytest.MonkeyPatch, epoch: str, *args: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["build", "events", "-o", "site", "-q", *args]) == 0


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "events" / "us-export-controls.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def _entries(site: Path) -> list[ET.Element]:
    """The feed's entries, once it is checked to have what RFC 4287 requires of a feed
    and of each entry (id, title, updated; an author; content or an alternate link)."""
    root = ET.parse(site / "changes.atom").getroot()
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{required}")) == 1, required
        stamp = element.findtext(f"{ATOM}updated") or ""
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}content").get("type") == "html"  # type: ignore[union-attr]
    return root.findall(f"{ATOM}entry")


def test_a_rebuild_given_the_old_site_says_what_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page lists the change and the status it moves; the feed is Atom 1.0 with one
    entry; the index links both; the calendars raise the changed event's SEQUENCE."""
    _build(monkeypatch, FIRST)
    _edit(project, H200_LINE, 'when = "2025-12"\n')
    _build(monkeypatch, SECOND, "--previous", "site")
    site = project / "site"
    page = (site / "changes.html").read_text(encoding="utf-8")
    assert "when: 2025-12-08 → 2025-12" in page
    assert "us-chip-export-controls</strong> from 1 December 2025 to 7 December 2025:" in page
    assert '<time datetime="2025-12-19T00:00:00Z">19 December 2025</time>' in page
    [entry] = _entries(site)
    assert entry.findtext(f"{ATOM}updated") == "2025-12-19T00:00:00Z"
    assert entry.findtext(f"{ATOM}title") == (
        "19 December 2025: 1 event changed, the status of 1 policy"
    )
    assert (entry.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")
    assert "when: 2025-12-08 → 2025-12" in (entry.findtext(f"{ATOM}content") or "")
    href = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
    assert href is not None
    assert f'id="{href.split("#")[1]}"' in page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="changes.html">What changed</a>' in index
    assert '<a href="changes.atom">Atom feed</a>' in index
    assert 'rel="alternate" type="application/atom+xml"' in index
    assert b"\r\nSEQUENCE:1\r\n" in (site / "timeline.ics").read_bytes()
    assert b"\r\nSEQUENCE:1\r\n" in (site / "policies" / "us-chip-export-controls.ics").read_bytes()
    assert b"SEQUENCE" not in (site / "policies" / "cn-chip-self-reliance.ics").read_bytes()


def test_the_previous_calendars_are_handed_over_as_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each calendar of the previous site reaches the writer as its file, which it reads a
    piece at a time, never as bytes read whole beforehand."""
    from timeline._ics import _revise

    _build(monkeypatch, FIRST)
    given: list[object] = []
    original = _revise.Revisions.of.__func__  # type: ignore[attr-defined]

    def watched(cls: type[_revise.Revisions], previous: object, stamp: str) -> object:
        given.append(previous)
        return original(cls, previous, stamp)

    monkeypatch.setattr(_revise.Revisions, "of", classmethod(watched))
    _build(monkeypatch, SECOND, "--previous", "site")
    site = (project / "site").resolve()
    assert len(given) > 3  # the main feed, the deadlines, each named feed, each policy's
    assert all(isinstance(p, Path) and p.resolve().is_relative_to(site) for p in given)


def test_the_history_grows_and_keeps_its_ids(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that changes nothing adds no entry and leaves every file as it was; the next
    change is a new entry on top, and the earlier entry keeps its id and time."""
    _build(monkeypatch, FIRST)
    _edit(project, H200_LINE, 'when = "2025-12"\n')
    _build(monkeypatch, SECOND, "--previous", "site")
    site = project / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    first_id = _entries(site)[0].findtext(f"{ATOM}id")
    _build(monkeypatch, THIRD, "--previous", "site")
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    changed = sorted(str(p.relative_to(site)) for p in after if after[p] != before.get(p))
    assert changed == ["deadlines.ics"]  # it starts from the build's day
    _edit(project, 'when = "2025-12"\n', H200_LINE)
    _build(monkeypatch, THIRD, "--previous", "site")
    entries = _entries(site)
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2026-01-01T00:00:00Z",
        "2025-12-19T00:00:00Z",
    ]
    assert entries[1].findtext(f"{ATOM}id") == first_id
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 2
    assert [e["updated"] for e in read_history(site / "changes.json")] == [
        "2026-01-01T00:00:00Z",
        "2025-12-19T00:00:00Z",
    ]


def test_two_builds_from_the_same_inputs_are_byte_identical(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same data, previous site and SOURCE_DATE_EPOCH give the same bytes."""
    _build(monkeypatch, FIRST)
    _edit(project, H200_LINE, 'when = "2025-12"\n')
    old = project / "old"
    shutil.copytree(project / "site", old)
    outputs = []
    for name in ("a", "b"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", SECOND)
        assert main(["build", "events", "-o", name, "-q", "--previous", "old"]) == 0
        outputs.append(
            {
                p.relative_to(project / name): p.read_bytes()
                for p in (project / name).rglob("*")
                if p.is_file()
            }
        )
    assert outputs[0] == outputs[1]
    assert Path("changes.atom") in outputs[0]


def test_a_first_site_has_no_changes_page(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --previous there is no page, no feed and no link to them."""
    _build(monkeypatch, FIRST)
    assert not (project / "site" / "changes.html").exists()
    assert "changes.html" not in (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "is not a folder; give the site this build replaces"),
        ("empty", "has no timeline.json, so it is not a site timeline build wrote"),
        ("bad json", "cannot be read back"),
        ("bad history", "is not a changes history timeline build wrote"),
        ("hostile history", "entries[0] is not a changes entry"),
        ("fifo history", "is a FIFO (named pipe), not a regular file"),
        ("fifo calendar", "is a FIFO (named pipe), not a regular file"),
    ],
)
def test_a_previous_that_is_not_a_site_is_refused(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setup: str,
    message: str,
) -> None:
    """--previous names a site timeline build wrote; anything else exits 1, writing nothing."""
    _build(monkeypatch, FIRST)
    old = project / "old"
    if setup != "missing":
        old.mkdir()
    if setup in ("bad json", "bad history", "hostile history", "fifo history", "fifo calendar"):
        shutil.copy(project / "site" / "timeline.json", old / "timeline.json")
    if setup == "bad json":
        (old / "timeline.json").write_text("{", encoding="utf-8")
    if setup == "bad history":
        (old / "changes.json").write_text('{"format": "x"}', encoding="utf-8")
    if setup == "hostile history":
        entry = {
            "id": "x",
            "title": "t",
            "updated": "2025-12-19T00:00:00Z",
            "diff": {"format": "timeline-diff"},
        }
        document = {"format": "timeline-changes", "version": 1, "entries": [entry]}
        (old / "changes.json").write_text(json.dumps(document), encoding="utf-8")
    if setup.startswith("fifo"):  # read without blocking, and refused
        os.mkfifo(old / ("changes.json" if setup == "fifo history" else "timeline.ics"))
    capsys.readouterr()
    before = (project / "site" / "index.html").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SECOND)
    assert main(["build", "events", "-o", "site", "-q", "--previous", "old"]) == 1
    assert message in capsys.readouterr().err
    assert (project / "site" / "index.html").read_bytes() == before


def test_text_from_the_history_is_escaped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an earlier build's history says is escaped in the page and the feed, and
    characters XML cannot hold are dropped."""
    _build(monkeypatch, FIRST)
    _edit(project, H200_LINE, 'when = "2025-12"\n')
    _build(monkeypatch, SECOND, "--previous", "site")
    history = project / "site" / "changes.json"
    document = json.loads(history.read_text(encoding="utf-8"))
    document["entries"][0]["diff"]["records"][0]["heading"] = "<script>x</script>\x01 & co"
    history.write_text(json.dumps(document), encoding="utf-8")
    _build(monkeypatch, THIRD, "--previous", "site")
    page = (project / "site" / "changes.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in page
    feed = (project / "site" / "changes.atom").read_text(encoding="utf-8")
    assert "\x01" not in feed
    [entry] = _entries(project / "site")
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in (entry.findtext(f"{ATOM}content") or "")


def test_read_history_without_a_file_is_empty(tmp_path: Path) -> None:
    """A site with no history yet has no entries; a history that is not one is an error."""
    assert read_history(tmp_path / "changes.json") == []
    (tmp_path / "changes.json").write_bytes(b"\xff")
    with pytest.raises(SiteError, match=re.escape("cannot be read as a changes history")):
        read_history(tmp_path / "changes.json")


def test_every_link_of_an_updated_site_resolves(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The changes page's and the index's relative links, the feed's included, reach files
    of the site (and ids in them)."""
    from urllib.parse import unquote, urlsplit

    from test_site import links

    _build(monkeypatch, FIRST)
    _edit(project, H200_LINE, 'when = "2025-12"\n')
    _build(monkeypatch, SECOND, "--previous", "site")
    site = project / "site"
    hrefs = []
    for page in (site / "index.html", site / "changes.html"):
        hrefs += [(page, href) for href in links(page).hrefs]
    feed = ET.parse(site / "changes.atom").getroot()
    hrefs += [(site / "changes.atom", link.get("href") or "") for link in feed.iter(f"{ATOM}link")]
    for page, href in hrefs:
        parts = urlsplit(href)
        if parts.scheme in {"http", "https"}:
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        assert target.is_file(), href
        if parts.fragment and target.suffix == ".html":
            assert parts.fragment in links(target).ids, href
    assert any(href.startswith("changes.html#") for _, href in hrefs)


def test_the_previous_site_is_read_under_the_build_lock(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The previous site is read while the build holds the site's lock, so a concurrent
    build of the same folder cannot swap a newer site (and history) in between."""
    fcntl = pytest.importorskip("fcntl", reason="advisory locks are POSIX")
    import timeline._site

    _build(monkeypatch, FIRST)
    held: list[bool] = []

    class Watched(timeline._site.PreviousSite):
        def __init__(self, folder: str | Path) -> None:
            descriptor = os.open(next(project.glob(".*.lock")), os.O_RDWR)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held.append(True)
            else:
                held.append(False)
            finally:
                os.close(descriptor)
            super().__init__(folder)

    monkeypatch.setattr(timeline._site, "PreviousSite", Watched)
    _build(monkeypatch, SECOND, "--previous", "site")
    assert held == [True]
