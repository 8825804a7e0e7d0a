"""Find dated phrases in an article and resolve them against its publication date.

Articles date things relative to themselves ("this fall", "15 years ago"); a tracker needs
the dates. `extract` finds each temporal expression, gives its TimeML TIMEX3 value (the
convention annotated corpora use) and, where the text allows it, an honest `When` value in
timeline's EDTF subset: "In April" stays a month, "15 years ago" is approximate, "recently"
has no date at all. `draft_toml` turns the result into draft `[[event]]` records that a
person edits. The public names are exported from the package root: `timeline.extract`,
`timeline.Mention`, `timeline.draft_toml`.

Data flows one way through the modules here:

- `_words`, `_rules`: the words, and the pattern of every rule built from them (all that
  is language-specific);
- `_context`, `_resolution`: what a resolver looks at (the sentence, its tense) and
  what it returns;
- `_calendar`, `_relative`, `_times`, `_durations`: the resolvers, by family;
- `_sentences`, `_find`: splitting the text, matching every rule, keeping the longest
  match, and the passes that read mentions against their neighbours;
- `_mention`: the result and its JSON Lines form; `_draft`: the draft records.

>>> import datetime
>>> [(m.text, m.when) for m in extract("In April, Xi spoke.", datetime.date(2025, 12, 19))]
[('April', '2025-04')]
"""

from timeline._extract._draft import draft_toml
from timeline._extract._find import extract
from timeline._extract._mention import Mention, to_jsonl

__all__ = ["Mention", "draft_toml", "extract", "to_jsonl"]
