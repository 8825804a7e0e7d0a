"""The reports' words in Spanish."""

from __future__ import annotations

from typing import Final

__all__ = ["WORDS"]

WORDS: Final = {
    "spring": "primavera",
    "summer": "verano",
    "autumn": "otoño",
    "winter": "invierno",
    "season": "{season} de {year}",
    "decade": "la década de {year}",
    "approximate": "hacia {0}",
    "uncertain": "{0} (?)",
    "approximate_uncertain": "hacia {0} (?)",
    "since": "desde {0}",
    "until": "hasta {0}",
    "day_from": "{day}, desde las {clock}",
    "day_until": "{day}, hasta las {clock}",
    "no_events": "Ningún evento coincide.",
    "until_year": "Hasta {year}",
    "quote": "«{0}»",
    "text_who": "quién",
    "text_said": "dijo",
    "text_source": "fuente",
    "text_policy": "política",
    "text_effect": "efecto",
    "text_effect_provision": "{effect}, disposición: {provision}",
    "who": "Quién",
    "where": "Dónde",
    "said": "Dijo",
    "source": "Fuente",
    "note": "Nota",
    "timeline": "Cronología",
    "legend": "Leyenda",
    "policies": "Políticas",
    "in_force_nav": "En vigor",
    "events": "Eventos",
    "events_one": "{n} evento",
    "events_many": "{n} eventos",
    "span_both": "{events}, de {start} a {end}",
    "span_one": "{events}, {start}",
    "span_onwards": "{events}, desde {start}",
    "span_up_to": "{events}, hasta {end}",
    "span_open": "{events}, sin inicio ni final conocidos",
    "policy_history": "Historial de las políticas",
    "no_changes_yet": "Sin cambios registrados: aún no anunciada.",
    "after_last": "Tras su último evento registrado: {state}",
    "col_date": "fecha",
    "col_effect": "efecto",
    "col_event": "evento",
    "col_after": "estado después",
    "col_sources": "fuentes",
    "amends": "modifica {0}",
    "replaces": "sustituye {0}",
    "status_as_of": "Estado de las políticas al {day}",
    "no_policies": "Ninguna política.",
    "uncertain_between": "incierto entre:",
    "why": "por qué",
    "provisions": "disposiciones",
    "next": "después",
    "pending_as_of": "Pendiente al {day}",
    "nothing_pending": "Nada pendiente.",
    "no_recorded_changes": "Sin cambios registrados.",
    "changes_from_to": "Cambios del {start} al {end}",
    "taking_effect": "Entra en vigor en los {days} días siguientes al {day} (hasta el {last})",
    "phase.not-announced": "aún no anunciada",
    "phase.proposed": "propuesta",
    "phase.announced": "anunciada",
    "phase.adopted": "adoptada",
    "phase.in-force": "en vigor",
    "phase.suspended": "suspendida",
    "phase.ended": "terminada",
    "effect.proposed": "propuesta",
    "effect.announced": "anunciada",
    "effect.adopted": "adoptada",
    "effect.enacted": "promulgada",
    "effect.effective": "en vigor",
    "effect.applies": "se aplica",
    "effect.ceases": "deja de aplicarse",
    "effect.tightened": "endurecida",
    "effect.loosened": "flexibilizada",
    "effect.suspended": "suspendida",
    "effect.reinstated": "restablecida",
    "effect.rescinded": "derogada",
    "effect.expired": "expirada",
    "state_since": "desde {date} ({id})",
    "state_ended": "{effect} {since}, ya no está en vigor",
    "state_not_in_force": "{state}, no está en vigor",
    "state_change": "{state}, {effect} {since}",
    "state_amendment": "{state}; modificación {effect} {since}",
    "state_applicable": "{state}; aplicables: {names}",
    "state_none_any_more": "{state}; ya no se aplica ninguna disposición",
    "state_none_yet": "{state}; aún no se aplica ninguna disposición",
    # -- scheduled steps, provisions, pending items and changes --
    "uncertain_span": "{label} (incierto entre el {first} y el {last})",
    "uncertain_after": "{label} (incierto: el {first} o después)",
    "uncertain_before": "{label} (incierto: el {last} o antes)",
    "step.tightened": "endurecida",
    "step.loosened": "flexibilizada",
    "step.suspended": "suspendida",
    "step.reinstated": "restablecida",
    "step.rescinded": "derogada",
    "step.expired": "expira",
    "step.proposed": "propuesta",
    "step.announced": "anunciada",
    "step.adopted": "adoptada",
    "step.enacted": "adoptada",
    "step.effective": "en vigor",
    "step.applies": "se aplica",
    "step.ceases": "deja de aplicarse",
    "step_takes_effect": "entra en vigor",
    "step_applicable": "{title} aplicable",
    "step_not_applicable": "{title} ya no aplicable",
    "step_amendment": "modificación {effect}",
    "step_from": "{phrase} desde el {date}",
    "step_on": "{phrase} el {date}",
    "step_id": "{step} ({id})",
    "prov_ended": "no aplicable: la política ya no está en vigor",
    "prov_uncertain": "incierto si ya se aplica (ver por qué)",
    "prov_applicable": "aplicable",
    "prov_since": "aplicable desde {date} ({id})",
    "prov_no_longer": "ya no aplicable desde {date} ({id})",
    "prov_pending": "pendiente",
    "prov_no_date": "pendiente, sin fecha registrada",
    "prov_next_applies": "{text}, aplicable desde el {date} ({id})",
    "prov_next_ceases": "{text}, ya no aplicable desde el {date} ({id})",
    "reason": (
        "{id} ({effect}) está fechado en {date}, que incluye el {day}, así que "
        "puede haber ocurrido o no para entonces"
    ),
    "no_effect": "sin efecto",
    "reasons": "; ",
    "pending_provision": "{title}: aún no se aplica",
    "pending_policy": "{effect} {since}, no está en vigor",
    "pending_amendment": "modificación {effect} {since}",
    "pending_applicable_from": "{text}; aplicable desde el {date} ({id})",
    "pending_due": "{text}; {step} ({id})",
    "pending_no_date": "{text}; sin fecha registrada de entrada en vigor",
    "perhaps": "quizá (los datos no permiten decirlo): {text}",
    "change": "{policy}: {text} ({id})",
    "change_outside": "{text}, quizá fuera del periodo",
    "ics_said": "La fuente dice: «{0}»",
    "ics_who": "Quién: {0}",
    "ics_policy": "Política: {0}",
    "ics_sources": "Fuentes:",
    "ics_open_start": (
        "Fecha: {label} (no se conoce el inicio). Un calendario necesita un día, así que "
        "este evento aparece el {day}, el último día que puede significar."
    ),
    "ics_marker": (
        "Fecha: {label}{what}. Un calendario necesita un día, así que este evento aparece el "
        "{day}, el primer día que puede significar; no es su fecha real."
    ),
    "known_on_title": ", según lo conocido el {day}",
    "known_on_name": "{name} (según lo conocido el {day})",
    "deadlines_name": "{name}: plazos",
    "deadlines_description": (
        "Fechas en que una política entra en vigor, una de sus disposiciones empieza a "
        "aplicarse o un cambio surte efecto, después del {day}"
    ),
    "deadline_policy": "Política: {title} ({id}); paso: {effect}",
    "ics_span": "un periodo",
    "ics_no_end": "sin final conocido",
    "ics_known_month": "conocida solo hasta el mes",
    "ics_known_season": "conocida solo hasta la estación",
    "ics_known_year": "conocida solo hasta el año",
    "ics_known_decade": "conocida solo hasta la década",
    "ics_known_century": "conocida solo hasta el siglo",
    "ics_approximate": "aproximada",
    "ics_uncertain": "incierta",
    "ics_approximate_uncertain": "aproximada e incierta",
    "ics_list": ", ",
    "axis_gap": "{span}: ningún evento empieza ni termina",
    "labelled": "{label}: {text}",
    "full_stop": ".",
    "band_amendment": "enmienda {effect}",
    "band_step": "{words} ({date})",
    "band_state": "Estado de «{title}»",
    "lane_other": "Otros eventos",
    "lane_no_policy": "sin política",
    "lane_no_actor": "Ningún actor nombrado",
    "lane_no_jurisdiction": "Sin jurisdicción",
    "lane_outside": "eventos fuera de toda política",
    "lane_no_tag": "Sin etiqueta",
    "lane_tag": "etiqueta",
    "lane_together": "dibujados juntos",
    "lane_more": "{n} carriles más ({lanes})",
    "lane_policy_state": "estado de la política",
    "lanes_policy": "política",
    "lanes_actor": "actor",
    "lanes_jurisdiction": "jurisdicción",
    "lanes_tag": "etiqueta",
    "lanes_one": "{n} carril",
    "lanes_many": "{n} carriles",
    "marks_one": "{n} marca",
    "marks_many": "{n} marcas",
    "lanes_by": "carriles por {lanes}",
    "chart_title": "{name}: cronología por {lanes}",
    "chart_desc": "{span}, en {lanes} por {kind}; {marks} para {events}",
    "chart_desc_dense": (
        "; los carriles demasiado llenos para rotular cada evento muestran cuántos caen en cada "
        "tramo"
    ),
    "density_one": "{span}: {n} evento fechado al día o al instante",
    "density_many": "{span}: {n} eventos fechados al día o al instante",
    "density_spread": ", y {n} repartidos en él a partir de fechas más vagas y periodos",
    "density_lane": "{name}: {events} eventos; el tramo más alto contiene {peak}",
    "scroll_hint": (
        "Lo más reciente primero: deslice el gráfico a la derecha para ver años anteriores."
    ),
    "skip_chart": "Saltar las marcas del gráfico, a la lista de eventos",
    "axis_in_year": "El eje está en años",
    "axis_in_month": "El eje está en meses",
    "axis_in_day": "El eje está en días",
    "axis_busy_year": (
        ", cada uno tan ancho como sus eventos lo requieren: los años con más eventos son más "
        "anchos"
    ),
    "axis_busy_month": (
        ", cada uno tan ancho como sus eventos lo requieren: los meses con más eventos son más "
        "anchos"
    ),
    "axis_cut_year": "; las series de años vacíos se cortan (//)",
    "axis_cut_month": "; las series de meses vacíos se cortan (//)",
    "axis_hover": (
        ". Pase el cursor, toque o use Tab sobre una marca para ver su fecha; cada marca enlaza "
        "con su entrada."
    ),
    "axis_hover_below": (
        ". Pase el cursor, toque o use Tab sobre una marca para ver su fecha; cada marca enlaza "
        "con su entrada más abajo."
    ),
    "axis_dense": (
        " Un carril con más eventos de los que su ancho permite rotular muestra cuántos caen en "
        "cada tramo de tiempo (sólido: eventos fechados al día o al instante; claro: las partes "
        "de fechas más vagas y periodos, repartidas en el tiempo que abarcan) y rotula algunos: "
        "{marks} de {events} eventos se dibujan como marcas."
    ),
    "axis_narrow": (
        " Para ver cada evento en detalle, acote el informe ({options}) o genere un sitio, cuyas "
        "páginas listan cada año."
    ),
    "axis_folded": " Los {n} carriles más pequeños se dibujan juntos.",
    "chart_in_words": "El gráfico en palabras",
    "chart_marks_are": (
        "Cada marca es un evento de la {list}{paged}, que da su fecha completa, sus fuentes y "
        "citas; el nombre de una marca es su fecha y su título, y Tab pasa de una marca a otra."
    ),
    "list_of_events": "lista de eventos",
    "on_year_page": " (en la página de su año)",
    "col_lane": "Carril",
    "col_marks": "Dibujados como marcas",
    "col_by_year": "Eventos por año",
    "policy_states": "Estados de las políticas:",
    "legend_day": "un día o un instante",
    "legend_span": "un periodo de días conocidos",
    "legend_vague": (
        "un mes, una estación, un año o una década: en algún momento dentro, bordes difuminados"
    ),
    "legend_start": "un periodo cuyo inicio se conoce solo al mes o al año",
    "legend_approximate": "~ aproximado, ? incierto (discontinuo, rayado)",
    "legend_open": "periodo abierto («desde…», «hasta…»): se desvanece hacia el borde",
    "legend_cut": "corte en el eje: años sin nada",
    "legend_density": (
        "cuántos eventos caen en cada tramo de tiempo: sólido, fechados al día o al instante; "
        "claro, partes de fechas más vagas y periodos"
    ),
    "legend_pending": "política pendiente (propuesta, anunciada, adoptada)",
    "legend_in_force": "política en vigor",
    "legend_suspended": (
        "política suspendida (una banda termina cuando una política se deroga o expira)"
    ),
    "imposed_by": "Impuesta por {name}",
    "targets": "se dirige a {names}",
    "policy_text": "texto",
    "earlier_steps": "{n} pasos anteriores están en la {where}; los últimos {shown}:",
    "policy_page": "página de la política",
    "more": "más",
    "made_with": (
        "Hecho con {command}. Las fechas se muestran con la precisión que dan sus fuentes."
    ),
    "precision.second": "segundo",
    "known.second": "conocida al segundo",
    "precision.minute": "minuto",
    "known.minute": "conocida al minuto",
    "precision.day": "día",
    "known.day": "conocida al día",
    "precision.month": "mes",
    "known.month": "conocida al mes",
    "precision.season": "estación",
    "known.season": "conocida a la estación",
    "precision.year": "año",
    "known.year": "conocida al año",
    "precision.decade": "década",
    "known.decade": "conocida a la década",
    "precision.century": "siglo",
    "known.century": "conocida al siglo",
    "sections": "Secciones",
    "steps_list": "; ",
    "site_nav": "Sitio",
    "site_back": "← {name}",
    "site_policy_calendar": "El calendario de esta política (.ics)",
    "site_what_changed": "Qué cambió",
    "site_atom": "Canal Atom",
    "site_updates": "Actualizaciones:",
    "site_by_year": "Eventos por año:",
    "site_all_policies": "Las {n} políticas",
    "site_the_policy": "La política",
    "site_all_events": "Todos los eventos",
    "site_deadlines": "Plazos",
    "site_calendars": "Calendarios (.ics):",
    "site_data": "Datos:",
    "site_policies_title": "{name}: políticas",
    "col_policy": "Política",
    "col_jurisdiction": "Jurisdicción",
    "col_year": "Año",
    "col_pages": "Páginas",
    "listed_by_year": "{span}, listados por año:",
    "part_n": "parte {n}",
    "n_of_total": "{n} de {total} eventos",
    "compact_note": (
        "{span}: demasiados para una página, así que la lista contiene los {listed} dibujados "
        "como marcas en el gráfico. Para ver cada evento, acote el informe ({options}) o genere "
        "un sitio ({build}), cuyas páginas listan cada año."
    ),
    "steps_cell": "{sure} (+{maybe} inciertas)",
    "steps_band": "desde el {day}: {cell}",
    "steps_all": "Todas las políticas",
    "steps_no_jurisdiction": "sin jurisdicción",
    "steps_heading": "Políticas en vigor a lo largo del tiempo",
    "steps_title": "Políticas en vigor, del {first} al {last}",
    "steps_desc": (
        "Una línea escalonada por fila cuenta las políticas en vigor cada día; una banda "
        "sombreada encima cuenta las que pueden estarlo o no, por ser sus fechas demasiado "
        "imprecisas. La tabla de abajo da los mismos recuentos."
    ),
    "steps_note": (
        "Políticas en vigor cada día, del {first} al {last}: la línea cuenta las que los datos "
        "dan en vigor; la banda sombreada encima, las que pueden estarlo o no (una fecha "
        "imprecisa, como «{example}», lo deja abierto). Según {command}."
    ),
    "steps_table": "Los recuentos, en una tabla",
    "steps_yearly": " (al final de cada año)",
    "steps_on": "el",
    "steps_from": "desde",
    "filter_label": "Filtrar eventos",
    "filter_placeholder": "palabra, actor, etiqueta…",
}
