"""`timeline extract`: draft events from an article's dated phrases.

A draft is written to merge into the data folder (DATA, `--data`): it never repeats a
record the folder has (a source already there is cited, not written again; an event id
already taken gets a suffix, said on stderr and in the file), and its paths are relative
to the folder's project root (the folder's parent), as the loader reads them, whatever the
working directory.
"""

from __future__ import annotations

import sys

from timeline._cli._options import EXIT_OK, add_command, add_output, emit, writes_file
from timeline.errors import TimelineError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import datetime as dt
    from pathlib import Path

    from timeline._cli._options import Commands
    from timeline._model import Source


#: How a draft begins: -o may replace a file that begins so (an earlier draft), no other.
DRAFT = "# Draft events from `timeline extract`"


def add(commands: Commands) -> None:
    parser = add_command(commands, "extract", run, "draft events from an article's dated phrases")
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or a source id in DATA")
    parser.add_argument(
        "--published", metavar="DATE", help="the article's date, YYYY-MM-DD (default: the source's)"
    )
    parser.add_argument(
        "--format", choices=["toml", "jsonl"], default="toml", help="output format (default: toml)"
    )
    parser.add_argument(
        "--data",
        default="events",
        metavar="DATA",
        help="the data folder the draft merges into: its source ids, event ids and project "
        "root (default: ./events)",
    )
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    """Find dated phrases in an article and resolve them against its publication date, as
    draft events (toml) or one line per phrase (jsonl). FILE may be a source id from DATA.
    The draft never repeats a record DATA has, and its paths are relative to DATA's parent.
    Example: timeline extract seeds/article.txt --published 2025-12-19 -o events/draft.toml
    """
    import datetime as dt
    from pathlib import Path

    from timeline._extract import extract, to_jsonl
    from timeline._extract._draft import draft
    from timeline._extract._masthead import headline
    from timeline._text import SLUG, slugify

    data = Path(args.data)
    root = data.resolve().parent
    sources, events = _taken(data, Path(args.output) if writes_file(args) else None)
    path, source = Path(args.file), None
    if not path.is_file() and SLUG.fullmatch(args.file):
        source = sources.get(args.file)
        if source is None:
            raise UsageError(f"{args.file!r} is neither a file nor a source id in {args.data}")
        if source.file is None:
            raise UsageError(f"source {args.file!r} has no `file` to read")
        path = root / source.file
    published = _published(source)
    if data.is_dir():  # what -o must never replace: the folder's files and sources
        from timeline._load import inputs

        args.inputs = inputs(data, sources.values())
    if args.published:
        try:
            published = dt.date.fromisoformat(args.published)
        except ValueError:
            raise UsageError(f"--published {args.published!r} is not a date YYYY-MM-DD") from None
    if published is None:
        raise UsageError("give --published YYYY-MM-DD: relative phrases are resolved against it")
    text = _read_source(root, source) if source is not None else _read_article(path)
    from timeline._cli._progress import bar_for

    bar = bar_for(args, path.name, {"finding": "rules", "resolving": "phrases"})
    try:
        mentions = extract(text, published, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    reads = {str(path): "the article"}
    if args.format == "jsonl":
        emit(args, to_jsonl(mentions), reads=reads)
        return EXIT_OK
    file = _relative(path, root)
    if source is None:  # a source of DATA that reads this file is cited, not written again
        source = next((s for s in sources.values() if s.file and _same(root / s.file, path)), None)
    notes = []
    if source is not None:
        source_id, title, url, file = source.id, source.title, source.url, source.file
        notes.append(f"cites the source {source_id!r} of {args.data}, not written again")
    else:
        title, url = headline(text) or path.stem, None
        source_id = base = slugify(path.stem, fallback="source")
        n = 1
        while source_id in sources:
            n += 1
            source_id = f"{base}-{n}"
        if source_id != base:
            notes.append(f"source id {base!r} is taken in {args.data}: drafted as {source_id!r}")
        if file is None:
            notes.append(
                f"{path} is outside the project root {root}: the draft gives it no `file`, "
                "so its quotes are notes"
            )
    drafted = draft(
        mentions,
        source_id=source_id,
        source_title=title,
        published=published,
        file=file,
        url=url,
        write_source=source is None,
        taken=events,
    )
    notes += [
        f"event id {old!r} is taken in {args.data}: drafted as {new!r}"
        for old, new in drafted.renamed
    ]
    emit(args, drafted.toml, reads=reads, data=DRAFT)  # replaces only an earlier draft
    for note in notes:
        print(f"timeline: {note}", file=sys.stderr)
    if writes_file(args):
        print(f"{args.output}: {drafted.events} draft events", file=sys.stderr)
    return EXIT_OK


def _read_source(root: Path, source: Source) -> str:
    """A source's text through the one confined reader: inside the project, a regular
    file (never a FIFO that would hang), UTF-8."""
    from timeline._paths import read_source

    assert source.file is not None
    try:
        return read_source(root, source.file)
    except FileNotFoundError:
        raise TimelineError(f"source {source.id!r}: no such file {source.file!r}") from None
    except ValueError as error:
        raise TimelineError(f"source {source.id!r}: {error}") from None
    except OSError as error:
        raise TimelineError(f"source {source.id!r}: {source.file}: {error.strerror}") from None


def _read_article(path: Path) -> str:
    """The article FILE named on the command line, as UTF-8 (a pipe such as /dev/stdin too)."""
    from timeline._text import encoding_hint

    try:
        data = path.read_bytes()
    except OSError as error:
        raise TimelineError(f"{path}: cannot read it ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = encoding_hint(data, str(path)) or f"byte {data[error.start]:#04x}"
        raise TimelineError(f"{path}: not UTF-8 text: {hint}") from None


def _taken(data: Path, output: Path | None) -> tuple[dict[str, Source], set[str]]:
    """The sources (by id) and the event ids of the data folder, if there is one, leaving
    out the records of `output`, which the draft replaces. Records that do not load are
    left out too: `timeline check` reports them."""
    from timeline._load import load_records
    from timeline._model import Source

    if not data.is_dir():
        return {}, set()
    _, located, _ = load_records(data)
    replaced = None if output is None else output.resolve()
    sources: dict[str, Source] = {}
    events: set[str] = set()
    for item in located:
        if replaced is not None and _same(item.path, replaced):
            continue
        if isinstance(item.record, Source):
            sources.setdefault(item.record.id, item.record)
        elif item.kind == "event":
            events.add(item.record.id)
    return sources, events


def _published(source: Source | None) -> dt.date | None:
    if source is None or source.published is None or not source.published.is_exact:
        return None
    return source.published.earliest


def _relative(path: Path, root: Path) -> str | None:
    """`path` relative to the project root, as a source's `file` is; None when outside."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def _same(a: str | Path, b: Path) -> bool:
    from pathlib import Path

    return Path(a).resolve() == b.resolve()
