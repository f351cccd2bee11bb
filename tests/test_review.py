"""Structured warnings, the review flag and the added record columns (record.md "Added columns").

Over every corpus text: each warning has a registered code (a rule id), a severity and a marker;
``needs_review`` is true exactly when a review/conflict warning applies or a value was read fuzzily;
and no value is emitted for a column that a warning says it left null.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_cases import load_cases
from her2_interpret import (
    ADDED_COLUMNS,
    Flag,
    ReportWarning,
    Severity,
    ValidationError,
    interpret,
    validate,
)
from her2_interpret.review import CODES

ROOT = Path(__file__).resolve().parents[1]
CASES = load_cases()
README_EXAMPLE = (ROOT / "examples" / "report_001.txt").read_text(encoding="utf-8")
TEXTS = [pytest.param(c.text, id=c.id) for c in CASES] + [pytest.param(README_EXAMPLE, id="examples/report_001")]


@pytest.mark.parametrize("text", TEXTS)
def test_warnings_are_coded_and_review_flag_follows_them(text: str) -> None:
    result = interpret(text)
    record = result.to_record()
    for w in result.warnings:
        assert isinstance(w, ReportWarning)
        assert w.code in CODES, f"unregistered warning code {w.code!r}: {w.message}"
        assert w.message.rstrip().endswith(f"[{w.code}]")
    expected = [w.code for w in result.warnings if w.severity is not Severity.INFO]
    fuzzy = any(Flag.FUZZY in f.flags for f in result.findings.findings)
    assert record["needs_review"] is bool(expected or fuzzy)
    assert set(record["review_reasons"]) == set(expected) | ({"parse.fuzzy"} if fuzzy else set())
    assert record["warnings"] == [w.message for w in result.warnings]


@pytest.mark.parametrize("text", TEXTS)
def test_no_value_where_a_warning_says_null(text: str) -> None:
    result = interpret(text)
    record = result.to_record()
    for w in result.warnings:
        for column in w.columns:
            assert record[column] is None, f"{column}={record[column]!r} but a warning says null: {w.message}"


def test_readme_example_does_not_need_review() -> None:
    record = interpret(README_EXAMPLE).to_record()
    assert record["needs_review"] is False, record["review_reasons"]


@pytest.mark.parametrize(
    ("text", "reason", "severity"),
    [
        # a word against its number: a conflict
        ("ER: Positive (0%)\nPR: Negative (0%)\nHER2: 1+", "receptor.contradiction", Severity.CONFLICT),
        # an Allred total of 3-5 with no word or percent: left null, a person should look
        ("ER Allred score 4/8\nPR: Negative (0%)\nHER2: 1+", "receptor.allred", Severity.REVIEW),
        # two tumours without sizes that disagree
        ("Tumour 1: ER positive (90%)\nTumour 2: ER negative (0%)", "report.specimens", Severity.CONFLICT),
    ],
)
def test_review_reasons(text: str, reason: str, severity: Severity) -> None:
    result = interpret(text)
    record = result.to_record()
    assert record["needs_review"] is True
    assert reason in record["review_reasons"]
    assert any(w.code == reason and w.severity is severity for w in result.warnings)


def test_info_warning_does_not_flag() -> None:
    # ER-low with PR and HER2 negative: the rules settle it; the warning only explains [subtype.erlow]
    result = interpret("ER: low positive (5%)\nPR: Negative (0%)\nHER2 (IHC): 1+")
    assert any(w.code == "subtype.erlow" and w.severity is Severity.INFO for w in result.warnings)
    assert result.to_record()["needs_review"] is False
    assert validate(result) is result  # info warnings never fail validate()


def test_validate_fails_on_review_and_conflict() -> None:
    with pytest.raises(ValidationError, match=r"conflict: ER: stated positive"):
        validate("ER: Positive (0%)\nPR: Negative (0%)\nHER2: 1+")
    assert validate("ER: Positive (0%)\nPR: Negative (0%)\nHER2: 1+", allow_warnings=True)


def test_validate_rejects_unknown_options_also_for_an_interpretation() -> None:
    result = interpret("ER: Positive (95%)\nPR: Positive (80%)\nHER2: 0")
    with pytest.raises(ValueError, match="ki67_cutoff"):
        validate(result, ki67_cutoff=14)


def test_warning_from_a_message() -> None:
    w = ReportWarning.from_message("PR: the percent range spans a cut-off; status left null [receptor.range]")
    assert (w.code, w.marker, w.severity, w.columns) == ("receptor.range", "pr", Severity.REVIEW, ("pr_status",))
    assert "[receptor.range]" in w and str(w) == w.message
    unknown = ReportWarning.from_message("something odd")
    assert unknown.code == "parse.warning" and unknown.severity is Severity.REVIEW  # unknown is not safe


@pytest.mark.parametrize(
    ("text", "level", "band"),
    [
        ("Ki-67: 25%", "high", "intermediate"),
        ("Ki-67: 4%", "low", "low"),
        ("Ki-67: 30%", "high", "high"),
        ("Ki-67: 19.9%", "low", "intermediate"),
        ("Ki-67: 10-30%", None, None),  # a range straddling the cut-off: indeterminate
        ("ER positive", None, None),
    ],
)
def test_ki67_added_columns(text: str, level: str | None, band: str | None) -> None:
    record = interpret(text).to_record()
    assert list(record)[25:29] == list(ADDED_COLUMNS)
    assert (record["ki67_level"], record["ki67_ikwg_band"]) == (level, band)


def test_ki67_level_follows_the_cutoff_option() -> None:
    assert interpret("Ki-67: 15%").to_record()["ki67_level"] == "low"
    assert interpret("Ki-67: 15%", ki67_high_cutoff=14).to_record()["ki67_level"] == "high"
