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
    policies.html            the index of the policy pages
    years/YEAR.html          past 1,000 events, the list is paged: a page per year (in
                             parts of 1,000 events: YEAR-2.html, ...), the index links them

Given the site it replaces (`previous`), every calendar raises the SEQUENCE of the events
that changed, and the build adds what changed since (`timeline._previous`):

    changes.html             what each build changed, newest first
    changes.atom             the same as an Atom feed
    changes.json             the history both are made from

The same data and the same `SOURCE_DATE_EPOCH` give the same bytes (and, with it set, the
same file times; the deadline feed then starts from its day). The site is written into a new
folder beside the target and swapped in whole (`timeline._io.replaced_folder`): a reader sees
the old site or the new one, a failed build leaves the old one, and two builds of one folder
take turns. Files of an earlier build that this one does not write are dropped from `feeds/`,
`policies/` and `years/` (they belong to records no longer there) and carried over anywhere
else (a CNAME, a robots.txt). Every page is linear in what it shows: a policy page links to
the policy index rather than to every other policy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, TypeAlias

import attrs

from timeline._clock import source_date_epoch
from timeline._ics._write import stamp_from_environment
from timeline._io import atomic_writer, replaced_folder, write_atomic
from timeline._locale import chosen, message
from timeline._model import Event
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

#: A file's contents, or what writes them to the open file a piece at a time: the calendars
#: and data exports of a million events are streamed, never held whole in memory.
Contents: TypeAlias = str | bytes | Callable[[BinaryIO], None]
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
    locale: str | None = None,
    previous: str | Path | None = None,
    as_of: dt.date | None = None,
) -> list[str]:
    """Write the site for `timeline` into `out_dir` (created if missing).

    `history` is the unfiltered timeline when `timeline` is a filtered view: policy pages and
    state bands then fold every event of a policy, not only the shown ones. `locale` is the
    language of the pages and the calendars' text (default: the timeline's `locale`).
    `previous` is the site this build replaces (it may be `out_dir`): calendars then say
    which events changed, and the changes page and feed are added. `as_of` is the day the
    deadline feed starts after (default: `SOURCE_DATE_EPOCH`'s day, else today).
    Returns the written files' paths relative to `out_dir`, sorted.

    Raises:
        SiteError: `out_dir` exists and is not a folder, or holds data files; or `previous`
            is not a site.
        ValueError: `lanes` is not policy, actor, jurisdiction or tag, or the locale is not
            supported.
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
    _lanes(lanes)
    written: list[str] = []
    epoch = _epoch()
    with replaced_folder(root, carry=_carried) as staging:
        # Each file is written as soon as it is made, so memory holds one page at a time;
        # made under the site's lock, so the previous site read here is the one this build
        # replaces, even when another build of the same folder was running.
        files = _files(timeline, lanes, history, locale, previous=previous, as_of=as_of)
        for relative, data in files:
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if callable(data):
                with atomic_writer(path) as out:
                    data(out)
            else:
                write_atomic(path, data)
            if epoch is not None:
                os.utime(path, (epoch, epoch))
            written.append(relative)
    return sorted(written)


def _files(
    timeline: Timeline,
    lanes: str,
    history: Timeline,
    locale: str | None,
    *,
    previous: str | Path | None = None,
    as_of: dt.date | None = None,
) -> Iterator[tuple[str, Contents]]:
    """Every file of the site, path and contents, one at a time. Each page is linear in what
    it shows: a policy page links to the policy index, not to every other policy; a year
    page links to the policy pages instead of repeating each policy."""
    from timeline import _ics as ics
    from timeline.report import _csv as csv
    from timeline.report import _html as html_report
    from timeline.report import _json as json
    from timeline.report import _timelinejs as timelinejs
    from timeline.report import write_pieces

    settings = timeline.settings
    tag = chosen(locale, settings.locale)
    feeds = {name: file_name(name) for name in settings.feeds}
    own_events: dict[str, list[Event]] = {}
    for event in timeline:
        if event.policy is not None:
            own_events.setdefault(event.policy, []).append(event)
    pages = {pid: file_name(pid) for pid in timeline.policies if pid in own_events}
    count = len(pages)
    before = None if previous is None else PreviousSite(previous)

    def was(relative: str) -> Path | None:
        return None if before is None else before.calendar(relative)

    def pieces(made: Iterator[str]) -> Callable[[BinaryIO], None]:
        return partial(write_pieces, texts=made)

    yield (
        "timeline.ics",
        partial(ics.write_ics, timeline, locale=locale, previous=was("timeline.ics")),
    )
    yield (
        "deadlines.ics",
        ics.deadlines_ics(
            history, policies=list(pages), as_of=as_of, locale=locale, previous=was("deadlines.ics")
        ),
    )
    for name, stem in feeds.items():
        title = settings.feeds[name].title or f"{settings.name}: {name}"
        yield (
            f"feeds/{stem}.ics",
            partial(
                ics.write_ics,
                timeline,
                feed=name,
                name=title,
                locale=locale,
                previous=was(f"feeds/{stem}.ics"),
            ),
        )
    yield "timeline.json", pieces(json.pieces(timeline))
    yield "timeline.csv", pieces(csv.pieces(timeline))
    yield "timelinejs.json", pieces(timelinejs.pieces(timeline, lanes=_lanes(lanes)))

    years = _year_pages(timeline, tag)
    listed = {e.id: path for path, _, chunk in years for e in chunk} if years else None
    changed = before is not None
    if before is not None:
        changes = before.changelog(timeline, stamp_from_environment())
        nav = _nav(timeline, feeds, count, tag, prefix="", years=years, changes=True)
        for relative, data in changes.items():
            yield relative, _with_nav(data, nav) if relative == PAGE else data
    index = html_report.render(timeline, lanes=lanes, history=history, pages=listed, locale=locale)
    if changed:  # feed readers find the feed from the page
        title = html.escape(f"{settings.name}: what changed")
        index = index.replace(
            "</head>",
            f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{FEED}">'
            "\n</head>",
            1,
        )
    nav = _nav(timeline, feeds, count, tag, prefix="", years=years, changes=changed)
    yield "index.html", _with_nav(index, nav)
    up_to_policies = {pid: f"../policies/{stem}.html" for pid, stem in pages.items()}
    for n, (relative, heading, chunk) in enumerate(years):
        part = attrs.evolve(
            timeline,
            events=chunk,
            settings=attrs.evolve(
                settings, name=message(tag, "labelled", label=settings.name, text=heading), feeds={}
            ),
        )
        page = html_report.render(
            part,
            lanes=lanes,
            history=history,
            in_force=False,
            policy_pages=up_to_policies,
            locale=locale,
        )
        around = (years[n - 1][:2] if n else None, years[n + 1][:2] if n + 1 < len(years) else None)
        nav = _nav(timeline, feeds, count, tag, prefix="../", around=around)
        yield relative, _with_nav(page, nav)

    history_of: dict[str, list[Event]] = {}
    for event in history:
        if event.policy in pages:
            history_of.setdefault(event.policy, []).append(event)
    up = {event_id: f"../{path}" for event_id, path in listed.items()} if listed else None
    for pid, stem in pages.items():
        policy = timeline.policies[pid]
        # Only its own policy: each page then costs what it shows, not the number of policies.
        own = attrs.evolve(timeline, events=own_events[pid], policies={pid: policy})
        titled = attrs.evolve(
            own,
            settings=attrs.evolve(
                settings, name=policy.title, description=policy.summary, feeds={}
            ),
        )
        yield (
            f"policies/{stem}.ics",
            ics.to_ics(
                own,
                name=f"{settings.name}: {policy.title}",
                description=policy.summary,
                locale=locale,
                previous=was(f"policies/{stem}.ics"),
            ),
        )
        # Its own events fold its history; its state band shows when it is in force.
        folded = attrs.evolve(history, events=history_of.get(pid, []), policies={pid: policy})
        page = html_report.render(
            titled, lanes=lanes, history=folded, pages=up, in_force=False, locale=locale
        )
        nav = _nav(timeline, feeds, count, tag, prefix="../", own=f"{stem}.ics")
        yield f"policies/{stem}.html", _with_nav(page, nav)
    if pages:
        nav = _nav(timeline, feeds, 0, tag, prefix="", around=(None, None))  # not to itself
        index_page = _policy_index(timeline, pages, own_events, tag)
        yield "policies.html", _with_nav(index_page, nav)


def _carried(relative: str) -> bool:
    """Whether a file of the old site that this build did not write is kept: anything but
    the calendars and pages of `feeds/`, `policies/` and `years/`, which belong to the
    build, and the policy index."""
    folder, _, name = relative.partition("/")
    if relative == "policies.html":
        return False
    return not (folder in ("feeds", "policies", "years") and name.endswith((".ics", ".html")))


def _lanes(lanes: str) -> timelinejs.Lane:
    from timeline.report import _timelinejs as timelinejs

    if lanes not in timelinejs.LANES:
        raise ValueError(f"unknown lanes {lanes!r}; use one of {', '.join(timelinejs.LANES)}")
    return lanes


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
    policies: int,
    tag: str | None,
    *,
    prefix: str,
    own: str | None = None,
    years: Sequence[tuple[str, str, Sequence[Event]]] = (),
    around: tuple[tuple[str, str] | None, tuple[str, str] | None] | None = None,
    changes: bool = False,
) -> str:
    """The site bar: on the index every calendar and data file (and the year pages, when
    the list is paged); on a policy page (`own`: its calendar) or a year page (`around`:
    the pages before and after it) the way back; everywhere the index of the `policies`
    policy pages. Its words are in the language of `tag`; its paths are the same in every
    language."""
    settings = timeline.settings
    parts = []
    if own is not None or around is not None:
        links = [_link(f"{prefix}index.html", message(tag, "site_back", name=settings.name))]
        if own is not None:
            links.append(_link(own, message(tag, "site_policy_calendar")))
        for neighbour, arrow in zip(around or (None, None), ("← ", "→ "), strict=True):
            if neighbour is not None:
                path, heading = neighbour
                links.append(_link(f"{prefix}{path}", f"{arrow}{heading}"))
        parts.append("<p>" + " · ".join(links) + "</p>")
    else:
        parts += _downloads(timeline, feeds, tag)
    if changes:
        links = [
            _link(f"{prefix}{PAGE}", message(tag, "site_what_changed")),
            _link(f"{prefix}{FEED}", message(tag, "site_atom")),
        ]
        parts.append(_line(message(tag, "site_updates"), links))
    if years:
        pages = [_link(f"{prefix}{path}", heading) for path, heading, _ in years]
        parts.append(_line(message(tag, "site_by_year"), pages))
    if policies:
        text = message(tag, "site_all_policies", n=policies) if policies > 1 else ""
        text = text or message(tag, "site_the_policy")
        parts.append("<p>" + _link(f"{prefix}policies.html", text) + "</p>")
    label = html.escape(message(tag, "site_nav"))
    return f'<nav class="site" aria-label="{label}">\n' + "\n".join(parts) + "\n</nav>\n"


def _line(heading: str, links: Sequence[str]) -> str:
    """'<p><strong>Data:</strong> JSON · CSV</p>': a heading and its links."""
    return f"<p><strong>{html.escape(heading)}</strong> " + " · ".join(links) + "</p>"


def _year_pages(
    timeline: Timeline, tag: str | None = None
) -> list[tuple[str, str, Sequence[Event]]]:
    """(path, heading, events) of each page of a list too long for one page: a page per
    year, split in parts of at most `LIST_LIMIT` events; nothing when one page holds all.
    The heading is in the language of `tag`; the path is the English one in every language
    ('years/2025.html', 'years/until-2021.html')."""
    from timeline.report._common import by_year, year_heading
    from timeline.report._html import LIST_LIMIT

    if len(timeline) <= LIST_LIMIT:
        return []
    found: list[tuple[str, str, Sequence[Event]]] = []
    zone = timeline.settings.zone
    for english, events in by_year(timeline):
        stem = english.lower().replace(" ", "-")
        heading = english if tag is None else year_heading(events[0], zone, tag)
        for n in range(0, len(events), LIST_LIMIT):
            part = n // LIST_LIMIT + 1
            path = f"years/{stem}.html" if part == 1 else f"years/{stem}-{part}.html"
            label = heading if part == 1 else f"{heading} ({part})"
            found.append((path, label, events[n : n + LIST_LIMIT]))
    return found


def _policy_index(
    timeline: Timeline,
    pages: Mapping[str, str],
    events: Mapping[str, Sequence[Event]],
    tag: str | None,
) -> str:
    """policies.html: every policy with a page, its jurisdiction and how many events, in
    the language of `tag` (normalised; None for English)."""
    from timeline.report._html import page_shell

    rows = []
    for pid, stem in sorted(pages.items(), key=lambda item: timeline.policies[item[0]].title):
        policy = timeline.policies[pid]
        where = html.escape(policy.jurisdiction or "")
        rows.append(
            f'<tr><th scope="row">{_link(f"policies/{stem}.html", policy.title)}</th>'
            f"<td>{where}</td><td>{len(events[pid])}</td></tr>"
        )
    heads = [message(tag, key) for key in ("policies", "col_policy", "col_jurisdiction", "events")]
    h1, named, jurisdiction, count = (html.escape(text) for text in heads)
    body = (
        f'<main>\n<h1>{h1}</h1>\n<table>\n<thead><tr><th scope="col">{named}</th>'
        f'<th scope="col">{jurisdiction}</th><th scope="col">{count}</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</main>\n"
    )
    title = message(tag, "site_policies_title", name=timeline.settings.name)
    return page_shell(title, body, locale=tag)


def _downloads(timeline: Timeline, feeds: Mapping[str, str], tag: str | None) -> list[str]:
    """The index's links to every calendar and data file (its words in `tag`'s language)."""
    settings = timeline.settings
    parts = []
    calendars = [
        _link("timeline.ics", message(tag, "site_all_events")),
        _link("deadlines.ics", message(tag, "site_deadlines")),
    ]
    calendars += [
        _link(f"feeds/{stem}.ics", settings.feeds[name].title or name)
        for name, stem in feeds.items()
    ]
    parts.append(_line(message(tag, "site_calendars"), calendars))
    downloads = [
        _link("timeline.json", "JSON"),
        _link("timeline.csv", "CSV"),
        _link("timelinejs.json", "TimelineJS"),
    ]
    parts.append(_line(message(tag, "site_data"), downloads))
    return parts


def _with_nav(page: str, nav: str) -> str:
    """Put the site's links at the top of a report page, and their few lines of style."""
    head, body, rest = page.partition("\n<body>\n")
    if not body or "</head>" not in head:
        raise SiteError("the HTML report has no <body> to put the site's links in")
    head = head.replace("</head>", f"<style>{_NAV_CSS}</style>\n</head>", 1)
    return f"{head}{body}{nav}{rest}"
