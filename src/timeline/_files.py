"""Reading a data file's text: whole, or a block of whole lines at a time, each checked.

What every text format's reader starts from (`_toml` reads a file whole, `_jsonl` a block of
lines at a time, so a file of any size loads in the memory of its records). A file that
is not UTF-8 (saying what it probably is), holds a character no data file may hold or ends
its lines in CR alone is one problem, at its line; anything but a regular file is refused
before a byte is read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Final

from timeline._io import open_regular
from timeline._text import CONTROL, encoding_hint, lone_cr_hint
from timeline.errors import Problem

__all__ = ["MAX_RECORD_BYTES", "read_lines", "read_text", "undecodable"]

#: The longest record a file of one record a line may hold (strings are limited by MAX_TEXT).
MAX_RECORD_BYTES: Final = 16 * 1024 * 1024


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file's text, or None with the problem: unreadable, not a regular file, not UTF-8
    (saying what it probably is), CR-only line ends, controls."""
    try:
        with open_regular(path) as handle:
            data = handle.read()
    except OSError as error:
        problems.append(Problem(path=shown, message=f"cannot read the file: {error.strerror}"))
        return None
    return _checked(data, shown, problems, first_line=1, encoding="utf-8-sig")


def read_lines(
    path: Path,
    shown: str,
    problems: list[Problem],
    told: Callable[[int], object] | None = None,
) -> Iterator[tuple[int, bytes]]:
    """A file of one record a line, in blocks of whole lines: (first line's number, its
    bytes, without the byte order mark a file may start with), each block checked for the
    characters and line ends `read_text` refuses. Whether a block is UTF-8 its reader finds
    as it decodes each line (`undecodable` words the problem).

    Memory stays a block's, however big the file; each block is checked as `read_text`
    checks a whole file, and the first problem ends the reading. A line over
    `MAX_RECORD_BYTES` is refused alone, with its line number, and reading goes on after it.
    `told`, if given, is told how many bytes are behind once each block has been used.
    """
    number, first, pending = 1, True, b""  # a byte order mark only at the start
    try:
        with open_regular(path) as file:
            while True:
                data = file.read(_BLOCK)
                if not data:
                    block, pending = pending, b""  # the last line, with no line end
                else:
                    data = pending + data if pending else data
                    cut = data.rfind(b"\n") + 1
                    if not cut:  # one line longer than a block: keep reading it
                        pending = data
                        if len(pending) > MAX_RECORD_BYTES:
                            problems.append(_too_long(shown, number))
                            pending = _skip_line(file)
                            number += 1
                        continue
                    block, pending = data[:cut], data[cut:]
                if not block:
                    return
                if first and block.startswith(codecs.BOM_UTF8):
                    block = block[len(codecs.BOM_UTF8) :]
                first = False
                if (
                    not _surely_clean(block)
                    and _checked(block, shown, problems, first_line=number) is None
                ):
                    return
                yield number, block
                if told is not None:
                    told(file.tell() - len(pending))
                number += block.count(b"\n")
    except OSError as error:
        problems.append(Problem(path=shown, message=f"cannot read the file: {error.strerror}"))


#: How much of a JSON Lines file is read at once.
_BLOCK: Final = 8 * 1024 * 1024


def _too_long(shown: str, line: int) -> Problem:
    limit = MAX_RECORD_BYTES
    amount = f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit:,} bytes"
    return Problem(
        path=shown,
        line=line,
        message=f"a record (one line) is at most {amount}; split this one into smaller records",
    )


def _skip_line(file: BinaryIO) -> bytes:
    """Read past the end of the current line; what follows it."""
    while True:
        data = file.read(_BLOCK)
        cut = data.find(b"\n") + 1
        if cut or not data:
            return data[cut:]


def undecodable(data: bytes, shown: str, first_line: int) -> Problem:
    """The problem of a block of lines from `first_line` on (as `read_lines` gives it) in
    which a reader met bytes that are not UTF-8, worded as for a whole file."""
    problems: list[Problem] = []
    _checked(data, shown, problems, first_line=first_line)
    return problems[0] if problems else Problem(path=shown, line=first_line, message="not UTF-8")


#: The bytes a block may hold without a closer look: all but the C0 controls other than tab,
#: LF and CR, and DEL (each a byte of its own in UTF-8).
_PLAIN: Final = bytes(b for b in range(256) if (b >= 0x20 and b != 0x7F) or b in b"\t\n\r")
#: The C1 controls and the bidirectional controls `CONTROL` refuses, spelt in UTF-8.
_C1_OR_BIDI: Final = re.compile(rb"\xc2[\x80-\x9f]|\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")


def _surely_clean(data: bytes) -> bool:
    """Whether `data` holds no character `CONTROL` refuses and no CR, read from its UTF-8
    bytes without decoding them (twice as quick); says nothing of whether it is UTF-8."""
    return not data.translate(None, _PLAIN) and b"\r" not in data and not _C1_OR_BIDI.search(data)


def _checked(
    data: bytes,
    shown: str,
    problems: list[Problem],
    *,
    first_line: int,
    encoding: str = "utf-8",
) -> str | None:
    """`data` (a whole file, or a block of its lines from `first_line` on) as text, or None
    with the problem: not UTF-8, a control character, or lines that end in CR alone."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        hint = encoding_hint(data, shown)
        line = first_line if hint else first_line + data[: error.start].count(b"\n")
        reason = f": {hint}" if hint else f" (byte {data[error.start]:#04x})"
        problems.append(Problem(path=shown, line=line, message=f"not UTF-8{reason}"))
        return None
    bad = CONTROL.search(text)
    if bad:
        hint = encoding_hint(data, shown) if bad.group() == "\x00" else None
        if hint:
            problems.append(Problem(path=shown, line=first_line, message=f"not UTF-8: {hint}"))
            return None
        line = first_line + text.count("\n", 0, bad.start())
        problems.append(
            Problem(
                path=shown,
                line=line,
                message=f"control character {bad.group()!r} is not allowed in data files",
            )
        )
        return None
    lone = _LONE_CR.search(text) if "\r" in text else None  # `in` is 4× quicker than re
    if lone:
        line = first_line + text.count("\n", 0, lone.start())
        problems.append(Problem(path=shown, line=line, message=lone_cr_hint(shown)))
        return None
    return text


#: A carriage return that does not end a line: the file's lines end in CR alone.
_LONE_CR: Final = re.compile(r"\r(?!\n)")
