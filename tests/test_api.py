"""The public entry points: types in, results out, no side effects (:mod:`her2_interpret.api`)."""

from __future__ import annotations

import inspect
import json
import logging
import pickle
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest

from corpus_cases import load_cases
from her2_interpret import Interpretation, interpret, interpret_bytes, interpret_many
from her2_interpret.record import ALL_COLUMNS, RECORD_COLUMNS

CORPUS_TEXTS = [case.text for case in load_cases()]
OPTION_NAMES = ("ki67_high_cutoff", "er_low_upper", "er_low_groups_with_tnbc", "triple_positive_requires_pr")
SAMPLE = "ER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+"


# --------------------------------------------------------------------------- types in


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(None, "NoneType"), (5, "int"), (b"ER: Positive", "bytes"), (["ER: Positive"], "list")],
    ids=["None", "int", "bytes", "list"],
)
def test_non_str_raises_type_error_naming_the_type(value, type_name):
    with pytest.raises(TypeError, match=type_name):
        interpret(value)


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t  ", "x" * 1_000_000, "\x00\xff", "\ufeff\u200b\U0001f600"],
    ids=["empty", "whitespace", "1MB-x", "binary-looking", "bom-zwsp-emoji"],
)
def test_any_str_returns_an_all_null_record(text):
    result = interpret(text)
    assert isinstance(result, Interpretation)
    record = result.to_record()
    assert list(record) == list(ALL_COLUMNS)
    assert {column: record[column] for column in RECORD_COLUMNS} == dict.fromkeys(RECORD_COLUMNS)


def test_record_has_the_record_columns_in_order():
    assert list(interpret(SAMPLE).to_record()) == list(ALL_COLUMNS)


# --------------------------------------------------------------------------- bytes


def test_interpret_bytes_decodes_utf8():
    assert interpret_bytes(SAMPLE.encode("utf-8")) == interpret(SAMPLE)


def test_interpret_bytes_other_encoding():
    text = "Oestrogen receptor: positive (95%) \u2265 cut-off"
    assert interpret_bytes(text.encode("utf-16"), encoding="utf-16") == interpret(text)


def test_invalid_utf8_names_the_position_not_the_content():
    secret = b"Patient: Zyxwvut Qwertyson, MRN 998877. ER: Positive "
    data = secret + b"\xff\xfe tail"
    with pytest.raises(UnicodeDecodeError) as caught:
        interpret_bytes(data)
    message = str(caught.value)
    assert caught.value.start == len(secret)
    assert str(len(secret)) in message
    assert "Zyxwvut" not in message and "998877" not in message
    assert "\\xff" not in message  # no repr of the bytes either


def test_interpret_bytes_refuses_str():
    with pytest.raises(TypeError, match="str"):
        interpret_bytes(SAMPLE)


# --------------------------------------------------------------------------- options


def test_unknown_option_lists_the_allowed_ones():
    with pytest.raises(ValueError) as caught:
        interpret(SAMPLE, ki67_cutoff=14)
    message = str(caught.value)
    assert "ki67_cutoff" in message
    for name in OPTION_NAMES:
        assert name in message


def test_unknown_option_in_interpret_many():
    with pytest.raises(ValueError, match="ki67_high_cutoff"):
        list(interpret_many([SAMPLE], bogus=True))


@pytest.mark.parametrize("name", OPTION_NAMES)
def test_known_options_are_accepted(name):
    value = {"ki67_high_cutoff": 14, "er_low_upper": 9}.get(name, True)
    assert isinstance(interpret(SAMPLE, **{name: value}), Interpretation)


# --------------------------------------------------------------------------- results


def test_results_pickle_and_unpickle_equal():
    for text in [SAMPLE, "", *CORPUS_TEXTS[:40]]:
        result = interpret(text)
        again = pickle.loads(pickle.dumps(result))
        assert again == result
        assert again.to_record() == result.to_record()


def test_interpret_many_yields_in_order():
    texts = CORPUS_TEXTS[:30] + ["", SAMPLE]
    got = [r.to_record() for r in interpret_many(texts)]
    assert got == [interpret(t).to_record() for t in texts]


def test_interpret_many_is_lazy():
    def texts():
        yield SAMPLE
        raise RuntimeError("read past the first text")

    results = interpret_many(texts())
    assert inspect.isgenerator(results)
    first = next(results)  # only the first text is read
    assert first.to_record()["her2_category"] == interpret(SAMPLE).to_record()["her2_category"]
    with pytest.raises(RuntimeError):
        next(results)


def test_interpret_many_accepts_any_iterable():
    assert len(list(interpret_many(iter((SAMPLE, SAMPLE))))) == 2
    assert list(interpret_many([])) == []


def test_threads_give_the_serial_results():
    texts = CORPUS_TEXTS * 3
    serial = [interpret(t).to_record() for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda t: interpret(t).to_record(), texts))
    assert threaded == serial


# --------------------------------------------------------------------------- no side effects


def test_interpret_writes_nothing(capsys, caplog):
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for text in [*CORPUS_TEXTS, "", "\x00\xff", "ER HER2 " * 500]:
            interpret(text).to_record()
        list(interpret_many(CORPUS_TEXTS[:10]))
        interpret_bytes(SAMPLE.encode())
        with pytest.raises(UnicodeDecodeError):
            interpret_bytes(b"ER \xff")
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ""
    assert caplog.records == []
    assert [str(w.message) for w in caught] == []


def test_record_never_quotes_identifying_text():
    text = "Patient: Zyxwvut Qwertyson, MRN 998877.\n" + SAMPLE + "\nComment: discussed with Dr Plokmijn."
    dumped = json.dumps(interpret(text).to_record())
    for token in ("Zyxwvut", "Qwertyson", "998877", "Plokmijn"):
        assert token not in dumped


# --------------------------------------------------------------------------- strict validation

from her2_interpret import ValidationError, validate  # noqa: E402


@pytest.mark.parametrize(
    ("text", "kwargs", "problem"),
    [
        ("HER2 (4B5): 2+", {}, "her2_status is equivocal"),
        ("ER: pending\nPR: pending\nHER2: pending", {}, "er_status is pending"),
        ("ER: Negative (5%)\nPR: Negative (0%)\nHER2: 1+", {}, "er_status is not stated or not readable"),
        ("Fibroadenoma.", {"require": ("subtype",)}, "subtype is not stated or not readable"),
    ],
    ids=["equivocal", "pending", "contradiction", "nothing"],
)
def test_validate_raises_with_each_problem_named(text, kwargs, problem):
    with pytest.raises(ValidationError) as excinfo:
        validate(text, **kwargs)
    assert problem in excinfo.value.problems
    assert "Fibroadenoma" not in str(excinfo.value)


def test_validate_passes_a_complete_result_and_allows_pending_on_request():
    result = validate("ER: Positive (95%)\nPR: Positive (40%)\nHER2 (4B5): 1+\nKi-67: 10%")
    assert result.to_record()["subtype"] == "luminal_a_like"
    validate("ER: pending\nPR: pending\nHER2: pending", allow_pending=True)


def test_validate_rejects_unknown_columns_and_wrong_types():
    with pytest.raises(ValueError):
        validate("ER: Positive", require=("no_such_column",))
    with pytest.raises(TypeError):
        validate(42)  # type: ignore[arg-type]


def test_explanation_is_written_on_demand_and_stays_frozen():
    text = "ER: Positive (95%)\nPR: Negative (0%)\nHER2 (4B5): 3+"
    result = interpret(text)
    assert "explanation" not in result.__dict__  # not written until asked for
    plain = result.explanation.plain
    assert "HER2" in plain and result.explanation is result.explanation  # written once, kept
    with pytest.raises(AttributeError):
        result.explanation = None  # type: ignore[misc]
    dumped = result.model_dump()
    assert dumped["explanation"]["plain"] == plain
    fresh = interpret(text)
    assert fresh == result  # equal whether or not the explanation was asked for
    assert pickle.loads(pickle.dumps(fresh)).explanation == result.explanation
