"""Content lines (RFC 5545 §3.1): what the writer puts in them and the reader takes out.

The property names timeline adds beyond RFC 5545, TEXT escaping and its inverse, and
folding. The writer runs these once per property of every event, so each is written for
speed (the comments say how); the results are the same as the plain version's.

>>> unescape_text(escape_text("a, b; c\\\\d\\ne"))
'a, b; c\\\\d\\ne'
"""

from __future__ import annotations

import functools
import re
from typing import Final

__all__ = [
    "DETAILS_RULE",
    "X_SAID",
    "X_LOCALE",
    "X_TZ",
    "X_WHEN",
    "escape_text",
    "escape_utf8",
    "fold",
    "fold_utf8",
    "param",
    "raw",
    "unescape_text",
]

#: Properties timeline writes beyond RFC 5545 and reads back: the exact date as written,
#: the zone it is in (a parameter of X-TIMELINE-WHEN), and the phrase the source uses.
X_WHEN: Final = "X-TIMELINE-WHEN"
X_TZ: Final = "X-TIMELINE-TZ"
X_SAID: Final = "X-TIMELINE-SAID"
#: The calendar's language when it is not English: its SUMMARY date labels are in it.
X_LOCALE: Final = "X-TIMELINE-LOCALE"
#: Separates an event's own summary from the generated details in DESCRIPTION.
DETAILS_RULE: Final = "――――"

_LIMIT: Final = 75  # octets per content line, CRLF excluded (RFC 5545 §3.1)
#: Up to 75 (first line) or 74 (after the leading space) octets ending on a character
#: boundary; the regex engine does the backing-up in C, all the pieces in one call.
_PIECES: Final = re.compile(rb"(?:\A.{1,75}|.{1,74})(?![\x80-\xbf])", re.DOTALL)
#: Characters TEXT may not hold (RFC 5545 §3.3.11: no controls but HTAB); newlines are
#: handled before this table, so anything left is dropped rather than written raw.
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_OCTETS: Final = bytes((*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F))
#: What `escape_utf8` changes (HTAB aside, every control); on a short value one search for it
#: beats the five passes that change it, on a long one (in C, at memchr speed) it does not.
_TEXT_SPECIAL: Final = re.compile(rb"[\\;,\x00-\x08\x0a-\x1f\x7f]")
_SHORT: Final = 128
_RAW_TABLE: Final = str.maketrans(dict.fromkeys((*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F)))
_UNESCAPE: Final = re.compile(r"\\([\\;,nN])")


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.

    CR LF and lone CR become a newline first; other control characters are dropped, so no
    value can ever start a new content line.

    >>> escape_text("a, b; c\\\\d\\r\\ne")
    'a\\\\, b\\\\; c\\\\\\\\d\\\\ne'
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    # Chained replace runs in C at memchr speed; str.translate with a dict is 10× slower.
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    if not value.isprintable():  # fast check; the regex runs only when something may be a control
        value = _CONTROL.sub("", value)
    return value


def escape_utf8(value: str) -> bytes:
    """`escape_text(value).encode()`, done on the UTF-8 octets, where replacing runs faster.

    The same result: every character escaped or dropped is ASCII, and in UTF-8 an ASCII
    octet never occurs inside a longer sequence.
    """
    data = value.encode()
    if len(data) <= _SHORT and _TEXT_SPECIAL.search(data) is None:
        return data  # most titles: nothing to escape, and one pass over them finds that
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    data = data.replace(b"\\", b"\\\\").replace(b";", b"\\;").replace(b",", b"\\,")
    return data.replace(b"\n", b"\\n").translate(None, _CONTROL_OCTETS)


def unescape_text(value: str) -> str:
    """Undo TEXT escaping; for X- properties, which `icalendar` hands over as written."""
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def raw(value: str) -> str:
    """A non-TEXT value (URI, id): written as is, minus any control character."""
    return value if value.isprintable() else value.translate(_RAW_TABLE)


@functools.lru_cache(maxsize=1024)
def param(value: str) -> str:
    """A parameter value, quoted when it holds a character that ends a parameter.

    Cached: the same few zone names are asked for once per distinct local time.
    """
    value = raw(value).replace('"', "")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str) -> bytes:
    """Encode one content line as UTF-8 and fold it at 75 octets, ending with CRLF.

    A fold never splits a UTF-8 sequence: each piece is as long as it can be while the next
    octet is not a continuation byte (10xxxxxx), so a character moves whole to the next line.
    """
    return fold_utf8(line.encode())


def fold_utf8(line: bytes) -> bytes:
    """`fold` of a line already encoded."""
    if len(line) <= _LIMIT:
        return line + b"\r\n"
    # UTF-8 from a str always has a boundary within 4 octets, so the pieces cover the line.
    return b"\r\n ".join(_PIECES.findall(line)) + b"\r\n"
