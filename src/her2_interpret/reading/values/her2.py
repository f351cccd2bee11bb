"""TODO"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Evidence, Flag, Her2Category, Her2IhcFinding, Her2IshFinding, Her2Staining, Her2Status, Her2StatusFinding, IhcScore, IshResult, Probe
from ..mentions import _Clause
from .base import _AMPLIF, _AMPLIFICATION, _BARE_SCORE, _BRACKETED_RATIO, _COPY_WORD, _EXTENT_CUTOFF, _IHC_HINT, _IHC_STATUS_WORD, _IHC_WORD, _LABEL_NUMBER, _MEMBRANE, _NEGATING_PRE, _NEG_PRE_END, _OVEREXPRESSION, _SCORES, _num, _range_end, _sign


class Her2Values:
    """TODO"""

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
