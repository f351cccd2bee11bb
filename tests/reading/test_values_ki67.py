"""The Ki-67 value reader alone (reading/values/ki67.py), on short snippets.

Each row: the text, the fields the finding must have (others are not checked), and the evidence text
of some fields. The expected values are what the reader gives today (the Reader v2 refactoring keeps
them); the high/low rules are tested in test_rules_ki67.py.
"""

from __future__ import annotations

import pytest

from her2_interpret.reading import parse
from value_checks import assert_finding


def _ki67(text: str):
    """The one Ki-67 finding ``parse`` reads from ``text``."""
    found = [f for f in parse(text).findings if f.kind == "ki67"]
    assert len(found) == 1, [f.kind for f in parse(text).findings]
    return found[0]


CASES = [
    # text, fields, evidence text per field
    ("Ki-67: 15-20%", {"percent_range": (15.0, 20.0), "percent": None}, {"percent_range": "15-20%"}),
    ("Ki-67 index: 30%", {"percent": 30.0}, {"percent": "30%"}),
    ("Ki67 <5%", {"percent_range": (0.0, 5.0)}, {"percent_range": "<5%"}),
    ("Ki-67: >90%", {"percent_range": (90.0, 100.0)}, {"percent_range": ">90%"}),
    ("Ki-67: 10% or less", {"percent_range": (0.0, 10.0)}, {"percent_range": "10% or less"}),
    ("Ki-67 (MIB-1): approximately 25%", {"percent": 25.0}, {"percent": "approximately 25%"}),
    ("MIB1 15%", {"percent": 15.0}, {"percent": "15%"}),
    ("Ki-67: %12", {"percent": 12.0}, {"percent": "%12"}),
    ("Ki-67 labeling index: 8 %", {"percent": 8.0}, {"percent": "8 %"}),
    ("ki67 30", {"percent": 30.0}, {"percent": "30"}),
    ("Ki-67 % ......... [ 35 ]", {"percent": 35.0}, {"percent": "35"}),
    ("Ki-67: high (40%)", {"percent": 40.0, "level_word": "high"}, {"percent": "40%", "level_word": "high"}),
    ("Ki-67 proliferation index is low", {"level_word": "low", "percent": None}, {"level_word": "low"}),
    ("Ki-67: pending", {"pending": True, "percent": None}, {"pending": "pending"}),
]


@pytest.mark.parametrize("text, fields, evidence", CASES)
def test_ki67_values(text: str, fields: dict, evidence: dict) -> None:
    assert_finding(_ki67(text), text, fields, evidence)
