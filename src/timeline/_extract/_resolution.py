"""What a resolver returns, and the readers and spellings every resolver shares.

A resolver reads a rule's match and a `Context` and returns a `Resolution`, or None to
reject the match so that a shorter one may take its place. The helpers here read a
match's groups (a month name, a number in words) and spell values that TIMEX3 and EDTF
share (a month, a week, a quarter).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal

import attrs

from timeline._extract import _words as vocab
from timeline._extract._context import Context

Kind = Literal["DATE", "TIME", "DURATION", "SET"]


@attrs.frozen(kw_only=True)
class Anchor:
    """A phrase counted from a time mentioned before it, resolved once the finder knows it.

    "the previous year" is `Anchor(unit="year", delta=-1)`, "that evening" is
    `Anchor(unit="day", part="EV", deictic=True)`.
    """

    #: day, week, month, quarter, year; fiscal (a fiscal year); fiscal-quarter (`delta` is
    #: the quarter, of the fiscal year last named); latest-quarter ("the quarter").
    unit: str
    delta: int = 0
    #: A part of day (MO AF EV NI): the phrase is a TIME on the day it names.
    part: str | None = None
    #: Years added after counting: "the same day last year" is -1.
    years: int = 0
    #: The year it falls in, when the text says: "the same quarter of 2014".
    year: int | None = None
    #: For unit "season": which ("spring" ...); `delta` -1 is the one before, 1 the one after.
    season: str | None = None
    #: "that day", "the same day": unresolved (X) when no such time was mentioned before,
    #: where "the next day" counts from publication.
    deictic: bool = False


@attrs.frozen(kw_only=True)
class Resolution:
    """What a resolver makes of a match: the TIMEX3 value, the EDTF value and the type."""

    timex: str
    when: str | None
    type: Kind = "DATE"
    #: "the previous year": resolved later against the last date mentioned before it.
    anchor: Anchor | None = None
    #: A clock time that a neighbouring date may complete: (hour, minute, zone).
    clock: tuple[int, int, str | None] | None = None


#: Reads a rule's match in its context: a `Resolution`, or None to reject the match.
Resolver = Callable[[re.Match[str], Context], Resolution | None]


def group(m: re.Match[str], name: str) -> str | None:
    """A named group's text; None when it did not take part or the rule has no such group."""
    return m.groupdict().get(name)


def month_of(m: re.Match[str]) -> int | None:
    """The month a match names, by number or by name; None when it names none."""
    if group(m, "mnum"):
        return int(m["mnum"])
    name = group(m, "month")
    return None if name is None else vocab.MONTHS[name.rstrip(".")]


def count_of(text: str | None) -> float | None:
    """The count a number phrase stands for; None for a vague one ("several")."""
    if text is None:
        return 1
    words = re.sub(r"\s+", " ", text.lower().strip())
    if words.endswith(" and a half"):  # "nine and a half"
        whole = count_of(words.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        value = float(words)
        return int(value) if value.is_integer() else value
    if words in vocab.COUNT_WORDS:
        return vocab.COUNT_WORDS[words]
    return words_to_int(words)


def words_to_int(words: str) -> int | None:
    """English number words to an int: "fifty-five", "two thousand twenty-four"."""
    total, current = 0, 0
    for word in re.split(r"[-\s]+", words.lower()):
        if word in {"and", ""}:
            continue
        if word in vocab.ONES:
            current += vocab.ONES[word]
        elif word in vocab.TENS:
            current += vocab.TENS[word]
        elif word in {"a", "an"}:
            current += 1
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def ym(year: int, month: int) -> str:
    """A month in EDTF and TIMEX3 alike: 2025-04."""
    return f"{year:04d}-{month:02d}"


def week(day: dt.date) -> tuple[str, str]:
    """TimeML week value and the EDTF span of its days, Monday to Sunday."""
    iso = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    return f"{iso.year:04d}-W{iso.week:02d}", f"{monday}/{monday + dt.timedelta(days=6)}"


def quarter_value(year: int, quarter: int) -> Resolution:
    first = 3 * quarter - 2
    return Resolution(
        timex=f"{year:04d}-Q{quarter}", when=f"{ym(year, first)}/{ym(year, first + 2)}"
    )
