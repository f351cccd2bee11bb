"""TODO"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Evidence, Flag, Intensity, Marker, ReceptorFinding, ReceptorStatus
from ..context import _CUE_WINDOW
from ..mentions import _Clause
from .base import _ALLRED_HINT, _ALLRED_WORD, _BARE_ALLRED, _BARE_RECEPTOR_MIN, _BARE_ZERO, _COMBINED, _INTENSITY, _LABELLED_BARE, _NEGATING_PRE, _PERCENT_SIGN, _STRAY_SCORE, _num, _range_end, _sign


class ReceptorValues:
    """TODO"""

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
