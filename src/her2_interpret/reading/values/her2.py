"""HER2 immunohistochemistry and stated HER2 status: the IHC part of a HER2 clause.

Takes a clause (a HER2 mention and its statement, in the masked normalised text) and gives findings
whose evidence spans point at the original text:

- :class:`~her2_interpret.models.Her2IhcFinding`: the IHC score ("HER2 (4B5): 2+", "score 0"), a score
  range ("0-1+"), a status word said with it, the category word ("HER2-low", "ultralow", "null") and the
  staining description (completeness, intensity, extent against the 10% cut-off, "no staining");
- :class:`~her2_interpret.models.Her2StatusFinding`: a HER2 status or category stated without a test
  ("HER2 negative", "HER2-low", "HER2: pending"), marked ``final`` for a final/overall interpretation;
- with the ISH steps of :mod:`.her2_ish` (called first), the :class:`~her2_interpret.models.Her2IshFinding`.

The reader only reads; the rules decide. The readings serve [her2.ihc.stated] (a stated score or range,
kept as stated), [her2.ihc.derived] and [her2.ihc.subzero] (the staining description and the
faint/none staining from which the rules derive a score or the ultralow/null category) and
[her2.final] (a stated overall status, which the rules keep by P2).
"""

from __future__ import annotations

from typing import Any

from .. import patterns as P
from ...models import Evidence, Flag, Her2Category, Her2IhcFinding, Her2Staining, Her2Status, Her2StatusFinding, IhcScore
from ..mentions import _Clause
from .base import _BARE_SCORE, _EXTENT_CUTOFF, _IHC_HINT, _IHC_STATUS_WORD, _IHC_WORD, _MEMBRANE, _NEG_PRE_END, _OVEREXPRESSION, _SCORES, _num, _sign
from .her2_ish import ISH_KINDS, Span

#: The HER2 status word's pattern group -> the status.
_HER2_STATUSES = {"neg": Her2Status.NEGATIVE, "equiv": Her2Status.EQUIVOCAL, "pos": Her2Status.POSITIVE}
#: The category word's pattern group -> the category as written.
_CATEGORY_WORDS = {"ultralow": Her2Category.ULTRALOW, "null": Her2Category.ZERO_NULL, "low": Her2Category.LOW}
#: The staining intensity's pattern group -> the intensity of the description.
_STAIN_INTENSITIES = {"faint": "faint", "wm": "weak_to_moderate", "weak": "weak", "mod": "moderate", "int": "intense"}
#: The groups of :data:`~..patterns.IHC_SCORE` that may hold the score digit, in order.
_SCORE_GROUPS = ("s1", "s2", "s3", "s4", "s5")
#: The groups of :data:`~..patterns.SIGN` that may hold the sign, in order.
_SIGN_GROUPS = ("a", "b", "c", "d")
#: Values that make an IHC finding (a staining read only from the word "ultralow" is the category).
_IHC_KEYS = ("score", "score_range", "completeness", "stain_extent")


class Her2Values:
    """Reads a HER2 clause: the ISH part (:class:`~.her2_ish.Her2IshValues`), then the IHC and status.

    A mixin of :class:`~.reader.Reader`: it uses the reading tools of :class:`~.base.ReaderBase`
    (``search``, ``finditer``, ``cell_value``, ``ev``, ``body``, ``_base``, ``_before_dcis``) and the ISH
    steps of :class:`~.her2_ish.Her2IshValues`.
    """

    # ---- HER2
    def read_her2(self, clause: _Clause, shared: bool = False) -> list[Any]:
        """The HER2 findings of one clause (ISH, IHC, stated status), in that order.

        Takes the clause and ``shared`` (True when the clause is a group's, "ER, PR and HER2 negative":
        no sign or bare score right after the name is then HER2's own). Gives a list of findings, empty
        when the clause holds no HER2 value. The DCIS part of the clause is not read.
        """
        flags: set[Flag] = set()
        clause = self._before_dcis(clause, flags, keep_final=True)
        body = self.body(clause)
        is_ish = clause.primary in ISH_KINDS
        base = self._base(clause, flags)
        ish_vals: dict[str, Any] = {}
        ish_ev: list[Evidence] = []
        taken: list[Span] = []
        self._read_ish_numbers(clause, is_ish, ish_vals, ish_ev, taken)
        # "awaiting FISH (IHC equivocal)": a status word said of the IHC is not the ISH result
        ihc_words = list(self.finditer(_IHC_STATUS_WORD, clause)) if _IHC_HINT.search(body) else []
        ihc_spans = [(m.start(), m.end()) for m in ihc_words]
        out, stop = self._read_ish(clause, is_ish, ish_vals, ish_ev, taken, ihc_spans, flags, base)
        if stop:
            return out
        if is_ish:
            # an ISH clause may also carry the final status ("Final HER2 status: POSITIVE"), and the
            # IHC it was ordered for ("awaiting FISH (IHC equivocal)")
            if ihc_words:
                out.append(self._ihc_status_word(ihc_words[0], base))
            return out
        out.extend(self._read_her2_ihc(clause, shared, flags, ish_vals, taken))
        return out

    def _ihc_status_word(self, m, base: dict[str, Any]) -> Her2IhcFinding:
        """An IHC finding of a status word said of the IHC in an ISH statement ("IHC equivocal")."""
        word = m.group().lower()
        status = (Her2Status.EQUIVOCAL if ("equivocal" in word or "borderline" in word)
                  else Her2Status.NEGATIVE if "neg" in word else Her2Status.POSITIVE)
        ev = self.ev("status", m.start(), m.end(), "her2.ihc.status_word")
        return Her2IhcFinding(status=status, evidence=(ev,), **base)

    # ---- IHC (and a stated overall status)
    def _read_her2_ihc(
        self, clause: _Clause, shared: bool, flags: set[Flag], ish_vals: dict[str, Any], taken: list[Span]
    ) -> list[Any]:
        """The IHC and stated-status findings of a HER2 clause (not an ISH statement).

        Takes the clause, ``shared`` (see :meth:`read_her2`), the finding's flags (SHORTHAND and FUZZY
        are added here), the ISH values already read and the spans they took. Gives the IHC finding, or
        a status finding, or a pending or not-performed finding, or nothing.
        """
        ihc_vals: dict[str, Any] = {}
        ihc_ev: list[Evidence] = []
        self._read_ihc_score(clause, shared, taken, ihc_vals, ihc_ev)
        self._read_her2_status(clause, shared, taken, ihc_vals, ihc_ev, flags)
        cat = self.search(P.HER2_CATEGORY, clause, taken)
        if cat:
            ihc_vals["category_word"] = _CATEGORY_WORDS[cat.lastgroup]
            ihc_ev.append(self.ev("category_word", cat.start(), cat.end(), f"her2.category.{cat.lastgroup}"))
        self._read_stain_description(clause, ihc_vals, ihc_ev, taken)
        pending = None
        if "score" not in ihc_vals and "status" not in ihc_vals:
            pending = self.search(P.PENDING, clause)
            if P.NOT_PERFORMED.search(self.body(clause)) and not pending:
                nm = self.search(P.NOT_PERFORMED, clause)
                ev = (self.ev("status", nm.start(), nm.end(), "status.not_performed"),) if nm else ()
                return [Her2StatusFinding(evidence=ev, **self._base(clause, flags | {Flag.NOT_PERFORMED}))]
        if any(e.fuzzy_score is not None for e in ihc_ev):
            flags.add(Flag.FUZZY)
        return self._her2_ihc_findings(clause, ihc_vals, ihc_ev, ish_vals, flags, pending)

    def _read_ihc_score(
        self, clause: _Clause, shared: bool, taken: list[Span], vals: dict[str, Any], ev: list[Evidence]
    ) -> None:
        """[her2.ihc.stated] The IHC score: a range ("0-1+"), a bare score right after the name
        ("HER2: 2+", not for a group's shared clause), or a labelled score ("score 3+"), in that order."""
        rng = self.search(P.IHC_SCORE_RANGE, clause, taken)
        bare = None if shared else _BARE_SCORE.match(self.t[clause.mention.end : clause.ranges[0][1]])
        if rng is None and bare is not None:
            off = clause.mention.end
            vals["score"] = _SCORES[bare.group("s")]
            ev.append(self.ev("score", off + bare.start("s"), off + bare.end(), "her2.ihc.score.bare"))
        elif rng:
            vals["score_range"] = True
            ev.append(self.ev("score", rng.start(), rng.end(), "her2.ihc.score_range"))
        else:
            sc = self.search(P.IHC_SCORE, clause, taken)
            if sc:
                digit = next(sc.group(g) for g in _SCORE_GROUPS if sc.group(g))
                vals["score"] = _SCORES[digit]
                ev.append(self.ev("score", sc.start(), sc.end(), "her2.ihc.score"))

    def _read_her2_status(
        self, clause: _Clause, shared: bool, taken: list[Span], vals: dict[str, Any], ev: list[Evidence],
        flags: set[Flag],
    ) -> None:
        """The stated HER2 status, first found of: a negation before the name ("no HER2 overexpression"),
        a sign right after it ("HER2+", adds SHORTHAND to ``flags``; not for a shared clause), a status
        word ("HER2 ... negative"; an amplification word is left to the ISH)."""
        pre = clause.pre.lower()
        if pre and _NEG_PRE_END.search(pre):
            if _OVEREXPRESSION.search(self.body(clause)) or "negative" in pre:
                vals["status"] = Her2Status.NEGATIVE
                ev.append(self.ev("status", clause.pre_start, clause.mention.start, "her2.status.pre"))
        sm = None if shared else _sign(self.t, clause.mention.end, clause.ranges[0][1])
        if "status" not in vals and sm:
            sign = next((sm.group(g) for g in _SIGN_GROUPS if sm.group(g)), None)
            vals["status"] = Her2Status.POSITIVE if sign == "+" else Her2Status.NEGATIVE
            ev.append(self.ev("status", clause.mention.start, clause.mention.end + sm.end(), "her2.sign"))
            flags.add(Flag.SHORTHAND)
        if "status" not in vals:
            status_m = self.search(P.HER2_STATUS, clause, taken)
            if status_m and "amplif" not in status_m.group().lower():
                vals["status"] = _HER2_STATUSES[status_m.lastgroup]
                ev.append(self.ev("status", status_m.start(), status_m.end(), f"her2.status.{status_m.lastgroup}"))

    def _her2_ihc_findings(
        self, clause: _Clause, vals: dict[str, Any], ev: list[Evidence], ish_vals: dict[str, Any],
        flags: set[Flag], pending,
    ) -> list[Any]:
        """The finding the IHC values make: an IHC finding when an IHC reading is there; else a status
        finding for a stated status or category (none when the ISH finding of the same clause already
        carries a positive/negative that is not final: "HER2 negative (not amplified)"); else a pending
        finding (an IHC one when "IHC" stands between the name and the pending word)."""
        has_ihc = any(k in vals for k in _IHC_KEYS) or (
            "staining" in vals and any(e.field == "staining" for e in ev))
        base = self._base(clause, flags)
        if has_ihc:
            return [Her2IhcFinding(evidence=tuple(ev), **vals, **base)]
        if "status" in vals or "category_word" in vals:
            status = vals.get("status")
            if status is None and vals.get("category_word") in (Her2Category.LOW, Her2Category.ULTRALOW):
                status = Her2Status.NEGATIVE
            if ish_vals and status in (Her2Status.POSITIVE, Her2Status.NEGATIVE) and not clause.final:
                return []
            final = clause.final and Flag.SHORTHAND not in flags
            return [Her2StatusFinding(status=status, category_word=vals.get("category_word"), final=final,
                                      evidence=tuple(ev), **base)]
        if pending is not None:
            pev = self.ev("status", pending.start(), pending.end(), "status.pending")
            if _IHC_WORD.search(self.t[clause.mention.start : pending.start()]):
                return [Her2IhcFinding(status=Her2Status.PENDING, evidence=(pev,), **base)]
            return [Her2StatusFinding(status=Her2Status.PENDING, evidence=(pev,), **base)]
        return []

    def _read_stain_description(
        self, clause: _Clause, vals: dict[str, Any], ev: list[Evidence], taken: list[Span]
    ) -> None:
        """[her2.ihc.derived] [her2.ihc.subzero] The staining description, into ``vals`` / ``ev``.

        Reads "no staining" (staining none), then, when the clause speaks of membrane staining, its
        completeness, intensity and extent (sorted to one side of the 10% cut-off: "le10" / "gt10"), and
        sets the staining faint (ultralow word, or faint/weak in <=10% with no score above 0) or none
        (null word). The rules derive the score and the category from these.
        """
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
            vals["stain_intensity"] = _STAIN_INTENSITIES[inten.lastgroup]
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
