#!/usr/bin/env python3
"""Throughput, scaling, memory and import time of her2_interpret, with the targets beside them.

    python benchmarks/bench.py                 # the full run (half an hour with today's reader)
    python benchmarks/bench.py --quick         # a short run (sizes up to 1 MB, fewer reports)
    python benchmarks/bench.py --no-profile    # without the profile of the real reports
    python benchmarks/bench.py --json out.json # also write every figure, its target and verdict

Stdlib only, plus the library. Inputs are the real TCGA reports (tests/corpus/shared/real_tcga.jsonl,
OCR'd, ~4.6 KB each), the corpus texts (tests/corpus/**/*.jsonl), reports of ~4 KB built by joining
corpus texts, texts of 10 KB to 10 MB built by joining real reports or corpus texts, and adversarial
inputs (long runs of digits, '%', '+', spaces, 'ER HER2 ', '(' ...). The targets are those of issue
#11, for one core and ``interpret(text).to_record()``. Nothing here prints or writes report text:
only sizes, times, counts, and module and function names of the library.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import itertools
import json
import os
import platform
import pstats
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

#: The targets of issue #11 (one core, ``interpret(text).to_record()``).
TARGETS = {
    "report_4kb_median_ms": 2.0,  # median ms per real-style ~4 KB report, at most
    "snippets_per_s": 5_000,  # snippets per second, at least
    "mb_seconds": 0.5,  # seconds for 1 MB of joined real reports, at most
    "flatness": 2.0,  # time per MB at the largest size / at the smallest size, below
    "import_s": 0.3,  # seconds for ``import her2_interpret`` in a fresh interpreter, at most
    "memory_mb": 100,  # peak traced MB streaming 10N reports, at most
    "memory_flatness": 1.5,  # memory kept after streaming 10N reports / after N reports, below
}

#: A short snippet: a corpus text of at most this many characters (longer ones are whole reports).
SNIPPET_MAX = 400

#: The real reports: OCR'd TCGA pathology reports, the main ~4 KB input.
REAL_REPORTS = ROOT / "tests" / "corpus" / "shared" / "real_tcga.jsonl"

#: Size of a built real-style report, and how many to build (the second 4 KB line).
REPORT_SIZE = 4 * KB
BUILT_REPORTS = 50

#: Size of the text of the 1 MB target, built by joining real reports.
MB_TARGET_SIZE = MB

#: Streaming memory: N corpus texts spread over the corpus, streamed once (N reports) and ten times
#: (10N reports); the flatness ratio compares the two peaks.
STREAM_FACTOR = 10
STREAM_COUNT_QUICK = 50
STREAM_COUNT_FULL = 200

#: Timing rounds over each real or built report (the per-report time is its median over rounds).
ROUNDS_QUICK = 3
ROUNDS_FULL = 7

#: The profile: how many functions of the package to list by cumulative time, and the group names of
#: time spent outside the package's own files.
PROFILE_TOP_FUNCTIONS = 12
GROUP_REGEX = "regex engine"
GROUP_REGEX_PYTHON = "regex/re Python side (compile, cache)"
GROUP_PYDANTIC = "pydantic"
GROUP_BUILTINS = "other built-ins"
GROUP_PROFILER = "(profiler, unattributed)"

#: The package's own source directory; profile entries under it are grouped by path relative to it.
PACKAGE_DIR = Path(her2_interpret.__file__).resolve().parent

#: The warning code of a parse the reader gave up (a pattern hit its time limit, nothing was read).
TIMEOUT_CODE = "parse.timeout"

#: A scaling cell where the reader gave up (read nothing): not a time, and the size fails linearity.
GAVE_UP = -1.0

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
    """Takes nothing; gives the ``text`` of every case of every corpus file (tests/corpus/**/*.jsonl)."""
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    if not texts:
        sys.exit("no corpus texts under tests/corpus")
    return texts


def real_reports() -> list[str]:
    """Takes nothing; gives the texts of the real TCGA reports (:data:`REAL_REPORTS`), in file order."""
    with REAL_REPORTS.open(encoding="utf-8") as handle:
        reports = [json.loads(line)["text"] for line in handle if line.strip()]
    if not reports:
        sys.exit(f"no reports in {REAL_REPORTS.relative_to(ROOT)}")
    return reports


def per_report_ms(reports: list[str], rounds: int) -> list[float]:
    """Takes reports and a number of rounds; gives, for each report, the median over ``rounds`` of
    the milliseconds of ``interpret(report).to_record()`` (each round times every report once, so a
    burst of load on a shared machine touches one round of many reports, not all rounds of one)."""
    for text in reports[:20]:  # warm up caches and lazy compilation
        interpret(text).to_record()
    times: list[list[float]] = [[] for _ in reports]
    for _ in range(rounds):
        for index, text in enumerate(reports):
            started = time.perf_counter()
            interpret(text).to_record()
            times[index].append((time.perf_counter() - started) * 1000)
    return [statistics.median(each) for each in times]


def percentile(values: list[float], fraction: float) -> float:
    """Takes values and a fraction in [0, 1]; gives the value at that rank (nearest rank, sorted)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def profile_group(filename: str, function: str) -> str:
    """Takes a cProfile entry's file name and function name; gives its group: the file's path relative
    to the package (``parser.py``, ``rules/her2.py``, any layout), :data:`GROUP_REGEX` for the regex
    engines' C methods (``_regex``/``re``/``_sre``), :data:`GROUP_REGEX_PYTHON` for the Python code of
    the ``regex``/``re`` modules (compiling, the pattern cache),
    :data:`GROUP_PYDANTIC` for pydantic and pydantic_core, else the top module of a library file
    (``stdlib: functools``) or :data:`GROUP_BUILTINS`."""
    if filename == "~":  # a C function or method: only its name says whose it is
        if "_regex" in function or "re.Pattern" in function or "re.Match" in function or "_sre" in function:
            return GROUP_REGEX
        if "pydantic" in function:
            return GROUP_PYDANTIC
        return GROUP_BUILTINS
    path = Path(filename)
    try:
        return path.resolve().relative_to(PACKAGE_DIR).as_posix()
    except ValueError:
        pass
    parts = path.parts
    if any(part in ("pydantic", "pydantic_core") for part in parts):
        return GROUP_PYDANTIC
    if "regex" in parts or (len(parts) >= 2 and parts[-2] == "re") or path.name in ("re.py", "sre_compile.py", "sre_parse.py"):
        return GROUP_REGEX_PYTHON
    if "site-packages" in parts:
        return "library: " + parts[parts.index("site-packages") + 1]
    return "stdlib: " + (path.parent.name if path.name == "__init__.py" else path.stem)


def profile_reports(reports: list[str]) -> dict:
    """Takes reports; runs ``interpret(report).to_record()`` over them (once unprofiled to warm up,
    then once under cProfile) and gives ``{"reports", "total_ms", "groups": [(group, ms per report,
    share)], "functions": [(name, calls per report, cumulative ms per report, share)]}``: the
    ``tottime`` of every entry summed by :func:`profile_group`, and the package's
    :data:`PROFILE_TOP_FUNCTIONS` functions with the largest cumulative time. Shares are of the wall
    time of the profiled loop; what no entry's own time covers is :data:`GROUP_PROFILER`. cProfile's
    overhead inflates all times, so read the shares."""
    for text in reports:
        interpret(text).to_record()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for text in reports:
        interpret(text).to_record()
    profiler.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profiler).stats  # {(file, line, function): (primitive calls, calls, tottime, cumtime, callers)}
    count = len(reports)
    total = max(wall, sum(entry[2] for entry in stats.values())) or 1e-12
    groups: dict[str, float] = {GROUP_PROFILER: total - sum(entry[2] for entry in stats.values())}
    own = []
    for (filename, line, function), (_, calls, tottime, cumtime, _) in stats.items():
        group = profile_group(filename, function)
        groups[group] = groups.get(group, 0.0) + tottime
        if filename != "~" and group.endswith(".py") and not group.startswith(("stdlib: ", "library: ")):
            own.append((f"{group}:{line}({function})", calls / count, cumtime * 1000 / count, cumtime / total))
    ranked = sorted(groups.items(), key=lambda item: -item[1])
    return {
        "reports": count,
        "total_ms": total * 1000 / count,
        "groups": [(group, seconds * 1000 / count, seconds / total) for group, seconds in ranked],
        "functions": sorted(own, key=lambda item: -item[2])[:PROFILE_TOP_FUNCTIONS],
    }


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
    """Takes a unit and a size; gives the unit repeated to exactly ``size`` characters."""
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


class GaveUp(Exception):
    """The reader stopped on its pattern time limit (warning :data:`TIMEOUT_CODE`): it read nothing,
    so its time is no measure of reading. Holds the seconds it took to give up."""


def seconds_per_mb(text: str, budget: float) -> float:
    """Takes a text and a budget in seconds; gives the seconds per MB of ``interpret(text).to_record()``,
    repeated until ``budget`` seconds (or 1,000 runs) for small inputs, at least once. Raises
    :class:`GaveUp` when the reader stopped on its pattern time limit (nothing read: not a time)."""
    runs, started = 0, time.perf_counter()
    while True:
        result = interpret(text)
        result.to_record()
        runs += 1
        elapsed = time.perf_counter() - started
        if any(w.code == TIMEOUT_CODE for w in result.warnings):
            raise GaveUp(elapsed / runs)
        if elapsed >= budget or runs >= 1000:
            return elapsed / runs / (len(text.encode("utf-8")) / MB)


def scaling(texts: list[str], real: list[str], sizes: list[int], kinds: list[str],
            give_up: float) -> dict[str, dict[int, float | None]]:
    """Takes the corpus texts, the real reports, sizes, kinds and a limit in seconds; gives seconds per
    MB per kind and size. Kind ``real`` is real reports joined, ``reports`` corpus texts joined, any
    other an adversarial unit repeated; a size projected to take over ``give_up`` s is skipped (None),
    one the reader gave up on its pattern time limit is :data:`GAVE_UP` (and larger ones skipped)."""
    table: dict[str, dict[int, float | None]] = {}
    for kind in kinds:
        table[kind] = {}
        per_mb = 0.0
        for size in sizes:
            if per_mb * size / MB > give_up:  # projected from the last size: skip, report "too slow"
                table[kind][size] = None
                continue
            if kind == "real":
                text = build_reports(real, size, 1)[0]
            elif kind == "reports":
                text = build_reports(texts, size, 1)[0]
            else:
                text = repeat_to(ADVERSARIAL[kind], size)
            try:
                per_mb = seconds_per_mb(text, budget=0.3)
            except GaveUp as stop:  # no time to show; larger sizes would give up too
                table[kind][size] = GAVE_UP
                print(f"  {kind:<10} {human(size):>7}: gave up ({TIMEOUT_CODE}) after {stop.args[0]:.1f} s",
                      file=sys.stderr, flush=True)
                per_mb = float("inf")
                continue
            table[kind][size] = per_mb
            print(f"  {kind:<10} {human(size):>7}: {per_mb:8.3f} s/MB", file=sys.stderr, flush=True)
    return table


def stream_pool(texts: list[str], count: int) -> list[str]:
    """Takes texts and a count; gives ``count`` of them evenly spaced across ``texts`` (all kinds and
    sizes of the corpus, not only its first file), the pool both streaming runs cycle over, so that
    N and 10N reports differ in number only, not in what they hold."""
    step = max(1, len(texts) // count)
    return (texts[::step] * (count // len(texts) + 1))[:count]


def peak_memory(texts: list[str], count: int) -> tuple[float, float, float]:
    """Takes texts and a count; gives the peak traced MB, the MB still held after a full garbage
    collection, and the seconds of streaming ``count`` texts (``texts`` cycled) through
    ``interpret_many``, keeping only each record.

    The peak grows slowly with the count (to 1.6 MB at 15,000 reports, measured): memory the
    interpreter's free lists and older garbage generations hold until a full collection, which gives
    it all back. The memory kept after the collection is the leak test: it must not grow."""
    stream = (text for text, _ in zip(itertools.cycle(texts), range(count)))
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    for result in interpret_many(stream):
        result.to_record()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    gc.collect()
    kept, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / MB, kept / MB, elapsed


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
    """Takes nothing; gives the 1, 5 and 15 minute load averages as text, or "n/a"."""
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
    """Takes nothing; gives the CPU model name (from /proc/cpuinfo where there is one)."""
    name = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            name = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), name)
    except OSError:
        pass
    return name or "cpu unknown"


def human(size: int) -> str:
    """Takes a size in bytes; gives it as whole KB or MB."""
    return f"{size // MB} MB" if size >= MB else f"{size // KB} KB"


def verdict(ok: bool | None) -> str:
    """Takes a verdict (None: not measured); gives PASS, FAIL or n/a."""
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def figure(name: str, value: float | None, unit: str, target: float | None, at_most: bool,
           strict: bool = False) -> dict:
    """Takes a measured figure and its target (``at_most``: the value must not exceed it, else reach it;
    ``strict``: below or above it, not equal); gives ``{"name", "value", "unit", "target", "rule",
    "verdict"}``, the verdict None when there is no value or no target."""
    if target is None or value is None:
        ok, rule = None, None
    elif at_most:
        ok, rule = (value < target if strict else value <= target), ("<" if strict else "<=")
    else:
        ok, rule = (value > target if strict else value >= target), (">" if strict else ">=")
    return {"name": name, "value": value, "unit": unit, "target": target, "rule": rule,
            "verdict": verdict(ok)}


def show(value: float | None, unit: str) -> str:
    """Takes a value and its unit; gives it as text with a precision that suits the unit."""
    if value is None:
        return "-"
    if unit == "/s":
        return f"{value:,.0f} /s"
    if unit in ("ms", "s"):
        return f"{value:.3f} {unit}" if value < 10 else f"{value:,.1f} {unit}"
    if unit == "MB":
        return f"{value:.2f} MB"
    return f"{value:.2f}{unit}"


def print_profile(profile: dict) -> None:
    """Takes the result of :func:`profile_reports`; prints the groups and the top functions."""
    count, total = profile["reports"], profile["total_ms"]
    print(f"\nprofile: cProfile over {count} real reports, {total:.2f} ms per report profiled "
          "(cProfile inflates times; read the shares)")
    print("where time goes (own time, grouped by module of the package, or engine):")
    print(f"  {'stage':<34}{'ms/report':>11}{'share':>8}")
    for group, ms, share in profile["groups"]:
        if share >= 0.001:
            print(f"  {group:<34}{ms:11.3f}{share:8.1%}")
    print(f"top {len(profile['functions'])} functions of the package by cumulative time:")
    print(f"  {'function':<58}{'calls/rep':>10}{'cum ms/rep':>11}{'share':>8}")
    for name, calls, ms, share in profile["functions"]:
        print(f"  {name[:58]:<58}{calls:10.1f}{ms:11.3f}{share:8.1%}")


def main(argv: list[str] | None = None) -> int:
    """Takes the command-line arguments; runs the benchmark, prints it, writes --json if asked; gives 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run: sizes to 1 MB, fewer reports")
    parser.add_argument("--profile", action=argparse.BooleanOptionalAction, default=True,
                        help="profile the real reports and print the top stages (default: on)")
    parser.add_argument("--json", metavar="PATH", type=Path,
                        help="write every measured figure, its target and verdict to PATH")
    parser.add_argument("--stream", metavar="N", type=int,
                        help=f"streaming memory: N reports vs {STREAM_FACTOR}N (default {STREAM_COUNT_QUICK} "
                             f"quick, {STREAM_COUNT_FULL} full)")
    args = parser.parse_args(argv)

    texts, real = corpus_texts(), real_reports()
    quick = args.quick
    duration = 1.0 if quick else 5.0
    rounds = ROUNDS_QUICK if quick else ROUNDS_FULL
    sizes = [10 * KB, 100 * KB, MB] + ([] if quick else [10 * MB])
    stream_count = args.stream or (STREAM_COUNT_QUICK if quick else STREAM_COUNT_FULL)
    load_start = load_average()

    print("machine:", platform.platform(), "|", platform.machine(), "|", cpu_name(),
          "| cpus:", os.cpu_count(), "| load average:", load_start)
    print("python: ", platform.python_implementation(), platform.python_version(),
          "| her2_interpret", getattr(her2_interpret, "__version__", "?"))
    print(f"corpus: {len(texts)} texts, mean {statistics.mean(map(len, texts)):.0f} chars;"
          f" real reports: {len(real)}, mean {statistics.mean(map(len, real)):.0f} chars;"
          f" run: {'quick' if quick else 'full'}", flush=True)

    print("measuring ...", file=sys.stderr, flush=True)
    short = [t for t in texts if len(t) <= SNIPPET_MAX]  # the short snippets: one result block each
    built = build_reports(texts, REPORT_SIZE, BUILT_REPORTS)
    print(f"snippets: {len(short)} corpus texts of at most {SNIPPET_MAX} chars, mean "
          f"{statistics.mean(map(len, short)):.0f} chars; built reports: {len(built)} of "
          f"{human(REPORT_SIZE)} (corpus texts joined); per-report times: median of {rounds} rounds\n",
          flush=True)
    real_ms = per_report_ms(real, rounds)
    print(f"  real reports: median {statistics.median(real_ms):.3f} ms", file=sys.stderr, flush=True)
    built_ms = per_report_ms(built, rounds)
    print(f"  built reports: median {statistics.median(built_ms):.3f} ms", file=sys.stderr, flush=True)
    snippets, _ = rate(short, duration)
    print(f"  snippets: {snippets:,.0f} /s", file=sys.stderr, flush=True)
    table = scaling(texts, real, sizes, ["real", "reports", *ADVERSARIAL], give_up=60.0 if quick else 300.0)
    pool_texts = stream_pool(texts, stream_count)
    for text in pool_texts:  # warm up: compile the patterns these texts need before tracing
        interpret(text).to_record()
    memory_small, kept_small, stream_small_s = peak_memory(pool_texts, stream_count)
    memory, kept, stream_s = peak_memory(pool_texts, STREAM_FACTOR * stream_count)
    print(f"  memory: {memory_small:.2f} MB streaming {stream_count:,}, {memory:.2f} MB streaming "
          f"{STREAM_FACTOR * stream_count:,}", file=sys.stderr, flush=True)
    imp, first_record, slowest = import_time(5)
    profile = profile_reports(real) if args.profile else None
    workers = sorted({1, 2, os.cpu_count() or 1})
    load_before = load_average()
    pool = pool_rates(texts[: 300 if quick else len(texts)], workers, rounds=1 if quick else 3)
    load_after = load_average()

    mb_cell = table["real"].get(MB_TARGET_SIZE)
    mb_seconds = None if mb_cell is None else mb_cell * MB_TARGET_SIZE / MB
    if mb_cell == GAVE_UP:
        mb_seconds = None
    real_first, real_last = (cell if cell != GAVE_UP else None for cell in (table["real"][sizes[0]], table["real"][sizes[-1]]))
    real_flatness = real_last / real_first if real_first and real_last is not None else None
    memory_flatness = kept / kept_small if kept_small else None
    figures = [
        figure(f"4 KB real reports ({len(real)} TCGA), median", statistics.median(real_ms), "ms",
               TARGETS["report_4kb_median_ms"], at_most=True),
        figure(f"4 KB built reports ({len(built)}), median", statistics.median(built_ms), "ms",
               TARGETS["report_4kb_median_ms"], at_most=True),
        figure(f"snippets (<= {SNIPPET_MAX} chars) per second", snippets, "/s",
               TARGETS["snippets_per_s"], at_most=False),
        figure(f"{human(MB_TARGET_SIZE)} of real reports joined", mb_seconds, "s",
               TARGETS["mb_seconds"], at_most=True),
        figure(f"linearity, real: s/MB {human(sizes[-1])} / {human(sizes[0])}", real_flatness, "x",
               TARGETS["flatness"], at_most=True, strict=True),
        figure("import her2_interpret", imp, "s", TARGETS["import_s"], at_most=True),
        figure("import and first record", first_record, "s", None, at_most=True),
        figure(f"peak memory streaming {STREAM_FACTOR * stream_count:,} reports", memory, "MB",
               TARGETS["memory_mb"], at_most=True, strict=True),
        figure(f"memory flatness: kept after {STREAM_FACTOR * stream_count:,} / {stream_count:,} reports",
               memory_flatness, "x", TARGETS["memory_flatness"], at_most=True, strict=True),
    ]
    secondary = [  # for the record; no target of their own
        figure("4 KB real reports, 90th percentile", percentile(real_ms, 0.9), "ms", None, at_most=True),
        figure("4 KB real reports, slowest", max(real_ms), "ms", None, at_most=True),
        figure("4 KB built reports, 90th percentile", percentile(built_ms, 0.9), "ms", None, at_most=True),
        figure(f"peak memory streaming {stream_count:,} reports", memory_small, "MB", None, at_most=True),
        figure(f"memory kept after streaming {stream_count:,} reports", kept_small, "MB", None, at_most=True),
        figure(f"memory kept after streaming {STREAM_FACTOR * stream_count:,} reports", kept, "MB", None,
               at_most=True),
        figure(f"seconds streaming {stream_count:,} / {STREAM_FACTOR * stream_count:,} reports (traced)",
               stream_small_s, "s", None, at_most=True),
        figure(f"seconds streaming {STREAM_FACTOR * stream_count:,} reports (traced)", stream_s, "s",
               None, at_most=True),
    ]

    width = max(len(f["name"]) for f in figures + secondary) + 2
    print(f"{'metric':<{width}}{'measured':>16}  {'target':<14}verdict")
    for item in figures + secondary:
        target = "" if item["target"] is None else f"{item['rule']} {show(item['target'], item['unit'])}"
        print(f"{item['name']:<{width}}{show(item['value'], item['unit']):>16}  {target:<14}"
              f"{item['verdict'] if item['target'] is not None else ''}")

    print(f"\ntime per MB (s/MB) by input size; target: s/MB at {human(sizes[-1])} / s/MB at "
          f"{human(sizes[0])} < {TARGETS['flatness']}; 'gave up': {TIMEOUT_CODE}, nothing read")
    print(f"{'input':<10}" + "".join(f"{human(s):>10}" for s in sizes) + f"{'MB/s@max':>10}{'ratio':>8}  verdict")
    flatness = {}
    for kind, by_size in table.items():
        first, last = (cell if cell != GAVE_UP else None for cell in (by_size[sizes[0]], by_size[sizes[-1]]))
        ratio = last / first if first and last is not None else None
        ok = ratio is not None and ratio < TARGETS["flatness"]
        flatness[kind] = {"ratio": ratio, "verdict": verdict(ok)}
        cells = "".join(f"{'gave up':>10}" if v == GAVE_UP else f"{v:10.3f}" if v is not None
                        else f"{'too slow':>10}" for v in by_size.values())
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
    if profile is not None:
        print_profile(profile)

    missed = [f["name"] for f in figures if f["verdict"] == "FAIL"]
    missed += [f"linearity, {kind}" for kind, item in flatness.items() if kind != "real" and item["verdict"] != "PASS"]
    load_end = load_average()
    print(f"\nload average at the end: {load_end}")
    print("all targets met" if not missed else f"{len(missed)} target(s) missed (FAIL above)")

    if args.json:
        result = {
            "machine": {"platform": platform.platform(), "cpu": cpu_name(), "cpus": os.cpu_count(),
                        "python": platform.python_version(),
                        "her2_interpret": getattr(her2_interpret, "__version__", "?"),
                        "load_average": {"start": load_start, "end": load_end}},
            "run": "quick" if quick else "full",
            "targets": TARGETS,
            "figures": figures + secondary,
            "scaling_s_per_mb": {kind: {str(size): ("gave up" if value == GAVE_UP else value)
                                        for size, value in by_size.items()}
                                 for kind, by_size in table.items()},
            "flatness": {kind: {"ratio": item["ratio"], "target": TARGETS["flatness"], "rule": "<",
                                "verdict": item["verdict"]} for kind, item in flatness.items()},
            "pool": {str(count): {"records_per_s": value, "cpu_ms_per_record": cost * 1000}
                     for count, (value, cost) in pool.items()},
            "slowest_imports_s": [[m.strip(), s] for m, s in slowest],
            "profile": None if profile is None else {
                "reports": profile["reports"], "total_ms_per_report": profile["total_ms"],
                "groups": [{"group": g, "ms_per_report": ms, "share": sh} for g, ms, sh in profile["groups"]],
                "functions": [{"function": n, "calls_per_report": c, "cumulative_ms_per_report": ms, "share": sh}
                              for n, c, ms, sh in profile["functions"]],
            },
            "all_targets_met": not missed,
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
