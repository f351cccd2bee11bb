"""pandas (and polars) adapter: many report texts in, one DataFrame of flat records out.

The frame has the same columns and dtypes whatever the data, including for no rows:

- enumerations: ordered categoricals in clinical order (:data:`her2_interpret.schema.ENUM_ORDER`),
  e.g. ``er_status`` negative < low_positive < positive, then equivocal, pending;
- percents and ISH numbers: nullable ``Float64``; Allred, H-score, ISH group: nullable ``Int64``;
  ``needs_review``: nullable ``boolean``;
- ranges (``[low, high]``), ``review_reasons``, ``warnings`` and ``guideline_versions``: ``object``
  (lists and dicts; :func:`to_csv` writes them as JSON, not as Python reprs);
- with ``errors="column"``, an ``error`` column (``string``) after them.

pandas is an optional dependency (``pip install 'her2_interpret[pandas]'``), polars another
(``[polars]``); each is imported only inside the function that needs it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..api import interpret
from ..record import ALL_COLUMNS
from ..rules import check_options
from ..schema import ENUM_ORDER, FLOAT_COLUMNS, INT_COLUMNS, column_kind

#: The DataFrame's columns, in order: record.md's columns, then the library's extra columns.
COLUMNS: tuple[str, ...] = ALL_COLUMNS

#: The column ``errors="column"`` adds after :data:`COLUMNS`.
ERROR_COLUMN = "error"

_ERRORS = ("raise", "column")


def _import(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError as exc:
        raise ImportError(
            f"this needs {name}, an optional dependency of her2_interpret: "
            f"install the '{name}' extra with  pip install 'her2_interpret[{name}]'"
        ) from exc


def _import_pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "to_dataframe() needs pandas, an optional dependency of her2_interpret: "
            "install the 'pandas' extra with  pip install 'her2_interpret[pandas]'"
        ) from exc
    return pandas


def dtypes() -> dict[str, Any]:
    """The pandas dtype of every column of :func:`to_dataframe` (without ``error``)."""
    pd = _import_pandas()
    kinds = {"float": "Float64", "int": "Int64", "bool": "boolean"}
    out: dict[str, Any] = {}
    for column in COLUMNS:
        kind = column_kind(column)
        if kind == "enum":
            out[column] = pd.CategoricalDtype(list(ENUM_ORDER[column]), ordered=True)
        else:
            out[column] = kinds.get(kind, "object")
    return out


def _label(labels: list[Any] | None, position: int) -> Any:
    return labels[position] if labels is not None else position


def _not_text(labels: list[Any] | None, position: int, text: Any) -> str:
    na = type(text).__name__ in ("NAType", "NaTType")  # pandas' missing values (pd.NA, pd.NaT)
    missing = text is None or na or (isinstance(text, float) and text != text)  # None, NA or NaN
    shown = "None" if text is None else ("NA" if na else "NaN")
    held = f"a missing value ({shown})" if missing else type(text).__name__
    return (
        f"row {_label(labels, position)!r} holds {held}, not report text (str); "
        "drop or fill missing texts first, e.g. series.dropna() or series.fillna('')"
    )


def _records(texts: Any, errors: str, options: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str | None], Any]:
    """Records (or None), error messages and the index, checking every text before any work."""
    if isinstance(texts, (str, bytes)):
        raise TypeError("to_dataframe() takes many texts (a list or a Series), not one str; use interpret()")
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")
    check_options(options)
    index, labels = None, None
    if hasattr(texts, "index") and hasattr(texts, "tolist"):  # a pandas Series: keep its index
        index = texts.index
        labels = list(index)
        texts = texts.tolist()
    else:
        texts = list(texts)
    if errors == "raise":  # fail before the work, not after it
        for position, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError("to_dataframe(): " + _not_text(labels, position, text))
    records: list[dict[str, Any]] = []
    messages: list[str | None] = []
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            records.append(dict.fromkeys(COLUMNS))
            messages.append(f"TypeError: {_not_text(labels, position, text)}")
            continue
        try:
            records.append(interpret(text, **options).to_record())
            messages.append(None)
        except Exception as exc:  # noqa: BLE001 - by type only: messages may quote the report
            if errors == "raise":
                raise
            records.append(dict.fromkeys(COLUMNS))
            messages.append(f"{type(exc).__name__} (details withheld: they may quote the report)")
    return records, messages, index


def to_dataframe(texts: Iterable[str], *, errors: str = "raise", **options: Any) -> Any:
    """Interpret each text and return a ``pandas.DataFrame``, one row a text.

    ``texts`` is any iterable of ``str`` (a list, a generator) or a ``pandas.Series``, whose index
    the DataFrame keeps. The columns are exactly :data:`COLUMNS` with the dtypes of :func:`dtypes`,
    whatever the data (an empty frame included). ``errors="raise"`` (the default) raises
    :class:`TypeError` naming the row when a text is not a ``str`` (None, NaN, bytes), before any
    text is interpreted; ``errors="column"`` gives such rows null values and adds an ``error``
    column (the type and row, never report text). ``options`` are the classification options of
    :func:`her2_interpret.interpret`.
    """
    pd = _import_pandas()
    records, messages, index = _records(texts, errors, options)
    types = dtypes()
    data = {column: pd.Series([r[column] for r in records], dtype="object") for column in COLUMNS}
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    for column, dtype in types.items():
        if dtype != "object":
            frame[column] = frame[column].astype(dtype)
    if errors == "column":
        frame[ERROR_COLUMN] = pd.array(messages, dtype="string")
    if index is not None:
        frame.index = index
    return frame


def to_csv(frame: Any, path_or_buf: Any = None, **kwargs: Any) -> Any:
    """``frame.to_csv`` with list and dict cells written as JSON (``["a", "b"]``), not Python reprs.

    Returns the CSV text when ``path_or_buf`` is None, like pandas."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(
                lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v
            )
    kwargs.setdefault("index", False)
    return out.to_csv(path_or_buf, **kwargs)


def to_polars(texts: Iterable[str], *, errors: str = "raise", **options: Any) -> Any:
    """Like :func:`to_dataframe` but a ``polars.DataFrame``: enumerations as ``pl.Enum`` (clinical
    order), ``Float64``/``Int64``/``Boolean``, ranges as ``List(Float64)``, lists as ``List(String)``,
    ``guideline_versions`` as JSON text. A Series' index is not kept (polars has none)."""
    pl = _import("polars")
    records, messages, _ = _records(texts, errors, options)
    types = {"float": pl.Float64, "int": pl.Int64, "bool": pl.Boolean, "range": pl.List(pl.Float64),
             "list": pl.List(pl.String), "mapping": pl.String}
    schema: dict[str, Any] = {}
    for column in COLUMNS:
        kind = column_kind(column)
        schema[column] = pl.Enum(list(ENUM_ORDER[column])) if kind == "enum" else types[kind]
    data: dict[str, list[Any]] = {column: [r[column] for r in records] for column in COLUMNS}
    data["guideline_versions"] = [None if v is None else json.dumps(v) for v in data["guideline_versions"]]
    for column in (*FLOAT_COLUMNS, "er_percent_range", "pr_percent_range", "ki67_percent_range"):
        data[column] = [
            None if v is None else ([float(x) for x in v] if isinstance(v, list) else float(v)) for v in data[column]
        ]
    for column in INT_COLUMNS:
        data[column] = [None if v is None else int(v) for v in data[column]]
    if errors == "column":
        data[ERROR_COLUMN] = messages
        schema[ERROR_COLUMN] = pl.String
    return pl.DataFrame(data, schema=schema)
