"""St Gallen surrogate subtype (guidelines.md section 6, [subtype] and [subtype.erlow]).

The subtype is null wherever the results it needs are missing, pending or equivocal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Her2Status, HrStatus, Ki67Level, Ki67Result, ReceptorResult, ReceptorStatus, Subtype
from .audit import Audit, Outcome
from .options import Options

_POSITIVE_SIDE = (ReceptorStatus.POSITIVE, ReceptorStatus.LOW_POSITIVE)
_NEGATIVE_OR_LOW = (ReceptorStatus.NEGATIVE, ReceptorStatus.LOW_POSITIVE)


@dataclass(frozen=True)
class SubtypeCall:
    """The subtype with the rule id and the criterion that decided it."""

    subtype: Subtype | None
    rule: str
    note: str


def _range_of(r: ReceptorResult | Ki67Result) -> tuple[float, float] | None:
    if r.percent is not None:
        return (r.percent, r.percent)
    if r.percent_range is not None:
        return (min(r.percent_range), max(r.percent_range))
    return None


def pr_is_high(pr: ReceptorResult, cutoff: float) -> bool | None:
    """PR percent (or the whole range) >= ``cutoff``: True; wholly below: False; unknown: None."""
    span = _range_of(pr)
    if span is None:
        return None
    if span[0] >= cutoff:
        return True
    if span[1] < cutoff:
        return False
    return None


def _ki67_known(ki67: Ki67Result) -> Ki67Level | None:
    """The Ki-67 level only when it comes from a number (a lab's word has an unknown cut-off)."""
    if _range_of(ki67) is None or ki67.level is Ki67Level.INDETERMINATE:
        return None
    return ki67.level


def _luminal_b_reasons(er: ReceptorResult, pr: ReceptorResult, ki67: Ki67Level | None,
                       pr_high: bool | None, uses_pr: bool) -> list[str]:
    reasons = []
    if ki67 is Ki67Level.HIGH:
        reasons.append("Ki-67 high")
    if uses_pr and pr_high is False:
        reasons.append("PR below the cut-off")
    if uses_pr and pr.status in _NEGATIVE_OR_LOW:
        reasons.append(f"PR {pr.status.value}")  # type: ignore[union-attr]
    if er.status in (ReceptorStatus.LOW_POSITIVE, ReceptorStatus.NEGATIVE):
        reasons.append(f"ER {er.status.value}")  # type: ignore[union-attr]
    return reasons


def _her2_negative(er: ReceptorResult, pr: ReceptorResult, hr: HrStatus, ki67: Ki67Result,
                   opts: Options, audit: Audit) -> SubtypeCall:
    if hr is HrStatus.NEGATIVE:
        return SubtypeCall(Subtype.TRIPLE_NEGATIVE, "subtype", "HER2 negative, ER and PR negative")
    if er.status is ReceptorStatus.LOW_POSITIVE and pr.status in _NEGATIVE_OR_LOW:  # [subtype.erlow]
        if opts.er_low_groups_with_tnbc:
            return SubtypeCall(Subtype.TRIPLE_NEGATIVE, "subtype.erlow",
                               "ER low, PR negative/low, HER2 negative grouped with triple-negative (option)")
        audit.warn("Subtype: ER low positive with PR negative/low and HER2 negative is not triple-negative by "
                   "definition, but it often behaves like triple-negative disease [subtype.erlow]")
        return SubtypeCall(Subtype.LUMINAL_B_LIKE, "subtype.erlow", "ER low positive, PR negative/low")
    cutoff = opts.subtype.pr_high_percent
    uses_pr = cutoff is not None
    pr_high = pr_is_high(pr, cutoff) if cutoff is not None else None
    level = _ki67_known(ki67)
    luminal_a = (
        er.status is ReceptorStatus.POSITIVE
        and level is Ki67Level.LOW
        and (not uses_pr or (pr.status is ReceptorStatus.POSITIVE and pr_high is True))
    )
    if luminal_a:
        return SubtypeCall(Subtype.LUMINAL_A_LIKE, "subtype", "ER positive, PR high, Ki-67 low")
    reasons = _luminal_b_reasons(er, pr, level, pr_high, uses_pr)
    if reasons:
        return SubtypeCall(Subtype.LUMINAL_B_LIKE, "subtype", "HR positive and " + ", ".join(reasons))
    return SubtypeCall(Subtype.HR_POSITIVE_HER2_NEGATIVE, "subtype",
                       "HR positive; the PR percent or Ki-67 needed to tell A from B is missing")


def surrogate_subtype(
    er: ReceptorResult,
    pr: ReceptorResult,
    her2: Her2Status | None,
    hr: HrStatus | None,
    ki67: Ki67Result,
    options: Options | None = None,
    audit: Audit | None = None,
) -> SubtypeCall:
    """St Gallen surrogate subtype [subtype]; null when HER2 or HR is not settled."""
    opts = options or Options()
    audit = audit or Audit(guideline=opts.subtype.version)
    if her2 not in (Her2Status.POSITIVE, Her2Status.NEGATIVE):
        return SubtypeCall(None, "subtype", "HER2 not positive or negative")
    if hr is None:
        return SubtypeCall(None, "subtype", "HR status not settled")
    if her2 is Her2Status.NEGATIVE:
        return _her2_negative(er, pr, hr, ki67, opts, audit)
    if hr is HrStatus.NEGATIVE:
        return SubtypeCall(Subtype.HER2_ENRICHED, "subtype", "HER2 positive, ER and PR negative (surrogate)")
    if opts.triple_positive_requires_pr and not (er.status in _POSITIVE_SIDE and pr.status in _POSITIVE_SIDE):
        return SubtypeCall(None, "subtype", "HER2 and HR positive, but option triple_positive_requires_pr needs "
                                             "both ER and PR positive")
    return SubtypeCall(Subtype.TRIPLE_POSITIVE, "subtype", "HER2 positive and HR positive")


def classify_subtype(
    er: ReceptorResult,
    pr: ReceptorResult,
    her2: Her2Status | None,
    hr: HrStatus | None,
    ki67: Ki67Result,
    options: Options | None = None,
) -> Outcome[Subtype | None]:
    """:func:`surrogate_subtype` with its decision and warnings recorded."""
    opts = options or Options()
    st = opts.subtype
    thresholds: dict[str, float | str | bool] = {"ki67_high_cutoff": opts.ki67_high_cutoff}
    if st.pr_high_percent is not None:
        thresholds["pr_high_percent"] = st.pr_high_percent
    thresholds["er_low_groups_with_tnbc"] = opts.er_low_groups_with_tnbc
    thresholds["triple_positive_requires_pr"] = opts.triple_positive_requires_pr
    audit = Audit(guideline=st.version, thresholds=thresholds)
    call = surrogate_subtype(er, pr, her2, hr, ki67, opts, audit)
    if any(v is not None for v in (her2, hr, er.status, pr.status)):
        audit.decide("subtype", call.subtype, call.rule, note=call.note)
    return audit.outcome(call.subtype)
