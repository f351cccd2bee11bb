"""FHIR R4 adapter: an interpretation as a Bundle of mCODE TumorMarkerTest Observations.

:func:`to_fhir` returns the Bundle as plain JSON data (``dict``): no FHIR library is needed to
build it. ``validate=True`` checks it with the ``fhir.resources`` package (its R4B models, which
for Bundle and Observation are the R4 structures; ``pip install 'her2_interpret[fhir]'``).

One Observation per result the record holds (guidelines.md section 9), each conforming to mCODE
STU4 TumorMarkerTest (:data:`PROFILE`): status ``final`` (``registered`` with no value while a test
is pending), category ``laboratory``, a LOINC code, the patient as ``subject`` and the specimen when
given, and the value as a CodeableConcept (statuses, scores, intensities), a Quantity in UCUM
(``%``, ratios, copies per nucleus) or a Range (a stated percent range). Not coded here: Allred
totals, H-scores, the ISH group, HR status and the surrogate subtype (section 9 names no LOINC
code for them; they stay in the record).

The report text appears only when ``include_evidence=True``: each Observation then carries a
``note`` quoting the evidence spans its value was read from, with their character positions.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..result import Interpretation

#: mCODE TumorMarkerTest profile (guidelines.md section 9).
PROFILE = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tumor-marker-test"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

#: LOINC answers of guidelines.md section 9.
POSITIVE = {"system": LOINC, "code": "LA6576-8", "display": "Positive"}
NEGATIVE = {"system": LOINC, "code": "LA6577-6", "display": "Negative"}

#: Record column -> (LOINC code, text, value kind). Codes from guidelines.md section 9; the text is
#: ours (a short name, not the LOINC display: check displays against the LOINC release you ship).
OBSERVATIONS: dict[str, tuple[str, str, str]] = {
    "er_status": ("85337-4", "Estrogen receptor status (IHC)", "status"),
    "er_percent": ("85329-1", "Estrogen receptor % tumour nuclei staining", "percent"),
    "er_intensity": ("85310-1", "Estrogen receptor staining intensity", "text"),
    "pr_status": ("85339-0", "Progesterone receptor status (IHC)", "status"),
    "pr_percent": ("85325-9", "Progesterone receptor % tumour nuclei staining", "percent"),
    "pr_intensity": ("85331-7", "Progesterone receptor staining intensity", "text"),
    "her2_ihc_score": ("85319-2", "HER2 IHC score", "text"),
    "her2_ish_result": ("85318-4", "HER2 ISH result", "text"),
    "her2_status": ("48676-1", "HER2 interpretation", "status"),
    "her2_ish_ratio": ("49683-6", "HER2/CEP17 ratio", "ratio"),
    "her2_ish_copy_number": ("74860-8", "HER2 copies per nucleus", "copies"),
    "her2_ish_cep17": ("74861-6", "CEP17 copies per nucleus", "copies"),
    "ki67_percent": ("85330-9", "Ki-67 % tumour nuclei staining", "percent"),
}

#: Units in UCUM: ``%``; a ratio and a count per nucleus are dimensionless (``1``) with an annotation.
UNITS: dict[str, dict[str, str]] = {
    "percent": {"unit": "%", "system": UCUM, "code": "%"},
    "ratio": {"unit": "ratio", "system": UCUM, "code": "{ratio}"},
    "copies": {"unit": "copies per nucleus", "system": UCUM, "code": "{copies}/{nucleus}"},
}

_TEXTS = {
    "positive": "Positive", "negative": "Negative", "low_positive": "Low positive (1-10%)",
    "equivocal": "Equivocal", "amplified": "Amplified", "not_amplified": "Not amplified",
    "weak": "Weak", "moderate": "Moderate", "strong": "Strong", "weak_to_moderate": "Weak to moderate",
    "moderate_to_strong": "Moderate to strong", "weak_to_strong": "Weak to strong",
}

#: Where a column's evidence is recorded: the decision targets tried in order.
_EVIDENCE_TARGETS: dict[str, tuple[str, ...]] = {
    "er_percent": ("er_status",), "er_intensity": ("er_status",),
    "pr_percent": ("pr_status",), "pr_intensity": ("pr_status",),
    "her2_ish_ratio": ("her2_ish_group", "her2_ish_result", "her2_status"),
    "her2_ish_copy_number": ("her2_ish_group", "her2_ish_result", "her2_status"),
    "her2_ish_cep17": ("her2_ish_group", "her2_ish_result", "her2_status"),
    "ki67_percent": ("ki67_level", "ki67_ikwg_band"),
}


def _reference(value: str | dict[str, Any] | None, kind: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return dict(value)
    if not isinstance(value, str) or not value:
        raise TypeError(f"{kind} is a reference string such as '{kind.title()}/123' or a Reference dict")
    return {"reference": value}


def _concept(value: str, status: bool) -> dict[str, Any]:
    text = _TEXTS.get(value, value)
    if status and value in ("positive", "low_positive"):
        return {"coding": [POSITIVE], "text": text}
    if status and value == "negative":
        return {"coding": [NEGATIVE], "text": text}
    return {"text": text}  # equivocal, scores, intensities: no LOINC answer named in section 9


def _quantity(value: float, kind: str) -> dict[str, Any]:
    return {"value": value, **UNITS[kind]}


def _evidence_note(interpretation: Interpretation, column: str) -> list[dict[str, str]]:
    decisions = interpretation.classification
    for target in (column, *_EVIDENCE_TARGETS.get(column, ())):
        decision = decisions.decision_for(target)
        if decision is not None and decision.evidence:
            quotes = "; ".join(f"characters {e.start}-{e.end}: {e.text!r}" for e in decision.evidence)
            return [{"text": f"Evidence (rule {decision.rule}): {quotes}"}]
    return []


def _observation(
    column: str, record: dict[str, Any], subject: dict[str, Any] | None, specimen: dict[str, Any] | None,
    effective: str | None,
) -> dict[str, Any] | None:
    code, text, kind = OBSERVATIONS[column]
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": str(uuid.uuid4()),
        "meta": {"profile": [PROFILE]},
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": code}], "text": text},
    }
    if subject:
        observation["subject"] = subject
    if effective:
        observation["effectiveDateTime"] = effective
    if specimen:
        observation["specimen"] = specimen
    value = record[column]
    if kind == "percent":
        span = record[column + "_range"]
        if value is not None:
            observation["valueQuantity"] = _quantity(value, kind)
        elif span is not None:
            observation["valueRange"] = {"low": _quantity(span[0], kind), "high": _quantity(span[1], kind)}
        else:
            return None
    elif value is None:
        return None
    elif value == "pending":
        observation["status"] = "registered"  # ordered, no result yet: no value
    elif kind in ("ratio", "copies"):
        observation["valueQuantity"] = _quantity(value, kind)
    else:
        observation["valueCodeableConcept"] = _concept(value, status=kind == "status")
    return observation


def to_fhir(
    interpretation: Interpretation,
    patient: str | dict[str, Any] | None = None,
    specimen: str | dict[str, Any] | None = None,
    *,
    effective: str | None = None,
    include_evidence: bool = False,
    bundle_type: str = "collection",
    validate: bool = False,
) -> dict[str, Any]:
    """A FHIR R4 Bundle (JSON data) of one mCODE TumorMarkerTest Observation per result.

    ``patient`` and ``specimen`` are references ("Patient/123", "urn:uuid:...", or a Reference
    dict); mCODE requires the patient (the Bundle is valid FHIR without it, not valid mCODE).
    ``effective`` is the FHIR dateTime of the test. ``include_evidence`` adds a note quoting the
    report text each value was read from (off by default: the text may identify the patient).
    ``validate`` checks the Bundle with ``fhir.resources`` and raises its ValidationError.

    >>> from her2_interpret import interpret
    >>> bundle = to_fhir(interpret("ER: Positive (95%)\\nHER2 (4B5): 3+"), patient="Patient/1")
    >>> [e["resource"]["code"]["coding"][0]["code"] for e in bundle["entry"]]
    ['85337-4', '85329-1', '85319-2', '48676-1']
    """
    if not isinstance(interpretation, Interpretation):
        raise TypeError(f"to_fhir() takes an Interpretation, not {type(interpretation).__name__}")
    record = interpretation.to_record()
    subject, sample = _reference(patient, "patient"), _reference(specimen, "specimen")
    entries = []
    for column in OBSERVATIONS:
        observation = _observation(column, record, subject, sample, effective)
        if observation is None:
            continue
        if include_evidence:
            note = _evidence_note(interpretation, column)
            if note:
                observation["note"] = note
        entries.append({"fullUrl": f"urn:uuid:{observation['id']}", "resource": observation})
    bundle = {"resourceType": "Bundle", "id": str(uuid.uuid4()), "type": bundle_type, "entry": entries}
    if validate:
        validate_bundle(bundle)
    return bundle


def validate_bundle(bundle: dict[str, Any]) -> Any:
    """Validate a Bundle with ``fhir.resources`` (R4B models); returns the model or raises."""
    try:
        from fhir.resources.R4B.bundle import Bundle
    except ImportError as exc:
        raise ImportError(
            "validating FHIR needs fhir.resources, an optional dependency of her2_interpret: "
            "install the 'fhir' extra with  pip install 'her2_interpret[fhir]'"
        ) from exc
    return Bundle.model_validate(bundle)
