"""The pattern of every rule of `timeline.extract`, built from the words in `_words`.

Patterns are compiled case-insensitively; month and weekday names are case-sensitive
(``(?-i:...)``) so that "may" and "march" stay verbs. A rule's pattern may name its extent
with the group ``x``; text outside ``x`` is context that must be present but is not part
of the mention (TimeML leaves "in" out of "in April").
"""

from __future__ import annotations

import re
from typing import Final

from timeline._extract._words import (
    COUNT_WORDS,
    DAY_PARTS,
    DAY_WORDS,
    FIXED_HOLIDAYS,
    FLOATING_HOLIDAYS,
    FREQUENCY_WORDS,
    MONTHS,
    MOVABLE_HOLIDAYS,
    ONES,
    ORDINALS,
    REFERENCE_WORDS,
    TENS,
    WEEKDAYS,
    ZONES,
)

# ── pattern pieces ─────────────────────────────────────────────────────────────────────
_MONTH_FULL = "|".join(name for name in MONTHS if len(name) > 4 or name in {"May", "June", "July"})
_MONTH_ABBR = "|".join(name for name in MONTHS if len(name) <= 4 and name not in {"May"})
MONTH = rf"(?-i:(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})\b\.?)"
MONTH_FULL = rf"(?-i:(?:{_MONTH_FULL})\b)"
_WD_FULL = "|".join(name for name in WEEKDAYS if name.endswith("day"))
_WD_ABBR = "|".join(name for name in WEEKDAYS if not name.endswith("day"))
WEEKDAY = rf"(?-i:(?:{_WD_FULL})\b|(?:{_WD_ABBR})\.)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
YEAR = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NUMWORD = rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(w for w in ONES if ONES[w] < 10)}))?"
_NUMWORD += rf"|{'|'.join(sorted(ONES, key=len, reverse=True))})"
_HUNDREDS = (
    rf"(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred"
    rf"(?:\s+(?:and\s+)?{_NUMWORD})?)"
)
COUNT_VAGUE = "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
_AND_A_HALF = r"(?:\s+and\s+a\s+half)?"
NUM = rf"(?:(?:\d+(?:\.\d+)?|{_HUNDREDS}|{_NUMWORD}){_AND_A_HALF}|{COUNT_VAGUE})"
NUM_EXACT = rf"(?:(?:\d+(?:\.\d+)?|{_HUNDREDS}|{_NUMWORD}){_AND_A_HALF}|half\s+an?|a|an)"
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)"
MOD = (
    r"(?:more\s+than|over|nearly|almost|about|around|roughly|approximately|at\s+least"
    r"|up\s+to|some|less\s+than|fewer\s+than|under|just|only|barely|well\s+over)"
)
EDGE = r"(?:early|mid|late|the\s+(?:beginning|start|end|middle|close)\s+of)"
ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
ZONE = "|".join(sorted((z.replace(" ", r"\s+") for z in ZONES), key=len, reverse=True))
CLOCK = (
    r"(?:(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b)"
    r"|(?P<hour24>[01]\d|2[0-3]):(?P<minute24>[0-5]\d)(?=\s*(?:" + ZONE + r")\b)"
    r"|(?P<noon>noon|midday|midnight))"
    r"(?:\s+(?:\(?(?P<zone>" + ZONE + r")\)?)(?![\w]))?"
)
_REF = "|".join(
    sorted((w.replace(" ", r"\s+") for w in REFERENCE_WORDS if w != "now"), key=len, reverse=True)
)
#: "the past" is no reference when a count follows: "the past five seasons".
_REF = _REF.replace(r"the\s+past", rf"the\s+past(?!\s+{NUM}\b)")
_FREQ = "|".join(sorted(FREQUENCY_WORDS, key=len, reverse=True))
_DAYW = "|".join(sorted((w.replace(" ", r"\s+") for w in DAY_WORDS), key=len, reverse=True))
_PARTS = "|".join(DAY_PARTS)
_HOLIDAY = "|".join(
    sorted(
        (
            re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]")
            for h in (*FIXED_HOLIDAYS, *FLOATING_HOLIDAYS, *MOVABLE_HOLIDAYS)
        ),
        key=len,
        reverse=True,
    )
)
_REL = r"(?:this|last|next|this\s+coming|this\s+past|the\s+current|the\s+coming)"
_SPAN_BACK = r"(?:last|past|previous|preceding|prior)"
_SPAN_AHEAD = r"(?:next|coming|following|upcoming)"

#: (rule name, resolver kind, pattern). Order breaks ties between equally long matches.
RULES: Final[tuple[tuple[str, str, str], ...]] = (
    # explicit dates
    ("iso-date", "date", rf"\b(?P<year>{YEAR})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])\b"),
    (
        "us-numeric-date",
        "date",
        rf"\b(?P<mnum>1[0-2]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])/(?P<year>{YEAR})\b",
    ),
    (
        "month-day-year",
        "date",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})\b,?\s+(?P<year>{YEAR})\b",
    ),
    (
        "day-month-year",
        "date",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b",
    ),
    (
        "ordinal-day-of-month",
        "date",
        rf"\b(?:this|the)\s+(?P<ordday>{ORDINAL})\s+day\s+of\s+(?P<month>{MONTH_FULL})"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR})\b"
        rf"|,?\s+in\s+the\s+year\s+of\s+our\s+Lord\s+(?P<yearwords>(?:[a-z]+[-\s]?){{1,6}}?)(?=[,.;]))?",
    ),
    (
        "month-day",
        "date",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:{EDGE}\s*-?\s*)?(?P<month>{MONTH})\s+(?P<day>{DAY})\b(?![:\d]|,?\s+\d)",
    ),
    (
        "day-of-month",
        "date",
        rf"\b(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})(?!,?\s+\d)",
    ),
    (
        "month-year",
        "date",
        rf"(?:{EDGE}\s*-?\s*)?(?P<month>{MONTH})(?:,|\s+of)?\s+(?P<year>{YEAR})\b",
    ),
    ("edge-month", "date", rf"\b{EDGE}\s*-?\s*(?P<month>{MONTH_FULL})(?!\s+\d)"),
    (
        "month-name",
        "date",
        rf"\b(?:in|since|until|till|by|during|through|throughout|from|to|before|after|of"
        rf"|between|and|or|on|at|for|within|around|across|as|than|a|an|the|into|its|their|his"
        rf"|her|our)\s+(?P<x>(?P<month>{MONTH_FULL}))(?!\s+\d)",
    ),
    (
        "month-subject",
        "date",
        rf"(?P<month>(?-i:(?!May|March){MONTH_FULL}))(?=\s+(?:was|is|will|has|had|saw|marked"
        rf"|marks|brought|began|ended|proved)\b)",
    ),
    (
        "year-range-start",
        "range",
        rf"(?<![\w$#§.,/–-])(?P<year>{YEAR})(?=[-–/](?P<end>\d\d(?:\d\d)?)(?![\w%/–-]|[.,]\d))",
    ),
    (
        "year-range-end",
        "range",
        r"(?<![\w$#§.,/–-](?:1[0-9]|20|21)\d\d[-–/])(?<=(?:1[0-9]|20|21)\d\d[-–/])"
        r"(?P<end>\d\d(?:\d\d)?)(?![\w%/–-]|[.,]\d)",
    ),
    ("calendar-year", "year", rf"\b(?:calendar\s+year|CY)\s*(?P<year>{YEAR})\b"),
    ("edge-year", "year", rf"\b{EDGE}\s*-?\s*(?P<year>{YEAR})\b(?!['’]?s)"),
    (
        "year",
        "year",
        rf"(?<![\w$#§.,/-])(?P<year>{YEAR})(?![\w%/-]|[.,]\d|s\b|['’]s\s+of\b|\s+(?:percent|per\s+cent))",
    ),
    (
        "decade",
        "decade",
        rf"(?:{EDGE}\s+)?(?:the\s+)?(?:(?:early|mid|late)[-\s])?(?P<decade>1[0-9](?!0)\d|20\d)0['’]?s\b(?!\s+of\b)",
    ),
    (
        "hundreds",
        "century",
        r"(?:the\s+)?(?:(?:early|mid|late)[-\s])?(?P<hundreds>1[0-9])00['’]?s\b(?!\s+of\b)",
    ),
    (
        "decade-short",
        "decade",
        r"(?:the\s+(?:(?:early|mid|late)[-\s])?['’]?|(?:(?:early|mid|late)[-\s])?['’])"
        r"(?P<decade2>\d)0s\b",
    ),
    (
        "century",
        "century",
        rf"(?:{EDGE}\s+)?(?:the\s+)?(?:(?:early|mid|late)[-\s])?(?:(?P<cent>\d{{1,2}})(?:st|nd|rd|th)"
        rf"|(?P<centword>{ORDINAL}))[-\s]century",
    ),
    (
        "holiday",
        "holiday",
        rf"(?<![\w'’])(?=(?-i:[A-Z])|the\s)(?P<holiday>{_HOLIDAY})\b(?:,?\s+(?P<year>{YEAR})\b)?",
    ),
    (
        "day-of-this-month",
        "monthday",
        r"\b(?:on|by|until|since|from|before|after)\s+(?P<x>the\s+(?P<day>(?:[12]\d|3[01]|0?[1-9])"
        r"(?:st|nd|rd|th)))\b(?!\s+(?:of|century|day|time|quarter|half|anniversary))",
    ),
    # fiscal years, quarters and halves
    (
        "fiscal-quarter",
        "quarter",
        rf"\bthe\s+(?P<q>{ORDINAL}|[1-4](?:st|nd|rd|th))\s+(?:fiscal\s+)?quarter\s+(?:of|in)\s+"
        rf"(?P<federal>federal\s+)?(?:fiscal\s+year|fiscal|FY)\s*(?P<fy>{YEAR}|['’]?\d\d)\b",
    ),
    (
        "fiscal-quarter-short",
        "quarter",
        rf"\b(?:Q(?P<q2>[1-4])\s+(?P<federal>federal\s+)?(?:FY|fiscal(?:\s+year)?)\s*(?P<fy>{YEAR}|['’]?\d\d)"
        rf"|(?:FY|fiscal\s+year)\s*(?P<fy2>{YEAR}|['’]?\d\d)\s+Q(?P<q3>[1-4]))\b",
    ),
    (
        "quarter",
        "quarter",
        rf"\b(?:the\s+(?P<q>{ORDINAL}|[1-4](?:st|nd|rd|th))\s+"
        rf"|(?P<qadj>first|second|third|fourth|1st|2nd|3rd|4th)-)quarter(?:\s+(?:of|in)\s+"
        rf"(?:(?P<year>{YEAR})|(?:the\s+)?(?P<rel>this|last|next|current|previous|same)\s+year))?\b",
    ),
    ("quarter-short", "quarter", rf"\bQ(?P<q2>[1-4])\s*(?:of\s+)?(?P<year>{YEAR})\b"),
    (
        "relative-quarter",
        "quarter",
        r"\b(?P<relq>this|last|next|the\s+current|the\s+previous|the\s+prior|the\s+following"
        rf"|the\s+same|the\s+coming)\s+quarter\b(?:\s+(?:of|in)\s+(?P<year>{YEAR})\b)?",
    ),
    (
        "half",
        "half",
        rf"\b(?:the\s+(?P<half>first|second|1st|2nd|latter|back)\s+|(?P<hadj>first|second)-)half"
        rf"(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?:the\s+)?(?P<rel>this|last|next|current)\s+year"
        rf"|(?P<theyear>the\s+year)))?\b",
    ),
    ("half-short", "half", rf"\bH(?P<h2>[12])\s*(?P<year>{YEAR})\b"),
    (
        "relative-fiscal-year",
        "fiscal",
        r"\b(?P<relfy>this|last|next|the\s+current|the\s+coming|the\s+previous|the\s+prior"
        r"|the\s+past|the\s+same|the\s+following|the)\s+fiscal\s+year\b(?![-\s]*(?:\d|['’]\d|end))",
    ),
    (
        "fiscal-ordinal-quarter",
        "quarter",
        r"\bfiscal\s+(?P<fq>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter\b"
        r"|\bthe\s+(?P<fq2>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+"
        r"(?:its|their|the(?:\s+\w+['’]s)?|\w+['’]s)\s+fiscal\s+year\b(?!\s*\d)",
    ),
    (
        "fiscal-half",
        "half",
        rf"\bthe\s+(?P<half>first|second|1st|2nd)\s+half\s+of\s+(?P<federal>federal\s+)?"
        rf"(?:fiscal\s+year|fiscal|FY)\s*(?P<fy>{YEAR}|['’]?\d\d)\b",
    ),
    (
        "months-of-year",
        "monthsof",
        rf"\bthe\s+(?P<which>first|last|final)\s+(?P<n>three|six|3|6)\s+months\s+of\s+"
        rf"(?:(?P<year>{YEAR})|(?:the\s+)?(?P<rel>this|last|next|current)\s+year|the\s+year)\b",
    ),
    (
        "the-quarter",
        "quarter",
        r"\bthe\s+(?:(?P<latest>latest|most\s+recent|recent|just-ended)\s+)?(?-i:quarter)\b(?P<thequarter>)"
        r"(?![-\s]+(?:of|century|mile|point|percent|inch|hour|final|finals)\b|-)",
    ),
    (
        "fiscal-year",
        "fiscal",
        rf"\b(?P<federal>federal\s+)?(?:fiscal\s+year|fiscal|FY)\s*(?P<fy>{YEAR}|['’]\d\d|(?<=FY)\d\d)\b",
    ),
    # seasons
    (
        "season-year",
        "season",
        rf"(?:{EDGE}\s+)?(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})\b",
    ),
    (
        "relative-season",
        "season",
        rf"(?:{EDGE}\s+)?\b(?P<rel>{_REL}|the\s+past)\s+(?P<season>{SEASON})\b(?:['’]s)?",
    ),
    (
        "season",
        "season",
        rf"\b(?:in|into|during|by|until|through|over|since|before|after|for|throughout)\s+"
        rf"(?P<x>(?:{EDGE}\s+)?(?:the\s+)?(?P<season>{SEASON}))\b(?!\s+(?:of\s+)?\d)",
    ),
    (
        "anchored-season",
        "season",
        rf"\bthe\s+(?P<anchored>following|next|previous|preceding|prior)\s+(?P<season>{SEASON})\b",
    ),
    # relative to the publication date
    (
        "relative-unit",
        "relative",
        rf"(?:(?P<edge>earlier|later|early|late|{EDGE})\s+)?\b(?<!\bthe\s)(?P<rel>{_REL})\s+"
        r"(?P<unit>week(?:end)?|month|year|decade|century)\b(?:['’]s)?",
    ),
    (
        "edge-of-the-unit",
        "relative",
        rf"\b(?:(?P<edge>earlier|later)\s+in|{EDGE})\s+(?P<rel>the|this)\s+(?P<unit>week|month|year)\b",
    ),
    ("year-end", "relative", rf"\b(?P<rel>year)[-\s](?P<unit>end)\b(?:\s+(?P<year>{YEAR})\b)?"),
    (
        "rest-of-the-unit",
        "rest",
        rf"\bthe\s+(?:rest|remainder|balance)\s+of\s+(?:(?:the|this)\s+(?P<unit>week|month|year"
        rf"|decade)|(?P<year>{YEAR}))\b",
    ),
    (
        "part-of-the-unit",
        "rest",
        rf"\bthe\s+(?P<part>final|last|first|closing|opening|early|waning|remaining)\s+(?:few\s+)?"
        rf"(?:weeks|days|months)\s+of\s+(?:(?P<rel>the|this|last|next)\s+(?P<unit>year|month|decade)"
        rf"|(?P<year>{YEAR}))\b",
    ),
    (
        "week-of-date",
        "weekof",
        rf"\bthe\s+week\s+of\s+(?P<month>{MONTH})\s+(?P<day>{DAY})\b(?:,?\s+(?P<year>{YEAR})\b)?",
    ),
    ("the-new-year", "relative", r"\bthe\s+(?P<rel>new)\s+(?P<unit>year)\b"),
    (
        "that-unit",
        "anchored",
        r"\b(?P<rel>that|that\s+same|the\s+very)\s+(?P<unit>day|week|month|year)\b"
        r"(?!\s+(?:of|before|after|in|when)\b)",
    ),
    (
        "that-part-of-day",
        "anchored",
        rf"\b(?:(?:later|earlier|early|late)\s+)?(?P<x>(?P<rel>that|the\s+same)\s+(?P<part>{_PARTS}))"
        r"(?P<unit>)\b",
    ),
    (
        "the-unit-before",
        "anchored",
        r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<rel>before|after)\b"
        r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:and|but|or|when|as|while|that)\b)",
    ),
    (
        "same-day-last-year",
        "anchored",
        r"\bthe\s+(?P<rel>same)\s+(?P<unit>day|date|week|month)\s+"
        r"(?P<lastyear>last\s+year|a\s+year\s+(?:earlier|ago|before))",
    ),
    (
        "anchored-unit",
        "anchored",
        r"\bthe\s+(?P<rel>previous|prior|preceding|following|next|same)\s+"
        r"(?P<unit>day|week|month|year)\b",
    ),
    ("relative-month", "relmonth", rf"\b(?P<rel>this|last|next)\s+(?P<month>{MONTH_FULL})"),
    (
        "relative-weekday",
        "weekday",
        rf"\b(?P<rel>{_REL})\s+(?P<wd>{WEEKDAY})(?:\s+(?P<part>{_PARTS}))?",
    ),
    (
        "weekday-plural",
        "set",
        rf"(?P<wdp>(?-i:(?:{_WD_FULL})s))\b",
    ),
    ("weekday", "weekday", rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>{_PARTS}))?(?!,?\s+(?:the\s+)?\d)"),
    ("the-weekend", "weekday", r"\b(?:over\s+|during\s+|for\s+)?(?P<x>the\s+weekend)\b"),
    (
        "day-word",
        "dayword",
        rf"\b(?:(?:early|late|earlier|later)\s+)?(?P<dayword>{_DAYW})(?:\s+(?P<part>{_PARTS}))?\b(?:['’]s)?",
    ),
    ("tonight", "dayword", r"\b(?P<tonight>tonight|last\s+night)\b"),
    (
        "overnight",
        "dayword",
        r"(?P<overnight>\bovernight)\b(?=\s*[,.;:!?]|\s*$|\s+(?:in|on|at|and|as|after|before|into"
        r"|from|to|when|while|but|near|across|along)\b)",
    ),
    ("this-part-of-day", "dayword", rf"\bthis\s+(?P<part>{_PARTS})\b"),
    (
        "today-as-present",
        "ref",
        r"\b(?:in\s+use|still|even|of|until)\s+(?P<x>today)(?P<present>)\b",
    ),
    ("clock", "clock", rf"(?<![\w:]){CLOCK}"),
    # counted spans and points
    (
        "ago",
        "ago",
        rf"\b(?:{MOD}\s+)?(?:(?P<num>{NUM})[-\s]+)?(?P<unit>{UNIT})s?\s+(?:ago|before\s+now)\b",
    ),
    (
        "units-earlier",
        "anchored",
        rf"\b(?P<num>{NUM_EXACT})\s+(?P<unit>day|week|month|year|decade|century|centurie)s?\s+"
        r"(?P<rel>earlier|later)\b",
    ),
    (
        "years-old",
        "age",
        rf"\b(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM_EXACT})[-\s]+(?P<unit>year|month|week|day|decade|centurie|century)s?[-\s]+(?:old|outdated)\b",
    ),
    (
        "from-now",
        "future",
        rf"\b(?:{MOD}\s+)?(?P<num>{NUM_EXACT})\s+(?P<unit>{UNIT})s?"
        rf"(?:['’]\s+time|\s+from\s+(?:now|today))",
    ),
    (
        "in-n-units",
        "future",
        rf"\bin\s+(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM_EXACT})\s+(?P<unit>{UNIT})s?\b(?!['’]|\s+(?:of|ago|old|time))",
    ),
    (
        "last-n-units",
        "span",
        rf"\b(?:(?P<prep>over|in|during|for|within|throughout|across)\s+)?the\s+(?P<dir>{_SPAN_BACK})\s+"
        rf"(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})(?P<plural>s)?\b(?!\s+of\b)",
    ),
    (
        "next-n-units",
        "span",
        rf"\b(?:(?P<prep>over|in|during|for|within|throughout|across)\s+)?the\s+(?P<ahead>{_SPAN_AHEAD})\s+"
        rf"(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})(?P<plural>s)?\b(?!\s+of\b)",
    ),
    (
        "units-ahead",
        "span",
        rf"\b(?:(?P<prep>over|in|during|for|within|throughout)\s+)?the\s+(?P<unit>{UNIT})(?P<plural>s)\s+(?P<ahead>ahead|to\s+come)\b",
    ),
    (
        "duration",
        "duration",
        rf"\b(?:(?P<prep>for)\s+)?(?:(?P<mod>{MOD})\s+)?(?P<num>{NUM})[-\s]+(?:(?P<kind>calendar|business|working|trading|straight|consecutive|full|whole|successive|more|additional|long)\s+)?"
        rf"(?P<unit>{UNIT})s?\b(?![-\s]+old)",
    ),
    (
        "vague-duration",
        "duration",
        r"(?<!the\s)(?<!-)(?<!fiscal\s)(?<!school\s)(?<!light\s)(?<!calendar\s)(?<!academic\s)"
        r"\b(?:(?P<prep>for)\s+)?(?-i:(?P<unit>year|month|week|day|decade|hour|minute|centurie))"
        r"(?P<plural>s)\b(?![-\s]+(?:old|ago))",
    ),
    # sets
    (
        "every-unit",
        "set",
        rf"\b(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM_EXACT})\s+)?(?P<unit>{UNIT})s?\b",
    ),
    (
        "every-name",
        "set",
        rf"\b(?:every|each)\s+(?:(?P<month>{MONTH_FULL})|(?P<wd>{WEEKDAY})|(?P<season>{SEASON})\b)",
    ),
    (
        "times-a-unit",
        "set",
        rf"(?:\$[\d.,]+(?:\s+(?:million|billion|trillion))?|\b(?:once|twice|\w+\s+times))\s+"
        rf"(?P<x>(?:a|an|per)\s+(?P<unit>{UNIT}))\b(?!\s+(?:earlier|later|ago|before|after)\b)",
    ),
    ("frequency-word", "set", rf"\b(?P<freq>{_FREQ})\b"),
    # references without a date
    (
        "prep-then",
        "ref",
        r"\b(?:since|until|till|by|before|from|even|only|just)\s+(?P<x>then)\b(?P<then>)",
    ),
    ("at-the-time", "ref", r"\bat\s+(?P<x>(?:the|that)\s+time)\b(?P<then>)(?!\s+(?:of|being)\b)"),
    ("reference", "ref", rf"(?<!\bas\s)\b(?P<ref>(?-i:[Nn]ow)|{_REF})\b(?!\s+as\b)"),
)
