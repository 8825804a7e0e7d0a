"""The chart alone, as a standalone SVG file: for an article, a slide or a printed page.

The same layout and template as the HTML page's chart (`_chart`, `templates/chart.svg.j2`),
so it draws the same marks; its styles are inside it, its fonts are named (DejaVu Sans
first, the face label widths are measured for), it holds no script and links nowhere, and
it is `width` px wide. The same data always gives the same bytes.
"""

from __future__ import annotations

from markupsafe import Markup

from timeline._timeline import Timeline
from timeline.report._axis import WIDTH
from timeline.report._html import _asset, _environment, chart_context, chart_layout, colours_css

__all__ = ["render"]


def render(
    timeline: Timeline,
    *,
    lanes: str = "policy",
    history: Timeline | None = None,
    locale: str | None = None,
    width: float = WIDTH,
) -> str:
    """The chart of `timeline` as an SVG document `width` px wide (by `lanes`; `history`
    folds the policy bands, as for the HTML page), in the language of `locale` (default:
    the timeline's `locale` setting, else English), which its `xml:lang` names.

    Raises:
        ValueError: `lanes` is not one of `LANES`, `width` is out of range, the locale is
            not supported, or no event has a date the chart can place (every one is open at
            both ends).
    """
    tag, history, layout = chart_layout(timeline, lanes, history, locale, width)
    if layout is None:
        raise ValueError("no event to draw: the chart needs at least one event")
    context = chart_context(layout, timeline, lanes, tag)
    css = f"{colours_css()}\n{_asset('chart.css')}"
    lang = "" if tag is None else tag.replace("_", "-")  # English: no attribute, as before
    context.update(standalone=True, css=Markup(css), svg_lang=lang)  # our stylesheet
    body = _environment().get_template("chart.svg.j2").render(**context)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body
