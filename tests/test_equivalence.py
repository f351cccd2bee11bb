"""Same answers as the recorded baseline (``scripts/equivalence.py``): every corpus text, each embedded in a
long report of non-receptor text, each re-wrapped, and 2,000 fuzz inputs give the same record, warning
codes and evidence spans. A deliberate change of answers records the baseline again in its commit
(``python scripts/equivalence.py --record``) and names the fix."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("her2_equivalence", ROOT / "scripts" / "equivalence.py")
equivalence = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(equivalence)  # type: ignore[union-attr]


def _baseline() -> dict[str, dict]:
    with gzip.open(equivalence.BASELINE, "rt", encoding="utf-8") as handle:
        return {row["key"]: row for row in map(json.loads, handle)}


BASELINE = _baseline()
INPUTS = list(equivalence.inputs())


def test_baseline_covers_every_input():
    assert sorted(BASELINE) == sorted(key for key, _ in INPUTS)


@pytest.mark.parametrize("kind", ["corpus", "embedded", "wrapped", "fuzz"])
def test_same_answers(kind):
    changed = []
    for key, text in INPUTS:
        if key.split(":", 1)[0] == kind:
            names = equivalence.differences(BASELINE[key], equivalence.output(text))
            if names:
                changed.append(f"{key}: {', '.join(names)}")
    assert not changed, f"{len(changed)} outputs differ from the baseline:\n" + "\n".join(changed[:30])
