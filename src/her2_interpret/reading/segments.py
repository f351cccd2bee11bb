"""Stage 4, segments: sentences and line bounds of a text (a sentence never crosses a line).

- :func:`_sentences` gives the sentence spans inside ``text[start:end]`` (split at sentence ends of
  :data:`~.patterns.SENTENCE_END` and at line breaks);
- :func:`_sentence_at`, :func:`_sentence_start`, :func:`_sentence_end` look a position up in sorted spans;
- :class:`_LineIndex` finds line bounds and sentence ends once per text, so many matches on one long
  line cost a lookup each, not a rescan (parsing stays linear in the text length).
"""

from __future__ import annotations

import bisect
import regex

from . import patterns as P
from .mentions import _RESULT_KINDS

# Small helper patterns, compiled once.
_PARENS = P.lazy(r"\([^()\n]{0,200}\)")
_DANGLING = P.lazy(r"\b(?:in|of|with|and|to|the|a|an|for|at|by|or|than|approximately|about)$", regex.IGNORECASE)


class _LineIndex:
    """Line bounds and sentence ends of a text, found once: many matches on one long line cost
    a lookup each, not a rescan of the line (parsing stays linear in the text length)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._stops: dict[int, tuple[list[int], list[int]]] = {}
        self.done: set[tuple[int, int]] = set()  # sentences already blanked
        self.mention_lines: dict[int, bool] = {}
        self.regions: list[tuple[int, int]] = [(0, len(text))]  # where masking reads (.regions)

    def line(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def stops(self, line_start: int, line_end: int) -> tuple[list[int], list[int]]:
        """Start and end offsets of the sentence-end marks of the line."""
        if line_start not in self._stops:
            found = list(P.SENTENCE_END.finditer(self.text, line_start, line_end))
            self._stops[line_start] = ([m.start() for m in found], [m.end() for m in found])
        return self._stops[line_start]

    def has_result_mention(self, line_start: int, line_end: int) -> bool:
        if line_start not in self.mention_lines:
            self.mention_lines[line_start] = any(
                k.lastgroup in _RESULT_KINDS
                for k in P.MENTION.finditer(self.text, line_start, line_end)
            )
        return self.mention_lines[line_start]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (a sentence never crosses a line)."""
    spans: list[tuple[int, int]] = []
    s = start
    for m in P.SENTENCE_END.finditer(text, start, end):
        e = m.end()
        if text[s:e].strip():
            spans.append((s, e))
        s = e
    if s < end and text[s:end].strip():
        spans.append((s, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:  # split at line breaks too
        pos = a
        for part in text[a:b].split("\n"):
            if part.strip():
                out.append((pos, pos + len(part)))
            pos += len(part) + 1
    return out


def _sentence_at(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    lo, hi = 0, len(sentences)
    while lo < hi:  # binary search: sentences are sorted and disjoint
        mid = (lo + hi) // 2
        a, b = sentences[mid]
        if pos < a:
            hi = mid
        elif pos >= b:
            lo = mid + 1
        else:
            return a, b
    return None


def _sentence_start(sentences: list[tuple[int, int]], pos: int, default: int) -> int:
    found = _sentence_at(sentences, pos)
    return found[0] if found else default


def _sentence_end(sentences: list[tuple[int, int]], pos: int, default: int) -> int:
    found = _sentence_at(sentences, pos)
    return found[1] if found else default
