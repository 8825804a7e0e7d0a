"""Labels in the reader's language: dates at their precision, the catalog, policy states."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from strategies import instant_spans, whens
from timeline import When
from timeline._catalog import MESSAGES
from timeline._endpoint import Endpoint, Precision
from timeline._labels import (
    SKELETONS,
    change_label,
    day_label,
    effect_label,
    next_text,
    pending_label,
    provision_label,
    reason,
    state_label,
    state_words,
    when_label,
)
from timeline._lifecycle import Phase, folds
from timeline._locale import SUPPORTED
from timeline._model import Effect

ROOT = Path(__file__).resolve().parent.parent
#: Every supported language, and a few tags with a region or a script.
LOCALES = [*SUPPORTED, "pt_BR", "fr_CA", "de_CH", "zh_Hant"]


# -- the catalog --------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_language_has_every_key_with_its_placeholders(language: str) -> None:
    """Each language has exactly English's keys, each with the placeholders English has."""
    english, words = MESSAGES["en"], MESSAGES[language]
    assert set(words) == set(english)
    for key, text in english.items():
        assert _fields(words[key]) == _fields(text), (language, key)
        assert words[key].strip(), (language, key)


def test_every_phase_and_effect_has_words() -> None:
    """The catalog names every phase and every effect, so no state label falls back."""
    for words in MESSAGES.values():
        assert {f"phase.{p.value}" for p in Phase} <= set(words)
        assert {f"effect.{e.value}" for e in Effect} <= set(words)


# -- dates ------------------------------------------------------------------------------------

_EXAMPLES = [
    ("2025-04-25", {"fr": "25 avril 2025", "de": "25. April 2025", "ja": "2025年4月25日"}),
    ("2025-04", {"fr": "avril 2025", "de": "April 2025", "es": "abril de 2025", "ja": "2025年4月"}),
    ("2025-23", {"fr": "automne 2025", "de": "Herbst 2025", "pt": "outono de 2025"}),
    ("2025-24", {"fr": "hiver 2025–26", "ja": "2025–26年冬"}),
    ("2025", {"fr": "2025", "zh": "2025年", "ja": "2025年"}),
    ("201X", {"fr": "les années 2010", "de": "die 2010er-Jahre", "ja": "2010年代"}),
    ("19XX", {"fr": "1900–1999", "de": "1900–1999"}),
    ("2021~", {"fr": "vers 2021", "de": "um 2021", "es": "hacia 2021", "ja": "2021年頃"}),
    ("2021?", {"fr": "2021 ?", "de": "2021?"}),
    ("2025-06/2025-12", {"fr": "juin\u2009–\u2009décembre 2025", "de": "Juni–Dezember 2025"}),
    ("2025-06/2025-12", {"es": "junio–diciembre de 2025", "ja": "2025年6月～12月"}),
    ("2020/2023", {"fr": "2020–2023", "ja": "2020年～2023年"}),
    ("2015/..", {"fr": "depuis 2015", "de": "seit 2015", "ja": "2015年以降"}),
    ("../2025-04", {"fr": "jusqu’à avril 2025", "de": "bis April 2025"}),
    ("2025-12-08T15:30Z", {"fr": "8 décembre 2025, 15:30 UTC", "ja": "2025年12月8日 15:30 UTC"}),
    (
        "2025-09-01T10:00Z/2025-09-01T11:00Z",
        {"fr": "1 septembre 2025, 10:00\u2009–\u200911:00 UTC"},
    ),
]


@pytest.mark.parametrize(("notation", "expected"), _EXAMPLES)
def test_dates_read_as_the_language_writes_them(notation: str, expected: dict[str, str]) -> None:
    """Each precision is written as CLDR (or, for seasons and decades, the catalog) has it;
    CLDR's French intervals put thin spaces (U+2009) around the dash."""
    when = When.parse(notation)
    for locale, label in expected.items():
        assert when_label(when, locale) == label


def test_a_zone_follows_the_label() -> None:
    """A local time keeps its IANA zone after the label, in every language."""
    when = When.parse("2025-10-15T09:00", tz="Asia/Shanghai")
    assert when_label(when, "de") == "15. Oktober 2025, 09:00 Asia/Shanghai"


@pytest.mark.parametrize("locale", [None, "en", "en_GB"])
def test_english_is_the_label_when_gives(locale: str | None) -> None:
    """English (or no locale) is `When.label` itself, so English reports never change."""
    for notation in ("2025-04", "2025-23", "201X", "2025-06/2025-12", "2021~", "2015/.."):
        when = When.parse(notation)
        assert when_label(when, locale) == when.label


def test_day_label_is_a_day() -> None:
    """A day of the status answers reads as the language writes a day."""
    assert day_label(dt.date(2024, 5, 2), "fr") == "2 mai 2024"
    assert day_label(dt.date(2024, 5, 2)) == "2 May 2024"


def test_only_day_skeletons_write_a_day() -> None:
    """The CLDR skeleton of each precision has a day field only where the day is known."""
    for precision, skeleton in SKELETONS.items():
        assert ("d" in skeleton) == (precision <= Precision.DAY), precision


def _numbers(part: Endpoint, *, days: bool) -> set[int]:
    """The numbers a label of `part` may show: its years, its month where known, its day
    where known (and `days`), its time of day and offset."""
    found = {part.year, part.year + 99, (part.year + 1) % 100, part.year + 1}
    if part.month is not None:
        found.add(part.month)
    if part.day is not None and days:
        found.add(part.day)
    if part.time is not None:
        found |= {part.time.hour, part.time.minute, part.time.second}
    if part.offset is not None:
        minutes = abs(int(part.offset.total_seconds())) // 60
        found |= {minutes // 60, minutes % 60}
    return found


@given(st.one_of(whens(), instant_spans()))
def test_every_label_renders_in_every_locale_at_its_precision(when: When) -> None:
    """Every When renders in every supported locale, with no number its value does not
    have: a month, season, year or decade never shows a day, and a day always shows."""
    parts = [p for p in (when.start, when.end) if p is not None]
    allowed = set().union(*(_numbers(p, days=True) for p in parts))
    coarse = set().union(*(_numbers(p, days=False) for p in parts))
    for locale in LOCALES:
        label = when_label(when, locale)
        assert label, locale
        assert label == label.strip(), (locale, label)
        shown = {int(n) for n in re.findall(r"\d+", label.replace(when.tz or "", ""))}
        assert shown <= allowed, (locale, label)
        for part in parts:
            if part.precision > Precision.DAY:
                continue
            assert part.day is not None
            assert part.day in shown, (locale, label)
        if all(p.precision > Precision.DAY for p in parts):
            assert shown <= coarse, (locale, label)  # no invented day


# -- states -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> timeline.Timeline:
    """The shipped dataset."""
    return timeline.load(ROOT / "events")


def test_english_words_put_states_together_as_state_label(shipped: timeline.Timeline) -> None:
    """The catalog's English words build exactly `State.label`: the other languages follow
    the same pattern, so no part of a state is left out of a translation."""
    steps = [step for fold in folds(shipped).values() for step in fold.transitions()]
    assert steps
    for step in steps:
        for state in (step.before, step.after):
            assert state_words(state, "en") == state.label


def test_states_and_effects_are_translated(shipped: timeline.Timeline) -> None:
    """A state reads in the language asked for; English stays `State.label`."""
    fold = folds(shipped)["us-chip-export-controls"]
    state = fold.transitions()[0].after
    assert state_label(state) == state.label
    assert state_label(state, "fr").startswith("en vigueur depuis 7 octobre 2022")
    assert state_label(state, "de").startswith("in Kraft seit 7. Oktober 2022")
    assert effect_label(Effect.LOOSENED, "fr") == "assouplie"
    assert effect_label(Effect.LOOSENED) == "loosened"


def _datasets() -> list[timeline.Timeline]:
    return [
        timeline.load(ROOT / "events"),
        timeline.load(ROOT / "examples" / "eu-ai-act"),
    ]


_DAYS = [dt.date(y, m, 1) for y in (2022, 2023, 2024, 2025, 2026, 2027) for m in (1, 5, 8, 11)]


def test_english_words_rebuild_every_status_answer() -> None:
    """With the catalog's English words, provisions, next steps, reasons, pending items and
    changes read exactly as `timeline status` writes them in English: the other languages
    put the same pieces together."""
    seen = {"provision": 0, "next": 0, "reason": 0, "pending": 0, "change": 0}
    for data in _datasets():
        for day in _DAYS:
            for answer in data.status(day).values():
                for item in answer.provisions:
                    assert provision_label(item, "en") == item.label
                    seen["provision"] += 1
                assert next_text(answer, "en") == answer.next_text
                seen["next"] += answer.next_text is not None
                assert reason(answer, "en") == answer.reason
                seen["reason"] += answer.reason is not None
            for item in data.pending(day):
                assert pending_label(item, "en") == item.label
                seen["pending"] += 1
        for change in data.changes(dt.date(2000, 1, 1), dt.date(2030, 1, 1)):
            assert change_label(change, "en") == change.label
            seen["change"] += 1
    assert all(seen.values()), seen


def test_status_answers_are_translated() -> None:
    """A scheduled step and a provision read in the language asked for."""
    act = timeline.load(ROOT / "examples" / "eu-ai-act")
    answers = act.status(dt.date(2024, 9, 1)).values()
    texts = [next_text(a, "fr") for a in answers if a.next_text]
    assert texts
    assert all("2025" in t and "from" not in t for t in texts), texts
