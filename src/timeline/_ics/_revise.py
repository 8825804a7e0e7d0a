"""Calendars that update: SEQUENCE and LAST-MODIFIED from the calendar this one replaces.

A subscribed calendar app refreshes an event in place when its UID is the same and its
SEQUENCE (RFC 5545 §3.8.7.4) or LAST-MODIFIED (§3.8.7.3) says it changed. Given the
previous calendar's bytes, each VEVENT written here is compared, content line by content
line (unfolded; DTSTAMP, SEQUENCE and LAST-MODIFIED aside), with the previous VEVENT of the
same UID:

- the same content: it keeps the previous DTSTAMP, LAST-MODIFIED and SEQUENCE, so its
  bytes are the previous ones;
- other content: SEQUENCE one more than before, LAST-MODIFIED and DTSTAMP this calendar's
  stamp;
- a UID the previous calendar lacks: LAST-MODIFIED and DTSTAMP the stamp, SEQUENCE 0 (left
  out, its default);
- a UID this calendar no longer has is dropped (subscribed apps then remove the event).

Nothing of the previous calendar is copied into this one but those three values, each read
as a number or a UTC date-time and written anew: a hostile previous file can change a
VEVENT's SEQUENCE, never its content. docs/calendars.md has the details.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final, NamedTuple, TypeAlias

from timeline._ics._lines import fold_utf8
from timeline._io import collector_paused, open_regular
from timeline.errors import IcsError

__all__ = ["Previous", "Revisions", "read_previous"]

#: The calendar a new one replaces: its bytes, or the path of its file.
Previous: TypeAlias = bytes | str | os.PathLike[str]

#: The lines that say when and how often a VEVENT changed, not what it says (unfolded, with
#: LF line ends), and those of the UID and them, whose values are read.
_VOLATILE: Final = re.compile(rb"^(?:DTSTAMP|SEQUENCE|LAST-MODIFIED)[;:][^\n]*\n", re.M | re.I)
_WANTED: Final = re.compile(rb"^(UID|DTSTAMP|SEQUENCE|LAST-MODIFIED)([;:][^\n]*)$", re.M | re.I)
_LINE_END: Final = re.compile(rb"\r?\n")
#: A physical line that neither continues the one before nor starts a content line.
_BAD_LINE: Final = re.compile(rb"^(?![ \t]|[A-Za-z0-9-]+[;:])[^\r\n]+", re.MULTILINE)
_VEVENT: Final = re.compile(
    rb"^BEGIN:VEVENT[ \t]*\n(.*?)^END:VEVENT[ \t]*$", re.MULTILINE | re.DOTALL | re.IGNORECASE
)
_UTC: Final = re.compile(rb"\d{8}T\d{6}Z")
_MAX_SEQUENCE: Final = 2**31 - 1


class _Before(NamedTuple):
    """What the previous calendar says of one VEVENT."""

    content: bytes  # its unfolded content lines with LF ends, the volatile ones left out
    sequence: int
    stamp: bytes | None  # DTSTAMP, a UTC date-time such as 20251219T000000Z
    modified: bytes | None  # LAST-MODIFIED, likewise


def _value(line: bytes) -> bytes:
    """A content line's value: what follows the first colon outside a quoted parameter."""
    quoted = False
    for n, octet in enumerate(line):
        if octet == 0x22:  # "
            quoted = not quoted
        elif octet == 0x3A and not quoted:  # :
            return line[n + 1 :].strip()
    return b""


def read_previous(data: bytes, shown: str = "the previous calendar") -> dict[bytes, _Before]:
    """Each VEVENT of a calendar by UID (the value as written): its content and the values
    that say how it changed.

    Raises:
        IcsError: the data is not an iCalendar calendar.
    """
    advice = "give the calendar this one replaces (an .ics file), or leave it out"
    body = data.removeprefix(b"\xef\xbb\xbf").strip()
    head = _LINE_END.split(body, 1)[0]
    if head.upper() != b"BEGIN:VCALENDAR":
        raise IcsError(
            f"{shown} is not an iCalendar file: it starts with {head[:40]!r}, not "
            f"BEGIN:VCALENDAR; {advice}"
        )
    last = body.rsplit(b"\n", 1)[-1].strip()
    if last.upper() != b"END:VCALENDAR":
        raise IcsError(
            f"{shown} is not a whole iCalendar file: it ends with {last[:40]!r}, not "
            f"END:VCALENDAR (cut short?); {advice}"
        )
    bad = _BAD_LINE.search(body)
    if bad is not None:
        number = body.count(b"\n", 0, bad.start()) + 1
        raise IcsError(
            f"{shown} is not an iCalendar file: line {number} is not a content line "
            f"({bad.group()[:40]!r}); {advice}"
        )
    found: dict[bytes, _Before] = {}
    unfolded = body.replace(b"\r\n", b"\n").replace(b"\n ", b"").replace(b"\n\t", b"")
    for block in _VEVENT.finditer(unfolded):
        inner = block.group(1)
        values: dict[bytes, bytes] = {}
        for name, rest in _WANTED.findall(inner):
            values.setdefault(name.upper(), _value(name + rest))
        uid = values.get(b"UID")
        if not uid:
            continue
        sequence = values.get(b"SEQUENCE", b"0")
        stamp, modified = values.get(b"DTSTAMP"), values.get(b"LAST-MODIFIED")
        before = _Before(
            content=_VOLATILE.sub(b"", inner),
            sequence=min(int(sequence), _MAX_SEQUENCE) if sequence.isdigit() else 0,
            stamp=stamp if stamp and _UTC.fullmatch(stamp) else None,
            modified=modified if modified and _UTC.fullmatch(modified) else None,
        )
        seen = found.get(uid)
        if seen is None or before.sequence > seen.sequence:  # overrides of one occurrence
            found[uid] = before
    return found


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
        """The revisions against a previous calendar: its bytes, or the path of its file.

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
                data = file.read()
        except OSError as error:
            raise IcsError(
                f"cannot read the previous calendar {str(path)!r}: {error.strerror or error}; "
                "give the calendar this one replaces, or leave it out for a first calendar"
            ) from None
        return read_previous(data, f"{str(path)!r}")

    def revise(self, lines: list[bytes]) -> bytes:
        """The VEVENT with the DTSTAMP, LAST-MODIFIED and SEQUENCE its changes call for."""
        uid_line = lines[1].replace(b"\r\n ", b"")  # the writers fold with CRLF and a space
        before = self.previous.get(_value(uid_line[:-2]))
        stamp: bytes = self.stamp
        modified: bytes | None = self.stamp
        sequence = 0
        if before is not None:
            content = b"".join([uid_line, *lines[3:-1]]).replace(b"\r\n ", b"")
            if content.replace(b"\r\n", b"\n") == before.content:
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
