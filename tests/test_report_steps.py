"""The HTML report's step chart of policies in force, with uncertainty drawn as a band."""

from __future__ import annotations

import re
from pathlib import Path

from test_lifecycle import _event
from timeline import load
from timeline._model import Policy
from timeline._timeline import Timeline
from timeline.report import _html as html
from timeline.report._steps import lay_out

ROOT = Path(__file__).resolve().parent.parent


def _section(page: str) -> str:
    found = re.search(r'<section id="_in-force".*?</section>', page, re.S)
    assert found, "no in-force section"
    return found[0]


def test_the_shipped_report_draws_the_count_with_its_uncertain_band() -> None:
    """All policies, then CN and US; the guidance 'June–December 2025' is a band."""
    shipped = load(ROOT / "events")
    section = _section(html.render(shipped))
    assert re.findall(r'data-row="([^"]+)"', section) == ["All policies", "CN", "US"]
    assert section.count('class="in-force"') == 3
    assert "<title>from 1 June 2025: 1 (+1 uncertain)</title>" in section
    assert "<title>from 1 June 2025: 0 (+1 uncertain)</title>" in section
    table = re.findall(r'<tr><th scope="row">([^<]+)</th>', section)
    assert table[1:] == ["7 October 2022", "1 June 2025", "19 December 2025"]
    assert '<a href="#_in-force">In force</a>' in html.render(shipped)


def test_the_line_steps_up_on_the_day_a_policy_takes_effect() -> None:
    """One policy adopted, then in force: the line is flat at 0, then at the top."""
    tl = Timeline(
        events=[_event("rule 2024-03-04 adopted"), _event("eff 2024-05-02 effective")],
        policies=[Policy(id="p", title="P", jurisdiction="US")],
    )
    chart = lay_out(tl, tl)
    assert chart is not None
    [row] = chart.rows  # one jurisdiction: no rows of its own
    assert row.bands == ()
    assert re.fullmatch(r"M40\.0 118\.0H[\d.]+V34\.0H944\.0", row.path), row.path
    assert [c.day for c in chart.changes][1:] == ["2 May 2024"]


def test_no_chart_without_a_policy_step() -> None:
    """Events that change no policy give no section."""
    tl = Timeline(events=[_event("talk 2024-01-01 -")], policies=[Policy(id="p", title="P")])
    assert lay_out(tl, tl) is None
    assert 'id="_in-force"' not in html.render(tl)


def test_names_from_the_data_are_escaped() -> None:
    """A jurisdiction written with markup is text in the chart and the table."""
    tl = Timeline(
        events=[
            _event("a 2024-01-01 effective"),
            _event("b 2024-06-01 effective", policy="q"),
        ],
        policies=[
            Policy(id="p", title="P", jurisdiction="<b>x</b>"),
            Policy(id="q", title="Q", jurisdiction="US"),
        ],
    )
    section = _section(html.render(tl))
    assert "<b>x</b>" not in section
    assert "&lt;b&gt;x&lt;/b&gt;" in section


def test_many_changes_are_tabled_by_year() -> None:
    """Over sixty days of change, the table gives each year's end instead of every day."""
    events = [
        _event(f"e{n} {2000 + n // 2}-0{1 + n % 2 * 5}-01 effective", policy=f"p{n}")
        for n in range(70)
    ]
    tl = Timeline(events=events, policies=[Policy(id=f"p{n}", title="P") for n in range(70)])
    chart = lay_out(tl, tl)
    assert chart is not None
    assert chart.yearly
    assert chart.changes[-1].counts == ("70",)
    assert len(chart.changes) < 60
