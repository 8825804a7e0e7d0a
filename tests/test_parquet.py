"""Parquet and Arrow: events out and back, data folders of `.parquet` files, located problems."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

import timeline
from strategies import recorded_timelines, timelines
from timeline import Citation, DataError, Event, Timeline, When, from_arrow, to_arrow
from timeline._cli import main
from timeline._parquet import COLUMNS, schema

GOLDEN = Path(__file__).parent / "data" / "golden" / "events"


def _same_events(a: Timeline, b: Timeline) -> bool:
    return a.events == b.events and [type(e.when) for e in a] == [type(e.when) for e in b]


def _events_table(rows: list[dict[str, Any]]) -> pa.Table:
    """A table of event rows as a person would write it: the columns any row gives."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    return pa.Table.from_pylist([{name: row.get(name) for name in names} for row in rows])


def _folder(root: Path, table: pa.Table) -> Path:
    """A data folder: one source `s`, one actor `xi`, and the events in `e.parquet`."""
    folder = root / "events"
    folder.mkdir()
    (folder / "records.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "S"\n\n[[actor]]\nid = "xi"\nname = "Xi"\n',
        encoding="utf-8",
    )
    pq.write_table(table, folder / "e.parquet")
    return folder


def _row(n: int, **fields: Any) -> dict[str, Any]:
    return {"id": f"e{n}", "title": "T", "when": "2025", "cite": [{"source": "s"}], **fields}


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataError, match="in the data") as caught:
        timeline.load(folder)
    return [str(p) for p in caught.value.problems]


@settings(max_examples=100)  # each example writes a Parquet file: a few seconds in all
@given(timelines())
def test_events_round_trip_through_arrow_and_parquet(tl: Timeline) -> None:
    """events → Arrow → events, and events → Parquet file → events, give the same Timeline."""
    back = from_arrow(to_arrow(tl), context=tl)
    assert _same_events(back, tl)
    assert dict(back.sources) == dict(tl.sources)
    assert back.settings == tl.settings
    out = io.BytesIO()
    timeline._parquet.write(tl, out)
    assert _same_events(from_arrow(pq.read_table(io.BytesIO(out.getvalue())), context=tl), tl)


@given(recorded_timelines())
def test_recorded_days_round_trip_through_arrow(tl: Timeline) -> None:
    """The recorded days of events and citations come back from Arrow as they went in."""
    assert _same_events(from_arrow(to_arrow(tl), context=tl), tl)


def test_files_written_before_recorded_still_load(in_tmp: Path) -> None:
    """A file with no `recorded` column and citations of {source, note} loads."""
    cite = [{"source": "s", "note": "n"}]
    loaded = timeline.load(_folder(in_tmp, _events_table([_row(0, cite=cite)])))
    assert loaded["e0"].recorded is None
    assert loaded["e0"].cite == (Citation(source="s", note="n"),)


def test_a_bad_recorded_day_is_located(in_tmp: Path) -> None:
    """A recorded day that is not YYYY-MM-DD is a problem at its row and field."""
    table = _events_table([_row(0, recorded="2025-12"), _row(1, recorded="2025-12-08")])
    assert _problems(_folder(in_tmp, table)) == [
        "events/e.parquet: row[0].recorded: '2025-12' is not a day: write the day the record "
        "was made as YYYY-MM-DD, e.g. '2025-12-08'"
    ]


def test_the_schema_is_the_documented_one() -> None:
    """Columns in order, `when` a string with its date bounds, lists and a list of structs."""
    shape = schema()
    assert tuple(shape.names) == COLUMNS
    assert shape.field("when").type == pa.string()
    assert shape.field("earliest").type == pa.date32()
    assert shape.field("actors").type == pa.list_(pa.string())
    assert shape.field("recorded").type == pa.string()
    assert shape.field("cite").type.value_type.names == ["source", "quote", "note", "recorded"]
    doc = (Path(__file__).parent.parent / "docs" / "formats.md").read_text(encoding="utf-8")
    for name in COLUMNS:
        assert f"| `{name}` |" in doc, f"docs/formats.md does not describe the column {name!r}"


def test_derived_columns_are_what_the_json_export_says(golden_timeline: Timeline) -> None:
    """earliest/latest/precision/qualifier/label agree with the JSON export's fields."""
    rows = to_arrow(golden_timeline).to_pylist()
    exported = json.loads(timeline.report.json(golden_timeline))["events"]
    for row, event in zip(rows, exported, strict=True):
        assert row["id"] == event["id"]
        for name in ("precision", "qualifier", "label"):
            assert row[name] == event[name]
        if event["earliest"] is not None:
            assert str(row["earliest"]) == event["earliest"][:10]
        if event["latest"] is not None:
            assert str(row["latest"]) == event["latest"][:10]


@pytest.fixture
def golden_timeline() -> Timeline:
    """The small fixture dataset every golden file is made from."""
    return timeline.load(GOLDEN)


def test_a_data_folder_of_parquet_loads_like_json_lines(tmp_path: Path) -> None:
    """The same events as Parquet in a data folder (other records in TOML) load the same."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    data = generate.generate(tmp_path, 600, fmt="jsonl", seed=4)
    from_jsonl = timeline.load(data)
    for path in data.glob("*.jsonl"):
        path.unlink()
    timeline._parquet.write(from_jsonl, data / "events.parquet")
    from_parquet = timeline.load(data)
    assert _same_events(from_parquet, from_jsonl)
    assert len(from_parquet) == 600


def test_problems_are_located_by_file_and_row(in_tmp: Path) -> None:
    """A bad row is named by its row and field, in the words TOML would use."""
    table = _events_table(
        [
            _row(0, actors=["xi"]),
            _row(1, when="2025-13"),
            _row(2, effect="enacted"),
            _row(3, title=" "),
            _row(4, title="a\u202eb"),
            _row(5, actors=["nobody"]),
        ]
    )
    assert _problems(_folder(in_tmp, table)) == [
        "events/e.parquet: row[1].when: '2025-13' is not a valid date: "
        "month 13 is neither 01–12 nor a season 21–24 (spring–winter)",
        "events/e.parquet: row[2].effect: effect 'enacted' needs the event's `policy`",
        "events/e.parquet: row[3].title: must not be empty",
        "events/e.parquet: row[4].title: control character '\\u202e' is not allowed",
        "events/e.parquet: row[5].actors[0]: unknown actor 'nobody'; "
        "add a [[actor]] record with that id or fix the id",
    ]


def test_nulls_in_lists_are_located_problems(in_tmp: Path) -> None:
    """A null citation, actor or list is a located problem, never a crash (a null citation
    once raised AttributeError)."""
    cite = pa.list_(pa.struct([("source", pa.string()), ("quote", pa.string())]))
    table = pa.table(
        {
            "id": ["e0", "e1", "e2", "e3", "e4"],
            "title": ["T"] * 5,
            "when": ["2025", "2025-04", None, "2025", "2025"],
            "actors": pa.array([["xi"], [None], None, [], ["xi", "xi"]], pa.list_(pa.string())),
            "cite": pa.array(
                [[{"source": "s"}, None], [{"source": "s"}], [{"source": "s"}], None, []], cite
            ),
        }
    )
    problems = _problems(_folder(in_tmp, table))
    assert problems == [
        "events/e.parquet: row[0].cite[1]: expected a table of fields, got None",
        "events/e.parquet: row[1].actors[0]: expected a string, got NoneType None",
        "events/e.parquet: row[2].when: missing required field",
        "events/e.parquet: row[3].cite: every event cites at least one source ([[event.cite]])",
        "events/e.parquet: row[4].actors: lists ['xi'] twice",
        "events/e.parquet: row[4].cite: every event cites at least one source ([[event.cite]])",
    ], problems


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            pa.table({"id": ["e"], "title": ["T"], "when": ["2025"], "colour": ["red"]}),
            [
                "events/e.parquet: cite: missing required column",
                "events/e.parquet: colour: unknown column; an event's columns are: "
                + ", ".join(COLUMNS),
            ],
        ),
        (
            pa.table(
                {
                    "id": ["e"],
                    "title": ["T"],
                    "when": [dt.date(2025, 4, 1)],
                    "tags": ["ai"],
                    "cite": [[{"source": "s"}]],
                }
            ),
            [
                "events/e.parquet: tags: the column is string; write a list of strings",
                "events/e.parquet: when: the column is date32[day]; "
                "write a string of EDTF, e.g. '2025-04'",
            ],
        ),
    ],
)
def test_columns_that_cannot_hold_events_are_named_once(
    in_tmp: Path, table: pa.Table, expected: list[str]
) -> None:
    """An unknown, missing or mistyped column is one problem for the file, not one a row."""
    assert _problems(_folder(in_tmp, table)) == expected


def test_from_arrow_checks_a_slice_against_its_context(golden_timeline: Timeline) -> None:
    """A slice needs no policy's whole history; its references must be in the context."""
    later = [e for e in golden_timeline if e.effect is not None][1:]  # skips a first effect
    table = to_arrow(later)
    assert from_arrow(table, context=golden_timeline).events == tuple(later)
    assert len(from_arrow(table)) == len(later)  # no context: references go unchecked
    stranger = Event(id="x", title="X", when=When.parse("2025"), cite=(Citation(source="zz"),))
    with pytest.raises(DataError, match=r"<arrow>: row\[0\]\.cite\[0\]\.source: unknown source"):
        from_arrow(to_arrow([stranger]), context=golden_timeline)


def test_from_arrow_reads_batches_and_readers(golden_timeline: Timeline) -> None:
    """A table, one record batch, a batch reader or a list of batches all read the same."""
    table = to_arrow(golden_timeline)
    batches = table.to_batches(max_chunksize=2)
    for given_as in (table, batches, pa.RecordBatchReader.from_batches(table.schema, batches)):
        assert from_arrow(given_as, context=golden_timeline).events == golden_timeline.events
    assert len(from_arrow(batches[0], context=golden_timeline)) == 2


def test_report_writes_parquet(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline report --format parquet -o FILE` writes the schema; stdout is refused."""
    assert main(["report", str(GOLDEN), "--format", "parquet", "-o", "out.parquet"]) == 0
    written = pq.read_table(in_tmp / "out.parquet")
    assert written.schema.equals(schema())
    assert [row["id"] for row in written.to_pylist()] == [e.id for e in timeline.load(GOLDEN)]
    assert main(["report", str(GOLDEN), "--format", "parquet"]) == 2
    assert "needs -o FILE" in capsys.readouterr().err


def test_pyarrow_loads_only_for_parquet(tmp_path: Path) -> None:
    """Neither `import timeline` nor loading a folder without Parquet imports pyarrow."""
    code = (
        "import sys, timeline; tl = timeline.load(sys.argv[1]); "
        "print('pyarrow' in sys.modules, len(tl))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(GOLDEN)], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", str(len(timeline.load(GOLDEN)))]


def test_a_missing_pyarrow_is_a_clear_problem(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pyarrow a `.parquet` file is one problem saying what to install."""
    folder = _folder(in_tmp, _events_table([_row(0)]))
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert _problems(folder) == [
        "events/e.parquet: Parquet needs pyarrow: pip install 'timeline-events[parquet]'"
    ]


def test_writing_a_stream_of_events_keeps_each_date_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Events made and dropped as they are written (dates freed, their ids reused) keep
    their own dates: the writer's cache of date columns is never fooled by a reused id."""
    from timeline import _parquet, _when

    monkeypatch.setattr(_parquet, "_BATCH", 3)

    def stream():
        for n in range(40):
            _when._parse.cache_clear()  # a fresh When each time, the last one freed
            when = When.parse(f"{1990 + n}-0{n % 9 + 1}")
            yield Event(id=f"e{n}", title="T", when=when, cite=(Citation(source="s"),))

    out = io.BytesIO()
    _parquet.write(stream(), out)
    rows = pq.read_table(io.BytesIO(out.getvalue())).to_pylist()
    assert [row["when"] for row in rows] == [f"{1990 + n}-0{n % 9 + 1}" for n in range(40)]
    assert [row["earliest"].year for row in rows] == [1990 + n for n in range(40)]
