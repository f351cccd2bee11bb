"""What the engine tests (process pool, Dask, Spark) compare: every corpus text with its serial
record, and a normal form of a record cell that hides how each engine stores a value.

The serial records are computed once per test session (:func:`reference`) and every engine's
output is checked against them row by row, by position: an engine must give exactly what
``interpret(text).to_record()`` gives in this process.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from corpus_cases import load_cases

from her2_interpret import ALL_COLUMNS, interpret


@functools.lru_cache(maxsize=None)
def corpus_texts() -> tuple[str, ...]:
    """Every text of the shared and the project's corpora (tests/corpus/shared/*.jsonl, then
    tests/corpus/*.jsonl), in file order."""
    return tuple(case.text for case in load_cases())


@functools.lru_cache(maxsize=None)
def reference() -> tuple[dict[str, Any], ...]:
    """The serial record of each of :func:`corpus_texts`, in order."""
    return tuple(interpret(text).to_record() for text in corpus_texts())


def spread(count: int) -> list[int]:
    """``count`` positions spread evenly over the corpora (every file is sampled)."""
    total = len(corpus_texts())
    return sorted({round(i * (total - 1) / max(count - 1, 1)) for i in range(count)})


def plain(value: Any) -> Any:
    """A cell in a normal form: pandas/numpy missing values (None, NaN, pd.NA) -> None, numpy
    scalars -> Python, arrays and tuples -> lists, a map given as pairs -> dict, categories -> str."""
    if value is None:
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy arrays and scalars
        return plain(value.tolist())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [plain(v) for v in value]
        if items and all(isinstance(i, list) and len(i) == 2 and all(isinstance(x, str) for x in i) for i in items):
            return dict(items)  # a Spark/Arrow map given as (key, value) pairs
        return items
    if hasattr(value, "asDict"):  # a Spark Row
        return plain(value.asDict())
    return value


def normal(record: dict[str, Any]) -> dict[str, Any]:
    """The record columns of ``record`` (a dict, a pandas row, a Spark row) in normal form."""
    return {column: plain(record[column]) for column in ALL_COLUMNS}


def differences(got: list[dict[str, Any]], want: list[dict[str, Any]], ids: list[Any] | None = None) -> list[str]:
    """Row-by-row differences, by column; ids or positions and column names only, never text."""
    problems = [f"{len(got)} rows, expected {len(want)}"] if len(got) != len(want) else []
    for position, (a, b) in enumerate(zip(got, want)):
        a, b = normal(a), normal(b)
        for column in ALL_COLUMNS:
            if a[column] != b[column]:
                where = ids[position] if ids is not None else position
                problems.append(f"row {where}: {column} = {a[column]!r}, serial {b[column]!r}")
    return problems
