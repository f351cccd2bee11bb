"""Last-guard behaviour: a pattern that runs out of time gives a warning, never an exception."""

from __future__ import annotations

from unittest import mock

from her2_interpret import interpret, parse
from her2_interpret.reading import patterns as P


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


def test_every_pattern_call_over_a_long_span_carries_the_timeout():
    """Long spans get the regex timeout; short ones (bounded work) skip its per-call cost."""
    import regex

    pattern = P.lazy(r"(?:a|aa)+b")  # exponential on "aaa...": the guard must fire on a long span
    calls: list[dict] = []
    compile_ = regex.compile

    class Spy:
        def __init__(self, compiled):
            self.compiled = compiled
            self.groupindex = compiled.groupindex

        def __getattr__(self, name):
            method = getattr(self.compiled, name)

            def spy(*args, **kwargs):
                calls.append(kwargs)
                return method(*args, **kwargs)

            return spy

    with mock.patch.object(P.regex, "compile", lambda src, flags=0: Spy(compile_(src, flags))):
        long_text = "x" * (P.GUARDED_SPAN + 1)
        pattern.search(long_text)
        pattern.search(long_text, 0, 10)
        pattern.search(long_text, len(long_text) - 5)
        list(pattern.finditer(long_text))
        pattern.sub("", long_text)
        pattern.sub("", "short")
    limit = P.PATTERN_TIMEOUT + len(long_text) * P.TIMEOUT_PER_CHAR
    assert [c.get("timeout") for c in calls] == [limit, None, None, limit, limit, None]


def test_the_time_limit_grows_with_the_span():
    """A linear scan of a 10 MB text may take seconds: its limit is seconds more, not a fixed 2 s
    (a fixed limit made such texts time out and read nothing)."""
    assert P._limit(P.GUARDED_SPAN) < P.PATTERN_TIMEOUT + 0.01
    assert P._limit(10_000_000) == P.PATTERN_TIMEOUT + 10_000_000 * P.TIMEOUT_PER_CHAR >= P.PATTERN_TIMEOUT + 10


def test_the_timeout_fires_on_a_long_pathological_span():
    pattern = P.lazy(r"(?:a|aa)+c")
    with mock.patch.object(P, "PATTERN_TIMEOUT", 0.05):
        try:
            pattern.search("a" * (P.GUARDED_SPAN + 200) + "b")
        except TimeoutError:
            return
    raise AssertionError("the regex timeout did not fire on a pathological long span")
