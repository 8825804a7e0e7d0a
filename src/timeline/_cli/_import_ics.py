"""`timeline import-ics`: `timeline import --format ics`, kept under its first name."""

from __future__ import annotations

from timeline._cli import _import
from timeline._cli._options import add_command

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from timeline._cli._options import Commands


#: How an import begins: -o may replace a file that begins so (an earlier import), no other.
IMPORTED = "# Imported by `timeline import-ics`"


def add(commands: Commands) -> None:
    parser = add_command(commands, "import-ics", run, "turn an .ics calendar into a TOML data file")
    parser.add_argument("file", metavar="FILE", help="the .ics file to read")
    _import.shared(parser)


def run(args: argparse.Namespace) -> int:
    """Turn a calendar's events (.ics) into a TOML data file to review and add to the data;
    the same as `timeline import FILE --format ics`. Example:
    timeline import-ics holidays.ics -o events/imported.toml
    """
    args.format = "ics"
    return _import.run(args)
