"""Normalise report text for matching while keeping a map back to the original characters.

Most changes keep the length (Unicode spaces and dashes, fullwidth forms, carriage returns),
so offsets stay the identity. The few changes that alter length (joining a word broken across
a line, an OCR/typing correction of a lexicon word) are kept as edits, and
:meth:`Normalized.span` maps a normalised span back to the original text, so evidence always
quotes ``text[start:end]`` of what the caller passed in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from rapidfuzz import fuzz, process

from . import lexicon
from .patterns import lazy

# --------------------------------------------------------------------------- same-length mapping

_CHAR_MAP: dict[int, str] = {}
for _c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
    _CHAR_MAP[ord(_c)] = " "  # Unicode spaces, NBSP included
for _c in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
    _CHAR_MAP[ord(_c)] = " "  # zero-width characters and soft hyphen: a space keeps offsets
for _c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d":
    _CHAR_MAP[ord(_c)] = "-"  # hyphens, en/em dashes, minus signs
for _c in "\u2018\u2019\u201a\u201b\u2032":
    _CHAR_MAP[ord(_c)] = "'"
for _c in "\u201c\u201d\u201e\u201f\u2033":
    _CHAR_MAP[ord(_c)] = '"'
_CHAR_MAP[ord("\u2022")] = "*"  # bullet
_CHAR_MAP[ord("\u00b7")] = "*"  # middle dot used as a bullet
_CHAR_MAP[ord("\u2264")] = "\u2264"  # keep <= and >= signs as themselves (patterns read them)
_CHAR_MAP[ord("\u2265")] = "\u2265"
for _cp in range(0xFF01, 0xFF5F):  # fullwidth ASCII forms (％, ０-９, Ａ-Ｚ) -> ASCII
    _CHAR_MAP[_cp] = chr(_cp - 0xFEE0)
_CHAR_MAP[ord("\t")] = "\t"
_TRANSLATE = str.maketrans(_CHAR_MAP)

_LONE_CR = lazy(r"\r(?!\n)")

# --------------------------------------------------------------------------- length-changing edits

# A word broken across a line with a hyphen: "POSI-\nTIVE", "nu-\nclear", "AMPLI-\nFIED".
_HYPHEN_BREAK = lazy(r"(?<=[A-Za-z]{2})-[ \t]*\n[ \t]*(?=[A-Za-z]{2})")
# A word broken across a line without a hyphen: "NEGA\nTIVE" (joined only if the result is a
# lexicon value word and the first part is not a word of its own).
_PLAIN_BREAK = lazy(r"\b([A-Za-z]{2,12})[ \t]*\n[ \t]*([A-Za-z]{2,12})\b")
# A lexicon word split by a stray space on one line, as OCR leaves it: "fol low", "Nega tive"
# (read in the token pass; both halves at least two letters).
_SPLIT_JOINABLE = frozenset(lexicon.JOINABLE | {"follow"})
# A word broken with a hyphen across a page break: "recep-" / running header and footer lines /
# "tor:". The lines between must all be page furniture (separator rows, page and patient lines).
_HYPHEN_AT_END = lazy(r"(?<=[A-Za-z]{2})-[ \t]*\n")
_WORD_START = lazy(r"[ \t]*(?=[A-Za-z]{2})")
_FURNITURE_LINE = lazy(
    r"[\s=_*~-]*|.{0,200}?(?:\bpage\s{1,3}\d{1,3}(?:\s{1,3}of\s{1,3}\d{1,3})?\b|\b(?:MRN|DOB|patient|accession|printed)\b\s{0,3}[:#]?).{0,200}",
    regex.IGNORECASE,
)
# A percent sign read as "°/o", "o/o" or "0/0" by OCR: "90°/o" -> "90%".
_OCR_PERCENT_SIGN = lazy(r"(?<=[\dOolIS]\s?)(°/o|o/o|°/°|0/0(?![\d%])|%o(?![a-z]))")  # ("90/0%" is two numbers)
# A number with OCR letter/digit confusions: "9O", "l5", "3.l", "8S" (at least one real digit).
_OCR_NUMBER = lazy(
    r"(?<![A-Za-z0-9.,])(?!S-?100\b)(?=[0-9OolIS.,]*\d)(?=[0-9.,]*[OolIS])([0-9OolIS]{1,3}(?:[.,][0-9OolIS]{1,2})?)(?![A-Za-z0-9])"
)
# A lone confusable letter where a score or bound must stand: "score S", "<l", "l+".
# (Read forwards: the context is matched, not looked behind for, which scans several times faster.
# The same positions: a context holds no [OolIS] that is followed by a non-alphanumeric, so no match
# can hide inside another's context.)
_OCR_LONE = lazy(
    r"(?:\b(?:sc[o0]re|a[lI1][lI1]red|quick)\s{0,2}[:=]?\s{0,2}|[<>≤≥]\s?)([OolIS])(?![A-Za-z0-9])",
    regex.IGNORECASE,
)
_OCR_LONE_SCORE = lazy(r"(?<=[\s:(])([OolI])(?=\s?\+(?![\w+]))|(?<=[\s:(])([OolI])(?=\s?%)")
# Every match of _OCR_LONE_SCORE is a letter [OolI] with "+" or "%" at most two characters after it.
_LONE_SCORE_HINT = re.compile(r"[OolI].?[+%]", re.DOTALL)
# Every match of _OCR_NUMBER holds a digit and one of [OolIS] joined by [0-9OolIS.,] characters.
# _ocr_number_hint() tells whether the text has such a place, in linear time: a search for
# "[0-9][0-9.,]*[OolIS]" rescans a run of digits from each of its digits (quadratic: a 20,000-digit
# text took 4 s; benchmarks/bench.py found it).
_HINT_RUN = regex.compile(r"[0-9OolIS.,]+")
_HINT_LETTERS = frozenset("OolIS")
_ASCII_DIGITS = frozenset("0123456789")
_DIGIT = regex.compile(r"\d")
# Where a match of _OCR_LONE can start in lower-cased ASCII text: at a sign or a score word (each found
# by a fast literal search; "allred" as a[li1][li1]red is found from its "red").
_OCR_LONE_LITERALS = ("<", ">", "score", "sc0re", "quick")
_OCR_LONE_ALLRED = "red"
# A word spelled with spaces between its letters, as OCR leaves it: "P O S I T I V E".
_SPACED_WORD = lazy(r"(?<![A-Za-z])[A-Za-z](?: [A-Za-z]){2,14}(?![A-Za-z])")
_PLAIN_NUMBER = lazy(r"\d{1,3}(?:[.,]\d{1,2})?")
# An underscore joining two words of a field name ("ER_PCT=70", "her2_cep17_ratio"): a space.
# (Runs of underscores are blanks of a form and stay: "___ Not performed".)
# "+ve" / "-ve" (Indian, UK shorthand) for positive / negative, same length: "ER -ve" -> "ER neg",
# "Her2neu 3+ve" -> "Her2neu 3+  ", "ER+ve" -> "ER+  ".
_VE_SIGN = lazy(r"(?P<sign>[+-])(?P<sp>\s?)ve\b", regex.IGNORECASE)


def _ve_sign(m: regex.Match[str]) -> str:
    before = m.string[m.start() - 1 : m.start()]
    if before.isalnum() or before == ")":  # glued to a marker or score: keep the sign, blank "ve"
        return m.group("sign") + m.group("sp") + "  "
    return ("pos" if m.group("sign") == "+" else "neg") + m.group("sp")


# Dotted abbreviations of dictation and older reports: "E.R.", "P.R.", "P.g.R.", "I.H.C.", "F.I.S.H.".
_DOTTED = lazy(r"(?<![A-Za-z.])(?:E\.R|P\.R|P\.g\.R|I\.H\.C|F\.I\.S\.H|H\.E\.R)\.(?![A-Za-z])")
# Spoken punctuation of dictation: " period", " comma" (only when the text uses it twice or more).
_SPOKEN_MARK = lazy(r"(\s)(period|comma)\b(?!\s{1,3}(?:of|between|from)\b)", regex.IGNORECASE)
def _two_or_more(matches) -> bool:
    return next(matches, None) is not None and next(matches, None) is not None


# "HER two neu" as dictated.
# (all-caps HER, or "neu" after it: "her two sisters" stays as it is)
_HER_TWO = lazy(r"\b((?-i:HER)[\s-]?|HER[\s-]?(?=two[\s/-]{1,2}neu\b))(two)\b", regex.IGNORECASE)

_UNITS_PIPE = lazy(r"(?<=\d)\|(?=%)")
_FIELD_UNDERSCORE = lazy(r"(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])")

# Numbers written as words where a result stands, as dictation leaves them: "ninety-five
# percent", "sixty to seventy per cent", "three plus" (guidelines.md [receptor.percent] and
# [her2.ihc.*] read the number, not its spelling).
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORD = (
    rf"(?:(?:one|a)\s{{1,2}})?hundred|(?:{'|'.join(_TENS)})(?:[\s-]{{1,2}}(?:{'|'.join(_UNITS[1:])}))?"
    rf"|{'|'.join(_TEENS)}|{'|'.join(_UNITS)}"
)
_WORD_NUMBER = lazy(
    rf"""\b(?P<n>{_NUMBER_WORD})\b
    (?: (?P<plus>\s{{0,2}}(?:plus\b|\+))
      | (?=\s{{0,2}}(?:(?:-|to)\s{{0,2}}(?:{_NUMBER_WORD})\s{{0,2}})?(?:per\s?cent\b|%)) )""",
    regex.IGNORECASE | regex.VERBOSE,
)


def _word_value(words: str) -> int | None:
    """The value of a number written as words ("ninety-five" -> 95), ``None`` if over 100."""
    value = 0
    for word in regex.split(r"[\s-]+", words.lower()):
        if word in ("a", "one") and "hundred" in words.lower():
            continue
        if word == "hundred":
            value = 100
        elif word in _TENS:
            value += 20 + 10 * _TENS.index(word)
        elif word in _TEENS:
            value += 10 + _TEENS.index(word)
        elif word in _UNITS:
            value += _UNITS.index(word)
    return value if value <= 100 else None

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "S": "5"})
_OCR_LETTERS = str.maketrans({"0": "o", "1": "i", "5": "s", "3": "e"})

FUZZY_CUTOFF = 85.0  # rapidfuzz ratio (0-100) needed to read a token as a lexicon word
FUZZY_MIN_LEN = 5  # shorter tokens are never corrected (too many real words are near)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (in same-length-normalised coordinates) with ``new``."""

    start: int
    end: int
    new: str
    score: float | None = None  # rapidfuzz score for fuzzy corrections, None for line joins


@dataclass
class Normalized:
    """The normalised text, and the map back to the original input."""

    original: str
    text: str
    # breakpoints: normalised position -> original position, piecewise (identity when empty)
    _norm_points: list[int] = field(default_factory=list)
    _orig_points: list[int] = field(default_factory=list)
    fuzzy: list[tuple[int, int, float]] = field(default_factory=list)  # normalised spans + score

    def to_original(self, pos: int) -> int:
        """Map a normalised position to the original position."""
        if not self._norm_points:
            return pos
        i = bisect.bisect_right(self._norm_points, pos) - 1
        if i < 0:
            return pos
        return min(self._orig_points[i] + (pos - self._norm_points[i]), len(self.original))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the original span (covering every character it came from)."""
        if not self._norm_points:
            return start, end
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1 if end > start else o_start
        # a replaced token maps all its characters to the start of the original token: widen
        i = bisect.bisect_right(self._norm_points, end - 1) - 1
        if 0 <= i and i + 1 < len(self._norm_points) and self._norm_points[i + 1] == end:
            o_end = max(o_end, self._orig_points[i + 1])
        return o_start, max(o_end, o_start)

    def fuzzy_score(self, start: int, end: int) -> float | None:
        """The lowest fuzzy score of a correction overlapping ``[start, end)``, if any."""
        if not self.fuzzy:
            return None
        score = None
        # corrections are sorted and disjoint: start at the last one that begins before ``start``
        i = max(0, bisect.bisect_right(self.fuzzy, (start, float("inf"), 0.0)) - 1)
        for f_start, f_end, f_score in self.fuzzy[i:]:
            if f_start >= end:
                break
            if start < f_end:
                score = f_score if score is None else min(score, f_score)
        return score


@lru_cache(maxsize=65536)
def correct_token(token: str) -> tuple[str, float] | None:
    """Read an unknown token as a lexicon word: OCR digit swaps first, then rapidfuzz.

    Returns ``(word, score)`` or ``None``. Known words are never corrected.
    """
    low = token.lower()
    if low in lexicon.KNOWN_WORDS or len(low) < FUZZY_MIN_LEN:
        return None
    if any(ch.isdigit() for ch in low):
        swapped = low.translate(_OCR_LETTERS)
        if swapped in lexicon.FUZZY_TARGETS:
            return swapped, 90.0
        return None
    if "i" in low and low.replace("i", "l") in lexicon.FUZZY_TARGETS:
        return low.replace("i", "l"), 90.0  # capital I read for a lower-case l: "AlIred"
    best = process.extractOne(
        low, lexicon.FUZZY_TARGETS, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    if best is None:
        return None
    return best[0], float(best[1])


# OCR punctuation inside a negated phrase: "Not. amplified", "NOT, amplified", "Non; amplified" (a
# stray mark between "not" and the word it negates must not free the word: that flips the result).
_NEGATION_PUNCT = regex.compile(
    r"\b(?P<not>not|non|no)[.,;:](?P<gap>[ \t]{0,3})(?=(?:amplif|detected|identified|present|seen|overexpress|expressed|reactive)\w*)",
    regex.IGNORECASE,
)


# OCR marks every line end of a scanned report with ". " ("NEGATIVE BY. FISH", "NO DETECTABLE NUCLEAR.
# STAINING"): a sentence never ends on a preposition, an article or a conjunction, so that period is a
# line mark, read as a space; so is a period right after a comma ("biopsy,. was negative") or a
# label's dash ("ESTROGEN RECEPTORS -. NEGATIVE (0%)"). The match ends just after the period. (Read
# forwards, not as a lookbehind at every position: the same periods, as no context holds a period.)
_LINE_MARK = regex.compile(r"(?:\b(?:by|of|and|or|the|per|with|for|than|nuclear)|,|[ \t]-)\.(?=[ \t]{1,3}[A-Za-z(])",
                           regex.IGNORECASE)


_ZERO_IN_WORD = regex.compile(r"(?<=[A-Za-z]{2})0(?=[A-Za-z])|(?<=[A-Za-z])0(?=[A-Za-z]{2})")

# The token pass. A token is a maximal run of ASCII letters and digits with at least one letter.
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
#: No token longer than this is within FUZZY_CUTOFF of a lexicon word: fuzz.ratio is at most
#: 100 * (1 - |a - b| / (a + b)) for lengths a and b, so a >= b * (200 - cutoff) / cutoff + 1 cannot
#: reach the cut-off (OCR swaps and the I/l swap keep the length of a target).
_MAX_FUZZY_LEN = int(max(map(len, lexicon.FUZZY_TARGETS)) * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF) + 1
# Every run of at least FUZZY_MIN_LEN ASCII letters and digits, whole (no run is matched in part: a
# shorter rest of a run cannot reach the minimum length once the longer match failed).
_LONG_RUN = re.compile(rf"[A-Za-z0-9]{{{FUZZY_MIN_LEN},}}")
# Every way a joinable word can be split by one space where the first half is not a word of its own
# ("fol low", "nega tive"), lower case. Both halves are whole tokens.
_SPLIT_FORMS: tuple[str, ...] = tuple(sorted(
    {word[:k] + " " + word[k:] for word in _SPLIT_JOINABLE for k in range(1, len(word))
     if word[:k] not in lexicon.KNOWN_WORDS}
))


def _trie_source(words) -> str:
    """A pattern source matching exactly ``words`` (literals), shared prefixes written once: the
    ``re`` engine then reads each character once instead of trying every word."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def source(node: dict) -> str:
        alts = [re.escape(ch) + source(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return source(tree)


# Finds every split form in the lower-cased text (each join of _SPLIT_PAIR is one there).
_SPLIT_HINT = re.compile(_trie_source(_SPLIT_FORMS))
_SPLIT_PAIR = re.compile(
    r"(?<![A-Za-z0-9])(?:" + "|".join(_SPLIT_FORMS) + r")(?![A-Za-z0-9])", re.IGNORECASE | re.ASCII
)
# Every spaced form of a word of SPACED_WORDS ("p o s i t i v e"), lower case.
_SPACED_FORMS: tuple[str, ...] = tuple(sorted(" ".join(word) for word in lexicon.SPACED_WORDS))

# A match of _WORD_NUMBER needs "%", "+", "plus" or "cent" after its number word: from the start of
# the number words to that mark are at most 14 + 2 + (2 + 2 + 14 + 2) + 3 + 1 = 40 characters ("seventy
# seven", spaces, "to", spaces, a second number, spaces, "per", a space); this reach is wider.
_NUMBER_WORD_REACH = 64
_NUMBER_MARK = re.compile(r"%|\+|plus|cent")
_NUMBER_WORDS: tuple[str, ...] = (*_UNITS, *_TEENS, *_TENS, "hundred")


def _line_mark_edits(text: str, low: str) -> list[Edit]:
    """A period OCR left at a line end ("NEGATIVE BY. FISH") read as a space."""
    if ". " not in text:
        return []
    return [Edit(m.end() - 1, m.end(), " ") for m in _LINE_MARK.finditer(text)]


def _zero_in_word_edits(text: str, low: str) -> list[Edit]:
    """A zero inside a word, as OCR reads the letter O ("c0ntrols", "P0SITIVE"), read as the letter."""
    if "0" not in text:
        return []
    edits = []
    for m in _ZERO_IN_WORD.finditer(text):
        upper = text[m.start() - 1].isupper() and text[m.end()].isupper()
        edits.append(Edit(m.start(), m.end(), "O" if upper else "o", 95.0))
    return edits


def _negation_punct_edits(text: str, low: str) -> list[Edit]:
    """A mark between a negation and its word ("Not. amplified") read as spaces."""
    return [Edit(m.end("not"), m.end(), " " * (m.end() - m.end("not")) or " ")
            for m in _NEGATION_PUNCT.finditer(text)]


def _hyphen_break_edits(text: str, low: str) -> list[Edit]:
    """A word broken with a hyphen at a line end ("POSI-\\nTIVE"): the break removed."""
    if "\n" not in text:
        return []
    return [Edit(m.start(), m.end(), "") for m in _HYPHEN_BREAK.finditer(text)]


def _page_break_edits(text: str, low: str) -> list[Edit]:
    """A word broken with a hyphen across page furniture lines ("recep-" ... "tor:"): joined."""
    if "-\n" not in text and "- \n" not in text:
        return []
    edits = []
    for m in _HYPHEN_AT_END.finditer(text):
        pos, furniture = m.end(), 0
        while furniture <= 6:  # skip the furniture lines; the word goes on at the first other line
            end = text.find("\n", pos)
            line = text[pos : len(text) if end < 0 else end]
            if furniture >= 1 and not _FURNITURE_LINE.fullmatch(line):
                cont = _WORD_START.match(text, pos)
                if cont is not None:
                    edits.append(Edit(m.start(), cont.end(), ""))
                break
            if end < 0 or not _FURNITURE_LINE.fullmatch(line):
                break
            pos, furniture = end + 1, furniture + 1
    return edits


def _matches_at(pattern: regex.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(text)``, given positions in ascending order that include every
    position where a match can start (more do no harm): the pattern is tried only there, each time
    after the last match (as ``finditer`` goes on). For patterns whose matches are never empty."""
    last_end = 0
    for start in starts:
        if start >= last_end:
            m = pattern.match(text, start)
            if m is not None:
                last_end = m.end()
                yield m


def _plain_break_starts(text: str) -> Iterator[int]:
    """Where a match of _PLAIN_BREAK can start, in order: the start of the run of ASCII letters that
    ends (before spaces and tabs) at each line break (its first word is a whole word of letters)."""
    nl = text.find("\n")
    while nl >= 0:
        pos = nl
        while pos > 0 and text[pos - 1] in " \t":
            pos -= 1
        start = pos
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        if start < pos:
            yield start
        nl = text.find("\n", nl + 1)


def _plain_break_edits(text: str, low: str) -> list[Edit]:
    """A lexicon word broken at a line end without a hyphen ("NEGA\\nTIVE"): the break removed.

    The pattern is tried only where a match can start, not at every position.
    """
    edits = []
    for m in _matches_at(_PLAIN_BREAK, text, _plain_break_starts(text)):
        first, second = m.group(1), m.group(2)
        if (first + second).lower() in lexicon.JOINABLE and first.lower() not in lexicon.KNOWN_WORDS:
            edits.append(Edit(m.end(1), m.start(2), ""))
    return edits


def _spaced_word_edits(text: str, low: str) -> list[Edit]:
    """A word spelled with spaces between its letters ("P O S I T I V E") joined back."""
    if not any(form in low for form in _SPACED_FORMS):  # each edit's text is one of these
        return []
    edits = []
    for m in _SPACED_WORD.finditer(text):
        joined = m.group().replace(" ", "")
        if joined.lower() in lexicon.SPACED_WORDS:
            edits.append(Edit(m.start(), m.end(), joined, 95.0))
    return edits


def _split_join_edits(text: str, low: str) -> list[Edit]:
    """A lexicon word split by a stray space ("fol low", "Nega tive") joined, left to right: a token
    joined as the second half does not start another join (as _SPLIT_PAIR's matches do not overlap)."""
    if not _SPLIT_HINT.search(low):
        return []
    return [Edit(m.start(), m.end(), m.group().replace(" ", ""), 90.0) for m in _SPLIT_PAIR.finditer(text)]


def _token_starts(text: str, token: str):
    """The start of every token of ``text`` that is ``token`` (a run of ASCII letters and digits)."""
    pos = text.find(token)
    while pos >= 0:
        end = pos + len(token)
        if (pos == 0 or text[pos - 1] not in _ALNUM) and (end == len(text) or text[end] not in _ALNUM):
            yield pos
        pos = text.find(token, pos + 1)


def _token_edits(text: str, low: str) -> list[Edit]:
    """Split words joined, and every other token read as a lexicon word by :func:`correct_token`.

    Only the distinct runs that can be corrected are looked up (shorter or longer runs and numbers never
    are); the tokens of a join are not corrected.
    """
    edits = _split_join_edits(text, low)
    hits = {}
    for run in set(_LONG_RUN.findall(text)):
        if len(run) <= _MAX_FUZZY_LEN and not run.isdigit():
            hit = correct_token(run)
            if hit is not None:
                hits[run] = hit
    joins = [(e.start, e.end) for e in edits]
    for run, (word, score) in hits.items():
        for start in _token_starts(text, run):
            if not any(j_start <= start < j_end for j_start, j_end in joins):
                edits.append(Edit(start, start + len(run), word, score))
    edits.sort(key=lambda e: e.start)
    return edits


def _ocr_percent_edits(text: str, low: str) -> list[Edit]:
    """A percent sign OCR read as "°/o", "o/o", "0/0" or "%o" after a number, read as "%"."""
    if "/" not in text and "%o" not in text:  # every form holds "/" but "%o"
        return []
    return [Edit(m.start(1), m.end(1), "%", 90.0) for m in _OCR_PERCENT_SIGN.finditer(text)]


def _number_word_starts(low: str) -> list[int]:
    """Where a match of _WORD_NUMBER can start in ASCII text (``low`` lower-cased): at a number word
    that stands close enough before a "%", "+", "plus" or "cent", or a few characters before "hundred"
    ("a hundred", "one  hundred")."""
    starts = set()
    for mark in _NUMBER_MARK.finditer(low):  # a number word stands wholly in the reach before its mark
        window = max(0, mark.start() - _NUMBER_WORD_REACH)
        for word in _NUMBER_WORDS:
            pos = low.find(word, window, mark.start())
            while pos >= 0:
                starts.add(pos)
                if word == "hundred":
                    starts.update(range(max(0, pos - len("one  ")), pos))
                pos = low.find(word, pos + 1, mark.start())
    return sorted(starts)


def _number_word_edits(text: str, low: str) -> list[Edit]:
    """A number written as words before "percent" or "plus" ("ninety-five percent", "three plus") read
    as digits ("95 percent", "3+")."""
    if text.isascii():  # other text may case-fold to a number word ("ſix"): read all of it
        matches = _matches_at(_WORD_NUMBER, text, _number_word_starts(low))
    else:
        matches = _WORD_NUMBER.finditer(text)
    edits = []
    for m in matches:
        value = _word_value(m.group("n"))
        if value is None:
            continue
        if m.group("plus") is not None:  # "three plus" -> "3+" (a score is 0-3)
            if value <= 3:
                edits.append(Edit(m.start(), m.end(), f"{value}+"))
        else:
            edits.append(Edit(m.start("n"), m.end("n"), str(value)))
    return edits


def _find_all(low: str, literal: str) -> Iterator[int]:
    """Every position of ``literal`` in ``low`` (overlapping ones too)."""
    pos = low.find(literal)
    while pos >= 0:
        yield pos
        pos = low.find(literal, pos + 1)


def _ocr_number_hint(text: str) -> bool:
    """Whether ``[0-9][0-9.,]*[OolIS]|[OolIS][0-9OolIS.,]*\\d`` matches ``text``, in linear time.

    Inside one maximal run of ``[0-9OolIS.,]``: an ASCII digit before a letter (the first
    alternative: the first letter after that digit has only digits, dots and commas before it) or a
    letter before an ASCII digit (the second); or a run with a letter that a digit of another script
    (``\\d``, not in the run's class) follows directly (the second).
    """
    for m in _HINT_RUN.finditer(text):
        chars = set(m.group())
        if chars.isdisjoint(_HINT_LETTERS):
            continue
        if not chars.isdisjoint(_ASCII_DIGITS) or _DIGIT.match(text, m.end()):
            return True
    return False


def _ocr_lone_starts(low: str) -> list[int]:
    """Where a match of _OCR_LONE can start in lower-cased ASCII text, in order."""
    starts = [pos for literal in _OCR_LONE_LITERALS for pos in _find_all(low, literal)]
    starts += [pos - 3 for pos in _find_all(low, _OCR_LONE_ALLRED)
               if pos >= 3 and low[pos - 3] == "a" and low[pos - 2] in "li1" and low[pos - 1] in "li1"]
    return sorted(starts)


def _ocr_digit_edits(text: str, low: str) -> list[Edit]:
    """Letters OCR read for digits in a number or score ("9O", "l5", "score S", "<l", "l+") as digits."""
    ascii_text = text.isascii()
    runs = []
    if _ocr_number_hint(text):
        runs.append(_OCR_NUMBER.finditer(text))
    if ascii_text:  # ASCII: no fold of another letter to a score word, no "≤" or "≥"
        runs.append(_matches_at(_OCR_LONE, text, _ocr_lone_starts(low)))
    else:
        runs.append(_OCR_LONE.finditer(text))
    if _LONE_SCORE_HINT.search(text):
        runs.append(_OCR_LONE_SCORE.finditer(text))
    edits = []
    for matches in runs:
        for m in matches:
            group = m.lastindex or 1
            raw = m.group(group)
            fixed = raw.translate(_OCR_DIGITS)
            if fixed != raw and _PLAIN_NUMBER.fullmatch(fixed):
                edits.append(Edit(m.start(group), m.end(group), fixed, 90.0))
    return edits


#: The edit passes, in order: after sorting by span, the first edit wins where edits overlap.
_EDIT_PASSES = (
    _line_mark_edits,
    _zero_in_word_edits,
    _negation_punct_edits,
    _hyphen_break_edits,
    _page_break_edits,
    _plain_break_edits,
    _spaced_word_edits,
    _token_edits,
    _ocr_percent_edits,
    _number_word_edits,
    _ocr_digit_edits,
)


def _collect_edits(text: str) -> list[Edit]:
    """The length-changing edits of same-length-normalised ``text``, sorted and disjoint."""
    low = text.lower()
    edits = [edit for edit_pass in _EDIT_PASSES for edit in edit_pass(text, low)]
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    last_end = -1
    for e in edits:  # drop overlaps: the first edit wins
        if e.start >= last_end:
            kept.append(e)
            last_end = max(e.end, e.start + 1 if e.end == e.start else e.end)
    return kept


def normalize(text: str) -> Normalized:
    """Normalise ``text`` and keep the offset map back to it."""
    base = _LONE_CR.sub("\n", text) if "\r" in text else text
    if not base.isascii():  # the map changes no ASCII character (a tab stays a tab)
        base = base.translate(_TRANSLATE)
    if "\r" in base:
        base = base.replace("\r", " ")
    if "_" in base:
        base = _FIELD_UNDERSCORE.sub(" ", base)
    if "ve" in base and ("+ve" in base or "-ve" in base or "+ ve" in base):
        base = _VE_SIGN.sub(_ve_sign, base)
    if any(d in base for d in (".R.", "I.H.", "F.I.", "H.E.R")) and _DOTTED.search(base):  # "E.R." -> "ER  ", "I.H.C." -> "IHC   " (same length)
        base = _DOTTED.sub(lambda m: m.group().replace(".", "") + " " * m.group().count("."), base)
    if ("period" in base or "comma" in base) and _two_or_more(_SPOKEN_MARK.finditer(base)):
        # dictation that spells out its punctuation: "... ninety percent strong comma P.R. ... period"
        base = _SPOKEN_MARK.sub(lambda m: m.group(1) + ("." if m.group(2).lower() == "period" else ",")
                                + " " * (len(m.group(2)) - 1), base)
    if "two" in base or "TWO" in base or "Two" in base:
        base = _HER_TWO.sub(lambda m: m.group(1) + "2" + " " * (len(m.group(2)) - 1), base)
    if "|%" in base:  # a units field of a pipe feed ("||95|%|"): the value reads as "95 %"
        base = _UNITS_PIPE.sub(" ", base)
    if base.count('":') >= 2:  # JSON-like text ('{"name":"ER","percent":"40%"}'): quotes are spaces
        base = base.replace('"', " ")
    edits = _collect_edits(base)
    if not edits:
        return Normalized(original=text, text=base)
    parts: list[str] = []
    norm_points: list[int] = []
    orig_points: list[int] = []
    fuzzy: list[tuple[int, int, float]] = []
    pos = 0
    npos = 0
    for e in edits:
        if e.start > pos:
            norm_points.append(npos)
            orig_points.append(pos)
            parts.append(base[pos : e.start])
            npos += e.start - pos
        if e.new:
            # every character of the replacement maps to the start of the replaced text
            for k in range(len(e.new)):
                norm_points.append(npos + k)
                orig_points.append(e.start)
            parts.append(e.new)
            if e.score is not None:
                fuzzy.append((npos, npos + len(e.new), e.score))
            npos += len(e.new)
        pos = e.end
    norm_points.append(npos)
    orig_points.append(pos)
    parts.append(base[pos:])
    return Normalized(
        original=text,
        text="".join(parts),
        _norm_points=norm_points,
        _orig_points=orig_points,
        fuzzy=fuzzy,
    )
