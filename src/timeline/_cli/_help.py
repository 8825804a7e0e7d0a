"""`timeline help`: the documentation pages that come with the program, read in a terminal.

The wheel ships docs/ inside the package (pyproject.toml's `force-include`), so the pages
are there after `pip install`; a source checkout reads them from docs/ beside src/.
"""

from __future__ import annotations

import sys

from timeline._cli._options import EXIT_OK, add_command
from timeline.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from timeline._cli._options import Commands


def add(commands: Commands) -> None:
    parser = add_command(commands, "help", run, "read the documentation: a page per topic")
    parser.set_defaults(writes=False)
    parser.add_argument(
        "topic", nargs="?", metavar="TOPIC", help="the page to print (default: list the topics)"
    )


def pages() -> dict[str, Path]:
    """Topic → its page: the docs shipped in the package, else those of a source checkout."""
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    for folder in (here / "docs", here.parent.parent / "docs"):
        found = {page.stem: page for page in sorted(folder.glob("*.md"))}
        if found:
            return found
    return {}


def run(args: argparse.Namespace) -> int:
    """Print a documentation page, or list them: the guide, the data format, the reports,
    calendars, policies and more. Example: timeline help format
    """
    found = pages()
    if args.topic is None:
        if not found:
            raise UsageError("the documentation is not installed with this copy of timeline")
        lines = ["Topics (timeline help TOPIC prints one):"]
        for name, page in found.items():
            title = page.read_text(encoding="utf-8").split("\n", 1)[0].lstrip("# ")
            lines.append(f"  {name:<13}{title}")
        print("\n".join(lines))
        return EXIT_OK
    if args.topic not in found:
        from timeline._text import did_you_mean

        raise UsageError(
            f"no help topic {args.topic!r}{did_you_mean(args.topic, found)}; "
            f"topics: {', '.join(found) or 'none installed'}"
        )
    sys.stdout.write(found[args.topic].read_text(encoding="utf-8"))
    return EXIT_OK
