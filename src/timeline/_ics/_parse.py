"""Parsing a calendar file so that one bad property costs a warning, never the event or the file.

`icalendar` parses; this module changes three things about how, for calendars read back:

- **Tolerance everywhere.** icalendar tolerates a bad property only in a VEVENT; one in a
  VALARM (`TRIGGER:PT-2H`), a VTIMEZONE or the VCALENDAR itself stops the whole file. Here
  every component keeps the property as unreadable (`vBroken`) and lists it in its
  `errors`, with the property's name, so the reader decides whether the event needs it.
- **Each file's own zones.** icalendar files every VTIMEZONE it parses in a process-wide
  cache and expands its rules on the spot, so one file's `GMT Standard Time` answers for the
  next file's, and a VTIMEZONE with `RRULE:FREQ=MINUTELY` runs for minutes. Here nothing is
  cached or expanded; `timeline._ics._zones` resolves each file's zones from that file,
  within bounds.
- **A file cut short** (a download that stopped) keeps what it holds: components left open
  at its end are closed, each noting it.
- **Octets, then text.** Folding is by octets (RFC 5545 §3.1), and writers split UTF-8
  characters across folds; unfolding before decoding keeps them whole. Bytes that are not
  UTF-8 are replaced by U+FFFD, and the caller is told how many.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from icalendar import Calendar
from icalendar.parser.content_line import Contentline
from icalendar.parser.ical.component import ComponentIcalParser
from icalendar.prop import vBroken

__all__ = ["CUT_SHORT", "Decoded", "decode", "parse"]

#: The "property" a component closed at the end of a cut-short file is noted under.
CUT_SHORT: Final = "END"

#: A fold: a line break followed by one space or tab (icalendar's rule, on octets).
_FOLD: Final = re.compile(rb"(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]")


class Decoded:
    """A calendar's text and how many of its bytes were not UTF-8 (replaced by U+FFFD)."""

    __slots__ = ("first_bad", "replaced", "text")

    def __init__(self, text: str, replaced: int, first_bad: int | None) -> None:
        self.text = text
        self.replaced = replaced
        self.first_bad = first_bad


def decode(raw: bytes) -> Decoded:
    """The unfolded text of a calendar; bytes that are not UTF-8 are counted, not hidden."""
    unfolded = _FOLD.sub(b"", raw)
    try:
        return Decoded(unfolded.decode("utf-8-sig"), 0, None)
    except UnicodeDecodeError as error:
        text = unfolded.decode("utf-8-sig", "replace")
        return Decoded(text, text.count("\ufffd") - raw.count("\ufffd".encode()), error.start)


def parse(text: str) -> list[Any]:
    """Every top-level component of the calendar text, each bad property kept as unreadable.

    Raises:
        ValueError: the text is not iCalendar at all (a line outside any component, an END
            without its BEGIN, …).
    """
    parser = _Tolerant(text, Calendar._get_component_factory(), Calendar.types_factory)
    components: list[Any] = parser.parse()
    return components


class _Tolerant(ComponentIcalParser):
    """icalendar's parser, tolerant in every component and with no process-wide zone cache."""

    _line: str = ""

    def initialize_parsing(self) -> None:
        super().initialize_parsing()  # type: ignore[no-untyped-call]
        self._content_lines_iterator = self._remember(self._content_lines_iterator)

    def _remember(self, lines: Iterator[Contentline]) -> Iterator[Contentline]:
        for line in lines:
            self._line = str(line)
            yield line

    def handle_line_parse_error(self, exception: Exception) -> None:
        component = self.component
        if component is None:
            raise exception
        name = re.split(r"[;:]", self._line, maxsplit=1)[0].upper() or None
        component.errors.append((name, f"{exception} (in {self._line[:60]!r})"))

    def handle_property_parse_error(
        self, exception: Exception, name: str, params: Any, val: str, line: Contentline
    ) -> None:
        factory = self.get_factory_for_property(name, params)
        broken = vBroken.from_parse_error(
            raw_value=val,
            params=params,
            property_name=name,
            expected_type=getattr(factory, "__name__", "unknown"),
            error=exception,
        )
        component = self.component
        assert component is not None  # a property outside any component raised earlier
        component.errors.append((name, str(exception)))
        component.add(name, broken, encode=False)

    def parse(self) -> list[Any]:
        """The components, those a cut-short file leaves open closed, saying so."""
        self.initialize_parsing()
        self.parse_content_lines()
        while self._stack:
            open_ = self._stack[-1]
            open_.errors.append((CUT_SHORT, f"the file ends before END:{open_.name}"))
            self.handle_end_component(str(open_.name))
        components: list[Any] = self._components
        return components

    def handle_end_component(self, vals: str) -> None:
        if not self._stack:
            raise ValueError("END encountered without an accompanying BEGIN!")
        component = self._stack.pop()
        if not self._stack:
            self._components.append(component)
        else:
            self._stack[-1].add_component(component)
