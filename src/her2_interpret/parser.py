"""Read findings from report text: :func:`parse` (lenient: any ``str`` in, a result out).

How it reads:

1. Normalise (:mod:`~her2_interpret.normalize`) and blank out what is never a result
   (control statements, reference ranges and scoring keys, option lists, method lines,
   unticked boxes, family history, results marked invalid or in error); blanking keeps offsets.
2. Walk the lines, tracking the report structure: sections (addendum, amendment, comment,
   clinical history), specimen parts, and paragraph headers whose cues (DCIS, prior, repeat)
   govern the lines under them.
3. Find marker mentions (ER, PR, HER2, HER2 ISH and its measurements, Ki-67, HR, "triple
   negative", "biomarkers") and cut the text into clauses: a clause runs from its mention to
   the next one; a sentence without a mention continues the clause before it, and so do the
   indented or sub-labelled lines under a label.
4. Read each clause's values with the patterns of :mod:`~her2_interpret.patterns` and emit typed
   findings whose evidence spans point into the original text.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import Any

import regex

from . import patterns as P
from .models import (
    Context,
    Evidence,
    Findings,
    Flag,
    Her2Category,
    Her2IhcFinding,
    Her2IshFinding,
    Her2Staining,
    Her2Status,
    Her2StatusFinding,
    HrFinding,
    HrStatus,
    IhcScore,
    Intensity,
    IshResult,
    Ki67Finding,
    Ki67Level,
    Marker,
    Probe,
    ReceptorFinding,
    ReceptorStatus,
    SectionKind,
)
from .normalize import Normalized, normalize
from .statements import CLASS_OF_TUMOURS, HEDGE, not_result_cues
from .thresholds import DEFAULT_VERSIONS, HER2_GUIDELINES

# Small helper patterns, compiled once.
_PARENS = P.lazy(r"\([^()\n]{0,200}\)")
_JOIN_NAME = P.lazy(r"[\s(/]{0,3}")
_JOIN_SAME = P.lazy(r"[\s():,-]{0,6}")
_FOR_HER2 = P.lazy(r"\s{0,3}(?:\([^)\n]{0,30}\)\s{0,3})?(?:for|of)\s{1,3}(?:the\s{1,3})?")
_JOIN_ISH = P.lazy(r"[\s(),:-]{0,12}(?:by\s{1,3})?")
_SEPARATOR_ROW = P.lazy(r"[\s|:+=._-]*")
_ANY_VALUE = P.lazy(r"\d|positive|negative|amplified|equivocal|pending", regex.IGNORECASE)
_PERCENT_SIGN = P.lazy(r"\d\s*%")
def _sign(t: str, start: int, end: int) -> regex.Match[str] | None:
    """A +/- sign right after a marker name, not one glued to the next word ("ER-PR testing")."""
    sm = P.SIGN.match(t[start:end])
    if sm is None:
        return None
    group = next(g for g in ("a", "b", "c", "d") if sm.group(g))
    after = start + sm.end(group)
    if after < len(t) and t[after].isalnum():
        return None
    if sm.group(group) == "-" and _HYPHEN_AFTER.match(t, after, min(len(t), after + 80)):
        return None  # a dash before the result or a word, not a minus: "ER/PR- POSITIVE", "PR- clone 1E2"
    return sm


# What follows a dash that makes it a hyphen or a separator, not a minus sign: a status word or a
# word of the label ("ER- POSITIVE", "PgR- 1E2 clone", "Receptor: - Performed on A3"), a second dash
# ("receptor--positive"), or a suspended hyphen ("estrogen- and progesterone-receptor-positive").
_HYPHEN_AFTER = P.lazy(
    r"""-?\s{0,3}(?:positiv|negativ|pos\b|neg\b|equivocal|amplif|weak|strong|moderate|focal|low\b|high\b|clone|receptor
        |status|performed|done|not\b|by\b|ihc\b|immuno|\d\w*\s{0,2}clone|see\b|result|score\b)
      | -\w
      | \s{0,3}(?:and|or|&|as\s{1,3}well\s{1,3}as)\s{1,3}\w{2,15}-(?:receptor|positiv|negativ)""",
    regex.IGNORECASE | regex.VERBOSE,
)


_NOT_BEFORE = P.lazy(r"\bnot\s{1,3}$")
_COPY_WORD = P.lazy(r"signal|cop(?:y|ies)|/\s*(?:cell|nucleus)", regex.I)
_AMPLIF = P.lazy(r"amplif", regex.I)
_NEG_PRE_END = P.lazy(r"\b(?:no|without|negative\s+for|no\s+(?:evidence|sign)\s+of)\s*(?:the\s+)?$")
_OVEREXPRESSION = P.lazy(r"over-?expression|protein", regex.I)
_IHC_WORD = P.lazy(r"\b(?:IHC|immuno)", regex.I)
_MEMBRANE = P.lazy(r"membran\w{0,4}|staining|circumferential", regex.I)

_SCORES = {"0": IhcScore.ZERO, "1": IhcScore.ONE, "2": IhcScore.TWO, "3": IhcScore.THREE}
_INTENSITY = {
    "weak": "weak", "faint": "weak", "mild": "weak", "moderate": "moderate", "mod": "moderate",
    "intermediate": "moderate", "strong": "strong", "intense": "strong",
}
_COMBINED = {
    ("weak", "moderate"): Intensity.WEAK_TO_MODERATE,
    ("moderate", "strong"): Intensity.MODERATE_TO_STRONG,
    ("weak", "strong"): Intensity.WEAK_TO_STRONG,
}
# Kinds of mention. "ish" is a HER2 ISH test, "measure" a HER2 ISH measurement label.
_HER2_KINDS = ("her2", "ish", "measure", "cep")
_DANGLING = P.lazy(r"\b(?:in|of|with|and|to|the|a|an|for|at|by|or|than|approximately|about)$", regex.IGNORECASE)
_LINE_CONTINUES = P.lazy(
    r"""^\s{0,6}(?:[*+-]\s{0,3})?(?:\[\s?[xX]\s?\]\s{0,3})?(?:percent(?:age)?|%|proportion|average|mean|intensity|allred|quick
        |h[\s-]?score|score|result|interpretation|specify|ratio|ish\s{1,3}group|group|copy|signals?|total|status
        |estimated|number\s{1,3}of\s{1,3}(?:her|cep|cen)|her-?2\s{0,2}[/:]|her-?2\s{1,3}to\s{1,3}(?:cep|cen|chr)|cep|cen|chr
        |(?:dual|single)[\s-]{1,3}(?:probe|colou?r))\b
      # a line that starts with the percent of the line above ("Less than 1% of tumor cells")
      | ^\s{0,6}(?:(?:less|more|greater|fewer)\s{1,3}than\s{1,3}|[<>≤≥]\s{0,2}|(?:approximately|about)\s{1,3})?\d{1,3}(?:[.,]\d)?\s{0,2}%""",
    regex.IGNORECASE | regex.VERBOSE,
)


# --------------------------------------------------------------------------- data structures


@dataclass
class _Mention:
    kind: str  # er, pr, her2, ish, measure, cep, ki67, hr, triple, allmarkers
    start: int
    end: int
    text: str


@dataclass
class _Clause:
    kinds: list[str]  # the marker kinds this clause speaks for (a group: ["er", "pr"])
    mention: _Mention
    ranges: list[tuple[int, int]]  # pieces of normalised text (clause start .. end)
    context: Context
    flags: set[Flag] = field(default_factory=set)
    pre: str = ""  # words before the mention that govern it ("negative for", "no")
    pre_start: int = 0
    final: bool = False
    line_no: int = 0
    names: list[tuple[int, int]] = field(default_factory=list)  # spans of the marker names
    body_text: str | None = None  # the joined clause text, read once by the reader

    @property
    def primary(self) -> str:
        return self.kinds[0]


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


# --------------------------------------------------------------------------- masking


_REFERENCE_HEADER = P.lazy(
    r"^\s{0,8}\S+(?:\s\S+){0,2}(?:\s{2,}\S+(?:\s\S+){0,2}){0,4}\s{2,}(reference(?:\s+range)?|ref\.?\s+range|normal\s+range|expected(?:\s+range)?)(?:\s{0,2}[/&]\s{0,2}\w+)?\s*$", regex.IGNORECASE
)


_REFERENCE_HINT = P.lazy(r"reference|ref\.?\s+range|normal\s+range|expected", regex.IGNORECASE)


_LINE_LABEL = P.lazy(r"[ \t*#=_-]{0,20}[A-Za-z][A-Za-z ]{0,30}:")


#: Mention kinds that carry a result of their own (not "other", "allmarkers", "triple", ...).
_RESULT_KINDS = ("er", "pr", "her2", "ki67", "ish")


class _LineIndex:
    """Line bounds and sentence ends of a text, found once: many matches on one long line cost
    a lookup each, not a rescan of the line (parsing stays linear in the text length)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._stops: dict[int, tuple[list[int], list[int]]] = {}
        self.done: set[tuple[int, int]] = set()  # sentences already blanked
        self.mention_lines: dict[int, bool] = {}

    def line(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def stops(self, line_start: int, line_end: int) -> tuple[list[int], list[int]]:
        """Start and end offsets of the sentence-end marks of the line."""
        if line_start not in self._stops:
            found = list(P.SENTENCE_END.finditer(self.text, line_start, line_end))
            self._stops[line_start] = ([m.start() for m in found], [m.end() for m in found])
        return self._stops[line_start]

    def has_result_mention(self, line_start: int, line_end: int) -> bool:
        if line_start not in self.mention_lines:
            self.mention_lines[line_start] = any(
                k.lastgroup in _RESULT_KINDS
                for k in P.MENTION.finditer(self.text, line_start, line_end)
            )
        return self.mention_lines[line_start]


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
    """Blank what is never a result; the length (and so every offset) stays the same."""
    chars = list(text)
    # whole lines that are never results: one pass per pattern over the whole text
    for m in P.CHECKBOX_UNTICKED.finditer(text):
        line_end = text.find("\n", m.start())
        if not P.CHECKBOX_TICKED.search(text, m.start(), len(text) if line_end < 0 else line_end):
            _blank_line(chars, text, m.start())  # (a line that also has a ticked box keeps it)
    for m in P.METHOD_LINE.finditer(text):  # "Fixation: ... . ER: positive (95%)": that sentence only
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        stop = P.SENTENCE_END.search(text, m.start(), line_end)
        _blank(chars, m.start(), stop.end() if stop else line_end)
    lines = _LineIndex(text)
    blanked_lines: set[int] = set()
    for m in P.PAGE_FURNITURE.finditer(text):
        line_start, line_end = lines.line(m.start())
        if lines.has_result_mention(line_start, line_end):
            _blank(chars, m.start(), m.end())  # "Patient: ER 0%, PR 0%": a label, the results stay
        elif line_start not in blanked_lines:
            blanked_lines.add(line_start)
            _blank(chars, line_start, line_end)
    for m in P.INVALID.finditer(text):  # "reported in error": that sentence (the correction may follow),
        # keeping the marker names, so that "The HER2 score was transcribed incorrectly. The correct
        # score is 2+" reads the correction as the HER2 result
        _blank_sentence(chars, lines, m.start(), m.end(), keep_names=True)
    # trial criteria and laboratory statistics speak of patients in general, not of this tumour
    lines.done.clear()
    for m in P.NOT_THIS_PATIENT.finditer(text):
        _blank_sentence(chars, lines, m.start(), m.end())
    # statements that are not results: definitions, keys, template hints, literature [report.not_results]
    for m in not_result_cues(text):
        aside = _enclosing_parens(text, m.start(), m.end())
        if aside is not None and m.lastgroup == "template_hint" and _EMPTY_FIELD.match(text, aside[1]):
            aside = None  # "Percent positive (0-100%):" with nothing after it: the whole field is template
        if aside is not None:  # "(laboratory cut-off for positivity is 10%)", "Score (0, 1+, 2+, 3+): +1": the aside only
            _blank(chars, *aside)
        else:
            _blank_sentence(chars, lines, m.start(), m.end())
    for m in _KEY_ROWS.finditer(text):  # a scoring key written as rows: "  0   No staining ..." / "  1+  Incomplete ..."
        _blank(chars, m.start(), m.end())
    for pattern in (CLASS_OF_TUMOURS, HEDGE):  # "only on ER-negative tumours": a phrase, not the sentence
        for m in pattern.finditer(text):
            _blank(chars, m.start(), m.end())
    if _REFERENCE_HINT.search(text):
        pos = 0
        ref_col: int | None = None  # a "REFERENCE" column of an aligned table: blanked on every row
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
    for pattern in (P.REFERENCE, P.OPTION_LIST, P.CLONES, P.FIXATION, P.CELLULARITY, P.COUNTS, P.CHECKBOX_INLINE_UNTICKED,
                    P.CHECKBOX_INLINE_BLANK):
        for m in pattern.finditer(text):
            _blank(chars, m.start(), m.end())
    for m in P.CHECKBOX_TICKED.finditer(text):
        _blank(chars, m.start(), m.end())
    if "ercent" in text or "ERCENT" in text or "%" in text:
        for m in P.FIELD_NAME_POSITIVE.finditer(text):
            _blank(chars, m.start(), m.end())
    if "ummary" in text or "UMMARY" in text:
        for m in P.REGISTRY_CODE.finditer(text):
            _blank(chars, m.start("code"), m.end("code"))
    if "|" in text:  # cell separators of pipe rows read as spaces ("ER|ALLRED|4" is "ER ALLRED 4")
        pos = 0
        for line in text.split("\n"):
            if line.count("|") >= 2:
                for i, ch in enumerate(line):
                    if ch == "|":
                        chars[pos + i] = " "
            pos += len(line) + 1
    masked = "".join(chars)
    # sentences about controls, benign tissue or family members
    chars = list(masked)
    hits = [m.start() for m in P.FAMILY.finditer(masked)] + [m.start() for m in P.CONTROL_WORD.finditer(masked)]
    if not hits:
        return masked
    sentences = _sentences(masked, 0, len(masked))
    wanted = {_sentence_at(sentences, h) for h in hits} - {None}
    for s_start, s_end in sorted(wanted):  # type: ignore[type-var]
        sentence = masked[s_start:s_end]
        if P.FAMILY.search(sentence):
            # another person's results: the whole sentence, also where it runs on to the next line
            stop = P.SENTENCE_END.search(masked, s_start, min(len(masked), s_start + 2 * _CUE_WINDOW))
            _blank(chars, s_start, max(s_end, stop.end() if stop else s_end))
            continue
        if not P.CONTROL_WORD.search(sentence):
            continue
        if _CONTROL_SUBJECT.match(sentence):  # "External control tissues (HER2 cell lines 0, 1+, 3+) ..."
            _blank(chars, s_start, s_end)
            # "Positive and\nnegative controls performed": the subject began on the line before
            head = masked.rfind("\n", 0, s_start)
            if head > 0 and not masked[head:s_start].strip():
                prev = _sentence_at(sentences, head - 1)
                if prev is not None and _DANGLING.search(masked[prev[0] : prev[1]].rstrip()):
                    _blank(chars, prev[0], prev[1])
            continue
        has_mention = any(
            m.lastgroup in ("er", "pr", "her2", "ki67", "ish", "hr") for m in P.MENTION.finditer(sentence)
        )
        if not has_mention:
            parens = [(m.start(), m.end()) for m in _PARENS.finditer(sentence)]
            words = [w.start() for w in P.CONTROL_WORD.finditer(sentence)]
            if words and all(any(a <= w < b for a, b in parens) for w in words):
                for a, b in parens:  # "(repeat, valid controls)": only the aside is about controls
                    inside = [w for w in words if a <= w < b]
                    if inside:
                        # "(<1% of tumour cells; internal control positive)": from the separator on
                        cut = max(sentence.rfind(";", a, inside[0]), sentence.rfind(",", a, inside[0]))
                        _blank(chars, s_start + (cut if cut > a else a), s_start + b)
                continue
            _blank(chars, s_start, s_end)
            continue
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
            continue
        head = sentence[:cut]
        if any(mm.lastgroup in ("er", "pr", "her2", "ki67", "ish", "hr") for mm in P.MENTION.finditer(head)):
            _blank(chars, s_start + cut, s_end)
    return "".join(chars)


_CONTROL_SUBJECT = P.lazy(r"^\W{0,6}(?:the\s{1,3})?(?:(?:internal|external|positive|negative|on-?slide|tissue|run|known|appropriate|all)\s{1,3}){0,3}controls?\b",
                          regex.IGNORECASE)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (a sentence never crosses a line)."""
    spans: list[tuple[int, int]] = []
    s = start
    for m in P.SENTENCE_END.finditer(text, start, end):
        e = m.end()
        if text[s:e].strip():
            spans.append((s, e))
        s = e
    if s < end and text[s:end].strip():
        spans.append((s, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:  # split at line breaks too
        pos = a
        for part in text[a:b].split("\n"):
            if part.strip():
                out.append((pos, pos + len(part)))
            pos += len(part) + 1
    return out


# --------------------------------------------------------------------------- mentions


def _all_mentions(t: str) -> list[_Mention]:
    """Every marker mention of ``t``, line by line (a mention never looks past its line)."""
    out: list[_Mention] = []
    pos = 0
    for line in t.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.extend(_find_mentions(t, pos, end))
        pos = end + 1
    return out


def _find_mentions(t: str, start: int, end: int, index: list[_Mention] | None = None) -> list[_Mention]:
    """Mentions in ``t[start:end]`` (from ``index``, the sorted mentions of the whole text, if given)."""
    if index is not None:
        i = bisect.bisect_left(index, start, key=lambda m: m.start)
        out = []
        while i < len(index):  # (no slice: a slice would copy the rest of the index every call)
            m = index[i]
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
            i += 1
        return out
    out = []
    for m in P.MENTION.finditer(t, start, end):
        kind = m.lastgroup or ""
        if kind == "her2":
            after = t[m.end() : min(end, m.end() + 60)]
            if P.HER2_MEASURE_FOLLOW.match(after):
                kind = "measure"
            elif P.HER2_ISH_FOLLOW.match(after) and not P.HER2_IHC_FOLLOW.match(after):
                kind = "ish"
        out.append(_Mention(kind, m.start(), m.end(), m.group()))
    return out


def _group_mentions(t: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Join mentions into groups: "ER/PR", "estrogen and progesterone", "ER (SP1)... ER"."""
    groups: list[list[_Mention]] = []
    for m in mentions:
        if groups:
            prev = groups[-1][-1]
            between = t[prev.end : m.start]
            if groups[-1][0].kind in ("ish", "measure", "cep") and m.kind in ("measure", "cep") \
                    and not _STATEMENT_END.search(between):
                groups[-1].append(m)  # "FISH: ratio 1.1; HER2 2.3/cell; CEP17 2.1/cell"
                continue
            same = prev.kind == m.kind or (prev.kind in ("ish", "measure") and m.kind in ("ish", "measure"))
            if prev.kind in ("her2", "ish", "measure") and m.kind == "her2" and _JOIN_NAME.fullmatch(between):
                groups[-1].append(m)  # "HER2 (ERBB2)", "HER-2/neu (c-erbB-2)"
                continue
            if same and (_JOIN_SAME.fullmatch(between) or not _VALUE_WORD_ANY.search(between)):
                groups[-1].append(m)  # "Estrogen Receptor (ER)", "Ki67 MIB1", "FISH: ... HER2 gene"
                continue
            if prev.kind == "ish" and m.kind == "her2" and _FOR_HER2.fullmatch(between):
                groups[-1].append(m)  # "FISH for HER2 has been sent out"
                continue
            if prev.kind == "her2" and m.kind == "ish" and _JOIN_ISH.fullmatch(between):
                groups[-1][-1] = _Mention("ish", prev.start, m.end, t[prev.start : m.end])
                continue
            if (
                prev.kind in ("er", "pr", "her2", "ki67")
                and m.kind in ("er", "pr", "her2", "ki67")
                and (P.GROUP_JOIN.match(between) or (between == "-" and {prev.kind, m.kind} == {"er", "pr"}))
            ):  # ("ER-PR testing": a hyphen joins the two hormone receptors, never a sign)
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


# a sentence end between two mentions ("FISH pending. ADDENDUM 2: HER2 (by FISH): 1.4"): two statements
_STATEMENT_END = P.lazy(r"[.!?]\s{1,10}[A-Z]")
_VALUE_WORD_ANY = P.lazy(
    r"(?<![A-Za-z-])\d|positive|negative|\bpos\b|\bneg\b|equivocal|amplif|pending|[.;]\s|\n|\+",
    regex.IGNORECASE,
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


# --------------------------------------------------------------------------- the walk


def parse(text: str) -> Findings:
    """Read every ER, PR, HER2 and Ki-67 finding in ``text``.

    Never raises for any ``str`` (a non-str raises :class:`TypeError`); text with nothing to
    read gives ``Findings()`` with no findings.

    >>> f = parse("ER: Positive (95%, strong)")
    >>> f.findings[0].percent, f.findings[0].evidence_for("percent")[0].text
    (95.0, '95%')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes report text as str, not {type(text).__name__}")
    if not text.strip():
        return Findings()
    try:
        return _parse(text)
    except TimeoutError:  # the last guard of patterns.PATTERN_TIMEOUT: a warning, never a crash
        return Findings(warnings=(_TIMEOUT_WARNING,))


_TIMEOUT_WARNING = (
    "parsing stopped: a pattern exceeded its time limit on this text; nothing was read from it, "
    "review the report by hand [parse.timeout]"
)


def _parse(text: str) -> Findings:
    norm = normalize(text)
    t = _mask(norm.text)
    gastric = P.GASTRIC.search(t) is not None
    organ = "gastric" if gastric and (not P.BREAST.search(t) or P.GASTRIC_SPECIMEN.search(t)) else "breast"
    invasive = bool(P.INVASIVE_DIAGNOSIS.search(t))
    cells: list[tuple[int, int, str]] = []
    index = _all_mentions(t)  # every mention, found once
    clauses = _clauses(t, cells, norm.text, index)
    reader = _Reader(norm, t, cells)
    findings: list[Any] = []
    for clause in clauses:
        findings.extend(reader.read(clause))
    if not invasive and any(_dcis_named(t, m) for m in P.DCIS.finditer(t)):
        # [receptor.dcis]: only DCIS is reported, so every result is on DCIS
        findings = [f.model_copy(update={"flags": f.flags | {Flag.DCIS}}) for f in findings]
    # markers named anywhere outside masked boilerplate: tells "not stated" from "stated but not read"
    kinds = {"er": Marker.ER, "pr": Marker.PR, "her2": Marker.HER2, "ish": Marker.HER2, "measure": Marker.HER2,
             "cep": Marker.HER2, "ki67": Marker.KI67}
    named = {kinds[m.kind] for m in index if m.kind in kinds
             and not (m.kind == "ki67" and m.text.lower().endswith(("proliferative", "proliferation")))}
    result = Findings(findings=tuple(findings), warnings=tuple(reader.warnings), organ=organ, invasive=invasive,
                      mentioned=tuple(m for m in Marker if m in named))
    result._texts = (norm.text, t)
    return result


_CLONE_PARENS = P.lazy(r"\((?:[A-Z0-9]{1,6}[-/ ]?){1,3}\)")
_CELL_STATUS = r"positive|negative|pos|neg|equivocal|amplified|pending"
# A status word in a cell that also names a marker ("ER - Positive", "ER status Positive"): a value.
_STATUS_WORD_ANY = P.lazy(rf"\b(?:{_CELL_STATUS})\b", regex.I)
# A cell that holds a value, so its row is not a header ("ER: Positive  PR: Negative  HER2: -").
_VALUE_WORD = P.lazy(
    rf"(?<![A-Za-z0-9-])\d|^\s*(?:{_CELL_STATUS}|not\s|[+-]\s*$)|[:=]\s*(?:{_CELL_STATUS}|[+-]\s*$)", regex.I
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


# A header that opens a block of its own ("  DCIS (block B7):", "Prior core biopsy:"): never a continuation
_NEGATED_BEFORE = P.lazy(r"\b(?:no|without|negative\s{1,3}for|no\s{1,3}(?:evidence|sign)\s{1,3}of)\s{0,3}(?:the\s{1,3})?(?:residual\s{1,3})?$",
                         regex.IGNORECASE)
_PANEL_VALUE = P.lazy(r"positiv|negativ|pending|ordered|to\s{1,3}follow|\bsent\b|not\s{1,3}(?:performed|done)|addendum|\d\s{0,2}%",
                      regex.IGNORECASE)
_PROSE_LINE = P.lazy(r"[a-z)]\.(?:\s|$)", regex.IGNORECASE)
_ABSENT_AFTER = P.lazy(r"[\s:=-]{0,6}(?:is\s{1,3}|was\s{1,3})?(?:not\s{1,3}(?:identified|seen|present|found)|absent|none\b|negative\b|no\b)",
                       regex.IGNORECASE)
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


def _dcis_named(t: str, m: regex.Match[str]) -> bool:
    """A DCIS match that is not negated ("no ductal carcinoma in situ identified", "DCIS: absent")."""
    return not _NEGATED_BEFORE.search(t[max(0, m.start() - 40) : m.start()]) and not _ABSENT_AFTER.match(t, m.end())


def _dcis_cue(text: str) -> bool:
    """A DCIS cue that is not negated ("no DCIS", "DCIS: absent") and names no invasive carcinoma."""
    dcis = P.DCIS.search(text)
    return bool(dcis) and not P.INVASIVE.search(text) \
        and not _NEGATED_BEFORE.search(text[max(0, dcis.start() - 40) : dcis.start()]) \
        and not _ABSENT_AFTER.match(text, dcis.end())


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


_CUE_WINDOW = 300  # characters around a mention that its context cues are read from
_SCOPE_END = P.lazy(r",?\s{1,3}(?:so|but|although|though|because|whereas|while)\s{1,3}(?:the|this|that|it|we|she|he|they|I)\b|;",
                    regex.IGNORECASE)
# A question asks, it does not report ("is that the ultralow thing?", "I read that PR must be 20%?");
# "ER positve 3%??" states a value with a patient's emphasis and is read.
_QUESTION = P.lazy(
    r"^\s{0,3}(?:is|are|does|do|did|can|could|should|would|will|what|why|how|which|who|anyone|has|have|was|were)\b"
    r"|\bI\s{1,3}(?:read|heard|saw|keep\s{1,3}reading)\b|\bis\s{1,3}that\b|\bor\s{1,3}not\b",
    regex.IGNORECASE,
)


# What someone read or heard in general is not their result: "I read that 0 and 1+ are negative".
_HEARSAY = P.lazy(
    r"\bI(?:'ve|\s{1,3}have)?\s{1,3}(?:read|heard|keep\s{1,3}reading)\s{1,3}(?:online\s{1,3}|somewhere\s{1,3}"
    r"|(?:on|in)\s{1,3}(?:a|an|the)\s{1,3}(?:forum|internet|web|article|leaflet|booklet|website|group)\s{1,3})?that\b",
    regex.IGNORECASE,
)


def _is_question(sentence: str) -> bool:
    """A sentence that asks, or passes on what was read or heard in general."""
    if sentence.rstrip().endswith("?") and _QUESTION.search(sentence) is not None:
        return True
    return "I" in sentence and _HEARSAY.search(sentence) is not None
# A sentence about one side: "left was 1.1cm ...", "Right breast: ...", "on the left, ER 90% ..."
_SENTENCE_SIDE = P.lazy(
    r"\b(?P<side>left|right)\b(?:\s{1,3}(?:breast|side|tumou?r|one))?\s{0,3}(?:was|is|:|,|-)",
    regex.IGNORECASE,
)


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


_TRAILING_HISTORY = P.lazy(
    r"\b(?:(?:as\s{1,3})?per|from|on|see|according\s{1,3}to)\s{1,3}(?:the\s{1,3})?(?:prior|previous|outside|earlier|original|referring)"
    r"(?:\s{1,3}[\w-]+){1,3}\s{0,3}[.);]?\s{0,3}$",
    regex.IGNORECASE,
)


_HIST_TERMINATOR = P.lazy(
    r"\bnow\b|\bcurrent(?:ly)?\b|\bthis\s{1,3}(?:specimen|institution|excision|resection|case)\b|\brepeat|\bre-?tested\b|\bour\b"
    r"|\bsame\s{1,3}(?:block|specimen|slide|tissue)\b|\bconcurrent\b",
    regex.IGNORECASE,
)


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


def _historical(t: str, start: int, end: int, at: int) -> bool:
    """A historical cue governs the text after it until a terminator ("now", "this specimen").

    For a cue before the mention at ``at``, a terminator counts between the two, or after the
    mention in its own phrase ("further to the original report, ISH has now been performed"),
    not past a comma ("the referring report said triple negative, repeat ER ..." stays historical).
    """
    m = P.HISTORICAL.search(t, start, end)
    if m is None:
        return False
    if m.end() > at:
        return _HIST_TERMINATOR.search(t, m.end(), end) is None
    if _HIST_TERMINATOR.search(t, m.end(), at) is not None:
        return False
    after = _HIST_TERMINATOR.search(t, at, end)
    return after is None or any(ch in ",;" for ch in t[at : after.start()])


def _sentence_at(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    lo, hi = 0, len(sentences)
    while lo < hi:  # binary search: sentences are sorted and disjoint
        mid = (lo + hi) // 2
        a, b = sentences[mid]
        if pos < a:
            hi = mid
        elif pos >= b:
            lo = mid + 1
        else:
            return a, b
    return None


def _sentence_start(sentences: list[tuple[int, int]], pos: int, default: int) -> int:
    found = _sentence_at(sentences, pos)
    return found[0] if found else default


def _sentence_end(sentences: list[tuple[int, int]], pos: int, default: int) -> int:
    found = _sentence_at(sentences, pos)
    return found[1] if found else default


# --------------------------------------------------------------------------- reading values


@functools.lru_cache(maxsize=32)
def _cell_value_pattern(pattern: str) -> regex.Pattern[str]:
    return regex.compile(r"(?<![\w.<>])(" + pattern + r")(?![\w.%])")


def _range_end(clause: _Clause, pos: int) -> int:
    """The end of the clause piece that holds ``pos`` (a value never comes from past it)."""
    for a, b in clause.ranges:
        if a <= pos <= b:
            return b
    return pos


def _in_name(m: regex.Match[str], clause: _Clause) -> int | None:
    """If the value a match read sits inside a marker name ("Ki-67", "HER2"), that name's end."""
    pos = m.start()
    for group in m.re.groupindex:
        g_start, g_end = m.span(group)
        if g_start >= 0 and any(ch.isdigit() for ch in m.string[g_start:g_end]):
            pos = g_start
            break
    for a, b in clause.names:
        if a <= pos < b:
            return b
    return None


_LABELLED_BARE = P.lazy(
    r"^\s{0,3}(?:\[[^\]\n\d]{0,20}\]\s{0,3})?[:=]?\s{0,3}\[?\s{0,2}(?P<op><=|>=|<|>|≤|≥|less\s{1,3}than|greater\s{1,3}than)?\s{0,2}(?P<v>\d{1,3}(?:[.,]\d{1,2})?)(?![\d/])"
    r"(?:(?<!\d[.,]\d{1,2})\s{0,2}(?:-|to)\s{0,2}(?P<hi>\d{1,3})(?![\d/.,]))?",  # a CAP bin "51-60"
    regex.IGNORECASE,
)
_BARE_ZERO = P.lazy(r"^\s{0,3}[:=-]?\s{0,3}(?P<z>0)(?![\d/%+]|[.,]\d|\s{0,2}(?:mm|cm|cells?)\b)")
_STRAY_SCORE = 80.0  # how sure a "95X" is "95%": below any lexicon match
_ALLRED_HINT = P.lazy(r"allred|quick|/\s{0,2}8|\+|point|pts|\bts\b|\bqs\b")
_ALLRED_WORD = P.lazy(r"\b(?:allred|quick\s{1,3}score|(?-i:QS)\b)", regex.I)
_BARE_ALLRED = P.lazy(r"^\s{0,3}[:=-]?\s{0,3}(?P<v>[02-8])(?![\d.,%/+])")
_NOT_BEFORE = P.lazy(r"\b(?:not|no\s{1,3}longer|isn'?t|wasn'?t|never|rather\s{1,3}than)\s{1,3}(?:(?:a|an|truly|strictly|really)\s{1,3})?$",
                     regex.IGNORECASE)
_CORRECTION = P.lazy(r"\bshould\s{1,3}(?:read|be|have\s{1,3}been)\b|\bcorrect(?:ed)?\s{1,3}(?:value|result|score|percentage)\s{1,3}is\b",
                     regex.IGNORECASE)
_NOT_OLD_VALUE = P.lazy(r"\(\s{0,2}not\s{1,3}[^)\n]{0,30}\)", regex.IGNORECASE)
_PRE_ISH_STATUS = P.lazy(
    r"\b(?:neg(?:ative)?|pos(?:itive)?|not\s{1,3}amplified|non-?amplified|amplified)\s{0,3}(?:\(\s{0,2}|by\s{1,3})$",
    regex.IGNORECASE,
)
_NAME_PERCENT_LABEL = P.lazy(r"\s{0,2}%\s{0,3}(?:[:=]|\.{2,40})")
_IHC_HINT = P.lazy(r"IHC|immuno", regex.IGNORECASE)
_IHC_STATUS_WORD = P.lazy(
    r"\b(?:IHC|immunohistochemistry|immunostain(?:ing)?)\s{0,3}(?:score\s{0,3})?[:=-]?\s{0,3}"
    r"(?:equivocal|borderline|negative|positive|neg|pos)\b",
    regex.IGNORECASE,
)
_LISTED_ALLRED = P.lazy(r"\b(?:allred|quick)(?:\s{1,3}scores?)?\s{0,3}(?:of\s{1,3}|[:=]\s{0,3})?(?P<a>[02-8])(?:\s{0,2}/\s{0,2}8)?\s{0,3}(?:and|&|,)\s{0,3}(?P<b>[02-8])\b(?!\s{0,2}[%.]\d)", regex.I)
_LISTED_INTENSITIES = P.lazy(r"\b(?P<a>weak|moderate|strong|intense)\s{1,3}(?:and|&|/|,)\s{1,3}(?P<b>weak|moderate|strong|intense)\b", regex.I)
_LABEL_NUMBER = P.lazy(r"\s{0,3}(?:\)\s{0,3})?[:=]?\s{0,3}(?P<i>\d{1,2})[.,]\s?(?P<f>\d{1,2})\s{0,3}[,;:-]?\s{0,3}")
_BRACKETED_RATIO = P.lazy(r"\s{0,3}\(\s{0,2}(?P<i>\d{1,2})[.,]\s?(?P<f>\d{1,2})\s{0,2}\)")
_LIST_GAP = P.lazy(r"\s{0,3}(?:/|,|;|&|\band\b)\s{0,3}", regex.I)
_RESPECTIVELY = P.lazy(r"\bre(?:spe|sep|spc|sp|pse)c?tivel?y\b", regex.I)  # (and its common typos: "resepctively")
_LISTED_NUMBERS = P.lazy(r"(?<![\d.])(?P<a>\d{1,3}(?:[.,]\d)?)\s{0,3}(?:and|&|/|,)\s{0,3}(?P<b>\d{1,3}(?:[.,]\d)?)\s{0,2}%", regex.I)
_NEGATING_PRE = P.lazy(r"\b(?:no|without|negative\s{1,3}for|absence\s{1,3}of|lack\s{1,3}of|neither)\b", regex.I)
_AMPLIFICATION = P.lazy(r"\bamplification\b", regex.I)
# [her2.ihc.*] the extent cut-off of HER2 staining descriptions (">10%" against "<=10%"): the parser
# sorts a described extent to one side; the rules decide what it means.
_EXTENT_CUTOFF = HER2_GUIDELINES[DEFAULT_VERSIONS["her2"]].ihc_extent_percent
_BARE_RECEPTOR_MIN = 10  # a bare number below this after "ER" may be an Allred score: not read

_BARE_SCORE = P.lazy(
    r"^\s{0,3}(?:\([^)\n]{0,40}\)\s{0,3})?(?:[:=-]|\.{2,40})?\s{0,3}(?P<s>[0-3])(?:\s?\+(?!\d))?(?![\d/%+]|[OoIl]\d|[.,]\d|\s{0,2}(?:mm|cm|cells?|of)\b)"
)


def _num(s: str) -> float:
    return float(s.replace(",", "."))


class _Reader:
    """Turns clauses into findings; keeps evidence spans true to the original text."""

    def __init__(self, norm: Normalized, t: str, cells: list[tuple[int, int, str]] | None = None) -> None:
        self.norm = norm
        self.t = t
        self.cells = sorted(cells or [])
        self.warnings: list[str] = []

    def cell_value(self, clause: _Clause, kind: str, pattern: str = r"\d{1,3}(?:[.,]\d{1,2})?"):
        """A bare value in a table cell of ``kind`` inside the clause ("| 40 |" under "% positive")."""
        if not self.cells:
            return None
        if kind == "pct":  # "| 70 | % |" under "Value" and "Units" columns
            unit = self.cell_value(clause, "units", r"%")
            if unit is not None:
                found = self.cell_value(clause, "value", pattern)
                if found is not None:
                    return found
        value = _cell_value_pattern(pattern)
        for ra, rb in clause.ranges:
            i = bisect.bisect_left(self.cells, (ra, -1, ""))
            while i < len(self.cells) and self.cells[i][0] < rb:
                a, b, k = self.cells[i]
                i += 1
                if k != kind or b > rb:
                    continue
                m = value.search(self.t, a, b)
                if m:
                    return m.start(1), m.end(1), m.group(1)
        return None

    # ---- evidence
    def ev(self, field_name: str, start: int, end: int, pattern: str) -> Evidence:
        o_start, o_end = self.norm.span(start, end)
        return Evidence(
            field=field_name,
            start=o_start,
            end=o_end,
            text=self.norm.original[o_start:o_end],
            pattern=pattern,
            fuzzy_score=self.norm.fuzzy_score(start, end),
        )

    def search(self, pattern: regex.Pattern[str], clause: _Clause, exclude: list[tuple[int, int]] | None = None):
        """First match of ``pattern`` over the clause pieces, skipping excluded spans."""
        for m in self.finditer(pattern, clause):
            if exclude and any(m.start() < e and s < m.end() for s, e in exclude):
                continue
            return m
        return None

    def finditer(self, pattern: regex.Pattern[str], clause: _Clause):
        for a, b in clause.ranges:
            pos = a
            while pos < b:
                m = pattern.search(self.t, pos, b)
                if m is None:
                    break
                name_end = _in_name(m, clause)
                if name_end is not None:  # never read a value out of a marker name ("Ki 67")
                    pos = max(name_end, m.start() + 1)
                    continue
                yield m
                pos = max(m.end(), m.start() + 1)

    def body(self, clause: _Clause) -> str:
        """The clause pieces joined (computed once per clause; clauses are complete by now)."""
        if clause.body_text is None:
            clause.body_text = " ".join(self.t[a:b] for a, b in clause.ranges)
        return clause.body_text

    # ---- dispatch
    def read(self, clause: _Clause) -> list[Any]:
        if Flag.HYPOTHETICAL in clause.flags:
            return []
        kind = clause.primary
        markers = set(clause.kinds) & {"er", "pr", "her2", "ki67"}
        if (kind in markers and len(markers) > 1) or kind == "allmarkers":
            return self.read_group(clause)
        if kind in ("er", "pr"):
            f = self.read_receptor(clause, Marker(kind))
            return [f] if f else []
        if kind == "ki67":
            f = self.read_ki67(clause)
            return [f] if f else []
        if kind in _HER2_KINDS:
            return self.read_her2(clause)
        if kind == "hr":
            return self.read_hr(clause)
        if kind == "other":
            return []  # another marker (CK5/6, E-cadherin, AR): it ends the clause before it
        if kind == "triple":
            return self.read_triple(clause)
        return []

    def _base(self, clause: _Clause, extra_flags: set[Flag] | None = None) -> dict[str, Any]:
        flags = set(clause.flags) | (extra_flags or set())
        flags.discard(Flag.HYPOTHETICAL)
        ctx = clause.context
        a = clause.ranges[0][0]
        b = clause.ranges[-1][1]
        o_a, o_b = self.norm.span(min(a, clause.pre_start), b)
        return {"context": ctx, "flags": frozenset(flags), "start": o_a, "end": o_b}

    # ---- groups ("ER/PR/HER2: +/+/-", "ER and PR are positive", "biomarkers pending")
    def read_group(self, clause: _Clause) -> list[Any]:
        kinds = [k for k in clause.kinds if k in ("er", "pr", "her2", "ki67")]
        if clause.primary == "allmarkers":
            kinds = ["er", "pr", "her2"]
        body = self.body(clause)
        out: list[Any] = []
        off = clause.mention.end
        pm = P.POSITIONAL_SIGNS.match(self.t[off : clause.ranges[0][1]])
        if pm and len(kinds) > 1:
            signs = [s.strip().lower() for s in pm.group("s").split("/")]
            if len(signs) == len(kinds):
                for kind, sign in zip(kinds, signs):
                    positive = sign in ("+", "pos")
                    ev = self.ev("status", off + pm.start("s"), off + pm.end("s"), "shorthand.positional")
                    out.extend(self._sign_finding(clause, kind, positive, ev))
                return out
        if P.NOT_PERFORMED.search(body) and not P.PENDING.search(body):
            for kind in kinds:
                out.extend(self._empty(clause, kind, Flag.NOT_PERFORMED))
            return out
        pend = self.search(P.PENDING, clause)
        if pend:
            ev = self.ev("status", pend.start(), pend.end(), "status.pending")
            for kind in kinds:
                out.extend(self._pending(clause, kind, ev))
            return out
        if clause.primary == "allmarkers":
            return out
        if len(kinds) > 1 and all(k in ("er", "pr") for k in kinds):
            split = self._respective_percents(clause, kinds)
            if split is not None:
                return split
        # shared words apply to each member: "ER and PR are both positive", "(<1% staining each)"
        for kind in kinds:
            if kind in ("er", "pr"):
                f = self.read_receptor(clause, Marker(kind))
                if f:
                    out.append(f)
            elif kind == "her2":
                out.extend(self.read_her2(clause, shared=True))
        return out

    def _respective_percents(self, clause: _Clause, kinds: list[str]) -> list[Any] | None:
        """Percents of a group read one per marker: "ER and PR ... 40% and 80% ..., respectively".

        With "respectively" and as many percents as markers, each marker takes its own (its status
        then comes from its number: a shared "positive" would contradict "0%"). With several different
        percents and no "respectively", no marker can be given one: nothing is read, with a warning
        (None: the group reads as one shared result).
        """
        found = [m for m in self.finditer(P.PERCENT, clause) if m.group("one")]
        values = [_num(m.group("v")) for m in found]
        listed = self.search(_LISTED_NUMBERS, clause)
        if listed is not None and len(found) == 1 and found[0].start() >= listed.start("b"):
            # "40 and 80% of tumour cells": the sign after the last number applies to both
            values = [_num(listed.group("a")), values[0]]
            spans = [(listed.start("a"), listed.end("a")), (found[0].start(), found[0].end())]
        else:
            spans = [(m.start(), m.end()) for m in found]
        allred = self.search(_LISTED_ALLRED, clause) if len(kinds) == 2 else None
        respectively = self.search(_RESPECTIVELY, clause) is not None
        if len(set(values)) < 2:
            if allred is None or not respectively or len(set(values)) == 1 and len(values) > 1:
                return None
            values, spans = [None, None], [None, None]  # "Allred scores of 8 and 6 respectively"
        # a list written as one ("95%/80%", "(90%, 70%)", "90/60%") is positional like "+/+"
        listed_together = len(values) == len(kinds) and all(
            a is not None and b is not None and _LIST_GAP.fullmatch(self.t, a[1], b[0])
            for a, b in zip(spans, spans[1:]))
        if not (respectively or listed_together) or len(values) != len(kinds):
            self.warnings.append(f"{'/'.join(k.upper() for k in kinds)}: several percents for markers named together "
                                 "without 'respectively'; not read [receptor.evidence]")
            return []
        pair = self.search(_LISTED_INTENSITIES, clause) if len(kinds) == 2 else None
        out: list[Any] = []
        for i, (kind, value, span) in enumerate(zip(kinds, values, spans)):
            fields: dict[str, Any] = {}
            evidence = []
            if value is not None and span is not None:
                fields["percent"] = value
                evidence.append(self.ev("percent", span[0], span[1], "receptor.percent.respectively"))
            if allred is not None:  # "(Allred 8 and 5)"
                group = ("a", "b")[i]
                fields["allred"] = int(allred.group(group))
                evidence.append(self.ev("allred", allred.start(group), allred.end(group), "receptor.allred.respectively"))
            if pair is not None:  # "... with strong and weak intensity, respectively"
                group = ("a", "b")[i]
                fields["intensity"] = Intensity(_INTENSITY[pair.group(group).lower()])
                evidence.append(self.ev("intensity", pair.start(group), pair.end(group), "receptor.intensity.respectively"))
            out.append(ReceptorFinding(marker=Marker(kind), evidence=tuple(evidence), **fields, **self._base(clause)))
        return out

    def _sign_finding(self, clause: _Clause, kind: str, positive: bool, ev: Evidence) -> list[Any]:
        base = self._base(clause, {Flag.SHORTHAND})
        if kind in ("er", "pr"):
            status = ReceptorStatus.POSITIVE if positive else ReceptorStatus.NEGATIVE
            return [ReceptorFinding(marker=Marker(kind), status=status, evidence=(ev,), **base)]
        if kind == "her2":
            status = Her2Status.POSITIVE if positive else Her2Status.NEGATIVE
            return [Her2StatusFinding(status=status, final=False, evidence=(ev,), **base)]
        if kind == "hr":
            return [HrFinding(status=HrStatus.POSITIVE if positive else HrStatus.NEGATIVE, evidence=(ev,), **base)]
        return []

    def _pending(self, clause: _Clause, kind: str, ev: Evidence) -> list[Any]:
        base = self._base(clause)
        if kind in ("er", "pr"):
            return [ReceptorFinding(marker=Marker(kind), status=ReceptorStatus.PENDING, evidence=(ev,), **base)]
        if kind == "her2":
            return [Her2StatusFinding(status=Her2Status.PENDING, evidence=(ev,), **base)]
        if kind == "ki67":
            return [Ki67Finding(pending=True, evidence=(ev,), **base)]
        return []

    def _empty(self, clause: _Clause, kind: str, flag: Flag) -> list[Any]:
        base = self._base(clause, {flag})
        if kind in ("er", "pr"):
            return [ReceptorFinding(marker=Marker(kind), **base)]
        if kind == "her2":
            return [Her2StatusFinding(**base)]
        if kind == "ki67":
            return [Ki67Finding(**base)]
        return []

    # ---- triple negative / positive, HR
    def read_triple(self, clause: _Clause) -> list[Any]:
        if _NOT_BEFORE.search(self.t, max(0, clause.mention.start - 30), clause.mention.start):
            return []  # "not triple negative": says what the tumour is not, no marker's status
        word = clause.mention.text.lower()
        positive = "pos" in word
        ev = self.ev("status", clause.mention.start, clause.mention.end, "shorthand.triple")
        out: list[Any] = []
        for kind in ("er", "pr", "her2"):
            out.extend(self._sign_finding(clause, kind, positive, ev))
        return out

    def read_hr(self, clause: _Clause) -> list[Any]:
        a, b = clause.ranges[0]
        sm = _sign(self.t, clause.mention.end, b)
        if sm:
            sign = sm.group("a") or sm.group("b") or sm.group("c") or sm.group("d")
            ev = self.ev("status", clause.mention.start, clause.mention.end + sm.end(), "hr.sign")
            return self._sign_finding(clause, "hr", sign == "+", ev)
        m = self.search(P.RECEPTOR_STATUS, clause)
        if m and m.lastgroup in ("pos", "neg") and m.start() - clause.mention.end < 20:
            ev = self.ev("status", m.start(), m.end(), "hr.word")
            return self._sign_finding(clause, "hr", m.lastgroup == "pos", ev)
        return []

    # ---- ER / PR
    def read_receptor(self, clause: _Clause, marker: Marker) -> ReceptorFinding | None:
        t = self.t
        evidence: list[Evidence] = []
        values: dict[str, Any] = {}
        flags: set[Flag] = set()
        first_a, first_b = clause.ranges[0]
        body = self.body(clause)
        # DCIS inside the clause: "positive in the invasive component ... and negative in the DCIS"
        dcis_split = self._dcis_split(clause)
        if dcis_split is not None and dcis_split <= clause.mention.end:
            flags.add(Flag.DCIS)
            dcis_split = None
        if dcis_split is not None:
            clause = _Clause(
                kinds=clause.kinds, mention=clause.mention,
                ranges=[(a, min(b, dcis_split)) for a, b in clause.ranges if a < dcis_split],
                context=clause.context, flags=clause.flags, pre=clause.pre, pre_start=clause.pre_start,
            )
        # sign right after the mention: "ER+", "PR -/", "ER (+)"
        sm = _sign(t, clause.mention.end, first_b)
        if sm:
            sign = sm.group("a") or sm.group("b") or sm.group("c") or sm.group("d")
            values["status"] = ReceptorStatus.POSITIVE if sign == "+" else ReceptorStatus.NEGATIVE
            evidence.append(self.ev("status", clause.mention.start, clause.mention.end + sm.end(), "receptor.sign"))
            flags.add(Flag.SHORTHAND)
        if "status" not in values:
            if P.NOT_PERFORMED.search(body) and not _PERCENT_SIGN.search(body) and not P.PENDING.search(body):
                nm = self.search(P.NOT_PERFORMED, clause)
                if nm:
                    evidence.append(self.ev("status", nm.start(), nm.end(), "status.not_performed"))
                flags.add(Flag.NOT_PERFORMED)
                return ReceptorFinding(marker=marker, evidence=tuple(evidence), **self._base(clause, flags))
            pre = clause.pre.lower()
            pm = P.RECEPTOR_STATUS.search(pre) if pre else None
            m = self.search(P.RECEPTOR_STATUS, clause)
            if pm is not None and (pm.lastgroup in ("neg", "pos")):
                values["status"] = ReceptorStatus.NEGATIVE if pm.lastgroup == "neg" else ReceptorStatus.POSITIVE
                evidence.append(self.ev("status", clause.pre_start + pm.start(), clause.pre_start + pm.end(), "receptor.status.pre"))
                if pm.lastgroup == "pos":
                    qm = P.QUALIFIER.search(pre)
                    if qm:
                        values["qualifier"] = qm.group("q").lower()
            elif pre and _NEGATING_PRE.search(pre):
                values["status"] = ReceptorStatus.NEGATIVE  # "No ER expression", "without PR staining"
                evidence.append(self.ev("status", clause.pre_start, clause.mention.start, "receptor.status.pre_negated"))
            elif m is not None:
                group = m.lastgroup
                values["status"] = {
                    "low": ReceptorStatus.LOW_POSITIVE,
                    "neg": ReceptorStatus.NEGATIVE,
                    "equiv": ReceptorStatus.EQUIVOCAL,
                    "pos": ReceptorStatus.POSITIVE,
                }[group]
                evidence.append(self.ev("status", m.start(), m.end(), f"receptor.status.{group}"))
                qm = P.QUALIFIER.search(m.group())
                if qm and group == "pos":
                    values["qualifier"] = qm.group("q").lower()
            else:
                pend = self.search(P.PENDING, clause)
                if pend:
                    values["status"] = ReceptorStatus.PENDING
                    evidence.append(self.ev("status", pend.start(), pend.end(), "status.pending"))
        self._read_proportion(clause, values, evidence)
        self._read_intensity(clause, values, evidence)
        self._read_allred(clause, values, evidence)
        hm = self.search(P.HSCORE, clause) if "score" in self.body(clause).lower() else None
        if hm and int(hm.group("h")) <= 300:
            values["h_score"] = int(hm.group("h"))
            evidence.append(self.ev("h_score", hm.start(), hm.end(), "receptor.hscore"))
        else:
            cell = self.cell_value(clause, "hscore", r"\d{1,3}")
            if cell is not None and int(cell[2]) <= 300:
                values["h_score"] = int(cell[2])
                evidence.append(self.ev("h_score", cell[0], cell[1], "table.cell.hscore"))
        if "allred" not in values:
            cell = self.cell_value(clause, "allred", r"[02-8]")
            if cell is not None:
                values["allred"] = int(cell[2])
                evidence.append(self.ev("allred", cell[0], cell[1], "table.cell.allred"))
        if not values:
            return None
        if any(e.fuzzy_score is not None for e in evidence):
            flags.add(Flag.FUZZY)
        return ReceptorFinding(marker=marker, evidence=tuple(evidence), **values, **self._base(clause, flags))

    def _dcis_split(self, clause: _Clause) -> int | None:
        m = self.search(P.DCIS, clause)
        if m is None:
            return None
        start = clause.ranges[0][0]
        seg = self.t[start : m.start()].lower()
        cut = max(seg.rfind(";"), seg.rfind(" and "), seg.rfind(" but "), seg.rfind(" whereas "), seg.rfind(" while "))
        if cut < 0:
            return m.start() if m.start() <= clause.mention.end else start
        return start + cut

    def _read_proportion(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        excluded = [(m.start(), m.end()) for m in self.finditer(P.BREAKDOWN, clause)]
        m = None
        for lm in self.finditer(P.PERCENT_LABEL, clause):  # "Percentage of cells ...: 5%"
            line_end = _range_end(clause, lm.end())
            cand = P.PERCENT.search(self.t, lm.end(), line_end)
            if cand:
                m = cand
                break
            # the label says percent, so a bare number or bound after it is one ("...staining: 85", "<1")
            bare = _LABELLED_BARE.match(self.t[lm.end() : line_end])
            if bare:
                off = lm.end()
                v = _num(bare.group("v"))
                hi = _num(bare.group("hi")) if bare.group("hi") and not bare.group("op") else None
                if hi is not None and v <= hi <= 100:
                    values["percent_range"] = (v, hi)
                    evidence.append(self.ev("percent_range", off + bare.start("v"), off + bare.end("hi"),
                                            "receptor.percent.labelled_range"))
                    return
                if v <= 100:
                    if bare.group("op") in ("<", "≤", "<="):
                        values["percent_range"] = (0.0, v)
                    elif bare.group("op"):
                        values["percent_range"] = (v, 100.0)
                    else:
                        values["percent"] = v
                    f = "percent_range" if "percent_range" in values else "percent"
                    first = bare.start("op") if bare.group("op") else bare.start("v")
                    evidence.append(self.ev(f, off + first, off + bare.end("v"), "receptor.percent.labelled"))
                    return
        if m is None and ("%" in self.body(clause) or "cent" in self.body(clause).lower()):
            m = self.search(P.PERCENT, clause, excluded)
        if m is None:
            cell = self.cell_value(clause, "pct", r"(?:<|>|≤|≥)?\s?\d{1,3}(?:[.,]\d{1,2})?")
            if cell is not None:
                raw = cell[2].replace(" ", "")
                v = _num(raw.lstrip("<>≤≥"))
                if v <= 100:
                    if raw[0] in "<≤":
                        values["percent_range"] = (0.0, v)
                    elif raw[0] in ">≥":
                        values["percent_range"] = (v, 100.0)
                    else:
                        values["percent"] = v
                    f = "percent_range" if "percent_range" in values else "percent"
                    evidence.append(self.ev(f, cell[0], cell[1], "table.cell.percent"))
                    return
            # "ER 90 PR 20": a bare number above the Allred range (0-8) after the label
            bare = self._bare_number(clause, minimum=_BARE_RECEPTOR_MIN)
            if bare is not None and "allred" not in values:
                values["percent"] = bare[2]
                evidence.append(self.ev("percent", bare[0], bare[1], "receptor.percent.bare"))
                return
            zero = _BARE_ZERO.match(self.t[clause.mention.end : clause.ranges[0][1]])
            if zero is not None and "status" not in values and "allred" not in values:
                off = clause.mention.end  # "PR 0": 0% and Allred 0 are both negative
                values["status"] = ReceptorStatus.NEGATIVE
                evidence.append(self.ev("status", off + zero.start("z"), off + zero.end("z"), "receptor.bare_zero"))
                return
            stray = self.search(P.PERCENT_STRAY, clause)
            if stray is not None and int(stray.group("v")) <= 100:
                values["percent"] = float(stray.group("v"))
                e = self.ev("percent", stray.start(), stray.end(), "receptor.percent.ocr_stray")
                evidence.append(e.model_copy(update={"fuzzy_score": e.fuzzy_score or _STRAY_SCORE}))
            return
        pat = m.lastgroup or "one"
        try:
            if pat == "range":
                lo, hi = _num(m.group("lo")), _num(m.group("hi"))
                if lo > hi or hi > 100:
                    return
                values["percent_range"] = (lo, hi)
            elif pat == "lt":
                v = _num(m.group("ltv"))
                if v > 100:
                    return
                values["percent_range"] = (0.0, v)
            elif pat == "le_alt":
                v = _num(m.group("lev"))
                if v > 100:
                    return
                values["percent_range"] = (0.0, v)
            elif pat == "gt":
                v = _num(m.group("gtv"))
                if v > 100:
                    return
                values["percent_range"] = (v, 100.0)
            else:
                v = _num(m.group("v") or m.group("pv"))  # "95%", or "%95" as Turkish writes it
                if v > 100:
                    return
                values["percent"] = v
        except ValueError:
            return
        field_name = "percent_range" if "percent_range" in values else "percent"
        evidence.append(self.ev(field_name, m.start(), m.end(), f"receptor.percent.{pat}"))

    def _bare_number(self, clause: _Clause, minimum: float = 0.0) -> tuple[int, int, float] | None:
        """A number right after the label, without a % sign ("ki67 30", "ER 90 PR 20")."""
        off = clause.mention.end
        end = clause.ranges[0][1]
        if off >= end:
            return None
        m = P.BARE_NUMBER.match(self.t[off:end])
        if m is None:
            return None
        v = _num(m.group("v"))
        if not minimum <= v <= 100:
            return None
        return off + m.start("v"), off + m.end("v"), v

    def _read_intensity(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        for m in self.finditer(P.INTENSITY, clause):
            a = _INTENSITY[m.group("a").lower()]
            b = _INTENSITY[m.group("b").lower()] if m.group("b") else None
            if b and b != a:
                value = _COMBINED.get((a, b))
                if value is None:
                    continue
            else:
                value = Intensity(a)
            values["intensity"] = value
            evidence.append(self.ev("intensity", m.start(), m.end(), "receptor.intensity"))
            return
        sm = self.search(P.RECEPTOR_INTENSITY_SCORE, clause)
        if sm is not None:
            values["intensity"] = (Intensity.WEAK, Intensity.MODERATE, Intensity.STRONG)[int(sm.group("i")) - 1]
            evidence.append(self.ev("intensity", sm.start(), sm.end(), "receptor.intensity.score"))
            return
        pre = clause.pre
        if pre:
            m = P.INTENSITY.search(pre)
            if m and not m.group("b"):
                values["intensity"] = Intensity(_INTENSITY[m.group("a").lower()])
                evidence.append(
                    self.ev("intensity", clause.pre_start + m.start(), clause.pre_start + m.end(), "receptor.intensity.pre")
                )

    def _read_allred(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        low = self.body(clause).lower()
        m = self.search(P.ALLRED, clause) if _ALLRED_HINT.search(low) else None
        if m:
            total = m.group("t") or m.group("t2") or m.group("t3") or m.group("t4") or m.group("t5") or m.group("t6")
            ps = m.group("p") or m.group("p3") or m.group("p6")
            is_ = m.group("i") or m.group("i3") or m.group("i6")
            if m.group("t6") is not None and int(m.group("p6")) + int(m.group("i6")) != int(total):
                pass  # "5+2 = 8" does not add up: not an Allred score
            elif total is not None and int(total) != 1:
                values["allred"] = int(total)
                evidence.append(self.ev("allred", m.start(), m.end(), "receptor.allred"))
                if ps is not None and is_ is not None and int(ps) + int(is_) == int(total):
                    values["allred_ps"], values["allred_is"] = int(ps), int(is_)
        if "allred" not in values:
            # "Allred scores - ER: 4 ; PR: 0": the line says which scale its bare numbers are on
            line_start = self.t.rfind("\n", 0, clause.mention.start) + 1
            if _ALLRED_WORD.search(self.t, max(line_start, clause.mention.start - _CUE_WINDOW), clause.mention.start):
                off = clause.mention.end
                bm = _BARE_ALLRED.match(self.t[off : clause.ranges[0][1]])
                if bm:
                    values["allred"] = int(bm.group("v"))
                    evidence.append(self.ev("allred", off + bm.start("v"), off + bm.end("v"), "receptor.allred.bare"))
        pm = self.search(P.ALLRED_PARTS, clause)
        if pm:
            ps, is_ = int(pm.group("p")), int(pm.group("i"))
            if "allred" not in values or values["allred"] == ps + is_:
                values["allred_ps"], values["allred_is"] = ps, is_
                evidence.append(self.ev("allred_ps", pm.start(), pm.end(), "receptor.allred.parts"))

    # ---- Ki-67
    def read_ki67(self, clause: _Clause) -> Ki67Finding | None:
        values: dict[str, Any] = {}
        evidence: list[Evidence] = []
        m = self.search(P.PERCENT, clause)
        if m:
            pat = m.lastgroup or "one"
            if pat == "range":
                lo, hi = _num(m.group("lo")), _num(m.group("hi"))
                if lo <= hi <= 100:
                    values["percent_range"] = (lo, hi)
            elif pat in ("lt", "le_alt"):
                v = _num(m.group("ltv") or m.group("lev"))
                if v <= 100:
                    values["percent_range"] = (0.0, v)
            elif pat == "gt":
                v = _num(m.group("gtv"))
                if v <= 100:
                    values["percent_range"] = (v, 100.0)
            else:
                v = _num(m.group("v") or m.group("pv"))
                if v <= 100:
                    values["percent"] = v
            if values:
                f = "percent_range" if "percent_range" in values else "percent"
                evidence.append(self.ev(f, m.start(), m.end(), f"ki67.percent.{pat}"))
        if not values:
            cell = self.cell_value(clause, "pct")
            if cell is not None and _num(cell[2]) <= 100:
                values["percent"] = _num(cell[2])
                evidence.append(self.ev("percent", cell[0], cell[1], "table.cell.percent"))
        if not values:  # "Ki-67 % ......... [ 35 ]": the % names the column of the number after it
            lm = _NAME_PERCENT_LABEL.match(self.t, clause.mention.end, clause.ranges[0][1])
            bare = _LABELLED_BARE.match(self.t[lm.end() : _range_end(clause, lm.end())]) if lm else None
            if bare and not bare.group("op") and not bare.group("hi") and _num(bare.group("v")) <= 100:
                values["percent"] = _num(bare.group("v"))
                evidence.append(self.ev("percent", lm.end() + bare.start("v"), lm.end() + bare.end("v"),
                                        "ki67.percent.labelled"))
        if not values:
            for lm in self.finditer(P.PERCENT_LABEL, clause):  # "Percent: 85" under a "Ki-67" label
                bare = _LABELLED_BARE.match(self.t[lm.end() : _range_end(clause, lm.end())])
                if bare and not bare.group("op") and bare.group("hi"):
                    lo, hi = _num(bare.group("v")), _num(bare.group("hi"))
                    if lo <= hi <= 100:
                        values["percent_range"] = (lo, hi)
                        evidence.append(self.ev("percent_range", lm.end() + bare.start("v"),
                                                lm.end() + bare.end("hi"), "ki67.percent.labelled_range"))
                        break
                elif bare and not bare.group("op") and _num(bare.group("v")) <= 100:
                    values["percent"] = _num(bare.group("v"))
                    evidence.append(self.ev("percent", lm.end() + bare.start("v"), lm.end() + bare.end("v"),
                                            "ki67.percent.labelled"))
                    break
        if not values:
            bare = self._bare_number(clause)
            if bare is not None:
                values["percent"] = bare[2]
                evidence.append(self.ev("percent", bare[0], bare[1], "ki67.percent.bare"))
        lm = self.search(P.KI67_LEVEL, clause)
        if lm and not _NOT_BEFORE.search(self.t[max(0, lm.start() - 6) : lm.start()]):
            values["level_word"] = Ki67Level.HIGH if lm.lastgroup == "high" else Ki67Level.LOW
            evidence.append(self.ev("level_word", lm.start(), lm.end(), "ki67.level"))
        if not values:
            pend = self.search(P.PENDING, clause)
            if pend:
                values["pending"] = True
                evidence.append(self.ev("pending", pend.start(), pend.end(), "status.pending"))
        if not values:
            return None
        return Ki67Finding(evidence=tuple(evidence), **values, **self._base(clause))

    # ---- HER2
    def read_her2(self, clause: _Clause, shared: bool = False) -> list[Any]:
        t = self.t
        flags: set[Flag] = set()
        dcis_split = self._dcis_split(clause)
        if dcis_split is not None and dcis_split <= clause.mention.end:
            flags.add(Flag.DCIS)
        elif dcis_split is not None:
            clause = _Clause(
                kinds=clause.kinds, mention=clause.mention,
                ranges=[(a, min(b, dcis_split)) for a, b in clause.ranges if a < dcis_split],
                context=clause.context, flags=clause.flags, pre=clause.pre, pre_start=clause.pre_start,
                final=clause.final,
            )
        body = self.body(clause)
        is_ish = clause.primary in ("ish", "measure", "cep")
        out: list[Any] = []
        base = self._base(clause, flags)

        # ---- ISH numbers and result
        ish_vals: dict[str, Any] = {}
        ish_ev: list[Evidence] = []
        taken: list[tuple[int, int]] = []
        has_digit = any(ch.isdigit() for ch in body)  # every ISH number pattern needs one
        for m in self.finditer(P.ISH_CEP17, clause) if has_digit else ():
            ish_vals.setdefault("cep17", _num(m.group("v")))
            if len(ish_ev) == 0 or all(e.field != "cep17" for e in ish_ev):
                ish_ev.append(self.ev("cep17", m.start(), m.end(), "her2.ish.cep17"))
            taken.append((m.start(), m.end()))
        snr = self.search(P.ISH_SNR, clause) if has_digit else None
        if snr:
            ish_vals["copy_number"] = _num(snr.group("v"))
            ish_ev.append(self.ev("copy_number", snr.start(), snr.end(), "her2.ish.snr"))
            taken.append((snr.start(), snr.end()))
        rm = self.search(P.ISH_RATIO, clause, taken) if has_digit else None
        if rm:
            ish_vals["ratio"] = _num(rm.group("v") or rm.group("v2"))
            ish_ev.append(self.ev("ratio", rm.start(), rm.end(), "her2.ish.ratio"))
            taken.append((rm.start(), rm.end()))
        for kind, key in (("ratio", "ratio"), ("copies", "copy_number")):
            cell = None if key in ish_vals else self.cell_value(clause, kind, r"\d{1,2}[.,]\d{1,3}")
            if cell is not None:  # a table column "Ratio" / "HER2 copies"
                ish_vals[key] = _num(cell[2])
                ish_ev.append(self.ev(key, cell[0], cell[1], f"table.cell.{key}"))
        if "copy_number" not in ish_vals and has_digit:
            cm = self.search(P.ISH_COPY, clause, taken)
            if cm and (is_ish or ish_vals or _COPY_WORD.search(cm.group())):
                v = cm.group("v") or cm.group("v2") or cm.group("v3") or cm.group("v4") or cm.group("v5") or cm.group("v6")
                ish_vals["copy_number"] = _num(v)
                ish_ev.append(self.ev("copy_number", cm.start(), cm.end(), "her2.ish.copy_number"))
                taken.append((cm.start(), cm.end()))
        # "awaiting FISH (IHC equivocal)": a status word said of the IHC is not the ISH result
        ihc_words = list(self.finditer(_IHC_STATUS_WORD, clause)) if _IHC_HINT.search(body) else []
        ihc_spans = [(m.start(), m.end()) for m in ihc_words]
        ish_words_in_her2 = bool(_AMPLIF.search(body))
        if ish_words_in_her2 and not is_ish and _NEGATING_PRE.search(clause.pre) and _AMPLIFICATION.search(body):
            am = self.search(_AMPLIFICATION, clause, taken)
            if am is not None:
                ish_vals["result"] = IshResult.NOT_AMPLIFIED
                ish_ev.append(self.ev("result", am.start(), am.end(), "her2.ish.result.pre_negated"))
        if is_ish or ish_vals or ish_words_in_her2:
            res = None if "result" in ish_vals else self.search(
                P.ISH_RESULT if (is_ish or ish_vals) else P.ISH_AMP_RESULT, clause, taken + ihc_spans
            )
            if res:
                ish_vals["result"] = {
                    "neg": IshResult.NOT_AMPLIFIED,
                    "equiv": IshResult.EQUIVOCAL,
                    "pos": IshResult.AMPLIFIED,
                }[res.lastgroup]
                ish_ev.append(self.ev("result", res.start(), res.end(), f"her2.ish.result.{res.lastgroup}"))
            if res and is_ish and not {"ratio", "copy_number"} & set(ish_vals):
                # "HER2/NEU BY FISH = 1.1 NOT AMPLIFIED": one decimal number between the ISH label and its result
                lm = _LABEL_NUMBER.fullmatch(t, clause.mention.end, res.start())
                if lm is not None:
                    ish_vals["ratio"] = float(f"{lm.group('i')}.{lm.group('f')}")
                    ish_ev.append(self.ev("ratio", lm.start("i"), lm.end("f"), "her2.ish.ratio.unlabelled"))
                    self.warnings.append("HER2 ISH: the unlabelled number between the ISH label and its result is read "
                                         "as the ratio [her2.ish.numbers]")
            if res and is_ish and res.lastgroup != "equiv" and not {"ratio", "copy_number"} & set(ish_vals):
                # [her2.ish.numbers] "FISH: NOT AMPLIFIED (1.2)": in an ISH statement the number in brackets
                # right after the result is its ratio (OCR may split it: "(1. 1)")
                bm = _BRACKETED_RATIO.match(t, res.end(), _range_end(clause, res.end()))
                if bm is not None:
                    ish_vals["ratio"] = float(f"{bm.group('i')}.{bm.group('f')}")
                    ish_ev.append(self.ev("ratio", bm.start("i"), bm.end("f"), "her2.ish.ratio.bracketed"))
                    self.warnings.append("HER2 ISH: the unlabelled number in brackets after the ISH result is read as "
                                         "the ratio [her2.ish.numbers]")
            gm = self.search(P.ISH_GROUP, clause)
            if gm and (is_ish or ish_vals):
                ish_vals["group_stated"] = int(gm.group("g"))
                ish_ev.append(self.ev("group_stated", gm.start(), gm.end(), "her2.ish.group"))
            if "result" not in ish_vals and is_ish:
                if P.NOT_PERFORMED.search(body) and not ish_vals:
                    return [Her2IshFinding(evidence=(), **self._base(clause, flags | {Flag.NOT_PERFORMED}))]
                pend = self.search(P.PENDING, clause)
                if pend and not any(k in ish_vals for k in ("ratio", "copy_number")):
                    ish_vals["result"] = IshResult.PENDING
                    ish_ev.append(self.ev("result", pend.start(), pend.end(), "status.pending"))
            if ish_vals:
                if P.ISH_SINGLE.search(body):
                    ish_vals["probe"] = Probe.SINGLE
                elif P.ISH_DUAL.search(body) or "ratio" in ish_vals or "cep17" in ish_vals:
                    ish_vals["probe"] = Probe.DUAL
                out.append(Her2IshFinding(evidence=tuple(ish_ev), **ish_vals, **base))
        if is_ish:
            # an ISH clause may also carry the final status ("Final HER2 status: POSITIVE"), and the
            # IHC it was ordered for ("awaiting FISH (IHC equivocal)")
            if ihc_words:
                word = ihc_words[0].group().lower()
                status = (Her2Status.EQUIVOCAL if ("equivocal" in word or "borderline" in word)
                          else Her2Status.NEGATIVE if "neg" in word else Her2Status.POSITIVE)
                ev = self.ev("status", ihc_words[0].start(), ihc_words[0].end(), "her2.ihc.status_word")
                out.append(Her2IhcFinding(status=status, evidence=(ev,), **base))
            return out

        # ---- IHC (and a stated overall status)
        ihc_vals: dict[str, Any] = {}
        ihc_ev: list[Evidence] = []
        if not shared:
            sm = _sign(t, clause.mention.end, clause.ranges[0][1])
        else:
            sm = None
        rng = self.search(P.IHC_SCORE_RANGE, clause, taken)
        bare = None if shared else _BARE_SCORE.match(t[clause.mention.end : clause.ranges[0][1]])
        if rng is None and bare is not None:
            off = clause.mention.end
            ihc_vals["score"] = _SCORES[bare.group("s")]
            ihc_ev.append(self.ev("score", off + bare.start("s"), off + bare.end(), "her2.ihc.score.bare"))
        elif rng:
            ihc_vals["score_range"] = True
            ihc_ev.append(self.ev("score", rng.start(), rng.end(), "her2.ihc.score_range"))
        else:
            sc = self.search(P.IHC_SCORE, clause, taken)
            if sc:
                digit = next(sc.group(g) for g in ("s1", "s2", "s3", "s4", "s5") if sc.group(g))
                ihc_vals["score"] = _SCORES[digit]
                ihc_ev.append(self.ev("score", sc.start(), sc.end(), "her2.ihc.score"))
        # status words (outside the ISH part)
        status_m = None
        pre = clause.pre.lower()
        if pre and _NEG_PRE_END.search(pre):
            if _OVEREXPRESSION.search(body) or "negative" in pre:
                ihc_vals["status"] = Her2Status.NEGATIVE
                ihc_ev.append(self.ev("status", clause.pre_start, clause.mention.start, "her2.status.pre"))
        if "status" not in ihc_vals and sm:
            sign = sm.group("a") or sm.group("b") or sm.group("c") or sm.group("d")
            ihc_vals["status"] = Her2Status.POSITIVE if sign == "+" else Her2Status.NEGATIVE
            ihc_ev.append(self.ev("status", clause.mention.start, clause.mention.end + sm.end(), "her2.sign"))
            flags.add(Flag.SHORTHAND)
        if "status" not in ihc_vals:
            status_m = self.search(P.HER2_STATUS, clause, taken)
            if status_m and "amplif" not in status_m.group().lower():
                ihc_vals["status"] = {
                    "neg": Her2Status.NEGATIVE,
                    "equiv": Her2Status.EQUIVOCAL,
                    "pos": Her2Status.POSITIVE,
                }[status_m.lastgroup]
                ihc_ev.append(self.ev("status", status_m.start(), status_m.end(), f"her2.status.{status_m.lastgroup}"))
        cat = self.search(P.HER2_CATEGORY, clause, taken)
        if cat:
            ihc_vals["category_word"] = {
                "ultralow": Her2Category.ULTRALOW,
                "null": Her2Category.ZERO_NULL,
                "low": Her2Category.LOW,
            }[cat.lastgroup]
            ihc_ev.append(self.ev("category_word", cat.start(), cat.end(), f"her2.category.{cat.lastgroup}"))
        self._read_stain_description(clause, ihc_vals, ihc_ev, taken)
        pending = None
        if "score" not in ihc_vals and "status" not in ihc_vals:
            pending = self.search(P.PENDING, clause)
            if P.NOT_PERFORMED.search(body) and not pending:
                nm = self.search(P.NOT_PERFORMED, clause)
                ev = (self.ev("status", nm.start(), nm.end(), "status.not_performed"),) if nm else ()
                out.append(Her2StatusFinding(evidence=ev, **self._base(clause, flags | {Flag.NOT_PERFORMED})))
                return out
        # (a staining read only from the word "ultralow" is the stated category, not an IHC reading)
        has_ihc = any(k in ihc_vals for k in ("score", "score_range", "completeness", "stain_extent")) or (
            "staining" in ihc_vals and any(e.field == "staining" for e in ihc_ev))
        if any(e.fuzzy_score is not None for e in ihc_ev):
            flags.add(Flag.FUZZY)
        base = self._base(clause, flags)
        if has_ihc:
            out.append(Her2IhcFinding(evidence=tuple(ihc_ev), **ihc_vals, **base))
        elif "status" in ihc_vals or "category_word" in ihc_vals:
            status = ihc_vals.get("status")
            if status is None and ihc_vals.get("category_word") in (Her2Category.LOW, Her2Category.ULTRALOW):
                status = Her2Status.NEGATIVE
            if ish_vals and status in (Her2Status.POSITIVE, Her2Status.NEGATIVE) and not clause.final:
                pass  # "HER2 negative (not amplified)": the ISH finding carries it
            else:
                out.append(
                    Her2StatusFinding(
                        status=status,
                        category_word=ihc_vals.get("category_word"),
                        final=clause.final and Flag.SHORTHAND not in flags,
                        evidence=tuple(ihc_ev),
                        **base,
                    )
                )
        elif pending is not None:
            ev = self.ev("status", pending.start(), pending.end(), "status.pending")
            if _IHC_WORD.search(self.t[clause.mention.start : pending.start()]):
                out.append(Her2IhcFinding(status=Her2Status.PENDING, evidence=(ev,), **base))
            else:
                out.append(Her2StatusFinding(status=Her2Status.PENDING, evidence=(ev,), **base))
        return out

    def _read_stain_description(
        self, clause: _Clause, vals: dict[str, Any], ev: list[Evidence], taken: list[tuple[int, int]]
    ) -> None:
        none = self.search(P.HER2_NO_STAINING, clause, taken)
        if none:
            vals["staining"] = Her2Staining.NONE
            ev.append(self.ev("staining", none.start(), none.end(), "her2.ihc.staining.none"))
        membrane = self.search(_MEMBRANE, clause, taken)
        if membrane is None:
            if vals.get("category_word") == Her2Category.ULTRALOW:
                vals["staining"] = Her2Staining.FAINT
            elif vals.get("category_word") == Her2Category.ZERO_NULL and "staining" not in vals:
                vals["staining"] = Her2Staining.NONE
            return
        comp = self.search(P.STAIN_COMPLETENESS, clause, taken)
        if comp:
            vals["completeness"] = "incomplete" if comp.group("inc") else "complete"
            ev.append(self.ev("completeness", comp.start(), comp.end(), "her2.ihc.completeness"))
        inten = self.search(P.STAIN_INTENSITY, clause, taken)
        if inten:
            vals["stain_intensity"] = {
                "faint": "faint", "wm": "weak_to_moderate", "weak": "weak", "mod": "moderate", "int": "intense"
            }[inten.lastgroup]
            ev.append(self.ev("stain_intensity", inten.start(), inten.end(), "her2.ihc.intensity"))
        ext = self.search(P.STAIN_EXTENT, clause, taken)
        if ext:
            if ext.group("gt"):
                vals["stain_extent"] = "gt10"
            elif ext.group("le"):
                v = ext.group("lev")
                if v is None or _num(v) <= _EXTENT_CUTOFF:
                    vals["stain_extent"] = "le10"
            else:
                v = _num(ext.group("n"))
                if 0 < v <= _EXTENT_CUTOFF:
                    vals["stain_extent"] = "le10"
                elif v > _EXTENT_CUTOFF:
                    vals["stain_extent"] = "gt10"
            if "stain_extent" in vals:
                ev.append(self.ev("stain_extent", ext.start(), ext.end(), "her2.ihc.extent"))
        if vals.get("category_word") == Her2Category.ULTRALOW:
            vals["staining"] = Her2Staining.FAINT
        elif (
            "staining" not in vals
            and vals.get("stain_intensity") in ("faint", "weak")
            and vals.get("stain_extent") == "le10"
            and vals.get("score") in (None, IhcScore.ZERO)
        ):
            vals["staining"] = Her2Staining.FAINT
        elif vals.get("category_word") == Her2Category.ZERO_NULL and "staining" not in vals:
            vals["staining"] = Her2Staining.NONE
