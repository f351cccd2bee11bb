"""The ``her2-interpret`` command (also ``python -m her2_interpret``): reports in, records out.

Three commands:

- ``her2-interpret INPUT...``: interpret report files, folders, stdin and tables
  (:mod:`her2_interpret.batch`), one output row a report;
- ``her2-interpret evaluate LABELS...``: score the library on labelled reports
  (:mod:`her2_interpret.evaluation`);
- ``her2-interpret schema``: print the JSON Schema of the record (:mod:`her2_interpret.schema`).

A thin adapter over :func:`her2_interpret.interpret`; nothing in the core imports it.

Privacy: report text is never printed, in output or in errors, unless ``--explain`` is given
(the clinical explanation quotes the evidence spans it used). Errors name the file, the line or
row of a table and the byte position, never the content.

Exit codes (also in ``--help``):

======  ==========================================================================
0       every input was interpreted
1-63    that many inputs failed (63: 63 or more); each has a row with an ``error``
64      usage error: unknown flag, bad option value (nothing was read)
65      ``evaluate``: the labels have problems (printed; the valid labels are scored)
66      ``evaluate``: a label file cannot be read
70      internal error of the command itself (reported without any report text)
74      the output file cannot be written
======  ==========================================================================
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_FAILED_MAX = 63
EXIT_USAGE = 64
EXIT_LABELS = 65
EXIT_NO_LABELS = 66
EXIT_INTERNAL = 70
EXIT_OUTPUT = 74

PROG = "her2-interpret"

_EXAMPLES = """\
examples:
  her2-interpret report.txt                          one report: its record as JSON
  her2-interpret reports/ -o records.csv             every *.txt in a folder (add -r for subfolders)
  her2-interpret reports.csv --text-column report_text --id-column mrn -o out.parquet
  her2-interpret cases.jsonl --format table          a JSON-lines table, read on screen
  her2-interpret - --format text < report.txt        stdin is one report; the plain explanation
  her2-interpret evaluate site_labels.csv            site validation against your own labels
  her2-interpret schema > record.schema.json         the JSON Schema of one record

inputs: a .txt file (or any other extension) and stdin are one report each; .csv, .tsv, .jsonl,
.json and .parquet are tables, one report a row, the text in --text-column (default 'text') and an
id in --id-column (default 'id' when the table has it); a folder reads its --glob files (*.txt).
A table is never read as one report. --input-format overrides the extension (e.g. stdin as jsonl).

every input gives rows and a bad one does not stop the run: it gets a row whose 'error' column says
what and where (a byte position, a line or row number; never report text). Report text is never
printed unless --explain is given.

exit codes: 0 every input interpreted; 1-63 that many inputs failed (63: 63 or more); 64 usage
error; 65 evaluate: label problems; 66 evaluate: labels unreadable; 70 internal error; 74 the
output file cannot be written.
"""

_OPTION_NAMES = (
    "ki67_high_cutoff",
    "er_low_upper",
    "er_low_groups_with_tnbc",
    "triple_positive_requires_pr",
    "her2_guideline",
    "receptor_guideline",
    "subtype_guideline",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's usage errors exit 2; ours is EXIT_USAGE
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# --------------------------------------------------------------------------- arguments


def _percent(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"a percent must be 0-100, not {value}")
    return number


def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None


def _workers(value: str) -> int:
    number = _whole(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"workers must be >= 0 (0: one per core), not {value}")
    return number or (os.cpu_count() or 1)


def _positive(value: str) -> int:
    number = _whole(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, not {value}")
    return number


def _add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("classification options (defaults: guidelines.md)")
    group.add_argument(
        "--ki67-high-cutoff", type=_percent, metavar="PERCENT",
        help="Ki-67 high at or above this (default 20; 14 with st-gallen-2011)",
    )
    group.add_argument(
        "--er-low-upper", type=_percent, metavar="PERCENT", help="upper bound of ER/PR low positive (default 10)"
    )
    group.add_argument(
        "--er-low-groups-with-tnbc", action="store_true", default=None,
        help="count ER-low, PR-negative/low, HER2-negative as triple-negative",
    )
    group.add_argument(
        "--triple-positive-requires-pr", action="store_true", default=None,
        help="triple-positive needs ER and PR positive, not either",
    )
    versions = parser.add_argument_group("guideline versions (defaults: the current ones; see the README)")
    versions.add_argument("--her2-guideline", metavar="ID", help="e.g. asco-cap-her2-2018")
    versions.add_argument("--receptor-guideline", metavar="ID", help="e.g. asco-cap-er-pr-2020")
    versions.add_argument("--subtype-guideline", metavar="ID", help="e.g. st-gallen-2013 or st-gallen-2011")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} [options] INPUT [INPUT ...]\n       {PROG} evaluate LABELS [...]\n       {PROG} schema",
        description=(
            "Read ER, PR, HER2 and Ki-67 results from breast pathology report text and classify them\n"
            "(ASCO/CAP HER2 2018, ASCO/CAP ER/PR 2020, St Gallen 2013). Also: 'evaluate' (site\n"
            "validation, see 'her2-interpret evaluate --help') and 'schema' (the record's JSON Schema)."
        ),
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="report files, folders, tables (.csv .tsv .jsonl .json .parquet); '-' reads stdin",
    )
    parser.add_argument(
        "-f", "--format",
        choices=("json", "jsonl", "csv", "tsv", "parquet", "table", "text"),
        help=(
            "json: one object for one report, else an array; jsonl: one object a line; csv/tsv: one "
            "row a report (lists as JSON); parquet: needs -o; table: a readable table for the terminal; "
            "text: the plain explanation (with --explain the clinical one too). Default: from the -o "
            "extension, else json"
        ),
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    inputs = parser.add_argument_group("inputs")
    inputs.add_argument(
        "--input-format", choices=("auto", "text", "csv", "tsv", "jsonl", "json", "parquet"), default="auto",
        help="how to read every input (default auto: by extension; stdin and unknown extensions are one report)",
    )
    inputs.add_argument("--jsonl-input", action="store_true", help="the same as --input-format jsonl")
    inputs.add_argument("--text-column", default="text", metavar="NAME", help="a table's report-text column (default text)")
    inputs.add_argument("--id-column", metavar="NAME", help="a table's id column, kept in the output (default id, if present)")
    inputs.add_argument("-r", "--recursive", action="store_true", help="read folders' subfolders too")
    inputs.add_argument("--glob", default="*.txt", metavar="PATTERN", help="files a folder gives (default *.txt)")
    inputs.add_argument("--encoding", default="utf-8", help="encoding of text, CSV and JSON inputs (default utf-8)")
    parser.add_argument(
        "--explain", action="store_true",
        help="add the plain and clinical explanations (the clinical one QUOTES REPORT TEXT as evidence)",
    )
    parser.add_argument(
        "-j", "--workers", type=_workers, default=1, metavar="N",
        help="interpret in N processes (0: one per core; default 1). Output order stays the input order",
    )
    parser.add_argument(
        "--chunksize", type=_positive, default=None, metavar="N",
        help="with --workers: reports sent to a worker at once (default 32)",
    )
    bar = parser.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="show a progress bar on stderr (default: when stderr is a terminal; needs tqdm)")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar")
    _add_options(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """Only the options given on the command line: the library's defaults apply otherwise."""
    return {name: getattr(args, name) for name in _OPTION_NAMES if getattr(args, name, None) is not None}


def _error(message: str, stderr: TextIO) -> None:
    stderr.write(f"{PROG}: error: {message}\n")


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None, stdout: TextIO, stderr: TextIO) -> Any:
    """Parsed arguments, or the exit code of --help, --version or a usage error."""
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr  # argparse prints help and errors to sys.*
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    finally:
        sys.stdout, sys.stderr = real_out, real_err


# --------------------------------------------------------------------------- main


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
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "evaluate":
            return evaluate_main(argv[1:], stdout=stdout, stderr=stderr)
        if argv and argv[0] == "schema":
            return schema_main(argv[1:], stdout=stdout, stderr=stderr)
        return interpret_main(argv, stdin=stdin, stdout=stdout, stderr=stderr)
    except BrokenPipeError:  # e.g. piped into `head`
        return _broken_pipe(stdout)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - never let an exception message leak report text
        _error(f"internal error: {type(exc).__name__} (details withheld: they may quote a report; "
               "please report the input privately)", stderr)
        return EXIT_INTERNAL


def _output_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        from .batch import OUTPUT_FORMATS

        return OUTPUT_FORMATS.get(Path(args.output).suffix.lower(), "json")
    return "json"


def interpret_main(argv: Sequence[str], *, stdin: Any, stdout: TextIO, stderr: TextIO) -> int:
    """``her2-interpret INPUT...``: every input's rows; the exit code counts the failed ones."""
    parsed = _parse(build_parser(), argv, stdout, stderr)
    if isinstance(parsed, int):
        return parsed
    args = parsed
    import codecs

    try:
        codecs.lookup(args.encoding)
    except LookupError:
        _error(f"unknown encoding: {args.encoding}", stderr)
        return EXIT_USAGE
    from .rules import check_options

    options = _options(args)
    try:
        check_options(options)
    except ValueError as exc:  # the message names options and allowed values only
        _error(str(exc), stderr)
        return EXIT_USAGE
    fmt = _output_format(args)
    if fmt == "parquet" and not args.output:
        _error("--format parquet writes a file: give -o FILE.parquet", stderr)
        return EXIT_USAGE
    if args.output and any(
        s != "-" and os.path.exists(s) and os.path.exists(args.output) and os.path.samefile(s, args.output)
        for s in args.inputs
    ):
        _error("-o names one of the inputs: it would be overwritten", stderr)
        return EXIT_USAGE
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            _error("Parquet output needs pyarrow: pip install 'her2_interpret[parquet]'", stderr)
            return EXIT_USAGE

    from .batch import ReadOptions, Writer, build_row, progress, read_reports

    read_options = ReadOptions(
        encoding=args.encoding,
        input_format="jsonl" if args.jsonl_input else args.input_format,
        text_column=args.text_column,
        id_column=args.id_column,
        recursive=args.recursive,
        pattern=args.glob,
    )
    # one object (not an array) when one report file or stdin is read as one report
    single = (
        fmt == "json" and len(args.inputs) == 1 and read_options.input_format in ("auto", "text")
        and (args.inputs[0] == "-" or (os.path.isfile(args.inputs[0]) and _is_text_input(args.inputs[0])))
    )
    try:
        out: TextIO = stdout
        if args.output and fmt != "parquet":
            out = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        _error(f"{args.output}: cannot write ({exc.strerror or type(exc).__name__})", stderr)
        return EXIT_OUTPUT

    failed = 0
    try:
        writer = Writer(fmt, out, args.explain, single, args.output)
        reports = read_reports(args.inputs, read_options, stdin)
        for report, result, error in progress(
            _interpreted(reports, options, args.workers, args.chunksize), args.progress, stderr
        ):
            if report.error is None and error is None:
                try:
                    row = build_row(report, result, args.explain)
                except Exception as exc:  # noqa: BLE001 - the type only: messages may quote the report
                    result, error = None, _INTERNAL.format(type(exc).__name__)
            if report.error or error:
                failed += 1
                result = None
                row = build_row(report, None, args.explain, error)
            writer.write(row, result)
        writer.close()
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        _error(f"{args.output or 'output'}: cannot write ({exc.strerror or type(exc).__name__})", stderr)
        return EXIT_OUTPUT
    finally:
        if out is not stdout:
            out.close()
    if failed:
        stderr.write(f"{PROG}: {failed} input(s) failed; their rows say why in the 'error' column\n")
    return min(failed, EXIT_FAILED_MAX)


_INTERNAL = "internal: {} (details withheld: they may quote the report)"


def _interpreted(reports: Iterator[Any], options: dict[str, Any], workers: int, chunksize: int | None) -> Iterator[Any]:
    """``(report, result, error)`` for each report, in order: in this process, or with ``workers``
    > 1 through :func:`her2_interpret.interpret_many`'s process pool (a report that already has an
    error is not sent; one that fails gets an ``internal`` error, the type only)."""
    from .api import interpret, interpret_many
    from .errors import ItemError

    if workers <= 1:
        for report in reports:
            if report.error is not None:
                yield report, None, None
                continue
            try:
                yield report, interpret(report.text, **options), None
            except Exception as exc:  # noqa: BLE001 - the type only: messages may quote the report
                yield report, None, _INTERNAL.format(type(exc).__name__)
        return
    sent: deque[Any] = deque()

    def texts() -> Iterator[str | None]:
        for report in reports:
            sent.append(report)
            yield None if report.error is not None else report.text

    for result in interpret_many(texts(), workers=workers, chunksize=chunksize, errors="return", **options):
        report = sent.popleft()
        if report.error is not None:
            yield report, None, None
        elif isinstance(result, ItemError):
            yield report, None, _INTERNAL.format(result.error_type)
        else:
            yield report, result, None


def _is_text_input(path: str) -> bool:
    from .batch import INPUT_FORMATS

    return Path(path).suffix.lower() not in INPUT_FORMATS


def _broken_pipe(stdout: TextIO) -> int:
    """The reader went away (``| head``): stop quietly, without a second error at exit."""
    if stdout is sys.stdout:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    return EXIT_OK


# --------------------------------------------------------------------------- evaluate


_EVALUATE_EPILOG = """\
label files:
  JSON lines (the corpus format): {"id": "c1", "text": "...", "expected": {"er_status": "positive", ...}}
    a line a case; only the columns 'expected' names are checked; null means must be null.
  CSV or TSV: an id column, a text column and one column a record column to check
    (er_status, her2_category, ki67_percent, er_percent_range as [0, 1] or 0-1, ...);
    an empty cell is not checked, the word null means must be null.
  Labels are checked first: an unknown column or value is a label problem (exit 65), listed apart
  and not scored, never counted as an error of the library.

scoring: numbers match within 0.01, ranges as a pair. Prints per-column accuracy, abstentions
(null where the label has a value), inventions (a value where the label says null), dangerous
errors (a status called positive for negative or the reverse), a confusion table and Cohen's kappa
per status column, the fraction flagged for review, and each failing case as expected vs got.
Case ids, columns and values only: never report text.

examples:
  her2-interpret evaluate site_labels.csv --text-column report --id-column accession
  her2-interpret evaluate labels.jsonl --json > scores.json
"""


def build_evaluate_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} evaluate",
        description="Site validation: score the library on your own labelled reports.",
        epilog=_EVALUATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("labels", nargs="+", metavar="LABELS", help="label files (.jsonl corpus format, .csv, .tsv)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--no-cases", action="store_true", help="leave out the failing cases")
    parser.add_argument("--text-column", default="text", metavar="NAME", help="a CSV's report-text column (default text)")
    parser.add_argument("--id-column", default="id", metavar="NAME", help="a CSV's case-id column (default id)")
    parser.add_argument("--encoding", default="utf-8", help="encoding of the label files (default utf-8)")
    _add_options(parser)
    return parser


def evaluate_main(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO) -> int:
    parsed = _parse(build_evaluate_parser(), argv, stdout, stderr)
    if isinstance(parsed, int):
        return parsed
    args = parsed
    from .evaluation import evaluate, format_summary, read_labels
    from .rules import check_options

    options = _options(args)
    try:
        check_options(options)
    except ValueError as exc:
        _error(str(exc), stderr)
        return EXIT_USAGE
    cases, problems = [], []
    for name in args.labels:
        try:
            found, trouble = read_labels(name, text_column=args.text_column, id_column=args.id_column,
                                         encoding=args.encoding)
        except OSError as exc:
            _error(f"{name}: cannot read ({exc.strerror or type(exc).__name__})", stderr)
            return EXIT_NO_LABELS
        except (UnicodeDecodeError, LookupError) as exc:
            where = f" at byte position {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
            _error(f"{name}: not valid {args.encoding}{where}", stderr)
            return EXIT_NO_LABELS
        cases += found
        problems += trouble
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            from .evaluation import LabelProblem

            problems.append(LabelProblem(case.source, case.line, case.id, None, "case id used twice"))
        seen.add(case.id)
    summary = evaluate(cases, problems, **options)
    if args.json:
        stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    else:
        stdout.write(format_summary(summary, cases=not args.no_cases))
    return EXIT_LABELS if problems else EXIT_OK


# --------------------------------------------------------------------------- schema


def schema_main(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO) -> int:
    parser = _Parser(
        prog=f"{PROG} schema",
        description="Print the JSON Schema (draft 2020-12) of one record: the file shipped in the package.",
    )
    parser.add_argument("--generate", action="store_true",
                        help="generate it from the typed model instead of printing the shipped file")
    parsed = _parse(parser, argv, stdout, stderr)
    if isinstance(parsed, int):
        return parsed
    from .schema import record_schema, shipped_schema

    schema = record_schema() if parsed.generate else shipped_schema()
    stdout.write(json.dumps(schema, indent=2) + "\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
