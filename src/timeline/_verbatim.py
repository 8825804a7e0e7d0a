"""Where a quote and its source part: the first differing character and the closest passage.

Only a quote already found not to be verbatim comes here, so the work is done once per
failing quote, never on the common path. Both texts are compared with their white space
collapsed (the rule quotes follow); offsets and lines are given in the texts as written.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["SourceText", "parting"]

#: The shortest run shared with the source that counts as resembling it.
_RESEMBLES: Final = 4
#: Start offsets of the quote tried as anchors beside its start: its opening characters
#: (a typographic quote mark, a capital) often differ while the rest matches.
_SHIFTS: Final = 8
#: Characters shown on each side of the difference.
_WINDOW: Final = 40
_WORD: Final = re.compile(r"\S+")


class SourceText:
    """A source's text as written and with white space collapsed, mapped one to the other."""

    __slots__ = ("_starts", "normal", "raw")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.normal = " ".join(raw.split())
        self._starts: list[tuple[int, int]] | None = None  # (normal offset, raw offset) a word

    def line_at(self, offset: int) -> int:
        """The line of the file that holds the collapsed text's `offset`."""
        return self.raw.count("\n", 0, _raw_offset(self._words(), offset)) + 1

    def _words(self) -> list[tuple[int, int]]:
        if self._starts is None:
            self._starts = _word_starts(self.raw)
        return self._starts


def _word_starts(raw: str) -> list[tuple[int, int]]:
    """(offset in the collapsed text, offset in `raw`) of each word's first character."""
    starts, normal = [], 0
    for word in _WORD.finditer(raw):
        starts.append((normal, word.start()))
        normal += len(word.group()) + 1
    return starts


def _raw_offset(starts: list[tuple[int, int]], offset: int) -> int:
    """The offset in the written text of the collapsed text's `offset`."""
    low, high = 0, len(starts)
    while low < high:  # the last word starting at or before `offset`
        middle = (low + high) // 2
        if starts[middle][0] <= offset:
            low = middle + 1
        else:
            high = middle
    if not low:
        return 0
    normal, raw = starts[low - 1]
    return raw + (offset - normal)


def _longest_prefix(text: str, part: str) -> int:
    """The length of the longest start of `part` found in `text` (a binary search)."""
    low, high = 0, len(part)
    while low < high:
        middle = (low + high + 1) // 2
        if part[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low


def _longest_suffix(text: str, part: str) -> int:
    low, high = 0, len(part)
    while low < high:
        middle = (low + high + 1) // 2
        if part[len(part) - middle :] in text:
            low = middle
        else:
            high = middle - 1
    return low


def _alignment(text: str, quote: str) -> tuple[int, int] | None:
    """(where the quote's first character falls in `text`, the length it shares there), or
    None when no passage of `text` resembles it.

    The start of the quote is tried first; when that matches only a little (the quote opens
    with a different quote mark, say), starts a few characters in and the end are tried,
    and the longest shared run decides where the quote would sit.
    """
    prefix = _longest_prefix(text, quote)
    if prefix >= 16 or prefix == len(quote):
        return text.find(quote[:prefix]), prefix
    anchors = [(prefix, text.find(quote[:prefix]) if prefix else -1)]
    for shift in range(1, min(_SHIFTS, len(quote) - 1) + 1):
        size = _longest_prefix(text, quote[shift:])
        if size:
            anchors.append((size, text.find(quote[shift : shift + size]) - shift))
    size = _longest_suffix(text, quote)
    if size:
        anchors.append((size, text.find(quote[len(quote) - size :]) - (len(quote) - size)))
    size, start = max(anchors, key=lambda anchor: anchor[0])
    if size < min(_RESEMBLES, len(quote)):
        return None
    return start, size


def _first_difference(text: str, quote: str, start: int) -> int:
    """The first offset of `quote` whose character differs from `text` aligned at `start`."""
    for offset, char in enumerate(quote):
        at = start + offset
        if not 0 <= at < len(text) or text[at] != char:
            return offset
    return len(quote)


def _char(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"{char!r} (U+{ord(char):04X}{' ' + name if name else ''})"


def _window(text: str, at: int) -> str:
    """A short stretch of `text` around `at`, with '…' where it is cut, quoted."""
    low, high = max(0, at - _WINDOW), min(len(text), at + _WINDOW)
    return _quoted(("…" if low else "") + text[low:high] + ("…" if high < len(text) else ""))


def _quoted(text: str) -> str:
    """`text` between quote marks as written, so a quote mark in it reads as itself (a
    repr would put a backslash before it); a repr when it holds anything unprintable."""
    return f"'{text}'" if text.isprintable() else repr(text)


def parting(quote: str, source: SourceText, file: str) -> str:
    """The problem of a quote not found in `source` (the text of `file`), for the user."""
    normal = " ".join(quote.split())
    text = source.normal
    found = _alignment(text, normal)
    shown = _quoted(normal) if len(normal) <= 2 * _WINDOW else None
    if found is None:
        return (
            f"quote is not verbatim in {file}, and no passage there resembles it; "
            f"quote: {shown or _window(normal, 0)}; check that it cites the right source, "
            "and copy it exactly (only white space may differ)"
        )
    start, _ = found
    offset = min(_first_difference(text, normal, start), len(normal) - 1)
    at = start + offset
    theirs = f"has {_char(text[at])}" if 0 <= at < len(text) else "ends"
    if at < 0:
        theirs = "starts"
    written = _raw_offset(_word_starts(quote), offset)
    passage = _window(text, min(max(at, 0), len(text)))
    line = source.line_at(min(max(at, 0), max(len(text) - 1, 0)))
    return (
        f"quote is not verbatim in {file}: it parts from the source at character "
        f"{written + 1} of the quote, {_char(normal[offset])} where the source {theirs}; "
        f"quote: {shown or _window(normal, offset)}; source, line {line}: {passage}; "
        "copy it exactly (only white space may differ)"
    )
