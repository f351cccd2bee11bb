"""HER2 status and category (guidelines.md sections 1-3, ASCO/CAP 2018 affirmed 2023).

Three steps, each public and testable on its own:

1. the IHC score, stated [her2.ihc.stated] or derived from a staining description
   [her2.ihc.derived], with the membrane staining read at IHC 0 [her2.ihc.subzero];
2. the ISH group from ratio and copy number [her2.ish.group1-5], single-probe calls
   [her2.ish.single] and the stated ISH result [her2.ish.stated];
3. the overall status by the table of section 3 [her2.final], then a stated overall status
   (P2), then the category, defined only from the final status.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from ..models import (
    Evidence,
    Flag,
    Her2Category,
    Her2IhcFinding,
    Her2IshFinding,
    Her2Result,
    Her2Staining,
    Her2Status,
    Her2StatusFinding,
    IhcScore,
    IshResult,
    Probe,
    StrEnum,
)
from ..thresholds import HER2_GUIDELINES, DEFAULT_VERSIONS, Her2Thresholds
from .audit import Audit, Outcome
from .options import Options

_DEFAULT = HER2_GUIDELINES[DEFAULT_VERSIONS["her2"]]
#: Threshold sets whose audit-trail table is kept (the shipped guidelines, and a few of a caller's own).
_THRESHOLD_TABLES_KEPT = 16


@functools.lru_cache(maxsize=_THRESHOLD_TABLES_KEPT)
def _threshold_table(t: Her2Thresholds) -> dict[str, float]:
    """The thresholds of ``t`` for a decision's audit trail (``t.as_dict()``), built once per threshold
    set; shared, so a caller copies it before handing it on."""
    return t.as_dict()
F = TypeVar("F", Her2IhcFinding, Her2IshFinding, Her2StatusFinding)


class IshCall(StrEnum):
    """What the ISH contributes to the table of section 3."""

    AMPLIFIED = "amplified"  # group 1, single-probe >=6.0, or stated amplified
    NOT_AMPLIFIED = "not_amplified"  # group 5, single-probe <4.0, or stated not amplified
    GROUP2 = "group2"
    GROUP3 = "group3"
    GROUP4 = "group4"
    SINGLE_MID = "single_mid"  # single-probe 4.0 to <6.0
    EQUIVOCAL = "equivocal"  # stated equivocal without numbers
    PENDING = "pending"  # ordered / to follow


_GROUP_CALLS = {1: IshCall.AMPLIFIED, 2: IshCall.GROUP2, 3: IshCall.GROUP3, 4: IshCall.GROUP4,
                5: IshCall.NOT_AMPLIFIED}
_MIDDLE_GROUPS = {IshCall.GROUP2: 2, IshCall.GROUP3: 3, IshCall.GROUP4: 4}
_WEAK_TO_MODERATE = ("weak", "moderate", "weak_to_moderate")
_MODERATE_OR_INTENSE = ("moderate", "intense")
_CATEGORY_STAINING = {Her2Category.ULTRALOW: Her2Staining.FAINT, Her2Category.ZERO_NULL: Her2Staining.NONE}
_STATED_CATEGORIES = (Her2Category.LOW, Her2Category.ULTRALOW, Her2Category.ZERO_NULL, Her2Category.ZERO)
_CALLS = (Her2Status.POSITIVE, Her2Status.NEGATIVE)
_KIND_NAMES = {"her2_ihc": "IHC result", "her2_ish": "ISH result", "her2_status": "stated HER2 status"}


# --------------------------------------------------------------------------- ISH numbers


def ish_group(ratio: float, copy_number: float, thresholds: Her2Thresholds = _DEFAULT) -> int:
    """ASCO/CAP 2018 dual-probe group 1-5 [her2.ish.group1-5]; bounds are ``>=``, never rounded.

    >>> [ish_group(2.0, 4.0), ish_group(2.0, 3.99), ish_group(1.99, 6.0), ish_group(1.99, 5.99), ish_group(1.99, 3.99)]
    [1, 2, 3, 4, 5]
    """
    if ratio >= thresholds.ish_ratio:
        return 1 if copy_number >= thresholds.ish_copy_low else 2
    if copy_number >= thresholds.ish_copy_high:
        return 3
    if copy_number >= thresholds.ish_copy_low:
        return 4
    return 5


def single_probe_call(copy_number: float, thresholds: Her2Thresholds = _DEFAULT) -> IshCall:
    """Single-probe ISH [her2.ish.single]: >=6.0 amplified, <4.0 not amplified, else the middle band.

    >>> [single_probe_call(c).value for c in (3.99, 4.0, 5.99, 6.0)]
    ['not_amplified', 'single_mid', 'single_mid', 'amplified']
    """
    if copy_number >= thresholds.ish_copy_high:
        return IshCall.AMPLIFIED
    if copy_number < thresholds.ish_copy_low:
        return IshCall.NOT_AMPLIFIED
    return IshCall.SINGLE_MID


def compute_ratio(copy_number: float, cep17: float) -> float | None:
    """HER2/CEP17 ratio from the two averages [her2.ish.numbers], in decimal so 4.6/2.3 is 2.0."""
    try:
        quotient = Decimal(repr(copy_number)) / Decimal(repr(cep17))
    except (InvalidOperation, ZeroDivisionError, ValueError):
        return None
    return float(quotient)


# --------------------------------------------------------------------------- IHC


@dataclass(frozen=True)
class DerivedScore:
    """A score derived from a staining description, with the staining at 0 and any warning."""

    score: IhcScore | None
    staining: Her2Staining | None = None
    warning: str | None = None


def derive_ihc_score(
    completeness: str | None,
    intensity: str | None,
    extent: str | None,
    staining: Her2Staining | None = None,
) -> DerivedScore:
    """Score from a staining description when none is stated [her2.ihc.derived].

    ``extent`` is ``"gt10"`` or ``"le10"``: the parser reads the ">10%" cut-off of
    :attr:`Her2Thresholds.ihc_extent_percent`.

    >>> derive_ihc_score("complete", "intense", "gt10").score.value
    '3+'
    >>> derive_ihc_score("incomplete", "faint", "le10").staining.value
    'faint'
    """
    gt10, le10 = extent == "gt10", extent == "le10"
    if staining is Her2Staining.NONE and completeness is None and intensity is None:
        return DerivedScore(IhcScore.ZERO, Her2Staining.NONE)  # no membrane staining: 0 (null)
    unusual = "an unusual pattern, scored 2+ per the ASCO/CAP 2018 Figure 1 note [her2.ihc.derived]"
    if completeness == "complete" and intensity == "intense":
        if gt10:
            return DerivedScore(IhcScore.THREE)
        if le10:
            warning = f"HER2 IHC: intense complete staining in <=10% of cells is {unusual}"
            return DerivedScore(IhcScore.TWO, warning=warning)
    if completeness == "complete" and intensity in _WEAK_TO_MODERATE:
        if gt10:
            return DerivedScore(IhcScore.TWO)
        if le10:
            return DerivedScore(None, warning=(
                "HER2 IHC: weak to moderate complete staining in <=10% of cells is not defined by ASCO/CAP 2018 "
                "(some labs score it 1+); no score derived [her2.ihc.derived]"))
    if completeness == "incomplete" and intensity == "faint":
        if gt10:
            return DerivedScore(IhcScore.ONE)
        if le10:
            return DerivedScore(IhcScore.ZERO, Her2Staining.FAINT)
    if completeness == "incomplete" and intensity in _MODERATE_OR_INTENSE:
        return DerivedScore(IhcScore.TWO, warning=f"HER2 IHC: moderate/intense incomplete staining is {unusual}")
    return DerivedScore(None, warning="HER2 IHC: the staining description does not give a score [her2.ihc.derived]")


@dataclass(frozen=True)
class IhcReading:
    """What the IHC finding says, once read by [her2.ihc.stated] / [her2.ihc.derived]."""

    score: IhcScore | None = None
    score_range: bool = False  # "0-1+": negative without a single score
    derived: bool = False
    staining: Her2Staining | None = None
    word: Her2Status | None = None
    category_word: Her2Category | None = None
    contradiction: bool = False


def _has_description(f: Her2IhcFinding) -> bool:
    described = (f.completeness, f.stain_intensity, f.stain_extent)
    return any(v is not None for v in described) or (
        f.staining is Her2Staining.NONE and f.category_word is None
    )


def read_ihc(ihc: Her2IhcFinding | None, audit: Audit | None = None) -> IhcReading:
    """The IHC score (stated, range or derived), staining, status word, and any contradiction."""
    audit = audit or Audit(guideline=_DEFAULT.version)
    if ihc is None:
        return IhcReading()
    score, derived_flag, staining = ihc.score, False, ihc.staining
    if _has_description(ihc):
        derived = derive_ihc_score(ihc.completeness, ihc.stain_intensity, ihc.stain_extent, ihc.staining)
        if score is None and not ihc.score_range:
            score, derived_flag = derived.score, derived.score is not None
            if derived.warning:
                audit.warn(derived.warning)
        elif derived.score is not None and score is not None and derived.score != score:
            audit.warn(f"HER2 IHC: the staining description reads as {derived.score.value} but {score.value} is "
                       "stated; the stated score is kept [her2.ihc.stated]")
        staining = staining or derived.staining
    if staining is None and ihc.category_word in _CATEGORY_STAINING:
        staining = _CATEGORY_STAINING[ihc.category_word]
    word = ihc.status
    negative_score = score in (IhcScore.ZERO, IhcScore.ONE) or ihc.score_range
    contradiction = (word is Her2Status.POSITIVE and negative_score) or (
        word is Her2Status.NEGATIVE and score is IhcScore.THREE
    )
    return IhcReading(score, ihc.score_range, derived_flag, staining, word, ihc.category_word, contradiction)


# --------------------------------------------------------------------------- ISH


@dataclass(frozen=True)
class IshReading:
    """What the ISH finding says, once read by [her2.ish.*]."""

    probe: Probe | None = None
    ratio: float | None = None
    ratio_computed: bool = False
    copy_number: float | None = None
    cep17: float | None = None
    group: int | None = None  # computed from ratio and copy number (the record's group)
    numbers_call: IshCall | None = None  # from the numbers (or a stated group when numbers are missing)
    numbers_rule: str = ""
    stated: IshResult | None = None
    result: IshResult | None = None  # the record's her2_ish_result
    call: IshCall | None = None  # what the table uses
    call_rule: str = ""


def _numbers_call(ish: Her2IshFinding, ratio: float | None, t: Her2Thresholds, audit: Audit,
                  evidence: tuple[Evidence, ...]) -> tuple[int | None, IshCall | None, str]:
    """(computed group, call from the numbers, rule id)."""
    if ish.probe is Probe.SINGLE:
        if ish.copy_number is None:
            return None, None, ""
        call = single_probe_call(ish.copy_number, t)
        return None, call, "her2.ish.single"
    if ratio is not None and ish.copy_number is not None:
        group = ish_group(ratio, ish.copy_number, t)
        rule = f"her2.ish.group{group}"
        audit.decide("her2_ish_group", group, rule, evidence, note="computed from ratio and copy number")
        if ish.group_stated is not None and ish.group_stated != group:
            audit.warn(f"HER2 ISH: stated group {ish.group_stated} but the numbers give group {group}; the "
                       "computed group is used [her2.ish.group1-5]")
        return group, _GROUP_CALLS[group], rule
    if ish.group_stated is not None:
        rule = f"her2.ish.group{ish.group_stated}"
        return None, _GROUP_CALLS[ish.group_stated], rule
    return None, None, ""


def read_ish(
    ish: Her2IshFinding | None, thresholds: Her2Thresholds = _DEFAULT, audit: Audit | None = None
) -> IshReading:
    """Ratio (computed from the averages when not stated), group, stated result and the table's call."""
    t = thresholds
    audit = audit or Audit(guideline=t.version, thresholds=dict(_threshold_table(t)))
    if ish is None:
        return IshReading()
    evidence = ish.evidence
    ratio, computed = ish.ratio, False
    if ratio is None and ish.probe is not Probe.SINGLE and ish.copy_number is not None and ish.cep17:
        ratio = compute_ratio(ish.copy_number, ish.cep17)
        computed = ratio is not None
        if computed:
            audit.decide("her2_ish_ratio", ratio, "her2.ish.numbers", evidence,
                         note="computed as HER2 copies / CEP17 copies (flag: computed)")
    group, numbers_call, numbers_rule = _numbers_call(ish, ratio, t, audit, evidence)
    stated = ish.result
    call, call_rule = numbers_call, numbers_rule
    if stated in (IshResult.AMPLIFIED, IshResult.NOT_AMPLIFIED):
        call, call_rule = IshCall(stated.value), "her2.ish.stated"
    elif stated is IshResult.EQUIVOCAL and numbers_call is None:
        call, call_rule = IshCall.EQUIVOCAL, "her2.ish.stated"
    elif stated is IshResult.PENDING and numbers_call is None:
        call, call_rule = IshCall.PENDING, "her2.ish.stated"
    result = stated
    if result is None and numbers_call in (IshCall.AMPLIFIED, IshCall.NOT_AMPLIFIED):
        result = IshResult(numbers_call.value)
    return IshReading(ish.probe, ratio, computed, ish.copy_number, ish.cep17, group, numbers_call, numbers_rule,
                      stated, result, call, call_rule)


# --------------------------------------------------------------------------- the table


def status_from_table(score: IhcScore | None, call: IshCall | None, score_range: bool = False) -> Her2Status | None:
    """Overall HER2 status by the table of section 3 [her2.final], row by row.

    ``score_range`` is "0-1+" (negative without a single score). Groups 2-4 with IHC 2+ take the
    group-confirmed result [her2.ish.groups234].

    >>> status_from_table(IhcScore.TWO, IshCall.GROUP3).value
    'positive'
    >>> status_from_table(None, IshCall.GROUP4).value
    'equivocal'
    """
    if score is IhcScore.THREE:  # 3+ with none or any group: positive
        return Her2Status.POSITIVE
    if score is IhcScore.TWO:
        if call in (IshCall.AMPLIFIED, IshCall.GROUP3):  # [her2.ish.group1], [her2.ish.groups234]
            return Her2Status.POSITIVE
        if call in (IshCall.NOT_AMPLIFIED, IshCall.GROUP2, IshCall.GROUP4):  # [her2.ish.groups234]
            return Her2Status.NEGATIVE
        return Her2Status.EQUIVOCAL  # none, pending, equivocal, single-probe 4-<6 [her2.ish.single]
    if score in (IhcScore.ONE, IhcScore.ZERO) or score_range:  # 0 / 1+: positive only when amplified
        return Her2Status.POSITIVE if call is IshCall.AMPLIFIED else Her2Status.NEGATIVE
    if call is None:  # no IHC, no ISH: the stated status decides (see _apply_stated)
        return None
    if call is IshCall.AMPLIFIED:  # no IHC: [her2.ish.group1] / [her2.ish.single] / [her2.ish.stated]
        return Her2Status.POSITIVE
    if call is IshCall.NOT_AMPLIFIED:  # no IHC: [her2.ish.group5] / [her2.ish.single] / [her2.ish.stated]
        return Her2Status.NEGATIVE
    if call is IshCall.PENDING:
        return Her2Status.PENDING
    return Her2Status.EQUIVOCAL  # no IHC: groups 2-4 or single-probe 4-<6 [her2.ish.groups234]


def her2_category(
    status: Her2Status | None,
    score: IhcScore | None,
    staining: Her2Staining | None = None,
    category_word: Her2Category | None = None,
    score_range: bool = False,
) -> Her2Category | None:
    """Category from the final status [her2.final]; low/ultralow/zero_null/zero only for negative.

    >>> her2_category(Her2Status.NEGATIVE, IhcScore.ZERO, Her2Staining.FAINT).value
    'ultralow'
    >>> her2_category(Her2Status.NEGATIVE, None).value
    'negative'
    """
    if status is None:
        return None
    if status is not Her2Status.NEGATIVE:
        return Her2Category(status.value)
    if score in (IhcScore.ONE, IhcScore.TWO):
        return Her2Category.LOW
    if score is IhcScore.ZERO:  # [her2.ihc.subzero]
        if staining is Her2Staining.FAINT:
            return Her2Category.ULTRALOW
        if staining is Her2Staining.NONE:
            return Her2Category.ZERO_NULL
        return Her2Category.ZERO
    if score is None and not score_range and category_word in _STATED_CATEGORIES:
        return category_word
    return Her2Category.NEGATIVE


def _row(score: IhcScore | None, call: IshCall | None, score_range: bool) -> str:
    ihc = "IHC 0-1+" if score_range else (f"IHC {score.value}" if score else "no IHC")
    if call is None:
        ish = "no ISH result"
    else:
        ish = "ISH " + call.value.replace("group", "group ").replace("_", " ")
    return f"row: {ihc} with {ish}"


# --------------------------------------------------------------------------- stated status


def _stated_status(stated: Her2StatusFinding | None) -> Her2Status | None:
    if stated is None:
        return None
    if stated.status is None and stated.category_word in _STATED_CATEGORIES:
        return Her2Status.NEGATIVE  # "HER2-low", "HER2-ultralow", "HER2-null"
    return stated.status


@dataclass(frozen=True)
class _Final:
    status: Her2Status | None
    rule: str
    note: str
    reason: str | None = None


def _apply_stated(final: _Final, stated: Her2StatusFinding | None, stated_status: Her2Status | None,
                  tests: bool, audit: Audit) -> _Final:
    """A stated overall status: final wins (P2); shorthand only fills in or blanks a contradiction."""
    if stated_status is None:
        return final
    is_final = stated is not None and stated.final
    if not tests:  # no IHC score and no ISH result (at most a pending ISH)
        return _Final(stated_status, "her2.final", "row: no IHC, no ISH result; the stated HER2 status")
    if is_final:
        if final.status != stated_status:
            shown = final.status.value if final.status else "no call"
            audit.warn(f"HER2: the stated final status {stated_status.value} differs from the table ({shown}); "
                       "the stated status is kept [her2.final]")
            return _Final(stated_status, "her2.final", f"stated final status kept over the table ({shown})")
        return final
    if final.status in _CALLS and stated_status in _CALLS and final.status != stated_status:
        audit.warn(f"HER2: a shorthand status ({stated_status.value}) contradicts the test results "
                   f"({final.status.value}); status left null [her2.final]")
        return _Final(None, "her2.final", "shorthand contradicts the tests",
                      reason="a stated HER2 status contradicts the test results")
    if final.status is not None and final.status != stated_status:
        audit.warn(f"HER2: stated {stated_status.value} but the test results give {final.status.value}; the "
                   "test results are kept [her2.final]")
    return final


# --------------------------------------------------------------------------- classify


def _table(ihc_r: IhcReading, ish_r: IshReading, audit: Audit) -> _Final:
    score, call, rng = ihc_r.score, ish_r.call, ihc_r.score_range
    status = status_from_table(score, call, rng)
    row = _row(score, call, rng)
    if ihc_r.contradiction:
        audit.warn(f"HER2 IHC: the status word ({ihc_r.word.value if ihc_r.word else ''}) contradicts the "
                   "stated score; status left null [her2.ihc.stated]")
        return _Final(None, "her2.ihc.stated", "IHC status word contradicts its score",
                      reason="the IHC status word contradicts the IHC score")
    if status is None:
        return _Final(None, "her2.final", row, reason="no HER2 test result")
    rule = "her2.final" if score is IhcScore.THREE or call in (None, IshCall.PENDING) else ish_r.call_rule
    if score is IhcScore.TWO and call in _MIDDLE_GROUPS:
        audit.warn(f"HER2: IHC 2+ with ISH group {_MIDDLE_GROUPS[call]}: assumes the recount confirmed group "
                   f"{_MIDDLE_GROUPS[call]} [her2.ish.groups234]")
        row += "; [her2.ish.groups234] after a confirming recount"
    if score is IhcScore.THREE and call is IshCall.NOT_AMPLIFIED:
        audit.warn("HER2: IHC 3+ with non-amplified ISH is discordant; positive by IHC, review advised [her2.final]")
    if score is IhcScore.ZERO and call is IshCall.AMPLIFIED:
        audit.warn("HER2: IHC 0 with amplified ISH is discordant; positive by ISH, review advised [her2.final]")
    if score in (IhcScore.ZERO, IhcScore.ONE) and call in _MIDDLE_GROUPS:
        row += "; negative with the guideline's comment [her2.ish.groups234]"
    word = ihc_r.word
    if word in _CALLS and status in _CALLS and word != status:
        audit.warn(f"HER2 IHC: stated {word.value} with the score, but the results give {status.value} "
                   "[her2.final]")
    return _Final(status, rule, row)


def _check_ish_stated(ihc_r: IhcReading, ish_r: IshReading, audit: Audit) -> None:
    """A stated ISH result against its own numbers [her2.ish.stated]: warn, keep the stated one."""
    if ish_r.stated not in (IshResult.AMPLIFIED, IshResult.NOT_AMPLIFIED) or ish_r.numbers_call is None:
        return
    by_numbers = status_from_table(ihc_r.score, ish_r.numbers_call, ihc_r.score_range)
    by_stated = status_from_table(ihc_r.score, ish_r.call, ihc_r.score_range)
    opposite = ish_r.numbers_call in (IshCall.AMPLIFIED, IshCall.NOT_AMPLIFIED) and (
        ish_r.numbers_call.value != ish_r.stated.value
    )
    if by_numbers != by_stated or opposite:
        audit.warn(f"HER2 ISH: stated {ish_r.stated.value} but the numbers read as {ish_r.numbers_call.value}; "
                   "the stated result is kept [her2.ish.stated]")


def _zero_staining(ihc_r: IhcReading, stated: Her2StatusFinding | None) -> Her2Staining | None:
    if ihc_r.score is not IhcScore.ZERO:
        return None
    if ihc_r.staining is not None:
        return ihc_r.staining
    word = stated.category_word if stated is not None else None
    return _CATEGORY_STAINING.get(word) if word is not None else None


def _decide_ihc(ihc: Her2IhcFinding | None, ihc_r: IhcReading, staining: Her2Staining | None,
                audit: Audit) -> None:
    if ihc is None:
        return
    if ihc_r.score is not None:
        rule = "her2.ihc.derived" if ihc_r.derived else "her2.ihc.stated"
        note = "derived from the staining description (flag: derived)" if ihc_r.derived else "as stated"
        audit.decide("her2_ihc_score", ihc_r.score, rule, ihc.evidence, note)
    elif ihc_r.score_range:
        audit.decide("her2_ihc_score", None, "her2.ihc.stated", ihc.evidence, "0-1+: negative without a single score")
    if staining is not None:
        audit.decide("her2_ihc_staining", staining, "her2.ihc.subzero", ihc.evidence, "membrane staining at IHC 0")


def _standing_rank(f: Her2IhcFinding | Her2IshFinding | Her2StatusFinding) -> tuple[bool, bool]:
    return (Flag.DCIS not in f.flags, Flag.HISTORICAL not in f.flags)


def _is_test_result(f: Her2IhcFinding | Her2IshFinding | Her2StatusFinding) -> bool:
    """An IHC score/description or ISH numbers/result, not a stated status or a pending test."""
    if isinstance(f, Her2IhcFinding):
        return f.score is not None or f.score_range or _has_description(f)
    if isinstance(f, Her2IshFinding):
        numbers = (f.ratio, f.copy_number, f.group_stated)
        return any(v is not None for v in numbers) or f.result not in (None, IshResult.PENDING)
    return False


def _current_only(ihc: Her2IhcFinding | None, ish: Her2IshFinding | None, stated: Her2StatusFinding | None,
                  audit: Audit) -> tuple[Her2IhcFinding | None, Her2IshFinding | None, Her2StatusFinding | None]:
    """Combine findings of one standing [report.history] [receptor.dcis].

    Beside a current invasive finding of another kind, a DCIS finding is dropped, and so is any
    historical finding (stated status, pending or test result): a prior test is not known to be
    on the same tumour, so it is not combined with the current one (warning).
    """
    present = [f for f in (ihc, ish, stated) if f is not None]
    if not present:
        return ihc, ish, stated
    best = max(_standing_rank(f) for f in present)

    def keep(f: F | None) -> F | None:
        if f is None or _standing_rank(f) == best:
            return f
        name = _KIND_NAMES[f.kind]
        if Flag.DCIS in f.flags and best[0]:
            audit.warn(f"HER2: the {name} on DCIS is not combined with the invasive result [receptor.dcis]")
            return None
        if not _is_test_result(f):
            audit.warn(f"HER2: the {name} from a prior report is not combined with the current result "
                       "[report.history]")
            return None
        if f is ihc and ish is not None and _standing_rank(ish) == best:
            # an ISH report quoting the IHC it was ordered for ("Reason for referral: HER2 IHC 2+"):
            # the current ISH has no IHC of its own, so the quoted one is its IHC [report.history]
            audit.warn("HER2: the IHC quoted from an earlier report is read with the current ISH, which has "
                       "no IHC of its own [report.history]")
            return f
        # a test of another kind from an earlier report is not known to be on the same tumour or
        # block: the current test stands alone [report.history] (a test stated as done on the
        # same block is read as concurrent, not historical, by the parser)
        audit.warn(f"HER2: the {name} from a prior report is not combined with the current result "
                   "[report.history]")
        return None

    return keep(ihc), keep(ish), keep(stated)


def _decide_final(final: _Final, category: Her2Category | None, evidence: tuple[Evidence, ...],
                  audit: Audit) -> None:
    audit.decide("her2_status", final.status, final.rule, evidence, final.note)
    subzero = category in (Her2Category.ULTRALOW, Her2Category.ZERO_NULL, Her2Category.ZERO)
    audit.decide("her2_category", category, "her2.ihc.subzero" if subzero else "her2.final", evidence,
                 "defined only from the final status")


def classify_her2(
    ihc: Her2IhcFinding | None,
    ish: Her2IshFinding | None,
    stated: Her2StatusFinding | None = None,
    options: Options | None = None,
    organ: str = "breast",
    thresholds: Her2Thresholds | None = None,
) -> Outcome[Her2Result]:
    """HER2 result of the standing IHC, ISH and stated findings (guidelines.md sections 1-3).

    ``thresholds`` defaults to the guideline selected in ``options`` (``her2_guideline``).

    >>> classify_her2(Her2IhcFinding(score=IhcScore.ONE), None).result.category.value
    'low'
    """
    opts = options or Options()
    t = thresholds or opts.her2
    audit = Audit(guideline=t.version, thresholds=dict(_threshold_table(t)))
    ihc, ish, stated = _current_only(ihc, ish, stated, audit)
    used = [f for f in (ihc, ish, stated) if f is not None]
    evidence = tuple(e for f in used for e in f.evidence)
    if organ == "gastric":  # [report.organ]
        if used:
            audit.warn("HER2: gastric or gastro-oesophageal specimen; the breast rules do not apply and HER2 is not "
                       "classified [report.organ]")
            audit.decide("her2_status", None, "report.organ", evidence, "not classified: gastric specimen")
        return audit.outcome(Her2Result(reason="gastric specimen: not classified by the breast rules"))
    ihc_r = read_ihc(ihc, audit)
    ish_r = read_ish(ish, t, audit)
    _check_ish_stated(ihc_r, ish_r, audit)
    final = _table(ihc_r, ish_r, audit)
    stated_status = _stated_status(stated)
    category_word = stated.category_word if stated is not None else None
    if stated_status is None and ihc_r.score is None and not ihc_r.score_range and ihc_r.word is not None:
        stated_status, category_word = ihc_r.word, ihc_r.category_word  # an IHC word without a score
    tests = ihc_r.score is not None or ihc_r.score_range or ish_r.call not in (None, IshCall.PENDING)
    final = _apply_stated(final, stated, stated_status, bool(tests), audit)
    staining = _zero_staining(ihc_r, stated)
    word = category_word or ihc_r.category_word
    category = her2_category(final.status, ihc_r.score, staining, word, ihc_r.score_range)
    if category is not None and word in _STATED_CATEGORIES and ihc_r.score is not None and word != category:
        audit.warn(f"HER2: the stated category {word.value} does not match IHC {ihc_r.score.value}; the category "
                   "follows the score [her2.final]")
    _decide_ihc(ihc, ihc_r, staining, audit)
    if ish is not None and ish_r.result is not None:
        rule = "her2.ish.stated" if ish_r.stated is not None else ish_r.numbers_rule
        audit.decide("her2_ish_result", ish_r.result, rule, ish.evidence)
    if used:
        _decide_final(final, category, evidence, audit)
    historical = bool(used) and all(Flag.HISTORICAL in f.flags for f in used)
    if historical:
        audit.warn("HER2: the result is quoted from a prior or outside report; no current result [report.history]")
    result = Her2Result(
        status=final.status,
        category=category,
        ihc_score=ihc_r.score,
        ihc_staining=staining,
        ish_result=ish_r.result,
        ish_group=ish_r.group,
        ish_ratio=ish_r.ratio,
        ish_copy_number=ish_r.copy_number,
        ish_cep17=ish_r.cep17,
        probe=ish_r.probe,
        historical=historical,
        reason=final.reason if final.status is None else None,
    )
    return audit.outcome(result)
