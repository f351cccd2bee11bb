"""The one check of the value-reader tables (tests/reading/test_values_*.py)."""

from __future__ import annotations


def assert_finding(finding, text: str, fields: dict, evidence: dict) -> None:
    """Each field of ``fields`` has its value, and each field of ``evidence`` is quoted from ``text``
    by exactly that evidence text."""
    assert finding is not None
    for name, value in fields.items():
        assert getattr(finding, name) == value, name
    spans = {e.field: e.text for e in finding.evidence}
    for name, quoted in evidence.items():
        assert spans.get(name) == quoted, name
        assert quoted in text
