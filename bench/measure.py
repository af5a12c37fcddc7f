"""One measured configuration, run as ``python -m bench.measure CONFIG_JSON`` in its own process.

Prints one JSON line: the configuration's own figures, wall seconds, CPU seconds of the writer
and its workers (unlike wall time, not inflated by other load on the machine; the memory
sampler's own CPU time is left out, as it grows with the wall time), peak memory sampled every
50 ms: the writer's resident set, and the process tree's proportional set size (PSS: pages
shared by forked workers counted once, so the sum is what the batch really occupies), plus the
largest worker's peak resident set from the kernel.
"""
from __future__ import annotations

import json
import resource
import sys
import threading
import time
from pathlib import Path

import psutil

from pipeline import batch

from . import references

SAMPLE_SECONDS = 0.05


class TreeMemory:
    """Peak memory of this process (RSS) and of it with all its descendants (PSS)."""

    def __init__(self):
        self.own_peak = self.tree_peak = 0
        self.sampler_cpu_seconds = 0.0  # the sampling thread's own: reading smaps is not free
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        self._measure()

    def _sample(self):
        self._measure()
        while not self._done.wait(SAMPLE_SECONDS):
            self._measure()
        self.sampler_cpu_seconds = time.thread_time()

    def _measure(self):
        me, total = psutil.Process(), 0
        for process in [me, *me.children(recursive=True)]:
            try:
                total += process.memory_full_info().pss
            except psutil.Error:  # exited between listing and reading
                pass
        self.own_peak = max(self.own_peak, me.memory_info().rss)
        self.tree_peak = max(self.tree_peak, total)


def run_pipeline(config: dict) -> dict:
    engine = None
    if config.get("engine") == "dask":
        from pipeline.cluster import dask_results as engine
    summary = batch.run(Path(config["inbox"]), Path(config["db"]), workers=config["workers"],
                        force=config.get("force", False), engine=engine)
    return {"documents": summary.processed + summary.failed, "skipped": summary.skipped,
            "failed": summary.failed, "tasks": summary.tasks, "timings": summary.timings}


def run_reference(config: dict) -> dict:
    paths = batch.scan(Path(config["inbox"]))[:config.get("limit")]
    return getattr(references, config["kind"])(paths)


def measure(config: dict) -> dict:
    measured = run_pipeline if config["kind"] == "pipeline" else run_reference
    with TreeMemory() as tree:
        clock, cpu = time.perf_counter(), cpu_seconds()
        figures = measured(config)
        seconds, cpu = time.perf_counter() - clock, cpu_seconds() - cpu
    cpu -= tree.sampler_cpu_seconds
    return {**config, **figures, "seconds": seconds, "cpu_seconds": cpu, "peak_mb": {
        "writer_rss": _mb(tree.own_peak),
        "largest_worker_rss": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024),
        "total_pss": _mb(tree.tree_peak),
    }}


def cpu_seconds() -> float:
    """User + system time of this process and of its children that have exited."""
    usages = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(usage.ru_utime + usage.ru_stime for usage in usages)


def _mb(size: int) -> float:
    return round(size / 2**20, 1)


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(sys.argv[1]))))
