"""A measures table (Global Trade Alert's export shape): policies and their lifecycle events."""

from __future__ import annotations

from pathlib import Path

from timeline import Effect, import_file
from timeline._import._measures import EFFECTS

MEASURES = Path(__file__).resolve().parent / "data" / "import" / "measures" / "measures.csv"


def test_each_row_is_a_policy_with_its_dates_as_events() -> None:
    """Announced, implemented and removed dates become the policy's lifecycle events."""
    imported = import_file(MEASURES)
    events = [e for e in imported.events if e.policy == "measure-91003"]
    assert [(str(e.when), e.effect) for e in events] == [
        ("2018-01-22", Effect.ANNOUNCED),
        ("2018-02-07", Effect.EFFECTIVE),
        ("2022-02-06", Effect.RESCINDED),
    ]


def test_jurisdictions_and_types_are_kept() -> None:
    """The implementer is the jurisdiction (a code as written, else an actor), the affected
    ones the targets, the type and evaluation tags."""
    policies = {p.id: p for p in import_file(MEASURES).policies}
    assert policies["measure-91003"].jurisdiction == "US"
    first = policies["measure-91001"]
    assert first.jurisdiction == "united-states-of-america"
    assert first.targets == ("china",)
    assert policies["measure-91002"].targets == ("china", "macao")
    assert first.tags == ("export-licensing-requirement", "red")


def test_an_effect_the_lifecycle_refuses_is_left_off() -> None:
    """A removal with no earlier step is kept as an event, without its effect, and said."""
    imported = import_file(MEASURES)
    (removed,) = [e for e in imported.events if e.policy == "measure-91005"]
    assert removed.effect is None
    assert any("measure-91005-removed" in w and "left off" in w for w in imported.warnings)


def test_the_mapping_is_one_table() -> None:
    """Column → lifecycle step is one table."""
    assert dict(EFFECTS) == {
        "announced": Effect.ANNOUNCED,
        "implemented": Effect.EFFECTIVE,
        "removed": Effect.RESCINDED,
    }


def test_an_unreadable_date_skips_its_row() -> None:
    """A date cell that is not a date skips the row with the column named."""
    (line,) = import_file(MEASURES).skipped
    assert line.startswith("measures.csv:row 7: column 'Announcement Date': 'next spring'")
