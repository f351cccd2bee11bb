"""The structure stage alone (reading/sections.py): dates, header cues, sections, specimen headers.

Expected values are what the reader gave when these tests were written (Reader v2, the walk).
"""

from __future__ import annotations

import pytest

from her2_interpret.models import Flag, SectionKind
from her2_interpret.reading.sections import (
    _Line,
    _State,
    _blank_line,
    _date,
    _read_header_cues,
    _read_sections,
    _read_sizes,
    _read_specimen,
)

DATES = [
    ("03/15/2024", 20240315),
    ("15/03/2024", 20240315),  # day first when the first number cannot be a month
    ("12.5.2021", 20211205),  # month first
    ("2024-03-15", 20240315),
    ("biopsy in March said", 300),  # a month without a year: year 0
    ("in March 2023 the biopsy", 20230300),
    ("2019 biopsy", 20190000),
    ("(2019)", 20190000),
    ("01/02/2020 then 2021-05-06", 20210506),  # the last date stated
    ("March was cold", None),
    ("no date", None),
]


@pytest.mark.parametrize("text, date", DATES)
def test_date(text: str, date: int | None) -> None:
    assert _date(text) == date


# (header line, flags over the lines below, repeat below, flags of the line's own label part)
HEADERS = [
    ("DCIS Biomarkers (block B5):", {Flag.DCIS}, False, {Flag.DCIS}),
    ("Repeat testing on block B2:", set(), True, set()),
    ("Prior biopsy results:", {Flag.HISTORICAL}, False, set()),
    ("Previous (outside) results:", {Flag.HISTORICAL}, False, set()),
    ("DCIS: present, cribriform", set(), False, {Flag.DCIS}),  # a field with its value governs nothing below
    ("DCIS. LVI not assessed on core.", set(), False, {Flag.DCIS}),  # prose governs nothing below
    ("NO DUCTAL CARCINOMA IN SITU IDENTIFIED", set(), False, set()),
    ("Invasive carcinoma (block A2):", set(), False, set()),
]


@pytest.mark.parametrize("line, below, repeat, label", HEADERS)
def test_read_header_cues(line: str, below: set[Flag], repeat: bool, label: set[Flag]) -> None:
    st = _State()
    _read_header_cues(line, st)
    assert (st.header_flags, st.header_repeat) == (below, repeat)
    st = _State()
    _read_header_cues(line, st, partial=True)
    assert (st.line_flags, st.header_flags) == (label, set())


def _line(text: str) -> _Line:
    return _Line(0, text, text, 0, len(text))


# (line, closes by section, is a specimen header, section, section index, specimen, side, tumour, size, date)
STRUCTURE = [
    ("PART A - RIGHT BREAST, LUMPECTOMY (2.3 cm):", False, True, SectionKind.MAIN, 0, "A", "right", None, 23.0, None),
    ("A. LEFT BREAST, CORE BIOPSY:", False, True, SectionKind.MAIN, 0, "A", "left", None, None, None),
    ("B. Right breast, excision 12/03/2024:", False, True, SectionKind.MAIN, 0, "B", "right", None, None, 20241203),
    ("TUMOR 2 (BLOCK A9):", False, True, SectionKind.MAIN, 0, "2", None, "2", None, None),
    ("Specimen 1: left breast mass 15 mm", False, True, SectionKind.MAIN, 0, "1", "left", None, 15.0, None),
    ("Right breast:", False, True, SectionKind.MAIN, 0, "Right", "right", None, None, None),
    ("SPECIMEN: Left breast", False, False, SectionKind.MAIN, 0, None, None, None, None, None),
    ("ADDENDUM 03/04/2025", True, False, SectionKind.ADDENDUM, 1, None, None, None, None, 20250304),
    ("COMMENT:", True, False, SectionKind.COMMENT, 0, None, None, None, None, None),
    ("Clinical history:", True, False, SectionKind.HISTORY, 0, None, None, None, None, None),
    ("Some line", False, False, SectionKind.MAIN, 0, None, None, None, None, None),
]


@pytest.mark.parametrize("line, closes, specimen_header, section, index, specimen, side, tumour, size, date", STRUCTURE)
def test_sections_and_specimen_headers(line: str, closes: bool, specimen_header: bool, section: SectionKind, index: int,
                                       specimen: str | None, side: str | None, tumour: str | None, size: float | None,
                                       date: int | None) -> None:
    st = _State()
    assert _read_sections(_line(line), st) is closes
    assert _read_specimen(_line(line), st) is specimen_header
    assert (st.section, st.section_index, st.specimen, st.side, st.tumour, st.size_mm, st.date) == (
        section, index, specimen, side, tumour, size, date)
    assert st.specimen_index == (1 if specimen else 0)


def test_a_comment_ends_at_a_blank_line_and_at_a_label_line() -> None:
    st = _State()
    _read_sections(_line("ADDENDUM"), st)
    _read_sections(_line("COMMENT:"), st)
    assert st.section == SectionKind.COMMENT
    _read_sections(_line("  indented text of the comment"), st)
    assert st.section == SectionKind.COMMENT
    _blank_line(st)
    assert st.section == SectionKind.ADDENDUM  # back to the section the comment was in
    _read_sections(_line("Clinical history:"), st)
    _read_sections(_line("ER: positive"), st)  # a label line
    assert (st.section, st.section_index) == (SectionKind.ADDENDUM, 1)


def test_the_same_specimen_named_again_is_no_new_part() -> None:
    st = _State()
    _read_specimen(_line("PART A - RIGHT BREAST:"), st)
    st.header_flags = {Flag.DCIS}
    assert _read_specimen(_line("PART A - RIGHT BREAST:"), st) is True  # (the open clause closes)
    assert (st.specimen, st.specimen_index, st.header_flags) == ("A", 1, {Flag.DCIS})


def test_read_sizes() -> None:
    st = _State()
    _read_sizes(_line("Mass 2 (10:00): 3.1 x 2.6 cm, and mass 1 12 mm"), st)
    _read_sizes(_line("Wide local excision 21/03/2025, then excision 2026"), st)
    assert st.tumour_sizes == {"2": 31.0, "1": 12.0}
    assert st.kind_dates == {"excision": 20250321}  # the line's date, for the first kind it names
    _read_sizes(_line("Re-excision 01/02/2026"), st)
    assert st.kind_dates == {"excision": 20250321}  # the first date of a kind stays
    _read_specimen(_line("TUMOR 2 (BLOCK A9):"), st)
    assert st.size_mm == 31.0  # the size its own line gave
    _read_sizes(_line("Size: 28 mm"), st)
    assert st.size_mm == 28.0
