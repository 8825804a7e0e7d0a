"""Chronological reports: one module per output format, each a pure `render(timeline) -> str`.

Formats load lazily, so asking for plain text never imports Jinja2.

>>> sorted(FORMATS)
['markdown', 'text']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from timeline.model import Timeline

__all__ = ["FORMATS", "markdown", "render", "text"]

#: Format name → the module under `timeline.report` that renders it.
FORMATS: Final = {
    "text": "text",
    "markdown": "markdown",
}


def render(timeline: Timeline, format: str = "text") -> str:
    """Render `timeline` in one of `FORMATS`.

    Raises:
        ValueError: `format` is not one of `FORMATS`.
    """
    try:
        module = FORMATS[format]
    except KeyError:
        raise ValueError(
            f"unknown report format {format!r}; use one of {sorted(FORMATS)}"
        ) from None
    rendered: str = importlib.import_module(f"timeline.report.{module}").render(timeline)
    return rendered


def text(timeline: Timeline) -> str:
    """The plain-text report for a terminal."""
    return render(timeline, "text")


def markdown(timeline: Timeline) -> str:
    """The Markdown report."""
    return render(timeline, "markdown")
