"""`timeline diff`: what changed between two data folders, or a folder and its past."""

from __future__ import annotations

from timeline._cli._options import EXIT_DATA, EXIT_OK, add_command, add_output, emit, load
from timeline.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands
    from timeline._timeline import Timeline


def add(commands: Commands) -> None:
    parser = add_command(
        commands, "diff", run, "show what changed between two data folders (or a git revision)"
    )
    parser.add_argument(
        "folders",
        nargs="*",
        metavar="FOLDER",
        help="OLD NEW: two data folders (or JSON exports); with --rev, one folder "
        "(default: ./events)",
    )
    parser.add_argument(
        "--rev",
        metavar="REV",
        help="compare the folder as it was at this git revision (e.g. HEAD~1) with the folder "
        "as it is now",
    )
    parser.add_argument(
        "--format",
        choices=["text", "markdown", "json"],
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when there is a difference, 0 when there is none (like git diff)",
    )
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    """Show the events, policies, sources, actors and places added, removed and changed
    between two data folders, field by field, and the policy status changes that follow.
    With --rev, compare a folder with itself at a git revision. Example:
    timeline diff --rev HEAD~1 events --format markdown
    """
    from timeline._diff import diff
    from timeline.report import _changes

    old, new, old_name, new_name = _sides(args)
    changes = diff(old, new)
    data = _changes.dump(changes, old_name, new_name)
    render = {"json": _changes.render_json, "markdown": _changes.render_markdown}
    emit(args, render.get(args.format, _changes.render_text)(data))
    return EXIT_DATA if args.exit_code and not changes.empty else EXIT_OK


def _sides(args: argparse.Namespace) -> tuple[Timeline, Timeline, str, str]:
    """The two timelines to compare, and what to call each."""
    import argparse

    folders = list(args.folders)
    if args.rev is None:
        if len(folders) != 2:
            raise UsageError(
                "give two data folders, OLD then NEW (e.g. timeline diff old/events events), "
                "or one with --rev REV"
            )
        return (
            load(argparse.Namespace(**{**vars(args), "data": folders[0]})),
            load(argparse.Namespace(**{**vars(args), "data": folders[1]})),
            folders[0],
            folders[1],
        )
    if len(folders) > 1:
        raise UsageError("--rev compares one folder with its past: give one data folder")
    from timeline._cli._options import DEFAULT_DATA
    from timeline._revision import load_revision

    folder = folders[0] if folders else DEFAULT_DATA
    old = load_revision(folder, args.rev)  # first: a folder that is no repository says so
    new = load(argparse.Namespace(**{**vars(args), "data": folder}))
    return old, new, f"{folder} at {args.rev}", folder
