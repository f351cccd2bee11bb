"""Typed models: enumerations, evidence, findings, classification and the data of an interpretation.

The flow is text -> findings (:func:`her2_interpret.parse`) -> classification
(:func:`her2_interpret.classify`) -> explanation, and every model here is frozen and
forbids unknown fields. Enumeration values are exactly the lower-case strings of
``shared/spec/record.md``.

Data only: this module imports nothing of the library above it (rules, record, explain, render,
api). The user-facing :class:`~her2_interpret.result.Interpretation`, which explains, records and
renders, is composed in :mod:`her2_interpret.result`.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from .review import Severity, code_of, marker_of, nulled_columns, severity_of

if sys.version_info >= (3, 11):  # pragma: no cover - depends on interpreter
    from enum import StrEnum
else:  # pragma: no cover

    class StrEnum(str, Enum):
        """Backport of :class:`enum.StrEnum` for Python 3.10."""

        def __str__(self) -> str:
            return str(self.value)


Percent = Annotated[float, Field(ge=0, le=100)]
PercentRange = tuple[Annotated[float, Field(ge=0, le=100)], Annotated[float, Field(ge=0, le=100)]]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # schemas built on first use: fast import


# --------------------------------------------------------------------------- enumerations


class Marker(StrEnum):
    ER = "er"
    PR = "pr"
    HER2 = "her2"
    KI67 = "ki67"
    HR = "hr"


class ReceptorStatus(StrEnum):
    POSITIVE = "positive"
    LOW_POSITIVE = "low_positive"
    NEGATIVE = "negative"
    PENDING = "pending"
    EQUIVOCAL = "equivocal"


class Intensity(StrEnum):
    WEAK = "weak"
    MODERATE = "moderate"
    STRONG = "strong"
    WEAK_TO_MODERATE = "weak_to_moderate"
    MODERATE_TO_STRONG = "moderate_to_strong"
    WEAK_TO_STRONG = "weak_to_strong"


class IhcScore(StrEnum):
    ZERO = "0"
    ONE = "1+"
    TWO = "2+"
    THREE = "3+"


class Her2Staining(StrEnum):
    """Membrane staining at IHC 0: ``none`` is HER2-null, ``faint`` is HER2-ultralow."""

    NONE = "none"
    FAINT = "faint"


class IshResult(StrEnum):
    AMPLIFIED = "amplified"
    NOT_AMPLIFIED = "not_amplified"
    EQUIVOCAL = "equivocal"
    PENDING = "pending"


class Probe(StrEnum):
    DUAL = "dual"
    SINGLE = "single"


class Her2Status(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    EQUIVOCAL = "equivocal"
    PENDING = "pending"


class Her2Category(StrEnum):
    POSITIVE = "positive"
    EQUIVOCAL = "equivocal"
    LOW = "low"
    ULTRALOW = "ultralow"
    ZERO_NULL = "zero_null"
    ZERO = "zero"
    NEGATIVE = "negative"
    PENDING = "pending"


class HrStatus(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Subtype(StrEnum):
    LUMINAL_A_LIKE = "luminal_a_like"
    LUMINAL_B_LIKE = "luminal_b_like"
    HR_POSITIVE_HER2_NEGATIVE = "hr_positive_her2_negative"
    TRIPLE_POSITIVE = "triple_positive"
    HER2_ENRICHED = "her2_enriched"
    TRIPLE_NEGATIVE = "triple_negative"


class Ki67Level(StrEnum):
    """St Gallen level of Ki-67 against ``ki67_high_cutoff``."""

    LOW = "low"
    HIGH = "high"
    INDETERMINATE = "indeterminate"


class IkwgBand(StrEnum):
    """International Ki67 Working Group 2021 bands: <=5% low, >=30% high, between not reliable."""

    LOW = "low"
    INTERMEDIATE = "intermediate"
    HIGH = "high"


class Flag(StrEnum):
    """Qualifiers on a finding, in the spirit of ConText."""

    NEGATED = "negated"  # the marker is stated absent ("lack nuclear expression of ER")
    HISTORICAL = "historical"  # prior / previous / outside biopsy, clinical history
    HYPOTHETICAL = "hypothetical"  # conditional wording ("if IHC is 3+")
    DERIVED = "derived"  # derived from a description, not stated ("complete intense >10%" -> 3+)
    COMPUTED = "computed"  # computed from other numbers (ratio from HER2 and CEP17 means)
    FUZZY = "fuzzy"  # read through an OCR / typing correction
    DCIS = "dcis"  # the result is on ductal carcinoma in situ, not the invasive carcinoma
    SHORTHAND = "shorthand"  # from shorthand such as "ER+/PR-/HER2-" or "triple negative"
    NOT_PERFORMED = "not_performed"  # "not performed", "cannot be determined", "not assessed"


class SectionKind(StrEnum):
    """The part of a report a finding sits in."""

    MAIN = "main"
    COMMENT = "comment"
    ADDENDUM = "addendum"
    AMENDMENT = "amendment"
    HISTORY = "history"


# --------------------------------------------------------------------------- evidence


class ReportWarning(_Frozen):
    """One warning: a stable ``code`` (the rule id of guidelines.md that raised it), the marker it
    concerns, a ``severity`` (:class:`~her2_interpret.review.Severity`: ``info``, ``review``,
    ``conflict``) and a message that never quotes report text. ``columns`` names the record columns
    the warning says it left null. ``str(w)`` is the message, and ``"[rule]" in w`` searches it.
    """

    code: str
    marker: str | None = None
    severity: Severity = Severity.REVIEW
    message: str
    columns: tuple[str, ...] = ()

    @classmethod
    def from_message(cls, message: str, severity: Severity | None = None) -> ReportWarning:
        """A warning from its message: code, marker, severity and columns read off it (review.py)."""
        code, marker = code_of(message), marker_of(message)
        return cls(code=code, marker=marker, severity=severity or severity_of(code, message), message=message,
                   columns=nulled_columns(marker, message))

    def __str__(self) -> str:
        return self.message

    def __contains__(self, fragment: str) -> bool:
        return fragment in self.message

    @property
    def needs_review(self) -> bool:
        return self.severity is not Severity.INFO


def _to_warnings(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(ReportWarning.from_message(v) if isinstance(v, str) else v for v in value)
    return value


Warnings = Annotated[tuple[ReportWarning, ...], BeforeValidator(_to_warnings)]


class Evidence(_Frozen):
    """Where a value came from: ``text == input[start:end]`` on the original input."""

    field: str = Field(description="the finding field this evidence supports, e.g. 'percent'")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    pattern: str = Field(description="stable dotted id of the pattern that matched")
    fuzzy_score: float | None = Field(
        default=None, description="rapidfuzz score when the text was read through a correction"
    )


class Context(_Frozen):
    """Where in the report a finding sits."""

    section: SectionKind = SectionKind.MAIN
    section_index: int = Field(default=0, ge=0, description="order of the section in the report")
    specimen: str | None = Field(default=None, description="specimen/part/block label, when stated")
    specimen_index: int = Field(default=0, ge=0, description="order of the specimen in the report")
    repeat: bool = Field(default=False, description="stated as a repeat / current test ('repeated on block B2')")
    date: int | None = Field(default=None, description="date stated for the result, as YYYYMMDD (or YYYY0000)")
    side: Literal["left", "right"] | None = Field(default=None, description="laterality of the specimen")
    tumour: str | None = Field(default=None, description="tumour label when a report names several tumours")
    size_mm: float | None = Field(default=None, ge=0, description="tumour size stated in the specimen header")


class _FindingBase(_Frozen):
    context: Context = Context()
    flags: frozenset[Flag] = frozenset()
    evidence: tuple[Evidence, ...] = ()
    start: int = Field(default=0, ge=0, description="start of the clause the finding was read from")
    end: int = Field(default=0, ge=0)

    def evidence_for(self, field: str) -> tuple[Evidence, ...]:
        """The evidence items that support ``field``."""
        return tuple(e for e in self.evidence if e.field == field)


class ReceptorFinding(_FindingBase):
    """ER or PR as read from one clause of text."""

    kind: Literal["receptor"] = "receptor"
    marker: Literal[Marker.ER, Marker.PR]
    status: ReceptorStatus | None = Field(
        default=None, description="the status word as stated (not yet checked against numbers)"
    )
    qualifier: str | None = Field(
        default=None, description="'weakly', 'focally', 'rare cells' and similar qualifiers"
    )
    percent: Percent | None = None
    percent_range: PercentRange | None = None
    intensity: Intensity | None = None
    allred: int | None = Field(default=None, ge=0, le=8)
    allred_ps: int | None = Field(default=None, ge=0, le=5)
    allred_is: int | None = Field(default=None, ge=0, le=3)
    h_score: int | None = Field(default=None, ge=0, le=300)


class Her2IhcFinding(_FindingBase):
    """HER2 immunohistochemistry as read from one clause."""

    kind: Literal["her2_ihc"] = "her2_ihc"
    score: IhcScore | None = None
    score_range: bool = Field(default=False, description="'0-1+': negative without a single score")
    status: Her2Status | None = Field(default=None, description="status word stated with the IHC")
    staining: Her2Staining | None = None
    category_word: Her2Category | None = Field(
        default=None, description="'HER2-low', 'ultralow', 'null' as written"
    )
    completeness: Literal["complete", "incomplete"] | None = None
    stain_intensity: Literal["faint", "weak", "weak_to_moderate", "moderate", "intense"] | None = None
    stain_extent: Literal["le10", "gt10"] | None = Field(
        default=None, description="share of invasive cells with the described staining"
    )


class Her2IshFinding(_FindingBase):
    """HER2 in situ hybridisation (dual- or single-probe) as read from one clause."""

    kind: Literal["her2_ish"] = "her2_ish"
    probe: Probe | None = None
    ratio: float | None = Field(default=None, ge=0)
    copy_number: float | None = Field(default=None, ge=0)
    cep17: float | None = Field(default=None, ge=0)
    result: IshResult | None = Field(default=None, description="the ISH result word as stated")
    group_stated: int | None = Field(default=None, ge=1, le=5)


class Her2StatusFinding(_FindingBase):
    """An overall HER2 status or category stated without a test ("HER2 negative", "HER2-low")."""

    kind: Literal["her2_status"] = "her2_status"
    status: Her2Status | None = None
    category_word: Her2Category | None = None
    final: bool = Field(default=False, description="stated as the final/overall interpretation")


class Ki67Finding(_FindingBase):
    kind: Literal["ki67"] = "ki67"
    percent: Percent | None = None
    percent_range: PercentRange | None = None
    level_word: Ki67Level | None = Field(default=None, description="'high' / 'low' as stated")
    pending: bool = False


class HrFinding(_FindingBase):
    """Hormone receptor status stated as a whole ("HR+", "hormone receptor negative")."""

    kind: Literal["hr"] = "hr"
    status: HrStatus | None = None


Finding = Annotated[
    Union[ReceptorFinding, Her2IhcFinding, Her2IshFinding, Her2StatusFinding, Ki67Finding, HrFinding],
    Field(discriminator="kind"),
]


class Findings(_Frozen):
    """Everything :func:`parse` read from one text, in text order."""

    findings: tuple[Finding, ...] = ()
    warnings: Warnings = ()
    organ: Literal["breast", "gastric"] = "breast"
    invasive: bool = Field(default=False, description="the report diagnoses an invasive carcinoma")
    #: The normalised and the masked text the parser read (kept, never dumped): the presence check
    #: reads the same texts instead of normalising and masking again.
    _texts: tuple[str, str] | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:  # the fields only: the kept texts are a cache
        if not isinstance(other, Findings):
            return NotImplemented
        return self.__dict__ == other.__dict__

    mentioned: tuple[Marker, ...] = Field(
        default=(), description="markers named anywhere in the text outside masked boilerplate, in Marker order; "
        "a marker named here without a finding was stated but not read"
    )

    def by_specimen(self) -> dict[str | None, tuple[Any, ...]]:
        """Every finding grouped by specimen/part label (None: no label stated), in text order."""
        out: dict[str | None, list[Any]] = {}
        for f in self.findings:
            out.setdefault(f.context.specimen, []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    def of(self, kind: str, marker: Marker | None = None) -> tuple[Any, ...]:
        """Findings of one ``kind`` (and, for receptors, one ``marker``)."""
        return tuple(
            f
            for f in self.findings
            if f.kind == kind and (marker is None or getattr(f, "marker", None) == marker)
        )


# --------------------------------------------------------------------------- classification


class Decision(_Frozen):
    """One audited decision: which rule, under which guideline version, on which evidence."""

    target: str = Field(description="what was decided, e.g. 'her2_status'")
    value: str | float | int | None
    rule: str = Field(description="rule id of guidelines.md, e.g. 'her2.ish.group3'")
    guideline: str = Field(description="guideline version id, e.g. 'asco-cap-her2-2018'")
    thresholds: dict[str, float | str | bool] = Field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    note: str = ""


class ReceptorResult(_Frozen):
    marker: Literal[Marker.ER, Marker.PR]
    status: ReceptorStatus | None = None
    percent: Percent | None = None
    percent_range: PercentRange | None = None
    intensity: Intensity | None = None
    allred: int | None = None
    h_score: int | None = None
    dcis: bool = False
    historical: bool = False
    reason: str | None = Field(default=None, description="why the status is null, when it is")


class Her2Result(_Frozen):
    status: Her2Status | None = None
    category: Her2Category | None = None
    ihc_score: IhcScore | None = None
    ihc_staining: Her2Staining | None = None
    ish_result: IshResult | None = None
    ish_group: int | None = Field(default=None, ge=1, le=5)
    ish_ratio: float | None = None
    ish_copy_number: float | None = None
    ish_cep17: float | None = None
    probe: Probe | None = None
    historical: bool = False
    reason: str | None = None


class Ki67Result(_Frozen):
    percent: Percent | None = None
    percent_range: PercentRange | None = None
    level: Ki67Level | None = None
    ikwg_band: IkwgBand | None = None


class Classification(_Frozen):
    er: ReceptorResult = ReceptorResult(marker=Marker.ER)
    pr: ReceptorResult = ReceptorResult(marker=Marker.PR)
    her2: Her2Result = Her2Result()
    ki67: Ki67Result = Ki67Result()
    hr_status: HrStatus | None = None
    subtype: Subtype | None = None
    decisions: tuple[Decision, ...] = ()
    warnings: Warnings = ()
    guideline_versions: dict[str, str] = Field(default_factory=dict)
    options: dict[str, float | bool] = Field(default_factory=dict)

    def decision_for(self, target: str) -> Decision | None:
        """The last decision recorded for ``target`` (e.g. ``'her2_status'``), if any."""
        for d in reversed(self.decisions):
            if d.target == target:
                return d
        return None


class Explanation(_Frozen):
    plain: str = Field(description="plain language for a patient (guidelines.md section 8)")
    clinical: str = Field(description="rule-by-rule reasoning for a clinician or auditor")


def _hashable(value: Any) -> Any:
    """A hashable copy of a model value: models as tuples of fields, dicts as frozensets of items."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, tuple(_hashable(getattr(value, name)) for name in type(value).model_fields))
    if isinstance(value, dict):
        return frozenset((k, _hashable(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_hashable(v) for v in value)
    return value


class InterpretationData(_Frozen):
    """The data of an interpretation: the ``findings`` read and their ``classification``.

    Data only; the user-facing :class:`her2_interpret.result.Interpretation` subclasses it with the
    explanation, the record and the display. ``record.py`` and ``render.py`` take this class, so they
    need nothing above the models. Equality and the hash are those of the two fields.
    """

    findings: Findings
    classification: Classification
    #: The report text :func:`~her2_interpret.interpret` read, kept (not dumped, never in ``repr``) so
    #: that the HTML card can highlight the evidence in it.
    _text: str | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _drop_explanation(cls, data: Any) -> Any:
        """Accept a dump of an interpretation: ``explanation`` is derived from the two fields, so a
        given one is dropped and written anew on first access (``model_validate_json(r.model_dump_json())``
        round-trips)."""
        if isinstance(data, dict) and "explanation" in data:
            data = {k: v for k, v in data.items() if k != "explanation"}
        return data

    def __hash__(self) -> int:
        # dict fields (guideline versions, options, thresholds) block pydantic's field hash: hash a
        # frozen copy of the two fields instead (sets stay sets, so their order does not count)
        return hash((_hashable(self.findings), _hashable(self.classification)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InterpretationData):
            return NotImplemented
        return self.findings == other.findings and self.classification == other.classification

    @property
    def er(self) -> ReceptorResult:
        return self.classification.er

    @property
    def pr(self) -> ReceptorResult:
        return self.classification.pr

    @property
    def her2(self) -> Her2Result:
        return self.classification.her2

    @property
    def ki67(self) -> Ki67Result:
        return self.classification.ki67

    @property
    def hr_status(self) -> HrStatus | None:
        return self.classification.hr_status

    @property
    def subtype(self) -> Subtype | None:
        return self.classification.subtype

    @property
    def warnings(self) -> tuple[ReportWarning, ...]:
        return self.findings.warnings + self.classification.warnings
