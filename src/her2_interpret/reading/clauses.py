"""The walk over the lines (stage 9 of :mod:`her2_interpret.reading`): each marker mention's statement.

Takes the masked text (and the unmasked one, same offsets) and gives a list of
:class:`~.mentions._Clause`: which marker(s) a statement speaks of, the ranges of text it covers, the
words before it that govern it ("negative for"), its flags (DCIS, historical, hypothetical) and its
:class:`~her2_interpret.models.Context` (section, specimen, side, tumour, size, date, repeat).

:func:`_clauses` walks the lines with a :class:`_Walk` (the report's structure, the clause left open
by the line above, the open table, the typed cells) and runs :func:`_walk_line` on each: a table row
(:mod:`.tables`), a blank line, the structure (:mod:`.sections`), flattened tables, a line that goes
on with the open clause, then the clauses of the line's own mentions (:func:`_line_clauses`). A step
that reads a line ends it; the order of the steps is part of the behaviour.

To change how far a statement runs, see :func:`_goes_on` and :func:`_cut_at_other_subject`; to read a
new structure or table layout, add a step in :mod:`.sections` or :mod:`.tables` and call it from
:func:`_walk_line`. Tests of the walk alone: ``tests/reading/test_clauses.py``.
"""

from __future__ import annotations

import bisect
import regex
from dataclasses import dataclass, field

from . import patterns as P
from ..models import Context, Flag, SectionKind
from .context import _CUE_WINDOW, _SCOPE_END, _SENTENCE_SIDE, _TRAILING_HISTORY, _dcis_cue, _historical, _is_question
from .mentions import _Clause, _Mention, _all_mentions, _find_mentions, _group_mentions
from .sections import (_CUE_HEADER, _TUMOUR_LABEL_END, _TUMOUR_SIZE, _Line, _State, _blank_line, _date, _kind_of, _mm,
                       _read_header_cues, _read_sizes, _read_sections, _read_specimen)
from .segments import _DANGLING, _sentence_end, _sentence_start, _sentences
from .tables import (_AMENDED_CELL, _SEPARATOR_ROW, _Row, _Table, _cell_mentions, _column_row, _finish_tumour_table, _header_kinds_if_header,
                     _header_table, _mentions_inside_cells, _read_flat_columns, _read_flat_row, _table_cells, _tumour_header,
                     _tumour_row)

_ANY_VALUE = P.lazy(r"\d|positive|negative|amplified|equivocal|pending", regex.IGNORECASE)
_LINE_CONTINUES = P.lazy(
    r"""^\s{0,6}(?:[*+-]\s{0,3})?(?:\[\s?[xX]\s?\]\s{0,3})?(?:percent(?:age)?|%|proportion|average|mean|intensity|allred|quick
        |h[\s-]?score|score|result|interpretation|specify|ratio|ish\s{1,3}group|group|copy|signals?|total|status
        |estimated|number\s{1,3}of\s{1,3}(?:her|cep|cen)|her-?2\s{0,2}[/:]|her-?2\s{1,3}to\s{1,3}(?:cep|cen|chr)|cep|cen|chr
        |(?:dual|single)[\s-]{1,3}(?:probe|colou?r))\b
      # a line that starts with the percent of the line above ("Less than 1% of tumor cells")
      | ^\s{0,6}(?:(?:less|more|greater|fewer)\s{1,3}than\s{1,3}|[<>≤≥]\s{0,2}|(?:approximately|about)\s{1,3})?\d{1,3}(?:[.,]\d)?\s{0,2}%""",
    regex.IGNORECASE | regex.VERBOSE,
)


_PRE_STATUS = P.lazy(
    r"""(?:(?:(?:approximately|about|around|~)\s{1,3})?(?<![\d.])\d{1,3}(?:[.,]\d)?\s{0,2}%\s{1,3}of\s{1,3}(?:the\s{1,3})?(?:[\w-]+\s{1,3}){0,2}(?:cells|nuclei)
          \s{1,3}(?:(?:show|shows|showed|are|were|with|have|had)\s{1,3})?(?:(?:weak|moderate|strong|intense|nuclear)\s{1,3}){0,2}
          (?:staining|positivity|positive|immunoreactivity|immunoreactive|stain(?:s|ed)?|expression)\s{1,3}(?:for|with|of)
                                                   # the percent first: "90% of tumour nuclei stain for ER"
        |(?:\b(?:strongly|weakly|focally|diffusely|moderately)\s{1,3})?\b(?:positive|negative|immunoreactive|stain(?:s|ing|ed)?)\s{1,3}(?:for|with)
        |\b(?:lack(?:s|ing)?|absence|loss)\s{1,3}(?:of\s{1,3})?(?:(?:nuclear|membran\w{0,4})\s{1,3})?(?:expression|staining|immunoreactivity)?\s{0,3}(?:of|for)?
        |\bno\s{1,3}(?:(?:nuclear|membran\w{0,4})\s{1,3})?(?:expression|staining|immunoreactivity)\s{1,3}(?:of|for)
        |\b(?:weak|faint|moderate|strong|intense)\s{1,3}(?:nuclear\s{1,3})?(?:staining|positivity|expression)\s{1,3}(?:for|of)
        |\b(?:weak|faint|moderate|strong|intense)\s{1,3}nuclear
        |\bneither|\bno|\bwithout|\bnegative\s{1,3}for
        |(?:^|[,;]\s{0,3}|\band\s{1,3})(?:strongly\s{1,3}|weakly\s{1,3})?(?:positive|negative)
        |\b(?:strongly|weakly|moderately|focally|diffusely)
        |\bno\s{1,3}(?:evidence|sign)\s{1,3}of
        |(?:\b(?:allred(?:\s{1,3}score)?|quick\s{1,3}score|QS)\s{0,3}(?:of\s{1,3})?|(?<![\d/.]))[0-8]\s{0,2}/\s{0,2}8\s{1,3}(?:for|in)
        |\b(?:referred|sent|sending|submitted|forwarded)\b[^.;\n]{0,60}?\bfor|\bwaiting\s{1,3}(?:on|for)|\bawaiting|\bpending)\s{0,3}(?:the\s{1,3})?$""",
    regex.IGNORECASE | regex.VERBOSE,
)


@dataclass
class _Walk:
    """The state of the walk between lines, passed to each step.

    ``t`` the masked text, ``raw_lines`` the unmasked lines, ``index`` every mention of ``t`` (sorted),
    ``cells`` the typed table cells for the value readers (appended to); ``st`` the report's structure,
    ``clauses`` read so far, ``open_clause`` the clause a following line may continue, ``table`` the
    table whose rows are being read.
    """

    t: str
    raw_lines: list[str]
    index: list[_Mention]
    cells: list[tuple[int, int, str]]
    st: _State = field(default_factory=_State)
    clauses: list[_Clause] = field(default_factory=list)
    open_clause: _Clause | None = None
    table: _Table | None = None

    def mentions(self, start: int, end: int) -> list[_Mention]:
        """The mentions inside ``t[start:end]``."""
        return _find_mentions(self.t, start, end, self.index)


def _clauses(t: str, cells: list[tuple[int, int, str]], raw: str | None = None,
             index: list[_Mention] | None = None) -> list[_Clause]:
    """Every marker statement of the masked text ``t``, in order, each with its context; typed
    table cells are appended to ``cells``. ``raw`` is the unmasked text (same offsets), ``index``
    the mentions of ``t`` when already found."""
    walk = _Walk(t, (raw if raw is not None else t).split("\n"), _all_mentions(t) if index is None else index, cells)
    pos = 0
    for line_no, text in enumerate(t.split("\n")):
        line = _Line(line_no, text, walk.raw_lines[line_no], pos, pos + len(text))
        pos = line.end + 1
        _walk_line(walk, line)
    _finish_tumour_table(walk.table)
    return walk.clauses


def _walk_line(walk: _Walk, line: _Line) -> None:
    """One line's steps, in order: table row, blank line, structure, sizes, flattened tables,
    continuation, then the line's own clauses. A step that reads the line ends it."""
    st = walk.st
    done, row = _table_row_step(walk, line)
    if done:
        return
    if not line.raw.strip():
        walk.open_clause = None
        _blank_line(st)
        return
    if not line.text.strip():
        return  # a line that is all control/method text: skipped, the context stays open
    closes = _read_sections(line, st)
    if _read_specimen(line, st) or closes:
        walk.open_clause = None
    mentions = walk.mentions(line.start, line.end)
    _read_sizes(line, st)
    if _read_flat_columns(walk.t, line, mentions, row, st, walk.cells):
        walk.open_clause = None
        return
    flat = _read_flat_row(walk.t, line, mentions, row, st, walk.cells)
    if flat is not None:
        walk.clauses.extend(flat)
        walk.open_clause = None
        return
    if not mentions:
        _no_mention_step(walk, line)
    elif not _continuation_step(walk, line, mentions):
        row_amended = row is not None and any(_AMENDED_CELL.fullmatch(walk.t[a:b]) for a, b in row)
        _mention_step(walk, line, mentions, row_amended)


def _table_row_step(walk: _Walk, line: _Line) -> tuple[bool, list[tuple[int, int]] | None]:
    """Read ``line`` as a table row if it is one; gives (the line is read, its cell spans or None).
    A line that is no row closes the open table."""
    t = walk.t
    spans = _table_cells(line.text, line.start, line.raw, walk.table)
    mentions = walk.mentions(line.start, line.end) if spans is not None else []
    if spans is not None and not _mentions_inside_cells(spans, mentions):
        spans = None  # a marker name spans two "cells" ("Estrogen  Receptor"): a label line, not a table
    if spans is None:
        _finish_tumour_table(walk.table)
        walk.table = None
        return False, None
    if _SEPARATOR_ROW.fullmatch(line.raw):
        return True, spans
    row = _Row(line, spans, [t[a:b] for a, b in spans], _cell_mentions(mentions, spans))
    return _read_row(walk, row), spans


def _read_row(walk: _Walk, row: _Row) -> bool:
    """The row's part in its table (a tumour header or row, a header, a row under marker columns);
    True when that read the row, False when its mentions are read as clauses (its cells typed)."""
    t, table = walk.t, walk.table
    tumours = _tumour_header(t, row)
    if tumours is not None:
        _finish_tumour_table(table)
        walk.table, walk.open_clause = tumours, None
        return True
    if table is not None and table.tumours is not None:
        walk.clauses.extend(_tumour_row(t, row, table, walk.st))
        return True
    header = _header_table(row, _header_kinds_if_header(row))
    if header is not None:
        walk.table, walk.open_clause = header, None
        return True
    read = _column_row(t, row, table, walk.st, walk.cells)
    if read is not None:
        walk.clauses.extend(read)
        walk.open_clause = None
        return True
    if table is not None:
        walk.cells.extend((a, b, kind) for (a, b), kind in zip(row.spans, table.header_types) if b > a)
    return False


def _no_mention_step(walk: _Walk, line: _Line) -> None:
    """A line without mentions goes on with the open clause, or is a header over the lines below."""
    clause = walk.open_clause
    if clause is not None and not _CUE_HEADER.match(line.text) and _continues(line.text, clause, line.indented, walk.t):
        _extend(clause, walk.t, line.start, line.end)
        return
    walk.open_clause = None
    _read_header_cues(line.text, walk.st)


def _continuation_step(walk: _Walk, line: _Line, mentions: list[_Mention]) -> bool:
    """The part of a line with mentions that goes on with the open clause: the whole line of
    measures under a FISH header (True: the line is read), or the part before the first mention."""
    clause, t = walk.open_clause, walk.t
    if clause is None:
        return False
    if clause.primary in ("ish", "measure", "cep") and all(m.kind in ("measure", "cep") for m in mentions):
        _extend(clause, t, line.start, line.end)  # "Mean HER2 signals/cell: 12.4" under a FISH header
        return True
    first = mentions[0]
    if first.start > line.start and (line.indented or _LINE_CONTINUES.match(line.text) or _soft_wrap(line.text, clause, t)):
        _extend(clause, t, line.start, first.start)
    return False


def _mention_step(walk: _Walk, line: _Line, mentions: list[_Mention], row_amended: bool) -> None:
    """The clauses of a line with mentions (they become the open clause), or the heading cues of a
    line that names a panel of markers without values."""
    t, st, first = walk.t, walk.st, mentions[0]
    if all(m.kind == "allmarkers" for m in mentions) and (
        line.text.rstrip().endswith(":") or not _PANEL_VALUE.search(line.text, first.end - line.start)
    ):  # "BREAST BIOMARKERS - DUCTAL CARCINOMA IN SITU (Block A3)": a heading over the lines below
        _read_header_cues(line.text, st)  # "DCIS Biomarkers (block B5):" governs the lines below
        walk.open_clause = None
        return
    # the label part of the line: the statement that holds the first mention, not the whole line
    # before it (one OCR'd line can carry a whole report: "DUCTAL CARCINOMA IN SITU ... . - ER: ...")
    label_sentences = _sentences(t, line.start, first.start)
    label_start = label_sentences[-1][0] if label_sentences else line.start
    if label_start > line.start and t[label_start - 1 : first.start].strip().endswith((".", ":")):
        label_start = first.start  # the mention opens its own statement
    _read_header_cues(t[label_start : first.start], st, partial=True)
    st.line_repeat = st.line_repeat or row_amended
    line_clauses = _line_clauses(t, _group_mentions(t, mentions), line.start, line.end, st, line.no)
    walk.clauses.extend(line_clauses)
    walk.open_clause = line_clauses[-1] if line_clauses else None


def _soft_wrap(line: str, clause: _Clause, t: str) -> bool:
    """The line goes on with the sentence of the line before, wrapped mid-sentence (pasted text):
    that line does not end a sentence or a label, and this one starts in lower case or with "("."""
    a, b = clause.ranges[-1]
    prev_text = t[max(a, b - 200) : b].rstrip()
    first = line.lstrip()[:1]
    return bool(prev_text) and prev_text[-1] not in ".;:)" and (first.islower() or first == "(")


def _continues(line: str, clause: _Clause, indented: bool, t: str) -> bool:
    """Whether ``line`` (no mention on it) goes on with ``clause``: a part of a value ("Intensity:
    strong"), a template answer, an indented line, a wrapped sentence, or a clause still without value."""
    if _LINE_CONTINUES.match(line):
        return True
    if _DASH_VALUE.match(line):
        # a CAP template answer under its question ("Estrogen Receptor (ER) Status" / "- Positive ..."):
        # it goes on with the line above when that line holds no value yet
        a, b = clause.ranges[-1]
        if not _ANY_VALUE.search(t, max(a, clause.mention.end), b):
            return True
    if indented and clause.primary != "allmarkers":
        return True
    if _soft_wrap(line, clause, t):
        return True
    last_end = clause.ranges[-1][1]
    prev_text = t[clause.ranges[-1][0] : last_end].rstrip()
    if prev_text.endswith(",") or _DANGLING.search(prev_text):
        return True  # a value list or a sentence that runs on to the next line
    if prev_text.endswith(":") and not _has_values(t, clause):
        return True  # "Estrogen receptor:" with its value on the next line
    if clause.primary in ("ish", "measure") and not _has_values(t, clause):
        return True
    return False


_DASH_VALUE = P.lazy(r"^[ \t]{0,6}-[ \t]{1,3}\S")


def _has_values(t: str, clause: _Clause) -> bool:
    """A value after the clause's marker names (the "2" of "HER2" is none)."""
    after = clause.mention.end
    body = " ".join(t[max(a, after) : b] for a, b in clause.ranges if b > after)
    return bool(_ANY_VALUE.search(body))


def _extend(clause: _Clause, t: str, start: int, end: int) -> None:
    """Add the sentences of ``t[start:end]`` to ``clause`` (not a hypothetical one, nor a comment heading)."""
    for s_start, s_end in _sentences(t, start, end):
        if P.HYPOTHETICAL.search(t, s_start, s_end):
            continue
        if P.SECTION_COMMENT.match(t[s_start:s_end]):
            continue
        clause.ranges.append((s_start, s_end))


# a value on a line that names a panel of markers ("ER, PR, HER2: pending"): no heading over the lines below
_PANEL_VALUE = P.lazy(r"positiv|negativ|pending|ordered|to\s{1,3}follow|\bsent\b|not\s{1,3}(?:performed|done)|addendum|\d\s{0,2}%",
                      regex.IGNORECASE)


@dataclass
class _LineSentences:
    """The sentences of one line (``sentences``, their ``starts``), and what is asked of each once,
    so that a line of a million mentions stays linear."""

    t: str
    sentences: list[tuple[int, int]]
    starts: list[int] = field(init=False)
    _questions: dict[tuple[int, int], bool] = field(default_factory=dict)
    _repeats: dict[tuple[int, int], bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = [a for a, _ in self.sentences]

    def asks(self, a: int, b: int) -> bool:
        """The sentence ``t[a:b]`` is a question."""
        if (a, b) not in self._questions:
            self._questions[(a, b)] = _is_question(self.t[a:b])
        return self._questions[(a, b)]

    def repeats(self, a: int, b: int) -> bool:
        """The sentence ``t[a:b]`` says the test is a repeat (looked for near its start only)."""
        if (a, b) not in self._repeats:
            self._repeats[(a, b)] = bool(P.REPEAT.search(self.t, a, min(b, a + _REPEAT_REACH)))
        return self._repeats[(a, b)]


# How far into a sentence a repeat cue ("repeated on block B2") is looked for.
_REPEAT_REACH = 4 * _CUE_WINDOW
# The window around a mention where "final" ("FINAL RESULT: ...") marks the final result.
_FINAL_BEFORE = 60
_FINAL_AFTER = 12


@dataclass(frozen=True)
class _Statement:
    """Where one mention group's statement lies on its line: the group's first ``mention``, the
    statement's ``start`` and ``end``, and the sentence that holds the mention (``s_start``, ``s_end``)."""

    mention: _Mention
    start: int
    end: int
    s_start: int
    s_end: int


def _line_clauses(
    t: str, groups: list[list[_Mention]], l_start: int, l_end: int, st: _State, line_no: int
) -> list[_Clause]:
    """The clauses of the mention ``groups`` of the line ``t[l_start:l_end]`` (line number ``line_no``),
    one per group whose statement holds any text, in the context of ``st``. Takes (and clears) the
    cues of the line's label part, ``st.line_flags`` and ``st.line_repeat``."""
    sents = _LineSentences(t, _sentences(t, l_start, l_end))
    line_flags, line_repeat = st.line_flags, st.line_repeat
    st.line_flags, st.line_repeat = set(), False
    starts, pres = _clause_starts(t, groups, sents.sentences, l_start)
    out: list[_Clause] = []
    for i, group in enumerate(groups):
        m0 = group[0]
        c_end = starts[i + 1] if i + 1 < len(groups) else l_end
        ranges = _clause_ranges(t, sents, m0, starts[i], c_end, l_start)
        if not ranges:
            continue
        stmt = _Statement(m0, starts[i], c_end, _sentence_start(sents.sentences, m0.start, l_start),
                          _sentence_end(sents.sentences, m0.start, l_end))
        flags = _clause_flags(t, sents, st, set(st.header_flags) | line_flags, stmt,
                              groups[i - 1][-1].end if i else None)
        repeat = st.header_repeat or line_repeat or sents.repeats(stmt.s_start, stmt.s_end)
        out.append(_Clause(
            kinds=[m.kind for m in group],
            mention=_Mention(m0.kind, m0.start, group[-1].end, t[m0.start : group[-1].end]),
            ranges=ranges,
            context=_clause_context(t, st, stmt, repeat),
            flags=flags,
            pre=pres[i],
            pre_start=stmt.start,
            final=bool(P.FINAL.search(t, max(stmt.s_start, m0.start - _FINAL_BEFORE), m0.end + _FINAL_AFTER)),
            line_no=line_no,
            names=[(m.start, m.end) for m in group],
        ))
    _trailing_history(t, sents.sentences, out)
    return out


def _clause_starts(t: str, groups: list[list[_Mention]], sentences: list[tuple[int, int]],
                   l_start: int) -> tuple[list[int], list[str]]:
    """Where each group's statement starts (at its first mention, or earlier at the words that
    govern it: "positive for ER"), and those words ("" when none)."""
    starts: list[int] = []
    pres: list[str] = []
    for i, group in enumerate(groups):
        m0 = group[0]
        floor = groups[i - 1][-1].end if i else l_start
        floor = max(floor, _sentence_start(sentences, m0.start, l_start), m0.start - _CUE_WINDOW)
        before = t[floor : m0.start]
        pm = _PRE_STATUS.search(before)
        if pm is None and m0.kind == "ish":  # "HER2 NEG (FISH)": the status belongs to the ISH named after it
            pm = _PRE_ISH_STATUS.search(before)
        start = floor + pm.start() if pm else m0.start
        starts.append(start)
        pres.append(t[start : m0.start] if pm else "")
    return starts, pres


def _clause_ranges(t: str, sents: _LineSentences, m0: _Mention, c_start: int, c_end: int,
                   l_start: int) -> list[tuple[int, int]]:
    """The pieces of ``t[c_start:c_end]``, sentence by sentence, that make the statement of the
    mention ``m0``: its own sentence and the following ones as far as they hold its value."""
    ranges: list[tuple[int, int]] = []
    k = max(0, bisect.bisect_right(sents.starts, c_start) - 1)
    following = 0
    for a, b in sents.sentences[k:]:
        if a >= c_end:
            break
        a2, b2 = max(a, c_start), min(b, c_end)
        if a2 >= b2:
            continue
        if a > m0.start:
            # a sentence after the mention's own: the statement goes on only as far as it holds
            # this marker's value (see _goes_on); past that, nothing is read for this mention
            if not _goes_on(t, ranges, a2, b2, m0.end, following):
                break
            following += 1
            if P.HYPOTHETICAL.search(t, a2, b2) or sents.asks(a, b):
                continue  # a continuation sentence that speaks of what might be, or asks
        ranges.append((a2, b2))
    return _cut_at_other_subject(t, ranges, m0.end)


def _clause_flags(t: str, sents: _LineSentences, st: _State, flags: set[Flag], stmt: _Statement,
                  prev_end: int | None) -> set[Flag]:
    """``flags`` (the header's and the label's) with the statement's own cues added: DCIS named
    since the previous group (which ends at ``prev_end``), historical, hypothetical or a question."""
    m0, s_start, s_end = stmt.mention, stmt.s_start, stmt.s_end
    # cue windows are bounded so that a line of a million mentions stays linear
    win_start = max(s_start, stmt.start - _CUE_WINDOW)
    win_end = min(stmt.end, s_end, m0.end + _CUE_WINDOW)
    own_text = t[stmt.start : min(stmt.end, stmt.start + _CUE_WINDOW)]
    if st.section == SectionKind.HISTORY:
        flags.add(Flag.HISTORICAL)
    if prev_end is not None and _dcis_cue(t[max(s_start, prev_end) : m0.start]):
        flags.add(Flag.DCIS)  # "... KI-67 70-80%. DCIS COMPONENT (BLOCK A7): ESTROGEN RECEPTOR POSITIVE"
    if _historical(t, win_start, win_end, m0.start):
        flags.add(Flag.HISTORICAL)
    # a conditional after the result, past a clause boundary, speaks of something else: "I'm
    # HER2-ultralow, so the trial might still apply" (ConText: the scope ends at "so", "but", ...)
    scope = _SCOPE_END.search(t, m0.end, win_end)
    hyp_end = scope.start() if scope is not None else win_end
    hyp_start = min(win_start, stmt.start)
    if sents.asks(s_start, s_end) or P.HYPOTHETICAL_STRONG.search(t, hyp_start, hyp_end) or (
        P.HYPOTHETICAL.search(t, hyp_start, hyp_end) and not P.PENDING.search(own_text)
    ):
        flags.add(Flag.HYPOTHETICAL)
    return flags


def _clause_context(t: str, st: _State, stmt: _Statement, repeat: bool) -> Context:
    """The statement's :class:`Context`: the walk's, with a side or a tumour named in its own
    sentence before the mention ("left was 1.1 cm ER+ 90%", "TUMOR 2 (BLOCK A9): ER ...") and its date."""
    m0, s_start, s_end = stmt.mention, stmt.s_start, stmt.s_end
    cue_start = max(s_start, m0.start - _CUE_WINDOW)
    specimen, side, size, tumour = st.specimen, st.side, st.size_mm, st.tumour
    sm = None
    for sm in _SENTENCE_SIDE.finditer(t, cue_start, m0.start):
        pass  # the last side named before the mention in its sentence
    if sm is not None:  # "left was 1.1 cm ER+ 90% ... right was bigger, 2.3 cm, ER 80% ..."
        side = "left" if sm.group("side").lower().startswith("l") else "right"
        specimen = side
        sizes = [_mm(z) for z in P.SIZE.finditer(t, s_start, s_end)]
        size = max(sizes) if sizes else None
    named = None
    for named in _TUMOUR_SIZE.finditer(t, cue_start, m0.start):
        pass  # the last tumour named before the mention in its sentence: "TUMOR 2 (BLOCK A9): ER ..."
    if named is not None and _TUMOUR_LABEL_END.match(t, named.end(), m0.start):  # a label, not "apart from tumour 1"
        tumour = named.group("n")
        size = st.tumour_sizes.get(tumour, size)
    date = _date(t[cue_start : m0.start])
    if not date:
        date = st.date
        if st.kind_dates:  # the date of the kind of specimen named around the mention
            date = st.kind_dates.get(_kind_of(t[cue_start : min(s_end, m0.end + _CUE_WINDOW)]) or "", st.date)
    return Context(section=st.section, section_index=st.section_index, specimen=specimen,
                   specimen_index=st.specimen_index, repeat=repeat, date=date, side=side, tumour=tumour, size_mm=size)


def _trailing_history(t: str, sentences: list[tuple[int, int]], clauses: list[_Clause]) -> None:
    """A trailing source governs the whole list before it in its sentence: "ER positive, PR
    negative, HER2 negative per prior specimen." [report.history]: those clauses are historical."""
    for a, b in sentences:
        if _TRAILING_HISTORY.search(t, a, b):
            for clause in clauses:
                if a <= clause.mention.start < b:
                    clause.flags.add(Flag.HISTORICAL)


#: How far a statement may run past its marker mention: at most this many further sentences of the
#: same line, none starting more than this many characters after the mention (issue "Safe on real
#: reports": a value search that ran past its statement read sizes, grades and node results).
STATEMENT_MAX_FOLLOWING = 3
STATEMENT_REACH = 240
# A sentence that starts a new item: a bullet, or a label of something else ("PATHOLOGIC STAGE:").
_NEW_ITEM = P.lazy(r"^\s{0,6}(?:[-•*]\s|\d{1,2}[.)]\s|(?![^:\n]{0,40}(?:positiv|negativ|amplif|equivoc))[A-Za-z][A-Za-z/&-]*(?:\s[A-Za-z/&-]+){0,3}\s?:)",
                     regex.IGNORECASE)
# A sentence about another subject of the report: nodes, margins, stage, grade, size, gross.
_OTHER_TOPIC = P.lazy(
    r"\b(?:lymph|nodes?|margins?|stage|p[TN]\s?\d|grade|nottingham|mitos[ie]s|mitotic|tubul|measur\w*|gross"
    r"|lymphovascular|LVI|necrosis|calcifications?|cellularity|metasta\w*|stroma\w*|fat)\b"
    r"|\d\s{0,2}[xX×]\s{0,2}\d",
    regex.IGNORECASE,
)
_HAS_VALUE = P.lazy(
    r"\d|positiv|negativ|\bpos\b|\bneg\b|amplified|equivocal|pending|not\s{1,3}(?:performed|done)|[+-]\s*(?:$|[,;.)])",
    regex.IGNORECASE,
)


# Inside a sentence, a part after a comma or semicolon that speaks of another subject ends the
# statement: "ER POS, specimen 30 x 20 cm", "PR 5% weak, margins negative", "HER2 0, lymph nodes 0/12".
_SUBJECT_BREAK = P.lazy(
    r"""(?:[,;]|\.(?=\s))\s{0,3}(?=(?:[\w-]+\s{1,3}){0,3}?(?:TILs?\b|lymphocytes|lymph|nodes?\b|margins?\b|stage\b|p[TN]\s?\d|(?:nottingham\s{1,3}|histologic\s{1,3})?grade\b
        |nottingham|mitos[ie]s|mitotic|tubul|size\b|measur\w*|cellularity|cores?\b|lymphovascular|LVI\b|necrosis|calcifications?
        |metasta\w*|specimen\b|\d{1,3}(?:[.,]\d)?\s{0,2}[xX×]\s{0,2}\d))""",
    regex.IGNORECASE | regex.VERBOSE,
)


def _cut_at_other_subject(t: str, ranges: list[tuple[int, int]], mention_end: int) -> list[tuple[int, int]]:
    """The ranges up to the first break to another subject after the mention (see _SUBJECT_BREAK)."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        cut = _SUBJECT_BREAK.search(t, max(a, mention_end), b) if b > mention_end else None
        if cut is not None:
            if cut.start() > a:
                out.append((a, cut.start()))
            break
        out.append((a, b))
    return out


def _goes_on(t: str, ranges: list[tuple[int, int]], a: int, b: int, mention_end: int, following: int) -> bool:
    """Whether the sentence ``t[a:b]`` after a mention's own sentence still belongs to its statement.

    It does when it is near (:data:`STATEMENT_REACH`, :data:`STATEMENT_MAX_FOLLOWING`) and either
    names a part of the value ("Intensity: strong.", "90% of cells.", "Score 2+.") or, while the
    mention has no value yet ("ER. Performed on block A2. Immunoreactive cells 90%."), neither opens
    a new item nor speaks of another subject (nodes, margins, size, grade, stage).
    """
    if following >= STATEMENT_MAX_FOLLOWING or a - mention_end > STATEMENT_REACH:
        return False
    sentence = t[a:b]
    if _LINE_CONTINUES.match(sentence) or _CONTINUES_THE.match(sentence):
        return True
    if _NEW_ITEM.match(sentence) is None and _OTHER_TOPIC.search(sentence) is None and _STAINING.search(sentence):
        return True  # "ER (SP1): NEGATIVE. No nuclear staining in invasive tumour cells (0%)."
    if any(_HAS_VALUE.search(t, max(x, mention_end), y) for x, y in ranges):
        return False
    return _NEW_ITEM.match(sentence) is None and _OTHER_TOPIC.search(sentence) is None


_STAINING = P.lazy(r"\b(?:stain\w{0,4}|immunoreactiv\w{0,4}|nuclear|nuclei|reactivity|expression)\b", regex.IGNORECASE)
_CONTINUES_THE = P.lazy(r"^\s{0,3}(?:(?:reported|interpreted|read|scored)\s{1,3}as\b|(?:the\s{1,3})?(?:score|result|percentage|proportion|intensity|staining\s{1,3}intensity)\b)"
                        r"(?!\s{1,3}(?:of|for)\s{1,3}(?:the\s{1,3})?(?:IHC|ISH|FISH|ER|PR|HER))", regex.IGNORECASE)
_PRE_ISH_STATUS = P.lazy(
    r"\b(?:neg(?:ative)?|pos(?:itive)?|not\s{1,3}amplified|non-?amplified|amplified)\s{0,3}(?:\(\s{0,2}|by\s{1,3})$",
    regex.IGNORECASE,
)
