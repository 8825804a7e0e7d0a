"""Sentences: where a match may run, and the quote a draft cites.

A sentence ends at closing punctuation unless it ends an abbreviation or an initial, and at
a line break unless the break only wraps prose.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

__all__ = ["sentence_spans", "title_case"]

_ABBREVIATIONS: Final = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st",
    "jr", "sr", "inc", "corp", "co", "ltd", "no", "nos", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "sec", "art", "fig", "approx", "dept",
})  # fmt: skip
#: Closing punctuation and what may follow it before the next sentence. It matches only at
#: the start of a run of marks and never gives a mark back (possessive `++`), so a run of
#: 20,000 dots is read once, not once per dot.
_SENTENCE_END: Final = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s+[\"'“‘(\[]?[A-Z0-9])")
#: A line break ends a sentence unless it only wraps one: the line before ends without
#: closing punctuation, and either the next starts in lower case or the line is long and
#: not in title case (prose, not a heading).
_LINE_BREAK: Final = re.compile(r"\n\s*")
_OPEN_END: Final = re.compile(r"[^.!?:;\"”’)\s]\n[ \t]*\S")
_LOWER_NEXT: Final = re.compile(r"\n[ \t]*[a-z0-9(]")
_WRAP_WIDTH: Final = 50
#: What may follow "a.m." or "p.m." inside a sentence: a zone, a day, a month ("9 p.m.
#: Wednesday", "10 a.m. Eastern", "8 p.m. EDT"); any other capital starts a new sentence.
_AFTER_CLOCK: Final = re.compile(
    r"\s+\(?(?:(?:Eastern|Central|Mountain|Pacific|Atlantic|Alaska|Hawaii|Beijing|Greenwich"
    r"|Local|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|UTC|GMT|BST|CET|CEST)\b"
    r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
)


def title_case(line: str) -> bool:
    """Whether a line reads as a heading: most of its longer words are capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans, trimmed of surrounding space; lines never join into one sentence."""
    cuts = {0, len(text)}
    for m in _LINE_BREAK.finditer(text):
        if m.group() == "\n" and m.start() > 0 and _OPEN_END.match(text, m.start() - 1):
            line_length = m.start() - (text.rfind("\n", 0, m.start()) + 1)
            line = text[m.start() - line_length : m.start()]
            prose = line_length >= _WRAP_WIDTH and not title_case(line)
            if prose or _LOWER_NEXT.match(text, m.start()):
                continue
        cuts.update((m.start(), m.end()))
    for m in _SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)$", text[max(0, m.start() - 20) : m.start()])
        token = word.group(1) if word else ""
        if token.lower() in {"a.m", "p.m"} and not _AFTER_CLOCK.match(text, m.end()):
            pass  # "at 4:15 p.m. That day, ...": a clock time often ends its sentence
        elif token.lower() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", token):
            continue
        if re.fullmatch(r"[A-Z]", token) and m.group() == ".":
            continue  # an initial: "John F. Kennedy"
        cuts.add(m.end())
    spans = []
    points = sorted(cuts)
    for a, b in itertools.pairwise(points):
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((a + lead, a + lead + len(stripped)))
    return spans
