"""A site's record of what changed: the history (changes.json), its page (changes.html) and
its Atom 1.0 feed (changes.atom, RFC 4287).

`timeline build --previous SITE` diffs the site's data against the data it replaces; a
diff that is not empty becomes an entry, newest first, and the last `KEEP` entries are
kept in changes.json, which the next build reads back. Each entry keeps the diff's JSON
(docs/changes-schema.json), so the page and the feed are rendered again from it, the same
way every time:

- `id`: a `urn:uuid:` made (UUID 5) from the site's domain and name, the entry's time and
  the diff, so it never changes once written and two entries never share one;
- `updated`: the build's time, from `SOURCE_DATE_EPOCH` when set (reproducible), else now.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from timeline._io import open_regular
from timeline._model import Settings
from timeline._status import day_label
from timeline.errors import SiteError
from timeline.report import _changes

__all__ = [
    "FEED",
    "HISTORY",
    "KEEP",
    "PAGE",
    "atom",
    "entry",
    "fragment",
    "page",
    "read_history",
    "render_history",
]

HISTORY: Final = "changes.json"
PAGE: Final = "changes.html"
FEED: Final = "changes.atom"
#: How many entries the history, the page and the feed keep (the newest).
KEEP: Final = 100
_FORMAT: Final = "timeline-changes"
_VERSION: Final = 1
_ATOM: Final = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 cannot hold, even escaped.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TIME: Final = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")

_CSS: Final = """
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2328; background: #fff; }
main { max-width: 1240px; margin: 0 auto; padding: 0 20px 40px; }
h1 { font-size: 1.9rem; margin: 24px 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #d1d9e0; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.lead, .status { color: #59636e; }
ul { margin: .2rem 0; }
"""


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry(data: Mapping[str, Any], stamp: dt.datetime, settings: Settings) -> dict[str, Any]:
    """The history entry of one build's diff (`_changes.dump`), made at `stamp`."""
    updated = _utc(stamp)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    name = f"timeline:{settings.domain}:{settings.name}:changes:{updated}:{digest}"
    day = stamp.astimezone(dt.UTC).date()
    return {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}",
        "updated": updated,
        "title": f"{day_label(day)}: {_changes.counts_text(data)}",
        "diff": dict(data),
    }


# -- the history ---------------------------------------------------------------------------


def _is_lines(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(line, str) for line in value)


def _is_diff(data: object) -> bool:
    """Whether `data` has every part of a diff that the page and the feed read."""
    if not isinstance(data, dict) or data.get("format") != _changes.FORMAT:
        return False
    records, settings, statuses = data.get("records"), data.get("settings"), data.get("statuses")
    if not (isinstance(records, list) and isinstance(settings, list)):
        return False
    if not isinstance(statuses, list) or not isinstance(data.get("counts"), dict):
        return False
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("fields"), list):
            return False
        if not all(isinstance(record.get(k), str) for k in ("kind", "change", "heading")):
            return False
        if not all(isinstance(f, dict) and _is_lines(f.get("lines")) for f in record["fields"]):
            return False
    if not all(isinstance(f, dict) and _is_lines(f.get("lines")) for f in settings):
        return False
    for status in statuses:
        if not isinstance(status, dict) or not all(
            isinstance(status.get(k), str) for k in ("policy", "period")
        ):
            return False
        for side in ("old", "new"):
            answer = status.get(side)
            if not isinstance(answer, dict) or not isinstance(answer.get("label"), str):
                return False
    counts = data["counts"]
    return all(
        isinstance(kind, str)
        and isinstance(n, dict)
        and all(isinstance(v, int) for v in n.values())
        for kind, n in counts.items()
    )


def _is_time(value: str) -> bool:
    if not _TIME.fullmatch(value):
        return False
    try:
        dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")  # noqa: DTZ007 (the Z says UTC)
    except ValueError:
        return False
    return True


def read_history(path: Path) -> list[dict[str, Any]]:
    """The entries of a site's changes.json, newest first; none when there is no file.

    Raises:
        SiteError: the file is not a history `timeline build` wrote.
    """
    if not path.exists():
        return []
    advice = "remove it, or build without --previous to start the history afresh"
    try:
        with open_regular(path) as file:  # a FIFO or a device never hangs the read
            document = json.loads(file.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise SiteError(
            f"{str(path)!r} cannot be read as a changes history ({error}); {advice}"
        ) from error
    entries = document.get("entries") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("format") != _FORMAT
        or document.get("version") != _VERSION
        or not isinstance(entries, list)
    ):
        raise SiteError(f"{str(path)!r} is not a changes history timeline build wrote; {advice}")
    for n, item in enumerate(entries):
        valid = (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("id", "title", "updated"))
            and _is_time(item["updated"])
            and _is_diff(item.get("diff"))
        )
        if not valid:
            raise SiteError(f"{str(path)!r}: entries[{n}] is not a changes entry; {advice}")
    return entries[:KEEP]


def render_history(entries: Sequence[Mapping[str, Any]]) -> str:
    """changes.json: the entries, newest first."""
    document = {"format": _FORMAT, "version": _VERSION, "entries": list(entries[:KEEP])}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# -- the page ---------------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(_NOT_XML.sub("", text))


def _anchor(item: Mapping[str, Any]) -> str:
    return "change-" + re.sub(r"[^0-9a-z]", "", item["id"].lower())[-12:]


def fragment(data: Mapping[str, Any]) -> str:
    """One diff as HTML: each kind's changes with their field lines, then the statuses."""
    parts: list[str] = []
    for kind, counts in data["counts"].items():
        done = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        parts.append(f"<h3>{_e(_changes.heading(kind))} ({_e(done)})</h3>\n<ul>")
        for record in data["records"]:
            if record["kind"] != kind:
                continue
            lines = [line for f in record["fields"] for line in f["lines"]]
            inner = "".join(f"<li>{_e(line)}</li>" for line in lines)
            parts.append(
                f"<li><strong>{_e(record['change'])}</strong> {_e(record['heading'])}"
                + (f"<ul>{inner}</ul>" if inner else "")
                + "</li>"
            )
        parts.append("</ul>")
    if data["settings"]:
        lines = [line for f in data["settings"] for line in f["lines"]]
        parts.append("<h3>Settings</h3>\n<ul>" + "".join(f"<li>{_e(x)}</li>" for x in lines))
        parts.append("</ul>")
    if data["statuses"]:
        parts.append("<h3>Policy status</h3>\n<ul>")
        for status in data["statuses"]:
            parts.append(
                f"<li><strong>{_e(status['policy'])}</strong> {_e(status['period'])}:"
                f"<br>was: {_e(status['old']['label'])}"
                f"<br>now: {_e(status['new']['label'])}</li>"
            )
        parts.append("</ul>")
    return "\n".join(parts) + "\n"


def page(entries: Sequence[Mapping[str, Any]], settings: Settings) -> str:
    """changes.html: every entry, newest first, each with its diff."""
    title = f"{settings.name}: what changed"
    body = [f"<h1>{_e(title)}</h1>"]
    body.append(
        '<p class="lead">What each build changed in the data, newest first; follow it in a '
        f'feed reader: <a href="{FEED}">Atom feed</a>.</p>'
    )
    if not entries:
        body.append(
            "<p>No changes recorded yet: each build given the site it replaces adds one.</p>"
        )
    for item in entries:
        day = dt.date.fromisoformat(item["updated"][:10])
        body.append(
            f'<section id="{_anchor(item)}">\n<h2><time datetime="{_e(item["updated"])}">'
            f"{_e(day_label(day))}</time></h2>\n"
            f'<p class="status">{_e(_changes.counts_text(item["diff"]))}</p>\n'
            f"{fragment(item['diff'])}</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
        '<meta name="referrer" content="no-referrer">\n<meta name="generator" content="timeline">\n'
        f"<title>{_e(title)}</title>\n"
        f'<link rel="alternate" type="application/atom+xml" title="{_e(title)}" href="{FEED}">\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


# -- the feed ---------------------------------------------------------------------------------


def atom(entries: Sequence[Mapping[str, Any]], settings: Settings, stamp: dt.datetime) -> str:
    """changes.atom: an Atom 1.0 feed, one entry per build that changed something.

    Its `updated` is the newest entry's, so a build that changes nothing leaves the feed as
    it was; with no entry yet it is `stamp`.
    """
    name = settings.name
    feed_id = uuid.uuid5(uuid.NAMESPACE_URL, f"timeline:{settings.domain}:{name}:changes")
    updated = entries[0]["updated"] if entries else _utc(stamp)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{_ATOM}">',
        f"  <id>urn:uuid:{feed_id}</id>",
        f"  <title>{_e(name)}: what changed</title>",
        f"  <updated>{_e(updated)}</updated>",
        f"  <author><name>{_e(name)}</name></author>",
        "  <generator>timeline</generator>",
        f'  <link rel="alternate" type="text/html" href="{PAGE}"/>',
        f'  <link rel="self" type="application/atom+xml" href="{FEED}"/>',
    ]
    for item in entries:
        lines += [
            "  <entry>",
            f"    <id>{_e(item['id'])}</id>",
            f"    <title>{_e(item['title'])}</title>",
            f"    <updated>{_e(item['updated'])}</updated>",
            f'    <link rel="alternate" type="text/html" href="{PAGE}#{_anchor(item)}"/>',
            f'    <content type="html">{_e(fragment(item["diff"]))}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
