"""Which column is which: folded header names, aliases, --map."""

from __future__ import annotations

import pytest

from timeline._import._columns import fold, map_columns, parse_map
from timeline.errors import UsageError


@pytest.mark.parametrize(
    ("header", "folded"),
    [
        ("Start_Date", "start date"),
        ("Année", "annee"),
        ("  END-YEAR ", "end year"),
        ("Título", "titulo"),
    ],
)
def test_headers_fold(header: str, folded: str) -> None:
    """Case, accents, punctuation and underscores do not count."""
    assert fold(header) == folded


def test_the_first_column_for_a_field_wins() -> None:
    """A second column naming a field already found is left unused, and named as such."""
    columns = map_columns(["Date", "Title", "Headline", "Mood"])
    assert columns.index == {"date": 0, "title": 1}
    assert columns.unused == ("Headline", "Mood")


def test_map_overrides_the_aliases() -> None:
    """--map says what a column is, or leaves it out."""
    columns = map_columns(["When", "What", "Notes"], parse_map(["What=title", "Notes=ignore"]))
    assert columns.index == {"date": 0, "title": 1}
    assert columns.unused == ()


def test_map_refuses_unknown_fields() -> None:
    """A field that does not exist is named with the ones that do."""
    with pytest.raises(UsageError, match="use one of id, title, date"):
        parse_map(["X=colour"])
