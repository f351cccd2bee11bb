"""The lexicon: words, synonyms and context cues the parser reads (data, not logic).

Sources: the CAP breast biomarker reporting template (labels and options), ASCO/CAP HER2 2018/2023
and ER/PgR 2020 wording, UK RCPath dataset wording (oestrogen, Quick score, MIB1), and the
ConText cue families (negation, pseudo-negation, terminators, historical, hypothetical) of
Harkema et al. 2009 as used by medspaCy, adapted to receptor reports.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- fuzzy reading

#: Words an OCR or typing error may be corrected to (rapidfuzz against these only).
FUZZY_TARGETS: tuple[str, ...] = (
    "positive",
    "negative",
    "equivocal",
    "amplified",
    "estrogen",
    "oestrogen",
    "progesterone",
    "receptor",
    "receptors",
    "borderline",
    "pending",
    "moderate",
    "intensity",
    "staining",
    "nuclear",
    "membrane",
    "incomplete",
    "ultralow",
    "allred",
    "score",
    "ratio",
    "follow",
    "signals",
    "average",
)

#: Real English words within the fuzzy cut-off of a lexicon word (listed by scripts/near_words.py
#: from the english-words list): never corrected. "unamplified" -> "amplified" would flip a result,
#: "sending" -> "pending" or "unclear" -> "nuclear" would invent one.
REAL_NEAR_WORDS: tuple[str, ...] = (
    "abnegative", "amplifier", "appositive", "averagely", "averager", "bending", "binuclear",
    "cointensity", "copending", "depositive", "ending", "equivocality", "estrogenic", "exceptor",
    "expositive", "follower", "immoderate", "impending", "impositive", "incompetent", "incompletable",
    "incompleted", "intensify", "lending", "membraned", "membranate", "membranule", "mending",
    "moderant", "moderato", "negate", "negated", "negates", "negativer", "nucleary", "nucleator",
    "nucleolar", "opening", "oppositive", "orderliness", "overage", "penning", "positivize",
    "preceptor", "preceptory", "receptoral", "receptory", "rector", "scored", "scorer", "sending",
    "signalese", "signalism", "signalist", "standing", "stinging", "stinking", "straining",
    "subincomplete", "sustaining", "tending", "training", "unamplified", "unclear", "uncomplete",
    "uncompleted", "unequivocal", "unequivocally", "unmoderate", "unpositive", "upfollow", "vending",
)

#: Words that are right as written and must never be "corrected" to a near lexicon word.
KNOWN_WORDS: frozenset[str] = frozenset(
    set(FUZZY_TARGETS)
    | {
        "positivity", "positively", "negativity", "negatively", "position", "positions",
        "positioned", "relative", "native", "narrative", "amplification", "amplifying",
        "amplify", "ampliflied", "intense", "intensely", "intensities", "moderately",
        "moderated", "strongly", "stronger", "strong", "weakly", "weak", "faint", "faintly",
        "receptive", "reception", "received", "receiving", "recipient", "recept",
        "progestin", "progestins", "progress", "progression", "estrogens", "oestrogens",
        "estradiol", "equivocally", "membranes", "membranous", "nuclei", "nucleus",
        "complete", "completely", "incompletely", "stained", "stains", "staining",
        "pendant", "spending", "depending", "bordering", "borderlines", "material",
        "materials", "immunostain", "immunostains", "expression", "expressed", "repeat",
        "ratio", "ratios", "nuclear", "tumour", "tumor", "tumours", "tumors", "cellular",
        "cellularity", "margin", "margins", "negatives", "positives", "present", "prevent",
        "receptors", "intensity", "moderate", "estrogen", "oestrogen", "progesterone",
        "protein", "proteins", "pattern", "patterns", "potential",
        "ultralow", "gene", "genes", "general", "several", "severe", "lateral",
        "basolateral", "peripheral", "referral", "referring", "interval", "internal",
        "external", "control", "controls", "pathologist", "positron", "hscore", "qscore", "scores",
    }
    | set(REAL_NEAR_WORDS)
)

#: Words that may be joined when broken across a line without a hyphen ("NEGA\nTIVE").
JOINABLE: frozenset[str] = frozenset(
    {
        "positive", "negative", "equivocal", "amplified", "nonamplified", "estrogen",
        "oestrogen", "progesterone", "receptor", "receptors", "intensity", "moderate",
        "staining", "nuclear", "membrane", "incomplete", "borderline", "pending",
    }
)

#: Words OCR may print with a space between every letter ("P O S I T I V E"): joined back.
SPACED_WORDS: frozenset[str] = JOINABLE | {"not", "non", "low", "high", "weak", "strong", "amplified", "pending"}
