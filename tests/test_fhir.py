"""FHIR R4 adapter (:mod:`her2_interpret.adapters.fhir`), validated with ``fhir.resources``."""

from __future__ import annotations

import json

import pytest

from corpus_cases import load_cases
from her2_interpret import interpret
from her2_interpret.adapters.fhir import PROFILE, to_fhir

fhir_bundle = pytest.importorskip("fhir.resources.R4B.bundle")
SAMPLE = "Patient: Zyxwvut.\nER: Positive (95%, strong)\nPR: Negative (<1%)\nHER2 (4B5): 2+\nFISH ratio 2.4, HER2 copies 5.2\nKi-67: 30%"


def codes(bundle):
    return {e["resource"]["code"]["coding"][0]["code"]: e["resource"] for e in bundle["entry"]}


def test_bundle_of_tumor_marker_tests_validates():
    bundle = to_fhir(interpret(SAMPLE), patient="Patient/p1", specimen="Specimen/s1", effective="2024-05-01")
    fhir_bundle.Bundle.model_validate(bundle)
    found = codes(bundle)
    assert set(found) == {"85337-4", "85329-1", "85310-1", "85339-0", "85325-9", "85319-2", "85318-4",
                          "48676-1", "49683-6", "74860-8", "85330-9"}
    for resource in found.values():
        assert resource["meta"]["profile"] == [PROFILE]
        assert resource["status"] == "final" and resource["subject"] == {"reference": "Patient/p1"}
        assert resource["specimen"] == {"reference": "Specimen/s1"}
        assert resource["category"][0]["coding"][0]["code"] == "laboratory"
        assert "note" not in resource
    assert found["85337-4"]["valueCodeableConcept"]["coding"][0]["code"] == "LA6576-8"
    assert found["85339-0"]["valueCodeableConcept"]["coding"][0]["code"] == "LA6577-6"
    assert found["48676-1"]["valueCodeableConcept"]["coding"][0]["code"] == "LA6576-8"
    assert found["85329-1"]["valueQuantity"] == {"value": 95.0, "unit": "%", "system": "http://unitsofmeasure.org",
                                                 "code": "%"}
    assert found["85325-9"]["valueRange"]["high"]["value"] == 1.0
    assert found["49683-6"]["valueQuantity"]["value"] == 2.4
    assert "Zyxwvut" not in json.dumps(bundle) and "Positive (95%" not in json.dumps(bundle)


def test_evidence_only_when_asked():
    bundle = to_fhir(interpret(SAMPLE), patient="Patient/p1", include_evidence=True, validate=True)
    note = codes(bundle)["85337-4"]["note"][0]["text"]
    assert "characters" in note and "Positive" in note


def test_pending_equivocal_and_empty():
    bundle = to_fhir(interpret("ER: pending. HER2 IHC 2+, ISH to follow."), patient={"reference": "Patient/9"},
                     validate=True)
    found = codes(bundle)
    assert found["85337-4"]["status"] == "registered" and "valueCodeableConcept" not in found["85337-4"]
    assert found["85319-2"]["valueCodeableConcept"] == {"text": "2+"}
    assert to_fhir(interpret(""), validate=True)["entry"] == []
    with pytest.raises(TypeError):
        to_fhir("ER positive")


def test_corpus_bundles_validate():
    for case in load_cases()[::10]:
        fhir_bundle.Bundle.model_validate(to_fhir(interpret(case.text), patient="Patient/x", include_evidence=True))


def test_missing_fhir_resources_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "fhir.resources.R4B.bundle", None)
    with pytest.raises(ImportError, match=r"her2_interpret\[fhir\]"):
        to_fhir(interpret(SAMPLE), validate=True)
