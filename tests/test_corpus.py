"""The labelled corpus: every case of ``tests/corpus/shared/*.jsonl`` and ``tests/corpus/*.jsonl``.

One parametrised test, one test id per case id. Only the columns a case names are checked (see
``tests/corpus_cases.py``). A case the library cannot read yet is listed in ``tests/corpus/xfail.toml``
with its reason and runs as ``xfail(strict=True)``: it must keep failing until it is fixed, and then
its entry must go. Cases are never edited to make them pass.
"""

from __future__ import annotations

import pytest

from corpus_cases import compare, format_diff, load_cases, load_xfail
from her2_interpret import interpret

CASES = load_cases()
XFAIL = load_xfail()


def _param(case):
    marks = []
    if case.id in XFAIL:
        marks.append(pytest.mark.xfail(strict=True, reason=XFAIL[case.id]))
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_case(case):
    record = interpret(case.text).to_record()
    mismatches = compare(case, record)
    if mismatches:
        pytest.fail(format_diff(case, record, mismatches), pytrace=False)


def test_corpus_is_not_empty():
    assert CASES, "no corpus cases found under tests/corpus"


def test_xfail_entries_name_existing_cases():
    unknown = sorted(set(XFAIL) - {case.id for case in CASES})
    assert not unknown, f"xfail.toml names cases that do not exist: {', '.join(unknown)}"
