"""her2_interpret: read ER, PR, HER2 and Ki-67 from breast pathology report text.

Text -> findings with evidence (:func:`parse`) -> classification by the published guidelines
with rule ids and guideline versions (:func:`classify`) -> explanations; :func:`interpret`
does all three, and ``Interpretation.to_record()`` gives the flat record.
"""

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
    Interpretation,
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
from .parser import parse
from .record import ADDED_COLUMNS, ALL_COLUMNS, EXTRA_COLUMNS, RECORD_COLUMNS
from .review import Severity
from .rules import classify

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
