"""Cross-record checks: ids, references, cycles, source files, quotes and provisions."""

from __future__ import annotations

import concurrent.futures
import os
from pathlib import Path

import pytest

from timeline._model import Actor, Citation, Event, Policy, Source
from timeline._structure import Located
from timeline._validate import CHECKS, normalise_space, validate
from timeline._when import When


def _at(record: object, kind: str, n: int, line: int) -> Located:
    return Located(record=record, kind=kind, key=f"{kind}[{n}]", path="a.toml", line=line)


def _event(id: str = "e", **fields: object) -> Event:
    cite = fields.pop("cite", (Citation(source="s"),))
    return Event(id=id, title="T", when=When.parse("2025"), cite=cite, **fields)  # type: ignore[arg-type]


def _messages(located: list[Located], root: Path) -> list[str]:
    return [str(p) for p in validate(located, project_root=root)]


@pytest.mark.parametrize(
    ("text", "normal"),
    [("a  b", "a b"), ("  a\n\tb \r\n c ", "a b c"), ("a\u00a0b", "a b"), ("", "")],
)
def test_normalise_space(text: str, normal: str) -> None:
    """Every run of white space, Unicode spaces included, becomes one space; ends are trimmed."""
    assert normalise_space(text) == normal


def test_clean_records_have_no_problems(tmp_path: Path) -> None:
    """Records whose references all resolve pass every check."""
    located = [
        _at(Source(id="s", title="S"), "source", 0, 1),
        _at(Actor(id="xi", name="Xi"), "actor", 0, 5),
        _at(Policy(id="p", title="P", jurisdiction="xi", targets=("US",)), "policy", 0, 9),
        _at(_event(actors=("xi",), policy="p"), "event", 0, 13),
    ]
    assert _messages(located, tmp_path) == []


def test_ids_are_unique_per_kind_not_across_kinds(tmp_path: Path) -> None:
    """An actor and a policy may share an id; two sources may not."""
    located = [
        _at(Source(id="x", title="S"), "source", 0, 1),
        _at(Source(id="x", title="S again"), "source", 1, 4),
        _at(Actor(id="x", name="X"), "actor", 0, 7),
        _at(Policy(id="x", title="P"), "policy", 0, 9),
    ]
    assert _messages(located, tmp_path) == [
        "a.toml:4: source[1].id: duplicate source id 'x' (first at a.toml:1)"
    ]


def test_unknown_references_are_each_named(tmp_path: Path) -> None:
    """Every dangling reference is reported with the field that holds it."""
    located = [
        _at(Policy(id="p", title="P", amends="gone", targets=("US", "nobody")), "policy", 0, 1),
        _at(_event(actors=("ghost",), place="nowhere", policy="none"), "event", 0, 6),
    ]
    assert _messages(located, tmp_path) == [
        "a.toml:1: policy[0].amends: unknown policy 'gone'; "
        "add a [[policy]] record with that id or fix the id",
        "a.toml:1: policy[0].targets[1]: 'nobody' is neither a country code (e.g. 'US') "
        "nor a known actor id",
        "a.toml:6: event[0].actors[0]: unknown actor 'ghost'; "
        "add a [[actor]] record with that id or fix the id",
        "a.toml:6: event[0].place: unknown place 'nowhere'; "
        "add a [[place]] record with that id or fix the id",
        "a.toml:6: event[0].policy: unknown policy 'none'; "
        "add a [[policy]] record with that id or fix the id",
        "a.toml:6: event[0].cite[0].source: unknown source 's'; "
        "add a [[source]] record with that id or fix the id",
    ]


def test_a_policy_replacing_itself_is_a_cycle(tmp_path: Path) -> None:
    """A policy that replaces itself is the shortest cycle."""
    located = [_at(Policy(id="p", title="P", replaces="p"), "policy", 0, 1)]
    assert _messages(located, tmp_path) == [
        "a.toml:1: policy[0].replaces: policies amend or replace in a cycle: p → p"
    ]


def test_a_chain_into_a_cycle_reports_only_the_cycle(tmp_path: Path) -> None:
    """Policies leading into a cycle are not on it; each one on it is told the cycle from itself."""
    links = {"a": "b", "b": "c", "c": "d", "d": "b", "e": "a"}
    located = [
        _at(Policy(id=name, title=name, amends=parent), "policy", n, n + 1)
        for n, (name, parent) in enumerate(links.items())
    ]
    assert _messages(located, tmp_path) == [
        "a.toml:2: policy[1].amends: policies amend or replace in a cycle: b → c → d → b",
        "a.toml:3: policy[2].amends: policies amend or replace in a cycle: c → d → b → c",
        "a.toml:4: policy[3].amends: policies amend or replace in a cycle: d → b → c → d",
    ]


def test_a_long_amends_chain_checks_in_linear_time(tmp_path: Path) -> None:
    """A chain of 2,000 amendments (and the same chain closed into a cycle) checks in seconds."""
    import time

    n = 2_000
    chain = [
        _at(Policy(id=f"p{i}", title="P", amends=f"p{i - 1}" if i else None), "policy", i, i + 1)
        for i in range(n)
    ]
    closed = [_at(Policy(id="p0", title="P", amends=f"p{n - 1}"), "policy", 0, 1), *chain[1:]]
    started = time.perf_counter()
    assert _messages(chain, tmp_path) == []
    messages = _messages(closed, tmp_path)
    assert len(messages) == n  # every member of the cycle, once each
    assert messages[0] == (
        "a.toml:1: policy[0].amends: policies amend or replace in a cycle: "
        "p0 → p1999 → p1998 → p1997 → … 1,993 more … → p3 → p2 → p1 → p0"
    )
    assert time.perf_counter() - started < 5  # the quadratic walk took a minute for this


def test_quotes_are_checked_against_the_file(tmp_path: Path) -> None:
    """A quote must be verbatim (white space aside) in its source's file."""
    (tmp_path / "a.txt").write_text("In April,\nXi Jinping stated", encoding="utf-8")
    located = [
        _at(Source(id="s", title="S", file="a.txt"), "source", 0, 1),
        _at(_event("ok", cite=(Citation(source="s", quote="April, Xi  Jinping"),)), "event", 0, 5),
        _at(_event("bad", cite=(Citation(source="s", quote="Xi Jinping said"),)), "event", 1, 9),
    ]
    assert _messages(located, tmp_path) == [
        "a.toml:9: event[1].cite[0].quote: quote is not verbatim in a.txt: it parts from the "
        "source at character 13 of the quote, 'a' (U+0061 LATIN SMALL LETTER A) where the "
        "source has 't' (U+0074 LATIN SMALL LETTER T); quote: 'Xi Jinping said'; source, "
        "line 2: 'In April, Xi Jinping stated'; copy it exactly (only white space may differ)"
    ]


ARTICLE = (
    "Negotiators met for three days.\n"
    "At midnight the presidency wrote: “Deal!” Europe’s AI Act was agreed, "
    "after 36 hours of talks.\n" + "Filler sentence number one goes here. " * 40 + "\n"
    "The last line ends here."
)


def _quote_problem(tmp_path: Path, quote: str) -> str:
    """The message about `quote` checked against ARTICLE."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    located = [
        _at(Source(id="s", title="S", file="a.txt"), "source", 0, 1),
        _at(_event(cite=(Citation(source="s", quote=quote),)), "event", 0, 5),
    ]
    [message] = _messages(located, tmp_path)
    return message.split(": quote ", 1)[1]


@pytest.mark.parametrize(
    ("quote", "parts"),
    [
        (
            "Europe's AI Act was agreed",
            'at character 7 of the quote, "\'" (U+0027 APOSTROPHE) where the source has '
            "'’' (U+2019 RIGHT SINGLE QUOTATION MARK)",
        ),
        (
            '"Deal!"',
            "at character 1 of the quote, '\"' (U+0022 QUOTATION MARK) where the source has "
            "'“' (U+201C LEFT DOUBLE QUOTATION MARK)",
        ),
        (
            "‘Deal!’ Europe’s AI Act",
            "at character 1 of the quote, '‘' (U+2018 LEFT SINGLE QUOTATION MARK) where the "
            "source has '“' (U+201C LEFT DOUBLE QUOTATION MARK)",
        ),
        (
            "The last line ends here. And more.",
            "at character 25 of the quote, ' ' (U+0020 SPACE) where the source ends",
        ),
        (
            "after 36  hours of\ntalking",
            "at character 24 of the quote, 'i' (U+0069 LATIN SMALL LETTER I) where the source "
            "has 's' (U+0073 LATIN SMALL LETTER S)",
        ),
    ],
)
def test_a_quote_problem_shows_where_quote_and_source_part(
    tmp_path: Path, quote: str, parts: str
) -> None:
    """The message gives the offset and both characters, code points named."""
    message = _quote_problem(tmp_path, quote)
    assert message.startswith(f"is not verbatim in a.txt: it parts from the source {parts}; ")
    assert message.endswith("; copy it exactly (only white space may differ)")


def test_a_quote_problem_shows_the_closest_passage_with_its_line(tmp_path: Path) -> None:
    """The closest passage of the source is shown in a short window, with its line."""
    message = _quote_problem(tmp_path, "Europe's AI Act was agreed")
    assert (
        "; source, line 2: '…ght the presidency wrote: “Deal!” Europe’s AI Act was agreed, "
        "after 36 hours of …'; " in message
    )
    assert len(message) < 500


def test_a_long_quote_is_never_cut_where_it_differs(tmp_path: Path) -> None:
    """Of a quote too long to show whole, the window around the difference is shown."""
    filler = "Filler sentence number one goes here. " * 6
    quote = filler + "Filler sentence number two goes here."
    message = _quote_problem(tmp_path, quote)
    assert "at character 252 of the quote, 't' (U+0074 LATIN SMALL LETTER T)" in message
    shown = message.split("; quote: ", 1)[1].split("; source", 1)[0]
    assert shown.startswith("'…")
    assert "number two goes here." in shown
    assert "goes here. Filler sentence number one goes here. Filler" in message


def test_a_quote_like_nothing_in_the_source_says_so(tmp_path: Path) -> None:
    """A quote that resembles no passage says so rather than point at a random one."""
    message = _quote_problem(tmp_path, "完全不同")
    assert message == (
        "is not verbatim in a.txt, and no passage there resembles it; quote: '完全不同'; "
        "check that it cites the right source, and copy it exactly (only white space may differ)"
    )


def test_the_closest_passage_is_searched_for_a_bounded_number_of_quotes(tmp_path: Path) -> None:
    """Past the first thousand differing quotes, the rest are reported without the search."""
    (tmp_path / "a.txt").write_text("The quick brown fox.", encoding="utf-8")
    located = [_at(Source(id="s", title="S", file="a.txt"), "source", 0, 1)]
    located += [
        _at(_event(f"e{n}", cite=(Citation(source="s", quote=f"The quick {n}"),)), "event", n, n)
        for n in range(1002)
    ]
    messages = _messages(located, tmp_path)
    assert len(messages) == 1002
    assert "it parts from the source at character 11" in messages[999]
    assert messages[1000].endswith(
        "quote is not verbatim in a.txt; copy it exactly (only white space may differ; over "
        "1,000 quotes differ, so the closest passage was not searched for)"
    )


def test_a_misquote_repeated_is_searched_once(tmp_path: Path) -> None:
    """Events repeating one misquote get the same message."""
    (tmp_path / "a.txt").write_text("The quick brown fox.", encoding="utf-8")
    located = [_at(Source(id="s", title="S", file="a.txt"), "source", 0, 1)]
    located += [
        _at(_event(f"e{n}", cite=(Citation(source="s", quote="The quick red fox"),)), "event", n, n)
        for n in range(2)
    ]
    first, second = (m.split(": ", 2)[2] for m in _messages(located, tmp_path))
    assert first == second


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    """A source file that cannot be decoded is one problem; its quotes are not checked again."""
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00bad")
    located = [
        _at(Source(id="s", title="S", file="a.txt"), "source", 0, 1),
        _at(_event(cite=(Citation(source="s", quote="bad"),)), "event", 0, 5),
    ]
    [message] = _messages(located, tmp_path)
    assert message.startswith("a.toml:1: source[0].file: cannot read 'a.txt' as UTF-8")


def test_checks_are_a_public_sequence() -> None:
    """CHECKS lists the checks in order, so other modules can add theirs."""
    names = [check.__name__ for check in CHECKS]
    assert names.index("_source_files") < names.index("_quotes")


def test_a_fifo_source_file_is_refused_without_blocking(tmp_path: Path) -> None:
    """A source `file` that is a FIFO is a problem at once; no read waits for a writer."""
    os.mkfifo(tmp_path / "a.txt")
    located = [
        _at(Source(id="s", title="S", file="a.txt"), "source", 0, 1),
        _at(_event(cite=(Citation(source="s", quote="words"),)), "event", 0, 5),
    ]
    done = concurrent.futures.ThreadPoolExecutor(1).submit(_messages, located, tmp_path)
    [message] = done.result(timeout=10)
    assert message == (
        "a.toml:1: source[0].file: cannot read 'a.txt': it is a FIFO (named pipe), "
        "not a regular file"
    )


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        ("../../../../tmp/secret.txt", "points outside the project"),
        ("/etc/passwd", "must be a path relative to the project root"),
    ],
)
def test_source_paths_are_confined_without_a_project_root(file: str, reason: str) -> None:
    """Records from an export (no project to read in) still may not name a file outside it."""
    located = [_at(Source(id="s", title="S", file=file), "source", 0, 1)]
    [problem] = validate(located, project_root=None)
    assert str(problem) == f"a.toml:1: source[0].file: {reason}" + (
        "; keep sources inside it" if "outside" in reason else ""
    )


def test_an_event_names_only_a_provision_its_policy_declares(tmp_path: Path) -> None:
    """An unknown provision is located at the event's `provision`, listing the declared ones."""
    from timeline._model import Effect, Provision

    policy = Policy(id="p", title="P", provisions=(Provision(id="bans", title="bans"),))
    located = [
        _at(Source(id="s", title="S"), "source", 0, 1),
        _at(policy, "policy", 0, 5),
        _at(_event("in", policy="p", effect=Effect.EFFECTIVE), "event", 0, 9),
        _at(_event("x", policy="p", effect=Effect.APPLIES, provision="banz"), "event", 1, 15),
    ]
    assert _messages(located, tmp_path) == [
        "a.toml:15: event[1].provision: policy 'p' has no provision 'banz' (its provisions: "
        "bans); declare it in the policy's [[policy.provisions]] with id and title, or fix the id"
    ]


def test_a_quote_is_shown_as_written_and_a_control_escaped(tmp_path: Path) -> None:
    """Quote marks in a window read as themselves; a control in the source is escaped."""
    message = _quote_problem(tmp_path, '"Deal!" Europe\'s AI Act')
    assert "; quote: '\"Deal!\" Europe's AI Act'; " in message
    (tmp_path / "b.txt").write_text("A line with\x1b[2J a control.", encoding="utf-8")
    located = [
        _at(Source(id="s", title="S", file="b.txt"), "source", 0, 1),
        _at(_event(cite=(Citation(source="s", quote="A line with a control"),)), "event", 0, 5),
    ]
    [problem] = _messages(located, tmp_path)
    assert "source, line 1: 'A line with\\x1b[2J a control.'" in problem
    assert "\x1b" not in problem
