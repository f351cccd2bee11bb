"""Table rows (stage 8 of :mod:`her2_interpret.reading`): pipes, tabs, CSV, space-aligned columns,
tables whose columns are tumours, and tables flattened to lines of words (pasted from a PDF).

Takes a line (:class:`~.sections._Line`) and gives its cell spans (:func:`_table_cells`); a header row
gives a :class:`_Table` (each column's kind, :func:`_header_kind`, and marker); a row under it gives
one :class:`~.mentions._Clause` per marker cell, and typed cells ``(start, end, kind)`` that tell the
value readers what a bare value is ("95" under "ER %" is a percent). A flattened table is tracked on
the :class:`~.sections._State` (``flat_markers``, ``flat_columns``) by :func:`_read_flat_columns`
and :func:`_read_flat_row`.

The walk (:func:`~.clauses._table_row_step`) tries, in order: a tumour-column header
(:func:`_tumour_header`), a row of an open tumour table (:func:`_tumour_row`), a header
(:func:`_header_table`), a row of a column-oriented table (:func:`_column_row`). To read a new column
name, add it to :data:`_HEADER_WORDS` (the order decides between kinds); to read a new layout, add a
function that returns its table or its clauses and a test in ``tests/reading/test_tables.py``.
"""

from __future__ import annotations

import bisect
import regex
from dataclasses import dataclass, field

from . import patterns as P
from ..models import Context, Flag
from .mentions import _Clause, _Mention, _RESULT_KINDS
from .sections import _Line, _State, _mm
_SEPARATOR_ROW = P.lazy(r"[\s|:+=._-]*")


# --------------------------------------------------------------------------- tables

#: Column kinds and the words that name them, tried in this order (the first found wins).
_HEADER_WORDS = (
    ("pct", r"%|percent|percentage|\bpct\b|proportion|positive\s+cells"),
    ("hscore", r"h[\s-]?score"),
    ("allred", r"allred|quick"),
    ("intensity", r"intensity"),
    ("clone", r"clone|antibody"),
    ("reference", r"reference|normal\s+range|ref\.?\s+range|expected"),
    ("copies", r"copies|copy\s+number|signals"),
    ("units", r"^\s*units?\s*$"),
    ("value", r"^\s*(?:value|result\s+value|measured)\s*$"),
    ("ratio", r"ratio"),
    ("result", r"result|status|score|interpretation"),
)
_HEADER_TYPES = tuple((kind, P.lazy(words, regex.I)) for kind, words in _HEADER_WORDS)
# Any column word at all: one search that tells most cells (values, names) are no column name.
_ANY_HEADER_WORD = P.lazy("|".join(f"(?:{words})" for _, words in _HEADER_WORDS), regex.I)
# A space-aligned row whose first cell starts this far in has an empty row-label column.
_INDENTED_LABEL = 2


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
    """"er" or "pr" when a header cell is an export's field name ("er_percent" as "er percent"), else None."""
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
    """The tumour a header cell names ("Lesion 2 (10 o'clock)": "2", "LEFT (32 mm)": "left"), or None."""
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


def _cell_mentions(mentions: list[_Mention], spans: list[tuple[int, int]]) -> list[list[_Mention]]:
    """The mentions inside each cell span (start in the cell, end not past it), from ``mentions``
    sorted by start: a binary search per cell over the row's own mentions."""
    starts = [m.start for m in mentions]
    out: list[list[_Mention]] = []
    for a, b in spans:
        inside: list[_Mention] = []
        i = bisect.bisect_left(starts, a)
        while i < len(mentions) and mentions[i].start < b:
            if mentions[i].end <= b:
                inside.append(mentions[i])
            i += 1
        out.append(inside)
    return out


def _csv_separator(line: str) -> str | None:
    """"," or ";" when ``line`` is a row of comma- or semicolon-separated values (an export, not
    prose: at least two separators and none followed by a space)."""
    for sep in (",", ";"):
        if line.count(sep) >= 2 and sep + " " not in line:
            return sep
    return None


def _is_table_row(line: str) -> bool:
    """The (raw) line is a row of pipes, tabs or comma/semicolon-separated values (not space-aligned)."""
    return (line.count("|") >= 2 or ("\t" in line.strip("\t") and len(line.split("\t")) >= 2)
            or _csv_separator(line) is not None)


@dataclass
class _Table:
    """An open table: each column's kind (:func:`_header_kind`) and marker, from its header row."""

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
    """The kind of column a header cell names ("pct", "result", ...), or "other"."""
    if _ANY_HEADER_WORD.search(text) is None:
        return "other"  # (exact: no word of any kind)
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


# --------------------------------------------------------------------------- rows in the walk


@dataclass
class _Row:
    """A table row of the walk: its line, its cell spans, each cell's text and the mentions in each cell."""

    line: _Line
    spans: list[tuple[int, int]]
    texts: list[str]
    mentions: list[list[_Mention]]

    @property
    def first_has_marker(self) -> bool:
        """The row label (first cell) names a marker ("ER | Positive | 95%")."""
        return bool(self.mentions and self.mentions[0])


def _cell_clause(kind: str, a: int, b: int, ctx: Context, flags: set[Flag], line_no: int) -> _Clause:
    """The clause of one table cell ``t[a:b]`` read as a value of marker ``kind``."""
    return _Clause(kinds=[kind], mention=_Mention(kind, a, a, ""), ranges=[(a, b)], context=ctx,
                   flags=set(flags), pre_start=a, line_no=line_no)


def _header_kinds_if_header(row: _Row) -> list[str] | None:
    """Each column's kind when ``row`` is a header (no value in any cell, two or more cells name a
    column or a marker, and it names its columns rather than saying a sentence), else None."""
    if any(_VALUE_WORD.search(_CLONE_PARENS.sub("", x)) or (ms and _STATUS_WORD_ANY.search(x))
           for x, ms in zip(row.texts, row.mentions)):
        return None  # (a clone in parentheses is no value: "HER2 (4B5)")
    kinds = [_header_kind(x) for x in row.texts]
    named = sum(k != "other" for k in kinds) + sum(bool(ms) for ms in row.mentions[1:])
    if named < 2:
        return None
    if _is_table_row(row.line.raw) or (2 * named >= len(row.texts) and len(row.texts) <= _MAX_ALIGNED_HEADER_CELLS
                                       and all(len(x) <= _MAX_HEADER_CELL for x in row.texts)):
        return kinds
    return None


# A space-aligned header has at most this many cells, none longer than this.
_MAX_ALIGNED_HEADER_CELLS = 8
_MAX_HEADER_CELL = 40


def _tumour_header(t: str, row: _Row) -> _Table | None:
    """The table of a space-aligned header whose columns are tumours, with the sizes it states:
    "                  Lesion 1 (2 o'clock)     LEFT (32 mm)"; None for any other row."""
    if any(row.mentions) or _is_table_row(row.line.raw):
        return None
    columns = [_tumour_column(x) for x in row.texts]
    if sum(c is not None for c in columns) < 2:
        return None
    spans, line_start = row.spans, row.line.start
    if spans[0][0] - line_start >= _INDENTED_LABEL:
        spans, columns = [(line_start, line_start)] + spans, [None] + columns
    table = _Table(["other"] * len(spans), [None] * len(spans), spans, line_start, tumours=columns)
    for i, (a, b) in enumerate(spans):  # "LEFT (32 mm)": the size in the header
        size = P.SIZE.search(t, a, b) if b > a else None
        if size is not None:
            table.sizes[i] = _mm(size)
    return table


def _tumour_row(t: str, row: _Row, table: _Table, st: _State) -> list[_Clause]:
    """The clauses of a row of a tumour-column table (one per tumour with a value, each recorded on
    ``table`` for its size); a size row records the sizes; other rows ("Grade", "LVI") give none."""
    label_ms = row.mentions[0] if row.mentions else []
    marker = label_ms[0].kind if label_ms and label_ms[0].kind in _FLAT_KINDS else None
    if marker is None:
        if _SIZE_ROW.match(row.texts[0]):
            for i, (a, b) in enumerate(row.spans[1:], start=1):
                size = P.SIZE.search(t, a, b)
                if size is not None:
                    table.sizes[i] = _mm(size)
        return []
    out: list[_Clause] = []
    for i, (a, b) in enumerate(row.spans[1:], start=1):
        label = table.tumours[i] if table.tumours is not None and i < len(table.tumours) else None
        if label is None or not t[a:b].strip():
            continue
        ctx = st.context(tumour=label, side=label if label in ("left", "right") else st.side)
        clause = _cell_clause(marker, a, b, ctx, st.header_flags, row.line.no)
        out.append(clause)
        table.tumour_clauses.append((i, clause))
    return out


def _header_table(row: _Row, kinds: list[str] | None) -> _Table | None:
    """The table a header row opens (``kinds`` from :func:`_header_kinds_if_header`), or None when
    the row is no header or its label cell names a marker but not every cell does."""
    if kinds is None or (row.first_has_marker and not all(row.mentions)):
        return None
    aligned = not _is_table_row(row.line.raw)
    markers = [ms[0].kind if ms and ms[0].kind in _RESULT_KINDS else _field_marker(x)
               for ms, x in zip(row.mentions, row.texts)]
    spans, line_start = row.spans, row.line.start
    if aligned and not spans[0][0] - line_start < _INDENTED_LABEL and any(markers):
        # "           ER   PR   HER2": the first (row label) column is empty in the header
        spans = [(line_start, line_start)] + spans
        kinds = ["other"] + kinds
        markers = [None] + markers
    return _Table(kinds, markers, spans if aligned else None, line_start)


def _column_row(t: str, row: _Row, table: _Table | None, st: _State,
                cells: list[tuple[int, int, str]]) -> list[_Clause] | None:
    """The clauses of a row of a column-oriented table ("| DCIS | Positive (95%) | ... |" under
    "| | ER | PR |"), one per marker column with a value, its typed cells appended to ``cells``;
    None when the row is not one (no marker columns, or its label names a marker)."""
    if table is None or not any(table.header_markers[1:]) or row.first_has_marker:
        return None
    row_flags = set(st.header_flags)
    if P.DCIS.search(row.texts[0]) and not P.INVASIVE.search(row.texts[0]):
        row_flags.add(Flag.DCIS)
    out: list[_Clause] = []
    for i, (a, b) in enumerate(row.spans[1:], start=1):
        kind = table.header_markers[i] if i < len(table.header_markers) else None
        if kind is None or not t[a:b].strip():
            continue
        if i < len(table.header_types) and b > a:  # "er percent" column: its bare values are percents
            cells.append((a, b, table.header_types[i]))
        out.append(_cell_clause(kind, a, b, st.context(), row_flags, row.line.no))
    return out


def _read_flat_columns(t: str, line: _Line, mentions: list[_Mention], row: list[tuple[int, int]] | None,
                       st: _State, cells: list[tuple[int, int, str]]) -> bool:
    """A flattened header of column names ("Biomarker Result %/Score Intensity") opens
    ``st.flat_columns`` (True: the line is read); a row under it ("Ki-67 n/a 22 n/a") gives typed
    cells (False: its mentions are still read as clauses); any other line closes it."""
    if row is None and all(m.kind == "allmarkers" for m in mentions):
        columns = _flat_columns(t, line.start, line.end)
        if columns is not None:
            st.flat_columns = columns
            return True
    if st.flat_columns is not None:
        if not mentions or not line.text.strip():
            st.flat_columns = None
        else:
            tokens = [(m.start(), m.end()) for m in _FLAT_TOKEN.finditer(t, line.start, line.end)]
            if len(tokens) == len(st.flat_columns) and mentions[0].start == tokens[0][0]:
                cells.extend((a, b, k) for (a, b), k in zip(tokens, st.flat_columns) if k != "other")
    return False


def _read_flat_row(t: str, line: _Line, mentions: list[_Mention], row: list[tuple[int, int]] | None,
                   st: _State, cells: list[tuple[int, int, str]]) -> list[_Clause] | None:
    """A flattened header of marker names ("ER PR HER2 Ki67") opens ``st.flat_markers`` (gives []);
    a row of values under it ("Positive Negative 1+ 15%") gives one clause per marker; None when
    the line is neither (and closes the flattened table)."""
    if mentions and row is None:
        flat = _flat_header(t, line.start, line.end, mentions)
        if flat is not None:
            st.flat_markers = flat
            return []
    if st.flat_markers is None:
        return None
    values = None if mentions else _flat_row(t, line.start, line.end, st.flat_markers)
    if values is None:
        st.flat_markers = None
        return None
    label_kind = _header_kind(t[values[0][0] : values[0][1]]) if values[0][1] > values[0][0] else "other"
    out: list[_Clause] = []
    for kind, (a, b) in zip(st.flat_markers, values[1:]):
        if label_kind != "other":
            cells.append((a, b, label_kind))
        out.append(_cell_clause(kind, a, b, st.context(), st.header_flags, line.no))
    return out
