"""Compiled patterns, each with a stable dotted id (the id goes into every finding's evidence).

All patterns run on normalised text (see :mod:`her2_interpret.normalize`): Unicode spaces are
spaces, every dash is ``-``, fullwidth forms are ASCII. Every repetition is bounded or runs
over a character class that cannot overlap its neighbour, so matching stays linear.
Patterns are compiled once, at import.
"""

from __future__ import annotations


import regex


NUM = r"\d{1,3}(?:[.,]\d{1,3})?"  # a number such as 95, 22.4, 1,4 (comma decimals)
DEC = r"\d{1,2}(?:[.,]\d{1,3})?(?![.,]?[A-Za-z])"  # an ISH value such as 2.25 (not "3.L", OCR noise)
PCT = r"(?:%|(?<=\d\s?)per\s?cent\b)"  # "95%", "95 percent"
# a number starts a value: not glued to a letter ("L5%" is noise), except right after a marker ("ER95%")
NUMB = r"(?:(?<![A-Za-z0-9,])(?<!\d\.)|(?<=\b(?:ER|PR|PgR|Ki-?67)))"


#: Last guard against a pathological match: no single pattern call over a long span may run
#: longer than this (seconds) plus :data:`TIMEOUT_PER_CHAR` for each character it scans. Patterns
#: are written to run in linear time, so this should never fire; if it does,
#: :func:`her2_interpret.parse` turns the :class:`TimeoutError` into a warning.
PATTERN_TIMEOUT = 2.0

#: The guard grows with the span: a linear scan of a 10 MB text takes seconds on a loaded machine, and
#: a fixed limit made such a text time out and read nothing (benchmarks/bench.py found it). One
#: microsecond a character is about ten times the slowest pattern's measured cost; a pathological
#: (super-linear) match still ends in the guard.
TIMEOUT_PER_CHAR = 1e-6

#: The guard is set on every call that scans more than this many characters. It costs about
#: 1.7 us a call (the regex module reads the clock), more than a whole search of a short clause,
#: and the parser makes ~150 calls a snippet; a call over at most this many characters of a
#: pattern with bounded repetitions (the rule above) ends in microseconds whatever the text.
GUARDED_SPAN = 2_000


def _guarded(compiled: regex.Pattern[str], method: str):
    """``compiled.<method>`` that passes :data:`PATTERN_TIMEOUT` when the span is long."""
    plain = getattr(compiled, method)

    if method == "sub":
        def sub(repl, string, count=0):
            if len(string) > GUARDED_SPAN:
                return plain(repl, string, count, timeout=_limit(len(string)))
            return plain(repl, string, count)

        return sub

    def call(string, pos=0, endpos=None):
        end = len(string) if endpos is None else endpos
        if end - pos > GUARDED_SPAN:
            return plain(string, pos, endpos, timeout=_limit(end - pos))
        return plain(string, pos, endpos)

    call.__name__ = method
    return call


def _limit(span: int) -> float:
    """The time limit of one pattern call over ``span`` characters (seconds)."""
    return PATTERN_TIMEOUT + span * TIMEOUT_PER_CHAR


class LazyPattern:
    """A pattern compiled on first use, once (keeps ``import her2_interpret`` fast).

    After the first call its methods are the compiled pattern's own (wrapped by
    :func:`_guarded` to pass the time limit on long spans). Compiling twice from two threads is
    harmless (same result).
    """

    __slots__ = ("_source", "_flags", "search", "match", "fullmatch", "finditer", "sub", "groupindex")

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str):  # only reached before the first compile
        if name not in LazyPattern.__slots__ or name.startswith("_"):
            raise AttributeError(name)
        compiled = regex.compile(self._source, self._flags)
        for attr in ("search", "match", "fullmatch", "finditer", "sub"):
            object.__setattr__(self, attr, _guarded(compiled, attr))
        object.__setattr__(self, "groupindex", compiled.groupindex)
        return getattr(self, name)


class SplitPattern:
    """One alternation run as its separate alternatives, with the same leftmost-first result.

    The regex engine tries every alternative of a long alternation at every position; run alone,
    an alternative that starts with a literal is found by a fast scan. Measured on the corpus, the
    scoring-key pattern runs four times faster split. The merge keeps the combined pattern's
    semantics exactly: the leftmost match wins, and at one position the earlier alternative. Only
    for patterns whose callers read ``lastgroup`` or the span (each match comes from the
    alternative's own pattern, so a group of another alternative does not exist on it).
    """

    __slots__ = ("_parts",)

    def __init__(self, sources: list[str], flags: int) -> None:
        self._parts = [LazyPattern(source, flags) for source in sources]

    def search(self, string: str, pos: int = 0, endpos: int | None = None):
        best = None
        for part in self._parts:
            m = part.search(string, pos, endpos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
                if m.start() == pos:
                    break  # no later alternative can start earlier, and ties go to the earlier one
        return best

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None):
        end = len(string) if endpos is None else endpos
        parts = self._parts
        nexts = [part.search(string, pos, end) for part in parts]
        while True:
            best_i = -1
            for i, m in enumerate(nexts):
                if m is not None and (best_i < 0 or m.start() < nexts[best_i].start()):  # type: ignore[union-attr]
                    best_i = i
            if best_i < 0:
                return
            m = nexts[best_i]
            yield m
            pos = max(m.end(), m.start() + 1)  # type: ignore[union-attr]
            for i, n in enumerate(nexts):  # a cached match the yielded one overlaps: search again
                if n is not None and n.start() < pos:
                    nexts[i] = parts[i].search(string, pos, end)


def split(sources: list[str], flags: int = regex.IGNORECASE | regex.VERBOSE) -> regex.Pattern[str]:
    """A :class:`SplitPattern` typed as a pattern for callers."""
    return SplitPattern(sources, flags)  # type: ignore[return-value]


def _structure(pattern: str):  # type: ignore[no-untyped-def]
    """``(index, character, depth)`` of each character of a verbose pattern outside escapes, character
    classes and comments; an opening parenthesis has the depth outside it, and so has its closing one."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "#" and depth == 0:  # a verbose comment runs to the end of its line
            end = pattern.find("\n", i)
            i = len(pattern) if end < 0 else end
            continue
        else:
            depth -= ch == ")"
            yield i, ch, depth
            depth += ch == "("
        i += 1


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a verbose pattern (split at ``|`` outside groups and classes)."""
    parts, start = [], 0
    for i, ch, depth in _structure(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return [part for part in parts if part.strip()]


#: A span longer than this is searched with a :class:`SizedPattern`'s separate alternatives; a
#: shorter one with the joined pattern. Measured on the real reports (MENTION, 59 alternatives): the
#: split scan is slower below about 150 characters (one search per alternative) and 2-3 times faster
#: on a 1-5 KB line.
SPLIT_ABOVE = 200


class SizedPattern:
    """One alternation with two ways to scan: joined for short spans, split for long ones.

    Same matches either way (:class:`SplitPattern` keeps leftmost-first semantics). Only for patterns
    whose callers read the span, ``group()``, named groups or ``lastgroup`` of a match, never group
    numbers (they differ between the joined pattern and an alternative). ``match``, ``fullmatch`` and
    ``sub`` always use the joined pattern.
    """

    __slots__ = ("_joined", "_split", "match", "fullmatch", "sub")

    def __init__(self, source: str, parts: list[str], flags: int) -> None:
        self._joined = LazyPattern(source, flags)
        self._split = SplitPattern(parts, flags)

    def __getattr__(self, name: str):  # match, fullmatch, sub, groupindex: the joined pattern's own
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._joined, name)

    def search(self, string: str, pos: int = 0, endpos: int | None = None):
        end = len(string) if endpos is None else endpos
        return (self._split if end - pos > SPLIT_ABOVE else self._joined).search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None):
        end = len(string) if endpos is None else endpos
        return (self._split if end - pos > SPLIT_ABOVE else self._joined).finditer(string, pos, endpos)


def sized(source: str, flags: int = regex.IGNORECASE | regex.VERBOSE, inner: bool = False) -> regex.Pattern[str]:
    """A :class:`SizedPattern` of ``source``'s top-level alternatives; with ``inner``, an alternative
    that is one named group ``(?P<name>a|b|c)`` (optionally inside ``(?:...)``) is split further
    into ``(?P<name>a)``, ``(?P<name>b)``, ... (same ``lastgroup``)."""
    parts = []
    for top in alternatives(source):
        body = top.strip()
        if body.startswith("(?:") and body.endswith(")"):
            body = body[3:-1].strip()
        named = _NAMED_GROUP.match(body) if inner else None
        if named is not None and body.endswith(")") and _closes_at_end(body):
            parts += [f"(?P<{named.group(1)}>{alt}\n)" for alt in alternatives(body[named.end() : -1])]
        else:
            parts.append(top)
    return SizedPattern(source, parts, flags)  # type: ignore[return-value]


_NAMED_GROUP = regex.compile(r"\(\?P<(\w+)>")


def _closes_at_end(body: str) -> bool:
    """The group opened at ``body[0]`` closes at its last character (not earlier)."""
    closing = next((i for i, ch, depth in _structure(body) if ch == ")" and depth == 0), None)
    return closing == len(body) - 1


def joined(sources: list[str], flags: int = regex.IGNORECASE | regex.VERBOSE) -> regex.Pattern[str]:
    """One pattern of the alternatives, scanned as a :func:`sized` pattern (each named group's own
    alternatives split on long spans)."""
    return sized("|".join(f"(?:{source}\n)" for source in sources), flags, inner=True)


def lazy(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A :class:`LazyPattern` typed as a pattern for callers."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


def _c(pattern: str, flags: int = regex.IGNORECASE | regex.VERBOSE) -> regex.Pattern[str]:
    return lazy(pattern, flags)


# --------------------------------------------------------------------------- marker mentions

#: One combined pattern for every marker mention; the group name says which marker.
MENTION = joined(
    [
        r"""(?P<ish>
        \b(?:IQ)?(?:F|S|C|D|B)?ISH\b                      # FISH, SISH, CISH, DISH, BDISH, ISH
      | \bin[\s-]{1,3}situ[\s-]{1,3}hybridi[sz]ation\b
    )""",
        r"""(?P<cep>\b(?:CEP|CEN|Chr)[\s-]{0,2}17\b|\bchromosome[\s-]{1,2}17\b|\bD17Z1\b)""",
        r"""(?P<her2>
        \bHER[\s-]{0,2}2(?:[\s/-]{0,2}neu)?\b(?![\s-]{0,2}(?:targeted|directed|therap|blockade|inhibit))
      | \bc-?erb-?B-?2\b | \bERBB2\b | \bHER2neu\b | \bneu\b(?=[\s:])
      | (?-i:\bIHC\b)(?=[^\n+]{0,20}?(?<![\d.])[0-3]\s?\+)
      | \bHercep[Tt]est\b(?![\s,]{0,3}(?:DAKO|Dako|kit)?\s{0,3}\))
    )""",
        r"""(?P<ki67>\bK[il1][\s-]{0,2}67\b|(?-i:\bKI\b)(?=\s{0,2}[:=-]?\s{0,2}\d{1,2}\b)|\bMIB[\s-]{0,2}1\b|\bproliferat(?:ion|ive)(?:\s{1,3}(?:index|fraction|rate))?\b)""",
        r"""(?P<other>
        \b(?:CK|cytokeratin)[\s-]{0,2}(?:5/6|5|6|7|8/18|14|17|19|20)\b|\bE-?cadherin\b|\bp63\b|\bp53\b|\bp120\b|\bGATA-?3\b
      | \bandrogen[\s-]{1,3}receptors?\b|(?-i:\bAR\b)|\bSMA\b|\bcalponin\b|\bCD\s?(?:31|34|10|117)\b|\bD2-?40\b|\bS-?100\b
      | \bTTF-?1\b|\bmammaglobin\b|\bGCDFP(?:-?15)?\b|\bEGFR\b|\bPD-?L1\b|\bsynaptophysin\b|\bchromogranin\b
      | \bSOX-?10\b|\bTRPS-?1\b|\bAE1/AE3\b|\bCAM\s?5\.2\b|\bBRCA[12]?\b|\bPIK3CA\b|\bMMR\b
    )""",
        r"""(?P<er>
        \b(?:o?estrogens?|oestrogens?)(?:[\s-]{1,3}receptors?)?(?:[\s-]{1,3}alpha)?\b
      | (?-i:\bER(?:a|α)?\b) | (?-i:\bEr\b)(?=\s{0,2}[:+/(-])
      | \ber\b(?=\s{0,2}(?:[+/:-]|pos|neg|\d))
      | (?-i:\bRE\b)(?=\s{0,2}[:(])                               # French: recepteurs aux oestrogenes
    )""",
        r"""(?P<pr>
        \bprogest(?:erone|ins?|ogens?|agens?)(?:[\s-]{1,3}receptors?)?\b
      | (?-i:\b(?:PR|PgR|PGR|Pgr)\b) | \bpgr\b
      | \bpr\b(?=\s{0,2}(?:[+/:-]|pos|neg|\d))
      | (?-i:\bRP\b)(?=\s{0,2}[:(])                               # French: recepteurs a la progesterone
    )""",
        r"""(?P<hr>\b(?:HR|hormone[\s-]{1,3}receptors?)\b(?!\s{0,2}studies\b(?!\s{0,3}:\s{0,3}(?:pending|see))))""",
        r"""(?P<triple>\btriple[\s-]{0,2}(?:negative|neg|positive|pos)\b|\bTNBC\b)""",
        r"""(?P<allmarkers>
        \b(?:breast\s{1,3})?(?:prognostic|predictive)\s{1,3}(?:and\s{1,3}predictive\s{1,3})?(?:bio)?markers?\b
      | \b(?:breast\s{1,3})?biomarkers?(?:\s{1,3}(?:studies|testing|tests|results))?\b
      | \breceptor\s{1,3}(?:studies|status)\b
    )""",
    ]
)

#: After a HER2 mention: this HER2 names an ISH test or an ISH measurement, not IHC.
HER2_ISH_FOLLOW = _c(
    r"""^[\s:(,]{0,3}(?:\([^)\n]{0,40}\)\s{0,3})?(?:by\s{1,3})?
    (?:gene|dna|dual|single|amplif|(?:IQ)?(?:F|S|C|D|B)?ISH\b|in\s{1,3}situ|locus)"""
)
HER2_MEASURE_FOLLOW = _c(
    r"""^\s{0,3}(?:\([^)\n]{0,16}\)\s{0,3})?(?:
        [/:]\s{0,2}(?:CEP|CEN|Chr|chromosome)\s{0,2}-?\s{0,2}17      # HER2/CEP17
      | (?:gene\s{1,3})?(?:average\s{1,3}|mean\s{1,3})?(?:copy|copies|signals?)\b   # HER2 copy number
      | (?:gene\s{1,3})?(?:per|/)\s{0,3}(?:cell|nucleus|nuclei)\b               # copies of HER2 per nucleus
      | [:=]?[\t ]{0,40}\d{1,2}[.,]\d                              # HER2 5.4/cell, HER2 (ERBB2) 2.6
    )"""
)
HER2_IHC_FOLLOW = _c(r"^[\s:(,]{0,3}(?:by\s{1,3})?(?:IHC|immuno)")

#: Between two mentions of one group: "ER/PR", "ER and PR", "ER, PR and HER2", "estrogen nor ...".
# (a suspended hyphen joins too: "estrogen- and progesterone-receptor-positive")
GROUP_JOIN = _c(r"^(?:-\s{1,3}(?:and|or|&|as\s{1,3}well\s{1,3}as)\s{1,3}|\s{0,3}(?:by\s{1,3}(?:IHC|immunohistochemistry)\s{0,3}|\(\s{0,2}(?:IHC|ISH|FISH|immunohistochemistry)\s{0,2}\)\s{0,3})?(?:receptors?\s{0,3})?(?:/|,|&|\band\b|\bor\b|\bnor\b|,\s{0,2}and\b|,?\s{0,2}but\s{1,3}also\b)\s{0,3})$")

# --------------------------------------------------------------------------- structure

SECTION_ADDENDUM = _c(
    r"^[\s*#=_-]{0,20}(?:addend(?:um|a)|supplement(?:ary|al)\s{1,3}report|supplementary\s{1,3}(?:studies|result))\b"
)
SECTION_AMENDMENT = _c(
    r"^[\s*#=_-]{0,20}(?:amended\s{1,3}report|amendment|revised\s{1,3}report|corrected\s{1,3}report)\b"
)
SECTION_COMMENT = _c(r"^[\s*#-]{0,6}(?:comments?|notes?)\s{0,3}[:-]")
SECTION_HISTORY = _c(
    r"""^[\s*#-]{0,6}(?:clinical\s{1,3}(?:history|information|details|data|notes|summary)|history
        |referral(?:\s{1,3}(?:information|details|notes))?|relevant\s{1,3}history|previous\s{1,3}history
        |indications?|reason\s{1,3}for\s{1,3}(?:referral|testing)|(?-i:Hx|HX|PMH|PMHx)|past\s{1,3}(?:medical\s{1,3})?history)\s{0,3}[:-]"""
)
SECTION_MAIN = _c(
    r"""^[\s*#-]{0,6}(?:final\s{1,3})?(?:diagnosis|microscopy|microscopic|impression|results?
        |immunohistochemistry|biomarkers?|summary|details|conclusion)\b[^:\n]{0,40}:"""
)
SPECIMEN_HEADER = _c(
    r"""^\s{0,6}(?:
        (?:part|specimen|container)\s{0,2}\#?\s{0,2}(?P<label>[A-Z]?\d{1,2}|[A-H])\b
      | (?P<letter>[A-H])[.)]\s{1,4}(?=[A-Z])
      | (?:[A-Z][A-Z ]{0,30}[-:]\s{0,3})?(?:tumou?r|lesion|mass|focus)\s{0,2}\#?\s{0,2}(?P<tumour>\d{1,2})\b
      | (?P<sidelabel>left|right)\s{1,3}breast\b[^:\n]{0,40}:
    )"""
)

# --------------------------------------------------------------------------- not results

CHECKBOX_UNTICKED = _c(r"^[ \t]{0,12}(?:\[[ \t]{0,3}\]|\([ \t]{0,3}\)|\u2610|\u25a1|_{2,3})", regex.IGNORECASE | regex.VERBOSE | regex.MULTILINE)
CHECKBOX_TICKED = sized(r"_{1,3}[xX\u2713\u2714]_{1,3}|\[\s?[xX\u2713\u2714]\s?\]|\(\s?[xX]\s?\)|\u2612|\u2611")
METHOD_LINE = _c(
    r"""^[ \t*-]{0,6}(?:primary\s{1,3})?(?:antibod(?:y|ies)|clones?|probes?|methods?|methodology|platform
        |instrument|assay|kit|fixative|fixation|run\s{1,3}controls?|cold\s{1,3}isch(?:a)?emia|time\s{1,3}(?:to|in)\s{1,3}
        |test(?:\(s\))?\s{1,3}performed|tests?\s{0,3}:|cells?\s{1,3}(?:scored|counted)|number\s{1,3}of
        |disclaimer|this\s{1,3}test|controls?\s{0,3}:|quality|staining\s{1,3}platform|detection|references?(?=\s{0,3}:))
        \b[^\n]{0,300}$"""
, regex.IGNORECASE | regex.VERBOSE | regex.MULTILINE)
CONTROL_PHRASE = _c(
    r"""(?:\b(?:with|and|but|the|note\s{1,3}that)\s{1,3})?
        (?:\b(?:appropriate(?:ly)?|adequate|satisfactory|known|no)\s{1,3})?
        (?:\b(?:reactive|positive|negative)\s{1,3})?
        \b(?:internal|external|on-?slide|tonsil|positive|negative|tissue|run)\s{1,3}
        (?:positive\s{1,3}|negative\s{1,3})?controls?\b[^.\n]{0,300}"""
)
CONTROL_WORD = sized(r"(?<!17\s{0,3}|probe\s{1,3})\bcontrols?\b|\bcell\s{1,3}lines?\b|\bbenign\b|\bnormal\s{1,3}(?:ducts?|ductal|lobules?|breast|epitheli\w*|tissue)")
REFERENCE = split(
    [
        r"""\((?:\s{0,3}(?:ref(?:erence)?(?:\s{1,3}range)?|normal(?:\s{1,3}range)?|cut-?\s?off|key)\b)[^)\n]{0,120}\)""",
        r"""\[(?:\s{0,3}(?:ref(?:erence)?(?:\s{1,3}range)?|normal(?:\s{1,3}range)?|cut-?\s?off|key)\b)[^\]\n]{0,120}\]""",
        r"""\b0\s{0,2}(?:-|to|/)\s{0,2}1\+?\s{0,3}[:=-]?\s{0,3}neg\w{0,6}\s{0,3}[;,]\s{0,3}2\+[^;\n]{0,30}[;,]\s{0,3}3\+[^;.\])\n]{0,30}
      # a scoring key is two or more score-category pairs in a row ("0, 1+ negative; 2+ equivocal;
      # 3+ positive", "Negative (0 or 1+), Equivocal (2+), Positive (3+)"); one pair is a result""",
        r"""(?:(?<![\w+])[0-3]\+?(?:\s{0,2}(?:,|or|and|-|/|to)\s{0,2}[0-3]\+?)?\s{0,3}[:=-]?\s{0,3}(?:(?:is|are|means?)\s{1,3}(?:considered\s{1,3})?)?
          (?:negative|neg|equivocal|borderline|(?:weak(?:ly)?\s{1,3}|strong(?:ly)?\s{1,3})?positive|pos)\b[\s;,.)]{0,4}(?:\([^)\n]{0,30}\)[\s;,.]{0,4})?(?:and\s{1,3})?){2,}""",
        r"""(?:\b(?:negative|neg|equivocal|borderline|(?:weak(?:ly)?\s{1,3}|strong(?:ly)?\s{1,3})?positive|pos)\s{0,3}[:=(-]?\s{0,3}
          [0-3]\+?(?:\s{0,2}(?:,|or|and|-|/|to)\s{0,2}[0-3]\+?)?\)?(?![\d%.])[\s;,.]{0,4}(?:\([^)\n]{0,30}\)[\s;,.]{0,4})?){2,}""",
        r"""\b(?:reference\s{1,3}range|scoring\s{1,3}(?:key|guide|criteria|system)|interpret(?:ation|ive)\s{1,3}(?:key|criteria|guidelines?|guide)|scoring\s{1,3}(?:categories|scale|definitions?|references?))\b[^\n]{0,2000}""",
        r"""\bnegative\s{0,3}[:=(]?\s{0,3}(?:0\s{0,2}(?:-|to|or|/)\s{0,2}1\+?|0,?\s{0,2}1\+)\s{0,3}[,;)]?\s{0,3}(?:\(\s{0,3})?
        equivocal\s{0,3}[:=(]?\s{0,3}2\+\s{0,3}[,;)]?\s{0,3}(?:\(\s{0,3})?positive\s{0,3}[:=(]?\s{0,3}3\+\)?""",
        r"""\b(?:ratio|copy\s{1,3}number|signals?/cell)\s{0,3}(?:of\s{1,3})?(?:≥|>=|>|<|≤|<=)\s{0,2}\d{1,2}(?:\.\d{1,2})?
        \s{0,3}(?:is|are|=|:|-|indicates?)?\s{0,3}(?:considered\s{1,3})?(?:amplified|not\s{1,3}amplified|non-?amplified|positive|negative|equivocal)\b""",
        r"""\b(?:positive|negative|low\s{1,3}positive)\s{0,3}[:=]\s{0,3}(?:≥|>=|>|<|≤|<=)\s{0,2}\d{1,3}\s{0,2}%""",
        r"""\((?=[^)\n]{0,200}(?:<|>|≥|≤))(?=[^)\n]{0,200}\b(?:not\s|non-?)?amplified\b[^)\n]{0,200}\b(?:equivocal|amplified)\b)[^)\n]{0,200}\)""",
        r"""\([^)\n]{0,40}\bcut-?\s?off\b[^)\n]{0,60}\)""",
        # percent categories in a row, the other way round: "positive >10%, low positive 1-10%, negative <1%"
        r"""(?:\b(?:low[\s-]{1,3})?(?:positive|negative|pos|neg)\s{0,3}[:=(]?\s{0,3}(?:[<>≤≥]\s{0,2})?\d{1,3}(?:\s{0,2}(?:-|to)\s{0,2}\d{1,3})?
            \s{0,2}%\)?[\s;,.]{0,4}(?:and\s{1,3})?){2,}""",
        # percent categories in a row: ">10% positive; 1-10% low positive; <1% negative"
        r"""(?:(?:[<>≤≥]\s{0,2})?\b\d{1,3}(?:\s{0,2}(?:-|to)\s{0,2}\d{1,3})?\s{0,2}%\s{0,3}[:=-]?\s{0,3}(?:(?:is|are)\s{1,3})?
            (?:low[\s-]{1,3})?(?:positive|negative|pos|neg)\b[\s;,.]{0,4}(?:and\s{1,3})?){2,}""",
        # the definition of the low-positive band after the words: "LOW POSITIVE (1-10%)"
        r"""(?<=\blow[\s-]{1,3}positive(?:\s{1,3}(?:range|category|band))?\s{0,3})\(\s{0,2}1\s{0,2}(?:-|to)\s{0,2}10\s{0,2}%\s{0,2}\)""",
        r"""\bcut-?\s?off\s{0,3}(?:of|at|=|:|is)?\s{0,3}(?:≥|>=|>|<|≤|<=)?\s{0,2}\d{1,3}(?:[.,]\d)?\s{0,2}%""",
        r"""\((?=[^)\n]{0,120}negative)(?=[^)\n]{0,120}positive)[^)\n]{0,120}(?:<|>|≥|≤|=)[^)\n]{0,120}\)""",
    ]
)
OPTION_LIST = sized(
    r"""\(\s{0,2}(?:weak|mild|moderate|strong|intense)(?:\s{0,2}[/,|]\s{0,2}(?:weak|mild|moderate|strong|intense)){1,3}\s{0,2}\)
      | \[[^\]\n]{0,60}[/;|][^\]\n]{0,60}\]
      | \b(?:template\s{1,3})?(?:options|choices)\s{0,3}:[^)\n]{0,160}
      | (?:pos(?:itive)?|neg(?:ative)?|low\s{1,3}positive|equivocal|cannot\s{1,3}be\s{1,3}determined|unk\w{0,5}|n/?a)
        (?:\s{0,2}/\s{0,2}(?:pos(?:itive)?|neg(?:ative)?|low\s{1,3}positive|equivocal|cannot\s{1,3}be\s{1,3}determined|unk\w{0,5}|n/?a)){2,}
      | \(\s{0,2}(?:pos(?:itive)?|neg(?:ative)?|unk\w{0,5}|equivocal|n/?a|not\s{1,3}done|low\s{1,3}positive)
        (?:\s{0,2}[/;|,]\s{0,2}(?:pos(?:itive)?|neg(?:ative)?|unk\w{0,5}|equivocal|n/?a|not\s{1,3}done|low\s{1,3}positive|other)){1,6}\s{0,2}\)"""
)
# Antibody clones whose digits could read as values: "KI-67- 30-9", "PgR 636", "ER (6F11)".
CLONES = _c(r"\b(?:30-9|PgR\s{0,2}636|6F11|1E2|4B5|CB11|EP[1-9]|SP[1-9]\d?|1D5|A0485|16\s{0,2}\(Leica\))\b")
FIXATION = _c(r"\b\d{1,3}\s{0,2}%\s{0,3}(?:neutral\s{1,3})?(?:buffered\s{1,3})?(?:formalin|NBF)\b")
# Counts are never results: "total HER2 signals 62", "nuclei counted 20", "40 cells scored".
COUNTS = sized(
    r"""\btotal[ \t]{1,3}(?:number[ \t]{1,3}of[ \t]{1,3})?(?:HER-?2[ \t]{1,3}|CE[PN][\s-]?17[ \t]{1,3}|chr(?:omosome)?[\s-]?17[ \t]{1,3})?signals?\b[^,;.\n]{0,30}
      | \b(?:nuclei|cells)[ \t]{1,3}(?:counted|scored|evaluated|assessed)[ \t]{0,3}(?:[:=]|\.{1,40})?[ \t]{0,3}\d{1,4}
      | (?<![\d.,])\b\d{1,4}[ \t]{1,3}(?:tumou?r[ \t]{1,3})?(?:nuclei|cells)[ \t]{1,3}(?:were[ \t]{1,3})?(?:counted|scored|evaluated|assessed)\b"""
)
# "tumour cellularity 40%", "cellularity: 20-30%": the words and their number only, never the results after
CELLULARITY = _c(r"\b(?:tumou?r\s{1,3})?cellularity\b[^.;,/|\n\d]{0,40}(?:[<>~]?\s{0,2}\d{1,3}(?:[.,]\d)?\s{0,2}%?(?:\s{0,2}(?:-|to)\s{0,2}\d{1,3}\s{0,2}%)?)?")
# Results of another person: family history, or a friend a patient compares herself with.
FAMILY = sized(
    r"\bfamily\s{1,3}history\b|\b(?:mother|sister|aunt|grandmother|daughter|cousin|maternal|paternal"
    r"|friend|neighbou?r|colleague|co-?worker|mum|mom|mam|mummy|mommy|dad|father|brother|niece"
    r"|grandma|granny|nan|nana|sister-in-law|mother-in-law|husband|wife)s?\b"
)
# Page furniture: running headers and footers that OCR puts between a label and its value.
PAGE_FURNITURE = _c(
    r"""\bcontinued\s{1,3}(?:on\s{1,3})?(?:next|following)\s{1,3}page\b|\bpage\s{1,3}\d{1,3}(?:\s{1,3}of\s{1,3}\d{1,3})?\b
      |\b(?:MRN|DOB|D\.O\.B\.|Med(?:ical)?\.?\s{0,2}Rec(?:ord)?\.?\s{0,2}(?:No|\#)?|patient(?:\s{1,3}name)?)\s{0,3}[:\#]"""
)
# An unticked blank option inside a line: "Intensity:  ___ Weak   _X_ Moderate   ___ Strong".
CHECKBOX_INLINE_BLANK = _c(r"(?<![\w])_{3,6}[ \t]{1,3}[A-Za-z][^_\n]{0,40}?(?=[ \t]{2,}|[ \t]*_|[ \t]*$)",
                           regex.IGNORECASE | regex.MULTILINE)
CHECKBOX_INLINE_UNTICKED = _c(r"(?:\[[ \t]{0,3}\]|\u2610|\u25a1)\s{0,3}[^\[\]\n\u2610\u25a1\u2612\u2611]{0,80}")
# Sentences about patients in general, not this tumour: trial criteria ("patients with HER2-low
# (IHC 1+ or 2+/ISH-) disease are eligible", "Key exclusion: HER2-positive disease") and laboratory
# statistics ("our HER2 3+ rate was 12%", "concordance 98% (n = 250 cases)").
NOT_THIS_PATIENT = sized(
    r"""\b(?:key\s{1,3})?(?:inclusion|exclusion|eligibility)(?:\s{1,3}criteria)?\s{0,3}:
      | \b(?:inclusion|exclusion|eligibility)\s{1,3}criteria\b
      | \b(?:are|is|were|be|remain)\s{1,3}(?:eligible|permitted|excluded)\b
      | \bpatients\s{1,3}with\b[^.\n]{0,120}?\b(?:eligible|excluded|enrolled|included|permitted)\b
      | \bour\b[^.\n]{0,60}?\brates?\b | \brates?\b[^.\n]{0,60}?\b(?:\d+\s{1,3}cases|n\s{0,2}=\s{0,2}\d)
      | \bconcordance\b | \bNEQAS\b | \bproficiency\s{1,3}(?:testing|programme|program|survey)\b
      # definitions in prose: "1-10% is reported as low positive", "HER2 is scored 0, 1+, 2+ or 3+"
      | (?:[<>≤≥]\s{0,2})?\b\d{1,3}(?:\s{0,2}(?:-|to)\s{0,2}\d{1,3})?\s{0,2}%\s{1,3}(?:is|are)\s{1,3}
        (?:reported|defined|classified|considered|regarded|called|scored)\s{1,3}as\b
      | \b0\s{0,2},\s{0,2}1\s{0,2}\+\s{0,2},\s{0,2}2\s{0,2}\+\s{0,2},?\s{0,3}(?:or|and)\s{1,3}3\s{0,2}\+
      # the H-score formula: "H-score = (1 x % weak) + (2 x % moderate) + (3 x % strong)"
      | \bH[\s-]{0,2}score\s{0,3}=\s{0,3}\(
      # an antibody list inside a line ("Controls: appropriate. Antibodies: ER SP1, ..., Ki-67 30-9.")
      | \b(?:primary\s{1,3})?(?:antibod(?:y|ies)|clones?)\s{0,3}(?:used\s{0,3})?:
      # a recount by a second reader confirms the reported count; its numbers are not the result
      # (only when it gives numbers of its own: "Following recount, reported as POSITIVE" is the verdict)
      | (?:\b(?:blinded\s{1,3})?re-?count(?:ed)?\b | \bsecond\s{1,3}(?:reader|observer)\b | \breader\s{1,3}(?:2|two|B)\b)
        (?=[^.\n]{0,80}\b(?:ratio|signals?|cop(?:y|ies))\b[^.\n]{0,20}?\d)
      # a class of tumours in general: "ER-low tumours (1-10%) often behave like triple-negative disease",
      # "many behave similarly to ER-negative tumours"
      | \bbehaves?\s{1,3}(?:\w{1,15}\s{1,3}){0,2}?(?:similarly\s{1,3}to|like|as)\b
      | \b(?:tumou?rs|cancers|carcinomas|patients|women|these|such\s{1,3}(?:tumou?rs|cancers))(?:\s{0,3}\([^)\n]{0,30}\))?\s{1,3}
        (?:often|usually|typically|generally|tend|commonly|frequently|may|can|are\s{1,3}(?:often|usually|generally|typically))\b"""
)
# A registry code before its meaning ("ER Summary: 1 Positive", "HER2 IHC Summary ..... 0 (Negative, IHC
# score 0)"): the code digit is not a value (NAACCR SSDI fields).
# The word "positive" of a field name ("ER Percent Positive or Range"): not a status.
FIELD_NAME_POSITIVE = _c(
    r"""(?<=\bpercent(?:age)?\s{1,3})positive(?=(?:\s{1,3}or\s{1,3}range)?\s{0,3}(?:[:=]|\.{2,40}))
      | (?<=%\s{0,2})positive(?=\s{1,3}(?:tumou?r\s{1,3}|invasive\s{1,3})?(?:nuclei|cells))   # field "% positive tumour nuclei"
    """
)
REGISTRY_CODE = _c(r"\bsummary\s{0,3}(?:[:=]|\.{2,40})\s{0,3}(?P<code>\d)\s{1,3}(?=\(?[A-Za-z])")
INVALID = _c(
    r"\binvalid\b|\bin\s{1,3}error\b|\berroneous(?:ly)?\b|\bsuperseded\b|\b(?:transcribed|reported|recorded|entered)\s{1,3}"
    r"(?:incorrectly|wrongly)\b|\bincorrectly\s{1,3}(?:transcribed|reported|recorded|entered)\b|\btranscription\s{1,3}error\b"
    r"|\b(?:this|which|it)\s{1,3}(?:supersedes|replaces)\b|\btypographical\s{1,3}error\b"
)

# --------------------------------------------------------------------------- cues (ConText)

HISTORICAL = _c(
    r"""\b(?:prior|previous(?:ly)?|outside(?!\s{1,3}(?:paraffin\s{1,3})?(?:blocks?|slides?|material|tissue|specimen\s{1,3}block))|earlier|referring\s{1,3}(?:laboratory|lab|institution|hospital|pathologist|report|centre|center)
        |per\s{1,3}(?:the\s{1,3})?outside|history\s{1,3}of|known\s{1,3}(?:left|right|breast|bilateral)
        |pre-?treatment|pre-?neoadjuvant|original(?:ly)?\s{1,3}report(?:ed)?|original\s{1,3}(?:biopsy|diagnosis|core|specimen|pathology|tumou?r)|original\s{0,3}(?=\(|:)|original\s{1,3}(?:result|reading|read|score)s?|initially\s{1,3}(?:reported|read)|further\s{1,3}to\s{1,3}the\s{1,3}original)\b
      # a past episode told with its year: "she had a mastectomy in 2012 for ...", "back in 2009"
      | \b(?:had|underwent|was\s{1,3}treated|was\s{1,3}diagnosed)\b[^.\n]{0,60}?\bin\s{1,3}(?:19|20)\d{2}\b
      | \bback\s{1,3}in\s{1,3}(?:19|20)\d{2}\b"""
)
HYPOTHETICAL = _c(
    r"""\b(?:if|unless|whether|would|should|might|in\s{1,3}the\s{1,3}event|suitable\s{1,3}for|eligible
        |may\s{1,3}(?:be|still|benefit|also)|could\s{1,3}be|can\s{1,3}be|is\s{1,3}recommended|are\s{1,3}recommended
        |recommended\s{1,3}that|will\s{1,3}be\s{1,3}performed\s{1,3}on\s{1,3}(?:the|a|any)\s{1,3}(?:subsequent\s{1,3}|future\s{1,3})?
          (?:excision|resection|surgical|mastectomy|lumpectomy|subsequent|future)
        |to\s{1,3}be\s{1,3}performed\s{1,3}on\s{1,3}(?:the|a)\s{1,3}(?:excision|resection))\b"""
)
# Conditional wording that no "pending" word can override ("suitable for biomarker studies if requested").
HYPOTHETICAL_STRONG = _c(r"\b(?:if|unless|whether|would|should|might|in\s{1,3}the\s{1,3}event|suitable\s{1,3}for"
                         r"|(?:may|can|could)\s{1,3}be\s{1,3}(?:requested|ordered|performed|done|sent|repeated|arranged))\b")
# ISH result words that can only be about ISH, read from a HER2 clause ("HER2 negative (not amplified)").
ISH_AMP_RESULT = _c(
    r"""(?P<neg>\b(?:not|non)[\s-]{0,4}amplified\b|\bunamplified\b|\bwithout\s{1,3}(?:HER-?2\s{1,3})?(?:gene\s{1,3})?amplification\b|\bno\s{1,3}(?:evidence\s{1,3}of\s{1,3})?(?:HER-?2\s{1,3})?(?:gene\s{1,3})?amplification\b
        |\bamplification\s{0,3}(?:[:=]\s{0,3})?(?:was\s{1,3}|is\s{1,3})?(?:not\s{1,3}(?:detected|identified|seen|present|found|observed)|negative|absent|none)\b)
      | (?P<pos>(?<!\b(?:not|non|un)[\s-]{0,6})\bamplified\b|\bamplification\s{0,3}(?:[:=]\s{0,3})?(?:is\s{1,3}|was\s{1,3})?(?:detected|identified|present|seen|positive)\b)"""
)
# Dates and years that order results: "01/10/2024", "2024-03-11", "2015:", "(issued 12/06/2024)".
DATE = sized(
    r"""(?P<m>\d{1,2})[/.-](?P<d>\d{1,2})[/.-](?P<y>(?:19|20)\d{2})\b
      | \b(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{2})-(?P<d2>\d{2})\b
      | \b(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b
        (?=[^\n]{0,30}\b(?:said|showed|came|biopsy|bx|surgery|path|report|results?|core|excision)\b|\s{1,3}(?:19|20)\d{2})(?:\s{1,3}(?P<y4>(?:19|20)\d{2}))?
      | (?:^|(?<=[\s(]))(?P<y3>(?:19|20)\d{2})(?=\s{0,2}[:),]|\s{1,3}(?:recurrence|biopsy|bx|core|excision|resection|mastectomy|lumpectomy))"""
)
SIDE = _c(r"\b(?P<side>left|right|lt\.?|rt\.?)\s{1,3}(?:breast|axilla|side|mastectomy)\b|\b(?P<side2>left|right)\b")
# "Size: 31 mm" under a tumour header: that tumour's size.
# "Size: 31 mm", "invasive size 32 mm." on a line under a tumour header (also after other words)
SIZE_LINE = _c(r"^[^\n]{0,80}?\b(?:(?:invasive|whole)\s{1,3})?(?:tumou?r\s{1,3})?size\s{0,3}(?:[:=]|is|of)?\s{0,3}(?P<v>\d{1,3}(?:[.,]\d)?)\s{0,2}(?P<u>mm|cm)\b")
SIZE = _c(
    r"(?<![\d.])(?<!\b(?:separated|apart)\s{1,3}by\s{1,3})(?<!\bdistance\s{1,3}(?:of\s{1,3})?)(?P<v>\d{1,3}(?:[.,]\d)?)\s{0,2}(?P<u>mm|cm)\b"
    r"(?!\s{0,3}(?:from|away|to\s{1,3}the|distance|apart|of\s{1,3}(?:benign|normal|uninvolved|intervening)))"
)
REPEAT = _c(r"\brepeat(?:ed)?\b|\bre-?read\b|\brevised\b|\bcorrected\b|\bamended\s{0,3}\(|\bamended\s{1,3}(?:result|reading|score)s?\b|\bre-?test(?:ed|ing)?\b|\bredone\b|\bcurrent\s{1,3}specimen\b|\bregarded\s{1,3}as\s{1,3}current\b")
DCIS = _c(r"\bDCIS\b|\bductal\s{1,3}carcinoma\s{1,3}in\s{1,3}situ\b|\bin[\s-]situ\s{1,3}(?:component|carcinoma)\b")
INVASIVE = _c(r"\binvasive\b")
# The report diagnoses an invasive carcinoma (for [receptor.dcis]); "no invasive carcinoma" does not count.
INVASIVE_DIAGNOSIS = sized(
    r"(?<!\bno\s{1,3})(?<!\bno\s{1,3}\w{1,12}\s{1,3})(?<!\bwithout\s{1,3})(?<!\bnegative\s{1,3}for\s{1,3})"
    r"(?<!\b(?:no|without)\s{1,3}(?:evidence|sign|residual)\s{1,3}(?:of\s{1,3})?)(?<!\bnot\s{1,3}(?:\w{1,12}\s{1,3}){0,2})\binvasive\s{1,3}(?:\w{1,12}\s{1,3}){0,2}(?:carcinoma|component|tumou?r|cancer)\b"
    # "INVASIVE CARCINOMA: Not identified" is a negative finding
    r"(?!\s{0,3}[:=-]?\s{0,3}(?:not\s{1,3}(?:identified|seen|present|found)|absent|none\b|negative\b|no\b))|\bIDC\b|\bILC\b"
)
# The specimen itself is gastric ("Specimen: stomach, body ..."), or the HER2 was scored by gastric
# criteria: gastric even when a breast history is mentioned.
GASTRIC_SPECIMEN = sized(
    r"""^[ \t]{0,8}(?:specimen|site|source|tissue)(?:\s{1,3}(?:type|site|source))?\s{0,3}[:=][^\n]{0,60}?
        \b(?:stomach|gastric|gastro-?o?esophageal|GE\s{0,2}junction|GEJ|o?esophag\w{0,6}|cardia)\b
      | \bgastric\s{1,3}(?:scoring|criteria|HER-?2\s{1,3}scoring)\b""",
    regex.IGNORECASE | regex.VERBOSE | regex.MULTILINE,
)
GASTRIC = _c(r"\b(?:gastric|stomach|gastro-?o?esophageal|gastro-?oesophageal|GE\s{0,2}junction|GEJ|o?esophag\w{0,6}|cardia)\b")
BREAST = _c(r"\bbreast\b|\bmammary\b|\bDCIS\b|\bmastectomy\b|\blumpectomy\b")
FINAL = _c(r"\b(?:final|overall|interpretation|conclusion|reported\s{1,3}as|status|result\s{1,3}is)\b")
SENTENCE_END = lazy(
    r"(?<!\b(?:approx|appr|ca|vs|e\.g|i\.e|no|nos|fig|dr|pt|cf|incl))(?<!\d\.\d)(?<!\.)[.!?](?=\s{1,10}(?:[A-Za-z(\"'*-]|\d{1,2}\s?%)|\s*$)",
    regex.MULTILINE,
)

# --------------------------------------------------------------------------- values

NOT_PERFORMED = _c(
    r"""\b(?:not\s{1,3}(?:performed|done|assessed|tested|evaluated|requested|applicable|available|interpretable|evaluable|required|indicated|needed)
        |cannot\s{1,3}be\s{1,3}(?:determined|assessed|evaluated|interpreted)|could\s{1,3}not\s{1,3}be\s{1,3}(?:determined|assessed|performed|evaluated)
        |unable\s{1,3}to\s{1,3}(?:assess|evaluate|determine)|indeterminate|n/a|unavailable|insufficient|no\s{1,3}(?:residual\s{1,3})?invasive\s{1,3}(?:tumou?r|carcinoma))\b"""
)
PENDING = _c(
    r"""(?<!\bnot\s{1,3}(?:been\s{1,3}|yet\s{1,3})?)(?<!\bno\s{1,3})\b(?:pending|to\s{1,3}follow|in\s{1,3}progress|awaited|(?:has|have|was|were|is|are|been)\s{1,3}(?:ordered|requested|sent)
        |requested|ordered|will\s{1,3}follow|will\s{1,3}be\s{1,3}(?:informed|communicated|available)
        |(?:complementary|supplemental|additional|separate)\s{1,3}report|referred\s{1,3}for|waiting\s{1,3}(?:on|for)|awaiting|still\s{1,3}waiting
        |(?:sent|sending|sends)\s{1,3}(?:(?:it|them|tissue|the\s{1,3}(?:block|sample|tissue|slides?))\s{1,3})?(?:(?:off|away|out)\s{1,3})?(?:out|to|for)|will\s{1,3}be\s{1,3}(?:reported|issued|sent|provided|performed\s{1,3}and\s{1,3}reported)
        |to\s{1,3}be\s{1,3}reported|see\s{1,3}(?:the\s{1,3})?(?:addendum|supplement(?:ary|al)?(?:\s{1,3}report)?|separate\s{1,3}report)
        |(?:reported|issued)\s{1,3}(?:in|as)\s{1,3}(?:an?\s{1,3})?(?:addendum|supplementary))\b"""
)

# Receptor status words, in priority order (the first hit by position decides).
RECEPTOR_STATUS = _c(
    r"""
      (?P<low>\blow[\s-]{1,3}(?:positive|pos)\b|\bER[\s-]{1,2}low\b)
    | (?P<neg>
        \bnegatives?\b|\bneg\b|\bnot\s{1,6}(?:expressed|identified|detected|seen|positive|immunoreactive)\b
      | \bno\s{1,3}(?:nuclear\s{1,3})?(?:staining|expression|immunoreactivity|reactivity)\b
      | \bno\s{1,3}(?:immunoreactive|positive|staining|stained)\s{1,3}(?:tumou?r\s{1,3}|invasive\s{1,3}|carcinoma\s{1,3})?(?:cells|nuclei)\b
                                                     # CAP "No immunoreactive tumor cells present"
      | \black(?:s|ing)?\b|\babsent\b|\bneither\b|\bnor\b
      )
    | (?P<equiv>\bequivocal\b|\bborderline\b)
    | (?P<pos>
        (?<!\bnot\s{1,6})(?<!\bno\s{1,3})\b(?:strongly\s{1,3}|weakly\s{1,3}|focally\s{1,3}|diffusely\s{1,3}|moderately\s{1,3})?(?:positives?|pos|immunoreactive)\b
      | \b(?:weak|moderate|strong)\s?\+(?![\w+])
      | \bexpressed\b
      )
    """
)
SIGN = _c(r"^(?:\s{0,2}[:=]\s{0,3}(?P<d>[+-])(?![\w+\d.,])|(?P<a>[+-])(?![\w+])|\s{1,2}(?P<b>[+-])(?=\s{0,2}(?:$|[/,;(])))|^\s{0,2}\(\s{0,2}(?P<c>[+-])\s{0,2}\)")
POSITIONAL_SIGNS = _c(
    r"^\s{0,3}(?:status\s{0,3})?[:=]?\s{0,3}(?P<s>(?:[+-]|pos|neg)(?:\s{0,2}/\s{0,2}(?:[+-]|pos|neg)){1,3})(?![\w+])"
)
QUALIFIER = _c(r"\b(?P<q>focally|focal|rare\s{1,3}cells|scattered|weakly|strongly|patchy)\b")

PERCENT = _c(
    rf"""
      (?P<range>{NUMB}(?P<lo>{NUM})\s{{0,2}}{PCT}?\s{{0,2}}(?:-|to)\s{{0,2}}(?P<hi>{NUM})\s{{0,2}}{PCT})
    | (?P<lt>(?:<|≤|<=|less\s{{1,3}}than|under|below|fewer\s{{1,3}}than|up\s{{1,3}}to|no\s{{1,3}}more\s{{1,3}}than)\s{{0,3}}(?P<ltv>{NUM})\s{{0,2}}{PCT})
    | (?P<gt>(?:>|≥|>=|greater\s{{1,3}}than|more\s{{1,3}}than|over|above|at\s{{1,3}}least)\s{{0,3}}(?P<gtv>{NUM})\s{{0,2}}{PCT})
    | (?P<le_alt>{NUMB}(?P<lev>{NUM})\s{{0,2}}{PCT}\s{{1,3}}or\s{{1,3}}less)
    | (?P<one>(?:(?:approximately|approx\.?|about|around|ca\.?|circa|~|≈|estimated)\s{{0,3}})?{NUMB}(?P<v>{NUM})\s{{0,2}}{PCT})
    | (?P<pre>(?<![\w%])%\s{{0,1}}(?P<pv>{NUM})(?![\d.,]?\d|\s{{0,2}}%))
    """
)
# A number with a stray character where % was ("95X", "60 x"): read only for a receptor or
# Ki-67 clause that has no other percent, and flagged fuzzy.
PERCENT_STRAY = _c(r"(?<![\w.])(?P<v>\d{1,3})\s?[Xx×°](?=\s|$|[,;)])")
PERCENT_LABEL = _c(r"(?:\bpercent(?:age)?\b|\bproportion\b|\bpct\b|(?<![\d)]\s{0,2})%)[^:=.\n]{0,60}(?:[:=]|\s{0,3}\.{3,40})|\bpct(?=\s{1,3}\d)")
BREAKDOWN = _c(r"\b(?:weak|faint|mild|moderate|intermediate|strong|intense)(?:ly)?\s{0,3}[:=]?\s{0,2}\d{1,3}\s{0,2}%")
INTENSITY = _c(
    r"""\b(?P<a>weak|faint|mild|moderate|mod(?=\.?(?:\s|$|[,;|)]))|intermediate|strong|intense)(?:ly)?
        (?:\s{0,3}(?:to|-|/|and)\s{0,3}(?P<b>moderate|intermediate|strong|intense)(?:ly)?\b)?"""
)
ALLRED = _c(
    r"""
      (?:(?P<p6>[0-5])\s{0,2}\+\s{0,2}(?P<i6>[0-3])\s{0,2}=\s{0,2}(?P<t6>[0-8])(?!\d|[.,]\d)(?:\s{0,2}/\s{0,2}8)?)  # UK "5+3 = 8"
    | (?:allred|quick|(?-i:\bQS\b))(?:\s{0,3}\(\s{0,3}allred\s{0,3}\))?(?:\s{1,3}(?:total\s{1,3})?score)?\s{0,3}(?:of\s{1,3})?(?:[:=]|\.{2,40})?\s{0,3}
        0?(?P<t>[0-8])(?!\d|[.,]\d|\s{0,2}\+\s{0,2}[0-3]\s{0,2}=)(?:\s{0,2}/\s{0,2}8)?(?:\s{0,3}\(\s{0,3}(?P<p>[0-5])\s{0,2}\+\s{0,2}(?P<i>[0-3])\s{0,3}\))?
    | (?P<t2>[0-8])\s{0,2}/\s{0,2}8\b(?:\s{0,3}\(\s{0,3}(?:allred|quick)(?:\s{1,3}score)?\s{0,3}\))?
    | (?<![\d+])(?P<t3>[0-8])\s{1,3}\(\s{0,2}(?P<p3>[0-5])\s{0,2}\+\s{0,2}(?P<i3>[0-3])\s{0,2}\)
    | (?<![\d+.])(?P<t4>[0-8])\s{0,2}(?:points?|pts?)\b(?:\s{0,3}(?:according\s{1,3}to|by|per|\()\s{0,3}(?:allred|quick))?
    | \bTS\s{0,2}[:=]?\s{0,2}(?P<t5>[0-8])\b
    """
)
ALLRED_PARTS = _c(
    r"""(?:proportion(?:\s{1,3}score)?|\bPS)\s{0,3}[:=]?\s{0,3}(?P<p>[0-5])\b
      .{0,30}?(?:intensity(?:\s{1,3}score)?|\bIS)\s{0,3}[:=]?\s{0,3}(?P<i>[0-3])\b"""
)
HSCORE = _c(r"\bH[\s-]{0,2}score\b\s{0,3}(?:of\s{1,3})?[:=]?\s{0,3}(?P<h>\d{1,3})(?!\d|[.,]\d)(?:\s{0,2}/\s{0,2}300)?")

# HER2 IHC
# "0-1+", "0/1+", "zero or 1+", "0 or 1+": no single score [her2.ihc.stated]
IHC_SCORE_RANGE = _c(r"(?<![\d.])(?:0|zero)\s{0,2}(?:-|to|/|or)\s{0,2}(?:1|one)\s{0,2}\+")
IHC_SCORE = _c(
    r"""
      (?:\bscore[ds]?(?:\s{1,3}as)?|\bIHC(?:\s{1,3}score)?|\bHER-?2\s{0,2}(?:score)?)\s{0,3}(?:of\s{1,3}|is\s{1,3}|was\s{1,3})?[:=]?\s{0,3}
        (?P<s1>[0-3])(?:\s{0,2}(?:\+|plus)|(?![\d/%]|[OoIl]\d|[.,]\d|\s{0,2}(?:mm|cm|cells?|observers?|nuclei|of|x)\b))
    | (?<![\d+/A-Za-z-])(?<!\d\.)(?P<s2>[0-3])\s?\+(?![\d+])
    | (?:^|[:(]|\b(?:negative|positive|equivocal|borderline|neg|pos)\b[\s,(-]{0,3})\s{0,3}
        (?P<s3>[0-3])(?![\d/%+]|[.,]\d|\s{0,2}(?:mm|cm|cells?|observers?|nuclei|of|x|signals?|copies)\b)
    # the sign written first: "score +1", "Her2 +2", "IHC: +3"
    | (?:\bscore[ds]?|\bHER-?2(?:/neu)?|\bIHC)\s{0,30}(?:of\s{1,3}|is\s{1,3})?[:=]?\s{0,3}\+\s?(?P<s4>[0-3])(?![\d.,%+])
                                      # (up to 30 spaces: a template hint blanked between label and value)
    # a HER2 staining intensity on the 0-3 scale: "staining intensity of 0"
    | \bstaining\s{1,3}intensity\s{1,3}(?:score\s{1,3})?(?:of\s{1,3}|is\s{1,3}|was\s{1,3}|[:=]\s{0,3})(?P<s5>[0-3])(?![\d.,%+]|\s{0,2}(?:-|to)\s{0,2}\d)
    """
)
HER2_STATUS = _c(
    r"""
      (?P<neg>\bnot\s{1,6}(?:over-?expressed|amplified|positive)\b|\bno\s{1,3}(?:(?:HER-?2\s{1,3})?protein\s{1,3})?over-?expression\b
        |\bnegative\b|\bneg\b|\bnon-?amplified\b)
    # "weakly positive" is old wording for 2+ (equivocal), never a HER2-positive call
    | (?P<equiv>\bequivocal\b|\bborderline\b|\bweak(?:ly)?\s{1,3}positive\b)
    # (the noun "overexpression" names the test, "HER2-NEU OVEREXPRESSION BY FISH": no status of its own)
    | (?P<pos>(?<!\bnot\s{1,6})(?<!\bweak(?:ly)?\s{1,3})\bpositive\b|\bpos\b|(?<!\bnot\s{1,6})\bover-?expressed\b
      |\bover-?expression\s{1,3}(?:is\s{1,3}|was\s{1,3})?(?:present|identified|detected|seen)\b)
    """
)
HER2_CATEGORY = _c(
    r"""(?P<ultralow>\bultra[\s-]?low\b|\b0\s{0,3}with\s{1,3}(?:faint\s{1,3})?membrane\s{1,3}staining\b|>\s?0\s?<\s?1\+)
      | (?P<null>\bnull\b)
      | (?P<low>(?<=\bHER-?2[\s-]{1,2})low\b|\(\s?low\s?\))"""
)
HER2_NO_STAINING = _c(
    r"""\bmembran(?:e|ous)\s{1,3}staining\s{1,3}(?:present|seen|identified|observed)\s{0,3}[:=?]?\s{0,3}no\b
      |\bmembran(?:e|ous)\s{1,3}staining\s{0,3}(?:[:=]|\.{2,40})?\s{0,3}\[?\s{0,2}(?:absent|none|nil)\b|\babsence\s{1,3}of\s{1,3}(?:any\s{1,3})?(?:membran(?:e|ous)\s{1,3})?(?:staining|reaction|reactivity|immunoreactivity|expression)\b
      |\b(?:membran(?:e|ous)\s{1,3})?(?:expression|staining)\s{1,3}of\s{1,3}HER-?2(?:/neu)?\s{1,3}(?:is|was)\s{1,3}(?:completely\s{1,3}|entirely\s{1,3}|totally\s{1,3})?absent\b
      |(?<!amplification\s{1,3})\b(?:is|was)\s{1,3}(?:completely|entirely|totally)\s{1,3}absent\b|\bno\s{1,3}(?:membran(?:e|ous)\s{1,3})?(?:immuno)?(?:staining|reactivity)\b|\bcompletely\s{1,3}negative\b
      |\babsent\s{1,3}(?:membrane\s{1,3})?staining\b|\bno\s{1,3}staining\s{1,3}(?:is\s{1,3})?observed\b"""
)
STAIN_COMPLETENESS = _c(r"\b(?P<inc>incomplete|basolateral|lateral|partial)\b|\b(?P<com>complete|circumferential)\b")
STAIN_INTENSITY = _c(
    r"""\b(?P<faint>faint|barely\s{1,3}perceptible)\b|\b(?P<wm>weak\s{0,3}(?:to|-)\s{0,3}moderate)\b
      |\b(?P<weak>weak)\b|\b(?P<mod>moderate)\b|\b(?P<int>intense|strong)\b"""
)
STAIN_EXTENT = _c(
    rf"""(?P<gt>(?:>|more\s{{1,3}}than|greater\s{{1,3}}than|over)\s{{0,2}}10\s{{0,2}}%)
      | (?P<le>(?:≤|<=|<|less\s{{1,3}}than|no\s{{1,3}}more\s{{1,3}}than|up\s{{1,3}}to|fewer\s{{1,3}}than)\s{{0,2}}(?P<lev>{NUM})\s{{0,2}}%|10\s{{0,2}}%\s{{1,3}}or\s{{1,3}}less)
      | (?P<n>{NUM})\s{{0,2}}%"""
)

# HER2 ISH
ISH_RATIO = _c(
    rf"""\bratio\b(?:\s{{0,3}}(?:HER-?2|ERBB2)\s{{0,2}}[/:]\s{{0,2}}(?:CEP|CEN|Chr|chromosome)[\s-]{{0,2}}17)?
         (?:\s{{0,3}}\([^)\n]{{0,20}}\))?\s{{0,30}}(?:was\s{{1,3}}|is\s{{1,3}}|of\s{{1,3}}|=\s{{0,2}}|:\s{{0,3}}|-\s{{1,3}}|\t{{1,5}}|\s{{0,3}}\.{{1,40}}\s{{0,3}})?\s{{0,30}}(?P<v>{DEC})(?![\d%]|\s{{0,2}}:\s{{0,2}}\d)
                                                     # ("fat to stroma ratio 90:10": a ratio written a:b is no HER2/CEP17 ratio)
    # "HER2/CEP17: 2.48" with no word "ratio" (not "HER2/CEP17 ratio", nor signals or copies after it)
    | \bHER-?2\s{{0,2}}(?:/|:|\bto\b)\s{{0,2}}(?:CEP|CEN|Chr|chromosome)[\s-]{{0,2}}17\b(?!\s{{0,3}}(?:ratio|signals?|cop|\())
         \s{{0,3}}(?:[:=]|-\s|\t{{1,5}}|\.{{2,40}})?\s{{0,3}}(?P<v2>{DEC})(?![\d%])"""
)
ISH_SNR = _c(rf"\b(?:signal[\s-]{{1,3}}to[\s-]{{1,3}}nucle(?:us|i)\s{{1,3}}ratio(?:\s{{0,3}}\(\s{{0,2}}SNR\s{{0,2}}\))?|SNR)\b\)?\s{{0,3}}[:=]?\s{{0,3}}(?P<v>{DEC})")
ISH_CEP17 = _c(
    rf"""(?<![/:]\s{{0,2}})(?:\b(?:CEP|CEN|Chr)[\s-]{{0,2}}17\b\)?|\bchromosome[\s-]{{1,2}}17\b(?:\s{{0,3}}\(\s{{0,3}}(?:CEP|CEN)[\s-]{{0,2}}17\s{{0,3}}\))?)
         (?:\s{{1,3}}(?:average|mean|avg\.?|copy\s{{1,3}}number|copies|copy|signals?)){{0,3}}(?:\s{{0,3}}(?:/|per)\s{{0,3}}(?:cell|nucleus|nuclei))?
         (?:\s{{1,3}}(?:average|mean|avg\.?))?(?:\s{{0,3}}\((?:mean|average)\))?\s{{0,30}}(?:was\s{{1,3}}|is\s{{1,3}}|of\s{{1,3}}|=\s{{0,2}}|:\s{{0,3}}|-\s{{1,3}}|\t{{1,5}}|\s{{0,3}}\.{{1,40}}\s{{0,3}})?\s{{0,40}}(?P<v>{DEC})(?![\d%])"""
)
ISH_COPY = _c(
    rf"""
      (?:\bHER-?2(?:/neu)?|\bERBB2)(?:\s{{0,3}}\([^)\n]{{0,12}}\))?\s{{0,3}}(?:gene\s{{1,3}})?(?:average\s{{1,3}}|mean\s{{1,3}}|avg\.?\s{{1,3}})?(?:copy\s{{1,3}}number|copies|copy|signals?)?
        (?:\s{{0,3}}(?:/|per)\s{{0,3}}(?:cell|nucleus|nuclei|tumou?r\s{{1,3}}(?:cell|nucleus)))?
        (?:\s{{0,3}}\((?:mean|average|avg\.?)\)|\s{{1,3}}(?:mean|average|avg\.?)(?![\w.]))?\s{{0,30}}(?:was\s{{1,3}}|is\s{{1,3}}|of\s{{1,3}}|=\s{{0,2}}|:\s{{0,3}}|-\s{{1,3}}|\t{{1,5}}|\s{{0,3}}\.{{1,40}}\s{{0,3}})?\s{{0,40}}(?P<v>{DEC})(?![\d%+])(?!\s{{0,2}}\+)
    | (?<!(?:CEP|CEN|Chr|chromosome)[\s-]{{0,2}}17\s{{0,3}})(?:copy\s{{1,3}}number|copies|signals?)(?:\s{{0,3}}(?:/|per)\s{{0,3}}(?:cell|nucleus|nuclei))?(?:\s{{0,3}}\((?:mean|average)\))?\s{{0,30}}(?:was\s{{1,3}}|is\s{{1,3}}|of\s{{1,3}}|=\s{{0,2}}|:\s{{0,3}})?(?P<v2>{DEC})(?![\d%])
    | (?:mean|average)\s{{1,3}}number\s{{1,3}}of\s{{1,3}}(?:copies|signals)\s{{1,3}}(?:of\s{{1,3}})?(?:the\s{{1,3}})?HER-?2(?:\s{{1,3}}gene)?
        (?:\s{{1,3}}(?:per|/)\s{{1,3}}(?:cell|nucleus|nuclei))?\s{{0,3}}[:=]?\s{{0,3}}(?P<v5>{DEC})(?![\d%])
    | (?:mean|average)\s{{1,3}}number\s{{1,3}}of\s{{1,3}}HER-?2\s{{1,3}}(?:gene\s{{1,3}})?(?:copies|signals)(?:\s{{1,3}}(?:per|/)\s{{1,3}}(?:cell|nucleus|nuclei))?
        \s{{0,3}}(?:[:=]|-\s)?\s{{0,3}}(?P<v6>{DEC})(?![\d%])
    | (?:mean|average|avg\.?)\s{{1,3}}(?P<v3>{DEC})\s{{0,3}}(?:HER-?2\s{{1,3}})?(?:gene\s{{1,3}})?(?:copies|signals?|copy)
    | (?<![<>≥≤=]\s{{0,2}})(?<![<>≥≤=]\s{{0,2}}[\d.]{{0,4}})(?<!(?:CEP|CEN|Chr|chromosome)[\s-]{{0,2}})(?<![\d.,])(?P<v4>{DEC})\s{{0,3}}(?:HER-?2\s{{1,3}})?(?:gene\s{{1,3}})?(?:signals?|copies)\s{{0,3}}(?:/|per)\s{{0,3}}(?:cell|nucleus|nuclei|tumou?r)
    """
)
ISH_RESULT = _c(
    r"""
      (?P<neg>\b(?:not|non)[\s-]{0,4}(?:amplified|amp)\b|\bunamplified\b|\babsence\s{1,3}of\s{1,3}(?:HER-?2\s{1,3})?(?:gene\s{1,3})?amplification\b|\bwithout\s{1,3}(?:HER-?2\s{1,3})?(?:gene\s{1,3})?amplification\b|\bno\s{1,3}(?:evidence\s{1,3}of\s{1,3})?(?:HER-?2\s{1,3})?(?:gene\s{1,3})?amplification\b
        |\bamplification\s{0,3}(?:[:=]\s{0,3})?(?:was\s{1,3}|is\s{1,3})?(?:not\s{1,3}(?:detected|identified|seen|present|found|observed)|negative|absent|none)\b|\bnegative\b|\bneg\b)
    | (?P<equiv>\bequivocal\b|\bborderline\b)
    | (?P<pos>(?<!\b(?:not|non|un)[\s-]{0,6})\bamplified\b|\bamplification\s{0,3}(?:[:=]\s{0,3})?(?:is\s{1,3}|was\s{1,3})?(?:detected|identified|present|seen|positive)\b|(?<!\bnot\s{1,6})\bpositive\b|\bpos\b|\bamp\b)
    """
)
ISH_GROUP = _c(r"\bgroup\s{0,2}(?P<g>[1-5])\b")
ISH_SINGLE = _c(
    r"\bsingle[\s-]{0,2}(?:probe|colou?r)\b|\bHER-?2\s{1,3}locus\s{1,3}only\b|\bno\s{1,3}(?:chromosome[\s-]{1,2}17|CEP[\s-]?17|CEN[\s-]?17)\s{1,3}(?:control|probe)\b|\bSPoT-?Light\b"
)
ISH_DUAL = _c(r"\bdual\b|\b(?:CEP|CEN|Chr)[\s-]{0,2}17\b|\bratio\b|\btwo[\s-]colou?r\b|\bPathVysion\b|\bIQFISH\b|\bZytoLight\b")

# A bare number right after a label, as patients and some tables write it ("ki67 30", "ER 90")
BARE_NUMBER = _c(r"^(?:[+-](?!\d))?\s{0,3}(?:\([^)\n]{0,30}\)\s{0,3})?(?:(?:pos(?:itive)?|neg(?:ative)?)\s{1,3}(?=\d))?(?:index|LI)?\s{0,3}(?:[:=-]|\.{2,40})?\s{0,3}(?:(?:~|≈|approx\.?|about|around|c\.|ca\.?)\s{0,2})?(?P<v>\d{1,3}(?:[.,]\d)?)(?![\d/%+]|[.,]\d|\s{0,2}(?:/|of|cells?|nuclei|mm|cm|x|fmol|mg|ng|units?|pts?|points?)\b)")

# Ki-67
# Receptor intensity written as a score: "(3+, 90% of tumor nuclei)", "STAINING INTENSITY: 3+".
RECEPTOR_INTENSITY_SCORE = _c(
    r"(?<![\d+/.])(?<!\b(?:PS|proportion(?:\s{1,3}score)?)\s{0,3}[:=]?\s{0,3})(?P<i>[1-3])\s?\+(?![\d+])(?!\s{0,3}\d)(?!\s{0,3}(?:IS|intensity)\b)"
)
KI67_LEVEL = _c(r"\b(?P<high>high|elevated|increased)\b|\b(?P<low>low)\b")
