"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

import datetime as _dt
import functools
import zoneinfo

import attrs
from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

from timeline import (
    Actor,
    ActorKind,
    Citation,
    Effect,
    Event,
    Feed,
    Filter,
    Place,
    Policy,
    Provision,
    Settings,
    Source,
    Timeline,
    When,
)
from timeline.errors import WhenError

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


# -- the model: When values and whole timelines (tests/test_report_json.py and friends) -----

_ZONES = ("UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin")


@functools.cache
def slugs() -> st.SearchStrategy[str]:
    """Valid record ids, short enough that lists of them collide now and then."""
    word = st.text("abcxyz0189", min_size=1, max_size=5)
    parts = st.lists(st.tuples(st.sampled_from("-_."), word), max_size=2)
    return st.builds(lambda head, rest: head + "".join(s + w for s, w in rest), word, parts)


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text a data file may hold: any printable Unicode, newlines, markup and formula starts."""
    printable = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf"))
    special = st.sampled_from(["\n", "\t", "<", ">", "&", '"', "'", "=", "+", "-", "@", ",", ";"])
    alphabet = printable | special
    text = st.text(alphabet, min_size=min_size, max_size=max_size)
    return text.filter(str.strip) if min_size else text


def _part_notation(draw: st.DrawFn) -> str:
    day = draw(st.dates(_dt.date(1900, 1, 1), _dt.date(2099, 12, 31)))
    kind = draw(st.sampled_from(["day", "month", "season", "year", "decade", "century"]))
    text = {
        "day": day.isoformat(),
        "month": f"{day:%Y-%m}",
        "season": f"{day.year:04d}-{draw(st.integers(21, 24))}",
        "year": f"{day.year:04d}",
        "decade": f"{day.year // 10:03d}X",
        "century": f"{day.year // 100:02d}XX",
    }[kind]
    return text + draw(st.sampled_from(["", "", "", "~", "?", "%"]))


@st.composite
def whens(draw: st.DrawFn) -> When:
    """Any `When` the notation allows: dates, seasons, decades, qualifiers, spans, instants."""
    shape = draw(st.sampled_from(["part", "part", "span", "open-start", "open-end", "instant"]))
    tz = None
    if shape == "instant":
        moment = draw(st.datetimes(_dt.datetime(1970, 1, 1), _dt.datetime(2099, 12, 31)))  # noqa: DTZ001 - a wall time
        seconds = draw(st.booleans())
        text = moment.strftime("%Y-%m-%dT%H:%M:%S" if seconds else "%Y-%m-%dT%H:%M")
        offset = draw(st.sampled_from(["Z", "+08:00", "-05:00", "+05:30", None]))
        if offset is None:
            tz = draw(st.sampled_from(_ZONES))
        else:
            text += offset
    elif shape == "part":
        text = _part_notation(draw)
    elif shape == "open-start":
        text = "../" + _part_notation(draw)
    elif shape == "open-end":
        text = _part_notation(draw) + "/.."
    else:
        text = f"{_part_notation(draw)}/{_part_notation(draw)}"
    try:
        return When.parse(text, tz=tz)
    except WhenError:
        assume(False)
        raise  # unreachable: assume(False) stops this example


def _legal_lifecycles(events: list[Event], zone: _dt.tzinfo) -> list[Event]:
    """Drop the effects a policy's lifecycle cannot fold, one at a time, as a loader would ask."""
    from timeline import _lifecycle as lifecycle

    while True:
        bad = next(
            (
                event
                for policy in {e.policy for e in events if e.effect is not None}
                for event, _ in lifecycle.check([e for e in events if e.policy == policy], zone)
            ),
            None,
        )
        if bad is None:
            return events
        events = [attrs.evolve(e, effect=None) if e is bad else e for e in events]


def _maybe(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


@st.composite
def timelines(draw: st.DrawFn, *, max_events: int = 6) -> Timeline:
    """A valid timeline: every reference resolves, policies amend only earlier ones."""
    urls = st.sampled_from(["https://example.org/a", "http://example.com/b?x=1&y='2'"])
    source_ids = draw(st.lists(slugs(), min_size=1, max_size=3, unique=True))
    sources = [
        Source(
            id=sid,
            title=draw(texts(min_size=1)),
            publisher=draw(_maybe(texts(min_size=1))),
            author=draw(_maybe(texts(min_size=1))),
            published=draw(_maybe(whens().filter(lambda w: w.tz is None))),
            url=draw(_maybe(urls)),
            file=draw(_maybe(st.just("seeds/a.txt"))),
            language=draw(_maybe(st.sampled_from(["en", "zh"]))),
            note=draw(_maybe(texts(min_size=1))),
        )
        for sid in source_ids
    ]
    actor_ids = draw(st.lists(slugs(), max_size=3, unique=True))
    actors = [
        Actor(
            id=aid,
            name=draw(texts(min_size=1)),
            kind=draw(st.sampled_from(ActorKind)),
            country=draw(_maybe(st.sampled_from(["US", "CN"]))),
            aliases=tuple(draw(st.lists(texts(min_size=1), max_size=2))),
            description=draw(_maybe(texts(min_size=1))),
            url=draw(_maybe(urls)),
        )
        for aid in actor_ids
    ]
    place_ids = draw(st.lists(slugs(), max_size=2, unique=True))
    places = [
        Place(
            id=pid,
            name=draw(texts(min_size=1)),
            country=draw(_maybe(st.sampled_from(["CN", "US"]))),
            region=draw(_maybe(texts(min_size=1))),
            latitude=draw(_maybe(st.floats(-90, 90, allow_nan=False))),
            longitude=draw(_maybe(st.floats(-180, 180, allow_nan=False))),
        )
        for pid in place_ids
    ]
    policy_ids = draw(st.lists(slugs(), max_size=3, unique=True))
    policies = [
        Policy(
            id=pid,
            title=draw(texts(min_size=1)),
            jurisdiction=draw(_maybe(st.sampled_from(["US", "CN", *actor_ids]))),
            targets=tuple(draw(st.lists(st.sampled_from(["US", "CN", *actor_ids]), max_size=2))),
            summary=draw(_maybe(texts(min_size=1))),
            amends=draw(_maybe(st.sampled_from(policy_ids[:n]))) if n else None,
            tags=tuple(draw(st.lists(slugs(), max_size=2, unique=True))),
            url=draw(_maybe(urls)),
            provisions=tuple(
                Provision(id=name, title=draw(texts(min_size=1)))
                for name in draw(st.lists(st.sampled_from(PROVISION_IDS), max_size=2, unique=True))
            ),
        )
        for n, pid in enumerate(policy_ids)
    ]
    event_ids = draw(st.lists(slugs(), max_size=max_events, unique=True))
    events = []
    for eid in event_ids:
        policy = draw(_maybe(st.sampled_from(policy_ids))) if policy_ids else None
        events.append(
            Event(
                id=eid,
                title=draw(texts(min_size=1)),
                when=draw(whens()),
                said=draw(_maybe(texts(min_size=1))),
                summary=draw(_maybe(texts(min_size=1, max_size=80))),
                actors=tuple(draw(st.lists(st.sampled_from(actor_ids), unique=True)))
                if actor_ids
                else (),
                place=draw(_maybe(st.sampled_from(place_ids))) if place_ids else None,
                policy=policy,
                effect=draw(_maybe(st.sampled_from(PHASE_EFFECTS))) if policy else None,
                tags=tuple(draw(st.lists(slugs(), max_size=3, unique=True))),
                url=draw(_maybe(urls)),
                cite=tuple(
                    Citation(
                        source=draw(st.sampled_from(source_ids)),
                        quote=draw(_maybe(texts(min_size=1))),
                        note=draw(_maybe(texts(min_size=1))),
                    )
                    for _ in range(draw(st.integers(1, 3)))
                ),
            )
        )
    zone_name = draw(st.sampled_from(_ZONES))
    events = _legal_lifecycles(events, zoneinfo.ZoneInfo(zone_name))
    feed_names = draw(st.lists(slugs(), max_size=2, unique=True))
    feeds = {
        name: Feed(
            name=name,
            title=draw(_maybe(texts(min_size=1))),
            description=draw(_maybe(texts(min_size=1))),
            filter=Filter.build(
                start=draw(_maybe(st.sampled_from(["2020", "2025-04", "2025-23"]))),
                end=draw(_maybe(st.sampled_from(["2026", "2025-12-31"]))),
                tags=draw(st.lists(slugs(), max_size=2)),
                policies=draw(st.lists(st.sampled_from(policy_ids), max_size=1))
                if policy_ids
                else (),
                jurisdictions=draw(st.lists(st.sampled_from(["US", "CN"]), max_size=1)),
                text=draw(_maybe(texts(min_size=1, max_size=10))),
            ),
        )
        for name in feed_names
    }
    settings = Settings(
        name=draw(texts(min_size=1)),
        description=draw(_maybe(texts(min_size=1))),
        domain=draw(st.sampled_from(["timeline.invalid", "chips.example.org"])),
        timezone=zone_name,
        refresh=draw(st.sampled_from(["P1D", "PT6H"])),
        feeds=feeds,
    )
    return Timeline(
        events=_legal_effects(draw, events, {p.id: p for p in policies}),
        actors=actors,
        places=places,
        policies=policies,
        sources=sources,
        settings=settings,
    )


def _legal_effects(
    draw: st.DrawFn, events: list[Event], policies: dict[str, Policy] | None = None
) -> list[Event]:
    """Re-draw effects so each policy's events fold (`timeline.load` rejects the rest).

    Only events dated without a time of day keep an effect, so the fold's order is the same
    in every zone, and only one effect per policy and date, so no two can conflict.
    Provisions the policy declares start and stop applying among the other steps.
    """
    import attrs

    walks: dict[str, _Walk] = {}
    seen: set[tuple[str, tuple[int, int]]] = set()
    result = []
    for event in sorted(events, key=lambda e: (e.when.sort_key(), e.id)):
        effect, provision = None, None
        timed = any(
            p is not None and p.time is not None for p in (event.when.start, event.when.end)
        )
        key = (event.policy or "", event.when.sort_key())
        if event.effect is not None and event.policy is not None and not timed and key not in seen:
            policy = (policies or {}).get(event.policy)
            declared = tuple(p.id for p in policy.provisions) if policy else ()
            walk = walks.setdefault(event.policy, _Walk(declared))
            effect, provision = walk.step(draw)
            seen.add(key)
        result.append(attrs.evolve(event, effect=effect, provision=provision))
    return result


#: Provision ids the strategies use; effects that move a policy's phase, not a provision's.
PROVISION_IDS = ("a", "b")
PHASE_EFFECTS = tuple(e for e in Effect if e not in (Effect.APPLIES, Effect.CEASES))


@attrs.define
class _Walk:
    """A walk through the lifecycle's allowed steps, provisions included."""

    provisions: tuple[str, ...]
    phase: object = None
    applying: set[str] = attrs.field(factory=set)

    def step(self, draw: st.DrawFn) -> tuple[Effect, str | None]:
        from timeline._lifecycle import TRANSITIONS, Phase

        phase = self.phase or Phase.NOT_ANNOUNCED
        free = [p for p in self.provisions if p not in self.applying]
        allowed = sorted(
            (
                e
                for (p, e) in TRANSITIONS
                if p is phase
                and (e is not Effect.APPLIES or free)
                and (e is not Effect.CEASES or self.applying)
            ),
            key=lambda e: e.value,
        )
        effect = draw(st.sampled_from(allowed))
        after = TRANSITIONS[phase, effect]  # type: ignore[index]
        provision = None
        if effect is Effect.APPLIES:
            provision = draw(st.sampled_from(free))
            self.applying.add(provision)
        elif effect is Effect.CEASES:
            provision = draw(st.sampled_from(sorted(self.applying)))
            self.applying.discard(provision)
        if after is Phase.ENDED or phase is Phase.ENDED:
            self.applying.clear()
        self.phase = after
        return effect, provision


@st.composite
def policy_timelines(draw: st.DrawFn, *, max_policies: int = 3, max_events: int = 8) -> Timeline:
    """A few policies of a few jurisdictions (and none), with provisions, whose events have
    any dates and fold: lighter than `timelines()`, for the questions asked over time."""
    policies = [
        Policy(
            id=f"p{n}",
            title=f"policy {n}",
            jurisdiction=draw(st.sampled_from(["US", "CN", None])),
            provisions=tuple(
                Provision(id=name, title=f"part {name}")
                for name in draw(st.lists(st.sampled_from(PROVISION_IDS), max_size=2, unique=True))
            ),
        )
        for n in range(draw(st.integers(1, max_policies)))
    ]
    events = [
        Event(
            id=f"e{n}",
            title=f"event {n}",
            when=draw(whens()),
            policy=draw(st.sampled_from([p.id for p in policies])),
            effect=Effect.ANNOUNCED,  # a stand-in: `_legal_effects` draws the real one
            cite=(Citation(source="src"),),
        )
        for n in range(draw(st.integers(0, max_events)))
    ]
    return Timeline(
        events=_legal_effects(draw, events, {p.id: p for p in policies}),
        policies=policies,
        settings=Settings(timezone=draw(st.sampled_from(_ZONES))),
    )


# -- what was known when, and what changed (tests/test_known.py, tests/test_diff.py) ------

_DAYS = st.dates(_dt.date(2019, 1, 1), _dt.date(2028, 12, 31))


def known_days() -> st.SearchStrategy[_dt.date]:
    """Days to ask what was known on: around the years the strategies' dates fall in."""
    return _DAYS


@st.composite
def recorded_timelines(draw: st.DrawFn, *, max_events: int = 6) -> Timeline:
    """`timelines()` with `recorded` days on some events and some citations."""
    tl = draw(timelines(max_events=max_events))
    events = [
        attrs.evolve(
            event,
            recorded=draw(_maybe(_DAYS)),
            cite=tuple(attrs.evolve(c, recorded=draw(_maybe(_DAYS))) for c in event.cite),
        )
        for event in tl
    ]
    return Timeline(
        events=events,
        actors=tl.actors,
        places=tl.places,
        policies=tl.policies,
        sources=tl.sources,
        settings=tl.settings,
    )


@st.composite
def dated_policy_timelines(draw: st.DrawFn) -> Timeline:
    """`policy_timelines()` whose events each cite their own source, published on a day, in
    a month, or undated, and some of which carry a `recorded` day: known at different
    days, so that known-on can cut a lifecycle anywhere (an amendment without its
    adoption, a provision's `ceases` without its `applies`)."""
    tl = draw(policy_timelines())
    published = st.one_of(
        st.none(), _DAYS.map(_dt.date.isoformat), _DAYS.map(lambda d: d.isoformat()[:7])
    )
    sources = [
        Source(id=f"s{n}", title=f"source {n}", published=draw(published)) for n in range(len(tl))
    ]
    events = [
        attrs.evolve(event, cite=(Citation(source=f"s{n}"),), recorded=draw(_maybe(_DAYS)))
        for n, event in enumerate(tl)
    ]
    return Timeline(events=events, policies=tl.policies, sources=sources, settings=tl.settings)


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


# -- calendar files: content lines, folds, blocks (tests/test_ics_parse.py) ------------------

#: Characters that decide how a content line splits: delimiters, quotes, escapes, RFC 6868
#: carets, percent signs, white space, a control character and non-ASCII.
_LINE_CHARS = st.sampled_from(list("aZ09-_.;:=,\"\\%^ \t\x01\x7fé中'/"))
_PROPERTY_NAMES = st.sampled_from(
    ["DTSTART", "dtstart", "SUMMARY", "X-FOO", "UID", "RRULE", "CATEGORIES", "BEGIN", "END",
     "X-TIMELINE-WHEN", "Dt Start", "RECURRENCE-ID"]
)  # fmt: skip
_PARAMETER_KEYS = st.sampled_from(
    ["TZID", "tzid", "VALUE", "value", "X-TIMELINE-TZ", "CN", "X", "A.B", "k k"]
)
_PARAMETER_VALUES = st.one_of(
    st.sampled_from(
        ["DATE", "date", "Europe/Berlin", "W. Europe Standard Time", " x", "x ", "",
         '"q:u;o,te"', "a,b", "x%2Cy", "a^nb", "é中"]
    ),
    st.text(_LINE_CHARS, max_size=8),
)  # fmt: skip


@st.composite
def content_lines(draw: st.DrawFn) -> str:
    """Unfolded content lines, plain (`NAME;KEY=value:text`) and not: quoted parameters,
    escapes, stray delimiters, names that are not tokens."""
    name = draw(st.one_of(_PROPERTY_NAMES, st.text(_LINE_CHARS, max_size=6)))
    count = draw(st.integers(0, 3))
    params = "".join(f";{draw(_PARAMETER_KEYS)}={draw(_PARAMETER_VALUES)}" for _ in range(count))
    if draw(st.integers(0, 9)) == 0:
        params += draw(st.sampled_from([";", ";;", ";x", " ;x=y"]))
    colon = draw(st.sampled_from([":", ":", ":", "", ";"]))
    return name + params + colon + draw(st.text(_LINE_CHARS, max_size=12))


#: What may be spliced into a calendar's bytes: folds (after empty lines too), empty lines,
#: bytes that are not UTF-8, a U+FFFD of the file's own, a lone CR, a fold inside a character.
_SPLICES = st.sampled_from(
    [b"\r\n ", b"\n\t", b"\r\n\r\n ", b"\n\n", b"\xff", b"\xe4\xb8", b"\xef\xbf\xbd", b"\r",
     b"\r\n \xbd"]
)  # fmt: skip


@st.composite
def calendar_files(
    draw: st.DrawFn, *, blocks: tuple[tuple[str, ...], ...], mangled: bool = True
) -> bytes:
    """A calendar of `blocks` (each some content lines) in any order and number; when
    `mangled`, cut short now and then, with folds, empty lines, bytes that are not UTF-8 and
    a byte order mark spliced in anywhere."""
    body = [
        line for block in draw(st.lists(st.sampled_from(blocks), max_size=12)) for line in block
    ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:test", *body]
    lines += ["END:VCALENDAR"] if not mangled or draw(st.booleans()) else []
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    data = bytearray((ending.join(lines) + ending).encode())
    if not mangled:
        return bytes(data)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(_SPLICES)
    if draw(st.booleans()):
        data[0:0] = b"\xef\xbb\xbf"
    return bytes(data)


# -- notation: canonical EDTF strings (tests/test_when.py) ------------------------------------

_QUALIFIERS = ("", "", "~", "?", "%")


@st.composite
def canonical_parts(draw: st.DrawFn, *, instant: bool = False) -> str:
    """One end of a `When` written canonically: what `str(When)` gives back unchanged."""
    day = draw(st.dates(_dt.date(1, 1, 1), _dt.date(9999, 12, 31)))
    if instant:
        clock = f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
        if draw(st.booleans()):
            clock += f":{draw(st.integers(0, 59)):02d}"
        offset = draw(st.sampled_from(["Z", "+08:00", "-05:00", "+05:45", "-09:30", "+14:00"]))
        return day.isoformat() + clock + offset
    kind = draw(st.sampled_from(["day", "month", "season", "year", "decade", "century"]))
    text = {
        "day": day.isoformat(),
        "month": f"{day.year:04d}-{day.month:02d}",
        "season": f"{day.year:04d}-{draw(st.integers(21, 23 if day.year == 9999 else 24))}",
        "year": f"{day.year:04d}",
        "decade": f"{max(day.year // 10, 1):03d}X",
        "century": f"{max(day.year // 100, 1):02d}XX",
    }[kind]
    return text + draw(st.sampled_from(_QUALIFIERS))


@st.composite
def canonical_notations(draw: st.DrawFn) -> str:
    """A canonical notation that parses: single values, closed and open spans, instants."""
    shape = draw(st.sampled_from(["part", "span", "open-start", "open-end", "instant", "instants"]))
    if shape == "part":
        return draw(canonical_parts())
    if shape == "instant":
        return draw(canonical_parts(instant=True))
    if shape == "open-start":
        return "../" + draw(canonical_parts())
    if shape == "open-end":
        return draw(canonical_parts()) + "/.."
    timed = shape == "instants"
    start, end = draw(canonical_parts(instant=timed)), draw(canonical_parts(instant=timed))
    assume(start != end)  # a span from a date to itself is written as that date
    text = f"{start}/{end}"
    try:
        When.parse(text)
    except WhenError:
        assume(False)  # the span ends before it starts
    return text


@st.composite
def simple_events(draw: st.DrawFn, *, ids: st.SearchStrategy[str] | None = None) -> Event:
    """An event with any `When` and one citation, for ordering and filtering laws."""
    return Event(
        id=draw(ids if ids is not None else slugs()),
        title=draw(texts(min_size=1, max_size=20)),
        when=draw(whens()),
        tags=tuple(draw(st.lists(st.sampled_from(["ai", "china", "us", "chips"]), unique=True))),
        cite=(Citation(source="src"),),
    )


def event_lists(*, max_size: int = 12) -> st.SearchStrategy[list[Event]]:
    """Events with unique ids, so a timeline can hold them all."""
    return st.lists(simple_events(), max_size=max_size, unique_by=lambda e: e.id)


# -- policy lifecycles (tests/test_lifecycle.py) ----------------------------------------------


@st.composite
def policy_events(draw: st.DrawFn, *, policy: str = "p", max_size: int = 6) -> list[Event]:
    """Events of one policy with any dates and any effects: legal, illegal, or none."""
    ids = draw(st.lists(slugs(), max_size=max_size, unique=True))
    events = []
    for event_id in ids:
        effect = draw(st.none() | st.sampled_from(Effect))
        steps = (Effect.APPLIES, Effect.CEASES)
        events.append(
            Event(
                id=event_id,
                title=event_id,
                when=draw(whens()),
                policy=policy,
                effect=effect,
                provision=draw(st.sampled_from(PROVISION_IDS)) if effect in steps else None,
                cite=(Citation(source="src"),),
            )
        )
    return events


@st.composite
def legal_lifecycles(
    draw: st.DrawFn,
    *,
    policy: str = "p",
    max_size: int = 8,
    provisions: tuple[str, ...] = PROVISION_IDS,
) -> list[Event]:
    """A walk through the lifecycle's allowed transitions on strictly increasing days."""
    walk = _Walk(provisions)
    day = draw(st.dates(_dt.date(1950, 1, 1), _dt.date(2000, 1, 1)))
    events = []
    for n in range(draw(st.integers(0, max_size))):
        effect, provision = walk.step(draw)
        day += _dt.timedelta(days=draw(st.integers(1, 400)))
        events.append(
            Event(
                id=f"e{n}",
                title=f"event {n}",
                when=When.from_date(day),
                policy=policy,
                effect=effect,
                provision=provision,
                cite=(Citation(source="src"),),
            )
        )
    return events


# -- TOML near the plain shape the loader reads quickly (tests/test_toml.py) ----------------------

_TOML_STRINGS = st.text(
    alphabet=st.sampled_from(
        [
            "a",
            "é",
            "芯",
            " ",
            '"',
            "\\",
            "\t",
            "#",
            "=",
            ",",
            "[",
            "\U0001f600",
            "\x7f",
            "\x01",
            "\r",
        ]
    ),
    max_size=6,
)
_TOML_ESCAPES = st.sampled_from(
    ['\\"', "\\\\", "\\n", "\\t", "\\u00e9", "\\U0001F600", "\\ud800", "\\/", "\\x", "\\e"]
)


@st.composite
def _toml_string(draw: st.DrawFn) -> str:
    """A basic string, usually valid, sometimes with an escape TOML or the quick path refuses."""
    parts = draw(st.lists(_TOML_STRINGS.map(lambda t: t.replace("\\", "\\\\").replace('"', '\\"'))
                          | _TOML_ESCAPES, max_size=3))  # fmt: skip
    text = "".join(parts)
    if draw(st.integers(0, 9)) == 0:
        text += draw(st.sampled_from(['"', "\\", "\n"]))  # unescaped: malformed
    return f'"{text}"'


_TOML_VALUES = st.one_of(
    _toml_string(),
    st.lists(_toml_string(), max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.sampled_from(
        ["[]", '["a",]', '[ "a" , "b" ]', '["a", 1]', "[\n]", "'literal'", '"""multi"""',
         "0", "-7", "+3", "012", "1_000", "3.25", "-0.5", "1e6", "2E-3", "1.", ".5", "inf",
         "true", "false", "True", "2025-04-01", "{ a = 1 }"]
    ),
)  # fmt: skip
_TOML_KEYS = st.sampled_from(
    ["id", "title", "when", "cite", "source", "quote", "tags", "a-b_1", '"quoted"', "a.b", ""]
)
_TOML_HEADERS = st.sampled_from(
    ["[[event]]", "[[event.cite]]", "[[source]]", "[[ actor ]]", "[[policy]]", "[[place]]",
     "[[gadget]]", "[event]", "[[event . cite]]", "[[event.other]]"]
)  # fmt: skip


@st.composite
def toml_like_texts(draw: st.DrawFn) -> str:
    """Data files mostly of the plain shape (headers, `key = value` lines, comments), with
    now and then what only tomllib reads or what TOML refuses (keys given twice too)."""
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["header", "header", "pair", "pair", "pair", "pair", "other"]))
        if kind == "header":
            lines.append(draw(_TOML_HEADERS))
        elif kind == "pair":
            space = draw(st.sampled_from([" = ", "=", "  =\t", " = "]))
            lines.append(f"{draw(_TOML_KEYS)}{space}{draw(_TOML_VALUES)}")
        else:
            lines.append(draw(st.sampled_from(["", "  ", "# a comment", "\t# x = 1", "x", "\r"])))
        if draw(st.integers(0, 5)) == 0:
            lines[-1] += draw(st.sampled_from(["  # trailing", " ", "\r", " x"]))
    return "\n".join(lines)


# -- spans of times (tests/test_import_dates.py, tests/test_import_timelinejs.py) ------------


@st.composite
def instant_spans(draw: st.DrawFn) -> When:
    """A span of two times: in one zone or at offsets (the same or not), on one day or two."""
    start = draw(st.datetimes(_dt.datetime(1970, 1, 1), _dt.datetime(2099, 12, 30)))  # noqa: DTZ001 - a wall time
    lengths = [_dt.timedelta(minutes=30), _dt.timedelta(hours=5), _dt.timedelta(days=1, hours=2)]
    length = draw(st.sampled_from([*lengths, _dt.timedelta(seconds=61)]))
    end = start + length
    pattern = "%Y-%m-%dT%H:%M:%S" if draw(st.booleans()) else "%Y-%m-%dT%H:%M"
    left, right = start.strftime(pattern), end.strftime(pattern)
    kind = draw(st.sampled_from(["zone", "same offset", "two offsets"]))
    tz = None
    if kind == "zone":
        tz = draw(st.sampled_from(_ZONES[1:]))
    else:
        offsets = ["Z", "+08:00", "-05:00", "+05:30"]
        first = draw(st.sampled_from(offsets))
        second = first if kind == "same offset" else draw(st.sampled_from(offsets))
        left, right = left + first, right + second
    try:
        return When.parse(f"{left}/{right}", tz=tz)
    except WhenError:
        assume(False)
        raise


#: The settings of a round trip through a file (export, write, import): each example writes
#: and reads a file, so at most 100 of them, and the test's tmp_path is reused.
file_round_trips = settings(
    deadline=None,
    max_examples=min(100, settings.default.max_examples),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


#: The settings of a property that renders whole generated timelines in several layouts:
#: each example costs tens of milliseconds, so at most 50 of them.
whole_reports = settings(deadline=None, max_examples=min(50, settings.default.max_examples))
