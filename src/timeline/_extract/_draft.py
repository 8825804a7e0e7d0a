"""Drafting: `[[event]]` records from the mentions of an article, for a person to edit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable

import attrs

from timeline import _toml
from timeline._extract._context import Context, Cues
from timeline._extract._find import as_date
from timeline._extract._masthead import dateline_length, is_byline
from timeline._extract._mention import Mention
from timeline._text import SLUG, slugify
from timeline._when import When
from timeline.errors import ExtractError, WhenError

__all__ = ["Draft", "draft", "draft_toml"]


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


def _positions(sentence: str, mentions: list[Mention]) -> list[int]:
    """Where each mention stands in its sentence; each is found after the one before it."""
    out, at = [], 0
    for m in mentions:
        found = sentence.find(m.text, at)
        at = found if found >= 0 else at
        out.append(at)
        at += len(m.text)
    return out


def _tenses(
    sentence: str, mentions: list[Mention], at: list[int], published: dt.date
) -> list[str | None]:
    """The tense of each mention's clause; the sentence's cues are found once."""
    whole = (0, len(sentence))
    cues = Cues.of(sentence, whole)
    return [
        Context(
            published=published,
            text=sentence,
            sentence=whole,
            cues=cues,
            start=start,
            end=start + len(m.text),
        ).tense
        for m, start in zip(mentions, at, strict=True)
    ]


def _draft_title(sentence: str, said: str) -> str:
    """The sentence without its date phrase and quotation marks, cut to about 80 characters."""
    prep = r"(?:\b(?:in|on|at|since|by|during|over|for|until|from)\s+)?"
    title = re.sub(prep + re.escape(said) + r"\s*,?", " ", sentence, count=1, flags=re.I)
    title = re.sub(r"[\"“”]|(?<!\w)['‘’]|['‘’](?!\w)", "", title)
    title = " ".join(title.split()).strip(" ,;:—–-").rstrip(".").rstrip()
    if len(title) > 80:
        title = title[:80].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return (title[:1].upper() + title[1:]) or said


@attrs.frozen(kw_only=True)
class Draft:
    """A drafted file, and the event ids it had to change because they were taken."""

    toml: str
    #: (the id the event would have had, the id it was given), in file order.
    renamed: tuple[tuple[str, str], ...] = ()
    events: int = 0


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
    wins; a date wins over a span); future dates ("in 50 years") are not events, nor are
    the article's headline (its sentence equal to `source_title`), byline and dateline.
    Each cites the source with its sentence as the quote, verbatim, when the source has a
    `file`, and as a note otherwise.

    Raises:
        ExtractError: `source_id` is not a lowercase slug.
    """
    return draft(
        mentions,
        source_id=source_id,
        source_title=source_title,
        published=published,
        file=file,
        url=url,
    ).toml


def draft(
    mentions: Iterable[Mention],
    *,
    source_id: str,
    source_title: str,
    published: dt.date,
    file: str | None,
    url: str | None,
    write_source: bool = True,
    taken: Collection[str] = (),
) -> Draft:
    """`draft_toml`, for a data folder: with `write_source` False the `[[source]]` (which
    the folder already has) is left out, and an event id in `taken` gets a suffix.

    Raises:
        ExtractError: `source_id` is not a lowercase slug.
    """
    if not SLUG.fullmatch(source_id):
        raise ExtractError(
            f"source id {source_id!r} is not a lowercase slug; use letters, digits and "
            "single - _ . between them, e.g. 'npr-2025-12-19-china-chips'"
        )
    published = as_date(published)
    lines = [
        "# Draft events from `timeline extract`: check each date, title and quote before use.",
        "",
    ]
    if write_source:
        source = {"id": source_id, "title": source_title, "published": published.isoformat()}
        if url is not None:
            source["url"] = url
        if file is not None:
            source["file"] = file
        lines += _toml.table("source", source)
    else:
        lines.append(f"# They cite the source {source_id!r} of the data folder.")
    used: set[str] = set(taken)
    renamed: list[tuple[str, str]] = []
    events = 0
    for sentence, group in _by_sentence(mentions):
        if sentence == source_title or is_byline(sentence):
            continue  # the headline is the source's title; a byline is not an event
        at = _positions(sentence, group)
        cut = dateline_length(sentence)
        group, at = (
            [m for m, a in zip(group, at, strict=True) if a >= cut],
            [a for a in at if a >= cut],
        )
        verdicts = [_verdict(m, published) for m in group]
        tenses = _tenses(sentence, group, at, published) if None in verdicts else []
        dated = [
            m
            for i, (m, v) in enumerate(zip(group, verdicts, strict=True))
            if v or (v is None and tenses[i] != "future")
        ]
        if not dated:
            continue
        best = min(dated, key=lambda m: (m.type == "DURATION", m.start))
        assert best.when is not None
        when = (
            best.when
            if "T" not in best.when or best.when[-1] == "Z" or _has_offset(best.when)
            else best.when[:10]
        )
        body = sentence[cut:]  # the dateline is the story's, not the event's
        title = _draft_title(body, best.text)
        quote = " ".join(body.split())
        base = slugify(title, words=6, fallback="event")
        event_id, n = base, 1
        while event_id in used:
            n += 1
            event_id = f"{base}-{n}"
        if base in taken and event_id != base:
            renamed.append((base, event_id))
            lines.append(f"\n# The data folder has an event {base!r}: this one is {event_id!r}.")
        used.add(event_id)
        events += 1
        event = {"id": event_id, "title": title, "when": when, "said": best.text}
        cite = {"source": source_id, ("quote" if file is not None else "note"): quote}
        lines += [*_toml.table("event", event), *_toml.table("event.cite", cite)]
    return Draft(toml="\n".join(lines), renamed=tuple(renamed), events=events)


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
