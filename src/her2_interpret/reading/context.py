"""Stage 7, context cues of one statement (ConText style): is it about DCIS, about the past, a question?

- :func:`_dcis_cue` / :func:`_dcis_named`: a DCIS cue that is not negated ("no DCIS", "DCIS: absent")
  and names no invasive carcinoma [receptor.dcis];
- :func:`_historical`: a historical cue ("prior", "outside", "per the referring report") governs the
  text after it until a terminator ("now", "this specimen", "repeat") [report.specimens];
- :func:`_is_question`: a question or hearsay ("I read that 0 and 1+ are negative") reports nothing;
- shared cue patterns: :data:`_CORRECTION` ("should read 8% (not 80%)"), :data:`_SCOPE_END`,
  :data:`_SENTENCE_SIDE`, :data:`_CUE_WINDOW`.
Cue vocabularies shared with other stages live in :mod:`.patterns` (HISTORICAL, REPEAT, DCIS, ...).
"""

from __future__ import annotations

import regex

from . import patterns as P


# A header that opens a block of its own ("  DCIS (block B7):", "Prior core biopsy:"): never a continuation
_NEGATED_BEFORE = P.lazy(r"\b(?:no|without|negative\s{1,3}for|no\s{1,3}(?:evidence|sign)\s{1,3}of)\s{0,3}(?:the\s{1,3})?(?:residual\s{1,3})?$",
                         regex.IGNORECASE)
_ABSENT_AFTER = P.lazy(r"[\s:=-]{0,6}(?:is\s{1,3}|was\s{1,3})?(?:not\s{1,3}(?:identified|seen|present|found)|absent|none\b|negative\b|no\b)",
                       regex.IGNORECASE)


def _dcis_named(t: str, m: regex.Match[str]) -> bool:
    """A DCIS match that is not negated ("no ductal carcinoma in situ identified", "DCIS: absent")."""
    return not _NEGATED_BEFORE.search(t[max(0, m.start() - 40) : m.start()]) and not _ABSENT_AFTER.match(t, m.end())


def _dcis_cue(text: str) -> bool:
    """A DCIS cue that is not negated ("no DCIS", "DCIS: absent") and names no invasive carcinoma."""
    dcis = P.DCIS.search(text)
    return bool(dcis) and not P.INVASIVE.search(text) \
        and not _NEGATED_BEFORE.search(text[max(0, dcis.start() - 40) : dcis.start()]) \
        and not _ABSENT_AFTER.match(text, dcis.end())


_CUE_WINDOW = 300  # characters around a mention that its context cues are read from
_SCOPE_END = P.lazy(r",?\s{1,3}(?:so|but|although|though|because|whereas|while)\s{1,3}(?:the|this|that|it|we|she|he|they|I)\b|;",
                    regex.IGNORECASE)
# A question asks, it does not report ("is that the ultralow thing?", "I read that PR must be 20%?");
# "ER positve 3%??" states a value with a patient's emphasis and is read.
_QUESTION = P.lazy(
    r"^\s{0,3}(?:is|are|does|do|did|can|could|should|would|will|what|why|how|which|who|anyone|has|have|was|were)\b"
    r"|\bI\s{1,3}(?:read|heard|saw|keep\s{1,3}reading)\b|\bis\s{1,3}that\b|\bor\s{1,3}not\b",
    regex.IGNORECASE,
)


# What someone read or heard in general is not their result: "I read that 0 and 1+ are negative".
_HEARSAY = P.lazy(
    r"\bI(?:'ve|\s{1,3}have)?\s{1,3}(?:read|heard|keep\s{1,3}reading)\s{1,3}(?:online\s{1,3}|somewhere\s{1,3}"
    r"|(?:on|in)\s{1,3}(?:a|an|the)\s{1,3}(?:forum|internet|web|article|leaflet|booklet|website|group)\s{1,3})?that\b",
    regex.IGNORECASE,
)


def _is_question(sentence: str) -> bool:
    """A sentence that asks, or passes on what was read or heard in general."""
    if sentence.rstrip().endswith("?") and _QUESTION.search(sentence) is not None:
        return True
    return "I" in sentence and _HEARSAY.search(sentence) is not None
# A sentence about one side: "left was 1.1cm ...", "Right breast: ...", "on the left, ER 90% ..."
_SENTENCE_SIDE = P.lazy(
    r"\b(?P<side>left|right)\b(?:\s{1,3}(?:breast|side|tumou?r|one))?\s{0,3}(?:was|is|:|,|-)",
    regex.IGNORECASE,
)


_TRAILING_HISTORY = P.lazy(
    r"\b(?:(?:as\s{1,3})?per|from|on|see|according\s{1,3}to)\s{1,3}(?:the\s{1,3})?(?:prior|previous|outside|earlier|original|referring)"
    r"(?:\s{1,3}[\w-]+){1,3}\s{0,3}[.);]?\s{0,3}$",
    regex.IGNORECASE,
)


_HIST_TERMINATOR = P.lazy(
    r"\bnow\b|\bcurrent(?:ly)?\b|\bthis\s{1,3}(?:specimen|institution|excision|resection|case)\b|\brepeat|\bre-?tested\b|\bour\b"
    r"|\bsame\s{1,3}(?:block|specimen|slide|tissue)\b|\bconcurrent\b",
    regex.IGNORECASE,
)


def _historical(t: str, start: int, end: int, at: int) -> bool:
    """A historical cue governs the text after it until a terminator ("now", "this specimen").

    For a cue before the mention at ``at``, a terminator counts between the two, or after the
    mention in its own phrase ("further to the original report, ISH has now been performed"),
    not past a comma ("the referring report said triple negative, repeat ER ..." stays historical).
    """
    m = P.HISTORICAL.search(t, start, end)
    if m is None:
        return False
    if m.end() > at:
        return _HIST_TERMINATOR.search(t, m.end(), end) is None
    if _HIST_TERMINATOR.search(t, m.end(), at) is not None:
        return False
    after = _HIST_TERMINATOR.search(t, at, end)
    return after is None or any(ch in ",;" for ch in t[at : after.start()])
_CORRECTION = P.lazy(r"\bshould\s{1,3}(?:read|be|have\s{1,3}been)\b|\bcorrect(?:ed)?\s{1,3}(?:value|result|score|percentage)\s{1,3}is\b",
                     regex.IGNORECASE)
_NOT_OLD_VALUE = P.lazy(r"\(\s{0,2}not\s{1,3}[^)\n]{0,30}\)", regex.IGNORECASE)
