"""Parsing a calendar file a component at a time, so that one bad property costs a warning,
never the event or the file, and a calendar of any size is read in bounded memory.

`icalendar` parses each property; this module changes four things about how:

- **A component at a time.** icalendar holds a whole calendar as objects (12 GiB for a
  million VEVENTs). Here the file is read in chunks and unfolded as it goes, and `scan`
  then `vevents` read it twice: the first pass keeps only the calendars' own properties,
  the VTIMEZONEs and which UIDs have their own series (a VTIMEZONE or a series may come
  after the VEVENTs that need it), the second gives each VEVENT as its own component and
  keeps nothing after it. Lines no pass needs are not parsed at all.
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

Folding is by octets (RFC 5545 §3.1), and writers split UTF-8 characters across folds;
unfolding before decoding keeps them whole. Bytes that are not UTF-8 are replaced by
U+FFFD, and the caller is told how many. Content lines are split by a regular expression
when they are plain (`NAME;KEY=value:…`, as nearly every line is), giving exactly what
icalendar's character-by-character splitter gives, which still splits every other line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, Final

from icalendar import Calendar
from icalendar.parser.content_line import Contentline
from icalendar.parser.ical.component import ComponentIcalParser
from icalendar.parser.parameter import Parameters
from icalendar.parser.property import unescape_backslash
from icalendar.prop import vBroken, vText, vUnknown

__all__ = ["CUT_SHORT", "Decoded", "Scan", "lines", "scan", "vevents"]

#: The "property" a component closed at the end of a cut-short file is noted under.
CUT_SHORT: Final = "END"

#: A fold: a line break followed by one space or tab (icalendar's rule, on octets), with any
#: empty lines between. The break is the first of its run (not after another), which keeps
#: a long run of empty lines linear; this spelling finds the same folds as icalendar's
#: `(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]` three times faster, as it starts with a
#: line break rather than a look-behind.
_FOLD: Final = re.compile(rb"\r?\n(?<!\n\n)(?<!\n\r\n)(?:\r?\n)*[ \t]")
#: Bytes a fold is made of: a chunk may end before a line that starts with none of them.
_FOLDING: Final = frozenset(b" \t\r\n")
_CHUNK: Final = 1 << 20
_REPLACEMENT: Final = "\ufffd".encode()
#: A plain content line's name and parameters, up to the colon before its value: no quotes,
#: escapes, percent signs, RFC 6868 carets, commas or control characters among them, and no
#: spaces at either end of a parameter value (icalendar strips those).
_PLAIN: Final = re.compile(
    r"([A-Za-z0-9-]+)"
    r"((?:;[A-Za-z0-9-]+=(?:[^\x00-\x20\x7f\",:;\\%^](?:[^\x00-\x1f\x7f\",:;\\%^]*"
    r"[^\x00-\x20\x7f\",:;\\%^])?)?)*):"
)
_PARAMETER: Final = re.compile(r";([A-Za-z0-9-]+)=([^;]*)")
#: What the first pass keeps of a VEVENT: whether it has a series of its own.
_SERIES: Final = frozenset({"UID", "RECURRENCE-ID"})
#: An empty `Parameters` without its __init__, which only sorts out arguments (7x faster).
_new_parameters: Final = Parameters.__new__
#: Lines that open or close a component, which every pass follows.
_FRAME: Final = frozenset({"BEGIN", "END"})
#: Properties icalendar splits into several values or reads specially: left to it.
_LISTS: Final = frozenset({"CATEGORIES", "FREEBUSY", "RDATE"})
#: Value types whose `from_ical(text)` is `cls(text)`, which cannot fail.
_CONSTRUCTED: Final = frozenset({vText, vUnknown})


class Decoded:
    """How many of a calendar's bytes were not UTF-8 (each replaced by U+FFFD), and where the
    first was (a byte offset in the unfolded text)."""

    __slots__ = ("first_bad", "replaced")

    def __init__(self) -> None:
        self.replaced = 0
        self.first_bad: int | None = None


def lines(
    stream: IO[bytes], decoded: Decoded | None = None, *, chunk: int | None = None
) -> Iterator[str]:
    """The unfolded content lines of a calendar, read `chunk` bytes at a time (1 MiB by
    default; more when one line is longer); what was not UTF-8 is counted in `decoded`."""
    offset = 0  # of the chunk in the unfolded text (after a byte order mark)
    difference = 0  # U+FFFD in the text that were not U+FFFD in the file
    bad = False
    first = True
    for piece in _chunks(stream, chunk or _CHUNK):
        unfolded = _FOLD.sub(b"", piece)
        encoding = "utf-8-sig" if first else "utf-8"
        try:
            text = unfolded.decode(encoding)
        except UnicodeDecodeError as error:
            text = unfolded.decode(encoding, "replace")
            if decoded is not None and decoded.first_bad is None:
                decoded.first_bad = offset + error.start
            bad = True
        if decoded is not None:
            difference += text.count("\ufffd") - piece.count(_REPLACEMENT)
            decoded.replaced = difference if bad else 0
        offset += len(unfolded) - (3 if first and unfolded.startswith(b"\xef\xbb\xbf") else 0)
        first = False
        yield from filter(None, text.replace("\r\n", "\n").split("\n"))  # as `\r?\n` splits


def _chunks(stream: IO[bytes], size: int) -> Iterator[bytes]:
    """The file in pieces that each end where no fold can cross: before a line that starts
    with something other than a space, tab or line break."""
    pending = bytearray()
    while block := stream.read(size):
        searched = max(len(pending) - 1, 0)
        pending += block
        cut = _last_cut(pending, searched)
        if cut:
            yield bytes(pending[:cut])
            del pending[:cut]
    if pending:
        yield bytes(pending)


def _last_cut(buffer: bytearray, start: int) -> int:
    end = len(buffer) - 1
    while (found := buffer.rfind(b"\n", start, end)) >= 0:
        if buffer[found + 1] not in _FOLDING:
            return found + 1
        end = found
    return 0


def _parameters(text: str) -> Parameters:
    """The parameters of a plain line (`;KEY=value;…`), as icalendar's splitter gives them."""
    params = _new_parameters(Parameters)
    if text:
        for key, value in _PARAMETER.findall(text):
            params[key] = value
    return params


class _Line(Contentline):
    """A content line split by `_PLAIN` when it is plain, by icalendar otherwise."""

    __slots__ = ()

    def __new__(cls, value: str) -> _Line:
        self = str.__new__(cls, value)
        self.strict = False  # type: ignore[attr-defined]  # a slot of Contentline
        return self

    def raw_parts(self) -> tuple[str, Parameters, str]:
        found = _PLAIN.match(self)
        if found is None:
            return super().raw_parts()
        return found.group(1), _parameters(found.group(2)), self[found.end() :]

    def parts(self) -> tuple[str, Parameters, str]:
        name, params, values = self.raw_parts()
        return name, params, unescape_backslash(values) if "\\" in values else values

    def value_separator_index(self) -> int:
        found = _PLAIN.match(self)
        return found.end() - 1 if found else super().value_separator_index()


class Scan:
    """What the first pass keeps: the top-level components with their own properties only,
    every VTIMEZONE in file order, and the UIDs that an override (RECURRENCE-ID) shares with
    a VEVENT that has none."""

    __slots__ = ("series", "tops", "zones")

    def __init__(self, tops: list[Any], zones: list[Any], series: set[str]) -> None:
        self.tops = tops
        self.zones = zones
        self.series = series


def scan(content: Iterable[str]) -> Scan:
    """The first pass over a calendar's lines.

    Raises:
        ValueError: the text is not iCalendar at all (a line outside any component, an END
            without its BEGIN, …).
    """
    parser = _Scanner()
    for _ in parser.run(content):  # the scanner yields nothing: it keeps what it finds
        pass
    zones = [block for _, block in sorted(parser.zones, key=lambda pair: pair[0])]
    return Scan(parser.tops, zones, parser.series & parser.overrides)


def vevents(content: Iterable[str]) -> Iterator[Any]:
    """Every VEVENT of a calendar's lines, in file order, each with what it holds (a VEVENT
    inside another comes after it, as `walk` gives them), each bad property kept as
    unreadable.

    Raises:
        ValueError: as `scan` does.
    """
    return _Events().run(content)


class _Stream(ComponentIcalParser):
    """icalendar's parser fed lines one at a time, tolerant in every component, with no
    process-wide zone cache; subclasses say which lines they need and what to keep."""

    def __init__(self) -> None:
        super().__init__("", Calendar._get_component_factory(), Calendar.types_factory)
        self._stack: list[Any] = []
        self._begun: list[int] = []  # the serial number of each open component's BEGIN
        self._serial = 0
        self._factories: dict[tuple[str, str | None], tuple[Any, bool, bool]] = {}
        self.events_open = 0
        self.zones_open = 0

    def wants(self, name: str) -> bool:
        """Whether the property `name` of the innermost open component is to be parsed."""
        raise NotImplementedError

    def ended(self, component: Any, serial: int) -> Iterable[Any]:
        """Keep, attach or drop a component just closed; what it gives is passed on."""
        raise NotImplementedError

    def run(self, content: Iterable[str]) -> Iterator[Any]:
        for text in content:
            plain = _PLAIN.match(text)
            if plain is not None:  # split here, as icalendar would (see `_Line`)
                upper = plain.group(1).upper()
                if self._stack and upper not in _FRAME and not self.wants(upper):
                    continue
                params = _parameters(plain.group(2))
                verbatim = text[plain.end() :]
                vals: str = unescape_backslash(verbatim) if "\\" in verbatim else verbatim
                raw: str | None = verbatim
            else:
                try:
                    name, params, vals = _Line(text).parts()
                except ValueError as error:
                    self.handle_line_parse_error(error, text)
                    continue
                upper, raw = name.upper(), None
            if upper == "BEGIN":
                self.handle_begin_component(vals)
            elif upper == "END":
                yield from self._end()
            elif not self._stack or self.wants(upper):
                self._property(upper, params, vals, raw, text)
        while self._stack:
            open_ = self._stack[-1]
            open_.errors.append((CUT_SHORT, f"the file ends before END:{open_.name}"))
            yield from self._end()

    def _property(
        self, name: str, params: Parameters, vals: str, raw: str | None, text: str
    ) -> None:
        """icalendar's `handle_property`, with what it works out twice worked out once."""
        if name in _LISTS or not self._stack:
            self.handle_property(name, params, vals, _Line(text))
            return
        factory, verbatim, constructed = self._factory(name, params)
        if verbatim:  # UNKNOWN values are kept as written, escapes and all
            vals = raw if raw is not None else _Line(text).raw_parts()[2]
        if constructed:  # `from_ical` is the constructor: no need to construct twice
            value = factory(vals)
            value.params = params
            self._stack[-1].add(name, value, encode=False)
            return
        tzid = params.get("TZID") if params and name in self.datetime_names else None
        self.parse_and_add_property(name, params, vals, tzid, _Line(text))

    def _factory(self, name: str, params: Parameters) -> tuple[Any, bool, bool]:
        """The value type of a property, whether its value is taken verbatim, and whether its
        `from_ical` is its constructor; looked up once for each name and VALUE."""
        key = (name, params.value if params else None)
        found = self._factories.get(key)
        if found is None:
            factory = super().get_factory_for_property(name, params)
            verbatim = getattr(factory, "get_value_from_content_line", None) is not None
            found = self._factories[key] = (factory, verbatim, factory in _CONSTRUCTED)
        return found

    def handle_begin_component(self, vals: str) -> None:
        super().handle_begin_component(vals)
        self._serial += 1
        self._begun.append(self._serial)
        self._count(self._stack[-1].name, 1)

    def _end(self) -> Iterable[Any]:
        if not self._stack:
            raise ValueError("END encountered without an accompanying BEGIN!")
        component = self._stack.pop()
        self._count(component.name, -1)
        return self.ended(component, self._begun.pop())

    def _count(self, name: str, step: int) -> None:
        if name == "VEVENT":
            self.events_open += step
        elif name == "VTIMEZONE":
            self.zones_open += step

    def handle_line_parse_error(self, exception: Exception, line: str = "") -> None:
        component = self.component
        if component is None:
            raise exception
        name = re.split(r"[;:]", line, maxsplit=1)[0].upper() or None
        if self.wants(name or ""):
            component.errors.append((name, f"{exception} (in {line[:60]!r})"))

    def get_factory_for_property(self, name: str, params: Parameters) -> Any:
        return self._factory(name, params)[0]

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


class _Scanner(_Stream):
    """The first pass: the calendars' own properties, the VTIMEZONEs, each VEVENT's UID and
    RECURRENCE-ID; everything else is only followed for where components begin and end."""

    def __init__(self) -> None:
        super().__init__()
        self.tops: list[Any] = []
        self.zones: list[tuple[int, Any]] = []
        self.series: set[str] = set()  # UIDs of VEVENTs without RECURRENCE-ID
        self.overrides: set[str] = set()  # UIDs of VEVENTs with one

    def wants(self, name: str) -> bool:
        stack = self._stack
        return (
            len(stack) <= 1
            or self.zones_open > 0
            or (name in _SERIES and stack[-1].name == "VEVENT")
        )

    def ended(self, component: Any, serial: int) -> Iterable[Any]:
        if component.name == "VTIMEZONE":
            self.zones.append((serial, component))
        elif component.name == "VEVENT":
            if "RECURRENCE-ID" in component:
                self.overrides.add(str(component.get("UID")))
            elif "UID" in component:
                self.series.add(str(component["UID"]))
        if not self._stack:
            self.tops.append(component)
        elif self.zones_open:
            self._stack[-1].add_component(component)
        return ()


class _Events(_Stream):
    """The second pass: each VEVENT, whole, as soon as it ends; nothing outside one is kept."""

    def wants(self, name: str) -> bool:
        return self.events_open > 0

    def ended(self, component: Any, serial: int) -> Iterable[Any]:
        if self.events_open:
            self._stack[-1].add_component(component)
            return ()
        if component.name == "VEVENT":
            found: list[Any] = component.walk("VEVENT")
            return found
        return ()
