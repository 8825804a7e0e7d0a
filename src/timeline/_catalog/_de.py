"""The reports' words in German."""

from __future__ import annotations

from typing import Final

__all__ = ["WORDS"]

WORDS: Final = {
    "spring": "Frühling",
    "summer": "Sommer",
    "autumn": "Herbst",
    "winter": "Winter",
    "season": "{season} {year}",
    "decade": "die {year}er-Jahre",
    "approximate": "um {0}",
    "uncertain": "{0}?",
    "approximate_uncertain": "um {0}?",
    "since": "seit {0}",
    "until": "bis {0}",
    "day_from": "{day}, ab {clock}",
    "day_until": "{day}, bis {clock}",
    "no_events": "Keine Ereignisse gefunden.",
    "until_year": "Bis {year}",
    "quote": "„{0}“",
    "text_who": "Wer",
    "text_said": "Gesagt",
    "text_source": "Quelle",
    "text_policy": "Maßnahme",
    "text_effect": "Wirkung",
    "text_effect_provision": "{effect}, Bestimmung: {provision}",
    "who": "Wer",
    "where": "Wo",
    "said": "Gesagt",
    "source": "Quelle",
    "note": "Anmerkung",
    "timeline": "Zeitleiste",
    "legend": "Legende",
    "policies": "Maßnahmen",
    "in_force_nav": "In Kraft",
    "events": "Ereignisse",
    "events_one": "{n} Ereignis",
    "events_many": "{n} Ereignisse",
    "span_both": "{events}, {start} bis {end}",
    "span_one": "{events}, {start}",
    "span_onwards": "{events}, ab {start}",
    "span_up_to": "{events}, bis {end}",
    "span_open": "{events}, ohne bekannten Anfang oder bekanntes Ende",
    "policy_history": "Verlauf der Maßnahmen",
    "no_changes_yet": "Keine Änderungen erfasst: noch nicht angekündigt.",
    "after_last": "Nach dem letzten erfassten Ereignis: {state}",
    "col_date": "Datum",
    "col_effect": "Wirkung",
    "col_event": "Ereignis",
    "col_after": "Stand danach",
    "col_sources": "Quellen",
    "amends": "ändert {0}",
    "replaces": "ersetzt {0}",
    "status_as_of": "Stand der Maßnahmen am {day}",
    "no_policies": "Keine Maßnahmen.",
    "uncertain_between": "unsicher zwischen:",
    "why": "Warum",
    "provisions": "Bestimmungen",
    "next": "Als Nächstes",
    "pending_as_of": "Ausstehend am {day}",
    "nothing_pending": "Nichts ausstehend.",
    "no_recorded_changes": "Keine Änderungen erfasst.",
    "changes_from_to": "Änderungen vom {start} bis {end}",
    "taking_effect": "Wirksam in den {days} Tagen nach dem {day} (bis {last})",
    "phase.not-announced": "noch nicht angekündigt",
    "phase.proposed": "vorgeschlagen",
    "phase.announced": "angekündigt",
    "phase.adopted": "beschlossen",
    "phase.in-force": "in Kraft",
    "phase.suspended": "ausgesetzt",
    "phase.ended": "beendet",
    "effect.proposed": "vorgeschlagen",
    "effect.announced": "angekündigt",
    "effect.adopted": "beschlossen",
    "effect.enacted": "erlassen",
    "effect.effective": "in Kraft getreten",
    "effect.applies": "gilt",
    "effect.ceases": "endet",
    "effect.tightened": "verschärft",
    "effect.loosened": "gelockert",
    "effect.suspended": "ausgesetzt",
    "effect.reinstated": "wieder eingesetzt",
    "effect.rescinded": "aufgehoben",
    "effect.expired": "ausgelaufen",
    "state_since": "seit {date} ({id})",
    "state_ended": "{effect} {since}, nicht mehr in Kraft",
    "state_not_in_force": "{state}, nicht in Kraft",
    "state_change": "{state}, {effect} {since}",
    "state_amendment": "{state}; Änderung {effect} {since}",
    "state_applicable": "{state}; anwendbar: {names}",
    "state_none_any_more": "{state}; keine Bestimmung gilt mehr",
    "state_none_yet": "{state}; noch gilt keine Bestimmung",
    # -- scheduled steps, provisions, pending items and changes --
    "uncertain_span": "{label} (unsicher zwischen {first} und {last})",
    "uncertain_after": "{label} (unsicher: am {first} oder danach)",
    "uncertain_before": "{label} (unsicher: am {last} oder davor)",
    "step.tightened": "verschärft",
    "step.loosened": "gelockert",
    "step.suspended": "ausgesetzt",
    "step.reinstated": "wieder eingesetzt",
    "step.rescinded": "aufgehoben",
    "step.expired": "läuft aus",
    "step.proposed": "vorgeschlagen",
    "step.announced": "angekündigt",
    "step.adopted": "beschlossen",
    "step.enacted": "beschlossen",
    "step.effective": "in Kraft",
    "step.applies": "gilt",
    "step.ceases": "endet",
    "step_takes_effect": "tritt in Kraft",
    "step_applicable": "{title} anwendbar",
    "step_not_applicable": "{title} nicht mehr anwendbar",
    "step_amendment": "Änderung {effect}",
    "step_from": "{phrase} ab {date}",
    "step_on": "{phrase} am {date}",
    "step_id": "{step} ({id})",
    "prov_ended": "nicht anwendbar: die Maßnahme ist nicht mehr in Kraft",
    "prov_uncertain": "unsicher, ob sie schon gilt (siehe Warum)",
    "prov_applicable": "anwendbar",
    "prov_since": "anwendbar seit {date} ({id})",
    "prov_no_longer": "nicht mehr anwendbar seit {date} ({id})",
    "prov_pending": "ausstehend",
    "prov_no_date": "ausstehend, kein Datum erfasst",
    "prov_next_applies": "{text}, anwendbar ab {date} ({id})",
    "prov_next_ceases": "{text}, nicht mehr anwendbar ab {date} ({id})",
    "reason": (
        "{id} ({effect}) ist auf {date} datiert, was den {day} einschließt; es "
        "kann bis dahin geschehen sein oder nicht"
    ),
    "no_effect": "ohne Wirkung",
    "reasons": "; ",
    "pending_provision": "{title}: gilt noch nicht",
    "pending_policy": "{effect} {since}, nicht in Kraft",
    "pending_amendment": "Änderung {effect} {since}",
    "pending_applicable_from": "{text}; anwendbar ab {date} ({id})",
    "pending_due": "{text}; {step} ({id})",
    "pending_no_date": "{text}; kein Datum des Inkrafttretens erfasst",
    "perhaps": "vielleicht (die Daten lassen es offen): {text}",
    "change": "{policy}: {text} ({id})",
    "change_outside": "{text}, vielleicht außerhalb des Zeitraums",
    "ics_said": "Die Quelle sagt: „{0}“",
    "ics_who": "Wer: {0}",
    "ics_policy": "Maßnahme: {0}",
    "ics_sources": "Quellen:",
    "ics_open_start": (
        "Datum: {label} (der Beginn ist nicht bekannt). Ein Kalender braucht einen Tag, "
        "daher steht dieses Ereignis am {day}, dem letzten Tag, den es meinen kann."
    ),
    "ics_marker": (
        "Datum: {label}{what}. Ein Kalender braucht einen Tag, daher steht dieses Ereignis am "
        "{day}, dem ersten Tag, den es meinen kann; das ist nicht sein tatsächliches Datum."
    ),
    "known_on_title": ", Kenntnisstand {day}",
    "known_on_name": "{name} (Kenntnisstand {day})",
    "deadlines_name": "{name}: Fristen",
    "deadlines_description": (
        "Tage, an denen eine Maßnahme in Kraft tritt, eine ihrer Bestimmungen zu gelten "
        "beginnt oder eine Änderung wirksam wird, nach dem {day}"
    ),
    "deadline_policy": "Maßnahme: {title} ({id}); Schritt: {effect}",
    "ics_span": "ein Zeitraum",
    "ics_no_end": "ohne bekanntes Ende",
    "ics_known_month": "nur auf den Monat genau bekannt",
    "ics_known_season": "nur auf die Jahreszeit genau bekannt",
    "ics_known_year": "nur auf das Jahr genau bekannt",
    "ics_known_decade": "nur auf das Jahrzehnt genau bekannt",
    "ics_known_century": "nur auf das Jahrhundert genau bekannt",
    "ics_approximate": "ungefähr",
    "ics_uncertain": "unsicher",
    "ics_approximate_uncertain": "ungefähr und unsicher",
    "ics_list": ", ",
    "axis_gap": "{span}: kein Ereignis beginnt oder endet",
    "labelled": "{label}: {text}",
    "full_stop": ".",
    "band_amendment": "Änderung {effect}",
    "band_step": "{words} ({date})",
    "band_state": "Stand von „{title}“",
    "lane_other": "Andere Ereignisse",
    "lane_no_policy": "keine Politik",
    "lane_no_actor": "Kein Akteur genannt",
    "lane_no_jurisdiction": "Keine Rechtsordnung",
    "lane_outside": "Ereignisse außerhalb jeder Politik",
    "lane_no_tag": "Kein Schlagwort",
    "lane_tag": "Schlagwort",
    "lane_together": "zusammen gezeichnet",
    "lane_more": "{n} weitere Bahnen ({lanes})",
    "lane_policy_state": "Stand der Politik",
    "lanes_policy": "Politik",
    "lanes_actor": "Akteur",
    "lanes_jurisdiction": "Rechtsordnung",
    "lanes_tag": "Schlagwort",
    "lanes_one": "{n} Bahn",
    "lanes_many": "{n} Bahnen",
    "marks_one": "{n} Markierung",
    "marks_many": "{n} Markierungen",
    "lanes_by": "Bahnen nach {lanes}",
    "chart_title": "{name}: Zeitleiste nach {lanes}",
    "chart_desc": "{span}, in {lanes} nach {kind}; {marks} für {events}",
    "chart_desc_dense": (
        "; Bahnen, die zu voll sind, um jedes Ereignis zu beschriften, zeigen, wie viele in jeden "
        "Abschnitt fallen"
    ),
    "density_one": "{span}: {n} Ereignis auf den Tag oder Zeitpunkt datiert",
    "density_many": "{span}: {n} Ereignisse auf den Tag oder Zeitpunkt datiert",
    "density_spread": ", und {n} aus ungenaueren Daten und Zeiträumen darüber verteilt",
    "density_lane": "{name}: {events} Ereignisse; der höchste Abschnitt zählt {peak}",
    "scroll_hint": "Neueste zuerst: Wischen Sie die Grafik nach rechts für frühere Jahre.",
    "skip_chart": "Die Markierungen der Grafik überspringen, zur Liste der Ereignisse",
    "axis_in_year": "Die Achse ist in Jahren",
    "axis_in_month": "Die Achse ist in Monaten",
    "axis_in_day": "Die Achse ist in Tagen",
    "axis_busy_year": (
        ", jedes so breit, wie seine Ereignisse es brauchen: volle Jahre sind breiter"
    ),
    "axis_busy_month": (
        ", jeder so breit, wie seine Ereignisse es brauchen: volle Monate sind breiter"
    ),
    "axis_cut_year": "; Folgen leerer Jahre sind ausgelassen (//)",
    "axis_cut_month": "; Folgen leerer Monate sind ausgelassen (//)",
    "axis_hover": (
        ". Zeigen, tippen oder mit Tab auf eine Markierung gehen zeigt ihr Datum; jede Markierung "
        "verweist auf ihren Eintrag."
    ),
    "axis_hover_below": (
        ". Zeigen, tippen oder mit Tab auf eine Markierung gehen zeigt ihr Datum; jede Markierung "
        "verweist auf ihren Eintrag weiter unten."
    ),
    "axis_dense": (
        " Eine Bahn mit mehr Ereignissen, als ihre Breite beschriften kann, zeigt, wie viele in "
        "jeden Zeitabschnitt fallen (voll: auf den Tag oder Zeitpunkt datierte Ereignisse; hell: "
        "die Anteile ungenauerer Daten und Zeiträume, über die mögliche Zeit verteilt) und "
        "beschriftet einige davon: {marks} von {events} Ereignissen sind als Markierungen "
        "gezeichnet."
    ),
    "axis_narrow": (
        " Für jedes Ereignis im Detail grenzen Sie den Bericht ein ({options}) oder erstellen "
        "eine Website, deren Seiten jedes Jahr auflisten."
    ),
    "axis_folded": " Die {n} kleinsten Bahnen sind zusammen gezeichnet.",
    "chart_in_words": "Die Grafik in Worten",
    "chart_marks_are": (
        "Jede Markierung ist ein Ereignis der {list}{paged}, die sein volles Datum, seine Quellen "
        "und Zitate nennt; der Name einer Markierung ist ihr Datum und Titel, und Tab geht von "
        "Markierung zu Markierung."
    ),
    "list_of_events": "Liste der Ereignisse",
    "on_year_page": " (auf der Seite seines Jahres)",
    "col_lane": "Bahn",
    "col_marks": "Als Markierungen gezeichnet",
    "col_by_year": "Ereignisse nach Jahr",
    "policy_states": "Stand der Politiken:",
    "legend_day": "ein Tag oder ein Zeitpunkt",
    "legend_span": "ein Zeitraum bekannter Tage",
    "legend_vague": (
        "ein Monat, eine Jahreszeit, ein Jahr oder Jahrzehnt: irgendwann darin, mit weichen Rändern"
    ),
    "legend_start": "ein Zeitraum, dessen Beginn nur auf Monat oder Jahr bekannt ist",
    "legend_approximate": "~ ungefähr, ? unsicher (gestrichelt, schraffiert)",
    "legend_open": "offener Zeitraum („seit …“, „bis …“): verblasst zum Rand",
    "legend_cut": "Lücke in der Achse: Jahre ohne Ereignisse",
    "legend_density": (
        "wie viele Ereignisse in jeden Zeitabschnitt fallen: voll, auf den Tag oder Zeitpunkt "
        "datiert; hell, Anteile ungenauerer Daten und Zeiträume"
    ),
    "legend_pending": "Politik anhängig (vorgeschlagen, angekündigt, beschlossen)",
    "legend_in_force": "Politik in Kraft",
    "legend_suspended": (
        "Politik ausgesetzt (ein Band endet, wenn eine Politik aufgehoben wird oder ausläuft)"
    ),
    "imposed_by": "Erlassen von {name}",
    "targets": "betrifft {names}",
    "policy_text": "Text",
    "earlier_steps": "{n} frühere Schritte stehen auf der {where}; die letzten {shown}:",
    "policy_page": "Seite der Politik",
    "more": "mehr",
    "made_with": (
        "Erstellt mit {command}. Daten werden so genau angegeben, wie ihre Quellen sie nennen."
    ),
    "precision.second": "Sekunde",
    "known.second": "auf die Sekunde bekannt",
    "precision.minute": "Minute",
    "known.minute": "auf die Minute bekannt",
    "precision.day": "Tag",
    "known.day": "auf den Tag bekannt",
    "precision.month": "Monat",
    "known.month": "auf den Monat bekannt",
    "precision.season": "Jahreszeit",
    "known.season": "auf die Jahreszeit bekannt",
    "precision.year": "Jahr",
    "known.year": "auf das Jahr bekannt",
    "precision.decade": "Jahrzehnt",
    "known.decade": "auf das Jahrzehnt bekannt",
    "precision.century": "Jahrhundert",
    "known.century": "auf das Jahrhundert bekannt",
    "sections": "Abschnitte",
    "steps_list": "; ",
    "site_nav": "Website",
    "site_back": "← {name}",
    "site_policy_calendar": "Der Kalender dieser Politik (.ics)",
    "site_what_changed": "Was sich geändert hat",
    "site_atom": "Atom-Feed",
    "site_updates": "Aktualisierungen:",
    "site_by_year": "Ereignisse nach Jahr:",
    "site_all_policies": "Alle {n} Politiken",
    "site_the_policy": "Die Politik",
    "site_all_events": "Alle Ereignisse",
    "site_deadlines": "Fristen",
    "site_calendars": "Kalender (.ics):",
    "site_data": "Daten:",
    "site_policies_title": "{name}: Politiken",
    "col_policy": "Politik",
    "col_jurisdiction": "Rechtsordnung",
    "col_year": "Jahr",
    "col_pages": "Seiten",
    "listed_by_year": "{span}, nach Jahr aufgeführt:",
    "part_n": "Teil {n}",
    "n_of_total": "{n} von {total} Ereignissen",
    "compact_note": (
        "{span}: zu viele für eine Seite, daher enthält die Liste die {listed}, die als "
        "Markierungen in der Grafik gezeichnet sind. Für jedes Ereignis grenzen Sie den Bericht "
        "ein ({options}) oder erstellen eine Website ({build}), deren Seiten jedes Jahr auflisten."
    ),
    "steps_cell": "{sure} (+{maybe} unsicher)",
    "steps_band": "ab {day}: {cell}",
    "steps_all": "Alle Politiken",
    "steps_no_jurisdiction": "keine Rechtsordnung",
    "steps_heading": "Geltende Politiken im Zeitverlauf",
    "steps_title": "Geltende Politiken, {first} bis {last}",
    "steps_desc": (
        "Eine Stufenlinie je Zeile zählt die an jedem Tag geltenden Politiken; ein schattiertes "
        "Band darüber zählt jene, die es vielleicht sind, weil ihre Daten zu ungenau sind. Die "
        "Tabelle unten nennt dieselben Zahlen."
    ),
    "steps_note": (
        "Geltende Politiken an jedem Tag, {first} bis {last}: Die Linie zählt jene, die laut "
        "Daten gelten; das schattierte Band darüber jene, die es vielleicht tun (ein ungenaues "
        "Datum wie „{example}“ lässt es offen). Aus {command}."
    ),
    "steps_table": "Die Zahlen als Tabelle",
    "steps_yearly": " (am Ende jedes Jahres)",
    "steps_on": "am",
    "steps_from": "ab",
    "filter_label": "Ereignisse filtern",
    "filter_placeholder": "Wort, Akteur, Schlagwort …",
}
