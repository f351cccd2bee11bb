"""The README's scale-out examples (process pool, Dask, Spark) run as written.

Each example is the code block after its ``<!-- example: NAME -->`` marker; it runs as a script in
a fresh Python, in a folder laid out like the repository (``tests/corpus/shared``), so its relative
paths work and its output files land in a temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = os.environ.get("HER2_REQUIRE_ENGINES") == "1"


def example(name: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- example: {name} -->\n```python\n(.*?)\n```", text, re.S)
    assert found, f"no '{name}' example in the README"
    return found.group(1) + "\n"


def need(module: str, why: str) -> None:
    if importlib.util.find_spec(module) is None:
        if REQUIRED:
            pytest.fail(f"HER2_REQUIRE_ENGINES=1 but {module} is not installed")
        pytest.skip(why)


def run(name: str, tmp_path: Path) -> str:
    shutil.copytree(ROOT / "tests" / "corpus" / "shared", tmp_path / "tests" / "corpus" / "shared")
    script = tmp_path / f"{name}_example.py"
    script.write_text(example(name), encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore::FutureWarning"}
    done = subprocess.run([sys.executable, script.name], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def shared_count() -> int:
    return sum(1 for p in (ROOT / "tests" / "corpus" / "shared").glob("*.jsonl")
               for line in p.open(encoding="utf-8") if line.strip())


def test_pool_example(tmp_path):
    out = run("pool", tmp_path)
    assert f"{shared_count() + 1} records, 1 failed" in out


def test_dask_example(tmp_path):
    need("distributed", "needs the 'dask' extra")
    out = run("dask", tmp_path)
    assert "her2_category" in out and "positive" in out
    assert (tmp_path / "records_dask").is_dir()


def test_spark_example(tmp_path):
    need("pyspark", "needs the 'spark' extra")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if REQUIRED:
            pytest.fail("HER2_REQUIRE_ENGINES=1 but there is no Java runtime")
        pytest.skip("no Java runtime for Spark")
    out = run("spark", tmp_path)
    assert "her2_category" in out and "positive" in out
    assert (tmp_path / "records_spark").is_dir()
