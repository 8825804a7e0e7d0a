"""TimelineJS, both ways in: its JSON (`{"title", "events", "eras"}`) and its sheet template.

A TimelineJS slide becomes an event the same way whether it came from the JSON or from a
row of the Google Sheets template (`timeline._import._sheet` builds the `Slide`):

- the date is its start and end parts, as precise as they are filled (a year and a month
  is that month, never its first day); a `display_date` that reads as exactly one date
  consistent with those parts refines them ("Spring 2016" over year 2016 is spring 2016,
  "~April 2025" is approximately April), which is how `report --format timelinejs` comes
  back at its own precision; any other display date is kept as the event's `said` (so is
  one that fits two ways: "the 1900s – 1950" starts with the decade or the century, and
  the parts, year 1900 either way, cannot say which; of two that fit, the one whose label
  is the display date exactly is taken, as the export writes it);
- the headline is the title and the text the summary, both as safe plain text;
- `group` becomes a tag, `media.url` the event's link (media that is text, such as a
  quotation, joins the summary), media credit, caption and thumbnail the citation's note;
- the `title` slide (a sheet's `title` row) names the data folder (a `timeline.toml`
  suggestion); `eras` (a sheet's `era` rows) become span events tagged `era`;
- `unique_id` is the id when there is one.

Every event cites one source standing for the file, with the slide's place in it.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from timeline._import._dates import from_parts, read_date, span
from timeline._import._html import to_text
from timeline._import._records import Draft
from timeline._model import Citation, Event
from timeline._text import SLUG, URL, clean, name_id, slugify
from timeline._when import When
from timeline.errors import ImportFileError, SkippedRecordError
from timeline.report._timelinejs import slide_dates

__all__ = ["Slide", "add_slide", "read_json"]

_PARTS: Final = ("year", "month", "day", "hour", "minute", "second")
Parts = dict[str, int]


@attrs.frozen(kw_only=True)
class Slide:
    """One TimelineJS slide, its text still as TimelineJS holds it (HTML)."""

    start: When
    start_parts: Parts
    end: When | None = None
    end_parts: Parts | None = None
    display: str | None = None
    headline: str | None = None
    text: str | None = None
    media: str | None = None
    credit: str | None = None
    caption: str | None = None
    thumbnail: str | None = None
    kind: str = ""
    group: str | None = None
    unique_id: str | None = None


def add_slide(slide: Slide, where: str, draft: Draft, source_id: str) -> None:
    """Add the event `slide` describes (or, for the title slide, the file's name) to `draft`.

    Raises:
        SkippedRecordError: the slide cannot be an event (no headline, its end before its
            start).
    """
    headline = to_text(slide.headline) if slide.headline else None
    if slide.kind == "title":
        if draft.name is not None:
            draft.warnings.append(f"{where}: a second title slide; only the first names the data")
            return
        draft.name = clean(headline) if headline else None
        draft.description = clean(to_text(slide.text)) if slide.text else None
        return
    if not headline or not (clean(headline) or "").strip():
        raise SkippedRecordError("it has no Headline (the title an event needs)")
    when, said = _when(slide)
    summary = to_text(slide.text) if slide.text else None
    notes = [where]
    url = None
    if slide.media:
        media = slide.media.strip()
        if URL.fullmatch(media):
            url = media
        else:
            words = to_text(media)
            if words:
                summary = f"{summary}\n\n{words}" if summary else words
                draft.warnings.append(f"{where}: Media is text, not a link; added to the summary")
    for label, value in (("Media credit", slide.credit), ("Media caption", slide.caption)):
        words = to_text(value) if value else None
        if words:
            notes.append(f"{label}: {words}")
    if slide.thumbnail and URL.fullmatch(slide.thumbnail.strip()):
        notes.append(f"Media thumbnail: {slide.thumbnail.strip()}")
    tags: list[str] = []
    if slide.group and (group := to_text(slide.group)):
        tags.append(name_id(group, fallback="group"))
        if tags[-1] != slugify(group):
            notes.append(f"Group as written: {group}")
    if slide.kind == "era":
        tags.append("era")
    elif slide.kind:
        draft.warnings.append(f"{where}: Type {slide.kind!r} is neither title nor era; an event")
    base = slide.unique_id.strip() if slide.unique_id else ""
    if base and not SLUG.fullmatch(base):
        base = slugify(base)
    event_id = draft.new_id("event", base or slugify(headline, words=8, fallback="event"))
    draft.events.append(
        Event(
            id=event_id,
            title=headline,
            when=when,
            said=said,
            summary=summary,
            tags=tuple(dict.fromkeys(tags)),
            url=url,
            cite=(Citation(source=source_id, note="\n".join(notes)),),
        )
    )


def _when(slide: Slide) -> tuple[When, str | None]:
    """The slide's date from its parts, refined by its display date when that agrees."""
    when = slide.start
    if slide.end is not None and slide.end != slide.start:
        try:
            when = span(slide.start, slide.end)
        except SkippedRecordError as error:
            raise SkippedRecordError(f"its dates do not make a span: {error}") from None
    display = _plain(slide.display)
    if not display:
        return when, None
    matching = {
        candidate
        for candidate in _readings(display)
        if slide_dates(candidate) == (slide.start_parts, slide.end_parts)
    }
    if len(matching) > 1:  # the reading `report --format timelinejs` writes just so, if one
        matching = {candidate for candidate in matching if candidate.label == display} or matching
    if len(matching) == 1:  # two readings that fit ("the 1900s" starting a span): never guess
        return matching.pop(), None
    return when, (None if display == when.label else display)


def _readings(display: str) -> list[When]:
    """What a display date can mean as a `When`. "the 1900s" is a decade or a century; the
    slide's parts decide, so each reading of each such phrase is tried."""
    found = []
    phrases = list(re.finditer(r"the (\d{2})00s", display))
    for choice in itertools.product(("0X", "XX"), repeat=len(phrases)):
        text = display
        for phrase, ending in reversed(list(zip(phrases, choice, strict=True))):
            digits = phrase.group(1) + ("0" if ending == "0X" else "")
            replacement = f"{digits}X" if ending == "0X" else f"{digits}XX"
            text = text[: phrase.start()] + replacement + text[phrase.end() :]
        try:
            found.append(read_date(text))
        except SkippedRecordError:
            continue
    return found


def _plain(text: str | None) -> str | None:
    """A display date or group as the viewer shows it: it reduces the value to text and then
    sets that as HTML, so two levels of markup and entities come off."""
    if not text:
        return None
    once = to_text(text)
    return to_text(once) if once else None


# -- the JSON -------------------------------------------------------------------------------


def read_json(data: Any, shown: str, draft: Draft, source_id: str, zone: str) -> None:
    """Every slide of a TimelineJS JSON document into `draft`; bad slides are skipped."""
    if not isinstance(data, dict) or not isinstance(data.get("events", []), list):
        raise ImportFileError(
            f'{shown}: not a TimelineJS document (an object with an "events" list)'
        )
    title = data.get("title")
    if isinstance(title, dict):
        add_slide(
            Slide(
                start=When.parse("2000"),
                start_parts={},
                kind="title",
                headline=_text_of(title, "headline"),
                text=_text_of(title, "text"),
            ),
            f"{shown}:title",
            draft,
            source_id,
        )
    for key in ("events", "eras"):
        items = data.get(key) or []
        if not isinstance(items, list):
            draft.skipped.append(f"{shown}:{key}: not a list of slides")
            continue
        for index, item in enumerate(items):
            where = f"{shown}:{key}[{index}]"
            try:
                slide = _slide(item, zone, era=key == "eras")
                add_slide(slide, where, draft, source_id)
            except SkippedRecordError as skip:
                draft.skipped.append(f"{where}: {skip}")


def _slide(item: Any, zone: str, *, era: bool) -> Slide:
    if not isinstance(item, Mapping):
        raise SkippedRecordError(f"a slide is an object, not {type(item).__name__}")
    start_raw = item.get("start_date")
    if not isinstance(start_raw, Mapping):
        raise SkippedRecordError("it has no start_date")
    start, start_parts = _date(start_raw, zone, "start_date")
    end_raw = item.get("end_date")
    end, end_parts = (None, None)
    if isinstance(end_raw, Mapping) and end_raw.get("year") not in (None, ""):
        end, end_parts = _date(end_raw, zone, "end_date")
    media = item.get("media") if isinstance(item.get("media"), Mapping) else {}
    assert isinstance(media, Mapping)
    display = item.get("display_date") or start_raw.get("display_date")
    return Slide(
        start=start,
        start_parts=start_parts,
        end=end,
        end_parts=end_parts,
        display=display if isinstance(display, str) else None,
        headline=_text_of(item, "headline"),
        text=_text_of(item, "text"),
        media=_string(media.get("url")),
        credit=_string(media.get("credit")),
        caption=_string(media.get("caption")),
        thumbnail=_string(media.get("thumbnail")),
        kind="era" if era else _string(item.get("type")) or "",
        group=_string(item.get("group")),
        unique_id=_string(item.get("unique_id")),
    )


def _date(raw: Mapping[str, Any], zone: str, name: str) -> tuple[When, Parts]:
    """A TimelineJS date object (parts may be numbers or strings) and its parts as numbers."""
    parts: Parts = {}
    for part in _PARTS:
        value = raw.get(part)
        if value in (None, ""):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise SkippedRecordError(f"{name}.{part} {value!r} is not a number") from None
        if not number.is_integer():
            raise SkippedRecordError(f"{name}.{part} {value!r} is not a whole number")
        parts[part] = int(number)
    if "year" not in parts:
        raise SkippedRecordError(f"{name} has no year")
    clock = ""
    if "hour" in parts:
        clock = f"{parts['hour']}:{parts.get('minute', 0):02d}"
        if "second" in parts:
            clock += f":{parts['second']:02d}"
    when = from_parts(
        str(parts["year"]),
        str(parts.get("month", "")),
        str(parts.get("day", "")),
        clock,
        zone=zone,
    )
    return when, parts


def _text_of(item: Mapping[str, Any], key: str) -> str | None:
    text = item.get("text")
    return _string(text.get(key)) if isinstance(text, Mapping) else None


def _string(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def load(data: bytes, shown: str) -> Any:
    """The JSON document in `data`.

    Raises:
        ImportFileError: it is not JSON.
    """
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(f"{shown}: not a JSON file ({error})") from error
