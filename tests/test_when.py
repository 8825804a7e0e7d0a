"""`When`: the notation table, its bounds, labels and errors, and the laws of its order."""

from __future__ import annotations

import datetime as dt
import random
import re
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import canonical_notations, whens
from timeline._when import Precision, Qualifier, When
from timeline.errors import WhenError

D = dt.date
UTC = dt.UTC
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

#: notation, earliest, latest, precision, qualifier, label
VALID = [
    ("2025-12-08", D(2025, 12, 8), D(2025, 12, 8), "day", "", "8 December 2025"),
    ("2025-04-25", D(2025, 4, 25), D(2025, 4, 25), "day", "", "25 April 2025"),
    ("2025-12", D(2025, 12, 1), D(2025, 12, 31), "month", "", "December 2025"),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month", "", "February 2024"),
    ("2025", D(2025, 1, 1), D(2025, 12, 31), "year", "", "2025"),
    ("2025-21", D(2025, 3, 1), D(2025, 5, 31), "season", "", "spring 2025"),
    ("2025-22", D(2025, 6, 1), D(2025, 8, 31), "season", "", "summer 2025"),
    ("2025-23", D(2025, 9, 1), D(2025, 11, 30), "season", "", "autumn 2025"),
    ("2025-24", D(2025, 12, 1), D(2026, 2, 28), "season", "", "winter 2025–26"),
    ("2023-24", D(2023, 12, 1), D(2024, 2, 29), "season", "", "winter 2023–24"),
    ("201X", D(2010, 1, 1), D(2019, 12, 31), "decade", "", "the 2010s"),
    ("19XX", D(1900, 1, 1), D(1999, 12, 31), "century", "", "the 1900s"),
    ("2021~", D(2021, 1, 1), D(2021, 12, 31), "year", "~", "~2021"),
    ("2025-04?", D(2025, 4, 1), D(2025, 4, 30), "month", "?", "April 2025?"),
    ("2025%", D(2025, 1, 1), D(2025, 12, 31), "year", "%", "~2025?"),
    ("2025-10-15/2025-10-17", D(2025, 10, 15), D(2025, 10, 17), "day", "", "15–17 October 2025"),
    ("2025-06/2025-12", D(2025, 6, 1), D(2025, 12, 31), "month", "", "June–December 2025"),
    ("2024-12/2025-02", D(2024, 12, 1), D(2025, 2, 28), "month", "", "December 2024 – February 2025"),  # noqa: E501
    ("2025-09-29/2025-10-02", D(2025, 9, 29), D(2025, 10, 2), "day", "", "29 September – 2 October 2025"),  # noqa: E501
    ("2025-06/2025-12-19", D(2025, 6, 1), D(2025, 12, 19), "month", "", "June 2025 – 19 December 2025"),  # noqa: E501
    ("2015~/2025-12", D(2015, 1, 1), D(2025, 12, 31), "year", "~", "~2015 – December 2025"),
    ("1999/2001", D(1999, 1, 1), D(2001, 12, 31), "year", "", "1999–2001"),
    ("../2022-10-07", None, D(2022, 10, 7), "day", "", "until 7 October 2022"),
    ("2015/..", D(2015, 1, 1), None, "year", "", "since 2015"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "earliest", "latest", "precision", "qualifier", "label"), VALID)
def test_valid_notation_has_its_bounds_precision_and_label(
    text: str, earliest: D | None, latest: D | None, precision: str, qualifier: str, label: str
) -> None:
    """Each notation in the table gives its inclusive bounds, precision, qualifier and label."""
    when = When.parse(text)
    assert (when.earliest, when.latest) == (earliest, latest)
    assert str(when.precision) == precision
    assert when.qualifier is Qualifier(qualifier)
    assert when.label == label
    assert str(when) == text


#: notation, instant bounds, precision, canonical form, label
INSTANTS = [
    (
        "2025-12-08T15:30:00-05:00",
        dt.datetime(2025, 12, 8, 20, 30, tzinfo=UTC),
        "second",
        "2025-12-08T15:30:00-05:00",
        "8 December 2025, 15:30:00 UTC-05:00",
    ),
    (
        "2025-12-08T15:30Z",
        dt.datetime(2025, 12, 8, 15, 30, tzinfo=UTC),
        "minute",
        "2025-12-08T15:30Z",
        "8 December 2025, 15:30 UTC",
    ),
    (
        "2025-12-08T15:30+00:00",
        dt.datetime(2025, 12, 8, 15, 30, tzinfo=UTC),
        "minute",
        "2025-12-08T15:30Z",
        "8 December 2025, 15:30 UTC",
    ),
]


@pytest.mark.parametrize(("text", "moment", "precision", "canonical", "label"), INSTANTS)
def test_instant_is_one_aware_moment(
    text: str, moment: dt.datetime, precision: str, canonical: str, label: str
) -> None:
    """An ISO instant with an offset is one aware moment, written back canonically."""
    when = When.parse(text)
    assert when.is_instant
    assert when.start_instant == when.end_instant == moment
    assert when.start_instant is not None
    assert when.start_instant.tzinfo is not None
    assert when.earliest == when.latest == D(2025, 12, 8)  # the day as written
    assert str(when.precision) == precision
    assert str(when) == canonical
    assert when.label == label


def test_local_wall_time_lives_in_its_zone() -> None:
    """A local time with a named zone means that wall time there, and keeps the zone."""
    when = When.parse("2025-10-15T09:00", tz="Asia/Shanghai")
    assert when.start_instant == dt.datetime(2025, 10, 15, 1, 0, tzinfo=UTC)
    assert when.earliest == D(2025, 10, 15)
    assert when.tz == "Asia/Shanghai"
    assert str(when) == "2025-10-15T09:00"
    assert when.label == "15 October 2025, 09:00 Asia/Shanghai"
    assert repr(when) == "When('2025-10-15T09:00', tz='Asia/Shanghai')"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2025-10-15T09:00/..", "since 15 October 2025, 09:00 Asia/Shanghai"),
        ("../2025-10-15T09:00", "until 15 October 2025, 09:00 Asia/Shanghai"),
        (
            "2025-10-15T09:00/2025-10-17T18:00",
            "15 October 2025, 09:00 – 17 October 2025, 18:00 Asia/Shanghai",
        ),
    ],
)
def test_local_spans_name_their_zone(text: str, label: str) -> None:
    """Every label of a local wall time names its zone, open spans included."""
    assert When.parse(text, tz="Asia/Shanghai").label == label


@pytest.mark.parametrize(
    ("text", "tz", "label"),
    [
        (
            "2025-09-01T10:00/2025-09-01T11:00",
            "Europe/Brussels",
            "1 September 2025, 10:00–11:00 Europe/Brussels",
        ),
        ("2025-12-08T15:30Z/2025-12-08T17:00Z", None, "8 December 2025, 15:30–17:00 UTC"),
        (
            "2025-12-08T15:30:00+01:00/2025-12-08T17:00:30+01:00",
            None,
            "8 December 2025, 15:30:00–17:00:30 UTC+01:00",
        ),
        (
            "2025-12-08T23:30Z/2025-12-09T01:00Z",
            None,
            "8 December 2025, 23:30 – 9 December 2025, 01:00 UTC",
        ),
        (
            "2025-12-08T15:30+01:00/2025-12-08T17:00Z",
            None,
            "8 December 2025, 15:30 UTC+01:00 – 8 December 2025, 17:00 UTC",
        ),
        ("2025-12-08/2025-12-09T01:00Z", None, "8 December 2025 – 9 December 2025, 01:00 UTC"),
    ],
)
def test_timed_spans_say_what_the_ends_share_once(text: str, tz: str | None, label: str) -> None:
    """A span of times names its day and its zone once when both ends share them."""
    assert When.parse(text, tz=tz).label == label


#: notation, tz, what the message must say besides the value
INVALID = [
    ("2025-13", None, "month 13 is neither 01–12 nor a season"),
    ("2025-02-30", None, "February 2025 has days 01–28, not 30"),
    ("2025-25", None, "month 25 is neither 01–12 nor a season"),
    ("2025-12-01/2025-11-01", None, "the span ends before it starts"),
    ("tomorrow", None, "expected EDTF such as"),
    ("", None, "it is empty"),
    ("2025-00", None, "month 00"),
    ("2025-04-00", None, "April 2025 has days 01–30, not 00"),
    ("0000", None, "years before 0001"),
    ("000X", None, "years before 0001"),
    ("00XX", None, "years before 0001"),
    ("9999-24", None, "years after 9999"),
    ("10000", None, "years after 9999"),
    ("25", None, "four digits"),
    ("2025-21-03", None, "cannot carry a day"),
    ("2025-12-08T24:00Z", None, "is not a time of day"),
    ("2025-12-08T15:30:00.5Z", None, "fractions of a second"),
    ("2025-12-08T15:30+24:00", None, "is not a UTC offset"),
    ("2025-12-08T15:30~", None, "cannot be approximate"),
    ("2025-12-08T15:30", None, "needs an offset"),
    ("2025-12-08", "Asia/Shanghai", "only goes with a local time"),
    ("2025-10-15T09:00", "Mars/Olympus", "not a known IANA time zone"),
    ("2025-03-09T02:30", "America/New_York", "does not exist in America/New_York"),
    ("2025-11-02T01:30", "America/New_York", "happens twice"),
    ("2025/2025/2025", None, "exactly one '/'"),
    ("../..", None, "at least one known end"),
    ("..", None, "only an end of a span"),
    ("2025/", None, "write an open end as '..'"),
    ("2025-12-08T15:30Z/2025-12-08T15:29Z", None, "ends before it starts"),
]


@pytest.mark.parametrize(("text", "tz", "reason"), INVALID)
def test_invalid_notation_names_the_value_and_why(text: str, tz: str | None, reason: str) -> None:
    """Invalid notation raises WhenError quoting the value with !r and saying what is wrong."""
    with pytest.raises(WhenError, match=re.escape(f"{text!r} is not a valid date")) as caught:
        When.parse(text, tz=tz)
    assert reason in str(caught.value)
    assert caught.value.value == text
    assert isinstance(caught.value, ValueError)


def test_parse_rejects_a_non_string() -> None:
    """Giving parse() a date instead of text is a TypeError that names the type."""
    with pytest.raises(TypeError, match="takes a str, not date"):
        When.parse(dt.date(2025, 1, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2021~", D(2020, 1, 1), D(2022, 12, 31)),
        ("2025-04?", D(2025, 3, 1), D(2025, 5, 31)),
        ("2025%", D(2023, 1, 1), D(2027, 12, 31)),
        ("2025-04-25~", D(2025, 4, 24), D(2025, 4, 26)),
        ("2025-23~", D(2025, 6, 1), D(2026, 2, 28)),
        ("201X?", D(2000, 1, 1), D(2029, 12, 31)),
        ("2015~/2025-12", D(2014, 1, 1), D(2025, 12, 31)),
        ("2025-04", D(2025, 4, 1), D(2025, 4, 30)),
        ("9999-12-31~", D(9999, 12, 30), D(9999, 12, 31)),
        ("0001~", D(1, 1, 1), D(2, 12, 31)),
    ],
)
def test_widened_bounds_add_units_of_precision(text: str, low: D, high: D) -> None:
    """Widened bounds add one unit of precision each side per ~ or ?, two for %, clipped."""
    assert When.parse(text).widened == (low, high)


@pytest.mark.parametrize(
    ("text", "exact", "is_open", "is_instant"),
    [
        ("2025-12-08", True, False, False),
        ("2025-10-15/2025-10-17", True, False, False),
        ("2025-12-08~", False, False, False),
        ("2025-12", False, False, False),
        ("2015/..", False, True, False),
        ("2025-12-08T15:30Z", True, False, True),
        ("2025-12-08T15:30Z/2025-12-08T16:00Z", True, False, False),
    ],
)
def test_shape_predicates(text: str, exact: bool, is_open: bool, is_instant: bool) -> None:
    """is_exact, is_open and is_instant describe the value's shape."""
    when = When.parse(text)
    assert (when.is_exact, when.is_open, when.is_instant) == (exact, is_open, is_instant)


def test_documented_order_of_nested_values() -> None:
    """'2025' comes before '2025-04', which comes before '2025-04-25' (narrower first on ties)."""
    texts = ["2025-04-25", "2025-04", "2025", "2025-21", "2024-24", "../2025", "2025/.."]
    ordered = sorted(texts, key=lambda t: When.parse(t).sort_key())
    assert ordered == ["../2025", "2024-24", "2025", "2025/..", "2025-21", "2025-04", "2025-04-25"]


def test_dates_and_instants_share_one_axis() -> None:
    """A date stands for its whole day in the given zone; an instant for itself."""
    day = When.parse("2025-10-15")
    morning_in_shanghai = When.parse("2025-10-15T06:00+08:00")  # 14 October, 22:00 UTC
    assert morning_in_shanghai.sort_key() < day.sort_key()
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    assert day.sort_key(shanghai)[0] < morning_in_shanghai.sort_key(shanghai)[0]


@pytest.mark.parametrize(
    ("text", "day", "inside"),
    [
        ("2025-04", D(2025, 4, 30), True),
        ("2025-04", D(2025, 5, 1), False),
        ("2025-24", D(2026, 2, 28), True),
        ("2015/..", D(9999, 1, 1), True),
        ("../2022-10-07", D(2022, 10, 8), False),
        ("2025-12-08T15:30Z", dt.datetime(2025, 12, 8, 15, 30, tzinfo=UTC), True),
    ],
)
def test_contains(text: str, day: D, inside: bool) -> None:
    """contains() answers whether a date or aware datetime lies within the written bounds."""
    assert When.parse(text).contains(day) is inside


def test_contains_rejects_naive_datetimes() -> None:
    """A naive datetime has no place on the axis; contains() says so."""
    with pytest.raises(TypeError, match="is naive"):
        When.parse("2025").contains(dt.datetime(2025, 1, 1))  # noqa: DTZ001 - the point


@pytest.mark.parametrize(
    ("a", "b", "plain", "widened"),
    [
        ("2025-04", "2025-04-25", True, True),
        ("2021~", "2022-06", False, True),
        ("2025-06/2025-12", "2025-23", True, True),
        ("2010", "2015/..", False, False),
        ("2025%", "2027-12-31", False, True),
    ],
)
def test_overlaps(a: str, b: str, plain: bool, widened: bool) -> None:
    """overlaps() uses the written bounds, or the widened ones when asked; it is symmetric."""
    x, y = When.parse(a), When.parse(b)
    assert x.overlaps(y) is y.overlaps(x) is plain
    assert x.overlaps(y, widened=True) is y.overlaps(x, widened=True) is widened


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D(2025, 12, 8), "2025-12-08"),
        (dt.datetime(2025, 12, 8, 15, 30, tzinfo=UTC), "2025-12-08T15:30:00Z"),
        (dt.datetime(2025, 10, 15, 9, 0, tzinfo=SHANGHAI), "2025-10-15T09:00:00"),
    ],
)
def test_from_date(value: D, text: str) -> None:
    """from_date() gives a day, or an instant for an aware datetime (keeping a named zone)."""
    when = When.from_date(value)
    assert str(when) == text
    assert (when.start_instant or when.earliest) == value


@pytest.mark.parametrize(("fold", "offset"), [(0, "-04:00"), (1, "-05:00")])
def test_from_date_keeps_a_repeated_local_time_by_its_offset(fold: int, offset: str) -> None:
    """A wall time a DST change repeats is unambiguous as a datetime; its offset says which."""
    zone = zoneinfo.ZoneInfo("America/New_York")
    moment = dt.datetime(2025, 11, 2, 1, 30, tzinfo=zone, fold=fold)
    when = When.from_date(moment)
    assert str(when) == f"2025-11-02T01:30:00{offset}"
    assert when.start_instant is not None
    assert when.start_instant.astimezone(UTC) == moment.astimezone(UTC)


def test_from_date_rejects_naive_datetimes() -> None:
    """A naive datetime is a TypeError that says to give it a tzinfo."""
    with pytest.raises(TypeError, match="give it a tzinfo"):
        When.from_date(dt.datetime(2025, 1, 1))  # noqa: DTZ001 - the point


def test_precision_orders_finest_first() -> None:
    """Precision compares finest first, so max() of two is the coarser."""
    assert max(Precision.DAY, Precision.YEAR) is Precision.YEAR
    assert str(Precision.SEASON) == "season"


# -- laws ------------------------------------------------------------------------------------


def _axis(moment: dt.date | None, zone: dt.tzinfo, *, end: bool = False) -> dt.datetime:
    """Place a bound on the one axis: a date is its day's start (or end) in `zone`."""
    if moment is None:
        return dt.datetime.max.replace(tzinfo=UTC) if end else dt.datetime.min.replace(tzinfo=UTC)
    if isinstance(moment, dt.datetime):
        return moment
    if end:
        return dt.datetime.combine(moment, dt.time.max, tzinfo=zone)
    return dt.datetime.combine(moment, dt.time(), tzinfo=zone)


def _low(when: When) -> dt.date | None:
    """The earliest bound on the axis: the start's instant, else its first day."""
    return when.start_instant or when.earliest


def _high(when: When) -> dt.date | None:
    """The latest bound on the axis: the end's instant, else its last day."""
    return when.end_instant or when.latest


@given(canonical_notations())
def test_canonical_text_round_trips(text: str) -> None:
    """str(parse(s)) == s for every canonical notation."""
    assert str(When.parse(text)) == text


@given(whens())
def test_parse_of_str_gives_the_value_back(when: When) -> None:
    """parse(str(w)) == w (with the value's zone), and the label is never empty."""
    assert When.parse(str(when), tz=when.tz) == when
    assert when.label.strip()


@given(whens())
def test_widened_bounds_contain_written_bounds(when: When) -> None:
    """Widened bounds never exclude what the written bounds include."""
    low, high = when.widened
    if when.earliest is None:
        assert low is None
    else:
        assert low is not None
        assert low <= when.earliest
    if when.latest is None:
        assert high is None
    else:
        assert high is not None
        assert high >= when.latest
    if when.qualifier is Qualifier.NONE:
        assert (low, high) == (when.earliest, when.latest)


@given(whens())
def test_bounds_are_ordered(when: When) -> None:
    """earliest <= latest on the axis, and the sort key agrees."""
    low, high = when.sort_key()
    assert low <= high
    assert _axis(_low(when), UTC) <= _axis(_high(when), UTC, end=True)


@given(whens(), st.sampled_from(["UTC", "Asia/Shanghai", "America/New_York"]))
def test_sort_key_is_microseconds_of_the_bounds(when: When, zone_name: str) -> None:
    """The key's integer arithmetic gives the microseconds datetime arithmetic gives."""
    zone = zoneinfo.ZoneInfo(zone_name)
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)

    def micros(moment: dt.datetime) -> int:
        return (moment - epoch) // dt.timedelta(microseconds=1)

    def day_start(day: dt.date) -> int:
        return micros(dt.datetime.combine(day, dt.time(), tzinfo=zone))

    low, high = when.sort_key(zone)
    if when.start_instant is not None:
        assert low == micros(when.start_instant)
    elif when.earliest is not None:
        assert low == day_start(when.earliest)
    if when.end_instant is not None:
        assert high == micros(when.end_instant)
    elif when.latest is not None and when.latest < dt.date.max:
        assert high == day_start(when.latest + dt.timedelta(days=1)) - 1


@given(whens(), whens(), st.sampled_from(["UTC", "Asia/Shanghai", "America/New_York"]))
def test_order_is_total_and_consistent_with_earliest(a: When, b: When, zone_name: str) -> None:
    """Keys compare totally, and a before b never has b's earliest before a's."""
    zone = zoneinfo.ZoneInfo(zone_name)
    ka, kb = a.sort_key(zone), b.sort_key(zone)
    assert (ka < kb) + (kb < ka) + (ka == kb) == 1
    if ka < kb:
        assert not _axis(_low(b), zone) < _axis(_low(a), zone)
    if ka == kb:
        assert _axis(_low(a), zone) == _axis(_low(b), zone)


@given(whens(), whens(), whens())
def test_order_is_transitive(a: When, b: When, c: When) -> None:
    """If a sorts before b and b before c, a sorts before c."""
    x, y, z = sorted([a, b, c], key=When.sort_key)
    assert x.sort_key() <= y.sort_key() <= z.sort_key()
    assert x.sort_key() <= z.sort_key()


@given(st.lists(whens(), max_size=10), st.randoms(use_true_random=False))
def test_sorting_is_deterministic_under_shuffling(values: list[When], rnd: random.Random) -> None:
    """Sorting by (key, text) gives the same sequence whatever order the input came in."""

    def key(w: When) -> tuple[tuple[int, int], str, str]:
        return (w.sort_key(), str(w), w.tz or "")

    shuffled = values[:]
    rnd.shuffle(shuffled)
    assert sorted(values, key=key) == sorted(shuffled, key=key)


#: A day number: one or two digits before a space or dash, not a year's end ("2025–26").
_DAY_IN_LABEL = re.compile(r"(?<![\d:])(?<!\d\d\d\d–)(\d{1,2})(?=[ –])")


@given(whens())
def test_label_never_shows_a_day_the_value_lacks(when: When) -> None:
    """Every day number in a label is a day written in the notation."""
    written = {int(d) for d in re.findall(r"\d{4}-\d{2}-(\d{2})", str(when))}
    label = re.sub(r"\d{2}:\d{2}(:\d{2})?", "", when.label)  # clock times and offsets
    shown = {int(d) for d in _DAY_IN_LABEL.findall(label)}
    assert shown <= written


@given(whens(), whens())
def test_overlap_is_symmetric_and_widening_only_adds(a: When, b: When) -> None:
    """overlaps() is symmetric, and what overlaps as written overlaps when widened."""
    assert a.overlaps(b) == b.overlaps(a)
    assert a.overlaps(b, widened=True) == b.overlaps(a, widened=True)
    if a.overlaps(b):
        assert a.overlaps(b, widened=True)
    assert a.overlaps(a)


@given(whens())
def test_a_value_contains_its_own_bounds(when: When) -> None:
    """contains() holds for the earliest and latest bounds a value gives."""
    for bound in (_low(when), _high(when)):
        if bound is not None:
            assert when.contains(bound)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": None, "end": None}, r"needs at least one known end"),
        ({"start": "2025", "end": None}, r"ends are Endpoint values"),
        ({"start": When.parse("2025").start, "end": None}, r"one end for both"),
        (
            {"start": When.parse("2025-10-15T09:00Z").start, "end": None, "is_interval": True,
             "tz": "Asia/Shanghai"},
            r"goes only with a local time",
        ),
        (
            {"start": When.parse("2025-10-15T09:00", tz="UTC").start, "end": None,
             "is_interval": True},
            r"local time of day needs tz",
        ),
    ],
)  # fmt: skip
def test_construction_refuses_what_no_notation_writes(
    fields: dict[str, object], message: str
) -> None:
    """When(...) built by hand is checked as parse() checks it, never failing later."""
    with pytest.raises((WhenError, TypeError), match=message):
        When(**fields)  # type: ignore[arg-type]


def test_instant_days_and_moments_are_apart() -> None:
    """earliest/latest are always dates; the instant accessors give the aware moments."""
    when = When.parse("2025-12-08T23:30-05:00/2025-12-09T01:00-05:00")
    assert (when.earliest, when.latest) == (D(2025, 12, 8), D(2025, 12, 9))
    assert when.start_instant == dt.datetime(2025, 12, 9, 4, 30, tzinfo=UTC)
    assert When.parse("2025-04").start_instant is None
    assert When.parse("2025-04").earliest < When.parse("2025-12-08T15:30Z").latest  # comparable


# -- values at the edges -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "reason"),
    [
        ("America", "'America' is a region of the zone database, not a zone"),
        ("Europe", "name one of its zones, e.g. 'Europe/Amsterdam'"),
        ("localtime", "'localtime' is not a known IANA time zone"),
        ("posixrules", "'posixrules' is not a known IANA time zone"),
        ("Factory", "'Factory' is not a known IANA time zone"),
        ("Asia/" + "x" * 295, "a zone name of 300 characters is not a known IANA time zone"),
        ("../../etc/passwd", "is not a known IANA time zone"),
        ("Asia//Tokyo", "is not a known IANA time zone"),
        ("/usr/share/zoneinfo/UTC", "is not a known IANA time zone"),
    ],
)
def test_zone_names_that_are_not_iana_zones_are_a_when_error(tz: str, reason: str) -> None:
    """Folders, machine-specific names, paths and over-long names are refused, never opened."""
    with pytest.raises(WhenError, match=re.escape(reason)):
        When.parse("2025-10-15T09:00", tz=tz)


@pytest.mark.parametrize("tz", ["America/New_York", "UTC", "Etc/GMT+5", "US/Pacific"])
def test_iana_zones_and_their_links_are_accepted(tz: str) -> None:
    """Every name in the IANA list, links such as US/Pacific included, is a zone."""
    assert When.parse("2025-10-15T09:00", tz=tz).tz == tz


@pytest.mark.parametrize(
    ("text", "ascii"),
    [("٢٠٢٥", "2025"), ("２０２５-０４", "2025-04"), ("२०२५", "2025"), ("2025-1２", "2025-12")],
)
def test_digits_other_than_ascii_are_refused(text: str, ascii: str) -> None:
    """Only 0-9 are EDTF digits: Arabic-Indic, full-width and Devanagari digits are refused."""
    with pytest.raises(WhenError, match=f"only the ASCII digits 0-9 are EDTF; write {ascii}"):
        When.parse(text)


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("9999-12-31T23:59-14:00", None),
        ("0001-01-01T00:00+14:00", None),
        ("9999-12-31T23:00", "America/Los_Angeles"),
        ("0001-01-01T00:30", "Asia/Tokyo"),
        ("2025/9999-12-31T23:59-00:01", None),
    ],
)
def test_instants_outside_the_calendar_in_utc_are_refused(text: str, tz: str | None) -> None:
    """An instant whose UTC day is before year 1 or after 9999 is a WhenError, not a crash."""
    with pytest.raises(WhenError, match="in UTC it falls outside the years 1-9999"):
        When.parse(text, tz=tz)


@pytest.mark.parametrize(
    "text", ["9999-12-31T23:59Z", "0001-01-01T00:00Z", "9999-12-31T10:00+10:00"]
)
def test_instants_at_the_ends_in_utc_are_kept(text: str) -> None:
    """The first and last minutes of the calendar in UTC are instants like any other."""
    when = When.parse(text)
    assert when.start_instant is not None
    assert when.start_instant.astimezone(dt.UTC).year in (1, 9999)


#: What people write, and the notation the message must name as the fix.
WRITTEN = [
    ("Aug 1, 2024", "write dates as numbers, year first: 2024-08-01"),
    ("1 August 2024", "write dates as numbers, year first: 2024-08-01"),
    ("Thursday, 1st August 2024", "write dates as numbers, year first: 2024-08-01"),
    ("August 2024", "write dates as numbers, year first: 2024-08"),
    ("Sept. 30, 2025 14:00", "write dates as numbers, year first: 2025-09-30T14:00"),
    ("August 1", "write dates as numbers, year first, with the year: YYYY-08-01"),
    ("2025-2-2", "write month and day with two digits: 2025-02-02"),
    ("2025-4", "write month and day with two digits: 2025-04"),
    ("2025.02.02", "separate year, month and day with '-': 2025-02-02"),
    ("20250202", "separate year, month and day with '-': 2025-02-02"),
    ("20251208T153000Z", "write the date and time with '-' and ':': 2025-12-08T15:30:00Z"),
    ("31.12.2025", "write the year first: 2025-12-31"),
    ("12-31-2025", "write the year first: 2025-12-31"),
    ("2024/08/01", "separate year, month and day with '-': 2024-08-01"),
    ("01/08/2024", "write the year first: 2024-08-01 if it means 1 August 2024, "
     "2024-01-08 if 8 January 2024"),
    ("2024-03-13 12:30", "put a T between the date and the time: 2024-03-13T12:30"),
    ("2024-03-13 12:30 UTC", "put a T between the date and the time: 2024-03-13T12:30Z"),
    ("2024-03-13T12:30 UTC", "write UTC as Z: 2024-03-13T12:30Z"),
    ("2024-03-13T12:30+0100", "write the offset with a colon: 2024-03-13T12:30+01:00"),
    ("summer 2025", "seasons are numbered 21–24 (spring to winter): 2025-22"),
    ("Fall 2025", "seasons are numbered 21–24 (spring to winter): 2025-23"),
    ("2025-Q3", "a quarter is the span of its months: 2025-07/2025-09"),
    ("Q1 2025", "a quarter is the span of its months: 2025-01/2025-03"),
    ("H2 2025", "a half-year is the span of its months: 2025-07/2025-12"),
    ("the 2010s", "a decade is written with X for its last digit: 201X"),
    ("1990's", "a decade is written with X for its last digit: 199X"),
    ("20th century", "a century is written with XX for its last digits: 19XX"),
    ("c. 2021", "approximate is written with ~ after the value: 2021~"),
    ("~2021", "approximate is written with ~ after the value: 2021~"),
    ("around April 2025", "approximate is written with ~ after the value: 2025-04~"),
    ("since 2015", "an open span is written with '..': 2015/.."),
    ("before 2015", "an open span is written with '..': ../2015"),
    ("2020-2023", "a span is written with '/' between its ends: 2020/2023"),
    ("2025-04-25 to 2025-05-01", "a span is written with '/' between its ends: "
     "2025-04-25/2025-05-01"),
    ("2025-04 – 2025-06", "a span is written with '/' between its ends: 2025-04/2025-06"),
    ("early 2025", "EDTF has no early, mid or late: write the months you mean as a span, "
     "e.g. 2025-01/2025-04, or the year, 2025"),
    (" 2025-04", "remove the spaces around it: 2025-04"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fix"), WRITTEN)
def test_a_common_written_form_gets_its_notation(text: str, fix: str) -> None:
    """A date written the usual ways is refused with the notation it most likely means."""
    with pytest.raises(WhenError) as caught:
        When.parse(text)
    assert caught.value.reason == fix
    assert str(caught.value) == f"{text!r} is not a valid date: {fix}"


@pytest.mark.parametrize(("text", "fix"), WRITTEN)
def test_every_suggested_notation_parses(text: str, fix: str) -> None:
    """Each notation a message suggests is itself valid (a placeholder year aside)."""
    found = re.findall(r"(?:\d\dXX|\d{3}X|\d{4}|\.\.|YYYY)(?:[-\dTXZ:+/.~?]*[\dXZ.~?])?", fix)
    found = [notation for notation in found if notation != ".."]  # "written with '..'"
    assert found
    for suggested in found:
        notation = suggested.replace("YYYY", "2025")
        local = re.search(r"T[\d:]+$", notation)
        assert str(When.parse(notation, tz="UTC" if local else None)) == notation
