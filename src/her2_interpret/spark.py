"""Spark: a Spark DataFrame's text column to the record columns, through ``mapInPandas`` (Arrow).

    from her2_interpret.spark import interpret_spark

    reports = spark.read.parquet("reports/")                       # columns: id, report_text, ...
    records = interpret_spark(reports, column="report_text", keep=["id"])
    records.write.parquet("records/")

:func:`interpret_spark` returns a DataFrame with the ``keep`` columns, then the record columns
(:func:`record_schema`: their Spark types), then ``error``. Batches of rows travel to the Python
workers as Arrow record batches (``spark.sql.execution.arrow.maxRecordsPerBatch`` rows each, 10,000
by default); each batch becomes one pandas frame of records. Null follows record.md: a column the
report does not state, or that cannot be read with confidence, is SQL NULL (never NaN, never an
empty string); ranges are ``array<double>`` ``[low, high]``, ``review_reasons`` and ``warnings``
``array<string>``, ``guideline_versions`` ``map<string,string>``.

The library loads once per Python worker process, not per row or batch: the function Spark ships
is a reference to this module's :func:`map_batches` (cloudpickle sends module functions by name),
the worker imports the library on its first batch and compiles its patterns then
(:func:`engine`), and Spark reuses its Python workers between tasks
(``spark.python.worker.reuse``, on by default). The executors need the package installed in their
Python (``pip install her2_interpret`` in the image, or a packed virtual environment shipped with
``spark.archives``), as for any Python library used in Spark.

A text that is not a ``str`` (a NULL cell) does not fail the job: with ``errors="column"`` (the
default) its record columns are NULL and ``error`` names the type, never report text.
``errors="raise"`` fails the task instead (and drops the ``error`` column).

Spark is an optional dependency: ``pip install 'her2_interpret[spark]'`` (pyspark, pandas,
pyarrow) and a Java runtime (17 or later for pyspark 4). It is imported only when these functions
are called.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .record import ALL_COLUMNS
from .schema import column_kind

#: The column ``errors="column"`` adds after the record columns.
ERROR_COLUMN = "error"

_ERRORS = ("raise", "column")

#: How many times this process has loaded the library for Spark (1 after the first batch): the
#: tests read it in the workers to check the library is not loaded per row or per batch.
LOADS = 0

_ENGINE: Any = None


def _import_pyspark() -> Any:
    try:
        import pyspark.sql.types as types
    except ImportError as exc:
        raise ImportError(
            "her2_interpret.spark needs PySpark, an optional dependency of her2_interpret: install "
            "the 'spark' extra with  pip install 'her2_interpret[spark]'  (and a Java runtime)"
        ) from exc
    return types


def record_schema(errors: str = "column") -> Any:
    """The Spark ``StructType`` of the record columns (every field nullable), then ``error``
    (string) when ``errors="column"``.

    Enumerations are strings (record.md's lower-case values), percents and ISH numbers doubles,
    Allred, H-score and ISH group longs, ``needs_review`` boolean, ranges ``array<double>``, lists
    ``array<string>``, ``guideline_versions`` ``map<string,string>``.
    """
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")
    t = _import_pyspark()
    kinds = {
        "enum": t.StringType(), "float": t.DoubleType(), "int": t.LongType(), "bool": t.BooleanType(),
        "range": t.ArrayType(t.DoubleType()), "list": t.ArrayType(t.StringType()),
        "mapping": t.MapType(t.StringType(), t.StringType()),
    }
    fields = [t.StructField(column, kinds[column_kind(column)], nullable=True) for column in ALL_COLUMNS]
    if errors == "column":
        fields.append(t.StructField(ERROR_COLUMN, t.StringType(), nullable=True))
    return t.StructType(fields)


def engine() -> Any:
    """:func:`her2_interpret.interpret`, loaded and warmed (patterns compiled) once per process."""
    global _ENGINE, LOADS
    if _ENGINE is None:
        from .api import interpret

        interpret("ER: positive (95%)").to_record()  # compile the patterns now, not on a report
        _ENGINE = interpret
        LOADS += 1
    return _ENGINE


def _not_text(text: Any) -> str:
    missing = text is None or (isinstance(text, float) and text != text)
    return "TypeError: a null text, not report text (str)" if missing else (
        f"TypeError: not report text (str) but {type(text).__name__}"
    )


def _cell(kind: str, value: Any) -> Any:
    """A record value as Arrow takes it for its Spark type (None stays None: SQL NULL)."""
    if value is None:
        return None
    if kind == "float":
        return float(value)
    if kind == "range":
        return [float(x) for x in value]
    if kind == "mapping":
        return dict(value)
    return value


def records_frame(texts: Sequence[Any], errors: str, options: dict[str, Any]) -> Any:
    """A pandas frame of the records of ``texts`` (object columns holding plain values and None),
    the shape Spark's Arrow conversion turns into :func:`record_schema` without NaN."""
    import pandas as pd

    interpret = engine()
    columns: dict[str, list[Any]] = {column: [] for column in ALL_COLUMNS}
    messages: list[str | None] = []
    for text in texts:
        record: dict[str, Any] | None = None
        message: str | None = None
        if not isinstance(text, str):
            if errors == "raise":
                raise TypeError(_not_text(text).split(": ", 1)[1])
            message = _not_text(text)
        else:
            try:
                record = interpret(text, **options).to_record()
            except Exception as exc:  # noqa: BLE001 - the type only: messages may quote the report
                if errors == "raise":
                    raise
                message = f"{type(exc).__name__} (details withheld: they may quote the report)"
        for column in ALL_COLUMNS:
            columns[column].append(None if record is None else _cell(column_kind(column), record[column]))
        messages.append(message)
    data = {column: pd.Series(values, dtype="object") for column, values in columns.items()}
    if errors == "column":
        data[ERROR_COLUMN] = pd.Series(messages, dtype="object")
    return pd.DataFrame(data, index=pd.RangeIndex(len(messages)))


def map_batches(
    batches: Iterator[Any], column: str, keep: Sequence[str], errors: str, options: dict[str, Any]
) -> Iterator[Any]:
    """The ``mapInPandas`` function: each pandas batch to ``keep`` columns and its records."""
    import pandas as pd

    for batch in batches:
        records = records_frame(batch[column].tolist(), errors, options)
        if keep:
            records = pd.concat([batch[list(keep)].reset_index(drop=True), records], axis=1)
        yield records


def interpret_spark(
    df: Any,
    column: str = "text",
    *,
    keep: Sequence[str] = (),
    errors: str = "column",
    **options: Any,
) -> Any:
    """The record columns of a Spark DataFrame's ``column``, through ``mapInPandas``, lazily.

    Returns a Spark DataFrame: the ``keep`` columns of ``df`` (with their types), then the record
    columns of :func:`record_schema`, then ``error`` when ``errors="column"``; one row a row of
    ``df``. Nothing runs until an action (``.write``, ``.count()``, ``.collect()``).
    ``options`` are :func:`her2_interpret.interpret`'s, checked now.
    """
    _import_pyspark()
    from functools import partial

    import pyspark.sql.types as t

    from .rules import check_options

    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")
    check_options(options)
    keep = list(keep)
    missing = [c for c in [column, *keep] if c not in df.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r} in the Spark DataFrame; columns: {df.columns}")
    schema = record_schema(errors)
    clash = [c for c in keep if c in schema.fieldNames()]
    if clash:
        raise ValueError(f"keep= names a record column ({clash[0]!r}): rename it first")
    if not isinstance(df.schema[column].dataType, t.StringType):
        raise TypeError(f"column {column!r} is {df.schema[column].dataType.simpleString()}, not string")
    out_schema = t.StructType([df.schema[c] for c in keep] + list(schema.fields))
    function = partial(map_batches, column=column, keep=tuple(keep), errors=errors, options=dict(options))
    selected = keep + ([column] if column not in keep else [])
    return df.select(*selected).mapInPandas(function, schema=out_schema)


__all__ = ["ERROR_COLUMN", "LOADS", "engine", "interpret_spark", "map_batches", "record_schema", "records_frame"]
