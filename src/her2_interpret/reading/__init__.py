"""The reader: report text in, :class:`~her2_interpret.models.Findings` out (:func:`parse`).

Stages, in the order the text flows (each module says what it takes and gives):

1. :mod:`.normalize`  normalise the text (spaces, dashes, OCR repairs, fuzzy corrections) and keep the
   offset map back to the original, so every evidence span points at the original characters.
2. :mod:`.regions`  the spans around marker mentions and report-wide facts (one cheap scan): the
   costly masking passes read only these; the rest of a report (gross, margins, nodes) is skipped.
3. :mod:`.masking`  blank what is never a result, keeping every offset: statements that are not
   results (:mod:`.statements`: definitions, keys, template hints, literature, controls, family
   history, classes of tumours), reference columns, option lists, page furniture.
4. :mod:`.segments`  sentences and line bounds (a sentence never crosses a line).
5. :mod:`.mentions`  marker mentions (ER, PR, HER2, ISH, Ki-67, HR, "triple negative") and their groups
   ("ER/PR"); the :class:`~.mentions._Clause` a reader reads.
6. :mod:`.sections`  the report's structure: sections (addendum, amendment, comment, history),
   specimen parts, sides, tumours and sizes, dates, header cues over the lines below.
7. :mod:`.context`  context cues of one statement: DCIS, history, questions and hearsay.
8. :mod:`.tables`  table rows (pipes, tabs, CSV, space-aligned columns, flattened PDF tables).
9. :mod:`.clauses`  the walk over the lines: each mention's statement (clause), using 4-8.
10. :mod:`.values`  value readers per marker: receptors (ER/PR), HER2 (IHC and ISH), Ki-67.
11. :mod:`.assemble`  assembly into :class:`~her2_interpret.models.Findings`.

:mod:`.patterns` and :mod:`.lexicon` are the shared pattern library and word lists.
"""

from __future__ import annotations

from .assemble import parse

__all__ = ["parse"]
