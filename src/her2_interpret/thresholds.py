"""Guideline thresholds: named constants grouped by guideline version, each with its citation.

Rule code never holds a bare number; it reads these names. One frozen dataclass per guideline
family, one instance per version, keyed by the version id that the classification records
(guidelines.md, principle P4). :data:`DEFAULT_VERSIONS` names the version used when the caller
does not choose one.

Sources (full list in ``shared/spec/research/rules_research.md``, section 10):

- ``asco-cap-her2-2018``: Wolff AC et al., HER2 testing in breast cancer, ASCO/CAP focused update,
  J Clin Oncol 2018;36:2105 / Arch Pathol Lab Med 2018;142:1364 (Figures 1-6); affirmed unchanged by
  the ASCO-CAP update of 2023 (J Clin Oncol 2023;41:3867). guidelines.md sections 1-3.
- ``asco-cap-er-pr-2020``: Allison KH et al., ER and PgR testing in breast cancer, ASCO/CAP update,
  J Clin Oncol 2020;38:1346 / Arch Pathol Lab Med 2020;144:545; Allred score as in the CAP breast
  biomarker template. guidelines.md section 4.
- ``st-gallen-2013``: Goldhirsch A et al., Ann Oncol 2013;24:2206. guidelines.md section 6.
- ``st-gallen-2011``: Goldhirsch A et al., Ann Oncol 2011;22:1736 (Ki-67 14%, PR not used).
- ``ikwg-2021``: Nielsen TO et al., International Ki67 in Breast Cancer Working Group,
  J Natl Cancer Inst 2021;113:808. guidelines.md section 6 [ki67].
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Her2Thresholds:
    """HER2 IHC and ISH cut-offs (guidelines.md sections 1-2). Bounds are never rounded."""

    version: str
    citation: str
    #: [her2.ihc.*] share of invasive cells; strict: ">10%" against "<=10%".
    ihc_extent_percent: float
    #: [her2.ish.group1-5] HER2/CEP17 ratio, ">=" on the higher side.
    ish_ratio: float
    #: [her2.ish.group1-5] average HER2 copies per cell, ">=" on the higher side.
    ish_copy_low: float
    #: [her2.ish.group3] / [her2.ish.single] average HER2 copies per cell, ">=".
    ish_copy_high: float
    #: [her2.ish.numbers] minimum number of invasive tumour cells counted.
    ish_min_cells: int

    def as_dict(self) -> dict[str, float]:
        """The numeric thresholds, for a decision's audit trail."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("version", "citation")}


@dataclass(frozen=True)
class ReceptorThresholds:
    """ER/PR cut-offs and the Allred score (guidelines.md section 4)."""

    version: str
    citation: str
    #: [er.status] positive if >=1% of tumour nuclei stain; negative if <1%.
    positive_min_percent: float
    #: [er.status] low positive is 1-10%, upper bound inclusive (default of option ``er_low_upper``).
    low_upper_percent: float
    #: [receptor.allred] proportion score -> the percent range it stands for, as ``(low, high)``.
    #: PS 1 (<1%) is written ``(0, 1)``, read like the range "<1%" of record.md.
    allred_ps_percent: Mapping[int, tuple[float, float]]
    #: [receptor.allred] total 0-2 is negative (PS <= 1).
    allred_total_negative_max: int
    #: [receptor.allred] total 6-8 is positive (PS >= 3); 3-5 are ambiguous.
    allred_total_positive_min: int

    def as_dict(self, low_upper: float | None = None) -> dict[str, float]:
        """The percent thresholds, with ``low_upper`` as set by the options."""
        return {
            "positive_min_percent": self.positive_min_percent,
            "low_upper_percent": self.low_upper_percent if low_upper is None else low_upper,
        }


@dataclass(frozen=True)
class SubtypeThresholds:
    """St Gallen surrogate-subtype cut-offs (guidelines.md section 6)."""

    version: str
    citation: str
    #: [ki67] Ki-67 high if >= this percent (default of option ``ki67_high_cutoff``).
    ki67_high_percent: float
    #: [subtype] PR "high" if >= this percent; ``None`` where the version does not use PR.
    pr_high_percent: float | None


@dataclass(frozen=True)
class Ki67BandThresholds:
    """International Ki67 Working Group bands, reported apart from the St Gallen level [ki67]."""

    version: str
    citation: str
    #: <= this percent is low.
    low_max_percent: float
    #: >= this percent is high; between the two is not reliably classifiable.
    high_min_percent: float


_ASCO_CAP_HER2_2018 = Her2Thresholds(
    version="asco-cap-her2-2018",
    citation=(
        "ASCO/CAP HER2 focused update 2018 (Wolff et al., JCO 2018;36:2105), Figures 1-6, affirmed by the "
        "2023 update (JCO 2023;41:3867); guidelines.md sections 1-3"
    ),
    ihc_extent_percent=10.0,
    ish_ratio=2.0,
    ish_copy_low=4.0,
    ish_copy_high=6.0,
    ish_min_cells=20,
)

_ASCO_CAP_ER_PR_2020 = ReceptorThresholds(
    version="asco-cap-er-pr-2020",
    citation=(
        "ASCO/CAP ER/PgR guideline update 2020 (Allison et al., JCO 2020;38:1346); Allred score as in "
        "the CAP breast biomarker template; guidelines.md section 4"
    ),
    positive_min_percent=1.0,
    low_upper_percent=10.0,
    allred_ps_percent=MappingProxyType(
        {
            0: (0.0, 0.0),  # none
            1: (0.0, 1.0),  # <1%
            2: (1.0, 10.0),  # 1-10%
            3: (11.0, 33.0),  # 11-33%
            4: (34.0, 66.0),  # 34-66%
            5: (67.0, 100.0),  # >=67%
        }
    ),
    allred_total_negative_max=2,
    allred_total_positive_min=6,
)

_ST_GALLEN_2013 = SubtypeThresholds(
    version="st-gallen-2013",
    citation="St Gallen consensus 2013 (Goldhirsch et al., Ann Oncol 2013;24:2206); guidelines.md section 6",
    ki67_high_percent=20.0,
    pr_high_percent=20.0,
)

_ST_GALLEN_2011 = SubtypeThresholds(
    version="st-gallen-2011",
    citation=(
        "St Gallen consensus 2011 (Goldhirsch et al., Ann Oncol 2011;22:1736): Ki-67 high >=14%, PR not "
        "used; research notes section 4"
    ),
    ki67_high_percent=14.0,
    pr_high_percent=None,
)

_IKWG_2021 = Ki67BandThresholds(
    version="ikwg-2021",
    citation="International Ki67 Working Group 2021 (Nielsen et al., JNCI 2021;113:808); guidelines.md [ki67]",
    low_max_percent=5.0,
    high_min_percent=30.0,
)

#: HER2 guideline versions by id.
HER2_GUIDELINES: Mapping[str, Her2Thresholds] = MappingProxyType({_ASCO_CAP_HER2_2018.version: _ASCO_CAP_HER2_2018})
#: ER/PR guideline versions by id.
RECEPTOR_GUIDELINES: Mapping[str, ReceptorThresholds] = MappingProxyType(
    {_ASCO_CAP_ER_PR_2020.version: _ASCO_CAP_ER_PR_2020}
)
#: Surrogate-subtype guideline versions by id.
SUBTYPE_GUIDELINES: Mapping[str, SubtypeThresholds] = MappingProxyType(
    {_ST_GALLEN_2013.version: _ST_GALLEN_2013, _ST_GALLEN_2011.version: _ST_GALLEN_2011}
)
#: Ki-67 band versions by id.
KI67_BAND_GUIDELINES: Mapping[str, Ki67BandThresholds] = MappingProxyType({_IKWG_2021.version: _IKWG_2021})

#: The version used per family when the caller does not choose one.
DEFAULT_VERSIONS: Mapping[str, str] = MappingProxyType(
    {
        "her2": _ASCO_CAP_HER2_2018.version,
        "receptor": _ASCO_CAP_ER_PR_2020.version,
        "subtype": _ST_GALLEN_2013.version,
        "ki67_bands": _IKWG_2021.version,
    }
)

__all__ = [
    "DEFAULT_VERSIONS",
    "HER2_GUIDELINES",
    "KI67_BAND_GUIDELINES",
    "RECEPTOR_GUIDELINES",
    "SUBTYPE_GUIDELINES",
    "Her2Thresholds",
    "Ki67BandThresholds",
    "ReceptorThresholds",
    "SubtypeThresholds",
]
