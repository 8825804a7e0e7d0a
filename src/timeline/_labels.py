"""Labels for a reader of another language: dates at their precision, policy states, effects.

English labels are the ones `When.label` and `State.label` give, unchanged. Any other
language takes its dates from Babel's CLDR data, at exactly the precision the value has:
a month is written with CLDR's year-and-month pattern ("avril 2025", "2025年4月"), never as
a day; spans of one precision use CLDR's interval formats ("juin – décembre 2025"); a year
is CLDR's year pattern ("2025年"). CLDR has no seasons, decades, "since" or "about": those
few words are in `timeline._catalog`. Only labels change: sorting and the data never do.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Final

from timeline._endpoint import Endpoint, Precision, Qualifier, offset_label
from timeline._lifecycle import AMENDMENT_STEPS, Phase, Transition
from timeline._locale import babel, is_english, message
from timeline._model import Effect, Event
from timeline._when import When

if TYPE_CHECKING:
    from timeline._agenda import Change, Pending
    from timeline._lifecycle import State
    from timeline._status import ProvisionStatus, Status

__all__ = [
    "SKELETONS",
    "change_label",
    "date_text",
    "day_label",
    "effect_label",
    "end_label",
    "next_text",
    "pending_label",
    "phase_label",
    "provision_label",
    "reason",
    "state_label",
    "state_words",
    "step_text",
    "when_label",
]

#: The CLDR skeleton each precision is written with ('d' only where the day is known).
SKELETONS: Final = {
    Precision.SECOND: "yMMMMd",
    Precision.MINUTE: "yMMMMd",
    Precision.DAY: "yMMMMd",
    Precision.MONTH: "yMMMM",
    Precision.YEAR: "y",
    Precision.CENTURY: "y",
}
_SEASON_WORDS: Final = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_QUALIFIED: Final = {
    Qualifier.APPROXIMATE: "approximate",
    Qualifier.UNCERTAIN: "uncertain",
    Qualifier.BOTH: "approximate_uncertain",
}
_QUOTED: Final = re.compile(r"'([^']*)'")


@functools.lru_cache(maxsize=65_536)  # reports ask for the same parsed dates again and again
def when_label(when: When, locale: str | None = None) -> str:
    """`when.label` in the language of `locale` (English when None).

    >>> when_label(When.parse("2025-04"), "fr"), when_label(When.parse("201X"), "fr")
    ('avril 2025', 'les années 2010')
    >>> when_label(When.parse("2025-06/2025-12"), "de"), when_label(When.parse("2021~"), "fr")
    ('Juni–Dezember 2025', 'vers 2021')
    """
    if is_english(locale):
        return when.label
    assert locale is not None
    zone = f" {when.tz}" if when.tz else ""
    if not when.is_interval:
        assert when.start is not None
        return _end(when.start, locale) + zone
    if when.start is None:
        assert when.end is not None
        return message(locale, "until", _end(when.end, locale)) + zone
    if when.end is None:
        return message(locale, "since", _end(when.start, locale)) + zone
    return _span(when.start, when.end, locale) + zone


def day_label(day: dt.date, locale: str | None = None) -> str:
    """A day as the status answers write it: '2 May 2024', '2 mai 2024'."""
    return when_label(When.from_date(day), locale)


def end_label(part: Endpoint, locale: str) -> str:
    """One end at its precision, its qualifier included but not its time of day, as a
    chart's band names a step's date: '2 août 2026', 'vers 2021'."""
    if part.time is None:
        return _end(part, locale)
    text = str(babel().format_date(part.first_day, "long", locale=locale))
    key = _QUALIFIED.get(part.qualifier)
    return text if key is None else message(locale, key, text)


def _end(part: Endpoint, locale: str, *, with_offset: bool = True) -> str:
    """One end, its qualifier included."""
    text = _bare(part, locale, with_offset=with_offset)
    key = _QUALIFIED.get(part.qualifier)
    return text if key is None else message(locale, key, text)


@functools.lru_cache(maxsize=65_536)  # the ends of many spans are the same few values
def _bare(part: Endpoint, locale: str, *, with_offset: bool = True) -> str:
    """One end without its qualifier, at its precision."""
    dates = babel()
    p = part.precision
    if p is Precision.CENTURY:  # 19XX is the hundred years 1900-1999
        first, last = dt.date(part.year, 1, 1), dt.date(part.year + 99, 1, 1)
        return str(dates.format_interval(first, last, "y", locale=locale))
    if p is Precision.DECADE:
        return message(locale, "decade", year=part.year)
    if p is Precision.SEASON:
        assert part.season is not None
        year = str(part.year)
        if part.season == 24:  # winter runs into the next year
            year = f"{part.year}–{(part.year + 1) % 100:02d}"
        season = message(locale, _SEASON_WORDS[part.season])
        return message(locale, "season", season=season, year=year)
    if p is Precision.YEAR or p is Precision.MONTH:
        return str(dates.format_skeleton(SKELETONS[p], part.first_day, locale=locale))
    text = str(dates.format_date(part.first_day, "long", locale=locale))
    if part.time is None:
        return text
    text = _at(text, part.clock, locale)
    if part.offset is not None and with_offset:
        text += offset_label(part.offset)
    return text


def _at(day: str, clock: str, locale: str) -> str:
    """A day and a time of day, joined as CLDR's date-time pattern joins them."""
    return _patterns(locale)[0].replace("{1}", day).replace("{0}", clock)


def _range(first: str, last: str, locale: str) -> str:
    """Two labels as CLDR's fallback interval pattern joins them ('{0} – {1}')."""
    return _patterns(locale)[1].replace("{0}", first).replace("{1}", last)


@functools.cache
def _patterns(locale: str) -> tuple[str, str]:
    """CLDR's long date-time pattern (quotes read) and its fallback interval pattern."""
    from babel import Locale

    joined = str(babel().get_datetime_format("long", locale=locale))
    joined = _QUOTED.sub(lambda found: found.group(1) or "'", joined)
    interval = str(Locale.parse(locale).interval_formats.get(None, "{0} – {1}"))
    return joined, interval


def _span(start: Endpoint, end: Endpoint, locale: str) -> str:
    """A closed span: CLDR's interval format where both ends share a precision and are
    plain dates, else the two labels joined; a span from a date to itself is that date, and
    one day with a time at one end or both names the day once, as `When.label` does."""
    if start.notation() == end.notation():  # from a date to the same date: that date
        return _end(start, locale)
    if start.time is not None and end.time is not None and start.offset == end.offset:
        zone = "" if start.offset is None else offset_label(start.offset)
        if start.first_day == end.first_day:
            day = str(babel().format_date(start.first_day, "long", locale=locale))
            return _at(day, _range(start.clock, end.clock, locale), locale) + zone
        opening, closing = (_end(p, locale, with_offset=False) for p in (start, end))
        return _range(opening, closing, locale) + zone
    plain = start.qualifier is Qualifier.NONE and end.qualifier is Qualifier.NONE
    untimed = start.time is None and end.time is None
    one_day = start.day is not None and end.day is not None and start.first_day == end.first_day
    if plain and not untimed and one_day:  # one day, a time at one end or both
        return _same_day(start, end, locale)
    same = start.precision is end.precision
    if plain and untimed and same and start.precision in (Precision.DAY, Precision.MONTH):
        skeleton = SKELETONS[start.precision]
        found = babel().format_interval(start.first_day, end.first_day, skeleton, locale=locale)
        return str(found)
    if plain and untimed and same and start.precision is Precision.YEAR:
        first, last = dt.date(start.year, 1, 1), dt.date(end.year, 1, 1)
        return str(babel().format_interval(first, last, "y", locale=locale))
    return _range(_end(start, locale), _end(end, locale), locale)


def _same_day(start: Endpoint, end: Endpoint, locale: str) -> str:
    """'1 septembre 2025, à partir de 10:00', '…, jusqu’à 11:00', '1 septembre 2025 à
    10:00 UTC+02:00 – 11:00 UTC+03:00': the day once, like `When.label`'s English."""
    day = str(babel().format_date(start.first_day, "long", locale=locale))

    def clock(end: Endpoint) -> str:
        return end.clock + ("" if end.offset is None else offset_label(end.offset))

    if start.time is None:
        return message(locale, "day_until", day=day, clock=clock(end))
    if end.time is None:
        return message(locale, "day_from", day=day, clock=clock(start))
    return _at(day, _range(clock(start), clock(end), locale), locale)


# -- policies ---------------------------------------------------------------------------------


def phase_label(phase: Phase, locale: str | None = None) -> str:
    """'in force', 'en vigueur'."""
    return str(phase) if is_english(locale) else message(locale, f"phase.{phase.value}")


def effect_label(effect: Effect, locale: str | None = None) -> str:
    """An event's effect on its policy: 'tightened', 'renforcée'."""
    return effect.value if is_english(locale) else message(locale, f"effect.{effect.value}")


def state_label(state: State, locale: str | None = None) -> str:
    """`state.label` in the language of `locale`."""
    return state.label if is_english(locale) else state_words(state, locale)


def state_words(state: State, locale: str | None) -> str:
    """A state's label put together from the catalog's words (English gives `state.label`:
    tests/test_labels.py checks that the two agree)."""

    def phase(value: Phase) -> str:
        return message(locale, f"phase.{value.value}")

    def effect(value: Effect | None) -> str:
        assert value is not None
        return message(locale, f"effect.{value.value}")

    def since(event: Event | None) -> str:
        assert event is not None
        return message(locale, "state_since", date=when_label(event.when, locale), id=event.id)

    if state.since is None:
        return phase(state.phase)
    if state.phase is Phase.ENDED:
        return message(
            locale, "state_ended", effect=effect(state.since.effect), since=since(state.since)
        )
    text = f"{phase(state.phase)} {since(state.since)}"
    if state.phase in (Phase.NOT_ANNOUNCED, Phase.PROPOSED, Phase.ANNOUNCED, Phase.ADOPTED):
        return message(locale, "state_not_in_force", state=text)
    if state.change is not None and state.phase is Phase.IN_FORCE:
        text = message(
            locale,
            "state_change",
            state=text,
            effect=effect(state.change.effect),
            since=since(state.change),
        )
    if state.amendment is not None:
        word = state.amendment.effect
        word = Effect.ADOPTED if word is Effect.ENACTED else word
        text = message(
            locale, "state_amendment", state=text, effect=effect(word), since=since(state.amendment)
        )
    if state.phase is Phase.IN_FORCE and state.phased:
        if state.applying:
            names = message(locale, "ics_list").join(
                state.title(e.provision or "") for e in state.applying
            )
            text = message(locale, "state_applicable", state=text, names=names)
        else:
            key = "state_none_any_more" if state.ceased else "state_none_yet"
            text = message(locale, key, state=text)
    return text


# -- the status answers: scheduled steps, provisions, reasons, pending items, changes ----------


def date_text(when: When, locale: str | None = None) -> str:
    """`_status.date_text` in the language of `locale`: a scheduled step's date, with the
    days it may fall between when it is less precise than a day."""
    first, last = when.earliest, when.latest
    label = when_label(when, locale)
    if first is not None and first == last:
        return label
    if first is not None and last is not None:
        return message(
            locale,
            "uncertain_span",
            label=label,
            first=day_label(first, locale),
            last=day_label(last, locale),
        )
    if first is not None:
        return message(locale, "uncertain_after", label=label, first=day_label(first, locale))
    assert last is not None
    return message(locale, "uncertain_before", label=label, last=day_label(last, locale))


#: Steps whose date reads "from …" ('tightened from 1 May'); the others read it bare.
_FROM: Final = frozenset(
    {
        Effect.TIGHTENED,
        Effect.LOOSENED,
        Effect.SUSPENDED,
        Effect.REINSTATED,
        Effect.RESCINDED,
        Effect.APPLIES,
        Effect.CEASES,
    }
)


def step_text(step: Transition, locale: str | None = None, *, dated: bool = True) -> str:
    """`_status.step_text` in the language of `locale`: 'takes effect 2 May 2024'."""
    effect = step.effect
    title = step.after.title(step.event.provision or "")
    uses_from = effect in _FROM
    if effect is Effect.APPLIES:
        phrase = message(locale, "step_applicable", title=title)
    elif effect is Effect.CEASES:
        phrase = message(locale, "step_not_applicable", title=title)
    elif effect in AMENDMENT_STEPS and step.after.amendment is step.event:
        phrase = message(locale, "step_amendment", effect=message(locale, f"step.{effect}"))
        uses_from = False
    elif (
        effect is not Effect.REINSTATED
        and step.after.phase is Phase.IN_FORCE
        and step.before.phase is not Phase.IN_FORCE
    ):
        phrase, uses_from = message(locale, "step_takes_effect"), False
    else:
        phrase = message(locale, f"step.{effect}")
    if not dated:
        return phrase
    date = date_text(step.event.when, locale)
    return message(locale, "step_from" if uses_from else "step_on", phrase=phrase, date=date)


def next_text(answer: Status, locale: str | None = None) -> str | None:
    """`Status.next_text` in the language of `locale` (None: the English one itself)."""
    if locale is None:
        return answer.next_text
    step = answer.next
    if step is None:
        return None
    return message(locale, "step_id", step=step_text(step, locale), id=step.event.id)


def provision_label(item: ProvisionStatus, locale: str | None = None) -> str:
    """`ProvisionStatus.label` in the language of `locale` (None: the English one itself)."""
    if locale is None:
        return item.label
    if item.ended:
        text = message(locale, "prov_ended")
    elif item.applies is None:
        text = message(locale, "prov_uncertain")
    elif item.applies:
        since = item.since
        text = (
            message(locale, "prov_applicable")
            if since is None
            else message(locale, "prov_since", date=when_label(since.when, locale), id=since.id)
        )
    elif item.since is not None:
        date = when_label(item.since.when, locale)
        text = message(locale, "prov_no_longer", date=date, id=item.since.id)
    else:
        text = message(locale, "prov_pending" if item.next else "prov_no_date")
    if item.next is not None:
        step = item.next
        key = "prov_next_applies" if step.effect is Effect.APPLIES else "prov_next_ceases"
        date = date_text(step.event.when, locale)
        text = message(locale, key, text=text, date=date, id=step.event.id)
    return text


def reason(answer: Status, locale: str | None = None) -> str | None:
    """`Status.reason` in the language of `locale` (None: the English one itself)."""
    if locale is None:
        return answer.reason
    if answer.certain:
        return None
    day = day_label(answer.as_of, locale)
    return message(locale, "reasons").join(
        message(
            locale,
            "reason",
            id=repr(e.id),
            effect=effect_label(e.effect, locale) if e.effect else message(locale, "no_effect"),
            date=when_label(e.when, locale),
            day=day,
        )
        for e in answer.pending
    )


def pending_label(item: Pending, locale: str | None = None) -> str:
    """`Pending.label` in the language of `locale` (None: the English one itself)."""
    if locale is None:
        return item.label
    if item.kind == "provision":
        assert item.provision is not None
        text = message(locale, "pending_provision", title=item.provision.title)
    else:
        assert item.step is not None
        assert item.step.effect is not None
        word = Effect.ADOPTED if item.step.effect is Effect.ENACTED else item.step.effect
        since = message(
            locale, "state_since", date=when_label(item.step.when, locale), id=item.step.id
        )
        key = "pending_policy" if item.kind == "policy" else "pending_amendment"
        text = message(locale, key, effect=effect_label(word, locale), since=since)
    due = item.due
    if due is not None and item.kind == "provision":
        date = date_text(due.event.when, locale)
        text = message(locale, "pending_applicable_from", text=text, date=date, id=due.event.id)
    elif due is not None:
        step = step_text(due, locale)
        text = message(locale, "pending_due", text=text, step=step, id=due.event.id)
    elif item.kind != "amendment":
        text = message(locale, "pending_no_date", text=text)
    return text if item.certain else message(locale, "perhaps", text=text)


def change_label(change: Change, locale: str | None = None) -> str:
    """`Change.label` in the language of `locale` (None: the English one itself)."""
    if locale is None:
        return change.label
    text = message(
        locale,
        "change",
        policy=change.policy.id,
        text=step_text(change.step, locale),
        id=change.event.id,
    )
    return text if change.certain else message(locale, "change_outside", text=text)
