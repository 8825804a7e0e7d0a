"""Resolvers of clock times: "2 p.m.", "noon", "14:30 ET", "9 a.m. (Beijing time)".

A time is on the publication day until the finder gives it the day beside it or the day
named last in its paragraph; it is an instant only when the text names its zone.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Final

from timeline._extract import _words as vocab
from timeline._extract._context import Context
from timeline._extract._resolution import Resolution, Resolver, group


def _r_clock(m: re.Match[str], c: Context) -> Resolution | None:
    if group(m, "noon") and m["noon"].lower() == "midnight":
        # Midnight on a day is its end (T24:00), as TimeML writes it: "shortly before
        # midnight on Sunday" is late Sunday. Only "after midnight" in a clause about the
        # past is the start of the day: "called the strike shortly after midnight".
        after = _AFTER.search(c.text, max(0, c.start - 24), c.start) is not None
        hour, minute = (0, 0) if after and c.tense != "future" else (24, 0)
    elif group(m, "noon"):
        hour, minute = 12, 0
    elif group(m, "hour24"):
        hour, minute = int(m["hour24"]), int(m["minute24"])
    else:
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
        if hour > 12 or hour == 0:
            return None
        pm = m["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    zone = group(m, "zone")
    clock = (hour, minute, None if zone is None else " ".join(zone.lower().split()))
    return timed(c.published, clock)


def timed(day: dt.date, clock: tuple[int, int, str | None]) -> Resolution:
    """A clock time on a day: an instant when the zone is known, else only the day."""
    hour, minute, zone = clock
    timex = f"{day}T{hour:02d}:{minute:02d}"
    when = str(day)
    if zone is not None and hour < 24:  # the end of a day is drafted as the day
        spec = vocab.ZONES[zone]
        if spec.startswith(("+", "-")):
            offset = spec
        else:
            local = dt.datetime.combine(day, dt.time(hour, minute), zoneinfo.ZoneInfo(spec))
            delta = local.utcoffset() or dt.timedelta(0)
            sign, minutes = (
                ("-" if delta < dt.timedelta(0) else "+"),
                abs(delta) // dt.timedelta(minutes=1),
            )
            offset = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
        when = f"{timex}{'Z' if offset == '+00:00' else offset}"
    return Resolution(timex=timex, when=when, type="TIME", clock=clock)


_AFTER: Final = re.compile(r"\b(?:after|past)\s+(?:(?:just|shortly|well|soon)\s+)?$", re.IGNORECASE)


RESOLVERS: Final[dict[str, Resolver]] = {
    "clock": _r_clock,
}
