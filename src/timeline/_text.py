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
    "encoding_hint",
    "fit",
    "lone_cr_hint",
    "name_id",
    "printable",
    "relative_path_problem",
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


def relative_path_problem(path: str) -> str | None:
    """Why `path` cannot name a file inside the project, read as written (no file system):
    absolute, a drive, backslashes, or `..` that climbs out. None when it stays inside.

    >>> relative_path_problem("seeds/a.txt"), relative_path_problem("seeds/../../etc/passwd")
    (None, 'points outside the project; keep sources inside it')
    """
    if path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", path):
        return "must be a path relative to the project root"
    if "\\" in path:
        return "separate folders with '/', not '\\'"
    depth = 0
    for part in path.split("/"):
        depth += -1 if part == ".." else 0 if part in ("", ".") else 1
        if depth < 0:
            return "points outside the project; keep sources inside it"
    return None


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


def printable(text: str) -> str:
    """`text` with every character `VALUE_CONTROL` finds escaped as `repr()` writes it, so a
    message that quotes a file can never move the cursor, retitle or recolour a terminal.

    >>> print(printable("bad\\x1b[31m line\\rend"))
    bad\\x1b[31m line\\rend
    """
    return VALUE_CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def encoding_hint(data: bytes, shown: str) -> str | None:
    """What a file that is not UTF-8 text probably is and the command that converts it, or
    None when it does not look like UTF-16 or UTF-32 (Windows' "Unicode" text).

    >>> encoding_hint("[[x]]".encode("utf-16"), "a.toml")[:70]
    'it looks like UTF-16 (little-endian, with a byte order mark); save it '
    """
    boms = {
        b"\xff\xfe\x00\x00": ("UTF-32", "little-endian", True),
        b"\x00\x00\xfe\xff": ("UTF-32", "big-endian", True),
        b"\xff\xfe": ("UTF-16", "little-endian", True),
        b"\xfe\xff": ("UTF-16", "big-endian", True),
    }
    found = next((name for bom, name in boms.items() if data.startswith(bom)), None)
    if found is None:
        sample = data[:4096]
        even, odd = sample[0::2], sample[1::2]
        if len(sample) >= 16 and odd.count(0) > len(odd) // 3 and even.count(0) <= len(even) // 20:
            found = ("UTF-16", "little-endian", False)
        elif (
            len(sample) >= 16 and even.count(0) > len(even) // 3 and odd.count(0) <= len(odd) // 20
        ):
            found = ("UTF-16", "big-endian", False)
    if found is None:
        return None
    name, order, bom = found
    source = name if bom else name + ("LE" if order == "little-endian" else "BE")
    mark = "with" if bom else "without"
    return (
        f"it looks like {name} ({order}, {mark} a byte order mark); save it as UTF-8, e.g. "
        f"iconv -f {source} -t UTF-8 {_converted(shown)}"
    )


def lone_cr_hint(shown: str) -> str:
    """What to say of a file whose lines end in a carriage return alone."""
    return (
        "lines end in a carriage return alone (CR, as classic Mac OS saved text); "
        f"convert them to LF, e.g. tr '\\r' '\\n' < {_converted(shown)}"
    )


def _converted(shown: str) -> str:
    """The rest of a command line that rewrites `shown` in place through a temporary file."""
    name = shown.replace("'", "'\\''")
    quoted = f"'{name}'" if re.search(r"[^\w./-]", name) else name
    temporary = f"'{name}.tmp'" if quoted.startswith("'") else f"{name}.tmp"
    return f"{quoted} > {temporary} && mv {temporary} {quoted}"


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
