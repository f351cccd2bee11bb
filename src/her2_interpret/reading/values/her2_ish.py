"""HER2 in situ hybridisation (FISH, SISH, CISH, DISH): the ISH part of a HER2 clause.

Takes a clause (a HER2, ISH, "HER2 copies" or CEP17 mention and its statement, in the masked normalised
text) and gives the values of one :class:`~her2_interpret.models.Her2IshFinding`: HER2/CEP17 ratio,
average HER2 copy number, average CEP17 number, the stated result (amplified, not amplified,
equivocal, pending), the stated group and the probe (single or dual). Every value keeps an evidence
span that points at the original text.

The reader only reads what is written; the rules decide what it means:

- the numbers serve [her2.ish.group1-5], [her2.ish.groups234] and [her2.ish.single] (groups are computed
  by the rules, never here; a stated group is kept as ``group_stated``);
- which numbers count follows [her2.ish.numbers]: numbers are read from their labels only, a "signal to
  nucleus ratio" is the copy number, and an unlabelled number after the ISH label or in brackets after
  the result is read as the ratio only in an ISH statement, with a warning;
- a result word without numbers is kept as stated for [her2.ish.stated].

The IHC part of the same clause is read by :mod:`.her2`; :meth:`~.her2.Her2Values.read_her2` calls the
steps here first and passes on the spans they took, so a number of the ISH is never read as an IHC score.
"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Evidence, Flag, Her2IshFinding, IshResult, Probe
from ..mentions import _Clause
from .base import _AMPLIF, _AMPLIFICATION, _BRACKETED_RATIO, _COPY_WORD, _LABEL_NUMBER, _NEGATING_PRE, _num, _range_end

#: The mention kinds of an ISH statement (the rest of HER2 is "her2": IHC or a status).
ISH_KINDS = ("ish", "measure", "cep")

#: The ISH result word's pattern group -> the result.
_ISH_RESULTS = {"neg": IshResult.NOT_AMPLIFIED, "equiv": IshResult.EQUIVOCAL, "pos": IshResult.AMPLIFIED}

#: The groups of :data:`~..patterns.ISH_COPY` that may hold the copy number, in order.
_COPY_GROUPS = ("v", "v2", "v3", "v4", "v5", "v6")

Span = tuple[int, int]


class Her2IshValues:
    """Reads the HER2 ISH values of a clause into a values dict and an evidence list.

    A mixin of :class:`~.reader.Reader`: it uses the reading tools of :class:`~.base.ReaderBase`
    (``search``, ``finditer``, ``cell_value``, ``ev``, ``body``, ``_base``, ``warnings``).
    """

    def _read_ish(
        self, clause: _Clause, is_ish: bool, values: dict[str, Any], evidence: list[Evidence],
        taken: list[Span], ihc_spans: list[Span], flags: set[Flag], base: dict[str, Any],
    ) -> tuple[list[Any], bool]:
        """The ISH result, group and probe of a clause whose numbers :meth:`_read_ish_numbers` has read.

        Takes the clause, whether it is an ISH statement, the values and evidence read so far, the
        spans the numbers took, the spans of IHC status words ("IHC equivocal", never the ISH result),
        the finding's flags and base fields. Gives (findings, stop): the ISH finding when anything of
        the ISH was read; ``stop`` is True when an ISH statement says the test was not performed (that
        finding is then the clause's whole answer).
        """
        body = self.body(clause)
        amplif_word = bool(_AMPLIF.search(body))
        if amplif_word and not is_ish and _NEGATING_PRE.search(clause.pre) and _AMPLIFICATION.search(body):
            am = self.search(_AMPLIFICATION, clause, taken)  # "no HER2 amplification"
            if am is not None:
                values["result"] = IshResult.NOT_AMPLIFIED
                evidence.append(self.ev("result", am.start(), am.end(), "her2.ish.result.pre_negated"))
        if not (is_ish or values or amplif_word):
            return [], False
        res = self._read_ish_result(clause, is_ish, values, evidence, taken + ihc_spans)
        if res and is_ish:
            self._read_unlabelled_ratio(clause, res, values, evidence)
        gm = self.search(P.ISH_GROUP, clause)
        if gm and (is_ish or values):
            values["group_stated"] = int(gm.group("g"))
            evidence.append(self.ev("group_stated", gm.start(), gm.end(), "her2.ish.group"))
        if "result" not in values and is_ish:
            if P.NOT_PERFORMED.search(body) and not values:
                return [Her2IshFinding(evidence=(), **self._base(clause, flags | {Flag.NOT_PERFORMED}))], True
            pend = self.search(P.PENDING, clause)
            if pend and not any(k in values for k in ("ratio", "copy_number")):
                values["result"] = IshResult.PENDING
                evidence.append(self.ev("result", pend.start(), pend.end(), "status.pending"))
        if not values:
            return [], False
        if P.ISH_SINGLE.search(body):
            values["probe"] = Probe.SINGLE
        elif P.ISH_DUAL.search(body) or "ratio" in values or "cep17" in values:
            values["probe"] = Probe.DUAL
        return [Her2IshFinding(evidence=tuple(evidence), **values, **base)], False

    # ---- numbers
    def _read_ish_numbers(
        self, clause: _Clause, is_ish: bool, values: dict[str, Any], evidence: list[Evidence], taken: list[Span]
    ) -> None:
        """The labelled ISH numbers of a clause: CEP17, signal-to-nucleus ratio, ratio, copy number.

        Takes the clause, whether it is an ISH statement, and the values dict, evidence list and taken
        spans to fill ([her2.ish.numbers]: each number from its own label, a span read once). A copy
        number without a copy word is read only in an ISH statement or next to other ISH numbers.
        """
        has_digit = any(ch.isdigit() for ch in self.body(clause))  # every ISH number pattern needs one
        if has_digit:
            self._read_ish_labelled(clause, values, evidence, taken)
        for kind, key in (("ratio", "ratio"), ("copies", "copy_number")):
            cell = None if key in values else self.cell_value(clause, kind, r"\d{1,2}[.,]\d{1,3}")
            if cell is not None:  # a table column "Ratio" / "HER2 copies"
                values[key] = _num(cell[2])
                evidence.append(self.ev(key, cell[0], cell[1], f"table.cell.{key}"))
        if "copy_number" not in values and has_digit:
            cm = self.search(P.ISH_COPY, clause, taken)
            if cm and (is_ish or values or _COPY_WORD.search(cm.group())):
                v = next((cm.group(g) for g in _COPY_GROUPS if cm.group(g)), None)
                values["copy_number"] = _num(v)
                evidence.append(self.ev("copy_number", cm.start(), cm.end(), "her2.ish.copy_number"))
                taken.append((cm.start(), cm.end()))

    def _read_ish_labelled(
        self, clause: _Clause, values: dict[str, Any], evidence: list[Evidence], taken: list[Span]
    ) -> None:
        """CEP17 (the first one; every CEP17 span is taken), "signal to nucleus ratio" (a copy number,
        [her2.ish.numbers]) and the HER2/CEP17 ratio, into ``values`` / ``evidence`` / ``taken``."""
        for m in self.finditer(P.ISH_CEP17, clause):
            values.setdefault("cep17", _num(m.group("v")))
            if all(e.field != "cep17" for e in evidence):
                evidence.append(self.ev("cep17", m.start(), m.end(), "her2.ish.cep17"))
            taken.append((m.start(), m.end()))
        snr = self.search(P.ISH_SNR, clause)
        if snr:
            values["copy_number"] = _num(snr.group("v"))
            evidence.append(self.ev("copy_number", snr.start(), snr.end(), "her2.ish.snr"))
            taken.append((snr.start(), snr.end()))
        rm = self.search(P.ISH_RATIO, clause, taken)
        if rm:
            values["ratio"] = _num(rm.group("v") or rm.group("v2"))
            evidence.append(self.ev("ratio", rm.start(), rm.end(), "her2.ish.ratio"))
            taken.append((rm.start(), rm.end()))

    # ---- result
    def _read_ish_result(
        self, clause: _Clause, is_ish: bool, values: dict[str, Any], evidence: list[Evidence], exclude: list[Span]
    ):
        """The stated ISH result word ("amplified", "not amplified", "equivocal"), unless one is read.

        In an ISH statement or next to ISH numbers any result word counts (:data:`~..patterns.ISH_RESULT`);
        in a plain HER2 statement only an amplification word (:data:`~..patterns.ISH_AMP_RESULT`).
        Takes the clause, values, evidence and the spans to skip; gives the match (or None).
        """
        if "result" in values:
            return None
        res = self.search(P.ISH_RESULT if (is_ish or values) else P.ISH_AMP_RESULT, clause, exclude)
        if res:
            values["result"] = _ISH_RESULTS[res.lastgroup]
            evidence.append(self.ev("result", res.start(), res.end(), f"her2.ish.result.{res.lastgroup}"))
        return res

    def _read_unlabelled_ratio(self, clause: _Clause, res, values: dict[str, Any], evidence: list[Evidence]) -> None:
        """[her2.ish.numbers] An ISH statement's ratio written without the word "ratio", with a warning.

        Takes the clause, the result word's match, values and evidence; reads, when no ratio or copy
        number is read: one decimal number between the ISH label and its result ("HER2/NEU BY FISH = 1.1
        NOT AMPLIFIED"), else (for a result other than equivocal) a number in brackets right after the
        result ("FISH: NOT AMPLIFIED (1.2)"; OCR may split it: "(1. 1)").
        """
        if {"ratio", "copy_number"} & set(values):
            return
        lm = _LABEL_NUMBER.fullmatch(self.t, clause.mention.end, res.start())
        if lm is not None:
            values["ratio"] = float(f"{lm.group('i')}.{lm.group('f')}")
            evidence.append(self.ev("ratio", lm.start("i"), lm.end("f"), "her2.ish.ratio.unlabelled"))
            self.warnings.append("HER2 ISH: the unlabelled number between the ISH label and its result is read "
                                 "as the ratio [her2.ish.numbers]")
            return
        if res.lastgroup == "equiv":
            return
        bm = _BRACKETED_RATIO.match(self.t, res.end(), _range_end(clause, res.end()))
        if bm is not None:
            values["ratio"] = float(f"{bm.group('i')}.{bm.group('f')}")
            evidence.append(self.ev("ratio", bm.start("i"), bm.end("f"), "her2.ish.ratio.bracketed"))
            self.warnings.append("HER2 ISH: the unlabelled number in brackets after the ISH result is read as "
                                 "the ratio [her2.ish.numbers]")
