"""Which languages the reports are written in: naming one, and looking up its words.

A locale is a CLDR tag such as `fr`, `de_CH` or `pt-BR` whose language is one of
`SUPPORTED`; English (`en`, the default) is what the reports always wrote. The words come
from `timeline._catalog`; the dates from Babel's CLDR data (`timeline._labels`), an optional
dependency imported only when a report is written in another language, so English reports
and start-up never load it.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

from timeline._catalog import MESSAGES
from timeline._text import did_you_mean
from timeline.errors import UsageError

__all__ = [
    "DEFAULT",
    "INSTALL",
    "SUPPORTED",
    "babel",
    "chosen",
    "is_english",
    "language",
    "locale_problem",
    "message",
    "normalise",
]

#: The languages the reports are written in, English first.
SUPPORTED: Final = tuple(MESSAGES)
DEFAULT: Final = "en"
INSTALL: Final = "pip install 'timeline-events[locale]'"

#: A language, then optional script and region subtags: 'fr', 'pt_BR', 'zh-Hant-TW'.
_TAG: Final = re.compile(r"([a-z]{2,3})(?:[_-]([A-Za-z]{4}))?(?:[_-]([A-Za-z]{2}|[0-9]{3}))?")


def normalise(tag: str) -> str:
    """The tag as Babel spells it: 'pt-br' → 'pt_BR', 'zh-hant' → 'zh_Hant'.

    >>> normalise("pt-br"), normalise("FR")
    ('pt_BR', 'fr')
    """
    found = _TAG.fullmatch(tag.strip().lower())
    if found is None:
        return tag
    lang, script, region = found.groups()
    parts = [lang]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "_".join(parts)


def language(tag: str) -> str:
    """The language part of a (normalised) tag: 'pt_BR' → 'pt'."""
    return tag.partition("_")[0]


def is_english(tag: str | None) -> bool:
    """Whether reports in `tag` are the English ones (no tag at all is English)."""
    return tag is None or language(tag) == DEFAULT


def locale_problem(tag: str) -> str | None:
    """Why reports cannot be written in `tag`, or None when they can.

    >>> locale_problem("fr") is None
    True
    >>> locale_problem("fre")
    "'fre' is not a supported locale (did you mean 'fr'?); use one of en, fr, de, es, pt, zh, ja"
    """
    if not isinstance(tag, str):
        return f"a locale is a string such as 'fr', not {tag!r}"
    shown = ", ".join(SUPPORTED)
    name = normalise(tag)
    if _TAG.fullmatch(name.lower()) is None or language(name) not in SUPPORTED:
        return (
            f"{tag!r} is not a supported locale{did_you_mean(tag, SUPPORTED)}; use one of {shown}"
        )
    if name != language(name) and not _known_to_babel(name):
        return f"{tag!r} is not a locale CLDR knows; use its language alone ({language(name)!r})"
    return None


def chosen(locale: str | None, default: str | None = None) -> str | None:
    """The locale a report is written in, normalised: `locale`, else `default` (the
    timeline's `locale` setting); None for English.

    >>> chosen(None, "pt-br"), chosen("en", "fr"), chosen(None)
    ('pt_BR', None, None)

    Raises:
        ValueError: the locale is not supported (the message names the likely one).
    """
    tag = default if locale is None else locale
    if tag is None:
        return None
    problem = locale_problem(tag)
    if problem is not None:
        raise ValueError(problem)
    name = normalise(tag)
    return None if is_english(name) else name


def _known_to_babel(name: str) -> bool:
    """Whether Babel has data for a tag with a script or region (True without Babel: the
    report then says that Babel is needed, which is the first thing to fix)."""
    try:
        from babel import localedata
    except ImportError:
        return True
    return bool(localedata.exists(name))


def message(tag: str | None, key: str, *args: object, **fields: object) -> str:
    """The text `key` stands for in `tag`'s language, formatted with `args` and `fields`.

    >>> message("fr", "since", "2015")
    'depuis 2015'
    """
    words = MESSAGES[DEFAULT if tag is None else language(tag)]
    return words[key].format(*args, **fields)


@functools.cache
def babel() -> Any:
    """`babel.dates`, imported on first use; a clear message when Babel is not installed.

    Raises:
        UsageError: Babel is not installed.
    """
    try:
        from babel import dates
    except ImportError as error:
        raise UsageError(
            f"reports in a language other than English need Babel (its CLDR data): {INSTALL}"
        ) from error
    return dates
