"""How wide a label is drawn, and how it wraps, without a font engine.

The chart is laid out in Python, before any browser sees it, so label widths are estimated
from a table of advance widths: those of DejaVu Sans, the widest of the common sans-serif
faces (the fallback of Linux browsers; Helvetica, Arial, Segoe UI and Roboto are narrower),
so an estimate errs towards more room, never less. Letters outside the table count as
their base letter (é as e), East Asian wide characters as a full em, anything else as a
wide letter. See docs/html.md ("Labels").

>>> width("2024", 13) < width("2024 Feb", 13)
True
>>> wrap("Parliament and Council reach a political agreement", 160, 12)
('Parliament and Council', 'reach a political', 'agreement')
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

__all__ = ["width", "wrap"]

# Advance widths in hundredths of an em of DejaVu Sans, code points 32 to 126, as Chromium
# measures them (regular, then bold).
_REGULAR: Final = (
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86,
    75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63,
    62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64,
    34, 64, 84,
)  # fmt: skip
_BOLD: Final = (
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100,
    84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72,
    68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71,
    37, 71, 84,
)  # fmt: skip
_OTHER: Final = 80  # a character the table does not know and that has no base letter in it
_MARGIN: Final = 1.04  # hinting, kerning and sub-pixel rounding differ between browsers


@functools.lru_cache(maxsize=4096)
def _char(char: str, bold: bool) -> int:
    """One character's advance in hundredths of an em."""
    table = _BOLD if bold else _REGULAR
    code = ord(char)
    if 32 <= code < 127:
        return table[code - 32]
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 100
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) < 127:
        return table[ord(base) - 32]
    if char in "‘’‚":
        return table[ord("'") - 32]
    if char in "“”„":
        return 52 if bold else 46
    if char in "–·":
        return 50
    if char == "—":
        return 100
    if char == "…":
        return 100
    return _OTHER


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` set at `size` px, in px (rounded up a little: see the module)."""
    return sum(_char(c, bold) for c in text) * size / 100 * _MARGIN


def wrap(text: str, room: float, size: float, *, bold: bool = False) -> tuple[str, ...]:
    """`text` broken at spaces into lines no wider than `room` px; a word wider than `room`
    is broken inside (as CSS `overflow-wrap: anywhere` would), so no line is ever wider."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if width(candidate, size, bold=bold) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while width(word, size, bold=bold) > room:
            cut = _fits(word, room, size, bold)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return tuple(lines)


def _fits(word: str, room: float, size: float, bold: bool) -> int:
    """How many leading characters of `word` fit in `room` (at least one)."""
    total = 0.0
    for index, char in enumerate(word):
        total += _char(char, bold) * size / 100 * _MARGIN
        if total > room:
            return max(1, index)
    return len(word)
