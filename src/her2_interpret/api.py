"""Entry points: :func:`interpret`, :func:`interpret_many`, :func:`interpret_bytes`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any

from .errors import InputDecodeError, ItemError, ValidationError, item_error, safe_not_text_error
from .models import ReportWarning
from .reading import parse
from .presence import mention_warnings
from .record import FUZZY_REASON
from .result import Interpretation
from .rules import classify, check_options


def _require_str(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(
            f"interpret() takes report text as str, not {type(text).__name__}"
            + (" (use interpret_bytes() for bytes)" if isinstance(text, (bytes, bytearray)) else "")
        )
    return text


def interpret(text: str, **options: Any) -> Interpretation:
    """Read a report (or snippet) and return findings, classification and explanation.

    Any ``str`` returns a result (empty, huge or binary-looking text gives an all-null
    record); anything else raises :class:`TypeError`. Unknown options raise :class:`ValueError`.

    >>> result = interpret("ER: Positive (95%)\\nPR: Negative (<1%)\\nHER2 (4B5): 1+")
    >>> result.her2.category
    <Her2Category.LOW: 'low'>
    >>> result.to_record()["subtype"]
    'luminal_b_like'
    """
    text = _require_str(text)
    check_options(options)
    findings = parse(text)
    classification = classify(findings, **options)
    unread = mention_warnings(text, findings, classification)  # [parse.unread] / [parse.no_result]
    if unread:
        classification = classification.model_copy(update={"warnings": (*classification.warnings, *_warnings(unread))})
    result = Interpretation(findings=findings, classification=classification)
    result._text = text  # for the HTML card's evidence; never dumped or shown by repr
    return result


def _warnings(messages: tuple[str, ...]) -> tuple[ReportWarning, ...]:
    return tuple(ReportWarning.from_message(m) for m in messages)


def interpret_many(
    texts: Iterable[str],
    *,
    workers: int | None = None,
    chunksize: int | None = None,
    progress: Callable[[int, int | None], Any] | None = None,
    errors: str = "raise",
    **options: Any,
) -> Iterator[Interpretation | ItemError]:
    """Interpret each text, lazily, yielding the results in input order.

    - ``workers=None`` or ``1`` (the default): in this process, a plain generator (memory stays
      flat while streaming; a text is read only when its result is asked for).
    - ``workers=N`` (N > 1, or ``0`` for every core): a pool of N processes
      (:mod:`her2_interpret.pool`); texts go out in chunks of ``chunksize`` (default
      :data:`~her2_interpret.pool.DEFAULT_CHUNKSIZE`) with at most ``2 * N`` chunks in flight, so
      an endless stream stays bounded in memory too; the results still come in input order.
      Without the ``fork`` start method (macOS, Windows, Python 3.14+), call it under
      ``if __name__ == "__main__":``.
    - ``progress(done, total)`` is called as results are yielded (after each text, or each chunk
      with workers): ``total`` is ``len(texts)`` when ``texts`` has a length, else None.
    - ``errors="raise"`` (the default): a text that fails (not a ``str``, or an unexpected error)
      raises at its position, after the results before it. ``errors="return"``: it yields an
      :class:`~her2_interpret.errors.ItemError` (its position and exception type, never the text)
      in its place and goes on, so one bad text never ends the run.

    ``options`` are those of :func:`interpret`; unknown ones raise :class:`ValueError` at once.
    """
    check_options(options)
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {', '.join(_ERRORS)}, not {errors!r}")
    count = _workers(workers)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable(done, total), not {type(progress).__name__}")
    total = len(texts) if isinstance(texts, Sized) else None
    if count == 1:
        return _serial(texts, progress, total, errors, options)
    from .pool import interpret_pool

    return interpret_pool(interpret, texts, count, chunksize, progress, total, errors, options)


_ERRORS = ("raise", "return")


def _workers(workers: int | None) -> int:
    if workers is None:
        return 1
    if isinstance(workers, bool) or not isinstance(workers, int):
        raise TypeError(f"workers must be an int (or None), not {type(workers).__name__}")
    if workers < 0:
        raise ValueError(f"workers must be >= 1 (0: one per core), not {workers}")
    return workers or (os.cpu_count() or 1)


def _serial(
    texts: Iterable[Any],
    progress: Callable[[int, int | None], Any] | None,
    total: int | None,
    errors: str,
    options: dict[str, Any],
) -> Iterator[Interpretation | ItemError]:
    for position, text in enumerate(texts):
        if errors == "raise":
            result: Interpretation | ItemError = interpret(text, **options)
        elif not isinstance(text, str):
            result = item_error(position, safe_not_text_error(text))
        else:
            try:
                result = interpret(text, **options)
            except Exception as exc:  # noqa: BLE001 - the type only: messages may quote the report
                result = item_error(position, exc)
        yield result
        if progress is not None:
            progress(position + 1, total)


def interpret_bytes(data: bytes, encoding: str = "utf-8", **options: Any) -> Interpretation:
    """Decode report bytes and interpret them.

    Undecodable bytes raise :class:`~her2_interpret.errors.InputDecodeError` (a
    :class:`UnicodeDecodeError`) that names the byte position, never the content.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"interpret_bytes() takes bytes, not {type(data).__name__}")
    raw = bytes(data)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputDecodeError(exc.encoding, raw, exc.start, exc.end, exc.reason) from None
    return interpret(text, **options)


#: The columns :func:`validate` requires by default: the three receptor calls.
DEFAULT_REQUIRED: tuple[str, ...] = ("er_status", "pr_status", "her2_status")


def validate(
    result: Interpretation | str,
    *,
    require: tuple[str, ...] = DEFAULT_REQUIRED,
    allow_pending: bool = False,
    allow_warnings: bool = False,
    **options: Any,
) -> Interpretation:
    """Strict check for callers who want an error rather than a null: returns the interpretation
    when every column in ``require`` has a value (not pending unless ``allow_pending``) and, unless
    ``allow_warnings``, the record does not need review (no warning of severity ``review`` or
    ``conflict``, no value read through an OCR correction: ``to_record()["needs_review"]``);
    ``info`` warnings never fail it. Raises :class:`~her2_interpret.errors.ValidationError` listing
    what failed otherwise. Unknown options raise :class:`ValueError`, also with an Interpretation.

    >>> validate("ER: Positive (95%)\\nPR: Negative (0%)\\nHER2 (4B5): 1+").to_record()["subtype"]
    'luminal_b_like'
    >>> validate("HER2 (4B5): 2+")
    Traceback (most recent call last):
    ...
    her2_interpret.errors.ValidationError: er_status is not stated or not readable; pr_status is not stated or not readable; her2_status is equivocal
    """
    check_options(options)
    interpretation = interpret(result, **options) if isinstance(result, str) else result
    if not isinstance(interpretation, Interpretation):
        raise TypeError(f"validate() takes an Interpretation or str, not {type(result).__name__}")
    record = interpretation.to_record()
    problems: list[str] = []
    for column in require:
        if column not in record:
            raise ValueError(f"unknown record column {column!r}")
        value = record[column]
        if value is None:
            problems.append(f"{column} is not stated or not readable")
        elif value == "pending" and not allow_pending:
            problems.append(f"{column} is pending")
        elif value == "equivocal":
            problems.append(f"{column} is equivocal")
    if not allow_warnings:
        problems.extend(f"{w.severity.value}: {w.message}" for w in interpretation.warnings if w.needs_review)
        if FUZZY_REASON in record["review_reasons"]:
            problems.append("review: a value was read through an OCR/typo correction [parse.fuzzy]")
    if problems:
        raise ValidationError(problems)
    return interpretation
