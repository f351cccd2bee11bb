#!/usr/bin/env python3
"""Fuzz her2_interpret: random and mutated inputs must never raise and must keep the invariants.

    python benchmarks/fuzz.py                 # 100,000 inputs
    python benchmarks/fuzz.py --n 5000 --seed 7
    python benchmarks/fuzz.py --write-input 123456 /tmp/case.txt   # rebuild one input to debug it

Input ``i`` is built from seed ``--seed + i`` alone, so a failure is replayed from its seed. Inputs:
random unicode text; corpus texts with random edits (characters and lines deleted, duplicated,
swapped; digits, '%', '+' and other symbols inserted; case changed); and random sequences of report
words. Checks on every input:

- ``interpret`` raises nothing;
- every evidence span (findings and decisions) lies inside the input and ``text == input[start:end]``;
- the record has exactly the record columns and every value is allowed by record.md;
- the record is consistent as record.md defines it (percent xor range, category follows status, ...).

Prints counts and the first failure's seed and check, never the input text. Exit 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # a fallback: works from a checkout without installing

from her2_interpret import interpret  # noqa: E402
from her2_interpret.record import ALL_COLUMNS, record_problems  # noqa: E402

class Failure(Exception):
    """One broken invariant; ``check`` names which."""

    def __init__(self, check: str, detail: str, key: str | None = None) -> None:
        super().__init__(f"{check}: {detail}")
        self.check = check
        self.key = f"{check}: {key or detail}"  # for counting alike failures: no positions



def check_record(record: dict[str, Any]) -> None:
    """record.md's columns, values and the invariants it states in words (``record_problems``)."""
    if list(record) != list(ALL_COLUMNS):
        raise Failure("record.columns", "columns differ from ALL_COLUMNS")
    if type(record["needs_review"]) is not bool or bool(record["review_reasons"]) != record["needs_review"]:
        raise Failure("record.values", "needs_review does not follow review_reasons")
    problems = record_problems(record)
    if problems:
        raise Failure("record.values", problems[0], key=problems[0].split("=")[0])
    if not isinstance(record["warnings"], list) or not all(isinstance(w, str) for w in record["warnings"]):
        raise Failure("record.values", "warnings is not a list of str")
    versions = record["guideline_versions"]
    if not isinstance(versions, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in versions.items()):
        raise Failure("record.values", "guideline_versions is not a dict of str")


def check_spans(text: str, result: Any) -> None:
    evidence = [(f"finding {i} ({f.kind})", e) for i, f in enumerate(result.findings.findings) for e in f.evidence]
    evidence += [(f"decision {d.target}", e) for d in result.classification.decisions for e in d.evidence]
    for where, e in evidence:
        if not 0 <= e.start <= e.end <= len(text):
            raise Failure(
                "evidence.bounds",
                f"{where} field {e.field}: span {e.start}:{e.end} outside the input",
                f"field {e.field} pattern {e.pattern}",
            )
        if text[e.start : e.end] != e.text:
            raise Failure(
                "evidence.text",
                f"{where} field {e.field} pattern {e.pattern}: text != input[{e.start}:{e.end}]",
                f"field {e.field} pattern {e.pattern}",
            )
    for i, f in enumerate(result.findings.findings):
        if not 0 <= f.start <= f.end <= len(text):
            raise Failure(
                "finding.bounds", f"finding {i} ({f.kind}): clause {f.start}:{f.end} outside the input", f.kind
            )


# --------------------------------------------------------------------------- inputs

WORDS = (
    "ER PR HER2 HER-2 Her2/neu ERBB2 Ki-67 Ki67 MIB-1 oestrogen estrogen progesterone receptor "
    "positive negative equivocal pending low ultralow null amplified not no non- weakly strongly "
    "focal IHC ISH FISH SISH CISH dual probe ratio CEP17 CEN17 copy number signals/cell per nucleus "
    "score Allred H-score intensity weak moderate strong complete incomplete membrane staining "
    "cells tumour tumor invasive DCIS prior outside addendum amendment comment control internal "
    "external group 1 2 3 4 5 0 1+ 2+ 3+ 0-1+ 95% <1% >10% 1-10% 2.0 4.0 6.0 (4+2) 8/8 : ; , . | - "
    "\n \n\n ( ) [ ] ≥ ≤ ~ approx. ASCO/CAP 2018 2023 2020 St Gallen triple luminal"
).split(" ")

INSERTS = list("0123456789%+-.<>()/:;|") + ["\n", "  ", "\t", "\u00a0", "\u200b", "\u2265", "\u2264", "\ufeff"]


def random_unicode(rng: random.Random) -> str:
    pools = [
        (0x20, 0x7E),  # ASCII
        (0x00, 0x1F),  # controls
        (0xA0, 0x24F),  # Latin-1 and extended Latin
        (0x300, 0x36F),  # combining marks
        (0x2000, 0x206F),  # punctuation, zero-width, bidi controls
        (0x2190, 0x22FF),  # arrows and maths (>= <=)
        (0x4E00, 0x4FFF),  # CJK
        (0x1F300, 0x1F6FF),  # emoji
        (0xE000, 0xE0FF),  # private use
    ]
    chars = []
    for _ in range(rng.randrange(0, 400)):
        low, high = rng.choice(pools)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


def random_words(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) + rng.choice((" ", " ", ": ", "", "\n")) for _ in range(rng.randrange(1, 80)))


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 8)):
        n = len(text)
        edit = rng.randrange(9)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.randint(1, 12))
        if edit == 0 and n:  # delete characters
            text = text[:i] + text[j:]
        elif edit == 1:  # duplicate characters
            text = text[:j] + text[i:j] + text[j:]
        elif edit == 2 and n > 1:  # swap two characters
            a, b = sorted(rng.sample(range(n), 2))
            text = text[:a] + text[b] + text[a + 1 : b] + text[a] + text[b + 1 :]
        elif edit == 3:  # insert symbols and digits
            text = text[:i] + "".join(rng.choice(INSERTS) for _ in range(rng.randint(1, 6))) + text[i:]
        elif edit == 4:  # upper / lower case a slice
            text = text[:i] + (text[i:j].upper() if rng.random() < 0.5 else text[i:j].lower()) + text[j:]
        else:  # line edits: delete, duplicate, swap, shuffle
            lines = text.split("\n")
            k = rng.randrange(len(lines))
            if edit == 5 and len(lines) > 1:
                del lines[k]
            elif edit == 6:
                lines.insert(k, lines[k])
            elif edit == 7 and len(lines) > 1:
                m = rng.randrange(len(lines))
                lines[k], lines[m] = lines[m], lines[k]
            else:
                rng.shuffle(lines)
            text = "\n".join(lines)
    return text


def make_input(seed: int, corpus: list[str]) -> tuple[str, str]:
    """The input of ``seed`` and the name of its generator."""
    rng = random.Random(seed)
    roll = rng.random()
    if roll < 0.15:
        return "unicode", random_unicode(rng)
    if roll < 0.30:
        return "words", random_words(rng)
    if roll < 0.40:  # two corpus texts joined, then mutated: several results in one text
        return "joined", mutate(rng, rng.choice(corpus) + rng.choice(("\n", "\n\n", " ")) + rng.choice(corpus))
    return "corpus", mutate(rng, rng.choice(corpus))


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts or ["ER: Positive (95%)\nPR: Negative (<1%)\nHER2 (4B5): 1+"]


def run_one(text: str) -> None:
    try:
        result = interpret(text)
        record = result.to_record()
    except Exception as exc:  # noqa: BLE001
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
        raise Failure("exception", f"{type(exc).__name__} at {where}") from None  # message may quote input
    check_spans(text, result)
    check_record(record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of inputs (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first input (default 0)")
    parser.add_argument("--write-input", nargs=2, metavar=("SEED", "FILE"),
                        help="write the input of SEED to FILE (for debugging) and exit")
    args = parser.parse_args(argv)
    corpus = corpus_texts()

    if args.write_input:
        seed, path = int(args.write_input[0]), Path(args.write_input[1])
        kind, text = make_input(seed, corpus)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        print(f"wrote the {kind} input of seed {seed} ({len(text)} chars) to {path}")
        return 0

    kinds: Counter = Counter()
    failures: Counter = Counter()
    alike: Counter = Counter()
    first: tuple[int, str, Failure] | None = None
    started = time.perf_counter()
    for i in range(args.n):
        seed = args.seed + i
        kind, text = make_input(seed, corpus)
        kinds[kind] += 1
        try:
            run_one(text)
        except Failure as failure:
            failures[failure.check] += 1
            alike[failure.key] += 1
            if first is None:
                first = (seed, kind, failure)
        if (i + 1) % 10_000 == 0:
            print(f"  {i + 1:,} inputs, {sum(failures.values())} failures, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    elapsed = time.perf_counter() - started
    print(f"inputs: {args.n:,} in {elapsed:.1f} s ({args.n / elapsed:,.0f}/s); seeds {args.seed}-{args.seed + args.n - 1}")
    print("by generator: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())))
    if not failures:
        print("failures: 0")
        return 0
    print(f"failures: {sum(failures.values()):,} (" + ", ".join(f"{k} {v:,}" for k, v in failures.most_common()) + ")")
    print("most common:")
    for key, count in alike.most_common(12):
        print(f"  {count:>7,}  {key}")
    seed, kind, failure = first
    print(f"first failure: seed {seed} ({kind} input): {failure}")
    print(f"replay: python benchmarks/fuzz.py --seed {seed} --n 1; "
          f"inspect: python benchmarks/fuzz.py --write-input {seed} /tmp/fuzz-{seed}.txt")
    return 1


if __name__ == "__main__":
    sys.exit(main())
