"""Loading: every problem in a data folder is collected, located by file, line and key."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline._load import load
from timeline._settings import parse_feed
from timeline._when import When
from timeline.errors import DataError, Problem, TimelineError

ROOT = Path(__file__).resolve().parent.parent

#: The broken data's misquote, and where it parts from the article.
CROWD = (
    "quote is not verbatim in seeds/article.txt: it parts from the source at character 22 of "
    "the quote, 'b' (U+0062 LATIN SMALL LETTER B) where the source has 's' (U+0073 LATIN "
    "SMALL LETTER S); quote: 'a crowd thronged its booth'; source, line 2: '…henzhen this "
    "fall, a crowd thronged its show sales space, snapping footage, doin…'; copy it exactly "
    "(only white space may differ)"
)

#: The event fields an "unknown field" message lists, in the model's order.
EVENT_FIELDS = (
    "id, title, when, said, summary, actors, place, policy, effect, provision, tags, url, cite, "
    "recorded"
)

#: What `load()` says about tests/data/broken/events, one line per deliberate problem.
BROKEN_TOML = [
    "events/malformed.toml:3: malformed TOML: Illegal character '\\n'",
    "events/records.toml:16: event[1].when: '2025-13' is not a valid date: "
    "month 13 is neither 01–12 nor a season 21–24 (spring–winter)",
    "events/records.toml:24: event[2].actors[1]: unknown actor 'nobody-we-know'; "
    "add a [[actor]] record with that id or fix the id",
    "events/records.toml:34: event[3].cite[0].quote: " + CROWD,
    "events/records.toml:37: event[4].id: duplicate event id 'xi-april-ai-pledge' "
    "(first at events/records.toml:3)",
    "events/records.toml:47: event[5].colour: unknown field; event fields are: " + EVENT_FIELDS,
    "events/records.toml:55: event[6].tags: expected a list, got str 'ai'",
]

#: The same problems written as JSON Lines (tests/data/broken/jsonl), plus two of JSON's own.
BROKEN_JSONL = [
    "jsonl/records.jsonl:2: event.when: '2025-13' is not a valid date: "
    "month 13 is neither 01–12 nor a season 21–24 (spring–winter)",
    "jsonl/records.jsonl:3: event.actors[0]: unknown actor 'nobody-we-know'; "
    "add a [[actor]] record with that id or fix the id",
    "jsonl/records.jsonl:4: event.cite[0].quote: " + CROWD,
    "jsonl/records.jsonl:6: event.id: duplicate event id 'xi-april-ai-pledge' "
    "(first at jsonl/records.jsonl:1)",
    "jsonl/records.jsonl:7: event.colour: unknown field; event fields are: " + EVENT_FIELDS,
    "jsonl/records.jsonl:8: event.tags: expected a list, got str 'ai'",
    "jsonl/records.jsonl:9: malformed JSON: Expecting ',' delimiter",
    "jsonl/records.jsonl:10: gadget: unknown record kind; "
    "expected one of source, actor, place, policy, event",
]


def _problems(folder: str | Path) -> list[str]:
    with pytest.raises(DataError, match=r"problems? in the data") as caught:
        load(folder)
    return [str(p) for p in caught.value.problems]


def _project(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (paths relative to `root`) and return the data folder `root/events`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "events").mkdir(exist_ok=True)
    return root / "events"


SOURCE = """\
    [[source]]
    id = "s"
    title = "S"
    """

EVENT = """\
    [[event]]
    id = "e"
    title = "E"
    when = "2025-04"
    [[event.cite]]
    source = "s"
    """


def test_shipped_dataset_loads_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped events/ folder loads with no problems and holds events, in order."""
    monkeypatch.chdir(ROOT)
    loaded = load("events")
    assert len(loaded) >= 5
    keys = [e.when.sort_key(loaded.settings.zone) for e in loaded]
    assert keys == sorted(keys)


def test_broken_toml_gives_one_located_message_per_problem(broken_project: Path) -> None:
    """Each deliberate problem in the broken TOML copy is reported once, with file and line."""
    assert _problems("events") == BROKEN_TOML


def test_broken_jsonl_gives_one_located_message_per_problem(broken_project: Path) -> None:
    """The JSON Lines copy reports the same problems, each on the line of its record."""
    assert _problems("jsonl") == BROKEN_JSONL


def test_data_error_is_a_value_error_carrying_the_first_problem(broken_project: Path) -> None:
    """DataError subclasses ValueError and repeats the first problem's location as attributes."""
    with pytest.raises(ValueError, match="8 problems in the data") as caught:
        load("jsonl")
    error = caught.value
    assert isinstance(error, DataError)
    assert isinstance(error, TimelineError)
    assert (error.path, error.line, error.key, error.value) == (
        "jsonl/records.jsonl",
        2,
        "event.when",
        "2025-13",
    )


def test_same_record_in_toml_and_jsonl_is_equal(in_tmp: Path) -> None:
    """A record written as TOML and as JSON Lines loads to the same model value."""
    toml = _project(in_tmp / "a", {"events/a.toml": SOURCE + EVENT})
    line = (
        '{"source": {"id": "s", "title": "S"}}\n'
        '{"event": {"id": "e", "title": "E", "when": "2025-04", "cite": [{"source": "s"}]}}\n'
    )
    jsonl = _project(in_tmp / "b", {"events/a.jsonl": line})
    assert load(toml)["e"] == load(jsonl)["e"]
    assert load(toml).sources == load(jsonl).sources


def test_missing_folder_is_a_problem_not_a_crash(in_tmp: Path) -> None:
    """A data folder that does not exist is one problem naming it."""
    [problem] = _problems("nowhere")
    assert problem.startswith("nowhere: the data folder does not exist")


def test_problems_are_sorted_by_file_then_line() -> None:
    """DataError orders problems by path, then line, so output reads top to bottom."""
    error = DataError(
        [
            Problem(path="b.toml", line=1, message="x"),
            Problem(path="a.toml", line=9, message="y"),
            Problem(path="a.toml", line=2, message="z"),
        ]
    )
    assert [str(p) for p in error.problems] == ["a.toml:2: z", "a.toml:9: y", "b.toml:1: x"]


def test_data_error_needs_a_problem() -> None:
    """An empty DataError is a programming mistake, refused at once."""
    with pytest.raises(ValueError, match="at least one problem"):
        DataError([])


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            'tz = "Asia/Shanghai"\n',
            ["events/a.toml:4: event[0].when: missing required field"],
        ),
        (
            'when = "2025-10-15T09:00"\ntz = "Nowhere/Land"\n',
            [
                "events/a.toml:8: event[0].tz: "
                "'Nowhere/Land' is not a known IANA time zone (e.g. 'Asia/Shanghai')"
            ],
        ),
        (
            'when = "2025"\neffect = "enacted"\n',
            ["events/a.toml:8: event[0].effect: effect 'enacted' needs the event's `policy`"],
        ),
        (
            'when = "2025"\nplace = "nowhere"\n',
            [
                "events/a.toml:8: event[0].place: unknown place 'nowhere'; "
                "add a [[place]] record with that id or fix the id"
            ],
        ),
        (
            "when = 2025\n",
            [
                "events/a.toml:7: event[0].when: expected an EDTF date string "
                "such as '2025-04', got 2025"
            ],
        ),
        (
            'when = "2025"\nactors = ["a", "a"]\n',
            ["events/a.toml:8: event[0].actors: lists ['a'] twice"],
        ),
        (
            'when = "2025"\nurl = "ftp://x"\n',
            ["events/a.toml:8: event[0].url: 'ftp://x' is not an http(s) URL"],
        ),
    ],
)
def test_event_field_problems(in_tmp: Path, record: str, expected: list[str]) -> None:
    """Field-level problems in an event are located on the line of the field."""
    text = SOURCE + '[[event]]\nid = "e"\ntitle = "E"\n' + record + '[[event.cite]]\nsource = "s"\n'
    folder = _project(in_tmp, {"events/a.toml": text})
    assert _problems(folder.name) == expected


MULTILINE = '''\
[[source]]
id = "s"
title = "S"
[[event]]
id = "a"
title = "A"
when = "2025"
summary = """
Quoted from a data file:
[[event]]
when = "2024"
"""
[[event.cite]]
source = "s"
[[event]]
id = "b"
title = "B"
note = \'\'\'
[[event]]
\'\'\'
when = "2025-13"
[[event.cite]]
source = "s"
'''


def test_lines_inside_multiline_strings_are_text(in_tmp: Path) -> None:
    """A string holding '[[event]]' or 'when =' lines does not shift later line numbers."""
    _project(in_tmp, {"events/a.toml": MULTILINE})
    assert _problems("events") == [
        "events/a.toml:18: event[1].note: unknown field; event fields are: " + EVENT_FIELDS,
        "events/a.toml:21: event[1].when: '2025-13' is not a valid date: "
        "month 13 is neither 01–12 nor a season 21–24 (spring–winter)",
    ]


def test_every_problem_in_one_record_is_reported(in_tmp: Path) -> None:
    """Wrong types and failing validators in one record are all reported, not just the first."""
    text = (
        SOURCE + '[[event]]\nid = "Bad Id"\ntitle = " "\nwhen = "2025-13"\ntags = "ai"\n'
        'url = "ftp://x"\ncolour = "red"\n[[event.cite]]\nsource = "s"\n'
    )
    _project(in_tmp, {"events/a.toml": text})
    assert _problems("events") == [
        "events/a.toml:5: event[0].id: 'Bad Id' is not a valid id: use lowercase letters, "
        "digits and - _ . between them, e.g. 'xi-april-ai-pledge'",
        "events/a.toml:6: event[0].title: must not be empty",
        "events/a.toml:7: event[0].when: '2025-13' is not a valid date: "
        "month 13 is neither 01–12 nor a season 21–24 (spring–winter)",
        "events/a.toml:8: event[0].tags: expected a list, got str 'ai'",
        "events/a.toml:9: event[0].url: 'ftp://x' is not an http(s) URL",
        "events/a.toml:10: event[0].colour: unknown field; event fields are: " + EVENT_FIELDS,
    ]


def test_event_without_citation_is_refused(in_tmp: Path) -> None:
    """Every event cites at least one source."""
    text = SOURCE + '[[event]]\nid = "e"\ntitle = "E"\nwhen = "2025"\n'
    _project(in_tmp, {"events/a.toml": text})
    assert _problems("events") == [
        "events/a.toml:4: event[0].cite: every event cites at least one source ([[event.cite]])"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[gadget]]\nid = 'g'\n", "events/a.toml:1: gadget: unknown record kind"),
        ("event = 3\n", "events/a.toml:1: event: write records as an array of tables: [[event]]"),
        ("[[actor]]\nid = 'a'\nname = 'A'\nkind = 'alien'\n", "actor[0].kind: 'alien' is not one"),
        ("[[place]]\nid = 'p'\nname = 'P'\nlatitude = 100\n", "100.0 is not a latitude"),
        ("[[source]]\nid = 's'\n", "events/a.toml:1: source[0].title: missing required field"),
        ("[[policy]]\nid = 'p'\ntitle = 'P'\namends = 'q'\n", "unknown policy 'q'"),
        ("[[policy]]\nid = 'p'\ntitle = 'P'\njurisdiction = 'usa'\n", "neither a country code"),
    ],
)
def test_record_problems(in_tmp: Path, text: str, expected: str) -> None:
    """Problems in other record kinds are located too."""
    _project(in_tmp, {"events/a.toml": text})
    problems = _problems("events")
    assert len(problems) == 1
    assert expected in problems[0]


def test_policies_amending_in_a_cycle_are_refused(in_tmp: Path) -> None:
    """Two policies that amend each other are a cycle, named with its chain."""
    text = (
        "[[policy]]\nid = 'a'\ntitle = 'A'\namends = 'b'\n"
        "[[policy]]\nid = 'b'\ntitle = 'B'\namends = 'a'\n"
    )
    _project(in_tmp, {"events/a.toml": text})
    assert _problems("events") == [
        "events/a.toml:4: policy[0].amends: policies amend or replace in a cycle: a → b → a",
        "events/a.toml:8: policy[1].amends: policies amend or replace in a cycle: b → a → b",
    ]


# -- quotes and source files ----------------------------------------------------------------


def _quoted(source_file: str, quote: str) -> str:
    return (
        f'[[source]]\nid = "s"\ntitle = "S"\nfile = "{source_file}"\n'
        f'[[event]]\nid = "e"\ntitle = "E"\nwhen = "2025"\n'
        f'[[event.cite]]\nsource = "s"\nquote = """{quote}"""\n'
    )


def test_quote_may_differ_from_its_source_only_in_white_space(in_tmp: Path) -> None:
    """A quote matches its source with white space normalised, line breaks included."""
    text = _quoted("seeds/a.txt", "Xi Jinping\n   stated")
    folder = _project(in_tmp, {"seeds/a.txt": "chief Xi\tJinping \n\n stated that"})
    (folder / "a.toml").write_text(text, encoding="utf-8")
    assert load(folder)["e"].cite[0].quote == "Xi Jinping\n   stated"


def test_quote_is_case_sensitive(in_tmp: Path) -> None:
    """Only white space may differ: a change of case is not verbatim."""
    folder = _project(in_tmp, {"seeds/a.txt": "Xi Jinping stated"})
    (folder / "a.toml").write_text(_quoted("seeds/a.txt", "xi jinping"), encoding="utf-8")
    assert _problems("events") == [
        "events/a.toml:11: event[0].cite[0].quote: quote is not verbatim in seeds/a.txt: it "
        "parts from the source at character 1 of the quote, 'x' (U+0078 LATIN SMALL LETTER X) "
        "where the source has 'X' (U+0058 LATIN CAPITAL LETTER X); quote: 'xi jinping'; "
        "source, line 1: 'Xi Jinping stated'; copy it exactly (only white space may differ)"
    ]


def test_quote_without_a_source_file_is_refused(in_tmp: Path) -> None:
    """A quote can only be checked against a file; without one, the loader says where to put it."""
    text = SOURCE + EVENT + 'quote = "words"\n'
    _project(in_tmp, {"events/a.toml": text})
    assert _problems("events") == [
        "events/a.toml:10: event[0].cite[0].quote: source 's' has no `file` to check the quote "
        "against; add the file, or put the words in `note`"
    ]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("../outside.txt", "points outside the project"),
        ("seeds/../../outside.txt", "points outside the project"),
        ("/etc/hostname", "must be a path relative to the project root"),
        ("link.txt", "points outside the project"),
        ("missing.txt", "no such file 'missing.txt'"),
        ("seeds", "cannot read 'seeds': it is a folder, not a regular file"),
    ],
)
def test_source_file_must_stay_inside_the_project(in_tmp: Path, file: str, expected: str) -> None:
    """A source `file` escaping the project (../, absolute, symlink) or missing is refused."""
    (in_tmp / "outside.txt").write_text("words", encoding="utf-8")
    project = in_tmp / "project"
    folder = _project(project, {"seeds/a.txt": "words"})
    (project / "link.txt").symlink_to(in_tmp / "outside.txt")
    (folder / "a.toml").write_text(_quoted(file, "words"), encoding="utf-8")
    problems = _problems(folder)
    assert len(problems) == 1
    assert problems[0].startswith("project/events/a.toml:4: source[0].file: ")
    assert expected in problems[0]


def test_symlink_inside_the_project_is_allowed(in_tmp: Path) -> None:
    """A symlink that resolves inside the project is an ordinary path."""
    folder = _project(in_tmp, {"seeds/a.txt": "words here"})
    (in_tmp / "alias.txt").symlink_to(in_tmp / "seeds/a.txt")
    (folder / "a.toml").write_text(_quoted("alias.txt", "words"), encoding="utf-8")
    assert load(folder)["e"].cite[0].quote == "words"


# -- timeline.toml -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ('name = "T"\ncolour = "red"\n', ["events/timeline.toml:2: colour: unknown setting; "
                                          "settings are: description, domain, feeds, locale, name, "
                                          "refresh, timezone"]),
        ('timezone = "Mars/Base"\n', ["events/timeline.toml:1: timezone: 'Mars/Base' is not a "
                                      "known IANA time zone (e.g. 'Asia/Shanghai')"]),
        ("refresh = 5\n", ["events/timeline.toml:1: refresh: expected a string, got int 5"]),
        ('name = 3\ntimezone = "Mars/Base"\n', ["events/timeline.toml:1: name: expected a string, "
                                                "got int 3", "events/timeline.toml:2: timezone: "
                                                "'Mars/Base' is not a known IANA time zone "
                                                "(e.g. 'Asia/Shanghai')"]),
        ('name = "T\n', ["events/timeline.toml:1: malformed TOML: Illegal character '\\n'"]),
        ("feeds = 3\n", ["events/timeline.toml:1: feeds: write each feed as a table of filters, "
                         "e.g. [feeds.nvidia] tag = 'nvidia'"]),
        ('[feeds.x]\nfrom = "2025-13"\n', ["events/timeline.toml:1: feeds.x: '2025-13' is not a "
                                           "valid date: month 13 is neither 01–12 nor a season "
                                           "21–24 (spring–winter)"]),
        ('[feeds.x]\ncolour = "red"\nfrm = "2025"\n', ["events/timeline.toml:1: feeds.x: "
                                      "unknown feed keys 'colour', 'frm' (did you mean 'from'?); "
                                      "use title, description, from, to, tag, actor, policy, "
                                      "jurisdiction, place, text"]),
        ("[feeds.x]\ntag = 5\n", ["events/timeline.toml:1: feeds.x: tag takes a string or a "
                                  "list of strings, not 5"]),
        ('[feeds]\nx = "ai"\n', ["events/timeline.toml:2: feeds.x: a feed is a table of "
                                 "filters, e.g. [feeds.nvidia] tag = 'nvidia'"]),
        ('[feeds.Big]\ntag = "ai"\n', ["events/timeline.toml:1: feeds.Big: 'Big' is not a valid "
                                       "id: use lowercase letters, digits and - _ . between "
                                       "them, e.g. 'xi-april-ai-pledge'"]),
    ],
)  # fmt: skip
def test_settings_problems(in_tmp: Path, settings: str, expected: list[str]) -> None:
    """Problems in timeline.toml and its feeds are located like any other."""
    _project(in_tmp, {"events/timeline.toml": settings, "events/a.toml": SOURCE + EVENT})
    assert _problems("events") == expected


def test_settings_and_feeds_load(in_tmp: Path) -> None:
    """timeline.toml gives the name, zone and feeds; a feed's filters mean what the CLI's do."""
    settings = """\
        name = "Chips"
        timezone = "Asia/Shanghai"
        domain = "chips.example"
        [feeds.spring]
        title = "Spring"
        from = "2025-03"
        to = "2025-05"
        tag = ["ai", "chips"]
        """
    folder = _project(in_tmp, {"events/timeline.toml": settings, "events/a.toml": SOURCE + EVENT})
    loaded = load(folder)
    assert (loaded.settings.name, loaded.settings.timezone) == ("Chips", "Asia/Shanghai")
    feed = loaded.settings.feeds["spring"]
    assert feed.title == "Spring"
    assert feed.filter.start == When.parse("2025-03")
    assert feed.filter.tags == ("ai", "chips")


def test_parse_feed_refuses_a_non_table() -> None:
    """parse_feed() explains the shape a feed takes."""
    with pytest.raises(TypeError, match=r"a feed is a table of filters"):
        parse_feed("x", "ai")


def test_load_is_the_public_entry_point() -> None:
    """timeline.load is the loader documented in the guide."""
    assert timeline.load is load


# -- the fast path ------------------------------------------------------------------------

#: A well-formed event as JSON Lines gives it; each case below spoils one field.
GOOD_EVENT = {
    "id": "e-1",
    "title": "Something happened",
    "when": "2025-04-02T09:00",
    "tz": "Europe/Berlin",
    "said": "In April",
    "summary": "What it was.",
    "actors": ["a-1", "a-2"],
    "place": "p-1",
    "policy": "pol-1",
    "effect": "enacted",
    "tags": ["ai", "chips"],
    "url": "https://example.org/e",
    "cite": [{"source": "s-1", "quote": "words", "note": "n"}, {"source": "s-2"}],
}


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"tz": None, "when": "2025-04~"},
        {"actors": [], "tags": [], "cite": [{"source": "s-1"}]},
        {"effect": None, "policy": None, "place": None, "url": None, "said": None},
    ],
)
def test_fast_path_builds_what_init_builds(change: dict[str, object]) -> None:
    """A well-formed event built by the fast path equals the one `Event(...)` builds."""
    from timeline._structure import CONVERTER, Shared, screen_event

    raw = {k: v for k, v in {**GOOD_EVENT, **change}.items() if v is not None}
    fields = dict(raw)
    zone = fields.pop("tz", None)
    fields["when"] = When.parse(str(fields["when"]), tz=zone)  # type: ignore[arg-type]
    expected = CONVERTER.structure(fields, timeline.Event)
    for clean in (True, False):
        built = screen_event(raw, Shared(), clean)
        assert built == expected
        assert hash(built) == hash(expected)
        assert repr(built) == repr(expected)


@pytest.mark.parametrize(
    "change",
    [
        {"id": "Not A Slug"},
        {"title": "   "},
        {"actors": ["a-1", "Bad Actor"]},
        {"actors": ["a-1", "a-1"]},
        {"tags": ["ai", "ai"]},
        {"tags": ["AI"]},
        {"url": "ftp://example.org"},
        {"cite": []},
        {"cite": [{"source": "Bad Source"}]},
        {"cite": [{"source": "s-1", "quote": " "}]},
        {"cite": [{"source": "s-1", "colour": "red"}]},
        {"cite": [{"source": "s-1", "note": 3}]},
        {"policy": None},  # an effect needs a policy
        {"effect": "abolished"},
        {"when": "2025-13"},
        {"tz": "Mars/Olympus"},
        {"summary": 3},
        {"place": ["p-1"]},
        {"colour": "red"},
    ],
)
def test_fast_path_leaves_every_invalid_event_to_cattrs(change: dict[str, object]) -> None:
    """Whatever a validator or hook would refuse, the fast path declines (None) to build."""
    from timeline._structure import Shared, screen_event

    raw = {k: v for k, v in {**GOOD_EVENT, **change}.items() if v is not None}
    assert screen_event(raw, Shared(), True) is None
    assert screen_event(raw, Shared(), False) is None


@pytest.mark.parametrize(
    "change",
    [{"title": "tab\x07"}, {"cite": [{"source": "s-1", "quote": "x" * 100_001}]}],
)
def test_fast_path_checks_strings_of_lines_it_did_not_see(change: dict[str, object]) -> None:
    """Without `clean`, a control character or an over-long string sends the event to cattrs."""
    from timeline._structure import Shared, screen_event

    assert screen_event({**GOOD_EVENT, **change}, Shared(), False) is None


def test_citations_are_shared_within_a_load(in_tmp: Path) -> None:
    """Equal citations are one object in a load; two loads share nothing."""
    (in_tmp / "events").mkdir()
    (in_tmp / "events" / "sources.toml").write_text('[[source]]\nid = "s"\ntitle = "S"\n')
    lines = [
        {"event": {"id": f"e{n}", "title": "T", "when": "2025", "cite": [{"source": "s"}]}}
        for n in range(3)
    ]
    (in_tmp / "events" / "e.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    first, second, third = load(in_tmp / "events")
    assert first.cite[0] is second.cite[0] is third.cite[0]
    (again,) = load(in_tmp / "events").events[:1]
    assert again.cite[0] == first.cite[0]
    assert again.cite[0] is not first.cite[0]


# -- big files: read in blocks, limited per record ------------------------------------------------


def _jsonl_project(root: Path, lines: list[bytes]) -> Path:
    """A data folder with one source `s` and `e.jsonl` made of `lines` (each without LF)."""
    folder = root / "events"
    folder.mkdir()
    (folder / "sources.toml").write_text('[[source]]\nid = "s"\ntitle = "S"\n', encoding="utf-8")
    (folder / "e.jsonl").write_bytes(b"\n".join(lines))
    return folder


def _event_line(n: int, **fields: object) -> bytes:
    record = {"id": f"e{n}", "title": "T", "when": "2025", "cite": [{"source": "s"}], **fields}
    return json.dumps({"event": record}, ensure_ascii=False).encode("utf-8")


def test_the_screen_schema_names_the_model_fields() -> None:
    """The schema JSON Lines lines are decoded into has the model's fields (and `tz`)."""
    import attrs
    import msgspec

    from timeline._model import Citation, Event
    from timeline._structure import CitationFields, EventFields

    assert {f.name for f in msgspec.structs.fields(EventFields)} == {
        *(a.name for a in attrs.fields(Event)),
        "tz",
    }
    assert [f.name for f in msgspec.structs.fields(CitationFields)] == [
        a.name for a in attrs.fields(Citation)
    ]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (b"\xef\xbb\xbf" + _event_line(0), "T"),  # a byte order mark before the first line
        (_event_line(0) + b"\r", "T"),  # a CRLF line end
        (b"  " + _event_line(0, title="A") + b" ", "A"),  # white space around the record
        (b'{"event": {"id": "e0", "title": "A", "title": "B", "when": "2025", '
         b'"cite": [{"source": "s"}]}}', "B"),  # JSON's rule: the last of a repeated key
        (b'{"event": {"id": "e0", "title": "\\u00e9t\\u00e9", "when": "2025", '
         b'"cite": [{"source": "s"}]}}', "\u00e9t\u00e9"),  # escapes
    ],
)  # fmt: skip
def test_json_lines_are_read_as_json_reads_them(in_tmp: Path, line: bytes, title: str) -> None:
    """Lines the schema decoder reads give what `json` gives: marks, white space, repeats."""
    folder = _jsonl_project(in_tmp, [line, _event_line(1)])
    assert load(folder)["e0"].title == title


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (_event_line(0, title=float("nan")), "event.title: expected a string, got float nan"),
        (_event_line(0, title=10**30), "event.title: expected a string, got int"),
        (b'{"event": {"id": "e0", "title": "\\ud800", "when": "2025", '
         b'"cite": [{"source": "s"}]}}', "event.title: control character '\\ud800'"),
        (b'{"event": {"id": "e0", "title": "\\u0007", "when": "2025", '
         b'"cite": [{"source": "s"}]}}', "event.title: control character '\\x07'"),
        (_event_line(0, effect="adopted"), "event.effect: effect 'adopted' needs the event's"),
    ],
)  # fmt: skip
def test_lines_the_schema_refuses_get_the_usual_messages(
    in_tmp: Path, line: bytes, expected: str
) -> None:
    """NaN, huge numbers, escaped surrogates and controls, model refusals: located messages."""
    folder = _jsonl_project(in_tmp, [line, _event_line(1)])
    with pytest.raises(DataError) as caught:
        load(folder)
    assert [p.line for p in caught.value.problems] == [1]
    assert expected in str(caught.value.problems[0]), caught.value.problems[0]


def test_a_70_mb_json_lines_file_loads(in_tmp: Path) -> None:
    """A data file far over the old 64 MiB refusal loads: the limits are per record and string."""
    summary = "word " * 17_600  # 88,000 characters, under the 100,000 a string may hold
    lines = [_event_line(n, summary=summary) for n in range(800)]
    folder = _jsonl_project(in_tmp, lines)
    assert (folder / "e.jsonl").stat().st_size > 70_000_000
    assert len(load(folder)) == 800


@pytest.mark.parametrize("block", [7, 64, 1 << 20])
def test_lines_are_numbered_across_blocks(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """However the file is cut into blocks, records and problems keep their line numbers."""
    from timeline import _files

    monkeypatch.setattr(_files, "_BLOCK", block)
    lines = [b"\xef\xbb\xbf" + _event_line(0), b"", *(_event_line(n) for n in range(1, 6))]
    lines[4] = _event_line(3, when="2025-13")
    lines.append(_event_line(6, when="2025-14"))  # the last line has no line end
    assert _problems(_jsonl_project(in_tmp, lines)) == [
        "events/e.jsonl:5: event.when: '2025-13' is not a valid date: "
        "month 13 is neither 01–12 nor a season 21–24 (spring–winter)",
        "events/e.jsonl:8: event.when: '2025-14' is not a valid date: "
        "month 14 is neither 01–12 nor a season 21–24 (spring–winter)",
    ]


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (b"\xff", "events/e.jsonl:4: not UTF-8 (byte 0xff)"),
        (b"\x01", "events/e.jsonl:4: control character '\\x01' is not allowed in data files"),
    ],
)
def test_a_bad_byte_deep_in_a_file_is_located(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, bad: bytes, expected: str
) -> None:
    """A byte no data file may hold is named with its line, wherever the block starts."""
    from timeline import _files

    monkeypatch.setattr(_files, "_BLOCK", 100)
    lines = [_event_line(n) for n in range(6)]
    lines[3] = lines[3].replace(b'"T"', b'"T' + bad + b'"')
    assert _problems(_jsonl_project(in_tmp, lines)) == [expected]


_NEAR_CONTROLS = list("\x7f\x0b\x1f\x80\x85\x9f\xa0\u2029\u202a\u202e\u202f\u2065\u2066\u2069\r\t")


@given(st.text(st.characters(codec="utf-8") | st.sampled_from(_NEAR_CONTROLS), max_size=40))
def test_the_byte_level_check_passes_only_what_the_text_check_passes(text: str) -> None:
    """A block read from its bytes is passed as clean only when its decoded text holds no
    character `CONTROL` refuses and no CR (the CR is then looked at by the full check)."""
    from timeline._files import _surely_clean
    from timeline._text import CONTROL

    assert _surely_clean(text.encode()) == (CONTROL.search(text) is None and "\r" not in text)


@pytest.mark.parametrize("bad", ["\x7f", "\x0b", "\x85", "\x9f", "\u202a", "\u202e", "\u2069"])
def test_each_refused_character_is_found_in_a_json_lines_block(in_tmp: Path, bad: str) -> None:
    """DEL, C0, C1 and bidirectional controls written raw in a line are named at their line."""
    lines = [_event_line(n) for n in range(3)]
    lines[1] = lines[1].replace(b'"T"', b'"T' + bad.encode() + b'"')
    assert _problems(_jsonl_project(in_tmp, lines)) == [
        f"events/e.jsonl:2: control character {bad!r} is not allowed in data files"
    ]


def test_a_record_over_the_limit_is_refused_alone(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line longer than a record may be is one problem at its line; the lines after it load."""
    from timeline import _files

    monkeypatch.setattr(_files, "_BLOCK", 64)
    monkeypatch.setattr(_files, "MAX_RECORD_BYTES", 1_000)
    lines = [_event_line(0), _event_line(1, summary="x" * 5_000), _event_line(2, when="2025-13")]
    assert _problems(_jsonl_project(in_tmp, lines)) == [
        "events/e.jsonl:2: a record (one line) is at most 1,000 bytes; "
        "split this one into smaller records",
        "events/e.jsonl:3: event.when: '2025-13' is not a valid date: "
        "month 13 is neither 01–12 nor a season 21–24 (spring–winter)",
    ]


# -- the folder walk: nothing vanishes without a word ------------------------------------------


def test_unreadable_sub_folder_is_a_problem_with_its_path(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sub-folder that cannot be listed is reported, not skipped (root reads any folder, so
    the refusal is simulated)."""
    folder = _project(in_tmp, {"events/a.toml": SOURCE + EVENT, "events/locked/b.toml": SOURCE})
    real = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _problems(folder) == ["events/locked: cannot read the folder: Permission denied"]


def test_unreadable_sub_folder_really_unreadable(in_tmp: Path) -> None:
    """With real permissions (as a user who is not root), a locked folder is reported."""
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    folder = _project(in_tmp, {"events/a.toml": SOURCE + EVENT, "events/locked/b.toml": SOURCE})
    (folder / "locked").chmod(0)
    try:
        assert _problems(folder) == ["events/locked: cannot read the folder: Permission denied"]
    finally:
        (folder / "locked").chmod(0o755)


def test_symlinked_sub_folder_is_a_problem_not_a_silent_skip(in_tmp: Path) -> None:
    """A link to a folder of records is named; its records do not vanish without a word."""
    folder = _project(in_tmp, {"events/a.toml": SOURCE + EVENT, "more/b.toml": SOURCE})
    (folder / "more").symlink_to(in_tmp / "more")
    (problem,) = _problems(folder)
    assert problem.startswith("events/more: a symbolic link to a folder;")


def test_symlinked_data_file_is_read(in_tmp: Path) -> None:
    """A link to a data file is read like the file."""
    folder = _project(in_tmp, {"events/a.toml": SOURCE, "shared/e.toml": EVENT})
    (folder / "e.toml").symlink_to(in_tmp / "shared" / "e.toml")
    assert len(load(folder)) == 1


def test_dangling_data_link_is_a_problem(in_tmp: Path) -> None:
    """A `.toml` link to nothing is reported with the link's own path and target."""
    folder = _project(in_tmp, {"events/a.toml": SOURCE + EVENT})
    (folder / "b.toml").symlink_to(in_tmp / "gone.toml")
    assert _problems(folder) == [
        f"events/b.toml: a symbolic link to nothing ({in_tmp / 'gone.toml'}); "
        "remove it or restore its file"
    ]


@pytest.mark.parametrize("name", ["a.toml", "timeline.toml", "sub/b.jsonl"])
def test_fifo_data_file_is_refused_without_blocking(in_tmp: Path, name: str) -> None:
    """A FIFO named like a data file (or the settings) is a problem; nothing waits on it."""
    folder = _project(in_tmp, {"events/ok.toml": SOURCE + EVENT})
    (folder / name).parent.mkdir(exist_ok=True)
    os.mkfifo(folder / name)
    problems = _problems(folder)
    assert len(problems) == 1
    assert problems[0].startswith(f"events/{name}: ")
    assert "a FIFO (named pipe), not a regular file" in problems[0]


@pytest.mark.parametrize(
    "files",
    [{}, {"events/a.toml": "# nothing yet\n"}, {"events/timeline.toml": 'name = "x"\n'}],
)
def test_a_data_folder_with_no_records_is_a_problem(in_tmp: Path, files: dict[str, str]) -> None:
    """An empty or wrong data folder is not "no problems": it holds nothing to publish."""
    folder = _project(in_tmp, files)
    (problem,) = _problems(folder)
    assert problem.startswith("events/: the data folder holds no records; is DATA the right")


def test_cr_only_json_lines_say_what_the_line_ends_are(in_tmp: Path) -> None:
    """A JSON Lines file saved with CR line ends is named as such, not "Extra data"."""
    folder = _project(in_tmp, {})
    record = '{"source": {"id": "s", "title": "S"}}'
    (folder / "a.jsonl").write_bytes(f"{record}\r{record}\r".encode())
    (problem,) = _problems(folder)
    assert problem.startswith("events/a.jsonl:1: lines end in a carriage return alone")
    assert "Extra data" not in problem


def test_huge_integer_in_a_jsonl_line_is_located(in_tmp: Path) -> None:
    """A 5,000-digit number (past Python's int-string limit) is a problem at its line."""
    folder = _project(in_tmp, {"events/a.toml": SOURCE + EVENT})
    (folder / "b.jsonl").write_text(
        '{"place": {"id": "p", "name": "P"}}\n' + '{"x": ' + "9" * 5000 + "}\n"
    )
    assert _problems(folder) == [
        "events/b.jsonl:2: a number of 5,000 digits is longer than any field holds "
        "(Python reads at most 4,300)"
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"events/a.toml": SOURCE + EVENT.replace('title = "E"', 'titel = "E"')},
            "events/a.toml:6: event[0].titel: unknown field (did you mean 'title'?); "
            f"event fields are: {EVENT_FIELDS}",
        ),
        (
            {"events/a.toml": SOURCE + EVENT + '    qoute = "x"\n'},
            "events/a.toml:10: event[0].cite[0].qoute: unknown field (did you mean 'quote'?); "
            "citation fields are: source, quote, note, recorded",
        ),
        (
            {"events/a.toml": SOURCE + "[[evnt]]\nid = 'e'\n"},
            "events/a.toml:4: evnt: unknown record kind (did you mean 'event'?); "
            "expected one of source, actor, place, policy, event",
        ),
        (
            {"events/a.jsonl": '{"sorce": {"id": "s", "title": "S"}}\n'},
            "events/a.jsonl:1: sorce: unknown record kind (did you mean 'source'?); "
            "expected one of source, actor, place, policy, event",
        ),
        (
            {"events/a.toml": "[[policy]]\nid = 'p'\ntitle = 'P'\ntag = ['x']\n"},
            "events/a.toml:4: policy[0].tag: unknown field (did you mean 'tags'?); "
            "policy fields are: id, title, jurisdiction, targets, summary, amends, replaces, "
            "tags, url, provisions",
        ),
        (
            {"events/timeline.toml": 'timzone = "UTC"\n', "events/a.toml": SOURCE + EVENT},
            "events/timeline.toml:1: timzone: unknown setting (did you mean 'timezone'?); "
            "settings are: description, domain, feeds, locale, name, refresh, timezone",
        ),
        (
            {"events/timeline.toml": '[feeds.x]\ntags = "ai"\n', "events/a.toml": SOURCE + EVENT},
            "events/timeline.toml:1: feeds.x: unknown feed key 'tags' (did you mean 'tag'?); "
            "use title, description, from, to, tag, actor, policy, jurisdiction, place, text",
        ),
        (
            {"events/a.toml": SOURCE + EVENT.replace('when = "2025-04"', 'when = "2025-04"\n'
             '    policy = "p"\n    effect = "tightend"') + '[[policy]]\nid = "p"\ntitle = "P"\n'},
            "events/a.toml:9: event[0].effect: 'tightend' is not one of 'proposed', 'announced', "
            "'adopted', 'enacted', 'effective', 'applies', 'ceases', 'tightened', 'loosened', "
            "'suspended', 'reinstated', 'rescinded', 'expired' (did you mean 'tightened'?)",
        ),
        (
            {"events/a.toml": SOURCE + "[[actor]]\nid = 'a'\nname = 'A'\nkind = 'Person'\n"},
            "events/a.toml:7: actor[0].kind: 'Person' is not one of 'person', 'organization', "
            "'company', 'government', 'agency', 'country', 'group', 'other' "
            "(did you mean 'person'?)",
        ),
    ],
)  # fmt: skip
def test_a_misspelt_name_gets_a_suggestion(
    in_tmp: Path, files: dict[str, str], expected: str
) -> None:
    """Unknown fields, kinds, settings, feed keys and enum values say what was likely meant."""
    _project(in_tmp, files)
    assert _problems("events") == [expected]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            'when = "2025-09-01T10:00"\ntz = "Europe/Brusels"',
            "event[0].tz: 'Europe/Brusels' is not a known IANA time zone "
            "(did you mean 'Europe/Brussels'?)",
        ),
        ('when = "2025-09-01T10:00"\ntz = 5', "event[0].tz: expected an IANA zone name such as "
         "'Asia/Shanghai', got 5"),
        ('when = "2025-09-01"\ntz = "Europe/Brussels"', "event[0].tz: a zone ('Europe/Brussels') "
         "only goes with a local time of day in `when`, such as 2025-10-15T09:00; remove `tz` "
         "or give `when` a time"),
        ('when = "2025-09-01T10:00"', "event[0].when: '2025-09-01T10:00' is not a valid date: "
         "a time of day needs an offset (Z, +08:00) or the event's tz (e.g. 'Asia/Shanghai')"),
    ],
)  # fmt: skip
def test_a_zone_problem_is_reported_under_tz(in_tmp: Path, fields: str, expected: str) -> None:
    """A bad `tz` is a problem of `tz`; a time that needs one is a problem of `when`."""
    text = SOURCE + f'[[event]]\nid = "e"\ntitle = "E"\n{fields}\n[[event.cite]]\nsource = "s"\n'
    _project(in_tmp, {"events/a.toml": text})
    [problem] = _problems("events")
    assert problem.split(": ", 1)[1] == expected


POLICY_EVENTS = """\
[[source]]
id = "s"
title = "S"

[[policy]]
id = "ai-act"
title = "AI Act"

[[event]]
id = "in-force"
title = "The AI Act enters into force"
when = "{when}"
policy = "ai-act"
effect = "effective"
[[event.cite]]
source = "s"

[[event]]
id = "gpai-rules"
title = "Rules for general-purpose models apply"
when = "2025-08-02"
policy = "ai-act"
effect = "tightened"
[[event.cite]]
source = "s"

[[event]]
id = "high-risk-rules"
title = "Rules for high-risk systems apply"
when = "2026-08-02"
policy = "ai-act"
effect = "tightened"
[[event.cite]]
source = "s"
"""


def test_a_bad_date_on_an_effect_is_one_problem(in_tmp: Path) -> None:
    """The events that depend on a broken one are not checked against its absence."""
    _project(in_tmp, {"events/a.toml": POLICY_EVENTS.format(when="1 August 2024")})
    assert _problems("events") == [
        "events/a.toml:12: event[0].when: '1 August 2024' is not a valid date: "
        "write dates as numbers, year first: 2024-08-01"
    ]
    _project(in_tmp, {"events/a.toml": POLICY_EVENTS.format(when="2024-08-01")})
    assert len(load("events")) == 3  # the same data, its date fixed, is clean


@pytest.mark.parametrize(
    ("broken", "record"),
    [
        ('[[source]]\nid = "s2"\ntitle = ""\n', 'source = "s2"'),
        ('[[actor]]\nid = "a"\nname = "A"\nkind = "wizard"\n', 'source = "s"\nactors = ["a"]'),
        ('[[place]]\nid = "p"\nname = "P"\nlatitude = 91\n', 'source = "s"\nplace = "p"'),
        ('[[policy]]\nid = "q"\ntitle = "Q"\ncolour = "red"\n', 'source = "s"\npolicy = "q"'),
    ],
)
def test_references_to_a_broken_record_are_not_reported(
    in_tmp: Path, broken: str, record: str
) -> None:
    """A record refused for its own problem is not reported again as unknown where cited."""
    event = (
        '[[event]]\nid = "e"\ntitle = "E"\nwhen = "2025"\n'
        + "".join(line + "\n" for line in record.splitlines() if not line.startswith("source"))
        + "[[event.cite]]\n"
        + "".join(line + "\n" for line in record.splitlines() if line.startswith("source"))
    )
    _project(in_tmp, {"events/a.toml": '[[source]]\nid = "s"\ntitle = "S"\n' + broken + event})
    problems = _problems("events")
    assert len(problems) == 1, problems
    assert "unknown" not in problems[0] or "unknown field" in problems[0]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (
            "explainer.txt",
            "no such file 'explainer.txt': looked for {root}/explainer.txt; `file` is read "
            "from the project root {root}, the folder that holds the data folder",
        ),
        (
            "/etc/hostname",
            "must be a path relative to the project root {root} (the folder that holds the "
            "data folder), e.g. 'sources/article.txt'",
        ),
        (
            "../outside.txt",
            "points outside the project root {root} ('../outside.txt' resolves to "
            "{outside}/outside.txt); keep sources inside it",
        ),
    ],
)
def test_a_path_problem_names_the_root_it_is_read_from(
    in_tmp: Path, file: str, expected: str
) -> None:
    """Path messages show the path as resolved and the project root, spelled out."""
    project = in_tmp / "project"
    folder = _project(project, {"seeds/a.txt": "words"})
    (folder / "a.toml").write_text(_quoted(file, "words"), encoding="utf-8")
    [problem] = _problems(folder)
    root = project.resolve()
    assert problem.split(": ", 2)[2] == expected.format(root=root, outside=root.parent)


def test_a_missing_data_folder_is_named_as_resolved(in_tmp: Path) -> None:
    """The folder that does not exist is shown as resolved from where the command runs."""
    assert _problems("nowhere") == [
        f"nowhere: the data folder does not exist (looked for {in_tmp.resolve()}/nowhere)"
    ]


def test_load_tells_progress_and_stays_silent(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline.load tells the callback the bytes read, in order up to the total, then
    the checking and sorting stages; it prints nothing itself."""
    told: list[tuple[str, int, int]] = []
    loaded = timeline.load(ROOT / "events", progress=lambda *step: told.append(step))
    assert len(loaded) == 16
    reading = [step for step in told if step[0] == "reading"]
    total = sum(
        p.stat().st_size for p in (ROOT / "events").glob("*.toml") if p.name != "timeline.toml"
    )
    assert reading[0] == ("reading", 0, total)
    assert reading[-1] == ("reading", total, total)
    assert [done for _, done, _ in reading] == sorted(done for _, done, _ in reading)
    assert told[len(reading) :] == [("checking", 0, 0), ("sorting", 0, 0)]
    assert capsys.readouterr() == ("", "")


def test_load_tells_progress_within_a_jsonl_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON Lines file is told block by block, each step the bytes behind, never past
    the file's size, so a single large file moves the bar too."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_generate_load", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = module.generate(tmp_path, 300, fmt="jsonl", seed=5)
    monkeypatch.setattr("timeline._files._BLOCK", 4096)
    told: list[int] = []
    timeline.load(
        folder, progress=lambda stage, done, _: told.append(done) if stage == "reading" else None
    )
    (events,) = folder.glob("*.jsonl")
    assert len(told) > 2 + events.stat().st_size // 4096 // 2  # many steps inside the file
    assert told == sorted(told)
