"""Spanish (es) sentence templates of the plain-language explanation and the display labels.

Source: a translation of ``en.py`` made for this library (same keys, same placeholders; the tests
check both). The marker names stay as reports print them (ER, PR, HER2, Ki-67), each explained at
first use; IHC is given as IHQ (inmunohistoquímica), the usual Spanish abbreviation. Short sentences
in everyday words; never advice or a personal prognosis. Not yet reviewed by a native-speaking
clinician: corrections welcome.
"""

from __future__ import annotations

TEMPLATES: dict[str, str] = {
    # ------------------------------------------------------------------ marco
    "care_team": "Pregunte a su equipo médico qué significan estos resultados para usted.",
    "nothing_found": (
        "No se encontraron resultados de receptores hormonales, HER2 ni Ki-67 en este informe. "
        "Esto puede pasar cuando las pruebas no se hicieron, o cuando el informe las escribe de una forma "
        "que esta herramienta no pudo leer."
    ),
    "opening": "Este informe tiene resultados de {items}. Cada uno se explica abajo.",
    "percent.range": "de {low} a {high}%",
    "list.and": " y ",
    "label.hormone_receptors": "receptores hormonales",
    "label.her2": "HER2",
    "label.ki67": "Ki-67",
    "label.er": "ER",
    "label.pr": "PR",
    # ------------------------------------------------------------------ glosario
    "term.asco.first": "las guías ASCO/CAP (las reglas principales que usan los laboratorios para estas pruebas)",
    "term.asco.later": "las guías ASCO/CAP",
    "term.ihc.first": "prueba de tinción (IHQ, inmunohistoquímica)",
    "term.ihc.later": "prueba IHQ",
    "term.ish.first": "prueba de genes (ISH)",
    "term.ish.later": "prueba ISH",
    "term.tdxd.first": "trastuzumab deruxtecán (un medicamento de anticuerpo unido a un fármaco)",
    "term.tdxd.later": "trastuzumab deruxtecán",
    "term.allred.first": ". Este puntaje suma cuántas células mostraron {name} y con qué intensidad",
    "term.allred.later": "",
    "term.hscore.first": ". Este puntaje también combina cuántas células mostraron {name} y con qué intensidad",
    "term.hscore.later": "",
    "term.dcis.first": "CDIS (células de cáncer que se quedan dentro de los conductos de la leche)",
    "term.dcis.later": "CDIS",
    # ------------------------------------------------------------------ receptores hormonales
    "hr.intro": (
        "Los receptores hormonales (RH) son proteínas de algunas células de cáncer. "
        "Las hormonas del cuerpo pueden usarlos como señales para crecer. "
        "Los dos principales son el receptor de estrógeno (ER) y el receptor de progesterona (PR). "
        "La terapia hormonal (endocrina) es un tipo de medicamento que actúa sobre estas señales."
    ),
    "hr.test": "El laboratorio busca ER y PR con una {ihc}. Usa un tinte que se pega a la proteína.",
    "receptor.status.positive": "{name} fue positivo. Esto significa que las células de cáncer tienen {name}.",
    "receptor.status.low_positive": (
        "{name} fue positivo bajo. Esto significa que solo pocas células de cáncer tienen {name} "
        "(de 1 a {low_upper} de cada 100)."
    ),
    "receptor.status.negative": (
        "{name} fue negativo. Esto significa que ninguna o casi ninguna célula de cáncer tiene {name} "
        "(menos de 1 de cada 100)."
    ),
    "receptor.status.pending": (
        "El resultado de {name} está pendiente. La prueba se pidió, pero su resultado aún no está en este informe."
    ),
    "receptor.status.equivocal": (
        "El informe llama dudoso (equívoco) al resultado de {name}. "
        "Esto significa que no fue claramente positivo ni negativo."
    ),
    "receptor.status.none": "El informe menciona {name}, pero el resultado no se pudo leer con seguridad.",
    "marker.not_done": "El informe dice que la prueba de {name} no se hizo.",
    "receptor.low.er": (
        "Cuando ER es bajo, hay pocos datos sobre cuánto ayuda la terapia hormonal. "
        "Los cánceres con ER bajo a menudo se comportan como los cánceres con ER negativo."
    ),
    "receptor.low.pr": (
        "PR positivo bajo es el nombre propio de esta herramienta para 1 a {low_upper}% de las células. "
        "No hay un grupo de PR bajo en {asco}."
    ),
    "receptor.percent": "En la prueba, {pct} de las células de cáncer mostraron {name}.",
    "receptor.intensity": "La tinción fue {intensity}.",
    "receptor.allred": "El puntaje Allred fue {score} de 8{allred}.",
    "receptor.hscore": "El puntaje H fue {score} de 300{hscore}.",
    "intensity.weak": "débil",
    "intensity.moderate": "moderada",
    "intensity.strong": "fuerte",
    "intensity.weak_to_moderate": "de débil a moderada",
    "intensity.moderate_to_strong": "de moderada a fuerte",
    "intensity.weak_to_strong": "de débil a fuerte",
    "dcis": "Este resultado es de {dcis}, no del cáncer invasivo.",
    "historical": "Este resultado de {name} viene de una prueba anterior, no de las pruebas de este informe.",
    "hr.status.positive": "En general, el cáncer es positivo para receptores hormonales (RH positivo).",
    "hr.status.negative": (
        "En general, el cáncer es negativo para receptores hormonales (RH negativo), "
        "porque no se encontró ER ni PR."
    ),
    "hr.status.none": "El resultado general de los receptores hormonales no está claro en este informe.",
    # ------------------------------------------------------------------ HER2
    "her2.intro": (
        "HER2 es una proteína que puede ayudar a crecer a las células de cáncer. "
        "Algunos medicamentos actúan sobre HER2. Se llaman medicamentos dirigidos a HER2."
    ),
    "her2.ihc.intro": (
        "La {ihc} muestra cuánta proteína HER2 hay en las células. Da un puntaje de 0 a 3+."
    ),
    "her2.ihc.score": "El puntaje aquí fue {score}.",
    "her2.ish.intro": (
        "Una {ish} cuenta las copias del gen HER2 en las células. FISH es un tipo de prueba ISH."
    ),
    "ish.result.amplified": "La {ish} encontró copias de más del gen HER2 (amplificado).",
    "ish.result.not_amplified": "La {ish} no encontró copias de más del gen HER2 (no amplificado).",
    "ish.result.equivocal": "El resultado de la {ish} fue dudoso (equívoco).",
    "ish.result.pending": (
        "La {ish} está pendiente. Se pidió, pero su resultado aún no está en este informe."
    ),
    "her2.category.positive": (
        "HER2 fue positivo. Esto significa que las células de cáncer producen mucho HER2, "
        "o tienen copias de más del gen HER2. "
        "Los medicamentos dirigidos a HER2 están hechos para el cáncer HER2 positivo."
    ),
    "her2.category.equivocal": (
        "El resultado de HER2 fue dudoso (equívoco). "
        "Esto significa que las pruebas hasta ahora no muestran si HER2 es positivo o negativo. "
        "En este caso las guías piden más pruebas para decidir."
    ),
    "her2.category.low": (
        "HER2 fue negativo. Está en un grupo llamado HER2 bajo (HER2-low). "
        "Esto significa un puntaje de 1+, o de 2+ sin copias de más del gen HER2. "
        "HER2 bajo es un grupo nuevo. "
        "Un estudio llamado DESTINY-Breast04 probó {tdxd} en este grupo. "
        "HER2 bajo es un grupo de las etiquetas de medicamentos y de los estudios. "
        "No es un grupo de resultados en {asco}."
    ),
    "her2.category.ultralow": (
        "HER2 fue negativo, con un puntaje de 0. "
        "Pero unas pocas células (10 de cada 100 o menos) mostraron una tinción muy tenue. "
        "Esto se llama HER2 ultrabajo (HER2-ultralow). Es un grupo nuevo. "
        "Un estudio llamado DESTINY-Breast06 probó {tdxd} en este grupo. "
        "En enero de 2025 la etiqueta de este medicamento en EE. UU. añadió HER2 ultrabajo. "
        "HER2 ultrabajo es un grupo de las etiquetas de medicamentos y de los estudios. "
        "No es un grupo de resultados en {asco}."
    ),
    "her2.category.zero_null": (
        "HER2 fue negativo, con un puntaje de 0 y sin ninguna tinción. "
        "A veces se llama HER2 nulo (HER2-null). "
        "Nombres como HER2 nulo, HER2 bajo y HER2 ultrabajo vienen de los estudios y las etiquetas de medicamentos. "
        "No son grupos de resultados en {asco}."
    ),
    "her2.category.zero": (
        "HER2 fue negativo, con un puntaje de 0. "
        "El informe no dice si se vio alguna tinción tenue. "
        "Así que no muestra si es HER2 ultrabajo (algo de tinción tenue) "
        "o HER2 nulo (sin tinción). "
        "Estos nombres vienen de los estudios y las etiquetas de medicamentos. "
        "No son grupos de resultados en {asco}."
    ),
    "her2.category.negative": (
        "HER2 fue negativo. El informe no da un puntaje de {ihc}. "
        "Así que no muestra si es HER2 bajo o HER2 0. "
        "HER2 bajo es un grupo de las etiquetas de medicamentos y de los estudios. "
        "No es un grupo de resultados en {asco}."
    ),
    "her2.category.pending": (
        "El resultado de HER2 está pendiente. La prueba se pidió, pero su resultado aún no está en este informe."
    ),
    "her2.category.none": "El informe menciona HER2, pero el resultado no se pudo leer con seguridad.",
    "her2.negative.medicines": (
        "La mayoría de los medicamentos dirigidos a HER2 están hechos para el cáncer HER2 positivo."
    ),
    "her2.gastric": (
        "El resultado de HER2 aquí es de una muestra del estómago (gástrica). "
        "Esta herramienta solo clasifica resultados de mama, así que no clasificó este."
    ),
    # ------------------------------------------------------------------ Ki-67
    "ki67.intro": "Ki-67 es un marcador de qué tan rápido se dividen las células de cáncer (hacen células nuevas).",
    "ki67.value": "Ki-67 fue {pct}.",
    "ki67.level.high": "Esto cuenta como alto (aquí {cutoff}% o más es alto).",
    "ki67.level.low": "Esto cuenta como bajo (aquí menos de {cutoff}% es bajo).",
    "ki67.level.indeterminate": (
        "Este rango está a ambos lados del corte de {cutoff}%, así que no se llama alto ni bajo."
    ),
    "ki67.level_only": "El informe dice que Ki-67 es {level}, sin un número.",
    "ki67.word.high": "alto",
    "ki67.word.low": "bajo",
    "ki67.word.indeterminate": "ni alto ni bajo",
    "ki67.pending": "El resultado de Ki-67 está pendiente. Aún no está en este informe.",
    "ki67.unread": "El informe menciona Ki-67, pero el resultado no se pudo leer con seguridad.",
    # ------------------------------------------------------------------ subtipos
    "subtype.intro": (
        "Los médicos a menudo ordenan los cánceres de mama en grupos generales (subtipos) con estos resultados. "
        "Los grupos basados en estas pruebas son estimaciones. Se llaman subtipos sustitutos."
    ),
    "subtype.luminal_a_like": (
        "Estos resultados encajan en el grupo llamado tipo luminal A. "
        "Esto significa RH positivo y HER2 negativo, con PR alto y Ki-67 bajo. "
        "Es una estimación a partir de estas pruebas, no de una prueba de genes. "
        "La terapia hormonal es el principal tipo de medicamento estudiado para este grupo."
    ),
    "subtype.luminal_b_like": (
        "Estos resultados encajan en el grupo llamado tipo luminal B. "
        "Esto significa RH positivo y HER2 negativo, con Ki-67 alto, PR bajo o ER bajo. "
        "Es una estimación a partir de estas pruebas, no de una prueba de genes. "
        "La terapia hormonal se estudia para este grupo, a menudo junto con otros medicamentos."
    ),
    "subtype.hr_positive_her2_negative": (
        "Estos resultados encajan en el grupo RH positivo, HER2 negativo (RH+/HER2-). "
        "Es el grupo más común de cáncer de mama. "
        "La terapia hormonal es el principal tipo de medicamento estudiado para él. "
        "Falta el porcentaje de PR o el Ki-67 que se necesita para distinguir el tipo luminal A del tipo luminal B."
    ),
    "subtype.triple_positive": (
        "Estos resultados encajan en el grupo llamado triple positivo. "
        "Aquí esto significa HER2 positivo y RH positivo ({tp_rule}). "
        "Para este grupo se estudian tanto los medicamentos dirigidos a HER2 como la terapia hormonal."
    ),
    "subtype.her2_enriched": (
        "Estos resultados encajan en el grupo llamado tipo HER2 enriquecido. "
        "Esto significa HER2 positivo y RH negativo. "
        "El subtipo real solo se puede saber con una prueba de genes. "
        "Para este grupo se estudian los medicamentos dirigidos a HER2."
    ),
    "subtype.triple_negative": (
        "Estos resultados encajan en el grupo llamado triple negativo. "
        "Esto significa que ER, PR y HER2 son todos negativos. "
        "La terapia hormonal y los medicamentos dirigidos a HER2 no están hechos para este grupo. "
        "Se usan otros tipos de medicamentos, como la quimioterapia."
    ),
    "subtype.none": (
        "No se pudo fijar el subtipo. Faltan resultados que necesita, están pendientes o no están claros."
    ),
    "subtype.none.her2": "No se pudo fijar el subtipo, porque aquí no hay un resultado final de HER2.",
    "subtype.none.hr": "No se pudo fijar el subtipo, porque los resultados de ER y PR no están claros aquí.",
    "subtype.none.option": (
        "El subtipo no se fijó por un ajuste de esta herramienta. "
        "Según la regla habitual estos resultados son triple positivos: HER2 positivo, y ER o PR positivo. "
        "Pero la herramienta se ajustó para pedir que ER y PR sean ambos positivos "
        "(la opción triple_positive_requires_pr), y aquí no lo son los dos."
    ),
    "subtype.tp_rule.either": "ER o PR o ambos",
    "subtype.tp_rule.both": "ER y PR a la vez",
    "subtype.tn_her2_low": "El cáncer triple negativo también puede ser HER2 bajo o HER2 ultrabajo, como aquí.",
    "subtype.erlow_not_tn": (
        "Como ER es positivo bajo, este cáncer no se llama triple negativo aquí. "
        "Pero los cánceres así a menudo se comportan como el cáncer triple negativo."
    ),
    "subtype.erlow_as_tn": (
        "Aquí, los cánceres con ER bajo se agrupan con el cáncer triple negativo. "
        "Esta herramienta se ajustó para hacerlo (la opción er_low_groups_with_tnbc)."
    ),
    "stage": (
        "Los médicos también usan estos resultados para saber el estadio del cáncer. "
        "Este estadio (el estadio pronóstico) mira el tamaño del cáncer y si se ha extendido. "
        "También mira el grado, el resultado de RH y el resultado de HER2. "
        "El grado dice qué tan distintas se ven las células de cáncer de las células normales."
    ),
    # ------------------------------------------------------------------ ajustes que cambian la respuesta
    "option.ki67_high_cutoff": (
        "Esta herramienta se ajustó para llamar alto a Ki-67 desde {value}%. El ajuste habitual es {default}%."
    ),
    "option.er_low_upper": (
        "Esta herramienta se ajustó para llamar positivo bajo a ER y PR hasta {value}%. "
        "El ajuste habitual es {default}%."
    ),
    "option.er_low_groups_with_tnbc": (
        "Esta herramienta se ajustó para agrupar los cánceres con ER bajo con el cáncer triple negativo."
    ),
    "option.triple_positive_requires_pr": (
        "Esta herramienta se ajustó para llamar triple positivo a un cáncer solo cuando ER y PR son ambos positivos."
    ),
    # ------------------------------------------------------------------ qué falta, y por qué
    "state.absent": "No está en este informe: {items}.",
    "state.pending": "Aún pendiente: {items}.",
    "state.not_done": "El informe dice que estas pruebas no se hicieron: {items}.",
    "state.elsewhere": "El informe dice que los resultados de {items} están en otro informe.",
    "state.blank": "El informe nombra {items}, pero deja el resultado en blanco.",
    "state.unclear": "No está claro o no es final: {items}.",
    "state.unread": (
        "El informe da un resultado de {items} que esta herramienta no pudo leer con seguridad. "
        "Revise el informe mismo."
    ),
    "state.named": (
        "El informe nombra {items}, pero esta herramienta no pudo leer un resultado. "
        "Puede que el informe sí dé uno, así que revise el informe mismo."
    ),
    "state.complete": "ER, PR, HER2 y Ki-67 tienen todos un resultado en este informe.",
    "state.ish_pending": "{name} (prueba ISH pendiente)",
    # ------------------------------------------------------------------ avisos para revisar
    "warnings.note": (
        "Algunas partes del informe no estaban claras o no coincidían. "
        "Esta herramienta las marcó para que su equipo médico las revise."
    ),
    "warning.report.*": "el informe tiene más de un resultado para una prueba, y la herramienta usó el que vale.",
    "warning.report.addendum": "una nota posterior del informe (un anexo) cambió o añadió un resultado.",
    "warning.report.specimens": "el informe tiene resultados de más de una muestra o tumor.",
    "warning.report.history": "algunos resultados vienen de una prueba anterior o de otro centro.",
    "warning.report.organ": "la muestra es del estómago o del esófago, no de la mama.",
    "warning.report.not_results": "algún texto parecía un resultado pero no lo era, como una clave de puntajes.",
    "warning.receptor.dcis": "algunos resultados son de células de cáncer que se quedan dentro de los conductos (CDIS).",
    "warning.receptor.contradiction": "para ER o PR, una palabra y un número del informe no coinciden.",
    "warning.receptor.range": "un rango de números de ER o PR cae a ambos lados de un corte.",
    "warning.receptor.allred": "un puntaje Allred no decide por sí solo el resultado de ER o PR.",
    "warning.receptor.hscore": "un puntaje H por sí solo no dice si ER o PR es positivo.",
    "warning.receptor.words": "un resultado de ER o PR se dio en palabras, sin un número.",
    "warning.receptor.evidence": "las palabras de un resultado de ER o PR apuntan en los dos sentidos.",
    "warning.er.status": "el resultado de ER necesita una revisión más de cerca.",
    "warning.pr.status": "el resultado de PR necesita una revisión más de cerca.",
    "warning.hr.status": "el resultado general de receptores hormonales no coincide con los de ER y PR.",
    "warning.her2.final": "el resultado general de HER2 no coincide con los resultados de las pruebas de HER2.",
    "warning.her2.ihc.stated": "el puntaje de tinción de HER2 y sus palabras no coinciden.",
    "warning.her2.ihc.derived": "el puntaje de tinción de HER2 se dedujo de una descripción; no estaba escrito.",
    "warning.her2.ihc.subzero": "para un puntaje de HER2 de 0, no está claro si se vio alguna tinción tenue.",
    "warning.her2.ish.stated": "el resultado de la prueba de genes de HER2 no coincide con sus propios números.",
    "warning.her2.ish.numbers": "un número de la prueba de genes de HER2 no se pudo ubicar.",
    "warning.her2.ish.group1-5": "el grupo dado para la prueba de genes de HER2 no coincide con sus números.",
    "warning.her2.ish.groups234": (
        "el resultado de HER2 depende de un nuevo conteo de la prueba de genes que el informe no describe."
    ),
    "warning.her2.ish.single": "la prueba de genes contó solo el gen HER2, sin un conteo de control.",
    "warning.ki67": "la palabra de Ki-67 (alto o bajo) no coincide con su número.",
    "warning.subtype.erlow": (
        "ER es positivo bajo, así que el cáncer no se llama triple negativo, pero puede comportarse como él."
    ),
    "warning.subtype": "el subtipo es una estimación.",
    "warning.parse.timeout": "la herramienta dejó de leer este informe antes de tiempo, así que no leyó nada.",
    "warning.parse.fuzzy": "algunas palabras se leyeron corrigiendo un error de escritura o de escaneo.",
    "warning.parse.warning": "algo del informe no estaba claro.",
    "warning.parse.unread": "una prueba se nombra en el informe, pero la herramienta no pudo leer su resultado.",
    "warning.parse.no_result": "una prueba se nombra en el informe, pero no se da su resultado.",
    # ------------------------------------------------------------------ etiquetas (tarjeta, Markdown)
    "card.title": "Resultados de biomarcadores de mama",
    "card.review": "Para revisar",
    "card.no_review": "Sin marcas para revisar",
    "card.evidence": "Evidencia en el texto del informe",
    "card.evidence_note": "Esto muestra texto del informe. Puede tener datos personales.",
    "card.explanation": "Qué significa",
    "card.reasoning": "Razonamiento clínico",
    "card.subtype": "subtipo",
    "value.positive": "positivo",
    "value.low_positive": "positivo bajo",
    "value.negative": "negativo",
    "value.pending": "pendiente",
    "value.equivocal": "equívoco",
    "value.low": "bajo",
    "value.ultralow": "ultrabajo",
    "value.zero_null": "0 (nulo)",
    "value.zero": "0",
    "value.absent": "no consta",
    "value.unread": "no leído",
    "value.not_done": "no hecho",
    "value.elsewhere": "en otro informe",
    "value.blank": "en blanco",
    "value.result": "sin resultado final",
    "subtype_name.luminal_a_like": "tipo luminal A",
    "subtype_name.luminal_b_like": "tipo luminal B",
    "subtype_name.hr_positive_her2_negative": "RH+/HER2-",
    "subtype_name.triple_positive": "triple positivo",
    "subtype_name.her2_enriched": "tipo HER2 enriquecido",
    "subtype_name.triple_negative": "triple negativo",
    "subtype_name.none": "sin fijar",
}
