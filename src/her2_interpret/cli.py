"""The ``her2-interpret`` command: report files in, records (or explanations) out.

A thin adapter over :func:`her2_interpret.interpret`; nothing in the core imports it.

Privacy: report text is never printed, in output or in errors, unless ``--explain`` is given
(the clinical explanation quotes the evidence spans it used). Errors name the file, the line of a
JSON-lines input and the byte position, never the content.

Exit codes (also in ``--help``):

====  ==========================================================
0     every input was interpreted
2     usage error: unknown flag, bad option value
3     an input file cannot be read (not found, a directory, no permission)
4     an input is not valid in ``--encoding`` (the message names the byte position)
5     an input has no content (empty or whitespace only; a JSON-lines input without records)
6     a ``--jsonl-input`` line is not a JSON object with a string ``text``
70    internal error while interpreting (the message names the input, never its text)
====  ==========================================================
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_UNDECODABLE = 4
EXIT_NO_CONTENT = 5
EXIT_BAD_JSONL = 6
EXIT_INTERNAL = 70

PROG = "her2-interpret"

_EPILOG = """\
exit codes: 0 ok; 2 usage error; 3 input cannot be read; 4 input not valid in --encoding
(the message names the byte position); 5 input has no content; 6 bad --jsonl-input line;
70 internal error. Report text is never printed unless --explain is given.
"""


class InputError(Exception):
    """An input that cannot be interpreted; ``code`` is the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Report:
    """One report to interpret: where it came from and its text."""

    source: str  # file path or "-" for stdin
    text: str
    id: Any = None  # the ``id`` of a --jsonl-input line, kept in the output
    line: int | None = None  # the line number of a --jsonl-input line


# --------------------------------------------------------------------------- arguments


def _percent(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"a percent must be 0-100, not {value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Read ER, PR, HER2 and Ki-67 results from breast pathology report text and classify "
            "them (ASCO/CAP HER2 2018, ASCO/CAP ER/PR 2020, St Gallen 2013)."
        ),
        epilog=_EPILOG,
    )
    parser.add_argument("inputs", nargs="+", metavar="FILE", help="report file(s); '-' reads stdin")
    parser.add_argument(
        "--format",
        choices=("json", "jsonl", "csv", "text"),
        default="json",
        help=(
            "json: one object for one report file, else an array; jsonl: one object a line; "
            "csv: one row a report; text: the plain explanation, and with --explain the clinical "
            "one (default: json)"
        ),
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="add the plain and clinical explanations (the clinical one QUOTES REPORT TEXT as evidence)",
    )
    parser.add_argument(
        "--jsonl-input",
        action="store_true",
        help="each input holds one JSON object a line with a 'text' field and an optional 'id' (kept)",
    )
    parser.add_argument("--encoding", default="utf-8", help="encoding of the input bytes (default: utf-8)")
    group = parser.add_argument_group("classification options (defaults: guidelines.md)")
    group.add_argument(
        "--ki67-high-cutoff", type=_percent, metavar="PERCENT", help="Ki-67 high at or above this (default 20; 14 with st-gallen-2011)"
    )
    group.add_argument(
        "--er-low-upper", type=_percent, metavar="PERCENT", help="upper bound of ER/PR low positive (default 10)"
    )
    group.add_argument(
        "--er-low-groups-with-tnbc",
        action="store_true",
        default=None,
        help="count ER-low, PR-negative/low, HER2-negative as triple-negative",
    )
    group.add_argument(
        "--triple-positive-requires-pr",
        action="store_true",
        default=None,
        help="triple-positive needs ER and PR positive, not either",
    )
    versions = parser.add_argument_group("guideline versions (defaults: the current ones; see the README)")
    versions.add_argument("--her2-guideline", metavar="ID", help="e.g. asco-cap-her2-2018")
    versions.add_argument("--receptor-guideline", metavar="ID", help="e.g. asco-cap-er-pr-2020")
    versions.add_argument("--subtype-guideline", metavar="ID", help="e.g. st-gallen-2013 or st-gallen-2011")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """Only the options given on the command line: the library's defaults apply otherwise."""
    names = (
        "ki67_high_cutoff",
        "er_low_upper",
        "er_low_groups_with_tnbc",
        "triple_positive_requires_pr",
        "her2_guideline",
        "receptor_guideline",
        "subtype_guideline",
    )
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


# --------------------------------------------------------------------------- reading


def _read_bytes(source: str, stdin: Any) -> bytes:
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
        raise InputError(f"{source}: file not found", EXIT_UNREADABLE) from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not a file", EXIT_UNREADABLE) from None
    except PermissionError:
        raise InputError(f"{source}: permission denied", EXIT_UNREADABLE) from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or type(exc).__name__})", EXIT_UNREADABLE) from None


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not valid {exc.encoding}: {exc.reason} at byte position {exc.start} "
            f"(try --encoding, e.g. --encoding cp1252)",
            EXIT_UNDECODABLE,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text  # a byte-order mark is not report text


def read_reports(sources: Sequence[str], encoding: str, jsonl: bool, stdin: Any) -> Iterator[Report]:
    """The reports of every input, in order; raises :class:`InputError` at the first bad input."""
    for source in sources:
        text = _decode(_read_bytes(source, stdin), encoding, source)
        if not jsonl:
            if not text.strip():
                raise InputError(f"{source}: no content (the input is empty or only whitespace)", EXIT_NO_CONTENT)
            yield Report(source=source, text=text)
            continue
        count = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{where}: not valid JSON ({exc.msg} at column {exc.colno})", EXIT_BAD_JSONL
                ) from None
            if not isinstance(item, dict):
                raise InputError(f"{where}: expected a JSON object, got {type(item).__name__}", EXIT_BAD_JSONL)
            if not isinstance(item.get("text"), str):
                got = "no 'text' field" if "text" not in item else f"'text' is {type(item['text']).__name__}"
                raise InputError(f"{where}: needs a string 'text' field ({got})", EXIT_BAD_JSONL)
            if not item["text"].strip():
                raise InputError(f"{where}: no content ('text' is empty or only whitespace)", EXIT_NO_CONTENT)
            count += 1
            yield Report(source=source, text=item["text"], id=item.get("id"), line=number)
        if count == 0:
            raise InputError(f"{source}: no content (no JSON-lines records)", EXIT_NO_CONTENT)


# --------------------------------------------------------------------------- writing


def _row(report: Report, result: Any, explain: bool, jsonl: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"source": report.source}
    if jsonl:
        row["id"] = report.id
        row["line"] = report.line
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


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


class _Writer:
    """Writes rows in one format; ``json`` collects them to write one array (or object) at the end."""

    def __init__(self, fmt: str, out: TextIO, explain: bool, jsonl: bool, single: bool) -> None:
        self.fmt, self.out, self.explain, self.jsonl = fmt, out, explain, jsonl
        self.single = single  # one plain-text input: json writes one object, not an array
        self.rows: list[dict[str, Any]] = []
        self.csv: csv.DictWriter | None = None
        self.count = 0

    def write(self, report: Report, result: Any) -> None:
        self.count += 1
        if self.fmt == "text":
            self._text(report, result)
            return
        row = _row(report, result, self.explain, self.jsonl)
        if self.fmt == "json":
            self.rows.append(row)
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if self.csv is None:
                self.csv = csv.DictWriter(self.out, fieldnames=list(row), lineterminator="\n")
                self.csv.writeheader()
            self.csv.writerow({k: _csv_cell(v) for k, v in row.items()})

    def _text(self, report: Report, result: Any) -> None:
        title = report.source if report.line is None else f"{report.source}:{report.line}"
        if report.id is not None:
            title += f" (id {report.id})"
        if self.count > 1:
            self.out.write("\n")
        self.out.write(f"== {title}\n\n{result.explanation.plain.rstrip()}\n")
        if self.explain:
            self.out.write(f"\n-- clinical reasoning\n{result.explanation.clinical.rstrip()}\n")
        else:
            self.out.write("\n(clinical reasoning quotes the report: add --explain to show it)\n")

    def close(self) -> None:
        if self.fmt == "json" and self.rows:
            data: Any = self.rows[0] if self.single else self.rows
            self.out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        self.out.flush()


# --------------------------------------------------------------------------- main


def _error(message: str, stderr: TextIO) -> None:
    stderr.write(f"{PROG}: error: {message}\n")


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: Any = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; returns the exit code (see the module docstring)."""
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code or 0)

    try:
        import codecs

        codecs.lookup(args.encoding)
    except LookupError:
        _error(f"unknown encoding: {args.encoding}", stderr)
        return EXIT_USAGE

    from .api import interpret_many

    options = _options(args)
    single = len(args.inputs) == 1 and not args.jsonl_input
    writer = _Writer(args.format, stdout, args.explain, args.jsonl_input, single)
    current: list[Report] = []

    def texts() -> Iterator[str]:
        for report in read_reports(args.inputs, args.encoding, args.jsonl_input, stdin):
            current[:] = [report]
            yield report.text

    code = EXIT_OK
    try:
        for result in interpret_many(texts(), **options):
            writer.write(current[0], result)
    except InputError as exc:
        _error(str(exc), stderr)
        code = exc.code
    except ValueError as exc:  # an option value the rules refuse; the message names options only
        if current:
            code = _internal(current[0], exc, stderr)
        else:
            _error(str(exc), stderr)
            code = EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return _broken_pipe(stdout)
    except Exception as exc:  # noqa: BLE001 - never let an exception message leak report text
        code = _internal(current[0] if current else None, exc, stderr)
    try:
        writer.close()
    except BrokenPipeError:
        return _broken_pipe(stdout)
    return code


def _broken_pipe(stdout: TextIO) -> int:
    """The reader went away (``| head``): stop quietly, without a second error at exit."""
    if stdout is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    return EXIT_OK


def _internal(report: Report | None, exc: BaseException, stderr: TextIO) -> int:
    where = "" if report is None else f" on {report.source}" + (f":{report.line}" if report.line else "")
    _error(
        f"internal error{where}: {type(exc).__name__} (details withheld: they may quote the report; "
        "please report the input privately)",
        stderr,
    )
    return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
