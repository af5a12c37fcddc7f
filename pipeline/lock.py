"""One batch at a time per database: an operating-system lock on a file beside it.

``filelock`` takes the lock with ``flock`` on POSIX and ``msvcrt.locking`` on Windows, so every
command also runs where there is no ``fcntl``. The system drops the lock when the holder dies,
however it dies, so a lock left by a killed batch is taken over by the next run. Worker
processes never hold it: filelock closes the descriptor in a forked child, and the pool's
workers are spawned (``batch``). The file is named by the database's resolved path, so a
symlink or another spelling of the same database finds the same lock.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from extractors.rules import message


class BatchLocked(Exception):
    """Another run holds the database."""


def lock_path(db_path: Path) -> Path:
    """The lock file of a database: ``<resolved database path>.lock``."""
    return Path(f"{Path(db_path).resolve()}.lock")


def _write_pid(descriptor: int) -> None:
    os.ftruncate(descriptor, 0)
    os.write(descriptor, str(os.getpid()).encode())


@contextmanager
def batch_lock(db_path: Path):
    """Hold the database's batch lock for the block; BatchLocked if another process holds it."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = _file_lock(path)
    try:
        lock.acquire()
    except Timeout:
        raise BatchLocked(message("batch_locked", pid=_holder(path), db=db_path)) from None
    try:
        yield
    finally:
        lock.release()


def _file_lock(path: Path) -> FileLock:
    """The system's lock, which lends its descriptor for the holder's PID; where the system has
    none (a POSIX platform without fcntl), filelock's soft lock, which does not."""
    try:
        return FileLock(path, timeout=0, on_acquired=_write_pid)
    except ValueError:
        return FileLock(path, timeout=0)


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except OSError:  # Windows: the holder's locked byte cannot be read
        return "?"
