"""What a resolver may look at besides its match: the publication date, the sentence and
the tense cues in it.

The cues of a sentence are found once and shared by every mention in it; `Context.tense`
reads the one that governs a mention.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Final

import attrs

from timeline._extract import _words as vocab


@attrs.frozen(kw_only=True)
class Cues:
    """The tense cues of one sentence, found once and shared by every mention in it."""

    #: (start, end, "past" | "future"), ordered by start.
    found: tuple[tuple[int, int, str], ...]
    starts: tuple[int, ...]
    #: Whether the sentence is in the present perfect ("has been trying").
    perfect: bool

    @classmethod
    def of(cls, text: str, span: tuple[int, int]) -> Cues:
        """Find the cues of the sentence `text[span[0]:span[1]]`."""
        found = []
        for tense, pattern in _CUES:
            for m in pattern.finditer(text, *span):
                word = m.group().lower()
                if tense == "past" and (word in vocab.NOT_PAST or _after_be(text, m.start())):
                    continue
                if tense == "future" and _in_a_time(text, m, span[0]):
                    continue
                found.append((m.start(), m.end(), tense))
        found.sort()
        return cls(
            found=tuple(found),
            starts=tuple(f[0] for f in found),
            perfect=_PERFECT.search(text, *span) is not None,
        )


@attrs.frozen(kw_only=True)
class Context:
    """What a resolver may look at besides its match: the date and the sentence around it."""

    published: dt.date
    text: str
    sentence: tuple[int, int]
    start: int
    end: int
    cues: Cues

    @property
    def tense(self) -> str | None:
        """The tense of the clause: "past", "future" or None when no cue says.

        The nearest cue before the mention governs ("briefed allies in August"); with none
        before it, the nearest one after in the same clause ("In April, Xi stated", but
        not "on Friday, the latest step in a fight that has escalated"). A participle
        after a form of "be", "remain" or "stay" is passive, not a tense: "will be
        published in November", "will remain closed until Monday".
        """
        found, starts = self.cues.found, self.cues.starts
        i = bisect.bisect_left(starts, self.start)
        before = [f for f in found[max(i - 8, 0) : i] if f[1] <= self.start]
        if before:
            cue = max(before, key=lambda f: f[1])
            if cue[2] == "past" and _INFINITIVE.search(self.text, cue[1], self.start):
                return None  # "urged both sides to return to the table on Friday"
            return cue[2]
        after = bisect.bisect_left(starts, self.end)
        if after == len(found):
            return None
        between = _CLAUSE_BREAK.search(self.text, self.end, found[after][0])
        return None if between else found[after][2]

    @property
    def direction(self) -> str | None:
        """Which side of publication the clause puts a yearless date on: "past", "future"
        or None (the nearest occurrence).

        A word right before the mention decides first ("since June" is past; "until",
        "through", "by" leave a past clause to the nearest occurrence: "were exempted until
        Sept. 1"), then the tense.
        """
        before = _SIDE.search(self.text, max(self.sentence[0], self.start - 16), self.start)
        tense = self.tense
        if before is None:
            return tense
        if vocab.SIDE_WORDS[before["side"].lower()] == "past":
            return "past"
        return None if tense == "past" else tense

    @property
    def perfect(self) -> bool:
        """Whether the sentence is in the present perfect ("has been trying")."""
        return self.cues.perfect


_FLAGS: Final = re.IGNORECASE
_CUES: Final = (
    ("future", re.compile(rf"(?<![\w'’])(?:{vocab.FUTURE_CUES})\b", _FLAGS)),
    ("past", re.compile(rf"\b(?:{vocab.PAST_CUES})\b", _FLAGS)),
)
_PERFECT: Final = re.compile(vocab.PERFECT_CUE, _FLAGS)
_BE: Final = re.compile(
    r"\b(?:be|been|being|is|are|am|was|were|remains?|remained|stays?|stayed|gets?|got|seems?)"
    r"\s+(?:\w+\s+)?$",
    _FLAGS,
)
_CLAUSE_BREAK: Final = re.compile(vocab.CLAUSE_BREAK, _FLAGS)
#: A to-infinitive: the time of what it names is after its verb's, on either side of now.
_INFINITIVE: Final = re.compile(
    r"\bto\s+(?!(?:the|a|an|his|her|its|their|our|this|that|these|those|be|\d)\b)"
    r"(?-i:[a-z]+)\b"
)
#: A side word right before a mention, with at most "the", "early", "mid-" and the like
#: between them.
_SIDE: Final = re.compile(
    rf"\b(?P<side>{'|'.join(vocab.SIDE_WORDS)})\s+(?:(?:the|early|late|mid|[Ll]ast|this)[-\s]+)?$",
    _FLAGS,
)


_TIME_WORD: Final = re.compile(
    r"\s+(?:week|month|year|decade|quarter|season|spring|summer|fall|autumn|winter|weekend"
    r"|(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December))",
    _FLAGS,
)


def _in_a_time(text: str, cue: re.Match[str], sentence_start: int) -> bool:
    """Whether a future cue is part of a time, not a verb: the month "May" (a modal only at
    the start of a sentence), "next" in "next year"."""
    word = cue.group()
    if word == "May":
        return cue.start() > sentence_start
    return word.lower() == "next" and _TIME_WORD.match(text, cue.end()) is not None


def _after_be(text: str, offset: int) -> bool:
    """Whether a form of "be" (and at most one adverb) comes right before `offset`."""
    return _BE.search(text[max(0, offset - 30) : offset]) is not None
