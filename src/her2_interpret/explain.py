"""Explanations (guidelines.md section 8, [explain.*]): a plain text and a clinical text.

:func:`explain` turns findings and their classification into two texts:

- ``plain``, for a patient: what was tested, what was found, what it means in general terms, and
  what is still missing, pending or unreadable. It is built from the small sentence templates below
  (one per result value: data, not logic), in short sentences aimed at reading grade 8 or below.
  It never gives advice or a prognosis for the person and always ends with :data:`CARE_TEAM`.
- ``clinical``, for a clinician or auditor: one line per :class:`~her2_interpret.models.Decision`
  with its rule id, guideline version, thresholds and quoted evidence ``[start:end] "text"``, then
  every warning. It quotes report text only through evidence spans.

>>> from her2_interpret.models import Classification, Her2Result, Her2Status, Her2Category
>>> c = Classification(her2=Her2Result(status=Her2Status.PENDING, category=Her2Category.PENDING))
>>> text = explain(Findings(), c).plain
>>> "HER2 result is pending" in text, text.endswith(CARE_TEAM)
(True, True)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from .models import (
    Classification,
    Decision,
    Explanation,
    Findings,
    Her2Category,
    Her2Status,
    HrStatus,
    Intensity,
    IshResult,
    Ki67Level,
    Marker,
    ReceptorResult,
    ReceptorStatus,
    Subtype,
)

__all__ = [
    "CARE_TEAM",
    "HER2_CATEGORY_TEXT",
    "HR_STATUS_TEXT",
    "ISH_RESULT_TEXT",
    "KI67_LEVEL_TEXT",
    "NOTHING_FOUND",
    "RECEPTOR_STATUS_TEXT",
    "SUBTYPE_TEXT",
    "explain",
    "explain_clinical",
    "explain_plain",
]

# --------------------------------------------------------------------------- plain-language data
#
# Every template is a few short sentences. Placeholders:
#   {name}        ER or PR;
#   {low_upper}   upper bound of the ER/PR-low band (option er_low_upper, default 10);
#   {cutoff}      Ki-67 high cut-off (option ki67_high_cutoff, default 20);
#   {asco} {ihc} {ish} {tdxd} ...  glossary terms (_TERMS): explained the first time they appear.

#: The last sentence of every plain text.
CARE_TEAM = "Please ask your care team what these results mean for you."

#: The whole plain text body when the report gave no result at all.
NOTHING_FOUND = (
    "No results for hormone receptors, HER2 or Ki-67 were found in this report. "
    "This can happen when the tests were not done, or when the report words them in a way "
    "this tool could not read."
)

#: Terms explained at first use: key -> (first use, later uses).
_TERMS: dict[str, tuple[str, str]] = {
    "asco": (
        "the ASCO/CAP guidelines (the main rules labs use for these tests)",
        "the ASCO/CAP guidelines",
    ),
    "ihc": ("stain test (IHC)", "IHC test"),
    "ish": ("gene test (ISH)", "ISH test"),
    "tdxd": (
        "trastuzumab deruxtecan (an antibody-drug medicine)",
        "trastuzumab deruxtecan",
    ),
    "allred": (
        ". This score adds up how many cells showed {name} and how strongly",
        "",
    ),
    "hscore": (
        ". This score also combines how many cells showed {name} and how strongly",
        "",
    ),
    "dcis": (
        "DCIS (cancer cells that stay inside the milk ducts)",
        "DCIS",
    ),
}

#: ER and PR, by status (None: mentioned, but no status could be read with confidence).
RECEPTOR_STATUS_TEXT: dict[ReceptorStatus | None, str] = {
    ReceptorStatus.POSITIVE: "{name} was positive. This means the cancer cells have {name}.",
    ReceptorStatus.LOW_POSITIVE: (
        "{name} was low positive. This means only a few cancer cells have {name} "
        "(1 to {low_upper} out of 100)."
    ),
    ReceptorStatus.NEGATIVE: (
        "{name} was negative. This means no or almost no cancer cells have {name} "
        "(less than 1 out of 100)."
    ),
    ReceptorStatus.PENDING: (
        "The {name} result is pending. The test was ordered, but its result is not in this report yet."
    ),
    ReceptorStatus.EQUIVOCAL: (
        "The report calls the {name} result equivocal. This means it was not clearly positive or negative."
    ),
    None: "The report mentions {name}, but the result could not be read with confidence.",
}

#: The comment that goes with a low-positive result (ER: the ASCO/CAP 2020 ER-low comment;
#: PR: this library's own convention, guidelines.md section 4).
RECEPTOR_LOW_TEXT: dict[Marker, str] = {
    Marker.ER: (
        "When ER is low, there is limited data on how much hormone therapy helps. "
        "Cancers with low ER often behave like ER-negative cancers."
    ),
    Marker.PR: (
        "PR low positive is this tool's own name for 1 to {low_upper}% of cells. "
        "There is no PR-low group in {asco}."
    ),
}

#: Staining strength in words.
INTENSITY_TEXT: dict[Intensity, str] = {
    Intensity.WEAK: "weak",
    Intensity.MODERATE: "moderate",
    Intensity.STRONG: "strong",
    Intensity.WEAK_TO_MODERATE: "weak to moderate",
    Intensity.MODERATE_TO_STRONG: "moderate to strong",
    Intensity.WEAK_TO_STRONG: "weak to strong",
}

_HR_INTRO = (
    "Hormone receptors (HR) are proteins in some cancer cells. "
    "Hormones in the body can use them as growth signals. "
    "The two main ones are the estrogen receptor (ER) and the progesterone receptor (PR). "
    "Hormone (endocrine) therapy is a kind of medicine that targets these signals."
)

#: Overall hormone receptor status.
HR_STATUS_TEXT: dict[HrStatus | None, str] = {
    HrStatus.POSITIVE: "Overall, the cancer is hormone receptor positive (HR-positive).",
    HrStatus.NEGATIVE: (
        "Overall, the cancer is hormone receptor negative (HR-negative), "
        "because neither ER nor PR was found."
    ),
    None: "The overall hormone receptor result is not clear from this report.",
}

_HER2_INTRO = (
    "HER2 is a protein that can help cancer cells grow. "
    "Some medicines target HER2. They are called HER2-targeted medicines."
)

_IHC_INTRO = "A {ihc} shows how much HER2 protein is on the cells. It gives a score from 0 to 3+."
_IHC_SCORE = "The score here was {score}."
_ISH_INTRO = "A {ish} counts copies of the HER2 gene in the cells."

#: HER2 ISH result.
ISH_RESULT_TEXT: dict[IshResult, str] = {
    IshResult.AMPLIFIED: "The {ish} found extra copies of the HER2 gene (amplified).",
    IshResult.NOT_AMPLIFIED: "The {ish} did not find extra copies of the HER2 gene (not amplified).",
    IshResult.EQUIVOCAL: "The {ish} result was borderline (equivocal).",
    IshResult.PENDING: "The {ish} is pending. It was ordered, but its result is not in this report yet.",
}

#: HER2 overall result, by category (the low/ultralow/null groups say where they come from).
HER2_CATEGORY_TEXT: dict[Her2Category | None, str] = {
    Her2Category.POSITIVE: (
        "HER2 was positive. This means the cancer cells make a lot of HER2, "
        "or have extra copies of the HER2 gene. "
        "HER2-targeted medicines are made to act on HER2-positive cancer."
    ),
    Her2Category.EQUIVOCAL: (
        "The HER2 result was equivocal (borderline). "
        "This means the tests so far do not show if HER2 is positive or negative. "
        "In this case the guidelines call for more testing to decide."
    ),
    Her2Category.LOW: (
        "HER2 was negative. It falls in a group called HER2-low. "
        "This means a score of 1+, or 2+ without extra copies of the HER2 gene. "
        "HER2-low is a newer group. "
        "A trial called DESTINY-Breast04 studied {tdxd} in this group. "
        "HER2-low is a group from drug labels and trials. "
        "It is not a result group in {asco}."
    ),
    Her2Category.ULTRALOW: (
        "HER2 was negative, with a score of 0. "
        "But a few cells (10 out of 100 or fewer) showed very faint staining. "
        "This is called HER2-ultralow. It is a newer group. "
        "A trial called DESTINY-Breast06 studied {tdxd} in this group. "
        "In January 2025 the US drug label for this medicine added HER2-ultralow. "
        "HER2-ultralow is a group from drug labels and trials. "
        "It is not a result group in {asco}."
    ),
    Her2Category.ZERO_NULL: (
        "HER2 was negative, with a score of 0 and no staining at all. "
        "This is sometimes called HER2-null. "
        "Names like HER2-null, HER2-low and HER2-ultralow come from drug trials and labels. "
        "They are not result groups in {asco}."
    ),
    Her2Category.ZERO: (
        "HER2 was negative, with a score of 0. "
        "The report does not say if any faint staining was seen. "
        "So it does not show if this is HER2-ultralow (some faint staining) "
        "or HER2-null (no staining). "
        "These names come from drug trials and labels. They are not result groups in {asco}."
    ),
    Her2Category.NEGATIVE: (
        "HER2 was negative. The report gives no {ihc} score. "
        "So it does not show if this is HER2-low or HER2-0. "
        "HER2-low is a group from drug labels and trials. It is not a result group in {asco}."
    ),
    Her2Category.PENDING: (
        "The HER2 result is pending. The test was ordered, but its result is not in this report yet."
    ),
    None: "The report mentions HER2, but the result could not be read with confidence.",
}

#: The category to use when only the HER2 status is known.
_HER2_STATUS_AS_CATEGORY: dict[Her2Status, Her2Category] = {
    Her2Status.POSITIVE: Her2Category.POSITIVE,
    Her2Status.NEGATIVE: Her2Category.NEGATIVE,
    Her2Status.EQUIVOCAL: Her2Category.EQUIVOCAL,
    Her2Status.PENDING: Her2Category.PENDING,
}

_HER2_GASTRIC = (
    "The HER2 result here is from a stomach (gastric) sample. "
    "This tool only sorts breast results, so it did not sort this one."
)

_KI67_INTRO = "Ki-67 is a marker of how fast the cancer cells are dividing (making new cells)."
_KI67_VALUE = "Ki-67 was {pct}."

#: Ki-67 level against the St Gallen cut-off.
KI67_LEVEL_TEXT: dict[Ki67Level | None, str] = {
    Ki67Level.HIGH: "This counts as high ({cutoff}% or more is high here).",
    Ki67Level.LOW: "This counts as low (less than {cutoff}% is low here).",
    Ki67Level.INDETERMINATE: (
        "This range is on both sides of the {cutoff}% cut-off, so it is not called high or low."
    ),
    None: "",
}
_KI67_LEVEL_ONLY = "The report calls Ki-67 {level}, without a number."
_KI67_PENDING = "The Ki-67 result is pending. It is not in this report yet."
_KI67_UNREAD = "The report mentions Ki-67, but the result could not be read with confidence."

_SUBTYPE_INTRO = (
    "Doctors often sort breast cancers into rough groups (subtypes) using these results. "
    "Groups based on these tests are estimates. They are called surrogate subtypes."
)

#: St Gallen 2013 surrogate subtype (None: some results it needs are missing or not final).
SUBTYPE_TEXT: dict[Subtype | None, str] = {
    Subtype.LUMINAL_A_LIKE: (
        "These results fit the group called luminal A-like. "
        "This means HR-positive and HER2-negative, with high PR and low Ki-67."
    ),
    Subtype.LUMINAL_B_LIKE: (
        "These results fit the group called luminal B-like. "
        "This means HR-positive and HER2-negative, with high Ki-67, low PR or low ER."
    ),
    Subtype.HR_POSITIVE_HER2_NEGATIVE: (
        "These results fit the group HR-positive, HER2-negative. "
        "The PR percent or Ki-67 needed to tell luminal A-like from luminal B-like is missing."
    ),
    Subtype.TRIPLE_POSITIVE: (
        "These results fit the group called triple-positive. "
        "Here this means HER2-positive and HR-positive ({tp_rule})."
    ),
    Subtype.HER2_ENRICHED: (
        "These results fit the group called HER2-enriched-like. "
        "This means HER2-positive and HR-negative. "
        "The true subtype can only be found with a gene-based test."
    ),
    Subtype.TRIPLE_NEGATIVE: (
        "These results fit the group called triple-negative. "
        "This means ER, PR and HER2 are all negative."
    ),
    None: (
        "The subtype could not be set. Some results it needs are missing, pending or unclear."
    ),
}

#: Which HR-positive definition triple-positive used (option triple_positive_requires_pr).
_TRIPLE_POSITIVE_RULE: dict[bool, str] = {
    False: "ER or PR or both",
    True: "both ER and PR",
}

_TN_HER2_LOW = "Triple-negative cancer can also be HER2-low or HER2-ultralow, as here."
_ERLOW_NOT_TN = (
    "Because ER is low positive, this cancer is not called triple-negative here. "
    "But cancers like this often behave like triple-negative cancer."
)
_ERLOW_AS_TN = "Here, cancers with low ER are grouped with triple-negative cancer."

_DCIS = "This result is from {dcis}, not from the invasive cancer."
_HISTORICAL = "This {name} result comes from an earlier test, not from the testing in this report."

#: The "what is still missing" sentences, by state.
MISSING_TEXT: dict[str, str] = {
    "absent": "Not in this report: {items}.",
    "pending": "Still pending: {items}.",
    "unclear": "Not clear or not final: {items}.",
    "complete": "All of ER, PR, HER2 and Ki-67 have a result in this report.",
}

_WARNINGS_NOTE = (
    "Some parts of the report were unclear or did not agree. "
    "This tool flagged them for review by your care team."
)

_OPENING = "This report has results for {items}. Each one is explained below."

# --------------------------------------------------------------------------- helpers


class _Glossary:
    """Gives a term's explained form the first time it is used in a text, the short form after."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def fill(self, template: str, **values: object) -> str:
        terms: dict[str, str] = {}
        for key, (first, later) in _TERMS.items():
            if "{" + key + "}" in template:
                terms[key] = later if key in self._used else first
                self._used.add(key)
        # A term may itself hold a placeholder (e.g. {name}), so fill in two passes.
        return template.format(**terms, **{k: "{" + k + "}" for k in values}).format(**values)


def _number(value: float) -> str:
    """95.0 -> '95', 2.25 -> '2.25'."""
    return f"{value:g}" if float(value).is_integer() else f"{value}"


def _percent_text(percent: float | None, percent_range: tuple[float, float] | None) -> str | None:
    if percent is not None:
        return f"{_number(percent)}%"
    if percent_range is not None:
        low, high = percent_range
        return f"{_number(low)} to {_number(high)}%"
    return None


def _join(items: list[str]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentences(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _receptor_present(findings: Findings, result: ReceptorResult) -> bool:
    return bool(findings.of("receptor", result.marker)) or any(
        v is not None
        for v in (result.status, result.percent, result.percent_range, result.allred, result.h_score)
    )


def _her2_present(findings: Findings, c: Classification) -> bool:
    h = c.her2
    return bool(
        findings.of("her2_ihc") or findings.of("her2_ish") or findings.of("her2_status")
    ) or any(v is not None for v in (h.status, h.category, h.ihc_score, h.ish_result, h.ish_ratio))


def _ki67_present(findings: Findings, c: Classification) -> bool:
    k = c.ki67
    return bool(findings.of("ki67")) or any(
        v is not None for v in (k.percent, k.percent_range, k.level)
    )


def _ki67_pending(findings: Findings, c: Classification) -> bool:
    k = c.ki67
    if k.percent is not None or k.percent_range is not None:
        return False
    return any(f.pending for f in findings.of("ki67"))


def _option(c: Classification, name: str, default: float) -> float:
    value = c.options.get(name, default)
    return default if isinstance(value, bool) else value


def _her2_category(c: Classification) -> Her2Category | None:
    if c.her2.category is not None:
        return c.her2.category
    if c.her2.status is not None:
        return _HER2_STATUS_AS_CATEGORY[c.her2.status]
    return None


# --------------------------------------------------------------------------- plain text


def _receptor_block(
    result: ReceptorResult, name: str, c: Classification, glossary: _Glossary
) -> str:
    low_upper = _number(_option(c, "er_low_upper", 10))
    parts = [glossary.fill(RECEPTOR_STATUS_TEXT[result.status], name=name, low_upper=low_upper)]
    pct = _percent_text(result.percent, result.percent_range)
    if pct is not None:
        parts.append(f"In the test, {pct} of the cancer cells showed {name}.")
    if result.intensity is not None:
        parts.append(f"The stain was {INTENSITY_TEXT[result.intensity]}.")
    if result.allred is not None:
        parts.append(glossary.fill(f"The Allred score was {result.allred} out of 8{{allred}}.", name=name))
    if result.h_score is not None:
        parts.append(glossary.fill(f"The H-score was {result.h_score} out of 300{{hscore}}.", name=name))
    if result.status is ReceptorStatus.LOW_POSITIVE:
        parts.append(glossary.fill(RECEPTOR_LOW_TEXT[result.marker], low_upper=low_upper))
    if result.dcis:
        parts.append(glossary.fill(_DCIS))
    if result.historical:
        parts.append(_HISTORICAL.format(name=name))
    return _sentences(*parts)


def _hormone_paragraph(findings: Findings, c: Classification, glossary: _Glossary) -> str | None:
    er_here = _receptor_present(findings, c.er)
    pr_here = _receptor_present(findings, c.pr)
    if not (er_here or pr_here or findings.of("hr") or c.hr_status is not None):
        return None
    parts = [_HR_INTRO]
    if er_here:
        parts.append(_receptor_block(c.er, "ER", c, glossary))
    if pr_here:
        parts.append(_receptor_block(c.pr, "PR", c, glossary))
    parts.append(HR_STATUS_TEXT[c.hr_status])
    return _sentences(*parts)


def _her2_paragraph(findings: Findings, c: Classification, glossary: _Glossary) -> str | None:
    gastric = findings.organ == "gastric"
    if not (_her2_present(findings, c) or gastric):
        return None
    h = c.her2
    parts = [_HER2_INTRO]
    if gastric and h.status is None and h.category is None:
        parts.append(_HER2_GASTRIC)
        return _sentences(*parts)
    if h.ihc_score is not None:
        parts.append(glossary.fill(_IHC_INTRO))
        parts.append(_IHC_SCORE.format(score=h.ihc_score.value))
    if h.ish_result is not None:
        parts.append(glossary.fill(_ISH_INTRO))
        parts.append(glossary.fill(ISH_RESULT_TEXT[h.ish_result]))
    parts.append(glossary.fill(HER2_CATEGORY_TEXT[_her2_category(c)]))
    if h.historical:
        parts.append(_HISTORICAL.format(name="HER2"))
    if gastric:
        parts.append(_HER2_GASTRIC)
    return _sentences(*parts)


def _ki67_paragraph(findings: Findings, c: Classification) -> str | None:
    if not _ki67_present(findings, c):
        return None
    k = c.ki67
    parts = [_KI67_INTRO]
    pct = _percent_text(k.percent, k.percent_range)
    cutoff = _number(_option(c, "ki67_high_cutoff", 20))
    if pct is not None:
        parts.append(_KI67_VALUE.format(pct=pct))
        parts.append(KI67_LEVEL_TEXT[k.level].format(cutoff=cutoff))
    elif _ki67_pending(findings, c):
        parts.append(_KI67_PENDING)
    elif k.level is not None:
        parts.append(_KI67_LEVEL_ONLY.format(level=k.level.value))
    else:
        parts.append(_KI67_UNREAD)
    return _sentences(*parts)


def _subtype_paragraph(c: Classification) -> str:
    parts = [_SUBTYPE_INTRO]
    tp_rule = _TRIPLE_POSITIVE_RULE[bool(c.options.get("triple_positive_requires_pr", False))]
    parts.append(SUBTYPE_TEXT[c.subtype].format(tp_rule=tp_rule))
    category = _her2_category(c)
    if c.subtype is Subtype.TRIPLE_NEGATIVE and category in (Her2Category.LOW, Her2Category.ULTRALOW):
        parts.append(_TN_HER2_LOW)
    er_low = c.er.status is ReceptorStatus.LOW_POSITIVE
    pr_low_or_neg = c.pr.status in (ReceptorStatus.NEGATIVE, ReceptorStatus.LOW_POSITIVE)
    if er_low and pr_low_or_neg and c.her2.status is Her2Status.NEGATIVE:
        parts.append(_ERLOW_AS_TN if c.subtype is Subtype.TRIPLE_NEGATIVE else _ERLOW_NOT_TN)
    return _sentences(*parts)


def _missing_paragraph(findings: Findings, c: Classification) -> str:
    absent: list[str] = []
    pending: list[str] = []
    unclear: list[str] = []
    for name, result in (("ER", c.er), ("PR", c.pr)):
        if not _receptor_present(findings, result):
            absent.append(name)
        elif result.status is ReceptorStatus.PENDING:
            pending.append(name)
        elif result.status in (None, ReceptorStatus.EQUIVOCAL):
            unclear.append(name)
    category = _her2_category(c)
    if findings.organ == "gastric" and category is None:
        pass  # said in the HER2 paragraph: a gastric result is not sorted by breast rules
    elif not _her2_present(findings, c):
        absent.append("HER2")
    elif category is Her2Category.PENDING:
        pending.append("HER2")
    elif category in (None, Her2Category.EQUIVOCAL):
        unclear.append("HER2" if c.her2.ish_result is not IshResult.PENDING else "HER2 (ISH test pending)")
    k = c.ki67
    if not _ki67_present(findings, c):
        absent.append("Ki-67")
    elif _ki67_pending(findings, c):
        pending.append("Ki-67")
    elif k.percent is None and k.percent_range is None and k.level is None:
        unclear.append("Ki-67")
    parts = [
        MISSING_TEXT[state].format(items=_join(items))
        for state, items in (("absent", absent), ("pending", pending), ("unclear", unclear))
        if items
    ]
    return _sentences(*parts) if parts else MISSING_TEXT["complete"]


def _has_any_result(findings: Findings, c: Classification) -> bool:
    return bool(findings.findings) or findings.organ == "gastric" or any(
        (
            _receptor_present(findings, c.er),
            _receptor_present(findings, c.pr),
            _her2_present(findings, c),
            _ki67_present(findings, c),
            c.hr_status is not None,
            c.subtype is not None,
        )
    )


def explain_plain(findings: Findings, classification: Classification) -> str:
    """The plain-language text for a patient (paragraphs separated by a blank line)."""
    c = classification
    if not _has_any_result(findings, c):
        return f"{NOTHING_FOUND}\n\n{CARE_TEAM}"
    glossary = _Glossary()
    hormone = _hormone_paragraph(findings, c, glossary)
    her2 = _her2_paragraph(findings, c, glossary)
    ki67 = _ki67_paragraph(findings, c)
    tested = [
        label
        for label, paragraph in (("hormone receptors", hormone), ("HER2", her2), ("Ki-67", ki67))
        if paragraph
    ]
    paragraphs: list[str] = []
    if tested:
        paragraphs.append(_OPENING.format(items=_join(tested)))
    paragraphs += [p for p in (hormone, her2, ki67) if p]
    if hormone or (her2 and findings.organ != "gastric"):  # breast subtypes only
        paragraphs.append(_subtype_paragraph(c))
    paragraphs.append(_missing_paragraph(findings, c))
    if findings.warnings or c.warnings:
        paragraphs.append(_WARNINGS_NOTE)
    paragraphs.append(CARE_TEAM)
    return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------- clinical text


def _value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)  # never rounded: 1.99 stays 1.99, 2.0 stays 2.0
    return str(value)


def _quote(text: str) -> str:
    """The evidence text in double quotes, on one line (newlines escaped as \\n)."""
    return json.dumps(text, ensure_ascii=False)


def _decision_line(d: Decision) -> str:
    thresholds = ", ".join(f"{k}={_value(v)}" for k, v in d.thresholds.items()) or "none"
    evidence = "; ".join(
        f"[{e.start}:{e.end}] {_quote(e.text)} ({e.pattern})" for e in d.evidence
    ) or "none"
    line = (
        f"- {d.target} = {_value(d.value)} | rule {d.rule} | guideline {d.guideline}"
        f" | thresholds: {thresholds} | evidence: {evidence}"
    )
    return line + (f" | note: {d.note}" if d.note else "")


def _summary_line(c: Classification) -> str:
    def receptor(r: ReceptorResult) -> str:
        pct = _percent_text(r.percent, r.percent_range)
        flags = [x for x, on in (("dcis", r.dcis), ("historical", r.historical)) if on]
        extra = ", ".join(([pct] if pct else []) + flags)
        return _value(r.status) + (f" ({extra})" if extra else "")

    h = c.her2
    her2_bits = [
        f"{label} {_value(v)}"
        for label, v in (
            ("IHC", h.ihc_score),
            ("staining", h.ihc_staining),
            ("ISH", h.ish_result),
            ("group", h.ish_group),
            ("ratio", h.ish_ratio),
            ("copies", h.ish_copy_number),
            ("CEP17", h.ish_cep17),
            ("probe", h.probe),
        )
        if v is not None
    ] + (["historical"] if h.historical else [])
    her2 = f"{_value(h.status)}, category {_value(h.category)}" + (
        f" ({', '.join(her2_bits)})" if her2_bits else ""
    )
    k = c.ki67
    ki67_bits = [
        f"{label} {_value(v)}"
        for label, v in (("level", k.level), ("IKWG", k.ikwg_band))
        if v is not None
    ]
    ki67 = (_percent_text(k.percent, k.percent_range) or "null") + (
        f" ({', '.join(ki67_bits)})" if ki67_bits else ""
    )
    return (
        f"Result: ER={receptor(c.er)}; PR={receptor(c.pr)}; HER2={her2}; Ki-67={ki67}; "
        f"HR={_value(c.hr_status)}; subtype={_value(c.subtype)}"
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def explain_clinical(findings: Findings, classification: Classification) -> str:
    """The clinical text: result summary, one line per decision, reasons, then every warning.

    Report text appears only as quoted evidence spans ``[start:end] "text"``.
    """
    c = classification
    lines = [_summary_line(c)]
    if c.guideline_versions:
        lines.append("Guidelines: " + _mapping(c.guideline_versions))
    if c.options:
        lines.append("Options: " + _mapping(c.options))
    if findings.organ == "gastric":
        lines.append("Organ: gastric; HER2 not classified by the breast rules (report.organ).")
    lines.append("Decisions:" if c.decisions else "Decisions: none")
    lines += [_decision_line(d) for d in c.decisions]
    reasons = [
        f"- {label}: {reason}"
        for label, reason in (("er", c.er.reason), ("pr", c.pr.reason), ("her2", c.her2.reason))
        if reason
    ]
    if reasons:
        lines.append("Unresolved:")
        lines += reasons
    warnings = _unique((*findings.warnings, *c.warnings))
    lines.append("Warnings:" if warnings else "Warnings: none")
    lines += [f"- {w}" for w in warnings]
    return "\n".join(lines)


def _mapping(values: Mapping[str, object]) -> str:
    return ", ".join(f"{k}={_value(v)}" for k, v in values.items())


# --------------------------------------------------------------------------- entry point


def explain(findings: Findings, classification: Classification) -> Explanation:
    """Both texts of guidelines.md section 8 for one classification."""
    return Explanation(
        plain=explain_plain(findings, classification),
        clinical=explain_clinical(findings, classification),
    )
