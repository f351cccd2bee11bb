"""The audit trail every rule keeps: decisions with rule ids, and warnings (principle P3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

from ..models import Decision, Evidence

R = TypeVar("R")


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """What a rule function returns: its result, the decisions it took and its warnings."""

    result: R
    decisions: tuple[Decision, ...] = ()
    warnings: tuple[str, ...] = ()


def _plain(value: object) -> str | float | int | None:
    if isinstance(value, Enum):
        return value.value  # type: ignore[no-any-return]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


@dataclass
class Audit:
    """Collects decisions and warnings while one rule function runs."""

    guideline: str
    thresholds: dict[str, float | str | bool] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def decide(
        self,
        target: str,
        value: object,
        rule: str,
        evidence: tuple[Evidence, ...] = (),
        note: str = "",
        thresholds: dict[str, float | str | bool] | None = None,
        guideline: str | None = None,
    ) -> None:
        """Record one decision (the guideline and thresholds default to the audit's own)."""
        self.decisions.append(
            Decision(
                target=target,
                value=_plain(value),
                rule=rule,
                guideline=self.guideline if guideline is None else guideline,
                thresholds=dict(self.thresholds if thresholds is None else thresholds),
                evidence=tuple(evidence),
                note=note,
            )
        )

    def warn(self, message: str) -> None:
        """Add a warning once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def outcome(self, result: R) -> Outcome[R]:
        """The :class:`Outcome` of the rule with ``result``."""
        return Outcome(result=result, decisions=tuple(self.decisions), warnings=tuple(self.warnings))
