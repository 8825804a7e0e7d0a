"""The documentation keeps up with the code: every command has help and a documented entry."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from timeline._cli import _build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _commands() -> dict[str, argparse.ArgumentParser]:
    """The CLI's commands, read from the parser itself, so new commands are checked too."""
    parser = _build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _summaries() -> dict[str, str]:
    parser = _build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {choice.dest: choice.help or "" for choice in action._choices_actions}


def _docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))


COMMANDS = sorted(_commands())


def test_the_core_commands_exist() -> None:
    """check and report are commands (the list below is read from the parser)."""
    assert {"check", "report"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    """Each command has a one-line summary and a description with an example."""
    summary = _summaries()[name]
    description = _commands()[name].description or ""
    assert summary.strip(), f"`timeline {name}` has no summary in `timeline --help`"
    assert description.strip(), f"`timeline {name} --help` has no description (the docstring)"
    assert "timeline " in description, f"`timeline {name} --help` shows no example command"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name: str) -> None:
    """Each command appears as `timeline <command>` in docs/*.md and in the guide's table."""
    pattern = re.compile(rf"timeline {re.escape(name)}(?![\w-])")
    assert pattern.search(_docs_text()), f"no 'timeline {name}' in docs/*.md"
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    assert pattern.search(guide), f"docs/guide.md does not list 'timeline {name}'"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help(name: str) -> None:
    """Each option of each command says what it does in --help."""
    for action in _commands()[name]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"`timeline {name}`: {action.option_strings or action.dest} has no help"


def test_index_links_resolve() -> None:
    """Every relative link in docs/index.md points at a file that exists."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", index)
    assert targets
    missing = [t for t in targets if not (DOCS / t).exists()]
    assert missing == []


def test_every_page_is_linked_from_the_index() -> None:
    """docs/index.md links every Markdown page in docs/."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    unlinked = [p.name for p in DOCS.glob("*.md") if p.name != "index.md" and p.name not in index]
    assert unlinked == []


def test_format_reference_lists_every_record_field() -> None:
    """docs/format.md names every field of every record kind and every setting."""
    import attrs

    from timeline._model import Citation, Settings
    from timeline._settings import FEED_KEYS
    from timeline._structure import KINDS

    reference = (DOCS / "format.md").read_text(encoding="utf-8")
    kinds: dict[str, type] = {**KINDS, "event.cite": Citation}
    for kind, cls in kinds.items():
        section = reference.split(f"### `[[{kind}]]`", 1)
        assert len(section) == 2, f"docs/format.md has no section for [[{kind}]]"
        body = section[1].split("\n### ", 1)[0]
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in body, f"[[{kind}]] field {field.name!r} undocumented"
    assert "| `tz` |" in reference
    for field in attrs.fields(Settings):
        written = "[feeds.NAME]" if field.name == "feeds" else field.name
        assert f"| `{written}` |" in reference, f"setting {field.name!r} undocumented"
    for key in FEED_KEYS:
        assert f"| `{key}` |" in reference, f"feed key {key!r} undocumented"


def test_changelog_has_an_unreleased_section() -> None:
    """CHANGELOG.md is hand-written with an 'Unreleased' section at the top."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog")
    assert "\n## Unreleased\n" in changelog


# -- the documentation that comes with the program --------------------------------------------


PAGES = sorted(p.stem for p in DOCS.glob("*.md"))


def test_help_lists_every_page(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline help` lists every documentation page as a topic, with its title."""
    from timeline._cli import main

    assert main(["help"]) == 0
    out = capsys.readouterr().out
    for page in PAGES:
        title = (DOCS / f"{page}.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
        assert f"  {page:<13}{title}" in out


@pytest.mark.parametrize("page", PAGES)
def test_help_prints_a_page(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline help TOPIC` prints that page of docs/ as written."""
    from timeline._cli import main

    assert main(["help", page]) == 0
    assert capsys.readouterr().out == (DOCS / f"{page}.md").read_text(encoding="utf-8")


def test_help_on_an_unknown_topic_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt topic is a usage error naming the topic meant."""
    from timeline._cli import main

    assert main(["help", "fromat"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: timeline help")
    assert "no help topic 'fromat' (did you mean 'format'?); topics: " in err


def test_the_docs_are_shipped_in_the_wheel() -> None:
    """The wheel holds docs/ inside the package, where `timeline help` reads them."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"] == {"docs": "timeline/docs"}


def test_the_help_footer_names_documentation_that_exists() -> None:
    """`timeline --help` points at `timeline help`, not at a path of the source tree."""
    epilog = _build_parser().epilog or ""
    assert "timeline help" in epilog
    assert "docs/" not in epilog
