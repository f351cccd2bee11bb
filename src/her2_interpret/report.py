"""Which result stands in a whole report (guidelines.md section 7, [report.*]).

:func:`select_standing` takes every finding :func:`her2_interpret.parse` read and returns, per
marker, the one (merged) finding that the record should use, with warnings whenever it had
to choose among conflicting results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import (
    Findings,
    Her2IhcFinding,
    Her2IshFinding,
    Her2StatusFinding,
    HrFinding,
    Ki67Finding,
    ReceptorFinding,
)


@dataclass(frozen=True)
class Standing:
    """The findings that stand for the record, one per marker (None when nothing usable)."""

    er: ReceptorFinding | None = None
    pr: ReceptorFinding | None = None
    her2_ihc: Her2IhcFinding | None = None
    her2_ish: Her2IshFinding | None = None
    her2_stated: Her2StatusFinding | None = None
    ki67: Ki67Finding | None = None
    hr: HrFinding | None = None
    organ: str = "breast"
    warnings: tuple[str, ...] = field(default=())


def select_standing(findings: Findings) -> Standing:
    """Pick the standing finding per marker (placeholder: the last finding of each kind)."""
    def last(kind, marker=None):
        found = findings.of(kind, marker)
        return found[-1] if found else None

    from .models import Marker

    return Standing(
        er=last("receptor", Marker.ER),
        pr=last("receptor", Marker.PR),
        her2_ihc=last("her2_ihc"),
        her2_ish=last("her2_ish"),
        her2_stated=last("her2_status"),
        ki67=last("ki67"),
        hr=last("hr"),
        organ=findings.organ,
        warnings=findings.warnings,
    )
