"""The pattern library's scanning forms (reading/patterns.py): a split scan finds what the joined
pattern finds, and the alternative splitter splits where a reader of the pattern would."""

from __future__ import annotations

import random

import pytest

from corpus_cases import load_cases
from her2_interpret.reading import patterns as P
from her2_interpret.reading.normalize import normalize

SIZED = {name: value for name, value in vars(P).items() if isinstance(value, P.SizedPattern)}
TEXTS = [normalize(case.text).text for case in load_cases()]


def _noise(seed: int) -> str:
    rng = random.Random(seed)
    words = ["ER", "PR", "HER2", "Ki-67", "FISH", "control", "controls", "benign", "0, 1+, 2+ or 3+", "patients with",
             "eligible", "(x)", "[X]", "__x__", "invasive ductal carcinoma", "%", "is defined as", "CEP17", "c-erbB-2"]
    return " ".join(rng.choice(words) + rng.choice(["", ".", ",", ":", "\n"]) for _ in range(rng.randrange(40, 200)))


def _matches(found):
    return [(m.span(), m.lastgroup, m.group()) for m in found]


def test_the_library_has_sized_patterns():
    assert {"MENTION", "NOT_THIS_PATIENT", "CONTROL_WORD"} <= set(SIZED)


@pytest.mark.parametrize("name", sorted(SIZED))
def test_split_scan_finds_what_the_joined_pattern_finds(name):
    pattern = SIZED[name]
    for text in TEXTS + [_noise(seed) for seed in range(50)]:
        assert _matches(pattern._split.finditer(text)) == _matches(pattern._joined.finditer(text))
        assert _matches([pattern._split.search(text, 3)]) == _matches([pattern._joined.search(text, 3)]) \
            if pattern._joined.search(text, 3) else pattern._split.search(text, 3) is None


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        ("a|b|c", ["a", "b", "c"]),
        ("(a|b)|c", ["(a|b)", "c"]),
        ("[|]|x", ["[|]", "x"]),
        (r"\||y", [r"\|", "y"]),
        ("a  # one | two\n| b", ["a  # one | two\n", " b"]),  # a verbose comment is no split point
        ("(?P<n>a|b)", ["(?P<n>a|b)"]),
    ],
)
def test_alternatives(source, parts):
    assert [p for p in P.alternatives(source) if p.strip()] == [p for p in parts if p.strip()]


def test_inner_split_keeps_the_group_name():
    pattern = P.sized("(?:(?P<x>\\bab\\b|\\bcd\\b)\n)|(?:(?P<y>\\bef\\b)\n)", inner=True)
    assert len(pattern._split._parts) == 3
    text = "zz ef cd " * 40  # longer than SPLIT_ABOVE: the split scan runs
    assert [m.lastgroup for m in pattern.finditer(text)][:3] == ["y", "x", "y"]
