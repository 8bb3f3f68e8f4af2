"""Warm kernels: one Jupyter kernel per worker, reused for every page that worker renders.

Starting a kernel and importing the package cost more than rendering a page: a build of 60 article
pages paid for 60 kernels. Here each worker thread starts one kernel, imports the package into it
once, and runs notebook after notebook on it through papermill (a papermill engine that takes a
running kernel instead of starting one, as nbclient allows). Before each notebook the user
namespace is cleared, so every report starts from fresh variables but warm imports, the way
Quarto's keep-alive Jupyter daemon works.

The kernel speaks over local sockets (IPC), so it neither warns about unencrypted TCP nor opens a
port; what it prints goes to a log file whose last lines a failure message quotes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

from analysis import reasons

KERNEL_NAME = "python3"
KERNEL_START_SECONDS = 180  # a loaded machine starts kernels slowly; a report is not a race
SHUTDOWN_SECONDS = 0.6  # then SIGTERM, then SIGKILL: nothing in a report kernel needs saving
ENGINE_NAME = "pressespiegel-warm"
# What every page imports: paid once per kernel instead of once per page. (textblob-de, 1.8 s,
# loads on a kernel's first article page: corpus and entity pages do not need it.)
WARM_UP = "import analysis, analysis.charts, analysis.views, analysis.display"
FRESH_NAMESPACE = "get_ipython().reset(new_session=False)"
# No output cache and no history database: a report needs neither, and with them every reset
# runs a full garbage collection and writes to SQLite (a tenth of a second per page).
QUIET_SHELL = ["--InteractiveShell.cache_size=0", "--HistoryManager.enabled=False"]

logger = logging.getLogger(__name__)

Job = TypeVar("Job")
Outcome = TypeVar("Outcome")


class KernelError(RuntimeError):
    """The kernel could not start, or died; the message quotes what it printed last."""


class WarmKernelEngine(NBClientEngine):
    """papermill engine that executes on an already running kernel instead of starting one."""

    @classmethod
    def execute_managed_notebook(
        cls, nb_man: Any, kernel_name: str, kernel: WarmKernel | None = None,
        execution_timeout: float | None = None, **_: Any,
    ) -> nbformat.NotebookNode:
        if kernel is None:
            raise ValueError(f"the {ENGINE_NAME} engine needs kernel=WarmKernel(...)")
        client = PapermillNotebookClient(
            nb_man, km=kernel.manager, kernel_name=kernel_name, timeout=execution_timeout,
            log=logger,
        )
        client.kc = kernel.client  # reuse the open channels; nbclient would start new ones
        return client.execute()


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)


class WarmKernel:
    """One running kernel, its package imported, ready for any number of notebooks.

    Use it from the thread that created it: its sockets belong to that thread's event loop.
    """

    def __init__(self, cwd: Path, kernel_name: str = KERNEL_NAME, warm_up: str = WARM_UP):
        self.kernel_name = kernel_name
        self._scratch = Path(tempfile.mkdtemp(prefix="pressespiegel-kernel-"))
        self.log_path = self._scratch / "kernel.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        self.manager = AsyncKernelManager(
            kernel_name=kernel_name, transport="ipc",
            connection_file=str(self._scratch / "kernel.json"),
        )
        self.client: Any = None
        try:
            run_sync(self.manager.start_kernel)(
                cwd=str(cwd), stdout=self._log, stderr=self._log, extra_arguments=QUIET_SHELL
            )
            self.client = self.manager.client()
            self.client.start_channels()
            run_sync(self.client.wait_for_ready)(timeout=KERNEL_START_SECONDS)
            self.run(warm_up)
        except Exception as error:
            said = self.log_tail()
            self.close()
            raise KernelError(reasons.joined(
                reasons.text("kernel_not_started", kernel=kernel_name, error=error), said,
            )) from error

    def run(self, code: str) -> None:
        """Run `code` silently; raise when it fails, with the kernel's own error."""
        reply = run_sync(self.client.execute_interactive)(
            code, silent=True, store_history=False, timeout=KERNEL_START_SECONDS,
            output_hook=lambda _message: None,
        )
        content = reply["content"]
        if content["status"] != "ok":
            raise KernelError(reasons.text(
                "kernel_code_failed", command=repr(code),
                error=f"{content.get('ename')}: {content.get('evalue')}"))

    def execute(self, notebook: Path, parameters: dict) -> nbformat.NotebookNode:
        """Run `notebook` with `parameters` in a fresh namespace; return the executed notebook.

        Raises papermill's PapermillExecutionError when a cell fails (the kernel stays usable)
        and KernelError when the kernel died (start a new one).
        """
        try:
            self.run(FRESH_NAMESPACE)
            return papermill.execute_notebook(
                str(notebook), None, parameters=parameters, engine_name=ENGINE_NAME,
                kernel_name=self.kernel_name, kernel=self, progress_bar=False,
            )
        except DeadKernelError as error:
            raise KernelError(reasons.joined(
                reasons.text("kernel_died", notebook=notebook.name), self.log_tail(),
            )) from error

    def log_tail(self, lines: int = 12) -> str:
        """The last lines the kernel printed, for an error message (its log goes with it)."""
        self._log.flush()
        printed = self.log_path.read_text(encoding="utf-8", errors="replace").strip()
        tail = " | ".join(printed.splitlines()[-lines:])
        return reasons.text("kernel_output", output=tail) if printed else ""

    def alive(self) -> bool:
        return bool(run_sync(self.manager.is_alive)())

    def close(self) -> None:
        """Ask the kernel to stop, end it if it lingers, remove its files.

        jupyter-client's shutdown_kernel interrupts first (a KeyboardInterrupt traceback in the
        log) and then waits 2.5 s for a kernel that often does not exit by itself; a report
        kernel holds nothing worth waiting for, so it gets SHUTDOWN_SECONDS.
        """
        try:
            if self.client is not None:
                self.client.stop_channels()
            if self.manager.has_kernel:
                self.manager.shutdown_wait_time = SHUTDOWN_SECONDS
                run_sync(self.manager.request_shutdown)()
                run_sync(self.manager.finish_shutdown)()
                run_sync(self.manager.cleanup_resources)()
        finally:
            self._log.close()
            shutil.rmtree(self._scratch, ignore_errors=True)


class KernelPool:
    """Worker threads that each start a warm kernel at once and then render jobs from a queue.

    Start the pool before the analysis: the kernels come up and import the package while the
    articles are analysed, so the first page does not wait for them. A worker whose kernel
    cannot start, or dies, reports its jobs as failed instead of hanging the build; a dead
    kernel is replaced before the next job.
    """

    def __init__(self, workers: int, cwd: Path):
        self._pending: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._threads = [
            threading.Thread(target=self._work, args=(cwd,), daemon=True,
                             name=f"report-kernel-{number}")
            for number in range(max(1, workers))
        ]
        for thread in self._threads:
            thread.start()

    def run(self, jobs: Iterable[Job], render: Callable[[WarmKernel, Job], Outcome]
            ) -> Iterator[tuple[Job, Outcome | Exception]]:
        """Yield each job with its outcome, or the error it raised, as soon as it is done."""
        jobs = list(jobs)
        for job in jobs:
            self._pending.put((render, job))
        for _ in jobs:
            yield self._done.get()

    def close(self) -> None:
        """Shut the kernels down once the queued jobs are done."""
        for _ in self._threads:
            self._pending.put(None)
        for thread in self._threads:
            thread.join()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _work(self, cwd: Path) -> None:
        kernel: WarmKernel | None = None
        start_error: Exception | None = None
        try:
            while True:
                if kernel is None and start_error is None:
                    try:
                        kernel = WarmKernel(cwd)
                    except KernelError as error:
                        start_error = error
                item = self._pending.get()
                if item is None:
                    return
                render, job = item
                if kernel is None:
                    self._done.put((job, start_error))
                    continue
                try:
                    self._done.put((job, render(kernel, job)))
                except Exception as error:  # a failed page is reported, the build goes on
                    self._done.put((job, error))
                    if not kernel.alive():
                        kernel.close()
                        kernel = None
        finally:
            if kernel is not None:
                kernel.close()
            _close_thread_loop()


def _close_thread_loop() -> None:
    """Close the event loop run_sync made for this worker thread: left to the garbage collector
    at exit, a loop whose sockets are gone prints a traceback."""
    with contextlib.suppress(RuntimeError):
        asyncio.get_event_loop_policy().get_event_loop().close()
