"""The walk alone (reading/clauses.py): which clause each mention gets, and in which context.

Each case is a short report and, per clause in order: its marker kind(s), its text (its ranges, each
stripped, joined by " | ") and the fields of its context that are not the default, with its flags.
Expected values are what the reader gave when these tests were written (Reader v2, the walk).
"""

from __future__ import annotations

from typing import Any

import pytest

from her2_interpret.reading import parse
from her2_interpret.reading.clauses import _clauses

Clause = tuple[str, str, dict[str, Any]]


def _walk(text: str) -> tuple[list[Clause], list[tuple[str, str]]]:
    """The clauses of ``text`` (read as already masked) and the typed table cells the walk gives."""
    cells: list[tuple[int, int, str]] = []
    out: list[Clause] = []
    for clause in _clauses(text, cells):
        where: dict[str, Any] = {k: getattr(v, "value", v)
                                 for k, v in clause.context.model_dump(exclude_defaults=True).items()}
        if clause.flags:
            where["flags"] = sorted(f.value for f in clause.flags)
        out.append(("+".join(clause.kinds), " | ".join(text[a:b].strip() for a, b in clause.ranges), where))
    return out, [(text[a:b].strip(), kind) for a, b, kind in cells]


# specimen and side, DCIS and history headers, sections, tumours, dates, questions and conditionals
STATEMENTS = [
    ('PART A - RIGHT BREAST, LUMPECTOMY (2.3 cm):\n'
     'ER: Positive (95%)\n'
     '\n'
     'PART B - LEFT BREAST, CORE BIOPSY:\n'
     'ER: Negative (0%)\n'
     'HER2: 1+',
     [('er', 'ER: Positive (95%)', {'specimen': 'A', 'specimen_index': 1, 'side': 'right', 'size_mm': 23.0}),
      ('er', 'ER: Negative (0%)', {'specimen': 'B', 'specimen_index': 2, 'side': 'left'}),
      ('her2', 'HER2: 1+', {'specimen': 'B', 'specimen_index': 2, 'side': 'left'})]),
    ('ER: Positive (90%)\nCOMMENT:\n  Prior biopsy ER negative.\n\nADDENDUM 03/04/2025\nHER2: 3+ (positive)',
     [('er', 'ER: Positive (90%)', {}),
      ('er', 'ER negative.', {'section': 'comment', 'flags': ['historical']}),
      ('her2', 'HER2: 3+ (positive)', {'section': 'addendum', 'section_index': 1, 'date': 20250304})]),
    ('Clinical history:\n  ER positive breast cancer 2019.\n\nER: Negative (0%)',
     [('er', 'ER positive breast cancer 2019.', {'section': 'history', 'flags': ['historical']}),
      ('er', 'ER: Negative (0%)', {})]),
    ('Repeat testing on block B2:\nHER2: 2+ (equivocal)',
     [('her2', 'HER2: 2+ (equivocal)', {'repeat': True})]),
    ('TUMOR 1: size 12 mm\nER: Positive\nTUMOR 2 (BLOCK A9): ER: Negative',
     [('er', 'ER: Positive', {'specimen': '1', 'specimen_index': 1, 'tumour': '1', 'size_mm': 12.0}),
      ('er', 'ER: Negative', {'specimen': '2', 'specimen_index': 2, 'tumour': '2'})]),
    ('Left breast: ER positive 90%. Right breast: ER negative.',
     [('er', 'ER positive 90%.', {'specimen': 'left', 'specimen_index': 1, 'side': 'left'}),
      ('er', 'ER negative.', {'specimen': 'right', 'specimen_index': 1, 'side': 'right'})]),
    ('ER positive, PR negative, HER2 negative per prior specimen.\nKi-67: 20%',
     [('er', 'ER positive,', {'flags': ['historical']}),
      ('pr', 'PR negative,', {'flags': ['historical']}),
      ('her2', 'HER2 negative per prior specimen.', {'flags': ['historical']}),
      ('ki67', 'Ki-67: 20%', {})]),
    ('Estrogen receptor:\n  Positive (95%, strong)\nProgesterone receptor: Negative',
     [('er', 'Estrogen receptor: | Positive (95%, strong)', {}),
      ('pr', 'Progesterone receptor: Negative', {})]),
    ('HER2 by FISH:\nHER2/CEP17 ratio: 1.2\nMean HER2 signals/cell: 2.1',
     [('ish+ish', 'HER2 by FISH: | HER2/CEP17 ratio: 1.2 | Mean HER2 signals/cell: 2.1', {})]),
    ('ER: Positive. Intensity: strong. Lymph nodes 0/3.',
     [('er', 'ER: Positive. | Intensity: strong.', {})]),
    ('Tumor cells are positive for ER and negative for PR.',
     [('er', 'positive for ER and', {}), ('pr', 'negative for PR.', {})]),
    ('Core biopsy 02/01/2024: ER positive.\nExcision 03/05/2024: HER2 1+.\nKi-67 on core biopsy: 30%',
     [('er', 'ER positive.', {'date': 20240201}),
      ('her2', 'HER2 1+.', {'date': 20240305}),
      ('ki67', 'Ki-67 on core biopsy: 30%', {'date': 20240201})]),
    ('If HER2 were 3+, trastuzumab would apply.\nHER2: 1+',
     [('her2', 'HER2 were 3+, trastuzumab would apply.', {'flags': ['hypothetical']}),
      ('her2', 'HER2: 1+', {})]),
    ('ER: Positive (95%)\nHER2: 2+. Is FISH needed?',
     [('er', 'ER: Positive (95%)', {}),
      ('her2', 'HER2: 2+.', {}),
      ('ish', 'FISH needed?', {'flags': ['hypothetical']})]),
    ('DCIS Biomarkers (block B5):\nER: Positive (80%)\n\nInvasive carcinoma:\nER: Negative',
     [('er', 'ER: Positive (80%)', {'flags': ['dcis']}),
      ('er', 'ER: Negative', {})]),
]


@pytest.mark.parametrize("text, clauses", STATEMENTS)
def test_statements_and_their_context(text: str, clauses: list[Clause]) -> None:
    assert _walk(text) == (clauses, [])


# pipes, CSV, space-aligned columns, tumour columns, flattened tables: the clauses and the typed cells
TABLES = [
    ('Marker    Result    Percent\nER        Positive  95%\nPR        Negative  0%\nHER2      1+',
     [('er', 'ER        Positive  95%', {}),
      ('pr', 'PR        Negative  0%', {}),
      ('her2', 'HER2      1+', {})],
     [('ER', 'other'),
      ('Positive', 'result'),
      ('95%', 'pct'),
      ('PR', 'other'),
      ('Negative', 'result'),
      ('0%', 'pct'),
      ('HER2', 'other'),
      ('1+', 'result')]),
    ('| | ER | PR | HER2 |\n'
     '|---|---|---|---|\n'
     '| Invasive | Positive (95%) | Negative (0%) | 1+ |\n'
     '| DCIS | Positive (90%) | Positive (50%) | |',
     [('er', 'Positive (95%)', {}),
      ('pr', 'Negative (0%)', {}),
      ('her2', '1+', {}),
      ('er', 'Positive (90%)', {'flags': ['dcis']}),
      ('pr', 'Positive (50%)', {'flags': ['dcis']})],
     [('Positive (95%)', 'other'),
      ('Negative (0%)', 'other'),
      ('1+', 'other'),
      ('Positive (90%)', 'other'),
      ('Positive (50%)', 'other')]),
    ("                  Lesion 1 (2 o'clock)     Lesion 2 (10 o'clock)\n"
     'Size              12 mm                    25 mm\n'
     'ER                Positive                 Negative',
     [('er', 'Positive', {'tumour': '1', 'size_mm': 12.0}),
      ('er', 'Negative', {'tumour': '2', 'size_mm': 25.0})],
     []),
    ('             LEFT (32 mm)        RIGHT\nER           Positive            Negative',
     [('er', 'Positive', {'side': 'left', 'tumour': 'left', 'size_mm': 32.0}),
      ('er', 'Negative', {'side': 'right', 'tumour': 'right'})],
     []),
    ('ER PR HER2 Ki67\nPositive Negative 1+ 15%',
     [('er', 'Positive', {}), ('pr', 'Negative', {}), ('her2', '1+', {}), ('ki67', '15%', {})],
     []),
    ('Biomarker Result %/Score Intensity\nER Positive 95 Strong\nKi-67 n/a 22 n/a',
     [('er', 'ER Positive 95 Strong', {}), ('ki67', 'Ki-67 n/a 22 n/a', {})],
     [('Positive', 'result'),
      ('95', 'pct'),
      ('Strong', 'intensity'),
      ('n/a', 'result'),
      ('22', 'pct'),
      ('n/a', 'intensity')]),
    ('id;er;her2;status\n1;Positive;2+;AMENDED',
     [('er', 'Positive', {}), ('her2', '2+', {})],
     [('Positive', 'other'), ('2+', 'other')]),
    ('test;result;status\nHER2;2+;AMENDED;x',  # an amended row: a repeat
     [('her2', 'HER2;2+;AMENDED;x', {'repeat': True})],
     [('HER2', 'other'), ('2+', 'result'), ('AMENDED', 'result')]),
]


@pytest.mark.parametrize("text, clauses, cells", TABLES)
def test_tables_and_their_cells(text: str, clauses: list[Clause], cells: list[tuple[str, str]]) -> None:
    assert _walk(text) == (clauses, cells)


def test_parse_keeps_the_walk_context() -> None:
    """Through the whole reader: each finding keeps its clause's specimen and side."""
    text = "PART A - RIGHT BREAST, LUMPECTOMY:\nER: Positive (95%)\n\nPART B - LEFT BREAST, CORE BIOPSY:\nER: Negative (0%)"
    assert [(f.context.specimen, f.context.side) for f in parse(text).findings] == [("A", "right"), ("B", "left")]
