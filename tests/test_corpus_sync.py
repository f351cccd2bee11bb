"""The project's copies of the shared corpus and spec stay byte-identical to ``../shared``.

``../shared`` (beside the project root) is the source of truth; the copies under ``tests/`` let the
tests run on a fresh clone without it. Where ``../shared`` is absent (a clone elsewhere, CI without
it) these tests skip with the reason. Refresh a stale copy with ``cp -p`` from ``../shared``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TESTS = ROOT / "tests"

#: shared directory -> the project's copy, and whether the whole directory is mirrored.
MIRRORS = [
    (SHARED / "corpus", TESTS / "corpus" / "shared"),
]
#: Single files copied from shared.
FILES = [
    (SHARED / "spec" / "record.md", TESTS / "spec" / "record.md"),
    (SHARED / "spec" / "guidelines.md", TESTS / "spec" / "guidelines.md"),
]

needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason=f"{SHARED} is absent: nothing to compare the copies with"
)


def _files(directory: Path) -> set[str]:
    return {str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file()}


def _pairs():
    pairs = list(FILES)
    for source, copy in MIRRORS:
        if source.is_dir():
            pairs += [(source / name, copy / name) for name in sorted(_files(source))]
    return pairs


def _id(pair):
    return str(pair[0].relative_to(SHARED)) if pair[0].is_relative_to(SHARED) else str(pair[0])


@needs_shared
@pytest.mark.parametrize("pair", _pairs(), ids=_id)
def test_copy_is_identical(pair):
    source, copy = pair
    assert copy.is_file(), f"{copy.relative_to(ROOT)} is missing: copy it from {source}"
    assert copy.read_bytes() == source.read_bytes(), (
        f"{copy.relative_to(ROOT)} differs from {source}: refresh the copy (cp -p), never edit it"
    )


@needs_shared
@pytest.mark.parametrize("mirror", MIRRORS, ids=lambda m: str(m[1].relative_to(ROOT)))
def test_copy_has_no_stale_files(mirror):
    source, copy = mirror
    stale = sorted(_files(copy) - _files(source))
    assert not stale, f"{copy.relative_to(ROOT)} has files no longer in {source}: {', '.join(stale)}"
