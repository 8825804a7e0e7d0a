"""HTML from TimelineJS as safe plain text."""

from __future__ import annotations

import pytest

from timeline._import._html import to_text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul><li>x</li><li>y</li></ul>", "- x\n- y"),
        ('<a href="https://e.org/x">words</a>', "words (https://e.org/x)"),
        ('<a href="https://e.org/x">https://e.org/x</a>', "https://e.org/x"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ("<script>alert(1)</script>kept", "kept"),
        ("<style>p {}</style><iframe src=x>no</iframe>text", "text"),
        ("AT&amp;T &lt;b&gt; &#8220;q&#8221;", "AT&T <b> “q”"),
        ("  spread\n  over\tlines  ", "spread over lines"),
        ("no\u00a0break", "no\u00a0break"),
        ("<p>  </p>", None),
        ("<img src=x onerror=alert(1)>", None),
    ],
)
def test_markup_becomes_the_text_a_reader_sees(markup: str, text: str | None) -> None:
    """Blocks are lines, links keep their address, scripts and styles go, entities decode."""
    assert to_text(markup) == text
