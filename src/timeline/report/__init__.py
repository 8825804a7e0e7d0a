"""Chronological reports: one module per output format, each a pure `render(timeline) -> str`.

Formats load lazily, so asking for plain text never imports Jinja2.

>>> {"text", "markdown", "json", "csv", "timelinejs"} <= set(FORMATS)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from timeline.model import Timeline

__all__ = ["FORMATS", "LANED", "markdown", "render", "text"]

# The text and Markdown modules are light (no Jinja2). Importing them now, before the
# functions of the same names below are defined, keeps `timeline.report.text` and
# `timeline.report.markdown` the functions: importing a submodule binds its name on this
# package only the first time, so a later `from timeline.report.markdown import escape`
# cannot replace the function with the module.
importlib.import_module("timeline.report.text")
importlib.import_module("timeline.report.markdown")

#: Format name → the module under `timeline.report` that renders it.
FORMATS: Final = {
    "text": "text",
    "markdown": "markdown",
    "json": "json",
    "csv": "csv",
    "timelinejs": "timelinejs",
    "html": "html",
}

#: Formats that draw swimlanes, and so take `lanes` ("policy", "actor" or "jurisdiction").
LANED: Final = ("html", "timelinejs")


def render(timeline: Timeline, format: str = "text", *, lanes: str | None = None) -> str:
    """Render `timeline` in one of `FORMATS`; `lanes` picks the swimlanes of `LANED` formats.

    Raises:
        ValueError: `format` is not one of `FORMATS`, or `lanes` is given for a format
            without lanes, or is not a kind of lane.
    """
    try:
        module = FORMATS[format]
    except KeyError:
        raise ValueError(
            f"unknown report format {format!r}; use one of {sorted(FORMATS)}"
        ) from None
    renderer = importlib.import_module(f"timeline.report.{module}").render
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
