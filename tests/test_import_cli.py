"""`timeline import` on the command line: writing, refusing to overwrite, the summary."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

import timeline
from timeline._cli import main

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data" / "import"
CALENDARS = TESTS / "data" / "ics"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shared fixture project, made the working directory."""
    for part in ("events", "sources"):
        shutil.copytree(TESTS / "data" / "golden" / part, tmp_path / part)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_o_the_toml_is_printed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With no -o the TOML goes to stdout and the summary, skipped rows first, to stderr."""
    assert main(["import", str(DATA / "sheets" / "events.csv")]) == 0
    out, err = capsys.readouterr()
    assert len(tomllib.loads(out)["event"]) == 10
    assert "timeline: skipped: events.csv:row 8: column 'Date': '8/2/2024'" in err
    assert err.rstrip().endswith("timeline: 10 events imported for 1 policy, 4 skipped")


def test_o_writes_a_file_that_passes_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o writes the TOML into the data folder, where `timeline check` passes."""
    assert main(["import", str(DATA / "register" / "documents.json"), "-o", "events/fr.toml"]) == 0
    assert "events/fr.toml: 8 events imported for 2 policies, 1 skipped" in capsys.readouterr().err
    assert main(["check", "events"]) == 0


def test_an_existing_file_is_never_overwritten(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming a file that exists fails and leaves it as it was; --force replaces it."""
    target = project / "events" / "records.toml"
    before = target.read_bytes()
    assert main(["import", str(CALENDARS / "example.ics"), "-o", str(target)]) == 2
    assert "records.toml exists; give --force to replace it (nothing was written)" in (
        capsys.readouterr().err
    )
    assert target.read_bytes() == before
    out = project / "calendar.toml"
    assert main(["import", str(CALENDARS / "example.ics"), "-o", str(out)]) == 0
    assert main(["import", str(DATA / "sheets" / "europe.csv"), "--dayfirst", "-o", str(out)]) == 2
    assert main(["import", str(DATA / "sheets" / "europe.csv"), "--dayfirst", "-o", str(out),
                 "--force"]) == 0  # fmt: skip
    assert "Exportkontrollen" in out.read_text(encoding="utf-8")


def test_an_existing_id_is_never_written_again(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import whose ids the folder already uses writes them suffixed, and says so."""
    taken = sorted(e.id for e in timeline.load("events"))[0]
    sheet = project / "clash.csv"
    sheet.write_text(f"id,date,title\n{taken},2024-08-02,Same id\n", encoding="utf-8")
    assert main(["import", str(sheet), "-o", "events/clash.toml"]) == 0
    err = capsys.readouterr().err
    assert f"warning: event id {taken!r} is taken (events/records.toml); this one is " in err
    written = tomllib.loads((project / "events" / "clash.toml").read_text(encoding="utf-8"))
    assert [e["id"] for e in written["event"]] == [f"{taken}-2"]
    assert main(["check", "events"]) == 0


def test_nothing_to_import_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file none of whose records import exits 1 and writes no file."""
    out = project / "events" / "cosmo.toml"
    assert main(["import", str(DATA / "timelinejs" / "cosmo.json"), "-o", str(out)]) == 1
    assert "no event could be imported; nothing was written" in capsys.readouterr().err
    assert not out.exists()


def test_the_title_becomes_timeline_toml_when_there_is_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A TimelineJS title names a new data folder (timeline.toml written beside -o); a folder
    that has settings only gets the suggestion printed."""
    folder = tmp_path / "events"
    folder.mkdir()
    sheet = DATA / "timelinejs" / "women_in_computing.csv"
    assert main(["import", str(sheet), "-o", str(folder / "wic.toml")]) == 0
    settings = tomllib.loads((folder / "timeline.toml").read_text(encoding="utf-8"))
    assert settings["name"] == "Women in Computing"
    assert timeline.load(folder).settings.name == "Women in Computing"
    capsys.readouterr()
    assert (
        main(["import", str(DATA / "timelinejs" / "eras.json"), "-o", str(folder / "e.toml")]) == 0
    )
    err = capsys.readouterr().err
    assert 'for timeline.toml (not written):\n    name = "Eras Test"' in err
    assert timeline.load(folder).settings.name == "Women in Computing"


def test_import_ics_is_an_alias(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline import-ics FILE` is `timeline import FILE --format ics`."""
    assert main(["import-ics", str(CALENDARS / "example.ics"), "-o", "events/cal.toml"]) == 0
    assert "3 events imported" in capsys.readouterr().err
    assert main(["check", "events"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["--dayfirst", "--monthfirst"], "not allowed with argument"),
    ],
)
def test_bad_arguments_stop_at_once(
    args: list[str], message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown format, or both day orders at once, exits 2 before reading anything."""
    with pytest.raises(SystemExit, match="2"):
        main(["import", str(DATA / "sheets" / "events.csv"), *args])
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Date"], "write COLUMN=FIELD"),
        (["--map", "Nope=date"], "which the header does not have"),
        (["--zone", "Nowhere"], "'Nowhere' is not a known IANA time zone"),
    ],
)
def test_bad_options_are_usage_errors(
    args: list[str], message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad --map or --zone exits 2 saying why."""
    assert main(["import", str(DATA / "sheets" / "events.csv"), *args]) == 2
    assert message in capsys.readouterr().err


def test_the_toml_is_written_a_record_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import's TOML reaches -o a record at a time, never as one string: writing the
    file of 8,000 events allocates a small part of its size (it was all of it, twice)."""
    import tracemalloc

    from timeline import Citation, Event, Source, When, _import
    from timeline._imported import Imported

    source = Source(id="sheet", title="My sheet")
    events = tuple(
        Event(id=f"e{n}", title=f"Event {n} " + "word " * 40, when=When.parse("2025-04"),
              cite=(Citation(source="sheet", note="row " * 20),))
        for n in range(8000)
    )  # fmt: skip
    imported = Imported(sources=(source,), events=events)
    size = len(imported.to_toml().encode())
    monkeypatch.setattr(_import, "import_file", lambda *args, **kwargs: imported)
    (tmp_path / "sheet.csv").write_text("title,date\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "sheet.csv"), "-o", str(tmp_path / "first.toml")]) == 0
    out = tmp_path / "out.toml"
    tracemalloc.start()  # after a first run, which imported what the command needs
    try:
        assert main(["import", str(tmp_path / "sheet.csv"), "-o", str(out)]) == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.read_text(encoding="utf-8") == imported.to_toml()
    assert size > 3_000_000
    assert peak < size / 4, (peak, size)


def test_a_folder_that_is_no_data_folder_is_not_read_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o into a folder with no timeline.toml (a scratch folder such as /tmp, stray files and
    all) reads nothing under it: a data folder deep inside is not the import's to check
    against (it once loaded every data file under /tmp); --data names one."""
    scratch = tmp_path / "scratch"
    for part in ("events", "sources"):
        shutil.copytree(TESTS / "data" / "golden" / part, scratch / "deep" / part)
    taken = sorted(e.id for e in timeline.load(scratch / "deep" / "events"))[0]
    sheet = tmp_path / "clash.csv"
    sheet.write_text(f"id,date,title\n{taken},2024-08-02,Same id\n", encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(scratch / "out.toml")]) == 0
    assert "is taken" not in capsys.readouterr().err
    written = tomllib.loads((scratch / "out.toml").read_text(encoding="utf-8"))
    assert [e["id"] for e in written["event"]] == [taken]
    (scratch / "stray.toml").write_text('[tool]\nname = "x"\n', encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(scratch / "again.toml")]) == 0
    assert "is taken" not in capsys.readouterr().err  # a stray file makes no data folder
    data = ["--data", str(scratch / "deep" / "events")]
    assert main(["import", str(sheet), "-o", str(scratch / "third.toml"), *data]) == 0
    assert "is taken" in capsys.readouterr().err
