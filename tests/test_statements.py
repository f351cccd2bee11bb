"""Statement classes (her2_interpret.reading.statements) and the statement bound of every finding.

The bound: every evidence span of a finding lies inside the finding's own statement span
(``finding.start``..``finding.end``), which starts at or before its marker mention; checked over
every corpus text. The generated grids of tests/test_statement_grid.py check the same guards by
construction (unrelated numbers and non-result statements placed after real results).
"""

from __future__ import annotations

import pytest

from corpus_cases import load_cases
from her2_interpret import parse
from her2_interpret.reading.statements import StatementClass, classify_statement

CLASSES = [
    ("A positive test is defined as nuclear staining in more than 5% of tumour cells.", StatementClass.DEFINITION),
    ("A tumour is considered positive if at least 1% of nuclei stain.", StatementClass.DEFINITION),
    ("HER2 is positive in about 1 in 5 breast cancers.", StatementClass.LITERATURE),
    ("15-20% of breast cancers overexpress HER2.", StatementClass.LITERATURE),
    ("Triple-negative tumours are negative for ER, PR and HER2.", StatementClass.LITERATURE),
    ("These often behave biologically like ER-negative cancers.", StatementClass.LITERATURE),
    ("This test was developed and its performance characteristics determined by the laboratory.", StatementClass.LITERATURE),
    ("Sensitivity 98% and specificity 99% against FISH in our validation study.", StatementClass.LITERATURE),
    ("Allred: 0 = none, 1 = <1%, 2 = 1-10%, 3 = 11-33%, 4 = 34-66%, 5 = >67%.", StatementClass.KEY),
    ("HER2 IHC: 0 and 1+ = negative; 2+ = equivocal; 3+ = positive.", StatementClass.KEY),
    ("A HER2/CEP17 ratio >= 2.0 is amplified.", StatementClass.KEY),
    ("Low risk <18, intermediate risk 18-30, high risk >=31.", StatementClass.KEY),
    ("ER (0-100%): ____", StatementClass.TEMPLATE_HINT),
    ("PR: (xy%, n/a)", StatementClass.TEMPLATE_HINT),
    # results stay results
    ("ER: positive (95%), strong.", StatementClass.RESULT),
    ("HER2 (4B5): 2+ (equivocal); reflex FISH sent.", StatementClass.RESULT),
    ("The tumour is reported as HER2 negative (not amplified).", StatementClass.RESULT),
    ("Estrogen receptor is interpreted as negative; approximately 5% of cells stain weakly.", StatementClass.RESULT),
    ("HER2/CEP17 ratio 2.3, average HER2 copy number 5.1: amplified.", StatementClass.RESULT),
]


@pytest.mark.parametrize(("sentence", "expected"), CLASSES, ids=[c[1].value + "-" + str(i) for i, c in enumerate(CLASSES)])
def test_classify_statement(sentence: str, expected: StatementClass) -> None:
    assert classify_statement(sentence) is expected


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in load_cases()])
def test_evidence_lies_inside_its_statement(case) -> None:
    for f in parse(case.text).findings:
        for e in f.evidence:
            assert f.start <= e.start and e.end <= f.end, (f.kind, e.field, (e.start, e.end), (f.start, f.end))
            assert case.text[e.start : e.end] == e.text
