"""TOML data files: the quick reader of the plain shape agrees with tomllib, or steps aside."""

from __future__ import annotations

import tomllib

from hypothesis import example, given, settings

from strategies import timelines, toml_like_texts
from timeline import Timeline
from timeline._toml import _quick_parse, document, key_lines


@given(toml_like_texts())
@example('[[event]]\ncite = []\n[[event.cite]]\nsource = "s"')
@example('[[event.cite]]\nsource = "s"')
@example('[[event]]\nid = "a"\nid = "b"')
@example('id = "top level"')
@example("[[policy]]\r")
@example("[[source]]\n# a\rb\n")
def test_quick_parse_reads_what_tomllib_reads(text: str) -> None:
    """A document the quick reader gives is what tomllib gives; none where tomllib fails."""
    quick = _quick_parse(text)
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert quick is None
        return
    if quick is None:
        return  # beyond the plain shape: tomllib reads it
    found, starts, _ = quick
    assert found == expected
    lines = key_lines(text)
    assert starts == {
        kind: [lines[f"{kind}[{n}]"] for n in range(len(records))]
        for kind, records in found.items()
    }


@settings(max_examples=100)  # a whole timeline written each time: enough at that
@given(timelines())
def test_what_timeline_writes_is_read_quickly(tl: Timeline) -> None:
    """Files written by `document` (importers, drafting) take the quick path, escapes and all."""
    records = [*tl.sources.values(), *tl.actors.values(), *tl.policies.values(), *tl.events]
    text = document(records, header=["written by a test"])
    quick = _quick_parse(text)
    assert quick is not None
    assert quick[0] == tomllib.loads(text)
