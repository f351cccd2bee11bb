"""The reader's layout (issue "Reader v2"): one module per stage, each with a docstring that says what
it takes and gives, and no function longer than about a screen."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import her2_interpret.reading as reading

READING = Path(reading.__file__).parent
MODULES = sorted(READING.rglob("*.py"))

#: The longest a function of the reader may be (lines, decorators and docstring included).
MAX_FUNCTION_LINES = 60

#: The stages, in the order the text flows (reading/__init__.py and the README list them).
STAGES = ["normalize", "regions", "masking", "segments", "mentions", "sections", "context", "tables", "clauses",
          "values", "assemble"]


def _name(path: Path) -> str:
    return str(path.relative_to(READING))


def test_every_stage_is_a_module_of_the_package():
    present = {path.stem for path in READING.iterdir() if path.suffix == ".py" or (path / "__init__.py").exists()}
    assert set(STAGES) <= present
    doc = reading.__doc__ or ""
    positions = [doc.index(f":mod:`.{stage}`") for stage in STAGES]
    assert positions == sorted(positions), "the package docstring lists the stages in flow order"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_says_what_it_takes_and_gives(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and "TODO" not in doc and len(doc) >= 80


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_long_functions(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_name(path)}: " + ", ".join(long)
