"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

from hypothesis import strategies as st

#: Pieces of English that the date rules react to, so random articles exercise them.
TEMPORAL_PIECES = (
    "In April", "this fall", "15 years ago", "over the last six months", "for over a decade",
    "just four years old", "in 50 years", "30 years’ time", "January 15, 2025", "Friday",
    "next week", "the previous quarter", "the 1990s", "the 19th century", "FY2024",
    "the third quarter of fiscal year 2024", "2:00 p.m. Eastern Time on", "noon", "annually",
    "every July", "Now", "recently", "the summer of 2022", "10/21/2022", "mid-October",
    "later this decade", "this nineteenth day of July, in the year of our Lord two thousand",
    "9999", "1000", "December 31, 9999", "31 February 2025", "99 centuries ago", "0 years old",
)  # fmt: skip


def article_texts() -> st.SearchStrategy[str]:
    """Text that mixes arbitrary characters with phrases the extractor resolves."""
    piece = st.one_of(st.sampled_from(TEMPORAL_PIECES), st.text(max_size=30))
    joiner = st.sampled_from([" ", ", ", ". ", "\n", " and ", " was ", " will be "])
    return st.lists(st.tuples(piece, joiner), max_size=12).map(
        lambda parts: "".join(p + j for p, j in parts)
    )
