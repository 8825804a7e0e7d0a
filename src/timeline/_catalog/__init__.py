"""The words of the reports in each language they are written in: one table, data only.

Dates come from Babel's CLDR data (`timeline._labels`); CLDR has no seasons, decades or
words for "since" and "approximately", so those, the report headings and the policy states
are here, one module per language. Every language has every key, with the placeholders
English has (tests/test_labels.py checks both). English is what the reports always wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from timeline._catalog import _de, _en, _es, _fr, _ja, _pt, _zh

__all__ = ["MESSAGES"]

#: Language → key → text, formatted with `str.format`; one module per language.
MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "en": _en.WORDS,
    "fr": _fr.WORDS,
    "de": _de.WORDS,
    "es": _es.WORDS,
    "pt": _pt.WORDS,
    "zh": _zh.WORDS,
    "ja": _ja.WORDS,
}
