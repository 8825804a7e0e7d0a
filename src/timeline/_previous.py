"""The site a build replaces (`timeline build --previous SITE`): what changed since it.

From the previous site the build reads its data (`timeline.json`), each calendar it is
about to write again (so SEQUENCE and LAST-MODIFIED say which events changed; a piece at a
time, as the new one is written) and its history of changes (`changes.json`). The diff
between the previous data and this build's becomes the newest entry of the history, which
the build writes with its page and Atom feed. The new site is written beside the old one
and replaces it only when whole, so SITE may be the folder being rebuilt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final

from timeline._diff import diff
from timeline._io import open_regular
from timeline._timeline import Timeline
from timeline.errors import DataError, SiteError
from timeline.report import _changelog, _changes

__all__ = ["OLD_NAME", "NEW_NAME", "PreviousSite"]

#: What the diff of a build calls the two sides.
OLD_NAME: Final = "the previous build"
NEW_NAME: Final = "this build"


class PreviousSite:
    """A site `timeline build` wrote: its data, and its files as they were."""

    def __init__(self, folder: str | Path) -> None:
        """Read the previous site's data and history.

        Raises:
            SiteError: `folder` is not a site timeline build wrote, or its history is not one.
        """
        from timeline.report._json import load_json

        self.root = Path(folder)
        if not self.root.is_dir():
            raise SiteError(
                f"--previous: {str(self.root)!r} is not a folder; give the site this build "
                "replaces (the -o of the last build), or leave --previous out for a first site"
            )
        data = self.root / "timeline.json"
        if not data.is_file():
            raise SiteError(
                f"--previous: {str(self.root)!r} has no timeline.json, so it is not a site "
                "timeline build wrote; give the -o of the last build, or leave --previous out"
            )
        try:
            self.timeline: Timeline = load_json(data)
        except DataError as error:
            raise SiteError(
                f"--previous: {str(data)!r} cannot be read back ({error.problems[0]}); "
                "give the site this build replaces, or leave --previous out"
            ) from error
        self.history = _changelog.read_history(self.root / _changelog.HISTORY)

    def calendar(self, relative: str) -> Path | None:
        """The file of a calendar of the site, or None when it had none there: the writer
        reads it a piece at a time as it writes the new one, so a large calendar is never
        held in memory (nor is it read before it is needed).

        Raises:
            SiteError: it is there but cannot be read, or is not a regular file.
        """
        path = self.root / relative
        if not path.exists():
            return None
        try:
            with open_regular(path):  # a FIFO or a device is refused now, and never hangs
                pass
        except OSError as error:
            raise SiteError(f"--previous: cannot read {str(path)!r}: {error.strerror}") from error
        return path

    def changelog(self, timeline: Timeline, stamp: dt.datetime) -> dict[str, str]:
        """The history with this build's changes first (when there are any), its page and
        its feed, by file name."""
        data = _changes.dump(diff(self.timeline, timeline), OLD_NAME, NEW_NAME)
        settings = timeline.settings
        entries = list(self.history)
        if data["changed"]:
            entries.insert(0, _changelog.entry(data, stamp, settings))
        entries = entries[: _changelog.KEEP]
        return {
            _changelog.HISTORY: _changelog.render_history(entries),
            _changelog.PAGE: _changelog.page(entries, settings),
            _changelog.FEED: _changelog.atom(entries, settings, stamp),
        }
