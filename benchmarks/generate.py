"""Write a seeded, realistic data folder of any size, for the benchmarks (and a smoke test).

    python benchmarks/generate.py 100000 --format jsonl --out /tmp/bench/100k

writes `OUT/events/` (the data folder: timeline.toml, reference records in TOML, events in
TOML files of 10,000, JSON Lines files of 50,000 or Parquet files of 500,000) and
`OUT/sources/` (the texts that quotes are checked against; paths in records are relative
to OUT, as for the shipped data).

The data looks like a tracker fed by automated sources: dates at every precision the
format has (days, months, seasons, approximate and uncertain years, decades, closed and open
spans, instants with offsets and local times in several zones), policies whose events walk
a legal lifecycle in date order, actors, places, sources with and without files, citations
that quote their source's file verbatim, and non-ASCII names and titles. The same seed and
size always give the same bytes. Only the standard library is used (and timeline's own
Parquet writer, with pyarrow, for `--format parquet`), so CI can run it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

EVENTS_PER_TOML = 10_000
EVENTS_PER_JSONL = 50_000
EVENTS_PER_PARQUET = 500_000

ZONES = ("Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/Kyiv")
OFFSETS = ("Z", "+08:00", "-05:00", "+05:30", "-03:00", "+09:00", "+01:00")
COUNTRIES = ("US", "CN", "JP", "DE", "FR", "KR", "TW", "NL", "IN", "BR", "UA", "GB")
KINDS = ("person", "organization", "company", "government", "agency", "country", "group")
#: Every effect a policy in each phase may take next (the lifecycle table, restated).
NEXT = {
    "none": ("proposed", "announced", "enacted", "effective"),
    "proposed": ("announced", "enacted", "effective"),
    "announced": ("enacted", "effective"),
    "in-force": ("tightened", "loosened", "tightened", "loosened", "suspended", "rescinded"),
    "suspended": ("reinstated", "rescinded", "expired"),
    "ended": ("reinstated", "enacted"),
}
AFTER = {
    "proposed": "proposed",
    "announced": "announced",
    "enacted": "in-force",
    "effective": "in-force",
    "tightened": "in-force",
    "loosened": "in-force",
    "reinstated": "in-force",
    "suspended": "suspended",
    "rescinded": "ended",
    "expired": "ended",
}
FIRST = (
    "Li",
    "Wang",
    "Zhang",
    "Müller",
    "José",
    "Zoë",
    "Søren",
    "Łukasz",
    "Ayşe",
    "Nguyễn",
    "Олена",
    "Дмитрий",
    "محمد",
    "佐藤",
    "김민준",
    "François",
    "Ngozi",
    "Priya",
    "Björk",
    "Ana",
)
LAST = (
    "Chen",
    "García",
    "Schröder",
    "Dvořák",
    "Öztürk",
    "Kowalczyk",
    "Ishikawa",
    "Ferreira",
    "Шевченко",
    "王",
    "Nakamura",
    "Ødegaard",
    "Smith",
    "Çelik",
    "Nováková",
    "Abebe",
)
ORGS = (
    "Ministry of Commerce",
    "Bureau of Industry and Security",
    "Société Générale des Puces",
    "Huawei",
    "Nvidia",
    "ASML",
    "Tokyo Electron",
    "Samsung Electronics",
    "TSMC",
    "Bundesnetzagentur",
    "Министерство промышленности",
    "国家发展和改革委员会",
    "SMIC",
    "Applied Materials",
    "Infineon",
    "European Commission",
    "Kyiv Chip Hub",
)
CITIES = (
    ("Shenzhen", "CN"),
    ("Beijing", "CN"),
    ("Washington", "US"),
    ("Tōkyō", "JP"),
    ("München", "DE"),
    ("Hsinchu", "TW"),
    ("Veldhoven", "NL"),
    ("São Paulo", "BR"),
    ("Kyiv", "UA"),
    ("Bengaluru", "IN"),
    ("Seoul", "KR"),
    ("Zürich", "CH"),
)
TOPICS = (
    "export controls",
    "chip subsidies",
    "AI accelerators",
    "lithography tools",
    "rare earths",
    "tariffs",
    "data localisation",
    "entity listings",
    "cloud access",
    "gallium and germanium",
    "HBM memory",
    "EDA software",
    "solar wafers",
    "EV batteries",
)
VERBS = (
    "announces",
    "tightens",
    "relaxes",
    "reviews",
    "confirms",
    "denies",
    "signs",
    "publishes",
    "extends",
    "suspends",
    "criticises",
    "welcomes",
    "investigates",
)
TAGS = (
    "export-controls",
    "semiconductors",
    "ai",
    "tariffs",
    "china",
    "us",
    "eu",
    "japan",
    "subsidies",
    "supply-chain",
    "sanctions",
    "trade",
    "energy",
    "batteries",
    "rare-earths",
    "huawei",
    "nvidia",
    "asml",
    "self-reliance",
    "cloud",
)
SAID = (
    "this fall",
    "in April",
    "last month",
    "earlier this year",
    "in the spring",
    "nächste Woche",
    "今年秋天",
    "over the last six months",
    "just four years old",
    "в декабре",
    "around 2021",
    "since 2015",
)
WORDS = (
    "the",
    "ministry",
    "said",
    "rules",
    "would",
    "apply",
    "to",
    "chips",
    "exports",
    "firms",
    "government",
    "measure",
    "review",
    "tariff",
    "industry",
    "officials",
    "supply",
    "quarter",
    "décision",
    "Behörde",
    "правила",
    "芯片",
    "market",
    "control",
)


def _slug(prefix: str, n: int) -> str:
    return f"{prefix}-{n:07d}"


class _Dates:
    """Random `when` values at every precision, with the `tz` a local time needs."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def day(self, year: int | None = None) -> str:
        r = self.rng
        year = year or r.randint(1995, 2030)
        return f"{year:04d}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"

    def any(self) -> tuple[str, str | None]:
        r = self.rng
        year = r.randint(1995, 2030)
        month = r.randint(1, 12)
        roll = r.random()
        if roll < 0.30:
            return self.day(year), None
        if roll < 0.45:
            return f"{year:04d}-{month:02d}", None
        if roll < 0.52:
            return f"{year:04d}-{r.randint(21, 24)}", None
        if roll < 0.58:
            return f"{year:04d}{r.choice('~?%')}", None
        if roll < 0.62:
            return f"{year:04d}-{month:02d}{r.choice('~?')}", None
        if roll < 0.64:
            return f"{year // 10:03d}X", None
        if roll < 0.70:
            first = r.randint(1, 26)
            span = f"{year:04d}-{month:02d}-{first:02d}/{year:04d}-{month:02d}"
            return f"{span}-{first + r.randint(0, 2):02d}", None
        if roll < 0.74:
            end = min(12, month + r.randint(1, 6))
            return f"{year:04d}-{month:02d}/{year:04d}-{end:02d}", None
        if roll < 0.77:
            return f"{year:04d}/..", None
        if roll < 0.79:
            return f"../{self.day(year)}", None
        clock = f"{r.randint(8, 19):02d}:{r.choice((0, 15, 30, 45)):02d}"
        if roll < 0.85:
            return f"{self.day(year)}T{clock}:{r.randint(0, 59):02d}{r.choice(OFFSETS)}", None
        if roll < 0.90:
            return f"{self.day(year)}T{clock}Z", None
        return f"{self.day(year)}T{clock}", r.choice(ZONES)


def _sentences(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
        out.append(" ".join(words).capitalize() + ".")
    return out


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _toml_record(kind: str, record: dict[str, Any]) -> str:
    lines = [f"[[{kind}]]"]
    nested = []
    for key, value in record.items():
        if key == "cite":
            nested = value
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    for citation in nested:
        lines.append(f"[[{kind}.cite]]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in citation.items()]
    return "\n".join(lines) + "\n\n"


class Generator:
    """Builds the records for `events` events; reference record counts grow with it."""

    def __init__(self, events: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.dates = _Dates(self.rng)
        self.events = events
        self.n_actors = max(20, events // 500)
        self.n_places = max(12, events // 2000)
        self.n_sources = max(10, events // 1000)
        self.n_policies = max(4, events // 1000)
        self.quotes: dict[str, list[str]] = {}  # source id → sentences its file holds

    # -- reference records ---------------------------------------------------------------------

    def actors(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        for n in range(self.n_actors):
            kind = r.choice(KINDS)
            if kind == "person":
                name = f"{r.choice(FIRST)} {r.choice(LAST)}"
            else:
                name = f"{r.choice(ORGS)} {n}"
            record: dict[str, Any] = {"id": _slug("actor", n), "name": name, "kind": kind}
            if r.random() < 0.7:
                record["country"] = r.choice(COUNTRIES)
            if r.random() < 0.2:
                record["aliases"] = [name.upper(), f"{name} (alias)"]
            yield record

    def places(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        for n in range(self.n_places):
            city, country = CITIES[n % len(CITIES)]
            record: dict[str, Any] = {"id": _slug("place", n), "name": f"{city} {n}"}
            record["country"] = country
            if r.random() < 0.8:
                record["latitude"] = round(r.uniform(-60, 70), 4)
                record["longitude"] = round(r.uniform(-170, 170), 4)
            yield record

    def sources(self, texts: Path, root: Path) -> Iterator[dict[str, Any]]:
        r = self.rng
        for n in range(self.n_sources):
            source_id = _slug("source", n)
            record: dict[str, Any] = {
                "id": source_id,
                "title": f"{r.choice(ORGS)}: {r.choice(TOPICS)} ({n})",
                "publisher": r.choice(("Reuters", "新华社", "Le Monde", "Der Spiegel", "NPR")),
                "published": self.dates.day(),
                "url": f"https://news.example.org/{n}",
            }
            if n % 2 == 0:  # half have a file, so their citations carry quotes
                sentences = _sentences(r, 40)
                path = texts / f"{source_id}.txt"
                # Wrap lines in the file: quotes match with white space normalised.
                body = "\n".join(" ".join(sentences[i : i + 3]) for i in range(0, 40, 3))
                path.write_text(f"{record['title']}\n\n{body}\n", encoding="utf-8")
                record["file"] = path.relative_to(root).as_posix()
                self.quotes[source_id] = sentences
            yield record

    def policies(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        for n in range(self.n_policies):
            record: dict[str, Any] = {
                "id": _slug("policy", n),
                "title": f"{r.choice(COUNTRIES)} rules on {r.choice(TOPICS)} ({n})",
                "jurisdiction": r.choice(COUNTRIES),
                "targets": r.sample(COUNTRIES, 2),
                "tags": r.sample(TAGS, 2),
            }
            if n and r.random() < 0.2:
                record["amends"] = _slug("policy", r.randrange(n))
            yield record

    # -- events --------------------------------------------------------------------------------

    def _lifecycle(self) -> Iterator[tuple[str, str, str]]:
        """(policy, effect, when) for each policy's walk: legal order, strictly later dates."""
        r = self.rng
        budget = self.events // 10  # a tenth of the events change a policy
        per = max(1, budget // self.n_policies)
        for n in range(self.n_policies):
            phase = "none"
            month = r.randint(1995, 2005) * 12
            for _ in range(per):
                effect = r.choice(NEXT[phase])
                phase = AFTER[effect]
                month += r.randint(1, 4)
                year, m = divmod(month, 12)
                precise = r.random() < 0.7
                when = f"{year:04d}-{m + 1:02d}" + (f"-{r.randint(1, 28):02d}" if precise else "")
                month += 0 if precise else 1  # the next step starts after the whole month
                yield _slug("policy", n), effect, when

    def event_records(self) -> Iterator[dict[str, Any]]:
        r = self.rng
        lifecycle = self._lifecycle()
        with_files = sorted(self.quotes)
        for n in range(self.events):
            step = next(lifecycle, None) if n % 10 == 0 else None
            tz = None
            if step is not None:
                policy, effect, when = step
            else:
                policy = effect = None
                when, tz = self.dates.any()
                if r.random() < 0.3:
                    policy = _slug("policy", r.randrange(self.n_policies))
            actor = r.choice(ORGS) if r.random() < 0.6 else f"{r.choice(FIRST)} {r.choice(LAST)}"
            record: dict[str, Any] = {
                "id": _slug("event", n),
                "title": f"{actor} {r.choice(VERBS)} {r.choice(TOPICS)} — №{n}",
                "when": when,
            }
            if tz:
                record["tz"] = tz
            if r.random() < 0.15:
                record["said"] = r.choice(SAID)
            if r.random() < 0.4:
                record["summary"] = " ".join(_sentences(r, 2))
            if r.random() < 0.8:
                count = r.randint(1, 3)
                record["actors"] = [
                    _slug("actor", a) for a in r.sample(range(self.n_actors), count)
                ]
            if r.random() < 0.3:
                record["place"] = _slug("place", r.randrange(self.n_places))
            if policy:
                record["policy"] = policy
            if effect:
                record["effect"] = effect
            record["tags"] = r.sample(TAGS, r.randint(0, 3))
            if not record["tags"]:
                del record["tags"]
            if r.random() < 0.3:
                record["url"] = f"https://news.example.org/event/{n}"
            cites = []
            for _ in range(1 if r.random() < 0.8 else 2):
                if r.random() < 0.6 and with_files:
                    source = r.choice(with_files)
                    cites.append({"source": source, "quote": r.choice(self.quotes[source])})
                else:
                    source = _slug("source", r.randrange(self.n_sources))
                    cites.append({"source": source, "note": "Reported, not quoted."})
            unique = {c["source"]: c for c in cites}  # one citation per source
            record["cite"] = list(unique.values())
            yield record


def generate(out: Path, events: int, *, fmt: str = "jsonl", seed: int = 2025) -> Path:
    """Write the dataset under `out`; returns the data folder (`out/events`)."""
    if fmt not in ("toml", "jsonl", "parquet"):
        raise ValueError(f"format {fmt!r} is not 'toml', 'jsonl' or 'parquet'")
    data, texts = out / "events", out / "sources"
    data.mkdir(parents=True, exist_ok=True)
    texts.mkdir(parents=True, exist_ok=True)
    gen = Generator(events, seed)
    (data / "timeline.toml").write_text(
        'name = "Benchmark — 生成されたデータ"\n'
        f'description = "{events} generated events (seed {seed})."\n'
        'domain = "bench.timeline.example"\ntimezone = "Europe/Berlin"\nrefresh = "PT6H"\n\n'
        '[feeds.nvidia]\ntitle = "Nvidia"\ntag = "nvidia"\n\n'
        '[feeds.recent]\ntitle = "Since 2020"\nfrom = "2020"\n',
        encoding="utf-8",
    )
    reference = {
        "source": list(gen.sources(texts, out)),
        "actor": list(gen.actors()),
        "place": list(gen.places()),
        "policy": list(gen.policies()),
    }
    for kind, records in reference.items():
        with open(data / f"{kind}s.toml", "w", encoding="utf-8") as f:
            f.writelines(_toml_record(kind, record) for record in records)
    per_file = {"toml": EVENTS_PER_TOML, "jsonl": EVENTS_PER_JSONL}.get(fmt, EVENTS_PER_PARQUET)
    records = gen.event_records()
    for number in itertools.count():
        chunk = list(itertools.islice(records, per_file)) if fmt != "parquet" else None
        if fmt == "parquet":
            if not _write_parquet(data / f"events-{number:04d}.parquet", records, per_file):
                break
            continue
        if not chunk:
            break
        with open(data / f"events-{number:04d}.{fmt}", "w", encoding="utf-8") as f:
            if fmt == "toml":
                f.writelines(_toml_record("event", record) for record in chunk)
            else:
                f.writelines(json.dumps({"event": r}, ensure_ascii=False) + "\n" for r in chunk)
    return data


def _write_parquet(path: Path, records: Iterator[dict[str, Any]], count: int) -> bool:
    """Up to `count` records as events in one Parquet file (timeline's own writer, so the
    derived columns are there for queries); False when no record was left."""
    import timeline
    from timeline import _parquet

    def events() -> Iterator[timeline.Event]:
        for record in itertools.islice(records, count):
            fields = dict(record)
            when = timeline.When.parse(fields.pop("when"), tz=fields.pop("tz", None))
            cite = tuple(timeline.Citation(**c) for c in fields.pop("cite"))
            for name in ("actors", "tags"):
                if name in fields:
                    fields[name] = tuple(fields[name])
            if "effect" in fields:
                fields["effect"] = timeline.Effect(fields["effect"])
            yield timeline.Event(when=when, cite=cite, **fields)

    ordered = events()
    first = next(ordered, None)
    if first is None:
        return False
    _parquet.write(itertools.chain([first], ordered), path)
    return True


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and write the dataset."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=int, help="how many events (e.g. 10000)")
    parser.add_argument("--format", choices=("toml", "jsonl", "parquet"), default="jsonl")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    data = generate(args.out, args.events, fmt=args.format, seed=args.seed)
    print(f"{data}: {args.events} events ({args.format}, seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
