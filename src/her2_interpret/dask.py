"""Dask: a Dask DataFrame's text column (or a Dask Bag of texts) to the record columns, lazily.

    import dask.dataframe as dd
    from her2_interpret.dask import interpret_frame, parquet_schema

    reports = dd.read_parquet("reports/*.parquet")                  # columns: id, report_text, ...
    records = reports.pipe(interpret_frame, column="report_text", keep=["id"])
    records.to_parquet("records/", schema=parquet_schema(records))   # nothing runs before this

:func:`interpret_frame` declares its ``meta`` (:func:`meta`: the columns and stable dtypes of the
DataFrame adapter, :func:`her2_interpret.adapters.dataframe.to_dataframe`), so Dask builds the
graph without running the library on a sample, and every partition, an empty one included, has
exactly those dtypes: ordered categoricals in clinical order, ``Float64``, ``Int64``, ``boolean``
and ``object`` for ranges and lists. Each partition is one ``to_dataframe`` call in a worker; the
library (and its compiled patterns) loads once per worker process, on its first partition.

A text that is not a ``str`` (a null cell) does not stop the job: with ``errors="column"`` (the
default here) its row has null record columns and an ``error`` saying the row and type, never
report text. ``errors="raise"`` fails the computation instead, as ``to_dataframe`` does.

Dask is an optional dependency: ``pip install 'her2_interpret[dask]'`` (``dask[dataframe]`` and
``distributed``). It is imported only when these functions are called.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .adapters.dataframe import COLUMNS, ERROR_COLUMN, to_dataframe
from .rules import check_options

_ERRORS = ("raise", "column")


def _import_dask() -> Any:
    try:
        import dask
        import dask.dataframe  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            "her2_interpret.dask needs Dask, an optional dependency of her2_interpret: install the "
            "'dask' extra with  pip install 'her2_interpret[dask]'"
        ) from exc
    return dask


def _check(errors: str, options: dict[str, Any]) -> None:
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")
    check_options(options)


def meta(errors: str = "column") -> Any:
    """The empty pandas DataFrame Dask is told each partition looks like: the record columns with
    the DataFrame adapter's dtypes, then ``error`` (``string``) when ``errors="column"``."""
    _check(errors, {})
    return to_dataframe([], errors=errors)


def parquet_schema(records: Any) -> Any:
    """The pyarrow schema to write ``records`` (what :func:`interpret_frame` returned) to Parquet:
    ``records.to_parquet(path, schema=parquet_schema(records))``.

    Dask infers a Parquet schema from a non-empty sample of ``meta``, which works for every column
    but the ``object`` ones (ranges, lists, ``guideline_versions``): they get their types here,
    ``list<double>``, ``list<string>`` and ``map<string, string>`` (as the command's Parquet output).
    """
    import pyarrow as pa

    from .schema import column_kind

    kinds = {"range": pa.list_(pa.float64()), "list": pa.list_(pa.string()),
             "mapping": pa.map_(pa.string(), pa.string())}
    typed = {c: kinds[column_kind(c)] for c in COLUMNS if c in records.columns and column_kind(c) in kinds}
    sample = records._meta_nonempty.drop(columns=list(typed))
    schema = pa.Schema.from_pandas(sample).remove_metadata()
    for position, column in enumerate(records.columns):
        if column in typed:
            schema = schema.insert(position, pa.field(column, typed[column]))
    return schema


def _partition(texts: Any, errors: str, options: dict[str, Any]) -> Any:
    """One partition: a pandas Series of texts to the record frame, keeping its index."""
    return to_dataframe(texts, errors=errors, **options)


def _frame_partition(part: Any, column: str, keep: list[str], errors: str, options: dict[str, Any]) -> Any:
    """One partition of a DataFrame: ``keep`` columns, then the record columns of ``column``."""
    import pandas as pd

    records = to_dataframe(part[column], errors=errors, **options)
    if not keep:
        return records
    return pd.concat([part[keep], records], axis=1)


def interpret_frame(
    data: Any,
    column: str = "text",
    *,
    keep: Sequence[str] = (),
    errors: str = "column",
    **options: Any,
) -> Any:
    """The record columns of a Dask DataFrame's ``column`` (or of a Dask Series of texts), lazily.

    Returns a Dask DataFrame with the same partitions and index: the ``keep`` columns of ``data``
    first (an id, say), then :data:`~her2_interpret.adapters.dataframe.COLUMNS` with the dtypes of
    :func:`meta`, then ``error`` when ``errors="column"``. Nothing is computed until you ask
    (``.compute()``, ``.to_parquet()``, ``.persist()``); ``data.pipe(interpret_frame, ...)`` reads
    well in a chain. ``options`` are :func:`her2_interpret.interpret`'s, checked now.
    """
    _import_dask()
    import dask.dataframe as dd

    _check(errors, options)
    record_meta = meta(errors)
    if isinstance(data, dd.Series):
        if keep:
            raise ValueError("keep= needs a DataFrame: a Series has no other columns")
        return data.map_partitions(_partition, errors, options, meta=record_meta)
    if not isinstance(data, dd.DataFrame):
        raise TypeError(f"interpret_frame() takes a Dask DataFrame or Series, not {type(data).__name__}")
    keep = list(keep)
    missing = [c for c in [column, *keep] if c not in data.columns]
    if missing:
        raise KeyError(f"no column {missing[0]!r} in the Dask DataFrame; columns: {list(data.columns)}")
    clash = [c for c in keep if c in record_meta.columns]
    if clash:
        raise ValueError(f"keep= names a record column ({clash[0]!r}): rename it first")
    if not keep:
        return data[column].map_partitions(_partition, errors, options, meta=record_meta)
    import pandas as pd

    frame_meta = pd.concat([data._meta[keep], record_meta], axis=1)
    return data.map_partitions(_frame_partition, column, keep, errors, options, meta=frame_meta)


def _bag_partition(texts: Iterable[Any], errors: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    """One Bag partition: a record dict per text (with ``error`` when ``errors="column"``)."""
    from .api import interpret_many
    from .errors import ItemError

    out: list[dict[str, Any]] = []
    for result in interpret_many(texts, errors="return" if errors == "column" else "raise", **options):
        if isinstance(result, ItemError):
            out.append({**dict.fromkeys(COLUMNS), ERROR_COLUMN: f"{result.error_type}: {result.message}"})
        else:
            record = result.to_record()
            if errors == "column":
                record[ERROR_COLUMN] = None
            out.append(record)
    return out


def interpret_bag(bag: Any, *, errors: str = "column", **options: Any) -> Any:
    """A Dask Bag of texts to a Bag of records (``to_record()`` dicts, in order), lazily.

    With ``errors="column"`` (the default) each record has an ``error`` key, None unless its item
    was not a ``str`` or failed (then the record columns are None and ``error`` names the type).
    For a DataFrame with the stable dtypes, use :func:`interpret_frame`
    (``bag.to_dataframe(...)`` of the texts first) rather than ``records.to_dataframe()``.
    """
    _import_dask()
    import dask.bag as db

    _check(errors, options)
    if not isinstance(bag, db.Bag):
        raise TypeError(f"interpret_bag() takes a Dask Bag, not {type(bag).__name__}")
    return bag.map_partitions(_bag_partition, errors, options)


__all__ = ["interpret_bag", "interpret_frame", "meta", "parquet_schema"]
