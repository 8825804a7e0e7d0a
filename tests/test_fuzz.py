"""Fuzzing: whatever the input, parsers either succeed or raise TimelineError, nothing else.

CI runs 10,000 examples per target (CI=true); a developer's run uses fewer.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import _jsonl, _toml
from timeline._structure import Shared
from timeline._when import When
from timeline.errors import Problem, TimelineError

EXAMPLES = 10_000 if os.environ.get("CI") else 300
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)

#: Text that looks like EDTF often enough to reach deep into the parser.
notation_alphabet = st.sampled_from(list("0123456789-/.:TZ+~?%X ")) | st.characters()
notation_like = st.text(notation_alphabet, max_size=40)
zones = st.none() | st.sampled_from(["UTC", "Asia/Shanghai", "Europe/Berlin", "Nope/Zone", ""])


@FUZZ
@given(text=notation_like, tz=zones)
def test_when_parse_raises_only_timeline_errors(text: str, tz: str | None) -> None:
    """When.parse returns a value whose notation parses back to it, or raises TimelineError."""
    try:
        when = When.parse(text, tz=tz)
    except TimelineError:
        return
    assert When.parse(str(when), tz=when.tz) == when
    low, high = when.sort_key()
    assert low <= high
    assert when.label


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = ["id", "title", "when", "tz", "said", "actors", "tags", "cite", "policy", "effect", "name"]
records = st.fixed_dictionaries(
    {"kind": st.sampled_from(["event", "actor", "source", "place", "policy", "other"])},
    optional={
        "fields": st.dictionaries(
            st.sampled_from(FIELDS) | st.text(max_size=6),
            json_values | st.sampled_from(["2025-04", "2025-13", "x", "2025-10-15T09:00"]),
            max_size=8,
        )
    },
)


@FUZZ
@given(lines=st.lists(records, max_size=5))
def test_jsonl_loader_reports_problems_and_never_crashes(lines: list[dict[str, object]]) -> None:
    """Any JSON Lines content becomes records or located problems, never an exception."""
    text = "\n".join(json.dumps({r["kind"]: r.get("fields", {})}) for r in lines)
    problems: list[Problem] = []
    located = list(_jsonl.read(text.encode(), "fuzz.jsonl", problems, Shared()))
    assert all(p.path == "fuzz.jsonl" and p.line is not None for p in problems)
    assert len(located) <= len(lines)


@FUZZ
@given(text=st.text(st.sampled_from(list("[]=.\"'\n ab01-_{},#")) | st.characters(), max_size=80))
def test_toml_loader_reports_problems_and_never_crashes(text: str) -> None:
    """Any TOML text becomes records or problems naming the file, never an exception."""
    problems: list[Problem] = []
    list(_toml.read(text, "fuzz.toml", problems, Shared()))
    assert all(p.path == "fuzz.toml" for p in problems)
