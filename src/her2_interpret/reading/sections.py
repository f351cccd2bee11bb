"""The report's structure as the walk over the lines meets it (stage 6 of :mod:`her2_interpret.reading`).

Takes one line at a time (:class:`_Line`: the masked line, the unmasked ``raw`` line and their offsets)
and updates a :class:`_State`, the structure every clause read on that line is placed in:

- the section: main, addendum, amendment (each counted by ``section_index``), and comment or history
  paragraphs, which end at a blank line or the next label line (:func:`_read_sections`);
- the specimen part ("PART A - RIGHT BREAST", "TUMOR 2 (BLOCK A9):"), its side, date and tumour size
  (:func:`_read_specimen`), the sizes of numbered tumours and the dates of kinds of specimens
  (:func:`_read_sizes`);
- header cues over the lines below ("DCIS Biomarkers (block B5):", "Repeat testing on block B2:") and
  the cues of the label part of a line (:func:`_read_header_cues`), reset at a blank line
  (:func:`_blank_line`).

Each reader returns whether the clause left open by the line above closes (a new section or part
starts). To read a new kind of structure, add a field to :class:`_State` (with its default) and a
``_read_*`` step here, call it from :func:`~.clauses._walk_line` and test it alone in
``tests/reading/test_sections.py``. Dates come out as YYYYMMDD integers (:func:`_date`), sizes in mm.
"""

from __future__ import annotations

import regex
from dataclasses import dataclass, field
from typing import Any

from . import patterns as P
from ..models import Context, Flag, SectionKind
from .context import _dcis_cue
from .segments import _DANGLING


@dataclass(frozen=True)
class _Line:
    """One line of the report as the walk sees it: ``text`` (masked), ``raw`` (unmasked, same
    length), its number and its ``start`` and ``end`` offsets in the whole text."""

    no: int
    text: str
    raw: str
    start: int
    end: int

    @property
    def indented(self) -> bool:
        """The line starts with a space or a tab (it goes on with the line above)."""
        return self.text[:1] in (" ", "\t")


@dataclass
class _State:
    """Where the walk is in the report: section, specimen, side, tumour, size, date and the cues of
    a header over the lines below; read by every clause of the line."""

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

    def context(self, **extra: Any) -> Context:
        """The :class:`Context` of a table cell here: section and specimen, plus ``extra`` fields."""
        return Context(section=self.section, section_index=self.section_index, specimen=self.specimen,
                       specimen_index=self.specimen_index, **extra)


_NOTE_SECTIONS = (SectionKind.COMMENT, SectionKind.HISTORY)


def _blank_line(st: _State) -> None:
    """A blank line ends the cues of a header above and a comment or history paragraph."""
    st.header_flags = set()
    st.header_repeat = False
    if st.section in _NOTE_SECTIONS:
        st.section = st.base_section


def _read_sections(line: _Line, st: _State) -> bool:
    """Update ``st.section`` from a section heading on ``line``; True when a new section starts
    (the clause open above closes)."""
    text = line.text
    if st.section in _NOTE_SECTIONS and not line.indented:
        st.section = st.base_section  # a comment / history paragraph ends at the next label line
    if P.SECTION_ADDENDUM.match(text):
        st.section_index += 1
        st.section = st.base_section = SectionKind.ADDENDUM
        st.header_flags = set()
        return True
    if P.SECTION_AMENDMENT.match(text):
        st.section_index += 1
        st.section = st.base_section = SectionKind.AMENDMENT
        return True
    if P.SECTION_COMMENT.match(text):
        st.section = SectionKind.COMMENT
        return True
    if P.SECTION_HISTORY.match(text):
        st.section = SectionKind.HISTORY
        return True
    if P.SECTION_MAIN.match(text) and st.section in _NOTE_SECTIONS:
        st.section = st.base_section
    return False


def _read_specimen(line: _Line, st: _State) -> bool:
    """Update the specimen, side, tumour, size and date from a specimen header on ``line`` (or the
    date of an addendum heading); True when the line is a specimen header (the open clause closes)."""
    text = line.text
    spec = P.SPECIMEN_HEADER.match(text)
    if spec is None:
        if P.SECTION_ADDENDUM.match(text) or P.SECTION_AMENDMENT.match(text):
            st.date = _date(text) or st.date
        return False
    label = spec.group("label") or spec.group("letter") or spec.group("tumour") or spec.group("sidelabel")
    if label and label != st.specimen:
        st.specimen = label
        st.specimen_index += 1
        st.header_flags = set()
        st.header_repeat = False
        st.tumour = spec.group("tumour")
        side = P.SIDE.search(text)
        st.side = _side(side) if side else st.side
        sizes = [_mm(m) for m in P.SIZE.finditer(text)]
        st.size_mm = max(sizes) if sizes else st.tumour_sizes.get(st.tumour or "")
        st.date = _date(text) or None
    return True


# a number of a "3.1 x 2.6 cm" dimension
_DIMENSION_NUMBER = regex.compile(r"\d{1,3}(?:[.,]\d)?")
# how far after a tumour's name ("Mass 2") its dimensions are looked for
_TUMOUR_SIZE_REACH = 120


def _read_sizes(line: _Line, st: _State) -> None:
    """Record the sizes of numbered tumours, the date of each kind of specimen and the size of the
    current part's tumour named on ``line`` (sizes from the unmasked line: a blanked sentence may hold them)."""
    raw = line.raw
    if _TUMOUR_LABEL_HINT.search(raw):
        for named in _TUMOUR_SIZE.finditer(raw):  # "MASS 2 (10:00): ... 3.1 CM", "Mass 1, ..., 1.2 x 1.0 cm"
            dims = _DIMENSIONS.search(raw, named.end(), named.end() + _TUMOUR_SIZE_REACH)
            if dims is not None:
                values = [float(v.replace(",", ".")) for v in _DIMENSION_NUMBER.findall(dims.group("d"))]
                unit = _MM_PER_CM if dims.group("u").lower() == "cm" else 1
                st.tumour_sizes.setdefault(named.group("n"), max(values) * unit)
    text = line.text
    kind = _kind_of(text)
    if kind is not None and kind not in st.kind_dates:  # (the first date of a kind stays)
        line_date = _date(text)
        if line_date is not None:
            st.kind_dates[kind] = line_date
    # "Size: 31 mm" under "TUMOR 1", "Invasive tumor size: 12 mm" under "PART A - RIGHT BREAST"
    size_line = P.SIZE_LINE.match(text) if st.tumour is not None or (
        st.specimen is not None and _TUMOUR_SIZE_WORDS.search(text)) else None
    if size_line is None and st.specimen is not None and st.size_mm is None and "argin" not in text:
        # "A. RIGHT BREAST, LUMPECTOMY:" / "- Invasive ductal carcinoma, grade 3, 11 mm.": the part's tumour size
        size_line = _INVASIVE_SIZE.search(text)
    if size_line is not None:
        st.size_mm = _mm(size_line)


_DIMENSIONS = P.lazy(r"(?<![\d.])(?P<d>\d{1,3}(?:[.,]\d)?(?:\s{0,2}[xX×]\s{0,2}\d{1,3}(?:[.,]\d)?){0,2})\s{0,2}(?P<u>mm|cm)\b",
                     regex.IGNORECASE)
_TUMOUR_SIZE = P.lazy(r"\b(?:tumou?r|lesion|mass|focus)\s{0,2}#?\s{0,2}(?P<n>\d{1,2})\b", regex.IGNORECASE)
_SPECIMEN_KIND = P.lazy(
    r"\b(?:(?P<core>core(?:\s{1,3}(?:needle\s{1,3})?biopsy)?|biopsy)|(?P<excision>re-?excision|excision|WLE|lumpectomy)"
    r"|(?P<resection>mastectomy|resection))\b",
    regex.IGNORECASE,
)


def _kind_of(text: str) -> str | None:
    """The kind of specimen ``text`` names first: "core", "excision", "resection", or None."""
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
        g = m.groupdict()  # (a sized pattern: only the matching alternative's groups exist)
        if g.get("y"):
            month, day = int(g["m"]), int(g["d"])
            if month > 12:  # day-first
                month, day = day, month
            found = int(g["y"]) * 10000 + min(month, 12) * 100 + min(day, 31)
        elif g.get("y2"):
            found = int(g["y2"]) * 10000 + int(g["m2"]) * 100 + int(g["d2"])
        elif g.get("mon"):  # "biopsy in march said ...": the year is the one stated, or unknown (0)
            year = int(g["y4"]) if g.get("y4") else 0
            found = year * 10000 + _MONTHS.index(g["mon"][:3].lower()) * 100 + 100
        else:
            found = int(g["y3"]) * 10000
    return found


def _side(m: regex.Match[str]) -> str:
    """"left" or "right" from a match of :data:`~.patterns.SIDE`."""
    word = (m.group("side") or m.group("side2")).lower()
    return "left" if word.startswith("l") else "right"


def _mm(m: regex.Match[str]) -> float:
    """The size of a match with groups ``v`` (the number) and ``u`` (mm or cm), in mm."""
    v = float(m.group("v").replace(",", "."))
    return v * _MM_PER_CM if m.group("u").lower() == "cm" else v
