"""The one place timeline asks what day it is, so tests and users can freeze it.

Every default "as of today" goes through `today()`; `frozen_today()` overrides it for the
code run inside it (per thread and per asyncio task, through a context variable). The
moment a reproducible build stamps its files with (`SOURCE_DATE_EPOCH`) is read here too,
with one rule for every command.

>>> import datetime as dt
>>> with frozen_today(dt.date(2025, 12, 31)):
...     today()
datetime.date(2025, 12, 31)
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import os
import re
from collections.abc import Iterator
from typing import Final

__all__ = ["frozen_today", "source_date_epoch", "today"]

#: The last second a date can hold (9999-12-31T23:59:59Z), as seconds since 1970.
_LAST_SECOND: Final = 253_402_300_799

_FROZEN: Final[contextvars.ContextVar[dt.date | None]] = contextvars.ContextVar(
    "timeline_today", default=None
)


def today(zone: dt.tzinfo = dt.UTC) -> dt.date:
    """Today's date in `zone` (the timeline's default zone), or the frozen date if one is set."""
    frozen = _FROZEN.get()
    if frozen is not None:
        return frozen
    return dt.datetime.now(zone).date()


@contextlib.contextmanager
def frozen_today(day: dt.date) -> Iterator[dt.date]:
    """Make `today()` return `day` inside the `with` block; blocks nest and restore.

    Raises:
        TypeError: `day` is a datetime or not a date; "today" is a calendar day.
    """
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"frozen_today() takes a datetime.date, not {day!r}")
    token = _FROZEN.set(day)
    try:
        yield day
    finally:
        _FROZEN.reset(token)


def source_date_epoch() -> int | None:
    """`SOURCE_DATE_EPOCH` (reproducible-builds.org) as seconds since 1970; None when unset.

    Raises:
        ValueError: it is set but is not ASCII digits naming a second from 1970 to 9999.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,12}", value, re.ASCII) or int(value) > _LAST_SECOND:
        raise ValueError(
            f"SOURCE_DATE_EPOCH={value[:40]!r} is not a number of seconds since 1970 (digits "
            "0-9, up to the year 9999); set it to e.g. $(git log -1 --format=%ct) or unset it"
        )
    return int(value)
