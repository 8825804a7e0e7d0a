"""`timeline check`: load and validate the data."""

from __future__ import annotations

from timeline._cli._options import EXIT_OK, add_command, add_data, load

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands


def add(commands: Commands) -> None:
    parser = add_command(commands, "check", run, "validate the data; exit 1 listing every problem")
    add_data(parser)
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing when the data is clean"
    )


def run(args: argparse.Namespace) -> int:
    """Load and validate the data; print every problem. Example: timeline check events"""
    timeline = load(args)
    if not args.quiet:
        print(
            f"{args.data}: {len(timeline)} events, {len(timeline.policies)} policies, "
            f"{len(timeline.actors)} actors, {len(timeline.sources)} sources: no problems"
        )
    return EXIT_OK
