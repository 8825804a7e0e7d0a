"""A static site: the HTML report, calendar feeds, data downloads and a page per policy.

`build(timeline, "site")` writes, every file atomically:

    index.html               the HTML report, with links to everything below
    timeline.ics             every event as a calendar
    deadlines.ics            every later date on which a policy or provision starts to bind
    feeds/NAME.ics           each named feed of timeline.toml
    timeline.json            the lossless JSON export (docs/json-schema.json)
    timeline.csv             one row per event
    timelinejs.json          for Knight Lab's TimelineJS viewer
    policies/ID.html         one page per policy that has events: its report and history
    policies/ID.ics          that policy's events as a calendar

Given the site it replaces (`previous`), every calendar raises the SEQUENCE of the events
that changed, and the build adds what changed since (`timeline._previous`):

    changes.html             what each build changed, newest first
    changes.atom             the same as an Atom feed
    changes.json             the history both are made from

The same data and the same `SOURCE_DATE_EPOCH` give the same bytes (and, with it set, the
same file times; the deadline feed then starts from its day). The site is written into a new
folder beside the target and swapped in whole (`timeline._io.replaced_folder`): a reader sees
the old site or the new one, a failed build leaves the old one, and two builds of one folder
take turns. Files of an earlier build that this one does not write are dropped from `feeds/`
and `policies/` (they belong to records no longer there) and carried over anywhere else (a
CNAME, a robots.txt).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from timeline._clock import source_date_epoch
from timeline._ics._write import stamp_from_environment
from timeline._io import replaced_folder, write_atomic
from timeline._previous import PreviousSite
from timeline._timeline import Timeline
from timeline.errors import SiteError, UsageError
from timeline.report._changelog import FEED, PAGE

if TYPE_CHECKING:
    from timeline.report import _timelinejs as timelinejs

__all__ = ["SiteError", "build", "file_name"]

#: Names Windows reserves whatever their extension ("con.html" cannot be created there).
_RESERVED: Final = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
_MAX_NAME: Final = 100
_SAFE: Final = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")

_NAV_CSS: Final = """
nav.site { max-width: 1240px; margin: 0 auto; padding: 10px 20px; font-size: .9rem;
  border-bottom: 1px solid #d1d9e0; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
nav.site p { margin: 0; }
nav.site strong { font-weight: 600; }
@media print { nav.site { display: none; } }
"""


def file_name(record_id: str) -> str:
    """A file name stem for a record id, safe on every OS and unique per id.

    Ids are already lowercase slugs; Windows' reserved device names get a leading "_"
    (no id starts with one) and very long ids are shortened with a hash of the whole id.

    >>> file_name("us-chip-export-controls"), file_name("con"), file_name("aux.2025")
    ('us-chip-export-controls', '_con', '_aux.2025')
    """
    if not _SAFE.fullmatch(record_id):
        raise SiteError(f"{record_id!r} is not an id; ids are lowercase slugs such as 'us-2025'")
    stem = record_id
    if len(stem) > _MAX_NAME:
        digest = hashlib.sha256(record_id.encode()).hexdigest()[:12]
        stem = f"{stem[: _MAX_NAME - 13]}-{digest}"
    if stem.split(".", 1)[0] in _RESERVED:
        stem = "_" + stem
    return stem


def build(
    timeline: Timeline,
    out_dir: str | Path,
    *,
    lanes: str = "policy",
    history: Timeline | None = None,
    previous: str | Path | None = None,
    as_of: dt.date | None = None,
) -> list[str]:
    """Write the site for `timeline` into `out_dir` (created if missing).

    `history` is the unfiltered timeline when `timeline` is a filtered view: policy pages and
    state bands then fold every event of a policy, not only the shown ones. `previous` is
    the site this build replaces (it may be `out_dir`): calendars then say which events
    changed, and the changes page and feed are added. `as_of` is the day the deadline feed
    starts after (default: `SOURCE_DATE_EPOCH`'s day, else today).
    Returns the written files' paths relative to `out_dir`, sorted.

    Raises:
        SiteError: `out_dir` exists and is not a folder, or holds data files; or `previous`
            is not a site.
        ValueError: `lanes` is not policy, actor or jurisdiction.
        OSError: the folder cannot be written (nothing of the old site is changed then).
    """
    from timeline._load import READERS
    from timeline._paths import Inputs, check_target

    root = Path(out_dir)
    try:  # the command line checks more (its own inputs); a library call gets this much
        root = check_target(root, Inputs(suffixes=frozenset(READERS)), folder=True)
    except UsageError as error:
        raise SiteError(str(error)) from None
    history = timeline if history is None else history
    epoch = _epoch()
    with replaced_folder(root, carry=_carried) as staging:
        # Made under the site's lock: the previous site read here is the one this build
        # replaces, even when another build of the same folder was running.
        files = _render(timeline, history, lanes=lanes, previous=previous, as_of=as_of)
        for relative, data in sorted(files.items()):
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
            if epoch is not None:
                os.utime(path, (epoch, epoch))
    return sorted(files)


def _render(
    timeline: Timeline,
    history: Timeline,
    *,
    lanes: str,
    previous: str | Path | None,
    as_of: dt.date | None,
) -> dict[str, bytes | str]:
    """Every file of the site, by its path relative to the site's folder."""
    from timeline import _ics as ics
    from timeline.report import _csv as csv
    from timeline.report import _html as html_report
    from timeline.report import _json as json
    from timeline.report import _timelinejs as timelinejs

    before = None if previous is None else PreviousSite(previous)
    settings = timeline.settings
    feeds = {name: file_name(name) for name in settings.feeds}
    pages = {pid: file_name(pid) for pid in timeline.policies if _has_events(timeline, pid)}
    files: dict[str, bytes | str] = {}

    def was(relative: str) -> bytes | None:
        return None if before is None else before.calendar(relative)

    files["timeline.ics"] = ics.to_ics(timeline, previous=was("timeline.ics"))
    files["deadlines.ics"] = ics.deadlines_ics(
        history, policies=list(pages), as_of=as_of, previous=was("deadlines.ics")
    )
    for name, stem in feeds.items():
        title = settings.feeds[name].title or f"{settings.name}: {name}"
        files[f"feeds/{stem}.ics"] = ics.to_ics(
            timeline, feed=name, name=title, previous=was(f"feeds/{stem}.ics")
        )
    files["timeline.json"] = json.render(timeline)
    files["timeline.csv"] = csv.render(timeline)
    files["timelinejs.json"] = timelinejs.render(timeline, lanes=_lanes(lanes))
    if before is not None:
        changes = before.changelog(timeline, stamp_from_environment())
        nav = _nav(timeline, feeds, pages, prefix="", changes=True)
        files.update(changes)
        files[PAGE] = _with_nav(changes[PAGE], nav)

    index = html_report.render(timeline, lanes=lanes, history=history)
    nav = _nav(timeline, feeds, pages, prefix="", changes=before is not None)
    if before is not None:  # feed readers find the feed from the page
        title = html.escape(f"{settings.name}: what changed")
        index = index.replace(
            "</head>",
            f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{FEED}">'
            "\n</head>",
            1,
        )
    files["index.html"] = _with_nav(index, nav)
    for pid, stem in pages.items():
        policy = timeline.policies[pid]
        own = timeline.with_policy(pid)
        titled = attrs.evolve(
            own,
            settings=attrs.evolve(
                settings, name=policy.title, description=policy.summary, feeds={}
            ),
        )
        files[f"policies/{stem}.ics"] = ics.to_ics(
            own,
            name=f"{settings.name}: {policy.title}",
            description=policy.summary,
            previous=was(f"policies/{stem}.ics"),
        )
        page = html_report.render(titled, lanes=lanes, history=history)
        nav = _nav(timeline, feeds, pages, prefix="../", own=(pid, f"{stem}.ics"))
        files[f"policies/{stem}.html"] = _with_nav(page, nav)

    return files


def _carried(relative: str) -> bool:
    """Whether a file of the old site that this build did not write is kept: anything but
    the calendars and pages of `feeds/` and `policies/`, which belong to the build."""
    folder, _, name = relative.partition("/")
    return not (folder in ("feeds", "policies") and name.endswith((".ics", ".html")))


def _lanes(lanes: str) -> timelinejs.Lane:
    from timeline.report import _timelinejs as timelinejs

    if lanes not in timelinejs.LANES:
        raise ValueError(f"unknown lanes {lanes!r}; use one of {', '.join(timelinejs.LANES)}")
    return lanes


def _has_events(timeline: Timeline, policy_id: str) -> bool:
    return any(event.policy == policy_id for event in timeline)


def _epoch() -> int | None:
    """SOURCE_DATE_EPOCH as an int, when set (reproducible-builds.org)."""
    try:
        return source_date_epoch()
    except ValueError as error:
        raise SiteError(str(error)) from None


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def _nav(
    timeline: Timeline,
    feeds: Mapping[str, str],
    pages: Mapping[str, str],
    *,
    prefix: str,
    own: tuple[str, str] | None = None,
    changes: bool = False,
) -> str:
    """The site bar: on the index every calendar, data file and policy page; on a policy
    page (`own`: its id and calendar) the way back, its calendar and the other policies."""
    settings = timeline.settings
    parts = []
    if own is not None:
        parts.append(
            "<p>"
            + _link(f"{prefix}index.html", f"← {settings.name}")
            + " · "
            + _link(own[1], "This policy's calendar (.ics)")
            + "</p>"
        )
    if own is None:
        parts += _downloads(timeline, feeds)
    if changes:
        links = [_link(f"{prefix}{PAGE}", "What changed"), _link(f"{prefix}{FEED}", "Atom feed")]
        parts.append("<p><strong>Updates:</strong> " + " · ".join(links) + "</p>")
    if pages:
        policies = [
            _link(f"{prefix}policies/{stem}.html", timeline.policies[pid].title)
            for pid, stem in pages.items()
            if own is None or pid != own[0]
        ]
        if policies:
            label = "Policies" if own is None else "Other policies"
            parts.append(f"<p><strong>{label}:</strong> " + " · ".join(policies) + "</p>")
    return '<nav class="site" aria-label="Site">\n' + "\n".join(parts) + "\n</nav>\n"


def _downloads(timeline: Timeline, feeds: Mapping[str, str]) -> list[str]:
    """The index's links to every calendar and data file."""
    settings = timeline.settings
    parts = []
    calendars = [_link("timeline.ics", "All events"), _link("deadlines.ics", "Deadlines")]
    calendars += [
        _link(f"feeds/{stem}.ics", settings.feeds[name].title or name)
        for name, stem in feeds.items()
    ]
    parts.append("<p><strong>Calendars (.ics):</strong> " + " · ".join(calendars) + "</p>")
    downloads = [
        _link("timeline.json", "JSON"),
        _link("timeline.csv", "CSV"),
        _link("timelinejs.json", "TimelineJS"),
    ]
    parts.append("<p><strong>Data:</strong> " + " · ".join(downloads) + "</p>")
    return parts


def _with_nav(page: str, nav: str) -> str:
    """Put the site's links at the top of a report page, and their few lines of style."""
    head, body, rest = page.partition("\n<body>\n")
    if not body or "</head>" not in head:
        raise SiteError("the HTML report has no <body> to put the site's links in")
    head = head.replace("</head>", f"<style>{_NAV_CSS}</style>\n</head>", 1)
    return f"{head}{body}{nav}{rest}"
