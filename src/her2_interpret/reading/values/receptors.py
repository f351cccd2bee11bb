"""ER and PR: the value reader of an oestrogen or progesterone receptor clause.

Takes a clause (an ER or PR mention and its statement, in the masked normalised text) and gives one
:class:`~her2_interpret.models.ReceptorFinding` (or None when nothing is read): the stated status
word and its qualifier ("weakly", "focally"), the percent of stained nuclei or a percent range, the
staining intensity, the Allred/Quick score (total, and its proportion and intensity parts), and the
H-score. Each value keeps an evidence span that points at the original text.

The reader only reads; the rules decide. The readings serve [er.status] and [pr.status] (percent and
status word), [receptor.range] (ranges and bounds as stated: "<1%" is (0, 1)), [receptor.words] and
[receptor.contradiction] (the status word is kept as stated, even against its number),
[receptor.allred], [receptor.hscore] and [receptor.intensity]. A DCIS-only part of the clause is not
read as the invasive result ([receptor.dcis]).
"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Evidence, Flag, Intensity, Marker, ReceptorFinding, ReceptorStatus
from ..context import _CUE_WINDOW
from ..mentions import _Clause
from .base import _ALLRED_HINT, _ALLRED_WORD, _BARE_ALLRED, _BARE_RECEPTOR_MIN, _BARE_ZERO, _COMBINED, _INTENSITY, _LABELLED_BARE, _MAX_PERCENT, _NEGATING_PRE, _PERCENT_SIGN, _STRAY_SCORE, _num, _percent_value, _range_end, _sign

#: The receptor status word's pattern group -> the status as stated.
_RECEPTOR_STATUSES = {
    "low": ReceptorStatus.LOW_POSITIVE,
    "neg": ReceptorStatus.NEGATIVE,
    "equiv": ReceptorStatus.EQUIVOCAL,
    "pos": ReceptorStatus.POSITIVE,
}
#: An intensity score 1-3 ("intensity score 2") -> the intensity.
_SCORED_INTENSITIES = (Intensity.WEAK, Intensity.MODERATE, Intensity.STRONG)
#: The groups of :data:`~..patterns.SIGN` that may hold the sign, in order.
_SIGN_GROUPS = ("a", "b", "c", "d")
#: The highest H-score (3 x 100%).
_MAX_HSCORE = 300
#: Bound operators of a bare percent after a label ("<1"): these give the upper end of a range.
_UPPER_BOUNDS = ("<", "≤", "<=")
#: First characters of a table percent cell that give the upper / the lower end of a range.
_CELL_UPPER = "<≤"
_CELL_LOWER = ">≥"


class ReceptorValues:
    """Reads an ER or PR clause into one :class:`~her2_interpret.models.ReceptorFinding`.

    A mixin of :class:`~.reader.Reader`: it uses the reading tools of :class:`~.base.ReaderBase`
    (``search``, ``finditer``, ``cell_value``, ``ev``, ``body``, ``_base``, ``_before_dcis``). Each step
    takes the clause, the values dict and the evidence list, and adds what it reads to both.
    """

    # ---- ER / PR
    def read_receptor(self, clause: _Clause, marker: Marker) -> ReceptorFinding | None:
        """The ER or PR finding of one clause, or None when the clause states no value of it.

        Takes the clause and the marker (ER or PR). The steps, in order: the DCIS cut, a sign right
        after the name, a status word (or "not performed", which ends the reading), percent, intensity,
        Allred, H-score, a table's Allred column.
        """
        evidence: list[Evidence] = []
        values: dict[str, Any] = {}
        flags: set[Flag] = set()
        body = self.body(clause)  # the whole clause, its DCIS part included
        clause = self._before_dcis(clause, flags, keep_final=False)
        sm = _sign(self.t, clause.mention.end, clause.ranges[0][1])
        if sm:  # "ER+", "PR -/", "ER (+)"
            sign = next((sm.group(g) for g in _SIGN_GROUPS if sm.group(g)), None)
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
            self._read_receptor_status(clause, values, evidence)
        self._read_proportion(clause, values, evidence)
        self._read_intensity(clause, values, evidence)
        self._read_allred(clause, values, evidence)
        self._read_hscore(clause, values, evidence)
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

    def _read_receptor_status(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        """[receptor.words] The stated status, first found of: a status word before the name
        ("positive ER"), a negation before it ("No ER expression", "without PR staining"), a status word
        in the clause (with its qualifier: "weakly positive"), a pending word."""
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
            values["status"] = ReceptorStatus.NEGATIVE
            evidence.append(self.ev("status", clause.pre_start, clause.mention.start, "receptor.status.pre_negated"))
        elif m is not None:
            group = m.lastgroup
            values["status"] = _RECEPTOR_STATUSES[group]
            evidence.append(self.ev("status", m.start(), m.end(), f"receptor.status.{group}"))
            qm = P.QUALIFIER.search(m.group())
            if qm and group == "pos":
                values["qualifier"] = qm.group("q").lower()
        else:
            pend = self.search(P.PENDING, clause)
            if pend:
                values["status"] = ReceptorStatus.PENDING
                evidence.append(self.ev("status", pend.start(), pend.end(), "status.pending"))

    def _read_hscore(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        """[receptor.hscore] The H-score (0-300): "H-score 180", or a table's H-score column."""
        hm = self.search(P.HSCORE, clause) if "score" in self.body(clause).lower() else None
        if hm and int(hm.group("h")) <= _MAX_HSCORE:
            values["h_score"] = int(hm.group("h"))
            evidence.append(self.ev("h_score", hm.start(), hm.end(), "receptor.hscore"))
            return
        cell = self.cell_value(clause, "hscore", r"\d{1,3}")
        if cell is not None and int(cell[2]) <= _MAX_HSCORE:
            values["h_score"] = int(cell[2])
            evidence.append(self.ev("h_score", cell[0], cell[1], "table.cell.hscore"))

    # ---- percent
    def _read_proportion(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        """[receptor.range] The percent of stained nuclei (or a range or bound), first found of:
        a percent or bare number after a percent label ("Percentage of cells ...: 5%", "...: 85"), a
        percent in the clause (not one of an intensity breakdown, "strong 60%"), and without one:
        a table cell, a bare number, a bare zero, an OCR-damaged percent (:meth:`_read_unmarked_percent`)."""
        m = None
        for lm in self.finditer(P.PERCENT_LABEL, clause):
            line_end = _range_end(clause, lm.end())
            cand = P.PERCENT.search(self.t, lm.end(), line_end)
            if cand:
                m = cand
                break
            if self._read_labelled_bare(lm.end(), line_end, values, evidence):
                return
        body = self.body(clause)
        if m is None and ("%" in body or "cent" in body.lower()):
            excluded = [(b.start(), b.end()) for b in self.finditer(P.BREAKDOWN, clause)]
            m = self.search(P.PERCENT, clause, excluded)
        if m is None:
            self._read_unmarked_percent(clause, values, evidence)
            return
        try:
            read = _percent_value(m)
        except ValueError:
            return
        if read is not None:
            values[read[0]] = read[1]
            evidence.append(self.ev(read[0], m.start(), m.end(), f"receptor.percent.{m.lastgroup or 'one'}"))

    def _read_labelled_bare(self, off: int, line_end: int, values: dict[str, Any], evidence: list[Evidence]) -> bool:
        """After a percent label, a bare number, bin or bound is a percent ("...staining: 85", "<1",
        "51-60"). Takes the label's end and the end of its line; gives True when one was read."""
        bare = _LABELLED_BARE.match(self.t[off:line_end])
        if not bare:
            return False
        v = _num(bare.group("v"))
        hi = _num(bare.group("hi")) if bare.group("hi") and not bare.group("op") else None
        if hi is not None and v <= hi <= _MAX_PERCENT:
            values["percent_range"] = (v, hi)
            evidence.append(self.ev("percent_range", off + bare.start("v"), off + bare.end("hi"),
                                    "receptor.percent.labelled_range"))
            return True
        if v > _MAX_PERCENT:
            return False
        if bare.group("op") in _UPPER_BOUNDS:
            values["percent_range"] = (0.0, v)
        elif bare.group("op"):
            values["percent_range"] = (v, float(_MAX_PERCENT))
        else:
            values["percent"] = v
        f = "percent_range" if "percent_range" in values else "percent"
        first = bare.start("op") if bare.group("op") else bare.start("v")
        evidence.append(self.ev(f, off + first, off + bare.end("v"), "receptor.percent.labelled"))
        return True

    def _read_unmarked_percent(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        """A percent written without a % sign, first found of: a table's percent cell ("| 70 |"), a
        bare number above the Allred range after the name ("ER 90 PR 20"), a bare zero ("PR 0": 0% and
        Allred 0 are both negative, read as the status), a number with a stray character where % was
        ("95X", flagged fuzzy)."""
        if self._read_cell_percent(clause, values, evidence):
            return
        bare = self._bare_number(clause, minimum=_BARE_RECEPTOR_MIN)
        if bare is not None and "allred" not in values:
            values["percent"] = bare[2]
            evidence.append(self.ev("percent", bare[0], bare[1], "receptor.percent.bare"))
            return
        zero = _BARE_ZERO.match(self.t[clause.mention.end : clause.ranges[0][1]])
        if zero is not None and "status" not in values and "allred" not in values:
            off = clause.mention.end
            values["status"] = ReceptorStatus.NEGATIVE
            evidence.append(self.ev("status", off + zero.start("z"), off + zero.end("z"), "receptor.bare_zero"))
            return
        stray = self.search(P.PERCENT_STRAY, clause)
        if stray is not None and int(stray.group("v")) <= _MAX_PERCENT:
            values["percent"] = float(stray.group("v"))
            e = self.ev("percent", stray.start(), stray.end(), "receptor.percent.ocr_stray")
            evidence.append(e.model_copy(update={"fuzzy_score": e.fuzzy_score or _STRAY_SCORE}))

    def _read_cell_percent(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> bool:
        """A table's percent cell, with an optional bound ("| <1 |"); gives True when one was read."""
        cell = self.cell_value(clause, "pct", r"(?:<|>|≤|≥)?\s?\d{1,3}(?:[.,]\d{1,2})?")
        if cell is None:
            return False
        raw = cell[2].replace(" ", "")
        v = _num(raw.lstrip("<>≤≥"))
        if v > _MAX_PERCENT:
            return False
        if raw[0] in _CELL_UPPER:
            values["percent_range"] = (0.0, v)
        elif raw[0] in _CELL_LOWER:
            values["percent_range"] = (v, float(_MAX_PERCENT))
        else:
            values["percent"] = v
        f = "percent_range" if "percent_range" in values else "percent"
        evidence.append(self.ev(f, cell[0], cell[1], "table.cell.percent"))
        return True

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
            values["intensity"] = _SCORED_INTENSITIES[int(sm.group("i")) - 1]
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
