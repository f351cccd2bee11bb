"""Stage 5, mentions: where a marker is named, and the unit a value reader reads.

- :func:`_all_mentions` / :func:`_find_mentions`: every marker mention (kinds ``er``, ``pr``, ``her2``,
  ``ish`` (a HER2 ISH test), ``measure`` (an ISH measurement label), ``cep``, ``ki67``, ``hr``,
  ``triple``, ``allmarkers``, ``other``) from :data:`~.patterns.MENTION`, found once per text and looked
  up by position afterwards;
- :func:`_group_mentions`: mentions joined into groups that speak together ("ER/PR", "estrogen and
  progesterone receptors", "HER2 (ERBB2)", "FISH: ratio ...; HER2 ...; CEP17 ...");
- :class:`_Mention` and :class:`_Clause`: a mention, and its statement (ranges of the masked normalised
  text, its context and flags) as :mod:`.clauses` builds it and :mod:`.values` reads it.
"""

from __future__ import annotations

import bisect
import regex
from dataclasses import dataclass, field

from . import patterns as P
from ..models import Context, Flag
_JOIN_NAME = P.lazy(r"[\s(/]{0,3}")
_JOIN_SAME = P.lazy(r"[\s():,-]{0,6}")
_FOR_HER2 = P.lazy(r"\s{0,3}(?:\([^)\n]{0,30}\)\s{0,3})?(?:for|of)\s{1,3}(?:the\s{1,3})?")
_JOIN_ISH = P.lazy(r"[\s(),:-]{0,12}(?:by\s{1,3})?")
# Kinds of mention. "ish" is a HER2 ISH test, "measure" a HER2 ISH measurement label.
_HER2_KINDS = ("her2", "ish", "measure", "cep")


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


#: Mention kinds that carry a result of their own (not "other", "allmarkers", "triple", ...).
_RESULT_KINDS = ("er", "pr", "her2", "ki67", "ish")


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
