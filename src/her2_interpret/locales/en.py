"""English sentence templates of the plain-language explanation and the display labels.

Source: written for this library from guidelines.md sections 1-8 (the clinical content: ASCO/CAP HER2
2018/2023, ASCO/CAP ER/PR 2020, St Gallen 2013, the DESTINY-Breast04 and -06 trials and the January 2025
US label for HER2-ultralow, AJCC 8th edition prognostic stage). Short sentences in everyday words,
aimed at reading grade 8 or below (Flesch-Kincaid, measured by the tests over every corpus case).
Never advice or a personal prognosis: general facts, and a pointer to the care team.

Keys are dotted; every language has exactly these keys and, per key, the same placeholders
(``{name}``, ``{items}``...; glossary terms such as ``{ihc}`` are filled from the ``term.*`` keys,
explained in full the first time they appear in a text). Values may be empty strings.
"""

from __future__ import annotations

TEMPLATES: dict[str, str] = {
    # ------------------------------------------------------------------ frame
    "care_team": "Please ask your care team what these results mean for you.",
    "nothing_found": (
        "No results for hormone receptors, HER2 or Ki-67 were found in this report. "
        "This can happen when the tests were not done, or when the report words them in a way "
        "this tool could not read."
    ),
    "opening": "This report has results for {items}. Each one is explained below.",
    "percent.range": "{low} to {high}%",
    "list.and": " and ",
    "label.hormone_receptors": "hormone receptors",
    "label.her2": "HER2",
    "label.ki67": "Ki-67",
    "label.er": "ER",
    "label.pr": "PR",
    # ------------------------------------------------------------------ glossary: first use, later uses
    "term.asco.first": "the ASCO/CAP guidelines (the main rules labs use for these tests)",
    "term.asco.later": "the ASCO/CAP guidelines",
    "term.ihc.first": "stain test (IHC)",
    "term.ihc.later": "IHC test",
    "term.ish.first": "gene test (ISH)",
    "term.ish.later": "ISH test",
    "term.tdxd.first": "trastuzumab deruxtecan (an antibody-drug medicine)",
    "term.tdxd.later": "trastuzumab deruxtecan",
    "term.allred.first": ". This score adds up how many cells showed {name} and how strongly",
    "term.allred.later": "",
    "term.hscore.first": ". This score also combines how many cells showed {name} and how strongly",
    "term.hscore.later": "",
    "term.dcis.first": "DCIS (cancer cells that stay inside the milk ducts)",
    "term.dcis.later": "DCIS",
    # ------------------------------------------------------------------ hormone receptors
    "hr.intro": (
        "Hormone receptors (HR) are proteins in some cancer cells. "
        "Hormones in the body can use them as growth signals. "
        "The two main ones are the estrogen receptor (ER) and the progesterone receptor (PR). "
        "Hormone (endocrine) therapy is a kind of medicine that targets these signals."
    ),
    "hr.test": "The lab looks for ER and PR with a {ihc}. It uses a dye that sticks to the protein.",
    "receptor.status.positive": "{name} was positive. This means the cancer cells have {name}.",
    "receptor.status.low_positive": (
        "{name} was low positive. This means only a few cancer cells have {name} "
        "(1 to {low_upper} out of 100)."
    ),
    "receptor.status.negative": (
        "{name} was negative. This means no or almost no cancer cells have {name} "
        "(less than 1 out of 100)."
    ),
    "receptor.status.pending": (
        "The {name} result is pending. The test was ordered, but its result is not in this report yet."
    ),
    "receptor.status.equivocal": (
        "The report calls the {name} result equivocal. This means it was not clearly positive or negative."
    ),
    "receptor.status.none": "The report mentions {name}, but the result could not be read with confidence.",
    "marker.not_done": "The report says the {name} test was not done.",
    "receptor.low.er": (
        "When ER is low, there is limited data on how much hormone therapy helps. "
        "Cancers with low ER often behave like ER-negative cancers."
    ),
    "receptor.low.pr": (
        "PR low positive is this tool's own name for 1 to {low_upper}% of cells. "
        "There is no PR-low group in {asco}."
    ),
    "receptor.percent": "In the test, {pct} of the cancer cells showed {name}.",
    "receptor.intensity": "The stain was {intensity}.",
    "receptor.allred": "The Allred score was {score} out of 8{allred}.",
    "receptor.hscore": "The H-score was {score} out of 300{hscore}.",
    "intensity.weak": "weak",
    "intensity.moderate": "moderate",
    "intensity.strong": "strong",
    "intensity.weak_to_moderate": "weak to moderate",
    "intensity.moderate_to_strong": "moderate to strong",
    "intensity.weak_to_strong": "weak to strong",
    "dcis": "This result is from {dcis}, not from the invasive cancer.",
    "historical": "This {name} result comes from an earlier test, not from the testing in this report.",
    "hr.status.positive": "Overall, the cancer is hormone receptor positive (HR-positive).",
    "hr.status.negative": (
        "Overall, the cancer is hormone receptor negative (HR-negative), because neither ER nor PR was found."
    ),
    "hr.status.none": "The overall hormone receptor result is not clear from this report.",
    # ------------------------------------------------------------------ HER2
    "her2.intro": (
        "HER2 is a protein that can help cancer cells grow. "
        "Some medicines target HER2. They are called HER2-targeted medicines."
    ),
    "her2.ihc.intro": "The {ihc} shows how much HER2 protein is on the cells. It gives a score from 0 to 3+.",
    "her2.ihc.score": "The score here was {score}.",
    "her2.ish.intro": "A {ish} counts copies of the HER2 gene in the cells. FISH is one kind of ISH test.",
    "ish.result.amplified": "The {ish} found extra copies of the HER2 gene (amplified).",
    "ish.result.not_amplified": "The {ish} did not find extra copies of the HER2 gene (not amplified).",
    "ish.result.equivocal": "The {ish} result was borderline (equivocal).",
    "ish.result.pending": "The {ish} is pending. It was ordered, but its result is not in this report yet.",
    "her2.category.positive": (
        "HER2 was positive. This means the cancer cells make a lot of HER2, "
        "or have extra copies of the HER2 gene. "
        "HER2-targeted medicines are made to act on HER2-positive cancer."
    ),
    "her2.category.equivocal": (
        "The HER2 result was equivocal (borderline). "
        "This means the tests so far do not show if HER2 is positive or negative. "
        "In this case the guidelines call for more testing to decide."
    ),
    "her2.category.low": (
        "HER2 was negative. It falls in a group called HER2-low. "
        "This means a score of 1+, or 2+ without extra copies of the HER2 gene. "
        "HER2-low is a newer group. "
        "A trial called DESTINY-Breast04 studied {tdxd} in this group. "
        "HER2-low is a group from drug labels and trials. "
        "It is not a result group in {asco}."
    ),
    "her2.category.ultralow": (
        "HER2 was negative, with a score of 0. "
        "But a few cells (10 out of 100 or fewer) showed very faint staining. "
        "This is called HER2-ultralow. It is a newer group. "
        "A trial called DESTINY-Breast06 studied {tdxd} in this group. "
        "In January 2025 the US drug label for this medicine added HER2-ultralow. "
        "HER2-ultralow is a group from drug labels and trials. "
        "It is not a result group in {asco}."
    ),
    "her2.category.zero_null": (
        "HER2 was negative, with a score of 0 and no staining at all. "
        "This is sometimes called HER2-null. "
        "Names like HER2-null, HER2-low and HER2-ultralow come from drug trials and labels. "
        "They are not result groups in {asco}."
    ),
    "her2.category.zero": (
        "HER2 was negative, with a score of 0. "
        "The report does not say if any faint staining was seen. "
        "So it does not show if this is HER2-ultralow (some faint staining) "
        "or HER2-null (no staining). "
        "These names come from drug trials and labels. They are not result groups in {asco}."
    ),
    "her2.category.negative": (
        "HER2 was negative. The report gives no {ihc} score. "
        "So it does not show if this is HER2-low or HER2-0. "
        "HER2-low is a group from drug labels and trials. It is not a result group in {asco}."
    ),
    "her2.category.pending": (
        "The HER2 result is pending. The test was ordered, but its result is not in this report yet."
    ),
    "her2.category.none": "The report mentions HER2, but the result could not be read with confidence.",
    "her2.negative.medicines": "Most HER2-targeted medicines are made for HER2-positive cancer.",
    "her2.gastric": (
        "The HER2 result here is from a stomach (gastric) sample. "
        "This tool only sorts breast results, so it did not sort this one."
    ),
    # ------------------------------------------------------------------ Ki-67
    "ki67.intro": "Ki-67 is a marker of how fast the cancer cells are dividing (making new cells).",
    "ki67.value": "Ki-67 was {pct}.",
    "ki67.level.high": "This counts as high ({cutoff}% or more is high here).",
    "ki67.level.low": "This counts as low (less than {cutoff}% is low here).",
    "ki67.level.indeterminate": (
        "This range is on both sides of the {cutoff}% cut-off, so it is not called high or low."
    ),
    "ki67.level_only": "The report calls Ki-67 {level}, without a number.",
    "ki67.word.high": "high",
    "ki67.word.low": "low",
    "ki67.word.indeterminate": "neither high nor low",
    "ki67.pending": "The Ki-67 result is pending. It is not in this report yet.",
    "ki67.unread": "The report mentions Ki-67, but the result could not be read with confidence.",
    # ------------------------------------------------------------------ subtypes
    "subtype.intro": (
        "Doctors often sort breast cancers into rough groups (subtypes) using these results. "
        "Groups based on these tests are estimates. They are called surrogate subtypes."
    ),
    "subtype.luminal_a_like": (
        "These results fit the group called luminal A-like. "
        "This means HR-positive and HER2-negative, with high PR and low Ki-67. "
        "It is an estimate from these tests, not from a gene test. "
        "Hormone therapy is the main kind of medicine studied for this group."
    ),
    "subtype.luminal_b_like": (
        "These results fit the group called luminal B-like. "
        "This means HR-positive and HER2-negative, with high Ki-67, low PR or low ER. "
        "It is an estimate from these tests, not from a gene test. "
        "Hormone therapy is studied for this group, often along with other medicines."
    ),
    "subtype.hr_positive_her2_negative": (
        "These results fit the group HR-positive, HER2-negative (HR+/HER2-). "
        "This is the most common group of breast cancer. "
        "Hormone therapy is the main kind of medicine studied for it. "
        "The PR percent or Ki-67 needed to tell luminal A-like from luminal B-like is missing."
    ),
    "subtype.triple_positive": (
        "These results fit the group called triple-positive. "
        "Here this means HER2-positive and HR-positive ({tp_rule}). "
        "Both HER2-targeted medicines and hormone therapy are studied for this group."
    ),
    "subtype.her2_enriched": (
        "These results fit the group called HER2-enriched-like. "
        "This means HER2-positive and HR-negative. "
        "The true subtype can only be found with a gene-based test. "
        "HER2-targeted medicines are studied for this group."
    ),
    "subtype.triple_negative": (
        "These results fit the group called triple-negative. "
        "This means ER, PR and HER2 are all negative. "
        "Hormone therapy and HER2-targeted medicines are not made for this group. "
        "Other kinds of medicine, such as chemotherapy, are used for it."
    ),
    "subtype.none": "The subtype could not be set. Some results it needs are missing, pending or unclear.",
    "subtype.none.her2": "The subtype could not be set, because there is no final HER2 result here.",
    "subtype.none.hr": "The subtype could not be set, because the ER and PR results are not clear here.",
    "subtype.none.option": (
        "The subtype was not set because of a setting of this tool. "
        "By the usual rule these results are triple-positive: HER2-positive, and ER or PR positive. "
        "But the tool was set to need both ER and PR to be positive "
        "(the option triple_positive_requires_pr), and here they are not both positive."
    ),
    "subtype.tp_rule.either": "ER or PR or both",
    "subtype.tp_rule.both": "both ER and PR",
    "subtype.tn_her2_low": "Triple-negative cancer can also be HER2-low or HER2-ultralow, as here.",
    "subtype.erlow_not_tn": (
        "Because ER is low positive, this cancer is not called triple-negative here. "
        "But cancers like this often behave like triple-negative cancer."
    ),
    "subtype.erlow_as_tn": (
        "Here, cancers with low ER are grouped with triple-negative cancer. "
        "This tool was set to do so (the option er_low_groups_with_tnbc)."
    ),
    "stage": (
        "Doctors also use these results to work out the stage of the cancer. "
        "This stage (the prognostic stage) looks at the size and spread of the cancer. "
        "It also looks at the grade, the HR result and the HER2 result. "
        "The grade tells how different the cancer cells look from normal cells."
    ),
    # ------------------------------------------------------------------ settings that change the answer
    "option.ki67_high_cutoff": "This tool was set to call Ki-67 high from {value}%. The usual setting is {default}%.",
    "option.er_low_upper": (
        "This tool was set to call ER and PR low positive up to {value}%. The usual setting is {default}%."
    ),
    "option.er_low_groups_with_tnbc": "This tool was set to group cancers with low ER with triple-negative cancer.",
    "option.triple_positive_requires_pr": (
        "This tool was set to call a cancer triple-positive only when both ER and PR are positive."
    ),
    # ------------------------------------------------------------------ what is missing, and why
    "state.absent": "Not in this report: {items}.",
    "state.pending": "Still pending: {items}.",
    "state.not_done": "The report says these tests were not done: {items}.",
    "state.elsewhere": "The report says the results for {items} are in another report.",
    "state.blank": "The report names {items}, but leaves the result blank.",
    "state.unclear": "Not clear or not final: {items}.",
    "state.unread": (
        "The report gives a result for {items} that this tool could not read with confidence. "
        "Please check the report itself."
    ),
    "state.named": (
        "The report names {items}, but this tool could not read a result. "
        "The report may still give one, so please check the report itself."
    ),
    "state.complete": "All of ER, PR, HER2 and Ki-67 have a result in this report.",
    "state.ish_pending": "{name} (ISH test pending)",
    # ------------------------------------------------------------------ flags for review
    "warnings.note": (
        "Some parts of the report were unclear or did not agree. "
        "This tool flagged them for review by your care team."
    ),
    "warning.report.*": "the report has more than one result for a test, and the tool used the one that stands.",
    "warning.report.addendum": "a later note in the report (an addendum) changed or added a result.",
    "warning.report.specimens": "the report has results from more than one sample or tumor.",
    "warning.report.history": "some results come from an earlier or outside test.",
    "warning.report.organ": "the sample is from the stomach or the food pipe, not the breast.",
    "warning.report.not_results": "some text looked like a result but was not one, such as a scoring key.",
    "warning.receptor.dcis": "some results are from cancer cells that stay inside the milk ducts (DCIS).",
    "warning.receptor.contradiction": "for ER or PR, a word and a number in the report do not agree.",
    "warning.receptor.range": "a range of numbers for ER or PR falls on both sides of a cut-off.",
    "warning.receptor.allred": "an Allred score does not settle the ER or PR result on its own.",
    "warning.receptor.hscore": "an H-score alone does not say if ER or PR is positive.",
    "warning.receptor.words": "an ER or PR result was given in words, without a number.",
    "warning.receptor.evidence": "the words for one ER or PR result point both ways.",
    "warning.er.status": "the ER result needs a closer look.",
    "warning.pr.status": "the PR result needs a closer look.",
    "warning.hr.status": "the overall hormone receptor result does not match the ER and PR results.",
    "warning.her2.final": "the overall HER2 result does not match the HER2 test results.",
    "warning.her2.ihc.stated": "the HER2 stain score and its words do not agree.",
    "warning.her2.ihc.derived": "the HER2 stain score was worked out from a description, not stated.",
    "warning.her2.ihc.subzero": "for a HER2 score of 0, it is not clear if any faint staining was seen.",
    "warning.her2.ish.stated": "the HER2 gene test result does not match its own numbers.",
    "warning.her2.ish.numbers": "a number in the HER2 gene test could not be placed.",
    "warning.her2.ish.group1-5": "the group given for the HER2 gene test does not match its numbers.",
    "warning.her2.ish.groups234": "the HER2 result rests on a recount of the gene test that the report does not describe.",
    "warning.her2.ish.single": "the HER2 gene test counted the HER2 gene alone, with no control count.",
    "warning.ki67": "the Ki-67 word (high or low) does not match its number.",
    "warning.subtype.erlow": "ER is low positive, so the cancer is not called triple-negative, but it may act like it.",
    "warning.subtype": "the subtype is an estimate.",
    "warning.parse.timeout": "the tool stopped reading this report early, so it read nothing from it.",
    "warning.parse.fuzzy": "some words were read through a fix for a typing or scanning error.",
    "warning.parse.warning": "something in the report was not clear.",
    "warning.parse.unread": "a test is named in the report, but the tool could not read its result.",
    "warning.parse.no_result": "a test is named in the report, but no result is given for it.",
    # ------------------------------------------------------------------ display labels (card, Markdown)
    "card.title": "Breast biomarker results",
    "card.review": "Needs review",
    "card.no_review": "No flags for review",
    "card.evidence": "Evidence in the report text",
    "card.evidence_note": "This shows text from the report. It may hold personal details.",
    "card.explanation": "What it means",
    "card.reasoning": "Clinical reasoning",
    "card.subtype": "subtype",
    "value.positive": "positive",
    "value.low_positive": "low positive",
    "value.negative": "negative",
    "value.pending": "pending",
    "value.equivocal": "equivocal",
    "value.low": "low",
    "value.ultralow": "ultralow",
    "value.zero_null": "0 (null)",
    "value.zero": "0",
    "value.absent": "not stated",
    "value.unread": "not read",
    "value.not_done": "not done",
    "value.elsewhere": "in another report",
    "value.blank": "blank",
    "value.result": "no final call",
    "subtype_name.luminal_a_like": "luminal A-like",
    "subtype_name.luminal_b_like": "luminal B-like",
    "subtype_name.hr_positive_her2_negative": "HR+/HER2-",
    "subtype_name.triple_positive": "triple-positive",
    "subtype_name.her2_enriched": "HER2-enriched-like",
    "subtype_name.triple_negative": "triple-negative",
    "subtype_name.none": "not set",
}
