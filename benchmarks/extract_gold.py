"""Build corpus texts and gold rows for `benchmarks/extract_score.py` from annotated text.

Usage: .venv/bin/python benchmarks/extract_gold.py ANNOTATED... --corpus DIR

Writing offsets by hand is error-prone; writing the gold inline is not. An annotated file
starts with a small header, then `---` on its own line, then the article with every
temporal expression marked as ``[[text|value|category]]`` (a DATE) or
``[[text|value|TYPE|category]]``::

    published: 2014-10-06
    title: Rays clinch the division (news-style, written for testing)
    ---
    ST. PETERSBURG, Fla., [[Oct. 5|2014-10-05|partial]] (Wire) — The Rays won
    [[Sunday|2014-10-05|partial]], their first title since the [[2008|2008|explicit]] season.

For each file `NAME.txt` this writes `DIR/texts/NAME.txt` (the article without the marks),
replaces NAME's rows in `DIR/gold.tsv` and NAME's entry in `DIR/docs.json`. The categories
and the value conventions are those of `tests/data/extract/README.md`.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
CATEGORIES = frozenset({
    "explicit", "partial", "relative", "range", "period", "week", "ref", "anaphor", "offset",
    "season", "decade", "span", "duration", "age", "time", "set",
})  # fmt: skip
_MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)(?:\|([A-Z]+))?\|([a-z]+)\]\]")
_VALUE = re.compile(
    r"[0-9X]{2,4}(?:-(?:[0-9X]{2}(?:-[0-9X]{2}(?:T(?:\d\d:\d\d|MO|AF|EV|NI))?)?|W[0-9X]{2}"
    r"(?:-WE|-\d)?|Q[1-4]|H[12]|SP|SU|FA|WI))?"
    r"|FY\d{4}(?:-Q[1-4]|-H[12])?|P(?:T)?[0-9X.]+(?:Y|M|W|D|H|S|DE|CE)"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF|XXXX-WXX-\d|XXXX-\d\d|XXXX-(?:SP|SU|FA|WI)"
)
HEADER = ["doc", "text", "offset", "value", "type", "category"]


def parse(path: Path) -> tuple[dict[str, str], str, list[dict[str, str]]]:
    """The header, the plain text and the gold rows of one annotated file."""
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise SystemExit(f"{path}: no '---' line between the header and the article")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if line.strip())
    if set(meta) != {"published", "title"}:
        raise SystemExit(f"{path}: the header needs exactly 'published:' and 'title:'")
    out: list[str] = []
    rows: list[dict[str, str]] = []
    at, length = 0, 0
    for m in _MARK.finditer(body):
        out.append(body[at : m.start()])
        length += m.start() - at
        text, value, kind, category = m.groups()
        kind = kind or "DATE"
        where = f"{path}: [[{m.group(1)}|...]]"
        if kind not in TYPES:
            raise SystemExit(f"{where}: type {kind!r} is not one of {sorted(TYPES)}")
        if category not in CATEGORIES:
            raise SystemExit(f"{where}: category {category!r} is not one of {sorted(CATEGORIES)}")
        if not _VALUE.fullmatch(value):
            raise SystemExit(f"{where}: {value!r} does not look like a TIMEX3 value")
        rows.append(
            {
                "doc": path.stem,
                "text": text,
                "offset": str(length),
                "value": value,
                "type": kind,
                "category": category,
            }
        )
        out.append(text)
        length += len(text)
        at = m.end()
    out.append(body[at:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        raise SystemExit(f"{path}: a mark is malformed near {plain[plain.find('[[') :][:60]!r}")
    for row in rows:
        start = int(row["offset"])
        assert plain[start : start + len(row["text"])] == row["text"], row
    return meta, plain, rows


def _replace(
    gold: list[dict[str, str]], doc: str, rows: list[dict[str, str]]
) -> list[dict[str, str]]:
    """`gold` with the rows of `doc` replaced by `rows`, where they stood (else at the end)."""
    at = next((i for i, row in enumerate(gold) if row["doc"] == doc), len(gold))
    rest = [row for row in gold if row["doc"] != doc]
    kept_before = sum(1 for row in gold[:at] if row["doc"] != doc)
    return rest[:kept_before] + rows + rest[kept_before:]


def main(argv: list[str] | None = None) -> int:
    """Write the texts, gold rows and metadata of the annotated files into a corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="ANNOTATED")
    parser.add_argument("--corpus", type=Path, required=True, help="corpus folder")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    (corpus / "texts").mkdir(parents=True, exist_ok=True)
    gold_path, docs_path = corpus / "gold.tsv", corpus / "docs.json"
    gold: list[dict[str, str]] = []
    if gold_path.exists():
        with open(gold_path, encoding="utf-8", newline="") as handle:
            gold = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    docs = json.loads(docs_path.read_text(encoding="utf-8")) if docs_path.exists() else {}
    for path in args.files:
        meta, plain, rows = parse(path)
        (corpus / "texts" / f"{path.stem}.txt").write_text(plain, encoding="utf-8")
        gold = _replace(gold, path.stem, rows)
        docs[path.stem] = {"published": meta["published"], "title": meta["title"]}
        print(f"{path.stem}: {len(rows)} expressions")
    with open(gold_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, HEADER, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(gold)
    docs_path.write_text(json.dumps(docs, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
