"""Explanations (guidelines.md section 8, [explain.*]): a plain text and a clinical text.

:func:`explain` turns findings and their classification into two texts:

- ``plain``, for a patient: what was tested, what was found, what the report's words mean in general
  terms (what IHC and ISH test, the HER2 groups, the subtypes and the kinds of medicine studied for
  each, that these results go into the cancer's stage), and what is still missing, and why: never
  stated, stated with no result (pending, not done, left blank), or stated with a result this tool
  could not read (:mod:`her2_interpret.presence`). A setting that changed the answer is named. It is
  built from the sentence templates of :mod:`her2_interpret.locales` (``language="en"`` or ``"es"``),
  in short sentences aimed at reading grade 8 or below. It never gives advice or a prognosis for the
  person and always ends with :data:`CARE_TEAM`.
- ``clinical``, for a clinician or auditor (English): one line per
  :class:`~her2_interpret.models.Decision` with its rule id, guideline version, thresholds and quoted
  evidence ``[start:end] "text"``, the rules used, each marker's presence, then every warning. It
  quotes report text only through evidence spans.

>>> from her2_interpret.models import Classification, Her2Result, Her2Status, Her2Category
>>> c = Classification(her2=Her2Result(status=Her2Status.PENDING, category=Her2Category.PENDING))
>>> text = explain(Findings(), c).plain
>>> "HER2 result is pending" in text, text.endswith(CARE_TEAM)
(True, True)
>>> explain(Findings(), c, language="es").plain.splitlines()[-1]
'Pregunte a su equipo médico qué significan estos resultados para usted.'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .locales import DEFAULT_LANGUAGE, LANGUAGES, check_language, templates
from .models import (
    Classification,
    Decision,
    Explanation,
    Findings,
    Her2Category,
    Her2Status,
    HrStatus,
    IshResult,
    Ki67Level,
    Marker,
    ReceptorResult,
    ReceptorStatus,
    Subtype,
)
from .presence import MARKERS, Presence, presence
from .review import Severity
from .rules.options import Options

__all__ = [
    "CARE_TEAM",
    "HER2_CATEGORY_TEXT",
    "HR_STATUS_TEXT",
    "ISH_RESULT_TEXT",
    "KI67_LEVEL_TEXT",
    "LANGUAGES",
    "NOTHING_FOUND",
    "RECEPTOR_STATUS_TEXT",
    "RULE_TEXT",
    "SUBTYPE_TEXT",
    "explain",
    "explain_clinical",
    "explain_plain",
]

# --------------------------------------------------------------------------- plain-language data
#
# The sentences live in her2_interpret/locales/<language>.py, one dict per language with the same keys
# (data, not logic). The names below are the English templates by enum value, kept for callers and
# tests that index them by value. Placeholders:
#   {name}        ER, PR, HER2 or Ki-67;
#   {low_upper}   upper bound of the ER/PR-low band (option er_low_upper, default 10);
#   {cutoff}      Ki-67 high cut-off (option ki67_high_cutoff, default 20);
#   {asco} {ihc} {ish} {tdxd} ...  glossary terms (term.* keys): explained the first time they appear.

_EN = templates("en")

#: The last sentence of every plain text.
CARE_TEAM = _EN["care_team"]

#: The whole plain text body when the report gave no result at all.
NOTHING_FOUND = _EN["nothing_found"]

#: Glossary terms: explained at first use, short after.
_TERMS: tuple[str, ...] = ("asco", "ihc", "ish", "tdxd", "allred", "hscore", "dcis")


def _by_value(prefix: str, values: Iterable[object], none: bool = True) -> dict[Any, str]:
    out: dict[Any, str] = {v: _EN[f"{prefix}.{v}"] for v in values}
    if none:
        out[None] = _EN[f"{prefix}.none"]
    return out


#: ER and PR, by status (None: mentioned, but no status could be read with confidence).
RECEPTOR_STATUS_TEXT: dict[ReceptorStatus | None, str] = _by_value("receptor.status", ReceptorStatus)
#: Overall hormone receptor status.
HR_STATUS_TEXT: dict[HrStatus | None, str] = _by_value("hr.status", HrStatus)
#: HER2 ISH result.
ISH_RESULT_TEXT: dict[IshResult, str] = _by_value("ish.result", IshResult, none=False)
#: HER2 overall result, by category (the low/ultralow/null groups say where they come from).
HER2_CATEGORY_TEXT: dict[Her2Category | None, str] = _by_value("her2.category", Her2Category)
#: Ki-67 level against the St Gallen cut-off.
KI67_LEVEL_TEXT: dict[Ki67Level | None, str] = {**_by_value("ki67.level", Ki67Level, none=False), None: ""}
#: St Gallen 2013 surrogate subtype (None: some results it needs are missing or not final).
SUBTYPE_TEXT: dict[Subtype | None, str] = _by_value("subtype", Subtype)

#: Clinical gloss of every rule id of guidelines.md (and the ISH groups it numbers), for the clinical text.
RULE_TEXT: dict[str, str] = {
    "her2.ihc.*": "HER2 IHC scores 0-3+ by staining completeness, intensity and extent (>10% vs <=10%)",
    "her2.ihc.stated": "a stated IHC score is taken as stated; '0-1+' is negative without a single score",
    "her2.ihc.derived": "IHC score derived from a staining description only when none is stated",
    "her2.ihc.subzero": "IHC 0 by membrane staining: faint in >0-10% ultralow, none null, not stated zero",
    "her2.ish.group1-5": "ASCO/CAP 2018 dual-probe groups by HER2/CEP17 ratio (2.0) and copies (4.0, 6.0)",
    "her2.ish.group1": "ISH group 1: ratio >=2.0 and >=4.0 copies: positive (amplified)",
    "her2.ish.group2": "ISH group 2: ratio >=2.0 and <4.0 copies: decided with concurrent IHC",
    "her2.ish.group3": "ISH group 3: ratio <2.0 and >=6.0 copies: decided with concurrent IHC",
    "her2.ish.group4": "ISH group 4: ratio <2.0 and 4.0-<6.0 copies: decided with concurrent IHC",
    "her2.ish.group5": "ISH group 5: ratio <2.0 and <4.0 copies: negative (not amplified)",
    "her2.ish.groups234": "groups 2-4 with IHC: 3+ positive, 0/1+ negative, 2+ by the confirmed recount "
    "(group 2 negative, 3 positive, 4 negative); without IHC equivocal",
    "her2.ish.stated": "a stated ISH result is taken as stated; against its own numbers it is kept with a warning",
    "her2.ish.single": "single-probe ISH: >=6.0 copies positive, <4.0 negative, 4.0-<6.0 by IHC or equivocal",
    "her2.ish.numbers": "ISH numbers only from their labels; the ratio computed from HER2 and CEP17 means",
    "her2.final": "final HER2 status and category from IHC and ISH (section 3); a stated final status is kept",
    "er.status": "ER >=1% positive, 1-er_low_upper% low positive, <1% negative (ASCO/CAP 2020)",
    "pr.status": "PR at the same 1% threshold; 1-10% low positive by this library's convention",
    "receptor.range": "a range decides when it falls on one side of every cut-off; else the fitting word, else null",
    "receptor.words": "status words without numbers; focal/rare-cell positivity kept with a warning",
    "receptor.contradiction": "a word against its number: the number wins by ASCO/CAP, or null for old cut-offs",
    "receptor.allred": "Allred PS decides; a total of 0-2 negative, 6-8 positive, 3-5 needs a word or percent",
    "receptor.hscore": "an H-score alone gives no status",
    "receptor.intensity": "staining intensity words mapped to weak/moderate/strong and their ranges",
    "receptor.dcis": "a DCIS-only result is not the invasive carcinoma's; used only when no invasive is reported",
    "receptor.evidence": "one statement's evidence points both ways: left null",
    "hr.status": "HR positive if ER or PR >=1%; negative only if both negative",
    "ki67": "Ki-67 high at >= ki67_high_cutoff; a range across it indeterminate; IKWG 2021 bands apart",
    "subtype": "St Gallen surrogate subtype from HER2 status, HR status, PR percent and Ki-67",
    "subtype.erlow": "ER-low + PR negative/low + HER2 negative is not triple-negative (option er_low_groups_with_tnbc)",
    "report.*": "several results: the one that stands by the rules of section 7",
    "report.addendum": "an addendum or amendment supersedes an earlier pending or value",
    "report.specimens": "results per specimen; the latest, the positive of one date, or the largest tumour",
    "report.history": "prior, outside or history results fill the record only without a current one",
    "report.not_results": "controls, legends, scoring keys, templates, methods and 'will be performed' are no results",
    "report.organ": "gastric or gastro-oesophageal HER2 is not classified by the breast rules",
    "explain.*": "plain and clinical explanations (section 8)",
}

# --------------------------------------------------------------------------- helpers


class _Text:
    """The templates of one language, with the glossary state of one text: a term is explained
    the first time it is used, and short after."""

    def __init__(self, language: str) -> None:
        self.t = templates(language)
        self._used: set[str] = set()

    def __getitem__(self, key: str) -> str:
        return self.t[key]

    def fill(self, key: str, **values: object) -> str:
        return self.fill_template(self.t[key], **values)

    def fill_template(self, template: str, **values: object) -> str:
        terms: dict[str, str] = {}
        for key in _TERMS:
            if "{" + key + "}" in template:
                terms[key] = self.t[f"term.{key}.later" if key in self._used else f"term.{key}.first"]
                self._used.add(key)
        # A term may itself hold a placeholder (e.g. {name}), so fill in two passes.
        return template.format(**terms, **{k: "{" + k + "}" for k in values}).format(**values)

    def join(self, items: list[str]) -> str:
        """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c' (the language's 'and')."""
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + self.t["list.and"] + items[-1]


def _number(value: float) -> str:
    """95.0 -> '95', 2.25 -> '2.25'."""
    return f"{value:g}" if float(value).is_integer() else f"{value}"


def _percent_text(
    percent: float | None, percent_range: tuple[float, float] | None, range_template: str = "{low} to {high}%"
) -> str | None:
    if percent is not None:
        return f"{_number(percent)}%"
    if percent_range is not None:
        low, high = percent_range
        return range_template.format(low=_number(low), high=_number(high))
    return None


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


#: The category to use when only the HER2 status is known.
_HER2_STATUS_AS_CATEGORY: dict[Her2Status, Her2Category] = {
    Her2Status.POSITIVE: Her2Category.POSITIVE,
    Her2Status.NEGATIVE: Her2Category.NEGATIVE,
    Her2Status.EQUIVOCAL: Her2Category.EQUIVOCAL,
    Her2Status.PENDING: Her2Category.PENDING,
}

_NAMES: dict[Marker, str] = {Marker.ER: "ER", Marker.PR: "PR", Marker.HER2: "HER2", Marker.KI67: "Ki-67"}

#: The defaults of the options, to name an option only when it changed the answer.
_DEFAULT_OPTIONS: dict[str, float | bool] = Options().values()


# --------------------------------------------------------------------------- plain text


def _receptor_block(result: ReceptorResult, name: str, c: Classification, x: _Text, state: Presence) -> str:
    if state is Presence.NOT_DONE:
        return x.fill("marker.not_done", name=name)
    low_upper = _number(_option(c, "er_low_upper", 10))
    status = "none" if result.status is None else result.status.value
    parts = [x.fill(f"receptor.status.{status}", name=name, low_upper=low_upper)]
    pct = _percent_text(result.percent, result.percent_range, x["percent.range"])
    if pct is not None:
        parts.append(x.fill("receptor.percent", pct=pct, name=name))
    if result.intensity is not None:
        parts.append(x.fill("receptor.intensity", intensity=x[f"intensity.{result.intensity.value}"]))
    if result.allred is not None:
        parts.append(x.fill("receptor.allred", score=result.allred, name=name))
    if result.h_score is not None:
        parts.append(x.fill("receptor.hscore", score=result.h_score, name=name))
    if result.status is ReceptorStatus.LOW_POSITIVE:
        parts.append(x.fill(f"receptor.low.{result.marker.value}", low_upper=low_upper))
    if result.dcis:
        parts.append(x.fill("dcis"))
    if result.historical:
        parts.append(x.fill("historical", name=name))
    return _sentences(*parts)


def _hormone_paragraph(findings: Findings, c: Classification, x: _Text, states: dict[Marker, Presence]) -> str | None:
    er_here = _receptor_present(findings, c.er)
    pr_here = _receptor_present(findings, c.pr)
    if not (er_here or pr_here or findings.of("hr") or c.hr_status is not None):
        return None
    parts = [x["hr.intro"], x.fill("hr.test")]
    if er_here:
        parts.append(_receptor_block(c.er, "ER", c, x, states[Marker.ER]))
    if pr_here:
        parts.append(_receptor_block(c.pr, "PR", c, x, states[Marker.PR]))
    parts.append(x[f"hr.status.{c.hr_status.value if c.hr_status else 'none'}"])
    return _sentences(*parts)


_HER2_NEGATIVE_ONLY = (Her2Category.ZERO_NULL, Her2Category.ZERO, Her2Category.NEGATIVE)


def _her2_paragraph(findings: Findings, c: Classification, x: _Text, state: Presence) -> str | None:
    gastric = findings.organ == "gastric"
    if not (_her2_present(findings, c) or gastric):
        return None
    h = c.her2
    parts = [x["her2.intro"]]
    if gastric and h.status is None and h.category is None:
        parts.append(x["her2.gastric"])
        return _sentences(*parts)
    if state is Presence.NOT_DONE:
        parts.append(x.fill("marker.not_done", name="HER2"))
        return _sentences(*parts)
    if h.ihc_score is not None:
        parts.append(x.fill("her2.ihc.intro"))
        parts.append(x.fill("her2.ihc.score", score=h.ihc_score.value))
    if h.ish_result is not None:
        parts.append(x.fill("her2.ish.intro"))
        parts.append(x.fill(f"ish.result.{h.ish_result.value}"))
    category = _her2_category(c)
    parts.append(x.fill(f"her2.category.{category.value if category else 'none'}"))
    if category in _HER2_NEGATIVE_ONLY:
        parts.append(x["her2.negative.medicines"])
    if h.historical:
        parts.append(x.fill("historical", name="HER2"))
    if gastric:
        parts.append(x["her2.gastric"])
    return _sentences(*parts)


def _ki67_paragraph(findings: Findings, c: Classification, x: _Text) -> str | None:
    if not _ki67_present(findings, c):
        return None
    k = c.ki67
    parts = [x["ki67.intro"]]
    pct = _percent_text(k.percent, k.percent_range, x["percent.range"])
    cutoff = _number(_option(c, "ki67_high_cutoff", 20))
    if pct is not None:
        parts.append(x.fill("ki67.value", pct=pct))
        if k.level is not None:
            parts.append(x.fill(f"ki67.level.{k.level.value}", cutoff=cutoff))
    elif _ki67_pending(findings, c):
        parts.append(x["ki67.pending"])
    elif k.level is not None:
        parts.append(x.fill("ki67.level_only", level=x[f"ki67.word.{k.level.value}"]))
    else:
        parts.append(x["ki67.unread"])
    return _sentences(*parts)


_POSITIVE_SIDE = (ReceptorStatus.POSITIVE, ReceptorStatus.LOW_POSITIVE)


def _subtype_none_key(c: Classification) -> str:
    """Why the subtype is empty: a setting of this tool, no final HER2, or no clear HR status."""
    requires_pr = bool(c.options.get("triple_positive_requires_pr", False))
    if (
        requires_pr
        and c.her2.status is Her2Status.POSITIVE
        and c.hr_status is HrStatus.POSITIVE
        and not (c.er.status in _POSITIVE_SIDE and c.pr.status in _POSITIVE_SIDE)
    ):
        return "subtype.none.option"
    if c.her2.status not in (Her2Status.POSITIVE, Her2Status.NEGATIVE):
        return "subtype.none.her2"
    if c.hr_status is None:
        return "subtype.none.hr"
    return "subtype.none"


def _subtype_paragraph(c: Classification, x: _Text) -> str:
    parts = [x["subtype.intro"]]
    if c.subtype is None:
        parts.append(x[_subtype_none_key(c)])
    else:
        either = "both" if c.options.get("triple_positive_requires_pr", False) else "either"
        parts.append(x.fill(f"subtype.{c.subtype.value}", tp_rule=x[f"subtype.tp_rule.{either}"]))
    category = _her2_category(c)
    if c.subtype is Subtype.TRIPLE_NEGATIVE and category in (Her2Category.LOW, Her2Category.ULTRALOW):
        parts.append(x["subtype.tn_her2_low"])
    er_low = c.er.status is ReceptorStatus.LOW_POSITIVE
    pr_low_or_neg = c.pr.status in (ReceptorStatus.NEGATIVE, ReceptorStatus.LOW_POSITIVE)
    if er_low and pr_low_or_neg and c.her2.status is Her2Status.NEGATIVE:
        parts.append(x["subtype.erlow_as_tn" if c.subtype is Subtype.TRIPLE_NEGATIVE else "subtype.erlow_not_tn"])
    return _sentences(*parts)


def _options_paragraph(c: Classification, x: _Text) -> str | None:
    """Settings of this tool that differ from the usual ones (those the text has not named already)."""
    parts = []
    for name in ("ki67_high_cutoff", "er_low_upper"):
        value, default = c.options.get(name), _DEFAULT_OPTIONS[name]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value != default:
            parts.append(x.fill(f"option.{name}", value=_number(value), default=_number(float(default))))
    if c.options.get("triple_positive_requires_pr") and _subtype_none_key(c) != "subtype.none.option":
        parts.append(x["option.triple_positive_requires_pr"])
    if c.options.get("er_low_groups_with_tnbc") and c.subtype is not Subtype.TRIPLE_NEGATIVE:
        parts.append(x["option.er_low_groups_with_tnbc"])
    return _sentences(*parts) or None


def _missing_paragraph(findings: Findings, c: Classification, x: _Text, states: dict[Marker, Presence]) -> str:
    groups: dict[str, list[str]] = {
        k: [] for k in ("absent", "pending", "not_done", "elsewhere", "blank", "unclear", "unread", "named")
    }
    for marker in MARKERS:
        name, state = _NAMES[marker], states[marker]
        if marker is Marker.HER2 and findings.organ == "gastric" and _her2_category(c) is None:
            continue  # said in the HER2 paragraph: a gastric result is not sorted by breast rules
        if state is Presence.UNREAD:
            found = marker in findings.mentioned and not _present(findings, c, marker)
            groups["named" if found else "unread"].append(name)
        elif state is not Presence.RESULT:
            groups[state.value].append(name)
        elif _unclear(c, marker):
            pending_ish = marker is Marker.HER2 and c.her2.ish_result is IshResult.PENDING
            groups["unclear"].append(x.fill("state.ish_pending", name=name) if pending_ish else name)
    parts = [x.fill(f"state.{state}", items=x.join(items)) for state, items in groups.items() if items]
    return _sentences(*parts) if parts else x["state.complete"]


def _present(findings: Findings, c: Classification, marker: Marker) -> bool:
    if marker is Marker.ER:
        return _receptor_present(findings, c.er)
    if marker is Marker.PR:
        return _receptor_present(findings, c.pr)
    if marker is Marker.HER2:
        return _her2_present(findings, c)
    return _ki67_present(findings, c)


def _unclear(c: Classification, marker: Marker) -> bool:
    """A result was read, but it is not a final call (equivocal, or a status the numbers do not settle)."""
    if marker in (Marker.ER, Marker.PR):
        return (c.er if marker is Marker.ER else c.pr).status in (None, ReceptorStatus.EQUIVOCAL)
    if marker is Marker.HER2:
        return _her2_category(c) in (None, Her2Category.EQUIVOCAL)
    k = c.ki67
    return k.percent is None and k.percent_range is None and k.level is None


def _warnings_paragraph(findings: Findings, c: Classification, x: _Text) -> str | None:
    warnings = (*findings.warnings, *c.warnings)
    if not warnings:
        return None
    codes = list(dict.fromkeys(w.code for w in warnings if w.severity is not Severity.INFO))
    flags = [x[f"warning.{code}"] for code in codes if f"warning.{code}" in x.t]
    if not flags:
        return x["warnings.note"]
    return _sentences(x["warnings.note"], *(f[0].upper() + f[1:] for f in dict.fromkeys(flags)))


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


def explain_plain(findings: Findings, classification: Classification, language: str = DEFAULT_LANGUAGE) -> str:
    """The plain-language text for a patient (paragraphs separated by a blank line).

    ``language`` is one of :data:`~her2_interpret.locales.LANGUAGES`; another raises :class:`ValueError`.
    """
    c = classification
    x = _Text(check_language(language))
    states = presence(findings, c)
    if not _has_any_result(findings, c):
        paragraphs = [x["nothing_found"]]
        if any(s is not Presence.ABSENT for s in states.values()):
            paragraphs.append(_missing_paragraph(findings, c, x, states))
        paragraphs += [p for p in (_warnings_paragraph(findings, c, x),) if p]
        return "\n\n".join([*paragraphs, x["care_team"]])
    hormone = _hormone_paragraph(findings, c, x, states)
    her2 = _her2_paragraph(findings, c, x, states[Marker.HER2])
    ki67 = _ki67_paragraph(findings, c, x)
    tested = [
        x[label]
        for label, paragraph in (("label.hormone_receptors", hormone), ("label.her2", her2), ("label.ki67", ki67))
        if paragraph
    ]
    paragraphs: list[str] = []
    if tested:
        paragraphs.append(x.fill("opening", items=x.join(tested)))
    paragraphs += [p for p in (hormone, her2, ki67) if p]
    breast = hormone or (her2 and findings.organ != "gastric")  # breast subtypes only
    if breast:
        paragraphs.append(_subtype_paragraph(c, x))
    paragraphs += [p for p in (_options_paragraph(c, x),) if p]
    paragraphs.append(_missing_paragraph(findings, c, x, states))
    if breast and (c.hr_status is not None or c.her2.status in (Her2Status.POSITIVE, Her2Status.NEGATIVE)):
        paragraphs.append(x["stage"])
    paragraphs += [p for p in (_warnings_paragraph(findings, c, x),) if p]
    paragraphs.append(x["care_team"])
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
    rules = _unique(d.rule for d in c.decisions)
    if rules:
        lines.append("Rules:")
        lines += [f"- {r}: {RULE_TEXT.get(r, 'no description')}" for r in rules]
    states = presence(findings, c)
    lines.append("Presence: " + "; ".join(f"{_NAMES[m]} {states[m].value}" for m in MARKERS)
                 + " (absent: not named; unread: named, result not read; see presence.py)")
    warnings = _unique(str(w) for w in (*findings.warnings, *c.warnings))
    lines.append("Warnings:" if warnings else "Warnings: none")
    lines += [f"- {w}" for w in warnings]
    return "\n".join(lines)


def _mapping(values: Mapping[str, object]) -> str:
    return ", ".join(f"{k}={_value(v)}" for k, v in values.items())


# --------------------------------------------------------------------------- entry point


def explain(findings: Findings, classification: Classification, language: str = DEFAULT_LANGUAGE) -> Explanation:
    """Both texts of guidelines.md section 8 for one classification; ``language`` sets the plain
    text's language (the clinical text is English: rule ids, guideline names and evidence)."""
    return Explanation(
        plain=explain_plain(findings, classification, language),
        clinical=explain_clinical(findings, classification),
    )
