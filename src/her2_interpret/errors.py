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
