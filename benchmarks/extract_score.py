"""Score `timeline.extract` against the hand-checked development corpus.

Usage: .venv/bin/python benchmarks/extract_score.py [--errors] [--markdown] [--corpus DIR]

For every gold expression (tests/data/extract/gold.tsv, TimeML TIMEX3 values) it looks for
the extracted mention that overlaps it most and counts the value as right when the TIMEX3
value is exactly equal. It prints exact-value accuracy by type and by category, how many
gold expressions were not found at all, and how many mentions match no gold expression
(candidates for precision errors, or expressions the gold leaves out). `--markdown`
prints the category table of docs/performance.md instead: DATE expressions and all
expressions, right of total, per category.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from timeline import Mention, extract

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"


def load_gold(corpus: Path) -> list[dict[str, str]]:
    """The gold rows, one dict per expression."""
    with open(corpus / "gold.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def run(corpus: Path) -> dict[str, list[Mention]]:
    """Extract every document of the corpus against its publication date."""
    docs = json.loads((corpus / "docs.json").read_text(encoding="utf-8"))
    return {
        doc: extract(
            (corpus / "texts" / f"{doc}.txt").read_text(encoding="utf-8"),
            dt.date.fromisoformat(meta["published"]),
        )
        for doc, meta in docs.items()
    }


def best_match(row: dict[str, str], mentions: list[Mention]) -> Mention | None:
    """The mention that overlaps the gold expression most, if any does."""
    start = int(row["offset"])
    end = start + len(row["text"])
    overlaps = [(min(end, m.end) - max(start, m.start), m) for m in mentions]
    best = max(overlaps, default=(0, None), key=lambda pair: pair[0])
    return best[1] if best[0] > 0 else None


def _same_value(found: str, gold: str) -> bool:
    """Whether two TIMEX3 values are equal; midnight that ends a day (T24:00) is the one
    that starts the next (T00:00), as in ISO 8601."""
    return _canonical(found) == _canonical(gold)


def _canonical(value: str) -> str:
    if len(value) >= 16 and value[10:16] == "T24:00":
        try:
            day = dt.date.fromisoformat(value[:10]) + dt.timedelta(days=1)
        except ValueError:
            return value
        return f"{day}T00:00{value[16:]}"
    return value


def score(
    corpus: Path, *, show_errors: bool = False, markdown: bool = False
) -> dict[str, tuple[int, int]]:
    """Print the tables; return {label: (right, total)} for tests and notes."""
    gold = load_gold(corpus)
    found = run(corpus)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed = 0
    matched: set[tuple[str, int]] = set()
    errors = []
    for row in gold:
        mention = best_match(row, found[row["doc"]])
        ok = mention is not None and _same_value(mention.timex, row["value"])
        if mention is None:
            missed += 1
        else:
            matched.add((row["doc"], mention.start))
        labels = ["ALL", f"type {row['type']}", f"category {row['category']}"]
        if row["type"] == "DATE":
            labels += ["DATE", f"DATE {row['category']}"]
        for label in labels:
            total[label] += 1
            right[label] += ok
        if not ok:
            got = "-" if mention is None else f"{mention.timex} ({mention.text!r}, {mention.rule})"
            errors.append(f"  {row['doc']}: {row['text']!r} gold {row['value']} got {got}")
    spurious = [
        f"  {doc}: {m.text!r} {m.timex} ({m.rule})"
        for doc, mentions in found.items()
        for m in mentions
        if (doc, m.start) not in matched
    ]
    mentions = sum(len(found_in) for found_in in found.values())
    if markdown:
        _markdown(right, total, mentions, len(spurious))
        return {label: (right[label], total[label]) for label in total}
    print(f"{'':24}{'right':>6}{'total':>7}{'accuracy':>10}")
    for label in sorted(
        (k for k in total if not k.startswith("DATE ")), key=lambda k: (k != "ALL", k)
    ):
        print(f"{label:24}{right[label]:>6}{total[label]:>7}{right[label] / total[label]:>10.1%}")
    print(f"\ngold expressions not found: {missed}; mentions matching no gold: {len(spurious)}")
    if show_errors:
        print("\nwrong or missing values:", *errors, sep="\n")
        print("\nmentions matching no gold expression:", *spurious, sep="\n")
    return {label: (right[label], total[label]) for label in total}


def _cell(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.1%})" if total else "–"


def _markdown(right: Counter[str], total: Counter[str], mentions: int, spurious: int) -> None:
    """The category table of docs/performance.md."""
    print("| category | DATE | all types |")
    print("|---|---|---|")
    categories = sorted({k.split(" ", 1)[1] for k in total if k.startswith("category ")})
    for category in categories:
        date, every = f"DATE {category}", f"category {category}"
        dates, alls = _cell(right[date], total[date]), _cell(right[every], total[every])
        print(f"| {category} | {dates} | {alls} |")
    dates, alls = _cell(right["DATE"], total["DATE"]), _cell(right["ALL"], total["ALL"])
    print(f"| **all** | **{dates}** | **{alls}** |")
    print(
        f"\n{mentions} mentions found, {spurious} of them matching no gold expression "
        f"(precision of finding {1 - spurious / mentions:.1%})."
    )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and print the score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong value")
    parser.add_argument("--markdown", action="store_true", help="print the category table")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder")
    args = parser.parse_args(argv)
    score(args.corpus, show_errors=args.errors, markdown=args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
