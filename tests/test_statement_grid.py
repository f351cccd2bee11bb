"""Statement grids: a value is read only from its own statement, and non-result text never leaks.

Every case here is generated from small tables, so the grids test by construction:

A. intruders      every base report (8 layouts) with one unrelated number/status text (26 of them:
                  sizes, stages, grades, citations, dates, node counts, phone numbers...) inserted
                  after each real result; the record must be exactly the base's record.
B. not-results    statements that are no result (methods, laboratory statistics, definitions,
                  disclaimers, literature, scoring keys, reference ranges, template hints, history,
                  requests) appended in the same paragraph after three bases: the record must be the
                  base's. ``alone``: the same statements with no result: every column null, except the
                  history rows ([report.history]: they fill an otherwise empty record) and requests of a
                  HER2 test (pending is allowed, no result is).
C-J. readings     short tables for dash-is-not-minus, OCR punctuation of "not amplified", HER2 score
                  forms, DCIS beside invasive, ISH wording, distributive "respectively", history scope and
                  bilateral tumours; each row names the columns it must give. Beside the record: OCR rows
                  are never amplified in the findings either, history-only rows are flagged historical and
                  warned, and the bilateral findings carry their side (models.Context.side).

A case the library gets wrong today stays in its grid and runs as ``xfail(strict=True)`` with the
mechanism as reason; every such decision is in ``XFAIL`` below, keyed by case id, so a fix shows up
as an XPASS and its line can be deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from her2_interpret import RECORD_COLUMNS, Flag, interpret

# --------------------------------------------------------------------------- known failures
# case id -> mechanism. Delete a line when the engine is fixed (the case then XPASSes and fails).

STATUS_PAST = ("status word read past its statement: the positive/negative of the next text joins the result "
               "before it, which then conflicts and goes null")
SIZE_AS_PERCENT = "value read past its statement: size '30 x 20' read as percent (OCR 'x' for '%')"
OTHER_PERCENT = ("value read past its statement: the labelled percent of another measure (TILs, core length) "
                 "read as the receptor percent")
OTHER_RATIO = "value read past its statement: 'fat to stroma ratio 90:10' read as the HER2/CEP17 ratio"
SWALLOWED = ("value read past its statement: 'tumour cellularity 40%' read as ER percent, and the ER clause "
             "swallows the PR and HER2 results after it")
STAT_AS_RESULT = "laboratory statistics read as a result"
DEFINITION_AS_RESULT = "definition read as a result (alone), or as a second result that displaces the real one"
LITERATURE_AS_RESULT = "general statement about a class of tumours read as this tumour's result"
KEY_AS_RESULT = "cut-off statement read as a result [her2.ish.numbers] [report.not_results]"
RANGE_AS_RESULT = "reference range read as a result [report.not_results]"
TEMPLATE_AS_RESULT = "template option list read as a score [report.not_results]"
MAY_AS_PENDING = "hypothetical 'may be requested' read as pending"
DASH_AS_MINUS = "hyphen/dash joining a name to its result read as a minus sign"
OCR_NOT = "OCR punctuation inside 'not amplified' drops the negation: read as amplified"
SCORE_FORM = "HER2 score form not recognised ('+1', '+2', 'intensity of 0'): score missed"
ZERO_OR_ONE = "'zero or 1+' read as the single score 1+ ([her2.ihc.stated]: no single score)"
DCIS_SCOPE = "a synoptic 'DCIS: ...' field (even 'absent') opens a DCIS scope over the invasive results after it"
ISH_NEG_WORDING = "ISH negative wording not read ('amplification not found / not detected', 'Amplification: Negative')"
NO_EXPRESSION = "'no expression of PR' not read as negative"
RESPECTIVELY = "'respectively' not distributed: one percent given to both markers"
VALUE_BEFORE = "percent before the marker ('90% of tumour nuclei stain for ER') not read"
TRAILING_HISTORY = "a trailing history cue ('... per prior specimen') marks only the last marker historical"

XFAIL: dict[str, str] = {
}

# --------------------------------------------------------------------------- helpers


def record_of(text: str) -> dict[str, Any]:
    """The record.md columns of ``text`` (the library's extra columns are left out)."""
    rec = interpret(text).to_record()
    return {c: rec[c] for c in RECORD_COLUMNS}


def diff(got: dict[str, Any], want: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Columns where ``got`` differs from ``want``: {column: (got, want)}."""
    return {c: (got.get(c), v) for c, v in want.items() if got.get(c) != v}


def param(case_id: str, *values: Any) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=XFAIL[case_id])] if case_id in XFAIL else []
    return pytest.param(*values, id=case_id, marks=marks)


ALL_NULL = {c: None for c in RECORD_COLUMNS}
STATUS_COLUMNS = ("er_status", "pr_status", "her2_status", "her2_category", "her2_ish_result", "hr_status")
CALLS = {"positive", "negative", "low_positive", "amplified", "not_amplified", "equivocal", "low", "ultralow",
         "zero", "zero_null"}


# =========================================================================== A. intruders after results
# A base is a template with one slot "{}" after each real result (before the next marker). The
# slot is filled with ``glue + intruder`` (the glue is the base's own separator) or left empty.


@dataclass(frozen=True)
class Base:
    id: str
    template: str
    glue: str  # how a following statement joins this layout: ". ", "\n", ", " ...
    expect: dict[str, Any]  # a few columns the base must give, so the grid is not vacuous
    close: str = ""  # what ends an inserted statement ("." where the layout is sentences)

    def text(self, insert: str = "") -> str:
        return self.template.format(*([insert] * self.template.count("{}")))


BASES = [
    Base("lines", "ER: Positive (95%){}\nPR: Negative (0%){}\nHER2: 1+{}\nKi-67: 15%{}", ". ",
         dict(er_status="positive", er_percent=95, pr_status="negative", pr_percent=0, her2_ihc_score="1+",
              her2_category="low", ki67_percent=15, subtype="luminal_b_like")),
    Base("prose", "The tumour cells are positive for estrogen receptor (90%, strong).{} They are negative for "
         "progesterone receptor (0%).{} HER2 is negative (score 1+).{}", " ",
         dict(er_status="positive", er_percent=90, er_intensity="strong", pr_status="negative", pr_percent=0,
              her2_ihc_score="1+", her2_status="negative"), close="."),
    Base("synoptic", "Estrogen Receptor (ER) Status: Positive\n  Percentage of cells with nuclear positivity: 81-90%\n"
         "  Average intensity of staining: Strong{}\nProgesterone Receptor (PgR) Status: Positive\n"
         "  Percentage of cells with nuclear positivity: 11-20%\n  Average intensity of staining: Weak{}\n"
         "HER2 (by immunohistochemistry): Equivocal (Score 2+){}\nHER2 (by in situ hybridization): Not amplified{}\n"
         "Ki-67: 25%{}", "\n",
         dict(er_status="positive", er_percent_range=[81, 90], er_intensity="strong", pr_percent_range=[11, 20],
              pr_intensity="weak", her2_ihc_score="2+", her2_ish_result="not_amplified", her2_status="negative",
              her2_category="low", ki67_percent=25, subtype="luminal_b_like")),
    Base("shorthand", "ER POS{} / PR NEG{} / HER2 1+{}", ", ",
         dict(er_status="positive", pr_status="negative", her2_ihc_score="1+", her2_status="negative")),
    Base("ish-block", "HER2 IHC: 2+ (equivocal){}\nHER2 FISH (dual probe){}\nHER2/CEP17 ratio: 2.6{}\n"
         "Average HER2 copy number: 6.1 signals/cell{}\nAverage CEP17 copy number: 2.3 signals/cell{}\n"
         "Interpretation: HER2 gene AMPLIFIED{}", "\n",
         dict(her2_ihc_score="2+", her2_ish_ratio=2.6, her2_ish_copy_number=6.1, her2_ish_cep17=2.3,
              her2_ish_result="amplified", her2_ish_group=1, her2_status="positive", her2_category="positive")),
    Base("ki67-first", "Proliferation index (Ki-67, MIB-1): 35%{}\nER: Negative (0%){}\nPR: Negative (<1%){}\n"
         "HER2 IHC: 0 (no staining){}", "\n",
         dict(ki67_percent=35, er_status="negative", er_percent=0, pr_status="negative", pr_percent_range=[0, 1],
              her2_ihc_score="0", her2_ihc_staining="none", her2_category="zero_null", subtype="triple_negative")),
    Base("allred-uk", "ER Allred score 8/8 (5+3){}\nPR Allred score 2/8 (1+1){}\nHER2: 3+{}", ". ",
         dict(er_allred=8, er_status="positive", pr_allred=2, pr_status="negative", her2_ihc_score="3+",
              her2_status="positive", subtype="triple_positive")),
    Base("one-line", "ER 70% moderate{}; PR 5% weak{}; HER2 0{}; Ki-67 8%{}.", ", ",
         dict(er_percent=70, er_intensity="moderate", pr_percent=5, pr_status="low_positive", pr_intensity="weak",
              her2_ihc_score="0", ki67_percent=8)),
]

# (id, text, inline): an inline intruder sticks to the result with a space (a citation mark); the
# others join with the base's glue.
INTRUDERS = [
    ("size-3d", "specimen 30 x 20 x 7.5 cm", False),
    ("measuring", "tumour measuring 2.2 cm", False),
    ("size-mm", "invasive tumour size 18 mm", False),
    ("pn0-i", "pN0 (i+)", False),
    ("pt2-n1a", "pT2 N1a", False),
    ("nottingham", "Nottingham grade 2 (score 3+2+2=7)", False),
    ("mitoses", "mitotic count 12/10 HPF", False),
    ("cite-paren", "(1)", True),
    ("cite-bracket", "[2]", True),
    ("cite-ref", "ref. 3", True),
    ("fat-stroma", "fat to stroma ratio 90:10", False),
    ("cellularity", "tumour cellularity 40%", False),
    ("tils", "stromal TILs 10%", False),
    ("margins", "margins negative", False),
    ("margin-distance", "closest margin 3 mm", False),
    ("nodes", "lymph nodes: 0/12 positive", False),
    ("metastatic", "positive for metastatic carcinoma (2/14)", False),
    ("lvi", "lymphovascular invasion: present", False),
    ("cores", "3 of 3 cores involved (90% of core length)", False),
    ("date", "received 12/03/2019", False),
    ("block", "block A3", False),
    ("see-page", "see page 2", False),
    ("accession", "accession S19-12345", False),
    ("phone", "queries: tel. 555-123-4567", False),
    ("age", "patient age 62 years", False),
    ("fixation", "cold ischaemia < 1 hour, fixation 8 hours", False),
]


def attach(glue: str, text: str) -> str:
    """``glue + text``, capitalised after a full stop or a line break."""
    if glue.endswith((". ", "\n")) or glue == " ":
        text = text[0].upper() + text[1:]
    return glue + text


def _intruder_cases():
    for base in BASES:
        for iid, text, inline in INTRUDERS:
            insert = " " + text if inline else attach(base.glue, text) + base.close
            yield param(f"A-{base.id}-{iid}", base, insert)


BASE_CASES = [param(f"A-{b.id}-base", b) for b in BASES]
INTRUDER_CASES = list(_intruder_cases())


@pytest.mark.parametrize("base", BASE_CASES)
def test_base_reads_its_results(base: Base):
    """The bases give what they say, so an intruder that changes nothing is really changing nothing."""
    assert diff(record_of(base.text()), base.expect) == {}


@pytest.mark.parametrize(("base", "insert"), INTRUDER_CASES)
def test_intruder_after_results_changes_nothing(base: Base, insert: str):
    assert diff(record_of(base.text(insert)), record_of(base.text())) == {}


# =========================================================================== B. non-result statements


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    alone: dict[str, Any] = field(default_factory=dict)  # columns other than null when alone
    no_call: bool = False  # alone: any status may be pending, no value or call may appear
    after: dict[str, Any] = field(default_factory=dict)  # columns it may change after real results


def s(id: str, text: str, *, no_call: bool = False, after: dict[str, Any] | None = None, **alone: Any) -> Statement:
    unknown = (set(alone) | set(after or {})) - set(RECORD_COLUMNS)
    assert not unknown, f"{id}: not record columns: {unknown}"
    return Statement(id, text, alone, no_call, after or {})


STATEMENTS = {
    "method": [
        s("antibodies", "Antibodies used: ER (SP1), PR (1E2), HER2 (4B5); HPV by ISH."),
        s("clones-platform", "Clones: ER SP1, PgR 1E2, HER2 4B5, Ki-67 30-9 (Ventana BenchMark ULTRA)."),
        s("probe", "HER2 ISH performed with the INFORM HER2 Dual ISH DNA probe cocktail (HER2 and chromosome 17)."),
        s("fixation", "Fixation in 10% neutral buffered formalin for 6-72 hours, per ASCO/CAP."),
    ],
    "lab-statistics": [
        s("concordance", "Our laboratory's concordance with FISH is 98%; HER2 3+ cases were 95% amplified."),
        s("er-rate", "In our laboratory 80% of invasive carcinomas are ER positive."),
        s("equivocal-rate", "HER2 2+ (equivocal) rate in 2023: 12%; amplified on reflex FISH: 20%."),
        s("proficiency", "Proficiency testing (UK NEQAS): ER, PR and HER2 scores 100% concordant."),
    ],
    "definition": [
        s("positive-gt1", "A positive test is defined as nuclear staining in more than 1% of tumour cells."),
        s("er-low", "ER-low positive is defined as 1-10% of tumour nuclei staining."),
        s("her2-3plus", "HER2 3+ is defined as complete, intense circumferential membrane staining in >10% of cells."),
        s("ki67-high", "Ki-67 is considered high when 20% or more of tumour nuclei are stained."),
    ],
    "disclaimer": [
        s("ldt", "This test was developed and its performance characteristics determined by the laboratory. "
          "It has not been cleared or approved by the FDA."),
        s("ruo", "Results of Ki-67 (30%) cut-offs are for research use only and should be interpreted with caution."),
        s("decalcified", "Decalcified specimens may give false negative ER, PR and HER2 results."),
        s("ischaemia", "Cold ischaemia time over 1 hour may cause false negative results."),
    ],
    "literature": [
        s("one-in-five", "HER2 is positive in about 1 in 5 breast cancers."),
        s("tnbc-definition", "Triple-negative tumours are negative for ER, PR and HER2."),
        s("er-benefit", "ER positive tumours (about 70%) benefit from endocrine therapy."),
        s("her2-low-trial", "HER2-low (IHC 1+ or 2+ without amplification) tumours were eligible in DESTINY-Breast04."),
        s("luminal", "Luminal A tumours are ER positive, HER2 negative with low Ki-67 (<14%)."),
    ],
    "scoring-key": [
        s("allred-key", "Allred proportion score: 0 = none, 1 = <1%, 2 = 1-10%, 3 = 11-33%, 4 = 34-66%, 5 = >67%."),
        s("her2-key", "HER2 key: 0 and 1+ negative, 2+ equivocal, 3+ positive."),
        s("fish-criteria", "FISH criteria: ratio >= 2.0 amplified; < 2.0 not amplified."),
        s("h-score-bins", "Intensity bins: (0 - 40%; 1+ weak 30%; 2+ moderate 20%; 3+ strong 10%)."),
        s("oncotype", "Oncotype DX recurrence score cut-offs: Low risk <18, high >=31."),
    ],
    "reference-range": [
        s("negative-lt1", "Reference range: negative <1%."),
        s("er-pr-ranges", "Reference ranges: ER/PR negative <1%, low positive 1-10%, positive >10%."),
        s("ki67-range", "Ki-67 reference: low <20%, high >=20%."),
        s("ratio-range", "Normal HER2/CEP17 ratio: <2.0."),
    ],
    "template-hint": [
        s("percent-range", "Percent positive (0-100%):"),
        s("xy-percent", "PR: (xy%, n/a)"),
        s("pos-neg-eq", "HER2: [pos / neg / equivocal]"),
        s("score-options", "HER2 IHC score (0, 1+, 2+, 3+):"),
    ],
    "history": [
        s("prior-biopsy", "Prior biopsy (2015) showed ER negative.", er_status="negative"),
        s("outside-her2", "Outside report (2018): HER2 3+.", her2_ihc_score="3+", her2_status="positive",
          her2_category="positive"),
        s("history-of", "History of left breast carcinoma in 2010, ER negative, PR negative.",
          er_status="negative", pr_status="negative", hr_status="negative"),
        s("previous-pr", "The previous core biopsy had a PR of 60%.", pr_status="positive", pr_percent=60,
          hr_status="positive"),
    ],
    "request": [
        s("reflex-if", "Reflex FISH requested if HER2 2+."),
        s("will-if-equivocal", "FISH will be performed if the HER2 IHC is equivocal."),
        s("oncotype-requested", "Oncotype DX has been requested by the oncologist."),
        # an unconditional order is a stated "pending" ISH (record.md her2_ish_result), not a non-result
        s("fish-requested", "HER2 FISH has been requested.", no_call=True, after=dict(her2_ish_result="pending")),
        s("repeat-on-excision", "Repeat ER and PR may be requested on the excision specimen."),
    ],
}

# Three layouts of real results, and how a following statement joins each "in the same paragraph".
# Each reports ER, PR and HER2, the markers the history rows name: a historical value fills a column
# with no current result (record.md: "count only if nothing newer is reported"), so the history rows
# can only show that a current value wins.
B_BASES = [
    Base("lines", "ER: Positive (95%), strong\nPR: Negative (0%)\nHER2 (IHC): 1+\nKi-67: 15%", "\n", {}),
    Base("prose", "The tumour cells are positive for estrogen receptor (90%, strong) and progesterone receptor "
         "(40%, moderate). HER2 is negative (score 0). Ki-67 is 10%.", " ", {}),
    Base("shorthand", "ER POS / PR NEG / HER2 1+", ". ", {}),
]


def _statement_cases():
    for cls, statements in STATEMENTS.items():
        for st in statements:
            for base in B_BASES:
                yield param(f"B-{cls}-{st.id}-after-{base.id}", base, st)


STATEMENT_CASES = list(_statement_cases())
ALONE_CASES = [param(f"B-{cls}-{st.id}-alone", st) for cls, statements in STATEMENTS.items() for st in statements]


@pytest.mark.parametrize(("base", "statement"), STATEMENT_CASES)
def test_statement_after_results_changes_nothing(base: Base, statement: Statement):
    text = base.text() + attach(base.glue, statement.text)
    assert diff(record_of(text), record_of(base.text()) | statement.after) == {}


@pytest.mark.parametrize("statement", ALONE_CASES)
def test_statement_alone_gives_no_result(statement: Statement):
    got = record_of(statement.text)
    if statement.no_call:
        assert {c: got[c] for c in STATUS_COLUMNS if got[c] in CALLS} == {}
        assert diff(got, {c: None for c in RECORD_COLUMNS if c not in STATUS_COLUMNS}) == {}
    else:
        assert diff(got, ALL_NULL | statement.alone) == {}


# =========================================================================== C-J. readings
# Each row: (id, text, the columns it must give). Columns not named are not checked.

HER2_NEG_LOW = dict(her2_ihc_score="1+", her2_status="negative", her2_category="low")

DASH = [  # C. a dash between a name and its result is punctuation; a dash after a name alone is minus
    ("er-pr-dash-positive", "ER/PR- POSITIVE", dict(er_status="positive", pr_status="positive")),
    ("pr-dash-clone", "PR- clone 1E2: positive (80%)", dict(pr_status="positive", pr_percent=80)),
    ("double-dash", "Estrogen receptor--positive", dict(er_status="positive")),
    ("suspended-hyphen", "The tumour is estrogen- and progesterone-receptor-positive.",
     dict(er_status="positive", pr_status="positive", hr_status="positive")),
    ("dash-then-method", "Estrogen Receptor: - Performed on block A3. Result: positive (90%)",
     dict(er_status="positive", er_percent=90)),
    ("spaced-dash", "ER - positive", dict(er_status="positive")),
    ("spaced-dash-negative", "PR - negative", dict(pr_status="negative")),
    ("her2-spaced-dash", "HER2 - 1+", HER2_NEG_LOW),
    ("en-dash", "ER \u2013 positive (80%)", dict(er_status="positive", er_percent=80)),
    ("hyphen-word-positive", "ER-positive, PR-negative, HER2-negative (1+) carcinoma",
     dict(er_status="positive", pr_status="negative", **HER2_NEG_LOW)),
    # true minus signs
    ("minus-slashes", "ER-/PR-/HER2-", dict(er_status="negative", pr_status="negative", her2_status="negative",
                                           her2_category="negative", subtype="triple_negative")),
    ("minus-in-brackets", "ER (-)", dict(er_status="negative", er_percent=None)),
    ("neg-word", "ER neg", dict(er_status="negative")),
    ("colon-minus", "ER: -  PR: +", dict(er_status="negative", pr_status="positive")),
    ("minus-plus-mixed", "ER+, PR-, HER2 3+", dict(er_status="positive", pr_status="negative",
                                                  her2_status="positive", subtype="triple_positive")),
]

NOT_AMPLIFIED = dict(her2_ish_result="not_amplified", her2_status="negative")
OCR = [  # D. OCR punctuation inside "not amplified": never amplified
    ("not-dot", "HER2 FISH: Not. amplified", NOT_AMPLIFIED),
    ("not-hyphen-caps", "HER2 FISH: NOT- amplified", NOT_AMPLIFIED),
    ("non-space", "HER2 ISH: Non amplified", NOT_AMPLIFIED),
    ("non-hyphen", "HER2 ISH: Non-amplified", NOT_AMPLIFIED),
    ("line-break-hyphen", "HER2 FISH: not amp-\nlified", NOT_AMPLIFIED),
    ("line-break-in-word", "HER2 gene is not ampli-\nfied (FISH).", NOT_AMPLIFIED),
    ("double-space", "HER2 FISH: NOT  AMPLIFIED", NOT_AMPLIFIED),
    ("comma-ocr", "HER2 FISH: Not, amplified (ratio 1.1)", dict(NOT_AMPLIFIED, her2_ish_ratio=1.1)),
]

SCORES = [  # E. HER2 score forms [her2.ihc.stated]
    ("intensity-of-0", "HER2: staining intensity of 0", dict(her2_ihc_score="0", her2_status="negative")),
    ("score-plus-1", "HER2 score +1", HER2_NEG_LOW),
    ("her2-plus-2", "Her2 +2", dict(her2_ihc_score="2+", her2_status="equivocal", her2_category="equivocal")),
    ("score-3-space-plus", "HER2 score: 3 +", dict(her2_ihc_score="3+", her2_status="positive")),
    ("one-space-plus", "HER2 IHC: 1 +", HER2_NEG_LOW),
    ("bare-2-after-label", "HER2 (IHC): 2", dict(her2_ihc_score="2+", her2_status="equivocal")),
    ("bare-3-after-label", "HER2 IHC score 3", dict(her2_ihc_score="3+", her2_status="positive")),
    ("zero-plus", "HER2: score 0+", dict(her2_ihc_score="0", her2_status="negative", her2_category="zero")),
    ("zero-or-1plus", "HER2: zero or 1+", dict(her2_ihc_score=None, her2_status="negative", her2_category="negative")),
    ("0-1plus", "HER2: 0-1+", dict(her2_ihc_score=None, her2_status="negative", her2_category="negative")),
    ("negative-0-1plus", "HER2: negative (0-1+)",
     dict(her2_ihc_score=None, her2_status="negative", her2_category="negative")),
]

INVASIVE_RESULTS = "ER: positive (90%)\nPR: positive (50%)\nHER2: 1+"
INVASIVE_RECORD = dict(er_status="positive", er_percent=90, pr_status="positive", pr_percent=50, **HER2_NEG_LOW)
DCIS_CONTEXT = [  # F. [receptor.dcis]: a DCIS mention beside an invasive result does not take the result
    ("synoptic-dcis-line", "Invasive ductal carcinoma, grade 2.\nDCIS: present, cribriform, grade 2.\n" + INVASIVE_RESULTS,
     INVASIVE_RECORD),
    ("dcis-line-between-results", "Invasive ductal carcinoma.\nER: positive (90%)\nDCIS: present, cribriform, grade 2\n"
     "PR: positive (50%)\nHER2: 1+", INVASIVE_RECORD),
    ("latin", "Carcinoma ductale invasivum, G2, cum carcinomate ductali in situ.\n" + INVASIVE_RESULTS, INVASIVE_RECORD),
    ("latin-nominative", "Carcinoma ductale invasivum et carcinoma ductale in situ.\n" + INVASIVE_RESULTS,
     INVASIVE_RECORD),
    ("negated-in-situ", "Invasive lobular carcinoma. No in situ component identified.\n" + INVASIVE_RESULTS,
     INVASIVE_RECORD),
    ("dcis-absent", "Invasive carcinoma of no special type.\nDCIS: absent.\n" + INVASIVE_RESULTS, INVASIVE_RECORD),
    ("dcis-percent", "Invasive ductal carcinoma with associated DCIS (10% of tumour).\n" + INVASIVE_RESULTS,
     INVASIVE_RECORD),
    ("results-then-dcis", INVASIVE_RESULTS + "\nDCIS: present, solid type, high nuclear grade, 15 mm.", INVASIVE_RECORD),
]

NOT_AMP_ONLY = dict(her2_ish_result="not_amplified", her2_status="negative", her2_category="negative",
                    her2_ihc_score=None)
ISH_WORDING = [  # G. [her2.ish.stated] and negative receptor wording
    ("negative-for-amplification", "HER2: negative for HER2 gene amplification by FISH.", NOT_AMP_ONLY),
    ("fish-test-was-negative", "HER2 was tested by FISH; the FISH test was negative.", NOT_AMP_ONLY),
    ("amplification-not-found", "HER2 FISH: amplification not found.", NOT_AMP_ONLY),
    ("amplification-colon-negative", "HER2 FISH\nAmplification: Negative", NOT_AMP_ONLY),
    ("no-amplification-detected", "No HER2 amplification detected (FISH).", NOT_AMP_ONLY),
    ("amplification-not-detected", "HER2 gene amplification: not detected", NOT_AMP_ONLY),
    ("no-expression-of-pr", "No expression of PR.", dict(pr_status="negative", pr_percent=None, er_status=None)),
    ("no-expression-of-pr-sentence", "ER: positive (80%). There is no expression of PR in the tumour cells.",
     dict(er_status="positive", er_percent=80, pr_status="negative")),
]

DISTRIBUTIVE = [  # H. one statement, two markers, values in order; or the value before the marker
    ("respectively", "ER and PR are positive in 40% and 80% of tumour cells, respectively.",
     dict(er_percent=40, er_status="positive", pr_percent=80, pr_status="positive")),
    ("respectively-one-sign", "ER and PR are positive in 40 and 80% of tumour cells, respectively.",
     dict(er_percent=40, er_status="positive", pr_percent=80, pr_status="positive")),
    ("respectively-brackets", "ER and PR positive (95% and 5%, respectively).",
     dict(er_percent=95, er_status="positive", pr_percent=5, pr_status="low_positive")),
    ("respectively-zero", "Oestrogen and progesterone receptors: 70% and 0%, respectively.",
     dict(er_percent=70, er_status="positive", pr_percent=0, pr_status="negative")),
    ("percent-before-er", "90% of tumour nuclei stain for ER.", dict(er_percent=90, er_status="positive",
                                                                    pr_percent=None)),
    ("percent-before-pr", "Approximately 60% of the tumour cells show nuclear staining for PR.",
     dict(pr_percent=60, pr_status="positive", er_percent=None)),
    ("percent-before-pr-low", "5% of tumour cells are positive for PR.", dict(pr_percent=5, pr_status="low_positive")),
]

HISTORY_SCOPE = [  # I. [report.history]: historical results fill the record only with no current result
    ("prior-block-then-current", "PRIOR PATHOLOGY:\nS15-1234 (2015): ER positive (90%), PR positive (60%), "
     "HER2 negative (1+).\n\nIMMUNOHISTOCHEMISTRY (block A2):\nER: negative (0%)\nPR: negative (0%)\nHER2: 3+",
     dict(er_status="negative", er_percent=0, pr_status="negative", pr_percent=0, her2_ihc_score="3+",
          her2_status="positive", subtype="her2_enriched")),
    ("prior-summary-then-current-prose", "Prior pathology: core biopsy 2019 showed ER 95%, PR 80%, HER2 2+ "
     "(FISH not amplified).\n\nThe current excision shows ER 5%, PR 0%, HER2 1+.",
     dict(er_percent=5, er_status="low_positive", pr_percent=0, pr_status="negative", her2_ish_result=None,
          **HER2_NEG_LOW)),
    ("per-prior-only", "ER positive, PR negative, HER2 negative per prior specimen.",
     dict(er_status="positive", pr_status="negative", her2_status="negative", her2_category="negative",
          hr_status="positive", subtype="luminal_b_like")),
    ("clinical-history-only", "Clinical history: HER2 2+, reflex FISH requested.",  # guidelines.md section 3, 2+ row
     dict(her2_ihc_score="2+", her2_ish_result="pending", her2_status="equivocal", her2_category="equivocal")),
    ("clinical-history-2plus-then-score", "Clinical history: HER2 2+, reflex FISH requested.\n\nHER2 IHC (block B1): 1+",
     HER2_NEG_LOW),
    ("clinical-history-2plus-then-3plus", "Clinical history: outside HER2 2+; reflex FISH requested.\n\nHER2 IHC: 3+",
     dict(her2_ihc_score="3+", her2_status="positive", her2_category="positive")),
    ("previous-core-then-excision", "Previous core biopsy: ER 95%.\nCurrent excision: ER 5%.",
     dict(er_percent=5, er_status="low_positive")),
]
# the rows above whose every result is historical: each finding is flagged, and the record warns
HISTORY_ONLY = ("per-prior-only", "clinical-history-only")

BILATERAL_SIZED = ("LEFT BREAST: invasive ductal carcinoma, 2.1 cm. ER positive (90%), HER2 3+.\n"
                   "RIGHT BREAST: invasive ductal carcinoma, 0.8 cm. ER negative (0%), HER2 1+.")
DISAGREEING_NULL = dict(er_status=None, er_percent=None, her2_ihc_score=None, her2_status=None, her2_category=None)
BILATERAL = [  # J. [report.specimens]: distinct tumours -> the largest if sizes are given, else null
    ("sized-left-larger", BILATERAL_SIZED,
     dict(er_status="positive", er_percent=90, her2_ihc_score="3+", her2_status="positive")),
    ("sized-right-larger", "LEFT BREAST: invasive ductal carcinoma, 8 mm. ER positive (90%), HER2 3+.\n"
     "RIGHT BREAST: invasive ductal carcinoma, 25 mm. ER negative (0%), HER2 1+.",
     dict(er_status="negative", er_percent=0, **HER2_NEG_LOW)),
    ("sized-in-prose", "Left breast: a 2.1 cm invasive carcinoma, ER positive (90%), HER2 3+. Right breast: a "
     "0.8 cm invasive carcinoma, ER negative (0%), HER2 1+.",
     dict(er_status="positive", er_percent=90, her2_ihc_score="3+", her2_status="positive")),
    ("unsized", "LEFT BREAST: invasive ductal carcinoma. ER positive (90%), HER2 3+.\n"
     "RIGHT BREAST: invasive ductal carcinoma. ER negative (0%), HER2 1+.", DISAGREEING_NULL),
    ("unsized-parts", "A. Left breast, core biopsy: ER positive (90%), HER2 3+.\n"
     "B. Right breast, core biopsy: ER negative (0%), HER2 1+.", DISAGREEING_NULL),
]

READINGS = {"C": DASH, "D": OCR, "E": SCORES, "F": DCIS_CONTEXT, "G": ISH_WORDING, "H": DISTRIBUTIVE,
            "I": HISTORY_SCOPE, "J": BILATERAL}

READING_CASES = [param(f"{grid}-{rid}", text, want) for grid, rows in READINGS.items() for rid, text, want in rows]
NEVER_AMPLIFIED_CASES = [param(f"D-{rid}-never-amplified", text) for rid, text, _ in OCR]
HISTORY_FLAG_CASES = [param(f"I-{rid}-flagged", text) for rid, text, _ in HISTORY_SCOPE if rid in HISTORY_ONLY]
SIDE_CASES = [param("J-findings-carry-side", BILATERAL_SIZED)]


@pytest.mark.parametrize(("text", "want"), READING_CASES)
def test_reading(text: str, want: dict[str, Any]):
    unknown = set(want) - set(RECORD_COLUMNS)
    assert not unknown, unknown
    assert diff(record_of(text), want) == {}


@pytest.mark.parametrize("text", NEVER_AMPLIFIED_CASES)
def test_ocr_not_amplified_is_never_amplified(text: str):
    result = interpret(text)
    assert result.her2.ish_result != "amplified"
    assert all(f.result != "amplified" for f in result.findings.of("her2_ish"))


@pytest.mark.parametrize("text", HISTORY_FLAG_CASES)
def test_history_only_results_are_flagged_and_warned(text: str):
    """[report.history]: results quoted from history are marked historical, and a warning says so."""
    result = interpret(text)
    results = [f for f in result.findings.findings if f.kind in ("receptor", "her2_ihc", "her2_ish", "her2_status")]
    assert results
    assert [f.kind for f in results if Flag.HISTORICAL not in f.flags] == []
    assert any("report.history" in str(w) for w in result.to_record()["warnings"])


@pytest.mark.parametrize("text", SIDE_CASES)
def test_bilateral_findings_carry_their_side(text: str):
    """Each ER and HER2 finding of the sized bilateral report names its breast (models.Context.side)."""
    findings = interpret(text).findings
    er = [f.context.side for f in findings.of("receptor", "er")]
    her2 = [f.context.side for f in findings.of("her2_ihc")]
    assert (er, her2) == (["left", "right"], ["left", "right"])


def test_case_ids_are_unique_and_every_xfail_names_a_case():
    cases = (BASE_CASES + INTRUDER_CASES + STATEMENT_CASES + ALONE_CASES + READING_CASES + NEVER_AMPLIFIED_CASES
             + HISTORY_FLAG_CASES + SIDE_CASES)
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    assert set(XFAIL) <= set(ids), set(XFAIL) - set(ids)
