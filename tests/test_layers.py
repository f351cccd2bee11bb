"""The modules of the package import downwards only: no import circle, lazy imports included.

Every module is parsed with :mod:`ast` and every import in it counts, wherever it sits (top of the
file, inside a function, under ``TYPE_CHECKING``). A module's unit is its first name under the
package (``rules.her2`` is ``rules``, ``adapters.fhir`` is ``adapters``); an import within a unit is
free, any other must go to a strictly lower layer. The layers, lowest first (this dict is read by
the tests below, so a new module must be placed here)::

    {
        "base": ["review", "thresholds", "locales"],
        "models": ["models"],
        "reading": ["reading", "parser", "normalize", "statements", "patterns", "lexicon"],
        "report": ["report"],
        "rules": ["rules"],
        "presence": ["presence"],
        "record": ["record"],
        "explain": ["explain"],
        "render": ["render"],
        "result": ["result"],
        "columns": ["errors", "schema"],
        "pool": ["pool"],
        "api": ["api"],
        "package": ["__init__"],
        "edges": ["batch", "evaluation", "adapters", "spark"],
        "commands": ["cli", "dask"],
        "main": ["__main__"],
    }

``reading`` is one unit: the reader (``parser``, ``normalize``, ``statements``, ``patterns``,
``lexicon``, and the ``reading`` package they move to) may import among itself freely, but not
upwards. ``pool`` sits below ``api``: ``interpret_many`` starts the pool and hands it ``interpret`` to
run in the workers. ``models`` hold data only; :mod:`her2_interpret.result` composes the interpretation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "her2_interpret"
SOURCE = Path(__file__).resolve().parents[1] / "src" / PACKAGE

#: Layer name -> its units, lowest layer first (parsed from this module's docstring).
LAYERS: dict[str, list[str]] = ast.literal_eval(__doc__.split("::", 1)[1].split("\n\n", 2)[1])
#: Units whose modules count as one unit, whatever their first name.
MERGED_UNITS: dict[str, str] = dict.fromkeys(LAYERS["reading"], "reading")
RANK: dict[str, int] = {unit: rank for rank, units in enumerate(LAYERS.values()) for unit in units}


def _module_names() -> dict[str, Path]:
    """Every module of the package: dotted name under the package (``rules.her2``) -> its file."""
    names = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        if len(parts) > 1 and parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


MODULES = _module_names()


def _resolve(module: str, level: int, target: str | None, name: str) -> str:
    """The module an import names, as a dotted name under the package ('__init__': the package)."""
    path = MODULES[module]
    package = [] if module == "__init__" else module.split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (level - 1)] if level else []
    dotted = ".".join([*base, *(target.split(".") if target else [])])
    with_name = f"{dotted}.{name}" if dotted else name
    if with_name in MODULES:  # `from . import patterns`: a submodule
        return with_name
    return dotted or "__init__"


def _imports(module: str) -> set[str]:
    """The package modules ``module`` imports anywhere in its file."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            found |= {_resolve(module, node.level, node.module, a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == PACKAGE:
            inner = node.module.partition(".")[2] or None
            found |= {_resolve("__init__", 1, inner, a.name) for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.partition(".")[2] or "__init__" for a in node.names if a.name.split(".")[0] == PACKAGE}
    return found


def _unit(module: str) -> str:
    first = module.split(".")[0]
    return MERGED_UNITS.get(first, first)


def test_every_module_has_a_layer():
    assert sorted(m for m in MODULES if m.split(".")[0] not in RANK) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down(module):
    unit = _unit(module)
    upward = [
        target
        for target in sorted(_imports(module))
        if _unit(target) != unit and RANK[target.split(".")[0]] >= RANK[module.split(".")[0]]
    ]
    assert upward == [], f"{module} imports a module of its own layer or above"


def test_models_import_no_composition():
    assert _imports("models") <= {"review"}


def test_the_layer_order_itself():
    order = list(LAYERS)
    assert order.index("models") < order.index("reading") < order.index("rules") < order.index("record")
    assert order.index("record") < order.index("render") < order.index("result") < order.index("api")


def test_lazy_and_type_checking_imports_count():
    assert "pool" in _imports("api")  # imported inside interpret_many
    assert "models" in _imports("render")  # imported under TYPE_CHECKING
