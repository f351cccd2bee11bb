"""Ki-67 level (St Gallen, option ``ki67_high_cutoff``) and IKWG 2021 band [ki67]."""

from __future__ import annotations

from ..models import Flag, IkwgBand, Ki67Finding, Ki67Level, Ki67Result, PercentRange
from ..thresholds import KI67_BAND_GUIDELINES, DEFAULT_VERSIONS, Ki67BandThresholds
from .audit import Audit, Outcome
from .options import Options

_IKWG = KI67_BAND_GUIDELINES[DEFAULT_VERSIONS["ki67_bands"]]


def ki67_level(percent: float | None, percent_range: PercentRange | None, cutoff: float) -> Ki67Level | None:
    """High if >= ``cutoff``; a range decides only when wholly on one side, else indeterminate [ki67].

    >>> [ki67_level(p, None, 20.0).value for p in (19.9, 20)]
    ['low', 'high']
    >>> [ki67_level(None, r, 20.0).value for r in ((0, 10), (30, 100), (10, 20))]
    ['low', 'high', 'indeterminate']
    """
    if percent is not None:
        return Ki67Level.HIGH if percent >= cutoff else Ki67Level.LOW
    if percent_range is None:
        return None
    low, high = min(percent_range), max(percent_range)
    if high < cutoff:
        return Ki67Level.LOW
    if low >= cutoff:
        return Ki67Level.HIGH
    return Ki67Level.INDETERMINATE


def ikwg_band(
    percent: float | None, percent_range: PercentRange | None, thresholds: Ki67BandThresholds = _IKWG
) -> IkwgBand | None:
    """IKWG 2021 band: <=5 low, >=30 high, between intermediate; a range must lie in one band [ki67].

    >>> [ikwg_band(p, None).value for p in (5, 5.1, 29.9, 30)]
    ['low', 'intermediate', 'intermediate', 'high']
    """
    if percent is not None:
        low = high = percent
    elif percent_range is not None:
        low, high = min(percent_range), max(percent_range)
    else:
        return None
    if high <= thresholds.low_max_percent:
        return IkwgBand.LOW
    if low >= thresholds.high_min_percent:
        return IkwgBand.HIGH
    if low > thresholds.low_max_percent and high < thresholds.high_min_percent:
        return IkwgBand.INTERMEDIATE
    return None


def classify_ki67(finding: Ki67Finding | None, options: Options | None = None) -> Outcome[Ki67Result]:
    """Ki-67 percent/range as stated, the St Gallen level and the IKWG band [ki67].

    Without a number, a stated level word ("Ki-67: high") is kept as the level, with a note that
    the lab's cut-off is not known; the subtype rules use only a level read from a number.

    >>> classify_ki67(Ki67Finding(percent=20)).result.level.value
    'high'
    """
    opts = options or Options()
    cutoff = opts.ki67_high_cutoff
    audit = Audit(guideline=opts.subtype.version, thresholds={"ki67_high_cutoff": cutoff})
    if finding is None or (Flag.NOT_PERFORMED in finding.flags and finding.percent is None
                           and finding.percent_range is None):
        return audit.outcome(Ki67Result())
    level = ki67_level(finding.percent, finding.percent_range, cutoff)
    if level is not None:
        note = "range straddles the cut-off" if level is Ki67Level.INDETERMINATE else "from the stated number"
        audit.decide("ki67_level", level, "ki67", finding.evidence, note)
        if finding.level_word not in (None, level) and level is not Ki67Level.INDETERMINATE:
            audit.warn(f"Ki-67: stated {finding.level_word.value} but the number is {level.value} against "
                       f"{cutoff:g}%; the number decides [ki67]")
    elif finding.level_word is not None:
        level = finding.level_word
        audit.decide("ki67_level", level, "ki67", finding.evidence, "stated level; the lab's cut-off is not known")
    band = ikwg_band(finding.percent, finding.percent_range, opts.ki67_bands)
    if band is not None:
        bands = opts.ki67_bands
        audit.decide("ki67_ikwg_band", band, "ki67", finding.evidence, "IKWG 2021 band, reported apart",
                     thresholds={"low_max_percent": bands.low_max_percent, "high_min_percent": bands.high_min_percent},
                     guideline=bands.version)
    return audit.outcome(
        Ki67Result(percent=finding.percent, percent_range=finding.percent_range, level=level, ikwg_band=band)
    )
