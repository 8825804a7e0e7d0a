"""The `timeline` command: argument parsing, file writing and exit codes, nothing else.

Exit codes: 0 success, 1 a problem with the data or the files, 2 a usage error.
Every command reads a data folder (default ./events) and takes the same filters.
"""

from __future__ import annotations

import sys

# Start-up time matters (`timeline --version` should cost little more than Python itself), so
# this module imports nothing heavy at the top: not typing, argparse or pathlib. The errors
# module imports nothing but the core of the standard library.
from timeline.errors import DataError, TimelineError, UsageError, WhenError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from timeline._query import Filter
    from timeline._timeline import Timeline


__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _version() -> str:
    from timeline import __version__

    return __version__


# -- shared options -------------------------------------------------------------------------


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data",
        nargs="?",
        default="events",
        metavar="DATA",
        help="the data folder (default: ./events)",
    )


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (all must match; repeat an option to allow several)")
    group.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="events that can overlap this date or later (EDTF, e.g. 2025-04)",
    )
    group.add_argument(
        "--to", dest="end", metavar="DATE", help="events that can overlap this date or earlier"
    )
    group.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="events with this tag"
    )
    group.add_argument(
        "--actor", action="append", default=[], metavar="ID", help="events with this actor"
    )
    group.add_argument(
        "--policy", action="append", default=[], metavar="ID", help="events that change this policy"
    )
    group.add_argument(
        "--jurisdiction",
        action="append",
        default=[],
        metavar="CODE",
        help="events of policies imposed by this jurisdiction (e.g. US)",
    )
    group.add_argument(
        "--text", metavar="TEXT", help="events whose title, summary, phrase or quotes contain TEXT"
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout"
    )


def _filter(args: argparse.Namespace) -> Filter:
    from timeline._query import Filter

    try:
        return Filter.build(
            start=args.start,
            end=args.end,
            tags=args.tag,
            actors=args.actor,
            policies=args.policy,
            jurisdictions=args.jurisdiction,
            text=args.text,
        )
    except WhenError as error:
        raise UsageError(f"--from/--to: {error}") from error


def _load(args: argparse.Namespace) -> Timeline:
    from timeline._load import load

    if not getattr(args, "program", False):
        return load(args.data)
    # Run as the program, the loaded data lives until the process exits: move it out of the
    # cyclic collector's sight (gc.freeze) rather than have every later collection, and the
    # one at exit, walk millions of records again. A fifth of a large export's time.
    import gc

    gc.disable()
    try:
        return load(args.data)
    finally:
        gc.freeze()
        gc.enable()


def _selected(args: argparse.Namespace) -> Timeline:
    criteria = _filter(args)
    timeline = _load(args)
    return timeline if criteria.is_empty else timeline.filter(criteria)


def _emit(args: argparse.Namespace, data: str | bytes) -> None:
    """Write to -o atomically, or to stdout."""
    if args.output and args.output != "-":
        from timeline._io import write_atomic

        write_atomic(args.output, data)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


# -- commands -----------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    """Load and validate the data; print every problem. Example: timeline check events"""
    timeline = _load(args)
    if not args.quiet:
        print(
            f"{args.data}: {len(timeline)} events, {len(timeline.policies)} policies, "
            f"{len(timeline.actors)} actors, {len(timeline.sources)} sources: no problems"
        )
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    """Print the chronological report. Example: timeline report events --from 2025"""
    from timeline import report

    criteria = _filter(args)
    timeline = _load(args)
    selected = timeline if criteria.is_empty else timeline.filter(criteria)
    if args.lanes is not None and args.format not in report.LANED:
        raise UsageError(f"--lanes goes with --format {' or '.join(report.LANED)}")
    if args.format == "html":
        from timeline.report import _html as html

        # The policy bands fold every event of each policy, not only the filtered ones.
        rendered = html.render(selected, lanes=args.lanes or "policy", history=timeline)
    else:
        rendered = report.render(selected, args.format, lanes=args.lanes)
    if args.policy and args.format in ("text", "markdown"):
        from timeline.report import _policy as policy

        try:  # the history folds every event of the policy, not only the filtered ones
            rendered += "\n" + policy.render(timeline, args.policy, args.format)
        except KeyError as error:
            raise UsageError(f"--policy: {error.args[0]}") from None
    _emit(args, rendered)
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    """Print each policy's state on a date (default: today), and why when the data cannot
    decide it. Example: timeline status events --as-of 2025-12-31 --format json
    """
    import datetime as dt

    from timeline import _clock
    from timeline.report import _json as report_json
    from timeline.report import _policy as policy

    day: dt.date | None = None
    if args.as_of is not None:
        try:
            day = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise UsageError(
                f"--as-of: {args.as_of!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-12-31"
            ) from None
    timeline = _load(args)
    day = day or _clock.today(timeline.settings.zone)
    try:
        statuses = timeline.status(day, policies=args.policy or None)
    except KeyError as error:
        raise UsageError(f"--policy: {error.args[0]}") from None
    render = report_json.render_status if args.format == "json" else policy.status_text
    _emit(args, render(statuses, day))
    return EXIT_OK


def _ics(args: argparse.Namespace) -> int:
    """Write the events as an iCalendar feed (RFC 5545) that calendar apps subscribe to;
    set SOURCE_DATE_EPOCH for byte-identical output. Example:
    timeline ics events --feed nvidia -o public/nvidia.ics
    """
    from timeline._ics import write_ics

    criteria = _filter(args)
    timeline = _load(args)
    name, description = args.name, None
    if args.feed is not None:
        feed = timeline.settings.feeds.get(args.feed)
        if feed is None:
            known = ", ".join(sorted(timeline.settings.feeds)) or "none"
            raise UsageError(f"--feed: no feed {args.feed!r} in timeline.toml (feeds: {known})")
        timeline = timeline.filter(feed.filter)
        name = name or feed.title or feed.name
        description = feed.description
    if not criteria.is_empty:
        timeline = timeline.filter(criteria)
    if args.output and args.output != "-":
        from timeline._io import atomic_writer

        with atomic_writer(args.output) as out:
            write_ics(timeline, out, name=name, description=description)
    else:
        sys.stdout.flush()
        write_ics(timeline, sys.stdout.buffer, name=name, description=description)
        sys.stdout.buffer.flush()
    return EXIT_OK


def _import_ics(args: argparse.Namespace) -> int:
    """Turn a calendar's events (.ics) into a TOML data file to review and add to the data;
    skipped events are listed on stderr. Example:
    timeline import-ics holidays.ics -o events/imported.toml
    """
    from timeline._ics_import import read_ics

    imported = read_ics(args.file, source_id=args.source, zone=args.zone)
    for warning in imported.warnings:
        print(f"timeline: warning: {warning}", file=sys.stderr)
    if not imported.events:
        raise TimelineError(f"{args.file}: no event could be imported; nothing was written")
    _emit(args, imported.to_toml())
    if args.output and args.output != "-":
        print(f"{args.output}: {len(imported.events)} events imported", file=sys.stderr)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    """Write a static site: the HTML report (index.html), calendar feeds (all events and each
    named feed), timeline.json, timeline.csv, timelinejs.json and a page per policy; set
    SOURCE_DATE_EPOCH for byte-identical files. Example: timeline build events -o site
    """
    from timeline._site import build

    criteria = _filter(args)
    timeline = _load(args)
    selected = timeline if criteria.is_empty else timeline.filter(criteria)
    written = build(selected, args.output, lanes=args.lanes, history=timeline)
    if not args.quiet:
        print(f"{args.output}: {len(written)} files, {len(selected)} events", file=sys.stderr)
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    """Find dated phrases in an article and resolve them against its publication date, as
    draft events (toml) or one line per phrase (jsonl). FILE may be a source id from DATA.
    Example: timeline extract seeds/article.txt --published 2025-12-19 -o events/draft.toml
    """
    import datetime as dt
    import re
    from pathlib import Path

    from timeline._extract import draft_toml, extract, to_jsonl

    path, source_id, title, url, file = Path(args.file), None, None, None, None
    published = None
    if not path.is_file() and re.fullmatch(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*", args.file):
        timeline = _load(args)
        source = timeline.sources.get(args.file)
        if source is None:
            raise UsageError(f"{args.file!r} is neither a file nor a source id in {args.data}")
        if source.file is None:
            raise UsageError(f"source {args.file!r} has no `file` to read")
        path = Path(args.data).resolve().parent / source.file
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
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise TimelineError(f"{path}: not UTF-8 text ({error.reason})") from None
    mentions = extract(text, published)
    if args.format == "jsonl":
        _emit(args, to_jsonl(mentions))
        return EXIT_OK
    if file is None:
        try:
            file = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            file = None
    draft = draft_toml(
        mentions,
        source_id=source_id or _slug_of(path.stem),
        source_title=title or path.stem,
        published=published,
        file=file,
        url=url,
    )
    _emit(args, draft)
    return EXIT_OK


def _slug_of(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "source"


def _build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Dated events and the policies they shape: check, report, publish.",
        epilog="Run 'timeline COMMAND --help' for a command's options. Docs: docs/guide.md",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], summary: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=handler.__doc__)
        sub.set_defaults(handler=handler)
        return sub

    check = command("check", _check, "validate the data; exit 1 listing every problem")
    _add_data(check)
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing when the data is clean"
    )

    report = command("report", _report, "print a chronological report")
    _add_data(report)
    from timeline.report import FORMATS

    report.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="output format (default: text)"
    )
    report.add_argument(
        "--lanes",
        choices=["policy", "actor", "jurisdiction"],
        help="swimlanes of the html and timelinejs formats (default: policy)",
    )
    _add_output(report)
    _add_filters(report)

    status = command("status", _status, "print each policy's state on a date")
    _add_data(status)
    status.add_argument(
        "--as-of", metavar="DATE", help="the day to ask about, YYYY-MM-DD (default: today)"
    )
    status.add_argument(
        "--policy", action="append", default=[], metavar="ID", help="only this policy (repeatable)"
    )
    status.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    _add_output(status)

    ics = command("ics", _ics, "write an iCalendar (.ics) feed")
    _add_data(ics)
    ics.add_argument(
        "--name", metavar="NAME", help="the calendar's name (default: from timeline.toml)"
    )
    ics.add_argument(
        "--feed", metavar="NAME", help="a named feed from timeline.toml's [feeds.NAME]"
    )
    _add_output(ics)
    _add_filters(ics)

    import_ics = command("import-ics", _import_ics, "turn an .ics calendar into a TOML data file")
    import_ics.add_argument("file", metavar="FILE", help="the .ics file to read")
    import_ics.add_argument(
        "--source", metavar="ID", help="id of the source the events cite (default: from FILE)"
    )
    import_ics.add_argument(
        "--zone", default="UTC", metavar="ZONE", help="IANA zone of floating times (default: UTC)"
    )
    _add_output(import_ics)

    build = command("build", _build, "write a static site: report, feeds, data, policy pages")
    _add_data(build)
    build.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="the folder to write (created)"
    )
    build.add_argument(
        "--lanes",
        choices=["policy", "actor", "jurisdiction"],
        default="policy",
        help="swimlanes of the report and the TimelineJS groups (default: policy)",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    _add_filters(build)

    extract = command("extract", _extract, "draft events from an article's dated phrases")
    extract.add_argument("file", metavar="FILE", help="a UTF-8 text file, or a source id in DATA")
    extract.add_argument(
        "--published", metavar="DATE", help="the article's date, YYYY-MM-DD (default: the source's)"
    )
    extract.add_argument(
        "--format", choices=["toml", "jsonl"], default="toml", help="output format (default: toml)"
    )
    extract.add_argument(
        "--data", default="events", metavar="DATA", help="where to look up a source id"
    )
    _add_output(extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    if (sys.argv[1:] if argv is None else list(argv)) == ["--version"]:
        # Answered before argparse and the library load: what argparse would print and do.
        print(f"timeline {_version()}")
        raise SystemExit(EXIT_OK)
    parser = _build_parser()
    args = parser.parse_args(argv)
    args.program = argv is None  # the process is ours: see _load
    try:
        code: int = args.handler(args)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} found; nothing was written.",
            file=sys.stderr,
        )
        return EXIT_DATA
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"timeline: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TimelineError as error:
        print(f"timeline: {error}", file=sys.stderr)
        return EXIT_DATA
    except OSError as error:
        print(
            f"timeline: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    return code
