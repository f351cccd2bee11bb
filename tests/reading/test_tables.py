"""The table stage alone (reading/tables.py): cells, separators, column kinds, flattened tables.

Expected values are what the reader gave when these tests were written (Reader v2, the walk).
"""

from __future__ import annotations

import pytest

from her2_interpret.reading.mentions import _all_mentions, _find_mentions
from her2_interpret.reading.tables import (
    _HEADER_TYPES,
    _Table,
    _cell_mentions,
    _cells,
    _csv_separator,
    _flat_columns,
    _flat_header,
    _flat_row,
    _header_kind,
    _is_table_row,
    _table_cells,
)

# (row, cell spans from offset 10, CSV separator, is a table row)
ROWS = [
    ("| ER | Positive | 95% |", [(11, 15), (16, 26), (27, 32)], None, True),
    ("ER\tPositive\t95%", [(10, 12), (13, 21), (22, 25)], None, True),
    ("ER,Positive,95", [(10, 12), (13, 21), (22, 24)], ",", True),
    ("a;b;c", [(10, 11), (12, 13), (14, 15)], ";", True),
    ("x,y; z,w;", [(10, 11), (12, 16), (17, 19)], ",", True),  # "; " is prose, "," still separates
    ("ER, PR, HER2", [(10, 22)], None, False),  # a list in prose, not an export
    ("ER | PR", [(10, 17)], None, False),  # one pipe is no table
]


@pytest.mark.parametrize("row, spans, sep, is_row", ROWS)
def test_cells_separator_and_table_row(row: str, spans: list[tuple[int, int]], sep: str | None, is_row: bool) -> None:
    assert _cells(row, 10) == spans
    assert _csv_separator(row) == sep
    assert _is_table_row(row) is is_row


HEADER_CELLS = [
    ("ER %", "pct"), ("Percent positive", "pct"), ("H-score", "hscore"), ("Allred score", "allred"),
    ("Quick score", "allred"), ("Intensity", "intensity"), ("Clone", "clone"), ("Antibody", "clone"),
    ("Reference range", "reference"), ("Normal range", "reference"), ("Copies", "copies"), ("Units", "units"),
    (" unit ", "units"), ("units of x", "other"), ("Value", "value"), ("Result value", "value"),
    ("Measured", "value"), ("Ratio", "ratio"), ("Result", "result"), ("Status", "result"), ("Score", "result"),
    ("Interpretation", "result"), ("ER", "other"), ("Positive", "other"), ("95", "other"), ("", "other"),
]


@pytest.mark.parametrize("cell, kind", HEADER_CELLS)
def test_header_kind(cell: str, kind: str) -> None:
    assert _header_kind(cell) == kind


def test_header_kind_prefilter_is_exact() -> None:
    """The one-search prefilter gives the same kind as the ordered loop alone, on every cell."""
    cells = [c for c, _ in HEADER_CELLS] + ["RESULT", "h score", "copy  number", "% positive cells", "Ki-67 index",
                                            "normal\nrange", "expected", "ref. range", "  value  ", "value 3"]
    for cell in cells:
        assert _header_kind(cell) == next((k for k, rx in _HEADER_TYPES if rx.search(cell)), "other")


# (masked line, raw line, open table, cell spans from offset 0)
TABLE_CELLS = [
    ("Marker    Result    Percent", None, None, [(0, 6), (10, 16), (20, 27)]),
    ("ER   Positive   95%", None, None, [(0, 2), (5, 13), (16, 19)]),
    ("  ER   PR", None, None, [(2, 4), (7, 9)]),
    ("Grade ... 2", None, None, [(0, 5), (10, 11)]),  # a dotted leader separates cells
    ("| ER | Positive |", None, None, [(1, 5), (6, 16)]),
    ("  ER   Positive  ", "| ER | Positive |", None, [(1, 5), (6, 16)]),  # pipes blanked: the raw line's cells
    ("ER: Positive | PR: Negative | HER2: 1+", None, None, None),  # fields on one line, not a table
    ("ER Positive", None, None, None),  # one space: no columns
    ("ER        95%", None, _Table(["other", "pct"], ["er", None], [(0, 2), (10, 14)], 0), [(0, 2), (10, 13)]),
    ("95%", None, _Table(["other", "pct"], ["er", None], [(0, 2), (10, 14)], 0), None),  # one cell is no row
]


@pytest.mark.parametrize("line, raw, table, spans", TABLE_CELLS)
def test_table_cells(line: str, raw: str | None, table: _Table | None, spans: list[tuple[int, int]] | None) -> None:
    assert _table_cells(line, 0, raw if raw is not None else line, table) == spans


def test_table_cells_align_under_the_header_columns() -> None:
    """A space-aligned row's cells go under the header column they overlap (offsets from 100)."""
    table = _Table(["other", "result", "pct"], ["er", None, None], [(0, 6), (10, 16), (20, 27)], 0)
    assert _table_cells("ER                  95%", 100, "ER                  95%", table) == [(100, 102), (0, 0), (120, 123)]


FLAT_HEADERS = [
    ("ER PR HER2 Ki67", ["er", "pr", "her2", "ki67"]),
    ("Markers: ER, PR, HER2", ["er", "pr", "her2"]),
    ("| ER | PR | HER2 |", ["er", "pr", "her2"]),
    ("ER PR HER2 is pending", None),  # words besides the names
    ("ER PR", None),  # fewer than three names
    ("ER, PR and HER2", None),
]


@pytest.mark.parametrize("line, markers", FLAT_HEADERS)
def test_flat_header(line: str, markers: list[str] | None) -> None:
    assert _flat_header(line, 0, len(line), _all_mentions(line)) == markers


FLAT_ROWS = [
    ("Positive Negative 1+ 15%", [(0, 0), (0, 8), (9, 17), (18, 20), (21, 24)]),
    ("Invasive Positive Negative 1+ 15%", [(0, 8), (9, 17), (18, 26), (27, 29), (30, 33)]),  # a row label
    ("1 Positive Negative 1+ 15%", None),  # a number is no row label
    ("Positive Negative", None),  # too few values
]


@pytest.mark.parametrize("line, spans", FLAT_ROWS)
def test_flat_row(line: str, spans: list[tuple[int, int]] | None) -> None:
    assert _flat_row(line, 0, len(line), ["er", "pr", "her2", "ki67"]) == spans


def test_flat_columns() -> None:
    line = "Biomarker Result %/Score Intensity"
    assert _flat_columns(line, 0, len(line)) == ["other", "result", "pct", "intensity"]
    line = "Biomarker panel below"
    assert _flat_columns(line, 0, len(line)) is None


def test_cell_mentions() -> None:
    """Each cell's mentions: those that start in the cell and end inside it."""
    line = "ER   Estrogen receptor   HER2/neu  x"
    mentions = _all_mentions(line)
    spans = [(0, 2), (5, 13), (5, 22), (25, 33), (0, 0), (35, 36), (1, 30)]
    found = _cell_mentions(mentions, spans)
    assert [[m.kind for m in ms] for ms in found] == [["er"], [], ["er"], ["her2"], [], [], ["er"]]
    assert found == [_find_mentions(line, a, b, mentions) for a, b in spans]  # as a search of the whole index
