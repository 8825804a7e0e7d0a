"""`timeline extract`: draft events from an article's dated phrases."""

from __future__ import annotations

from timeline._cli._options import EXIT_OK, add_command, add_output, emit, load
from timeline.errors import TimelineError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from timeline._cli._options import Commands


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
        "--data", default="events", metavar="DATA", help="where to look up a source id"
    )
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    """Find dated phrases in an article and resolve them against its publication date, as
    draft events (toml) or one line per phrase (jsonl). FILE may be a source id from DATA.
    Example: timeline extract seeds/article.txt --published 2025-12-19 -o events/draft.toml
    """
    import datetime as dt
    from pathlib import Path

    from timeline._extract import draft_toml, extract, to_jsonl
    from timeline._paths import read_source
    from timeline._text import SLUG, slugify

    path, source_id, title, url, file = Path(args.file), None, None, None, None
    published, text = None, None
    if not path.is_file() and SLUG.fullmatch(args.file):
        timeline = load(args)
        source = timeline.sources.get(args.file)
        if source is None:
            raise UsageError(f"{args.file!r} is neither a file nor a source id in {args.data}")
        if source.file is None:
            raise UsageError(f"source {args.file!r} has no `file` to read")
        path = Path(args.data).resolve().parent / source.file
        try:  # the one confined reader: inside the project, a regular file, UTF-8
            text = read_source(Path(args.data).resolve().parent, source.file)
        except FileNotFoundError:
            raise TimelineError(f"source {args.file!r}: no such file {source.file!r}") from None
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) else error
            raise TimelineError(f"source {args.file!r}: {reason}") from None
        source_id, title, url, file = source.id, source.title, source.url, source.file
        if source.published is not None and source.published.is_exact:
            published = source.published.earliest
    if args.published:
        try:
            published = dt.date.fromisoformat(args.published)
        except ValueError:
            raise UsageError(f"--published {args.published!r} is not a date YYYY-MM-DD") from None
    if published is None:
        raise UsageError("give --published YYYY-MM-DD: relative phrases are resolved against it")
    if text is None:
        text = _read_article(path)
    mentions = extract(text, published)
    reads = {str(path): "the article"}
    if args.format == "jsonl":
        emit(args, to_jsonl(mentions), reads=reads)
        return EXIT_OK
    if file is None:
        try:
            file = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            file = None
    draft = draft_toml(
        mentions,
        source_id=source_id or slugify(path.stem, fallback="source"),
        source_title=title or path.stem,
        published=published,
        file=file,
        url=url,
    )
    emit(args, draft, new=True, reads=reads)  # a draft is data: it never replaces a file
    return EXIT_OK


def _read_article(path: Path) -> str:
    """The article FILE given on the command line, as UTF-8 (a pipe such as /dev/stdin too)."""
    from timeline._text import encoding_hint

    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        hint = encoding_hint(data, str(path)) or f"byte {data[error.start]:#04x}"
        raise TimelineError(f"{path}: not UTF-8 text: {hint}") from None
