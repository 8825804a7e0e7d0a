"""Time `timeline.extract` (and drafting) per 10,000 words, and how it grows with size.

Usage: .venv/bin/python benchmarks/extract_speed.py [--words 10000 100000 1000000]

The text is the development corpus (tests/data/extract/texts) repeated until it has the
number of words asked for, so it has the corpus's density of dates (about one temporal
expression every 12 words). Each size runs in its own process, which reports the time of
`extract` and of `draft_toml` on the whole text (CPU time, which a shared machine disturbs
less than wall time) and its peak RSS; the growth column is the time at a size divided by
the time at the size before, over the ratio of the sizes (1.0 is linear). The
pathological inputs of the scale issue are timed the same way: runs of 20,000 and 40,000
dots, and one line of 100 KB and 400 KB dense with dates. Prints Markdown.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract" / "texts"


def corpus_text(words: int) -> str:
    """The development texts, repeated and cut to `words` words."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    pieces: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            pieces.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\n\n".join(pieces)


def dense_line(size: int) -> str:
    """One line of about `size` characters with a date every few words."""
    unit = "In 2019 and this year, on Friday, prices rose; "
    return (unit * (size // len(unit) + 1))[:size]


def child(kind: str, size: int) -> dict[str, float]:
    """Run one measurement in this process; its figures."""
    import datetime as dt

    from timeline import draft_toml, extract

    if kind == "corpus":
        text = corpus_text(size)
    elif kind == "dots":
        text = "." * size + "in 2019, prices rose"
    else:
        text = dense_line(size)
    published = dt.date(2025, 6, 1)
    started = time.process_time()
    mentions = extract(text, published)
    extracted = time.process_time() - started
    started = time.process_time()
    draft_toml(
        mentions, source_id="bench", source_title="t", published=published, file=None, url=None
    )
    drafted = time.process_time() - started
    return {
        "words": len(text.split()),
        "chars": len(text),
        "mentions": len(mentions),
        "extract": extracted,
        "draft": drafted,
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(kind: str, size: int) -> dict[str, float]:
    """One measurement in a child process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(size)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(out)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return 0
    print(
        "| words | mentions | extract (s) | per 10,000 words (s) | growth | draft (s) | peak RSS |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    before: dict[str, float] | None = None
    for words in args.words:
        f = measure("corpus", words)
        growth = (
            ""
            if before is None
            else f"{(f['extract'] / before['extract']) / (f['words'] / before['words']):.2f}"
        )
        per = f["extract"] / f["words"] * 10_000
        print(
            f"| {f['words']:,.0f} | {f['mentions']:,.0f} | {f['extract']:.2f} | {per:.3f} "
            f"| {growth} | {f['draft']:.2f} | {f['rss']:.0f} MiB |"
        )
        before = f
    print()
    print("| input | characters | mentions | extract (s) | draft (s) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, size, label in [
        ("dots", 20_000, "20,000 dots"),
        ("dots", 40_000, "40,000 dots"),
        ("line", 100_000, "one 100 KB line of dates"),
        ("line", 400_000, "one 400 KB line of dates"),
    ]:
        f = measure(kind, size)
        print(
            f"| {label} | {f['chars']:,.0f} | {f['mentions']:,.0f} | {f['extract']:.2f} "
            f"| {f['draft']:.2f} | {f['rss']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
