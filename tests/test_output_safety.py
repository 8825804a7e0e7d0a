"""Output safety: hostile text in any field can never inject into what timeline writes.

Every check parses the output with a real parser: `icalendar` for calendars, `html.parser`
for the report and every page `timeline build` writes (and the HTML inside TimelineJS
slides), `json` and `csv` for the data files. The records are built in code, so the text
reaches the writers with the control characters the loader would refuse; the last section
checks that the loader does refuse them in files. docs/security.md says what this
guarantees.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import (
    Actor,
    Citation,
    Event,
    Feed,
    Filter,
    Place,
    Policy,
    Settings,
    Source,
    Timeline,
    When,
    to_ics,
)
from timeline._cli import main
from timeline._site import build, file_name
from timeline.errors import DataError, TimelineError
from timeline.report import _csv as csv_report
from timeline.report import _html as html_report
from timeline.report import _json as json_report
from timeline.report import _timelinejs as timelinejs

#: Text that tries to end a content line, a component, a parameter or a calendar; escapes
#: written out literally; every C0 control; Unicode line separators; breaks at fold points.
ICS_PAYLOADS = [
    "x\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nSUMMARY:injected\r\nEND:VEVENT",
    "x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT",
    "x\nATTACH:https://evil.example/payload",
    "x\rX-INJECTED:1",
    "x\r\n ATTENDEE:mailto:a@evil.example",
    "x\n\tRRULE:FREQ=DAILY",
    'semi;colon,comma\\back:colon"quote',
    "\\nnot a newline\\,\\;\\\\",
    "ctl" + "".join(map(chr, range(0x20))) + "\x7fend",
    "seps\u2028\u2029\x85end",
    "a" * 73 + "\r\nBEGIN:VEVENT",
    "é" * 37 + "\nX-FOLD:1",
    ';TZID="evil":19700101T000000Z',
    "BEGIN:VALARM",
]
#: Everything a calendar's event may hold besides these text fields.
VEVENT_PROPS = {
    "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION",
    "GEO", "URL", "CATEGORIES", "RELATED-TO", "TRANSP", "X-TIMELINE-WHEN", "X-TIMELINE-SAID",
}  # fmt: skip
CALENDAR_PROPS = {
    "VERSION", "PRODID", "CALSCALE", "METHOD", "NAME", "X-WR-CALNAME", "DESCRIPTION",
    "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL",
}  # fmt: skip
#: Attacks on HTML: markup, attribute break-outs, entity tricks, script-ish URLs as text.
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</title></style></textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="javascript:alert(1)">click</a>',
    "]]><!--<script>alert(1)</script>-->",
]
#: Windows device names: `build` must not create con.html and friends.
RESERVED = ["con", "nul", "aux", "prn", "com1", "lpt1", "con.2025"]


def _clean(text: str) -> str:
    """What iCalendar can carry of a text: one kind of newline, no other C0 control."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)


def _unescaped(value: object) -> str:
    """A TEXT value icalendar hands over still escaped (X- properties), unescaped."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def hostile_timeline(text: str, *, extra_policies: tuple[str, ...] = ()) -> Timeline:
    """One event per policy, with `text` in every field that holds free text."""
    url = "https://example.org/a;b,c:d?e='f'&g=h\x00\x1b"  # all the model's URL rule lets in
    policy_ids = ("p", *extra_policies)
    events = [
        Event(
            id=f"e-{pid}",
            title=text,
            when=When.parse("2025-12-08"),
            said=text,
            summary=text,
            actors=("a",),
            place="pl",
            policy=pid,
            tags=("t",),
            url=url,
            cite=(Citation(source="s", quote=text, note=text),),
        )
        for pid in policy_ids
    ]
    return Timeline(
        events=events,
        actors=[Actor(id="a", name=text, description=text, aliases=(text,), url=url)],
        places=[Place(id="pl", name=text, region=text)],
        policies=[
            Policy(id=pid, title=text, summary=text, jurisdiction=text, targets=(text, "a"))
            for pid in policy_ids
        ],
        sources=[Source(id="s", title=text, publisher=text, author=text, url=url, note=text)],
        settings=Settings(
            name=text,
            description=text,
            domain="example.org",
            feeds={
                name: Feed(name=name, title=text, description=text, filter=Filter(tags=("t",)))
                for name in ("all", *extra_policies)
            },
        ),
    )


# -- iCalendar ------------------------------------------------------------------------------


def _physical_lines_are_known(data: bytes) -> None:
    """Independent of icalendar: every line continues a fold or starts a known property."""
    known = VEVENT_PROPS | CALENDAR_PROPS | {"BEGIN", "END"}
    assert data.endswith(b"\r\n")
    for line in data[:-2].split(b"\r\n"):
        assert b"\r" not in line, f"bare CR in {line!r}"
        assert b"\n" not in line, f"bare LF in {line!r}"
        if line[:1] == b" ":
            continue
        name = re.match(rb"[A-Z0-9-]+(?=[;:])", line)
        assert name is not None, f"not a content line: {line!r}"
        assert name[0].decode() in known, f"unexpected property: {line!r}"


def _calendar_structure(data: bytes, events: int) -> icalendar.Calendar:
    """Parse with icalendar and check the component tree and property names exactly."""
    _physical_lines_are_known(data)
    lines = data.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == events
    assert lines.count(b"BEGIN:VCALENDAR") == lines.count(b"END:VCALENDAR") == 1
    cal = icalendar.Calendar.from_ical(data)
    assert [c.name for c in cal.walk()] == ["VCALENDAR", *["VEVENT"] * events]
    assert set(cal) <= CALENDAR_PROPS
    for component in cal.walk():
        assert not component.errors, component.errors
        for name, value in component.items():
            assert not isinstance(value, list), f"{name} appears twice"
    for vevent in cal.walk("VEVENT"):
        assert set(vevent) <= VEVENT_PROPS, set(vevent) - VEVENT_PROPS
    return cal


@pytest.mark.parametrize("text", ICS_PAYLOADS, ids=range(len(ICS_PAYLOADS)))
def test_ics_text_in_every_field_stays_inside_its_value(text: str) -> None:
    """Line ends, escapes and controls in any field never make a property or component."""
    tl = hostile_timeline(text)
    cal = _calendar_structure(to_ics(tl), events=1)
    vevent = cal.walk("VEVENT")[0]
    clean = _clean(text)
    assert str(vevent["SUMMARY"]) == clean
    assert str(vevent["LOCATION"]) == clean
    assert _unescaped(vevent["X-TIMELINE-SAID"]) == clean
    assert str(vevent["UID"]) == "e-p@example.org"
    assert str(vevent["URL"]) == "https://example.org/a;b,c:d?e='f'&g=h"
    description = str(vevent["DESCRIPTION"])
    assert description.startswith(clean + "\n\n")  # the summary, then the generated details
    for line in (f"Who: {clean}", f"Policy: {clean}", f"  “{clean}”", f"  {clean}"):
        assert line in description
    assert f"• {clean}: {clean} <https://example.org/" in description  # publisher: title
    assert _unescaped(cal["NAME"]) == _unescaped(cal["X-WR-CALNAME"]) == clean
    assert str(cal["DESCRIPTION"]) == _unescaped(cal["X-WR-CALDESC"]) == clean


@pytest.mark.parametrize("text", ICS_PAYLOADS, ids=range(len(ICS_PAYLOADS)))
def test_ics_feed_and_arguments_are_escaped_too(text: str) -> None:
    """A feed's title and description from timeline.toml, and name= passed in, stay TEXT."""
    tl = hostile_timeline(text)
    for data in (to_ics(tl, feed="all"), to_ics(tl, name=text, description=text)):
        cal = _calendar_structure(data, events=1)
        assert _unescaped(cal["NAME"]) == _clean(text)
        assert str(cal["DESCRIPTION"]) == _clean(text)


def test_ics_zone_and_domain_cannot_inject() -> None:
    """The UID domain and a zone name end up as parameters and values, never as new lines."""
    tl = attrs.evolve(
        hostile_timeline("x"), settings=Settings(domain="evil\r\nATTACH:x;,:\x00.example")
    )
    cal = _calendar_structure(to_ics(tl), events=1)
    assert str(cal.walk("VEVENT")[0]["UID"]).startswith("e-p@evil")


@given(
    title=st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip),
    said=st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip),
)
def test_ics_any_text_round_trips_without_new_structure(title: str, said: str) -> None:
    """Law: for any text, one VEVENT with the known properties; SUMMARY reads back as written."""
    event = Event(
        id="e", title=title, said=said, when=When.parse("2025-12-08"), cite=(Citation(source="s"),)
    )
    cal = _calendar_structure(to_ics([event], name=said), events=1)
    vevent = cal.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == _clean(title)
    assert _unescaped(vevent["X-TIMELINE-SAID"]) == _clean(said)
    assert _unescaped(cal["NAME"]) == _clean(said)


# -- HTML -----------------------------------------------------------------------------------

#: Where a link in our pages may go: an anchor, the web, or a file the site wrote.
SAFE_LINK = re.compile(
    r"#[a-z0-9:._-]*|https?://[^\s<>\"]+|(\.\./)?[a-z0-9_./-]+\.(html|ics|json|csv)"
)
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "poster"}


class PageChecker(HTMLParser):
    """A page as a browser's tokenizer sees it: elements, attributes, script and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in is None:
            self.text.append(data)


def check_page(page: str, *, script: str | None, links: set[str] | None = None) -> PageChecker:
    """Assert nothing from the data became markup: our one script, no handlers, safe links."""
    checker = PageChecker()
    checker.feed(page)
    checker.close()
    assert checker.scripts == ([] if script is None else [script])
    for banned in ("img", "iframe", "object", "embed", "base", "form", "link", "textarea"):
        assert banned not in checker.tags, f"<{banned}> in the page"
    for tag, name, value in checker.attributes:
        assert not name.startswith("on"), f"event handler {name}={value!r} on <{tag}>"
        if name in URL_ATTRIBUTES:
            assert value is not None, f"empty {name} on <{tag}>"
            assert SAFE_LINK.fullmatch(value), f"{name}={value!r}"
            if links is not None and not value.startswith(("#", "http")):
                links.add(value)
        if tag == "meta" and name == "http-equiv":
            assert value == "Content-Security-Policy"
    return checker


def _script() -> str:
    return html_report._asset("filter.js")


@pytest.mark.parametrize("text", XSS, ids=range(len(XSS)))
@pytest.mark.parametrize("lanes", ["policy", "actor", "jurisdiction", "tag"])
def test_html_report_escapes_every_field(text: str, lanes: str) -> None:
    """Markup in any field is shown as text: no new element, handler or link."""
    page = html_report.render(hostile_timeline(text), lanes=lanes)
    checker = check_page(page, script=_script())
    shown = "".join(checker.text)
    assert text in shown  # it is there, as text
    assert shown.count(text) >= 8  # title, summary, said, quote, note, actor, place, policy...


@pytest.mark.parametrize("text", XSS, ids=range(len(XSS)))
def test_every_page_of_a_built_site_escapes_every_field(text: str, tmp_path: Path) -> None:
    """index.html, each policy page and the policy index: only our script, safe links, every
    link a real file."""
    tl = hostile_timeline(text, extra_policies=("con", "nul"))
    written = build(tl, tmp_path / "site")
    pages = [name for name in written if name.endswith(".html")]
    assert sorted(pages) == [
        "index.html",
        "policies.html",
        "policies/_con.html",
        "policies/_nul.html",
        "policies/p.html",
    ]
    for name in pages:
        path = tmp_path / "site" / name
        links: set[str] = set()
        script = None if name == "policies.html" else _script()  # the index has no script
        checker = check_page(path.read_text(encoding="utf-8"), script=script, links=links)
        assert text in "".join(checker.text)
        for link in links:
            target = (path.parent / link).resolve()
            assert target.is_relative_to((tmp_path / "site").resolve()), link
            assert target.is_file(), f"{name} links to missing {link}"


@given(
    text=st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip),
    pieces=st.lists(st.sampled_from(["<", ">", '"', "'", "&", "</", "on", "=", "<!--", "]]>"])),
)
def test_html_any_text_adds_no_markup(text: str, pieces: list[str]) -> None:
    """Law: any text in every field leaves the report with only its own markup and script."""
    hostile = text + "".join(pieces)
    page = html_report.render(hostile_timeline(hostile))
    checker = check_page(page, script=_script())
    assert checker.tags.count("article") == 2  # the policy and the event, nothing more


def test_urls_only_http_or_https() -> None:
    """A javascript:, data: or scheme-less URL is refused by every record that has a url."""
    bad = [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        'https://x.example/"onmouseover=alert(1)',
        "https://x.example/<script>",
        "https://x.example/a b",
    ]
    when, cite = When.parse("2025"), (Citation(source="s"),)
    records: list[tuple[type, dict[str, Any]]] = [
        (Event, {"id": "e", "title": "t", "when": when, "cite": cite}),
        (Source, {"id": "s", "title": "t"}),
        (Actor, {"id": "a", "name": "n"}),
        (Policy, {"id": "p", "title": "t"}),
    ]
    for url in bad:
        for kind, fields in records:
            with pytest.raises(TimelineError, match="is not an http"):
                kind(**fields, url=url)


@pytest.mark.parametrize("text", XSS, ids=range(len(XSS)))
def test_timelinejs_slides_hold_no_markup_from_the_data(text: str) -> None:
    """TimelineJS sets headline and text as HTML, display_date and group as text-then-HTML."""
    doc = json.loads(timelinejs.render(hostile_timeline(text)))
    slides = [doc["title"], *doc["events"]]
    for slide in slides:
        for key in ("headline", "text"):
            if key in slide["text"]:
                check_page(slide["text"][key], script=None)
    for slide in doc["events"]:
        for key in ("display_date", "group"):
            if key in slide:  # the viewer decodes one level of entities, then sets HTML
                inner = PageChecker()
                inner.feed(html.unescape(slide[key]))
                assert inner.tags == [], slide[key]
        assert html.unescape(slide["text"]["headline"]) == text


@pytest.mark.parametrize("text", [*XSS, *ICS_PAYLOADS[:4]], ids=range(len(XSS) + 4))
def test_json_export_round_trips_hostile_text(text: str) -> None:
    """The JSON export parses and gives back every hostile text exactly."""
    doc = json.loads(json_report.render(hostile_timeline(text)))
    assert doc["events"][0]["title"] == text
    assert doc["events"][0]["said"] == text


# -- CSV ------------------------------------------------------------------------------------

FORMULAS = [
    "=1+1",
    '=HYPERLINK("https://evil.example","x")',
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "'already quoted",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", FORMULAS, ids=range(len(FORMULAS)))
def test_csv_cells_that_start_a_formula_are_neutralised(text: str) -> None:
    """Every cell starting = + - @ tab CR (or ') gets one leading apostrophe; csv reads it back."""
    tl = hostile_timeline(text)
    rows = list(csv.reader(io.StringIO(csv_report.render(tl), newline="")))
    assert rows[0] == list(csv_report.COLUMNS)
    assert len(rows) == 2  # header and one event: line ends inside cells stay inside
    cells = dict(zip(rows[0], rows[1], strict=True))
    for column in ("title", "said", "summary", "quotes"):
        assert cells[column] == "'" + text
    for column, cell in cells.items():
        assert not cell.startswith(csv_report.FORMULA_START), f"{column}={cell!r}"


@given(st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip))
def test_csv_neutralising_is_reversible_and_complete(text: str) -> None:
    """Law: no cell starts a formula, and stripping one leading ' gives the text back."""
    event = Event(id="e", title=text, when=When.parse("2025"), cite=(Citation(source="s"),))
    rows = list(csv.reader(io.StringIO(csv_report.render(Timeline(events=[event])), newline="")))
    title = rows[1][csv_report.COLUMNS.index("title")]
    assert not title.startswith(csv_report.FORMULA_START)
    assert (title[1:] if title.startswith("'") else title) == text


# -- file names -----------------------------------------------------------------------------

WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)
PORTABLE = re.compile(r"[a-z0-9_][a-z0-9._-]*")


def _assert_portable(relative: str) -> None:
    for part in Path(relative).parts:
        assert PORTABLE.fullmatch(part), part
        assert not WINDOWS_RESERVED.fullmatch(part), f"{part} is reserved on Windows"
        assert not part.endswith((".", " ")), part
        assert len(part.encode()) <= 255, part


def test_built_site_has_no_reserved_or_escaping_file_names(tmp_path: Path) -> None:
    """Reserved device names as policy ids and feed names get a safe file; all stay inside."""
    tl = hostile_timeline("x", extra_policies=tuple(RESERVED))
    out = tmp_path / "site"
    written = build(tl, out)
    for name in RESERVED:
        assert f"policies/_{name}.html" in written
        assert f"feeds/_{name}.ics" in written
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted(written)
    for relative in written:
        _assert_portable(relative)
        assert (out / relative).resolve().is_relative_to(out.resolve())


@given(st.from_regex(r"[a-z0-9]{1,12}(?:[-_.][a-z0-9]{1,12}){0,20}", fullmatch=True))
def test_every_id_gives_a_portable_file_name(record_id: str) -> None:
    """Law: any valid id gives a portable, non-reserved stem that keeps the id when it can."""
    stem = file_name(record_id)
    _assert_portable(stem + ".html")
    assert stem in (record_id, "_" + record_id) or len(record_id) > 100


@pytest.mark.parametrize("record_id", ["../x", "a/b", "a\\b", "C:x", "", ".", "..", "CON"])
def test_file_name_refuses_anything_but_an_id(record_id: str) -> None:
    """A string that is not a slug never becomes a path (the model refuses it earlier too)."""
    with pytest.raises(TimelineError, match="is not an id"):
        file_name(record_id)


# -- the loader refuses what the writers would have to clean ---------------------------------

REFUSED = [
    "\\r",
    "\\u0000",
    "\\u0007",
    "\\u001b[31m",
    "\\u000c",
    "\\u007f",
    "\\u0085",
    "\\u202e",
    "\\u2066",
]


def _load_jsonl(tmp_path: Path, title: str) -> Timeline:
    folder = tmp_path / "events"
    folder.mkdir(exist_ok=True)
    (folder / "a.jsonl").write_text(
        '{"source": {"id": "s", "title": "S"}}\n'
        f'{{"event": {{"id": "e", "title": "a{title}b", "when": "2025", '
        '"cite": [{"source": "s"}]}}\n',
        encoding="utf-8",
    )
    return timeline.load(folder)


@pytest.mark.parametrize("escape", REFUSED)
@pytest.mark.parametrize("kind", ["toml", "jsonl"])
def test_loader_refuses_escaped_controls_and_bidi(escape: str, kind: str, tmp_path: Path) -> None:
    """An escaped control or bidi override in a string is refused, at its file, line and key."""
    if kind == "jsonl":
        with pytest.raises(DataError) as caught:
            _load_jsonl(tmp_path, escape)
        line = 2
    else:
        folder = tmp_path / "events"
        folder.mkdir()
        (folder / "a.toml").write_text(
            f'[[source]]\nid = "s"\ntitle = "S"\n\n[[event]]\nid = "e"\ntitle = "a{escape}b"\n'
            'when = "2025"\n[[event.cite]]\nsource = "s"\n',
            encoding="utf-8",
        )
        with pytest.raises(DataError) as caught:
            timeline.load(folder)
        line = 7
    (problem,) = caught.value.problems
    assert problem.path.endswith(f"a.{kind}")
    assert problem.line == line
    assert problem.key is not None
    assert problem.key.endswith("title")
    assert "control character" in problem.message


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff"])
def test_loader_refuses_lone_surrogates(escape: str, tmp_path: Path) -> None:
    """A lone surrogate (JSON allows it as an escape) is refused: no output could encode it."""
    with pytest.raises(DataError) as caught:
        _load_jsonl(tmp_path, escape)
    (problem,) = caught.value.problems
    assert (problem.line, problem.key) == (2, "event.title")
    assert "control character" in problem.message


# -- nothing is written from invalid data ---------------------------------------------------

HOSTILE = Path(__file__).parent / "data" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
WRITERS = {
    "ics": ["ics", "events", "-o", "out/feed.ics"],
    "build": ["build", "events", "-o", "out"],
    "csv": ["report", "events", "--format", "csv", "-o", "out/feed.ics"],
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("case", CASES)
def test_no_command_writes_from_invalid_data(
    case: str,
    writer: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`ics -o`, `build -o` and `report -o` on a hostile case exit 1 and leave the old output."""
    project = tmp_path / case
    shutil.copytree(HOSTILE / case, project, symlinks=True)
    (project / "out").mkdir()
    (project / "out" / "feed.ics").write_bytes(b"the previous feed\r\n")
    monkeypatch.chdir(project)
    assert main(WRITERS[writer]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().endswith("nothing was written.")
    assert sorted(p.name for p in (project / "out").iterdir()) == ["feed.ics"]
    assert (project / "out" / "feed.ics").read_bytes() == b"the previous feed\r\n"
