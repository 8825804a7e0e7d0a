"""The report package itself: `render`, `write` and `pieces` agree, and writing streams."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import Citation, Event, Timeline, When, report
from timeline.report._common import Encoded, indented, json_pieces

GOLDEN = Path(__file__).parent / "data" / "golden" / "events"
#: Formats whose text `pieces` gives one event (or a batch of rows) at a time.
STREAMED = ("text", "markdown", "json", "csv", "timelinejs")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def golden() -> Timeline:
    """The small fixture dataset every golden file is made from."""
    return timeline.load(GOLDEN)


def _many(count: int) -> Timeline:
    """`count` events on a few hundred dates (as real data repeats them), citing one source."""
    cite = (Citation(source="wire", quote="It happened.", note="A note."),)
    events = [
        Event(
            id=f"event-{n}",
            title=f"Something happened, number {n}, with a title of some length",
            when=When.parse(f"{2000 + n % 25:04d}-{n % 12 + 1:02d}"),
            summary="A summary of what happened, in a sentence or two.",
            actors=("someone",),
            tags=("news",),
            cite=cite,
        )
        for n in range(count)
    ]
    return Timeline(events=events)


class _Counter(io.RawIOBase):
    """A binary sink that keeps only the number of bytes written."""

    size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        return len(data)


@pytest.mark.parametrize("format", sorted(report.FORMATS))
def test_write_gives_what_render_gives(golden: Timeline, format: str) -> None:
    """Every format writes the same text to a text stream and, as UTF-8, to a binary one."""
    rendered = report.render(golden, format)
    text, binary = io.StringIO(), io.BytesIO()
    report.write(golden, text, format)
    report.write(golden, binary, format)
    assert text.getvalue() == rendered
    assert binary.getvalue() == rendered.encode("utf-8")


@pytest.mark.parametrize("format", STREAMED)
def test_an_empty_timeline_writes_what_it_renders(format: str) -> None:
    """With no events the pieces still make the whole document."""
    empty = Timeline(events=[])
    out = io.StringIO()
    report.write(empty, out, format)
    assert out.getvalue() == report.render(empty, format)


@pytest.mark.parametrize("format", STREAMED)
def test_pieces_come_one_event_at_a_time(format: str) -> None:
    """A report is made of many pieces, not one string of the whole output."""
    count = 1_000  # CSV yields a batch of 200 rows at a time
    assert len(list(report.pieces(_many(count), format))) > 2


def _peak(tl: Timeline, format: str) -> tuple[int, int]:
    """The most memory allocated at once while writing `tl`, and the bytes written."""
    sink = _Counter()
    tracemalloc.start()
    try:
        report.write(tl, sink, format)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sink.size


@pytest.mark.parametrize("format", STREAMED)
def test_writing_memory_does_not_grow_with_the_report(format: str) -> None:
    """Writing four times the events takes no more memory at once, and less than the output."""
    small, _ = _peak(_many(2_000), format)
    large, written = _peak(_many(8_000), format)
    assert large < small * 1.5 + 100_000, f"peak {small:,} → {large:,} bytes"
    assert large < written / 2, f"peak {large:,} bytes for {written:,} bytes written"


def test_write_refuses_a_bad_format_before_writing() -> None:
    """An unknown format or lanes for a format without them raise before any byte is out."""
    out = io.StringIO()
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        report.write(_many(1), out, "pdf")
    with pytest.raises(ValueError, match="format 'text' has no lanes"):
        report.write(_many(1), out, "text", lanes="actor")
    assert out.getvalue() == ""


@given(json_values)
def test_indented_is_json_dumps(value: Any) -> None:
    """`indented` writes what `json.dumps(..., ensure_ascii=False, indent=2)` writes."""
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=4), st.integers(0, 3))
def test_json_pieces_is_json_dumps(document: dict[str, Any], streamed: int) -> None:
    """Streamed arrays (generators or encoded items) read as the lists they stand for."""
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    items = [[n, {"n": n}] for n in range(streamed)]
    as_streams = {
        **document,
        "generated": iter(items),
        "encoded": Encoded(indented(item, "    ") for item in items),
    }
    lists = json.dumps(
        {**document, "generated": items, "encoded": items}, ensure_ascii=False, indent=2
    )
    assert "".join(json_pieces(as_streams)) == lists + "\n"
    assert "".join(json_pieces(document)) == expected
