"""NAACCR breast SSDI codes (:mod:`her2_interpret.adapters.naaccr`)."""

from __future__ import annotations

import pytest

from corpus_cases import load_cases
from her2_interpret import interpret
from her2_interpret.adapters.naaccr import ITEMS, to_naaccr


@pytest.mark.parametrize(("text", "expected"), [
    ("ER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+",
     {3827: "1", 3826: "095", 3915: "0", 3914: "000", 3855: "0", 3850: "1", 3854: "9", 3863: "XXX.9"}),
    ("ER positive 5% (low positive). PR negative 0%. HER2 IHC 3+. Ki-67 12.5%",
     {3827: "1", 3826: "005", 3915: "0", 3914: "000", 3855: "1", 3850: "3", 3863: "12.5"}),
    ("ER 91-100%, Allred 8. HER2 IHC 2+. HER2 FISH: ratio 1.96, average HER2 copy number 3.99",
     {3826: "R99", 3828: "08", 3850: "2", 3852: "1.9", 3851: "3.9", 3853: "XX.9", 3855: "0"}),
    ("ER: pending. PR: pending. HER2: pending",
     {3827: "7", 3826: "XX7", 3828: "X7", 3915: "7", 3855: "7", 3850: "7"}),
    ("HER2 IHC 2+ (equivocal); FISH to follow",
     {3855: "0", 3850: "2", 3854: "7", 3851: "XX.7", 3852: "XX.7"}),
    ("", {3827: "9", 3826: "XX9", 3828: "X9", 3915: "9", 3914: "XX9", 3916: "X9", 3855: "9", 3850: "9",
          3854: "9", 3851: "XX.9", 3852: "XX.9", 3853: "XX.9", 3863: "XXX.9"}),
], ids=["luminal", "er-low", "ish-truncated", "pending", "ish-pending", "nothing"])
def test_codes(text, expected):
    codes = to_naaccr(interpret(text))
    assert list(codes) == list(ITEMS)
    assert {k: codes[k] for k in expected} == expected


def test_naaccr_ids_and_errors():
    codes = to_naaccr(interpret("ER positive (90%)"), keys="naaccr_id")
    assert codes["estrogenReceptorSummary"] == "1" and len(codes) == len(ITEMS)
    with pytest.raises(ValueError):
        to_naaccr(interpret("ER positive"), keys="name")
    with pytest.raises(TypeError):
        to_naaccr({"er_status": "positive"})


def test_every_corpus_record_codes_within_the_tables():
    allowed_summary = {"0", "1", "7", "9"}
    for case in load_cases()[::5]:
        codes = to_naaccr(interpret(case.text))
        assert {codes[3827], codes[3915], codes[3855]} <= allowed_summary
        assert codes[3850] in {"0", "1", "2", "3", "7", "9"} and codes[3854] in {"0", "1", "2", "7", "9"}
        for item in (3826, 3914):
            assert codes[item] in {"XX7", "XX9"} or codes[item].startswith("R") or 0 <= int(codes[item]) <= 100
        record = interpret(case.text).to_record()
        if record["er_status"] in ("positive", "low_positive"):
            assert codes[3827] == "1"
        if record["her2_status"] == "positive":
            assert codes[3855] == "1"
