"""TODO"""

from __future__ import annotations

import regex
from dataclasses import dataclass, field

from . import patterns as P
from ..models import Flag, SectionKind
from .context import _dcis_cue
from .segments import _DANGLING


@dataclass
class _State:
    section: SectionKind = SectionKind.MAIN
    section_index: int = 0
    base_section: SectionKind = SectionKind.MAIN
    specimen: str | None = None
    specimen_index: int = 0
    header_flags: set[Flag] = field(default_factory=set)
    header_repeat: bool = False
    line_flags: set[Flag] = field(default_factory=set)  # cues of the label part of the current line
    line_repeat: bool = False
    date: int | None = None
    side: str | None = None
    tumour: str | None = None
    size_mm: float | None = None
    #: the date each kind of specimen was named with ("Wide local excision 21/03/2025 ..."), so a
    #: later undated "Ki-67 on excision: 12%" takes that specimen's date [report.specimens]
    kind_dates: dict[str, int] = field(default_factory=dict)
    #: a flattened table ("ER PR HER2 Ki67" then "Positive Negative 1+ 15%"): the header's markers
    flat_markers: list[str] | None = None
    #: the size each numbered tumour was given on a line of its own ("Mass 2 ... 3.1 x 2.6 cm"), for a
    #: later header of that tumour that gives none ("Mass 2 (10:00, IDC, block A8):") [report.specimens]
    tumour_sizes: dict[str, float] = field(default_factory=dict)
    #: a flattened header of column names ("Biomarker Result %/Score Intensity"): each column's kind
    flat_columns: list[str] | None = None


_DIMENSIONS = P.lazy(r"(?<![\d.])(?P<d>\d{1,3}(?:[.,]\d)?(?:\s{0,2}[xX×]\s{0,2}\d{1,3}(?:[.,]\d)?){0,2})\s{0,2}(?P<u>mm|cm)\b",
                     regex.IGNORECASE)
_TUMOUR_SIZE = P.lazy(r"\b(?:tumou?r|lesion|mass|focus)\s{0,2}#?\s{0,2}(?P<n>\d{1,2})\b", regex.IGNORECASE)
_SPECIMEN_KIND = P.lazy(
    r"\b(?:(?P<core>core(?:\s{1,3}(?:needle\s{1,3})?biopsy)?|biopsy)|(?P<excision>re-?excision|excision|WLE|lumpectomy)"
    r"|(?P<resection>mastectomy|resection))\b",
    regex.IGNORECASE,
)


def _kind_of(text: str) -> str | None:
    m = _SPECIMEN_KIND.search(text)
    return m.lastgroup if m else None
_PROSE_LINE = P.lazy(r"[a-z)]\.(?:\s|$)", regex.IGNORECASE)
_CUE_HEADER = P.lazy(r"^[ \t]{0,12}[^:\n]{0,40}\b(?:DCIS|in\s{1,3}situ|invasive|prior|previous|outside|repeat)\b[^:\n]{0,40}:[ \t]*$",
                     regex.IGNORECASE)
_TUMOUR_LABEL_HINT = P.lazy(r"ass|umo|esion|ocus", regex.IGNORECASE)
# A tumour label that heads what follows it: "TUMOR 2 (BLOCK A9): ", "Tumour 1 - "
_TUMOUR_LABEL_END = P.lazy(r"\s{0,2}(?:\([^()\n]{0,60}\)\s{0,2})?[:\-–]\s{0,3}")
_INVASIVE_SIZE = P.lazy(
    r"\binvasive\s{1,3}(?:\w{1,15}\s{1,3}){0,2}carcinoma\b[^\n]{0,100}?(?<![\d.])(?P<v>\d{1,3}(?:[.,]\d)?)\s{0,2}(?P<u>mm|cm)\b"
    r"(?!\s{0,3}(?:from|away|to\s{1,3}the|apart|of\s{1,3}(?:benign|normal)))",
    regex.IGNORECASE,
)
_TUMOUR_SIZE_WORDS = P.lazy(r"\b(?:invasive|tumou?r|lesion)\s{1,3}(?:\w{1,12}\s{1,3})?size\b", regex.IGNORECASE)
_FIELD_WITH_VALUE = P.lazy(r"^[\s*#-]{0,6}[^:\n]{1,40}:[ \t]{0,6}[A-Za-z0-9(]")


def _read_header_cues(line: str, st: _State, partial: bool = False) -> None:
    """A header line ("DCIS Biomarkers (block B5):", "Repeat testing on block B2:") governs the
    lines below it until a blank line."""
    if not line.strip():
        return
    flags: set[Flag] = set()
    if _dcis_cue(line):
        flags.add(Flag.DCIS)  # (not "NO DUCTAL CARCINOMA IN SITU IDENTIFIED", nor "DCIS: absent")
    if not partial and P.HISTORICAL.search(line) and not P.REPEAT.search(line):
        flags.add(Flag.HISTORICAL)  # (on a line with results, the clause reads its own cues)
    repeat = bool(P.REPEAT.search(line))
    if partial:
        # the label part of a line with results: applies to this line only (via the clause)
        st.line_flags = flags
        st.line_repeat = repeat
        return
    ends_open = line.count("(") > line.count(")") or _DANGLING.search(line.rstrip()) is not None
    if (_FIELD_WITH_VALUE.match(line) or _PROSE_LINE.search(line)) and not ends_open:
        # a synoptic field with its own value ("DCIS: present, cribriform", "DCIS: absent") or a line of
        # prose ("DCIS. LVI not assessed on core.") describes the specimen; it is no header over the lines below
        return
    st.header_flags = flags
    st.header_repeat = repeat
    if P.INVASIVE.search(line) and not P.DCIS.search(line):
        st.header_flags.discard(Flag.DCIS)


_MM_PER_CM = 10
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _date(text: str) -> int | None:
    """The last date or year stated in ``text`` as YYYYMMDD (month-first for slashed dates)."""
    found = None
    for m in P.DATE.finditer(text):
        if m.group("y"):
            month, day = int(m.group("m")), int(m.group("d"))
            if month > 12:  # day-first
                month, day = day, month
            found = int(m.group("y")) * 10000 + min(month, 12) * 100 + min(day, 31)
        elif m.group("y2"):
            found = int(m.group("y2")) * 10000 + int(m.group("m2")) * 100 + int(m.group("d2"))
        elif m.group("mon"):  # "biopsy in march said ...": the year is the one stated, or unknown (0)
            year = int(m.group("y4")) if m.group("y4") else 0
            found = year * 10000 + _MONTHS.index(m.group("mon")[:3].lower()) * 100 + 100
        else:
            found = int(m.group("y3")) * 10000
    return found


def _side(m: regex.Match[str]) -> str:
    word = (m.group("side") or m.group("side2")).lower()
    return "left" if word.startswith("l") else "right"


def _mm(m: regex.Match[str]) -> float:
    v = float(m.group("v").replace(",", "."))
    return v * _MM_PER_CM if m.group("u").lower() == "cm" else v
