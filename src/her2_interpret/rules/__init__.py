"""Guideline rules: findings in, an audited :class:`~her2_interpret.models.Classification` out.

:func:`classify` picks the standing finding per marker (:func:`her2_interpret.report.select_standing`)
and applies, in order, ER/PR [er.status] [pr.status], HR [hr.status], HER2 [her2.final], Ki-67
[ki67] and the surrogate subtype [subtype]. Each rule module's functions are public and work on
plain inputs; thresholds come from :mod:`her2_interpret.thresholds` by guideline version.
"""

from __future__ import annotations

from typing import Any

from ..models import Classification, Findings, Marker
from ..report import select_standing
from .audit import Outcome
from .her2 import classify_her2, ish_group, status_from_table
from .ki67 import classify_ki67, ki67_level
from .options import OPTION_NAMES, Options, check_options, make_options
from .receptors import classify_hr, classify_receptor, hr_status
from .subtype import classify_subtype, surrogate_subtype


def classify(findings: Findings, **options: Any) -> Classification:
    """Classify parsed findings by the guidelines; every decision and warning is recorded.

    Options (all keyword, checked by :func:`check_options`): ``ki67_high_cutoff``,
    ``er_low_upper``, ``er_low_groups_with_tnbc``, ``triple_positive_requires_pr``,
    ``her2_guideline``, ``receptor_guideline``, ``subtype_guideline``.

    >>> from her2_interpret.models import ReceptorFinding, ReceptorStatus
    >>> c = classify(Findings(findings=(ReceptorFinding(marker=Marker.ER, percent=5),)))
    >>> c.er.status.value, c.hr_status.value
    ('low_positive', 'positive')
    """
    if not isinstance(findings, Findings):
        raise TypeError(f"classify() takes Findings (from parse()), not {type(findings).__name__}")
    opts = make_options(**options)
    standing = select_standing(findings)
    er = classify_receptor(standing.er, Marker.ER, opts)
    pr = classify_receptor(standing.pr, Marker.PR, opts)
    hr = classify_hr(er.result, pr.result, standing.hr, opts)
    her2 = classify_her2(standing.her2_ihc, standing.her2_ish, standing.her2_stated, opts, standing.organ)
    ki67 = classify_ki67(standing.ki67, opts)
    subtype = classify_subtype(er.result, pr.result, her2.result.status, hr.result, ki67.result, opts)
    outcomes: tuple[Outcome[Any], ...] = (er, pr, hr, her2, ki67, subtype)
    warnings = [w for w in standing.warnings if w not in findings.warnings]
    for outcome in outcomes:
        warnings += [w for w in outcome.warnings if w not in warnings]
    return Classification(
        er=er.result,
        pr=pr.result,
        her2=her2.result,
        ki67=ki67.result,
        hr_status=hr.result,
        subtype=subtype.result,
        decisions=tuple(d for outcome in outcomes for d in outcome.decisions),
        warnings=tuple(warnings),
        guideline_versions=opts.versions(),
        options=opts.values(),
    )


__all__ = [
    "OPTION_NAMES",
    "Options",
    "check_options",
    "classify",
    "classify_her2",
    "classify_hr",
    "classify_ki67",
    "classify_receptor",
    "classify_subtype",
    "hr_status",
    "ish_group",
    "ki67_level",
    "make_options",
    "status_from_table",
    "surrogate_subtype",
]
