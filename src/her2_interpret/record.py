"""The flat record of ``shared/spec/record.md``: the stable, documented summary of a report."""

from __future__ import annotations

import math
from enum import Enum
from typing import TYPE_CHECKING, Any

from .models import (
    Flag,
    Her2Category,
    Her2Staining,
    Her2Status,
    HrStatus,
    IhcScore,
    Intensity,
    IshResult,
    Ki67Level,
    ReceptorStatus,
    Subtype,
)

if TYPE_CHECKING:
    from .models import InterpretationData

#: The columns of record.md, in its order. Never renamed; extra columns are only appended.
RECORD_COLUMNS: tuple[str, ...] = (
    "er_status",
    "er_percent",
    "er_percent_range",
    "er_intensity",
    "er_allred",
    "er_h_score",
    "pr_status",
    "pr_percent",
    "pr_percent_range",
    "pr_intensity",
    "pr_allred",
    "pr_h_score",
    "her2_ihc_score",
    "her2_ihc_staining",
    "her2_ish_ratio",
    "her2_ish_copy_number",
    "her2_ish_cep17",
    "her2_ish_result",
    "her2_ish_group",
    "her2_status",
    "her2_category",
    "ki67_percent",
    "ki67_percent_range",
    "hr_status",
    "subtype",
)

#: The columns record.md added later ("Added columns"), after :data:`RECORD_COLUMNS`, in its order.
ADDED_COLUMNS: tuple[str, ...] = ("ki67_level", "ki67_ikwg_band", "needs_review", "review_reasons")

#: Columns this library adds after the record.md columns.
EXTRA_COLUMNS: tuple[str, ...] = ("warnings", "guideline_versions")

#: Every column of :func:`build_record`, in order.
ALL_COLUMNS: tuple[str, ...] = (*RECORD_COLUMNS, *ADDED_COLUMNS, *EXTRA_COLUMNS)

#: The review reason given when a value was read through an OCR/typo correction (record.md).
FUZZY_REASON = "parse.fuzzy"


def _plain(value: Any) -> Any:
    """Enums to their string value, tuples to lists, floats that are whole stay floats."""
    if value is None:
        return None
    if isinstance(value, str):  # StrEnum included
        return str(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def build_record(interpretation: InterpretationData) -> dict[str, Any]:
    """Flatten an interpretation into the record.md columns plus :data:`EXTRA_COLUMNS`."""
    c = interpretation.classification
    er, pr, her2, ki67 = c.er, c.pr, c.her2, c.ki67
    values: dict[str, Any] = {
        "er_status": er.status,
        "er_percent": er.percent,
        "er_percent_range": er.percent_range,
        "er_intensity": er.intensity,
        "er_allred": er.allred,
        "er_h_score": er.h_score,
        "pr_status": pr.status,
        "pr_percent": pr.percent,
        "pr_percent_range": pr.percent_range,
        "pr_intensity": pr.intensity,
        "pr_allred": pr.allred,
        "pr_h_score": pr.h_score,
        "her2_ihc_score": her2.ihc_score,
        "her2_ihc_staining": her2.ihc_staining,
        "her2_ish_ratio": her2.ish_ratio,
        "her2_ish_copy_number": her2.ish_copy_number,
        "her2_ish_cep17": her2.ish_cep17,
        "her2_ish_result": her2.ish_result,
        "her2_ish_group": her2.ish_group,
        "her2_status": her2.status,
        "her2_category": her2.category,
        "ki67_percent": ki67.percent,
        "ki67_percent_range": ki67.percent_range,
        "hr_status": c.hr_status,
        "subtype": c.subtype,
    }
    record = {name: _plain(values[name]) for name in RECORD_COLUMNS}
    record["ki67_level"] = ki67.level.value if ki67.level in (Ki67Level.LOW, Ki67Level.HIGH) else None
    record["ki67_ikwg_band"] = _plain(ki67.ikwg_band)
    reasons = review_reasons(interpretation)
    record["needs_review"] = bool(reasons)
    record["review_reasons"] = reasons
    record["warnings"] = [w.message for w in interpretation.warnings]
    record["guideline_versions"] = dict(c.guideline_versions)
    return record


def review_reasons(interpretation: InterpretationData) -> list[str]:
    """The codes that send this record to a person (record.md ``review_reasons``), in order: every
    warning of severity review or conflict, and ``parse.fuzzy`` when a value was read through an
    OCR/typo correction. Empty means the record may be accepted without reading the report."""
    reasons: list[str] = []
    for w in interpretation.warnings:
        if w.needs_review and w.code not in reasons:
            reasons.append(w.code)
    if any(Flag.FUZZY in f.flags for f in interpretation.findings.findings) and FUZZY_REASON not in reasons:
        reasons.append(FUZZY_REASON)
    return reasons


# --------------------------------------------------------------------------- checking a record


def _ish_group(ratio: float, copies: float) -> int:
    from .rules.her2 import ish_group

    return ish_group(ratio, copies)


def _values(enum: type[Enum]) -> frozenset[str]:
    return frozenset(str(member.value) for member in enum)  # type: ignore[attr-defined]


#: The enumerated columns of record.md and their allowed values (from the model enums).
ALLOWED_VALUES: dict[str, frozenset[str]] = {
    "er_status": _values(ReceptorStatus),
    "pr_status": _values(ReceptorStatus),
    "er_intensity": _values(Intensity),
    "pr_intensity": _values(Intensity),
    "her2_ihc_score": _values(IhcScore),
    "her2_ihc_staining": _values(Her2Staining),
    "her2_ish_result": _values(IshResult),
    "her2_status": _values(Her2Status),
    "her2_category": _values(Her2Category),
    "hr_status": _values(HrStatus),
    "subtype": _values(Subtype),
}
_NEGATIVE_CATEGORIES = {"low", "ultralow", "zero_null", "zero", "negative"}
_HER2_NEGATIVE_SUBTYPES = {"luminal_a_like", "luminal_b_like", "hr_positive_her2_negative", "triple_negative"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def record_problems(record: dict[str, Any]) -> list[str]:
    """Everything in ``record`` that record.md does not allow (empty when the record is valid).

    Used by the tests, the fuzz script and callers who load records from elsewhere.

    >>> record_problems({c: None for c in RECORD_COLUMNS})
    []
    >>> record_problems({**{c: None for c in RECORD_COLUMNS}, "her2_category": "low"})
    ["her2_category='low' with her2_status=None", "her2_category='low' without a her2_status"]
    """
    problems = [f"missing column {c}" for c in RECORD_COLUMNS if c not in record]
    if problems:
        return problems
    for column, allowed in ALLOWED_VALUES.items():
        value = record[column]
        if value is not None and (type(value) is not str or value not in allowed):
            problems.append(f"{column}={value!r} is not one of {sorted(allowed)}")
    for marker in ("er", "pr", "ki67"):
        percent, span = record[f"{marker}_percent"], record[f"{marker}_percent_range"]
        if percent is not None and not (_is_number(percent) and 0 <= percent <= 100):
            problems.append(f"{marker}_percent={percent!r} is not a number 0-100")
        if span is not None and not (
            isinstance(span, list) and len(span) == 2 and all(_is_number(x) for x in span)
            and 0 <= span[0] <= span[1] <= 100
        ):
            problems.append(f"{marker}_percent_range={span!r} is not [low, high] with 0 <= low <= high <= 100")
        if percent is not None and span is not None:
            problems.append(f"{marker}_percent and {marker}_percent_range are both set")
    for marker in ("er", "pr"):
        allred, h_score = record[f"{marker}_allred"], record[f"{marker}_h_score"]
        if allred is not None and not (type(allred) is int and (allred == 0 or 2 <= allred <= 8)):
            problems.append(f"{marker}_allred={allred!r} is not 0 or 2-8")
        if h_score is not None and not (type(h_score) is int and 0 <= h_score <= 300):
            problems.append(f"{marker}_h_score={h_score!r} is not 0-300")
    for column in ("her2_ish_ratio", "her2_ish_copy_number", "her2_ish_cep17"):
        value = record[column]
        if value is not None and not (_is_number(value) and value >= 0):
            problems.append(f"{column}={value!r} is not a number >= 0")
    group, ratio, copies = record["her2_ish_group"], record["her2_ish_ratio"], record["her2_ish_copy_number"]
    if group is not None:
        if not (type(group) is int and 1 <= group <= 5):
            problems.append(f"her2_ish_group={group!r} is not 1-5")
        elif ratio is None or copies is None:
            problems.append("her2_ish_group is set without both the ratio and the copy number")
        elif group != _ish_group(ratio, copies):
            problems.append(f"her2_ish_group={group} but ratio {ratio} and copy number {copies} give {_ish_group(ratio, copies)}")
    status, category = record["her2_status"], record["her2_category"]
    if category in _NEGATIVE_CATEGORIES and status != "negative":
        problems.append(f"her2_category={category!r} with her2_status={status!r}")
    if status == "negative" and category not in _NEGATIVE_CATEGORIES:
        problems.append(f"her2_status negative with her2_category={category!r}")
    if status in ("positive", "equivocal", "pending") and category != status:
        problems.append(f"her2_status={status!r} with her2_category={category!r}")
    if status is None and category is not None:
        problems.append(f"her2_category={category!r} without a her2_status")
    if record["her2_ihc_staining"] is not None and record["her2_ihc_score"] not in (None, "0"):
        problems.append(f"her2_ihc_staining set with IHC {record['her2_ihc_score']} (IHC 0 only)")
    # [hr.status]
    er, pr, hr = record["er_status"], record["pr_status"], record["hr_status"]
    positive = {"positive", "low_positive"}
    # (a stated "HR+" may stand alone, with ER and PR null; it may never contradict them)
    if (er in positive or pr in positive) and hr != "positive":
        problems.append(f"hr_status={hr!r} with ER {er!r}, PR {pr!r}")
    if er == "negative" and pr == "negative" and hr != "negative":
        problems.append(f"hr_status={hr!r} with ER and PR negative")
    # [subtype]: only from a final HER2 call and an HR status
    subtype = record["subtype"]
    if subtype in _HER2_NEGATIVE_SUBTYPES and status != "negative":
        problems.append(f"subtype {subtype!r} with her2_status={status!r}")
    if subtype in ("triple_positive", "her2_enriched") and status != "positive":
        problems.append(f"subtype {subtype!r} with her2_status={status!r}")
    if subtype in ("triple_negative", "her2_enriched") and hr != "negative":
        problems.append(f"subtype {subtype!r} with hr_status={hr!r}")
    if subtype in ("luminal_a_like", "luminal_b_like", "hr_positive_her2_negative", "triple_positive") and hr != "positive":
        problems.append(f"subtype {subtype!r} with hr_status={hr!r}")
    return problems


