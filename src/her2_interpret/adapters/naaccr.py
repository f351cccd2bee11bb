"""NAACCR adapter: the breast Site-Specific Data Items (SSDIs) of one interpretation, coded.

:func:`to_naaccr` returns the items of guidelines.md section 9 (NAACCR v23+ breast SSDIs) with
their codes as the strings a registry file holds. Every item always has a code: a value read from
the report, or the code for "test ordered, results not in chart" (a pending result) or for "not
documented / not assessed / unknown" (not stated, not performed, or not codable with confidence).
This library never guesses: anything it could not read with confidence is coded unknown.

Source of the code tables: the NAACCR Site-Specific Data Item (SSDI) Manual, breast schema
(items 3826-3916, 3863), as summarised in guidelines.md section 9. They were written from that
summary and the manual's published code structure without a copy of the manual at hand: the
codes marked ``# uncertain`` below are the ones to check against the SSDI Manual version your
registry ships before use (the manual, not this module, is the reference).
"""

from __future__ import annotations

import math
from typing import Any

from ..result import Interpretation

#: Item number -> (NAACCR XML id, name). Ids follow the NAACCR data dictionary's naming. # uncertain: spelling of ids
ITEMS: dict[int, tuple[str, str]] = {
    3827: ("estrogenReceptorSummary", "Estrogen Receptor Summary"),
    3826: ("estrogenReceptorPercntPosOrRange", "Estrogen Receptor Percent Positive or Range"),
    3828: ("estrogenReceptorTotalAllredScore", "Estrogen Receptor Total Allred Score"),
    3915: ("progesteroneRecepSummary", "Progesterone Receptor Summary"),
    3914: ("progesteroneRecepPrcntPosOrRange", "Progesterone Receptor Percent Positive or Range"),
    3916: ("progesteroneRecepTotalAllredScore", "Progesterone Receptor Total Allred Score"),
    3855: ("her2OverallSummary", "HER2 Overall Summary"),
    3850: ("her2IhcSummary", "HER2 IHC Summary"),
    3854: ("her2IshSummary", "HER2 ISH Summary"),
    3851: ("her2IshDualProbeCopyNumber", "HER2 ISH Dual Probe Copy Number"),
    3852: ("her2IshDualProbeRatio", "HER2 ISH Dual Probe Ratio"),
    3853: ("her2IshSingleProbeCopyNumber", "HER2 ISH Single Probe Copy Number"),
    3863: ("ki67", "Ki-67 (MIB-1)"),
}

# ER/PR Summary (3827, 3915) and HER2 Overall Summary (3855): 0 negative (HER2: negative or
# equivocal, guidelines.md section 9), 1 positive (ER/PR: low positive 1-10% included), 7 test
# ordered, results not in chart, 9 not documented / cannot be determined / not assessed / unknown.
SUMMARY_NEGATIVE, SUMMARY_POSITIVE, ORDERED, UNKNOWN = "0", "1", "7", "9"

# HER2 IHC Summary (3850): 0 score 0 (negative), 1 score 1+ (negative), 2 score 2+ (equivocal),
# 3 score 3+ (positive), 7 ordered, 9 unknown.  # uncertain: check against the SSDI Manual
IHC_CODES: dict[str, str] = {"0": "0", "1+": "1", "2+": "2", "3+": "3"}

# HER2 ISH Summary (3854): 0 negative (not amplified), 1 positive (amplified), 2 equivocal,
# 7 ordered, 9 unknown.  # uncertain: check against the SSDI Manual
ISH_CODES: dict[str, str] = {"not_amplified": "0", "amplified": "1", "equivocal": "2", "pending": "7"}

# Copy numbers and ratio (3851, 3852, 3853): 0.0-99.9 to one decimal, XX.1 100 or greater,
# XX.7 ordered, XX.9 not documented / not assessed / unknown. Values are truncated, not rounded,
# to one decimal: rounding could move a value across a cut-off (a ratio of 1.96 is below 2.0;
# rounded it would read 2.0). # uncertain: the manual's rounding rule
DECIMAL_100_PLUS, DECIMAL_ORDERED, DECIMAL_UNKNOWN = "XX.1", "XX.7", "XX.9"

# ER/PR Percent Positive or Range (3826, 3914): 000-100 a percent (000: stated as <1%), R10 1-10%,
# R20 11-20%, ..., R90 81-90%, R99 91-100% for a stated range within one band, XX7 ordered,
# XX9 not documented / unknown (a stated range across bands too).  # uncertain: band codes
PERCENT_ORDERED, PERCENT_UNKNOWN = "XX7", "XX9"

# ER/PR Total Allred Score (3828, 3916): 00-08, X7 ordered, X9 not documented / unknown.
ALLRED_ORDERED, ALLRED_UNKNOWN = "X7", "X9"

# Ki-67 (3863): 0.0-100.0 percent of positive cells to one decimal, XXX.7 ordered, XXX.9 not
# documented / unknown (a stated range too).  # uncertain: the manual's code for a range
KI67_ORDERED, KI67_UNKNOWN = "XXX.7", "XXX.9"


def _summary(status: str | None, *, her2: bool = False) -> str:
    if status in ("positive", "low_positive"):
        return SUMMARY_POSITIVE
    if status == "negative" or (her2 and status == "equivocal"):
        return SUMMARY_NEGATIVE
    if status == "pending":
        return ORDERED
    return UNKNOWN  # not stated, not performed, equivocal ER/PR, unreadable


def _tenths(value: float) -> str:
    if value >= 100:
        return DECIMAL_100_PLUS
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f}"


def _decimal(value: float | None, pending: bool) -> str:
    if value is not None:
        return _tenths(value)
    return DECIMAL_ORDERED if pending else DECIMAL_UNKNOWN


def _percent_code(percent: float | None, span: list[float] | None, status: str | None) -> str:
    if percent is not None:
        return "000" if percent < 1 else f"{min(100, math.floor(percent + 0.5)):03d}"
    if span is not None:
        low, high = span
        if high <= 1:
            return "000"  # "<1%"
        for band in range(1, 11):
            if 10 * (band - 1) <= low and high <= 10 * band:
                return "R99" if band == 10 else f"R{band}0"
        return PERCENT_UNKNOWN
    return PERCENT_ORDERED if status == "pending" else PERCENT_UNKNOWN


def _allred_code(allred: int | None, status: str | None) -> str:
    if allred is not None:
        return f"{allred:02d}"
    return ALLRED_ORDERED if status == "pending" else ALLRED_UNKNOWN


def to_naaccr(interpretation: Interpretation, *, keys: str = "number") -> dict[Any, str]:
    """The breast SSDI codes of one interpretation, in item order.

    ``keys="number"`` (default) keys them by item number (``3827``), ``"naaccr_id"`` by the NAACCR
    XML id (``"estrogenReceptorSummary"``). See the module docstring for the code tables.

    >>> from her2_interpret import interpret
    >>> codes = to_naaccr(interpret("ER: Positive (95%)\\nPR: Negative (<1%)\\nHER2 (4B5): 1+"))
    >>> codes[3827], codes[3826], codes[3915], codes[3914], codes[3855], codes[3850], codes[3854]
    ('1', '095', '0', '000', '0', '1', '9')
    """
    if not isinstance(interpretation, Interpretation):
        raise TypeError(f"to_naaccr() takes an Interpretation, not {type(interpretation).__name__}")
    if keys not in ("number", "naaccr_id"):
        raise ValueError(f"keys must be 'number' or 'naaccr_id', not {keys!r}")
    r = interpretation.to_record()
    her2 = interpretation.classification.her2
    ish_pending = r["her2_ish_result"] == "pending"
    her2_pending = r["her2_status"] == "pending"
    single = her2.probe == "single"
    ki67_pending = any(
        getattr(f, "pending", False) for f in interpretation.findings.of("ki67")
    ) and r["ki67_percent"] is None and r["ki67_percent_range"] is None

    if r["her2_ihc_score"] is not None:
        ihc = IHC_CODES[r["her2_ihc_score"]]
    elif her2_pending and r["her2_ish_result"] is None:
        ihc = ORDERED  # a HER2 test ordered, no result of either kind yet
    else:
        ihc = UNKNOWN
    ish = ISH_CODES.get(r["her2_ish_result"] or "", UNKNOWN)
    codes: dict[int, str] = {
        3827: _summary(r["er_status"]),
        3826: _percent_code(r["er_percent"], r["er_percent_range"], r["er_status"]),
        3828: _allred_code(r["er_allred"], r["er_status"]),
        3915: _summary(r["pr_status"]),
        3914: _percent_code(r["pr_percent"], r["pr_percent_range"], r["pr_status"]),
        3916: _allred_code(r["pr_allred"], r["pr_status"]),
        3855: _summary(r["her2_status"], her2=True),
        3850: ihc,
        3854: ish,
        3851: _decimal(None if single else r["her2_ish_copy_number"], ish_pending),
        3852: _decimal(r["her2_ish_ratio"], ish_pending),
        3853: _decimal(r["her2_ish_copy_number"] if single else None, ish_pending),
        3863: (
            f"{r['ki67_percent']:.1f}" if r["ki67_percent"] is not None
            else KI67_ORDERED if ki67_pending else KI67_UNKNOWN
        ),
    }
    if keys == "naaccr_id":
        return {ITEMS[number][0]: code for number, code in codes.items()}
    return codes

