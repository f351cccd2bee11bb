"""The reader builds its models without validation (reading/build.py): they must be what validation builds.

Every corpus text is parsed; every finding must survive a validation round trip unchanged, with the
same value types (an enum member, not its string; a float, not an int; a tuple, not a list; a
frozenset, not a set), and the whole :class:`~her2_interpret.models.Findings` must round-trip through
JSON. A constructed model that validation would have built differently fails here. Nothing here prints
report text: a failure names the case id and the field.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from corpus_cases import load_cases
from her2_interpret.models import Context, Evidence, Findings, Flag, Marker, ReceptorFinding, ReceptorStatus
from her2_interpret.reading import parse
from her2_interpret.reading.build import build

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


def test_build_is_validation_without_the_checks() -> None:
    ev = build(Evidence, field="percent", start=4, end=7, text="95%", pattern="receptor.percent.one", fuzzy_score=None)
    assert ev == Evidence(field="percent", start=4, end=7, text="95%", pattern="receptor.percent.one")
    fields = dict(marker=Marker.ER, status=ReceptorStatus.POSITIVE, percent=95.0, evidence=(ev,), context=Context(),
                  flags=frozenset({Flag.SHORTHAND}), start=0, end=10)
    built, validated = build(ReceptorFinding, **fields), ReceptorFinding(**fields)
    assert built == validated
    assert _type_diff(built, validated, "finding") == []
    assert _fields_in_order(built) == _fields_in_order(validated)
    assert built.model_fields_set == validated.model_fields_set
    assert hash(built) == hash(validated)


def test_build_refuses_unknown_and_missing_fields() -> None:
    with pytest.raises(TypeError, match="unknown"):
        build(ReceptorFinding, marker=Marker.PR, percnet=5.0)
    with pytest.raises(TypeError, match="missing"):
        build(ReceptorFinding, percent=5.0)


def test_a_model_that_is_not_plain_is_validated() -> None:
    built = build(Findings, warnings=("a message [parse.timeout]",))
    assert built == Findings(warnings=("a message [parse.timeout]",))
    assert type(built.warnings[0]).__name__ == "ReportWarning"
