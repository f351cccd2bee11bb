#!/usr/bin/env python3
"""Throughput, scaling, memory and import time of her2_interpret, with the targets beside them.

    python benchmarks/bench.py            # the full run (a few minutes)
    python benchmarks/bench.py --quick    # a short run (sizes up to 1 MB, fewer reports)

Stdlib only, plus the library. Inputs are the corpus texts (tests/corpus/shared/*.jsonl), reports
of ~4 KB built by joining them, and adversarial inputs (long runs of digits, '%', '+', spaces,
'ER HER2 ', '('). Nothing here prints report text.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # a fallback: works from a checkout without installing

import her2_interpret  # noqa: E402
from her2_interpret import interpret, interpret_many  # noqa: E402

KB = 1024
MB = 1024 * KB

TARGETS = {
    "snippets": 20_000,  # snippets/s, at least
    "reports_4kb": 2_000,  # 4 KB reports/s, at least
    "import_s": 0.3,  # seconds, at most
    "memory_mb": 100,  # peak MB streaming 100,000 reports, at most
    "flatness": 2.0,  # time per MB at the largest size / at the smallest size, below
}

#: A short snippet: a corpus text of at most this many characters (longer ones are whole reports).
SNIPPET_MAX = 400

#: Adversarial inputs: one unit repeated to the wanted size.
ADVERSARIAL = {
    "digits": "1234567890",
    "percent": "%",
    "plus": "+",
    "spaces": " ",
    "er-her2": "ER HER2 ",
    "paren": "(",
    "pipes": "|ER|5%|",  # one long table row
    "aligned": "ER  5%  PR  ",  # one long space-aligned row
    "lines": "ER 5%\n",  # many short lines
    "furniture": "Patient: ER 5% ",  # page furniture between results
}


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    if not texts:
        sys.exit("no corpus texts under tests/corpus")
    return texts


def build_reports(texts: list[str], size: int, count: int) -> list[str]:
    """``count`` reports of about ``size`` characters, each a different run of corpus texts."""
    reports, cycle = [], itertools.cycle(texts)
    for _ in range(count):
        parts, length = [], 0
        while length < size:
            part = next(cycle)
            parts.append(part)
            length += len(part) + 2
        reports.append("\n\n".join(parts)[:size])
    return reports


def repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def rate(texts: list[str], seconds: float) -> tuple[float, int]:
    """Texts per second, interpreting ``texts`` in a loop for about ``seconds``."""
    for text in texts[:20]:  # warm up caches and lazy compilation
        interpret(text).to_record()
    done, started = 0, time.perf_counter()
    while True:
        for text in texts:
            interpret(text).to_record()  # the record is what a pipeline keeps
        done += len(texts)
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return done / elapsed, done


def seconds_per_mb(text: str, budget: float) -> float:
    """Time to interpret ``text``, repeated until ``budget`` seconds for small inputs, per MB."""
    runs, started = 0, time.perf_counter()
    while True:
        interpret(text)
        runs += 1
        elapsed = time.perf_counter() - started
        if elapsed >= budget or runs >= 1000:
            return elapsed / runs / (len(text.encode("utf-8")) / MB)


def scaling(texts: list[str], sizes: list[int], kinds: list[str], give_up: float) -> dict[str, dict[int, float | None]]:
    """Seconds per MB per kind and size; a size projected to take over ``give_up`` s is skipped (None)."""
    table: dict[str, dict[int, float | None]] = {}
    for kind in kinds:
        table[kind] = {}
        per_mb = 0.0
        for size in sizes:
            if per_mb * size / MB > give_up:  # projected from the last size: skip, report "too slow"
                table[kind][size] = None
                continue
            text = build_reports(texts, size, 1)[0] if kind == "reports" else repeat_to(ADVERSARIAL[kind], size)
            per_mb = seconds_per_mb(text, budget=0.3)
            table[kind][size] = per_mb
            print(f"  {kind:<10} {human(size):>7}: {per_mb:8.3f} s/MB", file=sys.stderr, flush=True)
    return table


def peak_memory(texts: list[str], count: int) -> tuple[float, float]:
    """Peak traced MB and seconds streaming ``count`` texts through interpret_many."""
    stream = (text for text, _ in zip(itertools.cycle(texts), range(count)))
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    for result in interpret_many(stream):
        result.to_record()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / MB, elapsed


def pool_rates(texts: list[str], workers: list[int], rounds: int) -> dict[int, tuple[float, float]]:
    """For each N: records per second through ``interpret_many(texts, workers=N)`` (the best of
    ``rounds`` runs over all of ``texts``; a pool's start-up included) and the CPU seconds per
    record of that run, this process and its workers together. On a machine shared with other jobs
    the wall-clock rate depends on them; the CPU cost does not: serial CPU / pool CPU is the pool's
    efficiency, and N x efficiency the speed-up to expect on N idle cores."""
    import resource

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    rates: dict[int, tuple[float, float]] = {}
    for count in workers:
        best, cost = 0.0, 0.0
        for _ in range(rounds):
            started, cpu_started = time.perf_counter(), cpu()
            for result in interpret_many(texts, workers=count):  # the pool is shut down (reaped) at the end
                result.to_record()
            rate = len(texts) / (time.perf_counter() - started)
            if rate > best:
                best, cost = rate, (cpu() - cpu_started) / len(texts)
        rates[count] = (best, cost)
        print(f"  pool, {count} worker(s): {best:8.1f} records/s, {cost * 1000:.2f} ms CPU/record",
              file=sys.stderr, flush=True)
    return rates


def load_average() -> str:
    try:
        return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        return "n/a"


def import_time(runs: int) -> tuple[float, float, list[tuple[str, float]]]:
    """Median seconds to ``import her2_interpret`` in a fresh interpreter, median seconds to import
    and get a first record (public names load on first use, so that pays for pydantic, regex and
    the patterns), and the slowest modules of the import and first call."""
    path = [p for p in (os.environ.get("PYTHONPATH"), str(ROOT / "src")) if p]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path))
    code = (
        "import time; t = time.perf_counter(); import her2_interpret; a = time.perf_counter() - t; "
        "her2_interpret.interpret('ER: Positive (95%)').to_record(); print(a, time.perf_counter() - t)"
    )
    pairs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()
        for _ in range(runs)
    ]
    times, firsts = [float(p[0]) for p in pairs], [float(p[1]) for p in pairs]
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-c",
         "import her2_interpret; her2_interpret.interpret('ER: Positive (95%)').to_record()"],
        env=env, capture_output=True, text=True, check=True,
    ).stderr
    modules = []
    for line in trace.splitlines():  # "import time: self [us] | cumulative | imported package"
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            modules.append((parts[2].rstrip(), int(parts[1]) / 1e6))
    top = sorted((m for m in modules if m[0].strip() != "her2_interpret"), key=lambda m: -m[1])[:6]
    return statistics.median(times), statistics.median(firsts), top


def cpu_name() -> str:
    name = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            name = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), name)
    except OSError:
        pass
    return name or "cpu unknown"


def human(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{size // KB} KB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "MISS")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run: sizes to 1 MB, fewer reports")
    args = parser.parse_args(argv)

    texts = corpus_texts()
    quick = args.quick
    duration = 1.0 if quick else 5.0
    sizes = [10 * KB, 100 * KB, MB] + ([] if quick else [10 * MB])
    stream_count = 2_000 if quick else 100_000

    print("machine:", platform.platform(), "|", platform.machine(), "|", cpu_name(),
          "| cpus:", os.cpu_count())
    print("python: ", platform.python_implementation(), platform.python_version(),
          "| her2_interpret", getattr(her2_interpret, "__version__", "?"))
    print(f"corpus: {len(texts)} texts, mean {statistics.mean(map(len, texts)):.0f} chars;"
          f" run: {'quick' if quick else 'full'}\n", flush=True)

    print("measuring ...", file=sys.stderr, flush=True)
    short = [t for t in texts if len(t) <= SNIPPET_MAX]  # the short snippets: one result block each
    print(f"snippets: {len(short)} corpus texts of at most {SNIPPET_MAX} chars, mean "
          f"{statistics.mean(map(len, short)):.0f} chars\n", flush=True)
    snippets, _ = rate(short, duration)
    reports, _ = rate(build_reports(texts, 4 * KB, 50), duration)
    table = scaling(texts, sizes, ["reports", *ADVERSARIAL], give_up=60.0 if quick else 300.0)
    memory, stream_s = peak_memory(texts, stream_count)
    imp, first_record, slowest = import_time(5)
    workers = sorted({1, 2, os.cpu_count() or 1})
    load_before = load_average()
    pool = pool_rates(texts[: 300 if quick else len(texts)], workers, rounds=1 if quick else 3)
    load_after = load_average()

    rows = [
        ("short snippets / s", f"{snippets:,.0f}", f">= {TARGETS['snippets']:,}", snippets >= TARGETS["snippets"]),
        ("4 KB reports / s", f"{reports:,.0f}", f">= {TARGETS['reports_4kb']:,}", reports >= TARGETS["reports_4kb"]),
        ("import her2_interpret", f"{imp:.3f} s", f"< {TARGETS['import_s']} s", imp < TARGETS["import_s"]),
        ("import and first record", f"{first_record:.3f} s", "(no target)", True),
        (f"peak memory, {stream_count:,} reports streamed", f"{memory:.1f} MB ({stream_s:.0f} s traced)",
         f"< {TARGETS['memory_mb']} MB", memory < TARGETS["memory_mb"]),
    ]
    width = max(len(r[0]) for r in rows) + 2
    print(f"{'metric':<{width}}{'value':<28}{'target':<14}ok")
    for name, value, target, ok in rows:
        print(f"{name:<{width}}{value:<28}{target:<14}{verdict(ok)}")

    print(f"\ntime per MB (s/MB) by input size; target: s/MB at {human(sizes[-1])} / s/MB at "
          f"{human(sizes[0])} < {TARGETS['flatness']}")
    print(f"{'input':<10}" + "".join(f"{human(s):>10}" for s in sizes) + f"{'MB/s@max':>10}{'ratio':>8}  ok")
    all_ok = all(r[3] for r in rows)
    for kind, by_size in table.items():
        first, last = by_size[sizes[0]], by_size[sizes[-1]]
        ratio = last / first if first and last is not None else None
        ok = ratio is not None and ratio < TARGETS["flatness"]
        all_ok = all_ok and ok
        cells = "".join(f"{v:10.3f}" if v is not None else f"{'too slow':>10}" for v in by_size.values())
        mbps = f"{1 / last:10.2f}" if last else f"{'-':>10}"
        shown = "-" if ratio is None else f"{ratio:.2f}"
        print(f"{kind:<10}{cells}{mbps}{shown:>8}  {verdict(ok)}")

    base, base_cpu = pool[1]
    print(f"\nprocess pool (interpret_many(texts, workers=N), corpus texts, mean "
          f"{statistics.mean(map(len, texts)):.0f} chars; load average {load_before} before, {load_after} after):")
    print(f"{'workers':<10}{'records/s':>12}{'speed-up':>10}{'ms CPU/rec':>12}{'efficiency':>12}{'on N idle cores':>17}")
    for count, (value, cost) in pool.items():
        efficiency = base_cpu / cost if cost else 0.0
        print(f"{count:<10}{value:12.1f}{value / base:10.2f}{cost * 1000:12.2f}{efficiency:12.2f}"
              f"{count * efficiency:16.2f}x")

    print("\nslowest imports of the import and first call (cumulative s):", ", ".join(f"{m.strip()} {s:.3f}" for m, s in slowest))
    print("\nall targets met" if all_ok else "\nsome targets missed (MISS above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
