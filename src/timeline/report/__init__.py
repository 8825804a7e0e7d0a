"""Chronological reports: one function per output format, each a pure `timeline -> str`.

`render(tl, format)` picks one by name, as the command line does; `write(tl, out, format)`
writes the same text to a stream a piece at a time, so memory stays that of the timeline
however large the report (the command line writes every report this way). Each format
lives in a private module of this package and loads on first use, so plain text never
imports Jinja2.

>>> {"text", "markdown", "json", "csv", "timelinejs", "html", "svg"} <= set(FORMATS)
True
"""

from __future__ import annotations

import importlib
from typing import IO, TYPE_CHECKING, Any, Final, Literal, cast

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from timeline._timeline import Timeline

__all__ = [
    "BINARY",
    "FORMATS",
    "LANED",
    "LOCALISED",
    "WIDE",
    "Lanes",
    "csv",
    "html",
    "json",
    "markdown",
    "pieces",
    "render",
    "svg",
    "text",
    "timelinejs",
    "write",
    "write_pieces",
]

#: Format name → the private module of this package that renders it.
FORMATS: Final = {
    "text": "_text",
    "markdown": "_markdown",
    "json": "_json",
    "csv": "_csv",
    "timelinejs": "_timelinejs",
    "html": "_html",
    "svg": "_svg",
}

#: Formats of binary files, which `timeline report` writes only to a file (`-o FILE`); not
#: text, so neither `render` nor `write` gives them (`timeline.to_arrow` is Parquet's).
BINARY: Final = ("parquet",)

#: Formats that draw swimlanes, and so take `lanes`.
LANED: Final = ("html", "svg", "timelinejs")

#: Formats whose `width` is the chart's, in px.
WIDE: Final = ("html", "svg")

#: Formats written for a reader, and so in a language (`locale`); the others are data, the
#: same in every language.
LOCALISED: Final = ("text", "markdown", "html", "svg")

#: What the swimlanes of a laned format group events by.
Lanes = Literal["policy", "actor", "jurisdiction", "tag"]


def _module(format: str) -> Any:
    try:
        module = FORMATS[format]
    except KeyError:
        raise ValueError(
            f"unknown report format {format!r}; use one of {sorted(FORMATS)}"
        ) from None
    return importlib.import_module(f"timeline.report.{module}")


def pieces(
    timeline: Timeline,
    format: str = "text",
    *,
    lanes: Lanes | None = None,
    locale: str | None = None,
) -> Iterator[str]:
    """The report's text a piece at a time; checks its arguments before the first piece.

    Raises:
        ValueError: as `render`.
    """
    module = _module(format)
    if lanes is not None and format not in LANED:
        raise ValueError(f"format {format!r} has no lanes; lanes go with {list(LANED)}")
    options: dict[str, str] = {} if lanes is None else {"lanes": lanes}
    if locale is not None:
        if format not in LOCALISED:
            raise ValueError(
                f"format {format!r} is data, the same in every language; a locale goes with "
                f"{list(LOCALISED)}"
            )
        from timeline._locale import chosen

        chosen(locale)  # an unknown locale is refused before the first piece
        options["locale"] = locale
    if hasattr(module, "pieces"):
        produced: Iterator[str] = module.pieces(timeline, **options)
        return produced
    return iter([module.render(timeline, **options)])  # a format not yet written in pieces


def render(
    timeline: Timeline,
    format: str = "text",
    *,
    lanes: Lanes | None = None,
    locale: str | None = None,
) -> str:
    """Render `timeline` in one of `FORMATS`; `lanes` picks the swimlanes of `LANED` formats,
    `locale` the language of `LOCALISED` ones (default: the timeline's `locale` setting,
    else English).

    Raises:
        ValueError: `format` is not one of `FORMATS`, `lanes` is given for a format
            without lanes, `locale` for a data format, or `locale` is not supported.
    """
    return "".join(pieces(timeline, format, lanes=lanes, locale=locale))


def write(
    timeline: Timeline,
    out: IO[str] | IO[bytes],
    format: str = "text",
    *,
    lanes: Lanes | None = None,
    locale: str | None = None,
) -> None:
    """Write the report `render` gives to `out`, a text stream or a binary one (as UTF-8),
    a piece at a time.

    Raises:
        ValueError: as `render`, before anything is written.
    """
    write_pieces(out, pieces(timeline, format, lanes=lanes, locale=locale))


#: How much text `write_pieces` gathers before each write: few calls, little memory.
_BATCH: Final = 1 << 16


def write_pieces(out: IO[str] | IO[bytes], texts: Iterable[str]) -> None:
    """Write `texts` to a text stream, or encoded as UTF-8 to a binary one, in batches."""
    send = _sender(out)
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= _BATCH:
            send("".join(batch))
            batch.clear()
            size = 0
    if batch:
        send("".join(batch))


def _sender(out: IO[str] | IO[bytes]) -> Callable[[str], object]:
    """`out.write` for a text stream; for a binary one, a write of the text's UTF-8."""
    try:
        cast("IO[str]", out).write("")
    except TypeError:  # a binary stream refuses str, before writing anything
        binary = cast("IO[bytes]", out)
        return lambda text: binary.write(text.encode())
    return cast("IO[str]", out).write


def text(
    timeline: Timeline,
    *,
    width: int | None = 80,
    verbose: bool = False,
    locale: str | None = None,
) -> str:
    """The plain-text report for a terminal `width` columns wide (None: a line per item);
    `verbose` adds each event's policy, effect and quotes; in the language of `locale`
    (see `render`).

    Raises:
        ValueError: `width` is below 40, or the locale is not supported.
    """
    from timeline.report import _text

    return _text.render(timeline, width=width, verbose=verbose, locale=locale)


def markdown(timeline: Timeline, *, locale: str | None = None) -> str:
    """The Markdown report, in the language of `locale` (see `render`)."""
    return render(timeline, "markdown", locale=locale)


def json(timeline: Timeline) -> str:
    """The lossless JSON export (docs/json-schema.json); `timeline.load_json` reads it back."""
    return render(timeline, "json")


def csv(timeline: Timeline) -> str:
    """One row per event, for spreadsheets; cells that would run as formulas are neutralised."""
    return render(timeline, "csv")


def timelinejs(timeline: Timeline, *, lanes: Lanes = "policy") -> str:
    """TimelineJS 3 JSON, with `lanes` as its groups."""
    return render(timeline, "timelinejs", lanes=lanes)


def html(
    timeline: Timeline,
    *,
    lanes: Lanes = "policy",
    history: Timeline | None = None,
    locale: str | None = None,
    width: int = 1200,
) -> str:
    """The self-contained HTML page; `history` is the whole timeline the policy bands fold,
    `locale` the page's language (see `render`), `width` the chart's width in px."""
    from timeline.report import _html

    return _html.render(timeline, lanes=lanes, history=history, locale=locale, width=width)


def svg(
    timeline: Timeline,
    *,
    lanes: Lanes = "policy",
    history: Timeline | None = None,
    locale: str | None = None,
    width: int = 1200,
) -> str:
    """The chart alone as a standalone SVG, `width` px wide, for an article or a slide, in
    the language of `locale` (see `render`): the same words as the page's chart."""
    from timeline.report import _svg

    return _svg.render(timeline, lanes=lanes, history=history, locale=locale, width=width)
