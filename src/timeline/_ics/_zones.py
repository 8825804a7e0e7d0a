"""A calendar's own time zones: each VTIMEZONE of a file, as a `tzinfo` for that file only.

Outlook and Exchange name zones their own way (`GMT Standard Time`, `Customized Time Zone`)
and define them in the file; some writers misspell IANA names (`America/New_Yrok`). Such a
TZID means what its VTIMEZONE says, so each file's zones are read from that file, never from
a cache another file filled (see `timeline._ics._parse`).

Expansion is bounded. A zone changes its offset a few times a year, and every writer states
the change the same way: yearly, in given months, on a day of the month or an nth weekday
(`FREQ=YEARLY;BYMONTH=3;BYDAY=2SU`). So an observance's RRULE is read as exactly that
(`FREQ=YEARLY` with `INTERVAL`, `BYMONTH`, `BYDAY`, `BYMONTHDAY`, one `BYHOUR`,
`BYMINUTE` and `BYSECOND`, `UNTIL`, `COUNT`), which
costs the same for any year; anything else (`FREQ=MINUTELY`, `BYSETPOS`) is refused with the
reason, as are more than `MAX_RDATES` RDATEs, and the events that use such a zone are
skipped saying why. Nothing runs for minutes, and a rule that never matches (30 February)
costs no more than one that does.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Final

from timeline.errors import SkippedRecordError

__all__ = ["MAX_RDATES", "FileZone", "Zones"]

#: The most RDATE onsets one observance may list.
MAX_RDATES: Final = 1_000
#: The most onsets a rule with COUNT may give (a zone needs a few hundred at most).
_MAX_COUNT: Final = 20_000
_DAY: Final = dt.timedelta(days=1)
_WEEKDAYS: Final = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_PARTS: Final = frozenset(
    {"FREQ", "INTERVAL", "BYMONTH", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "BYSECOND",
     "UNTIL", "COUNT", "WKST"}
)  # fmt: skip
_BYDAY: Final = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL: Final = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?")


class _Rule:
    """A yearly zone rule: the onsets it gives in any one year, worked out for that year."""

    def __init__(self, text: str, start: dt.datetime) -> None:
        parts: dict[str, str] = {}
        for piece in text.upper().split(";"):
            name, _, value = piece.partition("=")
            parts[name.strip()] = value.strip()
        frequency = parts.get("FREQ", "none")
        if frequency != "YEARLY":
            raise ValueError(
                f"an observance repeats with FREQ={frequency}; a zone changes its offset a few "
                "times a year, and zone rules repeat yearly (FREQ=YEARLY)"
            )
        unknown = sorted(set(parts) - _PARTS)
        if unknown:
            raise ValueError(
                f"its RRULE uses {', '.join(unknown)}, which zone rules do not need; timeline "
                "reads INTERVAL, BYMONTH, BYDAY, BYMONTHDAY, a BYHOUR, BYMINUTE and BYSECOND "
                "(Lotus Notes writes them), UNTIL and COUNT"
            )
        clock = []
        for part, default, high in (("BYHOUR", start.hour, 23), ("BYMINUTE", start.minute, 59),
                                    ("BYSECOND", start.second, 59)):  # fmt: skip
            values = _list(parts.get(part))
            if len(values) > 1:
                raise ValueError(f"its {part} gives more than one time a day")
            clock.append(_number(values[0], 0, high, part, zero=True) if values else default)
        self.clock = dt.time(clock[0], clock[1], clock[2])
        self.start = start
        self.interval = _number(parts.get("INTERVAL", "1"), 1, 1000, "INTERVAL")
        self.months = [_number(m, 1, 12, "BYMONTH") for m in _list(parts.get("BYMONTH"))] or [
            start.month
        ]
        self.monthdays = [_number(d, -31, 31, "BYMONTHDAY") for d in _list(parts.get("BYMONTHDAY"))]
        self.weekdays: list[tuple[int | None, int]] = []
        for item in _list(parts.get("BYDAY")):
            found = _BYDAY.fullmatch(item)
            if found is None:
                raise ValueError(f"its BYDAY {item!r} is not a weekday such as 2SU or -1SU")
            nth = int(found.group(1)) if found.group(1) else None
            if nth is not None and not (1 <= abs(nth) <= 5):
                raise ValueError(f"its BYDAY {item!r} asks for week {nth} of a month")
            self.weekdays.append((nth, _WEEKDAYS[found.group(2)]))
        if "BYMONTH" not in parts and any(nth is not None for nth, _ in self.weekdays):
            raise ValueError("its RRULE numbers weekdays (BYDAY=2SU) without BYMONTH")
        self.until: dt.datetime | None = None
        if "UNTIL" in parts:
            found = _UNTIL.fullmatch(parts["UNTIL"])
            if found is None:
                raise ValueError(f"its UNTIL {parts['UNTIL']!r} is not a date or date-time")
            # UNTIL may be in UTC while onsets are wall times: an error of hours, on onsets
            # months apart.
            numbers = [int(g) for g in found.groups() if g is not None]
            try:
                self.until = dt.datetime(*numbers)  # type: ignore[arg-type]  # noqa: DTZ001 - a wall time
            except ValueError as error:
                raise ValueError(f"its UNTIL {parts['UNTIL']!r} is not a date ({error})") from error
            if len(numbers) == 3:
                self.until += _DAY - dt.timedelta(seconds=1)
        self.listed: list[dt.datetime] | None = None
        if "COUNT" in parts:
            count = _number(parts["COUNT"], 1, _MAX_COUNT, "COUNT")
            listed: list[dt.datetime] = []
            for year in range(start.year, dt.MAXYEAR + 1):
                listed += self._year(year)
                if len(listed) >= count:
                    break
            self.listed = listed[:count]

    def in_year(self, year: int) -> list[dt.datetime]:
        """The rule's onsets in `year`, in order."""
        if self.listed is not None:
            return [onset for onset in self.listed if onset.year == year]
        return self._year(year)

    def last_before(self, year: int) -> dt.datetime | None:
        """The rule's last onset in a year before `year`, if any."""
        high = year - 1 if self.until is None else min(year - 1, self.until.year)
        for earlier in range(min(high, dt.MAXYEAR), self.start.year - 1, -1):
            found = self.in_year(earlier)
            if found:
                return found[-1]
        return None

    def _year(self, year: int) -> list[dt.datetime]:
        start = self.start
        if year < start.year or (year - start.year) % self.interval:
            return []
        if self.until is not None and year > self.until.year:
            return []
        found = []
        for month in self.months:
            last = calendar.monthrange(year, month)[1]
            days = set(range(1, last + 1))
            if self.monthdays:
                days &= {d if d > 0 else last + 1 + d for d in self.monthdays}
            if self.weekdays:
                days &= self._weekdays(year, month, last)
            if not self.monthdays and not self.weekdays:
                days &= {start.day}
            for day in sorted(days):
                onset = dt.datetime.combine(dt.date(year, month, day), self.clock)
                if onset >= start and (self.until is None or onset <= self.until):
                    found.append(onset)
        return found

    def _weekdays(self, year: int, month: int, last: int) -> set[int]:
        first = dt.date(year, month, 1).weekday()
        days: set[int] = set()
        for nth, weekday in self.weekdays:
            matching = [d for d in range(1, last + 1) if (first + d - 1) % 7 == weekday]
            if nth is None:
                days.update(matching)
            elif abs(nth) <= len(matching):
                days.add(matching[nth - 1] if nth > 0 else matching[nth])
        return days


class _Observance:
    """One STANDARD or DAYLIGHT block: from each of its onsets on, the offset is `offset`."""

    __slots__ = ("before", "offset", "rdates", "rule", "start")

    def __init__(self, component: Any) -> None:
        for name, message in getattr(component, "errors", ()):
            raise ValueError(f"its {component.name} {name or 'line'} cannot be read ({message})")
        try:
            start = component["DTSTART"].dt
            self.before: dt.timedelta = component["TZOFFSETFROM"].td
            self.offset: dt.timedelta = component["TZOFFSETTO"].td
        except (KeyError, AttributeError, TypeError) as error:
            raise ValueError(
                f"its {component.name} lacks a readable DTSTART, TZOFFSETFROM or TZOFFSETTO"
            ) from error
        for offset in (self.before, self.offset):
            if abs(offset) >= _DAY:
                raise ValueError(f"its offset {offset} is not a UTC offset (less than a day)")
        if not isinstance(start, dt.datetime):
            start = dt.datetime.combine(start, dt.time())
        self.start: dt.datetime = start.replace(tzinfo=None)
        self.rule = (
            _Rule(_first(component["RRULE"]).to_ical().decode(), self.start)
            if "RRULE" in component
            else None
        )
        rdates = [self.start] if self.rule is None else []
        for prop in _all(component.get("RDATE")):
            for leaf in getattr(prop, "dts", ()):
                value = leaf.dt
                if isinstance(value, tuple):  # a PERIOD: its start
                    value = value[0]
                if not isinstance(value, dt.datetime):
                    value = dt.datetime.combine(value, dt.time())
                rdates.append(value.replace(tzinfo=None))
                if len(rdates) > MAX_RDATES:
                    raise ValueError(f"an observance lists more than {MAX_RDATES:,} RDATEs")
        self.rdates = sorted(rdates)

    def onsets(self, year: int) -> list[dt.datetime]:
        """Wall times at which this observance starts in `year - 1` and `year`, and the last
        one before those."""
        found = [onset for onset in self.rdates if onset.year in (year - 1, year)]
        earlier = [onset for onset in self.rdates if onset.year < year - 1][-1:]
        if self.rule is not None:
            for each in (year - 1, year):
                if each >= 1:
                    found += self.rule.in_year(each)
            last = self.rule.last_before(year - 1)
            if last is not None:
                earlier = sorted([*earlier, last])[-1:]
        return [*earlier, *found]


class FileZone(dt.tzinfo):
    """A zone as one file's VTIMEZONE defines it; offsets are worked out a year at a time."""

    def __init__(self, tzid: str, observances: Iterable[_Observance]) -> None:
        self.tzid = tzid
        self._observances = tuple(observances)
        self._years: dict[int, tuple[list[dt.datetime], list[dt.timedelta]]] = {}
        first = min(self._observances, key=lambda o: o.start)
        self._initial = first.before

    def _transitions(self, year: int) -> tuple[list[dt.datetime], list[dt.timedelta]]:
        """Transitions that can apply in `year`, as UTC wall times and the offsets they bring."""
        cached = self._years.get(year)
        if cached is not None:
            return cached
        changes = sorted(
            (onset - observance.before, observance.offset)
            for observance in self._observances
            for onset in observance.onsets(year)
        )
        result = ([moment for moment, _ in changes], [offset for _, offset in changes])
        if len(self._years) < 1024:
            self._years[year] = result
        return result

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta:
        if moment is None:
            return self._initial
        wall = moment.replace(tzinfo=None)
        moments, offsets = self._transitions(wall.year)
        # The latest transition that has happened by this wall time (read in its new offset);
        # in a gap the offset before it, and in a repeated hour the earlier reading, both as
        # zoneinfo does for fold=0.
        try:
            latest = wall - min(offsets, default=self._initial)
        except OverflowError:
            latest = dt.datetime.max  # noqa: DTZ901 - compared with wall times
        index = bisect.bisect_right(moments, latest) - 1
        while index >= 0 and not _after(wall, offsets[index], moments[index]):
            index -= 1
        if index >= 1 and _after(wall, offsets[index - 1], moments[index - 1]):
            try:
                if wall - offsets[index - 1] < moments[index]:
                    index -= 1  # the hour happens twice: the first time
            except OverflowError:
                pass
        return offsets[index] if index >= 0 else self._initial

    def dst(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, moment: dt.datetime | None) -> str:
        return self.tzid

    def __repr__(self) -> str:
        return f"FileZone({self.tzid!r})"


class Zones:
    """The VTIMEZONEs of one file, by TZID, each built (and checked) when an event needs it."""

    def __init__(self, blocks: Iterable[Any]) -> None:
        """`blocks`: the file's VTIMEZONE components in file order; the first of a TZID counts."""
        self._blocks: dict[str, Any] = {}
        for block in blocks:
            tzid = str(block.get("TZID", ""))
            if tzid:
                self._blocks.setdefault(tzid, block)
        self._built: dict[str, FileZone | str] = {}

    def __contains__(self, tzid: object) -> bool:
        return tzid in self._blocks

    def get(self, tzid: str) -> FileZone:
        """The file's zone `tzid`.

        Raises:
            SkippedRecordError: the file defines no such zone, or defines it beyond the bounds.
        """
        built = self._built.get(tzid)
        if built is None:
            built = self._build(tzid)
            self._built[tzid] = built
        if isinstance(built, str):
            raise SkippedRecordError(built)
        return built

    def _build(self, tzid: str) -> FileZone | str:
        block = self._blocks.get(tzid)
        if block is None:
            return (
                f"the zone {tzid!r} is neither an IANA zone nor defined by a VTIMEZONE in the file"
            )
        try:
            observances = [
                _Observance(part)
                for part in block.subcomponents
                if part.name in ("STANDARD", "DAYLIGHT")
            ]
        except ValueError as error:
            return f"the file's VTIMEZONE {tzid!r} is refused: {error}"
        if not observances:
            return f"the file's VTIMEZONE {tzid!r} has no STANDARD or DAYLIGHT block"
        return FileZone(tzid, observances)


def _after(wall: dt.datetime, offset: dt.timedelta, moment: dt.datetime) -> bool:
    """Whether `wall`, read at `offset`, is at or after the UTC wall time `moment`."""
    try:
        return wall - offset >= moment
    except OverflowError:
        return offset < dt.timedelta(0)


def _number(text: str, low: int, high: int, part: str, *, zero: bool = False) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"its {part} {text!r} is not a number") from None
    if not low <= value <= high or (value == 0 and not zero):
        raise ValueError(f"its {part} {value} is outside {low}–{high}")
    return value


def _list(text: str | None) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()] if text else []


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value


def _all(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
