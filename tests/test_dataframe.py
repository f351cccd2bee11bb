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


# --------------------------------------------------------------------------- stable dtypes (issue #9)

OTHER = "ER: 95%, Allred 8. HER2 FISH ratio 2.5, HER2 copies 5.1. Ki-67 30%"


def test_dtypes_do_not_depend_on_the_data():
    pd = pytest.importorskip("pandas")
    frames = [dataframe.to_dataframe(texts) for texts in ([], [""], [SAMPLE], [OTHER, SAMPLE, ""])]
    for frame in frames:
        assert list(frame.columns) == list(ALL_COLUMNS)
        assert frame.dtypes.to_dict() == frames[0].dtypes.to_dict()
    frame = frames[3]
    assert str(frame["er_allred"].dtype) == "Int64" and frame.loc[0, "er_allred"] == 8
    assert str(frame["her2_ish_group"].dtype) == "Int64" and frame.loc[0, "her2_ish_group"] == 1
    assert str(frame["er_percent"].dtype) == "Float64" and str(frame["needs_review"].dtype) == "boolean"
    assert frame["er_allred"].isna().tolist() == [False, True, True]
    assert isinstance(frame["er_status"].dtype, pd.CategoricalDtype) and frame["er_status"].cat.ordered
    assert list(frame["er_status"].cat.categories) == ["negative", "low_positive", "positive", "equivocal", "pending"]
    assert list(frame["her2_ihc_score"].cat.categories) == ["0", "1+", "2+", "3+"]
    assert frame["review_reasons"].dtype == object and frame.loc[1, "review_reasons"] == []


def test_every_enumeration_is_an_ordered_categorical():
    pd = pytest.importorskip("pandas")
    from her2_interpret.schema import ENUM_ORDER

    frame = dataframe.to_dataframe([SAMPLE])
    for column, order in ENUM_ORDER.items():
        dtype = frame[column].dtype
        assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered and tuple(dtype.categories) == order


def test_error_column_instead_of_raising():
    pd = pytest.importorskip("pandas")
    series = pd.Series([SAMPLE, None, float("nan"), b"ER+"], index=[10, 11, 12, 13])
    frame = dataframe.to_dataframe(series, errors="column")
    assert list(frame.index) == [10, 11, 12, 13]
    assert list(frame.columns) == [*ALL_COLUMNS, "error"]
    assert pd.isna(frame.loc[10, "error"]) and frame.loc[10, "er_status"] == "positive"
    assert "row 11" in frame.loc[11, "error"] and "missing value" in frame.loc[11, "error"]
    assert "bytes" in frame.loc[13, "error"] and "ER+" not in frame.loc[13, "error"]
    assert frame.loc[11:, "er_status"].isna().all()
    empty = dataframe.to_dataframe([], errors="column")
    assert list(empty.columns) == [*ALL_COLUMNS, "error"]


def test_raise_happens_before_any_work(monkeypatch):
    pytest.importorskip("pandas")
    calls = []
    monkeypatch.setattr(dataframe, "interpret", lambda text, **o: calls.append(text))
    with pytest.raises(TypeError, match="row 2"):
        dataframe.to_dataframe([SAMPLE, SAMPLE, None])
    assert calls == []
    with pytest.raises(ValueError, match="errors"):
        dataframe.to_dataframe([SAMPLE], errors="ignore")


def test_to_csv_writes_lists_as_json():
    pytest.importorskip("pandas")
    import csv
    import io
    import json

    frame = dataframe.to_dataframe([OTHER, SAMPLE])
    rows = list(csv.DictReader(io.StringIO(dataframe.to_csv(frame))))
    assert json.loads(rows[0]["guideline_versions"])["her2"] == "asco-cap-her2-2018"
    assert isinstance(json.loads(rows[0]["warnings"]), list)
    assert rows[1]["er_status"] == "positive"


def test_polars_frame():
    pl = pytest.importorskip("polars")
    frame = dataframe.to_polars([OTHER, "", SAMPLE])
    empty = dataframe.to_polars([])
    assert frame.columns == list(ALL_COLUMNS) and frame.schema == empty.schema
    assert frame.schema["er_allred"] == pl.Int64 and frame.schema["er_percent_range"] == pl.List(pl.Float64)
    assert isinstance(frame.schema["er_status"], pl.Enum)
    assert frame["er_status"].to_list() == ["positive", None, "positive"]
    assert frame.filter(pl.col("her2_ihc_score") >= "1+").height == 1
    errors = dataframe.to_polars([SAMPLE, None], errors="column")
    assert errors["error"].to_list()[0] is None and "row 1" in errors["error"].to_list()[1]
