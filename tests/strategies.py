"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

from hypothesis import strategies as st

#: Pieces of English that the date rules react to, so random articles exercise them.
TEMPORAL_PIECES = (
    "In April", "this fall", "15 years ago", "over the last six months", "for over a decade",
    "just four years old", "in 50 years", "30 years’ time", "January 15, 2025", "Friday",
    "next week", "the previous quarter", "the 1990s", "the 19th century", "FY2024",
    "the third quarter of fiscal year 2024", "2:00 p.m. Eastern Time on", "noon", "annually",
    "every July", "Now", "recently", "the summer of 2022", "10/21/2022", "mid-October",
    "later this decade", "this nineteenth day of July, in the year of our Lord two thousand",
    "9999", "1000", "December 31, 9999", "31 February 2025", "99 centuries ago", "0 years old",
)  # fmt: skip


def article_texts() -> st.SearchStrategy[str]:
    """Text that mixes arbitrary characters with phrases the extractor resolves."""
    piece = st.one_of(st.sampled_from(TEMPORAL_PIECES), st.text(max_size=30))
    joiner = st.sampled_from([" ", ", ", ". ", "\n", " and ", " was ", " will be "])
    return st.lists(st.tuples(piece, joiner), max_size=12).map(
        lambda parts: "".join(p + j for p, j in parts)
    )


# -- iCalendar round trips (tests/test_ics.py, tests/test_ics_import.py) ----------------------

#: Text that breaks naive calendar writers: TEXT escapes, line ends, multi-byte characters
#: that land on fold boundaries, and characters that look like iCalendar syntax.
AWKWARD_PIECES = (
    ",", ";", "\\", "\\n", "\\,", "\n", "\r\n", ":", '"', "'", "END:VEVENT", "BEGIN:VCALENDAR",
    "DTSTART:20000101", "🎉", "👩‍💻", "🇨🇳", "中国芯片", "習近平", "한국어", "é", "ﬁ", "\t",
    "Xi Jinping pledges …", "a" * 74, "ü" * 40,
)  # fmt: skip


def awkward_texts(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Titles and phrases full of what iCalendar must escape or fold with care; never blank."""
    plain = st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf")), max_size=20
    )
    piece = st.one_of(st.sampled_from(AWKWARD_PIECES), plain)
    return st.lists(piece, min_size=1, max_size=max_size).map("".join).filter(str.strip)


@st.composite
def ics_whens(draw: st.DrawFn) -> object:
    """Every `When` shape an exporter must place: days, imprecise values, open spans,
    instants with offsets or zones, and spans of instants."""
    import datetime as dt

    from hypothesis import assume

    from timeline import When
    from timeline.errors import WhenError

    day = draw(st.dates(dt.date(1000, 1, 1), dt.date(2999, 12, 31)))
    notations = [
        day.isoformat(),
        f"{day:%Y-%m}",
        f"{day.year:04d}",
        f"{day.year:04d}-{draw(st.integers(21, 24))}",
        f"{day.year // 10:03d}X",
        f"{day.year // 100:02d}XX",
    ]
    part = draw(st.sampled_from(notations)) + draw(st.sampled_from(["", "", "~", "?", "%"]))
    other = day + dt.timedelta(days=draw(st.integers(0, 4000)))
    clock = f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    seconds = draw(st.sampled_from(["", f":{draw(st.integers(1, 59)):02d}"]))
    offset = draw(st.sampled_from(["Z", "+08:00", "-05:00", "+05:45"]))
    zone = draw(st.sampled_from(["Asia/Shanghai", "America/New_York", "Europe/London"]))
    shape = draw(st.sampled_from(["part", "days", "open-start", "open-end", "offset", "zone"]))
    tz = None
    if shape == "part":
        text = part
    elif shape == "days":
        text = f"{day.isoformat()}/{other.isoformat()}"
    elif shape == "open-start":
        text = f"../{part}"
    elif shape == "open-end":
        text = f"{part}/.."
    elif shape == "offset":
        text = day.isoformat() + clock + seconds + offset
        if draw(st.booleans()):
            text += f"/{other.isoformat()}{clock}{offset}"
    else:
        text, tz = day.isoformat() + clock + seconds, zone
        if draw(st.booleans()):
            text += f"/{other.isoformat()}{clock}"
    try:
        return When.parse(text, tz=tz)
    except WhenError:
        assume(False)
        raise  # unreachable: assume(False) stops this example


@st.composite
def ics_events(draw: st.DrawFn, *, max_size: int = 6) -> list[object]:
    """Events with unique ids, awkward titles and phrases, and every kind of date."""
    from timeline import Citation, Event

    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9]{1,8}([-_.][a-z0-9]{1,6}){0,2}", fullmatch=True),
            min_size=1,
            max_size=max_size,
            unique=True,
        )
    )
    return [
        Event(
            id=event_id,
            title=draw(awkward_texts()),
            when=draw(ics_whens()),
            said=draw(st.none() | awkward_texts(max_size=4)),
            tags=tuple(draw(st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), unique=True))),
            url=draw(st.none() | st.just("https://example.org/a?b=1,2;c")),
            cite=(Citation(source="src"),),
        )
        for event_id in ids
    ]
