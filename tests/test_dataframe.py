"""The pandas adapter (:mod:`her2_interpret.adapters.dataframe`)."""

from __future__ import annotations

import sys

import pytest

from her2_interpret import interpret
from her2_interpret.adapters import dataframe
from her2_interpret.record import ALL_COLUMNS, RECORD_COLUMNS

SAMPLE = "ER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+"


def test_missing_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(ImportError, match=r"her2_interpret\[pandas\]"):
        dataframe.to_dataframe([SAMPLE])


def test_core_does_not_import_adapters():
    import subprocess

    code = (
        "import sys, her2_interpret; "
        "assert not [m for m in sys.modules if m.startswith('her2_interpret.adapters') "
        "or m in ('pandas', 'her2_interpret.cli')], sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_columns_rows_and_index():
    pd = pytest.importorskip("pandas")
    series = pd.Series([SAMPLE, "", SAMPLE], index=["a", "b", "c"])
    frame = dataframe.to_dataframe(series)
    assert list(frame.columns) == list(ALL_COLUMNS)
    assert list(frame.index) == ["a", "b", "c"]
    assert frame.loc["a", "her2_category"] == interpret(SAMPLE).to_record()["her2_category"]
    assert list(dataframe.to_dataframe([]).columns) == list(ALL_COLUMNS)


def test_missing_text_names_the_row():
    pd = pytest.importorskip("pandas")
    with pytest.raises(TypeError, match="'b'"):
        dataframe.to_dataframe(pd.Series([SAMPLE, None], index=["a", "b"]))
    with pytest.raises(TypeError, match="one str"):
        dataframe.to_dataframe(SAMPLE)
