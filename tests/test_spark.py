"""her2_interpret.spark on a real local engine: Spark in ``local[2]`` mode, through mapInPandas and
Arrow, compared row by row with serial ``interpret`` on 100 texts spread over every corpus file.

Needs pyspark (the 'spark' extra, in dev) and a Java runtime; ``.ci/run`` installs one when it is
missing and sets HER2_REQUIRE_ENGINES=1, which turns a missing engine into a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

REQUIRED = os.environ.get("HER2_REQUIRE_ENGINES") == "1"


def _missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime for Spark (as root: apt-get install -y openjdk-17-jre-headless; .ci/run does it)"
    return None


if _missing():
    if REQUIRED:
        raise RuntimeError(f"HER2_REQUIRE_ENGINES=1 but {_missing()}")
    pytest.skip(_missing(), allow_module_level=True)

import pandas as pd  # noqa: E402
from engine_cases import corpus_texts, differences, reference, spread  # noqa: E402

from her2_interpret import ALL_COLUMNS, interpret  # noqa: E402
from her2_interpret.spark import interpret_spark, map_batches, record_schema  # noqa: E402

ROWS = spread(100)

pytestmark = [
    # pyspark 4 warns that it "does not yet fully support pandas >= 3" and uses an argument pandas 3
    # deprecates; the results are what these tests check
    pytest.mark.filterwarnings("ignore:.*does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("her2_interpret-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def sample_frame(spark, rows=ROWS, partitions=4):
    texts = corpus_texts()
    data = pd.DataFrame({"id": [int(i) for i in rows], "text": [texts[i] for i in rows]})
    return spark.createDataFrame(data, "id long, text string").repartition(partitions)


def collect_by_id(frame) -> dict[int, dict]:
    return {row["id"]: row.asDict(recursive=True) for row in frame.collect()}


def test_schema_is_the_record_columns_with_spark_types():
    schema = record_schema()
    assert schema.fieldNames() == [*ALL_COLUMNS, "error"]
    assert record_schema("raise").fieldNames() == list(ALL_COLUMNS)
    types = {f.name: f.dataType.simpleString() for f in schema.fields}
    assert types["er_status"] == "string" and types["er_percent"] == "double"
    assert types["er_allred"] == "bigint" and types["her2_ish_group"] == "bigint"
    assert types["ki67_percent_range"] == "array<double>" and types["review_reasons"] == "array<string>"
    assert types["needs_review"] == "boolean" and types["guideline_versions"] == "map<string,string>"
    assert all(f.nullable for f in schema.fields)


def test_local_spark_gives_the_serial_records(spark):
    records = interpret_spark(sample_frame(spark), keep=["id"])
    assert records.schema.fieldNames() == ["id", *ALL_COLUMNS, "error"]
    got = collect_by_id(records)
    assert sorted(got) == ROWS
    want = reference()
    assert differences([got[i] for i in ROWS], [want[i] for i in ROWS], ids=ROWS) == []
    assert all(got[i]["error"] is None for i in ROWS)


def test_nulls_are_sql_nulls_never_nan(spark):
    from pyspark.sql import functions as F

    records = interpret_spark(sample_frame(spark), keep=["id"])
    doubles = [f.name for f in records.schema.fields if f.dataType.simpleString() == "double"]
    counts = records.select(
        *[F.sum(F.isnan(c).cast("int")).alias(f"nan_{c}") for c in doubles],
        *[F.sum(F.col(c).isNull().cast("int")).alias(f"null_{c}") for c in doubles],
    ).collect()[0].asDict()
    assert all(counts[f"nan_{c}"] == 0 for c in doubles)
    want = reference()
    for c in doubles:  # as many nulls as the serial records have Nones
        assert counts[f"null_{c}"] == sum(want[i][c] is None for i in ROWS), c


def test_a_null_text_gets_an_error_row_not_a_failed_job(spark):
    frame = spark.createDataFrame([(1, "ER: positive (95%)"), (2, None)], "id long, text string")
    got = collect_by_id(interpret_spark(frame, keep=["id"]))
    assert got[1]["er_status"] == "positive" and got[1]["error"] is None
    assert got[2]["error"] == "TypeError: a null text, not report text (str)"
    assert all(got[2][c] is None for c in ALL_COLUMNS)
    assert "error" not in interpret_spark(frame, errors="raise").columns


def test_options_and_a_renamed_text_column(spark):
    text = "ER: positive (95%)\nPR: positive (80%)\nHER2: negative (1+)\nKi-67: 17%"
    frame = spark.createDataFrame([(text,)] * 3, "report string")
    got = interpret_spark(frame, column="report", ki67_high_cutoff=14).collect()
    assert [r["ki67_level"] for r in got] == [interpret(text, ki67_high_cutoff=14).to_record()["ki67_level"]] * 3
    with pytest.raises(ValueError, match="ki67_high_cutoff"):
        interpret_spark(frame, column="report", bogus=1)
    with pytest.raises(KeyError, match="text"):
        interpret_spark(frame)


def test_the_library_loads_once_per_python_worker_not_per_row(spark):
    """Small Arrow batches (10 rows), many per worker: each worker process loaded the library once."""

    def probe(batches, **arguments):
        import os

        import her2_interpret.spark as engine

        for records in map_batches(batches, **arguments):
            yield pd.DataFrame({"pid": [os.getpid()], "rows": [len(records)], "loads": [engine.LOADS]})

    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "10")
    try:
        frame = sample_frame(spark, partitions=2)
        out = frame.mapInPandas(
            lambda b: probe(b, column="text", keep=(), errors="column", options={}),
            schema="pid long, rows long, loads long",
        ).toPandas()
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    assert out["rows"].sum() == len(ROWS)
    assert len(out) >= 10  # many batches ...
    assert (out["loads"] == 1).all()  # ... and the library loaded once in each worker process
    assert out["pid"].nunique() <= 2 < len(out)


def test_without_pyspark_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql.types", None)
    with pytest.raises(ImportError, match=r"her2_interpret\[spark\]"):
        record_schema()
