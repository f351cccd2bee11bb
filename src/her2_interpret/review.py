"""Warning codes and their severities: which warnings send a record to a person (data, not logic).

Every warning the library gives names the rule of ``guidelines.md`` that raised it, in brackets at the
end of its message ("... left null [receptor.range]"); that rule id is the warning's stable ``code``.
Its severity says what a registrar may do with the record:

- ``info``: the rules settled it; the warning explains a choice (a DCIS result set aside, the
  latest of several specimens taken). The record can be accepted as it is.
- ``review``: the record is honest but a person should look: a value was left null for a reason
  the report may settle (an ambiguous Allred total, tumours without sizes), a prior result fills
  the record, a guideline assumption was made, or the text was read through an OCR correction.
- ``conflict``: the report's own evidence disagrees (a word against its number, a stated result
  against its numbers, two specimens of equal standing); the library kept one reading by a rule or
  left the field null, and a person must check.

:data:`SEVERITY_RULES` is read top to bottom; the first row whose code matches and whose message
pattern is found decides. :data:`CODES` lists every code with its default severity; a test checks
that every warning the library gives has a registered code.
"""

from __future__ import annotations

import re
import sys
from enum import Enum

if sys.version_info >= (3, 11):  # pragma: no cover - depends on interpreter
    from enum import StrEnum
else:  # pragma: no cover

    class StrEnum(str, Enum):
        def __str__(self) -> str:
            return str(self.value)


class Severity(StrEnum):
    INFO = "info"
    REVIEW = "review"
    CONFLICT = "conflict"


#: Every warning code (a rule id of guidelines.md, or ``parse.*`` for the reader itself) with its
#: default severity and what it is about.
CODES: dict[str, tuple[Severity, str]] = {
    "report.*": (Severity.INFO, "several results; the rules of section 7 chose the one that stands"),
    "report.addendum": (Severity.INFO, "a later addendum or amendment supersedes an earlier result"),
    "report.specimens": (Severity.REVIEW, "several specimens or tumours"),
    "report.history": (Severity.REVIEW, "a result quoted from a prior or outside report"),
    "report.organ": (Severity.REVIEW, "a gastric or gastro-oesophageal specimen"),
    "report.not_results": (Severity.REVIEW, "a statement that looked like a result was set aside"),
    "receptor.dcis": (Severity.INFO, "a result on DCIS, not on the invasive carcinoma"),
    "receptor.contradiction": (Severity.CONFLICT, "a status word contradicts its number"),
    "receptor.range": (Severity.REVIEW, "a stated range spans a cut-off"),
    "receptor.allred": (Severity.REVIEW, "an Allred score that does not settle the status"),
    "receptor.hscore": (Severity.INFO, "an H-score gives no status"),
    "receptor.words": (Severity.REVIEW, "a status word without a percent that may be low positive"),
    "receptor.evidence": (Severity.CONFLICT, "the evidence of one statement points both ways"),
    "er.status": (Severity.REVIEW, "ER status"),
    "pr.status": (Severity.REVIEW, "PR status"),
    "hr.status": (Severity.CONFLICT, "a stated HR status contradicts ER/PR"),
    "her2.final": (Severity.CONFLICT, "a stated HER2 status or category against the table of section 3"),
    "her2.ihc.stated": (Severity.CONFLICT, "a stated IHC score against its description or word"),
    "her2.ihc.derived": (Severity.REVIEW, "an IHC score derived from a staining description"),
    "her2.ihc.subzero": (Severity.REVIEW, "HER2 0: ultralow or null"),
    "her2.ish.stated": (Severity.CONFLICT, "a stated ISH result against its own numbers"),
    "her2.ish.numbers": (Severity.REVIEW, "an ISH number that could not be placed"),
    "her2.ish.group1-5": (Severity.CONFLICT, "a stated ISH group against its numbers"),
    "her2.ish.groups234": (Severity.REVIEW, "ISH groups 2-4: an assumption about the recount"),
    "her2.ish.single": (Severity.REVIEW, "single-probe ISH"),
    "ki67": (Severity.CONFLICT, "a stated Ki-67 level against its number"),
    "subtype.erlow": (Severity.INFO, "ER-low positive: not triple-negative by definition"),
    "subtype": (Severity.INFO, "surrogate subtype"),
    "parse.timeout": (Severity.REVIEW, "a pattern hit its time limit; nothing was read"),
    "parse.fuzzy": (Severity.REVIEW, "a value was read through an OCR/typo correction"),
    "parse.warning": (Severity.REVIEW, "a warning without a rule id"),
    "parse.unread": (Severity.REVIEW, "a marker named in the report whose result could not be read"),
    "parse.no_result": (Severity.INFO, "a marker named with no result: not done, still to come, or left blank"),
}

#: (code, message pattern, severity): where one code covers choices of different weight.
SEVERITY_RULES: tuple[tuple[str, str, Severity], ...] = (
    # several specimens: taking the latest or reading agreeing ones together is settled; the others not
    ("report.specimens", r"the (?:latest|most recent) stands", Severity.INFO),
    ("report.specimens", r"disagree|left null|left unread", Severity.CONFLICT),
    ("report.specimens", r"another tumour", Severity.INFO),
    # a prior test set aside beside a current one is settled; a prior result filling the record is not
    ("report.history", r"not combined", Severity.INFO),
    ("receptor.dcis", r"not recorded", Severity.REVIEW),
    # a stated negative below an older cut-off is a conflict of words and numbers
    ("receptor.contradiction", r"", Severity.CONFLICT),
    ("receptor.allred", r"does not match|but the word says", Severity.CONFLICT),
    ("her2.final", r"discordant", Severity.CONFLICT),
    # guidelines.md [her2.ish.numbers] says to read it so: the choice is the guideline's
    ("her2.ish.numbers", r"read as the ratio", Severity.INFO),
)

#: Record columns each marker's warnings can leave null ("status left null", "not recorded").
MARKER_COLUMNS: dict[str, tuple[str, ...]] = {
    "er": ("er_status",),
    "pr": ("pr_status",),
    "her2": ("her2_status",),
    "ki67": ("ki67_percent",),
    "hr": ("hr_status",),
}

_CODE = re.compile(r"\[([a-z0-9_*.-]+(?:\.[a-z0-9_*-]+)*)\]\s*$")
_MARKER = re.compile(r"^\s*(ER|PR|HER2|Ki-67|HR|Subtype)\b")
_MARKERS = {"ER": "er", "PR": "pr", "HER2": "her2", "Ki-67": "ki67", "HR": "hr", "Subtype": "subtype"}
_NULLED = re.compile(r"status left null|; left null|left unread \(null\)|not recorded|not classified")


def code_of(message: str) -> str:
    """The rule id a message ends with ("... [receptor.range]"), or ``parse.warning``."""
    m = _CODE.search(message)
    return m.group(1) if m else "parse.warning"


def marker_of(message: str) -> str | None:
    """The marker a message speaks of, from its label ("PR: ...", "HER2 IHC: ...")."""
    m = _MARKER.match(message)
    return _MARKERS[m.group(1)] if m else None


def severity_of(code: str, message: str) -> Severity:
    """The severity of a warning: the first matching row of :data:`SEVERITY_RULES`, else the
    code's default in :data:`CODES` (``review`` for a code not registered: unknown is not safe)."""
    for rule_code, pattern, severity in SEVERITY_RULES:
        if rule_code == code and re.search(pattern, message):
            return severity
    return CODES.get(code, (Severity.REVIEW, ""))[0]


_COLUMN_NAME = re.compile(r"\b(?:er|pr|her2|ki67|hr)_[a-z0-9_]+\b")


def nulled_columns(marker: str | None, message: str) -> tuple[str, ...]:
    """The record columns a warning says it left null: those it names ("disagree on er_percent;
    left null"), else the marker's status column; empty when it says nothing was left null."""
    if not _NULLED.search(message):
        return ()
    named = tuple(_COLUMN_NAME.findall(message))
    if named:
        return named
    test = _HER2_TEST.match(message)  # "HER2 IHC: ... left null" speaks of the score, not the status
    if test is not None and "status left null" not in message:
        return ("her2_ihc_score",) if test.group(1).upper() == "IHC" else ("her2_ish_result",)
    return MARKER_COLUMNS.get(marker or "", ())


_HER2_TEST = re.compile(r"^\s*HER2\s+(IHC|ISH)\b", re.IGNORECASE)
