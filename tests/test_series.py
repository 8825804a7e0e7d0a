"""How many policies are in force over time: the sweep, its periods, and the law that ties it
to the status of each policy on each day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import policy_timelines
from test_lifecycle import _event
from timeline._model import Policy
from timeline._series import Count, series
from timeline._timeline import Timeline

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)


def _tl() -> Timeline:
    return Timeline(
        events=[
            _event("us-rule 2022-10-07 enacted", policy="us"),
            _event("cn-guide 2025-06/2025-12-19 enacted", policy="cn"),
            _event("eu-act 2024-06-13 adopted", policy="eu"),
            _event("eu-in 2024-08-01 effective", policy="eu"),
            _event("eu-end 2025-01-01 rescinded", policy="eu"),
        ],
        policies=[
            Policy(id="us", title="US", jurisdiction="US"),
            Policy(id="cn", title="CN", jurisdiction="CN"),
            Policy(id="eu", title="EU", jurisdiction="EU"),
            Policy(id="none", title="None"),
        ],
    )


def test_months_are_counted_at_their_last_day_per_jurisdiction() -> None:
    """Each month's count is the one at its end; jurisdictions sorted, None last."""
    found = series(_tl(), "month", D("2024-07-15"), D("2025-07-10"))
    assert found.jurisdictions == ("CN", "EU", "US", None)
    first, *_, last = found.steps
    assert (first.period, first.as_of) == ("2024-07", D("2024-07-31"))
    assert first.total == Count(in_force=1, uncertain=0)
    assert (last.period, last.as_of) == ("2025-07", D("2025-07-10"))
    assert last.total == Count(in_force=1, uncertain=1)
    assert last.jurisdictions["CN"] == Count(in_force=0, uncertain=1)
    august = found.steps[1]
    assert august.jurisdictions["EU"] == Count(in_force=1, uncertain=0)
    assert august.total.in_force == 2


def test_years_and_days() -> None:
    """Years end on 31 December (or the last day asked); days are every day."""
    years = series(_tl(), "year", D("2021-03-01"), D("2026-02-01"))
    assert [(s.period, s.total.in_force, s.total.uncertain) for s in years.steps] == [
        ("2021", 0, 0),
        ("2022", 1, 0),
        ("2023", 1, 0),
        ("2024", 2, 0),
        ("2025", 2, 0),
        ("2026", 2, 0),
    ]
    days = series(_tl(), "day", D("2022-10-06"), D("2022-10-08"))
    assert [s.total.in_force for s in days.steps] == [0, 1, 1]


@pytest.mark.parametrize(
    ("unit", "start", "end", "error", "message"),
    [
        ("week", D("2024-01-01"), D("2024-02-01"), ValueError, "is not one of day, month, year"),
        ("day", D("2024-02-01"), D("2024-01-01"), ValueError, "before it starts"),
        ("day", "2024-01-01", D("2024-02-01"), TypeError, "start takes a datetime.date"),
        (
            "day",
            D("2024-01-01"),
            dt.datetime(2024, 2, 1, tzinfo=dt.UTC),
            TypeError,
            "end takes a datetime.date",
        ),
    ],
)
def test_bad_arguments_are_refused(
    unit: str, start: object, end: object, error: type[Exception], message: str
) -> None:
    """A unit, a period or a date the series cannot count is refused with what to do."""
    with pytest.raises(error, match=message):
        series(_tl(), unit, start, end)  # type: ignore[arg-type]


@given(
    tl=policy_timelines(),
    pick=st.integers(0, 11),
    offset=st.integers(-20, 20),
    days=st.integers(1, 40),
    unit=st.sampled_from(["day", "month", "year"]),
)
def test_the_count_each_day_is_the_number_of_policies_in_force_that_day(
    tl: Timeline, pick: int, offset: int, days: int, unit: str
) -> None:
    """Day by day, in total and per jurisdiction, the series counts the policies whose
    status is in force, and those whose status cannot say; months and years agree."""
    bounds = [d for e in tl if e.effect for d in (e.when.earliest, e.when.latest) if d]
    start = (sorted(bounds)[pick % len(bounds)] if bounds else D("2000-01-01")) + offset * DAY
    start = max(min(start, D("9000-01-01")), D("0002-01-01"))
    end = start + (days - 1) * DAY
    found = series(tl, "day", start, end)
    assert [s.as_of for s in found.steps] == [start + n * DAY for n in range(days)]
    for step in found.steps:
        answers = tl.status(step.as_of)
        for key in (*found.jurisdictions, "all"):
            chosen = [a for a in answers.values() if key == "all" or a.policy.jurisdiction == key]
            count = step.total if key == "all" else step.jurisdictions[key]
            assert count.in_force == sum(a.in_force is True for a in chosen), (step, key)
            assert count.uncertain == sum(a.in_force is None for a in chosen), (step, key)
    by_day = {s.as_of: s for s in found.steps}
    for step in series(tl, unit, start, end).steps:  # type: ignore[arg-type]
        assert step.total == by_day[step.as_of].total
        assert dict(step.jurisdictions) == dict(by_day[step.as_of].jurisdictions)
