"""Loading labelled corpus cases (format: ``tests/corpus/shared/README.md``) from the test corpus.

What "a case passes" means lives in the package, :mod:`her2_interpret.evaluation` (one source of truth
for ``tests/test_corpus.py``, ``scripts/evaluate.py`` and ``her2-interpret evaluate``); this module
re-exports it and adds the test corpus's files and expected failures.

- Only the columns a case names are checked; a column named as ``null`` must come out null.
- Numbers match within :data:`TOLERANCE`; ``*_percent_range`` matches as a pair.
- Expected failures live in ``tests/corpus/xfail.toml`` as ``"case-id" = "reason"``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from her2_interpret.evaluation import (  # noqa: F401 - re-exported for the tests and scripts
    NEGATIVE_SIDE,
    POSITIVE_SIDE,
    TOLERANCE,
    Case,
    Mismatch,
    compare,
    format_diff,
    invented,
    status_flip,
    values_match,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TESTS_DIR = Path(__file__).resolve().parent
CORPUS_DIR = TESTS_DIR / "corpus"
SHARED_CORPUS_DIR = CORPUS_DIR / "shared"
XFAIL_FILE = CORPUS_DIR / "xfail.toml"


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
