"""The ``her2-interpret`` command (:mod:`her2_interpret.cli`): formats, options, errors, privacy."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from her2_interpret import interpret
from her2_interpret.cli import (
    EXIT_BAD_JSONL,
    EXIT_NO_CONTENT,
    EXIT_OK,
    EXIT_UNDECODABLE,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    main,
)
from her2_interpret.record import ALL_COLUMNS, RECORD_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "report_001.txt"
EXAMPLES_JSONL = ROOT / "examples" / "reports.jsonl"
SECRET = "Patient: Zyxwvut Qwertyson, MRN 998877.\n"
SAMPLE = "ER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run(argv, stdin: bytes = b""):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdin=_Stdin(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(SECRET + SAMPLE, encoding="utf-8")
    return path


def test_json_is_the_record(report):
    code, out, err = run([report])
    assert (code, err) == (EXIT_OK, "")
    row = json.loads(out)
    assert row["source"] == str(report)
    assert {k: row[k] for k in ALL_COLUMNS} == interpret(SECRET + SAMPLE).to_record()


def test_several_files_give_an_array(report):
    code, out, _ = run([report, report, "--format", "json"])
    assert code == EXIT_OK
    assert len(json.loads(out)) == 2


def test_stdin(report):
    code, out, _ = run(["-", "--format", "jsonl"], stdin=report.read_bytes())
    assert code == EXIT_OK
    assert json.loads(out)["source"] == "-"


def test_csv_has_the_columns(report):
    code, out, _ = run([report, "--format", "csv"])
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["source", *ALL_COLUMNS]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "text"])
def test_report_text_is_not_printed_without_explain(report, fmt):
    code, out, err = run([report, "--format", fmt])
    assert code == EXIT_OK
    for token in ("Zyxwvut", "998877", "Positive (95%)"):
        assert token not in out + err


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


# --------------------------------------------------------------------------- errors


def test_missing_file(tmp_path):
    code, out, err = run([tmp_path / "nope.txt"])
    assert code == EXIT_UNREADABLE and out == ""
    assert "file not found" in err


def test_directory(tmp_path):
    code, _, err = run([tmp_path])
    assert code == EXIT_UNREADABLE and "directory" in err


def test_undecodable_bytes_name_the_position(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(SECRET.encode() + b"ER \xff positive")
    code, out, err = run([path])
    assert code == EXIT_UNDECODABLE and out == ""
    assert f"byte position {len(SECRET.encode()) + 3}" in err
    assert "Zyxwvut" not in err


def test_encoding_option(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Oestrogen receptor: positive (95%) \xb5".encode("latin-1"))
    assert run([path, "--encoding", "latin-1"])[0] == EXIT_OK
    assert run([path, "--encoding", "no-such-codec"])[0] == EXIT_USAGE


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"], ids=["empty", "whitespace"])
def test_no_content(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, _, err = run([path])
    assert code == EXIT_NO_CONTENT and "no content" in err


@pytest.mark.parametrize(
    ("line", "code"),
    [(b'{"id": 1, "text": "ER pos', EXIT_BAD_JSONL), (b'["ER positive"]', EXIT_BAD_JSONL),
     (b'{"id": 1}', EXIT_BAD_JSONL), (b'{"id": 1, "text": 5}', EXIT_BAD_JSONL),
     (b'{"id": 1, "text": "  "}', EXIT_NO_CONTENT), (b"\n\n", EXIT_NO_CONTENT)],
    ids=["truncated", "not-object", "no-text", "text-not-str", "empty-text", "no-records"],
)
def test_bad_jsonl_input(tmp_path, line, code):
    path = tmp_path / "in.jsonl"
    path.write_bytes(line)
    got, _, err = run([path, "--jsonl-input"])
    assert got == code
    assert "ER pos" not in err


def test_bad_option_value(report, capsys):
    assert run([report, "--ki67-high-cutoff", "150"])[0] == EXIT_USAGE
    assert run([report, "--format", "xml"])[0] == EXIT_USAGE
    code, out, err = run([report, "--subtype-guideline", "no-such-guideline"])
    assert (code, out) == (EXIT_USAGE, "") and "subtype_guideline" in err
    capsys.readouterr()  # argparse writes its usage message to sys.stderr
