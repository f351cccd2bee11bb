"""The typed record (:class:`her2_interpret.Record`), its JSON Schema, and Interpretation round-trips."""

from __future__ import annotations

import json

import pytest

from corpus_cases import load_cases
from her2_interpret import Interpretation, Record, interpret
from her2_interpret.record import ALL_COLUMNS, ALLOWED_VALUES
from her2_interpret.schema import ENUM_ORDER, SCHEMA_FILE, record_schema, shipped_schema

TEXTS = [case.text for case in load_cases()][::7]  # a spread of the corpus, quick


def test_record_fields_follow_the_columns():
    assert tuple(Record.model_fields) == ALL_COLUMNS
    for column, allowed in ALLOWED_VALUES.items():
        assert set(ENUM_ORDER[column]) == allowed, column


def test_every_corpus_record_validates():
    for text in TEXTS:
        record = interpret(text).to_record()
        assert Record.model_validate(record).model_dump(mode="json") == json.loads(json.dumps(record))


def test_record_rejects_what_record_md_does_not_allow():
    base = interpret("ER positive").to_record()
    for column, bad in (("er_status", "postive"), ("er_percent", 120), ("her2_ish_group", 7), ("nope", 1)):
        with pytest.raises(ValueError):
            Record.model_validate({**base, column: bad})


def test_shipped_schema_is_the_generated_one():
    # regenerate with: python -m her2_interpret schema --generate > src/her2_interpret/record.schema.json
    shipped, generated = shipped_schema(), record_schema()
    assert list(shipped["properties"]) == list(ALL_COLUMNS) == shipped["required"]
    assert shipped["properties"] == generated["properties"]
    assert SCHEMA_FILE.name == "record.schema.json"


def test_schema_validates_records_with_jsonschema():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(shipped_schema())
    for text in TEXTS:
        validator.validate(json.loads(json.dumps(interpret(text).to_record())))
    record = interpret("ER positive").to_record()
    assert not validator.is_valid({**record, "er_status": "postive"})
    assert not validator.is_valid({**record, "er_percent_range": [1, 2, 3]})
    assert not validator.is_valid({k: v for k, v in record.items() if k != "subtype"})


def test_interpretation_round_trips_through_json():
    for text in TEXTS:
        result = interpret(text)
        back = Interpretation.model_validate_json(result.model_dump_json())
        assert back == result
        assert back.to_record() == result.to_record()
        assert back.explanation == result.explanation
        assert hash(back) == hash(result)
    # a dump without the explanation round-trips too
    result = interpret(TEXTS[0])
    assert Interpretation.model_validate_json(result.model_dump_json(exclude={"explanation"})) == result


def test_results_are_hashable():
    a, b, c = interpret("ER positive (95%)"), interpret("ER positive (95%)"), interpret("ER negative (0%)")
    assert len({a, b, c}) == 2
    assert {a: 1}[b] == 1
