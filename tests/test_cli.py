"""The ``her2-interpret`` command (:mod:`her2_interpret.cli`, :mod:`her2_interpret.batch`).

In-process tests through :func:`main` for formats, options and errors; subprocess tests through
``python -m her2_interpret`` with real files of every input kind (text, folder, stdin, CSV, TSV,
JSON lines, JSON, Parquet) and every output kind. A bad input never stops the run: it gets a row
with an ``error``, and the exit code is the number of failed inputs (1-63); usage errors are 64.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from her2_interpret import interpret
from her2_interpret.batch import ROW_COLUMNS
from her2_interpret.cli import EXIT_FAILED_MAX, EXIT_OK, EXIT_USAGE, main
from her2_interpret.record import ALL_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "report_001.txt"
EXAMPLES_JSONL = ROOT / "examples" / "reports.jsonl"
SECRET = "Patient: Zyxwvut Qwertyson, MRN 998877.\n"
SAMPLE = "ER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+"
OTHER = "Oestrogen receptor: negative (0%). Progesterone receptor: negative (0%). HER2 IHC: 3+."
SECRETS = ("Zyxwvut", "998877", "Positive (95%)", "Oestrogen")


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run(argv, stdin: bytes = b""):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdin=_Stdin(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def command(*args, stdin: bytes = b"", cwd=None):
    """``python -m her2_interpret ARGS`` in a subprocess: (exit code, stdout, stderr)."""
    done = subprocess.run([sys.executable, "-m", "her2_interpret", *map(str, args)], input=stdin,
                          capture_output=True, cwd=cwd, timeout=120)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def private(*texts: str) -> None:
    for token in SECRETS:
        for text in texts:
            assert token not in text


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(SECRET + SAMPLE, encoding="utf-8")
    return path


def test_json_is_the_record(report):
    code, out, err = run([report])
    assert (code, err) == (EXIT_OK, "")
    row = json.loads(out)
    assert (row["source"], row["id"], row["row"], row["error"]) == (str(report), None, None, None)
    assert {k: row[k] for k in ALL_COLUMNS} == interpret(SECRET + SAMPLE).to_record()


def test_several_files_give_an_array(report):
    code, out, _ = run([report, report, "--format", "json"])
    assert code == EXIT_OK
    assert len(json.loads(out)) == 2


def test_stdin_is_one_report(report):
    code, out, _ = run(["-", "--format", "jsonl"], stdin=report.read_bytes())
    assert code == EXIT_OK
    assert json.loads(out)["source"] == "-"


def test_csv_has_fixed_columns(report):
    # changed by issue #9: the columns are fixed (source, id, row, error, record) so rows never mix
    code, out, _ = run([report, "--format", "csv"])
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [*ROW_COLUMNS, *ALL_COLUMNS]
    assert json.loads(rows[0]["guideline_versions"])["her2"] == "asco-cap-her2-2018"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "table", "text"])
def test_report_text_is_not_printed_without_explain(report, fmt):
    code, out, err = run([report, "--format", fmt])
    assert code == EXIT_OK
    private(out, err)


def test_text_format_gives_the_plain_explanation(report):
    result = interpret(SECRET + SAMPLE)
    code, out, _ = run([report, "--format", "text"])
    assert code == EXIT_OK
    assert result.explanation.plain.strip() in out
    code, out, _ = run([report, "--format", "text", "--explain"])
    assert result.explanation.clinical.strip() in out


def test_explain_adds_explanations_and_decisions(report):
    code, out, _ = run([report, "--explain"])
    row = json.loads(out)
    assert code == EXIT_OK
    assert row["explanation_plain"] and row["explanation_clinical"]
    assert isinstance(row["decisions"], list)


def test_options_are_passed(report):
    code, out, _ = run([report, "--ki67-high-cutoff", "14", "--er-low-upper", "9",
                        "--er-low-groups-with-tnbc", "--triple-positive-requires-pr"])
    assert code == EXIT_OK
    expected = interpret(SECRET + SAMPLE, ki67_high_cutoff=14.0, er_low_upper=9.0,
                         er_low_groups_with_tnbc=True, triple_positive_requires_pr=True).to_record()
    assert {k: json.loads(out)[k] for k in expected} == expected


def test_jsonl_input_keeps_ids():
    code, out, err = run([EXAMPLES_JSONL, "--jsonl-input", "--format", "jsonl"])
    assert (code, err) == (EXIT_OK, "")
    rows = [json.loads(line) for line in out.splitlines()]
    ids = [json.loads(line)["id"] for line in EXAMPLES_JSONL.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ids


def test_example_report_reads_as_documented():
    code, out, _ = run([EXAMPLE])
    assert code == EXIT_OK
    row = json.loads(out)
    assert {k: row[k] for k in ("er_status", "pr_status", "her2_ihc_score", "her2_ish_group",
                                "her2_status", "her2_category", "ki67_percent", "subtype")} == {
        "er_status": "positive", "pr_status": "positive", "her2_ihc_score": "2+", "her2_ish_group": 5,
        "her2_status": "negative", "her2_category": "low", "ki67_percent": 25, "subtype": "luminal_b_like",
    }


# --------------------------------------------------------------------------- bad inputs: rows, not stops
# changed by issue #9: a bad input no longer stops the run with its own exit code (3-6); it gets a
# row whose 'error' says what and where, later inputs are read, and the exit code counts failures.


def _rows(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_missing_file_is_a_row_and_later_inputs_are_read(tmp_path, report):
    code, out, err = run([tmp_path / "nope.txt", report, "--format", "jsonl"])
    rows = _rows(out)
    assert code == 1 and "1 input(s) failed" in err
    assert rows[0]["error"] == "unreadable: file not found" and rows[0]["er_status"] is None
    assert rows[1]["error"] is None and rows[1]["er_status"] == "positive"


def test_undecodable_bytes_name_the_position(tmp_path, report):
    path = tmp_path / "bad.txt"
    path.write_bytes(SECRET.encode() + b"ER \xff positive")
    code, out, err = run([path, report, "--format", "jsonl"])
    rows = _rows(out)
    assert code == 1 and len(rows) == 2
    assert rows[0]["error"].startswith("undecodable:")
    assert f"byte position {len(SECRET.encode()) + 3}" in rows[0]["error"]
    private(out, err)


def test_encoding_option(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Oestrogen receptor: positive (95%) \xb5".encode("latin-1"))
    assert run([path, "--encoding", "latin-1"])[0] == EXIT_OK
    assert run([path, "--encoding", "no-such-codec"])[0] == EXIT_USAGE


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"], ids=["empty", "whitespace"])
def test_no_content(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, out, _ = run([path])
    assert code == 1 and json.loads(out)["error"].startswith("no_content:")


@pytest.mark.parametrize(
    ("line", "kind"),
    [(b'{"id": 1, "text": "ER pos', "bad_row"), (b'["ER positive"]', "bad_row"),
     (b'{"id": 1}', "bad_row"), (b'{"id": 1, "text": 5}', "bad_row"),
     (b'{"id": 1, "text": "  "}', "no_content"), (b"\n\n", "no_content")],
    ids=["truncated", "not-object", "no-text", "text-not-str", "empty-text", "no-records"],
)
def test_bad_jsonl_line_is_a_row(tmp_path, line, kind):
    path = tmp_path / "in.jsonl"
    path.write_bytes(line + b'\n{"id": 2, "text": "ER positive (95%)"}\n' if line.strip() else line)
    code, out, err = run([path, "--format", "jsonl"])
    rows = _rows(out)
    assert code == 1
    assert rows[0]["error"].startswith(kind + ":")
    if line.strip():
        assert rows[0]["row"] == 1 and rows[1]["id"] == 2 and rows[1]["er_status"] == "positive"
    assert "ER pos" not in err and "ER pos" not in rows[0]["error"]


def test_exit_code_counts_failures_and_is_capped(tmp_path):
    missing = [tmp_path / f"missing{i}.txt" for i in range(70)]
    code, out, _ = run([*missing, "--format", "jsonl"])
    assert code == EXIT_FAILED_MAX and len(out.splitlines()) == 70
    assert run([*missing[:3], "--format", "jsonl"])[0] == 3


def test_bad_option_value(report):
    assert run([report, "--ki67-high-cutoff", "150"])[0] == EXIT_USAGE
    assert run([report, "--format", "xml"])[0] == EXIT_USAGE
    code, out, err = run([report, "--subtype-guideline", "no-such-guideline"])
    assert (code, out) == (EXIT_USAGE, "") and "subtype_guideline" in err
    code, _, err = run([report, "--format", "parquet"])
    assert code == EXIT_USAGE and "-o" in err


def test_output_may_not_overwrite_an_input(report):
    code, _, err = run([report, "-o", report])
    assert code == EXIT_USAGE and "overwritten" in err
    assert report.read_text(encoding="utf-8").endswith(SAMPLE)


def test_help_has_examples_and_exit_codes():
    code, out, _ = run(["--help"])
    assert code == EXIT_OK
    for fragment in ("examples:", "-o records.csv", "exit codes:", "evaluate", "--text-column", "1-63"):
        assert fragment in out


# --------------------------------------------------------------------------- real files, subprocess


@pytest.fixture
def tables(tmp_path):
    """The same three reports (ids r1, r2, r3; r3 empty) as CSV, TSV, JSON lines, JSON and Parquet."""
    items = [{"case": "r1", "report_text": SECRET + SAMPLE}, {"case": "r2", "report_text": OTHER},
             {"case": "r3", "report_text": ""}]
    paths = {}
    for name, delimiter in (("csv", ","), ("tsv", "\t")):
        path = tmp_path / f"reports.{name}"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["case", "report_text"], delimiter=delimiter)
            writer.writeheader()
            writer.writerows(items)
        paths[name] = path
    paths["jsonl"] = tmp_path / "reports.jsonl"
    paths["jsonl"].write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    paths["json"] = tmp_path / "reports.json"
    paths["json"].write_text(json.dumps(items), encoding="utf-8")
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    paths["parquet"] = tmp_path / "reports.parquet"
    pq.write_table(pa.table({"case": [i["case"] for i in items], "report_text": [i["report_text"] for i in items]}),
                   paths["parquet"])
    return paths


@pytest.mark.parametrize("kind", ["csv", "tsv", "jsonl", "json", "parquet"])
def test_a_table_is_one_report_a_row(tables, kind):
    code, out, err = command(tables[kind], "--text-column", "report_text", "--id-column", "case", "--format", "jsonl")
    rows = _rows(out)
    assert code == 1, err  # r3 is empty
    assert [r["id"] for r in rows] == ["r1", "r2", "r3"]
    assert [r["row"] for r in rows] == [1, 2, 3]
    assert rows[0]["er_status"] == "positive" and rows[0]["pr_status"] == "negative"
    assert rows[1]["er_status"] == "negative" and rows[1]["her2_status"] == "positive"
    assert rows[0]["subtype"] != rows[1]["subtype"]  # never one row mixing reports
    assert rows[2]["error"].startswith("no_content:") and rows[2]["er_status"] is None
    private(out, err)


def test_a_table_without_its_text_column_is_an_error_not_a_report(tables):
    code, out, err = command(tables["csv"], "--format", "jsonl")
    rows = _rows(out)
    assert code == 1 and len(rows) == 1
    assert rows[0]["error"].startswith("bad_table: no 'text' column") and "'report_text'" in rows[0]["error"]
    private(out, err)


def test_folder_and_recursive(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    code, out, _ = command(tmp_path, "--format", "jsonl")
    assert code == 0 and [Path(r["source"]).name for r in _rows(out)] == ["a.txt", "b.txt"]
    code, out, _ = command(tmp_path, "-r", "--format", "jsonl")
    assert code == 0 and [Path(r["source"]).name for r in _rows(out)] == ["a.txt", "b.txt", "c.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = command(empty, "--format", "jsonl")
    assert code == 1 and _rows(out)[0]["error"].startswith("unreadable: a folder with no *.txt files")


def test_stdin_through_the_command():
    code, out, err = command("-", stdin=(SECRET + SAMPLE).encode())
    assert code == 0 and json.loads(out)["er_status"] == "positive"
    code, out, _ = command("-", "--input-format", "jsonl", "--format", "jsonl",
                           stdin=b'{"id": "a", "text": "ER positive (90%)"}\n{"id": "b", "text": "ER negative (0%)"}\n')
    assert [r["er_status"] for r in _rows(out)] == ["positive", "negative"]


@pytest.mark.parametrize("suffix", ["csv", "tsv", "jsonl", "json", "parquet"])
def test_outputs_by_extension(tmp_path, tables, suffix):
    target = tmp_path / f"out.{suffix}"
    code, out, err = command(tables["jsonl"], EXAMPLE, "--text-column", "report_text", "--id-column", "case",
                             "-o", target)
    assert code == 1 and out == ""
    if suffix == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(target)
        assert table.column_names == [*ROW_COLUMNS, *ALL_COLUMNS]
        rows = table.to_pylist()
    elif suffix in ("csv", "tsv"):
        with target.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t" if suffix == "tsv" else ","))
        assert list(rows[0]) == [*ROW_COLUMNS, *ALL_COLUMNS]
    elif suffix == "jsonl":
        rows = _rows(target.read_text(encoding="utf-8"))
    else:
        rows = json.loads(target.read_text(encoding="utf-8"))
    assert [str(r["id"]) if r["id"] not in (None, "") else None for r in rows] == ["r1", "r2", "r3", None]
    assert rows[3]["source"] == str(EXAMPLE) and rows[3]["er_status"] == "positive"
    assert rows[2]["error"].startswith("no_content")
    private(target.read_bytes().decode("utf-8", "replace"), err)


def test_parquet_dtypes_do_not_depend_on_the_data(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("HER2 IHC 0", encoding="utf-8")
    two.write_text("ER: 95%, Allred 8. HER2 FISH ratio 2.5, HER2 copies 5.1", encoding="utf-8")
    schemas = []
    for source in (one, two):
        target = tmp_path / f"{source.stem}.parquet"
        assert command(source, "-o", target)[0] == 0
        schemas.append(pq.read_schema(target))
    assert schemas[0].equals(schemas[1])
    assert str(schemas[0].field("er_allred").type) == "int64"
    assert str(schemas[0].field("her2_ish_group").type) == "int64"


def test_terminal_table(tables):
    code, out, _ = command(tables["csv"], "--text-column", "report_text", "--id-column", "case", "--format", "table")
    lines = out.splitlines()
    assert code == 1 and lines[0].split()[:3] == ["source", "er_status", "pr_status"]
    assert lines[1].startswith("r1") and "positive" in lines[1]
    assert "no_content" in lines[3]


def test_progress_bar_goes_to_stderr_without_text(tables):
    pytest.importorskip("tqdm")
    code, out, err = command(tables["jsonl"], "--text-column", "report_text", "--progress", "--format", "jsonl")
    assert "reports" in err and len(_rows(out)) == 3
    private(err)
    code, out, err = command(tables["jsonl"], "--text-column", "report_text", "--format", "jsonl")
    assert "reports" not in err  # not a terminal: no bar by default


def test_unsupported_table_is_refused(tmp_path):
    path = tmp_path / "reports.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    code, out, _ = command(path, "--format", "jsonl")
    assert code == 1 and _rows(out)[0]["error"].startswith("bad_table: .xlsx files are not read")


def test_console_script_and_module_agree(report):
    script = Path(sys.executable).with_name("her2-interpret")
    if not script.exists():
        pytest.skip("console script not installed next to the interpreter")
    done = subprocess.run([script, report], capture_output=True, timeout=60)
    assert done.returncode == 0
    assert json.loads(done.stdout) == json.loads(command(report)[1])


def test_schema_command_prints_the_shipped_schema():
    from her2_interpret.schema import shipped_schema

    code, out, _ = command("schema")
    assert code == 0 and json.loads(out) == shipped_schema()
