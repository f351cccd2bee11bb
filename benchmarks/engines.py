#!/usr/bin/env python3
"""Throughput of each way to run her2_interpret at scale, on this machine, on the same texts:

    python benchmarks/engines.py                 # serial, the process pool, Dask, Spark local[N]
    python benchmarks/engines.py --count 2000 --engines serial pool dask-distributed

Texts: the corpus texts (tests/corpus/**/*.jsonl), cycled to ``--count``. Each engine's rate is
records per second from the first text in to the last record out (as a job would see it), after
its start-up, which is given apart (a pool's start-up is in its rate: it starts per call). Needs the
'dask' and 'spark' extras (and Java for Spark); an engine whose extra is missing is skipped.
Nothing here prints report text.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))

from her2_interpret import interpret, interpret_many  # noqa: E402

ENGINES = ("serial", "pool", "dask-sync", "dask-threads", "dask-distributed", "spark")


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def cpu_seconds() -> float:
    """CPU seconds of this process and of its reaped children (a pool's workers after shutdown)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _worker_cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def timed(function: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def run_serial(texts: list[str], cores: int) -> tuple[float, float]:
    _, seconds = timed(lambda: [interpret(t).to_record() for t in texts])
    return 0.0, seconds


def run_pool(texts: list[str], cores: int) -> tuple[float, float]:
    _, seconds = timed(lambda: [r.to_record() for r in interpret_many(texts, workers=cores)])
    return 0.0, seconds


def _frame(texts: list[str], partitions: int) -> Any:
    import dask.dataframe as dd
    import pandas as pd

    return dd.from_pandas(pd.DataFrame({"id": range(len(texts)), "text": texts}), npartitions=partitions)


def run_dask(scheduler: str) -> Any:
    def run(texts: list[str], cores: int) -> tuple[float, float]:
        from her2_interpret.dask import interpret_frame

        if scheduler != "distributed":
            frame = _frame(texts, partitions=cores * 8)
            kwargs = {"num_workers": cores} if scheduler == "threads" else {}
            _, seconds = timed(lambda: frame.pipe(interpret_frame, keep=["id"]).compute(scheduler=scheduler, **kwargs))
            return 0.0, seconds
        from distributed import Client, LocalCluster

        (cluster, client), start = timed(lambda: _cluster(cores, LocalCluster, Client))
        try:
            client.run(lambda: interpret("ER: positive").to_record())  # the library in each worker
            frame = _frame(texts, partitions=cores * 8)
            before_workers, before_self = sum(client.run(_worker_cpu).values()), cpu_seconds()
            _, seconds = timed(lambda: frame.pipe(interpret_frame, keep=["id"]).compute())
            used = sum(client.run(_worker_cpu).values()) - before_workers + cpu_seconds() - before_self
            EXTRA_CPU["dask-distributed"] = used
        finally:
            client.close()
            cluster.close()
        return start, seconds

    return run


def _cluster(cores: int, LocalCluster: Any, Client: Any) -> tuple[Any, Any]:
    cluster = LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None)
    return cluster, Client(cluster)


def run_spark(texts: list[str], cores: int) -> tuple[float, float]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    import pandas as pd
    from pyspark.sql import SparkSession

    from her2_interpret.spark import interpret_spark

    def start() -> Any:
        session = (
            SparkSession.builder.master(f"local[{cores}]").config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        # start the Python workers and load the library in them before timing
        warm = session.createDataFrame(pd.DataFrame({"text": ["ER: positive"] * cores * 4}))
        interpret_spark(warm.repartition(cores)).count()
        return session

    session, started = timed(start)
    try:
        frame = session.createDataFrame(pd.DataFrame({"id": range(len(texts)), "text": texts}),
                                        "id long, text string").repartition(cores * 8).cache()
        frame.count()  # the texts in Spark before timing: a job reads them from storage
        # write to nowhere: every record is built and converted, nothing is collected to the driver
        _, seconds = timed(lambda: interpret_spark(frame, keep=["id"]).write.format("noop").mode("overwrite").save())
    finally:
        session.stop()
    return started, seconds


#: CPU seconds an engine measured itself (processes that are not this one's reaped children).
EXTRA_CPU: dict[str, float] = {}

RUNNERS = {
    "serial": run_serial,
    "pool": run_pool,
    "dask-sync": run_dask("sync"),
    "dask-threads": run_dask("threads"),
    "dask-distributed": run_dask("distributed"),
    "spark": run_spark,
}


def available(engine: str) -> str | None:
    """Why ``engine`` cannot run here, or None."""
    import importlib.util
    import shutil

    if engine.startswith("dask") and importlib.util.find_spec("dask") is None:
        return "no dask (pip install -e '.[dask]')"
    if engine == "dask-distributed" and importlib.util.find_spec("distributed") is None:
        return "no distributed (pip install -e '.[dask]')"
    if engine == "spark":
        if importlib.util.find_spec("pyspark") is None:
            return "no pyspark (pip install -e '.[spark]')"
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            return "no Java runtime"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=4000, help="texts per engine (default 4000)")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="workers/cores (default: all)")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", category=FutureWarning)  # pyspark on pandas 3

    corpus = corpus_texts()
    texts = list(itertools.islice(itertools.cycle(corpus), args.count))
    interpret("ER: positive").to_record()  # patterns compiled before anything is timed
    print("machine:", platform.platform(), "| cpus:", os.cpu_count(), "| cores used:", args.cores)
    print("python:", platform.python_version(), "| load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"texts: {len(texts)} (the {len(corpus)} corpus texts cycled), mean "
          f"{statistics.mean(map(len, texts)):.0f} chars\n", flush=True)
    print(f"{'engine':<18}{'start-up s':>11}{'run s':>9}{'records/s':>11}{'vs serial':>11}{'ms CPU/rec':>12}")
    base = None
    for engine in args.engines:
        reason = available(engine)
        if reason:
            print(f"{engine:<18}skipped: {reason}")
            continue
        cpu_before = cpu_seconds()
        start, seconds = RUNNERS[engine](texts, args.cores)
        used = EXTRA_CPU.get(engine, cpu_seconds() - cpu_before)
        rate = len(texts) / seconds
        base = base or (rate if engine == "serial" else None)
        ratio = f"{rate / base:11.2f}" if base else f"{'-':>11}"
        # Spark's Python workers are the JVM's children, not this process's: their CPU is not seen
        cost = f"{used / len(texts) * 1000:12.2f}" if engine != "spark" else f"{'n/a':>12}"
        print(f"{engine:<18}{start:11.1f}{seconds:9.1f}{rate:11.1f}{ratio}{cost}", flush=True)
    print("\nload average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
