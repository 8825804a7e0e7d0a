"""The reports' words in French."""

from __future__ import annotations

from typing import Final

__all__ = ["WORDS"]

WORDS: Final = {
    "spring": "printemps",
    "summer": "été",
    "autumn": "automne",
    "winter": "hiver",
    "season": "{season} {year}",
    "decade": "les années {year}",
    "approximate": "vers {0}",
    "uncertain": "{0} ?",
    "approximate_uncertain": "vers {0} ?",
    "since": "depuis {0}",
    "until": "jusqu’à {0}",
    "day_from": "{day}, à partir de {clock}",
    "day_until": "{day}, jusqu’à {clock}",
    "no_events": "Aucun événement ne correspond.",
    "until_year": "Jusqu’à {year}",
    "quote": "« {0} »",
    "text_who": "qui",
    "text_said": "dit",
    "text_source": "source",
    "text_policy": "politique",
    "text_effect": "effet",
    "text_effect_provision": "{effect}, disposition : {provision}",
    "who": "Qui",
    "where": "Où",
    "said": "Dit",
    "source": "Source",
    "note": "Note",
    "timeline": "Chronologie",
    "legend": "Légende",
    "policies": "Politiques",
    "in_force_nav": "En vigueur",
    "events": "Événements",
    "events_one": "{n} événement",
    "events_many": "{n} événements",
    "span_both": "{events}, de {start} à {end}",
    "span_one": "{events}, {start}",
    "span_onwards": "{events}, à partir de {start}",
    "span_up_to": "{events}, jusqu’à {end}",
    "span_open": "{events}, sans début ni fin connus",
    "policy_history": "Historique des politiques",
    "no_changes_yet": "Aucun changement enregistré : pas encore annoncée.",
    "after_last": "Après son dernier événement enregistré : {state}",
    "col_date": "date",
    "col_effect": "effet",
    "col_event": "événement",
    "col_after": "état après",
    "col_sources": "sources",
    "amends": "modifie {0}",
    "replaces": "remplace {0}",
    "status_as_of": "État des politiques au {day}",
    "no_policies": "Aucune politique.",
    "uncertain_between": "incertain entre :",
    "why": "pourquoi",
    "provisions": "dispositions",
    "next": "ensuite",
    "pending_as_of": "En attente au {day}",
    "nothing_pending": "Rien en attente.",
    "no_recorded_changes": "Aucun changement enregistré.",
    "changes_from_to": "Changements du {start} au {end}",
    "taking_effect": "Prenant effet dans les {days} jours après le {day} (jusqu’au {last})",
    "phase.not-announced": "pas encore annoncée",
    "phase.proposed": "proposée",
    "phase.announced": "annoncée",
    "phase.adopted": "adoptée",
    "phase.in-force": "en vigueur",
    "phase.suspended": "suspendue",
    "phase.ended": "terminée",
    "effect.proposed": "proposée",
    "effect.announced": "annoncée",
    "effect.adopted": "adoptée",
    "effect.enacted": "promulguée",
    "effect.effective": "entrée en vigueur",
    "effect.applies": "s’applique",
    "effect.ceases": "cesse",
    "effect.tightened": "renforcée",
    "effect.loosened": "assouplie",
    "effect.suspended": "suspendue",
    "effect.reinstated": "rétablie",
    "effect.rescinded": "abrogée",
    "effect.expired": "expirée",
    "state_since": "depuis {date} ({id})",
    "state_ended": "{effect} {since}, plus en vigueur",
    "state_not_in_force": "{state}, pas en vigueur",
    "state_change": "{state}, {effect} {since}",
    "state_amendment": "{state} ; modification {effect} {since}",
    "state_applicable": "{state} ; applicables : {names}",
    "state_none_any_more": "{state} ; plus aucune disposition ne s’applique",
    "state_none_yet": "{state} ; aucune disposition ne s’applique encore",
    # -- scheduled steps, provisions, pending items and changes --
    "uncertain_span": "{label} (incertain entre le {first} et le {last})",
    "uncertain_after": "{label} (incertain : le {first} ou après)",
    "uncertain_before": "{label} (incertain : le {last} ou avant)",
    "step.tightened": "renforcée",
    "step.loosened": "assouplie",
    "step.suspended": "suspendue",
    "step.reinstated": "rétablie",
    "step.rescinded": "abrogée",
    "step.expired": "expire",
    "step.proposed": "proposée",
    "step.announced": "annoncée",
    "step.adopted": "adoptée",
    "step.enacted": "adoptée",
    "step.effective": "en vigueur",
    "step.applies": "s’applique",
    "step.ceases": "cesse",
    "step_takes_effect": "entre en vigueur",
    "step_applicable": "{title} applicable",
    "step_not_applicable": "{title} plus applicable",
    "step_amendment": "modification {effect}",
    "step_from": "{phrase} à partir du {date}",
    "step_on": "{phrase} le {date}",
    "step_id": "{step} ({id})",
    "prov_ended": "non applicable : la politique n’est plus en vigueur",
    "prov_uncertain": "incertain qu’elle s’applique déjà (voir pourquoi)",
    "prov_applicable": "applicable",
    "prov_since": "applicable depuis {date} ({id})",
    "prov_no_longer": "plus applicable depuis {date} ({id})",
    "prov_pending": "en attente",
    "prov_no_date": "en attente, aucune date enregistrée",
    "prov_next_applies": "{text}, applicable à partir du {date} ({id})",
    "prov_next_ceases": "{text}, plus applicable à partir du {date} ({id})",
    "reason": (
        "{id} ({effect}) est daté {date}, qui inclut le {day} : il peut avoir "
        "eu lieu ou non à cette date"
    ),
    "no_effect": "sans effet",
    "reasons": " ; ",
    "pending_provision": "{title} : ne s’applique pas encore",
    "pending_policy": "{effect} {since}, pas en vigueur",
    "pending_amendment": "modification {effect} {since}",
    "pending_applicable_from": "{text} ; applicable à partir du {date} ({id})",
    "pending_due": "{text} ; {step} ({id})",
    "pending_no_date": "{text} ; aucune date d’entrée en vigueur enregistrée",
    "perhaps": "peut-être (les données ne permettent pas de le dire) : {text}",
    "change": "{policy} : {text} ({id})",
    "change_outside": "{text}, peut-être hors de la période",
    "ics_said": "La source dit : « {0} »",
    "ics_who": "Qui : {0}",
    "ics_policy": "Politique : {0}",
    "ics_sources": "Sources :",
    "ics_open_start": (
        "Date : {label} (le début n’est pas connu). Un calendrier exige un jour : cet "
        "événement est donc placé le {day}, le dernier jour qu’il peut désigner."
    ),
    "ics_marker": (
        "Date : {label}{what}. Un calendrier exige un jour : cet événement est donc placé le "
        "{day}, le premier jour qu’il peut désigner ; ce n’est pas sa date réelle."
    ),
    "known_on_title": ", tel que connu le {day}",
    "known_on_name": "{name} (tel que connu le {day})",
    "deadlines_name": "{name} : échéances",
    "deadlines_description": (
        "Dates auxquelles une politique entre en vigueur, l’une de ses dispositions commence "
        "à s’appliquer ou une modification prend effet, après le {day}"
    ),
    "deadline_policy": "Politique : {title} ({id}) ; étape : {effect}",
    "ics_span": "une période",
    "ics_no_end": "sans fin connue",
    "ics_known_month": "connue seulement au mois près",
    "ics_known_season": "connue seulement à la saison près",
    "ics_known_year": "connue seulement à l’année près",
    "ics_known_decade": "connue seulement à la décennie près",
    "ics_known_century": "connue seulement au siècle près",
    "ics_approximate": "approximative",
    "ics_uncertain": "incertaine",
    "ics_approximate_uncertain": "approximative et incertaine",
    "ics_list": ", ",
    "axis_gap": "{span} : aucun événement ne commence ni ne finit",
    "labelled": "{label} : {text}",
    "full_stop": ".",
    "band_amendment": "modification {effect}",
    "band_step": "{words} ({date})",
    "band_state": "État de « {title} »",
    "lane_other": "Autres événements",
    "lane_no_policy": "sans politique",
    "lane_no_actor": "Aucun acteur nommé",
    "lane_no_jurisdiction": "Aucune juridiction",
    "lane_outside": "événements hors de toute politique",
    "lane_no_tag": "Aucune étiquette",
    "lane_tag": "étiquette",
    "lane_together": "dessinés ensemble",
    "lane_more": "{n} autres couloirs ({lanes})",
    "lane_policy_state": "état de la politique",
    "lanes_policy": "politique",
    "lanes_actor": "acteur",
    "lanes_jurisdiction": "juridiction",
    "lanes_tag": "étiquette",
    "lanes_one": "{n} couloir",
    "lanes_many": "{n} couloirs",
    "marks_one": "{n} repère",
    "marks_many": "{n} repères",
    "lanes_by": "couloirs par {lanes}",
    "chart_title": "{name} : chronologie par {lanes}",
    "chart_desc": "{span}, en {lanes} par {kind} ; {marks} pour {events}",
    "chart_desc_dense": (
        " ; les couloirs trop pleins pour nommer chaque événement montrent combien tombent dans "
        "chaque intervalle"
    ),
    "density_one": "{span} : {n} événement daté au jour ou à l’instant",
    "density_many": "{span} : {n} événements datés au jour ou à l’instant",
    "density_spread": (
        ", et {n} répartis sur cet intervalle depuis des dates plus vagues et des périodes"
    ),
    "density_lane": "{name} : {events} événements ; l’intervalle le plus haut en compte {peak}",
    "scroll_hint": (
        "Les plus récents d’abord : faites glisser le graphique vers la droite pour les années "
        "précédentes."
    ),
    "skip_chart": "Passer les repères du graphique, vers la liste des événements",
    "axis_in_year": "L’axe est en années",
    "axis_in_month": "L’axe est en mois",
    "axis_in_day": "L’axe est en jours",
    "axis_busy_year": (
        ", chacune aussi large que ses événements l’exigent : les années chargées sont plus larges"
    ),
    "axis_busy_month": (
        ", chacun aussi large que ses événements l’exigent : les mois chargés sont plus larges"
    ),
    "axis_cut_year": " ; les suites d’années vides sont coupées (//)",
    "axis_cut_month": " ; les suites de mois vides sont coupées (//)",
    "axis_hover": (
        ". Survolez, touchez ou atteignez avec Tab un repère pour voir sa date ; chaque repère "
        "mène à sa fiche."
    ),
    "axis_hover_below": (
        ". Survolez, touchez ou atteignez avec Tab un repère pour voir sa date ; chaque repère "
        "mène à sa fiche ci-dessous."
    ),
    "axis_dense": (
        " Un couloir qui a plus d’événements que sa largeur ne peut en nommer montre combien "
        "tombent dans chaque intervalle (plein : les événements datés au jour ou à l’instant ; "
        "clair : les parts des dates plus vagues et des périodes, réparties sur le temps qu’elles "
        "couvrent) et en nomme certains : {marks} des {events} événements sont dessinés comme "
        "repères."
    ),
    "axis_narrow": (
        " Pour chaque événement en détail, restreignez le rapport ({options}) ou construisez un "
        "site, dont les pages listent chaque année."
    ),
    "axis_folded": " Les {n} plus petits couloirs sont dessinés ensemble.",
    "chart_in_words": "Le graphique en mots",
    "chart_marks_are": (
        "Chaque repère est un événement de la {list}{paged}, qui donne sa date complète, ses "
        "sources et ses citations ; le nom d’un repère est sa date et son titre, et Tab passe "
        "d’un repère à l’autre."
    ),
    "list_of_events": "liste des événements",
    "on_year_page": " (sur la page de son année)",
    "col_lane": "Couloir",
    "col_marks": "Dessinés comme repères",
    "col_by_year": "Événements par année",
    "policy_states": "États des politiques :",
    "legend_day": "un jour ou un instant",
    "legend_span": "une période aux jours connus",
    "legend_vague": (
        "un mois, une saison, une année ou une décennie : à un moment de cette période, bords "
        "estompés"
    ),
    "legend_start": "une période dont le début n’est connu qu’au mois ou à l’année",
    "legend_approximate": "~ approximatif, ? incertain (pointillé, hachuré)",
    "legend_open": "période ouverte (« depuis… », « jusqu’à… ») : s’estompe jusqu’au bord",
    "legend_cut": "coupure de l’axe : des années où rien ne se passe",
    "legend_density": (
        "combien d’événements tombent dans chaque intervalle : plein, datés au jour ou à "
        "l’instant ; clair, parts des dates plus vagues et des périodes"
    ),
    "legend_pending": "politique en attente (proposée, annoncée, adoptée)",
    "legend_in_force": "politique en vigueur",
    "legend_suspended": (
        "politique suspendue (une bande s’arrête quand une politique est abrogée ou expire)"
    ),
    "imposed_by": "Imposée par {name}",
    "targets": "vise {names}",
    "policy_text": "texte",
    "earlier_steps": "{n} étapes antérieures sont sur la {where} ; les {shown} dernières :",
    "policy_page": "page de la politique",
    "more": "plus",
    "made_with": "Fait avec {command}. Les dates sont données à la précision de leurs sources.",
    "precision.second": "seconde",
    "known.second": "connue à la seconde",
    "precision.minute": "minute",
    "known.minute": "connue à la minute",
    "precision.day": "jour",
    "known.day": "connue au jour",
    "precision.month": "mois",
    "known.month": "connue au mois",
    "precision.season": "saison",
    "known.season": "connue à la saison",
    "precision.year": "année",
    "known.year": "connue à l’année",
    "precision.decade": "décennie",
    "known.decade": "connue à la décennie",
    "precision.century": "siècle",
    "known.century": "connue au siècle",
    "sections": "Sections",
    "steps_list": " ; ",
    "site_nav": "Site",
    "site_back": "← {name}",
    "site_policy_calendar": "Le calendrier de cette politique (.ics)",
    "site_what_changed": "Ce qui a changé",
    "site_atom": "Flux Atom",
    "site_updates": "Mises à jour :",
    "site_by_year": "Événements par année :",
    "site_all_policies": "Les {n} politiques",
    "site_the_policy": "La politique",
    "site_all_events": "Tous les événements",
    "site_deadlines": "Échéances",
    "site_calendars": "Calendriers (.ics) :",
    "site_data": "Données :",
    "site_policies_title": "{name} : politiques",
    "col_policy": "Politique",
    "col_jurisdiction": "Juridiction",
    "col_year": "Année",
    "col_pages": "Pages",
    "listed_by_year": "{span}, listés par année :",
    "part_n": "partie {n}",
    "n_of_total": "{n} sur {total} événements",
    "compact_note": (
        "{span} : trop pour une seule page, la liste garde donc les {listed} dessinés comme "
        "repères sur le graphique. Pour chaque événement, restreignez le rapport ({options}) ou "
        "construisez un site ({build}), dont les pages listent chaque année."
    ),
    "steps_cell": "{sure} (+{maybe} incertaines)",
    "steps_band": "à partir du {day} : {cell}",
    "steps_all": "Toutes les politiques",
    "steps_no_jurisdiction": "sans juridiction",
    "steps_heading": "Politiques en vigueur au fil du temps",
    "steps_title": "Politiques en vigueur, du {first} au {last}",
    "steps_desc": (
        "Une ligne en escalier par rangée compte les politiques en vigueur chaque jour ; une "
        "bande ombrée au-dessus compte celles qui le sont peut-être, leurs dates étant trop "
        "imprécises pour le dire. Le tableau ci-dessous donne les mêmes nombres."
    ),
    "steps_note": (
        "Politiques en vigueur chaque jour, du {first} au {last} : la ligne compte celles que les "
        "données disent en vigueur ; la bande ombrée au-dessus, celles qui le sont peut-être (une "
        "date imprécise, comme « {example} », laisse la question ouverte). D’après {command}."
    ),
    "steps_table": "Les nombres, en tableau",
    "steps_yearly": " (à la fin de chaque année)",
    "steps_on": "au",
    "steps_from": "à partir du",
    "filter_label": "Filtrer les événements",
    "filter_placeholder": "mot, acteur, étiquette…",
}
