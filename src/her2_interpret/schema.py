"""The flat record as a typed model (:class:`Record`), its column kinds, and its JSON Schema.

:func:`~her2_interpret.record.build_record` stays the source of the record's values; this module
describes them: :class:`Record` validates a record (``Record.model_validate(result.to_record())``),
:func:`record_schema` is its JSON Schema (shipped as ``record.schema.json`` beside this module and
printed by ``her2-interpret schema``), and the column tables below (which columns are numbers,
ranges, enumerations and in which clinical order) drive the DataFrame, Parquet and label checks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .record import ADDED_COLUMNS, ALL_COLUMNS, EXTRA_COLUMNS, RECORD_COLUMNS

#: The shipped JSON Schema of the record (``her2-interpret schema`` prints it).
SCHEMA_FILE = Path(__file__).with_name("record.schema.json")

#: Every enumerated column with its values in clinical order: the result scale from the lowest to
#: the highest first, then the states that are not a result on it (equivocal, pending). The
#: DataFrame's ordered categoricals use this order, so ``frame.er_status >= "low_positive"`` means
#: "low positive or positive" (and, by the order, equivocal or pending: filter those first).
ENUM_ORDER: dict[str, tuple[str, ...]] = {
    "er_status": ("negative", "low_positive", "positive", "equivocal", "pending"),
    "er_intensity": ("weak", "weak_to_moderate", "moderate", "weak_to_strong", "moderate_to_strong", "strong"),
    "pr_status": ("negative", "low_positive", "positive", "equivocal", "pending"),
    "pr_intensity": ("weak", "weak_to_moderate", "moderate", "weak_to_strong", "moderate_to_strong", "strong"),
    "her2_ihc_score": ("0", "1+", "2+", "3+"),
    "her2_ihc_staining": ("none", "faint"),
    "her2_ish_result": ("not_amplified", "equivocal", "amplified", "pending"),
    "her2_status": ("negative", "equivocal", "positive", "pending"),
    # HER2-negative categories from no staining up, then the ones that are not negative
    "her2_category": ("zero_null", "zero", "ultralow", "low", "negative", "equivocal", "positive", "pending"),
    "hr_status": ("negative", "positive"),
    # St Gallen 2013 order: HR-positive HER2-negative, HER2-positive, then triple-negative
    "subtype": (
        "luminal_a_like", "luminal_b_like", "hr_positive_her2_negative",
        "triple_positive", "her2_enriched", "triple_negative",
    ),
    "ki67_level": ("low", "high"),
    "ki67_ikwg_band": ("low", "intermediate", "high"),
}

#: Columns holding a float (percents 0-100, ISH numbers).
FLOAT_COLUMNS: tuple[str, ...] = (
    "er_percent", "pr_percent", "her2_ish_ratio", "her2_ish_copy_number", "her2_ish_cep17", "ki67_percent",
)
#: Columns holding an int.
INT_COLUMNS: tuple[str, ...] = ("er_allred", "er_h_score", "pr_allred", "pr_h_score", "her2_ish_group")
#: Columns holding a ``[low, high]`` percent pair.
RANGE_COLUMNS: tuple[str, ...] = ("er_percent_range", "pr_percent_range", "ki67_percent_range")
#: Columns holding a bool.
BOOL_COLUMNS: tuple[str, ...] = ("needs_review",)
#: Columns holding a list of strings.
LIST_COLUMNS: tuple[str, ...] = ("review_reasons", "warnings")
#: Columns holding a mapping of strings.
MAPPING_COLUMNS: tuple[str, ...] = ("guideline_versions",)

#: Status columns: the ones a positive/negative flip is counted on, with kappa and a confusion table.
STATUS_COLUMNS: tuple[str, ...] = ("er_status", "pr_status", "her2_status", "hr_status")


def column_kind(column: str) -> str:
    """``enum``, ``float``, ``int``, ``range``, ``bool``, ``list`` or ``mapping``; KeyError if unknown."""
    for kind, columns in (
        ("enum", ENUM_ORDER), ("float", FLOAT_COLUMNS), ("int", INT_COLUMNS), ("range", RANGE_COLUMNS),
        ("bool", BOOL_COLUMNS), ("list", LIST_COLUMNS), ("mapping", MAPPING_COLUMNS),
    ):
        if column in columns:
            return kind
    raise KeyError(column)


Percent = Annotated[float, Field(ge=0, le=100)]
PercentRange = Optional[tuple[Percent, Percent]]
Allred = Optional[Annotated[int, Field(ge=0, le=8, description="0 or 2-8 (1 cannot be a total)")]]
HScore = Optional[Annotated[int, Field(ge=0, le=300)]]
Ratio = Optional[Annotated[float, Field(ge=0)]]

_Status = Optional[Literal[ENUM_ORDER["er_status"]]]  # type: ignore[valid-type]
_Intensity = Optional[Literal[ENUM_ORDER["er_intensity"]]]  # type: ignore[valid-type]


def _enum(column: str) -> Any:
    return Optional[Literal[ENUM_ORDER[column]]]  # type: ignore[valid-type]


class Record(BaseModel):
    """One flat record (record.md), typed: ``Record.model_validate(result.to_record())``.

    Field order is the column order. ``None`` means not stated or not readable with confidence.

    >>> from her2_interpret import interpret
    >>> Record.of(interpret("ER: Positive (95%)\\nHER2 (4B5): 3+")).her2_status
    'positive'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", title="her2_interpret record", defer_build=True)

    er_status: _Status = Field(None, description="ASCO/CAP 2020: >10% positive, 1-10% low_positive, <1% negative")
    er_percent: Optional[Percent] = Field(None, description="percent of tumour nuclei staining, one number stated")
    er_percent_range: PercentRange = Field(None, description="[low, high] as stated ('<1%' is [0, 1])")
    er_intensity: _Intensity = Field(None, description="staining intensity as stated")
    er_allred: Allred = Field(None, description="Allred total score as stated")
    er_h_score: HScore = Field(None, description="H-score as stated")
    pr_status: _Status = Field(None, description="as er_status")
    pr_percent: Optional[Percent] = Field(None, description="as er_percent")
    pr_percent_range: PercentRange = Field(None, description="as er_percent_range")
    pr_intensity: _Intensity = Field(None, description="as er_intensity")
    pr_allred: Allred = Field(None, description="as er_allred")
    pr_h_score: HScore = Field(None, description="as er_h_score")
    her2_ihc_score: _enum("her2_ihc_score") = Field(None, description="HER2 IHC score as stated")
    her2_ihc_staining: _enum("her2_ihc_staining") = Field(
        None, description="IHC 0 only: none (HER2-null) or faint (HER2-ultralow)"
    )
    her2_ish_ratio: Ratio = Field(None, description="dual-probe HER2/CEP17 ratio")
    her2_ish_copy_number: Ratio = Field(None, description="average HER2 signals per cell")
    her2_ish_cep17: Ratio = Field(None, description="average CEP17 signals per cell")
    her2_ish_result: _enum("her2_ish_result") = Field(None, description="ISH result as stated or from the numbers")
    her2_ish_group: Optional[Annotated[int, Field(ge=1, le=5)]] = Field(
        None, description="ASCO/CAP 2018 dual-probe group"
    )
    her2_status: _enum("her2_status") = Field(None, description="overall HER2 result (guidelines.md section 3)")
    her2_category: _enum("her2_category") = Field(None, description="therapy-relevant HER2 category")
    ki67_percent: Optional[Percent] = Field(None, description="Ki-67 index, one number stated")
    ki67_percent_range: PercentRange = Field(None, description="Ki-67 range as stated")
    hr_status: _enum("hr_status") = Field(None, description="positive if ER or PR is (low) positive")
    subtype: _enum("subtype") = Field(None, description="St Gallen 2013 surrogate subtype")
    ki67_level: _enum("ki67_level") = Field(None, description="Ki-67 against ki67_high_cutoff")
    ki67_ikwg_band: _enum("ki67_ikwg_band") = Field(None, description="IKWG 2021: <=5% low, >=30% high")
    needs_review: bool = Field(False, description="a person should read the report before accepting the record")
    review_reasons: list[str] = Field(default_factory=list, description="warning codes that set needs_review")
    warnings: list[str] = Field(default_factory=list, description="warning messages (never quote report text)")
    guideline_versions: dict[str, str] = Field(default_factory=dict, description="guideline version id per area")

    @classmethod
    def of(cls, interpretation: Any) -> Record:
        """The typed record of an :class:`~her2_interpret.Interpretation`."""
        return cls.model_validate(interpretation.to_record())


def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record, generated from :class:`Record`."""
    schema = Record.model_json_schema()
    schema["description"] = (
        "One flat record of her2_interpret (shared/spec/record.md): ER, PR, HER2 and Ki-67 results of one "
        "breast pathology report. null means not stated or not readable with confidence. Every column is "
        "always present."
    )
    schema["required"] = list(ALL_COLUMNS)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped in the package (:data:`SCHEMA_FILE`)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


assert tuple(Record.model_fields) == ALL_COLUMNS, "Record fields must follow record.py's columns"
assert set(ENUM_ORDER) | set(FLOAT_COLUMNS) | set(INT_COLUMNS) | set(RANGE_COLUMNS) | set(BOOL_COLUMNS) | set(
    LIST_COLUMNS
) | set(MAPPING_COLUMNS) == set(ALL_COLUMNS)
__all__ = [
    "ADDED_COLUMNS", "ALL_COLUMNS", "BOOL_COLUMNS", "ENUM_ORDER", "EXTRA_COLUMNS", "FLOAT_COLUMNS", "INT_COLUMNS",
    "LIST_COLUMNS", "MAPPING_COLUMNS", "RANGE_COLUMNS", "RECORD_COLUMNS", "Record", "SCHEMA_FILE", "STATUS_COLUMNS",
    "column_kind", "record_schema", "shipped_schema",
]
