"""The one place timeline asks what day it is, so tests and users can freeze it.

Every default "as of today" goes through `today()`; `frozen_today()` overrides it for the
code run inside it (per thread and per asyncio task, through a context variable).

>>> import datetime as dt
>>> with frozen_today(dt.date(2025, 12, 31)):
...     today()
datetime.date(2025, 12, 31)
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator
from typing import Final

__all__ = ["frozen_today", "today"]

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
