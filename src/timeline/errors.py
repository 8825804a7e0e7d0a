"""The errors timeline raises: one base class, a few subclasses that also inherit built-ins.

Catching `TimelineError` catches everything this library raises on purpose; catching the
matching built-in (`ValueError`) still works for code that does not know about us.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["DataError", "Problem", "TimelineError", "WhenError"]


class TimelineError(Exception):
    """Base class of every error timeline raises on purpose."""


class WhenError(TimelineError, ValueError):
    """A date notation that is not valid EDTF in timeline's subset.

    >>> WhenError.invalid("2025-13", "month 13 is neither 01–12 nor a season 21–24")
    WhenError("'2025-13' is not a valid date: month 13 is neither 01–12 nor a season 21–24")
    """

    def __init__(self, message: str, *, value: str, reason: str) -> None:
        super().__init__(message)
        self.value = value
        self.reason = reason

    @classmethod
    def invalid(cls, value: str, reason: str) -> WhenError:
        """Build the error with the one wording used everywhere."""
        return cls(f"{value!r} is not a valid date: {reason}", value=value, reason=reason)


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with the data, located as precisely as the file format allows.

    >>> print(Problem(path="events/h200.toml", line=12, key="event[3].when", message="bad"))
    events/h200.toml:12: event[3].when: bad
    """

    path: str
    message: str
    line: int | None = None
    key: str = ""
    value: object = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        """Order problems by file, then line, so reports read top to bottom."""
        return (self.path, self.line or 0, self.key, self.message)


class DataError(TimelineError, ValueError):
    """The data has problems; `problems` lists every one of them, not just the first.

    The first problem's `path`, `line`, `key` and `value` are repeated as attributes so that
    code handling a single problem does not need to look inside the list.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=lambda p: p.sort_key))
        if not self.problems:
            raise ValueError("DataError needs at least one problem")
        first = self.problems[0]
        self.path, self.line, self.key, self.value = first.path, first.line, first.key, first.value
        count = len(self.problems)
        header = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"{header} in the data:\n" + "\n".join(map(str, self.problems)))
