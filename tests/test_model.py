"""The records and `Timeline`: validation on construction, lookup, and chronological order."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
import zoneinfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import event_lists, simple_events
from timeline._model import (
    Actor,
    ActorKind,
    Citation,
    Effect,
    Event,
    Feed,
    Place,
    Policy,
    Provision,
    Settings,
    Source,
)
from timeline._timeline import Timeline
from timeline._when import When
from timeline.errors import TimelineError

CITE = (Citation(source="src"),)


def event(id: str, when: str, **fields: object) -> Event:
    """An event with one citation, dated `when`."""
    return Event(id=id, title=fields.pop("title", id), when=When.parse(when), cite=CITE, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Source(id="Bad Id", title="T"), "'Bad Id' is not a valid id"),
        (lambda: Source(id="a--b", title="T"), "'a--b' is not a valid id"),
        (lambda: Source(id="s", title="   "), "must not be empty"),
        (lambda: Source(id="s", title="T", url="javascript:alert(1)"), "is not an http"),
        (lambda: Actor(id="a", name=""), "must not be empty"),
        (lambda: Place(id="p", name="P", latitude=91.0), "91.0 is not a latitude"),
        (lambda: Place(id="p", name="P", longitude=-181.0), "-181.0 is not a longitude"),
        (lambda: Policy(id="p", title="P", tags=("ok", "Not OK")), "'Not OK' is not a valid id"),
        (lambda: Citation(source="s", quote=" "), "must not be empty"),
        (lambda: event("e", "2025", effect=Effect.ENACTED), "effect 'enacted' needs"),
        (lambda: event("e", "2025", tags=("ai", "ai")), r"lists \['ai'\] twice"),
        (
            lambda: Event(id="e", title="E", when=When.parse("2025")),
            "cites at least one source",
        ),
        (lambda: Settings(timezone="Mars/Base"), "'Mars/Base' is not a known IANA time zone"),
        (lambda: Provision(id="Part 1", title="P"), "'Part 1' is not a valid id"),
        (
            lambda: Policy(
                id="p",
                title="P",
                provisions=(Provision(id="a", title="A"), Provision(id="a", title="B")),
            ),
            r"'a' is the id of provisions\[0\] too",
        ),
        (
            lambda: event("e", "2025", policy="p", effect=Effect.APPLIES),
            "effect 'applies' names the provision it is about",
        ),
        (
            lambda: event("e", "2025", policy="p", effect=Effect.TIGHTENED, provision="a"),
            "a provision goes with effect 'applies' or 'ceases', not 'tightened'",
        ),
        (lambda: event("e", "2025", provision="a"), "provision 'a' needs the event's `policy`"),
    ],
)
def test_invalid_records_are_refused_with_the_value(build: object, message: str) -> None:
    """Field validators refuse bad values with a TimelineError that is also a ValueError."""
    with pytest.raises(TimelineError, match=message) as caught:
        build()  # type: ignore[operator]
    assert isinstance(caught.value, ValueError)


def test_records_are_frozen_and_change_through_evolve() -> None:
    """A record cannot be changed in place; attrs.evolve makes a changed copy."""
    original = event("e", "2025-04")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        original.title = "changed"  # type: ignore[misc]
    changed = attrs.evolve(original, title="changed")
    assert (original.title, changed.title) == ("e", "changed")


def test_records_are_keyword_only() -> None:
    """Records take keyword arguments only, so a field order change cannot shift values."""
    with pytest.raises(TypeError, match="positional"):
        Actor("a", "A")  # type: ignore[misc]


def test_defaults() -> None:
    """Optional fields default to nothing; an actor's kind defaults to 'other'."""
    actor = Actor(id="a", name="A")
    assert (actor.kind, actor.aliases, actor.country) == (ActorKind.OTHER, (), None)
    assert Settings().timezone == "UTC"
    assert Settings().name == "Timeline"


def test_enums_are_their_written_values() -> None:
    """Effect and ActorKind compare equal to the strings the data files use."""
    assert Effect("tightened") is Effect.TIGHTENED
    assert ActorKind.COMPANY == "company"


# -- Timeline ---------------------------------------------------------------------------------


def _timeline(*events: Event, **fields: object) -> Timeline:
    return Timeline(events=events, **fields)  # type: ignore[arg-type]


def test_timeline_orders_by_earliest_then_narrower_then_id() -> None:
    """Iteration is by earliest bound, then latest (narrower first), then id."""
    tl = _timeline(
        event("z-day", "2025-04-25"),
        event("b-month", "2025-04"),
        event("a-month", "2025-04"),
        event("year", "2025"),
        event("open", "../2024"),
        event("since", "2025/.."),
    )
    assert [e.id for e in tl] == ["open", "year", "since", "a-month", "b-month", "z-day"]


def test_timeline_order_uses_the_default_zone() -> None:
    """A date stands for its whole day in the timeline's zone when compared with an instant."""
    day = event("day", "2025-10-15")
    early = event("shanghai-morning", "2025-10-15T06:00+08:00")
    utc = _timeline(day, early)
    shanghai = _timeline(day, early, settings=Settings(timezone="Asia/Shanghai"))
    assert [e.id for e in utc] == ["shanghai-morning", "day"]
    assert [e.id for e in shanghai] == ["day", "shanghai-morning"]


def test_lookup_by_id() -> None:
    """tl[id] finds an event; a missing id is a KeyError naming it."""
    tl = _timeline(event("a", "2025"))
    assert tl["a"].id == "a"
    assert "a" in tl
    assert "b" not in tl
    assert len(tl) == 1
    with pytest.raises(KeyError, match=re.escape("no event with id 'b'")):
        tl["b"]


def test_records_are_indexed_by_id() -> None:
    """actors, places, policies and sources are dicts by id."""
    tl = _timeline(
        actors=[Actor(id="xi", name="Xi Jinping")],
        places=[Place(id="sz", name="Shenzhen")],
        policies=[Policy(id="p", title="P")],
        sources=[Source(id="src", title="S")],
    )
    assert tl.actors["xi"].name == "Xi Jinping"
    assert tl.places["sz"].name == "Shenzhen"
    assert tl.policies["p"].title == "P"
    assert tl.sources["src"].title == "S"
    assert repr(tl) == "<Timeline 'Timeline': 0 events>"


def test_selections_keep_order_and_records() -> None:
    """Filtering methods return timelines in the same order, sharing the reference records."""
    policy = Policy(id="us-controls", title="US controls", jurisdiction="US")
    tl = _timeline(
        event("c", "2025-12", tags=("nvidia",), actors=("trump",), policy="us-controls"),
        event("a", "2025-04", tags=("ai", "china"), actors=("xi",), summary="Pledge on AI"),
        event("b", "2021~", tags=("china",)),
        policies=[policy],
    )
    assert [e.id for e in tl.with_tag("china")] == ["b", "a"]
    assert [e.id for e in tl.with_actor("xi")] == ["a"]
    assert [e.id for e in tl.with_policy("us-controls")] == ["c"]
    assert [e.id for e in tl.with_jurisdiction("US")] == ["c"]
    assert [e.id for e in tl.matching("PLEDGE")] == ["a"]
    assert [e.id for e in tl.between("2025-01", "2025-06")] == ["a"]
    assert [e.id for e in tl.select(lambda e: e.id != "a")] == ["b", "c"]
    assert tl.with_tag("china").policies is tl.policies


@given(event_lists(), st.randoms(use_true_random=False))
def test_order_is_deterministic_under_shuffling(events: list[Event], rnd: random.Random) -> None:
    """The same events in any input order give the same timeline order."""
    shuffled = events[:]
    rnd.shuffle(shuffled)
    assert [e.id for e in _timeline(*events)] == [e.id for e in _timeline(*shuffled)]


@given(event_lists())
def test_order_is_strict_and_follows_the_sort_key(events: list[Event]) -> None:
    """Consecutive events have strictly increasing (sort key, id): the order is total."""
    keys = [(e.when.sort_key(), e.id) for e in _timeline(*events)]
    assert all(a < b for a, b in itertools.pairwise(keys))


@given(
    st.lists(simple_events(ids=st.sampled_from(["a", "b"])), max_size=12),
    st.sampled_from([dt.UTC, zoneinfo.ZoneInfo("Asia/Shanghai")]),
)
def test_chronological_is_one_stable_sort_on_the_sort_key_and_id(
    events: list[Event], zone: dt.tzinfo
) -> None:
    """The ranked two-sort order is exactly a stable sort on (sort key, id), ties included."""
    from timeline._timeline import _chronological

    expected = sorted(events, key=lambda e: (*e.when.sort_key(zone), e.id))
    got = _chronological(tuple(events), zone)
    assert [id(e) for e in got] == [id(e) for e in expected]


# -- every field is converted or checked at construction ------------------------------------


def _event_with(**fields: object) -> Event:
    """An event built from plain values, as library code would write it."""
    base: dict[str, object] = {"id": "e", "title": "E", "when": "2025", "cite": CITE}
    return Event(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "field", "expected"),
    [
        (lambda: _event_with(when="2025-02-02"), "when", When.parse("2025-02-02")),
        (lambda: _event_with(tags=["ai", "chips"]), "tags", ("ai", "chips")),
        (lambda: _event_with(actors=["nvidia"]), "actors", ("nvidia",)),
        (lambda: _event_with(cite=[Citation(source="s")]), "cite", (Citation(source="s"),)),
        (lambda: _event_with(policy="p", effect="enacted"), "effect", Effect.ENACTED),
        (
            lambda: Source(id="s", title="S", published="2025-04"),
            "published",
            When.parse("2025-04"),
        ),
        (lambda: Actor(id="a", name="A", kind="person"), "kind", ActorKind.PERSON),
        (lambda: Actor(id="a", name="A", aliases=["Ay"]), "aliases", ("Ay",)),
        (lambda: Policy(id="p", title="P", targets=["CN"]), "targets", ("CN",)),
        (lambda: Place(id="p", name="P", latitude=50), "latitude", 50.0),
    ],
)
def test_plain_values_are_converted_at_construction(
    build: object, field: str, expected: object
) -> None:
    """A date string becomes a When, a list a tuple, an enum's value its member."""
    record = build()  # type: ignore[operator]
    value = getattr(record, field)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: _event_with(when="2025-13"), "'2025-13' is not a valid date: month 13"),
        (
            lambda: _event_with(when=2025),
            "when: expected an EDTF date string such as '2025-04', got 2025",
        ),
        (lambda: _event_with(tags="ai"), "tags: expected a list, got str 'ai'"),
        (lambda: _event_with(actors=[5]), r"actors\[0\]: expected a string, got int 5"),
        (lambda: _event_with(said=5), "said: expected a string, got int 5"),
        (lambda: _event_with(summary=["a"]), r"summary: expected a string, got list \['a'\]"),
        (lambda: _event_with(place=True), "place: expected a string, got true/false"),
        (lambda: _event_with(policy="Bad Id"), "policy: 'Bad Id' is not a valid id"),
        (lambda: _event_with(cite=[{"source": "s"}]), r"cite\[0\]: expected a Citation, got dict"),
        (lambda: _event_with(cite="s"), "cite: expected a list, got str 's'"),
        (
            lambda: _event_with(policy="p", effect="tightend"),
            r"effect: 'tightend' is not one of 'proposed', .* \(did you mean 'tightened'\?\)",
        ),
        (lambda: Citation(source="s", note=3), "note: expected a string, got int 3"),
        (lambda: Source(id="s", title="S", published=2025), "published: expected an EDTF date"),
        (lambda: Source(id="s", title="S", publisher=1), "publisher: expected a string"),
        (lambda: Source(id="s", title=None), "title: expected a string, got NoneType None"),
        (lambda: Actor(id="a", name="A", kind="wizard"), "kind: 'wizard' is not one of"),
        (lambda: Actor(id="a", name="A", aliases="Ay"), "aliases: expected a list, got str"),
        (lambda: Place(id="p", name="P", latitude="5"), "latitude: expected a number, got str"),
        (lambda: Place(id="p", name="P", country=1), "country: expected a string"),
        (lambda: Policy(id="p", title="P", targets="CN"), "targets: expected a list, got str"),
        (lambda: Policy(id="p", title="P", amends=1), "amends: expected a string"),
        (lambda: Feed(name="f", title=1), "title: expected a string"),
        (lambda: Feed(name="f", filter="tag=ai"), "filter: expected a Filter, got str"),
        (lambda: Settings(name=1), "name: expected a string"),
        (lambda: Settings(feeds=[]), "feeds: expected a table of feeds by name, got list"),
    ],
)
def test_every_field_is_checked_at_construction(build: object, message: str) -> None:
    """A value of the wrong type is refused at once, naming the field, never later."""
    with pytest.raises(TimelineError, match=message) as caught:
        build()  # type: ignore[operator]
    assert isinstance(caught.value, ValueError)


def test_a_record_built_from_strings_renders() -> None:
    """`Event(when="2025-02-02", …)` is a real event: the text report prints it."""
    from timeline import report

    tl = Timeline(events=[_event_with(when="2025-02-02", tags=["ai"])])
    assert "2 February 2025" in report.text(tl)


def test_a_timeline_refuses_what_is_not_an_event() -> None:
    """Timeline(events=…) names the first item that is not an Event."""
    with pytest.raises(TypeError, match=r"events\[1\]: expected an Event, got dict"):
        Timeline(events=[_event_with(), {"id": "x"}])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("kind", "fields", "key"),
    [
        ("event", {"tags": "ai"}, "tags"),
        ("event", {"actors": ["ok", 5]}, "actors[1]"),
        ("event", {"said": 5}, "said"),
        ("event", {"place": True}, "place"),
        ("event", {"policy": "p", "effect": "tightend"}, "effect"),
        ("event", {"policy": "Bad Id"}, "policy"),
        ("event", {"when": 2025}, "when"),
        ("source", {"published": 2025}, "published"),
        ("source", {"file": ["a.txt"]}, "file"),
        ("actor", {"kind": "wizard"}, "kind"),
        ("place", {"latitude": "5"}, "latitude"),
        ("policy", {"targets": "CN"}, "targets"),
    ],
)
def test_code_and_check_refuse_with_the_same_words(
    kind: str, fields: dict[str, object], key: str
) -> None:
    """A bad value gets the words from the constructor that `timeline check` prints."""
    from timeline._structure import KINDS, structure_record
    from timeline.errors import Problem

    base: dict[str, dict[str, object]] = {
        "event": {"id": "e", "title": "E", "when": "2025", "cite": [{"source": "s"}]},
        "source": {"id": "s", "title": "S"},
        "actor": {"id": "a", "name": "A"},
        "place": {"id": "p", "name": "P"},
        "policy": {"id": "p", "title": "P"},
    }
    raw = {**base[kind], **fields}
    problems: list[Problem] = []
    assert structure_record(kind, raw, kind, "a.jsonl", 1, {}, problems) is None
    [problem] = problems
    plain = {**raw, "cite": CITE} if kind == "event" else raw
    with pytest.raises(TimelineError) as caught:
        KINDS[kind](**plain)
    assert problem.key == f"{kind}.{key}"
    assert str(caught.value) == f"{key}: {problem.message}"
