"""The ER/PR value reader alone (reading/values/receptors.py), on short snippets.

Each row: the text, the marker, the fields the finding must have (others are not checked), and the
evidence text of some fields. The expected values are what the reader gives today (the Reader v2
refactoring keeps them); the rules that decide what they mean are tested in test_rules_receptors.py.
"""

from __future__ import annotations

import pytest

from her2_interpret.models import Flag
from her2_interpret.reading import parse
from value_checks import assert_finding


def _receptor(text: str, marker: str):
    """The one ER or PR finding of ``marker`` that ``parse`` reads from ``text``."""
    found = [f for f in parse(text).findings if f.kind == "receptor" and f.marker == marker]
    assert len(found) == 1, [f.kind for f in parse(text).findings]
    return found[0]


CASES = [
    # text, marker, fields, evidence text per field
    ("ER: 95% strong", "er", {"percent": 95.0, "intensity": "strong"}, {"percent": "95%", "intensity": "strong"}),
    ("ER positive (90%, strong intensity)", "er", {"status": "positive", "percent": 90.0, "intensity": "strong"},
     {"status": "positive", "percent": "90%"}),
    ("PR: negative (<1%)", "pr", {"status": "negative", "percent_range": (0.0, 1.0), "percent": None},
     {"status": "negative", "percent_range": "<1%"}),
    ("ER: >90%", "er", {"percent_range": (90.0, 100.0)}, {"percent_range": ">90%"}),
    ("Estrogen receptor: positive, 1-10% weak staining", "er",
     {"status": "positive", "percent_range": (1.0, 10.0), "intensity": "weak"},
     {"percent_range": "1-10%", "intensity": "weak"}),
    ("ER: Allred 7/8", "er", {"allred": 7, "allred_ps": None}, {"allred": "Allred 7/8"}),
    ("PR: Allred score 8 (proportion 5 + intensity 3)", "pr", {"allred": 8, "allred_ps": 5, "allred_is": 3},
     {"allred": "Allred score 8", "allred_ps": "proportion 5 + intensity 3"}),
    ("ER: 5+3 = 8", "er", {"allred": 8, "allred_ps": 5, "allred_is": 3}, {"allred": "5+3 = 8"}),
    ("ER: H-score 180", "er", {"h_score": 180, "status": None}, {"h_score": "H-score 180"}),
    ("PR 0", "pr", {"status": "negative", "percent": None}, {"status": "0"}),
    ("ER 90 PR 20", "er", {"percent": 90.0}, {"percent": "90"}),
    ("ER 90 PR 20", "pr", {"percent": 20.0}, {"percent": "20"}),
    ("ER+ PR-", "er", {"status": "positive"}, {"status": "ER+"}),
    ("ER+ PR-", "pr", {"status": "negative"}, {"status": "PR-"}),
    ("ER and PR positive (95% and 80%, respectively)", "er", {"percent": 95.0}, {"percent": "95%"}),
    ("ER and PR positive (95% and 80%, respectively)", "pr", {"percent": 80.0}, {"percent": "80%"}),
    ("Progesterone receptor: pending", "pr", {"status": "pending"}, {"status": "pending"}),
    ("ER 95X", "er", {"percent": 95.0}, {"percent": "95X"}),
]


@pytest.mark.parametrize("text, marker, fields, evidence", CASES)
def test_receptor_values(text: str, marker: str, fields: dict, evidence: dict) -> None:
    assert_finding(_receptor(text, marker), text, fields, evidence)


@pytest.mark.parametrize(
    "text, flag",
    [("ER+ PR-", Flag.SHORTHAND), ("ER: not performed", Flag.NOT_PERFORMED), ("ER 95X", Flag.FUZZY)],
)
def test_receptor_flags(text: str, flag: Flag) -> None:
    assert flag in _receptor(text, "er").flags
