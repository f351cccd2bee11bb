"""Typed errors raised at the edge of the library (parsing itself never raises)."""

from __future__ import annotations


class InputDecodeError(UnicodeDecodeError):
    """Report bytes could not be decoded; names the encoding and the byte position."""

    def __init__(self, encoding: str, data: bytes, start: int, end: int, reason: str) -> None:
        super().__init__(encoding, data, start, end, reason)

    def __str__(self) -> str:  # never echoes the report bytes themselves
        return (
            f"report bytes are not valid {self.encoding}: {self.reason} at byte position "
            f"{self.start} (pass encoding=... or decode the text yourself)"
        )


class ValidationError(ValueError):
    """Raised by :func:`her2_interpret.validate` when a strict check fails.

    ``problems`` lists each failed check (column names and warning texts, never report text).
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


#: The message of an :class:`ItemError` whose exception text may quote the report.
WITHHELD = "details withheld: they may quote the report"


class ItemError:
    """Stands in for the result of one text that could not be interpreted, in
    ``interpret_many(texts, errors="return")``: the exception's type and the text's position
    (0 = the first text), never the text. ``to_record()`` gives the record columns, all null, so a
    pipeline can treat every item alike; ``error`` is one line for an ``error`` column.

    >>> from her2_interpret import interpret_many
    >>> [r.error if isinstance(r, ItemError) else "ok" for r in interpret_many(["ER 5%", None], errors="return")]
    ['ok', 'TypeError at position 1: not report text (str) but NoneType']
    """

    __slots__ = ("position", "error_type", "message")

    def __init__(self, position: int, error_type: str, message: str = WITHHELD) -> None:
        self.position = position
        self.error_type = error_type
        self.message = message

    @property
    def error(self) -> str:
        return f"{self.error_type} at position {self.position}: {self.message}"

    def to_record(self) -> dict[str, None]:
        from .record import ALL_COLUMNS

        return dict.fromkeys(ALL_COLUMNS)

    def __repr__(self) -> str:
        return f"<ItemError {self.error}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ItemError):
            return NotImplemented
        return (self.position, self.error_type, self.message) == (other.position, other.error_type, other.message)

    def __hash__(self) -> int:
        return hash((self.position, self.error_type, self.message))

    def __reduce__(self) -> tuple[type, tuple[int, str, str]]:
        return (ItemError, (self.position, self.error_type, self.message))


def item_error(position: int, exc: BaseException) -> ItemError:
    """The :class:`ItemError` of ``exc``: its message only for :func:`safe_not_text_error`, whose text is
    known to hold no report text."""
    safe = getattr(exc, "_her2_safe", False)
    return ItemError(position, type(exc).__name__, str(exc) if safe else WITHHELD)


def safe_not_text_error(text: object) -> TypeError:
    """The error for an input that is not report text; its message names the type only, so
    :func:`item_error` may show it."""
    error = TypeError(f"not report text (str) but {type(text).__name__}")
    error._her2_safe = True  # type: ignore[attr-defined]
    return error
