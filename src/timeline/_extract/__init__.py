"""Find dated phrases in an article, resolve them to TIMEX3 and EDTF, and draft events.

The public names are exported from the package root: `timeline.extract`,
`timeline.Mention`, `timeline.draft_toml` (and `to_jsonl`, which the CLI writes with).
"""

from timeline._extract._find import Mention, draft_toml, extract, to_jsonl

__all__ = ["Mention", "draft_toml", "extract", "to_jsonl"]
