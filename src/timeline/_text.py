"""What text in records may be: the one home of the rules every reader and writer shares.

Loaders refuse what these patterns find; importers and drafting clean it away first, so
whatever they write loads.

>>> slugify("Xi Jinping pledges support for AI!")
'xi-jinping-pledges-support-for-ai'
>>> slugify("Café de Flore", words=2), slugify("???", fallback="event")
('cafe-de', 'event')
>>> slugify("Straße A–B, Zürich")
'strasse-a-b-zurich'
>>> name_id("Zürich"), name_id("北京", fallback="place"), name_id("上海", fallback="place")
('zurich', 'place-685e1518', 'place-99f1e469')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

__all__ = [
    "CONTROL",
    "MAX_TEXT",
    "SLUG",
    "URL",
    "VALUE_CONTROL",
    "clean",
    "counted",
    "did_you_mean",
    "fit",
    "name_id",
    "slugify",
]

#: Ids: lowercase letters and digits, with single - _ . between them.
SLUG: Final = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
#: What `url` fields must match.
URL: Final = re.compile(r"https?://[^\s<>\"]+")
#: Characters no data file may hold: C0/C1 controls but tab and newline (CR only as line
#: ends of the file itself), and the bidi overrides that make text display other than it reads.
CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: In a string's value (escapes read) CR is refused too, since it rewrites a terminal line,
#: and so are lone surrogates (JSON "\ud800"), which no output can encode as UTF-8.
VALUE_CONTROL: Final = re.compile(rf"[\r\ud800-\udfff{CONTROL.pattern[1:-1]}]")
#: The longest string any field may hold: long enough for any quote, short enough that a
#: runaway value is caught at the field that holds it rather than in every output.
MAX_TEXT: Final = 100_000

_WORD: Final = re.compile(r"[a-z0-9]+")


def slugify(text: str, *, words: int | None = None, fallback: str = "") -> str:
    """An id from any text: ASCII letters and digits, words joined by '-'.

    Accents are dropped ("Zürich" → "zurich"), letters that fold to ASCII are kept
    ("Straße" → "strasse"), and anything else separates words ("A–B" → "a-b").
    `words` keeps only the first so many words; `fallback` is returned when nothing is left.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in folded if not unicodedata.combining(char))
    found = _WORD.findall(bare)
    return "-".join(found[:words] if words is not None else found) or fallback


def name_id(text: str, *, fallback: str = "x", limit: int = 64) -> str:
    """An id for a named thing (a place, a tag, an actor) that two different names never share.

    The slug when it keeps every letter and digit of the name ("Zürich" → "zurich"); when
    letters would be lost (scripts that do not fold to ASCII: "北京", "Москва") or the slug
    is too long, the slug (or `fallback`) with a stable hash of the name, so "北京" and "上海"
    stay two places and the same name gives the same id in every import.
    """
    slug = slugify(text)
    folded = unicodedata.normalize("NFKD", text.casefold())
    lost = any(
        char.isalnum() and not char.isascii() for char in folded if not unicodedata.combining(char)
    )
    if slug and not lost and len(slug) <= limit:
        return slug
    digest = hashlib.sha1(unicodedata.normalize("NFC", text).encode(), usedforsecurity=False)
    head = slug[: limit - 9].strip("-_.") or fallback
    return f"{head}-{digest.hexdigest()[:8]}"


def clean(text: str | None) -> str | None:
    """`text` with what loaders refuse taken out (controls, bidi overrides, lone surrogates),
    CR LF and lone CR made newlines; None when nothing but white space is left.

    Other white space is kept, so a title survives an export and import unchanged.
    """
    if text is None:
        return None
    text = VALUE_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if text.strip() else None


def fit(text: str | None) -> tuple[str | None, list[str]]:
    """`clean(text)` cut to `MAX_TEXT`, and what had to change, in words, for a warning:
    an importer keeps text whole, and says so when it cannot.

    >>> text, changes = fit("a\x07b")
    >>> text, changes[0].split(" (")[0]
    ('ab', '1 control or bidirectional-override character(s) dropped')
    """
    if text is None:
        return None, []
    changes = []
    dropped = len(VALUE_CONTROL.findall(text.replace("\r\n", "\n").replace("\r", "\n")))
    if dropped:
        changes.append(
            f"{dropped} control or bidirectional-override character(s) dropped "
            "(data files cannot hold them)"
        )
    cleaned = clean(text)
    if cleaned is not None and len(cleaned) > MAX_TEXT:
        changes.append(
            f"{len(cleaned):,} characters long; cut to its first {MAX_TEXT:,}, the most a "
            "field holds"
        )
        cleaned = cleaned[:MAX_TEXT]
    return cleaned, changes


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """ " (did you mean 'title'?)" when `word` is close to one of `choices`, else "".

    >>> did_you_mean("titel", ["id", "title", "when"])
    " (did you mean 'title'?)"
    >>> did_you_mean("colour", ["id", "title", "when"])
    ''
    """
    if not isinstance(word, str):
        return ""
    import difflib  # only when something is wrong: not on the loading path

    options = list(choices)
    folded = {option.casefold(): option for option in options}
    if word.casefold() in folded and folded[word.casefold()] != word:  # 'Title' for 'title'
        return f" (did you mean {folded[word.casefold()]!r}?)"
    close = [c for c in difflib.get_close_matches(word, options, n=2, cutoff=0.6) if c != word]
    return f" (did you mean {close[0]!r}?)" if close else ""


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 policy', '2 policies', '0 events': a count with its noun in the right number.

    >>> counted(1, "policy", "policies"), counted(2, "policy", "policies"), counted(0, "event")
    ('1 policy', '2 policies', '0 events')
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
