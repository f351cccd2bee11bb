"""Last-guard behaviour: a pattern that runs out of time gives a warning, never an exception."""

from __future__ import annotations

from unittest import mock

from her2_interpret import interpret, parse
from her2_interpret import patterns as P


class _Stuck:
    """Stands in for a pattern whose match ran past patterns.PATTERN_TIMEOUT."""

    def _raise(self, *args, **kwargs):
        raise TimeoutError("regex timed out")

    search = match = fullmatch = finditer = _raise


def test_a_timed_out_pattern_becomes_a_warning_not_an_exception():
    with mock.patch.object(P, "MENTION", _Stuck()):
        findings = parse("ER: Positive (95%)\nHER2 (4B5): 1+")
        result = interpret("ER: Positive (95%)\nHER2 (4B5): 1+")
    assert findings.findings == ()
    assert any("time limit" in w for w in findings.warnings)
    record = result.to_record()
    assert record["er_status"] is None and record["her2_status"] is None
    assert any("time limit" in w for w in record["warnings"])
    # the warning names no report text
    assert all("Positive" not in w for w in record["warnings"])


def test_every_compiled_pattern_call_carries_the_timeout():
    P.MENTION.search("ER")  # compile on first use
    assert P.MENTION.search.keywords == {"timeout": P.PATTERN_TIMEOUT}
