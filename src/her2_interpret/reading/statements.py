"""Statement classes: text that names a marker, a number or a status word but is not a result.

guidelines.md [report.not_results]. Reports carry more than results: definitions of positivity,
scoring keys and legends, the laboratory's validation statistics, disclaimers, patient-education
sentences, template hints. Before values are read, every sentence that holds one of the cues below
is classed and, when it is not a result, blanked (offsets kept), so no value reader ever sees it.
The classes of :class:`StatementClass` that the parser handles elsewhere are named here too:
methods, reference ranges and option lists (``patterns.METHOD_LINE``, ``REFERENCE``,
``OPTION_LIST``), history (``HISTORICAL`` cues mark findings, they keep them) and requests
(``PENDING``: a request is a pending result, not nothing).

The cues are data: one verbose pattern per class, each line saying what it catches. A cue must be
specific enough that a sentence holding it is never this patient's result; when in doubt a cue
stays out (a missed boilerplate sentence is caught by the agreement guard; a blanked result is lost).
"""

from __future__ import annotations

import regex

from . import patterns as P
from ..review import StrEnum


class StatementClass(StrEnum):
    RESULT = "result"
    METHOD = "method"
    KEY = "key"  # scoring keys and legends
    DEFINITION = "definition"
    REFERENCE_RANGE = "reference_range"
    TEMPLATE_HINT = "template_hint"
    LITERATURE = "literature"  # literature, education, statistics, disclaimers
    CONTROL = "control"  # staining of controls or of tissue that is not the tumour
    HISTORY = "history"
    REQUEST = "request"


_MARKER = r"(?:ER|PR|PgR|HER-?2(?:/neu)?|estrogen|oestrogen|progesterone|hormone[\s-]receptor|HR|ki-?67)"
_STATUS = r"(?:positive|negative|pos|neg|equivocal|amplified|non-?amplified|low|\+|-)"

#: One pattern per class; a sentence is the class of the first cue found in it.
CUES: dict[StatementClass, str] = {
    StatementClass.DEFINITION: r"""
        \b(?:is|are)\s{1,3}(?:considered|regarded|interpreted|scored|reported|classified|called)\s{1,3}(?:as\s{1,3})?
        (?:positive|negative|amplified|equivocal|low(?:\s{1,3}positive)?|high)\s{1,3}(?:if|when|where|for)\b
                                                             # "a tumour is considered positive if ..."
      | \bdefined\s{1,3}as\b                                 # "a positive test is defined as ..."
      | \bcells\s{1,3}demonstrate\s{1,3}(?:nuclear\s{1,3})?positivity\b
                                                             # CAP option text "(greater than 10% of cells demonstrate nuclear positivity)"
      | \b(?:positive|negative|amplified)\s{1,3}(?:if|when)\s{1,3}(?:the\s{1,3})?(?:ratio|more|greater|less|at\s{1,3}least|[<>≥≤]|\d)
                                                             # "positive if more than 1% ...", "amplified when ratio >= 2.0"
      | \b(?:cut-?\s?off|threshold)\s{1,3}(?:for|of)\s{1,3}(?:positivity|positive|amplification)\b
    """,
    StatementClass.KEY: r"""
        (?:\b[0-5]\s{0,2}=\s{0,2}[^=\n]{1,40}?[,;]\s{0,3}){2,}\b[0-5]\s{0,2}=  # an Allred/intensity key "0 = none, 1 = <1%, 2 = ..."
      | \bratio\s{0,3}(?:>=|≥|>|<|<=|≤|of\s{1,3}(?:at\s{1,3}least|less\s{1,3}than))\s{0,3}2(?:\.0)?\s{0,3}(?:is|=|:|-)?\s{0,3}(?:considered\s{1,3})?(?:amplified|not\s{1,3}amplified|non-?amplified|positive|negative)
                                                             # FISH criteria: "ratio >= 2.0 amplified"
      | \b(?:low|intermediate|high)\s{1,3}risk\s{0,3}[:=(]?\s{0,3}(?:[<>≤≥]|\d{1,2}\s{0,2}-\s{0,2}\d{1,2})
                                                             # Oncotype DX / recurrence-score cut-off tables
      | (?<![\w+])[0-3]\+?\s{0,2}(?:=|is|are)\s{0,2}(?:negative|equivocal|positive|borderline)\b[^.\n]{0,40}?
        (?<![\w+])[0-3]\+?\s{0,2}(?:=|is|are|:)?\s{0,2}(?:negative|equivocal|positive|borderline|needs)\b
                                                             # a HER2 score key "1+ = negative; 2+ = equivocal", "0 or 1+ is negative, 3+ positive"
      | \breference\s{0,3}(?:range|values?|interval)?\s{0,3}:          # "Ki-67 reference: low <20%, high >=20%"
      | \b(?:low|high|intermediate|negative|positive)\s{0,3}(?:[<>≤≥]=?|less\s{1,3}than|more\s{1,3}than)\s{0,2}\d{1,3}\s{0,2}%\s{0,3}[,;/]\s{0,3}
        (?:low|high|intermediate|negative|positive)\s{0,3}(?:[<>≤≥]=?|less\s{1,3}than|more\s{1,3}than)   # category cut-offs "low <20%, high >=20%"
      | \brecurrence\s{1,3}score\s{1,3}(?:of\s{1,3})?(?:[<>≤≥]|less|greater)
      | \((?:\s{0,2}\d{1,3}\s{0,2}-\s{0,2}\d{1,3}\s{0,2}%\s{0,2};\s{0,3}[0-3]\+)  # H-score bins "(0 - 40%; 1+ ..."
    """,
    StatementClass.TEMPLATE_HINT: r"""
        \(\s{0,2}0\s{0,2}-\s{0,2}100\s{0,2}%\s{0,2}\)        # "(0-100%)"
      | \(\s{0,2}x{1,3}y?\s{0,2}%                            # "(xy%, n/a)", "(xx%)"
      | \(\s{0,2}_{1,6}\s{0,2}%                               # "(__ %, or n.a.)"
      | \(\s{0,2}x(?:\.x{1,3})?\s{0,2}\)                       # number-format hints "(x.xx)", "(x.x)"
      | \(\s{0,2}n\s{0,2}(?:>=|≥|>)\s{0,2}\d{1,3}\s{0,2}\)           # "(n >= 20)"
      | \benter\s{1,3}(?:a\s{1,3})?(?:value|percent|score)\b
      | \(\s{0,2}0\s{0,2}[,/]\s{0,2}1\+\s{0,2}[,/]\s{0,2}2\+\s{0,2}[,/]\s{0,2}3\+\s{0,2}\)   # "HER2 IHC score (0, 1+, 2+, 3+):"
    """,
    StatementClass.CONTROL: r"""
        \bgerminal\s{1,3}cent(?:re|er)s?\b                   # "Ki-67 >90% in germinal centres" (lymph node, tonsil)
      | \b(?:confined|limited|restricted)\s{1,3}to\s{1,3}(?:the\s{1,3})?(?:benign|normal|lymphoid|reactive|non-?neoplastic|germinal)\b
    """,
    StatementClass.LITERATURE: r"""
        \b(?:about|approximately|around|roughly|nearly|some|up\s{1,3}to)\s{1,3}(?:1|one|\d{1,2})\s{1,3}(?:in|out\s{1,3}of)\s{1,3}(?:\d{1,2}|four|five|six|ten)\b
                                                             # "HER2 is positive in about 1 in 5 cancers"
      | \b\d{1,2}\s{0,2}(?:-|to)?\s{0,2}(?:\d{1,2}\s{0,2})?%\s{1,3}of\s{1,3}(?:all\s{1,3})?(?:breast\s{1,3})?(?:cancers|tumou?rs|carcinomas|patients|women|cases)\b
                                                             # "15-20% of breast cancers"
      | \b(?:studies|trials?|literature|data)\s{1,3}(?:show|shows|suggest|suggests|have\s{1,3}shown|indicate)\b
      | \b(?:most|many|some)\s{1,3}(?:\w+\s{1,3}){0,2}(?:tumou?rs|cancers|carcinomas|patients)\s{1,3}(?:are|have|with|that|which)\b
      | \b(?:tumou?rs|cancers|carcinomas|patients|women)\s{1,3}(?:that|which|who)\s{1,3}(?:are|have|lack|express)\b
      | \b(?:tumou?rs|cancers|carcinomas)\s{1,3}(?:are|tend|often|usually|typically|generally|lack|do\s{1,3}not)\b
                                                             # "Triple-negative tumours are negative for ER, PR and HER2."
      | \bbehav(?:e|es|ing)\s{1,3}(?:\w+\s{1,3}){0,2}like\b   # "these often behave biologically like ER-negative cancers"
      | \bresembl(?:e|es|ing)\s{1,3}(?:those\s{1,3}of\s{1,3})?(?:ER|PR|HER|triple|hormone)  # "their biology often resembles ER-negative tumors"
      | \b(?:rates?|frequency|incidence)\s{1,3}(?:in|for|during|over|since)\s{1,3}(?:\d{4}|our|the\s{1,3}(?:last|past|year))
                                                             # "HER2 2+ (equivocal) rate in 2023: 12%"
      | \b(?:sensitivity|specificity|positive\s{1,3}predictive|negative\s{1,3}predictive|validation\s{1,3}stud\w{1,3}|validated\s{1,3}(?:on|in|against|with))\b
                                                             # the laboratory's validation statistics
      | \b(?:performance\s{1,3}characteristics|has\s{1,3}not\s{1,3}been\s{1,3}(?:cleared|approved)|analyte[\s-]specific\s{1,3}reagent|for\s{1,3}research\s{1,3}use|laboratory[\s-]developed\s{1,3}test)\b
                                                             # disclaimers
    """,
}

# Run as separate alternatives (patterns.SplitPattern): one long alternation of these cues scanned at
# about 2 us a character, the parts each find their literal start fast. Each part names its class.
_CUE_PATTERN = P.split(
    [f"(?P<{cls.value}>{alt})" for cls, pattern in CUES.items() for alt in P.alternatives(pattern)],
    regex.IGNORECASE | regex.VERBOSE,
)

#: A phrase (not a whole sentence) that uses a marker status as an adjective of something that is not
#: this tumour: "only on ER-negative tumours", "Known ER-positive breast carcinoma external control".
CLASS_OF_TUMOURS = P.lazy(
    rf"""(?:\bknown\s{{1,3}})?\b{_MARKER}[\s-]{{0,2}}{_STATUS}(?:\s{{1,3}}(?:and|or|/)\s{{1,3}}{_MARKER}[\s-]{{0,2}}{_STATUS})?
         \s{{1,3}}(?:(?:breast|invasive|ductal|lobular|metastatic)\s{{1,3}}){{0,3}}
         (?:tumou?rs|cancers|carcinomas|cases|patients|women|diseases|(?:(?:carcinoma|tissue|tumou?r|cell\s{{1,3}}line)\s{{1,3}})?(?:external\s{{1,3}}|positive\s{{1,3}})?controls?)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)


#: A hedged label is an opinion, not a result: "basically triple negative", "essentially ER negative".
HEDGE = P.lazy(
    rf"""(?:\b(?:basically|essentially|practically|functionally|effectively|almost|virtually|kind\s{{1,3}}of)
          |\btreat(?:ed|ing)?\s{{1,3}}(?:it|this|her|them|the\s{{1,3}}(?:tumou?r|cancer))?\s{{0,3}}(?:as|like)(?:\s{{1,3}}an?)?)\s{{1,3}}['"‘“]?
         (?:triple[\s-]{{0,2}}negative|{_MARKER}[\s-]{{0,2}}{_STATUS})""",
    regex.IGNORECASE | regex.VERBOSE,
)


def classify_statement(sentence: str) -> StatementClass:
    """The class of one sentence: a non-result class when it holds one of :data:`CUES`, else result.

    >>> classify_statement("A positive test is defined as nuclear staining in more than 1% of cells.")
    <StatementClass.DEFINITION: 'definition'>
    >>> classify_statement("HER2 is positive in about 1 in 5 breast cancers.")
    <StatementClass.LITERATURE: 'literature'>
    >>> classify_statement("ER: positive (95%), strong.")
    <StatementClass.RESULT: 'result'>
    """
    m = _CUE_PATTERN.search(sentence)
    return StatementClass(m.lastgroup) if m else StatementClass.RESULT


def not_result_cues(text: str):  # type: ignore[no-untyped-def]
    """Every cue of a non-result statement in ``text`` (one pass over the whole text)."""
    return _CUE_PATTERN.finditer(text)
