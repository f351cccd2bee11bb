"""Layout grid: the same three results written with every common label, separator and field layout.

Each combination must give the same statuses; a failure names the layout, which is the family a
real report in that layout would fail in. (This grid found that fields two spaces apart, "ER:
Positive  PR: Negative  HER2: Negative", were taken for a table header.)
"""

from __future__ import annotations

import itertools

import pytest

from her2_interpret import interpret

LABELS = {
    "er": ["ER", "Estrogen receptor", "Oestrogen Receptor (ER)", "ER status"],
    "pr": ["PR", "PgR", "Progesterone receptor", "PR status"],
    "her2": ["HER2", "HER2 (IHC)", "HER-2/neu", "HER2 status"],
}
VALUES = {
    "er": [("Positive", "positive"), ("Positive (90%)", "positive"), ("90%", "positive"),
           ("Negative (<1%)", "negative"), ("POS", "positive")],
    "pr": [("Negative", "negative"), ("Negative (0%)", "negative"), ("0%", "negative"),
           ("Positive (40%)", "positive"), ("NEG", "negative")],
    "her2": [("Negative", "negative"), ("1+", "negative"), ("Negative (1+)", "negative"), ("3+", "positive"),
             ("Positive (3+)", "positive")],
}
SEPARATORS = [": ", " - ", " = ", "\t", "  ", " ", ": \t", " .... "]
FIELD_SEPARATORS = ["\n", ", ", "; ", "  ", " | ", ". ", "\n\n", "   "]


def _cases():
    for i, (sep, fsep) in enumerate(itertools.product(SEPARATORS, FIELD_SEPARATORS)):
        for k in range(5):
            parts, expected = [], {}
            for marker in ("er", "pr", "her2"):
                label = LABELS[marker][(k + i) % len(LABELS[marker])]
                value, status = VALUES[marker][(k * 2 + i) % len(VALUES[marker])]
                parts.append(f"{label}{sep}{value}")
                expected[marker] = status
            yield pytest.param(fsep.join(parts), expected, id=f"sep{SEPARATORS.index(sep)}-field{FIELD_SEPARATORS.index(fsep)}-{k}")


@pytest.mark.parametrize(("text", "expected"), list(_cases()))
def test_every_layout_gives_the_same_statuses(text, expected):
    record = interpret(text).to_record()
    assert {m: record[f"{m}_status"] for m in expected} == expected
