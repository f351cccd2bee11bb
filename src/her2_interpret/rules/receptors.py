"""ER and PR status (guidelines.md section 4) and HR status (section 5).

The order in which a finding's values decide the status, first that applies:

1. a stated percent [er.status] / [pr.status];
2. a stated percent range [receptor.range];
3. an Allred proportion score, read as the percent range it stands for [receptor.allred];
4. an Allred total [receptor.allred];
5. the status word [receptor.words] (an H-score alone gives no status [receptor.hscore]).

A number that contradicts the status word follows [receptor.contradiction]: a positive word with
a negative number gives negative; a negative word with a positive number gives null. Every step
leaves a warning when it has to choose.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Flag, HrFinding, HrStatus, Marker, ReceptorFinding, ReceptorResult, ReceptorStatus
from ..thresholds import ReceptorThresholds
from .audit import Audit, Outcome
from .options import Options

_POSITIVE_SIDE = (ReceptorStatus.POSITIVE, ReceptorStatus.LOW_POSITIVE)
#: Qualifiers that limit the extent of staining: positive, but the proportion is unknown.
_LIMITED_EXTENT = ("focal", "focally", "rare cells", "scattered", "patchy")


@dataclass(frozen=True)
class _Call:
    """One status call with its rule id, note and (when null) the reason."""

    status: ReceptorStatus | None
    rule: str
    note: str
    reason: str | None = None


# --------------------------------------------------------------------------- small pure rules


def status_from_percent(percent: float, low_upper: float, thresholds: ReceptorThresholds) -> ReceptorStatus:
    """ASCO/CAP status of one percent [er.status]: <1 negative, 1..low_upper low_positive, above positive.

    >>> from her2_interpret.thresholds import RECEPTOR_GUIDELINES
    >>> t = RECEPTOR_GUIDELINES["asco-cap-er-pr-2020"]
    >>> [status_from_percent(p, 10.0, t).value for p in (0.9, 1, 10, 10.1)]
    ['negative', 'low_positive', 'low_positive', 'positive']
    """
    if percent < thresholds.positive_min_percent:
        return ReceptorStatus.NEGATIVE
    if percent <= low_upper:
        return ReceptorStatus.LOW_POSITIVE
    return ReceptorStatus.POSITIVE


def status_from_range(
    low: float, high: float, low_upper: float, thresholds: ReceptorThresholds
) -> ReceptorStatus | None:
    """Status of a percent range when it lies on one side of every cut-off, else None [receptor.range].

    A range that ends at the positive cut-off is the "<1%" of record.md (``[0, 1]``): negative.

    >>> from her2_interpret.thresholds import RECEPTOR_GUIDELINES
    >>> t = RECEPTOR_GUIDELINES["asco-cap-er-pr-2020"]
    >>> [status_from_range(lo, hi, 10.0, t) for lo, hi in ((0, 1), (1, 10), (90, 100), (5, 20))]
    [<ReceptorStatus.NEGATIVE: 'negative'>, <ReceptorStatus.LOW_POSITIVE: 'low_positive'>, \
<ReceptorStatus.POSITIVE: 'positive'>, None]
    """
    low, high = min(low, high), max(low, high)
    cut = thresholds.positive_min_percent
    if low < cut and high <= cut:
        return ReceptorStatus.NEGATIVE
    if low >= cut and high <= low_upper:
        return ReceptorStatus.LOW_POSITIVE
    if low > low_upper:
        return ReceptorStatus.POSITIVE
    return None


def word_fits_range(
    word: ReceptorStatus | None, low: float, high: float, low_upper: float, thresholds: ReceptorThresholds
) -> bool:
    """Whether a status word can describe a range that spans a cut-off [receptor.range]."""
    low = min(low, high)
    cut = thresholds.positive_min_percent
    if word is ReceptorStatus.POSITIVE:
        return low >= cut
    if word is ReceptorStatus.LOW_POSITIVE:
        return cut <= low <= low_upper
    if word is ReceptorStatus.NEGATIVE:
        return low < cut
    return False


def status_from_allred_total(total: int, thresholds: ReceptorThresholds) -> ReceptorStatus | None:
    """Status of an Allred total alone: 0-2 negative, 6-8 positive, 3-5 None [receptor.allred]."""
    if total <= thresholds.allred_total_negative_max:
        return ReceptorStatus.NEGATIVE
    if total >= thresholds.allred_total_positive_min:
        return ReceptorStatus.POSITIVE
    return None


# --------------------------------------------------------------------------- the steps


def _name(marker: Marker) -> str:
    return marker.value.upper()


def _reconcile(number: ReceptorStatus, word: ReceptorStatus | None, rule: str, what: str, name: str,
               cut: float, audit: Audit) -> _Call:
    """A number that decides, checked against the status word [receptor.contradiction]."""
    if word in _POSITIVE_SIDE and number is ReceptorStatus.NEGATIVE:
        audit.warn(
            f"{name}: stated {word.value} but the {what} is below {cut:g}%; the number decides: negative "
            "[receptor.contradiction]"
        )
        return _Call(number, "receptor.contradiction", f"{what} below {cut:g}% decides over the word {word.value}")
    if word is ReceptorStatus.NEGATIVE and number in _POSITIVE_SIDE:
        audit.warn(
            f"{name}: stated negative but the {what} is {cut:g}% or more (an older cut-off?); status left null "
            "[receptor.contradiction]"
        )
        return _Call(None, "receptor.contradiction", f"word negative, {what} {number.value}",
                     reason=f"stated negative contradicts the {what}")
    return _Call(number, rule, f"{what} decides")


def _from_percent(f: ReceptorFinding, rule: str, t: ReceptorThresholds, low_upper: float, audit: Audit) -> _Call:
    assert f.percent is not None
    name = _name(f.marker)
    by_percent = status_from_percent(f.percent, low_upper, t)
    call = _reconcile(by_percent, f.status, rule, "percent", name, t.positive_min_percent, audit)
    if f.allred_ps is not None:
        ps_status = status_from_range(*t.allred_ps_percent[f.allred_ps], low_upper, t)
        if ps_status is not None and ps_status != by_percent:
            audit.warn(f"{name}: Allred proportion score {f.allred_ps} does not match the percent; "
                       "the percent decides [receptor.allred]")
    elif f.allred is not None:
        by_total = status_from_allred_total(f.allred, t)
        if by_total is not None and (by_total is ReceptorStatus.NEGATIVE) != (by_percent is ReceptorStatus.NEGATIVE):
            audit.warn(f"{name}: Allred {f.allred}/8 does not match the percent; the percent decides "
                       "[receptor.allred]")
    return call


def _from_range(low: float, high: float, what: str, rule: str, f: ReceptorFinding,
                t: ReceptorThresholds, low_upper: float, audit: Audit) -> _Call:
    name = _name(f.marker)
    decided = status_from_range(low, high, low_upper, t)
    if decided is not None:
        return _reconcile(decided, f.status, rule, what, name, t.positive_min_percent, audit)
    if word_fits_range(f.status, low, high, low_upper, t):
        assert f.status is not None
        if f.status is ReceptorStatus.NEGATIVE:
            audit.warn(f"{name}: stated negative with a {what} reaching {t.positive_min_percent:g}% or more; "
                       "under ASCO/CAP 2020 it may be low positive [receptor.range]")
        return _Call(f.status, rule, f"{what} spans a cut-off; the stated word fits it")
    audit.warn(f"{name}: the {what} spans a cut-off and no fitting status word is stated; status left null "
               f"[{rule}]")
    return _Call(None, rule, f"{what} spans a cut-off", reason=f"the {what} spans a cut-off")


def _from_allred_total(f: ReceptorFinding, t: ReceptorThresholds, audit: Audit) -> _Call:
    assert f.allred is not None
    name = _name(f.marker)
    rule = "receptor.allred"
    decided = status_from_allred_total(f.allred, t)
    if decided is ReceptorStatus.NEGATIVE and f.status in _POSITIVE_SIDE:
        audit.warn(f"{name}: Allred {f.allred}/8 is negative but the word says positive; status left null [{rule}]")
        return _Call(None, rule, "Allred total contradicts the word", reason="Allred total contradicts the word")
    if decided is ReceptorStatus.POSITIVE and f.status is ReceptorStatus.NEGATIVE:
        audit.warn(f"{name}: Allred {f.allred}/8 is positive but the word says negative; status left null [{rule}]")
        return _Call(None, rule, "Allred total contradicts the word", reason="Allred total contradicts the word")
    if decided is not None:
        return _Call(decided, rule, f"Allred total {f.allred}")
    if f.status is ReceptorStatus.POSITIVE:
        audit.warn(f"{name}: positive with Allred {f.allred}/8 and no percent: {name}-low not excluded [{rule}]")
        return _Call(f.status, rule, "ambiguous Allred total (3-5); the stated word decides")
    if f.status in (ReceptorStatus.LOW_POSITIVE, ReceptorStatus.NEGATIVE):
        assert f.status is not None
        return _Call(f.status, rule, "ambiguous Allred total (3-5); the stated word decides")
    audit.warn(f"{name}: Allred {f.allred}/8 alone can be negative, low positive or positive; status left null "
               f"[{rule}]")
    return _Call(None, rule, "ambiguous Allred total (3-5)", reason="Allred total 3-5 without a status word")


def _from_word(f: ReceptorFinding, audit: Audit) -> _Call:
    name = _name(f.marker)
    rule = "receptor.words"
    if f.status is None:
        if f.h_score is not None:
            audit.warn(f"{name}: an H-score alone gives no status (no guideline cut-off) [receptor.hscore]")
            return _Call(None, "receptor.hscore", "H-score without a status word",
                         reason="H-score alone gives no status")
        return _Call(None, rule, "no status stated", reason="no status or percent stated")
    qualifier = " ".join((f.qualifier or "").lower().split())
    if f.status is ReceptorStatus.POSITIVE and qualifier in _LIMITED_EXTENT:
        audit.warn(f"{name}: positive in a limited extent without a percent; it may be low positive "
                   f"[{rule}]")
        return _Call(f.status, rule, "positive with a limited-extent qualifier, no percent")
    if f.status is ReceptorStatus.POSITIVE and qualifier == "weakly":
        return _Call(f.status, rule, "weakly positive: intensity is not proportion")
    return _Call(f.status, rule, "the stated word decides")


def _call(f: ReceptorFinding, t: ReceptorThresholds, low_upper: float, audit: Audit) -> _Call:
    if f.percent is not None:  # [er.status] / [pr.status]
        return _from_percent(f, f"{f.marker.value}.status", t, low_upper, audit)
    if f.percent_range is not None:  # [receptor.range]
        return _from_range(*f.percent_range, "percent range", "receptor.range", f, t, low_upper, audit)
    if f.allred_ps is not None:  # [receptor.allred]: the proportion score as its percent range
        low, high = t.allred_ps_percent[f.allred_ps]
        what = f"Allred proportion score {f.allred_ps}"
        return _from_range(low, high, what, "receptor.allred", f, t, low_upper, audit)
    if f.allred is not None:  # [receptor.allred]: the total only
        return _from_allred_total(f, t, audit)
    return _from_word(f, audit)  # [receptor.words], [receptor.hscore]


def _has_values(f: ReceptorFinding) -> bool:
    values = (f.status, f.percent, f.percent_range, f.intensity, f.allred, f.allred_ps, f.h_score)
    return any(v is not None for v in values)


def classify_receptor(
    finding: ReceptorFinding | None,
    marker: Marker,
    options: Options | None = None,
    thresholds: ReceptorThresholds | None = None,
) -> Outcome[ReceptorResult]:
    """ER or PR status of the standing finding by ASCO/CAP 2020 [er.status] [pr.status].

    ``thresholds`` defaults to the guideline selected in ``options`` (``receptor_guideline``);
    the low-positive upper bound is the option ``er_low_upper``, for ER and PR alike. Percent,
    range, intensity, Allred total and H-score are carried to the result as stated.

    >>> f = ReceptorFinding(marker=Marker.ER, status=ReceptorStatus.POSITIVE, percent=5)
    >>> classify_receptor(f, Marker.ER).result.status.value
    'low_positive'
    """
    opts = options or Options()
    t = thresholds or opts.receptor
    audit = Audit(guideline=t.version, thresholds=dict(t.as_dict(opts.er_low_upper)))
    if finding is None:
        return audit.outcome(ReceptorResult(marker=marker, reason="not reported"))
    name = _name(marker)
    if Flag.NOT_PERFORMED in finding.flags and not _has_values(finding):
        call = _Call(None, "receptor.words", "stated not performed", reason="not performed")
    else:
        call = _call(finding, t, opts.er_low_upper, audit)
    note = call.note
    if marker is Marker.PR and call.status is ReceptorStatus.LOW_POSITIVE:
        note += "; PR low positive (1-10%) is this library's convention, ASCO/CAP names no PR-low category"
    if call.status is ReceptorStatus.LOW_POSITIVE and marker is Marker.ER:
        note += "; ER low positive: limited data on endocrine benefit, often biologically like ER-negative"
    audit.decide(f"{marker.value}_status", call.status, call.rule, finding.evidence, note)
    if Flag.DCIS in finding.flags:
        audit.warn(f"{name}: the result is on DCIS, not on invasive carcinoma [receptor.dcis]")
    if Flag.HISTORICAL in finding.flags:
        audit.warn(f"{name}: the result is quoted from a prior or outside report; no current result "
                   "[report.history]")
    result = ReceptorResult(
        marker=marker,
        status=call.status,
        percent=finding.percent,
        percent_range=finding.percent_range,
        intensity=finding.intensity,
        allred=finding.allred,
        h_score=finding.h_score,
        dcis=Flag.DCIS in finding.flags,
        historical=Flag.HISTORICAL in finding.flags,
        reason=call.reason,
    )
    return audit.outcome(result)


# --------------------------------------------------------------------------- HR


def hr_status(er: ReceptorStatus | None, pr: ReceptorStatus | None) -> HrStatus | None:
    """HR positive if ER or PR is positive/low_positive; negative if both negative; else None [hr.status].

    >>> hr_status(ReceptorStatus.NEGATIVE, ReceptorStatus.LOW_POSITIVE).value
    'positive'
    >>> hr_status(ReceptorStatus.NEGATIVE, None) is None
    True
    """
    if er in _POSITIVE_SIDE or pr in _POSITIVE_SIDE:
        return HrStatus.POSITIVE
    if er is ReceptorStatus.NEGATIVE and pr is ReceptorStatus.NEGATIVE:
        return HrStatus.NEGATIVE
    return None


def classify_hr(
    er: ReceptorResult, pr: ReceptorResult, stated: HrFinding | None = None, options: Options | None = None
) -> Outcome[HrStatus | None]:
    """HR status from ER and PR [hr.status]; a stated "HR+"/"HR-" fills it only when ER and PR do not."""
    opts = options or Options()
    audit = Audit(guideline=opts.receptor.version, thresholds=dict(opts.receptor.as_dict(opts.er_low_upper)))
    status = hr_status(er.status, pr.status)
    stated_status = stated.status if stated is not None else None
    if status is not None:
        if stated_status is not None and stated_status != status:
            audit.warn(f"HR: stated {stated_status.value} but ER/PR give {status.value}; ER/PR decide [hr.status]")
        audit.decide("hr_status", status, "hr.status", note="from ER and PR")
    elif stated_status is not None:
        assert stated is not None
        status = stated_status
        audit.decide("hr_status", status, "hr.status", stated.evidence,
                     note="stated hormone receptor status (ER and PR do not settle it)")
    elif er.status is not None or pr.status is not None:
        audit.decide("hr_status", None, "hr.status", note="ER and PR do not settle it")
    return audit.outcome(status)
