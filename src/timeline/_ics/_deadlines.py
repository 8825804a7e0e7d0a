"""The deadline feed: one all-day VEVENT per date on which a policy takes effect, one of its
provisions starts to apply, or a change to it takes effect, from a day on.

A compliance team subscribes once and sees every deadline the data records: "EU
Artificial Intelligence Act: general-purpose AI obligations applicable" on 2 August 2025.
The steps are `timeline.upcoming(as_of=day)`; the content lines are the calendar writer's
(`_write`, `_lines`), so the feed obeys the same RFC 5545 rules and is byte-reproducible
with `SOURCE_DATE_EPOCH`, which also fixes the day the feed starts from.

- UID `deadline/<event id>@<domain>`: stable, and never one of the main feed's UIDs (an
  event id holds no "/"); RELATED-TO names the event's own VEVENT there.
- A date known to the day is that day (an instant: the day written); anything less precise
  is a one-day marker on its first day whose SUMMARY says the real date, "(June 2026)", as
  in the main feed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Mapping
from typing import BinaryIO, Final

from timeline import _clock
from timeline._agenda import Change, upcoming
from timeline._ics._dates import local_note, utc_value
from timeline._ics._lines import escape_text, escape_utf8, fold, fold_utf8, raw
from timeline._ics._revise import Previous, Revisions
from timeline._ics._write import _head, _header, _quoted, stamp_from_environment
from timeline._labels import effect_label, when_label
from timeline._labels import step_text as local_step
from timeline._locale import chosen, message
from timeline._model import Source
from timeline._status import step_text
from timeline._timeline import Timeline
from timeline._when import Qualifier

__all__ = ["deadlines_ics", "feed_day", "write_deadlines"]

_DAY: Final = dt.timedelta(days=1)


def feed_day(zone: dt.tzinfo) -> dt.date:
    """The day a feed starts from: that of `SOURCE_DATE_EPOCH` in `zone` when it is set (a
    reproducible build), else today (the injectable clock).

    Raises:
        IcsError: SOURCE_DATE_EPOCH is set but is not a whole number of seconds.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return stamp_from_environment().astimezone(zone).date()
    return _clock.today(zone)


def _date(day: dt.date) -> str:
    return day.isoformat().replace("-", "")


def _vevent(
    change: Change,
    domain: str,
    stamp: bytes,
    sources: Mapping[str, Source],
    locale: str | None = None,
    revisions: Revisions | None = None,
) -> bytes:
    event, policy = change.event, change.policy
    when = event.when
    first, last = when.earliest, when.latest
    exact = first is not None and first == last and when.qualifier is Qualifier.NONE
    day = first if first is not None else last
    assert day is not None
    phrase = (
        step_text(change.step, dated=False)
        if locale is None
        else local_step(change.step, locale, dated=False)
    )
    summary = f"{policy.title}: {phrase}"
    details = [event.title]
    if event.summary:
        details.append(event.summary)
    if not exact:
        label = when_label(when, locale)
        summary += f" ({label})"
        details.append(local_note(when, day, label, locale))
    effect = "None" if event.effect is None else effect_label(event.effect, locale)
    details.append(
        message(locale, "deadline_policy", title=policy.title, id=policy.id, effect=effect)
    )
    details.append(message(locale, "ics_sources"))
    for citation in event.cite:
        source = sources.get(citation.source)
        details.append(_head(source) if source else f"• {citation.source}")
        _quoted(citation, details)
    lines = [
        b"BEGIN:VEVENT\r\n",
        fold_utf8(f"UID:deadline/{raw(event.id)}@{domain}".encode()),
        stamp,
        fold(f"DTSTART;VALUE=DATE:{_date(day)}"),
    ]
    if day < dt.date.max:
        lines.append(fold(f"DTEND;VALUE=DATE:{_date(day + _DAY)}"))
    lines += [
        fold_utf8(b"SUMMARY:" + escape_utf8(summary)),
        fold_utf8(b"DESCRIPTION:" + escape_utf8("\n".join(details))),
    ]
    url = event.url or policy.url
    if url:
        lines.append(fold_utf8(f"URL:{raw(url)}".encode()))
    lines += [
        fold("CATEGORIES:" + ",".join(escape_text(t) for t in ("deadline", *policy.tags))),
        fold_utf8(f"RELATED-TO;RELTYPE=SIBLING:{raw(event.id)}@{domain}".encode()),
        b"TRANSP:TRANSPARENT\r\n",
        b"END:VEVENT\r\n",
    ]
    return b"".join(lines) if revisions is None else revisions.revise(lines)


def write_deadlines(
    timeline: Timeline,
    out: BinaryIO,
    *,
    as_of: dt.date | None = None,
    name: str | None = None,
    policies: Iterable[str] | None = None,
    stamp: dt.datetime | None = None,
    locale: str | None = None,
    previous: Previous | None = None,
) -> None:
    """Write the deadline feed of `timeline` to a binary file: every date after `as_of`
    (default: `feed_day`) on which something starts to bind; its own text in the language
    of `locale` (default: the timeline's `locale`, else English). `previous` is the feed
    this one replaces, as for `write_ics`.

    Raises:
        IcsError: the timeline's `refresh` or SOURCE_DATE_EPOCH is malformed, or
            `previous` is not an iCalendar calendar.
        KeyError: `policies` names a policy the timeline does not have.
        ValueError: `locale` is not supported.
    """
    settings = timeline.settings
    tag = chosen(locale, settings.locale)
    day = feed_day(settings.zone) if as_of is None else as_of
    if stamp is None:
        stamp = stamp_from_environment()
    elif stamp.tzinfo is None or stamp.utcoffset() is None:
        raise TypeError(f"stamp {stamp!r} is naive; give it a tzinfo (e.g. datetime.UTC)")
    title = name or message(tag, "deadlines_name", name=settings.name)
    description = message(tag, "deadlines_description", day=day.isoformat())
    revisions = None if previous is None else Revisions.of(previous, utc_value(stamp))
    out.write(_header(title, description, settings.refresh, tag))
    domain = raw(settings.domain)
    stamp_line = fold(f"DTSTAMP:{utc_value(stamp)}")
    for change in upcoming(timeline, None, as_of=day, policies=policies):
        out.write(_vevent(change, domain, stamp_line, timeline.sources, tag, revisions))
    out.write(b"END:VCALENDAR\r\n")


def deadlines_ics(
    timeline: Timeline,
    *,
    as_of: dt.date | None = None,
    name: str | None = None,
    policies: Iterable[str] | None = None,
    stamp: dt.datetime | None = None,
    locale: str | None = None,
    previous: Previous | None = None,
) -> bytes:
    """The deadline feed as bytes: `write_deadlines` into memory, with the same keywords."""
    out = io.BytesIO()
    write_deadlines(
        timeline,
        out,
        as_of=as_of,
        name=name,
        policies=policies,
        stamp=stamp,
        locale=locale,
        previous=previous,
    )
    return out.getvalue()
