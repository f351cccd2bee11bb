"""Batch input and output for the command: report files, folders, stdin and tables in; rows out.

Every input gives rows and no input stops the others: a file that cannot be read, an empty text or a
bad table row gives a row with an ``error`` ("kind: what, where": a byte position, a line or row
number, never report text) and the run goes on. A table (CSV, TSV, JSON lines, JSON, Parquet) is
never read as one report: each row is one, its text in ``--text-column``; a ``.txt`` file (or any
other extension) and stdin are one report each unless ``--input-format`` says otherwise.

Row columns, always in this order: :data:`ROW_COLUMNS` (``source``, ``id``, ``row``, ``error``),
then the record's columns (:data:`~her2_interpret.record.ALL_COLUMNS`), then with ``--explain``
:data:`EXPLAIN_COLUMNS`. A row with an error has every record column null.

A thin adapter: nothing in the core imports it. Optional extras: ``parquet`` (pyarrow) for Parquet
files, ``progress`` (tqdm) for the progress bar.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .record import ALL_COLUMNS

#: Input formats by file extension; anything else is one report of text.
INPUT_FORMATS: dict[str, str] = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".parquet": "parquet", ".pq": "parquet",
}
#: Tables this command cannot read: refused with a hint, never read as one report.
UNSUPPORTED_TABLES = frozenset({".xlsx", ".xls", ".xlsm", ".ods", ".feather", ".arrow", ".sav", ".dta", ".sas7bdat"})
#: Output formats by the extension of ``-o FILE``.
OUTPUT_FORMATS: dict[str, str] = {
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
    ".parquet": "parquet", ".pq": "parquet", ".txt": "text",
}

#: The columns before the record's in every row.
ROW_COLUMNS: tuple[str, ...] = ("source", "id", "row", "error")
#: The columns ``--explain`` adds after the record's (the clinical explanation QUOTES REPORT TEXT).
EXPLAIN_COLUMNS: tuple[str, ...] = ("explanation_plain", "explanation_clinical", "decisions")

#: Error kinds, the first word of an ``error`` cell.
ERROR_KINDS: dict[str, str] = {
    "unreadable": "the input cannot be read (not found, no permission, an empty folder)",
    "undecodable": "the input is not valid in --encoding (the byte position is given)",
    "no_content": "the report text is empty or only whitespace",
    "bad_row": "a table row without a readable text (a JSON-lines line that is not an object, a text that is not a string)",
    "bad_table": "a table that cannot be read (no text column, not CSV/JSON/Parquet, an unsupported format)",
    "missing_extra": "reading this input needs an optional dependency (the message names the extra)",
    "internal": "an unexpected error while interpreting (details withheld: they may quote the report)",
}


@dataclass(frozen=True)
class Report:
    """One report to interpret (``text``), or the error that stands in its place (``error``)."""

    source: str  # a file path, or "-" for stdin
    text: str | None = None
    id: Any = None  # the table's id column
    row: int | None = None  # a JSON-lines line number; a CSV/TSV, JSON or Parquet data row (1 = the first)
    error: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    encoding: str = "utf-8"
    input_format: str = "auto"  # auto (by extension), text, csv, tsv, jsonl, json, parquet
    text_column: str = "text"
    id_column: str | None = None  # None: "id" when the table has it
    recursive: bool = False
    pattern: str = "*.txt"


def _failed(source: str, kind: str, message: str, row: int | None = None, id: Any = None) -> Report:
    return Report(source=source, row=row, id=id, error=f"{kind}: {message}")


# --------------------------------------------------------------------------- reading


def expand(sources: Sequence[str], options: ReadOptions) -> Iterator[tuple[str, str | None]]:
    """``(path, error)`` for each input: a folder becomes its matching files, sorted."""
    for source in sources:
        if source == "-":
            yield source, None
            continue
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in (path.rglob(options.pattern) if options.recursive else path.glob(options.pattern))
                           if p.is_file())
            if not found:
                hint = "" if options.recursive else "; --recursive reads subfolders"
                yield source, f"unreadable: a folder with no {options.pattern} files{hint}"
            for p in found:
                yield str(p), None
        else:
            yield source, None


def read_reports(sources: Sequence[str], options: ReadOptions, stdin: Any) -> Iterator[Report]:
    """The reports of every input, in order; a bad input gives a :class:`Report` with an error."""
    for source, error in expand(sources, options):
        if error:
            yield Report(source=source, error=error)
            continue
        fmt = options.input_format
        if fmt == "auto":
            suffix = Path(source).suffix.lower() if source != "-" else ""
            if suffix in UNSUPPORTED_TABLES:
                yield _failed(source, "bad_table", f"{suffix} files are not read; export the table to CSV or Parquet")
                continue
            fmt = INPUT_FORMATS.get(suffix, "text")
        if fmt == "parquet":
            yield from _parquet(source, options)
            continue
        data = _read_bytes(source, stdin)
        if isinstance(data, Report):
            yield data
            continue
        text = _decode(data, options.encoding, source)
        if isinstance(text, Report):
            yield text
        elif fmt == "text":
            if not text.strip():
                yield _failed(source, "no_content", "the input is empty or only whitespace")
            else:
                yield Report(source=source, text=text)
        elif fmt == "jsonl":
            yield from _jsonl(source, text, options)
        elif fmt == "json":
            yield from _json(source, text, options)
        else:
            yield from _delimited(source, text, options, "\t" if fmt == "tsv" else ",")


def _read_bytes(source: str, stdin: Any) -> bytes | Report:
    if source == "-":
        buffer = getattr(stdin, "buffer", None)
        if buffer is not None:
            return buffer.read()
        data = stdin.read()
        return data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return _failed(source, "unreadable", "file not found")
    except IsADirectoryError:
        return _failed(source, "unreadable", "is a directory")
    except PermissionError:
        return _failed(source, "unreadable", "permission denied")
    except OSError as exc:
        return _failed(source, "unreadable", exc.strerror or type(exc).__name__)


def _decode(data: bytes, encoding: str, source: str) -> str | Report:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        return _failed(source, "undecodable", f"not valid {exc.encoding}: {exc.reason} at byte position {exc.start} "
                                              "(try --encoding, e.g. --encoding cp1252)")
    return text[1:] if text.startswith("\ufeff") else text  # a byte-order mark is not report text


def _from_cell(source: str, row: int, item_id: Any, text: Any) -> Report:
    if text is None:
        return _failed(source, "no_content", "the text cell is empty", row, item_id)
    if not isinstance(text, str):
        return _failed(source, "bad_row", f"the text is {type(text).__name__}, not a string", row, item_id)
    if not text.strip():
        return _failed(source, "no_content", "the text is empty or only whitespace", row, item_id)
    return Report(source=source, text=text, id=item_id, row=row)


def _table_columns(columns: Iterable[str], options: ReadOptions) -> tuple[str | None, str | None]:
    """The id column to use and a problem with the table's columns (the text column or the
    ``--id-column`` it lacks), shared by every table reader."""
    columns = list(columns)
    if options.text_column not in columns:
        return None, f"no {options.text_column!r} column (name it with --text-column); columns: {_names(columns)}"
    return _id_column(columns, options)


def _id_column(columns: Iterable[str], options: ReadOptions) -> tuple[str | None, str | None]:
    """The id column to use, or an error when ``--id-column`` names one the table lacks."""
    columns = list(columns)
    if options.id_column is None:
        return ("id" if "id" in columns else None), None
    if options.id_column not in columns:
        return None, f"no {options.id_column!r} column (--id-column); columns: {_names(columns)}"
    return options.id_column, None


def _names(columns: list[str]) -> str:
    shown = ", ".join(repr(c) for c in columns[:20])
    return shown + (f" and {len(columns) - 20} more" if len(columns) > 20 else "") if columns else "none"


def _jsonl(source: str, text: str, options: ReadOptions) -> Iterator[Report]:
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        count += 1
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _failed(source, "bad_row", f"not valid JSON ({exc.msg} at column {exc.colno})", number)
            continue
        if not isinstance(item, dict):
            yield _failed(source, "bad_row", f"expected a JSON object, got {type(item).__name__}", number)
            continue
        id_key = options.id_column or "id"
        item_id = item.get(id_key)
        if options.text_column not in item:
            yield _failed(source, "bad_row", f"no {options.text_column!r} field (--text-column)", number, item_id)
            continue
        yield _from_cell(source, number, item_id, item[options.text_column])
    if count == 0:
        yield _failed(source, "no_content", "no JSON-lines records")


def _json(source: str, text: str, options: ReadOptions) -> Iterator[Report]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _failed(source, "bad_table", f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        yield _failed(source, "bad_table", f"expected a JSON array of objects, got {type(data).__name__}")
        return
    if not data:
        yield _failed(source, "no_content", "an empty JSON array")
    id_key = options.id_column or "id"
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            yield _failed(source, "bad_row", f"expected a JSON object, got {type(item).__name__}", number)
        elif options.text_column not in item:
            yield _failed(source, "bad_row", f"no {options.text_column!r} field (--text-column)", number, item.get(id_key))
        else:
            yield _from_cell(source, number, item.get(id_key), item[options.text_column])


def _delimited(source: str, text: str, options: ReadOptions, delimiter: str) -> Iterator[Report]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a report is one cell: allow long ones
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield _failed(source, "bad_table", f"not readable as CSV ({exc})")
        return
    if not header:
        yield _failed(source, "no_content", "an empty table")
        return
    id_name, problem = _table_columns(header, options)
    if problem:
        yield _failed(source, "bad_table", problem)
        return
    text_at = header.index(options.text_column)
    id_at = header.index(id_name) if id_name else None
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield _failed(source, "bad_table", f"not readable as CSV after data row {number} ({exc}); rest of the table skipped")
            return
        if not cells:  # a blank line
            continue
        number += 1
        item_id = cells[id_at] if id_at is not None and id_at < len(cells) else None
        cell = cells[text_at] if text_at < len(cells) else None
        yield _from_cell(source, number, item_id or None, cell or None)
    if number == 0:
        yield _failed(source, "no_content", "a table without data rows")


def _parquet(source: str, options: ReadOptions) -> Iterator[Report]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield _failed(source, "missing_extra", "reading Parquet needs pyarrow: pip install 'her2_interpret[parquet]'")
        return
    try:
        handle = pq.ParquetFile(source)
    except FileNotFoundError:
        yield _failed(source, "unreadable", "file not found")
        return
    except Exception as exc:  # noqa: BLE001 - pyarrow's messages may quote data: the type only
        yield _failed(source, "bad_table", f"not readable as Parquet ({type(exc).__name__})")
        return
    columns = handle.schema_arrow.names
    id_name, problem = _table_columns(columns, options)
    if problem:
        yield _failed(source, "bad_table", problem)
        return
    wanted = [options.text_column] + ([id_name] if id_name and id_name != options.text_column else [])
    number = 0
    try:
        for batch in handle.iter_batches(columns=wanted, batch_size=1024):
            data = batch.to_pydict()
            for i, text in enumerate(data[options.text_column]):
                number += 1
                yield _from_cell(source, number, data[id_name][i] if id_name else None, text)
    except Exception as exc:  # noqa: BLE001
        yield _failed(source, "bad_table", f"not readable as Parquet after data row {number} ({type(exc).__name__})")
        return
    if number == 0:
        yield _failed(source, "no_content", "a table without data rows")


# --------------------------------------------------------------------------- rows


def row_columns(explain: bool) -> list[str]:
    return [*ROW_COLUMNS, *ALL_COLUMNS, *(EXPLAIN_COLUMNS if explain else ())]


def build_row(report: Report, result: Any, explain: bool, error: str | None = None) -> dict[str, Any]:
    """The output row of one report: where it came from, its error, its record (null on error)."""
    row: dict[str, Any] = {"source": report.source, "id": report.id, "row": report.row,
                           "error": error or report.error}
    if result is None:
        row.update(dict.fromkeys(ALL_COLUMNS))
        if explain:
            row.update(dict.fromkeys(EXPLAIN_COLUMNS))
        return row
    row.update(result.to_record())
    if explain:
        row["explanation_plain"] = result.explanation.plain
        row["explanation_clinical"] = result.explanation.clinical
        row["decisions"] = [
            {
                "target": d.target,
                "value": d.value if d.value is None or isinstance(d.value, (int, float)) else str(d.value),
                "rule": d.rule,
                "guideline": d.guideline,
                "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in d.evidence],
            }
            for d in result.classification.decisions
        ]
    return row


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


# --------------------------------------------------------------------------- writing


class Writer:
    """Writes rows in one format as they come (``parquet`` collects them and writes at the end)."""

    def __init__(self, fmt: str, out: TextIO, explain: bool, single: bool, path: str | None = None) -> None:
        self.fmt, self.out, self.explain, self.single, self.path = fmt, out, explain, single, path
        self.columns = row_columns(explain)
        self.count = 0
        self.rows: list[dict[str, Any]] = []
        self.csv: Any = None
        if fmt in ("csv", "tsv"):
            self.csv = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
            self.csv.writerow(self.columns)
        elif fmt == "table":
            out.write(_TABLE.format(*_TABLE_HEAD) + "\n")

    def write(self, row: dict[str, Any], result: Any) -> None:
        self.count += 1
        if self.fmt == "json":
            text = json.dumps(row, ensure_ascii=False, indent=2)
            if self.single:
                self.out.write(text + "\n")
            else:
                indented = "  " + text.replace("\n", "\n  ")
                self.out.write(("[\n" if self.count == 1 else ",\n") + indented)
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.csv is not None:
            self.csv.writerow([_cell(row[c]) for c in self.columns])
        elif self.fmt == "parquet":
            self.rows.append(row)
        elif self.fmt == "table":
            self.out.write(_table_line(row) + "\n")
        else:
            self._text(row, result)

    def _text(self, row: dict[str, Any], result: Any) -> None:
        title = row["source"] if row["row"] is None else f"{row['source']}:{row['row']}"
        if row["id"] is not None:
            title += f" (id {row['id']})"
        if self.count > 1:
            self.out.write("\n")
        if result is None:
            self.out.write(f"== {title}\n\nerror: {row['error']}\n")
            return
        self.out.write(f"== {title}\n\n{result.explanation.plain.rstrip()}\n")
        if self.explain:
            self.out.write(f"\n-- clinical reasoning\n{result.explanation.clinical.rstrip()}\n")
        else:
            self.out.write("\n(clinical reasoning quotes the report: add --explain to show it)\n")

    def close(self) -> None:
        if self.fmt == "json" and not self.single:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "parquet":
            write_parquet(self.rows, self.columns, self.path or "")
        self.out.flush()


_TABLE = "{:<28} {:<12} {:<12} {:<10} {:<9} {:>6} {:<25} {:<6} {}"
_TABLE_HEAD = ("source", "er_status", "pr_status", "her2", "category", "ki67", "subtype", "review", "error")


def _short(value: Any, width: int, keep_end: bool = False) -> str:
    text = "" if value is None else str(value)
    if len(text) <= width:
        return text
    return "~" + text[len(text) - width + 1:] if keep_end else text[: width - 1] + "~"


def _table_line(row: dict[str, Any]) -> str:
    where = row["source"] if row["row"] is None else f"{row['source']}:{row['row']}"
    if row["id"] is not None:
        where = str(row["id"])
    ki67 = row["ki67_percent"]
    if ki67 is None and row["ki67_percent_range"]:
        ki67 = "{:g}-{:g}".format(*row["ki67_percent_range"])
    elif ki67 is not None:
        ki67 = f"{ki67:g}"
    review = "" if row["needs_review"] is None else ("yes" if row["needs_review"] else "no")
    return _TABLE.format(
        _short(where, 28, keep_end=True), _short(row["er_status"], 12), _short(row["pr_status"], 12),
        _short(row["her2_status"], 10), _short(row["her2_category"], 9), _short(ki67, 6),
        _short(row["subtype"], 25), review, row["error"] or "",
    ).rstrip()


def arrow_schema(columns: Sequence[str]) -> Any:
    """The pyarrow schema of the output rows: the same types whatever the data."""
    import pyarrow as pa

    from .schema import column_kind

    types = {"float": pa.float64(), "int": pa.int64(), "range": pa.list_(pa.float64()), "bool": pa.bool_(),
             "list": pa.list_(pa.string()), "mapping": pa.map_(pa.string(), pa.string()), "enum": pa.string()}
    fields = []
    for column in columns:
        if column == "row":
            fields.append(pa.field(column, pa.int64()))
        elif column in ALL_COLUMNS:
            fields.append(pa.field(column, types[column_kind(column)]))
        else:  # source, id, error, explanations, decisions (JSON text)
            fields.append(pa.field(column, pa.string()))
    return pa.schema(fields)


def write_parquet(rows: list[dict[str, Any]], columns: Sequence[str], path: str) -> None:
    """Write rows to a Parquet file with :func:`arrow_schema` (ids as text, decisions as JSON)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def cell(column: str, value: Any) -> Any:
        if value is None:
            return None
        if column == "id":
            return str(value)
        if column == "decisions":
            return json.dumps(value, ensure_ascii=False)
        if column == "guideline_versions":
            return list(value.items())
        return value

    schema = arrow_schema(columns)
    data = {c: [cell(c, row[c]) for row in rows] for c in columns}
    pq.write_table(pa.table(data, schema=schema), path)


def progress(reports: Iterator[Report], enabled: bool | None, stderr: TextIO) -> Iterator[Report]:
    """``reports`` with a tqdm bar on ``stderr`` (when ``enabled``, or None and stderr is a terminal).

    The bar shows counts only, never a file name or text. Without tqdm it is silently off."""
    if enabled is None:
        isatty = getattr(stderr, "isatty", None)
        enabled = bool(isatty and isatty())
    if not enabled:
        return reports
    try:
        from tqdm import tqdm
    except ImportError:
        stderr.write("her2-interpret: no progress bar: install the 'progress' extra (pip install "
                     "'her2_interpret[progress]')\n")
        return reports
    return iter(tqdm(reports, unit=" reports", file=stderr, mininterval=0.5, dynamic_ncols=True))
