"""Checks across records: ids, references, quotes, source paths, policy lifecycles.

Each check is indexed (ids in dicts, one normalised text per source), so validation stays
linear in the size of the data. Checks only report; they never change a record.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress
from pathlib import Path
from typing import Final

from timeline._lifecycle import check as check_lifecycle
from timeline._model import Citation, Event, Policy
from timeline._paths import read_source
from timeline._structure import KINDS, Located, Shared
from timeline._text import relative_path_problem
from timeline._verbatim import SourceText, parting
from timeline._when import near_the_ends
from timeline.errors import Problem

__all__ = ["CHECKS", "SLICE_CHECKS", "days_in_zone", "normalise_space", "validate"]

_SPACE: Final = re.compile(r"\s+")
_EDGE_YEARS: Final = (1, 9999)
_COUNTRY: Final = re.compile(r"[A-Z]{2}")


#: How many differing quotes are searched for their closest passage, which takes a few
#: milliseconds each in a long source; the rest are reported without it.
_SEARCHED_QUOTES: Final = 1_000


def normalise_space(text: str) -> str:
    """Collapse every run of white space to one space: quotes may differ only in that."""
    return " ".join(text.split())  # what _SPACE.sub(" ", text).strip() gives, several times faster


class _Index:
    """What the checks look up, built once."""

    def __init__(
        self, located: Sequence[Located], project_root: Path | None, shared: Shared | None
    ) -> None:
        self.located = located
        self.project_root = project_root
        self.refused = shared.refused if shared is not None else set()
        self.unsettled = shared.unsettled if shared is not None else set()
        self.ids: dict[str, dict[str, Located]] = {kind: {} for kind in KINDS}
        #: Records whose id an earlier record of their kind already has, in order.
        self.duplicates: list[Located] = []
        ids, duplicates = self.ids, self.duplicates
        #: The events, in the order read: most of the records, so the common case runs in C.
        kinds = list(map(_KIND, located))
        self.events = list(compress(located, map("event".__eq__, kinds)))
        by_id = dict(zip(map(_ID, map(_RECORD, self.events)), self.events, strict=True))
        unique = len(by_id) == len(self.events)  # else equal ids: find them the slow way
        #: The records that are not events, in the order read.
        self.others = list(compress(located, map("event".__ne__, kinds)))
        for item in self.others if unique else located:
            if ids[item.kind].setdefault(item.record.id, item) is not item:
                duplicates.append(item)
        if unique:
            ids["event"] = by_id
        self.source_texts: dict[str, str | None] = {}
        self.written: dict[str, str] = {}  # source id → its file's text as written


def validate(
    located: Sequence[Located],
    *,
    project_root: Path | None,
    shared: Shared | None = None,
    checks: Sequence[Callable[[_Index], Iterable[Problem]]] | None = None,
) -> list[Problem]:
    """Every cross-record problem in `located`; paths in records are relative to `project_root`.

    With no `project_root` (records read from an export, which carries no source texts)
    the checks that read source files are left out. `shared` names the records the load
    refused: what depends on one of them (a reference to it, the lifecycle of its policy) is
    not checked, so one mistake is one problem. `checks` runs only those (of `CHECKS`).
    """
    index = _Index(located, project_root, shared)
    if checks is None:
        checks = CHECKS
    if project_root is None:
        checks = [c for c in checks if c not in _FILE_CHECKS]
    problems: list[Problem] = []
    for check in checks:
        problems += check(index)
    return problems


def days_in_zone(located: Iterable[Located], zone: dt.tzinfo) -> list[Problem]:
    """Instants whose day in the timeline's zone (`timeline.toml`'s `timezone`) falls outside
    the years 1-9999: every report shows an instant in that zone, so none could show it."""
    problems: list[Problem] = []
    ends = (dt.datetime(1, 1, 1, 12, tzinfo=zone), dt.datetime(9999, 12, 31, 12, tzinfo=zone))
    if not near_the_ends() or all(moment.utcoffset() == dt.timedelta(0) for moment in ends):
        return problems  # no such instant, or UTC (or like it at both ends): parse checked
    for item in located:
        if item.kind != "event":
            continue
        when = item.record.when
        start, end = when.start, when.end
        # Only instants in the first or last year can leave the calendar; this test is
        # written to fail fast for the million other events.
        if not (
            (start is not None and start.year in _EDGE_YEARS and start.time is not None)
            or (end is not None and end.year in _EDGE_YEARS and end.time is not None)
        ):
            continue
        for part in (start, end):
            if part is None or part.time is None:
                continue
            try:
                part.instant(when.tz).astimezone(zone)
            except OverflowError:
                message = (
                    f"{str(when)!r} falls outside the years 1-9999 in the timeline's zone "
                    f"({zone}), which no calendar can hold"
                )
                problems.append(item.problem("when", message, str(when)))
                break
    return problems


def _duplicate_ids(index: _Index) -> Iterable[Problem]:
    for item in index.duplicates:
        first = index.ids[item.kind][item.record.id]
        where = first.path if first.line is None else f"{first.path}:{first.line}"
        yield item.problem(
            "id",
            f"duplicate {item.kind} id {item.record.id!r} (first at {where})",
            item.record.id,
        )


def _references(index: _Index) -> Iterable[Problem]:
    refused = index.refused

    def missing(kind: str, ref: str | None) -> bool:
        return ref is not None and ref not in index.ids.get(kind, {}) and (kind, ref) not in refused

    def unknown(kind: str, ref: str) -> str:
        return f"unknown {kind} {ref!r}; add a [[{kind}]] record with that id or fix the id"

    actors, places, policies, sources = (
        index.ids.get(kind, {}) for kind in ("actor", "place", "policy", "source")
    )
    # The common case first, in C: every id the events name is known, so no event needs
    # looking at one by one (the loop below does, only when one is not).
    events = list(map(_RECORD, index.events))
    named = (
        (actors, chain.from_iterable(map(_ACTORS, events))),
        (places, map(_PLACE, events)),
        (policies, map(_POLICY, events)),
        (sources, map(_SOURCE, chain.from_iterable(map(_CITE, events)))),
    )
    events_resolve = not any(set(ids).difference(known, [None]) for known, ids in named)
    for item in index.others if events_resolve else index.located:
        record = item.record
        if isinstance(record, Event):
            if (
                all(map(actors.__contains__, record.actors))
                and (record.place is None or record.place in places)
                and (record.policy is None or record.policy in policies)
                and all(citation.source in sources for citation in record.cite)
            ):
                continue  # the common case, in one pass: every reference resolves
            for n, actor in enumerate(record.actors):
                if missing("actor", actor):
                    yield item.problem(f"actors[{n}]", unknown("actor", actor), actor)
            for field, kind in (("place", "place"), ("policy", "policy")):
                ref = getattr(record, field)
                if missing(kind, ref):
                    yield item.problem(field, unknown(kind, ref), ref)
            for n, citation in enumerate(record.cite):
                if missing("source", citation.source):
                    yield item.problem(
                        f"cite[{n}].source", unknown("source", citation.source), citation.source
                    )
        elif isinstance(record, Policy):
            for field in ("amends", "replaces"):
                ref = getattr(record, field)
                if missing("policy", ref):
                    yield item.problem(field, unknown("policy", ref), ref)
            parties = [("jurisdiction", record.jurisdiction)] + [
                (f"targets[{n}]", target) for n, target in enumerate(record.targets)
            ]
            for field, party in parties:
                if party is not None and not _COUNTRY.fullmatch(party) and missing("actor", party):
                    yield item.problem(
                        field,
                        f"{party!r} is neither a country code (e.g. 'US') nor a known actor id",
                        party,
                    )


_RECORD: Final = operator.attrgetter("record")
_KIND: Final = operator.attrgetter("kind")
_ID: Final = operator.attrgetter("id")
_ACTORS: Final = operator.attrgetter("actors")
_PLACE: Final = operator.attrgetter("place")
_POLICY: Final = operator.attrgetter("policy")
_CITE: Final = operator.attrgetter("cite")
_SOURCE: Final = operator.attrgetter("source")


def _policy_cycles(index: _Index) -> Iterable[Problem]:
    """Every policy on a cycle of `amends`/`replaces`, each told the whole cycle from itself.

    Each policy has at most one parent, so the links form chains that end or loop. One walk
    from each policy not yet settled stops at the first policy already settled (so each link
    is followed once: linear, however long the chains) or at one met in this very walk,
    which closes a cycle.
    """
    policies = index.ids.get("policy", {})
    settled: set[str] = set()
    for start in policies:
        if start in settled:
            continue
        walk: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in policies and current not in settled:
            if current in position:  # back at a policy of this walk: the rest is a cycle
                cycle = walk[position[current] :]
                for offset, policy_id in enumerate(cycle):
                    item = policies[policy_id]
                    names = [*cycle[offset:], *cycle[:offset], policy_id]
                    field = "amends" if item.record.amends else "replaces"
                    message = f"policies amend or replace in a cycle: {_chain(names)}"
                    yield item.problem(field, message)
                break
            position[current] = len(walk)
            walk.append(current)
            record: Policy = policies[current].record
            current = record.amends or record.replaces
        settled.update(walk)


def _chain(names: list[str], shown: int = 8) -> str:
    """'a → b → a'; a long cycle keeps its ends, so n messages do not each list n names."""
    if len(names) <= shown + 1:
        return " → ".join(names)
    left_out = len(names) - shown
    return " → ".join([*names[: shown // 2], f"… {left_out:,} more …", *names[-shown // 2 :]])


def _source_paths(index: _Index) -> Iterable[Problem]:
    """A source's `file` must name a file inside the project, whatever format the record
    came from: records of a JSON export, which has no project to read it in, are checked as
    written here; with a project root `_source_files` checks them against it."""
    if index.project_root is not None:
        return
    for item in _sources(index):
        source = item.record
        if source.file is not None:
            problem = relative_path_problem(source.file)
            if problem is not None:
                yield item.problem("file", problem, source.file)


def _sources(index: _Index) -> list[Located]:
    """Every source record, in file order (duplicates too): a few among many events."""
    sources = [*index.ids.get("source", {}).values()]
    sources += (item for item in index.duplicates if item.kind == "source")
    return sorted(sources, key=lambda item: (item.path, item.line or 0))


def _source_files(index: _Index) -> Iterable[Problem]:
    """Read every source's `file` through the one confined reader (`_paths.read_source`)."""
    assert index.project_root is not None
    root = index.project_root.resolve()
    for item in _sources(index):
        source = item.record
        if source.file is None:
            continue
        index.source_texts[source.id] = None
        target = Path(source.file)
        if target.is_absolute():
            yield item.problem(
                "file",
                f"must be a path relative to the project root {root} (the folder that holds "
                "the data folder), e.g. 'sources/article.txt'",
                source.file,
            )
            continue
        resolved = (root / target).resolve()
        if not resolved.is_relative_to(root):
            yield item.problem(
                "file",
                f"points outside the project root {root} ({source.file!r} resolves to "
                f"{resolved}); keep sources inside it",
                source.file,
            )
            continue
        problem = relative_path_problem(source.file)
        if problem is not None:  # a backslash, a drive: what the checks above let through
            yield item.problem("file", problem, source.file)
            continue
        try:
            text = read_source(root, source.file)
        except FileNotFoundError:
            yield item.problem(
                "file",
                f"no such file {source.file!r}: looked for {root / target}; `file` is read "
                f"from the project root {root}, the folder that holds the data folder",
                source.file,
            )
            continue
        except ValueError as error:
            yield item.problem("file", str(error), source.file)
            continue
        except OSError as error:
            yield item.problem(
                "file", f"cannot read {source.file!r}: {error.strerror or error}", source.file
            )
            continue
        index.source_texts[source.id] = normalise_space(text)
        index.written[source.id] = text


def _quotes(index: _Index) -> Iterable[Problem]:
    # Equal citations are mostly one shared object: check each distinct one once, and go
    # through the events one by one only to locate the citations that fail.
    cites = list(chain.from_iterable(map(_CITE, map(_RECORD, index.events))))
    distinct = dict(zip(map(id, cites), cites, strict=True))
    failing = {key for key, citation in distinct.items() if not _quote_holds(index, citation)}
    if not failing:
        return
    sources = index.ids.get("source", {})
    compared: dict[str, SourceText] = {}  # the sources a quote failed in, mapped for messages
    failed: dict[tuple[str, str], str] = {}  # (source, quote) pairs not verbatim → message
    for item in index.events:
        record = item.record
        for n, citation in enumerate(record.cite):
            if id(citation) not in failing:
                continue
            if citation.source not in index.source_texts:
                yield item.problem(
                    f"cite[{n}].quote",
                    f"source {citation.source!r} has no `file` to check the quote against; "
                    "add the file, or put the words in `note`",
                    citation.quote,
                )
                continue
            assert citation.quote is not None  # a citation without a quote never fails
            pair = (citation.source, citation.quote)
            told = failed.get(pair)
            if told is None:
                file = sources[citation.source].record.file or ""
                if len(failed) < _SEARCHED_QUOTES:
                    written = compared.get(citation.source)
                    if written is None:
                        written = SourceText(index.written[citation.source])
                        compared[citation.source] = written
                    told = parting(citation.quote, written, file)
                else:  # bounded work for a folder where thousands of quotes differ
                    told = (
                        f"quote is not verbatim in {file}; copy it exactly (only white "
                        f"space may differ; over {_SEARCHED_QUOTES:,} quotes differ, so "
                        "the closest passage was not searched for)"
                    )
                failed[pair] = told
            yield item.problem(f"cite[{n}].quote", told, citation.quote)


def _quote_holds(index: _Index, citation: Citation) -> bool:
    """Whether the citation's quote is verbatim in its source's text (true with no quote,
    an unknown source, which `_references` reports, or a file that could not be read)."""
    if citation.quote is None or citation.source not in index.ids.get("source", {}):
        return True
    if citation.source not in index.source_texts:
        return False
    text = index.source_texts[citation.source]
    return text is None or normalise_space(citation.quote) in text


def _lifecycle(index: _Index) -> Iterable[Problem]:
    """Effects each policy's state does not allow, and contradictions on the same date.

    Dates are ordered in UTC here (the settings are not part of the records); this differs
    from the timeline's zone only for an instant and a date of one policy near midnight.
    """
    policies = index.ids.get("policy", {})
    by_policy: dict[str, list[Located]] = {}
    for item in index.events:
        record = item.record
        if record.effect is not None and record.policy in policies:
            by_policy.setdefault(record.policy, []).append(item)
    for policy in index.unsettled:  # one of its events was refused: its fold is unknown
        by_policy.pop(policy, None)
    for policy_id, items in by_policy.items():
        where = {id(item.record): item for item in items}
        policy = policies[policy_id].record
        for event, message in check_lifecycle((i.record for i in items), policy=policy):
            yield where[id(event)].problem("effect", message, event.effect)


def _provisions(index: _Index) -> Iterable[Problem]:
    """Events naming a provision their policy does not declare."""
    policies = index.ids.get("policy", {})
    for item in index.events:
        record = item.record
        if record.provision is None:
            continue
        found = policies.get(record.policy or "")
        if found is None or found.record.provision(record.provision) is not None:
            continue
        declared = ", ".join(p.id for p in found.record.provisions) or "none yet"
        yield item.problem(
            "provision",
            f"policy {record.policy!r} has no provision {record.provision!r} (its provisions: "
            f"{declared}); declare it in the policy's [[policy.provisions]] with id and "
            "title, or fix the id",
            record.provision,
        )


#: The cross-record checks, in the order they run; `_source_files` fills the texts `_quotes` reads.
CHECKS: Final[Sequence[Callable[[_Index], Iterable[Problem]]]] = (
    _duplicate_ids,
    _references,
    _policy_cycles,
    _source_paths,
    _source_files,
    _quotes,
    _provisions,
    _lifecycle,
)
#: The checks that read source files.
_FILE_CHECKS: Final = (_source_files, _quotes)
#: What a slice of the events (rows handed over from a query) can be checked for: a slice
#: need not hold a policy's whole history, nor the records its events name.
SLICE_CHECKS: Final = (_duplicate_ids, _references)
