"""HTML as TimelineJS sheets and JSON hold it, made safe plain text for a record's fields.

Paragraphs and line breaks become new lines, list items "- " lines, a link's address is
kept after its words ("Ada Lovelace (https://en.wikipedia.org/wiki/Ada_Lovelace)"), entities
are decoded, and what is not text (scripts, styles, embedded frames, images) is dropped. No
markup survives, so nothing written from the record can carry it into a page.

>>> to_text('<p>Take <a href="https://e.org/ada">Ada</a> &amp; <b>Babbage</b>.</p><p>Then</p>')
'Take Ada (https://e.org/ada) & Babbage.\\n\\nThen'
"""

from __future__ import annotations

import html.parser
import re
from typing import Final

from timeline._text import URL

__all__ = ["to_text"]

_BLOCKS: Final = frozenset(
    {"p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr",
     "section", "article", "header", "footer", "figure", "figcaption", "pre"}
)  # fmt: skip
#: HTML's white space: what a browser collapses (not U+00A0 and the other Unicode spaces).
_SPACE: Final = " \t\n\f\r"
_HIDDEN: Final = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template"})


def to_text(markup: str) -> str | None:
    """The text a reader sees in `markup`, without any markup; None when there is none.

    Characters data files refuse are left for the import's last step, which drops them
    and says so (`timeline._text.fit`).
    """
    if "<" not in markup and "&" not in markup:
        return _collapse(markup) or None
    parser = _Text()
    parser.feed(markup)
    parser.close()
    lines = [_collapse(line) for line in "".join(parser.out).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(_SPACE)
    return text or None


def _collapse(line: str) -> str:
    """A line as a browser shows it: runs of HTML white space are one space (no-break
    spaces and other Unicode spaces are text, and stay)."""
    return re.sub(f"[{_SPACE}]+", " ", line).strip(_SPACE)


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0
        self.links: list[tuple[str | None, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "a":
            href = dict(attrs).get("href")
            self.links.append((href, len(self.out)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = " ".join("".join(self.out[start:]).split())
            if href and URL.fullmatch(href.strip()) and href.strip() != words:
                self.out.append(f" ({href.strip()})")

    def handle_data(self, data: str) -> None:
        if not self.hidden:  # a line break in the markup is white space; <br> and <p> are not
            self.out.append(re.sub(f"[{_SPACE}]+", " ", data))
