"""Tests for timeline._extract: finding dated phrases and resolving them honestly."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from strategies import article_texts
from timeline._extract import Mention, draft_toml, extract, to_jsonl
from timeline._when import When
from timeline.errors import ExtractError

DATA = Path(__file__).parent / "data" / "extract"
SEED = DATA / "texts" / "npr-2025-12-19-china-chips.txt"
SEED_DATE = dt.date(2025, 12, 19)
HELDOUT = DATA / "heldout"
#: Every corpus document by name: its folder and its metadata (publication date, title).
DOCS: dict[str, tuple[Path, dict[str, str]]] = {
    name: (folder, meta)
    for folder in (DATA, HELDOUT)
    for name, meta in json.loads((folder / "docs.json").read_text(encoding="utf-8")).items()
}


def _path(name: str) -> Path:
    return DOCS[name][0] / "texts" / f"{name}.txt"


def _doc(name: str) -> tuple[str, dt.date]:
    text = _path(name).read_text(encoding="utf-8")
    return text, dt.date.fromisoformat(DOCS[name][1]["published"])


def _find(mentions: list[Mention], phrase: str) -> Mention:
    hits = [m for m in mentions if phrase in m.text or m.text in phrase]
    assert hits, f"no mention of {phrase!r} in {[m.text for m in mentions]}"
    return hits[0]


def _one(sentence: str, published: dt.date, phrase: str) -> Mention:
    return _find(extract(sentence, published), phrase)


@pytest.fixture(scope="module")
def seed_mentions() -> list[Mention]:
    return extract(SEED.read_text(encoding="utf-8"), SEED_DATE)


# ── the seed article, as the issue asks ───────────────────────────────────────────────
@pytest.mark.parametrize(
    ("phrase", "when", "timex", "kind"),
    [
        ("this fall", "2025-23", "2025-FA", "DATE"),
        ("April", "2025-04", "2025-04", "DATE"),
        ("this month", "2025-12", "2025-12", "DATE"),
        ("over the last six months", "2025-06/2025-12", "P6M", "DURATION"),
        ("15 years ago", "2010~", "2010", "DATE"),
        ("for over a decade", "../2025", "P1DE", "DURATION"),
        ("in 50 years", "2075~", "2075", "DATE"),
        ("30 years’ time", "2055~", "2055", "DATE"),
        ("Now", None, "PRESENT_REF", "DATE"),
    ],
)
def test_seed_phrases_resolve(
    seed_mentions: list[Mention], phrase: str, when: str | None, timex: str, kind: str
) -> None:
    """Each dated phrase of the seed article gets the agreed value and type."""
    mention = _find(seed_mentions, phrase)
    assert (mention.when, mention.timex, mention.type) == (when, timex, kind)


def test_for_over_a_decade_starts_before_2015(seed_mentions: list[Mention]) -> None:
    """'for over a decade' ends in 2025 and has an open start, which lies before 2015."""
    span = When.parse(_find(seed_mentions, "over a decade").when or "")
    assert span.latest == dt.date(2025, 12, 31)
    assert span.earliest is None  # the infinite past: earlier than any 2015 date


def test_age_gives_an_approximate_founding_year() -> None:
    """'just four years old' in a 2025 article means founded about 2021."""
    mention = _one("SiCarrier is just four years old.", SEED_DATE, "four years old")
    assert (mention.when, mention.timex, mention.type) == ("2021~", "P4Y", "DURATION")


def test_the_spinners_wording_dates_the_founding_too(seed_mentions: list[Mention]) -> None:
    """'is simply 4 years outdated', the spinner's 'just four years old', means about 2021."""
    mention = _find(seed_mentions, "4 years")
    assert (mention.text, mention.when, mention.timex) == ("4 years outdated", "2021~", "P4Y")


def test_future_values_are_not_drafted(seed_mentions: list[Mention]) -> None:
    """'in 50 years' and '30 years' time' resolve, but no event is drafted from them."""
    draft = tomllib.loads(_seed_draft(seed_mentions))
    whens = {event["when"] for event in draft["event"]}
    assert whens == {
        "2025-23",
        "2025-04",
        "2021~",
        "2010~",
        "2025-12",
        "../2025",
        "2025-06/2025-12",
    }


# ── rule tables ───────────────────────────────────────────────────────────────────────
D = dt.date
RULE_CASES = [
    # explicit dates in the common English forms
    (
        "The rule is effective January 15, 2025.",
        D(2025, 2, 1),
        "January 15, 2025",
        "2025-01-15",
        "2025-01-15",
    ),
    (
        "Published on Friday, Jan. 10, 2025, in full.",
        D(2025, 2, 1),
        "Jan. 10, 2025",
        "2025-01-10",
        "2025-01-10",
    ),
    (
        "It appeared on 13 October 2022.",
        D(2023, 1, 1),
        "13 October 2022",
        "2022-10-13",
        "2022-10-13",
    ),
    ("Filed 10/21/2022 by the agency.", D(2023, 1, 1), "10/21/2022", "2022-10-21", "2022-10-21"),
    ("Filed 2022-12-12 by the agency.", D(2023, 1, 1), "2022-12-12", "2022-12-12", "2022-12-12"),
    ("Sales fell in December 2024.", D(2025, 6, 1), "December 2024", "2024-12", "2024-12"),
    ("The plant opened in 1990.", D(2025, 6, 1), "1990", "1990", "1990"),
    ("Work ends by the end of 2027.", D(2025, 6, 1), "the end of 2027", "2027", "2027"),
    # month names toward the nearer plausible side, with tense cues
    ("In April, Xi said so.", D(2025, 12, 19), "April", "2025-04", "2025-04"),
    ("The agency will act in March.", D(2025, 12, 19), "March", "2026-03", "2026-03"),
    ("The agency acted in November.", D(2025, 2, 10), "November", "2024-11", "2024-11"),
    ("The report will be published in November.", D(2025, 8, 14), "November", "2025-11", "2025-11"),
    ("Applications open on April 1.", D(2025, 3, 6), "April 1", "2025-04-01", "2025-04-01"),
    ("It was signed on December 30.", D(2026, 1, 3), "December 30", "2025-12-30", "2025-12-30"),
    (
        "BIS published guidance in mid-October.",
        D(2022, 11, 22),
        "mid-October",
        "2022-10",
        "2022-10",
    ),
    # weekdays
    (
        "On Tuesday, the President signed an order.",
        D(2025, 1, 22),
        "Tuesday",
        "2025-01-21",
        "2025-01-21",
    ),
    ("The President will travel on Friday.", D(2025, 1, 22), "Friday", "2025-01-24", "2025-01-24"),
    (
        "Last Thursday, the Senate voted.",
        D(2025, 1, 22),
        "Last Thursday",
        "2025-01-16",
        "2025-01-16",
    ),
    ("Next Monday, the Cabinet meets.", D(2025, 1, 22), "Next Monday", "2025-01-27", "2025-01-27"),
    # this / last / next
    ("Last year, spending rose.", D(2025, 3, 6), "Last year", "2024", "2024"),
    ("Next year, spending rises.", D(2025, 3, 6), "Next year", "2026", "2026"),
    ("Last month, spending rose.", D(2025, 1, 6), "Last month", "2024-12", "2024-12"),
    ("She visits next week.", D(2025, 3, 6), "next week", "2025-W11", "2025-03-10/2025-03-16"),
    ("Yesterday, the vote passed.", D(2025, 3, 1), "Yesterday", "2025-02-28", "2025-02-28"),
    ("The vote passes tomorrow.", D(2024, 12, 31), "tomorrow", "2025-01-01", "2025-01-01"),
    (
        "Earlier this year, DOE launched it.",
        D(2025, 11, 20),
        "Earlier this year",
        "2025",
        "2025-01/2025-11",
    ),
    (
        "It will report later this month.",
        D(2025, 3, 6),
        "later this month",
        "2025-03",
        "2025-03-06/2025-03-31",
    ),
    ("Corrections come early next year.", D(2023, 10, 17), "early next year", "2024", "2024"),
    ("They met last October.", D(2023, 10, 17), "last October", "2022-10", "2022-10"),
    # seasons
    ("The expo was held this fall.", D(2025, 12, 19), "this fall", "2025-FA", "2025-23"),
    ("Peak demand this winter is high.", D(2025, 11, 20), "this winter", "2025-WI", "2025-24"),
    ("Last winter set a record.", D(2025, 11, 20), "Last winter", "2024-WI", "2024-24"),
    ("Last spring, alerts went out.", D(2025, 11, 20), "Last spring", "2025-SP", "2025-21"),
    ("It runs again next summer.", D(2024, 8, 25), "next summer", "2025-SU", "2025-22"),
    (
        "It was announced in the summer of 2022.",
        D(2025, 1, 1),
        "summer of 2022",
        "2022-SU",
        "2022-22",
    ),
    (
        "BIS expects to meet again in the spring.",
        D(2025, 1, 15),
        "the spring",
        "2025-SP",
        "2025-21",
    ),
    # counted spans and points
    ("These were high tech 15 years ago.", D(2025, 12, 19), "15 years ago", "2010", "2010~"),
    ("Fifty-five years ago, they landed.", D(2024, 7, 19), "Fifty-five years ago", "1969", "1969~"),
    ("It happened three months ago.", D(2025, 12, 19), "three months ago", "2025-09", "2025-09~"),
    ("It happened five days ago.", D(2025, 12, 19), "five days ago", "2025-12-14", "2025-12-14"),
    ("The agency turns 108 years old today.", D(2024, 8, 25), "108 years old", "P108Y", "1916~"),
    ("Many lines are more than 50 years old.", D(2025, 11, 20), "50 years old", "P50Y", "../1975"),
    (
        "Over the past two years, BIS saw diversion.",
        D(2025, 1, 15),
        "the past two years",
        "P2Y",
        "2023/2025",
    ),
    (
        "In the last 30 days, prices rose.",
        D(2025, 3, 31),
        "the last 30 days",
        "P30D",
        "2025-03-01/2025-03-31",
    ),
    ("It has grown for more than six decades.", D(2024, 7, 19), "six decades", "P6DE", "../2024"),
    ("It was flat for nearly two decades.", D(2025, 11, 20), "two decades", "P2DE", None),
    (
        "The rules take effect in 30 days.",
        D(2023, 10, 17),
        "in 30 days",
        "2023-11-16",
        "2023-11-16",
    ),
    ("Exporters will have 120 days to comply.", D(2025, 1, 15), "120 days", "P120D", None),
    ("BIS asks for comments for a 60-day period.", D(2025, 1, 15), "60-day", "P60D", None),
    ("The order requires a report within 24 hours.", D(2025, 1, 15), "24 hours", "PT24H", None),
    # decades and centuries
    ("Controls have relied on them since the 1990s.", D(2023, 1, 1), "the 1990s", "199", "199X/.."),
    ("Writers dreamed in the 19th century.", D(2024, 1, 1), "the 19th century", "18", "18XX"),
    ("It grows later this decade.", D(2024, 7, 19), "later this decade", "202", "2024/2029"),
    # present and past references stay references
    ("Recently, several agencies acted.", D(2025, 1, 22), "Recently", "PAST_REF", None),
    ("Others are currently reviewing theirs.", D(2025, 1, 22), "currently", "PRESENT_REF", None),
    ("Most lines in use today are old.", D(2025, 1, 22), "today", "PRESENT_REF", None),
    # quarters, halves and fiscal years
    (
        "Reports come in the first quarter of 2026.",
        D(2025, 1, 15),
        "first quarter of 2026",
        "2026-Q1",
        "2026-01/2026-03",
    ),
    (
        "Wafers arrive in the first half of 2026.",
        D(2025, 3, 6),
        "first half of 2026",
        "2026-H1",
        "2026-01/2026-06",
    ),
    ("Cases rose in Q3 2024.", D(2025, 3, 6), "Q3 2024", "2024-Q3", "2024-07/2024-09"),
    (
        "During the second quarter, cases rose.",
        D(2025, 8, 14),
        "the second quarter",
        "2025-Q2",
        "2025-04/2025-06",
    ),
    ("In fiscal year 2024, BIS opened cases.", D(2025, 1, 15), "fiscal year 2024", "FY2024", None),
    (
        "In federal fiscal year 2024, BIS opened cases.",
        D(2025, 1, 15),
        "fiscal year 2024",
        "FY2024",
        "2023-10/2024-09",
    ),
    (
        "Guidance for the third quarter of fiscal year 2024 follows.",
        D(2023, 10, 17),
        "third quarter of fiscal year 2024",
        "FY2024-Q3",
        None,
    ),
    # times of day
    (
        "The roundtable is at 2:00 p.m. Eastern Time on Friday, March 7, 2025.",
        D(2025, 3, 6),
        "2:00 p.m.",
        "2025-03-07T14:00",
        "2025-03-07T14:00-05:00",
    ),
    (
        "Apply by 11:59 p.m. ET on July 15, 2025.",
        D(2025, 3, 6),
        "11:59 p.m.",
        "2025-07-15T23:59",
        "2025-07-15T23:59-04:00",
    ),
    (
        "He will brief reporters at 10 a.m. tomorrow.",
        D(2023, 10, 17),
        "10 a.m.",
        "2023-10-18T10:00",
        "2023-10-18",
    ),
    (
        "This morning he spoke with Japan.",
        D(2025, 1, 22),
        "This morning",
        "2025-01-22TMO",
        "2025-01-22",
    ),
    ("Third-quarter profit fell.", D(1989, 10, 25), "Third-quarter", "1989-Q3", "1989-07/1989-09"),
    (
        "In the last quarter, sales rose.",
        D(1989, 10, 25),
        "the last quarter",
        "1989-Q3",
        "1989-07/1989-09",
    ),
    (
        "Sales will improve in the second half.",
        D(1989, 3, 1),
        "the second half",
        "1989-H2",
        "1989-07/1989-12",
    ),
    (
        "The company said late yesterday it would sell.",
        D(1989, 10, 25),
        "yesterday",
        "1989-10-24",
        "1989-10-24",
    ),
    (
        "Income for the quarter ended Dec. 31 was $45 million, up from $40 million a year earlier.",
        D(1998, 2, 11),
        "a year earlier",
        "1996",
        "1996",
    ),
    (
        "Sales in the first weeks of the new year were flat.",
        D(1998, 2, 11),
        "the new year",
        "1998",
        "1998",
    ),
    (
        "He said the company hopes to resume launches in November.",
        D(2016, 9, 28),
        "November",
        "2016-11",
        "2016-11",
    ),
    (
        "September was the worst month since 2002.",
        D(2008, 10, 1),
        "September",
        "2008-09",
        "2008-09",
    ),
    ("It could raise rates as early as March.", D(2022, 1, 7), "March", "2022-03", "2022-03"),
    ("Funds lost money for 10 straight weeks.", D(2008, 10, 1), "10 straight weeks", "P10W", None),
    (
        "Half a century ago, a twister struck.",
        D(2013, 5, 21),
        "Half a century ago",
        "1963",
        "1963~",
    ),
    (
        "It takes effect more than three years from now.",
        D(2017, 6, 2),
        "three years from now",
        "2020",
        "2020~",
    ),
    (
        "Requests are due by the last day of November 2021.",
        D(2021, 11, 10),
        "last day of November",
        "2021-11-30",
        "2021-11-30",
    ),
    (
        "In fiscal year 2021 it made 312 reviews, up from 287 the previous year.",
        D(2021, 11, 10),
        "the previous year",
        "FY2020",
        None,
    ),
    # holidays, days of the month, anchored and vague points
    ("Stores will close for Christmas.", D(2025, 12, 19), "Christmas", "2025-12-25", "2025-12-25"),
    ("Stores closed on Thanksgiving.", D(2025, 12, 19), "Thanksgiving", "2025-11-27", "2025-11-27"),
    (
        "Parades are set for Memorial Day.",
        D(2025, 4, 2),
        "Memorial Day",
        "2025-05-26",
        "2025-05-26",
    ),
    ("Churches filled on Easter 2024.", D(2025, 1, 2), "Easter", "2024-03-31", "2024-03-31"),
    ("The board met on the 4th.", D(2025, 12, 19), "the 4th", "2025-12-04", "2025-12-04"),
    ("The board will meet on the 4th.", D(2025, 12, 19), "the 4th", "2026-01-04", "2026-01-04"),
    (
        "In 2023, sales rose; two years earlier they fell.",
        D(2025, 6, 1),
        "two years earlier",
        "2021",
        "2021",
    ),
    ("That was decided years ago.", D(2025, 6, 1), "years ago", "PAST_REF", None),
    ("Disco peaked in the 70s.", D(2025, 6, 1), "the 70s", "197", "197X"),
    ("Mills were built in the 1800s.", D(2025, 6, 1), "the 1800s", "18", "18XX"),
    ("Results come at the end of the year.", D(2025, 6, 1), "the end of the year", "2025", "2025"),
    ("The 1987's crash was severe.", D(2025, 6, 1), "1987", "1987", "1987"),
    # year ranges: one TIMEX3 per year, the whole span as `when`
    ("They won it in the 2009-2010 season.", D(2019, 10, 2), "2009", "2009", "2009/2010"),
    ("They won it in the 2009-2010 season.", D(2019, 10, 2), "2010", "2010", "2009/2010"),
    ("Attendance peaked in 1957-58.", D(2019, 10, 2), "58", "1958", "1957/1958"),
    ("Revenue for 2018/19 rose.", D(2019, 10, 2), "19", "2019", "2018/2019"),
    ("Prices fell in 1999-00.", D(2019, 10, 2), "00", "2000", "1999/2000"),
    ("Output grew in 2014–2016.", D(2019, 10, 2), "2016", "2016", "2014/2016"),
    # fiscal and calendar periods
    ("Sales will double this fiscal year.", D(2025, 7, 31), "this fiscal year", "FY2025", None),
    ("Sales fell last fiscal year.", D(2025, 7, 31), "last fiscal year", "FY2024", None),
    (
        "In fiscal 2021 it earned $3 a share; in the previous fiscal year, $2.",
        D(2022, 5, 26),
        "the previous fiscal year",
        "FY2020",
        None,
    ),
    (
        "Revenue for its fiscal third quarter fell.",
        D(2001, 3, 30),
        "fiscal third",
        "FY2001-Q3",
        None,
    ),
    (
        "For the first half of fiscal 2003, it earned $367 million.",
        D(2003, 7, 17),
        "first half of fiscal 2003",
        "FY2003-H1",
        None,
    ),
    (
        "Sales rose in the second quarter. Net income for the quarter doubled.",
        D(2003, 7, 17),
        "the quarter",
        "2003-Q2",
        "2003-04/2003-06",
    ),
    (
        "In the latest quarter, profit fell.",
        D(2022, 5, 26),
        "latest quarter",
        "2022-Q1",
        "2022-01/2022-03",
    ),
    (
        "Growth slowed in the first three months of 2013.",
        D(2013, 3, 15),
        "first three months of 2013",
        "2013-Q1",
        "2013-01/2013-03",
    ),
    (
        "Demand should hold for the rest of the year.",
        D(2003, 7, 17),
        "rest of the year",
        "2003",
        "2003-07/2003-12",
    ),
    (
        "It will remodel 200 stores by year-end 2024.",
        D(2022, 5, 26),
        "year-end 2024",
        "2024",
        "2024",
    ),
    ("The economy lost momentum late last year.", D(2023, 1, 19), "late last year", "2022", "2022"),
    ("Prices rise early next month.", D(2025, 7, 31), "early next month", "2025-08", "2025-08"),
    # weeks
    (
        "Stocks have climbed over the past week.",
        D(2013, 3, 15),
        "the past week",
        "2013-W11",
        "2013-03-09/2013-03-15",
    ),
    (
        "They meet again the week of Aug. 18.",
        D(2025, 7, 31),
        "week of Aug. 18",
        "2025-W34",
        "2025-08-18/2025-08-24",
    ),
    (
        "The club sold out both games this weekend.",
        D(2014, 10, 6),
        "this weekend",
        "2014-W40-WE",
        "2014-10-04/2014-10-05",
    ),
    # the side of publication: cue words first, then tense, then the nearest
    ("Prices have risen since March.", D(2022, 11, 1), "March", "2022-03", "2022-03/.."),
    ("Mexico was exempted until Sept. 1.", D(2025, 7, 31), "Sept. 1", "2025-09-01", "2025-09-01"),
    (
        "Schools will remain closed until Monday.",
        D(2002, 9, 20),
        "Monday",
        "2002-09-23",
        "2002-09-23",
    ),
    (
        "The tariffs take effect on Friday, the latest step in a fight that has escalated.",
        D(2025, 7, 31),
        "Friday",
        "2025-08-01",
        "2025-08-01",
    ),
    ("The state reopens next Friday.", D(2020, 6, 18), "next Friday", "2020-06-26", "2020-06-26"),
    # generic present and past
    (
        "Back then, China bought a third; today it buys a fifth.",
        D(2025, 7, 31),
        "today",
        "PRESENT_REF",
        None,
    ),
    ("Back then, China bought a third.", D(2025, 7, 31), "Back then", "PAST_REF", None),
    ("Clinton has lost ground since then.", D(2008, 2, 5), "then", "PAST_REF", None),
    ("At the time, levees were weak.", D(2005, 9, 2), "the time", "PAST_REF", None),
    ("These days, owners struggle.", D(2020, 6, 18), "These days", "PRESENT_REF", None),
    ("The vote is today.", D(2008, 2, 5), "today", "2008-02-05", "2008-02-05"),
    # the day, that day: the day named before, or unresolved
    (
        "The storm hit on Tuesday. That day, schools closed.",
        D(2002, 9, 20),
        "That day",
        "2002-09-17",
        "2002-09-17",
    ),
    ("That day, schools closed.", D(2002, 9, 20), "That day", "XXXX-XX-XX", None),
    (
        "It erupted on April 14. By that evening, airports shut.",
        D(2010, 4, 22),
        "that evening",
        "2010-04-14TEV",
        "2010-04-14",
    ),
    (
        "The review is on Dec. 15; it reports the next day.",
        D(1999, 12, 8),
        "the next day",
        "1999-12-16",
        "1999-12-16",
    ),
    (
        "He resigned on May 3. He had been warned the day before.",
        D(2020, 6, 1),
        "the day before",
        "2020-05-02",
        "2020-05-02",
    ),
    (
        "28,000 flights flew on Thursday, as on the same day last year.",
        D(2010, 4, 22),
        "same day last year",
        "2009-04-22",
        "2009-04-22",
    ),
    # offsets: a date where the phrase points at a time, a duration where it measures one
    ("It will review the tariffs in five years.", D(2025, 7, 31), "in five years", "2030", "2030~"),
    ("Five years from now, prices will be higher.", D(2025, 7, 31), "Five years", "2030", "2030~"),
    (
        "It was proposed in 2001. A decade earlier, it was a dream.",
        D(2006, 1, 12),
        "decade earlier",
        "1991",
        "1991",
    ),
    ("The probe was built in less than five years.", D(2006, 1, 12), "five years", "P5Y", None),
    (
        "They gain control for the first time in eight years.",
        D(2017, 11, 8),
        "eight years",
        "P8Y",
        None,
    ),
    (
        "The trip takes nine and a half years.",
        D(2006, 1, 12),
        "nine and a half years",
        "P9.5Y",
        None,
    ),
    # midnight is the end of its day
    (
        "It broke out shortly before midnight on Sunday.",
        D(2024, 12, 9),
        "midnight on Sunday",
        "2024-12-08T24:00",
        "2024-12-08",
    ),
    (
        "The union struck early Thursday, shortly after midnight.",
        D(2009, 7, 2),
        "midnight",
        "2009-07-02T00:00",
        "2009-07-02",
    ),
    (
        "Results are not expected until well after midnight.",
        D(2008, 2, 5),
        "midnight",
        "2008-02-05T24:00",
        "2008-02-05",
    ),
    ("Two people died overnight.", D(2002, 9, 20), "overnight", "2002-09-19TNI", "2002-09-19"),
    (
        "The Fed meets next week, on Tuesday and Wednesday.",
        D(2013, 3, 15),
        "Wednesday",
        "2013-03-20",
        "2013-03-20",
    ),
    ("Orders rose in May and June.", D(2003, 7, 17), "June", "2003-06", "2003-06"),
    (
        "The board approved a budget for next year on Thursday.",
        D(2012, 6, 15),
        "Thursday",
        "2012-06-14",
        "2012-06-14",
    ),
    (
        "She urged them to meet again on Friday.",
        D(2009, 7, 2),
        "Friday",
        "2009-07-03",
        "2009-07-03",
    ),
    (
        "The game is scheduled for 8 p.m. Eastern on Friday.",
        D(2014, 10, 6),
        "8 p.m. Eastern on Friday",
        "2014-10-10T20:00",
        "2014-10-10T20:00-04:00",
    ),
    ("The strike could drag on into the fall.", D(2009, 7, 2), "the fall", "2009-FA", "2009-23"),
    (
        "It flooded in the fall of 2019 and dried out the following spring.",
        D(2021, 1, 1),
        "following spring",
        "2020-SP",
        "2020-21",
    ),
    ("The library closes on Sundays.", D(2011, 2, 23), "Sundays", "XXXX-WXX-7", None),
    (
        "Sales slumped in the final weeks of 2019.",
        D(2020, 1, 1),
        "final weeks of 2019",
        "2019",
        "2019",
    ),
    ("The lull ended after its August recess.", D(1993, 9, 1), "August", "1993-08", "1993-08"),
    # spans: since, and ahead
    (
        "The fight has escalated since the autumn of 2024.",
        D(2025, 7, 31),
        "autumn of 2024",
        "2024-FA",
        "2024-23/..",
    ),
    (
        "It will cut jobs over the next six months.",
        D(2001, 3, 30),
        "the next six months",
        "P6M",
        "2001-03/2001-09",
    ),
    # sets
    ("Exporters must file reports annually.", D(2025, 1, 15), "annually", "P1Y", None),
    ("Communities celebrate every July.", D(2025, 1, 15), "every July", "XXXX-07", None),
    ("The Secretary reviews them every two years.", D(2025, 1, 15), "every two years", "P2Y", None),
]


@pytest.mark.parametrize(("sentence", "published", "phrase", "timex", "when"), RULE_CASES)
def test_rule_table(
    sentence: str, published: dt.date, phrase: str, timex: str, when: str | None
) -> None:
    """Each supported form resolves to its TimeML value and its EDTF value."""
    mention = _one(sentence, published, phrase)
    assert (mention.timex, mention.when) == (timex, when)


@pytest.mark.parametrize(
    "sentence",
    [
        "Comments may be submitted by mail.",
        "Troops march to the border.",
        "It costs $2019 and employs 1,990 people.",
        "See 87 FR 62186 and Part 734.",
        "Thousands of people, 1000’s of them, came.",
        "A second round of awards follows.",
        "NOW, THEREFORE, I proclaim it.",
        "Amend Part 1900 and Section 2010 of Form 1040.",
        "Reply as soon as possible.",
        "May I ask? March to the hall. April said so.",
        "It moved west at 9 miles an hour, or 14 kilometers per hour.",
        "Each of the past five seasons ended in a title.",
        "Shares rose in after-hours trading.",
    ],
)
def test_non_temporal_words_are_left_alone(sentence: str) -> None:
    """Verbs that spell months, counts, citations and capitals are not dates."""
    assert extract(sentence, SEED_DATE) == []


def test_a_bare_clock_time_takes_the_day_named_before_it() -> None:
    """'at 2:56 p.m.' after 'on Monday afternoon' is Monday's, in the same paragraph only."""
    text = "A tornado struck on Monday afternoon. It touched down at 2:56 p.m. and left."
    mention = _one(text, D(2013, 5, 21), "2:56 p.m.")
    assert (mention.timex, mention.when) == ("2013-05-20T14:56", "2013-05-20")
    text = "A tornado struck on Monday afternoon.\nThe briefing is at 5 p.m. ET."
    mention = _one(text, D(2013, 5, 21), "5 p.m.")
    assert (mention.timex, mention.when) == ("2013-05-21T17:00", "2013-05-21T17:00-04:00")


def test_previous_year_is_anchored_on_the_text() -> None:
    """'the previous year' counts from the last date mentioned, not from publication."""
    text = "In 2023, parks recorded 325 million visits, up 4 percent from the previous year."
    assert _one(text, D(2024, 8, 25), "the previous year").timex == "2022"


def test_wrapped_lines_join_but_headings_do_not() -> None:
    """A hard-wrapped date is found whole; a date never runs across a heading's end."""
    wrapped = (
        "The rule was signed by the Secretary of Commerce on January\n15, 2025, in Washington."
    )
    assert _one(wrapped, D(2025, 2, 1), "January").text == "January\n15, 2025"
    heading = "Friday\nJanuary 15, 2025 was the day."
    assert [m.text for m in extract(heading, D(2025, 2, 1))] == ["Friday", "January 15, 2025"]


# ── the corpus ────────────────────────────────────────────────────────────────────────
def _gold(folder: Path = DATA) -> list[dict[str, str]]:
    with open(folder / "gold.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize(("folder", "at_least"), [(DATA, 400), (HELDOUT, 300)])
def test_gold_offsets_point_at_their_text(folder: Path, at_least: int) -> None:
    """Every gold row's offset slices its own text out of its document."""
    rows = _gold(folder)
    assert len(rows) >= at_least
    for row in rows:
        text, _ = _doc(row["doc"])
        start = int(row["offset"])
        assert text[start : start + len(row["text"])] == row["text"], row


def test_date_accuracy_on_the_development_corpus() -> None:
    """At least 90% of the gold DATE expressions get exactly the gold TIMEX3 value."""
    found = {name: extract(*_doc(name)) for name, (folder, _) in DOCS.items() if folder == DATA}
    rows = [row for row in _gold() if row["type"] == "DATE"]
    right = 0
    for row in rows:
        start = int(row["offset"])
        end = start + len(row["text"])
        right += any(
            m.start < end and start < m.end and m.timex == row["value"] for m in found[row["doc"]]
        )
    assert right / len(rows) >= 0.9


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_when_parses(name: str) -> None:
    """Every non-null `when` the extractor emits is valid in timeline's EDTF subset."""
    for mention in extract(*_doc(name)):
        if mention.when is not None:
            When.parse(mention.when)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_drafts_pass_the_loader(name: str, tmp_path: Path) -> None:
    """A drafted file loads cleanly, quotes included, once its source file is in place."""
    text, published = _doc(name)
    (tmp_path / "texts").mkdir()
    shutil.copy(_path(name), tmp_path / "texts")
    (tmp_path / "events").mkdir()
    draft = draft_toml(
        extract(text, published),
        source_id=name,
        source_title=DOCS[name][1]["title"],
        published=published,
        file=f"texts/{name}.txt",
        url="https://example.org/?a=1&b=2",
    )
    (tmp_path / "events" / "draft.toml").write_text(draft, encoding="utf-8")
    loaded = timeline.load(tmp_path / "events")
    assert loaded.events


# ── output formats ────────────────────────────────────────────────────────────────────
def _seed_draft(mentions: list[Mention], **overrides: object) -> str:
    arguments: dict[str, object] = {
        "source_id": "npr-2025-12-19-china-chips",
        "source_title": "In the shadow of U.S. export controls",
        "published": SEED_DATE,
        "file": "seeds/000_e71604ba73111c9d.txt",
        "url": None,
    }
    arguments.update(overrides)
    return draft_toml(mentions, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "drafted"),
    [
        ("The Department will announce awards later this month.", False),
        ("The Department announced awards earlier this month.", True),
        ("Peak demand this winter will exceed the record.", False),
        ("Prices have risen over the last six months.", True),
        ("Applications open on April 1.", False),
    ],
)
def test_only_past_and_present_dates_are_drafted(sentence: str, drafted: bool) -> None:
    """A value after publication, or reaching past it in a future-tense sentence, is no event."""
    mentions = extract(sentence, D(2025, 3, 6))
    assert mentions
    assert ("[[event]]" in _seed_draft(mentions, published=D(2025, 3, 6))) is drafted


def test_a_long_heading_is_its_own_sentence() -> None:
    """A heading line in title case does not run into the first sentence under it."""
    text = "FACT SHEET: Administration Announces New Investments in Manufacturing\nToday, it acted."
    assert _one(text, D(2025, 3, 6), "Today").sentence == "Today, it acted."


def test_jsonl_has_exactly_the_agreed_keys(seed_mentions: list[Mention]) -> None:
    """Each line is one JSON object with the eight agreed keys, in order."""
    lines = to_jsonl(seed_mentions).splitlines()
    assert len(lines) == len(seed_mentions)
    for line, mention in zip(lines, seed_mentions, strict=True):
        record = json.loads(line)
        assert list(record) == ["text", "start", "end", "sentence", "when", "timex", "type", "rule"]
        assert record["text"] == mention.text


def test_draft_quotes_are_verbatim_sentences(seed_mentions: list[Mention]) -> None:
    """Every drafted quote is a sentence exactly as it stands in the article."""
    article = SEED.read_text(encoding="utf-8")
    draft = tomllib.loads(_seed_draft(seed_mentions))
    assert draft["source"][0]["published"] == "2025-12-19"
    for event in draft["event"]:
        assert event["cite"][0]["quote"] in article
        assert event["said"] in event["cite"][0]["quote"]
    assert len({event["id"] for event in draft["event"]}) == len(draft["event"])


@pytest.mark.parametrize(
    "title",
    [
        'He said "no" \\ then left',
        "line one\nline two",
        "tab\there",
        "bell\x07 and \x7f",
        "ünïcode ☃",
    ],
)
def test_draft_escapes_toml_strings(seed_mentions: list[Mention], title: str) -> None:
    """Titles with quotes, backslashes, newlines and control characters survive TOML."""
    draft = tomllib.loads(_seed_draft(seed_mentions, source_title=title))
    assert draft["source"][0]["title"] == title


def test_draft_without_a_file_keeps_the_sentence_as_a_note(seed_mentions: list[Mention]) -> None:
    """Quotes are only checked against a file, so without one the sentence becomes a note."""
    draft = tomllib.loads(_seed_draft(seed_mentions, file=None, url="https://example.org/"))
    cite = draft["event"][0]["cite"][0]
    assert "quote" not in cite
    assert "this fall" in cite["note"]


def test_draft_rejects_a_source_id_that_is_not_a_slug(seed_mentions: list[Mention]) -> None:
    """A source id that the loader would refuse is refused here, with an example."""
    with pytest.raises(ExtractError, match=r"'NPR story' is not a lowercase slug"):
        _seed_draft(seed_mentions, source_id="NPR story")


def test_draft_rejects_a_source_id_with_a_line_end(seed_mentions: list[Mention]) -> None:
    """The whole id must be a slug, as for the loader: a trailing newline is refused too."""
    with pytest.raises(ExtractError, match=r"'npr\\n' is not a lowercase slug"):
        _seed_draft(seed_mentions, source_id="npr\n")


def test_naive_datetime_is_refused() -> None:
    """A naive datetime is ambiguous about the day, so it is an error."""
    with pytest.raises(TypeError, match=r"is naive; pass a datetime.date"):
        extract("Now.", dt.datetime(2025, 1, 1, 12))  # noqa: DTZ001


def test_aware_datetime_gives_its_day() -> None:
    """An aware datetime stands for the day it names."""
    published = dt.datetime(2025, 12, 19, 9, tzinfo=dt.UTC)
    assert _one("In April, Xi said so.", published, "April").when == "2025-04"


# ── properties ────────────────────────────────────────────────────────────────────────
@settings(max_examples=150, deadline=None)
@given(text=article_texts(), published=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_extraction_never_raises_and_offsets_slice_back(text: str, published: dt.date) -> None:
    """On any text and date, mentions are ordered, disjoint, slice back and parse."""
    mentions = extract(text, published)
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        assert mention.text in mention.sentence
        previous_end = mention.end
        if mention.when is not None and 1000 <= published.year <= 9000:
            When.parse(mention.when)
    tomllib.loads(_seed_draft(mentions, published=published))


# ── linear growth: guards, not benchmarks ─────────────────────────────────────────────
@pytest.mark.parametrize("mark", [".", "!", "?", "…"])
def test_long_runs_of_closing_marks_split_in_linear_time(mark: str) -> None:
    """20,000 dots (or ! ? …) in a row are read in well under two seconds (were 5 s)."""
    started = time.perf_counter()
    assert extract(mark * 20_000 + "in 2019, prices rose", SEED_DATE)[0].timex == "2019"
    assert time.perf_counter() - started < 2


def test_mentions_of_one_sentence_share_one_copy_of_it() -> None:
    """Thousands of mentions on one long line hold one copy of the line, not one each."""
    mentions = extract("in 2019 and this year and " * 2_000, SEED_DATE)
    assert len(mentions) == 4_000
    assert len({id(m.sentence) for m in mentions}) == 1


def test_drafting_one_long_sentence_is_linear() -> None:
    """A sentence with thousands of mentions is drafted in seconds (was 200 s): its tense
    cues are found once, not once per mention."""
    mentions = extract("this year and this month and " * 3_000, SEED_DATE)
    started = time.perf_counter()
    _seed_draft(mentions)
    assert time.perf_counter() - started < 5


# ── the masthead: headline, byline, dateline ──────────────────────────────────────────
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fed holds rates steady\n\nBy A. Reporter\n\nWASHINGTON — It held.",
            "Fed holds rates steady",
        ),
        ("Fed holds rates steady\nWASHINGTON (Wire) — It held.", "Fed holds rates steady"),
        (
            "FACT SHEET: Administration Announces New Investments\nToday, it acted.",
            "FACT SHEET: Administration Announces New Investments",
        ),
        ("The Fed held rates on Friday.\nIt said so.", None),
        ("Rates\n\nThe Fed held.", None),
        ("", None),
    ],
)
def test_the_headline_is_a_first_line_set_apart(text: str, expected: str | None) -> None:
    """A short first line that does not end as a sentence does, set apart, is the headline."""
    from timeline._extract._masthead import headline

    assert headline(text) == expected


@pytest.mark.parametrize(
    ("sentence", "length"),
    [
        ("WASHINGTON — The Fed held.", len("WASHINGTON — ")),
        ("SACRAMENTO, Calif. (Wire) — Officials told.", len("SACRAMENTO, Calif. (Wire) — ")),
        ("TALLINN, Estonia, Sept. 14 (AP) -- It won.", len("TALLINN, Estonia, Sept. 14 (AP) -- ")),
        ("NEW YORK, March 15 (Wire) — The Dow rose.", len("NEW YORK, March 15 (Wire) — ")),
        ("U.S. officials said on Friday — again — that it held.", 0),
        ("The Fed held on Friday — again.", 0),
    ],
)
def test_a_dateline_is_a_place_in_capitals_before_a_dash(sentence: str, length: int) -> None:
    """A dateline is a place in capitals, perhaps a date and an agency, then a dash."""
    from timeline._extract._masthead import dateline_length

    assert dateline_length(sentence) == length


def test_masthead_dates_are_not_drafted() -> None:
    """The headline's, the byline's and the dateline's dates give no events; the quote and
    title of the first sentence leave the dateline out."""
    text = (
        "Council meets on Friday\n\nBy A. Reporter | March 4, 2025\n\n"
        "SPRINGFIELD, March 4 (Wire) — The council met on Monday."
    )
    published = D(2025, 3, 4)
    draft = tomllib.loads(
        _seed_draft(
            extract(text, published), published=published, source_title="Council meets on Friday"
        )
    )
    [event] = draft["event"]
    assert (event["said"], event["when"]) == ("Monday", "2025-03-03")
    assert event["cite"][0]["quote"] == "The council met on Monday."
    assert event["title"] == "The council met"
