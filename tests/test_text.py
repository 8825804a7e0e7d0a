"""Text rules: escaping for messages, encoding hints, paths read as written."""

from __future__ import annotations

import pytest

from timeline._text import encoding_hint, lone_cr_hint, printable, relative_path_problem


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),
        ("red \x1b[31m", "red \\x1b[31m"),
        ("line\rover", "line\\rover"),
        ("\u202eevil", "\\u202eevil"),
        ("\x85\x9b", "\\x85\\x9b"),
        ("lone \ud800", "lone \\ud800"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("café – ok", "café – ok"),
    ],
)
def test_printable_escapes_controls_as_repr_does(text: str, shown: str) -> None:
    """Control, bidi and CR characters read as their escapes; text and newlines stay."""
    assert printable(text) == shown


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("[[event]]\nid = 'a'\n".encode("utf-16"), "UTF-16 (little-endian, with a byte order"),
        (b"\xfe\xff" + "[[event]]\n".encode("utf-16-be"), "UTF-16 (big-endian, with a byte order"),
        ("[[event]]\nid = 'a'\n".encode("utf-16-le"), "-f UTF-16LE -t UTF-8 a.toml"),
        ("[[event]]\nid = 'a'\n".encode("utf-16-be"), "-f UTF-16BE -t UTF-8 a.toml"),
        ("[[event]]\n".encode("utf-32"), "UTF-32 (little-endian, with a byte order mark)"),
    ],
)
def test_encoding_hint_names_utf16_and_how_to_convert(data: bytes, expected: str) -> None:
    """UTF-16 and UTF-32, with or without a byte order mark, are named with an iconv line."""
    hint = encoding_hint(data, "a.toml")
    assert hint is not None
    assert expected in hint
    assert hint.endswith("a.toml > a.toml.tmp && mv a.toml.tmp a.toml")


@pytest.mark.parametrize(
    "data", [b"plain ascii text here", "caf\xe9 latin-1 text".encode("latin-1"), b"a\x00b" * 3]
)
def test_encoding_hint_says_nothing_of_other_bytes(data: bytes) -> None:
    """Text that does not look like UTF-16 or UTF-32 gets no guess."""
    assert encoding_hint(data, "a.toml") is None


def test_lone_cr_hint_quotes_a_name_with_spaces() -> None:
    """The conversion command quotes a file name the shell would split."""
    hint = lone_cr_hint("events/my file.jsonl")
    assert "tr '\\r' '\\n' < 'events/my file.jsonl' > 'events/my file.jsonl.tmp'" in hint


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("seeds/a.txt", None),
        ("seeds/../seeds/a.txt", None),
        ("./a.txt", None),
        ("../a.txt", "points outside the project"),
        ("seeds/../../a.txt", "points outside the project"),
        ("/etc/passwd", "must be a path relative to the project root"),
        ("\\\\server\\share", "must be a path relative to the project root"),
        ("C:secret.txt", "must be a path relative to the project root"),
        ("seeds\\..\\..\\a.txt", "separate folders with '/'"),
    ],
)
def test_relative_path_problem_reads_the_path_as_written(path: str, problem: str | None) -> None:
    """Absolute paths, drives, backslashes and climbs out of the project are named."""
    found = relative_path_problem(path)
    assert found == problem if problem is None else problem in (found or "")
