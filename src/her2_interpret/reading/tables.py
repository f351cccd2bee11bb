"""TODO"""

from __future__ import annotations

import bisect
import regex
from dataclasses import dataclass, field

from . import patterns as P
from .mentions import _Clause, _Mention, _RESULT_KINDS
_SEPARATOR_ROW = P.lazy(r"[\s|:+=._-]*")


# --------------------------------------------------------------------------- tables

_HEADER_TYPES = (
    ("pct", P.lazy(r"%|percent|percentage|\bpct\b|proportion|positive\s+cells", regex.I)),
    ("hscore", P.lazy(r"h[\s-]?score", regex.I)),
    ("allred", P.lazy(r"allred|quick", regex.I)),
    ("intensity", P.lazy(r"intensity", regex.I)),
    ("clone", P.lazy(r"clone|antibody", regex.I)),
    ("reference", P.lazy(r"reference|normal\s+range|ref\.?\s+range|expected", regex.I)),
    ("copies", P.lazy(r"copies|copy\s+number|signals", regex.I)),
    ("units", P.lazy(r"^\s*units?\s*$", regex.I)),
    ("value", P.lazy(r"^\s*(?:value|result\s+value|measured)\s*$", regex.I)),
    ("ratio", P.lazy(r"ratio", regex.I)),
    ("result", P.lazy(r"result|status|score|interpretation", regex.I)),
)


def _cells(line: str, start: int) -> list[tuple[int, int]]:
    """Cell spans of a table row split by pipes or tabs (leading/trailing pipes dropped)."""
    sep = "|" if line.count("|") >= 2 else "\t" if "\t" in line.strip("\t") else _csv_separator(line) or "\t"
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in line.split(sep):
        a = start + pos
        spans.append((a, a + len(part)))
        pos += len(part) + 1
    if sep == "|":
        if line.lstrip().startswith("|"):
            spans = spans[1:]
        if line.rstrip().endswith("|"):
            spans = spans[:-1]
    return spans


# A lower-case field name of an export header ("er_percent", "pr result"): only in a header cell.
_FIELD_NAME = P.lazy(r"^\s{0,3}(?P<kind>er|pr|pgr)(?:\s(?:status|result|pct|percent|percentage|intensity|allred|score)\b|\s*$)",
                     regex.IGNORECASE)


def _field_marker(cell: str) -> str | None:
    m = _FIELD_NAME.match(cell)
    if m is None:
        return None
    return "er" if m.group("kind").lower() == "er" else "pr"


_AMENDED_CELL = P.lazy(r"\s{0,3}(?:amended|corrected|revised)\s{0,3}", regex.IGNORECASE)


_FLAT_LABEL = P.lazy(r"\s{0,8}(?:markers?|biomarkers?|tests?|stains?|antibod(?:y|ies))?\s{0,3}[:|]?\s{0,3}", regex.IGNORECASE)
_FLAT_TOKEN = P.lazy(r"[^\s(]+(?:\s?\([^)\n]{0,30}\))?|\([^)\n]{0,30}\)")
_FLAT_KINDS = _RESULT_KINDS


def _flat_header(t: str, l_start: int, l_end: int, mentions: list[_Mention]) -> list[str] | None:
    """The markers of a flattened table header: a line of three or more marker names and nothing
    else (a leading "Marker" label allowed), as a table pasted from a PDF leaves it."""
    if len(mentions) < 3 or any(m.kind not in _FLAT_KINDS for m in mentions):
        return None
    label = _FLAT_LABEL.match(t, l_start, mentions[0].start)
    if label is None or label.end() != mentions[0].start:
        return None
    for a, b in zip(mentions, mentions[1:]):
        if t[a.end : b.start].strip(" \t|,;/"):
            return None
    if t[mentions[-1].end : l_end].strip(" \t|"):
        return None
    return [m.kind for m in mentions]


_FLAT_COLUMNS_LABEL = P.lazy(r"\s{0,8}(?:markers?|biomarkers?|tests?|stains?|antibod(?:y|ies))\b", regex.IGNORECASE)


def _flat_columns(t: str, l_start: int, l_end: int) -> list[str] | None:
    """Column kinds of a flattened header of column names led by "Marker"/"Test"."""
    if not _FLAT_COLUMNS_LABEL.match(t, l_start, l_end):
        return None
    tokens = [t[m.start() : m.end()] for m in _FLAT_TOKEN.finditer(t, l_start, l_end)]
    kinds = ["other"] + [_header_kind(x) for x in tokens[1:]]
    if len(tokens) < 3 or sum(k != "other" for k in kinds) < 2:
        return None
    return kinds


def _flat_row(t: str, l_start: int, l_end: int, markers: list[str]) -> list[tuple[int, int]] | None:
    """Value spans of a flattened row under ``markers`` (a leading row label first, if any)."""
    tokens = [(m.start(), m.end()) for m in _FLAT_TOKEN.finditer(t, l_start, l_end)]
    if len(tokens) == len(markers):
        return [(l_start, l_start)] + tokens
    if len(tokens) == len(markers) + 1 and not any(ch.isdigit() for ch in t[tokens[0][0] : tokens[0][1]]):
        return tokens
    return None


_TUMOUR_COLUMN = P.lazy(r"\s{0,3}(?:(?:lesion|tumou?r|mass|focus|nodule)\s{0,2}#?\s{0,2}(?P<n>\d{1,2}|[A-D])\b|(?P<side>left|right)(?:\s{1,3}breast)?\b)",
                        regex.IGNORECASE)
_SIZE_ROW = P.lazy(r"\s{0,3}(?:(?:invasive|whole|tumou?r|lesion)\s{1,3})?(?:tumou?r\s{1,3})?size\b", regex.IGNORECASE)


def _tumour_column(cell: str) -> str | None:
    m = _TUMOUR_COLUMN.match(cell)
    if m is None:
        return None
    return m.group("n") or m.group("side").lower()


def _finish_tumour_table(table: _Table | None) -> None:
    """Give the clauses of a tumour-column table their column's size (the size row may come after)."""
    if table is None or table.tumours is None:
        return
    for i, clause in table.tumour_clauses:
        if i in table.sizes and clause.context.size_mm is None:
            clause.context = clause.context.model_copy(update={"size_mm": table.sizes[i]})
    table.tumour_clauses.clear()


def _mentions_inside_cells(cells: list[tuple[int, int]], mentions: list[_Mention]) -> bool:
    """Every mention lies inside one cell (a binary search each over the cells sorted by start)."""
    cells = sorted(cell for cell in cells if cell[1] > cell[0])
    starts = [a for a, _ in cells]
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or cells[i][1] < m.end:
            return False
    return True


def _csv_separator(line: str) -> str | None:
    """"," or ";" when ``line`` is a row of comma- or semicolon-separated values (an export, not
    prose: at least two separators and none followed by a space)."""
    for sep in (",", ";"):
        if line.count(sep) >= 2 and sep + " " not in line:
            return sep
    return None


def _is_table_row(line: str) -> bool:
    return (line.count("|") >= 2 or ("\t" in line.strip("\t") and len(line.split("\t")) >= 2)
            or _csv_separator(line) is not None)


@dataclass
class _Table:
    header_types: list[str]
    header_markers: list[str | None]
    columns: list[tuple[int, int]] | None = None  # header cell spans, for space-aligned tables
    line_start: int = 0  # where the header line starts
    #: a table whose columns are tumours ("Lesion 1 (2 o'clock)   Lesion 2 (10 o'clock)"): each
    #: column's tumour label, its size once a size row gives it, and the clauses read from it
    tumours: list[str | None] | None = None
    sizes: dict[int, float] = field(default_factory=dict)
    tumour_clauses: list[tuple[int, _Clause]] = field(default_factory=list)

    def align(self, cells: list[tuple[int, int]], line_start: int, header_start: int) -> list[tuple[int, int]]:
        """Put each cell of a space-aligned row under the header column it overlaps most."""
        assert self.columns is not None
        out = [(0, 0)] * len(self.columns)
        offsets = [(a - header_start, b - header_start) for a, b in self.columns]
        for a, b in cells:
            ra, rb = a - line_start, b - line_start
            best, best_score = None, None
            for i, (ha, hb) in enumerate(offsets):
                overlap = min(rb, max(hb, ha + 1)) - max(ra, ha)
                score = (overlap, -abs(ra - ha))
                if best_score is None or score > best_score:
                    best, best_score = i, score
            if best is not None and out[best] == (0, 0):
                out[best] = (a, b)
        return out


_ALIGNED_CELL = P.lazy(r"[^\s.]+(?:[ .][^\s.]+)*")


def _header_kind(text: str) -> str:
    return next((k for k, rx in _HEADER_TYPES if rx.search(text)), "other")


def _table_cells(
    line: str, start: int, raw: str, table: _Table | None
) -> list[tuple[int, int]] | None:
    """Cell spans when ``line`` is a table row (pipes, tabs, or columns aligned by spaces)."""
    if _is_table_row(raw):
        cells = _cells(raw, start)  # the separators of ``raw`` (pipes are blanked in ``line``)
        if 2 * sum(":" in line[a - start : b - start] for a, b in cells) >= len(cells):
            return None  # "ER: Positive | ER %: 95 | PR: ...": fields on one line, not a table
        return cells
    if "  " not in line.strip() and "..." not in line:
        return None
    cells = [(start + m.start(), start + m.end()) for m in _ALIGNED_CELL.finditer(line)]
    if len(cells) < 2:
        return None
    if table is not None and table.columns is not None:
        return table.align(cells, start, table.line_start)
    return cells


_CLONE_PARENS = P.lazy(r"\((?:[A-Z0-9]{1,6}[-/ ]?){1,3}\)")
_CELL_STATUS = r"positive|negative|pos|neg|equivocal|amplified|pending"
# A status word in a cell that also names a marker ("ER - Positive", "ER status Positive"): a value.
_STATUS_WORD_ANY = P.lazy(rf"\b(?:{_CELL_STATUS})\b", regex.I)
# A cell that holds a value, so its row is not a header ("ER: Positive  PR: Negative  HER2: -").
_VALUE_WORD = P.lazy(
    rf"(?<![A-Za-z0-9-])\d|^\s*(?:{_CELL_STATUS}|not\s|[+-]\s*$)|[:=]\s*(?:{_CELL_STATUS}|[+-]\s*$)", regex.I
)
