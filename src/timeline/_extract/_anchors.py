"""The pass that resolves phrases counted from a time mentioned before them.

"the previous year", "two days later", "that evening", "the quarter": a resolver marks
them with an `Anchor`, and this pass, reading the mentions in text order, counts each
from the last time mentioned before it *at its own precision*: "the next day" from the
last day named (not from a year named since), "the previous year" from the last year,
"the quarter" from the last quarter. A fiscal year named last makes "the previous year"
fiscal too. With nothing to count from, "that day" is unresolved (`XXXX-XX-XX`) while
"the next day" counts from publication.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

import attrs

from timeline._endpoint import add_months
from timeline._extract import _words as vocab
from timeline._extract._resolution import Anchor, Resolution, quarter_value, week, ym

__all__ = ["Anchors"]

_DAY: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK: Final = re.compile(r"(\d{4})-W(\d{2})")
_MONTH: Final = re.compile(r"(\d{4})-(\d{2})$")
_QUARTER: Final = re.compile(r"(\d{4})-Q([1-4])$")
_YEAR: Final = re.compile(r"(\d{4})(?:-(?:H[12]|SP|SU|FA|WI))?$")
_FISCAL: Final = re.compile(r"FY(\d{4})(?:-Q([1-4]))?$")


@attrs.define
class Anchors:
    """The last time mentioned at each precision, as the pass reads the mentions."""

    published: dt.date
    day: dt.date | None = None
    monday: dt.date | None = None  # of the last week named, or of the last day's week
    month: tuple[int, int] | None = None
    #: (fiscal?, year, quarter) of the last quarter named.
    quarter: tuple[bool, int, int] | None = None
    year: int | None = None
    fiscal: int | None = None
    #: Whether the last year-bearing mention was a fiscal year ("the previous year": FY).
    fiscal_last: bool = False
    #: The first day of the last time named, whatever its precision.
    start: dt.date | None = None

    def note(self, res: Resolution) -> None:
        """Remember a resolved DATE or TIME as the latest time at its precision."""
        if res.type not in {"DATE", "TIME"} or res.clock is not None:
            return  # a clock time has no day of its own until the finder joins it to one
        timex = res.timex
        if fiscal := _FISCAL.match(timex):
            self.fiscal, self.fiscal_last = int(fiscal[1]), True
            if fiscal[2]:
                self.quarter = (True, int(fiscal[1]), int(fiscal[2]))
            return
        try:
            year, start = self._note_calendar(timex)
        except ValueError:  # not a real day or week
            return
        if year is not None and year >= 1:
            self.year, self.fiscal_last, self.start = year, False, start

    def _note_calendar(self, timex: str) -> tuple[int | None, dt.date | None]:
        """Note a calendar value; its year and its first day (None for neither)."""
        if m := _DAY.match(timex):
            year, month = int(m[1]), int(m[2])
            self.day = dt.date(year, month, int(m[3]))
            self.monday = self.day - dt.timedelta(days=self.day.weekday())
            self.month = (year, month)
            return year, self.day
        if m := _WEEK.match(timex):
            self.monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return int(m[1]), self.monday
        if m := _MONTH.match(timex):
            year = int(m[1])
            self.month = (year, int(m[2]))
            return year, dt.date(year, int(m[2]), 1)
        if m := _QUARTER.match(timex):
            year = int(m[1])
            self.quarter = (False, year, int(m[2]))
            return year, dt.date(year, 3 * int(m[2]) - 2, 1)
        if m := _YEAR.match(timex):
            year = int(m[1])
            suffix = timex[5:]
            first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12, "H1": 1, "H2": 7}.get(suffix, 1)
            return year, dt.date(year, first_month, 1) if year >= 1 else None
        return None, None

    def resolve(self, a: Anchor) -> Resolution:
        """The value of an anchored phrase, counted from what was mentioned before it.

        Raises:
            ValueError, OverflowError: the value falls outside the years 1 to 9999.
        """
        p = self.published
        if a.unit == "fiscal":
            return Resolution(timex=f"FY{(self.fiscal or p.year) + a.delta}", when=None)
        if a.unit == "fiscal-quarter":
            return Resolution(timex=f"FY{self.fiscal or p.year}-Q{a.delta}", when=None)
        if a.unit == "year" and self.fiscal_last and self.fiscal is not None:
            return Resolution(timex=f"FY{self.fiscal + a.delta}", when=None)
        if a.unit in {"quarter", "latest-quarter"}:
            return self._quarter(a)
        if a.unit == "season":
            return self._season(a)
        if a.unit == "year":
            if self.year is None and a.deictic:
                return Resolution(timex="XXXX", when=None)
            value = f"{_checked((self.year or p.year) + a.delta + a.years):04d}"
            return Resolution(timex=value, when=value)
        if a.unit == "month":
            if self.month is None and a.deictic:
                return Resolution(timex="XXXX-XX", when=None)
            year, month = self.month or (p.year, p.month)
            moved = add_months(dt.date(_checked(year + a.years), month, 1), a.delta)
            value = ym(moved.year, moved.month)
            return Resolution(timex=value, when=value)
        if a.unit == "week":
            if self.monday is None and a.deictic:
                return Resolution(timex="XXXX-WXX", when=None)
            monday = self.monday or p - dt.timedelta(days=p.weekday())
            timex, when = week(monday + dt.timedelta(weeks=a.delta))
            return Resolution(timex=timex, when=when)
        if self.day is None and a.deictic:
            unknown = "XXXX-XX-XX" + (f"T{a.part}" if a.part else "")
            return Resolution(timex=unknown, when=None, type="TIME" if a.part else "DATE")
        day = (self.day or p) + dt.timedelta(days=a.delta)
        if a.years:
            day = _same_day(_checked(day.year + a.years), day)
        if a.part:
            return Resolution(timex=f"{day}T{a.part}", when=str(day), type="TIME")
        return Resolution(timex=str(day), when=str(day))

    def _season(self, a: Anchor) -> Resolution:
        """ "the following spring": the first spring to begin after the time last named."""
        assert a.season is not None
        code, number, first_month = vocab.SEASONS[a.season]
        base = self.start or self.published
        years = range(base.year - 2, base.year + 3)
        if a.delta > 0:
            year = min(y for y in years if dt.date(y, first_month, 1) > base)
        else:
            year = max(y for y in years if add_months(dt.date(y, first_month, 1), 3) <= base)
        return Resolution(timex=f"{_checked(year):04d}-{code}", when=f"{year:04d}-{number}")

    def _quarter(self, a: Anchor) -> Resolution:
        p = self.published
        if self.quarter is not None:
            fiscal, year, q = self.quarter
        elif a.unit == "latest-quarter":  # nothing named: the last quarter that has ended
            fiscal, year, q = False, p.year, (p.month - 1) // 3
        else:
            year, month = self.month or (p.year, p.month)
            fiscal, q = False, (month - 1) // 3 + 1
        index = year * 4 + q - 1 + a.delta
        year, q = _checked(index // 4 if a.year is None else a.year), index % 4 + 1
        if fiscal:
            return Resolution(timex=f"FY{year}-Q{q}", when=None)
        return quarter_value(year, q)


def _checked(year: int) -> int:
    if not 1 <= year <= 9999:
        raise ValueError(year)
    return year


def _same_day(year: int, day: dt.date) -> dt.date:
    """The same month and day in another year (28 February for 29 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
