"""`Filter`: the criteria every command and feed share, and what each one keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import event_lists
from timeline._model import Citation, Event, Policy, Settings
from timeline._query import Filter
from timeline._timeline import Timeline
from timeline._when import When
from timeline.errors import WhenError


def _event(id: str, when: str, **fields: object) -> Event:
    cite = (Citation(source="src", quote=fields.pop("quote", None)),)  # type: ignore[arg-type]
    return Event(id=id, title=fields.pop("title", id), when=When.parse(when), cite=cite, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("when", "start", "end", "kept"),
    [
        ("2025-23", "2025", None, True),
        ("2025-23", "2026", None, False),
        ("2015/..", None, "2014", False),
        ("2015/..", "2030", None, True),
        ("../2022-10-07", "2022-10-07", None, True),
        ("../2022-10-07", "2022-10-08", None, False),
        ("2021~", "2022", None, False),
        ("2025-24", None, "2026-01", True),
        ("2025-04-25", "2025-04", "2025-04", True),
        ("2025-04-25", "2025-05", "2025-12", False),
        ("2025-10-15T23:30-05:00", "2025-10-16", "2025-10-16", True),
    ],
)
def test_period_keeps_events_that_can_overlap_it(
    when: str, start: str | None, end: str | None, kept: bool
) -> None:
    """--from/--to keep an event when its written bounds can overlap the period."""
    event = _event("e", when)
    assert Filter.build(start=start, end=end).matches(event, Timeline(events=[])) is kept


def test_period_uses_the_timeline_zone() -> None:
    """A day bound of the period is that whole day in the timeline's zone."""
    event = _event("e", "2025-10-15T20:00Z")  # 16 October, 04:00 in Shanghai
    day = Filter.build(start="2025-10-16", end="2025-10-16")
    assert not day.matches(event, Timeline(events=[]))
    assert day.matches(event, Timeline(events=[], settings=Settings(timezone="Asia/Shanghai")))


@pytest.mark.parametrize(
    ("criteria", "kept"),
    [
        (Filter(tags=("ai",)), ["pledge"]),
        (Filter(tags=("ai", "nvidia")), ["pledge", "rollback"]),
        (Filter(actors=("xi-jinping",)), ["pledge"]),
        (Filter(policies=("us-controls",)), ["rollback"]),
        (Filter(jurisdictions=("CN",)), ["pledge"]),
        (Filter(jurisdictions=("US", "CN")), ["pledge", "rollback"]),
        (Filter(text="H200"), ["rollback"]),
        (Filter(text="h200"), ["rollback"]),
        (Filter(text="ＨＡＬＦ"), ["founding"]),  # full-width letters fold to ASCII
        (Filter(text="years"), ["founding"]),  # the said phrase
        (Filter(text="thronged"), ["founding"]),  # a quote
        (Filter(tags=("ai",), actors=("trump",)), []),
        (Filter(), ["founding", "pledge", "rollback"]),
    ],
)
def test_criteria(criteria: Filter, kept: list[str]) -> None:
    """Each list criterion keeps events matching any value; all criteria must hold."""
    tl = Timeline(
        events=[
            _event(
                "pledge",
                "2025-04",
                tags=("ai", "china"),
                actors=("xi-jinping",),
                policy="cn-self-reliance",
            ),
            _event(
                "rollback",
                "2025-12-08",
                title="H200 sales allowed",
                tags=("nvidia",),
                actors=("trump",),
                policy="us-controls",
            ),
            _event(
                "founding",
                "2021~",
                summary="Half a decade",
                said="four years old",
                quote="a crowd thronged",
            ),
        ],
        policies=[
            Policy(id="cn-self-reliance", title="CN", jurisdiction="CN"),
            Policy(id="us-controls", title="US", jurisdiction="US"),
        ],
    )
    assert [e.id for e in tl.filter(criteria)] == kept


def test_build_reads_strings_and_dates() -> None:
    """build() takes EDTF strings or dates, and lists, as a user types them."""
    built = Filter.build(start=dt.date(2025, 4, 1), end="2025-12", tags=["ai"], text="")
    assert built == Filter(
        start=When.parse("2025-04-01"), end=When.parse("2025-12"), tags=("ai",), text=None
    )
    assert not built.is_empty
    assert Filter.build().is_empty


def test_build_rejects_bad_dates() -> None:
    """An invalid period bound is a WhenError naming it."""
    with pytest.raises(WhenError, match="'2025-13' is not a valid date"):
        Filter.build(start="2025-13")


@given(event_lists(), st.sampled_from(["ai", "china", "us", "chips"]), st.sampled_from(
    ["2020", "2025-04", "2025-23", "201X", "2030/.."]))  # fmt: skip
def test_filters_compose_as_intersection(events: list[Event], tag: str, start: str) -> None:
    """Two criteria together keep exactly what each keeps alone, in timeline order."""
    tl = Timeline(events=events)
    both = [e.id for e in tl.filter(Filter.build(start=start, tags=[tag]))]
    by_tag = {e.id for e in tl.with_tag(tag)}
    by_start = {e.id for e in tl.between(start)}
    assert set(both) == by_tag & by_start
    assert both == [e.id for e in tl if e.id in set(both)]


@given(event_lists())
def test_empty_filter_keeps_everything(events: list[Event]) -> None:
    """The empty filter keeps every event."""
    tl = Timeline(events=events)
    assert [e.id for e in tl.filter(Filter())] == [e.id for e in tl]


def test_a_filter_built_directly_converts_like_build() -> None:
    """Filter(...) takes the same plain values as Filter.build: strings, dates and lists."""
    import datetime as dt

    direct = Filter(start="2025-04", end=dt.date(2025, 12, 31), tags=["china"])  # type: ignore[arg-type]
    assert direct == Filter.build(start="2025-04", end=dt.date(2025, 12, 31), tags=["china"])
    assert Filter(tags=[]).is_empty  # type: ignore[arg-type]


def test_a_filter_refuses_a_string_for_a_list() -> None:
    """A single string where a list belongs is refused, not read letter by letter."""
    with pytest.raises(TypeError, match="tags: expected a list of strings, got str 'china'"):
        Filter(tags="china")  # type: ignore[arg-type]
