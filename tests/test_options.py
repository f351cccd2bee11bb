"""Classification options: validation, defaults, the effect of each option, and a robustness
property (classify never raises on arbitrary findings and valid options)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from her2_interpret.models import (
    Classification,
    Findings,
    Flag,
    Her2Category,
    Her2IhcFinding,
    Her2IshFinding,
    Her2Staining,
    Her2Status,
    Her2StatusFinding,
    HrFinding,
    HrStatus,
    IhcScore,
    Intensity,
    IshResult,
    Ki67Finding,
    Ki67Level,
    Marker,
    Probe,
    ReceptorFinding,
    ReceptorStatus,
    Subtype,
)
from her2_interpret.rules import OPTION_NAMES, Options, check_options, classify, make_options
from her2_interpret.thresholds import DEFAULT_VERSIONS, SUBTYPE_GUIDELINES


def test_defaults_are_the_guideline_defaults() -> None:
    opts = make_options()
    assert opts == Options()
    assert (opts.ki67_high_cutoff, opts.er_low_upper) == (20.0, 10.0)
    assert (opts.er_low_groups_with_tnbc, opts.triple_positive_requires_pr) == (False, False)
    assert (opts.her2_guideline, opts.receptor_guideline, opts.subtype_guideline) == (
        "asco-cap-her2-2018", "asco-cap-er-pr-2020", "st-gallen-2013")
    assert opts.versions() == dict(DEFAULT_VERSIONS)


def test_ki67_cutoff_follows_the_subtype_guideline_unless_given() -> None:
    assert make_options(subtype_guideline="st-gallen-2011").ki67_high_cutoff == 14.0
    assert make_options(subtype_guideline="st-gallen-2011", ki67_high_cutoff=25).ki67_high_cutoff == 25.0
    assert SUBTYPE_GUIDELINES["st-gallen-2011"].pr_high_percent is None


def test_classification_records_options_and_versions() -> None:
    c = classify(Findings(), er_low_upper=9, triple_positive_requires_pr=True)
    assert c.options == {"ki67_high_cutoff": 20.0, "er_low_upper": 9.0, "er_low_groups_with_tnbc": False,
                         "triple_positive_requires_pr": True}
    assert c.guideline_versions == {"her2": "asco-cap-her2-2018", "receptor": "asco-cap-er-pr-2020",
                                    "subtype": "st-gallen-2013", "ki67_bands": "ikwg-2021"}


INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("unknown-name", {"ki67_cutoff": 14}, "unknown option 'ki67_cutoff'; allowed options: ki67_high_cutoff"),
    ("ki67-string", {"ki67_high_cutoff": "20"}, "'ki67_high_cutoff' must be a number"),
    ("ki67-bool", {"ki67_high_cutoff": True}, "'ki67_high_cutoff' must be a number"),
    ("ki67-zero", {"ki67_high_cutoff": 0}, "'ki67_high_cutoff' must be in (0, 100]"),
    ("ki67-above-100", {"ki67_high_cutoff": 101}, "'ki67_high_cutoff' must be in (0, 100]"),
    ("ki67-nan", {"ki67_high_cutoff": math.nan}, "'ki67_high_cutoff' must be a finite number"),
    ("ki67-inf", {"ki67_high_cutoff": math.inf}, "'ki67_high_cutoff' must be a finite number"),
    ("er-low-upper-below-1", {"er_low_upper": 0.5}, "'er_low_upper' must be in [1, 100]"),
    ("er-low-upper-none", {"er_low_upper": None}, "'er_low_upper' must be a number"),
    ("tnbc-int", {"er_low_groups_with_tnbc": 1}, "'er_low_groups_with_tnbc' must be True or False"),
    ("tp-string", {"triple_positive_requires_pr": "yes"}, "'triple_positive_requires_pr' must be True or False"),
    ("her2-version", {"her2_guideline": "asco-cap-her2-2013"}, "'her2_guideline' must be one of asco-cap-her2-2018"),
    ("receptor-version", {"receptor_guideline": 2020}, "'receptor_guideline' must be one of asco-cap-er-pr-2020"),
    ("subtype-version", {"subtype_guideline": "st-gallen-2015"},
     "'subtype_guideline' must be one of st-gallen-2013, st-gallen-2011"),
]


@pytest.mark.parametrize(("options", "message"), [i[1:] for i in INVALID], ids=[i[0] for i in INVALID])
def test_invalid_options_raise_value_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        check_options(options)
    assert message in str(excinfo.value)
    with pytest.raises(ValueError):
        classify(Findings(), **options)


def test_unknown_option_lists_every_allowed_one() -> None:
    with pytest.raises(ValueError) as excinfo:
        check_options({"nope": 1})
    assert all(name in str(excinfo.value) for name in OPTION_NAMES)


def test_check_options_rejects_a_non_mapping() -> None:
    with pytest.raises(ValueError):
        check_options([("ki67_high_cutoff", 20)])  # type: ignore[arg-type]


VALID = [
    ("ki67-14", {"ki67_high_cutoff": 14}),
    ("ki67-100", {"ki67_high_cutoff": 100}),
    ("er-low-upper-9", {"er_low_upper": 9}),
    ("er-low-upper-1", {"er_low_upper": 1.0}),
    ("switches", {"er_low_groups_with_tnbc": True, "triple_positive_requires_pr": False}),
    ("versions", {"her2_guideline": "asco-cap-her2-2018", "receptor_guideline": "asco-cap-er-pr-2020",
                  "subtype_guideline": "st-gallen-2011"}),
]


@pytest.mark.parametrize("options", [v[1] for v in VALID], ids=[v[0] for v in VALID])
def test_valid_options_pass(options: dict[str, Any]) -> None:
    check_options(options)
    assert isinstance(make_options(**options), Options)


# Each option changes the result in at least one case: (id, options, findings, getter, default, with option)
ER5 = ReceptorFinding(marker=Marker.ER, percent=10)
EFFECTS: list[tuple[str, dict[str, Any], tuple[Any, ...], str, Any, Any]] = [
    ("ki67_high_cutoff", {"ki67_high_cutoff": 14}, (Ki67Finding(percent=15),), "ki67.level",
     Ki67Level.LOW, Ki67Level.HIGH),
    ("er_low_upper", {"er_low_upper": 9}, (ER5,), "er.status", ReceptorStatus.LOW_POSITIVE, ReceptorStatus.POSITIVE),
    ("er_low_groups_with_tnbc", {"er_low_groups_with_tnbc": True},
     (ReceptorFinding(marker=Marker.ER, percent=3), ReceptorFinding(marker=Marker.PR, percent=0),
      Her2IhcFinding(score=IhcScore.ZERO)), "subtype", Subtype.LUMINAL_B_LIKE, Subtype.TRIPLE_NEGATIVE),
    ("triple_positive_requires_pr", {"triple_positive_requires_pr": True},
     (ReceptorFinding(marker=Marker.ER, percent=80), ReceptorFinding(marker=Marker.PR, percent=0),
      Her2IhcFinding(score=IhcScore.THREE)), "subtype", Subtype.TRIPLE_POSITIVE, None),
    ("subtype_guideline", {"subtype_guideline": "st-gallen-2011"},
     (ReceptorFinding(marker=Marker.ER, percent=95), ReceptorFinding(marker=Marker.PR, percent=0),
      Her2IhcFinding(score=IhcScore.ONE), Ki67Finding(percent=10)), "subtype",
     Subtype.LUMINAL_B_LIKE, Subtype.LUMINAL_A_LIKE),
]


def _get(c: Classification, path: str) -> Any:
    value: Any = c
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize(("options", "findings", "path", "default", "changed"), [e[1:] for e in EFFECTS],
                         ids=[e[0] for e in EFFECTS])
def test_each_option_changes_a_result(options: dict[str, Any], findings: tuple[Any, ...], path: str,
                                      default: Any, changed: Any) -> None:
    assert _get(classify(Findings(findings=findings)), path) == default
    assert _get(classify(Findings(findings=findings), **options), path) == changed


# --------------------------------------------------------------------------- robustness property


def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


PCT = st.floats(min_value=0, max_value=100, allow_nan=False)
POSITIVE = st.floats(min_value=0, max_value=50, allow_nan=False)
FLAGS = st.frozensets(st.sampled_from(list(Flag)), max_size=3)
RANGE = st.tuples(PCT, PCT)

RECEPTORS = st.builds(
    ReceptorFinding,
    marker=st.sampled_from([Marker.ER, Marker.PR]),
    status=_opt(st.sampled_from(list(ReceptorStatus))),
    qualifier=_opt(st.sampled_from(["weakly", "focally", "rare cells", "strongly", "patchy"])),
    percent=_opt(PCT),
    percent_range=_opt(RANGE),
    intensity=_opt(st.sampled_from(list(Intensity))),
    allred=_opt(st.integers(0, 8)),
    allred_ps=_opt(st.integers(0, 5)),
    allred_is=_opt(st.integers(0, 3)),
    h_score=_opt(st.integers(0, 300)),
    flags=FLAGS,
)
IHC = st.builds(
    Her2IhcFinding,
    score=_opt(st.sampled_from(list(IhcScore))),
    score_range=st.booleans(),
    status=_opt(st.sampled_from(list(Her2Status))),
    staining=_opt(st.sampled_from(list(Her2Staining))),
    category_word=_opt(st.sampled_from(list(Her2Category))),
    completeness=_opt(st.sampled_from(["complete", "incomplete"])),
    stain_intensity=_opt(st.sampled_from(["faint", "weak", "weak_to_moderate", "moderate", "intense"])),
    stain_extent=_opt(st.sampled_from(["le10", "gt10"])),
    flags=FLAGS,
)
ISH = st.builds(
    Her2IshFinding,
    probe=_opt(st.sampled_from(list(Probe))),
    ratio=_opt(POSITIVE),
    copy_number=_opt(POSITIVE),
    cep17=_opt(POSITIVE),
    result=_opt(st.sampled_from(list(IshResult))),
    group_stated=_opt(st.integers(1, 5)),
    flags=FLAGS,
)
STATED = st.builds(
    Her2StatusFinding,
    status=_opt(st.sampled_from(list(Her2Status))),
    category_word=_opt(st.sampled_from(list(Her2Category))),
    final=st.booleans(),
    flags=FLAGS,
)
KI67 = st.builds(Ki67Finding, percent=_opt(PCT), percent_range=_opt(RANGE),
                 level_word=_opt(st.sampled_from(list(Ki67Level))), pending=st.booleans(), flags=FLAGS)
HR = st.builds(HrFinding, status=_opt(st.sampled_from(list(HrStatus))), flags=FLAGS)
FINDINGS = st.builds(
    Findings,
    findings=st.lists(st.one_of(RECEPTORS, IHC, ISH, STATED, KI67, HR), max_size=8).map(tuple),
    organ=st.sampled_from(["breast", "gastric"]),
)
OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "ki67_high_cutoff": st.floats(min_value=0.5, max_value=100),
        "er_low_upper": st.floats(min_value=1, max_value=100),
        "er_low_groups_with_tnbc": st.booleans(),
        "triple_positive_requires_pr": st.booleans(),
        "subtype_guideline": st.sampled_from(["st-gallen-2013", "st-gallen-2011"]),
    },
)

_NEGATIVE_ONLY = (Her2Category.LOW, Her2Category.ULTRALOW, Her2Category.ZERO_NULL, Her2Category.ZERO)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(FINDINGS, OPTIONS)
def test_classify_never_raises_and_keeps_its_invariants(findings: Findings, options: dict[str, Any]) -> None:
    c = classify(findings, **options)
    assert isinstance(c, Classification)
    h = c.her2
    # the category is defined only from the final status
    assert (h.category is None) == (h.status is None)
    if h.category in _NEGATIVE_ONLY:
        assert h.status is Her2Status.NEGATIVE
    if h.status is not None and h.status is not Her2Status.NEGATIVE:
        assert h.category is not None and h.category.value == h.status.value
    # staining only at IHC 0; no dual-probe group for single-probe ISH
    assert h.ihc_staining is None or h.ihc_score is IhcScore.ZERO
    if h.probe is Probe.SINGLE:
        assert h.ish_group is None
    if findings.organ == "gastric":
        assert h.status is None
    # HR follows ER and PR whenever they settle it
    positive = (ReceptorStatus.POSITIVE, ReceptorStatus.LOW_POSITIVE)
    if c.er.status in positive or c.pr.status in positive:
        assert c.hr_status is HrStatus.POSITIVE
    # a subtype needs HER2 positive or negative and an HR status
    if c.subtype is not None:
        assert h.status in (Her2Status.POSITIVE, Her2Status.NEGATIVE) and c.hr_status is not None
    # every decision names a rule and a guideline version
    assert all(d.rule and d.guideline for d in c.decisions)
    assert c.options["ki67_high_cutoff"] == make_options(**options).ki67_high_cutoff
