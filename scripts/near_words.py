#!/usr/bin/env python3
"""List real English words that the fuzzy reader would "correct" to a lexicon word.

    pip install english-words   # a word list bundled in the package (offline); dev use only
    python scripts/near_words.py

Every word printed is a real word within ``normalize.FUZZY_CUTOFF`` of a lexicon target
("unamplified" -> "amplified" would flip a result; "sending" -> "pending" invents one). The
words a report may use belong in ``lexicon.REAL_NEAR_WORDS``, so they are never corrected; rare
dictionary words that are far likelier an OCR slip in a report ("legative", "scorce") are left
out on purpose. Re-run after changing ``FUZZY_TARGETS`` or the cut-off.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from english_words import get_english_words_set  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from her2_interpret.reading import lexicon  # noqa: E402
from her2_interpret.reading.normalize import FUZZY_CUTOFF, FUZZY_MIN_LEN  # noqa: E402


def main() -> int:
    words = get_english_words_set(["web2", "gcide"], lower=True)
    for word in sorted(words):
        if len(word) < FUZZY_MIN_LEN or not word.isalpha() or word in lexicon.KNOWN_WORDS:
            continue
        best = process.extractOne(word, lexicon.FUZZY_TARGETS, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            print(f"{word} -> {best[0]} ({best[1]:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
