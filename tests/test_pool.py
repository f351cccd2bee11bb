"""``interpret_many(texts, workers=N)``: a process pool with the serial results, in input order,
lazily, with a progress callback and errors per item; and the command's ``--workers``."""

from __future__ import annotations

import io
import itertools
import json
import multiprocessing

import pytest
from engine_cases import corpus_texts, differences, reference

from her2_interpret import interpret, interpret_many
from her2_interpret.cli import EXIT_USAGE, main
from her2_interpret.errors import WITHHELD, ItemError

SAMPLE = "ER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+"
FORK = multiprocessing.get_start_method() == "fork"


def test_two_workers_give_the_serial_records_on_every_corpus_text():
    got = [r.to_record() for r in interpret_many(list(corpus_texts()), workers=2)]
    assert differences(got, list(reference())) == []


@pytest.mark.parametrize("chunksize", [1, 7, 1000])
def test_results_come_in_input_order_whatever_the_chunks(chunksize):
    texts = list(corpus_texts()[:60]) + ["", SAMPLE]
    got = list(interpret_many(texts, workers=2, chunksize=chunksize))
    assert got == [interpret(t) for t in texts]  # the whole Interpretation, not only its record
    assert got[-1].to_record() == interpret(SAMPLE).to_record()


def test_results_keep_the_text_for_the_card():
    (result,) = interpret_many([SAMPLE], workers=2)
    assert "<mark" in result._repr_html_()


def test_one_worker_or_none_is_the_serial_generator():
    for workers in (None, 1):
        results = interpret_many(iter([SAMPLE, SAMPLE]), workers=workers)
        assert [r.to_record() for r in results] == [interpret(SAMPLE).to_record()] * 2


def test_zero_workers_means_one_per_core():
    assert [r.to_record() for r in interpret_many([SAMPLE] * 3, workers=0)] == [interpret(SAMPLE).to_record()] * 3


@pytest.mark.parametrize("workers", [None, 2])
def test_errors_return_an_item_error_in_place_and_go_on(workers):
    texts = [SAMPLE, None, b"ER 5%", SAMPLE, float("nan"), 7]
    got = list(interpret_many(texts, workers=workers, chunksize=2, errors="return"))
    assert [type(r).__name__ for r in got] == ["Interpretation", "ItemError", "ItemError", "Interpretation",
                                              "ItemError", "ItemError"]
    assert got[1] == ItemError(1, "TypeError", "not report text (str) but NoneType")
    assert got[2].error == "TypeError at position 2: not report text (str) but bytes"
    assert got[5].position == 5
    assert got[1].to_record() == dict.fromkeys(interpret(SAMPLE).to_record())  # every column, null
    assert got[3].to_record() == interpret(SAMPLE).to_record()


@pytest.mark.parametrize("workers", [None, 2])
def test_errors_raise_at_the_position_after_the_results_before_it(workers):
    results = interpret_many([SAMPLE, SAMPLE, None, SAMPLE], workers=workers, chunksize=4)
    assert next(results).to_record() == next(results).to_record()
    with pytest.raises(TypeError, match="NoneType"):
        next(results)


def _failing(text, **options):
    """A stand-in for interpret that fails on 'boom' (module level: the pool pickles it by name)."""
    if "boom" in text:
        raise ValueError(f"could quote the report: {text}")
    return interpret(text, **options)


@pytest.mark.skipif(not FORK, reason="the workers find the test module's stand-in only when forked")
def test_an_unexpected_error_in_a_worker_is_one_item_and_withholds_its_message(monkeypatch):
    import her2_interpret.api as api

    monkeypatch.setattr(api, "interpret", _failing)  # what interpret_many hands the pool
    texts = [SAMPLE, "secret boom text", SAMPLE]
    got = list(interpret_many(texts, workers=2, chunksize=1, errors="return"))
    assert got[1] == ItemError(1, "ValueError", WITHHELD)
    assert "secret" not in repr(got[1]) and "secret" not in got[1].error
    assert got[2].to_record() == interpret(SAMPLE).to_record()


@pytest.mark.parametrize("workers", [None, 2])
def test_progress_counts_up_to_the_total(workers):
    calls = []
    list(interpret_many([SAMPLE] * 10, workers=workers, chunksize=3, progress=lambda d, t: calls.append((d, t))))
    assert calls[-1] == (10, 10)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    calls.clear()
    list(interpret_many(iter([SAMPLE] * 4), workers=workers, chunksize=3, progress=lambda d, t: calls.append((d, t))))
    assert calls[-1] == (4, None)  # a generator has no length


def test_the_pool_reads_a_bounded_number_of_texts_ahead():
    read = itertools.count()

    def endless():
        while True:
            next(read)
            yield SAMPLE

    results = interpret_many(endless(), workers=2, chunksize=4)
    first = list(itertools.islice(results, 10))
    results.close()  # shuts the pool down
    assert len(first) == 10
    # 2 workers x 2 chunks in flight x 4 texts, plus the chunks already handed out
    assert next(read) <= 10 + 2 * 2 * 4 + 4


def test_bad_arguments_raise_before_any_work():
    def untouched():
        raise AssertionError("a text was read")
        yield  # pragma: no cover

    with pytest.raises(ValueError, match="ki67_high_cutoff"):
        interpret_many(untouched(), workers=2, bogus=True)
    with pytest.raises(ValueError, match="workers"):
        interpret_many(untouched(), workers=-1)
    with pytest.raises(TypeError, match="workers"):
        interpret_many(untouched(), workers="2")
    with pytest.raises(ValueError, match="chunksize"):
        interpret_many(untouched(), workers=2, chunksize=0)
    with pytest.raises(ValueError, match="errors"):
        interpret_many(untouched(), errors="ignore")
    with pytest.raises(TypeError, match="progress"):
        interpret_many(untouched(), progress=1)


def test_options_reach_the_workers():
    text = "ER: positive (95%)\nPR: positive (80%)\nHER2: negative (1+)\nKi-67: 17%"
    got = [r.to_record() for r in interpret_many([text] * 3, workers=2, ki67_high_cutoff=14)]
    assert got == [interpret(text, ki67_high_cutoff=14).to_record()] * 3
    assert got[0]["ki67_level"] == "high"


# --------------------------------------------------------------------------- the command


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_command_workers_give_the_serial_rows(tmp_path):
    table = tmp_path / "cases.jsonl"
    lines = [json.dumps({"id": f"c{i}", "text": t}) for i, t in enumerate(corpus_texts()[:40])]
    lines[5] = "{not json"
    lines[9] = json.dumps({"id": "empty", "text": ""})
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = _run([str(table), "-f", "jsonl", "--explain"])
    pooled = _run([str(table), "-f", "jsonl", "--explain", "--workers", "2", "--chunksize", "3"])
    assert serial[0] == pooled[0] == 2
    assert pooled[1] == serial[1]
    assert len(pooled[1].splitlines()) == 40


def test_command_workers_flag_is_checked():
    code, _, err = _run(["x.txt", "--workers", "-1"])
    assert code == EXIT_USAGE and "workers" in err
    code, _, err = _run(["x.txt", "--workers", "2", "--chunksize", "0"])
    assert code == EXIT_USAGE and "chunksize" in err
