"""Stage 11, assembly: the reading pipeline end to end, and the one entry point :func:`parse`.

:func:`_parse` runs the stages in order: normalise (with the offset map) -> mask -> mentions (found
once) -> the clause walk (sections, tables, statements) -> value readers per clause -> findings, then
the report-wide facts: the organ (breast or gastric), whether an invasive carcinoma is diagnosed, the
DCIS-only flag [receptor.dcis] and which markers are named at all (for "not stated" against "stated
but not read").
"""

from __future__ import annotations

from typing import Any

from . import patterns as P
from ..models import Findings, Flag, Marker
from .normalize import normalize
from .clauses import _clauses
from .context import _dcis_named
from .masking import _mask
from .mentions import _all_mentions
from .values.reader import Reader


# --------------------------------------------------------------------------- the walk


def parse(text: str) -> Findings:
    """Read every ER, PR, HER2 and Ki-67 finding in ``text``.

    Never raises for any ``str`` (a non-str raises :class:`TypeError`); text with nothing to
    read gives ``Findings()`` with no findings.

    >>> f = parse("ER: Positive (95%, strong)")
    >>> f.findings[0].percent, f.findings[0].evidence_for("percent")[0].text
    (95.0, '95%')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes report text as str, not {type(text).__name__}")
    if not text.strip():
        return Findings()
    try:
        return _parse(text)
    except TimeoutError:  # the last guard of patterns.PATTERN_TIMEOUT: a warning, never a crash
        return Findings(warnings=(_TIMEOUT_WARNING,))


_TIMEOUT_WARNING = (
    "parsing stopped: a pattern exceeded its time limit on this text; nothing was read from it, "
    "review the report by hand [parse.timeout]"
)


def _parse(text: str) -> Findings:
    norm = normalize(text)
    t = _mask(norm.text)
    gastric = P.GASTRIC.search(t) is not None
    organ = "gastric" if gastric and (not P.BREAST.search(t) or P.GASTRIC_SPECIMEN.search(t)) else "breast"
    invasive = bool(P.INVASIVE_DIAGNOSIS.search(t))
    cells: list[tuple[int, int, str]] = []
    index = _all_mentions(t)  # every mention, found once
    clauses = _clauses(t, cells, norm.text, index)
    reader = Reader(norm, t, cells)
    findings: list[Any] = []
    for clause in clauses:
        findings.extend(reader.read(clause))
    if not invasive and any(_dcis_named(t, m) for m in P.DCIS.finditer(t)):
        # [receptor.dcis]: only DCIS is reported, so every result is on DCIS
        findings = [f.model_copy(update={"flags": f.flags | {Flag.DCIS}}) for f in findings]
    # markers named anywhere outside masked boilerplate: tells "not stated" from "stated but not read"
    kinds = {"er": Marker.ER, "pr": Marker.PR, "her2": Marker.HER2, "ish": Marker.HER2, "measure": Marker.HER2,
             "cep": Marker.HER2, "ki67": Marker.KI67}
    named = {kinds[m.kind] for m in index if m.kind in kinds
             and not (m.kind == "ki67" and m.text.lower().endswith(("proliferative", "proliferation")))}
    result = Findings(findings=tuple(findings), warnings=tuple(reader.warnings), organ=organ, invasive=invasive,
                      mentioned=tuple(m for m in Marker if m in named))
    result._texts = (norm.text, t)
    return result
