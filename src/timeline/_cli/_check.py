"""`timeline check`: load and validate the data."""

from __future__ import annotations

from timeline._cli._options import EXIT_OK, add_command, add_data, load

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands


def add(commands: Commands) -> None:
    parser = add_command(commands, "check", run, "validate the data; exit 1 listing every problem")
    parser.set_defaults(writes=False)  # so a data problem does not say "nothing was written"
    add_data(parser)


def run(args: argparse.Namespace) -> int:
    """Load and validate the data; print every problem. Example: timeline check events"""
    from timeline._text import counted

    timeline = load(args)
    if not args.quiet:
        print(
            f"{args.data}: {counted(len(timeline), 'event')}, "
            f"{counted(len(timeline.policies), 'policy', 'policies')}, "
            f"{counted(len(timeline.actors), 'actor')}, "
            f"{counted(len(timeline.sources), 'source')}: no problems"
        )
    return EXIT_OK
