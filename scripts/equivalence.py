#!/usr/bin/env python3
"""Same answers: the outputs of every corpus text and a few thousand generated variants, against a baseline.

    python scripts/equivalence.py --record    # write tests/equivalence/baseline.jsonl.gz from this code
    python scripts/equivalence.py             # compare this code with the baseline; exit 1 on a difference

What is compared, per input: the flat record (``to_record()``), the warning codes, and every finding's
evidence span (field, start, end). The inputs (:func:`inputs`, deterministic):

- ``corpus:<id>``: every text of ``tests/corpus`` as it is;
- ``embedded:<id>``: the text inside a long report of gross description, margins, nodes and page
  furniture (text with no receptor result, which the reader must skip without effect);
- ``wrapped:<id>``: the text re-wrapped at 60 characters (a mid-sentence line break in every line);
- ``fuzz:<seed>``: the fuzz inputs of ``benchmarks/fuzz.py`` (random text, report words, corpus texts
  mutated and joined).

A change of reader must leave this file's comparison empty, except for a deliberate fix named in its
commit; after such a fix, record the baseline again in the same commit. Nothing here prints report
text: a difference names the input key and the columns that differ.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # a fallback: works from a checkout without installing

from her2_interpret import interpret  # noqa: E402

BASELINE = ROOT / "tests" / "equivalence" / "baseline.jsonl.gz"
FUZZ_SEEDS = range(900_000, 902_000)

#: Report text with no receptor result: what most of a real report is.
FILLER_BEFORE = (
    "SURGICAL PATHOLOGY REPORT                                   Page 1 of 3\n"
    "Accession: S26-004417   Collected: 11/02/2026   Received: 11/03/2026\n"
    "CLINICAL HISTORY: Palpable mass, upper outer quadrant. Prior core biopsy.\n\n"
    "GROSS DESCRIPTION:\n"
    "Received fresh labeled with the patient's name and 'breast' is an oriented lumpectomy specimen "
    "measuring 6.5 x 5.0 x 3.2 cm. The specimen is inked as follows: superior blue, inferior green, "
    "anterior yellow, posterior black. Serial sectioning reveals a firm, tan-white stellate lesion "
    "measuring 1.8 x 1.5 x 1.2 cm, located 0.6 cm from the posterior margin. The remaining breast "
    "parenchyma is fibrofatty. Representative sections are submitted in cassettes A1-A12.\n"
    "Cold ischemia time: less than 1 hour. Fixation: 10% neutral buffered formalin, 8-72 hours.\n\n"
)
FILLER_AFTER = (
    "\n\nMARGINS:\n"
    "Posterior margin: 6 mm. Anterior margin: >10 mm. All other margins >10 mm. DCIS absent at margins.\n"
    "LYMPH NODES: 0/3 sentinel nodes involved (0/3). Isolated tumor cells: not identified.\n"
    "Lymphovascular invasion: not identified. Microcalcifications: present in benign ducts.\n"
    "pTNM (AJCC 8th edition): pT1c pN0(sn)\n"
    "Electronically signed by: Pathologist, MD   11/05/2026 14:22\n"
    "Page 3 of 3     CONFIDENTIAL: contains protected health information\n"
)


def _load_fuzz() -> Any:
    spec = importlib.util.spec_from_file_location("her2_fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def corpus() -> list[tuple[str, str]]:
    cases = []
    for path in sorted((ROOT / "tests" / "corpus").glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    case = json.loads(line)
                    cases.append((case["id"], case["text"]))
    return cases


def inputs() -> Iterator[tuple[str, str]]:
    cases = corpus()
    for case_id, text in cases:
        yield f"corpus:{case_id}", text
    for case_id, text in cases:
        yield f"embedded:{case_id}", FILLER_BEFORE + text + FILLER_AFTER
    for case_id, text in cases:
        lines = [textwrap.fill(line, 60) if line.strip() else line for line in text.split("\n")]
        yield f"wrapped:{case_id}", "\n".join(lines)
    fuzz = _load_fuzz()
    texts = [text for _, text in cases]
    for seed in FUZZ_SEEDS:
        yield f"fuzz:{seed}", fuzz.make_input(seed, texts)[1]


def output(text: str) -> dict[str, Any]:
    result = interpret(text)
    spans = []
    for number, finding in enumerate(result.findings.findings):
        spans += [[number, e.field, e.start, e.end] for e in finding.evidence]
    return {
        "record": result.to_record(),
        "warnings": sorted(w.code for w in result.warnings),
        "evidence": sorted(spans),
    }


def differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    names = [f"record.{k}" for k in expected["record"] if expected["record"][k] != got["record"].get(k)]
    names += [f"record.{k}" for k in got["record"] if k not in expected["record"]]
    names += [part for part in ("warnings", "evidence") if expected[part] != got[part]]
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", action="store_true", help="write the baseline from this code")
    parser.add_argument("--limit", type=int, default=40, help="differences to list (default 40)")
    args = parser.parse_args(argv)
    if args.record:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(BASELINE, "wt", encoding="utf-8", compresslevel=9) as out:
            count = 0
            for key, text in inputs():
                out.write(json.dumps({"key": key, **output(text)}, sort_keys=True) + "\n")
                count += 1
        print(f"recorded {count} outputs in {BASELINE.relative_to(ROOT)}")
        return 0
    with gzip.open(BASELINE, "rt", encoding="utf-8") as handle:
        baseline = {row["key"]: row for row in map(json.loads, handle)}
    changed, count = [], 0
    for key, text in inputs():
        count += 1
        if key not in baseline:
            changed.append(f"{key}: not in the baseline")
            continue
        names = differences(baseline[key], output(text))
        if names:
            changed.append(f"{key}: {', '.join(names)}")
    print(f"{count} inputs, {len(changed)} differ from {BASELINE.relative_to(ROOT)}")
    for line in changed[: args.limit]:
        print("  " + line)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
