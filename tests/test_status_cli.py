"""`timeline status` and the policy-history section of `timeline report --policy`."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from timeline._cli import main
from timeline._clock import frozen_today

ROOT = Path(__file__).resolve().parent.parent
EU = ROOT / "examples" / "eu-ai-act"
US = "us-chip-export-controls"
H200_LINE = 'when = "2025-12-08"\n'


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _status(capsys: pytest.CaptureFixture[str], data: str | Path, as_of: str) -> dict[str, Any]:
    code, out, err = _run(capsys, "status", str(data), "--as-of", as_of, "--format", "json")
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    assert document["as_of"] == as_of
    return {p["policy"]: p for p in document["policies"]}


@pytest.fixture
def h200_by_month(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data with the H200 rollback dated only 'December 2025'."""
    shutil.copytree(ROOT / "events", tmp_path / "events")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "events" / "us-export-controls.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(H200_LINE) == 1
    path.write_text(text.replace(H200_LINE, 'when = "2025-12"\n'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "events"


def test_the_h200_rollback_changes_the_us_controls(capsys: pytest.CaptureFixture[str]) -> None:
    """End of November: in force, tightened by the 2024 rule; end of December: loosened."""
    before = _status(capsys, ROOT / "events", "2025-11-30")[US]
    after = _status(capsys, ROOT / "events", "2025-12-31")[US]
    for answer in (before, after):
        assert answer["certain"] is True
        assert answer["in_force"] is True
        assert answer["phase"] == "in-force"
        assert answer["state"]["since"]["event"] == "bis-2022-10-07-advanced-computing-rule"
    assert before["state"]["change"]["effect"] == "tightened"
    assert before["state"]["change"]["event"] == "bis-2024-12-02-rule-updates"
    assert after["state"]["change"]["effect"] == "loosened"
    assert after["state"]["change"]["event"] == "h200-export-rollback"
    assert after["state"]["change"]["when"] == "2025-12-08"
    assert before != after


def test_the_known_day_gives_a_definite_answer_on_5_december(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With the rollback dated 8 December, 5 December is definitely before it."""
    answer = _status(capsys, ROOT / "events", "2025-12-05")[US]
    assert answer["certain"] is True
    assert answer["state"]["change"]["effect"] == "tightened"
    assert answer["reason"] is None
    assert answer["pending"] == []


def test_only_the_month_known_gives_uncertainty_on_5_december(
    h200_by_month: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the rollback dated 'December 2025', 5 December is uncertain, with the reason."""
    answer = _status(capsys, h200_by_month, "2025-12-05")[US]
    assert answer["certain"] is False
    assert answer["state"] is None
    assert answer["phase"] == "in-force"
    assert answer["in_force"] is True
    assert [s["change"]["effect"] for s in answer["possible"]] == ["tightened", "loosened"]
    assert answer["pending"] == ["h200-export-rollback"]
    assert answer["reason"] == (
        "'h200-export-rollback' (loosened) is dated December 2025, which includes "
        "5 December 2025, so it may or may not have happened by then"
    )
    assert answer["label"].startswith("uncertain between “in force since 7 October 2022")
    month_end = _status(capsys, h200_by_month, "2025-12-31")[US]
    assert month_end["certain"] is True
    assert month_end["state"]["change"]["when"] == "2025-12"


def test_the_text_format_says_why_it_is_uncertain(
    h200_by_month: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The terminal output lists the possible states and the reason."""
    code, out, _ = _run(capsys, "status", "events", "--as-of", "2025-12-05", "--policy", US)
    assert code == 0
    assert out.splitlines()[:4] == [
        "Policy status as of 5 December 2025",
        "===================================",
        "",
        f"{US} (US → CN)",
    ]
    assert "  uncertain between:\n    - in force since 7 October 2022" in out
    assert "  why: 'h200-export-rollback' (loosened) is dated December 2025" in out
    assert "cn-chip-self-reliance" not in out


def test_the_shipped_policies_on_new_years_eve(capsys: pytest.CaptureFixture[str]) -> None:
    """Every shipped policy has a state at the end of 2025; all three are listed in order."""
    answers = _status(capsys, ROOT / "events", "2025-12-31")
    assert list(answers) == [US, "cn-us-chip-purchase-guidance", "cn-chip-self-reliance"]
    assert answers["cn-us-chip-purchase-guidance"]["in_force"] is True
    assert answers["cn-chip-self-reliance"]["phase"] == "announced"


def test_the_default_as_of_is_today(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --as-of the command asks the injectable clock."""
    with frozen_today(dt.date(2025, 11, 30)):
        code, out, _ = _run(capsys, "status", str(ROOT / "events"), "--format", "json")
    assert code == 0
    assert json.loads(out)["as_of"] == "2025-11-30"


def test_output_file_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes the answer to a file instead of stdout."""
    target = tmp_path / "status.json"
    code, out, _ = _run(
        capsys, "status", str(ROOT / "events"), "--as-of", "2025-12-31", "-o", str(target)
    )
    assert code == 0
    assert out == ""
    assert "Policy status as of 31 December 2025" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2025-13-01"], "--as-of: '2025-13-01' is not a date; write it as YYYY-MM-DD"),
        (["--as-of", "December"], "--as-of: 'December' is not a date"),
        (["--policy", "nope"], "--policy: no policy with id 'nope'; known: cn-chip-self-reliance"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad date or an unknown policy is a usage error that says what to write."""
    code, out, err = _run(capsys, "status", str(ROOT / "events"), *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_bad_data_exits_1_with_the_located_effect(
    h200_by_month: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An effect the lifecycle does not allow stops every command with file and line."""
    path = h200_by_month / "china-self-reliance.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('effect = "announced"', 'effect = "rescinded"'), encoding="utf-8")
    line = text.splitlines().index('effect = "announced"') + 1
    for command in (["status", "events"], ["check", "events"]):
        code, out, err = _run(capsys, *command)
        assert code == 1
        assert out == ""
        assert err.startswith(
            f"events/china-self-reliance.toml:{line}: event[1].effect: 'rescinded' is not "
            "allowed here: policy 'cn-chip-self-reliance' was never in force"
        )


# -- timeline report --policy: the history section -----------------------------------------


def test_text_report_appends_the_policy_history(capsys: pytest.CaptureFixture[str]) -> None:
    """`report --policy ID` ends with that policy's transitions, states and sources."""
    code, out, _ = _run(capsys, "report", str(ROOT / "events"), "--policy", US, "--width", "0")
    assert code == 0
    report, _, section = out.partition("\nPolicy history\n==============\n")
    assert "Trump lets Nvidia sell H200 chips" in report
    lines = section.splitlines()
    assert (
        lines[1] == f"US export controls on advanced chips and chipmaking equipment to China ({US})"
    )
    assert lines[2] == "  US → CN"
    assert lines[3].split() == ["7", "October", "2022", "enacted", "BIS", *lines[3].split()[5:]]
    assert sum(1 for line in lines if line.strip().startswith("→ ")) == 5
    assert "→ in force since 7 October 2022 (bis-2022-10-07-advanced-computing-rule), " in section
    assert "loosened since 8 December 2025 (h200-export-rollback)" in lines[-1]
    assert "source: Truth Social post" in section
    assert "cn-chip-self-reliance" not in section


def test_history_folds_every_event_even_when_the_report_is_filtered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--from narrows the listed events, never the history the fold needs."""
    code, out, _ = _run(capsys, "report", str(ROOT / "events"), "--policy", US, "--from", "2025")
    assert code == 0
    report, _, section = out.partition("Policy history")
    assert "BIS imposes controls" not in report
    assert "BIS imposes controls" in section


def test_markdown_report_appends_a_history_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The Markdown report gets a table per policy under '## Policy history'."""
    args = ["report", str(ROOT / "events"), "--format", "markdown", "--policy", US]
    code, out, _ = _run(capsys, *args)
    assert code == 0
    section = out.partition("\n## Policy history\n")[2]
    assert section.startswith("\n### US export controls on advanced chips and chipmaking")
    assert "| date | effect | event | state after | sources |" in section
    assert "| 8 December 2025 | loosened | Trump lets Nvidia sell H200 chips" in section
    assert section.count("\n|") == 2 + 5


def test_several_policies_and_one_without_changes(capsys: pytest.CaptureFixture[str]) -> None:
    """Each --policy gets its section, in the order given."""
    args = [
        "report",
        str(ROOT / "events"),
        "--policy",
        "cn-chip-self-reliance",
        "--policy",
        US,
        "--width",
        "0",
    ]
    code, out, _ = _run(capsys, *args)
    assert code == 0
    section = out.partition("\nPolicy history\n")[2]
    assert section.index("(cn-chip-self-reliance)") < section.index(f"({US})")
    assert "announced since 25 April 2025 (xi-april-ai-pledge), not in force" in section


@pytest.mark.parametrize("args", [[], ["--tag", "nvidia"]])
def test_no_history_without_policy(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Without --policy the report is unchanged: no history section."""
    code, out, _ = _run(capsys, "report", str(ROOT / "events"), *args)
    assert code == 0
    assert "Policy history" not in out


def test_report_with_unknown_policy_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Asking for the history of a policy the data lacks exits 2 naming the known ones."""
    code, _, err = _run(capsys, "report", str(ROOT / "events"), "--policy", "nope")
    assert code == 2
    assert "--policy: no policy with id 'nope'; known: " in err


def test_status_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline status --help` explains the command and gives an example."""
    with pytest.raises(SystemExit, match="0"):
        main(["status", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Example: timeline status events --as-of 2025-12-31 --format json" in out
    assert "--as-of DATE" in out


def _keys(value: object) -> set[str]:
    """Every key of every object inside a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize(
    "args",
    [
        [str(ROOT / "events"), "--as-of", "2025-12-31"],
        [str(EU), "--as-of", "2024-08-01"],
        [str(EU), "--pending", "--as-of", "2025-12-01"],
        [str(EU), "--upcoming", "400", "--as-of", "2024-07-01"],
        [str(EU), "--changes", "2024-01-01", "2025-12-31"],
        [str(EU), "--series", "month", "--from", "2024-01-01", "--to", "2024-12-31"],
    ],
)
def test_every_json_field_is_documented(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/policies.md names every key each `status --format json` question writes."""
    doc = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
    code, out, _ = _run(capsys, "status", *args, "--format", "json")
    assert code == 0
    keys = _keys(json.loads(out))
    assert sorted(k for k in keys if f"`{k}`" not in doc and f'"{k}"' not in doc) == []


# -- the questions over time ------------------------------------------------------------------


def test_pending_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    """--pending lists, per policy, what does not bind yet and when it will."""
    code, out, _ = _run(
        capsys, "status", str(EU), "--pending", "--as-of", "2024-07-01", "--width", "0"
    )
    assert code == 0
    assert out == (
        "Pending as of 1 July 2024\n"
        "=========================\n"
        "\n"
        "eu-ai-act (EU)\n"
        "  EU Artificial Intelligence Act\n"
        "  - adopted since 13 June 2024 (ai-act-signed), not in force; "
        "takes effect 1 August 2024 (ai-act-enters-into-force)\n"
        "\n"
    )


def test_upcoming_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--upcoming DAYS lists what takes effect or starts to apply in that window."""
    code, out, _ = _run(capsys, "status", str(EU), "--upcoming", "200", "--as-of", "2024-08-01")
    assert code == 0
    assert "Taking effect in the 200 days after 1 August 2024 (to 17 February 2025)" in out
    assert "- eu-ai-act: prohibitions (Chapters I and II) applicable from 2 February 2025" in out
    assert "general-purpose" not in out
    code, out, _ = _run(
        capsys, "status", str(EU), "--upcoming", "200", "--as-of", "2024-08-01", "--format", "json"
    )
    document = json.loads(out)
    assert (document["as_of"], document["days"]) == ("2024-08-01", 200)
    [change] = document["changes"]
    assert change["step"]["provision"] == "prohibitions"
    assert change["after"]["applying"] == ["prohibitions"]


def test_changes_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    """--changes FROM TO lists every step in order with the state after it."""
    code, out, _ = _run(
        capsys, "status", str(ROOT / "events"), "--changes", "2023-01-01", "2023-12-31", "--width=0"
    )
    assert code == 0
    assert out.splitlines()[3:7] == [
        "- us-chip-export-controls: amendment adopted 17 October 2023 "
        "(bis-2023-10-17-rule-updates)",
        "  → in force since 7 October 2022 (bis-2022-10-07-advanced-computing-rule); "
        "amendment adopted since 17 October 2023 (bis-2023-10-17-rule-updates)",
        "- us-chip-export-controls: tightened from 17 November 2023 "
        "(bis-2023-11-17-rule-updates-effective)",
        "  → in force since 7 October 2022 (bis-2022-10-07-advanced-computing-rule), "
        "tightened since 17 November 2023 (bis-2023-11-17-rule-updates-effective)",
    ]


def test_series_in_text_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--series counts policies in force per period and jurisdiction, in three formats."""
    base = ["status", str(ROOT / "events"), "--series", "month", "--from", "2025-05-01"]
    code, out, _ = _run(capsys, *base, "--to", "2025-07-31")
    assert code == 0
    assert out.splitlines()[3:7] == [
        "period   as of       all   CN    US",
        "2025-05  2025-05-31  1     0     1",
        "2025-06  2025-06-30  1+1?  0+1?  1",
        "2025-07  2025-07-31  1+1?  0+1?  1",
    ]
    assert "n+m? counts n policies in force and m more that may be" in out
    code, out, _ = _run(capsys, *base, "--to", "2025-06-30", "--format", "csv")
    assert out.splitlines() == [
        "period,as_of,jurisdiction,in_force,uncertain",
        "2025-05,2025-05-31,CN,0,0",
        "2025-05,2025-05-31,US,1,0",
        "2025-06,2025-06-30,CN,0,1",
        "2025-06,2025-06-30,US,1,0",
    ]
    code, out, _ = _run(capsys, *base, "--to", "2025-06-30", "--format", "json")
    document = json.loads(out)
    assert document["jurisdictions"] == ["CN", "US"]
    assert document["steps"][1]["uncertain"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--series", "month"], "--series needs --from and --to"),
        (["--from", "2024-01-01"], "--from and --to go with --series"),
        (["--format", "csv"], "--format csv goes with --series"),
        (["--changes", "2024-01-01", "2025-01-01", "--as-of", "2024-06-01"], "--as-of does not"),
        (["--changes", "2025-01-01", "2024-01-01"], "before it starts"),
        (["--changes", "2024-01-01", "soon"], "--changes: 'soon' is not a date"),
        (["--upcoming", "0"], "--upcoming: 0 is not a number of days"),
        (["--pending", "--upcoming", "5"], "not allowed with argument"),
        (["--series", "week"], "invalid choice: 'week'"),
    ],
)
def test_questions_refuse_what_does_not_go_together(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Options of the questions that do not fit are usage errors saying which do."""
    with contextlib.suppress(SystemExit):
        code, _, err = _run(capsys, "status", str(EU), *args)
        assert code == 2
        assert message in err
        return
    assert message in capsys.readouterr().err  # argparse's own errors exit from parse_args


def test_history_section_names_relations_and_policies_without_changes() -> None:
    """The section says what a policy amends or replaces, and when nothing has changed it."""
    from timeline._model import Citation, Effect, Event, Policy
    from timeline._timeline import Timeline
    from timeline._when import When
    from timeline.report import _policy as policy_report

    tl = Timeline(
        events=[
            Event(
                id="rule",
                title="Rule | with a pipe",
                when=When.parse("2024-05"),
                policy="new",
                effect=Effect.ENACTED,
                cite=(Citation(source="unknown-source"),),
            )
        ],
        policies=[
            Policy(id="old", title="Old rule", jurisdiction="US"),
            Policy(id="new", title="New rule", amends="old", replaces="old", targets=("CN",)),
        ],
    )
    text = policy_report.render(tl, ["new", "old", "new"], "text")
    assert "New rule (new)\n  ? → CN; amends old; replaces old\n" in text
    assert "Old rule (old)\n  US\n  No recorded changes: not yet announced.\n" in text
    assert text.count("New rule (new)") == 1
    assert "source: unknown-source" in text
    markdown = policy_report.render(tl, ["new"], "markdown")
    assert "| May 2024 | enacted | Rule \\| with a pipe | in force since May 2024 \\(rule\\) |" in (
        markdown
    )
    with pytest.raises(ValueError, match="no policy history for format 'json'"):
        policy_report.render(tl, ["new"], "json")
    with pytest.raises(KeyError, match="no policy with id 'nope'"):
        policy_report.render(tl, ["nope"], "text")


def test_a_wide_series_table_is_split_to_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With more jurisdictions than fit, the series table is cut into tables that fit,
    each repeating the period, the day and the total."""
    from timeline._text import display_width

    (tmp_path / "timeline.toml").write_text('name = "Many"\n', encoding="utf-8")
    records = ['[[source]]\nid = "s"\ntitle = "S"\n']
    codes = sorted(
        {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR"}
        | {"HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE"}
    )
    for n, code in enumerate(codes):
        records.append(f'[[policy]]\nid = "p{n}"\ntitle = "P"\njurisdiction = "{code}"\n')
        records.append(
            f'[[event]]\nid = "e{n}"\ntitle = "E"\nwhen = "2020-01-{n + 1:02d}"\n'
            f'policy = "p{n}"\neffect = "enacted"\ncite = [{{source = "s"}}]\n'
        )
    (tmp_path / "records.toml").write_text("\n".join(records), encoding="utf-8")
    argv = ["status", str(tmp_path), "--series", "year", "--from", "2019-01-01"]
    code, out, err = _run(capsys, *argv, "--to", "2021-12-31", "--width", "80")
    assert code == 0, err
    lines = out.splitlines()
    assert max(display_width(line) for line in lines) <= 80
    headers = [line for line in lines if line.startswith("period")]
    assert len(headers) > 1
    assert all(line.startswith("period  as of       all") for line in headers)
    assert sorted(code for line in headers for code in line.split()[4:]) == codes
    assert "2021    2021-12-31  25" in out


@pytest.mark.parametrize("locale", ["fr", "ja"])
@pytest.mark.parametrize(
    "question",
    [
        ["--as-of", "2025-08-03"],
        ["--pending", "--as-of", "2024-07-01"],
        ["--changes", "2024-01-01", "2025-12-31"],
    ],
)
def test_width_and_locale_combine(
    capsys: pytest.CaptureFixture[str], question: list[str], locale: str
) -> None:
    """`status --width N --locale LANG` answers in that language within N columns, counting
    two for a Japanese character."""
    from timeline._text import display_width

    argv = ["status", str(EU), *question, "--width", "50", "--locale", locale]
    code, out, err = _run(capsys, *argv)
    assert code == 0, err
    assert max(display_width(line) for line in out.splitlines()) <= 50
    english = _run(capsys, "status", str(EU), *question, "--width", "50")[1]
    assert out != english
