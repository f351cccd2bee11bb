"""The shared reading tools of the value readers, and the value patterns several of them use.

Takes nothing by itself: :class:`ReaderBase` holds one text's state (normalised text, masked text,
table cells, warnings) and the tools the marker readers (:mod:`.receptors`, :mod:`.her2`,
:mod:`.her2_ish`, :mod:`.ki67`) build on. The module-level patterns and tables here are compiled or built
once (patterns lazily on first use, :func:`~..patterns.lazy`). The HER2 extent cut-off comes from the
guideline thresholds ([her2.ihc.*]); the reader only sorts a described extent to one side of it.
"""

from __future__ import annotations

import bisect
import functools
import regex
from typing import Any

from .. import patterns as P
from ...models import Evidence, Flag, Her2Status, Her2StatusFinding, HrFinding, HrStatus, IhcScore, Intensity, Ki67Finding, Marker, ReceptorFinding, ReceptorStatus
from ..normalize import Normalized
from ...thresholds import DEFAULT_VERSIONS, HER2_GUIDELINES
from ..mentions import _Clause
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


#: The most a percent can be: a larger number is not a percent of cells.
_MAX_PERCENT = 100
#: The bound patterns of :data:`~..patterns.PERCENT` -> (value group, which end of the range it is).
_PERCENT_BOUNDS = {"lt": ("ltv", "upper"), "le_alt": ("lev", "upper"), "gt": ("gtv", "lower")}


def _percent_value(m: regex.Match[str]) -> tuple[str, Any] | None:
    """The value a :data:`~..patterns.PERCENT` match states.

    Takes the match; gives ("percent", number) for one number ("95%", "%95" as Turkish writes it),
    ("percent_range", (low, high)) for a range ("15-20%") or a bound ("<1%" is (0, 1), ">90%" is
    (90, 100)), or None when the numbers are no percent (above 100, or a range the wrong way round).
    """
    pat = m.lastgroup or "one"
    if pat == "range":
        lo, hi = _num(m.group("lo")), _num(m.group("hi"))
        return ("percent_range", (lo, hi)) if lo <= hi <= _MAX_PERCENT else None
    if pat in _PERCENT_BOUNDS:
        group, end = _PERCENT_BOUNDS[pat]
        v = _num(m.group(group))
        if v > _MAX_PERCENT:
            return None
        return "percent_range", ((0.0, v) if end == "upper" else (v, float(_MAX_PERCENT)))
    v = _num(m.group("v") or m.group("pv"))
    return ("percent", v) if v <= _MAX_PERCENT else None


class ReaderBase:
    """The shared reading tools of the value readers, and the reader's state for one text.

    Takes the normalised text (:class:`~..normalize.Normalized`, for the offset map back to the
    original), the masked normalised text ``t`` the clauses point into, and the table cells
    ``(start, end, column kind)`` found in it. Gives the tools every value reader uses: searches bounded
    by a clause's pieces that never read a value out of a marker name (``search``, ``finditer``), table
    cell values (``cell_value``), evidence with original offsets (``ev``), the clause text (``body``), the
    fields every finding shares (``_base``), the DCIS cut (``_before_dcis``) and the shorthand, pending
    and not-performed findings. Readers add their warnings to ``warnings``.
    """

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

    # ---- DCIS inside a clause
    def _dcis_split(self, clause: _Clause) -> int | None:
        """Where the DCIS part of a clause begins ("positive in the invasive ... and negative in the DCIS").

        Takes a clause; gives the offset of the cut before the DCIS words (the last ";", "and", "but",
        "whereas" or "while" before them), or None when the clause names no DCIS. An offset at or before
        the mention's end means the whole clause speaks of DCIS.
        """
        m = self.search(P.DCIS, clause)
        if m is None:
            return None
        start = clause.ranges[0][0]
        seg = self.t[start : m.start()].lower()
        cut = max(seg.rfind(";"), seg.rfind(" and "), seg.rfind(" but "), seg.rfind(" whereas "), seg.rfind(" while "))
        if cut < 0:
            return m.start() if m.start() <= clause.mention.end else start
        return start + cut

    def _before_dcis(self, clause: _Clause, flags: set[Flag], keep_final: bool) -> _Clause:
        """The clause without its DCIS part, so a value of the DCIS is not read as the invasive one.

        Takes a clause and the finding's flags (``Flag.DCIS`` is added to them when the whole clause is
        about DCIS); gives the clause cut at :meth:`_dcis_split`, or the clause itself when there is
        nothing to cut. ``keep_final`` carries the clause's ``final`` mark into the cut clause (the HER2
        reader keeps it, the receptor reader does not). The cut clause keeps kinds, mention, context,
        flags and ``pre`` only (not the marker-name spans).
        """
        split = self._dcis_split(clause)
        if split is None:
            return clause
        if split <= clause.mention.end:
            flags.add(Flag.DCIS)
            return clause
        extra = {"final": clause.final} if keep_final else {}
        return _Clause(
            kinds=clause.kinds, mention=clause.mention,
            ranges=[(a, min(b, split)) for a, b in clause.ranges if a < split],
            context=clause.context, flags=clause.flags, pre=clause.pre, pre_start=clause.pre_start,
            **extra,
        )

    def _base(self, clause: _Clause, extra_flags: set[Flag] | None = None) -> dict[str, Any]:
        flags = set(clause.flags) | (extra_flags or set())
        flags.discard(Flag.HYPOTHETICAL)
        ctx = clause.context
        a = clause.ranges[0][0]
        b = clause.ranges[-1][1]
        o_a, o_b = self.norm.span(min(a, clause.pre_start), b)
        return {"context": ctx, "flags": frozenset(flags), "start": o_a, "end": o_b}

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
