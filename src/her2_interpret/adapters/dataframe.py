"""pandas adapter: many report texts in, one DataFrame of flat records out.

pandas is an optional dependency (``pip install 'her2_interpret[pandas]'``) and is imported only
inside :func:`to_dataframe`, so importing this module never needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..api import interpret_many
from ..record import ALL_COLUMNS

#: The DataFrame's columns, in order: record.md's columns, then the library's extra columns.
COLUMNS: tuple[str, ...] = ALL_COLUMNS


def _import_pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "to_dataframe() needs pandas, an optional dependency of her2_interpret: "
            "install the 'pandas' extra with  pip install 'her2_interpret[pandas]'"
        ) from exc
    return pandas


def _checked(labels: list[Any], texts: Iterable[Any]) -> Iterator[str]:
    """The texts, with a TypeError naming the row when one is not a str (NaN, None, bytes)."""
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            label = labels[position] if labels else position
            raise TypeError(
                f"to_dataframe(): row {label!r} holds {type(text).__name__}, not report text (str); "
                "drop or fill missing texts first, e.g. series.dropna() or series.fillna('')"
            )
        yield text


def to_dataframe(texts: Iterable[str], **options: Any) -> Any:
    """Interpret each text and return a ``pandas.DataFrame``, one row a text.

    ``texts`` is any iterable of ``str`` (a list, a generator) or a ``pandas.Series``, whose index
    the DataFrame keeps. The columns are exactly :data:`COLUMNS` (``RECORD_COLUMNS``, ``ADDED_COLUMNS``
    then ``EXTRA_COLUMNS``); values are those of ``Interpretation.to_record()`` (ranges as
    ``[low, high]`` lists; a numeric column with a missing value holds NaN). ``options`` are the
    classification options of :func:`her2_interpret.interpret`.
    """
    pd = _import_pandas()
    if isinstance(texts, (str, bytes)):
        raise TypeError("to_dataframe() takes many texts (a list or a Series), not one str; use interpret()")
    labels: list[Any] = []
    index = None
    if isinstance(texts, pd.Series):
        index = texts.index
        labels = list(index)
        texts = texts.tolist()
    rows = [result.to_record() for result in interpret_many(_checked(labels, texts), **options)]
    return pd.DataFrame(rows, columns=list(COLUMNS), index=index)
