"""Ki-67: the value reader of a Ki-67 (MIB-1) clause.

Takes a clause (a Ki-67 mention and its statement, in the masked normalised text) and gives one
:class:`~her2_interpret.models.Ki67Finding` (or None when nothing is read): the percent of stained
nuclei or a percent range ("Ki-67 15-20%", "<5%"), a level word ("high", "low") and "pending". Each
value keeps an evidence span that points at the original text.

The reader only reads; the rules decide: the readings serve [ki67] (the high/low cut-off, a range that
straddles it, the optional International Ki67 Working Group bands) and, through it, [subtype].
"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Evidence, Ki67Finding, Ki67Level
from ..mentions import _Clause
from .base import _LABELLED_BARE, _MAX_PERCENT, _NAME_PERCENT_LABEL, _NOT_BEFORE, _num, _percent_value, _range_end

#: How far before a level word a negation is looked for ("not high").
_LEVEL_NEGATION_WINDOW = 6


class Ki67Values:
    """Reads a Ki-67 clause into one :class:`~her2_interpret.models.Ki67Finding`.

    A mixin of :class:`~.reader.Reader`: it uses the reading tools of :class:`~.base.ReaderBase`
    (``search``, ``finditer``, ``cell_value``, ``ev``, ``_base``) and ``_bare_number`` of
    :class:`~.receptors.ReceptorValues`.
    """

    # ---- Ki-67
    def read_ki67(self, clause: _Clause) -> Ki67Finding | None:
        """The Ki-67 finding of one clause, or None when the clause states no value of it.

        Takes the clause. The percent is the first found of: a percent ("Ki-67: 15%", "15-20%", "<5%"),
        a table's percent cell, a number labelled as percent ("Ki-67 % ..... [ 35 ]", "Percent: 85"),
        a bare number after the name ("ki67 30"). A level word ("high") is read besides; "pending" only
        when nothing else is.
        """
        values: dict[str, Any] = {}
        evidence: list[Evidence] = []
        m = self.search(P.PERCENT, clause)
        read = _percent_value(m) if m else None
        if read is not None:
            values[read[0]] = read[1]
            evidence.append(self.ev(read[0], m.start(), m.end(), f"ki67.percent.{m.lastgroup or 'one'}"))
        if not values:
            cell = self.cell_value(clause, "pct")
            if cell is not None and _num(cell[2]) <= _MAX_PERCENT:
                values["percent"] = _num(cell[2])
                evidence.append(self.ev("percent", cell[0], cell[1], "table.cell.percent"))
        if not values:
            self._read_ki67_labelled(clause, values, evidence)
        if not values:
            bare = self._bare_number(clause)
            if bare is not None:
                values["percent"] = bare[2]
                evidence.append(self.ev("percent", bare[0], bare[1], "ki67.percent.bare"))
        lm = self.search(P.KI67_LEVEL, clause)
        if lm and not _NOT_BEFORE.search(self.t[max(0, lm.start() - _LEVEL_NEGATION_WINDOW) : lm.start()]):
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

    def _read_ki67_labelled(self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence]) -> None:
        """A number labelled as a percent, into ``values`` / ``evidence``: first the "%" right after the
        name naming the column of the number after it ("Ki-67 % ......... [ 35 ]"), then a percent
        label in the clause ("Percent: 85", "Percentage: 20-30" under a "Ki-67" label)."""
        lm = _NAME_PERCENT_LABEL.match(self.t, clause.mention.end, clause.ranges[0][1])
        bare = _LABELLED_BARE.match(self.t[lm.end() : _range_end(clause, lm.end())]) if lm else None
        if bare and not bare.group("op") and not bare.group("hi") and _num(bare.group("v")) <= _MAX_PERCENT:
            values["percent"] = _num(bare.group("v"))
            evidence.append(self.ev("percent", lm.end() + bare.start("v"), lm.end() + bare.end("v"),
                                    "ki67.percent.labelled"))
            return
        for lm in self.finditer(P.PERCENT_LABEL, clause):
            bare = _LABELLED_BARE.match(self.t[lm.end() : _range_end(clause, lm.end())])
            if bare and not bare.group("op") and bare.group("hi"):
                lo, hi = _num(bare.group("v")), _num(bare.group("hi"))
                if lo <= hi <= _MAX_PERCENT:
                    values["percent_range"] = (lo, hi)
                    evidence.append(self.ev("percent_range", lm.end() + bare.start("v"),
                                            lm.end() + bare.end("hi"), "ki67.percent.labelled_range"))
                    return
            elif bare and not bare.group("op") and _num(bare.group("v")) <= _MAX_PERCENT:
                values["percent"] = _num(bare.group("v"))
                evidence.append(self.ev("percent", lm.end() + bare.start("v"), lm.end() + bare.end("v"),
                                        "ki67.percent.labelled"))
                return
