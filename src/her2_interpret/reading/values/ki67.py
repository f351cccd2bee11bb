"""TODO"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Evidence, Ki67Finding, Ki67Level
from ..mentions import _Clause
from .base import _LABELLED_BARE, _NAME_PERCENT_LABEL, _NOT_BEFORE, _num, _range_end


class Ki67Values:
    """TODO"""

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
