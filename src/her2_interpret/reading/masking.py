"""Stage 3, masking: blank what is never a result, keeping every offset (:func:`_mask`).

Takes the normalised text; gives a text of the same length where boilerplate is spaces (line breaks
kept), so later stages never read it and every offset still points at the same character. The passes
(:data:`_PASSES`, in order) blank: lines with unticked boxes, method sentences, page furniture, results
marked invalid or in error (keeping the marker names, so a correction that follows is read), trial
criteria and laboratory statistics, statements that are not results (the classes and cue vocabularies
of :mod:`.statements`: definitions, keys, template hints, literature; inside parentheses the aside
only), scoring keys written as rows, phrases about classes of tumours and hedges, reference columns,
option lists, clones, fixation, cellularity, counts, checkbox marks, field names, registry codes and
pipe separators. Last, :func:`_blank_controls` blanks sentences about controls, benign tissue or
family members (only the control remark when the sentence also holds results).

To add a kind of boilerplate: a cue in :mod:`.statements` when it is a statement class, else a
pattern in :mod:`.patterns` and a pass here; then a row in tests/test_statements.py or
tests/test_cues.py, and the grid of tests/test_statement_grid.py shows it does not eat real results.
"""

from __future__ import annotations

import bisect
import regex

from . import patterns as P
from .regions import receptor_regions
from .statements import _CUE_PATTERN as _CUES, CLASS_OF_TUMOURS, HEDGE
from .context import _CORRECTION, _CUE_WINDOW, _NOT_OLD_VALUE
from .mentions import _RESULT_KINDS
from .segments import _DANGLING, _LineIndex, _PARENS, _sentence_at, _sentences


# --------------------------------------------------------------------------- masking


_REFERENCE_HEADER = P.lazy(
    r"^\s{0,8}\S+(?:\s\S+){0,2}(?:\s{2,}\S+(?:\s\S+){0,2}){0,4}\s{2,}(reference(?:\s+range)?|ref\.?\s+range|normal\s+range|expected(?:\s+range)?)(?:\s{0,2}[/&]\s{0,2}\w+)?\s*$", regex.IGNORECASE
)


_REFERENCE_HINT = P.lazy(r"reference|ref\.?\s+range|normal\s+range|expected", regex.IGNORECASE)


_LINE_LABEL = P.lazy(r"[ \t*#=_-]{0,20}[A-Za-z][A-Za-z ]{0,30}:")


def _blank_sentence(chars: list[str], lines: _LineIndex, start: int, end: int, keep_names: bool = False) -> None:
    """Blank the sentence (within its line) that holds ``text[start:end]``, keeping a label that
    opens the line ("Amendment: the ER ... in error ...") and, if asked, the marker names."""
    text = lines.text
    line_start, line_end = lines.line(start)
    stop_starts, stop_ends = lines.stops(line_start, line_end)
    i = bisect.bisect_right(stop_ends, start) - 1  # the last sentence end before the match
    first = stop_ends[i] if i >= 0 else line_start
    if first == line_start:
        label = _LINE_LABEL.match(text, line_start, start)
        first = label.end() if label else first
    j = bisect.bisect_left(stop_starts, end)  # the first sentence end after the match
    stop_end = stop_ends[j] if j < len(stop_ends) else line_end
    if (first, stop_end) in lines.done:
        return
    lines.done.add((first, stop_end))
    last = stop_end
    fix = _CORRECTION.search(text, end, last) if keep_names else None
    if fix is not None:  # "... is a typographical error and should read 8% (not 80%)": the value stays
        last = fix.end()
        for old in _NOT_OLD_VALUE.finditer(text, last, stop_end):
            _blank(chars, old.start(), old.end())
    if not keep_names:
        _blank(chars, first, last)
        return
    pos = first
    for name in P.MENTION.finditer(text, first, last):
        if name.lastgroup in _RESULT_KINDS or name.lastgroup == "hr":
            _blank(chars, pos, name.start())
            pos = name.end()
    _blank(chars, pos, last)


# Two or more lines in a row that start with a bare IHC score and describe it: a scoring key, not results.
_KEY_ROWS = P.lazy(
    r"(?:^[ \t]{0,8}[0-3]\+?[ \t]{1,8}(?:[=:-][ \t]{0,3})?(?:no|incomplete|complete|faint|weak|moderate|strong|intense|negative"
    r"|positive|equivocal|barely|circumferential|membrane)\b[^\n]{0,200}(?:\n|$)){2,}",
    regex.IGNORECASE | regex.MULTILINE,
)
_EMPTY_FIELD = P.lazy(r"[ \t]{0,6}[:=]?[ \t_.]{0,20}(?:\n|$)")


def _enclosing_parens(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the parentheses or brackets on one line that enclose ``text[start:end]``, if any."""
    line_start = text.rfind("\n", 0, start) + 1
    for open_ch, close_ch in (("(", ")"), ("[", "]")):
        opening = text.rfind(open_ch, max(line_start, start - 200), start + 1)
        if opening < 0 or close_ch in text[opening:start]:
            continue
        closing = text.find(close_ch, end - 1, min(len(text), end + 200))
        if closing < 0 or "\n" in text[end:closing] or open_ch in text[end:closing]:
            continue
        return opening, closing + 1
    return None


def _blank_line(chars: list[str], text: str, pos: int) -> None:
    """Blank the whole line that holds ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    _blank(chars, start, len(text) if end < 0 else end)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _mask(text: str) -> str:
    """Blank what is never a result; the length (and so every offset) stays the same.

    Runs :data:`_PASSES` in order over the normalised text (each blanks characters of ``chars``),
    then the sentences about controls, benign tissue or family members (:func:`_blank_controls`).
    """
    chars = list(text)
    lines = _LineIndex(text)
    lines.regions = receptor_regions(text)
    for blank_pass in _PASSES:
        blank_pass(text, chars, lines)
    return _blank_controls("".join(chars), lines.regions)


def _scan(pattern, text: str, lines: _LineIndex):  # type: ignore[no-untyped-def]
    """Every match of ``pattern`` inside the regions of ``text`` (:mod:`.regions`)."""
    for a, b in lines.regions:
        yield from pattern.finditer(text, a, b)


def _blank_unticked_boxes(text: str, chars: list[str], lines: _LineIndex) -> None:
    """Lines with an unticked box (a line that also has a ticked box keeps it)."""
    for m in _scan(P.CHECKBOX_UNTICKED, text, lines):
        line_end = text.find("\n", m.start())
        if not P.CHECKBOX_TICKED.search(text, m.start(), len(text) if line_end < 0 else line_end):
            _blank_line(chars, text, m.start())


def _blank_method_sentences(text: str, chars: list[str], lines: _LineIndex) -> None:
    """"Fixation: ... . ER: positive (95%)": the method sentence only."""
    for m in _scan(P.METHOD_LINE, text, lines):
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        stop = P.SENTENCE_END.search(text, m.start(), line_end)
        _blank(chars, m.start(), stop.end() if stop else line_end)


def _blank_page_furniture(text: str, chars: list[str], lines: _LineIndex) -> None:
    """Page furniture: the whole line, or only the label on a line with results ("Patient: ER 0%")."""
    blanked_lines: set[int] = set()
    for m in _scan(P.PAGE_FURNITURE, text, lines):
        line_start, line_end = lines.line(m.start())
        if lines.has_result_mention(line_start, line_end):
            _blank(chars, m.start(), m.end())
        elif line_start not in blanked_lines:
            blanked_lines.add(line_start)
            _blank(chars, line_start, line_end)


def _blank_invalid(text: str, chars: list[str], lines: _LineIndex) -> None:
    """"reported in error": that sentence (the correction may follow), keeping the marker names, so
    that "The HER2 score was transcribed incorrectly. The correct score is 2+" reads the correction."""
    for m in _scan(P.INVALID, text, lines):
        _blank_sentence(chars, lines, m.start(), m.end(), keep_names=True)
    lines.done.clear()


def _blank_not_this_patient(text: str, chars: list[str], lines: _LineIndex) -> None:
    """Trial criteria and laboratory statistics speak of patients in general, not of this tumour."""
    for m in _scan(P.NOT_THIS_PATIENT, text, lines):
        _blank_sentence(chars, lines, m.start(), m.end())


def _blank_not_results(text: str, chars: list[str], lines: _LineIndex) -> None:
    """Statements that are not results: definitions, keys, template hints, literature
    [report.not_results]; inside parentheses, the aside only."""
    for m in _scan(_CUES, text, lines):
        aside = _enclosing_parens(text, m.start(), m.end())
        if aside is not None and m.lastgroup == "template_hint" and _EMPTY_FIELD.match(text, aside[1]):
            aside = None  # "Percent positive (0-100%):" with nothing after it: the whole field is template
        if aside is not None:  # "(laboratory cut-off for positivity is 10%)", "Score (0, 1+, 2+, 3+): +1": the aside only
            _blank(chars, *aside)
        else:
            _blank_sentence(chars, lines, m.start(), m.end())


def _blank_key_rows_and_phrases(text: str, chars: list[str], lines: _LineIndex) -> None:
    """A scoring key written as rows ("  0   No staining ..." / "  1+  Incomplete ..."), and phrases
    about classes of tumours or hedges ("only on ER-negative tumours"): the phrase, not the sentence."""
    for pattern in (_KEY_ROWS, CLASS_OF_TUMOURS, HEDGE):
        for m in _scan(pattern, text, lines):
            _blank(chars, m.start(), m.end())


def _blank_reference_columns(text: str, chars: list[str], lines: _LineIndex) -> None:
    """A "REFERENCE" column of an aligned table: blanked on every row until a blank line."""
    if not _REFERENCE_HINT.search(text):
        return
    pos = 0
    ref_col: int | None = None
    for line in text.split("\n"):
        end = pos + len(line)
        if not line.strip():
            ref_col = None
        elif ref_col is not None and len(line) > ref_col and line[ref_col - 1 : ref_col] in (" ", "\t"):
            _blank(chars, pos + ref_col, end)
        rm = _REFERENCE_HEADER.search(line)
        if rm:
            ref_col = rm.start(1)
            _blank(chars, pos + ref_col, end)
        pos = end + 1


#: Phrases blanked where they stand: reference ranges, option lists, clones, fixation, cellularity,
#: counts, inline checkboxes (unticked, blank, and the ticked box mark itself).
_PHRASES = (P.REFERENCE, P.OPTION_LIST, P.CLONES, P.FIXATION, P.CELLULARITY, P.COUNTS, P.CHECKBOX_INLINE_UNTICKED,
            P.CHECKBOX_INLINE_BLANK, P.CHECKBOX_TICKED)


def _blank_phrases(text: str, chars: list[str], lines: _LineIndex) -> None:
    """:data:`_PHRASES`, then field names ("ER Percent Positive") and registry codes ("ER Summary: 1")."""
    for pattern in _PHRASES:
        for m in _scan(pattern, text, lines):
            _blank(chars, m.start(), m.end())
    if "ercent" in text or "ERCENT" in text or "%" in text:
        for m in P.FIELD_NAME_POSITIVE.finditer(text):
            _blank(chars, m.start(), m.end())
    if "ummary" in text or "UMMARY" in text:
        for m in P.REGISTRY_CODE.finditer(text):
            _blank(chars, m.start("code"), m.end("code"))


def _blank_pipes(text: str, chars: list[str], lines: _LineIndex) -> None:
    """Cell separators of pipe rows read as spaces ("ER|ALLRED|4" is "ER ALLRED 4")."""
    if "|" not in text:
        return
    pos = 0
    for line in text.split("\n"):
        if line.count("|") >= 2:
            for i, ch in enumerate(line):
                if ch == "|":
                    chars[pos + i] = " "
        pos += len(line) + 1


#: The passes of :func:`_mask`, in order (the order matters: the invalid pass clears the record of
#: blanked sentences after itself, so later passes may blank its sentences again).
_PASSES = (
    _blank_unticked_boxes,
    _blank_method_sentences,
    _blank_page_furniture,
    _blank_invalid,
    _blank_not_this_patient,
    _blank_not_results,
    _blank_key_rows_and_phrases,
    _blank_reference_columns,
    _blank_phrases,
    _blank_pipes,
)


def _blank_controls(masked: str, regions: list[tuple[int, int]]) -> str:
    """Sentences about controls, benign tissue or family members, in the masked text's regions."""
    hits = [m.start() for a, b in regions for pattern in (P.FAMILY, P.CONTROL_WORD) for m in pattern.finditer(masked, a, b)]
    if not hits:
        return masked
    chars = list(masked)
    sentences = _sentences(masked, 0, len(masked))
    wanted = {_sentence_at(sentences, h) for h in hits} - {None}
    for s_start, s_end in sorted(wanted):  # type: ignore[type-var]
        sentence = masked[s_start:s_end]
        if P.FAMILY.search(sentence):
            # another person's results: the whole sentence, also where it runs on to the next line
            stop = P.SENTENCE_END.search(masked, s_start, min(len(masked), s_start + 2 * _CUE_WINDOW))
            _blank(chars, s_start, max(s_end, stop.end() if stop else s_end))
        elif P.CONTROL_WORD.search(sentence):
            _blank_control_sentence(masked, chars, sentences, s_start, s_end)
    return "".join(chars)


_CONTROL_KINDS = ("er", "pr", "her2", "ki67", "ish", "hr")


def _blank_control_sentence(masked: str, chars: list[str], sentences: list[tuple[int, int]], s_start: int, s_end: int) -> None:
    """One sentence with a control word: all of it when controls are its subject or it names no
    marker, the aside when only an aside speaks of controls, else the remark after the results."""
    sentence = masked[s_start:s_end]
    if _CONTROL_SUBJECT.match(sentence):  # "External control tissues (HER2 cell lines 0, 1+, 3+) ..."
        _blank(chars, s_start, s_end)
        # "Positive and\nnegative controls performed": the subject began on the line before
        head = masked.rfind("\n", 0, s_start)
        if head > 0 and not masked[head:s_start].strip():
            prev = _sentence_at(sentences, head - 1)
            if prev is not None and _DANGLING.search(masked[prev[0] : prev[1]].rstrip()):
                _blank(chars, prev[0], prev[1])
        return
    if not any(m.lastgroup in _CONTROL_KINDS for m in P.MENTION.finditer(sentence)):
        _blank_control_aside(chars, sentence, s_start, s_end)
        return
    # a sentence with results and a control remark: blank from the separator before the
    # first control word ("..., with positive internal controls in the benign ducts")
    first = P.CONTROL_WORD.search(sentence)
    paren = sentence.rfind("(", 0, first.start())
    if paren >= 0 and ")" in sentence[paren : first.start()]:
        paren = -1  # "(0%)     internal control ...": that paren closed before the control remark
    cut = max(sentence.rfind(";", 0, first.start()), sentence.rfind(",", 0, first.start()), paren,
              sentence.rfind("   ", 0, first.start()), sentence.lower().rfind(" but ", 0, first.start()))
    for m in P.CONTROL_PHRASE.finditer(sentence):
        cut = min(cut, m.start()) if cut >= 0 else m.start()
        break
    if cut < 0:
        return
    if any(mm.lastgroup in _CONTROL_KINDS for mm in P.MENTION.finditer(sentence[:cut])):
        _blank(chars, s_start + cut, s_end)


def _blank_control_aside(chars: list[str], sentence: str, s_start: int, s_end: int) -> None:
    """A control sentence that names no marker: only its asides when every control word sits in
    one ("(repeat, valid controls)"), else the whole sentence."""
    parens = [(m.start(), m.end()) for m in _PARENS.finditer(sentence)]
    words = [w.start() for w in P.CONTROL_WORD.finditer(sentence)]
    if not (words and all(any(a <= w < b for a, b in parens) for w in words)):
        _blank(chars, s_start, s_end)
        return
    for a, b in parens:
        inside = [w for w in words if a <= w < b]
        if inside:
            # "(<1% of tumour cells; internal control positive)": from the separator on
            cut = max(sentence.rfind(";", a, inside[0]), sentence.rfind(",", a, inside[0]))
            _blank(chars, s_start + (cut if cut > a else a), s_start + b)


_CONTROL_SUBJECT = P.lazy(r"^\W{0,6}(?:the\s{1,3})?(?:(?:internal|external|positive|negative|on-?slide|tissue|run|known|appropriate|all)\s{1,3}){0,3}controls?\b",
                          regex.IGNORECASE)
