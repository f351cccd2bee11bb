"""Loading and comparing labelled corpus cases (format: ``tests/corpus/shared/README.md``).

One source of truth for what "a case passes" means, used by ``tests/test_corpus.py`` and by
``scripts/evaluate.py``. Stdlib only; it never imports the library.

- Only the columns a case names are checked; a column named as ``null`` must come out null.
- Numbers match within :data:`TOLERANCE`; ``*_percent_range`` matches as a pair.
- Expected failures live in ``tests/corpus/xfail.toml`` as ``"case-id" = "reason"``.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TESTS_DIR = Path(__file__).resolve().parent
CORPUS_DIR = TESTS_DIR / "corpus"
SHARED_CORPUS_DIR = CORPUS_DIR / "shared"
XFAIL_FILE = CORPUS_DIR / "xfail.toml"

#: Numbers match within this absolute tolerance (corpus README).
TOLERANCE = 0.01

#: Status values on either side of a "flip" (see :func:`status_flip`).
POSITIVE_SIDE = frozenset({"positive", "low_positive"})
NEGATIVE_SIDE = frozenset({"negative"})


@dataclass(frozen=True)
class Case:
    """One labelled case: ``text`` in, the named ``expected`` columns out."""

    id: str
    text: str
    expected: dict[str, Any]
    tags: tuple[str, ...] = ()
    note: str = ""
    source: str = ""  # the file it came from, relative to tests/corpus
    line: int = 0


@dataclass(frozen=True)
class Mismatch:
    column: str
    expected: Any
    got: Any


def case_files() -> list[Path]:
    """``tests/corpus/shared/*.jsonl`` then ``tests/corpus/*.jsonl``, each sorted by name."""
    return sorted(SHARED_CORPUS_DIR.glob("*.jsonl")) + sorted(CORPUS_DIR.glob("*.jsonl"))


def load_cases(paths: list[Path] | None = None) -> list[Case]:
    """Every case of ``paths`` (default :func:`case_files`); ids must be unique across files."""
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in case_files() if paths is None else paths:
        try:
            source = str(path.resolve().relative_to(CORPUS_DIR))
        except ValueError:
            source = str(path)
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{source}:{number}"
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{where}: not valid JSON ({exc.msg})") from None
                if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                    raise ValueError(f"{where}: a case needs a string 'id'")
                if not isinstance(raw.get("text"), str) or not isinstance(raw.get("expected"), dict):
                    raise ValueError(f"{where}: case {raw['id']} needs 'text' (str) and 'expected' (object)")
                if raw["id"] in seen:
                    raise ValueError(f"{where}: case id {raw['id']} already used in {seen[raw['id']]}")
                seen[raw["id"]] = where
                cases.append(
                    Case(
                        id=raw["id"],
                        text=raw["text"],
                        expected=raw["expected"],
                        tags=tuple(raw.get("tags") or ()),
                        note=raw.get("note") or "",
                        source=source,
                        line=number,
                    )
                )
    return cases


def load_xfail(path: Path = XFAIL_FILE) -> dict[str, str]:
    """``case id -> reason`` from ``xfail.toml`` (empty when the file is absent)."""
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        table = tomllib.load(handle)
    bad = [key for key, reason in table.items() if not isinstance(reason, str) or not reason.strip()]
    if bad:
        raise ValueError(f"{path.name}: every entry needs a non-empty reason string: {', '.join(bad)}")
    return dict(table)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def values_match(expected: Any, got: Any) -> bool:
    """The corpus rule for one column: null is null, numbers within 0.01, ranges as a pair."""
    if expected is None:
        return got is None
    if _is_number(expected):
        return _is_number(got) and math.isfinite(got) and abs(got - expected) <= TOLERANCE
    if isinstance(expected, list):
        return (
            isinstance(got, (list, tuple))
            and len(got) == len(expected)
            and all(values_match(e, g) for e, g in zip(expected, got))
        )
    return type(got) is type(expected) and got == expected


def compare(case: Case, record: dict[str, Any]) -> list[Mismatch]:
    """The named columns of ``case`` that ``record`` gets wrong (a missing column is wrong)."""
    missing = object()
    mismatches = []
    for column, expected in case.expected.items():
        got = record.get(column, missing)
        if got is missing:
            mismatches.append(Mismatch(column, expected, "<column missing from the record>"))
        elif not values_match(expected, got):
            mismatches.append(Mismatch(column, expected, got))
    return mismatches


def format_diff(case: Case, record: dict[str, Any], mismatches: list[Mismatch]) -> str:
    """A readable table of the named columns only: every named column, differing ones marked."""
    wrong = {m.column for m in mismatches}
    rows = [("", "column", "expected", "got")]
    for column, expected in case.expected.items():
        got = record.get(column, "<missing>")
        rows.append(("x" if column in wrong else "", column, _show(expected), _show(got)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        f"{case.id} ({case.source}:{case.line}): {len(mismatches)} of {len(case.expected)} named columns differ"
    ]
    if case.note:
        lines.append(f"note: {case.note}")
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return "\n".join(lines)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, default=repr)  # None -> null, lists as [a, b]


def status_flip(column: str, expected: Any, got: Any) -> bool:
    """A status column called on the wrong side: positive/low_positive <-> negative."""
    if not (column.endswith("_status")):
        return False
    return (expected in POSITIVE_SIDE and got in NEGATIVE_SIDE) or (
        expected in NEGATIVE_SIDE and got in POSITIVE_SIDE
    )


def invented(expected: Any, got: Any) -> bool:
    """A value the report does not state (expected null) that came out non-null."""
    return expected is None and got is not None
