"""A measures table (Global Trade Alert's exports and the like) as policies and their events.

One row is one measure: a policy, with an event for each of its dates, the lifecycle step
`EFFECTS` says that date records (announced, implemented, removed). The implementing
jurisdiction is the policy's jurisdiction (a two-letter code as written, else an actor),
the affected ones its targets, the measure's type and evaluation its tags; each event cites
the file (and the row), with the measure's URL as its link. Dates are read as any cell date
is (`timeline._import._dates`); an effect the lifecycle does not allow (removed before it
was ever in force) is left off with a warning, so the import passes `timeline check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Final

from timeline._import._columns import MEASURE_ALIASES, Columns, all_columns, map_columns
from timeline._import._dates import cell as date_cell
from timeline._import._records import Draft
from timeline._import._table import Cell, Row, Table
from timeline._model import ActorKind, Citation, Effect, Event, Policy
from timeline._text import URL, clean, name_id, slugify
from timeline.errors import SkippedRecordError

__all__ = ["EFFECTS", "is_measures_header", "read_measures"]

#: A measures table's date column → the lifecycle step its event records; one line each.
EFFECTS: Final[Mapping[str, Effect]] = {
    "announced": Effect.ANNOUNCED,
    "implemented": Effect.EFFECTIVE,
    "removed": Effect.RESCINDED,
}
_TITLES: Final = {"announced": "announced", "implemented": "in force", "removed": "removed"}
_CODE: Final = re.compile(r"[A-Z]{2}")


def is_measures_header(names: Sequence[str], mapping: Mapping[str, str] = {}) -> bool:
    """Whether a row names a measures table's columns: a title or id and a lifecycle date."""
    columns = map_columns(names, mapping, MEASURE_ALIASES)
    return ("title" in columns or "id" in columns) and any(field in columns for field in EFFECTS)


def read_measures(
    table: Table,
    shown: str,
    draft: Draft,
    source_id: str,
    *,
    dayfirst: bool | None,
    zone: str,
    mapping: Mapping[str, str],
    progress: Callable[[str, int, int], object] | None = None,
) -> None:
    """Every row of a measures table into `draft`: a policy and its lifecycle events;
    `progress` is told (stage, rows done, rows) as they are read."""
    columns = map_columns(table.header, mapping, MEASURE_ALIASES)
    tag_columns = all_columns(table.header, "tags", MEASURE_ALIASES)
    unused = [
        name
        for i, name in enumerate(table.header)
        if name in columns.unused and i not in tag_columns
    ]
    draft.warnings += table.notes
    for name in unused:
        draft.warnings.append(f"{shown}: column {name!r} is not imported")
    for done, row in enumerate(table.rows):
        if progress is not None and not done % 256:
            progress("importing", done, len(table.rows))
        where = f"{shown}:row {row.number}"
        try:
            _measure(row, columns, tag_columns, where, draft, source_id, dayfirst, zone, table)
        except SkippedRecordError as skip:
            draft.skipped.append(f"{where}: {skip}")


def _measure(
    row: Row,
    columns: Columns,
    tag_columns: list[int],
    where: str,
    draft: Draft,
    source_id: str,
    dayfirst: bool | None,
    zone: str,
    table: Table,
) -> None:
    def get(field: str) -> Cell | None:
        index = columns.index.get(field)
        found = row.cells[index] if index is not None and index < len(row.cells) else None
        return found if found is not None and found.text.strip() else None

    def text(field: str) -> str | None:
        found = get(field)
        if found is None or not (clean(found.text) or "").strip():
            return None
        return found.text.strip()

    measure_id, title = text("id"), text("title")
    if not title and not measure_id:
        raise SkippedRecordError("it has neither a title nor an id")
    title = title or f"Measure {measure_id}"
    dates = {}
    for field in EFFECTS:
        found = get(field)
        if found is not None:
            try:
                dates[field] = date_cell(
                    found.value,
                    number_format=found.number_format,
                    dayfirst=dayfirst,
                    zone=zone,
                    epoch=table.epoch,
                )
            except SkippedRecordError as error:
                raise SkippedRecordError(f"column {found.column!r}: {error}") from None
    if not dates:
        raise SkippedRecordError("it has no date (announced, implemented or removed)")
    url = text("url")
    if url is not None and not URL.fullmatch(url):
        draft.warnings.append(f"{where}: {url!r} is not an http(s) URL; left out")
        url = None
    implementers = _names(text("jurisdiction"))
    jurisdiction = None
    actors: list[str] = []
    for name in implementers:
        if _CODE.fullmatch(name):
            jurisdiction = jurisdiction or name
            continue
        actor = draft.actor(name)
        if actor in draft.actors and draft.actors[actor].kind is ActorKind.OTHER:
            import attrs

            draft.actors[actor] = attrs.evolve(draft.actors[actor], kind=ActorKind.GOVERNMENT)
        actors.append(actor)
        jurisdiction = jurisdiction or actor
    if len(implementers) > 1:
        draft.warnings.append(
            f"{where}: several implementing jurisdictions; the first is the "
            "policy's jurisdiction, all are the events' actors"
        )
    targets = tuple(
        dict.fromkeys(
            name if _CODE.fullmatch(name) else draft.actor(name) for name in _names(text("targets"))
        )
    )
    words = [
        word
        for index in tag_columns
        if index < len(row.cells)
        for word in _names(row.cells[index].text.strip(), ";,")
    ]
    tags = tuple(dict.fromkeys(name_id(word, fallback="tag") for word in words))
    base = slugify(f"measure {measure_id}") if measure_id else name_id(title, fallback="measure")
    policy_id = draft.existing.find("policy", base) or base
    if policy_id not in draft.existing.records["policy"]:
        policy_id = draft.new_id("policy", base)
        draft.policies[policy_id] = Policy(
            id=policy_id,
            title=title,
            jurisdiction=jurisdiction,
            targets=targets,
            summary=text("summary"),
            tags=tags,
            url=url,
        )
    note = where + (f"; measure {measure_id}" if measure_id else "")
    for field, when in dates.items():
        draft.events.append(
            Event(
                id=draft.new_id("event", f"{policy_id}-{field}"),
                title=f"{title}: {_TITLES[field]}",
                when=when,
                actors=tuple(actors),
                policy=policy_id,
                effect=EFFECTS[field],
                url=url,
                cite=(Citation(source=source_id, note=note),),
            )
        )


def _names(text: str | None, separators: str | None = None) -> list[str]:
    """A list cell: split on ";" when it has one, else on ","."""
    if not text:
        return []
    split = separators or (";" if ";" in text else ",")
    parts = re.split(f"[{re.escape(split)}]", text)
    return [part.strip() for part in parts if part.strip()]
