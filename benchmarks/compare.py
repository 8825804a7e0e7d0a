"""The same-run comparisons of benchmarks/run.py: `When.parse` against python-edtf, and
the ICS writer against the same calendar built from `icalendar` objects.

Each checks first that both sides give the same result (the same bounds, the same events
when both calendars are parsed back), then times them.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

STAMP = dt.datetime(2025, 12, 31, tzinfo=dt.UTC)


# -- When against python-edtf -----------------------------------------------------------------


def _struct_date(value: Any) -> dt.date | None:
    if isinstance(value, float):  # edtf's open ends are ±inf
        return None
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)


def shared_subset(notations: list[str]) -> tuple[list[str], dict[str, int]]:
    """The notations both libraries read to the same meaning: dates, not instants (edtf
    keeps only their day) nor winters (edtf ends winter on 31 December, we in February)."""
    kept, left_out = [], {"instant": 0, "winter": 0}
    for text in notations:
        if "T" in text:
            left_out["instant"] += 1
        elif any(part[5:7] == "24" for part in text.split("/") if len(part) >= 7):
            left_out["winter"] += 1
        else:
            kept.append(text)
    return kept, left_out


def when_vs_edtf(data: Path, limit: int) -> dict[str, Any]:
    """Parse the same strings with both; compare bounds; time cold (unique) and warm (as read)."""
    import edtf

    from timeline import _endpoint
    from timeline import _when as when_module
    from timeline._when import When

    stream: list[str] = []
    local = 0
    for path in sorted(data.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)["event"]
                if "tz" in record:
                    local += 1
                else:
                    stream.append(record["when"])
                if len(stream) >= limit:
                    break
        if len(stream) >= limit:
            break
    stream, left_out = shared_subset(stream)
    left_out["local time"] = local
    unique = list(dict.fromkeys(stream))

    mismatches = []
    for text in unique:
        ours = When.parse(text)
        theirs = edtf.parse_edtf(text)
        pair = (
            (ours.earliest, ours.latest),
            (_struct_date(theirs.lower_strict()), _struct_date(theirs.upper_strict())),
        )
        if pair[0] != pair[1]:
            mismatches.append((text, *pair))

    def cold() -> float:
        when_module._parse.cache_clear()
        _endpoint.parse_endpoint.cache_clear()
        started = time.perf_counter()
        for text in unique:
            When.parse(text)
        return time.perf_counter() - started

    def warm() -> float:
        for text in stream:  # fill the cache as a first pass over the data would
            When.parse(text)
        started = time.perf_counter()
        for text in stream:
            When.parse(text)
        return time.perf_counter() - started

    ours_cold = min(cold() for _ in range(3))
    ours_warm = min(warm() for _ in range(3))
    sample = unique[: min(len(unique), 5000)]
    started = time.perf_counter()
    for text in sample:
        edtf.parse_edtf(text)
    edtf_each = (time.perf_counter() - started) / len(sample)
    cold_each = ours_cold / len(unique)
    warm_each = ours_warm / len(stream)
    return {
        "strings": len(stream),
        "unique": len(unique),
        "left_out": left_out,
        "mismatches": len(mismatches),
        "mismatch_examples": [list(map(str, m)) for m in mismatches[:5]],
        "edtf_us": edtf_each * 1e6,
        "edtf_sample": len(sample),
        "ours_cold_us": cold_each * 1e6,
        "ours_warm_us": warm_each * 1e6,
        "ratio_cold": edtf_each / cold_each,
        "ratio_warm": edtf_each / warm_each,
    }


# -- ICS writer against icalendar objects ----------------------------------------------------


def icalendar_calendar(tl: Any) -> bytes:
    """The calendar `timeline.to_ics` writes, built from `icalendar` objects and `to_ical()`."""
    import zoneinfo

    import icalendar

    from timeline._ics import _dates, _lines, _write

    ordered = tl.events
    related, previous, years = {}, {}, {}
    for event in ordered:
        if event.policy is not None:
            if event.policy in previous:
                related[event.id] = previous[event.policy]
            previous[event.policy] = event.id
        if event.when.tz is not None:
            span = years.setdefault(event.when.tz, [9999, 1])
            for part in (event.when.start, event.when.end):
                if part is not None:
                    span[0] = min(span[0], part.first_day.year)
                    span[1] = max(span[1], part.first_day.year)
    ctx = _write._Context(
        domain=tl.settings.domain,
        stamp=_lines.fold(f"DTSTAMP:{_dates.utc_value(STAMP)}"),
        names={k: actor.name for k, actor in tl.actors.items()},
        heads={k: _write._head(source) for k, source in tl.sources.items()},
        places=tl.places,
        policies=tl.policies,
        related=related,
    )
    cal = icalendar.Calendar()
    for key, value in (
        ("VERSION", "2.0"),
        ("PRODID", _write.PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("NAME", tl.settings.name),
        ("X-WR-CALNAME", tl.settings.name),
    ):
        cal.add(key, value)
    if tl.settings.description:
        cal.add("DESCRIPTION", tl.settings.description)
        cal.add("X-WR-CALDESC", tl.settings.description)
    cal.add(
        "REFRESH-INTERVAL",
        icalendar.vDuration.from_ical(tl.settings.refresh),
        parameters={"VALUE": "DURATION"},
    )
    cal.add("X-PUBLISHED-TTL", icalendar.vText(tl.settings.refresh))
    written: set[str] = set()
    for event in ordered:
        when = event.when
        placement = _dates.place(when)
        vevent = icalendar.Event()
        vevent.add("UID", f"{event.id}@{tl.settings.domain}")
        vevent.add("DTSTAMP", STAMP)
        start, end = when.start, when.end
        if placement.marker or start is None or start.time is None:
            first = placement.day
            vevent.add("DTSTART", first)
            line = next((x for x in placement.lines if not x.startswith("DTSTART")), None)
            if line is not None and line.startswith("DTEND"):
                vevent.add("DTEND", dt.date.fromisoformat(line[-8:]))
            elif line is not None:
                vevent.add("DURATION", icalendar.vDuration.from_ical(line.split(":", 1)[1]))
        else:
            for name, part in (("DTSTART", start), ("DTEND", end)):
                if name == "DTEND" and not (
                    when.is_interval and end.instant(when.tz) > start.instant(when.tz)
                ):
                    continue
                assert part is not None
                moment = part.instant(when.tz)
                if part.offset is None and when.tz is not None:
                    tz = when.tz
                    if tz not in written:
                        written.add(tz)
                        cal.add_component(
                            icalendar.Timezone.from_tzinfo(
                                zoneinfo.ZoneInfo(tz),
                                tzid=tz,
                                first_date=dt.date(max(years[tz][0], 1), 1, 1),
                                last_date=dt.date(min(years[tz][1] + 1, 9999), 1, 1),
                            )
                        )
                    vevent.add(name, moment)
                else:
                    vevent.add(name, moment.astimezone(dt.UTC))
        note = _dates.precision_note(when, placement.day) if placement.marker else None
        vevent.add("SUMMARY", f"{event.title} ({when.label})" if placement.marker else event.title)
        vevent.add("DESCRIPTION", _write._description(event, ctx, note))
        if event.place:
            found = tl.places.get(event.place)
            vevent.add("LOCATION", found.name if found else event.place)
            if found and found.latitude is not None and found.longitude is not None:
                vevent.add("GEO", (found.latitude, found.longitude))
        if event.url:
            vevent.add("URL", event.url)
        if event.tags:
            vevent.add("CATEGORIES", list(event.tags))
        if event.id in related:
            vevent.add(
                "RELATED-TO",
                f"{related[event.id]}@{tl.settings.domain}",
                parameters={"RELTYPE": "SIBLING"},
            )
        vevent.add("TRANSP", "TRANSPARENT")
        params = {_lines.X_TZ: when.tz} if when.tz else {}
        vevent.add(_lines.X_WHEN, icalendar.vText(str(when)), parameters=params)
        if event.said:
            vevent.add(_lines.X_SAID, icalendar.vText(event.said))
        cal.add_component(vevent)
    data: bytes = cal.to_ical()
    return data


def _events_of(data: bytes) -> list[tuple[tuple[str, str], ...]]:
    """Each VEVENT as its sorted (property, decoded value) pairs, for comparing calendars."""
    import icalendar

    out = []
    for component in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        pairs = []
        for name, value in component.property_items(recursive=False):
            if name in ("BEGIN", "END"):
                continue
            decoded = value.to_ical() if hasattr(value, "to_ical") else value
            decoded = decoded.decode() if isinstance(decoded, bytes) else str(decoded)
            params = getattr(value, "params", {})
            pairs.append((name, decoded, tuple(sorted((k, str(v)) for k, v in params.items()))))
        out.append(tuple(sorted(pairs)))
    return out


def ics_vs_icalendar(data: str) -> dict[str, Any]:
    """Time both writers on the same timeline and check the calendars hold the same events."""
    import timeline
    from timeline import to_ics
    from timeline._ics import _write

    tl = timeline.load(data)

    def ours_once() -> float:
        _write.vtimezone.cache_clear()  # both build their VTIMEZONEs in every run
        started = time.process_time()
        to_ics(tl, stamp=STAMP)
        return time.process_time() - started

    def theirs_once() -> float:
        started = time.process_time()
        icalendar_calendar(tl)
        return time.process_time() - started

    # A first run of each, untimed, imports and warms what both use (icalendar itself);
    # then the best of three, in CPU time, which a busy shared machine disturbs least.
    ours, theirs = to_ics(tl, stamp=STAMP), icalendar_calendar(tl)
    ours_s = min(ours_once() for _ in range(3))
    theirs_s = min(theirs_once() for _ in range(3))
    a, b = _events_of(ours), _events_of(theirs)
    differing = [n for n, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    example = None
    if differing:
        x, y = a[differing[0]], b[differing[0]]
        example = {
            "ours_only": sorted(set(x) - set(y))[:3],
            "icalendar_only": sorted(set(y) - set(x))[:3],
        }
    return {
        "events": len(tl),
        "ours_s": ours_s,
        "icalendar_s": theirs_s,
        "ratio": theirs_s / ours_s,
        "same_events": len(a) == len(b) and not differing,
        "differing": len(differing),
        "example": example,
    }
