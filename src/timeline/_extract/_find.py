"""The finder: every rule over every sentence, the longest match resolved, then the passes
that read mentions against their neighbours.

Those passes resolve "the previous year" against the last date mentioned before it, join
a clock time to the day beside it ("2 p.m. on Friday") and give a bare clock time the day
named last in its paragraph.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from timeline._extract import _calendar, _durations, _relative, _rules, _times
from timeline._extract._anchors import Anchors
from timeline._extract._context import Context, Cues
from timeline._extract._mention import Mention
from timeline._extract._resolution import Resolution, Resolver
from timeline._extract._sentences import sentence_spans
from timeline._extract._times import timed

__all__ = ["as_date", "extract"]

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


def extract(
    text: str, published: dt.date, *, progress: Callable[[str, int, int], object] | None = None
) -> list[Mention]:
    """Every temporal expression in `text`, resolved against the `published` date.

    Args:
        text: the article, as decoded text; offsets index into it.
        published: the day the article appeared, the anchor of "this fall" and "ago".
        progress: called as `progress(stage, done, total)` as the work goes on: "finding"
            with the rules run of all of them, then "resolving" with the phrases found.

    Returns:
        The mentions in text order. Ones that do not overlap; where two rules match
        overlapping text, the longer match wins.

    Raises:
        TypeError: `published` is not a date, or a datetime without a time zone.
    """
    published = as_date(published)
    sentences = sentence_spans(text)
    starts = [s0 for s0, _ in sentences]
    cues: dict[tuple[int, int], Cues] = {}
    candidates: list[tuple[int, int, int, int, str, str, re.Match[str]]] = []
    for order, (name, kind, pattern) in enumerate(RULES):
        if progress is not None:
            progress("finding", order, len(RULES))
        for s0, s1 in sentences:  # one sentence at a time: no match runs across a break
            for m in pattern.finditer(text, s0, s1):
                if m.end() == m.start():
                    continue
                start, end = m.span("x") if "x" in pattern.groupindex and m["x"] else m.span()
                candidates.append((-(m.end() - m.start()), order, start, end, name, kind, m))
    candidates.sort(key=lambda item: item[:3])
    taken: list[_Found] = []
    occupied = bytearray(len(text) + 1)
    for done, (_, _, start, end, name, kind, m) in enumerate(candidates):
        if progress is not None and not done % 1024:
            progress("resolving", done, len(candidates))
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
    taken = _open_since(text, taken)
    # One copy of each sentence, shared by its mentions: a 100 KB line with thousands of
    # mentions would otherwise hold a copy of the line per mention.
    quoted: dict[tuple[int, int], str] = {}
    return [
        Mention(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            sentence=quoted.get(f.sentence) or _quote(quoted, text, f.sentence),
            when=f.resolution.when,
            timex=f.resolution.timex,
            type=f.resolution.type,
            rule=f.rule,
        )
        for f in taken
    ]


def _quote(quoted: dict[tuple[int, int], str], text: str, span: tuple[int, int]) -> str:
    """The sentence at `span`, cut out of `text` once and kept in `quoted`."""
    quoted[span] = text[span[0] : span[1]]
    return quoted[span]


def as_date(published: dt.date) -> dt.date:
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


def _resolve_anchors(found: list[_Found], published: dt.date) -> list[_Found]:
    """Resolve "the previous year" and "that day" against what was mentioned before them."""
    anchors = Anchors(published)
    out = []
    for f in found:
        if f.resolution.anchor is not None:
            try:
                f = attrs.evolve(f, resolution=anchors.resolve(f.resolution.anchor))
            except (ValueError, OverflowError):
                continue
        anchors.note(f.resolution)
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


_SINCE: Final = re.compile(r"\b(?:ever\s+)?since\s+$", re.IGNORECASE)


def _open_since(text: str, found: list[_Found]) -> list[_Found]:
    """ "since the autumn of 2024" is a span open at its end, from autumn 2024 on: the
    phrase keeps its TIMEX3 value, its `when` becomes `2024-23/..`."""
    out = []
    for f in found:
        when = f.resolution.when
        if (
            when is not None
            and f.resolution.type in {"DATE", "TIME"}
            and ".." not in when
            and _SINCE.search(text, max(f.sentence[0], f.start - 12), f.start)
        ):
            opened = f"{when.split('/')[0]}/.."
            f = attrs.evolve(f, resolution=attrs.evolve(f.resolution, when=opened))
        out.append(f)
    return out


def _joined(a: _Found, b: _Found, clock: tuple[int, int, str | None], day: str) -> _Found:
    resolution = timed(dt.date.fromisoformat(day), clock)
    return attrs.evolve(
        a, end=b.end, rule=f"{a.rule}+{b.rule}", resolution=attrs.evolve(resolution, clock=None)
    )
