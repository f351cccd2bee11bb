"""Entry points: :func:`interpret`, :func:`interpret_many`, :func:`interpret_bytes`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .errors import InputDecodeError, ValidationError
from .models import Interpretation, ReportWarning
from .parser import parse
from .presence import mention_warnings
from .record import FUZZY_REASON
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


def interpret_many(texts: Iterable[str], **options: Any) -> Iterator[Interpretation]:
    """Interpret each text in order, lazily (a generator: memory stays flat while streaming)."""
    check_options(options)
    for text in texts:
        yield interpret(text, **options)


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
