#!/usr/bin/env python3
"""Two versions of the library, back to back on this machine: real-report median and snippets a second.

    git worktree add /tmp/old <commit>
    python benchmarks/compare.py /tmp/old/src src

Each source tree runs in its own process (``sys.path`` starts with it), on the same inputs: the real
OCR'd TCGA reports of tests/corpus/shared/real_tcga.jsonl (median over reports of the best of three
runs of ``interpret(text).to_record()``) and the snippets of tests/corpus/shared/dev.jsonl (texts of at
most 400 characters; the best of three passes). On a shared machine compare the two lines, not the
absolute figures. Prints figures only, never report text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_MEASURE = r"""
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from her2_interpret import interpret
root = sys.argv[2]
real = [json.loads(l)["text"] for l in open(root + "/tests/corpus/shared/real_tcga.jsonl", encoding="utf-8")]
snippets = [t for t in (json.loads(l)["text"] for l in open(root + "/tests/corpus/shared/dev.jsonl", encoding="utf-8")) if len(t) <= 400]
for text in real + snippets:
    interpret(text).to_record()
per = []
for text in real:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter(); interpret(text).to_record(); best = min(best, time.perf_counter() - start)
    per.append(best)
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for text in snippets:
        interpret(text).to_record()
    best = min(best, time.perf_counter() - start)
print(f"real report median {statistics.median(per) * 1000:.2f} ms; snippets {len(snippets) / best:,.0f} a second")
"""


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.exit(__doc__)
    for source in argv:
        out = subprocess.run([sys.executable, "-c", _MEASURE, str(Path(source).resolve()), str(ROOT)],
                             capture_output=True, text=True, check=True).stdout.strip()
        print(f"{source}: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
