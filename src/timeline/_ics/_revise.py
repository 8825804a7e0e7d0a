"""Calendars that update: SEQUENCE and LAST-MODIFIED from the calendar this one replaces.

A subscribed calendar app refreshes an event in place when its UID is the same and its
SEQUENCE (RFC 5545 §3.8.7.4) or LAST-MODIFIED (§3.8.7.3) says it changed. Given the
previous calendar, each VEVENT written here is compared with the previous VEVENT of the
same UID by their content lines (unfolded; DTSTAMP, SEQUENCE and LAST-MODIFIED aside):

- the same content: it keeps the previous DTSTAMP, LAST-MODIFIED and SEQUENCE, so its
  bytes are the previous ones;
- other content: SEQUENCE one more than before, LAST-MODIFIED and DTSTAMP this calendar's
  stamp;
- a UID the previous calendar lacks: LAST-MODIFIED and DTSTAMP the stamp, SEQUENCE 0 (left
  out, its default);
- a UID this calendar no longer has is dropped (subscribed apps then remove the event).

Nothing of the previous calendar is copied into this one but those three values, each read
as a number or a UTC date-time and written anew: a hostile previous file can change a
VEVENT's SEQUENCE, never its content. Nor is the previous calendar held in memory: it is
read a piece at a time, and of each VEVENT only a 16-octet digest of its content lines and
those three values are kept, so a million-event calendar costs tens of megabytes, not
gigabytes. docs/calendars.md has the details.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, Final, NamedTuple, TypeAlias

from timeline._ics._lines import fold_utf8
from timeline._io import collector_paused, open_regular
from timeline.errors import IcsError

__all__ = ["Previous", "Revisions", "read_previous"]

#: The calendar a new one replaces: its bytes, or the path of its file.
Previous: TypeAlias = bytes | str | os.PathLike[str]

#: The lines of a VEVENT whose values are read (unfolded, with LF line ends, each after
#: the line end before it): its UID, and those that say when and how often it changed, not
#: what it says, which its content leaves out. Each pattern of this module that can starts
#: with a line end, where the regex engine looks for its first octet quickly, instead of
#: trying `^` at every octet: a third to a sixth of the time.
_FIELD: Final = re.compile(rb"\n(UID|DTSTAMP|SEQUENCE|LAST-MODIFIED)([;:][^\n]*)", re.I)
_LINE_END: Final = re.compile(rb"\r?\n")
#: A physical line that neither continues the one before nor starts a content line.
_BAD_LINE: Final = re.compile(rb"\n((?![ \t]|[A-Za-z0-9-]+[;:])[^\r\n]+)")
#: A VEVENT, its content whole lines up to the first END:VEVENT line (tried line by line).
_VEVENT: Final = re.compile(
    rb"^BEGIN:VEVENT[ \t]*\n((?:[^\n]*\n)*?)END:VEVENT[ \t]*$", re.MULTILINE | re.IGNORECASE
)
_BEGIN: Final = re.compile(rb"^BEGIN:VEVENT[ \t]*\n", re.MULTILINE | re.IGNORECASE)
_END: Final = re.compile(rb"^END:VEVENT[ \t]*$", re.MULTILINE | re.IGNORECASE)
_UTC: Final = re.compile(rb"\d{8}T\d{6}Z")
_MAX_SEQUENCE: Final = 2**31 - 1
_CHUNK: Final = 1 << 18  # octets read at a time
_HEAD: Final = 1 << 16  # a first line longer than this is no BEGIN:VCALENDAR
_NOT_A_CUT: Final = frozenset(b" \t\r\n")  # a line starting so may join the one before


class _Before(NamedTuple):
    """What the previous calendar says of one VEVENT: no more than the comparison needs."""

    digest: bytes  # of its unfolded content lines with LF ends, the volatile ones left out
    sequence: int
    stamp: bytes | None  # DTSTAMP, a UTC date-time such as 20251219T000000Z
    modified: bytes | None  # LAST-MODIFIED, likewise


def _digest(content: bytes) -> bytes:
    """What two VEVENTs' contents are compared by: 128 bits of BLAKE2b, so that a million
    previous VEVENTs take 16 octets each, not their size; an accidental match is as likely
    as guessing a random 128-bit key."""
    return hashlib.blake2b(content, digest_size=16).digest()


def _value(line: bytes) -> bytes:
    """A content line's value: what follows the first colon outside a quoted parameter."""
    if b'"' not in line:
        colon = line.find(b":")
        return b"" if colon < 0 else line[colon + 1 :].strip()
    quoted = False
    for n, octet in enumerate(line):
        if octet == 0x22:  # "
            quoted = not quoted
        elif octet == 0x3A and not quoted:  # :
            return line[n + 1 :].strip()
    return b""


def _reads(file: BinaryIO) -> Iterator[bytes]:
    """The file's octets a chunk at a time, without a leading byte order mark and the white
    space after it; never an empty chunk."""
    first = b""
    while len(first) < 3:  # a BOM is three octets, which one read may not hold
        more = file.read(_CHUNK)
        if not more:
            break
        first += more
    chunk = first.removeprefix(b"\xef\xbb\xbf")
    while not (chunk := chunk.lstrip()):
        chunk = file.read(_CHUNK)
        if not chunk:
            return
    yield chunk
    while more := file.read(_CHUNK):
        yield more


def _solid(chunk: bytes) -> int:
    """`len(chunk.rstrip())`, without copying a chunk that does not end in white space."""
    tail = chunk[-64:]
    stripped = len(tail.rstrip())
    return len(chunk) - len(tail) + stripped if stripped else len(chunk.rstrip())


def _pieces(file: BinaryIO, head: Callable[[bytes], None]) -> Iterator[bytes]:
    """The calendar's octets as `bytes.strip` would leave them (a BOM first taken off), in
    pieces that each end where a content line does; `head` gets the first line as soon as
    it is known, before the rest is read.

    A piece ends after a line end followed by a line that cannot join it (one starting with
    neither a space, a tab nor another line end), so unfolding and line ends work out the
    same in each piece as in the whole, and each piece starts a physical line. The last line
    read so far is held back, since it may go on, and so is white space at the end.
    """
    buffer = bytearray()
    solid = 0  # len(buffer.rstrip())
    searched = 0  # no line end before this offset is a place to cut
    checked = False
    for more in _reads(file):
        start = len(buffer)
        buffer += more
        kept = _solid(more)
        if kept:
            solid = start + kept
        if not checked and (b"\n" in more or len(buffer) >= _HEAD):
            checked = True
            end = buffer.find(b"\n")
            head(bytes(buffer[: end if end >= 0 else _HEAD]).removesuffix(b"\r"))
        # The last line end before the last line, followed by one that does not join it.
        cut = buffer.rfind(b"\n", searched, solid - 1) if solid > 1 else -1
        while cut >= 0 and buffer[cut + 1] in _NOT_A_CUT:
            cut = buffer.rfind(b"\n", searched, cut)
        if cut < 0:
            searched = max(solid - 1, 0)
            continue
        with memoryview(buffer) as view:  # one copy, not two
            piece = bytes(view[: cut + 1])
        del buffer[: cut + 1]
        solid -= cut + 1
        searched = 0
        yield piece
    rest = bytes(buffer[:solid])
    if not checked:
        head(_LINE_END.split(rest, 1)[0])
    yield rest


def read_previous(
    data: bytes | BinaryIO, shown: str = "the previous calendar"
) -> dict[bytes, _Before]:
    """Each VEVENT of a calendar by UID (the value as written): a digest of its content and
    the values that say how it changed. The calendar (its bytes or a binary file) is read a
    piece at a time, so memory holds one piece and what is kept, never the calendar.

    Raises:
        IcsError: the data is not an iCalendar calendar.
    """
    advice = "give the calendar this one replaces (an .ics file), or leave it out"

    def check(head: bytes) -> None:
        if head.upper() != b"BEGIN:VCALENDAR":
            raise IcsError(
                f"{shown} is not an iCalendar file: it starts with {head[:40]!r}, not "
                f"BEGIN:VCALENDAR; {advice}"
            )

    file = io.BytesIO(data) if isinstance(data, bytes) else data
    found: dict[bytes, _Before] = {}
    stamps: dict[bytes, bytes] = {}  # each distinct DTSTAMP or LAST-MODIFIED value, once
    begun: list[bytes] = []  # the content so far of a VEVENT a piece began and did not end
    lines = 0  # line ends before the current piece
    bad: str | None = None  # the first line that is not a content line, reported last
    last = b""
    for piece in _pieces(file, check):
        last = piece
        if bad is None:
            wrong = _BAD_LINE.search(b"\n" + piece)  # the piece starts a line too
            if wrong is not None:
                where = lines + piece.count(b"\n", 0, wrong.start()) + 1
                bad = (
                    f"{shown} is not an iCalendar file: line {where} is not a content line "
                    f"({wrong.group(1)[:40]!r}); {advice}"
                )
        lines += piece.count(b"\n")
        if bad is not None:
            continue  # refused: only its end is still read, to say what is wrong first
        text = piece.replace(b"\r\n", b"\n").replace(b"\n ", b"").replace(b"\n\t", b"")
        at = 0
        if begun:  # the VEVENT ends at the first END:VEVENT line, wherever that is
            end = _END.search(text)
            if end is None:
                begun.append(text)
                continue
            begun.append(text[: end.start()])
            _keep(b"".join(begun), found, stamps)
            begun.clear()
            at = end.end()
        for block in _VEVENT.finditer(text, at):
            _keep(block.group(1), found, stamps)
            at = block.end()
        opened = _BEGIN.search(text, at)
        if opened is not None:
            begun.append(text[opened.end() :])
    final = last.rsplit(b"\n", 1)[-1].strip()
    if final.upper() != b"END:VCALENDAR":
        raise IcsError(
            f"{shown} is not a whole iCalendar file: it ends with {final[:40]!r}, not "
            f"END:VCALENDAR (cut short?); {advice}"
        )
    if bad is not None:
        raise IcsError(bad)
    return found


def _keep(inner: bytes, found: dict[bytes, _Before], stamps: dict[bytes, bytes]) -> None:
    """File one VEVENT's content lines (unfolded, each with its LF, BEGIN and END left out)."""
    values: dict[bytes, bytes] = {}
    content: list[bytes] = []  # the lines between those that say when it changed
    at = 0
    for field in _FIELD.finditer(b"\n" + inner):  # a span of it is that of the line in `inner`
        name = field.group(1).upper()
        values.setdefault(name, _value(field.group(1) + field.group(2)))
        if name != b"UID":
            content.append(inner[at : field.start()])
            at = field.end()
    content.append(inner[at:])
    uid = values.get(b"UID")
    if not uid:
        return
    sequence = values.get(b"SEQUENCE", b"0")
    stamp, modified = values.get(b"DTSTAMP"), values.get(b"LAST-MODIFIED")
    before = _Before(
        digest=_digest(b"".join(content)),
        sequence=min(int(sequence), _MAX_SEQUENCE) if sequence.isdigit() else 0,
        stamp=stamps.setdefault(stamp, stamp) if stamp and _UTC.fullmatch(stamp) else None,
        modified=(
            stamps.setdefault(modified, modified) if modified and _UTC.fullmatch(modified) else None
        ),
    )
    seen = found.get(uid)
    if seen is None or before.sequence > seen.sequence:  # overrides of one occurrence
        found[uid] = before


class Revisions:
    """The previous calendar's VEVENTs, and what each new one is to say of its changes.

    `stamp` is this calendar's DTSTAMP value (`utc_value`); `revise` takes a VEVENT's folded
    lines as the writers build them (BEGIN, UID, DTSTAMP, …, END) and returns its bytes.
    """

    def __init__(self, previous: Mapping[bytes, _Before], stamp: str) -> None:
        self.previous = previous
        self.stamp = stamp.encode()

    @classmethod
    def of(cls, previous: Previous, stamp: str) -> Revisions:
        """The revisions against a previous calendar: its bytes, or the path of its file,
        read a piece at a time.

        Raises:
            IcsError: the file cannot be read, or is not an iCalendar calendar.
        """
        with collector_paused():  # a VEVENT each: no collection walks them as they come
            return cls(cls._read(previous), stamp)

    @staticmethod
    def _read(previous: Previous) -> dict[bytes, _Before]:
        if isinstance(previous, bytes):
            return read_previous(previous)
        path = Path(previous)
        try:
            with open_regular(path) as file:  # a FIFO or a device never hangs the read
                return read_previous(file, f"{str(path)!r}")
        except OSError as error:
            raise IcsError(
                f"cannot read the previous calendar {str(path)!r}: {error.strerror or error}; "
                "give the calendar this one replaces, or leave it out for a first calendar"
            ) from None

    def revise(self, lines: list[bytes]) -> bytes:
        """The VEVENT with the DTSTAMP, LAST-MODIFIED and SEQUENCE its changes call for."""
        uid_line = lines[1].replace(b"\r\n ", b"")  # the writers fold with CRLF and a space
        before = self.previous.get(_value(uid_line[:-2]))
        stamp: bytes = self.stamp
        modified: bytes | None = self.stamp
        sequence = 0
        if before is not None:
            content = b"".join([uid_line, *lines[3:-1]]).replace(b"\r\n ", b"")
            if _digest(content.replace(b"\r\n", b"\n")) == before.digest:
                stamp = before.stamp or self.stamp
                modified, sequence = before.modified, before.sequence
            else:
                sequence = min(before.sequence + 1, _MAX_SEQUENCE)
        head = [fold_utf8(b"DTSTAMP:" + stamp)]
        if modified is not None:
            head.append(fold_utf8(b"LAST-MODIFIED:" + modified))
        if sequence:
            head.append(b"SEQUENCE:%d\r\n" % sequence)
        return b"".join([*lines[:2], *head, *lines[3:]])
