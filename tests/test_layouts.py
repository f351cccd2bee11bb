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


RATIO_LABELS = ["HER2/CEP17 ratio", "Ratio", "HER2:CEP17 ratio", "Dual probe ratio", "HER2/CEP17", "HER2 to CEP17 ratio"]
COPY_LABELS = ["Average HER2 copy number", "Mean HER2 signals per cell", "HER2 copies/cell",
               "Average HER2 signals/nucleus", "HER2 copy number", "Mean HER2 copies per nucleus"]
CEP17_LABELS = ["Average CEP17 copy number", "Mean CEP17 signals per cell", "CEP17 copies/cell", "CEP17 signals/nucleus",
                "Chr17 copy number", "Mean CEP17"]
ISH_SEPARATORS = [": ", " ", " = ", "\t", " .... ", " - "]
ISH_FIELD_SEPARATORS = ["\n", "; ", ", ", "  "]
ISH_HEADERS = ["HER2 FISH:", "HER2 ISH (dual probe)", "FISH results", "HER2 SISH"]


def _ish_cases():
    combos = itertools.product(ISH_SEPARATORS, ISH_FIELD_SEPARATORS, ISH_HEADERS)
    for i, (sep, fsep, head) in enumerate(combos):
        ratio, copies, cep17 = RATIO_LABELS[i % 6], COPY_LABELS[(i // 2) % 6], CEP17_LABELS[(i // 3) % 6]
        text = head + "\n" + fsep.join([f"{copies}{sep}5.2", f"{cep17}{sep}2.1", f"{ratio}{sep}2.48"])
        yield pytest.param(text, id=f"ish-{i}")


@pytest.mark.parametrize("text", list(_ish_cases()))
def test_every_ish_layout_reads_the_stated_numbers(text):
    """The stated ratio is read (2.48), not computed from the copy numbers (2.476), and no digit of
    "CEP17" is taken for a copy number."""
    record = interpret(text).to_record()
    got = (record["her2_ish_ratio"], record["her2_ish_copy_number"], record["her2_ish_cep17"], record["her2_ish_group"])
    assert got == (2.48, 5.2, 2.1, 1)
