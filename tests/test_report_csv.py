"""The CSV export (timeline.report.csv): one row per event, parseable, formula-safe."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import timeline
from strategies import timelines
from timeline import Timeline
from timeline.report import _csv as report_csv
from timeline.report import _json as report_json

GOLDEN = Path(__file__).parent / "data" / "golden"


def parse(text: str) -> list[dict[str, str]]:
    """Read CSV text back with the standard library, as a spreadsheet import would."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def unneutralise(cell: str) -> str:
    """Undo the documented formula guard: strip one leading apostrophe."""
    return cell.removeprefix("'")


@pytest.fixture(scope="module")
def golden() -> Timeline:
    """The small fixture dataset every golden file is made from."""
    return timeline.load(GOLDEN / "events")


def test_header_and_one_row_per_event_in_order(golden: Timeline) -> None:
    """The header is COLUMNS; rows follow the chronological order, one per event."""
    text = report_csv.render(golden)
    assert text.splitlines()[0] == ",".join(report_csv.COLUMNS)
    assert [row["id"] for row in parse(text)] == [event.id for event in golden]


@given(tl=timelines())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_cells_parse_back_to_the_json_values(tl: Timeline) -> None:
    """Whatever the text holds (commas, quotes, newlines), the csv module reads the values back."""
    rows = parse(report_csv.render(tl))
    assert len(rows) == len(tl)
    for row, event in zip(rows, report_json.dump(tl)["events"], strict=True):
        cells = {key: unneutralise(value) for key, value in row.items()}
        for key in ("id", "title", "when", "earliest", "latest", "precision", "label"):
            assert cells[key] == (event[key] or "")
        for key in ("tz", "said", "summary", "policy", "effect", "place", "url", "qualifier"):
            assert cells[key] == (event[key] or "")
        assert cells["actors"] == "; ".join(event["actors"])
        assert cells["tags"] == "; ".join(event["tags"])
        sources = dict.fromkeys(c["source"] for c in event["citations"])
        assert cells["sources"] == "; ".join(sources)


@given(tl=timelines())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_cell_starts_a_formula(tl: Timeline) -> None:
    """No parsed cell starts with = + - @ tab or CR, whatever the data says."""
    for row in parse(report_csv.render(tl)):
        for cell in row.values():
            assert not cell.startswith(report_csv.FORMULA_START), cell


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1 555", "'+1 555"),
        ("-Festival", "'-Festival"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain = fine", "plain = fine"),
        ("", ""),
        ("'quoted", "''quoted"),
        ("a'b", "a'b"),
    ],
)
def test_neutralise(cell: str, shown: str) -> None:
    """Cells a spreadsheet would run, or that start with ', get an apostrophe; no others."""
    assert report_csv.neutralise(cell) == shown


@pytest.mark.parametrize("cell", ["'=1+1", "''", "'", "=1", "'plain", "-", "x"])
def test_the_guard_is_reversible(cell: str) -> None:
    """Stripping one leading apostrophe always gives back the original cell."""
    assert unneutralise(report_csv.neutralise(cell)) == cell


def test_formula_title_in_a_row_is_neutralised(golden: Timeline) -> None:
    """The fixture's =HYPERLINK title and -Festival title come out as text."""
    rows = {row["id"]: row for row in parse(report_csv.render(golden))}
    assert rows["pier-closes"]["title"].startswith("'=HYPERLINK(")
    assert rows["festival-season"]["title"] == "'-Festival season on the pier"
    assert rows["council-votes-closure"]["quotes"] == (
        "In April, the council voted to close the old ferry pier."
    )


def test_utf8_crlf_and_no_bom(golden: Timeline, tmp_path: Path) -> None:
    """Written through the CLI, the file is UTF-8 without a BOM and with CRLF line ends."""
    from timeline._cli import main

    out = tmp_path / "t.csv"
    assert main(["report", str(GOLDEN / "events"), "--format", "csv", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") >= len(golden) + 1
    assert "Mayor Ada Ruiz" not in data.decode("utf-8")  # ids, not names
    assert parse(data.decode("utf-8"))[0]["id"] == "ferry-era"


def test_empty_timeline_is_just_the_header() -> None:
    """A filter that keeps nothing still gives a header row."""
    assert report_csv.render(Timeline(events=[])) == ",".join(report_csv.COLUMNS) + "\r\n"


def test_golden_file(golden: Timeline) -> None:
    """The fixture dataset renders exactly as tests/data/golden/timeline.csv."""
    expected = (GOLDEN / "timeline.csv").read_bytes().decode("utf-8")
    assert timeline.report.render(golden, "csv") == expected
