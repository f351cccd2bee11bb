"""Stage 2, regions: where in a report receptor text can be, found with one cheap scan.

Most of a real report (gross description, margins, nodes, signatures) names no marker. The expensive
masking passes run only inside the regions this stage gives: spans of :data:`REGION_REACH` characters
around every marker mention and around every match of the report-wide patterns (invasive diagnosis,
DCIS, gastric site), merged. Outside them the text is left as it is, which gives the same findings,
because nothing outside a region is read as a value and the report-wide facts are read at their own
regions (the equivalence check of scripts/equivalence.py compares every corpus text, each embedded in a
long report of non-receptor text, and 2,000 fuzz inputs).

Takes the normalised text; gives sorted, disjoint ``(start, end)`` spans.
"""

from __future__ import annotations

from . import patterns as P

#: How far around a mention the masking passes look: past the longest statement a value is read from
#: (clauses.STATEMENT_REACH, 240 characters after the mention, up to 3 further sentences) and the
#: window of its context cues (context._CUE_WINDOW, 300 characters), with room for the sentence a
#: boilerplate cue starts in.
REGION_REACH = 400

#: A text at most this long is one region: the scan costs more than it saves.
WHOLE_BELOW = 2 * REGION_REACH

#: Report-wide facts, read over the whole masked text: each match needs its neighbourhood masked.
_REPORT_WIDE = (P.INVASIVE_DIAGNOSIS, P.DCIS, P.GASTRIC)


def receptor_regions(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` the masking passes must read (the whole text when it is short)."""
    if len(text) <= WHOLE_BELOW:
        return [(0, len(text))]
    points = [(m.start(), m.end()) for m in P.MENTION.finditer(text)]
    for pattern in _REPORT_WIDE:
        points += [(m.start(), m.end()) for m in pattern.finditer(text)]
    points.sort()
    regions: list[tuple[int, int]] = []
    for start, end in points:
        a, b = max(0, start - REGION_REACH), min(len(text), end + REGION_REACH)
        if regions and a <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], b))
        else:
            regions.append((a, b))
    return regions
