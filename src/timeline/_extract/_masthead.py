"""An article's masthead: its headline, byline and dateline, which are not events.

A news story opens with a headline ("Fed holds rates steady"), a byline ("By A. Reporter,
Policy Desk", "Updated 6:02 p.m. ET, Dec. 19, 2025") and a dateline before its first
sentence ("WASHINGTON, Dec. 19 (Wire) — "). Their dates are the story's, not an event's:
the draft takes the headline as the source's title and drafts no event from the others.
"""

from __future__ import annotations

import re
from typing import Final

from timeline._extract._sentences import title_case

__all__ = ["dateline_length", "headline", "is_byline"]

#: "By A. Reporter, Policy Desk", "BY JANE DOE AND JOHN ROE", "Updated Dec. 19, 2025".
_BYLINE: Final = re.compile(
    r"(?:By|BY)\s+[A-Z][^\n]{0,140}"
    r"|(?:Published|Updated|Posted|Last\s+updated|Filed|Modified)\b[:\s][^\n]{0,140}"
)
#: A place in capitals, perhaps a region and a date, perhaps an agency, then a dash:
#: "WASHINGTON —", "SACRAMENTO, Calif. (Wire) —", "TALLINN, Estonia, Sept. 14 (AP) -- ".
_DATELINE: Final = re.compile(
    r"(?-i:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}){0,2}"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\([^()\n]{1,40}\))?"
    r"\s*(?:—|–|--|-)\s*"
)
_HEADLINE_MAX: Final = 200


def headline(text: str) -> str | None:
    """The article's headline: its first line, when that reads as a heading.

    It is short, does not end as a sentence does, and is set apart: a blank line, a byline
    or a dateline follows it, or it is in title case.

    >>> headline("Fed holds rates\\n\\nBy A. Reporter\\n\\nWASHINGTON — The Fed held.")
    'Fed holds rates'
    >>> headline("The Fed held rates on Friday.\\nIt said so.") is None
    True
    """
    lines = text.lstrip("\ufeff").lstrip().splitlines()
    if not lines:
        return None
    first = lines[0].strip()
    after = lines[1].strip() if len(lines) > 1 else ""
    if (
        not first
        or len(first) > _HEADLINE_MAX
        or len(first.split()) < 3
        or first[-1] in ".,;:"
        or is_byline(first)
        or dateline_length(first)
    ):
        return None
    set_apart = not after or is_byline(after) or dateline_length(after) > 0
    return first if set_apart or title_case(first) else None


def is_byline(sentence: str) -> bool:
    """Whether a line is a byline or a publication stamp, not a sentence of the story."""
    return _BYLINE.fullmatch(sentence.strip()) is not None and "\n" not in sentence.strip()


def dateline_length(sentence: str) -> int:
    """How many characters of `sentence` its dateline takes (0 when it has none)."""
    m = _DATELINE.match(sentence)
    if m is None or m.end() >= len(sentence):
        return 0
    return m.end()
