"""`timeline init`: a new data folder that passes `timeline check` at once.

What a new user starts from instead of an empty folder and the format reference: the
settings, one source with its text, an actor, a policy and three events at three
precisions, each quoting the source word for word, with comments that say where each
field is described. The folder is filled beside its place and renamed into it, so a
failure leaves nothing half-written, and nothing that exists is ever replaced.
"""

from __future__ import annotations

import sys

from timeline._cli._options import EXIT_OK, add_command
from timeline.errors import UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path

    from timeline._cli._options import Commands

#: Where the source's text goes, inside the new folder.
_TEXT = "sources/eu-ai-act-notes.txt"


def add(commands: Commands) -> None:
    parser = add_command(commands, "init", run, "start a data folder that passes check at once")
    parser.add_argument(
        "folder",
        nargs="?",
        default="events",
        metavar="DIR",
        help="the folder to create; it must not exist or be empty (default: ./events)",
    )
    parser.add_argument(
        "--name", help="the timeline's name (default: from DIR's name; asked on a terminal)"
    )
    parser.add_argument(
        "--domain",
        help="a domain you control, for calendar UIDs (default: timeline.invalid; asked on a "
        "terminal)",
    )
    parser.add_argument(
        "--zone",
        help="the IANA zone in which a date stands for its whole day (default: UTC; asked on "
        "a terminal)",
    )


def run(args: argparse.Namespace) -> int:
    """Create DIR with a timeline.toml (name, domain, zone: asked for when stdin is a
    terminal and not given), one source with a short text, one actor, one policy and three
    events at a day, a month and a season, each quoting the source, with comments that point
    to the format reference (timeline help format). Refuses a DIR that is not empty.
    Example: timeline init my-timeline && timeline check my-timeline
    """
    from pathlib import Path

    folder = Path(args.folder)
    _refuse_taken(folder)
    _refuse_nested(folder)
    default_name = _default_name(folder)
    ask = _asker()
    name = _value(args.name, "--name", "Name", default_name, _check_name, ask)
    domain = _value(args.domain, "--domain", "Domain", "timeline.invalid", _check_domain, ask)
    zone = _value(args.zone, "--zone", "Time zone", "UTC", _check_zone, ask)
    files = texts(name=name, domain=domain, zone=zone, folder_name=folder.resolve().name)
    _write(folder, files)
    if not getattr(args, "quiet", False):
        print(
            f"{folder}: a new data folder with {len(files)} files; check it with "
            f"`timeline check {folder}`, then edit it (`timeline help format`)"
        )
    return EXIT_OK


def _refuse_taken(folder: Path) -> None:
    """A usage error unless `folder` is missing or an empty folder."""

    from timeline._io import kind_of

    try:
        mode = folder.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise UsageError(f"{str(folder)!r}: {error.strerror}") from None
    kind = kind_of(mode)
    if kind != "a folder":
        what = "a file" if kind is None else kind
        raise UsageError(
            f"{str(folder)!r} is {what}, not a folder; give a new folder: timeline init NEW"
        )
    try:
        entries = sorted(entry.name for entry in folder.iterdir())
    except OSError as error:
        raise UsageError(f"{str(folder)!r}: {error.strerror}") from None
    if entries:
        shown = ", ".join(repr(e) for e in entries[:3]) + (", …" if len(entries) > 3 else "")
        raise UsageError(
            f"{str(folder)!r} is not empty (it holds {shown}); init never writes over "
            "anything: give a new or empty folder, e.g. timeline init my-timeline"
        )


def _refuse_nested(folder: Path) -> None:
    """A usage error if `folder` would be inside another data folder (one with a
    timeline.toml above it): that folder's load would read the new files as its own."""
    for parent in folder.resolve().parents:
        if (parent / "timeline.toml").is_file():
            raise UsageError(
                f"{str(folder)!r} is inside the data folder {str(parent)!r} (it has a "
                "timeline.toml), which would read the new files as its own records: give a "
                "folder outside it"
            )


def _default_name(folder: Path) -> str:
    """'my-policies' → 'My policies'; 'Timeline' when the name says nothing."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Timeline"


def _asker() -> Callable[[str], str] | None:
    """`input` when stdin and stdout are terminals (so a person is there to answer)."""
    try:
        if sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty():
            return input
    except (AttributeError, ValueError):
        pass
    return None


def _value(
    given: str | None,
    option: str,
    label: str,
    default: str,
    check: Callable[[str], str | None],
    ask: Callable[[str], str] | None,
) -> str:
    """The option's value if given (a usage error if bad), else the answer to a prompt on
    a terminal (asked again while bad), else the default."""
    from timeline._text import printable

    if given is not None:
        problem = check(given)
        if problem is not None:
            raise UsageError(f"{option} {given!r}: {problem}")
        return given
    if ask is None:
        return default
    while True:
        try:
            answer = ask(f"{label} [{printable(default)}]: ").strip() or default
        except EOFError:
            raise UsageError(f"no answer for {option}; nothing was written") from None
        problem = check(answer)
        if problem is None:
            return answer
        print(f"  {printable(answer)!r}: {problem}", file=sys.stderr)


def _check_name(value: str) -> str | None:
    from timeline._model import Settings

    if not value.strip():
        return "give a name (it titles the reports and calendars)"
    return _settings_problem(lambda: Settings(name=value))


def _check_zone(value: str) -> str | None:
    from timeline._model import Settings

    return _settings_problem(lambda: Settings(timezone=value))


def _check_domain(value: str) -> str | None:
    import re

    if re.fullmatch(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}", value):
        return None
    return "is not a domain name such as example.org (letters, digits, '-' and dots)"


def _settings_problem(make: Callable[[], object]) -> str | None:
    from timeline.errors import TimelineError

    try:
        make()
    except (TimelineError, ValueError, TypeError) as error:
        return str(error)
    return None


def _write(folder: Path, files: dict[str, str]) -> None:
    """Fill a new folder beside `folder`, then rename it into place: rename never replaces
    a folder that is not empty, so whatever appeared there meanwhile is kept."""
    import errno
    import os
    import secrets
    import shutil

    from timeline._io import write_new

    parent = folder.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    aside = parent / f".{folder.absolute().name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    aside.mkdir()
    try:
        for relative, text in files.items():
            path = aside / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            write_new(path, text)
        try:
            aside.rename(folder)
        except OSError as error:
            if error.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
                _refuse_taken(folder)  # says what is there now
            raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def texts(*, name: str, domain: str, zone: str, folder_name: str) -> dict[str, str]:
    """The new folder's files (path inside it → text). `folder_name` is the folder's own
    name: a source's `file` is written relative to the folder that holds the data folder."""
    from timeline._toml import string

    settings = _SETTINGS.format(name=string(name), domain=string(domain), zone=string(zone))
    sources = _SOURCES.format(file=string(f"{folder_name}/{_TEXT}"))
    return {
        "timeline.toml": settings,
        "sources.toml": sources,
        "actors.toml": _ACTORS,
        "policies.toml": _POLICIES,
        "events.toml": _EVENTS,
        _TEXT: _SOURCE_TEXT,
    }


_SETTINGS = """\
# The timeline's settings (written by `timeline init`).
#
# Every record kind and field is described in the format reference: docs/format.md, or
# `timeline help format` in a terminal. Check the folder after each edit: timeline check DIR

# The name of the timeline: the title of its reports and calendars.
name = {name}
# A domain you control: every calendar event's UID ends in it. Set it before you publish.
domain = {domain}
# The IANA zone in which a date such as 2024-08-01 stands for its whole day.
timezone = {zone}

# Named calendar feeds: `timeline ics --feed NAME` (see "timeline.toml: settings" in the
# format reference).
[feeds.eu-ai-act]
title = "EU AI Act"
policy = "eu-ai-act"
"""

_SOURCES = """\
# Sources: the documents events cite (`[[source]]` in the format reference,
# docs/format.md or `timeline help format`).
#
# A source with a `file` lets events quote it: `timeline check` finds each quote in the
# file, word for word. The path is relative to the folder that holds this data folder, so
# rename the folder and you change the path too.

[[source]]
id = "eu-ai-act-notes"
title = "Notes on the EU Artificial Intelligence Act (an example from timeline init)"
file = {file}
url = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
language = "en"
note = "Example notes; the dates are those of Regulation (EU) 2024/1689 as EUR-Lex records it."
"""

_ACTORS = """\
# Actors: the people and organisations events name (`[[actor]]` in the format reference,
# docs/format.md or `timeline help format`).

[[actor]]
id = "european-commission"
name = "European Commission"
kind = "organization"
aliases = ["Commission"]
description = "The EU's executive; it proposes legislation."
"""

_POLICIES = """\
# Policies: what can be in force or not; events change them (`[[policy]]` in the format
# reference, docs/format.md or `timeline help format`; each step in docs/policies.md, or
# `timeline help policies`).

[[policy]]
id = "eu-ai-act"
title = "EU Artificial Intelligence Act"
jurisdiction = "EU"
summary = "Regulation (EU) 2024/1689: harmonised rules on artificial intelligence."
tags = ["ai", "regulation"]
url = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
"""

_EVENTS = """\
# Events: what happened, when, at the precision the source gives (`[[event]]` and `When`
# in the format reference, docs/format.md or `timeline help format`).
#
# Three precisions: a season ("2021-21" is spring 2021), a month ("2023-12") and a day
# ("2024-08-01"). Never write a day the source does not give. Each event quotes its source
# word for word; `said` keeps the source's own words for the date.

[[event]]
id = "ai-act-proposed"
title = "The Commission proposes the Artificial Intelligence Act"
when = "2021-21"
said = "in spring 2021"
actors = ["european-commission"]
policy = "eu-ai-act"
effect = "proposed"
tags = ["ai", "regulation"]
[[event.cite]]
source = "eu-ai-act-notes"
quote = "The European Commission proposed the Artificial Intelligence Act in spring 2021."

[[event]]
id = "ai-act-provisional-agreement"
title = "Parliament and Council reach a provisional agreement on the AI Act"
when = "2023-12"
said = "in December 2023"
policy = "eu-ai-act"
effect = "announced"
tags = ["ai", "regulation"]
[[event.cite]]
source = "eu-ai-act-notes"
quote = "reached a provisional agreement on the act in December 2023"

[[event]]
id = "ai-act-in-force"
title = "The AI Act enters into force"
when = "2024-08-01"
said = "on 1 August 2024"
policy = "eu-ai-act"
effect = "effective"
tags = ["ai", "regulation"]
[[event.cite]]
source = "eu-ai-act-notes"
quote = "The act entered into force on 1 August 2024."
"""

_SOURCE_TEXT = """\
Notes on the EU Artificial Intelligence Act

These notes were written by timeline init as an example source. Replace them with the text
of a document you cite: every quote in the data must be found in its source's file, word
for word.

The European Commission proposed the Artificial Intelligence Act in spring 2021. The
European Parliament and the Council of the EU reached a provisional agreement on the act in
December 2023. The act entered into force on 1 August 2024.
"""
