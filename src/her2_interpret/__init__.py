"""her2_interpret: read ER, PR, HER2 and Ki-67 from breast pathology report text.

Text -> findings with evidence (:func:`parse`) -> classification by the published guidelines
with rule ids and guideline versions (:func:`classify`) -> explanations; :func:`interpret`
does all three, and ``Interpretation.to_record()`` gives the flat record.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below, for type checkers and IDEs; at run time they load on first use
    from .api import interpret, interpret_bytes, interpret_many, validate
    from .errors import InputDecodeError, ValidationError
    from .explain import explain
    from .models import (
        Classification,
        Decision,
        Evidence,
        Explanation,
        Findings,
        Flag,
        Her2Category,
        Her2IhcFinding,
        Her2IshFinding,
        Her2Result,
        Her2Staining,
        Her2Status,
        Her2StatusFinding,
        HrFinding,
        HrStatus,
        IhcScore,
        Intensity,
        IshResult,
        Ki67Finding,
        Ki67Result,
        Marker,
        Probe,
        ReceptorFinding,
        ReceptorResult,
        ReceptorStatus,
        ReportWarning,
        Subtype,
    )
    from .reading import parse
    from .record import ADDED_COLUMNS, ALL_COLUMNS, EXTRA_COLUMNS, RECORD_COLUMNS
    from .result import Interpretation
    from .review import Severity
    from .rules import classify
    from .schema import Record


__version__ = "0.1.0"

__all__ = [
    "Classification",
    "Decision",
    "Evidence",
    "Explanation",
    "Findings",
    "Flag",
    "Her2Category",
    "Her2IhcFinding",
    "Her2IshFinding",
    "Her2Result",
    "Her2Staining",
    "Her2Status",
    "Her2StatusFinding",
    "HrFinding",
    "HrStatus",
    "IhcScore",
    "InputDecodeError",
    "Intensity",
    "Interpretation",
    "IshResult",
    "Ki67Finding",
    "Ki67Result",
    "Marker",
    "Probe",
    "ADDED_COLUMNS",
    "ALL_COLUMNS",
    "EXTRA_COLUMNS",
    "RECORD_COLUMNS",
    "ReceptorFinding",
    "ReceptorResult",
    "ReceptorStatus",
    "Record",
    "ReportWarning",
    "Severity",
    "Subtype",
    "ValidationError",
    "classify",
    "explain",
    "interpret",
    "interpret_bytes",
    "interpret_many",
    "parse",
    "validate",
]

#: Where each public name lives: ``import her2_interpret`` loads none of these modules (pydantic,
#: regex and the patterns cost about 0.3 s); the first use of a name loads its module.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("interpret", "interpret_bytes", "interpret_many", "validate"), "api"),
    **dict.fromkeys(("InputDecodeError", "ValidationError"), "errors"),
    "explain": "explain",
    "Interpretation": "result",
    "parse": "reading",
    "classify": "rules",
    "Severity": "review",
    "Record": "schema",
    **dict.fromkeys(("ADDED_COLUMNS", "ALL_COLUMNS", "EXTRA_COLUMNS", "RECORD_COLUMNS"), "record"),
}


def __getattr__(name: str) -> Any:
    """Load a public name's module on first use (PEP 562)."""
    if name in __all__:
        module_name = _LAZY.get(name, "models")
        from importlib import import_module

        value = getattr(import_module(f".{module_name}", __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(ModuleType):
    """Keeps the public ``explain`` the function: importing the submodule of the same name (on the
    first explanation) would otherwise set the package attribute to the module."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "explain" and isinstance(value, ModuleType):
            value = value.explain
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
