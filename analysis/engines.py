"""Where the per-article work runs: in this process, in local worker processes, or on Dask.

Each engine takes batches of documents rows and yields (batch number, tables) as batches finish;
workers load their models once and keep them for every batch they get. Any other work of
independent tasks runs the same way (the corpus loader reads web archives so, one per task).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TypeVar

from analysis.errors import UserError
from analysis.extras import require

Batch = TypeVar("Batch")  # what one task gets: documents rows, a file to read
Result = TypeVar("Result")  # what it gives back: tables, manifest entries
ENGINES = ("local", "dask")
MAX_DEFAULT_WORKERS = 4  # each worker holds its models (about 1 GiB at most): a sane default


def default_workers() -> int:
    """Worker processes when not told: one per core, at most MAX_DEFAULT_WORKERS."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


def run_local(work: Callable[[Batch], Result], batches: list[Batch], workers: int) -> Iterator[
    tuple[int, Result]
]:
    if workers <= 1 or len(batches) <= 1:
        yield from enumerate(map(work, batches))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(work, batch): number for number, batch in enumerate(batches)}
        for future in as_completed(futures):
            yield futures[future], future.result()


def run_dask(
    work: Callable[[Batch], Result], batches: list[Batch], scheduler: str | None, workers: int
) -> Iterator[tuple[int, Result]]:
    """On the cluster at `scheduler` (host:port), or on a LocalCluster when None."""
    distributed = require("dask.distributed", "dask", "--engine dask")
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                           processes=True, dashboard_address=None)
    try:
        client = distributed.Client(scheduler or cluster)
    except OSError as error:  # nobody answers at the address given: the option, not a bug
        raise UserError(
            f"cannot reach the Dask scheduler at {scheduler}: {error}; start one there with "
            "`dask scheduler`, or leave out --scheduler for a local cluster"
        ) from error
    try:
        futures = client.map(work, batches, pure=False)
        number_of = {future.key: number for number, future in enumerate(futures)}
        for future in distributed.as_completed(futures):
            yield number_of[future.key], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(
    work: Callable[[Batch], Result],
    batches: list[Batch],
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
) -> Iterator[tuple[int, Result]]:
    if engine == "local":
        return run_local(work, batches, workers)
    if engine == "dask":
        return run_dask(work, batches, scheduler, workers)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
