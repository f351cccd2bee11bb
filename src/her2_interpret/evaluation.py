"""Site validation: score the library on a site's own labelled reports (``her2-interpret evaluate``).

One source of truth for what "a case passes" means, used by ``her2-interpret evaluate``,
``tests/test_corpus.py`` (through ``tests/corpus_cases.py``) and ``scripts/evaluate.py``:

- only the columns a case names are checked; a column named as null must come out null;
- numbers match within :data:`TOLERANCE`; ``*_percent_range`` matches as a ``[low, high]`` pair.

Labels come in the corpus format (JSON lines: ``{"id", "text", "expected": {column: value}}``,
``shared/corpus/README.md``) or as a CSV/TSV table with an id column, a text column and one column
per expected record column (an empty cell is not checked; ``null`` means must be null). Labels are
checked first: an unknown column or value is a *label problem*, reported apart and never counted as
an error of the library.

Nothing here prints or returns report text: case ids, columns and values only.
"""

from __future__ import annotations

import csv
import io
import json
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .record import ALL_COLUMNS
from .schema import ENUM_ORDER, STATUS_COLUMNS, column_kind

#: Numbers match within this absolute tolerance (corpus README).
TOLERANCE = 0.01

#: Status values on either side of a "flip" (see :func:`status_flip`).
POSITIVE_SIDE = frozenset({"positive", "low_positive"})
NEGATIVE_SIDE = frozenset({"negative"})

#: Columns that cannot be labelled: they hold messages and versions, not results.
UNLABELLED_COLUMNS = frozenset({"warnings", "guideline_versions"})

#: The value shown for null in confusion tables.
NULL = "null"


@dataclass(frozen=True)
class Case:
    """One labelled case: ``text`` in, the named ``expected`` columns out."""

    id: str
    text: str
    expected: dict[str, Any]
    tags: tuple[str, ...] = ()
    note: str = ""
    source: str = ""  # the file it came from
    line: int = 0  # its line (JSON lines) or data row (CSV)


@dataclass(frozen=True)
class Mismatch:
    column: str
    expected: Any
    got: Any


@dataclass(frozen=True)
class LabelProblem:
    """A label that cannot be scored: where it is and what is wrong (never the report text)."""

    source: str
    line: int
    case: str | None
    column: str | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" + (f" case {self.case}" if self.case else "")
        return f"{where}: " + (f"{self.column}: " if self.column else "") + self.problem


# --------------------------------------------------------------------------- comparing


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
        rows.append(("x" if column in wrong else "", column, show(expected), show(got)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        f"{case.id} ({case.source}:{case.line}): {len(mismatches)} of {len(case.expected)} named columns differ"
    ]
    if case.note:
        lines.append(f"note: {case.note}")
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return "\n".join(lines)


def show(value: Any) -> str:
    """A value as a label would write it: strings quoted, None as null, lists as ``[a, b]``."""
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, default=repr)


def status_flip(column: str, expected: Any, got: Any) -> bool:
    """A status column called on the wrong side: positive/low_positive <-> negative."""
    if not column.endswith("_status"):
        return False
    return (expected in POSITIVE_SIDE and got in NEGATIVE_SIDE) or (
        expected in NEGATIVE_SIDE and got in POSITIVE_SIDE
    )


def invented(expected: Any, got: Any) -> bool:
    """A value the report does not state (expected null) that came out non-null."""
    return expected is None and got is not None


def abstained(expected: Any, got: Any) -> bool:
    """A value the report states (expected non-null) that came out null: an honest 'unknown'."""
    return expected is not None and got is None


# --------------------------------------------------------------------------- checking labels


def label_problem(column: str, value: Any) -> str | None:
    """What is wrong with labelling ``column`` as ``value`` (None: a valid label)."""
    if column not in ALL_COLUMNS:
        return "unknown column (not a record column)"
    if column in UNLABELLED_COLUMNS:
        return "cannot be labelled (it holds messages or versions, not a result)"
    if value is None:
        return None
    kind = column_kind(column)
    if kind == "enum":
        allowed = ENUM_ORDER[column]
        if value not in allowed:
            return f"value {show(value)} is not one of {', '.join(allowed)}"
    elif kind in ("float", "int"):
        if not _is_number(value) or not math.isfinite(value):
            return f"value {show(value)} is not a number"
        if kind == "int" and value != int(value):
            return f"value {show(value)} is not a whole number"
        if column.endswith("_percent") and not 0 <= value <= 100:
            return f"value {show(value)} is not a percent 0-100"
    elif kind == "range":
        if not (isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)
                and 0 <= value[0] <= value[1] <= 100):
            return f"value {show(value)} is not [low, high] with 0 <= low <= high <= 100"
    elif kind == "bool":
        if not isinstance(value, bool):
            return f"value {show(value)} is not true or false"
    elif kind == "list":
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"value {show(value)} is not a list of strings"
    return None


def _checked_case(
    raw_id: Any, text: Any, expected: dict[str, Any], source: str, line: int, problems: list[LabelProblem],
    tags: tuple[str, ...] = (), note: str = "",
) -> Case | None:
    case_id = None if raw_id is None else str(raw_id)
    if not case_id:
        problems.append(LabelProblem(source, line, None, None, "no case id"))
        return None
    if not isinstance(text, str) or not text.strip():
        problems.append(LabelProblem(source, line, case_id, None, "no report text"))
        return None
    kept: dict[str, Any] = {}
    for column, value in expected.items():
        problem = label_problem(column, value)
        if problem:
            problems.append(LabelProblem(source, line, case_id, column, problem))
        else:
            kept[column] = value
    if not kept:
        problems.append(LabelProblem(source, line, case_id, None, "no valid expected column: nothing to score"))
        return None
    return Case(id=case_id, text=text, expected=kept, tags=tags, note=note, source=source, line=line)


def read_jsonl_labels(path: Path, data: str) -> tuple[list[Case], list[LabelProblem]]:
    """Cases of the corpus JSON-lines format, and the label problems found."""
    cases: list[Case] = []
    problems: list[LabelProblem] = []
    source = str(path)
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(LabelProblem(source, number, None, None, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        if not isinstance(raw, dict):
            problems.append(LabelProblem(source, number, None, None, f"a case is a JSON object, not {type(raw).__name__}"))
            continue
        expected = raw.get("expected")
        if not isinstance(expected, dict):
            problems.append(LabelProblem(source, number, str(raw.get("id")), None, "needs an 'expected' object"))
            continue
        case = _checked_case(raw.get("id"), raw.get("text"), expected, source, number, problems,
                             tuple(raw.get("tags") or ()), raw.get("note") or "")
        if case:
            cases.append(case)
    return cases, problems


_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def parse_cell(column: str, cell: str) -> Any:
    """A CSV cell as a label value: ``null`` is None; numbers, ``[low, high]`` (or ``low-high``),
    ``true``/``false`` and lists (JSON, or ``;``-separated) by the column's kind. Raises ValueError
    with the reason when the cell cannot be read."""
    cell = cell.strip()
    if cell.lower() == "null":
        return None
    kind = column_kind(column)
    if kind in ("float", "int"):
        try:
            number = float(cell)
        except ValueError:
            raise ValueError(f"value {cell!r} is not a number") from None
        return int(number) if kind == "int" and number == int(number) else number
    if kind == "range":
        try:
            value = json.loads(cell) if cell.startswith("[") else [float(x) for x in cell.split("-", 1)]
        except ValueError:
            raise ValueError(f"value {cell!r} is not [low, high] or low-high") from None
        return value
    if kind == "bool":
        if cell.lower() in _TRUE | _FALSE:
            return cell.lower() in _TRUE
        raise ValueError(f"value {cell!r} is not true or false")
    if kind == "list":
        if cell.startswith("["):
            try:
                return json.loads(cell)
            except ValueError:
                raise ValueError(f"value {cell!r} is not a JSON list") from None
        return [part.strip() for part in cell.split(";") if part.strip()]
    return cell


def read_table_labels(
    path: Path, data: str, *, delimiter: str, text_column: str = "text", id_column: str = "id"
) -> tuple[list[Case], list[LabelProblem]]:
    """Cases of a CSV/TSV label table: ``id_column``, ``text_column`` and expected record columns."""
    source = str(path)
    reader = csv.DictReader(io.StringIO(data, newline=""), delimiter=delimiter)
    header = reader.fieldnames or []
    problems: list[LabelProblem] = []
    for needed, flag in ((id_column, "--id-column"), (text_column, "--text-column")):
        if needed not in header:
            problems.append(LabelProblem(source, 1, None, None, f"no {needed!r} column (name it with {flag})"))
    if problems:
        return [], problems
    label_columns = [c for c in header if c not in (id_column, text_column)]
    for column in label_columns:
        if column not in ALL_COLUMNS or column in UNLABELLED_COLUMNS:
            problems.append(LabelProblem(source, 1, None, column, label_problem(column, None) or "unknown column"))
    good = [c for c in label_columns if c in ALL_COLUMNS and c not in UNLABELLED_COLUMNS]
    cases: list[Case] = []
    for number, row in enumerate(reader, start=1):
        expected: dict[str, Any] = {}
        for column in good:
            cell = row.get(column)
            if cell is None or not cell.strip():
                continue  # an empty cell is not checked
            try:
                expected[column] = parse_cell(column, cell)
            except ValueError as exc:
                problems.append(LabelProblem(source, number, row.get(id_column), column, str(exc)))
        case = _checked_case(row.get(id_column), row.get(text_column), expected, source, number, problems)
        if case:
            cases.append(case)
    return cases, problems


def read_labels(
    path: str | Path, *, text_column: str = "text", id_column: str = "id", encoding: str = "utf-8"
) -> tuple[list[Case], list[LabelProblem]]:
    """Cases and label problems of a label file: ``.csv``/``.tsv`` tables, anything else JSON lines.

    Raises OSError when the file cannot be read and UnicodeDecodeError when it is not ``encoding``."""
    path = Path(path)
    data = path.read_bytes().decode(encoding)
    data = data[1:] if data.startswith("\ufeff") else data
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return read_table_labels(path, data, delimiter="\t" if suffix == ".tsv" else ",",
                                 text_column=text_column, id_column=id_column)
    return read_jsonl_labels(path, data)


# --------------------------------------------------------------------------- scoring


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of (expected, got) pairs, null a category of its own; None when undefined
    (no pairs, or every label and answer the same single value)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(e == g for e, g in pairs) / n
    expected_counts, got_counts = Counter(e for e, _ in pairs), Counter(g for _, g in pairs)
    chance = sum(expected_counts[k] * got_counts.get(k, 0) for k in expected_counts) / (n * n)
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


@dataclass
class _Column:
    labelled: int = 0
    correct: int = 0
    abstained: int = 0
    invented: int = 0
    wrong: int = 0
    flips: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)


def _key(value: Any) -> str:
    return NULL if value is None else str(value)


def evaluate(cases: list[Case], label_problems: list[LabelProblem] | None = None, **options: Any) -> dict[str, Any]:
    """Interpret every case and score it: a JSON-ready summary (see ``her2-interpret evaluate``).

    ``options`` are the classification options of :func:`her2_interpret.interpret`."""
    from .api import interpret
    from .rules import check_options

    check_options(options)
    columns: dict[str, _Column] = {}
    failing: list[dict[str, Any]] = []
    passed = flagged = flagged_failing = errors = 0
    started = time.perf_counter()
    for case in cases:
        try:
            record = interpret(case.text, **options).to_record()
        except Exception as exc:  # noqa: BLE001 - a crash is a failed case, reported by type only
            errors += 1
            failing.append({"id": case.id, "source": case.source, "line": case.line,
                            "error": type(exc).__name__, "mismatches": [], "needs_review": None})
            continue
        mismatches = compare(case, record)
        review = bool(record.get("needs_review"))
        flagged += review
        for column, expected in case.expected.items():
            got = record.get(column)
            stats = columns.setdefault(column, _Column())
            stats.labelled += 1
            if values_match(expected, got):
                stats.correct += 1
            elif abstained(expected, got):
                stats.abstained += 1
            elif invented(expected, got):
                stats.invented += 1
            else:
                stats.wrong += 1
            stats.flips += status_flip(column, expected, got)
            if column in STATUS_COLUMNS:
                stats.pairs.append((_key(expected), _key(got)))
        if mismatches:
            flagged_failing += review
            failing.append({
                "id": case.id, "source": case.source, "line": case.line, "error": None, "needs_review": review,
                "mismatches": [
                    {"column": m.column, "expected": m.expected, "got": m.got,
                     "flip": status_flip(m.column, m.expected, m.got)}
                    for m in mismatches
                ],
            })
        else:
            passed += 1
    total = len(cases)
    ordered = [c for c in ALL_COLUMNS if c in columns]
    per_column = {
        c: {
            "labelled": s.labelled, "correct": s.correct,
            "accuracy": round(s.correct / s.labelled, 4) if s.labelled else None,
            "abstained": s.abstained, "invented": s.invented, "wrong": s.wrong, "flips": s.flips,
        }
        for c in ordered for s in [columns[c]]
    }
    confusion: dict[str, dict[str, dict[str, int]]] = {}
    kappa: dict[str, float | None] = {}
    for column in STATUS_COLUMNS:
        if column not in columns:
            continue
        pairs = columns[column].pairs
        table: dict[str, dict[str, int]] = {}
        for expected, got in pairs:
            table.setdefault(expected, {}).setdefault(got, 0)
            table[expected][got] += 1
        confusion[column] = table
        k = cohen_kappa(pairs)
        kappa[column] = None if k is None else round(k, 4)
    scored = total - errors
    return {
        "cases": total,
        "passed": passed,
        "failed": total - passed,
        "errors": errors,
        "seconds": round(time.perf_counter() - started, 3),
        "per_column": per_column,
        "abstentions": sum(s.abstained for s in columns.values()),
        "inventions": sum(s.invented for s in columns.values()),
        "wrong_values": sum(s.wrong for s in columns.values()),
        "dangerous_errors": sum(s.flips for s in columns.values()),
        "confusion": confusion,
        "kappa": kappa,
        "review_fraction": round(flagged / scored, 4) if scored else None,
        "review_fraction_of_failing": (
            round(flagged_failing / (len(failing) - errors), 4) if len(failing) > errors else None
        ),
        "failing_cases": failing,
        "label_problems": [
            {"source": p.source, "line": p.line, "case": p.case, "column": p.column, "problem": p.problem}
            for p in (label_problems or [])
        ],
    }


# --------------------------------------------------------------------------- printing


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
            for row in rows]


def format_summary(summary: dict[str, Any], *, cases: bool = True) -> str:
    """The summary of :func:`evaluate` as readable text (ids, columns and values; no report text)."""
    out: list[str] = []
    problems = summary["label_problems"]
    if problems:
        out.append(f"== label problems ({len(problems)}; not counted as library errors, those labels are not scored)")
        out += ["  " + str(LabelProblem(**p)) for p in problems]
        out.append("")
    out.append("== per column")
    rows = [["column", "labelled", "accuracy", "abstained", "invented", "wrong", "flips"]]
    for column, s in summary["per_column"].items():
        rows.append([column, str(s["labelled"]), _percent(s["accuracy"]), str(s["abstained"]),
                     str(s["invented"]), str(s["wrong"]), str(s["flips"])])
    out += _table(rows)
    for column, table in summary["confusion"].items():
        got_values = [v for v in (*ENUM_ORDER[column], NULL) if any(v in row for row in table.values())]
        expected_values = [v for v in (*ENUM_ORDER[column], NULL) if v in table]
        kappa = summary["kappa"].get(column)
        out.append("")
        out.append(f"== {column}: expected (rows) by got (columns); Cohen's kappa "
                   + ("undefined" if kappa is None else f"{kappa:.3f}"))
        rows = [["expected \\ got", *got_values]]
        for e in expected_values:
            rows.append([e, *(str(table[e].get(g, 0)) for g in got_values)])
        out += _table(rows)
    if cases and summary["failing_cases"]:
        out.append("")
        out.append("== failing cases (expected vs got)")
        for case in summary["failing_cases"]:
            head = f"  {case['id']} ({case['source']}:{case['line']})"
            if case["error"]:
                out.append(f"{head}: error {case['error']}")
                continue
            out.append(head + (" [flagged for review]" if case["needs_review"] else ""))
            for m in case["mismatches"]:
                flip = "  DANGEROUS: positive/negative flip" if m["flip"] else ""
                out.append(f"    {m['column']}: expected {show(m['expected'])}, got {show(m['got'])}{flip}")
    out.append("")
    out.append("== summary")
    total = summary["cases"]
    out.append(f"  cases passed:      {summary['passed']}/{total}"
               + (f" ({100 * summary['passed'] / total:.1f}%)" if total else "") + f" in {summary['seconds']} s")
    out.append(f"  dangerous errors:  {summary['dangerous_errors']} (status called positive for negative or the reverse)")
    out.append(f"  inventions:        {summary['inventions']} (a value where the label says not stated)")
    out.append(f"  abstentions:       {summary['abstentions']} (null where the label has a value)")
    out.append(f"  other wrong:       {summary['wrong_values']}")
    out.append(f"  errors:            {summary['errors']}")
    out.append(f"  flagged for review: {_percent(summary['review_fraction'])} of cases; "
               f"{_percent(summary['review_fraction_of_failing'])} of failing cases")
    out.append(f"  label problems:    {len(problems)}")
    return "\n".join(out) + "\n"
