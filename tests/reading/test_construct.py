"""The reader's models must be what validation builds: a guard for building them without validation.

The reader builds its findings with their normal (validating) constructors: measured with pydantic
2.14, ``model_construct`` is two to three times slower than validation for these models and a
hand-written bypass no faster (about 4 us a model either way, some 10 models a snippet), so nothing
is gained by skipping validation. Should a later change build them unvalidated, this test says
whether they are still what validation builds.

Every corpus text is parsed; every finding must survive a validation round trip unchanged, with the
same value types (an enum member, not its string; a float, not an int; a tuple, not a list; a
frozenset, not a set) and field order, and the whole :class:`~her2_interpret.models.Findings` must
round-trip through JSON. Nothing here prints report text: a failure names the case id.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from corpus_cases import load_cases
from her2_interpret.models import Findings
from her2_interpret.reading import parse

CASES = load_cases()


def _type_diff(built: Any, validated: Any, where: str) -> list[str]:
    """Where ``built`` and ``validated`` hold values of different types (models, tuples, sets walked)."""
    if type(built) is not type(validated):
        return [f"{where}: {type(built).__name__} != {type(validated).__name__}"]
    if isinstance(built, BaseModel):
        return [d for name in type(built).model_fields
                for d in _type_diff(getattr(built, name), getattr(validated, name), f"{where}.{name}")]
    if isinstance(built, tuple):
        return [d for i, (a, b) in enumerate(zip(built, validated)) for d in _type_diff(a, b, f"{where}[{i}]")]
    if isinstance(built, frozenset):
        return [f"{where}: member types differ"] if sorted(map(repr, built)) != sorted(map(repr, validated)) else []
    return []


def _fields_in_order(model: BaseModel) -> list[str]:
    return list(model.__dict__)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_findings_are_what_validation_builds(case) -> None:
    findings = parse(case.text)
    for i, f in enumerate(findings.findings):
        again = type(f).model_validate(f.model_dump())
        assert again == f, f"{case.id}: finding {i} ({f.kind}) changes under validation"
        assert _type_diff(f, again, f"finding {i}") == []
        assert _fields_in_order(f) == _fields_in_order(again)
    assert Findings.model_validate_json(findings.model_dump_json()) == findings, case.id
    assert _type_diff(findings, Findings.model_validate(findings.model_dump()), "findings") == []
