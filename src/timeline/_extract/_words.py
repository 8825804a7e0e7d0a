"""The words `timeline.extract` reads: months, numbers, units, holidays, zones, tense cues.

Everything language-specific that is a list of words lives here, and the patterns built
from them in `_rules`; adding a phrase or a language is an edit to these tables.
"""

from __future__ import annotations

from typing import Final

MONTHS: Final = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS: Final = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6, "Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
    "Fri": 4, "Sat": 5, "Sun": 6,
}  # fmt: skip
#: Season word → (TimeML code, EDTF season number, first month).
SEASONS: Final = {
    "spring": ("SP", 21, 3), "summer": ("SU", 22, 6), "fall": ("FA", 23, 9),
    "autumn": ("FA", 23, 9), "winter": ("WI", 24, 12),
}  # fmt: skip
#: Part of day → TimeML code.
DAY_PARTS: Final = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip
ONES: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Words that stand for one, two, or "some" (None: a vague count, TimeML's X).
COUNT_WORDS: Final[dict[str, float | None]] = {
    "half a": 0.5, "half an": 0.5, "a": 1, "an": 1, "a single": 1, "few": None,
    "a couple of": 2, "a couple": 2, "a few": None,
    "several": None, "many": None, "some": None, "dozens of": None, "hundreds of": None,
}  # fmt: skip
ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29,
    "thirtieth": 30, "thirty-first": 31, "last": 4, "final": 4,
}  # fmt: skip
#: Unit word → (ISO 8601 duration designator, is a time unit needing "PT").
UNITS: Final = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "centurie": ("CE", False),
}  # fmt: skip
#: A unit counted in a bigger one ("a fortnight" is two weeks; a quarter three months).
UNIT_MULTIPLIER: Final = {"fortnight": 2}
#: Adverbs and adjectives of frequency → TimeML SET value.
FREQUENCY_WORDS: Final = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "bimonthly": "P2M", "quarterly": "P3M", "semiannually": "P6M",
    "semiannual": "P6M", "semi-annually": "P6M", "semi-annual": "P6M", "biannually": "P6M",
    "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y", "biennially": "P2Y",
    "biennial": "P2Y",
}  # fmt: skip
#: Holidays with a fixed date → (month, day).
FIXED_HOLIDAYS: Final = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "juneteenth": (6, 19), "independence day": (7, 4), "the fourth of july": (7, 4),
    "july fourth": (7, 4), "halloween": (10, 31), "veterans day": (11, 11),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
}  # fmt: skip
#: US holidays on the nth weekday of a month → (month, weekday 0=Monday, n; -1 = last).
FLOATING_HOLIDAYS: Final = {
    "martin luther king jr. day": (1, 0, 3), "martin luther king day": (1, 0, 3),
    "presidents day": (2, 0, 3), "presidents' day": (2, 0, 3), "memorial day": (5, 0, -1),
    "labor day": (9, 0, 1), "columbus day": (10, 0, 2), "thanksgiving day": (11, 3, 4),
    "thanksgiving": (11, 3, 4),
}  # fmt: skip
#: Holidays computed by a function of the year (python-dateutil's Easter).
MOVABLE_HOLIDAYS: Final = ("easter sunday", "easter")
#: Words that refer to the present, past or future without a date (TimeML *_REF).
REFERENCE_WORDS: Final = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "recent years": "PAST_REF",
    "long ago": "PAST_REF", "a long time ago": "PAST_REF", "in the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    "in those days": "PAST_REF", "back then": "PAST_REF", "at this time": "PRESENT_REF",
    "present-day": "PRESENT_REF",
    "the present day": "PRESENT_REF",
}  # fmt: skip
#: Words right before a time that say which side of publication it lies on, whatever the
#: tense: "since June" is the June before; "until", "through", "by" and "before" point to
#: the end of something, which a past-tense clause does not place in the past ("were
#: exempted until Sept. 1"), so they leave the choice to the nearest occurrence.
SIDE_WORDS: Final = {
    "since": "past", "until": "near", "till": "near", "through": "near", "thru": "near",
    "by": "near", "before": "near",
}  # fmt: skip
#: Words after which a time in the clause measures a stretch rather than pointing at one:
#: "the highest in 20 years", "for the first time in eight years".
SUPERLATIVE_CUE: Final = (
    r"\b(?:first|highest|lowest|biggest|largest|smallest|most|least|best|worst|longest"
    r"|shortest|fastest|slowest|strongest|weakest|deepest|only|last\s+time)\b[^,;.]*$"
)
#: Words between a time and a later tense cue that put the cue in another clause: the
#: cue of "on Friday, the latest step in a fight that has escalated" is not Friday's.
CLAUSE_BREAK: Final = (
    r"[;:—–(]|\b(?:that|which|who|whom|whose|where|while|because|although|though|if|as"
    r"|unless|whereas)\b"
)
#: Day words relative to the publication date → days added.
DAY_WORDS: Final = {
    "today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip
#: Time-zone words → IANA zone (offset computed for the day, so DST is right) or fixed offset.
ZONES: Final = {
    "eastern time": "America/New_York", "eastern standard time": "-05:00",
    "eastern daylight time": "-04:00", "et": "America/New_York", "est": "-05:00",
    "edt": "-04:00", "central time": "America/Chicago", "ct": "America/Chicago",
    "cst": "-06:00", "cdt": "-05:00", "mountain time": "America/Denver",
    "mt": "America/Denver", "mst": "-07:00", "mdt": "-06:00",
    "pacific time": "America/Los_Angeles", "pt": "America/Los_Angeles", "pst": "-08:00",
    "eastern": "America/New_York", "central": "America/Chicago", "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "pdt": "-07:00", "utc": "+00:00", "gmt": "+00:00", "beijing time": "+08:00",
}  # fmt: skip
#: Verbs and auxiliaries that mark a clause as about the future, or the past.
FUTURE_CUES: Final = (
    r"will|won['’]t|shall|['’]ll|going to|is to|are to|plans? to|planned|intends? to"
    r"|expects? to|expected|scheduled|upcoming|would|could|might|may|aims? to|set to|due to"
    r"|hop(?:es|ed)? to|wants? to|wanted to|seeks? to|sought to|promised to|pledged to"
    r"|vowed to|threatened to|(?:is|are) likely to|intended to|planning to|next"
    r"|(?:set|slated|scheduled|planned) for"
)
PAST_CUES: Final = (
    r"was|were|had|did|said|told|met|made|took|began|came|went|saw|held|gave|led|left|found"
    r"|thought|became|broke|spoke|wrote|sold|bought|brought|rose|fell|won|lost|sent|spent"
    r"|paid|built|grew|knew|drew|chose|stood|ago|has been|have been|[a-z]{2,}ed"
)
#: -ed words that are usually adjectives, not past-tense verbs.
NOT_PAST: Final = frozenset({
    "advanced", "controlled", "related", "based", "limited", "united", "concerned",
    "interested", "detailed", "skilled", "proposed", "covered", "deferred", "integrated",
    "automated", "restricted", "licensed", "registered", "certified", "qualified", "specified",
    "listed", "need", "exceed", "proceed", "succeed", "indeed", "speed", "seed", "feed",
    "hundred", "red", "bed", "shed", "embed", "expected", "scheduled", "planned", "dedicated",
    "sophisticated", "enhanced", "sustained", "increased", "reduced", "required",
})  # fmt: skip
#: Words before a four-digit number that make it a label, not a year ("Part 1900").
NOT_YEAR_BEFORE: Final = (
    r"(?:No\.|Nos\.|Number|Part|Parts|Section|Sec\.|§|Room|Suite|Flight|Order|Law|Route"
    r"|Rule|Form|Model|page|pages|pp\.|p\.|docket|RIN|Box)\s*$"
)
#: Present perfect ("has been trying", "have grown"): a state reaching up to publication.
PERFECT_CUE: Final = r"\b(?:has|have|['’]ve)\s+(?:been|[a-z]+(?:ed|en|wn|un|ne))\b"
