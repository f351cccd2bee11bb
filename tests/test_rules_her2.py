"""HER2 rules (guidelines.md sections 1-3): the table of section 3 row by row, the ISH boundaries,
IHC derivation, stated results, and hypothesis properties of the groups and the status order.

Findings are built directly with the models; the parser is not involved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from her2_interpret.models import (
    Classification,
    Evidence,
    Findings,
    Flag,
    Her2Category,
    Her2IhcFinding,
    Her2IshFinding,
    Her2Staining,
    Her2Status,
    Her2StatusFinding,
    IhcScore,
    IshResult,
    Probe,
)
from her2_interpret.rules import classify
from her2_interpret.rules.her2 import (
    IshCall,
    classify_her2,
    derive_ihc_score,
    ish_group,
    single_probe_call,
    status_from_table,
)
from her2_interpret.thresholds import Her2Thresholds

POS, NEG, EQ, PEND = Her2Status.POSITIVE, Her2Status.NEGATIVE, Her2Status.EQUIVOCAL, Her2Status.PENDING
C = Her2Category


def ihc(score: str | None = None, **kw: Any) -> Her2IhcFinding:
    return Her2IhcFinding(score=IhcScore(score) if score is not None else None, **kw)


def dual(ratio: float | None, copies: float | None, cep17: float | None = None, **kw: Any) -> Her2IshFinding:
    return Her2IshFinding(probe=Probe.DUAL, ratio=ratio, copy_number=copies, cep17=cep17, **kw)


def single(copies: float, **kw: Any) -> Her2IshFinding:
    return Her2IshFinding(probe=Probe.SINGLE, copy_number=copies, **kw)


def ish_word(result: IshResult) -> Her2IshFinding:
    return Her2IshFinding(result=result)


def stated(status: Her2Status | None = None, final: bool = False, **kw: Any) -> Her2StatusFinding:
    return Her2StatusFinding(status=status, final=final, **kw)


def run(*findings: Any, organ: str = "breast", **options: Any) -> Classification:
    return classify(Findings(findings=tuple(findings), organ=organ), **options)  # type: ignore[arg-type]


# One example per group: ratio and copy number.
G1, G2, G3, G4, G5 = (2.5, 5.0), (2.3, 3.5), (1.6, 6.8), (1.7, 4.6), (1.2, 2.5)


@dataclass(frozen=True)
class Row:
    """One row of the table of section 3: findings in, status/category (and more) out."""

    id: str
    findings: tuple[Any, ...]
    status: Her2Status | None
    category: Her2Category | None
    ish_result: IshResult | None | str = "any"  # "any": not checked
    warns: tuple[str, ...] = ()  # substrings that must appear among the warnings
    quiet: bool = False  # True: no warning at all
    extra: dict[str, Any] = field(default_factory=dict)  # other Her2Result fields to check


TABLE = [
    # --- IHC 3+
    Row("3+|none", (ihc("3+"),), POS, C.POSITIVE, None, quiet=True),
    Row("3+|group1", (ihc("3+"), dual(*G1)), POS, C.POSITIVE, IshResult.AMPLIFIED),
    Row("3+|group2", (ihc("3+"), dual(*G2)), POS, C.POSITIVE, None, extra={"ish_group": 2}),
    Row("3+|group3", (ihc("3+"), dual(*G3)), POS, C.POSITIVE, None, extra={"ish_group": 3}),
    Row("3+|group4", (ihc("3+"), dual(*G4)), POS, C.POSITIVE, None, extra={"ish_group": 4}),
    Row("3+|group5-discordant", (ihc("3+"), dual(*G5)), POS, C.POSITIVE, IshResult.NOT_AMPLIFIED,
        warns=("discordant",)),
    # --- IHC 2+
    Row("2+|none", (ihc("2+"),), EQ, C.EQUIVOCAL, None),
    Row("2+|ish-ordered", (ihc("2+"), ish_word(IshResult.PENDING)), EQ, C.EQUIVOCAL, IshResult.PENDING),
    Row("2+|group1", (ihc("2+"), dual(*G1)), POS, C.POSITIVE, IshResult.AMPLIFIED),
    Row("2+|group3-recount", (ihc("2+"), dual(*G3)), POS, C.POSITIVE, None,
        warns=("assumes the recount confirmed group 3",)),
    Row("2+|stated-amplified", (ihc("2+"), ish_word(IshResult.AMPLIFIED)), POS, C.POSITIVE, IshResult.AMPLIFIED),
    Row("2+|group2-recount", (ihc("2+"), dual(*G2)), NEG, C.LOW, None,
        warns=("assumes the recount confirmed group 2",)),
    Row("2+|group4-recount", (ihc("2+"), dual(*G4)), NEG, C.LOW, None,
        warns=("assumes the recount confirmed group 4",)),
    Row("2+|group5", (ihc("2+"), dual(*G5)), NEG, C.LOW, IshResult.NOT_AMPLIFIED, quiet=True),
    Row("2+|stated-not-amplified", (ihc("2+"), ish_word(IshResult.NOT_AMPLIFIED)), NEG, C.LOW,
        IshResult.NOT_AMPLIFIED),
    # --- IHC 1+
    Row("1+|none", (ihc("1+"),), NEG, C.LOW, None, quiet=True),
    Row("1+|group1", (ihc("1+"), dual(*G1)), POS, C.POSITIVE, IshResult.AMPLIFIED),
    Row("1+|stated-amplified", (ihc("1+"), ish_word(IshResult.AMPLIFIED)), POS, C.POSITIVE),
    Row("1+|group2", (ihc("1+"), dual(*G2)), NEG, C.LOW),
    Row("1+|group3", (ihc("1+"), dual(*G3)), NEG, C.LOW),
    Row("1+|group4", (ihc("1+"), dual(*G4)), NEG, C.LOW),
    Row("1+|group5", (ihc("1+"), dual(*G5)), NEG, C.LOW, IshResult.NOT_AMPLIFIED),
    Row("1+|stated-not-amplified", (ihc("1+"), ish_word(IshResult.NOT_AMPLIFIED)), NEG, C.LOW),
    # --- IHC 0
    Row("0|none-zero", (ihc("0"),), NEG, C.ZERO, None, extra={"ihc_staining": None}),
    Row("0|none-ultralow", (ihc("0", staining=Her2Staining.FAINT),), NEG, C.ULTRALOW,
        extra={"ihc_staining": Her2Staining.FAINT}),
    Row("0|none-null", (ihc("0", staining=Her2Staining.NONE),), NEG, C.ZERO_NULL,
        extra={"ihc_staining": Her2Staining.NONE}),
    Row("0|ultralow-word", (ihc("0", category_word=C.ULTRALOW),), NEG, C.ULTRALOW),
    Row("0|null-word", (ihc("0", category_word=C.ZERO_NULL),), NEG, C.ZERO_NULL),
    Row("0|group2", (ihc("0"), dual(*G2)), NEG, C.ZERO),
    Row("0|group3", (ihc("0"), dual(*G3)), NEG, C.ZERO),
    Row("0|group4", (ihc("0"), dual(*G4)), NEG, C.ZERO),
    Row("0|group5", (ihc("0"), dual(*G5)), NEG, C.ZERO),
    Row("0|stated-not-amplified", (ihc("0", staining=Her2Staining.FAINT), ish_word(IshResult.NOT_AMPLIFIED)),
        NEG, C.ULTRALOW),
    Row("0|group1-discordant", (ihc("0"), dual(*G1)), POS, C.POSITIVE, warns=("discordant",)),
    Row("0|stated-amplified-discordant", (ihc("0"), ish_word(IshResult.AMPLIFIED)), POS, C.POSITIVE,
        warns=("discordant",)),
    # --- no IHC
    Row("none|group1", (dual(*G1),), POS, C.POSITIVE, IshResult.AMPLIFIED),
    Row("none|stated-amplified", (ish_word(IshResult.AMPLIFIED),), POS, C.POSITIVE, IshResult.AMPLIFIED),
    Row("none|single-ge6", (single(6.3),), POS, C.POSITIVE, IshResult.AMPLIFIED, extra={"ish_group": None}),
    Row("none|group5", (dual(*G5),), NEG, C.NEGATIVE, IshResult.NOT_AMPLIFIED),
    Row("none|stated-not-amplified", (ish_word(IshResult.NOT_AMPLIFIED),), NEG, C.NEGATIVE),
    Row("none|single-lt4", (single(2.4),), NEG, C.NEGATIVE, IshResult.NOT_AMPLIFIED),
    Row("none|group2", (dual(*G2),), EQ, C.EQUIVOCAL, None),
    Row("none|group3", (dual(*G3),), EQ, C.EQUIVOCAL, None),
    Row("none|group4", (dual(*G4),), EQ, C.EQUIVOCAL, None),
    Row("none|single-4-6", (single(5.1),), EQ, C.EQUIVOCAL, None),
    Row("none|group3-ihc-ordered", (dual(*G3), ihc(None, status=PEND)), EQ, C.EQUIVOCAL),
    Row("none|none-stated-positive", (stated(POS),), POS, C.POSITIVE, None),
    Row("none|none-stated-negative", (stated(NEG),), NEG, C.NEGATIVE, None),
    Row("none|none-stated-low", (stated(NEG, category_word=C.LOW),), NEG, C.LOW, extra={"ihc_score": None}),
    Row("none|none-stated-ultralow", (stated(None, category_word=C.ULTRALOW),), NEG, C.ULTRALOW,
        extra={"ihc_score": None}),
    Row("none|none-stated-pending", (stated(PEND),), PEND, C.PENDING, None),
    Row("none|ish-pending-only", (ish_word(IshResult.PENDING),), PEND, C.PENDING, IshResult.PENDING),
    Row("none|ish-pending-stated-equivocal", (stated(EQ), ish_word(IshResult.PENDING)), EQ, C.EQUIVOCAL,
        IshResult.PENDING, quiet=True),
    Row("none|none-ihc-pending", (ihc(None, status=PEND),), PEND, C.PENDING),
    Row("none|none-nothing", (), None, None, None, quiet=True),
]


@pytest.mark.parametrize("row", TABLE, ids=[r.id for r in TABLE])
def test_her2_table(row: Row) -> None:
    c = run(*row.findings)
    assert (c.her2.status, c.her2.category) == (row.status, row.category)
    if row.ish_result != "any":
        assert c.her2.ish_result == row.ish_result
    for fragment in row.warns:
        assert any(fragment in w for w in c.warnings), (fragment, c.warnings)
    if row.quiet:
        assert c.warnings == ()
    for name, value in row.extra.items():
        assert getattr(c.her2, name) == value, name
    # the category is defined only from the final status
    if c.her2.category in (C.LOW, C.ULTRALOW, C.ZERO_NULL, C.ZERO):
        assert c.her2.status is NEG


# --------------------------------------------------------------------------- boundaries

ISH_BOUNDARIES = [
    ("ratio-1.99-copies-4.0", 1.99, 4.0, 4),
    ("ratio-2.0-copies-4.0", 2.0, 4.0, 1),
    ("ratio-2.0-copies-3.99", 2.0, 3.99, 2),
    ("ratio-1.99-copies-3.99", 1.99, 3.99, 5),
    ("ratio-1.99-copies-5.99", 1.99, 5.99, 4),
    ("ratio-1.99-copies-6.0", 1.99, 6.0, 3),
    ("ratio-2.0-copies-6.0", 2.0, 6.0, 1),
    ("ratio-1.5-copies-4.0", 1.5, 4.0, 4),
]


@pytest.mark.parametrize(("ratio", "copies", "group"), [b[1:] for b in ISH_BOUNDARIES],
                         ids=[b[0] for b in ISH_BOUNDARIES])
def test_ish_group_boundaries(ratio: float, copies: float, group: int) -> None:
    assert ish_group(ratio, copies) == group
    c = run(dual(ratio, copies))
    assert c.her2.ish_group == group
    assert c.her2.ish_ratio == ratio  # never rounded


SINGLE_BOUNDARIES = [
    ("single-3.99", 3.99, IshCall.NOT_AMPLIFIED, NEG),
    ("single-4.0", 4.0, IshCall.SINGLE_MID, EQ),
    ("single-5.99", 5.99, IshCall.SINGLE_MID, EQ),
    ("single-6.0", 6.0, IshCall.AMPLIFIED, POS),
]


@pytest.mark.parametrize(("copies", "call", "status"), [b[1:] for b in SINGLE_BOUNDARIES],
                         ids=[b[0] for b in SINGLE_BOUNDARIES])
def test_single_probe_boundaries(copies: float, call: IshCall, status: Her2Status) -> None:
    assert single_probe_call(copies) is call
    c = run(single(copies))
    assert c.her2.status is status
    assert c.her2.ish_group is None  # no dual-probe group for single-probe ISH


SINGLE_WITH_IHC = [
    ("single-4-6+ihc3", "3+", POS, C.POSITIVE),
    ("single-4-6+ihc2", "2+", EQ, C.EQUIVOCAL),
    ("single-4-6+ihc1", "1+", NEG, C.LOW),
    ("single-4-6+ihc0", "0", NEG, C.ZERO),
]


@pytest.mark.parametrize(("score", "status", "category"), [s[1:] for s in SINGLE_WITH_IHC],
                         ids=[s[0] for s in SINGLE_WITH_IHC])
def test_single_probe_middle_band_with_ihc(score: str, status: Her2Status, category: Her2Category) -> None:
    c = run(ihc(score), single(4.8))
    assert (c.her2.status, c.her2.category) == (status, category)


# --------------------------------------------------------------------------- IHC derived / stated

DERIVED = [
    ("complete-intense-gt10", ("complete", "intense", "gt10"), "3+", None, False),
    ("complete-weak-gt10", ("complete", "weak", "gt10"), "2+", None, False),
    ("complete-moderate-gt10", ("complete", "moderate", "gt10"), "2+", None, False),
    ("incomplete-faint-gt10", ("incomplete", "faint", "gt10"), "1+", None, False),
    ("incomplete-faint-le10-ultralow", ("incomplete", "faint", "le10"), "0", Her2Staining.FAINT, False),
    ("complete-intense-le10-unusual", ("complete", "intense", "le10"), "2+", None, True),
    ("incomplete-intense-basolateral", ("incomplete", "intense", None), "2+", None, True),
    ("incomplete-moderate-basolateral", ("incomplete", "moderate", "gt10"), "2+", None, True),
    ("complete-weak-le10-not-covered", ("complete", "weak", "le10"), None, None, True),
    ("extent-missing", ("complete", "intense", None), None, None, True),
]


@pytest.mark.parametrize(("description", "score", "staining", "warns"), [d[1:] for d in DERIVED],
                         ids=[d[0] for d in DERIVED])
def test_derived_ihc_score(description: tuple[Any, ...], score: str | None, staining: Her2Staining | None,
                           warns: bool) -> None:
    derived = derive_ihc_score(*description)
    assert derived.score == (IhcScore(score) if score else None)
    assert derived.staining == staining
    assert (derived.warning is not None) == warns
    completeness, intensity, extent = description
    c = run(ihc(None, completeness=completeness, stain_intensity=intensity, stain_extent=extent))
    assert c.her2.ihc_score == (IhcScore(score) if score else None)
    d = c.decision_for("her2_ihc_score")
    if score is not None:
        assert d is not None and d.rule == "her2.ihc.derived" and "derived" in d.note
    else:
        assert c.her2.status is None


def test_no_membrane_staining_derives_zero_null() -> None:
    c = run(ihc(None, staining=Her2Staining.NONE))
    assert (c.her2.ihc_score, c.her2.category, c.her2.ihc_staining) == (IhcScore.ZERO, C.ZERO_NULL, Her2Staining.NONE)


def test_zero_with_faint_le10_description_is_ultralow() -> None:
    c = run(ihc("0", completeness="incomplete", stain_intensity="faint", stain_extent="le10"))
    assert (c.her2.category, c.her2.ihc_staining) == (C.ULTRALOW, Her2Staining.FAINT)


def test_stated_score_beats_description_with_warning() -> None:
    c = run(ihc("1+", completeness="complete", stain_intensity="intense", stain_extent="gt10"))
    assert c.her2.ihc_score is IhcScore.ONE
    assert any("stated score is kept" in w for w in c.warnings)


def test_staining_passes_only_for_ihc_zero() -> None:
    assert run(ihc("1+", staining=Her2Staining.FAINT)).her2.ihc_staining is None
    assert run(ihc("0", staining=Her2Staining.FAINT)).her2.ihc_staining is Her2Staining.FAINT


def test_score_range_zero_to_one() -> None:
    c = run(ihc(None, score_range=True))
    assert (c.her2.status, c.her2.category, c.her2.ihc_score) == (NEG, C.NEGATIVE, None)
    assert run(ihc(None, score_range=True), dual(*G1)).her2.status is POS


CONTRADICTIONS = [
    ("word-positive-score-0", ihc("0", status=POS), None),
    ("word-positive-score-1+", ihc("1+", status=POS), None),
    ("word-negative-score-3+", ihc("3+", status=NEG), None),
    ("word-positive-range-0-1+", ihc(None, score_range=True, status=POS), None),
    ("word-negative-score-1+-agrees", ihc("1+", status=NEG), NEG),
    ("word-equivocal-score-2+-agrees", ihc("2+", status=EQ), EQ),
]


@pytest.mark.parametrize(("finding", "status"), [c[1:] for c in CONTRADICTIONS], ids=[c[0] for c in CONTRADICTIONS])
def test_ihc_word_against_score(finding: Her2IhcFinding, status: Her2Status | None) -> None:
    c = run(finding)
    assert c.her2.status is status
    if status is None:
        assert c.her2.category is None and c.her2.reason
        assert any("contradicts" in w for w in c.warnings)


# --------------------------------------------------------------------------- ISH numbers and stated results


def test_ratio_computed_from_averages_without_rounding_error() -> None:
    c = run(dual(None, 4.6, 2.3))
    assert c.her2.ish_ratio == 2.0 and c.her2.ish_group == 1
    d = c.decision_for("her2_ish_ratio")
    assert d is not None and "computed" in d.note and d.rule == "her2.ish.numbers"


def test_ratio_not_computed_for_single_probe_or_zero_cep17() -> None:
    assert run(Her2IshFinding(probe=Probe.SINGLE, copy_number=5.0, cep17=2.0)).her2.ish_ratio is None
    assert run(dual(None, 5.0, 0.0)).her2.ish_ratio is None


def test_stated_group_disagreeing_with_numbers_uses_computed() -> None:
    c = run(ihc("2+"), dual(1.2, 2.5, group_stated=3))
    assert c.her2.ish_group == 5 and c.her2.status is NEG
    assert any("stated group 3" in w for w in c.warnings)


def test_stated_group_without_numbers_is_used_for_the_call_not_the_record() -> None:
    c = run(ihc("2+"), Her2IshFinding(probe=Probe.DUAL, group_stated=2))
    assert c.her2.ish_group is None
    assert (c.her2.status, c.her2.category) == (NEG, C.LOW)


def test_group_not_computed_from_ratio_alone() -> None:
    c = run(ihc("2+"), dual(1.2, None, result=IshResult.NOT_AMPLIFIED))
    assert c.her2.ish_group is None and (c.her2.status, c.her2.category) == (NEG, C.LOW)


def test_single_probe_never_has_a_group() -> None:
    assert run(single(8.0, group_stated=1)).her2.ish_group is None


def test_stated_result_contradicting_numbers_is_kept_with_warning() -> None:
    # "AMPLIFIED. ratio 1.2, 2.5 copies": [her2.ish.stated] keeps the stated result (P2)
    c = run(dual(*G5, result=IshResult.AMPLIFIED))
    assert c.her2.ish_result is IshResult.AMPLIFIED and c.her2.ish_group == 5
    assert c.her2.status is POS
    assert any("[her2.ish.stated]" in w for w in c.warnings)


def test_stated_not_amplified_decides_over_group_without_ihc() -> None:
    c = run(dual(*G4, result=IshResult.NOT_AMPLIFIED))
    assert (c.her2.status, c.her2.category, c.her2.ish_group) == (NEG, C.NEGATIVE, 4)
    assert any("[her2.ish.stated]" in w for w in c.warnings)


def test_2013_equivocal_ish_is_read_from_its_numbers() -> None:
    c = run(ihc("2+"), dual(*G4, result=IshResult.EQUIVOCAL))
    assert c.her2.ish_result is IshResult.EQUIVOCAL and c.her2.ish_group == 4
    assert (c.her2.status, c.her2.category) == (NEG, C.LOW)


def test_equivocal_ish_without_numbers_keeps_2_plus_equivocal() -> None:
    c = run(ihc("2+"), ish_word(IshResult.EQUIVOCAL))
    assert (c.her2.status, c.her2.ish_result) == (EQ, IshResult.EQUIVOCAL)


# --------------------------------------------------------------------------- stated overall status

STATED = [
    ("final-negative-over-2+-none", (ihc("2+"), stated(NEG, final=True)), NEG, C.LOW, "stated status is kept"),
    ("final-positive-over-2+-group4", (ihc("2+"), dual(*G4), stated(POS, final=True)), POS, C.POSITIVE,
     "stated status is kept"),
    ("final-agrees", (ihc("2+"), dual(*G1), stated(POS, final=True)), POS, C.POSITIVE, None),
    ("shorthand-contradicts-3+", (ihc("3+"), stated(NEG)), None, None, "contradicts the test results"),
    ("shorthand-contradicts-group1", (dual(*G1), stated(NEG)), None, None, "contradicts the test results"),
    ("shorthand-agrees-1+", (ihc("1+"), stated(NEG)), NEG, C.LOW, None),
    ("shorthand-vs-equivocal-kept", (ihc("2+"), stated(NEG)), EQ, C.EQUIVOCAL, "test results are kept"),
    ("stated-low-refines-no-ihc", (dual(*G5), stated(NEG, category_word=C.LOW)), NEG, C.LOW, None),
]


@pytest.mark.parametrize(("findings", "status", "category", "warning"), [s[1:] for s in STATED],
                         ids=[s[0] for s in STATED])
def test_stated_overall_status(findings: tuple[Any, ...], status: Her2Status | None, category: Her2Category | None,
                               warning: str | None) -> None:
    c = run(*findings)
    assert (c.her2.status, c.her2.category) == (status, category)
    if warning is None:
        assert not any("[her2.final]" in w for w in c.warnings)
    else:
        assert any(warning in w for w in c.warnings), c.warnings


def test_historical_stated_status_is_not_combined_with_current_ihc() -> None:
    c = run(stated(NEG, flags=frozenset({Flag.HISTORICAL})), ihc("3+"))
    assert (c.her2.status, c.her2.historical) == (POS, False)


def test_historical_pending_ish_is_not_combined_with_current_ihc() -> None:
    c = run(Her2IshFinding(result=IshResult.PENDING, flags=frozenset({Flag.HISTORICAL})), ihc("0"))
    assert (c.her2.status, c.her2.ish_result, c.her2.category) == (NEG, None, C.ZERO)


def test_historical_ihc_is_read_with_a_current_ish_that_has_no_ihc() -> None:
    # [report.history]: an ISH report quoting the IHC it was ordered for ("Reason for referral:
    # HER2 IHC 2+"): the ISH has no IHC of its own, so the quoted IHC is read with it, with a warning
    c = run(ihc("2+", flags=frozenset({Flag.HISTORICAL})), dual(*G5))
    assert (c.her2.status, c.her2.category, c.her2.ihc_score) == (NEG, C.LOW, "2+")
    assert any("read with the current ISH" in w and "[report.history]" in w for w in c.warnings)


def test_historical_ish_is_not_combined_with_a_current_ihc() -> None:
    # [report.history]: an older ISH (another specimen, often) does not stand beside a new IHC
    c = run(ihc("1+"), dual(*G1, flags=frozenset({Flag.HISTORICAL})))
    assert (c.her2.status, c.her2.category, c.her2.ihc_score, c.her2.ish_group) == (NEG, C.LOW, "1+", None)
    assert any("not combined" in w and "[report.history]" in w for w in c.warnings)


def test_dcis_ihc_is_not_combined_with_invasive_ish() -> None:
    c = run(ihc("3+", flags=frozenset({Flag.DCIS})), dual(*G5))
    assert (c.her2.status, c.her2.category, c.her2.ihc_score) == (NEG, C.NEGATIVE, None)
    assert any("[receptor.dcis]" in w for w in c.warnings)


def test_historical_only_result_is_used_and_marked() -> None:
    c = run(ihc("1+", flags=frozenset({Flag.HISTORICAL})))
    assert (c.her2.status, c.her2.historical) == (NEG, True)
    assert any("[report.history]" in w for w in c.warnings)


def test_gastric_specimen_is_not_classified() -> None:
    c = run(ihc("3+"), dual(*G1), organ="gastric")
    assert (c.her2.status, c.her2.category, c.her2.ihc_score, c.her2.ish_group) == (None, None, None, None)
    assert any("[report.organ]" in w for w in c.warnings)
    assert c.subtype is None


# --------------------------------------------------------------------------- audit trail


def test_decisions_name_rule_guideline_thresholds_and_evidence() -> None:
    ev = Evidence(field="score", start=0, end=2, text="2+", pattern="her2.ihc.score")
    c = run(ihc("2+", evidence=(ev,)), dual(*G3))
    d = c.decision_for("her2_status")
    assert d is not None
    assert (d.value, d.rule, d.guideline) == ("positive", "her2.ish.group3", "asco-cap-her2-2018")
    assert d.thresholds["ish_ratio"] == 2.0 and d.thresholds["ish_copy_high"] == 6.0
    assert ev in d.evidence
    ihc_d = c.decision_for("her2_ihc_score")
    assert ihc_d is not None and ihc_d.evidence == (ev,) and ihc_d.rule == "her2.ihc.stated"
    assert c.decision_for("her2_ish_group").rule == "her2.ish.group3"  # type: ignore[union-attr]
    assert c.guideline_versions["her2"] == "asco-cap-her2-2018"


#: A fixed test copy of the thresholds: the engine reads names, so moving a cut-off moves the result.
TEST_HER2 = Her2Thresholds(version="test-her2", citation="test copy", ihc_extent_percent=10.0, ish_ratio=2.2,
                           ish_copy_low=4.5, ish_copy_high=7.0, ish_min_cells=20)


def test_engine_reads_the_thresholds_it_is_given() -> None:
    assert ish_group(2.1, 5.0, TEST_HER2) == 4 and ish_group(2.1, 5.0) == 1
    assert ish_group(1.5, 6.5, TEST_HER2) == 4 and ish_group(1.5, 6.5) == 3
    assert single_probe_call(4.2, TEST_HER2) is IshCall.NOT_AMPLIFIED
    out = classify_her2(ihc("2+"), dual(2.1, 5.0), thresholds=TEST_HER2)
    assert (out.result.ish_group, out.result.status) == (4, NEG)
    status = next(d for d in out.decisions if d.target == "her2_status")
    assert status.guideline == "test-her2" and status.thresholds["ish_ratio"] == 2.2


def test_warnings_never_echo_report_text() -> None:
    secret = "Jane Roe MRN 4471"
    ev = Evidence(field="result", start=0, end=len(secret), text=secret, pattern="x")
    c = run(ihc("0", status=POS, evidence=(ev,)), dual(*G5, result=IshResult.AMPLIFIED, evidence=(ev,)))
    assert c.warnings and not any(secret in w for w in c.warnings)


# --------------------------------------------------------------------------- properties

RATIOS = st.floats(min_value=0.01, max_value=30, allow_nan=False, allow_infinity=False)
COPIES = st.floats(min_value=0.01, max_value=60, allow_nan=False, allow_infinity=False)

#: The groups of section 2 written as the guideline's table, independently of ish_group().
GROUP_TABLE = {
    1: lambda r, c: r >= 2.0 and c >= 4.0,
    2: lambda r, c: r >= 2.0 and c < 4.0,
    3: lambda r, c: r < 2.0 and c >= 6.0,
    4: lambda r, c: r < 2.0 and 4.0 <= c < 6.0,
    5: lambda r, c: r < 2.0 and c < 4.0,
}


@given(RATIOS, COPIES)
def test_every_ratio_copy_pair_is_in_exactly_one_group(ratio: float, copies: float) -> None:
    matching = [g for g, rule in GROUP_TABLE.items() if rule(ratio, copies)]
    assert matching == [ish_group(ratio, copies)]


ORDER = {NEG: 0, EQ: 1, POS: 2}


@given(RATIOS, RATIOS, COPIES, st.sampled_from([None, *IhcScore]))
def test_raising_the_ratio_never_lowers_the_status(r1: float, r2: float, copies: float,
                                                   score: IhcScore | None) -> None:
    low, high = sorted((r1, r2))
    status_low = status_from_table(score, _call(low, copies))
    status_high = status_from_table(score, _call(high, copies))
    assert status_low is not None and status_high is not None
    assert ORDER[status_low] <= ORDER[status_high]
    # and the same through classify()
    findings = (ihc(score.value),) if score else ()
    c_low, c_high = run(*findings, dual(low, copies)), run(*findings, dual(high, copies))
    assert ORDER[c_low.her2.status] <= ORDER[c_high.her2.status]  # type: ignore[index]


def _call(ratio: float, copies: float) -> IshCall:
    return {1: IshCall.AMPLIFIED, 2: IshCall.GROUP2, 3: IshCall.GROUP3, 4: IshCall.GROUP4,
            5: IshCall.NOT_AMPLIFIED}[ish_group(ratio, copies)]


@settings(max_examples=60)
@given(st.sampled_from([*IhcScore]), st.sampled_from([None, *IshCall]))
def test_table_never_calls_ihc_zero_or_one_equivocal(score: IhcScore, call: IshCall | None) -> None:
    status = status_from_table(score, call)
    if score in (IhcScore.ZERO, IhcScore.ONE):
        assert status in (NEG, POS)
    if score is IhcScore.THREE:
        assert status is POS
