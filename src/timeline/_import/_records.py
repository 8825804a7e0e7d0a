"""The step every importer shares: rows become records, and records meet the data folder.

- `Existing` is what the target data folder already holds: ids by kind, and the names,
  titles and aliases they go by, so a cell "Xi Jinping" names the actor the folder already
  has instead of making a second one.
- `Draft` collects what one file gives: new sources, actors, places and policies (each
  name once, ids unique in the file), events, warnings, skipped rows; `imported()` makes
  the `Imported`.
- `settle` makes an import safe to add to the folder: a new record equal to one the folder
  has is not written again; one whose id the folder already uses for something else gets a
  suffixed id (`-2`), every reference to it follows, and a warning says so. Nothing an
  import writes clashes with the folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from timeline._imported import Ids, Imported
from timeline._model import Actor, Citation, Event, Place, Policy, Source
from timeline._text import SLUG, URL, clean, fit, name_id, slugify
from timeline._validate import normalise_space
from timeline.errors import SkippedRecordError

__all__ = ["Draft", "Existing", "settle"]

_KINDS: Final = ("source", "actor", "place", "policy", "event")


@attrs.define
class Existing:
    """What a data folder already holds: records by kind and id, where each is, and names."""

    records: dict[str, dict[str, tuple[Any, str]]] = attrs.field(
        factory=lambda: {kind: {} for kind in _KINDS}
    )
    names: dict[str, dict[str, str]] = attrs.field(factory=lambda: {kind: {} for kind in _KINDS})
    folder: Path | None = None
    has_settings: bool = False
    _texts: dict[str, str | None] = attrs.field(factory=dict)

    @classmethod
    def read(cls, folder: Path | None) -> Existing:
        """The records of `folder` (any that structure, even if the folder has problems)."""
        from timeline._load import load_records
        from timeline._settings import SETTINGS_FILE

        found = cls(folder=folder)
        if folder is None or not folder.is_dir():
            return found
        found.has_settings = (folder / SETTINGS_FILE).is_file()
        _, located, _ = load_records(folder)
        for item in located:
            found.add(item.kind, item.record, item.path)
        return found

    def add(self, kind: str, record: Any, where: str) -> None:
        self.records[kind].setdefault(record.id, (record, where))
        names = self.names[kind]
        for name in _names(record):
            names.setdefault(name.casefold().strip(), record.id)

    def find(self, kind: str, text: str) -> str | None:
        """The id of the folder's record that `text` names: its id, name, title or alias."""
        if text in self.records[kind]:
            return text
        return self.names[kind].get(text.casefold().strip())

    def quotes(self, source_id: str, quote: str) -> bool:
        """Whether `quote` is verbatim (white space aside) in the folder's source's file, as
        `timeline check` will ask; False when the source has no readable file inside the
        project."""
        if source_id not in self._texts:
            self._texts[source_id] = self._text_of(source_id)
        text = self._texts[source_id]
        return text is not None and normalise_space(quote) in text

    def _text_of(self, source_id: str) -> str | None:
        found = self.records["source"].get(source_id)
        if found is None or self.folder is None or not found[0].file:
            return None
        root = self.folder.resolve().parent
        target = (root / found[0].file).resolve()
        if Path(found[0].file).is_absolute() or not target.is_relative_to(root):
            return None
        try:
            return normalise_space(target.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            return None

    def where(self, kind: str, id_: str) -> str | None:
        found = self.records[kind].get(id_)
        return None if found is None else found[1]


def _names(record: Any) -> list[str]:
    if isinstance(record, Actor):
        return [record.name, *record.aliases]
    if isinstance(record, Place):
        return [record.name]
    if isinstance(record, Policy | Source):
        return [record.title] + ([record.url] if isinstance(record, Source) and record.url else [])
    return []


@attrs.define
class Draft:
    """The records one file gives, built row by row; names map to one record each."""

    existing: Existing
    command: str = "timeline import"
    sources: dict[str, Source] = attrs.field(factory=dict)
    actors: dict[str, Actor] = attrs.field(factory=dict)
    places: dict[str, Place] = attrs.field(factory=dict)
    policies: dict[str, Policy] = attrs.field(factory=dict)
    events: list[Event] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)
    skipped: list[str] = attrs.field(factory=list)
    name: str | None = None
    description: str | None = None
    _ids: dict[str, Ids] = attrs.field(factory=lambda: {kind: Ids() for kind in _KINDS})
    _named: dict[tuple[str, str], str] = attrs.field(factory=dict)

    def new_id(self, kind: str, base: str) -> str:
        """`base`, or `base-N` when this file already gave it to another record of `kind`."""
        return self._ids[kind].take(base)

    def add_source(self, source: Source) -> str:
        self.sources[source.id] = source
        self._ids["source"].take(source.id)
        return source.id

    def actor(self, name: str) -> str:
        """The id of the actor `name` names: the folder's, this file's, or a new one."""
        return self._named_id("actor", name, lambda id_: Actor(id=id_, name=name), self.actors)

    def place(self, name: str) -> str:
        return self._named_id("place", name, lambda id_: Place(id=id_, name=name), self.places)

    def policy(self, title: str, **fields: Any) -> str:
        return self._named_id(
            "policy", title, lambda id_: Policy(id=id_, title=title, **fields), self.policies
        )

    def source(self, text: str) -> str:
        """The id of the source a cell names: the folder's, or a new one (a URL or a title)."""
        _has_text(text, "source")
        found = self.existing.find("source", text) or self._named.get(("source", text))
        if found is not None:
            return found
        if SLUG.fullmatch(text) and len(text) <= 64:
            made = Source(id=self.new_id("source", text), title=text)
        elif URL.fullmatch(text):
            made = Source(
                id=self.new_id("source", name_id(_url_words(text), fallback="source")),
                title=text,
                url=text,
            )
        else:
            made = Source(id=self.new_id("source", name_id(text, fallback="source")), title=text)
        self._named[("source", text)] = made.id
        self.sources[made.id] = made
        return made.id

    def _named_id(self, kind: str, name: str, make: Any, into: dict[str, Any]) -> str:
        _has_text(name, kind)
        found = self.existing.find(kind, name) or self._named.get((kind, name.casefold()))
        if found is not None:
            return found
        base = name if SLUG.fullmatch(name) and len(name) <= 64 else name_id(name, fallback=kind)
        record = make(self.new_id(kind, base))
        into[record.id] = record
        self._named[(kind, name.casefold())] = record.id
        return str(record.id)

    def legal_lifecycles(self, zone: dt.tzinfo = dt.UTC) -> None:
        """Take off each effect a policy's lifecycle does not allow (with the folder's own
        events of that policy), one at a time, saying why: the import then passes `check`."""
        from timeline._lifecycle import check

        policies = {e.policy for e in self.events if e.effect is not None and e.policy}
        for policy in sorted(policies):
            before = [
                record
                for record, _ in self.existing.records["event"].values()
                if record.policy == policy
            ]
            while True:
                mine = [e for e in self.events if e.policy == policy]
                ours = {id(e) for e in mine}
                found = next(
                    ((e, r) for e, r in check([*before, *mine], zone) if id(e) in ours), None
                )
                if found is None:
                    break
                bad, reason = found
                assert bad.effect is not None
                self.warnings.append(
                    f"event {bad.id!r}: effect {bad.effect.value!r} left off, the policy's "
                    f"lifecycle does not allow it: {reason}"
                )
                index = next(i for i, e in enumerate(self.events) if e is bad)
                self.events[index] = attrs.evolve(bad, effect=None)

    def imported(self) -> Imported:
        """What the file gave, every text fitted to what data files hold (saying so)."""
        return Imported(
            sources=tuple(self._fitted("source", r) for r in self.sources.values()),
            actors=tuple(self._fitted("actor", r) for r in self.actors.values()),
            places=tuple(self._fitted("place", r) for r in self.places.values()),
            policies=tuple(self._fitted("policy", r) for r in self.policies.values()),
            events=tuple(self._fitted("event", r) for r in self.events),
            warnings=tuple(self.warnings),
            skipped=tuple(self.skipped),
            name=self.name,
            description=self.description,
            command=self.command,
        )

    def _fitted(self, kind: str, record: Any, where: str = "") -> Any:
        """`record` with each text field through `timeline._text.fit`, changes warned of."""
        where = where or f"{kind} {record.id!r}: "
        changed: dict[str, Any] = {}
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if isinstance(value, str):
                text, changes = fit(value)
                if changes:
                    changed[field.name] = text
                    self.warnings += (f"{where}{field.name}: {change}" for change in changes)
            elif field.name == "cite":
                cited = tuple(self._fitted(kind, c, f"{where}cite: ") for c in value)
                if cited != value:
                    changed["cite"] = cited
        return attrs.evolve(record, **changed) if changed else record


def _has_text(name: str, kind: str) -> None:
    """Refuse a name that is nothing once cleaned (only control characters, say).

    Raises:
        SkippedRecordError: saying which kind of record had no name.
    """
    cleaned = clean(name)
    if cleaned is None or not cleaned.strip():
        raise SkippedRecordError(f"the {kind} it names is blank once control characters go")


def _url_words(url: str) -> str:
    """A URL's host and path, the words a source id is made of."""
    rest = url.split("://", 1)[-1]
    return slugify(rest.removeprefix("www."), words=10)


# -- meeting the folder -------------------------------------------------------------------------


def settle(imported: Imported, existing: Existing) -> Imported:
    """`imported` with no record whose id the folder already uses; see the module docstring."""
    warnings = list(imported.warnings)
    renames: dict[str, dict[str, str]] = {kind: {} for kind in _KINDS}
    kept: dict[str, list[Any]] = {}
    groups: Mapping[str, Iterable[Any]] = {
        "source": imported.sources,
        "actor": imported.actors,
        "place": imported.places,
        "policy": imported.policies,
        "event": imported.events,
    }
    for kind, records in groups.items():
        records = list(records)
        ids = Ids([*existing.records[kind], *(r.id for r in records)])
        kept[kind] = []
        for record in records:
            where = existing.where(kind, record.id)
            if where is None:
                kept[kind].append(record)
                continue
            if kind != "event" and record == existing.records[kind][record.id][0]:
                warnings.append(f"{kind} {record.id!r} is already in {where}; not written again")
                continue
            new = ids.take(record.id)
            renames[kind][record.id] = new
            warnings.append(
                f"{kind} id {record.id!r} is taken ({where}); this one is written as {new!r}"
            )
            kept[kind].append(attrs.evolve(record, id=new))
    if not any(renames.values()):
        return attrs.evolve(
            imported,
            sources=tuple(kept["source"]),
            actors=tuple(kept["actor"]),
            places=tuple(kept["place"]),
            policies=tuple(kept["policy"]),
            warnings=tuple(warnings),
        )
    return attrs.evolve(
        imported,
        sources=tuple(kept["source"]),
        actors=tuple(kept["actor"]),
        places=tuple(kept["place"]),
        policies=tuple(_policy_refs(p, renames) for p in kept["policy"]),
        events=tuple(_event_refs(e, renames) for e in kept["event"]),
        warnings=tuple(warnings),
    )


def _rename(value: str | None, table: Mapping[str, str]) -> str | None:
    return None if value is None else table.get(value, value)


def _policy_refs(policy: Policy, renames: Mapping[str, Mapping[str, str]]) -> Policy:
    actors, policies = renames["actor"], renames["policy"]
    jurisdiction = policy.jurisdiction
    if jurisdiction is not None and jurisdiction in actors:
        jurisdiction = actors[jurisdiction]
    return attrs.evolve(
        policy,
        jurisdiction=jurisdiction,
        targets=tuple(actors.get(t, t) for t in policy.targets),
        amends=_rename(policy.amends, policies),
        replaces=_rename(policy.replaces, policies),
    )


def _event_refs(event: Event, renames: Mapping[str, Mapping[str, str]]) -> Event:
    sources = renames["source"]
    return attrs.evolve(
        event,
        actors=tuple(renames["actor"].get(a, a) for a in event.actors),
        place=_rename(event.place, renames["place"]),
        policy=_rename(event.policy, renames["policy"]),
        cite=tuple(
            Citation(source=sources.get(c.source, c.source), quote=c.quote, note=c.note)
            for c in event.cite
        ),
    )
