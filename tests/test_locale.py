"""Reports in the reader's language: naming a locale, golden reports, the command line."""

from __future__ import annotations

import builtins
import datetime as dt
import itertools
import shutil
from pathlib import Path

import pytest

import timeline
from conftest import assert_golden
from timeline import Settings, report
from timeline._cli import main
from timeline._locale import babel, chosen, locale_problem, normalise
from timeline.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden" / "locale"
FIXTURE = Path(__file__).parent / "data" / "golden" / "report" / "events"
STAMP = dt.datetime(2025, 12, 31, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def shipped() -> timeline.Timeline:
    """The shipped dataset."""
    return timeline.load(ROOT / "events")


# -- naming a locale ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("fr", "fr"), ("FR", "fr"), ("pt-br", "pt_BR"), ("pt_BR", "pt_BR"), ("zh-hant", "zh_Hant")],
)
def test_tags_are_normalised_as_babel_spells_them(tag: str, expected: str) -> None:
    """Case and '-' or '_' do not matter: the tag is written as CLDR names it."""
    assert normalise(tag) == expected
    assert chosen(tag) == expected


@pytest.mark.parametrize("tag", ["en", "en_GB", "en-US"])
def test_english_is_none(tag: str) -> None:
    """Every English tag writes the English reports (None), whatever the setting says."""
    assert chosen(tag, "fr") is None


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("fre", r"'fre' is not a supported locale \(did you mean 'fr'\?\)"),
        ("klingon", r"'klingon' is not a supported locale; use one of en, fr"),
        ("fr_XX", r"'fr_XX' is not a locale CLDR knows; use its language alone \('fr'\)"),
        ("", r"'' is not a supported locale"),
    ],
)
def test_an_unknown_locale_is_named_with_the_likely_one(tag: str, message: str) -> None:
    """An unsupported locale is refused, naming the likely one and those supported."""
    with pytest.raises(ValueError, match=message):
        chosen(tag)


def test_settings_refuse_an_unknown_locale(tmp_path: Path) -> None:
    """timeline.toml's locale is checked like any setting: file, line, key and the fix."""
    shutil.copytree(FIXTURE.parent, tmp_path / "report")
    folder = tmp_path / "report" / "events"
    toml = folder / "timeline.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'locale = "fre"\n', encoding="utf-8")
    with pytest.raises(timeline.DataError, match=r"timeline.toml:\d+: locale: 'fre' is not a"):
        timeline.load(folder)
    assert locale_problem("de") is None
    assert Settings(locale="ja").locale == "ja"


def test_without_babel_another_language_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With Babel missing, a report in French is refused with the install command; English
    reports never need it."""
    real = builtins.__import__

    def no_babel(name: str, *args: object, **kwargs: object) -> object:
        if name == "babel" or name.startswith("babel."):
            raise ImportError("No module named 'babel'")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    babel.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_babel)
    try:
        with pytest.raises(UsageError, match=r"pip install 'timeline-events\[locale\]'"):
            babel()
        english = timeline.Timeline(events=[], settings=Settings(name="T"))
        assert report.text(english) == "T\n=\n\nNo events match.\n"
    finally:
        monkeypatch.undo()
        babel.cache_clear()


# -- golden reports --------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["fr", "de", "ja"])
@pytest.mark.parametrize(("format", "suffix"), [("text", "txt"), ("markdown", "md")])
def test_shipped_reports_match_golden_files(
    shipped: timeline.Timeline, locale: str, format: str, suffix: str
) -> None:
    """The shipped data's report in French, German and Japanese, byte for byte."""
    assert_golden(
        report.render(shipped, format, locale=locale), GOLDEN / f"report.{locale}.{suffix}"
    )


def test_calendar_text_matches_golden_file() -> None:
    """The report fixture's calendar (every precision) writes its own text in French."""
    data = timeline.to_ics(timeline.load(FIXTURE), stamp=STAMP, locale="fr")
    assert_golden(data.decode(), GOLDEN / "report.fr.ics")


def test_english_is_the_default_and_unchanged(shipped: timeline.Timeline) -> None:
    """No locale, and 'en', give the English report the golden files hold."""
    assert report.text(shipped, locale="en") == report.text(shipped)
    assert report.markdown(shipped, locale="en_GB") == report.markdown(shipped)


def test_the_setting_is_the_default(shipped: timeline.Timeline) -> None:
    """A timeline whose settings name a locale reports in it; locale='en' overrides it."""
    import attrs

    french = attrs.evolve(shipped, settings=attrs.evolve(shipped.settings, locale="fr"))
    assert report.text(french) == report.text(shipped, locale="fr")
    assert report.text(french, locale="en") == report.text(shipped)


def test_data_formats_have_no_language(shipped: timeline.Timeline) -> None:
    """JSON and CSV stay the same in every language: asking for one is an error."""
    with pytest.raises(ValueError, match="format 'json' is data, the same in every language"):
        report.render(shipped, "json", locale="fr")


def test_html_page_is_in_the_language(shipped: timeline.Timeline) -> None:
    """The page's lang follows the locale, as do its headings and dates."""
    page = report.html(shipped, locale="ja")
    assert '<html lang="ja">' in page
    assert '<h2 id="_events-heading">出来事</h2>' in page
    assert "2025年12月8日" in page
    assert '<p class="span">16件の出来事、2010年頃から2025年12月まで</p>' in page
    assert '<html lang="pt-BR">' in report.html(shipped, locale="pt_BR")
    assert '<html lang="en">' in report.html(shipped)


def test_a_calendar_in_french_reads_back_as_written() -> None:
    """The calendar names its language, so reading it back strips the French date labels
    from the titles, as it does the English ones."""
    written = timeline.load(FIXTURE)
    data = timeline.to_ics(written, stamp=STAMP, locale="fr")
    assert b"X-TIMELINE-LOCALE:fr\r\n" in data
    read = timeline.read_ics(data)
    assert [e.title for e in read.events] == [e.title for e in written.events]


# -- the command line -------------------------------------------------------------------------


def test_unknown_locale_exits_2_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    """`--locale fre` is a usage error, naming 'fr', before any data is read."""
    assert main(["report", "nowhere", "--locale", "fre"]) == 2
    assert (
        "--locale: 'fre' is not a supported locale (did you mean 'fr'?)" in capsys.readouterr().err
    )


@pytest.mark.parametrize("command", ["report", "status", "ics"])
def test_every_report_command_takes_locale(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """report, status and ics write in the language --locale names."""
    args = [command, str(ROOT / "events"), "--locale", "de"]
    if command == "status":
        args += ["--as-of", "2025-12-31"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Dezember 2025" in out


def test_build_writes_the_site_in_the_language(tmp_path: Path) -> None:
    """`timeline build --locale fr` writes French pages and calendars."""
    site = tmp_path / "site"
    assert main(["build", str(ROOT / "events"), "-o", str(site), "-q", "--locale", "fr"]) == 0
    assert '<html lang="fr">' in (site / "index.html").read_text(encoding="utf-8")
    assert b"X-TIMELINE-LOCALE:fr" in (site / "timeline.ics").read_bytes()


def test_the_setting_is_the_command_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """timeline.toml's locale is the default; --locale en gives the English report back."""
    shutil.copytree(FIXTURE.parent, tmp_path / "report")
    folder = tmp_path / "report" / "events"
    toml = folder / "timeline.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'locale = "fr"\n', encoding="utf-8")
    assert main(["report", str(folder)]) == 0
    french = capsys.readouterr().out
    assert main(["report", str(folder), "--locale", "en"]) == 0
    english = capsys.readouterr().out
    assert french != english
    assert english == report.text(timeline.load(FIXTURE))
    assert main(["report", str(folder), "--format", "json"]) == 0  # data: no language


def test_locale_with_a_data_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--locale with --format json says which formats take a language."""
    assert main(["report", str(ROOT / "events"), "--format", "json", "--locale", "fr"]) == 2
    assert "--locale goes with --format text, markdown, html" in capsys.readouterr().err


def test_order_and_data_are_the_same_in_every_language(shipped: timeline.Timeline) -> None:
    """Events come in the same order in every language, and the data formats never change."""

    for locale in ("fr", "de", "ja", "zh"):
        written = report.text(shipped, locale=locale, width=None)  # a title per line
        positions = [written.index(f"  {e.title}\n") for e in shipped]
        assert positions == sorted(positions), locale
    import attrs

    french = attrs.evolve(shipped, settings=attrs.evolve(shipped.settings, locale="fr"))
    assert report.csv(french) == report.csv(shipped)


def test_the_setting_survives_a_json_export(tmp_path: Path, shipped: timeline.Timeline) -> None:
    """An export writes `locale` only when set, and reading it back keeps it."""
    import json

    import attrs

    assert "locale" not in json.loads(report.json(shipped))["settings"]
    french = attrs.evolve(shipped, settings=attrs.evolve(shipped.settings, locale="fr"))
    path = tmp_path / "export.json"
    path.write_text(report.json(french), encoding="utf-8")
    assert timeline.load_json(path).settings.locale == "fr"


def test_the_deadline_feed_writes_its_text_in_the_language() -> None:
    """`ics --upcoming --locale de` names the feed, its steps and its notes in German."""
    act = timeline.load(ROOT / "examples" / "eu-ai-act")
    english = timeline.deadlines_ics(act, as_of=dt.date(2024, 9, 1), stamp=STAMP)
    german = timeline.deadlines_ics(act, as_of=dt.date(2024, 9, 1), stamp=STAMP, locale="de")
    assert b"X-WR-CALNAME:EU AI Act: Fristen\r\n" in german
    assert b"anwendbar" in german
    assert b"applicable" not in german.replace(b"\r\n ", b"")
    assert b"X-TIMELINE-LOCALE" not in english
    assert b"deadlines" in english


# -- the chart --------------------------------------------------------------------------------


def _months(year: int) -> timeline.Timeline:
    """An event a month over one year: an axis of months, January's label with its year."""
    return timeline.Timeline(
        events=[
            timeline.Event(
                id=f"e{month}",
                title=f"Step {month}",
                when=timeline.When.parse(f"{year}-{month:02d}-15"),
                cite=(timeline.Citation(source="s"),),
            )
            for month in range(1, 13)
        ],
        sources=[timeline.Source(id="s", title="A source")],
        settings=Settings(name="Months"),
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (None, ["Jan 2025", "Feb", "Mar", "Apr"]),
        ("fr", ["janv. 2025", "févr.", "mars", "avr."]),
        ("de", ["Jan. 2025", "Feb", "Mär", "Apr"]),
        ("ja", ["2025年1月", "2月", "3月", "4月"]),
    ],
)
def test_the_axis_names_months_as_cldr_abbreviates_them(
    locale: str | None, expected: list[str]
) -> None:
    """A month axis writes CLDR's abbreviations and year-and-month pattern in the language."""
    from timeline.report._chart import lay_out

    tl = _months(2025)
    layout = lay_out(tl, "policy", tl, locale=locale)
    assert layout is not None
    assert layout.axis.unit == "month"
    labels = [tick.label for tick in layout.axis.ticks]
    assert labels[:4] == expected


@pytest.mark.parametrize("locale", ["fr", "de", "es", "pt", "zh", "ja"])
@pytest.mark.parametrize("width", [480, 1200])
def test_the_axis_measures_the_labels_it_writes(
    shipped: timeline.Timeline, locale: str, width: int
) -> None:
    """Every kept label, measured as written in the language, keeps clear of the next one,
    and the years and months are CLDR's ('2025年', 'févr.'), never English ones."""
    from timeline.report._axis import _GAP, _MINOR, _TICK
    from timeline.report._chart import lay_out
    from timeline.report._measure import width as text_width

    layout = lay_out(shipped, "policy", shipped, locale=locale, width=width)
    assert layout is not None
    kept = sorted((t for t in layout.axis.ticks if t.label), key=lambda t: t.x)
    assert len(kept) >= 3
    for a, b in itertools.pairwise(kept):
        size = _TICK if a.major else _MINOR
        assert a.x + 3 + text_width(a.label, size, bold=a.major) + _GAP <= b.x + 3
    dates = babel()
    years = {
        str(dates.format_skeleton("y", dt.date(y, 1, 1), locale=locale)) for y in range(2010, 2026)
    }
    months = {
        str(dates.format_skeleton("MMM", dt.date(2025, m, 1), locale=locale)) for m in range(1, 13)
    }
    assert {t.label for t in kept} <= years | months


def test_the_axis_cut_says_so_in_the_language(shipped: timeline.Timeline) -> None:
    """A cut in the axis is titled with CLDR's interval of years and the catalog's words."""
    page = report.html(shipped, locale="fr")
    assert "<title>2011–2014 : aucun événement ne commence ni ne finit</title>" in page
    assert "no events start or end" not in page
    japanese = report.html(shipped, locale="ja")
    assert "<title>2016年～2020年：始まる出来事も終わる出来事もない</title>" in japanese
    assert 'class="tick">2025年</text>' in japanese
    assert 'class="tick minor">12月</text>' in japanese


def _dense(size: int = 400) -> timeline.Timeline:
    """One policy lane of `size` events in one year: too many to label, so drawn as density,
    with one title long enough to go to the numbered notes."""
    words = " ".join(["regulation"] * 40)
    return timeline.Timeline(
        events=[
            timeline.Event(
                id=f"e{n:03d}",
                title=words if n == 0 else f"Step {n}",
                when=timeline.When.parse(f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"),
                policy="p",
                cite=(timeline.Citation(source="s"),),
            )
            for n in range(size)
        ],
        policies=[timeline.Policy(id="p", title="A policy", jurisdiction="EU", targets=["CN"])],
        sources=[timeline.Source(id="s", title="A source")],
        settings=Settings(name="Dense"),
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "fr",
            [
                "<summary>Le graphique en mots</summary>",
                '<a href="#_events" class="skip">Passer les repères du graphique, vers la liste',
                "</svg> un jour ou un instant</li>",
                "</svg> politique en vigueur</li>",
                "Imposée par <strong>US</strong> · vise CN",
                'title="connue au jour">jour</span>',
                'class="band-label">renforcée (2 décembre 2024)</text>',
                "<title>État de « US export controls",
                '<p class="axis-note">L’axe est en années, chacune aussi large',
                "<small>couloirs par politique</small>",
                '<th scope="col">Couloir</th>',
            ],
        ),
        (
            "ja",
            [
                "<summary>グラフの文字による説明</summary>",
                '<a href="#_events" class="skip">グラフのマークを飛ばして出来事の一覧へ</a>',
                "</svg> 日付または時刻</li>",
                "</svg> 施行中の政策</li>",
                "<strong>US</strong>が実施 · 対象：CN",
                'title="日まで判明">日</span>',
                'class="band-label">2022年10月7日 施行中</text>',
                "<title>「US export controls",
                '<p class="axis-note">軸の単位は年、各年の幅',
                "<small>政策別のレーン</small>",
            ],
        ),
    ],
)
def test_the_page_around_the_chart_is_in_the_language(
    shipped: timeline.Timeline, locale: str, expected: list[str]
) -> None:
    """The legend, skip link, text alternative, axis note, bands, precision badges and the
    policies' 'Imposed by' line are in the page's language, with none of the English."""
    page = report.html(shipped, locale=locale)
    for text in expected:
        assert text in page, text
    english = ["The chart in words", "a day or a moment", "Skip the chart", "Imposed by"]
    english += ["known to the day", "The axis is in", "State of “", "lanes by policy"]
    assert [text for text in english if text in page] == []


def test_the_step_chart_of_policies_in_force_is_in_the_language() -> None:
    """The 'Policies in force over time' section says its heading, dates, ticks, note and
    table in Japanese, with CLDR's dates."""
    act = timeline.load(ROOT / "examples" / "eu-ai-act")
    page = report.html(act, locale="ja")
    section = page.split('<section id="_in-force"', 1)[1].split("</section>", 1)[0]
    assert '<h2 id="_in-force-heading">施行中の政策の推移</h2>' in section
    assert (
        '<title id="_in-force-title">施行中の政策（2021年2月4日～2027年10月17日）</title>'
        in section
    )
    assert 'fill="#59636e">2025年</text>' in section
    assert "「2025年6月～12月」" in section
    assert '<th scope="row">2024年8月1日</th>' in section
    for english in ("Policies in force", "All policies", "The counts", "uncertain", "August"):
        assert english not in section, english


def test_density_and_notes_are_in_the_language() -> None:
    """A dense lane's tooltips and the numbered notes under the chart are in French, with
    CLDR's dates and numbers."""
    page = report.html(_dense(), locale="fr", width=480)
    assert "événements datés au jour ou à l’instant" in page
    assert "dated to the day" not in page
    assert "tallest bin" not in page
    assert "l’intervalle le plus haut en compte" in page
    assert ">1 janvier 2025 : regulation regulation" in page
    assert "January" not in page
    assert "Un couloir qui a plus d’événements" in page
    assert "(<code>--from</code>, <code>--to</code>, <code>--policy</code>)" in page


# -- the site ---------------------------------------------------------------------------------


def test_the_sites_navigation_and_policy_index_are_in_the_language(
    tmp_path: Path, shipped: timeline.Timeline
) -> None:
    """The site bar, the policy pages' way back and the policy index are in French; the
    files are the English site's, name for name."""
    english = timeline.build_site(shipped, tmp_path / "en", as_of=dt.date(2025, 1, 1))
    french = timeline.build_site(shipped, tmp_path / "fr", as_of=dt.date(2025, 1, 1), locale="fr")
    assert french == english
    index = (tmp_path / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<nav class="site" aria-label="Site">' in index
    assert "<p><strong>Calendriers (.ics) :</strong> " in index
    assert '<a href="timeline.ics">Tous les événements</a>' in index
    assert '<a href="deadlines.ics">Échéances</a>' in index
    assert "<p><strong>Données :</strong> " in index
    assert '<a href="policies.html">Les 3 politiques</a>' in index
    policies = (tmp_path / "fr" / "policies.html").read_text(encoding="utf-8")
    assert "<h1>Politiques</h1>" in policies
    assert '<th scope="col">Politique</th><th scope="col">Juridiction</th>' in policies
    assert "Calendars" not in index + policies
    page = next((tmp_path / "fr" / "policies").glob("*.html")).read_text(encoding="utf-8")
    assert "Le calendrier de cette politique (.ics)" in page


def test_year_pages_keep_their_english_paths_in_any_language(tmp_path: Path) -> None:
    """A list paged by year names its pages in Japanese ('2025年', 'その2') but writes them
    at the English paths, so links and bookmarks work in every language."""
    tl = _dense(1100)
    english = timeline.build_site(tl, tmp_path / "en", as_of=dt.date(2025, 1, 1))
    japanese = timeline.build_site(tl, tmp_path / "ja", as_of=dt.date(2025, 1, 1), locale="ja")
    assert japanese == english
    assert "years/2025-2.html" in japanese
    index = (tmp_path / "ja" / "index.html").read_text(encoding="utf-8")
    assert "<p><strong>年ごとの出来事：</strong> " in index
    assert '<a href="years/2025.html">2025年</a>' in index
    assert '<th scope="col">年</th><th scope="col">出来事</th><th scope="col">ページ</th>' in index
    assert '<a href="years/2025-2.html">その2</a>' in index
    year = (tmp_path / "ja" / "years" / "2025-2.html").read_text(encoding="utf-8")
    assert "<title>Dense：2025年 (2)</title>" in year
    assert "← Dense" in year
