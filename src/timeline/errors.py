"""Every error timeline raises: one base class, subclasses that also inherit the built-ins.

Catching `TimelineError` catches everything this library raises on purpose; catching the
matching built-in (`ValueError`) still works for code that does not know about us.

This module imports nothing but the standard library's core, so the command line can
import it at start-up for free.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Iterable

    from timeline._model import Event

__all__ = [
    "DataError",
    "ExtractError",
    "IcsError",
    "ImportFileError",
    "InvalidFieldError",
    "LifecycleError",
    "Problem",
    "SiteError",
    "SkippedRecordError",
    "TimelineError",
    "UsageError",
    "WhenError",
]


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


class InvalidFieldError(TimelineError, ValueError):
    """A record's field holds a value the model refuses; `field` names it for the loaders.

    The message names the field; `reason` is the rest, which the loaders print after the
    key path they locate it at, so a file and code get the same words.

    >>> error = InvalidFieldError("id", "'Bad Id' is not a valid id")
    >>> error.field, error.reason, str(error)
    ('id', "'Bad Id' is not a valid id", "id: 'Bad Id' is not a valid id")
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class LifecycleError(TimelineError, ValueError):
    """A policy's events do not fold: an effect its state does not allow, or a contradiction.

    `load()` reports these as data problems; this error is for timelines built by hand.
    """

    def __init__(self, message: str, *, event: Event) -> None:
        super().__init__(message)
        self.event = event
        self.value = event.effect


class IcsError(TimelineError, ValueError):
    """A calendar cannot be written or read as asked (bad settings, unreadable .ics file)."""


class ImportFileError(TimelineError, ValueError):
    """A file to import cannot be read as the format it is taken for (no header row, not a
    TimelineJS document, not a Federal Register response, …); the message says what would
    work. A problem with one row or entry is a `SkippedRecordError` instead.
    """


class SkippedRecordError(TimelineError, ValueError):
    """One record of a file being imported cannot become a record; the message says why.

    Importers catch it, report the record as skipped with its reason and go on, so one bad
    row or calendar entry never costs the rest of the file.
    """


class ExtractError(TimelineError, ValueError):
    """An argument that drafting cannot work with, such as a source id that is not a slug."""


class SiteError(TimelineError, ValueError):
    """The site cannot be written where or as asked."""


class UsageError(TimelineError, ValueError):
    """The command line asks for something that cannot be done as written."""


class Problem:
    """One thing wrong with the data, located as precisely as the file format allows.

    >>> print(Problem(path="events/h200.toml", line=12, key="event[3].when", message="bad"))
    events/h200.toml:12: event[3].when: bad
    """

    __slots__ = ("key", "line", "message", "path", "value")

    def __init__(
        self,
        *,
        path: str,
        message: str,
        line: int | None = None,
        key: str = "",
        value: object = None,
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.key = key
        self.value = value

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"Problem(path={self.path!r}, message={self.message!r}, line={self.line!r}, "
            f"key={self.key!r}, value={self.value!r})"
        )

    def _fields(self) -> tuple[str, str, int | None, str, object]:
        return (self.path, self.message, self.line, self.key, self.value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((self.path, self.message, self.line, self.key))

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
