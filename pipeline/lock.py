"""One batch at a time per database: an advisory lock file beside it."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class BatchLocked(Exception):
    """Another run holds the database."""


@contextmanager
def batch_lock(db_path: Path):
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BatchLocked(f"another run is already using {db_path} (pid {holder}); "
                              "wait for it to finish and run again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
