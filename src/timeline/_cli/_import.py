"""`timeline import`: a spreadsheet, TimelineJS sheet or JSON, calendar, rule register or
measures table as a TOML data file to review (`import-ics` is the calendar-only alias)."""

from __future__ import annotations

import sys

from timeline._cli._options import (
    EXIT_OK,
    add_command,
    add_output,
    emit_stream,
    output_target,
    writes_file,
)
from timeline.errors import TimelineError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path
    from typing import BinaryIO

    from timeline._cli._options import Commands
    from timeline._imported import Imported

_FORMATS = ("auto", "csv", "xlsx", "timelinejs", "ics", "federal-register", "measures")


def add(commands: Commands) -> None:
    parser = add_command(
        commands, "import", run, "turn a spreadsheet, TimelineJS, calendar or register into TOML"
    )
    parser.add_argument("file", metavar="FILE", help="the file to read")
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        default="auto",
        help="what FILE is (default: auto, from its extension and content)",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read COLUMN as FIELD (date, title, summary, tags, …; 'ignore' to skip it)",
    )
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        help="read 8/2/2024 as 8 February 2024",
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="read 8/2/2024 as August 2, 2024",
    )
    shared(parser)


def shared(parser: argparse.ArgumentParser) -> None:
    """What `import` and `import-ics` both take."""
    parser.add_argument(
        "--source", metavar="ID", help="id of the source the events cite (default: from FILE)"
    )
    parser.add_argument(
        "--zone",
        default="UTC",
        metavar="ZONE",
        help="IANA zone of times without one (default: UTC)",
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="the data folder to add to: its records are referred to, its ids never reused "
        "(default: the folder of -o or the nearest above it with a timeline.toml, else ./events)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the file -o names if it exists"
    )
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    """Turn a file you already keep into a TOML data file to review and add to the data:
    spreadsheets (CSV, .xlsx, any header row, TimelineJS's template), TimelineJS JSON,
    calendars (.ics), Federal Register documents.json, measures tables. Prints the TOML
    (or writes -o, never over a file without --force), then what was skipped and why.
    Example: timeline import timeline.xlsx -o events/imported.toml
    """
    from pathlib import Path

    from timeline._import import import_file

    folder = _data_folder(args)
    out = Path(args.output) if writes_file(args) else None
    # -o's own folder with no settings is a new data folder (or a scratch one such as /tmp,
    # with stray files): nothing under it is read.
    existing = folder if args.data or _has_settings(folder) else None
    if out is not None and out.exists() and not args.force:
        raise UsageError(f"{out} exists; give --force to replace it (nothing was written)")
    from timeline._cli._progress import bar_for

    bar = bar_for(args, Path(args.file).name, "rows")
    try:
        imported = import_file(
            args.file,
            format=getattr(args, "format", "auto"),
            data=existing,
            source=args.source,
            columns=getattr(args, "map", []),
            dayfirst=getattr(args, "dayfirst", None),
            zone=args.zone,
            progress=bar,
        )
    finally:
        if bar is not None:
            bar.close()
    _report(imported)
    if not imported.events:
        raise TimelineError(f"{args.file}: no event could be imported; nothing was written")
    reads = {str(args.file): "the file it imports"}  # never -o, even with --force

    from timeline.report import write_pieces

    def toml(to: BinaryIO) -> None:  # a record at a time: a million need not be one string
        write_pieces(to, imported.toml_pieces())

    if out is None or args.force:
        emit_stream(args, toml, data="", reads=reads)  # stdout, or -o replaced
    else:
        _write_new(output_target(args, data="", reads=reads), toml)
    _settings(imported, folder, out)
    where = f"{out}: " if out is not None else ""
    print(f"timeline: {where}{imported.summary}", file=sys.stderr)
    return EXIT_OK


def _data_folder(args: argparse.Namespace) -> Path | None:
    """--data, else the data folder -o writes into (the nearest with a timeline.toml, else
    -o's own folder, a new one), else ./events if there is one."""
    from pathlib import Path

    if args.data:
        return Path(args.data)
    if writes_file(args):
        here = Path(args.output).resolve().parent
        for folder in (here, *here.parents):
            if (folder / "timeline.toml").is_file():
                return folder
        return here
    events = Path("events")
    return events if events.is_dir() else None


def _has_settings(folder: Path | None) -> bool:
    return folder is not None and (folder / "timeline.toml").is_file()


def _report(imported: Imported) -> None:
    """What was changed or skipped; these quote the file, so never its raw controls."""
    from timeline._text import printable

    for warning in imported.warnings:
        print(printable(f"timeline: warning: {warning}"), file=sys.stderr)
    for skipped in imported.skipped:
        print(printable(f"timeline: skipped: {skipped}"), file=sys.stderr)


def _write_new(out: Path, text: Callable[[BinaryIO], object]) -> None:
    """Write -o atomically, only if nothing appeared there since the check at the start."""
    from timeline._io import write_new

    try:
        write_new(out, text)
    except FileExistsError:
        raise UsageError(
            f"{out} exists; give --force to replace it (nothing was written)"
        ) from None


def _settings(imported: Imported, folder: Path | None, out: Path | None) -> None:
    """The file's title as the data folder's timeline.toml: written when the folder has
    none and -o writes into it, else printed as a suggestion."""
    text = imported.settings_toml()
    if text is None:
        return
    target = None if folder is None else folder / "timeline.toml"
    if target is not None and out is not None and not target.exists():
        from timeline._io import write_new

        try:
            write_new(target, text)
        except FileExistsError:
            pass
        else:
            print(
                f"timeline: {target}: the timeline's name and description, from the file's title",
                file=sys.stderr,
            )
            return
    print(
        "timeline: the file's title, for timeline.toml (not written):\n"
        + "".join(f"    {line}\n" for line in text.splitlines()),
        file=sys.stderr,
        end="",
    )
