"""Ki-67 rules (guidelines.md section 6, [ki67]): the St Gallen level and the IKWG 2021 band."""

from __future__ import annotations

from typing import Any

import pytest

from her2_interpret.models import Findings, Flag, IkwgBand, Ki67Finding, Ki67Level
from her2_interpret.rules import classify
from her2_interpret.rules.ki67 import ikwg_band, ki67_level

HIGH, LOW, IND = Ki67Level.HIGH, Ki67Level.LOW, Ki67Level.INDETERMINATE
B_LOW, B_MID, B_HIGH = IkwgBand.LOW, IkwgBand.INTERMEDIATE, IkwgBand.HIGH

# (id, finding fields, options, level, IKWG band)
LEVELS: list[tuple[str, dict[str, Any], dict[str, Any], Ki67Level | None, IkwgBand | None]] = [
    ("pct-0", {"percent": 0}, {}, LOW, B_LOW),
    ("pct-5", {"percent": 5}, {}, LOW, B_LOW),
    ("pct-5.1", {"percent": 5.1}, {}, LOW, B_MID),
    ("pct-14", {"percent": 14}, {}, LOW, B_MID),
    ("pct-19.9", {"percent": 19.9}, {}, LOW, B_MID),
    ("pct-20", {"percent": 20}, {}, HIGH, B_MID),
    ("pct-29.9", {"percent": 29.9}, {}, HIGH, B_MID),
    ("pct-30", {"percent": 30}, {}, HIGH, B_HIGH),
    ("pct-100", {"percent": 100}, {}, HIGH, B_HIGH),
    ("pct-14-cutoff14", {"percent": 14}, {"ki67_high_cutoff": 14}, HIGH, B_MID),
    ("pct-13.9-cutoff14", {"percent": 13.9}, {"ki67_high_cutoff": 14}, LOW, B_MID),
    ("pct-15-st-gallen-2011", {"percent": 15}, {"subtype_guideline": "st-gallen-2011"}, HIGH, B_MID),
    ("pct-15-st-gallen-2013", {"percent": 15}, {"subtype_guideline": "st-gallen-2013"}, LOW, B_MID),
    ("range-0-10", {"percent_range": (0, 10)}, {}, LOW, None),
    ("range-0-5", {"percent_range": (0, 5)}, {}, LOW, B_LOW),
    ("range-30-100", {"percent_range": (30, 100)}, {}, HIGH, B_HIGH),
    ("range-10-20-straddles", {"percent_range": (10, 20)}, {}, IND, B_MID),
    ("range-15-25-straddles", {"percent_range": (15, 25)}, {}, IND, B_MID),
    ("range-10-19.9", {"percent_range": (10, 19.9)}, {}, LOW, B_MID),
    ("range-20-25", {"percent_range": (20, 25)}, {}, HIGH, B_MID),
    ("range-20-40-band-spans", {"percent_range": (20, 40)}, {}, HIGH, None),
    ("range-10-20-cutoff25", {"percent_range": (10, 20)}, {"ki67_high_cutoff": 25}, LOW, B_MID),
    ("word-only-high", {"level_word": HIGH}, {}, HIGH, None),
    ("word-only-low", {"level_word": LOW}, {}, LOW, None),
    ("pending", {"pending": True}, {}, None, None),
    ("not-performed", {"flags": frozenset({Flag.NOT_PERFORMED})}, {}, None, None),
]


@pytest.mark.parametrize(("fields", "options", "level", "band"), [r[1:] for r in LEVELS], ids=[r[0] for r in LEVELS])
def test_ki67(fields: dict[str, Any], options: dict[str, Any], level: Ki67Level | None,
              band: IkwgBand | None) -> None:
    finding = Ki67Finding(**fields)
    c = classify(Findings(findings=(finding,)), **options)
    assert (c.ki67.level, c.ki67.ikwg_band) == (level, band)
    assert (c.ki67.percent, c.ki67.percent_range) == (finding.percent, finding.percent_range)
    d = c.decision_for("ki67_level")
    if level is None:
        assert d is None
    else:
        assert d is not None and d.rule == "ki67" and d.value == level.value
        assert d.thresholds == {"ki67_high_cutoff": c.options["ki67_high_cutoff"]}
        assert d.guideline == c.guideline_versions["subtype"]
    band_d = c.decision_for("ki67_ikwg_band")
    assert (band_d is None) == (band is None)
    if band_d is not None:
        assert band_d.guideline == "ikwg-2021"


def test_level_word_kept_only_without_number_and_number_decides() -> None:
    c = classify(Findings(findings=(Ki67Finding(percent=15, level_word=HIGH),)))
    assert c.ki67.level is LOW
    assert any("the number decides" in w for w in c.warnings)


def test_pure_functions_agree_with_the_boundaries() -> None:
    assert ki67_level(19.9, None, 20.0) is LOW and ki67_level(20, None, 20.0) is HIGH
    assert ki67_level(None, None, 20.0) is None
    assert ikwg_band(5, None) is B_LOW and ikwg_band(30, None) is B_HIGH and ikwg_band(None, None) is None
