"""The reader of one clause: dispatch on the clause's markers to the value readers, and the group readers.

Takes a :class:`~..mentions._Clause` (a mention and its statement) and gives the clause's findings
(:class:`Reader.read`). A clause of one marker goes to its value reader (:mod:`.receptors`, :mod:`.her2`
with :mod:`.her2_ish`, :mod:`.ki67`); this module reads what speaks of several markers at once:
groups ("ER/PR/HER2: +/+/-", "ER and PR are positive", "biomarkers pending"), percents listed with
"respectively", "triple negative" and hormone-receptor (HR) statements. Those readings serve
[receptor.words] and [her2.final] (signs and words, flagged SHORTHAND) and [hr.status]; a list of
percents for markers named together without "respectively" is not read, with a warning (P1).
"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Flag, Intensity, Marker, ReceptorFinding
from ..mentions import _Clause, _HER2_KINDS
from .her2 import Her2Values
from .her2_ish import Her2IshValues
from .ki67 import Ki67Values
from .receptors import ReceptorValues
from .base import ReaderBase, _INTENSITY, _LISTED_ALLRED, _LISTED_INTENSITIES, _LISTED_NUMBERS, _LIST_GAP, _NOT_BEFORE, _RESPECTIVELY, _num, _sign


#: The groups of a two-member pair match (:data:`~.base._LISTED_ALLRED`, :data:`~.base._LISTED_INTENSITIES`).
_PAIR_GROUPS = ("a", "b")


class Reader(ReceptorValues, Her2Values, Her2IshValues, Ki67Values, ReaderBase):
    """Reads one clause's findings: dispatches on the clause's marker kinds to the value readers."""

    # ---- dispatch
    def read(self, clause: _Clause) -> list[Any]:
        """The findings of one clause (none for a hypothetical statement or another marker's)."""
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

    # ---- groups ("ER/PR/HER2: +/+/-", "ER and PR are positive", "biomarkers pending")
    def read_group(self, clause: _Clause) -> list[Any]:
        """The findings of a clause that names several markers, one list for all of them.

        Takes the clause; gives, first found of: positional signs ("ER/PR/HER2: +/+/-"), not
        performed, pending, percents one per marker (:meth:`_respective_percents`), else each
        member read from the shared words ("ER and PR are both positive").
        """
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
        return [self._respective_finding(clause, kind, value, span, _PAIR_GROUPS[i] if i < len(_PAIR_GROUPS) else None,
                                         allred, pair)
                for i, (kind, value, span) in enumerate(zip(kinds, values, spans))]

    def _respective_finding(self, clause: _Clause, kind: str, value, span, group, allred, pair) -> ReceptorFinding:
        """One marker's finding of a "respectively" list: its percent (``value`` at ``span``), and its
        Allred ("Allred 8 and 5") and intensity ("strong and weak") from the pair matches, ``group``
        ("a" or "b") naming its member of each pair."""
        fields: dict[str, Any] = {}
        evidence = []
        if value is not None and span is not None:
            fields["percent"] = value
            evidence.append(self.ev("percent", span[0], span[1], "receptor.percent.respectively"))
        if allred is not None:  # "(Allred 8 and 5)"
            fields["allred"] = int(allred.group(group))
            evidence.append(self.ev("allred", allred.start(group), allred.end(group), "receptor.allred.respectively"))
        if pair is not None:  # "... with strong and weak intensity, respectively"
            fields["intensity"] = Intensity(_INTENSITY[pair.group(group).lower()])
            evidence.append(self.ev("intensity", pair.start(group), pair.end(group), "receptor.intensity.respectively"))
        return ReceptorFinding(marker=Marker(kind), evidence=tuple(evidence), **fields, **self._base(clause))

    # ---- triple negative / positive, HR
    def read_triple(self, clause: _Clause) -> list[Any]:
        """ER, PR and HER2 shorthand findings of "triple negative" / "triple positive" (none after "not")."""
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
        """[hr.status] A hormone-receptor finding of "HR+" / "hormone receptor negative", or none."""
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
