"""A process pool on one machine: :func:`her2_interpret.interpret_many` with ``workers=N``.

Interpreting is pure Python and CPU-bound, so threads do not run it in parallel (the GIL); processes
do. Texts go to the workers in chunks (fewer, larger messages), at most ``2 * workers`` chunks are in
flight at once (an endless stream stays bounded in memory, and a slow consumer holds the workers
back rather than piling results up), and results come back in input order. A text that fails is
caught in the worker, so the rest of its chunk and the run go on; ``errors`` decides whether the
failure raises at its position or yields an :class:`~her2_interpret.errors.ItemError`.

The function that interprets one text (:func:`her2_interpret.interpret`) is given by the caller,
:func:`~her2_interpret.interpret_many`, so that this module does not import the API that calls it; it
must be picklable (a module-level function) to reach the workers.

Stdlib only (:mod:`concurrent.futures`). For many machines use an engine: :mod:`her2_interpret.dask`
or :mod:`her2_interpret.spark`.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .errors import ItemError, item_error, safe_not_text_error
from .result import Interpretation

#: Texts a worker gets at once when ``chunksize`` is not given: at about 2-10 ms a text, a chunk is
#: well under a second of work (the pool balances well) and its message costs little next to it.
DEFAULT_CHUNKSIZE = 32

#: Chunks in flight per worker: one being worked on and one waiting, so no worker idles between them.
IN_FLIGHT_PER_WORKER = 2

#: A text the worker should read only for its failure (not a str: its error was made here).
_Item = Any

#: What interprets one text: :func:`her2_interpret.interpret`, or a stand-in in a test.
Interpret = Callable[..., Interpretation]


def _warm(interpret: Interpret) -> None:
    """Worker initializer: load the library and compile its patterns once per process."""
    interpret("ER: positive (95%)").to_record()


def _run_chunk(
    interpret: Interpret, items: list[_Item], options: dict[str, Any]
) -> list[Interpretation | BaseException]:
    """Interpret one chunk in a worker; a failure is returned in its place, not raised."""
    out: list[Interpretation | BaseException] = []
    for item in items:
        if isinstance(item, BaseException):  # not a str: the parent made its error
            out.append(item)
            continue
        try:
            out.append(interpret(item, **options))
        except Exception as exc:  # noqa: BLE001 - returned to the parent, which decides
            out.append(_portable(exc))
    return out


def _portable(exc: Exception) -> Exception:
    """``exc`` if it survives pickling, else a RuntimeError of its type name (never its text)."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(exc).__name__} in a worker")


def _chunks(texts: Iterable[Any], size: int) -> Iterator[list[_Item]]:
    iterator = iter(texts)
    while True:
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield [text if isinstance(text, str) else safe_not_text_error(text) for text in chunk]


def interpret_pool(
    interpret: Interpret,
    texts: Iterable[Any],
    workers: int,
    chunksize: int | None,
    progress: Callable[[int, int | None], Any] | None,
    total: int | None,
    errors: str,
    options: dict[str, Any],
    mp_context: Any = None,
) -> Iterator[Interpretation | ItemError]:
    """The generator behind ``interpret_many(texts, workers=N)`` (N > 1): ``interpret`` applied to each
    text in a pool of ``workers`` processes; arguments checked there."""
    size = DEFAULT_CHUNKSIZE if chunksize is None else chunksize
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"chunksize must be an int >= 1, not {chunksize!r}")
    return _generate(interpret, texts, workers, size, progress, total, errors, options, mp_context)


def _generate(
    interpret: Interpret,
    texts: Iterable[Any],
    workers: int,
    size: int,
    progress: Callable[[int, int | None], Any] | None,
    total: int | None,
    errors: str,
    options: dict[str, Any],
    mp_context: Any,
) -> Iterator[Interpretation | ItemError]:
    chunks = _chunks(texts, size)
    pending: deque[Future[list[Interpretation | BaseException]]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    done = 0
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=mp_context, initializer=_warm, initargs=(interpret,)
    )
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append(executor.submit(_run_chunk, interpret, chunk, options))
            if not pending:
                return
            for result in pending.popleft().result():
                if isinstance(result, BaseException):
                    if errors == "raise":
                        raise result
                    yield item_error(done, result)
                else:
                    yield result
                done += 1
            if progress is not None:
                progress(done, total)
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
