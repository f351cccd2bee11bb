"""Classification options: the switches guidelines.md names, and the guideline version selectors.

:func:`check_options` validates a mapping of keyword options and raises :class:`ValueError` that
names the bad option; :func:`make_options` turns valid keywords into a frozen :class:`Options`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from ..thresholds import (
    DEFAULT_VERSIONS,
    HER2_GUIDELINES,
    KI67_BAND_GUIDELINES,
    RECEPTOR_GUIDELINES,
    SUBTYPE_GUIDELINES,
    Her2Thresholds,
    Ki67BandThresholds,
    ReceptorThresholds,
    SubtypeThresholds,
)

_PERCENT_MIN, _PERCENT_MAX = 0.0, 100.0


@dataclass(frozen=True)
class Options:
    """The options of one classification (defaults: the guidelines.md defaults)."""

    #: [ki67] Ki-67 high if >= this percent; when not given, the subtype guideline's value.
    ki67_high_cutoff: float = SUBTYPE_GUIDELINES[DEFAULT_VERSIONS["subtype"]].ki67_high_percent
    #: [er.status] upper bound (inclusive) of low positive, for ER and PR; some sources use 9.
    er_low_upper: float = RECEPTOR_GUIDELINES[DEFAULT_VERSIONS["receptor"]].low_upper_percent
    #: [subtype.erlow] ER-low + PR negative/low + HER2 negative is reported as triple-negative.
    er_low_groups_with_tnbc: bool = False
    #: [subtype] triple-positive needs both ER and PR positive (not HR positive alone).
    triple_positive_requires_pr: bool = False
    #: guideline version ids (guidelines.md principle P4)
    her2_guideline: str = DEFAULT_VERSIONS["her2"]
    receptor_guideline: str = DEFAULT_VERSIONS["receptor"]
    subtype_guideline: str = DEFAULT_VERSIONS["subtype"]

    @property
    def her2(self) -> Her2Thresholds:
        """Thresholds of the selected HER2 guideline."""
        return HER2_GUIDELINES[self.her2_guideline]

    @property
    def receptor(self) -> ReceptorThresholds:
        """Thresholds of the selected ER/PR guideline."""
        return RECEPTOR_GUIDELINES[self.receptor_guideline]

    @property
    def subtype(self) -> SubtypeThresholds:
        """Thresholds of the selected surrogate-subtype guideline."""
        return SUBTYPE_GUIDELINES[self.subtype_guideline]

    @property
    def ki67_bands(self) -> Ki67BandThresholds:
        """Thresholds of the Ki-67 band guideline (IKWG 2021)."""
        return KI67_BAND_GUIDELINES[DEFAULT_VERSIONS["ki67_bands"]]

    def values(self) -> dict[str, float | bool]:
        """The numeric and on/off options, for ``Classification.options``."""
        return {
            "ki67_high_cutoff": self.ki67_high_cutoff,
            "er_low_upper": self.er_low_upper,
            "er_low_groups_with_tnbc": self.er_low_groups_with_tnbc,
            "triple_positive_requires_pr": self.triple_positive_requires_pr,
        }

    def versions(self) -> dict[str, str]:
        """The guideline version per family, for ``Classification.guideline_versions``."""
        return {
            "her2": self.her2_guideline,
            "receptor": self.receptor_guideline,
            "subtype": self.subtype_guideline,
            "ki67_bands": DEFAULT_VERSIONS["ki67_bands"],
        }


_NUMBERS = ("ki67_high_cutoff", "er_low_upper")
_SWITCHES = ("er_low_groups_with_tnbc", "triple_positive_requires_pr")
_VERSIONS: dict[str, Mapping[str, object]] = {
    "her2_guideline": HER2_GUIDELINES,
    "receptor_guideline": RECEPTOR_GUIDELINES,
    "subtype_guideline": SUBTYPE_GUIDELINES,
}
#: Every option name, in the order of :class:`Options`.
OPTION_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Options))


def _check_number(name: str, value: Any, low: float, high: float, low_inclusive: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"option {name!r} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"option {name!r} must be a finite number, got {value!r}")
    above_low = value >= low if low_inclusive else value > low
    if not (above_low and value <= high):
        bracket = "[" if low_inclusive else "("
        raise ValueError(f"option {name!r} must be in {bracket}{low:g}, {high:g}], got {value!r}")


def check_options(options: Mapping[str, Any]) -> None:
    """Raise :class:`ValueError` for an unknown option, a wrong type or an out-of-range value.

    >>> check_options({"ki67_high_cutoff": 14})
    >>> check_options({"ki67_cutoff": 14})
    Traceback (most recent call last):
    ...
    ValueError: unknown option 'ki67_cutoff'; allowed options: ki67_high_cutoff, er_low_upper, \
er_low_groups_with_tnbc, triple_positive_requires_pr, her2_guideline, receptor_guideline, subtype_guideline
    """
    if not isinstance(options, Mapping):
        raise ValueError(f"options must be a mapping of option names to values, not {type(options).__name__}")
    for name, value in options.items():
        if name not in OPTION_NAMES:
            raise ValueError(f"unknown option {name!r}; allowed options: {', '.join(OPTION_NAMES)}")
        if name == "ki67_high_cutoff":
            _check_number(name, value, _PERCENT_MIN, _PERCENT_MAX, low_inclusive=False)
        elif name == "er_low_upper":
            # at least the positive cut-off of every receptor guideline, so "low" is never empty
            floor = max(t.positive_min_percent for t in RECEPTOR_GUIDELINES.values())
            _check_number(name, value, floor, _PERCENT_MAX, low_inclusive=True)
        elif name in _SWITCHES:
            if not isinstance(value, bool):
                raise ValueError(f"option {name!r} must be True or False, not {value!r}")
        elif name in _VERSIONS:
            allowed = _VERSIONS[name]
            if not isinstance(value, str) or value not in allowed:
                raise ValueError(f"option {name!r} must be one of {', '.join(allowed)}; got {value!r}")


def make_options(**options: Any) -> Options:
    """Validate keyword options and return :class:`Options`.

    When ``ki67_high_cutoff`` is not given it comes from the selected subtype guideline
    (20 for ``st-gallen-2013``, 14 for ``st-gallen-2011``).

    >>> make_options(subtype_guideline="st-gallen-2011").ki67_high_cutoff
    14.0
    """
    check_options(options)
    values = dict(options)
    if "ki67_high_cutoff" not in values:
        values["ki67_high_cutoff"] = SUBTYPE_GUIDELINES[
            values.get("subtype_guideline", DEFAULT_VERSIONS["subtype"])
        ].ki67_high_percent
    for name in _NUMBERS:
        if name in values:
            values[name] = float(values[name])
    return Options(**values)
