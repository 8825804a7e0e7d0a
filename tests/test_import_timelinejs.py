"""TimelineJS in: JSON round trips with `report --format timelinejs`, slides, and its sheet."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given

import timeline
from strategies import file_round_trips, instant_spans, timelines
from timeline import Citation, Event, Timeline, When, import_file
from timeline.errors import WhenError
from timeline.report._timelinejs import slide_dates

DATA = Path(__file__).resolve().parent / "data" / "import" / "timelinejs"


@file_round_trips
@given(tl=timelines(max_events=6))
def test_export_then_import_gives_the_same_events(tl: Timeline, tmp_path: Path) -> None:
    """report --format timelinejs → import: the same ids, headlines (as TimelineJS shows
    them: white space collapsed) and dates at the same precision (seasons, decades,
    qualifiers, zones and offsets come back whole)."""
    path = tmp_path / "timeline.json"
    path.write_text(timeline.report.timelinejs(tl), encoding="utf-8")
    imported = import_file(path, format="timelinejs")
    back = {e.id: e for e in imported.events}
    assert set(back) == {e.id for e in tl}
    for original in tl:
        copy = back[original.id]
        assert copy.title == re.sub(r"[ \t\n\f\r]+", " ", original.title).strip(" \t\n\f\r")
        if original.when.tz == "UTC":  # a wall time in UTC and one at offset Z read alike
            assert copy.when.sort_key() == original.when.sort_key()
            assert copy.when.precision == original.when.precision
        elif copy.said is None:
            assert (str(copy.when), copy.when.tz) == (str(original.when), original.when.tz)
        else:  # the export fits two dates: the parts' own precision, and the label kept
            assert copy.said == original.when.label
            assert _ambiguous(original.when)
    assert imported.skipped == ()


@given(when=instant_spans())
def test_spans_of_times_come_back_from_timelinejs(when: When) -> None:
    """A span of two times, in a zone or at offsets, on one day or two, exports and imports
    as itself: its display date ("1 September 2025, 10:00–11:00 Europe/Brussels") says it."""
    import json

    event = timeline.Event(id="e", title="T", when=when, cite=(timeline.Citation(source="s"),))
    document = json.loads(timeline.report.timelinejs(Timeline(events=[event])))
    imported = read_json_document(document)
    (copy,) = imported.events
    assert (str(copy.when), copy.when.tz) == (str(when), when.tz)


@pytest.mark.parametrize(
    ("notation", "single"),
    [
        ("200X/200X", "200X"),
        ("19XX/19XX", "19XX"),
        ("2025/2025", "2025"),
        ("2025-21/2025-21", "2025-21"),
        ("2025-04/2025-04", "2025-04"),
        ("2025-04-01/2025-04-01", "2025-04-01"),
        ("2021~/2021~", "2021~"),
    ],
)
def test_a_span_from_a_date_to_itself_comes_back_as_that_date(notation: str, single: str) -> None:
    """A span from a decade, year, season, month or day to itself exports and imports as
    the original: the value itself, its label and notation."""
    import json

    when = When.parse(notation)
    event = timeline.Event(id="e", title="T", when=when, cite=(timeline.Citation(source="s"),))
    document = json.loads(timeline.report.timelinejs(Timeline(events=[event])))
    (copy,) = read_json_document(document).events
    assert (str(copy.when), copy.when.label) == (str(when), when.label)
    assert str(copy.when) == single
    assert copy.said is None


def read_json_document(document: dict[str, object]) -> timeline.Imported:
    """What `import_file` makes of a TimelineJS document, without a file."""
    from timeline._import._records import Draft, Existing
    from timeline._import._timelinejs import read_json

    draft = Draft(Existing())
    read_json(document, "t.json", draft, "s", "UTC")
    return draft.imported()


def _ambiguous(when: When) -> bool:
    """Whether a decade and a century of a year ending in 00 export alike for this date: at
    either end or both ("20XX/200X~" and "200X/200X~" are both "the 2000s – ~the 2000s",
    years 2000 to 2009)."""
    text = str(when)
    ends = [re.sub(r"^(~|\?|%)?(\d\d)(0X|XX)", r"\1\2{}", part) for part in text.split("/")]
    choices = itertools.product(("0X", "XX"), repeat=len(ends))
    swapped = {
        "/".join(end.format(ending) for end, ending in zip(ends, pair, strict=True))
        for pair in choices
    }
    others = []
    for candidate in swapped - {text}:
        try:
            others.append(When.parse(candidate, tz=when.tz))
        except WhenError:
            continue
    return any(slide_dates(o) == slide_dates(when) and o.label == when.label for o in others)


@pytest.mark.parametrize(
    ("written", "said", "back"),
    [
        # years 2000 to 2009 either way, labelled alike: kept as words rather than guessed
        ("200X/200X~", "the 2000s – ~the 2000s", "2000/2009"),
        # 20XX%/20XX% fits the years too, but is 20XX%, whose label is "%the 2000s"
        ("200X%/20XX%", None, "200X%/20XX%"),
    ],
)
def test_decades_and_centuries_come_back_when_the_label_tells(
    tmp_path: Path, written: str, said: str | None, back: str
) -> None:
    """A display date that fits two readings is the one the export labels so; if both are
    labelled alike, the words are kept as `said` (Hypothesis found both)."""
    when = When.parse(written)
    event = Event(id="e", title="T", when=when, cite=[Citation(source="s")])
    path = tmp_path / "timeline.json"
    path.write_text(timeline.report.timelinejs(Timeline(events=[event])), encoding="utf-8")
    (copy,) = import_file(path, format="timelinejs").events
    assert (copy.said, str(copy.when)) == (said, back)
    assert _ambiguous(when) == (said is not None)


def test_groups_media_and_display_dates_are_kept() -> None:
    """Group becomes a tag, media a link (credit and caption in the note), and a display date
    that is not a date the event's `said`."""
    imported = import_file(DATA / "women_in_computing.json")
    ada = next(e for e in imported.events if e.title == "Ada Lovelace")
    assert ada.url is not None
    assert ada.url.startswith("https://upload.wikimedia.org/")
    assert ada.cite[0].note is not None
    assert "Media credit: Wikimedia Commons" in ada.cite[0].note


@pytest.mark.parametrize(
    ("slide", "when", "said", "tags"),
    [
        ({"start_date": {"year": 2016}, "display_date": "Spring 2016"}, "2016-21", None, ()),
        ({"start_date": {"year": "2025", "month": "4"}}, "2025-04", None, ()),
        ({"start_date": {"year": 2025}, "display_date": "~April 2025"}, "2025-04~", None, ()),
        ({"start_date": {"year": 1900}, "end_date": {"year": 1999},
          "display_date": "the 1900s"}, "19XX", None, ()),
        ({"start_date": {"year": 1900}, "end_date": {"year": 1909},
          "display_date": "the 1900s"}, "190X", None, ()),
        ({"start_date": {"year": 2024, "month": 8, "day": 2, "hour": 14, "minute": 30}},
         "2024-08-02T14:30Z", None, ()),
        ({"start_date": {"year": 1943, "month": 7}, "end_date": {"year": 1946},
          "display_date": "Summer 1943 – 1946"}, "1943-07/1946", "Summer 1943 – 1946", ()),
        ({"start_date": {"year": 2020}, "display_date": "Year of the Rat"}, "2020",
         "Year of the Rat", ()),
        ({"start_date": {"year": 2020}, "group": "Politics &amp; Law"}, "2020", None,
         ("politics-law",)),
    ],
)  # fmt: skip
def test_a_slide_becomes_an_event(
    slide: dict[str, object], when: str, said: str | None, tags: tuple[str, ...], tmp_path: Path
) -> None:
    """Parts give the date at their precision; a display date refines it when it agrees."""
    import json

    path = tmp_path / "t.json"
    slide = {**slide, "text": {"headline": "<b>Head</b>line &amp; more"}}
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    (event,) = import_file(path).events
    assert (str(event.when), event.said, event.tags) == (when, said, tags)
    assert event.title == "Headline & more"


@pytest.mark.parametrize(
    ("slide", "reason"),
    [
        ({"start_date": {"year": -3500}}, "year -3500 is outside 1–9999"),
        ({"start_date": {"year": 2020, "month": 13}}, "month '13' is not 1–12"),
        ({"start_date": {"month": 4}}, "start_date has no year"),
        ({"start_date": {"year": 2020}, "end_date": {"year": 2019}}, "do not make a span"),
        ({"start_date": {"year": "twenty"}}, "start_date.year 'twenty' is not a number"),
        ({"text": {"headline": "No date"}}, "it has no start_date"),
    ],
)
def test_a_slide_that_cannot_be_an_event_is_skipped(
    slide: dict[str, object], reason: str, tmp_path: Path
) -> None:
    """Each unreadable slide is skipped with where it is and why; the others import."""
    import json

    good = {"start_date": {"year": 2020}, "text": {"headline": "Good"}}
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"events": [good, {"text": {"headline": "Bad"}, **slide}]}),
                    encoding="utf-8")  # fmt: skip
    imported = import_file(path)
    assert [e.title for e in imported.events] == ["Good"]
    (line,) = imported.skipped
    assert line.startswith("t.json:events[1]: ")
    assert reason in line


def test_the_title_slide_names_the_data_and_eras_are_spans() -> None:
    """The title slide is the timeline.toml suggestion; eras are span events tagged era."""
    imported = import_file(DATA / "eras.json")
    assert imported.name == "Eras Test"
    assert imported.settings_toml() == (
        'name = "Eras Test"\ndescription = "Events in the 7th century from '
        'https://en.wikipedia.org/wiki/Timeline_of_the_Middle_Ages"\n'
    )
    eras = [e for e in imported.events if "era" in e.tags]
    assert [str(e.when) for e in eras] == ["0650/0700", "0600/0650", "0700/0720"]


def test_the_sheet_template_and_its_json_give_the_same_events() -> None:
    """TimelineJS's own sample as a sheet (CSV) and as JSON import as the same events."""
    sheet = import_file(DATA / "women_in_computing.csv")
    document = import_file(DATA / "women_in_computing.json")

    def shape(e: timeline.Event) -> tuple[object, ...]:
        return (e.id, e.title, str(e.when), e.summary, e.url, e.tags)

    assert [shape(e) for e in sheet.events] == [shape(e) for e in document.events]
    assert sheet.name == document.name == "Women in Computing"
