"""ER/PR rules (guidelines.md section 4) and HR status (section 5).

One table per rule, run by one parametrised test; findings are built with the models.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest

from her2_interpret.models import (
    Classification,
    Evidence,
    Findings,
    Flag,
    HrFinding,
    HrStatus,
    Intensity,
    Marker,
    ReceptorFinding,
    ReceptorResult,
    ReceptorStatus,
)
from her2_interpret.rules import classify
from her2_interpret.rules.options import make_options
from her2_interpret.rules.receptors import classify_hr, classify_receptor, hr_status
from her2_interpret.thresholds import RECEPTOR_GUIDELINES

POS, LOW, NEG = ReceptorStatus.POSITIVE, ReceptorStatus.LOW_POSITIVE, ReceptorStatus.NEGATIVE
PEND, EQ = ReceptorStatus.PENDING, ReceptorStatus.EQUIVOCAL


def er(**kw: Any) -> ReceptorFinding:
    return ReceptorFinding(marker=Marker.ER, **kw)


def pr(**kw: Any) -> ReceptorFinding:
    return ReceptorFinding(marker=Marker.PR, **kw)


def run(*findings: Any, **options: Any) -> Classification:
    return classify(Findings(findings=tuple(findings)), **options)


@dataclass(frozen=True)
class Case:
    id: str
    finding: ReceptorFinding
    status: ReceptorStatus | None
    warns: str | None = None  # a substring one warning must contain; None: no warning at all
    options: dict[str, Any] = field(default_factory=dict)
    rule: str | None = None  # the decision's rule id, when checked


CASES = [
    # --- [er.status] percent boundaries
    Case("er-0", er(percent=0), NEG, rule="er.status"),
    Case("er-0.9", er(percent=0.9), NEG),
    Case("er-1", er(percent=1), LOW),
    Case("er-10", er(percent=10), LOW),
    Case("er-10.1", er(percent=10.1), POS),
    Case("er-95", er(percent=95), POS),
    Case("er-9-upper9", er(percent=9), LOW, options={"er_low_upper": 9}),
    Case("er-9.5-upper9", er(percent=9.5), POS, options={"er_low_upper": 9}),
    Case("er-10-upper9", er(percent=10), POS, options={"er_low_upper": 9}),
    Case("pr-1", pr(percent=1), LOW, rule="pr.status"),
    Case("pr-10.1", pr(percent=10.1), POS),
    Case("pr-10-upper9", pr(percent=10), POS, options={"er_low_upper": 9}),
    # --- a stated percent decides over the word; [receptor.contradiction]
    Case("positive-5pct-is-low", er(status=POS, percent=5), LOW),
    Case("low-word-50pct-is-positive", er(status=LOW, percent=50), POS),
    Case("positive-0pct-number-wins", er(status=POS, percent=0), NEG, "[receptor.contradiction]",
         rule="receptor.contradiction"),
    Case("positive-0.5pct-number-wins", er(status=POS, percent=0.5), NEG, "[receptor.contradiction]"),
    Case("low-word-0pct-number-wins", er(status=LOW, percent=0), NEG, "[receptor.contradiction]"),
    Case("negative-5pct-null", er(status=NEG, percent=5), None, "[receptor.contradiction]"),
    Case("negative-1pct-null", er(status=NEG, percent=1), None, "[receptor.contradiction]"),
    Case("negative-0pct", er(status=NEG, percent=0), NEG),
    Case("equivocal-word-50pct", er(status=EQ, percent=50), POS),
    Case("pending-word-50pct", er(status=PEND, percent=50), POS),
    # --- [receptor.range]
    Case("range-lt1", er(percent_range=(0, 1)), NEG, rule="receptor.range"),
    Case("range-1-10", er(percent_range=(1, 10)), LOW),
    Case("range-91-100", er(percent_range=(90, 100)), POS),
    Case("range-11-20", er(percent_range=(11, 20)), POS),
    Case("range-positive-word-lt1", er(status=POS, percent_range=(0, 1)), NEG, "[receptor.contradiction]"),
    Case("range-negative-word-1-10", er(status=NEG, percent_range=(1, 10)), None, "[receptor.contradiction]"),
    Case("range-spans-positive-word-fits", er(status=POS, percent_range=(5, 20)), POS),
    Case("range-spans-low-word-fits", er(status=LOW, percent_range=(5, 20)), LOW),
    Case("range-spans-no-word", er(percent_range=(5, 20)), None, "spans a cut-off"),
    Case("range-spans-negative-word-old-cutoff", er(status=NEG, percent_range=(0, 5)), NEG, "may be low positive"),
    Case("range-spans-positive-word-misfits", er(status=POS, percent_range=(0, 5)), None, "spans a cut-off"),
    Case("range-spans-equivocal-word", er(status=EQ, percent_range=(0, 5)), None, "spans a cut-off"),
    Case("range-1-10-upper9-spans", er(percent_range=(1, 10)), None, "spans a cut-off", {"er_low_upper": 9}),
    Case("range-10-100-positive-word", er(status=POS, percent_range=(10, 100)), POS),
    # --- [receptor.allred] proportion score decides
    Case("ps-0", er(allred_ps=0, allred_is=0, allred=0), NEG, rule="receptor.allred"),
    Case("ps-1", er(allred_ps=1, allred_is=3, allred=4), NEG),
    Case("ps-2", er(allred_ps=2, allred_is=2, allred=4), LOW),
    Case("ps-3", er(allred_ps=3, allred_is=1, allred=4), POS),
    Case("ps-4", er(allred_ps=4), POS),
    Case("ps-5", er(allred_ps=5, allred_is=3, allred=8), POS),
    Case("ps-2-positive-word", er(status=POS, allred_ps=2), LOW),
    Case("ps-1-positive-word", er(status=POS, allred_ps=1, allred=4), NEG, "[receptor.contradiction]"),
    Case("ps-3-negative-word", er(status=NEG, allred_ps=3), None, "[receptor.contradiction]"),
    Case("ps-2-upper9-spans", er(allred_ps=2), None, "spans a cut-off", {"er_low_upper": 9}),
    Case("ps-2-upper9-positive-word", er(status=POS, allred_ps=2), POS, options={"er_low_upper": 9}),
    # --- [receptor.allred] total only
    Case("total-0", er(allred=0), NEG),
    Case("total-1", er(allred=1), NEG),
    Case("total-2", er(allred=2), NEG),
    Case("total-3", er(allred=3), None, "can be negative, low positive or positive"),
    Case("total-4", er(allred=4), None, "can be negative, low positive or positive"),
    Case("total-5", er(allred=5), None, "can be negative, low positive or positive"),
    Case("total-6", er(allred=6), POS),
    Case("total-7", er(allred=7), POS),
    Case("total-8", er(allred=8), POS),
    Case("total-2-positive-word", er(status=POS, allred=2), None, "Allred 2/8 is negative"),
    Case("total-2-negative-word", er(status=NEG, allred=2), NEG),
    Case("total-5-positive-word", er(status=POS, allred=5), POS, "ER-low not excluded"),
    Case("total-3-negative-word", er(status=NEG, allred=3), NEG),
    Case("total-4-low-word", er(status=LOW, allred=4), LOW),
    Case("total-7-negative-word", er(status=NEG, allred=7), None, "Allred 7/8 is positive"),
    Case("total-7-positive-word", er(status=POS, allred=7), POS),
    # --- a percent decides over Allred
    Case("percent-over-ps", er(percent=50, allred_ps=1), POS, "proportion score 1 does not match"),
    Case("percent-over-total", er(percent=0, allred=7), NEG, "Allred 7/8 does not match"),
    Case("percent-agrees-with-ps", er(percent=5, allred_ps=2, allred=4), LOW),
    # --- [receptor.hscore]
    Case("hscore-alone", er(h_score=150), None, "H-score alone", rule="receptor.hscore"),
    Case("hscore-negative-word", er(status=NEG, h_score=0), NEG),
    Case("hscore-positive-word", er(status=POS, h_score=200), POS),
    # --- [receptor.words]
    Case("word-positive", er(status=POS), POS, rule="receptor.words"),
    Case("word-negative", er(status=NEG), NEG),
    Case("word-low-positive", er(status=LOW), LOW),
    Case("word-weakly-positive", er(status=POS, qualifier="weakly"), POS),
    Case("word-focally-positive", er(status=POS, qualifier="focally"), POS, "limited extent"),
    Case("word-rare-cells-positive", er(status=POS, qualifier="rare  cells"), POS, "limited extent"),
    Case("word-pending", er(status=PEND), PEND),
    Case("word-equivocal", er(status=EQ), EQ),
    Case("nothing", er(), None),
    Case("not-performed", er(flags=frozenset({Flag.NOT_PERFORMED})), None),
    Case("not-performed-with-percent", er(percent=80, flags=frozenset({Flag.NOT_PERFORMED})), POS),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_receptor_status(case: Case) -> None:
    c = run(case.finding, **case.options)
    result = c.er if case.finding.marker is Marker.ER else c.pr
    assert result.status == case.status
    if case.warns is None:
        assert c.warnings == ()
    else:
        assert any(case.warns in w for w in c.warnings), c.warnings
    if case.status is None:
        assert result.reason
    d = c.decision_for(f"{case.finding.marker.value}_status")
    assert d is not None and d.guideline == "asco-cap-er-pr-2020"
    assert d.value == (case.status.value if case.status else None)
    assert d.thresholds["low_upper_percent"] == case.options.get("er_low_upper", 10.0)
    if case.rule is not None:
        assert d.rule == case.rule


def test_values_are_carried_as_stated() -> None:
    ev = Evidence(field="percent", start=4, end=7, text="95%", pattern="receptor.percent")
    f = er(status=POS, percent=95, intensity=Intensity.STRONG, allred=8, h_score=285, evidence=(ev,))
    out = classify_receptor(f, Marker.ER)
    assert out.result == ReceptorResult(
        marker=Marker.ER, status=POS, percent=95, intensity=Intensity.STRONG, allred=8, h_score=285
    )
    assert out.decisions[0].evidence == (ev,)


def test_range_carried_and_flags() -> None:
    f = pr(percent_range=(1, 10), flags=frozenset({Flag.DCIS, Flag.HISTORICAL}))
    out = classify_receptor(f, Marker.PR)
    assert (out.result.percent_range, out.result.percent, out.result.dcis, out.result.historical) == (
        (1, 10), None, True, True)
    assert any("[receptor.dcis]" in w for w in out.warnings)
    assert any("[report.history]" in w for w in out.warnings)


def test_pr_low_positive_note_says_library_convention() -> None:
    d = classify_receptor(pr(percent=5), Marker.PR).decisions[0]
    assert "convention" in d.note
    assert "convention" not in classify_receptor(er(percent=5), Marker.ER).decisions[0].note


def test_engine_reads_the_thresholds_it_is_given() -> None:
    # a fixed test copy with other cut-offs: the rule code holds no literal of its own
    test_copy = dataclasses.replace(RECEPTOR_GUIDELINES["asco-cap-er-pr-2020"], version="test-receptor",
                                    positive_min_percent=5.0, allred_total_positive_min=7)
    out = classify_receptor(er(percent=3), Marker.ER, thresholds=test_copy)
    assert out.result.status is NEG and out.decisions[0].guideline == "test-receptor"
    assert out.decisions[0].thresholds["positive_min_percent"] == 5.0
    assert classify_receptor(er(allred=6), Marker.ER, thresholds=test_copy).result.status is None
    assert classify_receptor(er(allred=6), Marker.ER).result.status is POS


def test_absent_finding_gives_null_without_decision() -> None:
    out = classify_receptor(None, Marker.ER)
    assert out.result.status is None and out.decisions == ()


# --------------------------------------------------------------------------- HR [hr.status]

HR = [
    ("pos-neg", POS, NEG, None, HrStatus.POSITIVE),
    ("neg-low", NEG, LOW, None, HrStatus.POSITIVE),
    ("low-neg", LOW, NEG, None, HrStatus.POSITIVE),
    ("pos-none", POS, None, None, HrStatus.POSITIVE),
    ("neg-neg", NEG, NEG, None, HrStatus.NEGATIVE),
    ("neg-none", NEG, None, None, None),
    ("neg-pending", NEG, PEND, None, None),
    ("equivocal-neg", EQ, NEG, None, None),
    ("none-none", None, None, None, None),
    ("none-none-stated-hr-pos", None, None, HrStatus.POSITIVE, HrStatus.POSITIVE),
    ("none-none-stated-hr-neg", None, None, HrStatus.NEGATIVE, HrStatus.NEGATIVE),
    ("pos-neg-stated-hr-neg-erpr-win", POS, NEG, HrStatus.NEGATIVE, HrStatus.POSITIVE),
]


@pytest.mark.parametrize(("er_status", "pr_status", "stated", "expected"), [h[1:] for h in HR],
                         ids=[h[0] for h in HR])
def test_hr_status(er_status: ReceptorStatus | None, pr_status: ReceptorStatus | None,
                   stated: HrStatus | None, expected: HrStatus | None) -> None:
    er_r = ReceptorResult(marker=Marker.ER, status=er_status)
    pr_r = ReceptorResult(marker=Marker.PR, status=pr_status)
    hr_f = HrFinding(status=stated) if stated else None
    out = classify_hr(er_r, pr_r, hr_f, make_options())
    assert out.result == expected
    if stated is None:
        assert hr_status(er_status, pr_status) == expected
    if stated is not None and expected is not None and hr_status(er_status, pr_status) not in (None, stated):
        assert any("[hr.status]" in w for w in out.warnings)


def test_hr_through_classify_uses_er_and_pr() -> None:
    c = run(er(percent=0), pr(percent=2))
    assert (c.er.status, c.pr.status, c.hr_status) == (NEG, LOW, HrStatus.POSITIVE)
    assert c.decision_for("hr_status").rule == "hr.status"  # type: ignore[union-attr]


def test_hr_shorthand_fills_when_er_pr_missing() -> None:
    c = run(HrFinding(status=HrStatus.POSITIVE, flags=frozenset({Flag.SHORTHAND})))
    assert (c.er.status, c.pr.status, c.hr_status) == (None, None, HrStatus.POSITIVE)
