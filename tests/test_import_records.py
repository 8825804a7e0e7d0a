"""The shared step: names resolved against the data folder, clashes suffixed and said."""

from __future__ import annotations

from pathlib import Path

from timeline import Citation, Event, Imported, Place, Source, When
from timeline._import._records import Draft, Existing, settle


def _event(id_: str, place: str | None = None, source: str = "s") -> Event:
    return Event(id=id_, title=id_, when=When.parse("2025"), place=place,
                 cite=(Citation(source=source),))  # fmt: skip


def test_a_clash_renames_the_record_and_its_references() -> None:
    """A new place whose id the folder uses for another place is renamed, events follow."""
    existing = Existing()
    existing.add("place", Place(id="harbour", name="The old harbour"), "events/a.toml")
    existing.add("source", Source(id="s", title="S"), "events/a.toml")
    imported = Imported(
        sources=(Source(id="s", title="S"),),
        places=(Place(id="harbour", name="The new harbour"),),
        events=(_event("e", place="harbour"),),
    )
    settled = settle(imported, existing)
    assert [p.id for p in settled.places] == ["harbour-2"]
    assert settled.events[0].place == "harbour-2"
    assert settled.sources == ()  # equal to the folder's: not written again
    assert settled.warnings == (
        "source 's' is already in events/a.toml; not written again",
        "place id 'harbour' is taken (events/a.toml); this one is written as 'harbour-2'",
    )


def test_names_are_found_by_name_title_or_alias() -> None:
    """A cell naming a record the folder has (any case) refers to it; others are new, once."""
    existing = Existing()
    from timeline import Actor

    existing.add("actor", Actor(id="xi", name="Xi Jinping", aliases=("President Xi",)), "a")
    draft = Draft(existing)
    assert draft.actor("president xi") == "xi"
    assert draft.actor("Xi Jinping") == "xi"
    assert draft.actor("Someone New") == draft.actor("someone new") == "someone-new"
    assert list(draft.actors) == ["someone-new"]


def test_a_missing_folder_has_nothing(tmp_path: Path) -> None:
    """A data folder that does not exist yet is an empty one."""
    existing = Existing.read(tmp_path / "nope")
    assert existing.find("event", "x") is None
    assert not existing.has_settings
