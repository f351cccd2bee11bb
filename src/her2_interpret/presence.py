"""Whether each marker is in a report: not stated, stated with no result, read, or stated but not read.

A patient who reads "not in this report: HER2" believes the test was never done; a report that gives a
HER2 result the parser could not read must never say that. :func:`presence` tells the states apart
for ER, PR, HER2 and Ki-67 from the findings, the classification and
:attr:`~her2_interpret.models.Findings.mentioned` (the markers named anywhere in the text):

- ``absent``: the report never names the marker;
- ``result``: a result was read (a status, a percent, a score, an equivocal call);
- ``pending``: named, with the result still to come ("will be performed on the excision", "pending");
- ``not_done``: named, and the report says the test was not done ("Ki-67: not performed");
- ``elsewhere``: named, with the result in another report ("previously reported", "performed on prior core");
- ``blank``: named in a form or template whose result is left blank or unknown ("Ki-67: ___ %");
- ``unread``: named with a result this library could not read, or could not read with confidence.

Stated-but-not-read markers with no finding are told apart by the words of the sentences that name them
(:data:`NO_RESULT_CUES`), which needs the report text: :func:`mention_warnings` does that once, in
:func:`~her2_interpret.interpret`, and records the answer as a classification warning
(``parse.unread``, severity review; ``parse.no_result``, severity info), so the record's warnings and
the explanation say the same thing. Without those warnings (findings and a classification built by
hand, or ``classify(parse(text))``) a named marker with no finding counts as ``unread``: the
conservative reading.
"""

from __future__ import annotations

import re
import sys
from enum import Enum

import regex

from .reading import patterns as P
from .models import (
    Classification,
    Findings,
    Flag,
    Her2Status,
    Marker,
    ReceptorStatus,
)

if sys.version_info >= (3, 11):  # pragma: no cover - depends on interpreter
    from enum import StrEnum
else:  # pragma: no cover

    class StrEnum(str, Enum):
        def __str__(self) -> str:
            return str(self.value)


__all__ = ["MARKERS", "NO_RESULT_CUES", "Presence", "mention_warnings", "presence"]


class Presence(StrEnum):
    ABSENT = "absent"
    RESULT = "result"
    PENDING = "pending"
    NOT_DONE = "not_done"
    ELSEWHERE = "elsewhere"
    BLANK = "blank"
    UNREAD = "unread"


#: The markers whose presence is reported, in order.
MARKERS: tuple[Marker, ...] = (Marker.ER, Marker.PR, Marker.HER2, Marker.KI67)

#: Words on a line that names a marker and gives no result for it, by state (checked in this order).
#: A line naming the marker without any of them may hold a result the parser could not read.
NO_RESULT_CUES: tuple[tuple[Presence, re.Pattern[str]], ...] = (
    (Presence.NOT_DONE, re.compile(
        r"\bnot\s+(?:been\s+)?(?:performed|done|requested|ordered|indicated|assessed|determined|evaluated|"
        r"assessable|evaluable|tested)\b|\bno\s+(?:ki-?67|her-?2|er|pr)\b(?!\s*(?:amplif|staining|express))|"
        r"\bnot\s+applicable\b|\bn/a\b|\binsufficient\b|\bcannot\s+be\s+(?:assessed|determined|evaluated)\b",
        re.I)),
    (Presence.PENDING, re.compile(
        r"\b(?:will|to)\s+be\s+(?:performed|done|repeated|evaluated|assessed|reported|sent|ordered)\b|"
        r"\bto\s+follow\b|\bpending\b|\bordered\b|\bsent\s+(?:out|away)\b|"
        r"\bin\s+progress\b|\bawaited\b|\bnot\s+yet\s+(?:available|back|reported|done|performed)\b",
        re.I)),
    (Presence.ELSEWHERE, re.compile(
        r"\bpreviously\s+(?:reported|performed|done)\b|\breported\s+(?:separately|elsewhere|previously)\b|"
        r"\b(?:performed|done|reported)\s+on\s+(?:the\s+)?(?:prior|previous|earlier|outside|original)\b|"
        r"\bsee\s+(?:the\s+)?(?:prior|previous|separate|outside|original)\s+(?:report|biopsy|specimen|case)\b",
        re.I)),
    (Presence.BLANK, re.compile(
        r"_{2,}|\[\s*\]|\bunk(?:nown)?\b|\bnot\s+(?:documented|stated|reported|recorded|available|given)\b",
        re.I)),
)

_KINDS: dict[str, Marker] = {
    "er": Marker.ER, "pr": Marker.PR, "her2": Marker.HER2, "ish": Marker.HER2, "cep": Marker.HER2,
    "ki67": Marker.KI67,
}
_NAMES: dict[Marker, str] = {Marker.ER: "ER", Marker.PR: "PR", Marker.HER2: "HER2", Marker.KI67: "Ki-67"}
_NO_RESULT = re.compile(r"^(ER|PR|HER2|Ki-67): named in the report with no result \((\w+)\)")
_UNREAD = re.compile(r"^(ER|PR|HER2|Ki-67): named in the report, but no result could be read")
_BY_NAME = {v: k for k, v in _NAMES.items()}


def _found(findings: Findings, marker: Marker) -> tuple[object, ...]:
    if marker is Marker.HER2:
        return findings.of("her2_ihc") + findings.of("her2_ish") + findings.of("her2_status")
    if marker is Marker.KI67:
        return findings.of("ki67")
    return findings.of("receptor", marker)


def _has_value(c: Classification, marker: Marker) -> bool:
    if marker in (Marker.ER, Marker.PR):
        r = c.er if marker is Marker.ER else c.pr
        return any(v is not None for v in (r.status, r.percent, r.percent_range, r.allred, r.h_score))
    if marker is Marker.HER2:
        h = c.her2
        return any(v is not None for v in (h.status, h.category, h.ihc_score, h.ish_result, h.ish_ratio))
    k = c.ki67
    return any(v is not None for v in (k.percent, k.percent_range, k.level))


def _pending(findings: Findings, c: Classification, marker: Marker) -> bool:
    if marker in (Marker.ER, Marker.PR):
        return (c.er if marker is Marker.ER else c.pr).status is ReceptorStatus.PENDING
    if marker is Marker.HER2:
        return c.her2.status is Her2Status.PENDING
    return not _has_value(c, marker) and any(f.pending for f in findings.of("ki67"))


def _stated_states(c: Classification) -> dict[Marker, Presence]:
    """The states :func:`mention_warnings` recorded as warnings on the classification."""
    out: dict[Marker, Presence] = {}
    for w in c.warnings:
        if w.code == "parse.no_result" and (m := _NO_RESULT.match(w.message)):
            out[_BY_NAME[m.group(1)]] = Presence(m.group(2))
        elif w.code == "parse.unread" and (m := _UNREAD.match(w.message)):
            out[_BY_NAME[m.group(1)]] = Presence.UNREAD
    return out


def presence(findings: Findings, classification: Classification) -> dict[Marker, Presence]:
    """The :class:`Presence` of ER, PR, HER2 and Ki-67 (see the module docstring).

    >>> from her2_interpret import interpret
    >>> states = presence(interpret("ER: 90%\\nHER2 IHC ..... see comment").findings,
    ...                   interpret("ER: 90%\\nHER2 IHC ..... see comment").classification)
    >>> [str(states[m]) for m in MARKERS]
    ['result', 'absent', 'unread', 'absent']
    """
    c = classification
    stated = _stated_states(c)
    out: dict[Marker, Presence] = {}
    for marker in MARKERS:
        found = _found(findings, marker)
        if _pending(findings, c, marker):
            out[marker] = Presence.PENDING
        elif _has_value(c, marker):
            out[marker] = Presence.RESULT
        elif found and all(Flag.NOT_PERFORMED in f.flags for f in found):  # type: ignore[attr-defined]
            out[marker] = Presence.NOT_DONE
        elif found:
            out[marker] = Presence.UNREAD  # a result was there; it could not be read with confidence
        elif marker in stated:
            out[marker] = stated[marker]
        elif marker in findings.mentioned:
            out[marker] = Presence.UNREAD
        else:
            out[marker] = Presence.ABSENT
    return out


_STOP = re.compile(r"(?<!\.)\.(?!\.)(?:\s|$)|;")  # a full stop (not a dot leader) or a semicolon
_REACH = 120  # at most this many characters either side of a mention


def _normalised_and_masked(text: str) -> tuple[str, str]:
    """The normalised text and its masked copy (legends, controls, methods blanked), made once."""
    from .reading.normalize import normalize
    from .reading.masking import _mask

    norm = normalize(text).text
    return norm, _mask(norm)


def _sentences_naming(norm: str, masked: str, marker: Marker) -> list[str]:
    """The sentences of the normalised text ``norm`` that name ``marker`` outside the boilerplate the
    parser masks (``masked``). A sentence ends at a full stop or semicolon and never crosses a line.
    The cue words are read on the unmasked text: the mask also blanks "not performed"."""
    out = []
    for plain, line in zip(norm.split("\n"), masked.split("\n")):
        for m in P.MENTION.finditer(line):
            if _KINDS.get(m.lastgroup or "") is not marker:
                continue
            lo = max(0, m.start() - _REACH)
            starts = [s.end() for s in _STOP.finditer(plain, lo, m.start())]
            start = starts[-1] if starts else lo
            stop = _STOP.search(plain, m.end(), min(len(plain), m.end() + _REACH))
            out.append(plain[start : stop.start() if stop else min(len(plain), m.end() + _REACH)])
    return out


def _no_result_state(sentences: list[str]) -> Presence | None:
    """The no-result state of the first sentence naming the marker when every such sentence has a
    no-result cue, else None (a sentence without one may hold a result)."""
    states = []
    for line in sentences:
        state = next((s for s, cue in NO_RESULT_CUES if cue.search(line)), None)
        if state is None:
            return None
        states.append(state)
    return states[0] if states else None


def mention_warnings(text: str, findings: Findings, classification: Classification) -> tuple[str, ...]:
    """Warnings for each marker the report names but gives no readable result for.

    ``parse.no_result`` (info) when every line naming it says it was not done, is still to come, or
    is left blank; ``parse.unread`` (review) otherwise: the report may give a result this library
    could not read, and the marker's record column is null.

    >>> from her2_interpret import parse, classify
    >>> text = "ER: Positive (90%)\\nKi-67: not performed\\nHER-2/NEU IHC ..... 0?"
    >>> f = parse(text)
    >>> for w in mention_warnings(text, f, classify(f)): print(w)
    HER2: named in the report, but no result could be read; her2_status left unread (null); check the report [parse.unread]
    Ki-67: named in the report with no result (not_done) [parse.no_result]
    """
    out: list[str] = []
    texts: tuple[str, str] | None = None  # normalised and masked once, only when a marker needs it
    for marker in MARKERS:
        if marker not in findings.mentioned or _found(findings, marker) or _has_value(classification, marker):
            continue
        name = _NAMES[marker]
        try:
            texts = texts or findings._texts or _normalised_and_masked(text)
            state = _no_result_state(_sentences_naming(*texts, marker))
        except (TimeoutError, regex.error):  # pragma: no cover - the patterns' time limit
            state = None
        if state is None:
            column = {Marker.KI67: "ki67_percent"}.get(marker, f"{marker.value}_status")
            out.append(f"{name}: named in the report, but no result could be read; {column} left unread (null); "
                       "check the report [parse.unread]")
        else:
            out.append(f"{name}: named in the report with no result ({state.value}) [parse.no_result]")
    return tuple(out)
