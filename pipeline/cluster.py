"""Beyond one machine: ``batch.process_file`` on a Dask cluster, the database writer still here.

The jobs run on Dask workers: a local cluster of ``workers`` processes, or the cluster whose
scheduler ``DASK_SCHEDULER_ADDRESS`` names (its workers must see the inbox at the same paths).
Results come back as they complete and ``batch.run`` writes them through its single
transactional writer. Needs the ``cluster`` extra: ``pip install -e '.[cluster]'``.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from .batch import Job, Processed, process_file

IN_FLIGHT_PER_WORKER = 8  # documents queued on a Dask worker and not yet written: bounds memory


def dask_results(jobs: list[Job], workers: int) -> Iterator[Processed]:
    """Results in completion order, with at most IN_FLIGHT_PER_WORKER jobs per worker queued."""
    from distributed import as_completed

    with _connect(workers) as client:
        in_flight = IN_FLIGHT_PER_WORKER * len(client.scheduler_info()["workers"])
        waiting = iter(jobs)

        def submit(job: Job):
            return client.submit(process_file, *job, pure=False)

        completed = as_completed([submit(job) for job in islice(waiting, in_flight)],
                                 with_results=True)
        for _future, result in completed:
            yield result
            for job in islice(waiting, 1):
                completed.add(submit(job))


def _connect(workers: int):
    import dask
    from distributed import Client

    address = dask.config.get("scheduler-address", None)
    if address:
        client = Client(address)
        client.wait_for_workers(1)
    else:
        client = Client(n_workers=workers, threads_per_worker=1, processes=True,
                        dashboard_address=None)
        client.wait_for_workers(workers)
    return client
