"""TODO"""

from __future__ import annotations

import bisect
import regex

from . import patterns as P
from ..models import Context, Flag, SectionKind
from .context import _CUE_WINDOW, _SCOPE_END, _SENTENCE_SIDE, _TRAILING_HISTORY, _dcis_cue, _historical, _is_question
from .mentions import _Clause, _Mention, _all_mentions, _find_mentions, _group_mentions
from .sections import _CUE_HEADER, _DIMENSIONS, _INVASIVE_SIZE, _MM_PER_CM, _SPECIMEN_KIND, _State, _TUMOUR_LABEL_END, _TUMOUR_LABEL_HINT, _TUMOUR_SIZE, _TUMOUR_SIZE_WORDS, _date, _kind_of, _mm, _read_header_cues, _side
from .segments import _DANGLING, _sentence_end, _sentence_start, _sentences
from .tables import _AMENDED_CELL, _CLONE_PARENS, _FLAT_KINDS, _FLAT_TOKEN, _SEPARATOR_ROW, _SIZE_ROW, _STATUS_WORD_ANY, _Table, _VALUE_WORD, _field_marker, _finish_tumour_table, _flat_columns, _flat_header, _flat_row, _header_kind, _is_table_row, _mentions_inside_cells, _table_cells, _tumour_column
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


def _clauses(t: str, cells: list[tuple[int, int, str]], raw: str | None = None,
             index: list[_Mention] | None = None) -> list[_Clause]:
    st = _State()
    clauses: list[_Clause] = []
    open_clause: _Clause | None = None
    table: _Table | None = None
    pos = 0
    lines = t.split("\n")
    raw_lines = (raw if raw is not None else t).split("\n")
    index = _all_mentions(t) if index is None else index
    for line_no, line in enumerate(lines):
        l_start, l_end = pos, pos + len(line)
        pos = l_end + 1
        # ---- tables: a header row gives each column a meaning
        row_amended = False
        row = _table_cells(line, l_start, raw_lines[line_no], table)
        if row is not None and not _mentions_inside_cells(row, _find_mentions(t, l_start, l_end, index)):
            row = None  # a marker name spans two "cells" ("Estrogen  Receptor"): a label line, not a table
        if row is not None:
            spans = row
            texts = [t[a:b] for a, b in spans]
            if _SEPARATOR_ROW.fullmatch(raw_lines[line_no]):
                continue  # separator row
            mentions_in = [_find_mentions(t, a, b, index) for a, b in spans]
            first_has_marker = bool(mentions_in and mentions_in[0])
            header_kinds = [_header_kind(x) for x in texts]
            named = sum(k != "other" for k in header_kinds) + sum(bool(ms) for ms in mentions_in[1:])
            is_header = (
                # (a clone in parentheses is no value: "HER2 (4B5)")
                not any(_VALUE_WORD.search(_CLONE_PARENS.sub("", x)) or (ms and _STATUS_WORD_ANY.search(x))
                        for x, ms in zip(texts, mentions_in))
                and named >= 2
                # a header names its columns: most cells are column names, none is a sentence
                and (_is_table_row(raw_lines[line_no]) or (2 * named >= len(texts) and len(texts) <= 8
                                                          and all(len(x) <= 40 for x in texts)))
            )
            tumour_cols = [_tumour_column(x) for x in texts]
            if not any(mentions_in) and sum(c is not None for c in tumour_cols) >= 2 and not _is_table_row(raw_lines[line_no]):
                # "                  Lesion 1 (2 o'clock)     Lesion 2 (10 o'clock)": the columns are tumours
                _finish_tumour_table(table)
                if spans[0][0] - l_start >= 2:
                    spans, tumour_cols = [(l_start, l_start)] + spans, [None] + tumour_cols
                table = _Table(["other"] * len(spans), [None] * len(spans), spans, l_start, tumours=tumour_cols)
                for i, (a, b) in enumerate(spans):  # "LEFT (32 mm)": the size in the header
                    size = P.SIZE.search(t, a, b) if b > a else None
                    if size is not None:
                        table.sizes[i] = _mm(size)
                open_clause = None
                continue
            if table is not None and table.tumours is not None:
                label_ms = mentions_in[0] if mentions_in else []
                marker = label_ms[0].kind if label_ms and label_ms[0].kind in _FLAT_KINDS else None
                if marker is None and _SIZE_ROW.match(texts[0]):
                    for i, (a, b) in enumerate(spans[1:], start=1):
                        size = P.SIZE.search(t, a, b)
                        if size is not None:
                            table.sizes[i] = _mm(size)
                    continue
                if marker is not None:
                    for i, (a, b) in enumerate(spans[1:], start=1):
                        label = table.tumours[i] if i < len(table.tumours) else None
                        if label is None or not t[a:b].strip():
                            continue
                        ctx = Context(section=st.section, section_index=st.section_index, specimen=st.specimen,
                                      specimen_index=st.specimen_index, tumour=label,
                                      side=label if label in ("left", "right") else st.side)
                        clause = _Clause(kinds=[marker], mention=_Mention(marker, a, a, ""), ranges=[(a, b)],
                                         context=ctx, flags=set(st.header_flags), pre_start=a, line_no=line_no)
                        clauses.append(clause)
                        table.tumour_clauses.append((i, clause))
                    continue
                continue  # another row of the tumour table ("Grade", "LVI")
            if is_header and (not first_has_marker or all(mentions_in)):
                aligned = not _is_table_row(raw_lines[line_no])
                markers = [ms[0].kind if ms and ms[0].kind in ("er", "pr", "her2", "ki67", "ish")
                           else _field_marker(x) for ms, x in zip(mentions_in, texts)]
                if aligned and not spans[0][0] - l_start < 2 and any(markers):
                    # "           ER   PR   HER2": the first (row label) column is empty in the header
                    spans = [(l_start, l_start)] + spans
                    header_kinds = ["other"] + header_kinds
                    markers = [None] + markers
                table = _Table(header_kinds, markers, spans if aligned else None, l_start)
                open_clause = None
                continue
            if table is not None and any(table.header_markers[1:]) and not first_has_marker:
                # a row of a column-oriented table: "| DCIS | Positive (95%) | ... |"
                row_flags = set(st.header_flags)
                if P.DCIS.search(texts[0]) and not P.INVASIVE.search(texts[0]):
                    row_flags.add(Flag.DCIS)
                for i, (a, b) in enumerate(spans[1:], start=1):
                    kind = table.header_markers[i] if i < len(table.header_markers) else None
                    if kind is None or not t[a:b].strip():
                        continue
                    if i < len(table.header_types) and b > a:  # "er percent" column: its bare values are percents
                        cells.append((a, b, table.header_types[i]))
                    ctx = Context(section=st.section, section_index=st.section_index,
                                  specimen=st.specimen, specimen_index=st.specimen_index)
                    clauses.append(_Clause(kinds=[kind], mention=_Mention(kind, a, a, ""), ranges=[(a, b)],
                                           context=ctx, flags=set(row_flags), pre_start=a, line_no=line_no))
                open_clause = None
                continue
            if table is not None:
                cells.extend((a, b, kind) for (a, b), kind in zip(spans, table.header_types) if b > a)
            # "...;2+;AMENDED;2025-02-12": this row corrects an earlier one
            row_amended = any(_AMENDED_CELL.fullmatch(x) for x in texts)
        else:
            _finish_tumour_table(table)
            table = None
        if not raw_lines[line_no].strip():
            open_clause = None
            st.header_flags = set()
            st.header_repeat = False
            if st.section == SectionKind.COMMENT or st.section == SectionKind.HISTORY:
                st.section = st.base_section
            continue
        if not line.strip():
            continue  # a line that is all control/method text: skipped, the context stays open
        # ---- structure
        if st.section in (SectionKind.COMMENT, SectionKind.HISTORY) and line[:1] not in (" ", "\t"):
            st.section = st.base_section  # a comment / history paragraph ends at the next label line
        if P.SECTION_ADDENDUM.match(line):
            st.section_index += 1
            st.section = st.base_section = SectionKind.ADDENDUM
            st.header_flags = set()
            open_clause = None
        elif P.SECTION_AMENDMENT.match(line):
            st.section_index += 1
            st.section = st.base_section = SectionKind.AMENDMENT
            open_clause = None
        elif P.SECTION_COMMENT.match(line):
            st.section = SectionKind.COMMENT
            open_clause = None
        elif P.SECTION_HISTORY.match(line):
            st.section = SectionKind.HISTORY
            open_clause = None
        elif P.SECTION_MAIN.match(line) and st.section in (SectionKind.COMMENT, SectionKind.HISTORY):
            st.section = st.base_section
        spec = P.SPECIMEN_HEADER.match(line)
        if spec:
            label = spec.group("label") or spec.group("letter") or spec.group("tumour") or spec.group("sidelabel")
            if label and label != st.specimen:
                st.specimen = label
                st.specimen_index += 1
                st.header_flags = set()
                st.header_repeat = False
                st.tumour = spec.group("tumour")
                side = P.SIDE.search(line)
                st.side = _side(side) if side else st.side
                sizes = [_mm(m) for m in P.SIZE.finditer(line)]
                st.size_mm = max(sizes) if sizes else st.tumour_sizes.get(st.tumour or "")
                st.date = _date(line) or None
            open_clause = None
        elif P.SECTION_ADDENDUM.match(line) or P.SECTION_AMENDMENT.match(line):
            st.date = _date(line) or st.date
        raw_line = raw_lines[line_no]  # (sizes are read from the unmasked line: a blanked sentence may hold them)
        if _TUMOUR_LABEL_HINT.search(raw_line):
            for named in _TUMOUR_SIZE.finditer(raw_line):  # "MASS 2 (10:00): ... 3.1 CM", "Mass 1, ..., 1.2 x 1.0 cm"
                dims = _DIMENSIONS.search(raw_line, named.end(), named.end() + 120)
                if dims is not None:
                    values = [float(v.replace(",", ".")) for v in regex.findall(r"\d{1,3}(?:[.,]\d)?", dims.group("d"))]
                    st.tumour_sizes.setdefault(named.group("n"), max(values) * (_MM_PER_CM if dims.group("u").lower() == "cm" else 1))
        if _SPECIMEN_KIND.search(line):
            line_date, kind = _date(line), _kind_of(line)
            if line_date is not None and kind is not None:
                st.kind_dates.setdefault(kind, line_date)
        mentions = _find_mentions(t, l_start, l_end, index)
        indented = line[:1] in (" ", "\t")
        # "Size: 31 mm" under "TUMOR 1", "Invasive tumor size: 12 mm" under "PART A - RIGHT BREAST"
        size_line = P.SIZE_LINE.match(line) if st.tumour is not None or (
            st.specimen is not None and _TUMOUR_SIZE_WORDS.search(line)) else None
        if size_line is None and st.specimen is not None and st.size_mm is None and "argin" not in line:
            # "A. RIGHT BREAST, LUMPECTOMY:" / "- Invasive ductal carcinoma, grade 3, 11 mm.": the part's tumour size
            size_line = _INVASIVE_SIZE.search(line)
        if size_line is not None:  # "Size: 31 mm" under "TUMOR 1": that tumour's size
            st.size_mm = _mm(size_line)
        # ---- a flattened table: "ER PR HER2 Ki67" / "Positive Negative 1+ 15%", or column names
        # "Biomarker Result %/Score Intensity" over rows "Ki-67 n/a 22 n/a"
        if row is None and all(m.kind == "allmarkers" for m in mentions):
            columns = _flat_columns(t, l_start, l_end)
            if columns is not None:
                st.flat_columns = columns
                open_clause = None
                continue
        if st.flat_columns is not None:
            if not mentions or not line.strip():
                st.flat_columns = None
            else:
                tokens = [(m.start(), m.end()) for m in _FLAT_TOKEN.finditer(t, l_start, l_end)]
                if len(tokens) == len(st.flat_columns) and mentions[0].start == tokens[0][0]:
                    cells.extend((a, b, k) for (a, b), k in zip(tokens, st.flat_columns) if k != "other")
        if mentions and row is None:
            flat = _flat_header(t, l_start, l_end, mentions)
            if flat is not None:
                st.flat_markers = flat
                open_clause = None
                continue
        if st.flat_markers is not None:
            values = None if mentions else _flat_row(t, l_start, l_end, st.flat_markers)
            if values is None:
                st.flat_markers = None
            else:
                label_kind = _header_kind(t[values[0][0] : values[0][1]]) if values[0][1] > values[0][0] else "other"
                for kind, (a, b) in zip(st.flat_markers, values[1:]):
                    if label_kind != "other":
                        cells.append((a, b, label_kind))
                    ctx = Context(section=st.section, section_index=st.section_index,
                                  specimen=st.specimen, specimen_index=st.specimen_index)
                    clauses.append(_Clause(kinds=[kind], mention=_Mention(kind, a, a, ""), ranges=[(a, b)],
                                           context=ctx, flags=set(st.header_flags), pre_start=a, line_no=line_no))
                open_clause = None
                continue
        # ---- a line without mentions: continuation, or a header governing lines below
        if not mentions:
            if open_clause is not None and not _CUE_HEADER.match(line) and _continues(line, open_clause, indented, t):
                _extend(open_clause, t, l_start, l_end)
                continue
            open_clause = None
            _read_header_cues(line, st)
            continue
        # ---- the part before the first mention continues the open clause
        first = mentions[0]
        if open_clause is not None and open_clause.primary in ("ish", "measure", "cep") and all(
            m.kind in ("measure", "cep") for m in mentions
        ):
            _extend(open_clause, t, l_start, l_end)  # "Mean HER2 signals/cell: 12.4" under a FISH header
            continue
        if open_clause is not None and first.start > l_start and (
            indented or _LINE_CONTINUES.match(line) or _soft_wrap(line, open_clause, t)
        ):
            _extend(open_clause, t, l_start, first.start)
        if all(m.kind == "allmarkers" for m in mentions) and (
            line.rstrip().endswith(":") or not _PANEL_VALUE.search(line, mentions[0].end - l_start)
        ):  # "BREAST BIOMARKERS - DUCTAL CARCINOMA IN SITU (Block A3)": a heading over the lines below
            _read_header_cues(line, st)  # "DCIS Biomarkers (block B5):" governs the lines below
            open_clause = None
            continue
        # the label part of the line: the statement that holds the first mention, not the whole line
        # before it (one OCR'd line can carry a whole report: "DUCTAL CARCINOMA IN SITU ... . - ER: ...")
        label_sentences = _sentences(t, l_start, first.start)
        label_start = label_sentences[-1][0] if label_sentences else l_start
        if label_start > l_start and t[label_start - 1 : first.start].strip().endswith((".", ":")):
            label_start = first.start  # the mention opens its own statement
        _read_header_cues(t[label_start : first.start], st, partial=True)
        st.line_repeat = st.line_repeat or row_amended
        groups = _group_mentions(t, mentions)
        line_clauses = _line_clauses(t, groups, l_start, l_end, st, line_no)
        clauses.extend(line_clauses)
        open_clause = line_clauses[-1] if line_clauses else None
    _finish_tumour_table(table)
    return clauses


def _soft_wrap(line: str, clause: _Clause, t: str) -> bool:
    """The line goes on with the sentence of the line before, wrapped mid-sentence (pasted text):
    that line does not end a sentence or a label, and this one starts in lower case or with "("."""
    a, b = clause.ranges[-1]
    prev_text = t[max(a, b - 200) : b].rstrip()
    first = line.lstrip()[:1]
    return bool(prev_text) and prev_text[-1] not in ".;:)" and (first.islower() or first == "(")


def _continues(line: str, clause: _Clause, indented: bool, t: str) -> bool:
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
    for s_start, s_end in _sentences(t, start, end):
        if P.HYPOTHETICAL.search(t, s_start, s_end):
            continue
        if P.SECTION_COMMENT.match(t[s_start:s_end]):
            continue
        clause.ranges.append((s_start, s_end))
_PANEL_VALUE = P.lazy(r"positiv|negativ|pending|ordered|to\s{1,3}follow|\bsent\b|not\s{1,3}(?:performed|done)|addendum|\d\s{0,2}%",
                      regex.IGNORECASE)


def _line_clauses(
    t: str, groups: list[list[_Mention]], l_start: int, l_end: int, st: _State, line_no: int
) -> list[_Clause]:
    out: list[_Clause] = []
    sentences = _sentences(t, l_start, l_end)
    line_flags, line_repeat = st.line_flags, st.line_repeat
    st.line_flags, st.line_repeat = set(), False
    starts: list[int] = []
    pres: list[str] = []
    repeat_cache: dict[tuple[int, int], bool] = {}
    question_cache: dict[tuple[int, int], bool] = {}

    def asks(a: int, b: int) -> bool:  # once per sentence: a line of a million mentions stays linear
        if (a, b) not in question_cache:
            question_cache[(a, b)] = _is_question(t[a:b])
        return question_cache[(a, b)]

    sent_starts = [a for a, _ in sentences]
    for i, group in enumerate(groups):
        m0 = group[0]
        floor = groups[i - 1][-1].end if i else l_start
        s_start = _sentence_start(sentences, m0.start, l_start)
        floor = max(floor, s_start, m0.start - _CUE_WINDOW)
        before = t[floor : m0.start]
        pm = _PRE_STATUS.search(before)
        if pm is None and m0.kind == "ish":  # "HER2 NEG (FISH)": the status belongs to the ISH named after it
            pm = _PRE_ISH_STATUS.search(before)
        start = floor + pm.start() if pm else m0.start
        starts.append(start)
        pres.append(t[start : m0.start] if pm else "")
    for i, group in enumerate(groups):
        m0 = group[0]
        c_start = starts[i]
        c_end = starts[i + 1] if i + 1 < len(groups) else l_end
        s_start = _sentence_start(sentences, m0.start, l_start)
        ranges: list[tuple[int, int]] = []
        k = max(0, bisect.bisect_right(sent_starts, c_start) - 1)
        following = 0
        for a, b in sentences[k:]:
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
                if P.HYPOTHETICAL.search(t, a2, b2) or asks(a, b):
                    continue  # a continuation sentence that speaks of what might be, or asks
            ranges.append((a2, b2))
        ranges = _cut_at_other_subject(t, ranges, m0.end)
        if not ranges:
            continue
        s_end = _sentence_end(sentences, m0.start, l_end)
        # cue windows are bounded so that a line of a million mentions stays linear
        win_start = max(s_start, c_start - _CUE_WINDOW)
        win_end = min(c_end, s_end, m0.end + _CUE_WINDOW)
        own_text = t[c_start : min(c_end, c_start + _CUE_WINDOW)]
        flags = set(st.header_flags) | line_flags
        if st.section == SectionKind.HISTORY:
            flags.add(Flag.HISTORICAL)
        if i and _dcis_cue(t[max(s_start, groups[i - 1][-1].end) : m0.start]):
            flags.add(Flag.DCIS)  # "... KI-67 70-80%. DCIS COMPONENT (BLOCK A7): ESTROGEN RECEPTOR POSITIVE"
        if _historical(t, win_start, win_end, m0.start):
            flags.add(Flag.HISTORICAL)
        # a conditional after the result, past a clause boundary, speaks of something else: "I'm
        # HER2-ultralow, so the trial might still apply" (ConText: the scope ends at "so", "but", ...)
        scope = _SCOPE_END.search(t, m0.end, win_end)
        hyp_end = scope.start() if scope is not None else win_end
        if asks(s_start, s_end) or P.HYPOTHETICAL_STRONG.search(t, min(win_start, c_start), hyp_end) or (
            P.HYPOTHETICAL.search(t, min(win_start, c_start), hyp_end) and not P.PENDING.search(own_text)
        ):
            flags.add(Flag.HYPOTHETICAL)
        key = (s_start, s_end)
        if key not in repeat_cache:
            repeat_cache[key] = bool(P.REPEAT.search(t, s_start, min(s_end, s_start + 4 * _CUE_WINDOW)))
        repeat = st.header_repeat or line_repeat or repeat_cache[key]
        specimen, side, size, tumour = st.specimen, st.side, st.size_mm, st.tumour
        sm = None
        for sm in _SENTENCE_SIDE.finditer(t, max(s_start, m0.start - _CUE_WINDOW), m0.start):
            pass  # the last side named before the mention in its sentence
        if sm is not None:  # "left was 1.1 cm ER+ 90% ... right was bigger, 2.3 cm, ER 80% ..."
            side = "left" if sm.group("side").lower().startswith("l") else "right"
            specimen = side
            sizes = [_mm(z) for z in P.SIZE.finditer(t, s_start, s_end)]
            size = max(sizes) if sizes else None
        named = None
        for named in _TUMOUR_SIZE.finditer(t, max(s_start, m0.start - _CUE_WINDOW), m0.start):
            pass  # the last tumour named before the mention in its sentence: "TUMOR 2 (BLOCK A9): ER ..."
        if named is not None and _TUMOUR_LABEL_END.match(t, named.end(), m0.start):  # a label, not "apart from tumour 1"
            tumour = named.group("n")
            size = st.tumour_sizes.get(tumour, size)
        ctx = Context(
            section=st.section,
            section_index=st.section_index,
            specimen=specimen,
            specimen_index=st.specimen_index,
            repeat=repeat,
            date=_date(t[max(s_start, m0.start - _CUE_WINDOW) : m0.start])
            or (st.kind_dates.get(_kind_of(t[max(s_start, m0.start - _CUE_WINDOW) : min(s_end, m0.end + _CUE_WINDOW)])
                                  or "", st.date) if st.kind_dates else st.date),
            side=side,
            tumour=tumour,
            size_mm=size,
        )
        clause = _Clause(
            kinds=[m.kind for m in group],
            mention=_Mention(group[0].kind, group[0].start, group[-1].end, t[group[0].start : group[-1].end]),
            ranges=ranges,
            context=ctx,
            flags=flags,
            pre=pres[i],
            pre_start=c_start,
            final=bool(P.FINAL.search(t, max(s_start, m0.start - 60), m0.end + 12)),
            line_no=line_no,
            names=[(m.start, m.end) for m in group],
        )
        out.append(clause)
    # a trailing source governs the whole list before it in its sentence: "ER positive, PR negative,
    # HER2 negative per prior specimen." [report.history]
    for a, b in sentences:
        if _TRAILING_HISTORY.search(t, a, b):
            for clause in out:
                if a <= clause.mention.start < b:
                    clause.flags.add(Flag.HISTORICAL)
    return out


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
