"""The flat record of ``shared/spec/record.md``: the stable, documented summary of a report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Interpretation

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

#: Columns this library adds after the record.md columns.
EXTRA_COLUMNS: tuple[str, ...] = ("warnings", "guideline_versions")


def _plain(value: Any) -> Any:
    """Enums to their string value, tuples to lists, floats that are whole stay floats."""
    if value is None:
        return None
    if isinstance(value, str):  # StrEnum included
        return str(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def build_record(interpretation: Interpretation) -> dict[str, Any]:
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
    record["warnings"] = list(interpretation.warnings)
    record["guideline_versions"] = dict(c.guideline_versions)
    return record
