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


# -- flags and field lists: docs/ and --help say the same -------------------------------------


def _option_documented(spellings: list[str], text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", text) for o in spellings)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_documented(name: str) -> None:
    """Each option of each command appears in docs/*.md (by one of its spellings)."""
    docs = _docs_text()
    for action in _commands()[name]._actions:
        if action.option_strings and not isinstance(action, argparse._HelpAction):
            assert _option_documented(action.option_strings, docs), (
                f"`timeline {name}` {action.option_strings} is in --help but not in docs/"
            )


def test_documented_command_lines_use_real_options() -> None:
    """Every `timeline COMMAND …` written in docs/ and the README uses that command's options."""
    text = _docs_text() + (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands()
    for found in re.finditer(r"timeline ([a-z-]+)((?: [^\n`|]*)?)", text):
        command, rest = found.groups()
        if command not in commands:
            continue
        options = {o for a in commands[command]._actions for o in a.option_strings}
        for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", rest):
            assert option in options, f"{found.group(0)!r}: {option} is no option of {command}"


def test_the_documented_formats_are_the_choices() -> None:
    """The report formats in the README, docs/formats.md and --help are the same list."""
    from timeline.report import BINARY, FORMATS

    [format_action] = [a for a in _commands()["report"]._actions if "--format" in a.option_strings]
    choices = set(format_action.choices or ())
    assert choices == {*FORMATS, *BINARY}
    table = (DOCS / "formats.md").read_text(encoding="utf-8").split("## JSON", 1)[0]
    assert set(re.findall(r"^\| `([a-z]+)` \|", table, re.MULTILINE)) == choices
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [listed] = re.findall(r"--format ([a-z\\|]+)`", readme)
    assert set(listed.split("\\|")) == choices


def test_the_guide_lists_exactly_the_filters() -> None:
    """docs/guide.md's filter table holds each filter option of `timeline report`, no other."""
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    table = guide.split("## Filters", 1)[1].split("| option |", 1)[1].split("\n\n", 1)[0]
    documented = set(re.findall(r"^\| `(--[a-z]+)", table, re.MULTILINE))
    [group] = [g for g in _commands()["report"]._action_groups if g.title and "filters" in g.title]
    assert documented == {a.option_strings[0] for a in group._group_actions}


TEXT_FIELDS = ["id", "title", "summary", "said", "quotes", "tags"]


def test_text_searches_the_fields_help_and_docs_name() -> None:
    """--text's help, the guide and the format reference name the fields it searches."""
    [text_action] = [a for a in _commands()["report"]._actions if "--text" in a.option_strings]
    listed = "id, title, summary, `said` phrase, quotes or tags"
    assert (text_action.help or "").endswith(f"in the {listed.replace('`', '')}")
    assert listed in (DOCS / "guide.md").read_text(encoding="utf-8")
    assert listed in (DOCS / "format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_text_finds_a_word_in_each_named_field(field: str) -> None:
    """A word only in `field` is found by --text, for each field the docs name."""
    from timeline._model import Citation, Event
    from timeline._query import Filter
    from timeline._timeline import Timeline

    values: dict[str, object] = {"id": "e", "title": "T", "when": "2025"}
    cite = Citation(source="s")
    if field == "quotes":
        cite = Citation(source="s", quote="zebra")
    elif field in ("id", "tags"):
        values[field] = "zebra" if field == "id" else ["zebra"]
    else:
        values[field] = "zebra"
    event = Event(**values, cite=[cite])  # type: ignore[arg-type]
    assert Filter.build(text="ZEBRA").matches(event, Timeline(events=[event]))


def test_the_csv_columns_are_documented() -> None:
    """docs/formats.md lists the CSV columns in the order the header writes them."""
    from timeline import report
    from timeline._timeline import Timeline

    header = report.csv(Timeline(events=[])).splitlines()[0]
    formats = (DOCS / "formats.md").read_text(encoding="utf-8")
    listed = formats.split("Columns:", 1)[1].split("`", 2)[1]
    assert " ".join(listed.split()) == header.replace(",", ", ")


def test_examples_of_shipped_events_carry_their_shipped_dates() -> None:
    """An example in the docs or the README that names a shipped event gives its real date."""
    import json
    import tomllib

    import timeline

    shipped = {event.id: str(event.when) for event in timeline.load(ROOT / "events")}
    pages = {
        p.name: p.read_text(encoding="utf-8") for p in [*DOCS.glob("*.md"), ROOT / "README.md"]
    }
    checked = 0
    for name, text in pages.items():
        for block in re.findall(r"```toml\n(.*?)```", text, re.DOTALL):
            for event in tomllib.loads(block).get("event", []):
                if event.get("id") in shipped:
                    assert event["when"] == shipped[event["id"]], (name, event["id"])
                    checked += 1
        for line in re.findall(r'^\{"event": .*\}$', text, re.MULTILINE):
            event = json.loads(line)["event"]
            if event.get("id") in shipped:
                assert event["when"] == shipped[event["id"]], (name, event["id"])
                checked += 1
    assert checked >= 2


def test_the_notation_table_gives_the_labels_the_code_gives() -> None:
    """Each row of docs/format.md's `When` table parses, and its label is the one shown."""
    from timeline._when import When

    reference = (DOCS / "format.md").read_text(encoding="utf-8")
    table = reference.split("| written | meaning |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(
        r"^\| `([^`]+)`(?: with `tz = \"([^\"]+)\"`)? \|.*\| ([^|]+) \|$", table, re.M
    )
    assert len(rows) >= 20
    for notation, tz, label in rows:
        assert When.parse(notation, tz=tz or None).label == label.strip(), notation


def _transcripts() -> list[tuple[str, str, str]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for command, shown in re.findall(r"```\n\$ timeline (.*?)\n(.*?)```", text, re.DOTALL):
            found.append((page.name, command, shown))
    return found


@pytest.mark.parametrize(("page", "command", "shown"), _transcripts())
def test_shown_output_in_the_docs_is_real(
    page: str,
    command: str,
    shown: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A `$ timeline …` transcript in docs/ is what the command prints in 80 columns
    (a transcript cut with … shows lines it prints); one about data shown only on the
    page (not in the repository) must at least be a command line the parser takes."""
    import shlex

    from timeline._cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    argv = shlex.split(command)
    if "-o" in argv or not (ROOT / argv[1]).is_dir() or argv[0] == "check":
        _build_parser().parse_args(argv)  # the page's own data, or a file written
        return
    assert main(argv) == 0, command
    out = capsys.readouterr().out
    if "…" not in shown and "..." not in shown:
        assert out == shown, f"{page}: $ timeline {command}"
        return
    lines = set(out.splitlines())
    for line in shown.splitlines():
        if line.strip() not in ("…", "..."):
            assert line in lines, f"{page}: $ timeline {command}: {line!r} is not printed"


def test_the_status_synopsis_names_every_option() -> None:
    """docs/policies.md's command-line synopsis of `timeline status` names each option."""
    policies = (DOCS / "policies.md").read_text(encoding="utf-8")
    synopsis = policies.split("## Command line\n\n```\n", 1)[1].split("```", 1)[0]
    for action in _commands()["status"]._actions:
        if action.option_strings and not isinstance(action, argparse._HelpAction):
            assert _option_documented(action.option_strings, synopsis), action.option_strings


def test_the_changes_page_shows_what_the_commands_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `$ timeline …` block of docs/changes.md prints what the page shows, run in
    order on a copy of the shipped data."""
    import shlex
    import shutil

    from timeline._cli import main

    shutil.copytree(ROOT / "events", tmp_path / "events")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    page = (DOCS / "changes.md").read_text(encoding="utf-8")
    ran = 0
    for block in re.findall(r"```\n(\$ timeline .*?)```", page, re.DOTALL):
        for command in re.split(r"^(?=\$ timeline )", block, flags=re.MULTILINE):
            if not command:
                continue
            line, _, shown = command.partition("\n")
            assert main(shlex.split(line)[2:]) == 0, line
            assert capsys.readouterr().out == shown, line
            ran += 1
    assert ran >= 5
