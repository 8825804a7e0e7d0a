"""Find dated phrases in an article and resolve them against its publication date.

Articles date things relative to themselves ("this fall", "15 years ago"); a tracker needs
the dates. `extract` finds each temporal expression, gives its TimeML TIMEX3 value (the
convention annotated corpora use) and, where the text allows it, an honest `When` value in
timeline's EDTF subset: "In April" stays a month, "15 years ago" is approximate, "recently"
has no date at all. `draft_toml` turns the result into draft `[[event]]` records that a
person edits. The rules are regular expressions over the tables in `_rules`.

>>> import datetime
>>> [(m.text, m.when) for m in extract("In April, Xi spoke.", datetime.date(2025, 12, 19))]
[('April', '2025-04')]
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from timeline._extract import _calendar, _durations, _relative, _rules, _times
from timeline._extract._context import Context, Cues
from timeline._extract._relative import anchored
from timeline._extract._resolution import Kind, Resolution, Resolver
from timeline._extract._times import timed
from timeline._when import When
from timeline.errors import ExtractError, WhenError

__all__ = ["Mention", "draft_toml", "extract", "to_jsonl"]


@attrs.frozen(kw_only=True)
class Mention:
    """One temporal expression: where it is, what it says and what it resolves to.

    `when` is timeline's EDTF value (None when the text gives no date, as for "recently"
    or a bare duration); `timex` is the TimeML TIMEX3 value; `rule` names the rule that
    produced it, for debugging.

    >>> import datetime
    >>> [m] = extract("It was founded 15 years ago.", datetime.date(2025, 12, 19))
    >>> m.text, m.when, m.timex, m.type
    ('15 years ago', '2010~', '2010', 'DATE')
    """

    text: str
    start: int
    end: int
    sentence: str
    when: str | None
    timex: str
    type: Kind
    rule: str


# ── sentences ─────────────────────────────────────────────────────────────────────────
_ABBREVIATIONS: Final = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st",
    "jr", "sr", "inc", "corp", "co", "ltd", "no", "nos", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "sec", "art", "fig", "approx", "dept",
})  # fmt: skip
_SENTENCE_END: Final = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
#: A line break ends a sentence unless it only wraps one: the line before ends without
#: closing punctuation, and either the next starts in lower case or the line is long and
#: not in title case (prose, not a heading).
_LINE_BREAK: Final = re.compile(r"\n\s*")
_OPEN_END: Final = re.compile(r"[^.!?:;\"”’)\s]\n[ \t]*\S")
_LOWER_NEXT: Final = re.compile(r"\n[ \t]*[a-z0-9(]")
_WRAP_WIDTH: Final = 50


def _title_case(line: str) -> bool:
    """Whether a line reads as a heading: most of its longer words are capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, trimmed of surrounding space; lines never join into one sentence."""
    cuts = {0, len(text)}
    for m in _LINE_BREAK.finditer(text):
        if m.group() == "\n" and m.start() > 0 and _OPEN_END.match(text, m.start() - 1):
            line_length = m.start() - (text.rfind("\n", 0, m.start()) + 1)
            line = text[m.start() - line_length : m.start()]
            prose = line_length >= _WRAP_WIDTH and not _title_case(line)
            if prose or _LOWER_NEXT.match(text, m.start()):
                continue
        cuts.update((m.start(), m.end()))
    for m in _SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)$", text[max(0, m.start() - 20) : m.start()])
        token = word.group(1) if word else ""
        if token.lower() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", token):
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


# ── the pipeline ──────────────────────────────────────────────────────────────────────
#: Every rule, compiled once: (name, resolver kind, pattern); order breaks ties.
RULES: Final = tuple(
    (name, kind, re.compile(pattern, re.IGNORECASE)) for name, kind, pattern in _rules.RULES
)
#: The resolver of each kind of rule.
RESOLVERS: Final[dict[str, Resolver]] = {
    **_calendar.RESOLVERS,
    **_relative.RESOLVERS,
    **_times.RESOLVERS,
    **_durations.RESOLVERS,
}


@attrs.frozen(kw_only=True)
class _Found:
    start: int
    end: int
    rule: str
    resolution: Resolution
    sentence: tuple[int, int]


def extract(text: str, published: dt.date) -> list[Mention]:
    """Every temporal expression in `text`, resolved against the `published` date.

    Args:
        text: the article, as decoded text; offsets index into it.
        published: the day the article appeared, the anchor of "this fall" and "ago".

    Returns:
        The mentions in text order. Ones that do not overlap; where two rules match
        overlapping text, the longer match wins.

    Raises:
        TypeError: `published` is not a date, or a datetime without a time zone.
    """
    published = _as_date(published)
    sentences = _sentences(text)
    starts = [s0 for s0, _ in sentences]
    cues: dict[tuple[int, int], Cues] = {}
    candidates: list[tuple[int, int, int, int, str, str, re.Match[str]]] = []
    for order, (name, kind, pattern) in enumerate(RULES):
        for s0, s1 in sentences:  # one sentence at a time: no match runs across a break
            for m in pattern.finditer(text, s0, s1):
                if m.end() == m.start():
                    continue
                start, end = m.span("x") if "x" in pattern.groupindex and m["x"] else m.span()
                candidates.append((-(m.end() - m.start()), order, start, end, name, kind, m))
    candidates.sort(key=lambda item: item[:3])
    taken: list[_Found] = []
    occupied = bytearray(len(text) + 1)
    for _, _, start, end, name, kind, m in candidates:
        if any(occupied[start:end]):
            continue
        sentence = _sentence_of(sentences, starts, start)
        if sentence not in cues:
            cues[sentence] = Cues.of(text, sentence)
        context = Context(
            published=published,
            text=text,
            sentence=sentence,
            start=start,
            end=end,
            cues=cues[sentence],
        )
        try:
            resolution = RESOLVERS[kind](m, context)
        except (ValueError, OverflowError):  # a date outside what datetime can hold
            resolution = None
        if resolution is None:
            continue
        occupied[start:end] = b"\x01" * (end - start)
        taken.append(
            _Found(start=start, end=end, rule=name, resolution=resolution, sentence=sentence)
        )
    taken.sort(key=lambda f: f.start)
    taken = _clocks_in_context(text, _merge_clocks(text, _resolve_anchors(taken, published)))
    return [
        Mention(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            sentence=text[f.sentence[0] : f.sentence[1]],
            when=f.resolution.when,
            timex=f.resolution.timex,
            type=f.resolution.type,
            rule=f.rule,
        )
        for f in taken
    ]


def _as_date(published: dt.date) -> dt.date:
    """The publication day; a naive datetime is refused, as everywhere in timeline."""
    if isinstance(published, dt.datetime):
        if published.tzinfo is None:
            raise TypeError(
                f"published={published!r} is naive; pass a datetime.date (the day the "
                "article appeared) or give the datetime a tzinfo (e.g. datetime.UTC)"
            )
        return published.date()
    if not isinstance(published, dt.date):
        raise TypeError(f"published={published!r} is not a date; pass a datetime.date")
    return published


def _sentence_of(
    sentences: Sequence[tuple[int, int]], starts: Sequence[int], offset: int
) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index][0] <= offset < sentences[index][1]:
        return sentences[index]
    return (offset, offset)


_FISCAL_YEAR: Final = re.compile(r"FY(\d{4})$")
_ANCHORABLE: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$")


def _resolve_anchors(found: list[_Found], published: dt.date) -> list[_Found]:
    """Resolve "the previous year" against the last date mentioned before it."""
    anchor = published
    anchor_quarter: tuple[int, int] | None = None
    anchor_fiscal: int | None = None  # "In fiscal year 2021 ... the previous year": FY2020
    out = []
    for f in found:
        res = f.resolution
        if res.anchor is not None:
            unit, delta = res.anchor
            try:
                if unit == "year" and anchor_fiscal is not None:
                    res = Resolution(timex=f"FY{anchor_fiscal + delta}", when=None)
                else:
                    res = anchored(unit, delta, anchor, anchor_quarter)
            except (ValueError, OverflowError):
                continue
            f = attrs.evolve(f, resolution=res)
        m = _ANCHORABLE.match(res.timex)
        fiscal = _FISCAL_YEAR.match(res.timex)
        if fiscal and res.type == "DATE":
            anchor_fiscal = int(fiscal[1])
        elif m and res.type == "DATE" and int(m[1]) >= 1:
            anchor_fiscal = None
            year, month, day, quarter = m.groups()
            anchor = dt.date(int(year), int(month or 1), int(day or 1))
            anchor_quarter = (int(year), int(quarter)) if quarter else None
            if month:
                anchor_quarter = (int(year), (int(month) - 1) // 3 + 1)
        out.append(f)
    return out


_DAY_VALUE: Final = re.compile(r"\d{4}-\d{2}-\d{2}$")
_TIME_THEN_DATE: Final = re.compile(r"\s*,?\s*(?:on\s+)?", re.IGNORECASE)
_DATE_THEN_TIME: Final = re.compile(r"\s*,?\s*(?:at\s+)?", re.IGNORECASE)


def _merge_clocks(text: str, found: list[_Found]) -> list[_Found]:
    """Join a clock time to the day next to it: "2 p.m. on Friday", "July 16 at 1 p.m."."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        f = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        joined = None
        if nxt is not None and nxt.sentence == f.sentence:
            a, b = f.resolution, nxt.resolution
            if (
                a.clock
                and _DAY_VALUE.match(b.timex)
                and _TIME_THEN_DATE.fullmatch(text, f.end, nxt.start)
            ):
                joined = _joined(f, nxt, a.clock, b.timex)
            elif (
                b.clock
                and _DAY_VALUE.match(a.timex)
                and _DATE_THEN_TIME.fullmatch(text, f.end, nxt.start)
            ):
                joined = _joined(f, nxt, b.clock, a.timex)
        if joined is None:
            out.append(f)
            i += 1
        else:
            out.append(joined)
            i += 2
    return out


_DAY_PREFIX: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def _clocks_in_context(text: str, found: list[_Found]) -> list[_Found]:
    """Give a bare clock time the day last named in its paragraph, not publication's.

    "A tornado struck on Monday afternoon. It touched down at 2:56 p.m." means Monday.
    """
    out: list[_Found] = []
    day: tuple[int, str] | None = None  # (end offset, ISO day) of the last day named
    for f in found:
        res = f.resolution
        if res.clock is not None and day is not None and "\n" not in text[day[0] : f.start]:
            f = attrs.evolve(
                f,
                rule=f"{f.rule}+context",
                resolution=timed(dt.date.fromisoformat(day[1]), res.clock),
            )
        elif res.clock is None and (m := _DAY_PREFIX.match(res.timex)):
            day = (f.end, m.group())
        out.append(f)
    return out


def _joined(a: _Found, b: _Found, clock: tuple[int, int, str | None], day: str) -> _Found:
    resolution = timed(dt.date.fromisoformat(day), clock)
    return attrs.evolve(
        a, end=b.end, rule=f"{a.rule}+{b.rule}", resolution=attrs.evolve(resolution, clock=None)
    )


# ── output ────────────────────────────────────────────────────────────────────────────
_JSON_KEYS: Final = ("text", "start", "end", "sentence", "when", "timex", "type", "rule")


def to_jsonl(mentions: Iterable[Mention]) -> str:
    r"""One JSON object per mention and line, keys in a fixed order.

    >>> import datetime
    >>> line = to_jsonl(extract("Now.", datetime.date(2025, 1, 1)))
    >>> list(json.loads(line).items())[:4], line.count("\n")
    ([('text', 'Now'), ('start', 0), ('end', 3), ('sentence', 'Now.')], 1)
    """
    return "".join(
        json.dumps({key: getattr(m, key) for key in _JSON_KEYS}, ensure_ascii=False) + "\n"
        for m in mentions
    )


_SLUG: Final = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _draftable(mention: Mention, published: dt.date) -> bool:
    """Whether a mention dates something that has happened or is happening.

    Not a value that begins after publication ("in 50 years", "this winter" in November),
    nor one that reaches past it in a sentence about the future ("will announce later
    this month").
    """
    if mention.when is None:
        return False
    try:
        when = When.parse(mention.when)
    except WhenError:
        return False
    earliest, latest = _day(when.earliest), _day(when.latest)
    if earliest is not None and earliest > published:
        return False
    if latest is not None and latest < published:
        return True
    at = max(mention.sentence.find(mention.text), 0)
    whole = (0, len(mention.sentence))
    context = Context(
        published=published,
        text=mention.sentence,
        sentence=whole,
        cues=Cues.of(mention.sentence, whole),
        start=at,
        end=at + len(mention.text),
    )
    return context.tense != "future"


def _toml_string(value: str) -> str:
    """A TOML basic string, escaped so that any text survives a round trip."""
    escapes = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
    escapes["\r"] = "\\r"
    out = []
    for char in value:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _slug(text: str, limit: int = 6) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:limit]) or "event"


def _draft_title(sentence: str, said: str) -> str:
    """The sentence without its date phrase and quotation marks, cut to about 80 characters."""
    prep = r"(?:\b(?:in|on|at|since|by|during|over|for|until|from)\s+)?"
    title = re.sub(prep + re.escape(said) + r"\s*,?", " ", sentence, count=1, flags=re.I)
    title = re.sub(r"[\"“”]|(?<!\w)['‘’]|['‘’](?!\w)", "", title)
    title = " ".join(title.split()).strip(" ,;:—–-").rstrip(".").rstrip()
    if len(title) > 80:
        title = title[:80].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return (title[:1].upper() + title[1:]) or said


def draft_toml(
    mentions: Iterable[Mention],
    *,
    source_id: str,
    source_title: str,
    published: dt.date,
    file: str | None,
    url: str | None,
) -> str:
    """Draft `[[event]]` records for a person to edit, after the `[[source]]` they cite.

    One event per sentence that holds a past or present date (the first such mention
    wins; a date wins over a span); future dates ("in 50 years") are not events. Each
    cites the source with its sentence as the quote, verbatim, when the source has a
    `file`, and as a note otherwise.

    Raises:
        ExtractError: `source_id` is not a lowercase slug.
    """
    if not _SLUG.match(source_id):
        raise ExtractError(
            f"source id {source_id!r} is not a lowercase slug; use letters, digits and "
            "single - _ . between them, e.g. 'npr-2025-12-19-china-chips'"
        )
    published = _as_date(published)
    lines = [
        "# Draft events from `timeline extract`: check each date, title and quote before use.",
        "",
        "[[source]]",
        f"id = {_toml_string(source_id)}",
        f"title = {_toml_string(source_title)}",
        f"published = {_toml_string(published.isoformat())}",
    ]
    if url is not None:
        lines.append(f"url = {_toml_string(url)}")
    if file is not None:
        lines.append(f"file = {_toml_string(file)}")
    used: set[str] = set()
    for sentence, group in _by_sentence(mentions):
        dated = [m for m in group if _draftable(m, published)]
        if not dated:
            continue
        best = min(dated, key=lambda m: (m.type == "DURATION", m.start))
        assert best.when is not None
        when = (
            best.when
            if "T" not in best.when or best.when[-1] == "Z" or _has_offset(best.when)
            else best.when[:10]
        )
        title = _draft_title(sentence, best.text)
        quote = " ".join(sentence.split())
        base = _slug(title)
        event_id, n = base, 1
        while event_id in used:
            n += 1
            event_id = f"{base}-{n}"
        used.add(event_id)
        lines += [
            "",
            "[[event]]",
            f"id = {_toml_string(event_id)}",
            f"title = {_toml_string(title)}",
            f"when = {_toml_string(when)}",
            f"said = {_toml_string(best.text)}",
            "[[event.cite]]",
            f"source = {_toml_string(source_id)}",
            f"{'quote' if file is not None else 'note'} = {_toml_string(quote)}",
        ]
    return "\n".join(lines) + "\n"


def _has_offset(when: str) -> bool:
    return re.search(r"[+-]\d{2}:\d{2}$", when) is not None


def _by_sentence(mentions: Iterable[Mention]) -> list[tuple[str, list[Mention]]]:
    """Mentions grouped by sentence, in text order (a sentence's mentions are adjacent)."""
    groups: list[tuple[str, list[Mention]]] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if groups and groups[-1][0] == m.sentence:
            groups[-1][1].append(m)
        else:
            groups.append((m.sentence, [m]))
    return groups
