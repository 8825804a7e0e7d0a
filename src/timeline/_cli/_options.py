"""What the commands share: adding a command, the DATA argument, the filters, -o, loading.

Imported on every run but `--version`, so nothing heavy at the top: what a command needs
is imported when it runs.

Nothing is lost or published by accident: `-o` is checked against what the command read
(`timeline._paths.check_target`), a filter value that matches nothing in the data is a usage
error naming the known values, and writing zero events needs `--allow-empty`.
"""

from __future__ import annotations

import sys

from timeline.errors import DataError, TimelineError, UsageError, WhenError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import datetime as dt
    from collections.abc import Callable, Collection, Iterable, Mapping
    from pathlib import Path
    from typing import BinaryIO

    from timeline._query import Filter
    from timeline._timeline import Timeline

    #: What `timeline COMMAND` is added to, and what runs it (it returns the exit code).
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
    Handler = Callable[[argparse.Namespace], int]

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "LANES",
    "QUIET_HELP",
    "add_command",
    "add_data",
    "add_allow_empty",
    "add_filters",
    "add_known_on",
    "add_lanes",
    "add_locale",
    "add_output",
    "add_width",
    "emit",
    "emit_stream",
    "filter_of",
    "known",
    "load",
    "locale_of",
    "output_target",
    "parse_day",
    "refuse_unknown",
    "require_events",
    "unknown_value",
    "width_of",
    "writes_file",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: The data folder a command reads when none is named.
DEFAULT_DATA = "events"
#: The kinds of swimlane (`timeline.report.Lanes`), kept here so that --help needs no import.
LANES = ("policy", "actor", "jurisdiction", "tag")


def add_command(
    commands: Commands, name: str, handler: Handler, summary: str
) -> argparse.ArgumentParser:
    """A command: `summary` in `timeline --help`, the handler's docstring in its own --help."""
    import argparse

    parser = commands.add_parser(name, help=summary, description=handler.__doc__)
    parser.set_defaults(handler=handler, command_parser=parser)  # its usage for its errors
    # Also before the command (`timeline -q check`); SUPPRESS keeps the one given there.
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=QUIET_HELP
    )
    return parser


#: What -q/--quiet does, wherever it is given.
QUIET_HELP = "no progress bar; check, build and init also print nothing on success"


def add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data",
        nargs="?",
        default=DEFAULT_DATA,
        metavar="DATA",
        help="the data folder (default: ./events)",
    )


def add_filters(parser: argparse.ArgumentParser) -> None:
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
        "--place", action="append", default=[], metavar="ID", help="events at this place"
    )
    group.add_argument(
        "--text",
        metavar="TEXT",
        help="events that contain TEXT (case-insensitive) in the id, title, summary, said "
        "phrase, quotes or tags",
    )


def add_locale(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--locale",
        metavar="LANG",
        help="the language of dates, headings and states: en, fr, de, es, pt, zh or ja, "
        "optionally with a region such as pt_BR (default: timeline.toml's locale, else en)",
    )


def locale_of(args: argparse.Namespace, timeline: Timeline | None = None) -> str | None:
    """The locale the command writes in (normalised; None for English): --locale, else the
    timeline's `locale` setting. An unknown one, or one that needs Babel when it is not
    installed, is a usage error. Called once before loading (with no timeline) to refuse
    a bad --locale before the data is read."""
    from timeline._locale import babel, chosen

    default = None if timeline is None else timeline.settings.locale
    try:
        tag = chosen(args.locale, default)
    except ValueError as error:
        raise UsageError(f"--locale: {error}") from None
    if tag is not None:
        babel()  # a usage error that names the install command when Babel is missing
    return tag


def add_allow_empty(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-empty",
        action="store_true",
        help="write the output even when no event is left to write (refused otherwise)",
    )


def add_lanes(parser: argparse.ArgumentParser, help: str, default: str | None = None) -> None:
    """--lanes: what the chart's swimlanes (and TimelineJS's groups) are."""
    parser.add_argument("--lanes", choices=LANES, default=default, help=help)


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout"
    )


def add_width(parser: argparse.ArgumentParser, *, chart: bool = False) -> None:
    """--width: the text's columns; with `chart`, also the svg and html chart's pixels."""
    text = (
        "lay the text out for N columns, 40 or more (default: COLUMNS or the terminal's "
        "width; 80 when piped or with -o; 0: each item on one line)"
    )
    if chart:
        text += "; svg and html: the chart's width in pixels (default: 1200; 480 to 20000)"
    parser.add_argument("--width", type=int, metavar="N", help=text)


def width_of(args: argparse.Namespace) -> int | None:
    """The columns the text goes in: --width, else COLUMNS or the terminal's width (at
    least 40), else 80; None for --width 0 (each item on one line). A --width other than
    text's is a usage error, as is one too narrow."""
    from timeline.report._text import NARROWEST, WIDTH

    width: int | None = args.width
    if width is not None and args.format != "text":
        raise UsageError(f"--width goes with --format text, not {args.format}")
    if width == 0:
        return None
    if width is not None:
        if width < NARROWEST:
            raise UsageError(
                f"--width {width} is too narrow; give {NARROWEST} or more (0: one line per item)"
            )
        return width
    if writes_file(args):
        return WIDTH
    import shutil

    # COLUMNS first, then the terminal stdout is, then 80 (piped output has no terminal).
    return max(shutil.get_terminal_size((WIDTH, 24)).columns, NARROWEST)


def add_known_on(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--known-on",
        metavar="DATE",
        help="only what was known at the end of this day, YYYY-MM-DD: the events whose "
        "sources were published (or that were recorded) by then",
    )


def parse_day(option: str, value: str) -> dt.date:
    """A YYYY-MM-DD option value; anything else is a usage error naming the option."""
    from timeline._model import to_day

    try:
        return to_day(value)
    except (TypeError, ValueError):
        raise UsageError(
            f"{option}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-12-31"
        ) from None


def known(args: argparse.Namespace, timeline: Timeline) -> Timeline:
    """The timeline as known on --known-on's day, or the whole of it without the option."""
    if getattr(args, "known_on", None) is None:
        return timeline
    return timeline.known_on(parse_day("--known-on", args.known_on))


def filter_of(args: argparse.Namespace) -> Filter:
    """The `Filter` the filter options ask for; a bad --from/--to, or a --from after the
    --to, is a usage error."""
    from timeline._query import Filter

    try:
        criteria = Filter.build(
            start=args.start,
            end=args.end,
            tags=args.tag,
            actors=args.actor,
            policies=args.policy,
            jurisdictions=args.jurisdiction,
            places=args.place,
            text=args.text,
        )
    except WhenError as error:
        raise UsageError(f"--from/--to: {error}") from error
    start, end = criteria.start, criteria.end
    if start is not None and end is not None and start.sort_key()[0] > end.sort_key()[1]:
        raise UsageError(
            f"--from {args.start} is after --to {args.end}: no event can be in both; "
            "swap them or widen one"
        )
    return criteria


def require_events(args: argparse.Namespace, selected: Timeline, total: int, what: str) -> None:
    """Refuse to write `what` with no event in it unless --allow-empty: an empty calendar or
    report published by mistake replaces a good one for every reader."""
    if len(selected) or getattr(args, "allow_empty", False):
        return
    why = "the data holds no events" if not total else f"the filters keep none of {total} events"
    raise TimelineError(
        f"no events to write ({why}); nothing was written: pass --allow-empty to write "
        f"{what} anyway"
    )


def refuse_unknown(timeline: Timeline, criteria: Filter) -> None:
    """Refuse a filter value the data never uses, with the one it most likely means and the
    values it does hold: a typo would otherwise match nothing and look like an answer (or
    publish an empty calendar)."""
    asked: list[tuple[str, Iterable[str], Callable[[], Collection[str]], str]] = [
        (
            "--tag",
            criteria.tags,
            lambda: {t for e in timeline for t in e.tags},
            "no event has the tag",
        ),
        ("--actor", criteria.actors, lambda: timeline.actors.keys(), "no actor with id"),
        ("--policy", criteria.policies, lambda: timeline.policies.keys(), "no policy with id"),
        (
            "--jurisdiction",
            criteria.jurisdictions,
            lambda: {p.jurisdiction for p in timeline.policies.values() if p.jurisdiction},
            "no policy has the jurisdiction",
        ),
        ("--place", criteria.places, lambda: timeline.places.keys(), "no place with id"),
    ]
    for option, values, known_of, wording in asked:
        known: Collection[str] | None = None
        for value in values:
            known = known_of() if known is None else known
            if value not in known:
                raise UsageError(unknown_value(option, wording, value, known))


def unknown_value(option: str, wording: str, value: str, known: Collection[str]) -> str:
    """'--tag: no event has the tag 'x' (did you mean 'y'?); known: a, b, c'."""
    from timeline._text import did_you_mean

    listed = sorted(known)
    shown = ", ".join(listed[:12]) or "none"
    if len(listed) > 12:
        shown += f" and {len(listed) - 12} more"
    return f"{option}: {wording} {value!r}{did_you_mean(value, listed)}; known: {shown}"


def load(args: argparse.Namespace) -> Timeline:
    """Load the DATA folder (`args.data`), noting what it read in `args.inputs` so that no
    output of the command can replace it."""
    try:
        timeline = _load(args)
    except DataError as error:
        from pathlib import Path

        if args.data != DEFAULT_DATA or Path(args.data).exists():
            raise
        # The default folder is missing: most likely the command runs in another folder.
        (problem,) = error.problems
        problem.message += (
            f"; name the folder to read after the command: timeline {args.command} FOLDER"
        )
        raise DataError([problem]) from None
    from timeline._load import inputs

    args.inputs = inputs(args.data, timeline.sources.values())
    return timeline


def _load(args: argparse.Namespace) -> Timeline:
    from pathlib import Path

    from timeline._cli._progress import bar_for
    from timeline._load import load

    bar = bar_for(args, Path(args.data).name or args.data)  # None unless stderr is a terminal
    try:
        if not getattr(args, "program", False):
            timeline = load(args.data, progress=bar)
        else:
            # Run as the program, the loaded data lives until the process exits: move it out
            # of the cyclic collector's sight (gc.freeze) rather than have every later
            # collection, and the one at exit, walk millions of records again. A fifth of a
            # large export's time.
            import gc

            gc.disable()
            try:
                timeline = load(args.data, progress=bar)
            finally:
                gc.freeze()
                gc.enable()
    finally:
        if bar is not None:
            bar.close()
    return timeline


def writes_file(args: argparse.Namespace) -> bool:
    """Whether -o names a file (rather than stdout, which it is when left out or "-")."""
    return bool(args.output) and args.output != "-"


def output_target(
    args: argparse.Namespace,
    *,
    folder: bool = False,
    data: str | None = None,
    reads: Mapping[str, str] | None = None,
) -> Path:
    """Where -o may be written, given what the command read (`load`'s inputs and `reads`,
    path → what it is); a usage error says why when it may not. See `_paths.check_target`."""
    from timeline._paths import Inputs, check_target

    found = getattr(args, "inputs", None) or Inputs()
    for path, what in (reads or {}).items():
        found = found.with_file(path, what)
    try:
        return check_target(args.output, found, folder=folder, data=data)
    except UsageError as error:
        raise UsageError(f"-o {error}") from None


def emit(
    args: argparse.Namespace,
    text: str | bytes,
    *,
    data: str | None = None,
    reads: Mapping[str, str] | None = None,
) -> None:
    """Write to -o atomically (once `output_target` allows it), or to stdout. A command
    that writes data gives `data`, the first line of what it writes (see `output_target`)."""
    if writes_file(args):
        from timeline._io import write_atomic

        write_atomic(output_target(args, data=data, reads=reads), text)
        return
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _on_stdout(error) from error


def emit_stream(
    args: argparse.Namespace,
    write: Callable[[BinaryIO], object],
    *,
    data: str | None = None,
    reads: Mapping[str, str] | None = None,
) -> None:
    """Have `write` write bytes to -o atomically, or to stdout, as it makes them (`data` and
    `reads` as for `emit`)."""
    if writes_file(args):
        from timeline._io import atomic_writer

        with atomic_writer(output_target(args, data=data, reads=reads)) as out:
            write(out)
        return
    try:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _on_stdout(error) from error


def _on_stdout(error: OSError) -> OSError:
    """A failed write to stdout (a full disk behind a redirect) names it."""
    from timeline._io import named

    return named(error, "<stdout>")
