"""Stage 1b alone: the receptor regions the masking passes read (reading/regions.py)."""

from __future__ import annotations

import pytest

from her2_interpret.reading.masking import _mask
from her2_interpret.reading.regions import REGION_REACH, WHOLE_BELOW, receptor_regions

FILLER = "The specimen is inked and serially sectioned; sections are submitted in cassettes A1-A12. "
LONG = FILLER * (4 * WHOLE_BELOW // len(FILLER))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(0, 0)]),
        ("ER: positive (95%)", [(0, 18)]),
        ("x" * WHOLE_BELOW, [(0, WHOLE_BELOW)]),  # short texts are one region
        (LONG, []),  # a long text naming no marker and no diagnosis: nothing to mask
    ],
)
def test_regions(text, expected):
    assert receptor_regions(text) == expected


def test_a_region_around_each_mention_merges_when_near():
    text = LONG + "ER: positive (95%). " + LONG + "HER2: 1+. PR: 0%. " + LONG
    er, her2, pr = text.index("ER:"), text.index("HER2:"), text.index("PR:")
    regions = receptor_regions(text)
    assert regions == [(er - REGION_REACH, er + 2 + REGION_REACH), (her2 - REGION_REACH, pr + 2 + REGION_REACH)]


def test_report_wide_facts_have_regions_too():
    text = LONG + "Diagnosis: invasive ductal carcinoma, grade 2. " + LONG
    (start, end), = receptor_regions(text)
    assert start < text.index("invasive") < end


def test_masking_outside_regions_leaves_text_and_offsets():
    text = LONG + "Controls: appropriate. ER: positive (95%), internal controls positive. " + LONG
    masked = _mask(text)
    assert len(masked) == len(text)
    assert masked[:100] == text[:100]  # far from any mention: untouched
    assert "ER: positive (95%)" in masked and "internal controls positive" not in masked
