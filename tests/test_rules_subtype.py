"""Surrogate subtype rules (guidelines.md section 6, [subtype] and [subtype.erlow]).

Every case goes through :func:`classify`, so the receptor, HER2 and Ki-67 rules feed the subtype
exactly as they do for a parsed report.
"""

from __future__ import annotations

from typing import Any

import pytest

from her2_interpret.models import (
    Findings,
    Flag,
    Her2IhcFinding,
    Her2Status,
    Her2StatusFinding,
    HrFinding,
    HrStatus,
    IhcScore,
    Ki67Finding,
    Ki67Level,
    Marker,
    ReceptorFinding,
    ReceptorStatus,
    Subtype,
)
from her2_interpret.rules import classify

A, B = Subtype.LUMINAL_A_LIKE, Subtype.LUMINAL_B_LIKE
HRP, TP = Subtype.HR_POSITIVE_HER2_NEGATIVE, Subtype.TRIPLE_POSITIVE
HE, TN = Subtype.HER2_ENRICHED, Subtype.TRIPLE_NEGATIVE


def er(percent: float | None = None, **kw: Any) -> ReceptorFinding:
    return ReceptorFinding(marker=Marker.ER, percent=percent, **kw)


def pr(percent: float | None = None, **kw: Any) -> ReceptorFinding:
    return ReceptorFinding(marker=Marker.PR, percent=percent, **kw)


def her2(score: str) -> Her2IhcFinding:
    return Her2IhcFinding(score=IhcScore(score))


def ki67(percent: float | None = None, **kw: Any) -> Ki67Finding:
    return Ki67Finding(percent=percent, **kw)


NEG_HER2 = her2("1+")
POS_HER2 = her2("3+")

# (id, findings, options, expected subtype, warning substring or None)
SUBTYPES: list[tuple[str, tuple[Any, ...], dict[str, Any], Subtype | None, str | None]] = [
    # --- HER2 negative, luminal A-like / B-like
    ("lumA", (er(95), pr(60), NEG_HER2, ki67(10)), {}, A, None),
    ("pr-19.9-lumB", (er(95), pr(19.9), NEG_HER2, ki67(10)), {}, B, None),
    ("pr-20-lumA", (er(95), pr(20), NEG_HER2, ki67(10)), {}, A, None),
    ("ki67-19.9-lumA", (er(95), pr(60), NEG_HER2, ki67(19.9)), {}, A, None),
    ("ki67-20-lumB", (er(95), pr(60), NEG_HER2, ki67(20)), {}, B, None),
    ("ki67-15-cutoff14-lumB", (er(95), pr(60), NEG_HER2, ki67(15)), {"ki67_high_cutoff": 14}, B, None),
    ("pr-range-21-30-lumA", (er(95), pr(percent_range=(21, 30)), NEG_HER2, ki67(8)), {}, A, None),
    ("pr-range-0-10-lumB", (er(95), pr(percent_range=(0, 10)), NEG_HER2, ki67(8)), {}, B, None),
    ("pr-range-11-20-straddles", (er(95), pr(percent_range=(11, 20)), NEG_HER2, ki67(8)), {}, HRP, None),
    ("pr-negative-lumB", (er(95), pr(0), NEG_HER2, ki67(10)), {}, B, None),
    ("pr-negative-word-lumB", (er(95), pr(status=ReceptorStatus.NEGATIVE), NEG_HER2), {}, B, None),
    ("pr-low-lumB", (er(95), pr(5), NEG_HER2, ki67(10)), {}, B, None),
    ("er-low-pr-high-lumB", (er(5), pr(30), NEG_HER2, ki67(10)), {}, B, None),
    ("er-negative-pr-high-lumB", (er(0), pr(30), NEG_HER2, ki67(10)), {}, B, None),
    ("ki67-high-no-pr-lumB", (er(95), NEG_HER2, ki67(40)), {}, B, None),
    ("ki67-range-30-100-lumB", (er(95), pr(60), NEG_HER2, ki67(percent_range=(30, 100))), {}, B, None),
    ("ki67-range-0-10-lumA", (er(95), pr(60), NEG_HER2, ki67(percent_range=(0, 10))), {}, A, None),
    ("ki67-range-straddles", (er(95), pr(60), NEG_HER2, ki67(percent_range=(15, 25))), {}, HRP, None),
    ("ki67-word-only-not-used", (er(95), pr(60), NEG_HER2, ki67(level_word=Ki67Level.LOW)), {}, HRP, None),
    ("no-pr-percent", (er(95), pr(status=ReceptorStatus.POSITIVE), NEG_HER2, ki67(10)), {}, HRP, None),
    ("no-ki67", (er(95), pr(60), NEG_HER2), {}, HRP, None),
    ("pr-30-stated-negative-not-lumA", (er(95), pr(30, status=ReceptorStatus.NEGATIVE), NEG_HER2, ki67(10)), {},
     HRP, None),
    ("er-word-positive-lumA", (er(status=ReceptorStatus.POSITIVE), pr(60), NEG_HER2, ki67(10)), {}, A, None),
    ("hr-shorthand-only", (HrFinding(status=HrStatus.POSITIVE), Her2StatusFinding(status=Her2Status.NEGATIVE),
                           ki67(10)), {}, HRP, None),
    # --- St Gallen 2011 does not use PR
    ("st-gallen-2011-pr-negative-lumA", (er(95), pr(0), NEG_HER2, ki67(10)), {"subtype_guideline": "st-gallen-2011"},
     A, None),
    ("st-gallen-2011-ki67-15-lumB", (er(95), pr(60), NEG_HER2, ki67(15)), {"subtype_guideline": "st-gallen-2011"},
     B, None),
    # --- triple-negative and ER-low [subtype.erlow]
    ("triple-negative", (er(0), pr(0), NEG_HER2, ki67(80)), {}, TN, None),
    ("triple-negative-her2-zero", (er(0), pr(0), her2("0")), {}, TN, None),
    ("hr-shorthand-negative", (HrFinding(status=HrStatus.NEGATIVE), NEG_HER2), {}, TN, None),
    ("er-low-pr-negative-lumB-warns", (er(2), pr(0), her2("0")), {}, B, "[subtype.erlow]"),
    ("er-low-pr-low-lumB-warns", (er(2), pr(3), NEG_HER2), {}, B, "[subtype.erlow]"),
    ("er-low-pr-negative-option-tnbc", (er(2), pr(0), her2("0")), {"er_low_groups_with_tnbc": True}, TN, None),
    ("er-low-pr-high-option-no-effect", (er(5), pr(30), NEG_HER2, ki67(10)), {"er_low_groups_with_tnbc": True}, B,
     None),
    # --- HER2 positive
    ("triple-positive", (er(80), pr(0), POS_HER2), {}, TP, None),
    ("triple-positive-er-low", (er(5), pr(0), POS_HER2), {}, TP, None),
    ("triple-positive-requires-pr-missing", (er(80), pr(0), POS_HER2), {"triple_positive_requires_pr": True},
     None, None),
    ("triple-positive-requires-pr-present", (er(80), pr(30), POS_HER2), {"triple_positive_requires_pr": True},
     TP, None),
    ("her2-enriched", (er(0), pr(0), POS_HER2), {}, HE, None),
    # --- not settled: null
    ("her2-equivocal", (er(95), pr(60), her2("2+"), ki67(10)), {}, None, None),
    ("her2-pending", (er(95), pr(60), Her2StatusFinding(status=Her2Status.PENDING)), {}, None, None),
    ("her2-missing", (er(95), pr(60), ki67(10)), {}, None, None),
    ("her2-null-contradiction", (er(95), Her2IhcFinding(score=IhcScore.THREE, status=Her2Status.NEGATIVE)), {},
     None, None),
    ("hr-null", (er(status=ReceptorStatus.PENDING), pr(0), NEG_HER2), {}, None, None),
    ("hr-null-er-contradiction", (er(5, status=ReceptorStatus.NEGATIVE), pr(0), NEG_HER2), {}, None, None),
    ("nothing", (), {}, None, None),
]


@pytest.mark.parametrize(("findings", "options", "expected", "warning"), [s[1:] for s in SUBTYPES],
                         ids=[s[0] for s in SUBTYPES])
def test_subtype(findings: tuple[Any, ...], options: dict[str, Any], expected: Subtype | None,
                 warning: str | None) -> None:
    c = classify(Findings(findings=findings), **options)
    assert c.subtype == expected
    erlow_warned = any("[subtype.erlow]" in w for w in c.warnings)
    assert erlow_warned == (warning == "[subtype.erlow]")
    d = c.decision_for("subtype")
    if findings:
        assert d is not None and d.rule in ("subtype", "subtype.erlow")
        assert d.guideline == options.get("subtype_guideline", "st-gallen-2013")
        assert d.value == (expected.value if expected else None)
    else:
        assert d is None


def test_erlow_decision_names_its_rule_and_the_option() -> None:
    c = classify(Findings(findings=(er(2), pr(0), her2("0"))), er_low_groups_with_tnbc=True)
    d = c.decision_for("subtype")
    assert d is not None and d.rule == "subtype.erlow" and d.thresholds["er_low_groups_with_tnbc"] is True


def test_triple_positive_requires_pr_note_says_why_null() -> None:
    c = classify(Findings(findings=(er(80), pr(0), POS_HER2)), triple_positive_requires_pr=True)
    d = c.decision_for("subtype")
    assert d is not None and d.value is None and "triple_positive_requires_pr" in d.note


def test_historical_results_still_give_a_subtype_with_warnings() -> None:
    hist = frozenset({Flag.HISTORICAL})
    c = classify(Findings(findings=(er(95, flags=hist), pr(0, flags=hist), Her2IhcFinding(score=IhcScore.ONE,
                                                                                          flags=hist))))
    assert c.subtype is B
    assert sum("[report.history]" in w for w in c.warnings) == 3
