"""Site validation (:mod:`her2_interpret.evaluation`, ``her2-interpret evaluate``)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_cases import SHARED_CORPUS_DIR
from her2_interpret.evaluation import (
    Case,
    cohen_kappa,
    evaluate,
    label_problem,
    parse_cell,
    read_labels,
    status_flip,
)

DEV = SHARED_CORPUS_DIR / "dev.jsonl"
SAMPLE = "Patient: Zyxwvut.\nER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+"


def command(*args):
    done = subprocess.run([sys.executable, "-m", "her2_interpret", "evaluate", *map(str, args)],
                          capture_output=True, timeout=300)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def test_evaluate_the_shared_corpus_as_json():
    code, out, err = command(DEV, "--json")
    summary = json.loads(out)
    assert code == 0, err
    assert summary["cases"] == len(DEV.read_text(encoding="utf-8").splitlines())
    assert summary["label_problems"] == []
    assert summary["passed"] >= 0.9 * summary["cases"]
    assert set(summary["kappa"]) == {"er_status", "pr_status", "her2_status", "hr_status"}
    assert all(k is None or -1 <= k <= 1 for k in summary["kappa"].values())
    assert summary["kappa"]["her2_status"] > 0.8
    assert summary["per_column"]["er_status"]["labelled"] > 100
    confusion = summary["confusion"]["her2_status"]
    assert sum(sum(row.values()) for row in confusion.values()) == summary["per_column"]["her2_status"]["labelled"]
    assert 0 <= summary["review_fraction"] <= 1
    for case in summary["failing_cases"]:
        assert case["id"] and (case["error"] or case["mismatches"])


def test_evaluate_prints_a_readable_report_without_text():
    code, out, _ = command(DEV)
    assert code == 0
    for heading in ("== per column", "== er_status: expected (rows) by got (columns); Cohen's kappa",
                    "== summary", "dangerous errors:", "flagged for review:"):
        assert heading in out
    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert not [t for t in texts if len(t) > 30 and t in out]


@pytest.fixture
def labels_csv(tmp_path):
    path = tmp_path / "labels.csv"
    rows = [
        {"accession": "a1", "report": SAMPLE, "er_status": "positive", "er_percent": "95",
         "pr_percent_range": "0-1", "her2_category": "low", "ki67_percent": ""},
        {"accession": "a2", "report": SAMPLE, "er_status": "postive", "er_percent": "null",
         "pr_percent_range": "[0, 1]", "her2_category": "low", "ki67_percent": "null"},
        {"accession": "a3", "report": "HER2 IHC 3+", "er_status": "negative", "er_percent": "",
         "pr_percent_range": "", "her2_category": "positive", "ki67_percent": ""},
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*rows[0], "her2_colour"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_csv_labels_and_label_problems(labels_csv):
    cases, problems = read_labels(labels_csv, text_column="report", id_column="accession")
    assert [c.id for c in cases] == ["a1", "a2", "a3"]
    assert cases[0].expected == {"er_status": "positive", "er_percent": 95.0, "pr_percent_range": [0.0, 1.0],
                                 "her2_category": "low"}
    assert cases[1].expected["er_percent"] is None and "er_status" not in cases[1].expected
    found = {(p.case, p.column) for p in problems}
    assert found == {(None, "her2_colour"), ("a2", "er_status")}
    assert "'postive' is not one of" in next(p.problem for p in problems if p.column == "er_status")


def test_label_problems_are_not_library_errors(labels_csv):
    code, out, err = command(labels_csv, "--text-column", "report", "--id-column", "accession", "--json")
    summary = json.loads(out)
    assert code == 65
    assert len(summary["label_problems"]) == 2
    # a3: ER labelled negative, the text says nothing of ER: one abstention, not a flip
    assert summary["per_column"]["er_status"] == {"labelled": 2, "correct": 1, "accuracy": 0.5, "abstained": 1,
                                                  "invented": 0, "wrong": 0, "flips": 0}
    assert summary["dangerous_errors"] == 0
    assert "Zyxwvut" not in out + err
    code, out, _ = command(labels_csv, "--text-column", "report", "--id-column", "accession")
    assert "== label problems (2;" in out and "a3 (" in out and "er_status: expected 'negative', got null" in out


def test_missing_columns_and_unreadable_labels(tmp_path, labels_csv):
    code, out, _ = command(labels_csv, "--json")
    assert code == 65 and "no 'id' column" in out
    assert command(tmp_path / "nope.jsonl")[0] == 66


def test_flips_inventions_and_kappa():
    cases = [
        Case("c1", "ER: Positive (95%)", {"er_status": "negative"}),  # a flip
        Case("c2", "HER2 IHC 3+", {"er_status": None, "her2_status": "positive"}),
        Case("c3", "ER: Negative (0%)", {"er_status": "negative"}),
    ]
    summary = evaluate(cases)
    assert summary["dangerous_errors"] == 1 and summary["failing_cases"][0]["mismatches"][0]["flip"]
    assert summary["per_column"]["er_status"]["flips"] == 1
    assert summary["confusion"]["er_status"] == {"negative": {"positive": 1, "negative": 1}, "null": {"null": 1}}
    assert status_flip("er_status", "low_positive", "negative") and not status_flip("er_percent", 1, 0)


def test_cohen_kappa():
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1
    assert cohen_kappa([("a", "b"), ("b", "a")]) == -1
    assert cohen_kappa([("a", "a")]) is None and cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]) == pytest.approx(0.5)


@pytest.mark.parametrize(("column", "value", "ok"), [
    ("er_status", "low_positive", True), ("er_status", "weakly positive", False), ("nope", 1, False),
    ("er_percent", 101, False), ("er_allred", 7.5, False), ("er_percent_range", [5, 1], False),
    ("needs_review", "yes", False), ("warnings", ["x"], False), ("subtype", None, True),
])
def test_label_problem(column, value, ok):
    assert (label_problem(column, value) is None) == ok


def test_parse_cell():
    assert parse_cell("her2_ihc_staining", "none") == "none"  # the value none, not null
    assert parse_cell("her2_ihc_staining", "null") is None
    assert parse_cell("er_allred", "7") == 7 and parse_cell("needs_review", "TRUE") is True
    assert parse_cell("review_reasons", "a; b") == ["a", "b"]
    with pytest.raises(ValueError, match="not a number"):
        parse_cell("er_percent", "95%")


def test_corpus_cases_use_the_package_rule():
    import corpus_cases

    from her2_interpret import evaluation

    assert corpus_cases.compare is evaluation.compare and corpus_cases.values_match is evaluation.values_match
    assert Path(corpus_cases.__file__).parent.name == "tests"
