"""What an import gives: the records a file became, what was kept with a loss, what was skipped.

Every importer (calendars in `timeline._ics`, spreadsheets, TimelineJS, rule registers and
measures tables in `timeline._import`) returns one `Imported`, so the command line reports
and writes them all the same way: the records as a TOML data file to review (through
`timeline._toml.document`, so it loads back unchanged), the warnings and skipped records as
located lines, and a `timeline.toml` to suggest when the file had a title.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from timeline._model import Actor, Event, Place, Policy, Source
from timeline._text import counted, printable
from timeline._toml import document_pieces, string

__all__ = ["Ids", "Imported"]


class Ids:
    """Ids given out in one import: a repeat gets `-2`, `-3`, … in time linear in the repeats.

    >>> ids = Ids(["a"])
    >>> ids.take("a"), ids.take("a"), ids.take("b"), ids.take("a-2")
    ('a-2', 'a-3', 'b', 'a-2-2')
    """

    __slots__ = ("_next", "_taken")

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)
        self._next: dict[str, int] = {}

    def __contains__(self, id_: object) -> bool:
        return id_ in self._taken

    def take(self, base: str) -> str:
        """`base` if it is free, else the first free `base-N`; either way, taken from now on."""
        if base not in self._taken:
            self._taken.add(base)
            return base
        number = self._next.get(base, 2)
        while f"{base}-{number}" in self._taken:
            number += 1
        self._next[base] = number + 1
        found = f"{base}-{number}"
        self._taken.add(found)
        return found


def _escaped(messages: Iterable[str]) -> tuple[str, ...]:
    """Messages with their control characters escaped as `repr()` writes them."""
    return tuple(map(printable, messages))


@attrs.frozen(kw_only=True)
class Imported:
    """The records one file gives, in file order, and what happened on the way.

    `warnings` are things kept with a loss (a property that could not be read, text that had
    to be cut, an id renamed to avoid a clash); `skipped` are records left out, each with
    where it was and why. `name` and `description` are the file's own title, when it has one
    (a TimelineJS title slide), for the data folder's `timeline.toml`.

    >>> from timeline import Citation, Event, Source, When
    >>> source = Source(id="sheet", title="My sheet")
    >>> cite = (Citation(source="sheet"),)
    >>> event = Event(id="e", title="E", when=When.parse("2025-04"), cite=cite)
    >>> got = Imported(sources=(source,), events=(event,), skipped=("sheet.csv:row 3: no date",))
    >>> got.source.id, got.summary
    ('sheet', '1 event imported, 1 skipped')
    """

    sources: tuple[Source, ...]
    events: tuple[Event, ...]
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    policies: tuple[Policy, ...] = ()
    # Messages quote the file: their control characters are escaped here, once for every
    # importer, so no caller can print a file's terminal escapes by accident.
    warnings: tuple[str, ...] = attrs.field(default=(), converter=_escaped)
    skipped: tuple[str, ...] = attrs.field(default=(), converter=_escaped)
    name: str | None = None
    description: str | None = None
    command: str = "timeline import"

    @property
    def source(self) -> Source:
        """The first source: for a calendar, the one that stands for the file.

        Raises:
            IndexError: the import writes no source (every event cites the data folder's).
        """
        return self.sources[0]

    @property
    def records(self) -> tuple[Any, ...]:
        """Every record in the order a data file lists them: sources, actors, places, policies,
        then events."""
        return (*self.sources, *self.actors, *self.places, *self.policies, *self.events)

    @property
    def summary(self) -> str:
        """'12 events imported, 2 skipped': the last line the command prints."""
        text = f"{counted(len(self.events), 'event')} imported"
        if self.policies:
            text += f" for {counted(len(self.policies), 'policy', 'policies')}"
        return f"{text}, {len(self.skipped)} skipped"

    def to_toml(self) -> str:
        """The records as a TOML data file, with a header that says where they came from."""
        return "".join(self.toml_pieces())

    def toml_pieces(self) -> Iterator[str]:
        """`to_toml` a record at a time, for a writer that streams it."""
        header = [
            f"Imported by `{self.command}`: {self.summary}.",
            "Check ids, titles and dates, then add tags, actors and policies by hand.",
        ]
        return document_pieces(self.records, header=header)

    def settings_toml(self) -> str | None:
        """A `timeline.toml` naming the timeline after the file's title, if it has one."""
        if self.name is None:
            return None
        lines = [f"name = {string(self.name)}"]
        if self.description:
            lines.append(f"description = {string(self.description)}")
        return "\n".join(lines) + "\n"
