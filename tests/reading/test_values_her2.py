"""The HER2 value readers alone (reading/values/her2.py for IHC and status, her2_ish.py for ISH).

Each row: the text, the kind of finding (her2_ihc, her2_ish, her2_status), the fields it must have
(others are not checked), and the evidence text of some fields. The expected values are what the
reader gives today (the Reader v2 refactoring keeps them); the rules are tested in test_rules_her2.py.
"""

from __future__ import annotations

import pytest

from her2_interpret.models import Flag
from her2_interpret.reading import parse
from value_checks import assert_finding


def _her2(text: str, kind: str):
    """The one HER2 finding of ``kind`` that ``parse`` reads from ``text``."""
    found = [f for f in parse(text).findings if f.kind == kind]
    assert len(found) == 1, [f.kind for f in parse(text).findings]
    return found[0]


IHC = [
    # text, kind, fields, evidence text per field
    ("HER2 (4B5): 2+", "her2_ihc", {"score": "2+", "status": None}, {"score": "2+"}),
    ("HER2: 3+ (positive)", "her2_ihc", {"score": "3+", "status": "positive"}, {"score": "3+", "status": "positive"}),
    ("HER2 IHC: 0", "her2_ihc", {"score": "0"}, {"score": "IHC: 0"}),
    ("HER2 negative (score 1+)", "her2_ihc", {"score": "1+", "status": "negative"}, {"score": "score 1+"}),
    ("HER2: 0-1+, negative", "her2_ihc", {"score": None, "score_range": True, "status": "negative"},
     {"score": "0-1+"}),
    ("HER2: negative (0, ultralow)", "her2_ihc", {"score": "0", "category_word": "ultralow", "staining": "faint"},
     {"category_word": "ultralow"}),
    ("HER2 IHC: complete, intense circumferential membrane staining in >10% of cells, score 3+", "her2_ihc",
     {"score": "3+", "completeness": "complete", "stain_intensity": "intense", "stain_extent": "gt10"},
     {"completeness": "complete", "stain_extent": ">10%"}),
    ("HER2 (IHC): faint incomplete membrane staining in 5% of cells", "her2_ihc",
     {"score": None, "completeness": "incomplete", "stain_intensity": "faint", "stain_extent": "le10",
      "staining": "faint"},
     {"stain_intensity": "faint", "stain_extent": "5%"}),
    ("HER2-low", "her2_status", {"status": "negative", "category_word": "low"}, {"category_word": "low"}),
    ("HER2: pending", "her2_status", {"status": "pending"}, {"status": "pending"}),
    ("Final HER2 status: POSITIVE", "her2_status", {"status": "positive", "final": True}, {"status": "POSITIVE"}),
]

ISH = [
    ("HER2 FISH: ratio 2.3, HER2 copies 5.1, CEP17 2.2. AMPLIFIED.", "her2_ish",
     {"ratio": 2.3, "copy_number": 5.1, "cep17": 2.2, "result": "amplified", "probe": "dual"},
     {"ratio": "ratio 2.3", "copy_number": "HER2 copies 5.1", "cep17": "CEP17 2.2", "result": "AMPLIFIED"}),
    ("FISH: HER2/CEP17 ratio 1.4; average HER2 copy number 6.5 signals per cell; ASCO/CAP group 3", "her2_ish",
     {"ratio": 1.4, "copy_number": 6.5, "group_stated": 3, "result": None},
     {"copy_number": "HER2 copy number 6.5", "group_stated": "group 3"}),
    ("HER2 SISH: single probe, average HER2 copy number 7.2 signals per nucleus, amplified", "her2_ish",
     {"copy_number": 7.2, "ratio": None, "probe": "single", "result": "amplified"},
     {"copy_number": "HER2 copy number 7.2"}),
    ("HER2 FISH: NOT AMPLIFIED (1.2)", "her2_ish", {"ratio": 1.2, "result": "not_amplified"},
     {"ratio": "1.2", "result": "NOT AMPLIFIED"}),
    ("HER2/NEU BY FISH = 1.1 NOT AMPLIFIED", "her2_ish", {"ratio": 1.1, "result": "not_amplified"}, {"ratio": "1.1"}),
    ("HER2 FISH: pending", "her2_ish", {"result": "pending", "probe": None}, {"result": "pending"}),
    ("No HER2 amplification", "her2_ish", {"result": "not_amplified"}, {"result": "No HER2 amplification"}),
]


@pytest.mark.parametrize("text, kind, fields, evidence", IHC + ISH)
def test_her2_values(text: str, kind: str, fields: dict, evidence: dict) -> None:
    assert_finding(_her2(text, kind), text, fields, evidence)


@pytest.mark.parametrize(
    "text, warned",
    [("HER2 FISH: NOT AMPLIFIED (1.2)", True), ("HER2/NEU BY FISH = 1.1 NOT AMPLIFIED", True),
     ("HER2 FISH: ratio 2.3, HER2 copies 5.1, CEP17 2.2. AMPLIFIED.", False)],
)
def test_unlabelled_ratio_warns(text: str, warned: bool) -> None:
    """[her2.ish.numbers] A ratio read without its label comes with a warning."""
    codes = [w.code for w in parse(text).warnings]
    assert ("her2.ish.numbers" in codes) is warned


@pytest.mark.parametrize(
    "text, kind", [("HER2: not performed", "her2_status"), ("HER2 FISH: not performed", "her2_ish")]
)
def test_her2_not_performed(text: str, kind: str) -> None:
    assert Flag.NOT_PERFORMED in _her2(text, kind).flags
