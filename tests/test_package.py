"""The package itself: lazy public names, ``python -m her2_interpret``, the shipped schema file."""

from __future__ import annotations

import subprocess
import sys

import her2_interpret


def test_import_loads_no_submodule_and_no_pydantic():
    code = (
        "import sys, her2_interpret; "
        "loaded = [m for m in sys.modules if m.startswith(('her2_interpret.', 'pydantic', 'regex', 'rapidfuzz'))]; "
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_public_name_resolves():
    for name in her2_interpret.__all__:
        assert getattr(her2_interpret, name) is not None, name
    assert set(her2_interpret.__all__) <= set(dir(her2_interpret))


def test_explain_stays_the_function_after_its_module_loads():
    her2_interpret.interpret("ER positive").explanation  # imports her2_interpret.explain
    assert callable(her2_interpret.explain) and her2_interpret.explain.__name__ == "explain"
    from her2_interpret import explain

    assert explain is her2_interpret.explain


def test_python_m_version():
    done = subprocess.run([sys.executable, "-m", "her2_interpret", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and her2_interpret.__version__ in done.stdout
