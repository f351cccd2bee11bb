"""Entry points: :func:`interpret`, :func:`interpret_many`, :func:`interpret_bytes`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .errors import InputDecodeError
from .explain import explain
from .models import Interpretation
from .parser import parse
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
    return Interpretation(
        findings=findings,
        classification=classification,
        explanation=explain(findings, classification),
    )


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
