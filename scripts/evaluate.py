#!/usr/bin/env python3
"""Score the library on the labelled corpus: per case, per file, per tag, status flips, invented values.

    python scripts/evaluate.py                 # tests/corpus/shared/*.jsonl and tests/corpus/*.jsonl
    python scripts/evaluate.py some/cases.jsonl --quiet
    python scripts/evaluate.py --json          # the summary as JSON

A case passes when every column it names matches (the rule of her2_interpret.evaluation, shared with
tests/test_corpus.py and ``her2-interpret evaluate``, which scores a site's own labels). Counted over the named columns of every case:

- status flip: a ``*_status`` column (er, pr, her2, hr) expected positive/low_positive and got
  negative, or expected negative and got positive/low_positive: the worst kind of error;
- invented: expected null (the report does not state it) and got a value;
- missed: expected a value and got null.

Prints case ids, file names, tags and column names, never report text. Exit code 0 (a report, not a
gate; the tests are the gate).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.append(str(ROOT / "src"))  # a fallback: works from a checkout without installing

from corpus_cases import load_cases, load_xfail  # noqa: E402

from her2_interpret import interpret  # noqa: E402
from her2_interpret.evaluation import compare, invented, status_flip  # noqa: E402


def _rate(passed: int, total: int) -> str:
    return f"{passed}/{total} ({100 * passed / total:.1f}%)" if total else "0/0"


def evaluate(paths: list[Path] | None) -> dict:
    cases = load_cases(paths)
    xfail = load_xfail()
    per_file: dict[str, Counter] = defaultdict(Counter)
    per_tag: dict[str, Counter] = defaultdict(Counter)
    flips: Counter = Counter()
    invented_values: Counter = Counter()
    missed: Counter = Counter()
    wrong_columns: Counter = Counter()
    results = []
    started = time.perf_counter()
    for case in cases:
        try:
            record = interpret(case.text).to_record()
            mismatches = compare(case, record)
            error = None
        except Exception as exc:  # noqa: BLE001 - an error is a failed case, reported by type only
            record, mismatches, error = {}, [], type(exc).__name__
        passed = error is None and not mismatches
        for m in mismatches:
            wrong_columns[m.column] += 1
            if status_flip(m.column, m.expected, m.got):
                flips[m.column] += 1
            if invented(m.expected, m.got):
                invented_values[m.column] += 1
            if m.expected is not None and m.got is None:
                missed[m.column] += 1
        for counter in [per_file[case.source], *(per_tag[tag] for tag in case.tags)]:
            counter["total"] += 1
            counter["passed"] += passed
        results.append(
            {
                "id": case.id,
                "file": case.source,
                "passed": passed,
                "xfail": case.id in xfail,
                "error": error,
                "wrong": [m.column for m in mismatches],
                "flips": [m.column for m in mismatches if status_flip(m.column, m.expected, m.got)],
            }
        )
    total, passed = len(results), sum(r["passed"] for r in results)
    return {
        "cases": results,
        "total": total,
        "passed": passed,
        "seconds": round(time.perf_counter() - started, 3),
        "per_file": {k: dict(v) for k, v in sorted(per_file.items())},
        "per_tag": {k: dict(v) for k, v in sorted(per_tag.items())},
        "status_flips": dict(flips),
        "invented": dict(invented_values),
        "missed": dict(missed),
        "wrong_columns": dict(wrong_columns.most_common()),
        "xfail_listed": len([r for r in results if r["xfail"]]),
        "xfail_now_passing": sorted(r["id"] for r in results if r["xfail"] and r["passed"]),
    }


def print_report(summary: dict, quiet: bool) -> None:
    if not quiet:
        print("== cases")
        for r in summary["cases"]:
            mark = "pass" if r["passed"] else "FAIL"
            detail = ""
            if r["error"]:
                detail = f"  error: {r['error']}"
            elif r["wrong"]:
                detail = "  wrong: " + ", ".join(r["wrong"])
            if r["flips"]:
                detail += "  FLIP: " + ", ".join(r["flips"])
            xfail = " [xfail]" if r["xfail"] else ""
            print(f"{mark}  {r['id']}{xfail}{detail}")
    print("\n== pass rate per file")
    for name, c in summary["per_file"].items():
        print(f"  {name:<40} {_rate(c['passed'], c['total'])}")
    print("\n== pass rate per tag")
    for name, c in sorted(summary["per_tag"].items(), key=lambda kv: kv[1]["passed"] / kv[1]["total"]):
        print(f"  {name:<40} {_rate(c['passed'], c['total'])}")
    print("\n== columns most often wrong")
    for name, n in list(summary["wrong_columns"].items())[:15]:
        print(f"  {name:<40} {n}")
    flips, invented_values, missed = summary["status_flips"], summary["invented"], summary["missed"]
    print("\n== summary")
    print(f"  cases passed:   {_rate(summary['passed'], summary['total'])}  in {summary['seconds']} s")
    print(f"  status flips:   {sum(flips.values())}  {json.dumps(flips) if flips else ''}")
    print(f"  invented:       {sum(invented_values.values())}  {json.dumps(invented_values) if invented_values else ''}")
    print(f"  missed:         {sum(missed.values())}  {json.dumps(missed) if missed else ''}")
    print(f"  xfail listed:   {summary['xfail_listed']}; now passing: {', '.join(summary['xfail_now_passing']) or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="case files (default: the test corpus)")
    parser.add_argument("--quiet", action="store_true", help="summary only, no per-case lines")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    summary = evaluate(args.files or None)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_report(summary, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
