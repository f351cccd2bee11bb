"""Which result stands in a whole report (guidelines.md section 7, [report.*]).

:func:`select_standing` takes every finding :func:`her2_interpret.parse` read and returns, per
marker, the one (merged) finding that the record should use, with warnings whenever it had
to choose among conflicting results.

The order, highest first, for findings of one kind:

1. the invasive carcinoma's result over a DCIS-only result [receptor.dcis];
2. a current result over one attributed to a prior/outside biopsy or the clinical history
   [report.history];
3. a later addendum or amendment over what it follows [report.addendum];
4. the body of the report over a comment;
5. a result stated as a repeat over the first test; a later specimen over an earlier one
   [report.specimens].

A finding with values beats one that only says "pending", and both beat one that says "not
performed". Findings of equal rank are merged field by field; a field on which they disagree
becomes null with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from .models import (
    Findings,
    Flag,
    Her2IhcFinding,
    Her2IshFinding,
    Her2Status,
    Her2StatusFinding,
    HrFinding,
    IshResult,
    Ki67Finding,
    Marker,
    ReceptorFinding,
    ReceptorStatus,
    SectionKind,
)

F = TypeVar("F", bound=BaseModel)

# Fields that are bookkeeping, not values, per finding type.
_META = {"context", "flags", "evidence", "start", "end", "kind", "marker", "final"}
# Fields read together: a percent and a range are one "proportion".
_LINKED = {"percent": ("percent", "percent_range"), "percent_range": ("percent", "percent_range")}


@dataclass(frozen=True)
class Standing:
    """The findings that stand for the record, one per marker (None when nothing usable)."""

    er: ReceptorFinding | None = None
    pr: ReceptorFinding | None = None
    her2_ihc: Her2IhcFinding | None = None
    her2_ish: Her2IshFinding | None = None
    her2_stated: Her2StatusFinding | None = None
    ki67: Ki67Finding | None = None
    hr: HrFinding | None = None
    organ: str = "breast"
    warnings: tuple[str, ...] = field(default=())


#: Record columns of a finding field, by finding kind ("{m}" is the receptor's marker).
_FIELD_COLUMNS: dict[str, dict[str, str]] = {
    "receptor": {k: "{m}_" + k for k in ("status", "percent", "percent_range", "intensity", "allred", "h_score")},
    "her2_ihc": {"score": "her2_ihc_score", "staining": "her2_ihc_staining"},
    "her2_ish": {"ratio": "her2_ish_ratio", "copy_number": "her2_ish_copy_number", "cep17": "her2_ish_cep17",
                 "result": "her2_ish_result"},
    "ki67": {"percent": "ki67_percent", "percent_range": "ki67_percent_range"},
    "hr": {"status": "hr_status"},
}


#: Values that decide a receptor status or an ISH result without a word.
_DECIDERS = ("percent", "percent_range", "allred", "allred_ps", "ratio", "copy_number")
_RECEPTOR_VALUES = ("percent", "percent_range", "allred", "allred_ps", "allred_is", "h_score", "intensity")
_IHC_DESCRIPTION = ("completeness", "stain_intensity", "stain_extent", "staining", "status")


def _both_sides(found: Sequence[BaseModel]) -> bool:
    """The findings' status words fall on both sides of the positive/negative cut-off."""
    words = {getattr(f, "status", None) for f in found}
    return ReceptorStatus.NEGATIVE in words and bool(words & {ReceptorStatus.POSITIVE, ReceptorStatus.LOW_POSITIVE})


def _record_columns(f: BaseModel, field: str) -> tuple[str, ...]:
    """The record column a finding field fills (none for words that only support a value)."""
    column = _FIELD_COLUMNS.get(getattr(f, "kind", ""), {}).get(field)
    if column is None:
        return ()
    return (column.format(m=getattr(f, "marker", "")),)


#: The value fields (not :data:`_META`) of each finding class, in field order: found once per class.
_VALUE_FIELDS: dict[type, tuple[str, ...]] = {}
#: The words that say a test is pending, not what it found.
_PENDING = (ReceptorStatus.PENDING, Her2Status.PENDING, IshResult.PENDING)
#: The best tier (:func:`_tier`): a finding with values.
_HAS_VALUES = 2
#: The middle tier: a finding that only says "pending".
_PENDING_ONLY = 1


def _value_fields(cls: type) -> tuple[str, ...]:
    """The value fields of a finding class (its model fields less the bookkeeping ones)."""
    names = _VALUE_FIELDS.get(cls)
    if names is None:
        names = _VALUE_FIELDS[cls] = tuple(k for k in cls.model_fields if k not in _META)  # type: ignore[attr-defined]
    return names


def _values(f: BaseModel) -> dict[str, Any]:
    """The fields of ``f`` that carry a value (not None, not False), in field order."""
    fields = f.__dict__
    return {k: v for k in _value_fields(type(f)) if (v := fields[k]) is not None and v is not False}


def _pending_only(vals: dict[str, Any]) -> bool:
    """The values ``vals`` (of :func:`_values`) say "pending" and nothing else."""
    if not vals:
        return False
    # "dual-probe ISH has been requested": still only pending
    return any(k != "probe" for k in vals) and all(
        v in _PENDING or k == "pending" for k, v in vals.items() if k != "probe"
    )


def _is_pending_only(f: BaseModel) -> bool:
    """The finding says "pending" and nothing else."""
    return _pending_only(_values(f))


def _rank(f: BaseModel) -> tuple[int, ...]:
    ctx = f.context  # type: ignore[attr-defined]
    flags = f.flags  # type: ignore[attr-defined]
    return (
        0 if Flag.DCIS in flags else 1,
        0 if Flag.HISTORICAL in flags else 1,
        ctx.section_index,
        0 if ctx.section == SectionKind.COMMENT else 1,
        1 if ctx.repeat else 0,
    )


def _tier(f: BaseModel) -> int:
    """2 = has values, 1 = pending only, 0 = nothing (not performed)."""
    vals = _values(f)
    if not vals:
        return 0
    return _PENDING_ONLY if _pending_only(vals) else _HAS_VALUES


def _choose(found: Sequence[F], label: str, warnings: list[str]) -> F | None:
    """The standing finding among ``found`` (all of one kind and marker), merged."""
    if not found:
        return None
    tiers = [_tier(f) for f in found]
    best_tier = max(tiers)
    pool = [f for f, tier in zip(found, tiers) if tier == best_tier]
    if best_tier == _HAS_VALUES:
        # a pending at a higher rank than every value (e.g. the invasive test pending beside a
        # DCIS result) stands over the values
        pend = [f for f, tier in zip(found, tiers) if tier == _PENDING_ONLY]
        if pend and max(_rank(f)[:2] for f in pend) > max(_rank(f) for f in pool)[:2]:
            pool = pend
    ranks = [_rank(f) for f in pool]
    top = max(ranks)
    chosen = [f for f, rank in zip(pool, ranks) if rank == top]
    lower = [f for f, rank in zip(pool, ranks) if rank != top]
    if lower and _differ(chosen, lower):
        reason = _why(top, max(rank for rank in ranks if rank != top))
        warnings.append(f"{label}: several results in the report; the {reason} one stands [report.*]")
    if len(chosen) == 1:
        return _fill_from_restated(chosen[0], lower)
    chosen = _among_specimens(chosen, label, warnings)
    if not chosen:
        return None
    if len(chosen) == 1:
        return chosen[0]
    return _merge(chosen, label, warnings)


def _fill_from_restated(chosen: F, lower: Sequence[F]) -> F:
    """A later restatement ("MDT outcome: ER+") that agrees with an earlier full result of the same
    tumour (invasive, current) keeps the earlier values it does not repeat (the Allred score)
    [report.addendum]. Never from a DCIS or prior result, never across a disagreement."""
    same = [f for f in lower if _rank(f)[:2] == _rank(chosen)[:2] and not _conflict([chosen, f])
            and f.context.specimen == chosen.context.specimen]  # type: ignore[attr-defined]
    if len(same) != 1:
        return chosen
    have = set(_values(chosen))
    if have & {"percent", "percent_range"}:
        have |= {"percent", "percent_range"}  # one number or one range, never both
    fill = {k: v for k, v in _values(same[0]).items() if k not in have and k not in _FILL_NEVER}
    if not fill:
        return chosen
    evidence = chosen.evidence + tuple(e for e in same[0].evidence if e.field in fill)  # type: ignore[attr-defined]
    return chosen.model_copy(update={**fill, "evidence": evidence})


#: Fields never filled from an earlier result (they describe that finding, not the marker).
_FILL_NEVER = frozenset({"qualifier", "final"})


def _positivity(f: BaseModel) -> int:
    """How positive a finding reads, for the registry rule "positive over negative"."""
    order = {"positive": 3, "low_positive": 2, "3+": 3, "2+": 2, "1+": 1, "amplified": 3,
             "equivocal": 1, "0": 0, "negative": 0, "not_amplified": 0}
    best = 0
    for k in ("status", "score", "result"):
        v = getattr(f, k, None)
        if v is not None:
            best = max(best, order.get(str(v), 0))
    return best


def _among_specimens(found: Sequence[F], label: str, warnings: list[str]) -> list[F]:
    """Results of equal standing from several specimens [report.specimens]."""
    ctxs = [f.context for f in found]  # type: ignore[attr-defined]
    specimens = {(c.specimen_index, c.specimen, c.tumour) for c in ctxs}
    dates = {c.date for c in ctxs}
    if len(specimens) <= 1:
        if len(dates) > 1 and None not in dates:  # "2015: ER+ ... 2023 recurrence: ER+ 80%"
            latest = max(dates)  # type: ignore[type-var]
            warnings.append(f"{label}: results of several dates; the latest stands [report.specimens]")
            return [f for f in found if f.context.date == latest]  # type: ignore[attr-defined]
        return list(found)
    if not _conflict(found):  # the specimens agree where both speak: one result, read together
        return list(found)
    sides = {c.side for c in ctxs} - {None}
    tumours = {c.tumour for c in ctxs} - {None}
    if len(sides) > 1 or len(tumours) > 1:  # distinct tumours
        labelled = [f for f in found if f.context.tumour is not None]  # type: ignore[attr-defined]
        if len(tumours) > 1 and len(labelled) < len(found):
            # a summary that names no tumour ("the larger ... is ER negative; the smaller ... positive")
            # does not stand beside the results given per tumour
            found, ctxs = labelled, [f.context for f in labelled]  # type: ignore[attr-defined]
        sizes = {c.size_mm for c in ctxs}
        if None not in sizes:
            largest = max(sizes)  # type: ignore[type-var]
            warnings.append(
                f"{label}: several distinct tumours; the largest ({largest:g} mm) is recorded [report.specimens]"
            )
            return [f for f in found if f.context.size_mm == largest]  # type: ignore[attr-defined]
        warnings.append(
            f"{label}: several distinct tumours with different results and no sizes; left null [report.specimens]"
        )
        return []
    if len(dates) > 1 and None not in dates:
        latest = max(dates)  # type: ignore[type-var]
        warnings.append(f"{label}: several specimens; the most recent stands [report.specimens]")
        return [f for f in found if f.context.date == latest]  # type: ignore[attr-defined]
    if len(dates) == 1 and None not in dates:
        best = max(_positivity(f) for f in found)
        warnings.append(f"{label}: several specimens of the same date; the positive one stands [report.specimens]")
        return [f for f in found if _positivity(f) == best]
    last = max(c.specimen_index for c in ctxs)
    warnings.append(f"{label}: several specimens; the later one stands [report.specimens]")
    return [f for f in found if f.context.specimen_index == last]  # type: ignore[attr-defined]


def _key(f: BaseModel) -> frozenset[tuple[str, Any]]:
    return frozenset(_values(f).items())


def _conflict(found: Sequence[BaseModel]) -> bool:
    """Two of the findings give different values for one field (a field one lacks is no conflict)."""
    seen: dict[str, Any] = {}
    for f in found:
        for k, v in _values(f).items():  # (values are never None here)
            if k in seen and seen[k] != v:
                return True
            seen[k] = v
    return False


def _differ(a: Sequence[BaseModel], b: Sequence[BaseModel]) -> bool:
    va = {_key(f) for f in a}
    return any(_key(f) not in va for f in b)


def _why(top: tuple[int, ...], other: tuple[int, ...]) -> str:
    names = ("invasive (not DCIS)", "current (not prior/outside)", "later (addendum/amendment)",
             "report body (not comment)", "repeat")
    for i, (x, y) in enumerate(zip(top, other)):
        if x != y:
            return names[i]
    return "chosen"


def _merge(found: Sequence[F], label: str, warnings: list[str]) -> F:
    """Merge findings of equal rank field by field; disagreeing fields become None."""
    first = found[0]
    merged: dict[str, Any] = {}
    conflicts: set[str] = set()
    for f in found:
        for k, v in _values(f).items():
            if k in conflicts:
                continue
            if k not in merged:
                merged[k] = v
            elif merged[k] != v:
                conflicts.update(_LINKED.get(k, (k,)))
        # a percent in one and a range in another are also a conflict
        if "percent" in merged and "percent_range" in merged:
            conflicts.update(("percent", "percent_range"))
    # a finding that says "pending" does not conflict with one that has the value
    for k in [k for k in conflicts if k in ("status", "result")]:
        vals = {getattr(f, k, None) for f in found} - {None}
        non_pending = vals - {ReceptorStatus.PENDING, Her2Status.PENDING, IshResult.PENDING}
        if len(non_pending) == 1:
            merged[k] = non_pending.pop()
            conflicts.discard(k)
    # agreement before a status: words on both sides of the cut-off leave no number to trust either;
    # two IHC scores leave no description to derive one from
    kind = getattr(first, "kind", "")
    if kind == "receptor" and "status" in conflicts and _both_sides(found):
        conflicts.update(k for k in _RECEPTOR_VALUES if k in merged)
    if kind == "her2_ihc" and "score" in conflicts:
        conflicts.update(k for k in _IHC_DESCRIPTION if k in merged)
    for k in conflicts:
        merged.pop(k, None)
    if conflicts:
        decided = {k for k in ("status", "result") if k in conflicts and any(v in merged for v in _DECIDERS)}
        columns = sorted({c for k in conflicts - decided for c in _record_columns(first, k)})
        parts = [f"{', '.join(columns)}; left null"] if columns else []
        if decided:
            parts.append("the stated words; the numbers decide")
        warnings.append(f"{label}: results of equal standing disagree on {' and on '.join(parts) or 'the stated words'}"
                        " [report.specimens]")
    flags = frozenset().union(*(f.flags for f in found))  # type: ignore[attr-defined]
    evidence = tuple(e for f in found for e in f.evidence)  # type: ignore[attr-defined]
    update: dict[str, Any] = {k: None for k in _values(first)}
    update.update(merged)
    if isinstance(first, Her2StatusFinding):
        update["final"] = any(getattr(f, "final", False) for f in found)
    update.update(flags=flags, evidence=evidence)
    return first.model_copy(update=update)


def _invasive_only(found: F | None, findings: Findings, label: str, warnings: list[str]) -> F | None:
    """[receptor.dcis]: when an invasive carcinoma is reported and only a DCIS result is given,
    the record is null (the DCIS result stays in the models)."""
    if found is not None and findings.invasive and Flag.DCIS in found.flags:  # type: ignore[attr-defined]
        warnings.append(
            f"{label}: only a DCIS result is given beside an invasive carcinoma; not recorded [receptor.dcis]"
        )
        return None
    return found


def _by_kind(findings: Findings) -> dict[str, list[Any]]:
    """Every finding grouped by kind, in text order (one pass instead of one per kind)."""
    kinds: dict[str, list[Any]] = {}
    for f in findings.findings:
        kinds.setdefault(f.kind, []).append(f)
    return kinds


def _choose_each(findings: Findings, warnings: list[str]) -> tuple[Any, ...]:
    """The standing finding of each marker and test on its own (ER, PR, HER2 IHC, HER2 ISH, HER2
    stated, Ki-67, HR; None when nothing usable), before the HER2 ones are weighed together; the
    warnings of each choice are added to ``warnings``."""
    kinds = _by_kind(findings)
    receptors = kinds.get("receptor", [])
    er_found = [f for f in receptors if f.marker == Marker.ER]
    pr_found = [f for f in receptors if f.marker == Marker.PR]
    er = _invasive_only(_choose(er_found, "ER", warnings), findings, "ER", warnings)
    pr = _invasive_only(_choose(pr_found, "PR", warnings), findings, "PR", warnings)
    ihc = _choose(kinds.get("her2_ihc", []), "HER2 IHC", warnings)
    ish = _choose(kinds.get("her2_ish", []), "HER2 ISH", warnings)
    stated_all = kinds.get("her2_status", [])
    finals = [f for f in stated_all if f.final]
    stated = _choose(finals or stated_all, "HER2 status", warnings)
    ki67 = _choose(kinds.get("ki67", []), "Ki-67", warnings)
    hr = _choose(kinds.get("hr", []), "HR", warnings)
    return er, pr, ihc, ish, stated, ki67, hr


def select_standing(findings: Findings) -> Standing:
    """Pick the standing finding per marker from everything :func:`parse` read."""
    warnings: list[str] = list(findings.warnings)
    er, pr, ihc, ish, stated, ki67, hr = _choose_each(findings, warnings)
    # tests of two distinct tumours are never combined: the ISH of the other tumour does not stand
    if ihc is not None and ish is not None:
        a, b = ihc.context, ish.context
        if (a.tumour or a.side) and (b.tumour or b.side) and (a.tumour, a.side) != (b.tumour, b.side):
            warnings.append("HER2: the ISH belongs to another tumour than the IHC that stands; not combined "
                            "[report.specimens]")
            ish = None
    # a test stated as pending in an older result does not stand beside a newer result of the other test
    if ihc is not None and ish is not None:
        for older, newer in ((ish, ihc), (ihc, ish)):
            if _tier(older) == _PENDING_ONLY and _tier(newer) == _HAS_VALUES and older.context.date is not None \
                    and newer.context.date is not None and older.context.date < newer.context.date:
                warnings.append("HER2: a test pending in an older result is superseded by a newer result [report.addendum]")
                if older is ish:
                    ish = None
                else:
                    ihc = None
                break
    # a stated status older than the standing test results does not speak for them
    tests_now = [f for f in (ihc, ish) if f is not None and _tier(f) == _HAS_VALUES]
    if stated is not None and stated.context.date and tests_now:
        if any((f.context.date or 0) > stated.context.date for f in tests_now):
            stated = None
    # a test result that stands at a higher rank than a stated "pending" supersedes it
    if stated is not None and stated.status == Her2Status.PENDING:
        tests = [f for f in (ihc, ish) if f is not None and _tier(f) == _HAS_VALUES]
        if tests and max(_rank(f) for f in tests) >= _rank(stated):
            stated = None
    # An ISH-only report whose interpretation line states the status ("INTERPRETATION: HER2
    # NEGATIVE (ISH Group 2)") states the ISH result with it [her2.ish.stated].
    if (
        ish is not None
        and ish.result is None
        and (ish.ratio is not None or ish.copy_number is not None or ish.group_stated is not None)
        and (ihc is None or ihc.score is None)
        and stated is not None
        and stated.final
        and stated.status in (Her2Status.POSITIVE, Her2Status.NEGATIVE)
    ):
        result = IshResult.AMPLIFIED if stated.status == Her2Status.POSITIVE else IshResult.NOT_AMPLIFIED
        ish = ish.model_copy(update={"result": result, "evidence": ish.evidence + stated.evidence})
    return Standing(
        er=er,
        pr=pr,
        her2_ihc=ihc,
        her2_ish=ish,
        her2_stated=stated,
        ki67=ki67,
        hr=hr,
        organ=findings.organ,
        warnings=tuple(warnings),
    )
