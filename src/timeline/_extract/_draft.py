"""Drafting: `[[event]]` records from the mentions of an article, for a person to edit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from timeline import _toml
from timeline._extract._context import Context, Cues
from timeline._extract._find import as_date
from timeline._extract._mention import Mention
from timeline._text import SLUG, slugify
from timeline._when import When
from timeline.errors import ExtractError, WhenError

__all__ = ["draft_toml"]


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _verdict(mention: Mention, published: dt.date) -> bool | None:
    """Whether a mention dates something that has happened or is happening.

    Not a value that begins after publication ("in 50 years", "this winter" in November);
    None for one that reaches past it, which is an event unless its clause is about the
    future ("will announce later this month").
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
    return None


def _tenses(sentence: str, mentions: list[Mention], published: dt.date) -> dict[int, str | None]:
    """The tense of each mention's clause, by its start; the sentence's cues found once."""
    whole = (0, len(sentence))
    cues = Cues.of(sentence, whole)
    out: dict[int, str | None] = {}
    at = 0
    for m in mentions:  # in text order, so each is found after the one before it
        found = sentence.find(m.text, at)
        at = found if found >= 0 else at
        context = Context(
            published=published,
            text=sentence,
            sentence=whole,
            cues=cues,
            start=at,
            end=at + len(m.text),
        )
        out[m.start] = context.tense
        at += len(m.text)
    return out


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
    if not SLUG.fullmatch(source_id):
        raise ExtractError(
            f"source id {source_id!r} is not a lowercase slug; use letters, digits and "
            "single - _ . between them, e.g. 'npr-2025-12-19-china-chips'"
        )
    published = as_date(published)
    source = {"id": source_id, "title": source_title, "published": published.isoformat()}
    if url is not None:
        source["url"] = url
    if file is not None:
        source["file"] = file
    lines = [
        "# Draft events from `timeline extract`: check each date, title and quote before use.",
        "",
        *_toml.table("source", source),
    ]
    used: set[str] = set()
    for sentence, group in _by_sentence(mentions):
        verdicts = [(m, _verdict(m, published)) for m in group]
        tenses = _tenses(sentence, group, published) if any(v is None for _, v in verdicts) else {}
        dated = [m for m, v in verdicts if v or (v is None and tenses[m.start] != "future")]
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
        base = slugify(title, words=6, fallback="event")
        event_id, n = base, 1
        while event_id in used:
            n += 1
            event_id = f"{base}-{n}"
        used.add(event_id)
        event = {"id": event_id, "title": title, "when": when, "said": best.text}
        cite = {"source": source_id, ("quote" if file is not None else "note"): quote}
        lines += [*_toml.table("event", event), *_toml.table("event.cite", cite)]
    return "\n".join(lines)


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
