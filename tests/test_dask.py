"""her2_interpret.dask on real local engines: Dask's synchronous and threaded schedulers and a local
distributed cluster, each compared row by row with serial ``interpret`` on every corpus text."""

from __future__ import annotations

import importlib.util
import os
import sys

import pytest

if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
    if os.environ.get("HER2_REQUIRE_ENGINES") == "1":  # set by .ci/run: the engines must be tested there
        raise RuntimeError("HER2_REQUIRE_ENGINES=1 but Dask is not installed (pip install -e '.[dask]')")
    pytest.skip("needs the 'dask' extra (pip install -e '.[dask]')", allow_module_level=True)

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from engine_cases import corpus_texts, differences, reference  # noqa: E402

from her2_interpret import ALL_COLUMNS, interpret  # noqa: E402
from her2_interpret.adapters.dataframe import dtypes, to_dataframe  # noqa: E402
from her2_interpret.dask import interpret_bag, interpret_frame, meta  # noqa: E402


def corpus_frame(npartitions: int = 6) -> dd.DataFrame:
    texts = list(corpus_texts())
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": texts})
    return dd.from_pandas(frame, npartitions=npartitions)


def rows(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def check_corpus(result: pd.DataFrame) -> None:
    assert list(result["id"]) == [f"r{i}" for i in range(len(corpus_texts()))]
    assert result["error"].isna().all()
    assert list(result.columns) == ["id", *ALL_COLUMNS, "error"]
    assert (result.dtypes.drop("id") == meta().dtypes).all()  # the declared meta is what came out
    assert differences(rows(result), list(reference()), ids=list(result["id"])) == []


def test_meta_is_the_dataframe_adapters_empty_frame():
    assert list(meta().columns) == [*ALL_COLUMNS, "error"]
    assert list(meta("raise").columns) == list(ALL_COLUMNS)
    assert dict(meta("raise").dtypes) == dtypes()
    assert (meta().dtypes == to_dataframe([], errors="column").dtypes).all()


def test_building_the_graph_runs_nothing(monkeypatch):
    import her2_interpret.adapters.dataframe as adapter

    def never(*args, **kwargs):
        raise AssertionError("interpret ran while building the graph")

    monkeypatch.setattr(adapter, "interpret", never)
    records = corpus_frame().pipe(interpret_frame, keep=["id"])
    assert isinstance(records, dd.DataFrame)
    assert list(records.columns) == ["id", *ALL_COLUMNS, "error"]
    assert records.npartitions == 6
    assert (records.dtypes.drop("id") == meta().dtypes).all()


def test_synchronous_scheduler_every_corpus_text():
    result = corpus_frame().pipe(interpret_frame, keep=["id"]).compute(scheduler="sync")
    check_corpus(result)


def test_threaded_scheduler_every_corpus_text():
    result = corpus_frame().pipe(interpret_frame, keep=["id"]).compute(scheduler="threads", num_workers=2)
    check_corpus(result)


def test_local_distributed_cluster_every_corpus_text():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        result = corpus_frame(npartitions=8).pipe(interpret_frame, keep=["id"]).compute()
        pids = client.run(lambda: __import__("os").getpid())  # two worker processes, not this one
        assert len(set(pids.values())) == 2
        bag = db.from_sequence(list(corpus_texts()), npartitions=4)
        records = interpret_bag(bag).compute()
    check_corpus(result)
    assert differences(records, list(reference())) == []
    assert all(r["error"] is None for r in records)


def test_a_series_keeps_its_index_and_gives_only_the_record_columns():
    texts = pd.Series(list(corpus_texts()[:30]), index=range(100, 130), name="report_text")
    result = interpret_frame(dd.from_pandas(texts, npartitions=3), errors="raise").compute(scheduler="sync")
    assert list(result.index) == list(range(100, 130))
    assert list(result.columns) == list(ALL_COLUMNS)
    assert differences(rows(result), list(reference()[:30])) == []


def test_null_texts_get_an_error_row_and_do_not_stop_the_job():
    frame = pd.DataFrame({"id": [1, 2, 3], "text": ["ER: positive (95%)", None, "HER2 (4B5): 3+"]})
    result = dd.from_pandas(frame, npartitions=2).pipe(interpret_frame, keep=["id"]).compute(scheduler="sync")
    assert result["error"].isna().tolist() == [True, False, True]
    assert "missing value" in result.loc[1, "error"] and "row 1" in result.loc[1, "error"]
    assert result.loc[1, ALL_COLUMNS].isna().all()
    assert result.loc[0, "er_status"] == "positive" and result.loc[2, "her2_status"] == "positive"
    with pytest.raises(TypeError, match="row 1"):
        dd.from_pandas(frame, npartitions=2).pipe(interpret_frame, errors="raise").compute(scheduler="sync")


def test_bag_with_the_synchronous_scheduler():
    texts = [*corpus_texts()[:50], None]
    records = interpret_bag(db.from_sequence(texts, npartitions=3)).compute(scheduler="sync")
    assert differences(records[:50], list(reference()[:50])) == []
    assert records[50]["error"] == "TypeError: not report text (str) but NoneType"
    assert records[50]["er_status"] is None


def test_options_reach_the_partitions():
    text = "ER: positive (95%)\nPR: positive (80%)\nHER2: negative (1+)\nKi-67: 17%"
    frame = dd.from_pandas(pd.DataFrame({"text": [text] * 4}), npartitions=2)
    result = frame.pipe(interpret_frame, ki67_high_cutoff=14).compute(scheduler="sync")
    assert result["ki67_level"].tolist() == [interpret(text, ki67_high_cutoff=14).to_record()["ki67_level"]] * 4
    with pytest.raises(ValueError, match="ki67_high_cutoff"):
        frame.pipe(interpret_frame, bogus=1)  # at once, not in the job


def test_bad_arguments():
    frame = corpus_frame()
    with pytest.raises(KeyError, match="report_text"):
        interpret_frame(frame, column="report_text")
    with pytest.raises(ValueError, match="record column"):
        interpret_frame(frame.rename(columns={"id": "er_status"}), keep=["er_status"])
    with pytest.raises(TypeError, match="Dask DataFrame"):
        interpret_frame(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(ValueError, match="errors"):
        interpret_frame(frame, errors="ignore")


def test_without_dask_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"her2_interpret\[dask\]"):
        interpret_frame(None)



def test_records_write_to_parquet_with_their_schema_and_read_back(tmp_path):
    from her2_interpret.dask import parquet_schema

    texts = list(corpus_texts()[:60]) + [None]
    frame = dd.from_pandas(pd.DataFrame({"id": [f"r{i}" for i in range(61)], "text": texts}), npartitions=3)
    records = frame.pipe(interpret_frame, keep=["id"])
    records.to_parquet(tmp_path / "records", schema=parquet_schema(records), compute_kwargs={"scheduler": "sync"})
    back = dd.read_parquet(tmp_path / "records").compute(scheduler="sync")
    assert list(back.columns) == ["id", *ALL_COLUMNS, "error"]
    assert differences(rows(back)[:60], list(reference()[:60])) == []
    assert back["error"].notna().tolist() == [False] * 60 + [True]
