"""`timeline.import_file`: every format, compared with golden files, and each result loads.

The goldens are the TOML each fixture imports as (`NAME.toml`) and the warnings and skipped
rows the import reports (`NAME.log`); TIMELINE_UPDATE_GOLDEN=1 rewrites them.
"""

from __future__ import annotations

import csv
import json
import shutil
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from conftest import assert_golden
from timeline import Imported, ImportFileError, import_file
from timeline._import import FORMATS, detect
from timeline.errors import UsageError

DATA = Path(__file__).resolve().parent / "data" / "import"
CALENDARS = Path(__file__).resolve().parent / "data" / "ics"

#: (golden name, fixture, import_file options)
GOLDEN: list[tuple[str, Path, dict[str, Any]]] = [
    ("events", DATA / "sheets" / "events.csv", {}),
    ("events-monthfirst", DATA / "sheets" / "events.csv", {"dayfirst": False}),
    ("europe-dayfirst", DATA / "sheets" / "europe.csv", {"dayfirst": True}),
    ("women-in-computing-sheet", DATA / "timelinejs" / "women_in_computing.csv", {}),
    ("women-in-computing-json", DATA / "timelinejs" / "women_in_computing.json", {}),
    ("eras", DATA / "timelinejs" / "eras.json", {}),
    ("all-media-types", DATA / "timelinejs" / "all-media-types.json", {}),
    ("cosmo", DATA / "timelinejs" / "cosmo.json", {}),
    ("register", DATA / "register" / "documents.json", {}),
    ("measures", DATA / "measures" / "measures.csv", {}),
    ("outlook", CALENDARS / "alarm_outlook_in_future.ics", {}),
]


def _log(imported: Imported) -> str:
    lines = [f"warning: {w}" for w in imported.warnings]
    lines += [f"skipped: {s}" for s in imported.skipped]
    return "\n".join([*lines, imported.summary]) + "\n"


@pytest.mark.parametrize(("name", "path", "options"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_each_importer_matches_its_golden_file(
    name: str, path: Path, options: dict[str, Any]
) -> None:
    """Each fixture imports as its golden TOML, with the golden warnings and skipped rows."""
    imported = import_file(path, **options)
    assert_golden(imported.to_toml(), DATA / "golden" / f"{name}.toml")
    assert_golden(_log(imported), DATA / "golden" / f"{name}.log")


@pytest.mark.parametrize(("name", "path", "options"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_each_import_passes_check(
    name: str, path: Path, options: dict[str, Any], tmp_path: Path
) -> None:
    """What each fixture imports as is a data folder `timeline.load` accepts whole."""
    imported = import_file(path, **options)
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "imported.toml").write_text(imported.to_toml(), encoding="utf-8")
    if imported.events:
        assert len(timeline.load(folder)) == len(imported.events)


def test_a_month_stays_a_month() -> None:
    """Year and month only, in any form, is that month: never its first day."""
    imported = import_file(DATA / "sheets" / "events.csv")
    by_title = {e.title: str(e.when) for e in imported.events}
    assert by_title["Known only to the month"] == "2024-08"
    assert by_title["Known only to the season"] == "2025-21"
    assert by_title["Known only roughly"] == "2015~"
    assert by_title["Typed as an Excel serial number"] == "2024-08-02"


def test_an_ambiguous_date_names_the_flags() -> None:
    """8/2/2024 without --dayfirst or --monthfirst skips its row, saying which flags decide."""
    skipped = import_file(DATA / "sheets" / "events.csv").skipped
    (line,) = [s for s in skipped if "8/2/2024" in s]
    assert line.startswith("events.csv:row 8: column 'Date': '8/2/2024' is 8 February 2024")
    assert "--dayfirst" in line
    assert "--monthfirst" in line


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.ics", b"", "ics"),
        ("a.txt", b"BEGIN:VCALENDAR\r\n", "ics"),
        ("a.xlsx", b"", "xlsx"),
        ("a.bin", b"PK\x03\x04rest", "xlsx"),
        ("a.json", b'{"events": []}', "timelinejs"),
        ("a.json", b'{"results": [{"document_number": "1"}]}', "federal-register"),
        ("a.json", b'{"document_number": "1", "publication_date": "2025-01-01"}',
         "federal-register"),
        ("a.csv", b"Date,Title\n", "csv"),
        ("a", b"\xef\xbb\xbf  {\"events\": []}", "timelinejs"),
    ],
)  # fmt: skip
def test_the_format_is_detected(name: str, content: bytes, expected: str) -> None:
    """The extension and the first bytes tell the format."""
    assert detect(Path(name), content) == expected


@pytest.mark.parametrize("name", ["big.ics", "big.txt"])
def test_a_calendar_is_never_held_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A 3 MB calendar imports with a fraction of a megabyte in use: it is told by its
    extension or first bytes and then read as it streams (the whole file was read first)."""
    monkeypatch.setattr("timeline._ics._parse._CHUNK", 1 << 16)
    notes = "".join(f"X-NOTE:{n:06d} {'x' * 200}\r\n" for n in range(15_000))
    event = "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:A\r\nDTSTART:20250101\r\nEND:VEVENT\r\n"
    path = tmp_path / name
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\n{notes}END:VTODO\r\n{event}"
        "END:VCALENDAR\r\n"
    )
    import_file(CALENDARS / "example.ics")  # what the first import loads is not counted
    assert path.stat().st_size > 3_000_000
    tracemalloc.start()
    try:
        imported = import_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [e.id for e in imported.events] == ["a"]
    assert peak < 1_000_000, peak


def test_json_of_another_kind_is_refused() -> None:
    """A JSON file that is neither TimelineJS nor a register says how to say which."""
    with pytest.raises(ImportFileError, match="say which with --format"):
        detect(Path("a.json"), b'{"rows": []}')


def test_a_sheet_without_a_header_is_refused(tmp_path: Path) -> None:
    """No row naming a date and a title column: the error says what to name, or --map."""
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"--map COLUMN=FIELD"):
        import_file(path)


def test_map_reads_a_column_as_a_field(tmp_path: Path) -> None:
    """--map names what the aliases do not know; --map COLUMN=ignore leaves one out."""
    path = tmp_path / "odd.csv"
    path.write_text("Wann,Was,Extra\n2024-08,Something,x\n", encoding="utf-8")
    imported = import_file(path, columns=["Wann=date", "Was=title", "Extra=ignore"])
    assert [(e.title, str(e.when)) for e in imported.events] == [("Something", "2024-08")]
    assert imported.warnings == ()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"format": "pdf"}, "unknown format 'pdf'"),
        ({"zone": "Mars/Olympus"}, "'Mars/Olympus' is not a known IANA time zone"),
        ({"columns": ["Date"]}, "write COLUMN=FIELD"),
        ({"columns": ["Date=when-ever"]}, "'when ever' is not a field"),
        ({"columns": ["Nope=date"]}, "the header does not have"),
    ],
)
def test_bad_options_are_usage_errors(options: dict[str, Any], message: str) -> None:
    """An unknown format, zone, field or column is a usage error that says what exists."""
    with pytest.raises(UsageError, match=message):
        import_file(DATA / "sheets" / "events.csv", **options)


def test_formats_match_the_command_line() -> None:
    """The library and `timeline import --format` offer the same formats."""
    from timeline._cli._import import _FORMATS

    assert _FORMATS == FORMATS


# -- the target data folder ------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    """A copy of the shared fixture project (its data folder and the source file it quotes)."""
    golden = Path(__file__).resolve().parent / "data" / "golden"
    for part in ("events", "sources"):
        shutil.copytree(golden / part, tmp_path / part)
    return tmp_path / "events"


def test_an_id_the_folder_has_is_suffixed_and_said(tmp_path: Path) -> None:
    """A record whose id the folder already uses is written with -2, and a warning says so."""
    folder = _folder(tmp_path)
    taken = next(iter(timeline.load(folder))).id
    path = tmp_path / "clash.csv"
    path.write_text(f"id,date,title\n{taken},2024-08-02,A clash\n", encoding="utf-8")
    imported = import_file(path, data=folder)
    assert [e.id for e in imported.events] == [f"{taken}-2"]
    assert any(f"event id {taken!r} is taken" in w for w in imported.warnings)
    (folder / "imported.toml").write_text(imported.to_toml(), encoding="utf-8")
    assert len(timeline.load(folder)) == len(timeline.load(_folder(tmp_path / "again"))) + 1


def test_names_the_folder_knows_are_referred_to(tmp_path: Path) -> None:
    """A cell naming an actor, place, policy or source the folder has refers to it."""
    folder = _folder(tmp_path)
    existing = timeline.load(folder)
    actor = next(iter(existing.actors.values()))
    policy = next(iter(existing.policies.values()))
    source = next(iter(existing.sources.values()))
    path = tmp_path / "refs.csv"
    path.write_text(
        "date,title,actors,policy,source\n"
        f'2030-01-01,Refers,"{actor.name}",{policy.title},{source.id}\n',
        encoding="utf-8",
    )
    imported = import_file(path, data=folder)
    (event,) = imported.events
    assert (event.actors, event.policy, event.cite[0].source) == (
        (actor.id,),
        policy.id,
        source.id,
    )
    assert imported.actors == imported.policies == imported.sources == ()


def test_reimporting_reuses_equal_records(tmp_path: Path) -> None:
    """Importing a calendar twice writes its source and places once; events get new ids."""
    folder = tmp_path / "events"
    folder.mkdir()
    first = import_file(CALENDARS / "example.ics", data=folder)
    (folder / "first.toml").write_text(first.to_toml(), encoding="utf-8")
    second = import_file(CALENDARS / "example.ics", data=folder)
    assert second.sources == second.places == ()
    assert all(e.id.endswith("-2") for e in second.events)
    (folder / "second.toml").write_text(second.to_toml(), encoding="utf-8")
    assert len(timeline.load(folder)) == 6


def test_a_source_named_with_source_is_cited(tmp_path: Path) -> None:
    """--source naming a source the folder has makes every event cite it, no new source."""
    folder = _folder(tmp_path)
    source = next(iter(timeline.load(folder).sources))
    imported = import_file(CALENDARS / "example.ics", data=folder, source=source)
    assert imported.sources == ()
    assert {c.source for e in imported.events for c in e.cite} == {source}


def test_effects_the_lifecycle_refuses_are_left_off(tmp_path: Path) -> None:
    """A row's effect the policy's lifecycle does not allow is dropped with the reason."""
    path = tmp_path / "policy.csv"
    path.write_text(
        "date,title,policy,effect\n"
        "2024-01-01,Ends first,P,rescinded\n2024-02-01,Starts,P,enacted\n",
        encoding="utf-8",
    )
    imported = import_file(path)
    assert [e.effect and e.effect.value for e in imported.events] == [None, "enacted"]
    assert "effect 'rescinded' left off" in imported.warnings[0]


# -- whatever the cells hold, what is written loads ----------------------------------------------

_CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2024-08-02", "Aug 2, 2024", "8/2/2024", "spring 2025", "\x07", "=1+1",
                     "北京", "https://e.org/x", "<b>x</b>", "enacted", "'", "", " "]),
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(_CELL, min_size=8, max_size=8), max_size=6))
def test_any_cells_import_as_loadable_data_or_skip(
    rows: list[list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Random cells under a real header import as data `timeline.load` accepts, or skip."""
    work = tmp_path_factory.mktemp("cells")
    path = work / "cells.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Date", "Title", "Tags", "Who", "Location", "Policy", "Effect", "Link"])
        writer.writerows(rows)
    imported = import_file(path)
    assert len(imported.events) + len(imported.skipped) == len(
        [r for r in rows if any(c.strip() for c in r)]
    )
    if not imported.events:
        return  # nothing to load: a folder without records is a problem of its own
    folder = work / "events"
    folder.mkdir()
    (folder / "imported.toml").write_text(imported.to_toml(), encoding="utf-8")
    assert len(timeline.load(folder)) == len(imported.events)


_PART = st.one_of(st.integers(-5, 10_000), st.text(max_size=4), st.none())


@settings(max_examples=60, deadline=None)
@given(
    slides=st.lists(
        st.fixed_dictionaries(
            {"start_date": st.fixed_dictionaries({"year": _PART, "month": _PART, "day": _PART}),
             "text": st.fixed_dictionaries({"headline": _CELL, "text": _CELL}),
             "display_date": _CELL, "group": _CELL, "unique_id": _CELL},
        ),
        max_size=5,
    )
)  # fmt: skip
def test_any_slides_import_as_loadable_data_or_skip(
    slides: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Random TimelineJS slides import as loadable data, or are skipped saying why."""
    work = tmp_path_factory.mktemp("slides")
    path = work / "t.json"
    path.write_text(json.dumps({"events": slides}), encoding="utf-8")
    imported = import_file(path)
    assert len(imported.events) + len(imported.skipped) == len(slides)
    if not imported.events:
        return  # nothing to load: a folder without records is a problem of its own
    folder = work / "events"
    folder.mkdir()
    (folder / "imported.toml").write_text(imported.to_toml(), encoding="utf-8")
    assert len(timeline.load(folder)) == len(imported.events)


def test_quotes_are_checked_against_the_source_file(tmp_path: Path) -> None:
    """A quote found verbatim in the cited source's file is a quote; one that is not is kept
    as a note, with a warning, so the import still passes `timeline check`."""
    folder = _folder(tmp_path)
    path = tmp_path / "quotes.csv"
    path.write_text(
        "date,title,source,quotes\n"
        '2030-01-01,Quoted,gazette-2025-11-12,"the council voted   to close the old ferry pier"\n'
        "2030-01-02,Misquoted,gazette-2025-11-12,the council voted to open the pier\n",
        encoding="utf-8",
    )
    imported = import_file(path, data=folder)
    quoted, misquoted = imported.events
    assert quoted.cite[0].quote == "the council voted   to close the old ferry pier"
    assert misquoted.cite[0].quote is None
    assert misquoted.cite[0].note is not None
    assert "Quoted (not checked against the source): the council" in misquoted.cite[0].note
    assert "1 quote(s) not found verbatim" in imported.warnings[0]
    (folder / "quotes.toml").write_text(imported.to_toml(), encoding="utf-8")
    assert {"Quoted", "Misquoted"} <= {e.title for e in timeline.load(folder)}
