"""Normalisation: real words are never "corrected", numbers in words are read, offsets stay true."""

from __future__ import annotations

import pytest

from her2_interpret import interpret
from her2_interpret.reading import lexicon
from her2_interpret.reading.normalize import correct_token, normalize


@pytest.mark.parametrize("word", lexicon.REAL_NEAR_WORDS)
def test_a_real_word_near_a_lexicon_word_is_never_corrected(word):
    assert correct_token(word) is None
    assert correct_token(word.upper()) is None


@pytest.mark.parametrize(
    ("text", "column", "value"),
    [
        ("HER2 FISH: unamplified", "her2_ish_result", "not_amplified"),  # never "amplified"
        ("HER2 ISH unamplified (ratio 1.3)", "her2_ish_result", "not_amplified"),
        ("HER2 2+. They are sending it off for FISH.", "her2_ish_result", "pending"),
        ("ER: Positive, nuclear staining unclear in areas. HER2 0", "her2_ihc_score", "0"),
    ],
)
def test_real_words_keep_their_meaning(text, column, value):
    assert interpret(text).to_record()[column] == value


@pytest.mark.parametrize(
    ("text", "column", "value"),
    [
        ("Ki-67 of about seventy percent.", "ki67_percent", 70),
        ("ER positive at around ninety-five percent", "er_percent", 95),
        ("ER positive, one hundred percent of cells", "er_percent", 100),
        ("Oestrogen receptor sixty to seventy per cent, moderate", "er_percent_range", [60, 70]),
        ("HER2 scoring three plus on immunohistochemistry", "her2_ihc_score", "3+"),
        ("HER2 two plus, ISH sent", "her2_ihc_score", "2+"),
        ("Ki-67 twelve per cent", "ki67_percent", 12),
    ],
)
def test_numbers_written_as_words_are_read(text, column, value):
    got = interpret(text).to_record()[column]
    assert (list(got) if isinstance(got, tuple) else got) == value


@pytest.mark.parametrize(
    "text", ["one of two nodes", "grade three carcinoma", "seven cores received", "a hundred reasons"]
)
def test_number_words_without_percent_or_plus_stay_words(text):
    assert normalize(text).text == text


def test_evidence_of_a_number_word_quotes_the_words():
    text = "Ki-67: about seventy percent"
    (finding,) = interpret(text).findings.findings
    (evidence,) = finding.evidence_for("percent")
    assert finding.percent == 70
    assert text[evidence.start : evidence.end] == evidence.text and "seventy" in evidence.text


@pytest.mark.parametrize(
    ("text", "column", "value"),
    [
        ("ER_STATUS=POSITIVE; ER_PCT=70", "er_percent", 70),
        ('{"name":"ER","value":"Positive","percent":"40%"}', "er_percent", 40),
        ("OBX|2|NM|85329-1^ER % nuclei^LN||0|%|||||F", "er_percent", 0),
        ("___ Not performed\nER: Positive (90%)", "er_percent", 90),
    ],
)
def test_feed_formats_are_read(text, column, value):
    assert interpret(text).to_record()[column] == value


def test_a_word_broken_across_a_page_break_is_joined():
    text = ("   Progesterone recep-\n-----------------\nPatient: DOE, JANE    MRN: 0048    Page 2 of 3\n"
            "-----------------\n   tor:     Negative (0%)")
    norm = normalize(text)
    assert "Progesterone receptor:     Negative (0%)" in norm.text
    assert norm.span(0, len(norm.text)) == (0, len(text))
    record = interpret(text).to_record()
    assert (record["pr_status"], record["pr_percent"]) == ("negative", 0)


def test_a_hyphen_before_ordinary_lines_is_not_joined_across_them():
    text = "Progesterone recep-\nAn ordinary sentence here.\ntor: negative"
    assert "receptor" not in normalize(text).text


@pytest.mark.parametrize(
    ("text", "joined"),
    [("FISH to fol low.", "FISH to follow."), ("ER Posi tive", "ER Positive"), ("HER2 Nega tive", "HER2 Negative")],
)
def test_a_lexicon_word_split_by_a_space_is_joined(text, joined):
    assert normalize(text).text == joined


# One row per kind of length-changing edit: the input, the normalised text, and the original span of
# the whole normalised text (every edit maps back to the characters it came from).
EDIT_KINDS = [
    ("line mark", "NEGATIVE BY. FISH", "NEGATIVE BY  FISH"),
    ("zero in word", "C0NTROLS c0ntrols", "CONTROLS controls"),  # ("P0SITIVE" is a token correction)
    ("negation punctuation", "Not. amplified", "Not  amplified"),
    ("hyphen break", "POSI-\nTIVE", "POSITIVE"),
    ("page break", "recep-\n-----\nPage 2 of 3\n-----\ntor: neg", "receptor: neg"),
    ("plain break", "ER NEGA\nTIVE", "ER NEGATIVE"),
    ("spaced word", "ER P O S I T I V E", "ER POSITIVE"),
    ("split word", "FISH to fol low", "FISH to follow"),
    ("token correction", "ER posltive", "ER positive"),
    ("OCR percent", "ER 90°/o", "ER 90%"),
    ("number words", "Ki-67 twelve per cent, HER2 three plus", "Ki-67 12 per cent, HER2 3+"),
    ("OCR digits", "ER 9O% Allred score S", "ER 90% Allred score 5"),
]


@pytest.mark.parametrize(("kind", "text", "normalised"), EDIT_KINDS, ids=[row[0] for row in EDIT_KINDS])
def test_each_kind_of_edit(kind, text, normalised):
    norm = normalize(text)
    assert norm.text == normalised
    assert norm.span(0, len(norm.text)) == (0, len(text))


@pytest.mark.parametrize(
    ("text", "start", "end", "original"),
    [
        ("ER posltive (90%)", 3, 11, "posltive"),  # a corrected token quotes the token as written
        ("ER NEGA\nTIVE (0%)", 3, 11, "NEGA\nTIVE"),  # a joined word quotes both lines
        ("Ki-67 twelve per cent", 6, 8, "twelve"),  # "12" quotes the words
        ("FISH to fol low.", 8, 14, "fol low"),
    ],
)
def test_offsets_map_back_to_the_original(text, start, end, original):
    norm = normalize(text)
    o_start, o_end = norm.span(start, end)
    assert text[o_start:o_end] == original


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("fol low low", "follow low"),  # the second half of a join starts no other join
        ("Nega tive Posi tive", "Negative Positive"),
        ("posi tive", "positive"),  # the first half, not a word, is not corrected on its own
        ("score O and score  :  l", "score 0 and score  :  1"),
        ("<l >O", "<1 >0"),
        ("one of two nodes, none (0%)", "one of two nodes, none (0%)"),  # "one" in "none" is no number
        ("a hundred percent", "100 percent"),
        ("ſix percent", "0 percent"),  # non-ASCII text is read by the full pattern (as before: "ſ" folds to "s")
    ],
)
def test_edge_cases_of_the_fast_paths(text, normalised):
    assert normalize(text).text == normalised


def test_fuzzy_spans_are_kept_in_order():
    norm = normalize("ER posltive, PR negatlve, HER2 P0SITIVE")
    assert [norm.text[s:e] for s, e, _ in norm.fuzzy] == ["positive", "negative", "positive"]  # (corrections are lower case)
    assert all(score >= 85.0 for _, _, score in norm.fuzzy)


def test_tokens_longer_than_the_fuzzy_reach_are_never_corrected():
    from her2_interpret.reading.normalize import _MAX_FUZZY_LEN

    assert correct_token("positive" + "x" * (_MAX_FUZZY_LEN - len("positive"))) is None
    assert correct_token("progesterone" + "s" * (_MAX_FUZZY_LEN - len("progesterone"))) is None


def test_ocr_number_hint_is_the_pattern_it_stands_for():
    """_ocr_number_hint() answers as the (quadratic on long digit runs) search it replaced."""
    import random

    import regex

    from her2_interpret.reading.normalize import _ocr_number_hint

    pattern = regex.compile(r"[0-9][0-9.,]*[OolIS]|[OolIS][0-9OolIS.,]*\d")
    rng = random.Random(11)
    alphabet = "0123456789OolIS.,ab \n\u0663x"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert _ocr_number_hint(text) == bool(pattern.search(text)), repr(text)
