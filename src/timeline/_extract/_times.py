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
    if group(m, "noon"):
        hour, minute = (0, 0) if m["noon"].lower() == "midnight" else (12, 0)
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
    if zone is not None:
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


RESOLVERS: Final[dict[str, Resolver]] = {
    "clock": _r_clock,
}
