"""Chronological reports: one function per output format, each a pure `timeline -> str`.

`render(tl, format)` picks one by name, as the command line does. Each format lives in a
private module of this package and loads on first use, so plain text never imports Jinja2.

>>> {"text", "markdown", "json", "csv", "timelinejs", "html", "svg"} <= set(FORMATS)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from timeline._timeline import Timeline

__all__ = [
    "FORMATS",
    "LANED",
    "WIDE",
    "Lanes",
    "csv",
    "html",
    "json",
    "markdown",
    "render",
    "svg",
    "text",
    "timelinejs",
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

#: Formats that draw swimlanes, and so take `lanes`.
LANED: Final = ("html", "svg", "timelinejs")

#: Formats whose `width` is the chart's, in px.
WIDE: Final = ("html", "svg")

#: What the swimlanes of a laned format group events by.
Lanes = Literal["policy", "actor", "jurisdiction", "tag"]


def _renderer(format: str) -> Any:
    try:
        module = FORMATS[format]
    except KeyError:
        raise ValueError(
            f"unknown report format {format!r}; use one of {sorted(FORMATS)}"
        ) from None
    return importlib.import_module(f"timeline.report.{module}").render


def render(timeline: Timeline, format: str = "text", *, lanes: Lanes | None = None) -> str:
    """Render `timeline` in one of `FORMATS`; `lanes` picks the swimlanes of `LANED` formats.

    Raises:
        ValueError: `format` is not one of `FORMATS`, or `lanes` is given for a format
            without lanes.
    """
    renderer = _renderer(format)
    if lanes is None:
        rendered: str = renderer(timeline)
    elif format not in LANED:
        raise ValueError(f"format {format!r} has no lanes; lanes go with {list(LANED)}")
    else:
        rendered = renderer(timeline, lanes=lanes)
    return rendered


def text(timeline: Timeline) -> str:
    """The plain-text report for a terminal."""
    return render(timeline, "text")


def markdown(timeline: Timeline) -> str:
    """The Markdown report."""
    return render(timeline, "markdown")


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
    locale: str = "en",
    width: int = 1200,
) -> str:
    """The self-contained HTML page; `history` is the whole timeline the policy bands fold,
    `locale` the page's language (its `lang`), `width` the chart's width in px."""
    from timeline.report import _html

    return _html.render(timeline, lanes=lanes, history=history, locale=locale, width=width)


def svg(
    timeline: Timeline,
    *,
    lanes: Lanes = "policy",
    history: Timeline | None = None,
    width: int = 1200,
) -> str:
    """The chart alone as a standalone SVG, `width` px wide, for an article or a slide."""
    from timeline.report import _svg

    return _svg.render(timeline, lanes=lanes, history=history, width=width)
