"""Value readers, one module per marker, mixed into one :class:`~.reader.Reader`.

Each takes a :class:`~..mentions._Clause` (a mention and its statement, in the masked normalised text)
and gives findings whose evidence spans point into the original text:

- :mod:`.base`  the shared reading tools (cell values, evidence, searches bounded by the clause) and the
  value patterns shared by the readers;
- :mod:`.receptors`  ER and PR: percent, intensity, Allred/Quick score, H-score, status;
- :mod:`.her2`  HER2 IHC: score, score range, staining description, category word, stated status;
- :mod:`.her2_ish`  HER2 ISH: ratio, copy number, CEP17, stated result and group, probe;
- :mod:`.ki67`  Ki-67: percent, range or level;
- :mod:`.reader`  the dispatch over a clause's markers, groups ("ER/PR positive"), "respectively"
  lists, "triple negative" and hormone-receptor statements.
"""
