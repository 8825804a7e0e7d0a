"""iCalendar (RFC 5545), both ways: calendars written from a timeline and events read back.

- `_write`: `write_ics` and `to_ics`, one VEVENT per event, byte-reproducible, and
  `feed_calendar`, what a named feed of `timeline.toml` holds and is called;
- `_read`: `read_ics` and `from_ics`, any calendar's VEVENTs as events and the records
  they need (a `timeline._imported.Imported`), parsed by `_parse` (tolerant, each file's
  zones its own) with the zones of `_zones` (each VTIMEZONE, within bounds);
- `_deadlines`: `write_deadlines` and `deadlines_ics`, the deadline feed: one all-day
  VEVENT per future date on which a policy or one of its provisions starts to bind;
- shared by both: `_lines`, content lines (the X-TIMELINE-* names, TEXT escaping and its
  inverse, folding), and `_dates`, where a `When` lands in a calendar.

What timeline writes beyond RFC 5545 (the exact date in `X-TIMELINE-WHEN`, the phrase
in `X-TIMELINE-SAID`) is read back, so a calendar timeline wrote imports unchanged.
The public names are re-exported by the package root: `timeline.to_ics` and the rest.
"""

from timeline._ics._deadlines import deadlines_ics, write_deadlines
from timeline._ics._read import from_ics, read_ics
from timeline._ics._write import FeedCalendar, feed_calendar, to_ics, write_ics

__all__ = [
    "FeedCalendar",
    "deadlines_ics",
    "feed_calendar",
    "from_ics",
    "read_ics",
    "to_ics",
    "write_deadlines",
    "write_ics",
]
