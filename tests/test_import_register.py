"""A Federal Register documents.json: one policy per RIN or docket, its lifecycle events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import Effect, ImportFileError, import_file
from timeline._import._register import EFFECTS

DOCUMENTS = Path(__file__).resolve().parent / "data" / "import" / "register" / "documents.json"


def test_documents_of_one_rin_are_one_policy() -> None:
    """The proposed rule and the final rule of RIN 0694-AI94 are one policy's events."""
    imported = import_file(DOCUMENTS)
    events = [e for e in imported.events if e.policy == "rin-0694-ai94"]
    assert [(str(e.when), e.effect) for e in events if e.effect] == [
        ("2022-06-01", Effect.PROPOSED),
        ("2022-10-13", Effect.ADOPTED),
        ("2022-10-21", Effect.EFFECTIVE),
        ("2023-01-05", Effect.ADOPTED),  # a correction: an amendment, pending
    ]
    assert {p.id: p.title for p in imported.policies}["rin-0694-ai94"] == (
        "Advanced Computing and Semiconductor Manufacturing Items"
    )


def test_every_event_cites_its_document() -> None:
    """Each document is a source with its html_url, and its events cite it."""
    imported = import_file(DOCUMENTS)
    sources = {s.id: s for s in imported.sources}
    for event in imported.events:
        (citation,) = event.cite
        assert sources[citation.source].url == event.url
        assert event.url is not None
        assert event.url.startswith("https://www.federalregister.gov/documents/")


def test_a_comment_deadline_is_an_event_without_effect() -> None:
    """comments_close_on is an event of the policy that changes nothing in its state."""
    imported = import_file(DOCUMENTS)
    deadlines = [e for e in imported.events if e.id.endswith("-comments-close")]
    assert [str(e.when) for e in deadlines] == ["2022-08-01", "2022-12-12"]
    assert all(e.effect is None for e in deadlines)


def test_a_docket_groups_documents_without_a_rin() -> None:
    """A notice with a docket and no RIN is a policy of its own, named by the docket."""
    imported = import_file(DOCUMENTS)
    assert "docket-230215-0001" in {p.id for p in imported.policies}


def test_effects_come_from_one_table() -> None:
    """The document type → lifecycle step mapping is one table (one line to change)."""
    assert EFFECTS["Proposed Rule"] is Effect.PROPOSED
    assert EFFECTS["Rule"] is Effect.ADOPTED
    assert EFFECTS["effective_on"] is Effect.EFFECTIVE
    assert EFFECTS["comments_close_on"] is None


def test_a_single_document_is_read_too(tmp_path: Path) -> None:
    """documents/NUMBER.json (one document, no results list) imports as well."""
    document = json.loads(DOCUMENTS.read_text(encoding="utf-8"))["results"][1]
    path = tmp_path / "2022-21658.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    imported = import_file(path)
    assert [e.id for e in imported.events] == [
        "fr-2022-21658-published", "fr-2022-21658-effective", "fr-2022-21658-comments-close"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"document_number": "1", "publication_date": "2025-01-01"}, "it has no title"),
        ({"document_number": "1", "title": "T", "publication_date": "soon"}, "publication_date"),
        ({"document_number": "1", "title": "T", "publication_date": "2025-01-01",
          "effective_on": 20250101}, "effective_on 20250101 is not a date"),
    ],
)  # fmt: skip
def test_a_bad_document_is_skipped(
    document: dict[str, object], reason: str, tmp_path: Path
) -> None:
    """A document without a title or with an unreadable date is skipped, saying why."""
    path = tmp_path / "documents.json"
    path.write_text(json.dumps({"results": [document]}), encoding="utf-8")
    (line,) = import_file(path).skipped
    assert line.startswith("documents.json:results[0] (1): ")
    assert reason in line


def test_another_json_is_not_taken_for_a_register(tmp_path: Path) -> None:
    """--format federal-register on JSON of another shape says what it expected."""
    path = tmp_path / "x.json"
    path.write_text('{"events": []}', encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a Federal Register API response"):
        import_file(path, format="federal-register")
