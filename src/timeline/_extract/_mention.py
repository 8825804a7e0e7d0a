"""A mention: one temporal expression found in an article, and its JSON Lines form."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Final

import attrs

from timeline._extract._resolution import Kind

__all__ = ["Mention", "to_jsonl"]


@attrs.frozen(kw_only=True)
class Mention:
    """One temporal expression: where it is, what it says and what it resolves to.

    `when` is timeline's EDTF value (None when the text gives no date, as for "recently"
    or a bare duration); `timex` is the TimeML TIMEX3 value; `rule` names the rule that
    produced it, for debugging.

    >>> import datetime
    >>> from timeline import extract
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


_JSON_KEYS: Final = ("text", "start", "end", "sentence", "when", "timex", "type", "rule")


def to_jsonl(mentions: Iterable[Mention]) -> str:
    r"""One JSON object per mention and line, keys in a fixed order.

    >>> import datetime, json
    >>> from timeline import extract
    >>> line = to_jsonl(extract("Now.", datetime.date(2025, 1, 1)))
    >>> list(json.loads(line).items())[:4], line.count("\n")
    ([('text', 'Now'), ('start', 0), ('end', 3), ('sentence', 'Now.')], 1)
    """
    return "".join(
        json.dumps({key: getattr(m, key) for key in _JSON_KEYS}, ensure_ascii=False) + "\n"
        for m in mentions
    )
