"""The batch: scan an inbox, process new or changed documents, store them, summarise.

``process_file`` is the per-document function: pure (no database), picklable result, so it runs
the same in this process, in supervised worker processes (``--workers``) or on a distributed
engine. The
database writer stays single: only the parent process writes, one transaction per document.

One document never stops the batch: whatever happens to it after the scan (an unreadable file,
an extractor's exception, a text too long, the time budget spent, its worker process killed)
becomes that document's ``failed`` row with the reason. A failed document is read again on the
next run, unless its own bytes failed (``readers.ContentError``: a password, damage, no text) and
are unchanged: reading them again would fail the same way, after up to the whole time budget.
"""
from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from extractors.model import DocumentMeta, SourceBlock, Task
from extractors.rules import message

from . import normalize, readers, store
from .lock import batch_lock, lock_path
from .normalize import assemble
from .numbers import number
from .readers.limits import HARD_STOP_SECONDS, READ_SECONDS
from .store import backups

IGNORED_PREFIXES = (".", "~$")
MOST_EARLY = 64  # results held back for an earlier document still being read (a few MB)
DOCUMENT_SECONDS = READ_SECONDS  # reading and extraction of one document together


@dataclass
class Processed:
    path: str
    sha256: str
    size: int
    mtime: int | None = None  # st_mtime_ns seen when the file was hashed
    error: str | None = None
    content_error: bool = False  # the error is the file's own bytes': the same bytes fail again
    text: str = ""
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    blocks: list[SourceBlock] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    read_method: str = ""
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    text_quality: float | None = None
    page_methods: list[str] | None = None
    review_reasons: list[str] = field(default_factory=list)  # the document's, for the clerk
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Summary:
    processed: int = 0
    skipped: int = 0
    unchanged_failures: int = 0  # failed on their own bytes before, unchanged: not read again
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path), same bytes
    failed: int = 0
    removed: int = 0
    tasks: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    # corrections that could not be carried to the new text of their directive (store.corrections)
    unplaced: list[dict] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds, over all documents


def sha256_of(path: Path) -> str:
    if not path.is_file():  # hashing a FIFO would block: the reader says what the path is
        raise OSError(f"not a regular file: {path}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def path_text(path: Path) -> str:
    """The path as stored: a name in a legacy 8-bit encoding (an old Windows archive unpacked
    here) keeps its undecodable bytes as \\xNN escapes instead of crashing SQLite's UTF-8."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def scan(inbox: Path, own: Callable[[Path], bool] = lambda path: False) -> list[Path]:
    """Every candidate document below the inbox, in a stable order; none of the ``own`` files
    (``own_files``)."""
    return sorted(p for p in inbox.rglob("*")  # pipes, broken links too: they get their error
                  if not p.is_dir() and not p.name.startswith(IGNORED_PREFIXES) and not own(p))


def own_files(db_path: Path) -> Callable[[Path], bool]:
    """Whether a path is the run's own: its database, the files SQLite keeps beside it, its
    batch lock, its backups (``backups.is_backup``). A database kept inside the inbox (``--inbox
    D:\\VanBan --db D:\\VanBan\\tasks.db``) is no document."""
    database = db_path.resolve()
    names = {Path(f"{database}{companion}") for companion in ("", *backups.SQLITE_COMPANIONS)}
    names.add(lock_path(database))

    def own(path: Path) -> bool:  # a path below the resolved inbox, as ``scan`` gives it
        return path in names or backups.is_backup(path, database)
    return own


def process_file(path: Path, sha256: str, size: int, mtime: int | None = None) -> Processed:
    """Read, normalise and extract one document. Readers stop taking pages after READ_SECONDS;
    past DOCUMENT_SECONDS in all, ``supervised_results`` stops the process. Never raises for a
    bad document: ``error`` says why nothing could be stored."""
    result = Processed(path=path_text(path), sha256=sha256, size=size, mtime=mtime)
    clock = time.perf_counter()
    try:
        read = readers.read(path)
    except readers.ReadError as exc:
        result.error, result.content_error = str(exc), isinstance(exc, readers.ContentError)
        return result
    except Exception as exc:  # a reader library's own failure on a hostile file
        result.error = str(readers.library_failure(message(
            "unreadable_file", suffix=path.suffix or "(không có đuôi)"), exc))
        result.content_error = True
        return result
    result.timings["read"] = time.perf_counter() - clock
    result.error = changed_since_planned(path, sha256)
    if result.error:
        return result

    clock = time.perf_counter()
    blocks = read.blocks + read.apart  # headers and footers after the body: never tasks
    for block in blocks:
        block.text = normalize.clean(block.text)
    result.text = assemble(blocks)
    result.timings["normalise"] = time.perf_counter() - clock
    if not result.text.strip():
        # with what the reader saw: "tệp có đuôi .docx nhưng thực chất là ảnh JPEG; ..."
        result.error = "; ".join([message("empty_document"), *read.warnings[:1]])
        result.content_error = "none" not in (read.page_methods or [])  # not a page left unread
        return result

    result.blocks, result.read_method = blocks, read.method
    result.encoding, result.warnings = read.encoding, list(read.warnings)
    result.text_quality, result.page_methods = read.quality, read.page_methods
    body = result.text[:read.blocks[-1].end] if read.blocks else ""
    result.error = extract(result, body, ocr=read.method == "ocr")
    return result


def extract(result: Processed, body: str, ocr: bool) -> str | None:
    """Fill ``result`` with the extraction of ``body`` (the text before headers and footers);
    why not, if not."""
    from extractors import extract_document  # imported here so worker processes load it once
    from extractors.language import MAX_TEXT_CHARS

    if len(result.text) > MAX_TEXT_CHARS:
        result.content_error = True
        return message("too_long", length=number(len(result.text)), limit=number(MAX_TEXT_CHARS))
    try:
        extraction = extract_document(body, ocr=ocr)
    except Exception as exc:  # a bug met on this document only: the others go on
        return message("extraction_failed", kind=exc.__class__.__name__, error=exc)
    result.meta, result.tasks = extraction.meta, extraction.tasks
    result.review_reasons = readers.quality.review_reasons(result.text, result.text_quality,
                                                           len(result.tasks), result.page_methods)
    result.timings.update(extraction.timings)
    return None


def changed_since_planned(path: Path, sha256: str) -> str | None:
    """Why the file read is not the version planned (removed, still being written), if it is not."""
    if not sha256:
        return None
    try:
        if sha256_of(path) == sha256:
            return None
    except OSError:
        return message("removed_while_read")
    return message("changed_while_read")


Job = tuple[Path, str, int, int | None]  # process_file's arguments: path, sha256, size, mtime
Engine = Callable[[list[Job], int], Iterable[Processed]]  # (jobs, workers) → results


@dataclass
class Plan:
    """What a run does with an inbox (``plan``)."""

    jobs: list[Job]
    skipped: int  # read before, unchanged
    unchanged_failures: int  # failed on their own bytes before, unchanged: not read again
    removed: list[str]  # stored paths gone from the inbox
    moved: list[tuple[str, str]]  # (old path, new path): a stored file renamed or moved


def plan(db, inbox: Path, force: bool, retry_failed: bool = False,
         own: Callable[[Path], bool] = lambda path: False) -> Plan:
    """What to do with this inbox's files.

    Paths are the resolved inbox's, so one folder spelled several ways (relative, with ``..``,
    through a symlink) is one set of documents. A file stored ``ok`` with the size and
    modification time stored for it is unchanged without being read; any other file is hashed,
    and skipped if its SHA-256 is the stored one (its new mtime is recorded so the next scan need
    not hash it again). A failed document is read again when what failed may have been outside
    the file (a missing program, a copy not finished, a busy machine, a crash); one whose own
    bytes failed (``content_error``) is read again only if they changed, or with
    ``retry_failed``. ``force`` reads every file. A new path holding the bytes of a stored
    document whose path is gone from the inbox is that file renamed or moved (``moved_files``):
    the document takes the new path, keeping its id, its tasks' ids, corrections and statuses.
    The ``own`` files (``own_files``: the database, its lock and backups) are left out; rows an
    older run stored for them are marked removed, silently.
    """
    inbox = inbox.resolve()
    known = store.known_documents(db)
    stale = {path: known.pop(path) for path in list(known) if own(Path(path))}
    store.mark_removed(db, [path for path, row in stale.items() if row["status"] != "removed"])
    jobs, seen, touched = [], set(), {}
    skipped = {"ok": 0, "failed": 0}
    for path in scan(inbox, own):
        key = path_text(path)
        seen.add(key)
        row = known.get(key)
        stored = row if row and not force and _kept_unchanged(row, retry_failed) else None
        try:
            stat = path.stat()
            if stored and (stored["size"], stored["mtime"]) == (stat.st_size, stat.st_mtime_ns):
                skipped[stored["status"]] += 1
                continue
            digest = sha256_of(path)
        except OSError:  # vanished or unreadable: process_file records the reason
            jobs.append((path, "", -1, None))
            continue
        if stored and stored["sha256"] == digest:
            skipped[stored["status"]] += 1
            touched[key] = stat.st_mtime_ns
            continue
        jobs.append((path, digest, stat.st_size, stat.st_mtime_ns))
    store.record_mtimes(db, touched)
    removed = [p for p, row in known.items()
               if p not in seen and row["status"] != "removed" and _under(p, inbox)]
    moved = moved_files(jobs, known, removed)
    store.move_documents(db, [(old, path_text(job[0]), job[3]) for old, job in moved])
    for old, job in moved:
        removed.remove(old)
        if _kept_unchanged(known[old], retry_failed):
            jobs.remove(job)  # else read again, as at its old path
    return Plan(jobs, skipped["ok"], skipped["failed"], removed,
                [(old, path_text(job[0])) for old, job in moved])


def _kept_unchanged(row: dict, retry_failed: bool) -> bool:
    """Whether a stored document needs no new read while its bytes are unchanged: read ``ok``,
    or failed on its own bytes (``content_error``) unless ``retry_failed``."""
    return row["status"] == "ok" or (
        row["status"] == "failed" and bool(row["content_error"]) and not retry_failed)


def moved_files(jobs: list[Job], known: dict[str, dict],
                removed: list[str]) -> list[tuple[str, Job]]:
    """(old path, job) for each job of a path never stored whose SHA-256 is that of a stored
    document whose path is gone (``removed``): the same file renamed or moved. Of several new
    copies of one gone file, the first (in the inbox's order) takes its place."""
    gone: dict[str, str] = {}
    for path in removed:
        gone.setdefault(known[path]["sha256"], path)
    return [(gone.pop(job[1]), job) for job in jobs
            if job[1] in gone and path_text(job[0]) not in known]


def _under(path: str, inbox: Path) -> bool:
    return Path(path).resolve().is_relative_to(inbox.resolve())


def _results(jobs: list[Job], workers: int) -> Iterator[Processed]:
    if workers == 0:
        return (process_file(*job) for job in jobs)
    return supervised_results(jobs, workers)


def in_job_order(results: Iterable[Processed], jobs: list[Job],
                 most_early: int = MOST_EARLY) -> Iterator[Processed]:
    """``results`` in the order of ``jobs`` (the inbox's sorted paths), whichever worker finished
    first: the documents, and so the task ids, of an inbox are numbered the same on every run (the
    README's ids are those of a fresh ``make run``). A result waits for those of earlier jobs
    still being read; when ``most_early`` results wait (the others read on during a slow scan),
    the earliest of them goes on, so memory stays bounded and only that batch's ids shift."""
    position = {path_text(job[0]): index for index, job in enumerate(jobs)}
    early: dict[int, Processed] = {}
    due = 0
    for result in results:
        early[position[result.path]] = result
        while due in early or len(early) > most_early:
            due = due if due in early else min(early)
            yield early.pop(due)
            due += 1
    yield from (early[index] for index in sorted(early))  # after a job that gave no result


class WorkerError(Exception):
    """A worker process died before its first document; the message is for the clerk."""


@dataclass
class Worker:
    """One process of ``supervised_results``, reading one document at a time."""

    process: BaseProcess
    connection: Connection
    job: Job | None = None  # the document it reads; None while it loads the extractor
    deadline: float = math.inf  # the time.monotonic() time by which it must be done with it

    @classmethod
    def start(cls) -> Worker:
        """A spawned process (no copy of this process's descriptors, the batch lock's among
        them) running ``_serve``."""
        context = multiprocessing.get_context("spawn")
        connection, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs,))
        process.start()
        theirs.close()  # so that the process's death reads here as the end of the pipe
        return cls(process, connection)

    def give(self, job: Job) -> None:
        self.job, self.deadline = job, time.monotonic() + DOCUMENT_SECONDS + HARD_STOP_SECONDS
        try:
            self.connection.send(job)
        except OSError:  # it has just died: the end of its pipe is read as such, and reported
            pass

    def stop(self) -> None:
        """End the process, whatever it is doing: waiting, or stuck inside a library."""
        self.process.kill()
        self.process.join()
        self.connection.close()

    def failed(self, error: str) -> Processed:
        """Its document's failed result."""
        path, sha256, size, mtime = self.job
        return Processed(path=path_text(path), sha256=sha256, size=size, mtime=mtime, error=error)


def supervised_results(jobs: list[Job], workers: int) -> Iterator[Processed]:
    """``process_file`` over ``workers`` processes, results in the order they complete.

    Each process reads one document at a time: memory is bounded by the number of workers, and
    the document of each is known. A process still on its document DOCUMENT_SECONDS +
    HARD_STOP_SECONDS after it got it (stuck inside pdfplumber, Tesseract, a converter, the
    extractor) is killed and that document gets ``over_budget``; one that dies (the OOM killer,
    a kill -9) gets ``worker_killed`` (rules/messages.yml); a new process takes the next document
    and the batch goes on.
    Raises WorkerError when a process dies before its first document (it could not load the
    extractor: the next would not either).
    """
    waiting, running = deque(jobs), {}
    for _ in range(min(workers, len(jobs))):
        worker = Worker.start()
        running[worker.connection] = worker
    try:
        while running:
            soonest = min(worker.deadline for worker in running.values())
            timeout = None if soonest == math.inf else max(soonest - time.monotonic(), 0)
            for connection in wait(list(running), timeout):
                worker = running.pop(connection)
                try:
                    result = connection.recv()  # None: ready for its first document
                except (EOFError, OSError):
                    yield _replace(worker, message("worker_killed"), waiting, running)
                    continue
                _take_next(worker, waiting, running)
                if result is not None:
                    yield result
            for worker in [w for w in running.values() if w.deadline <= time.monotonic()]:
                del running[worker.connection]
                yield _replace(worker, message("over_budget", seconds=DOCUMENT_SECONDS),
                               waiting, running)
    finally:
        for worker in running.values():
            worker.stop()


def _take_next(worker: Worker, waiting: deque[Job], running: dict[Connection, Worker]) -> None:
    """Give ``worker`` the next waiting document, or end it if there is none."""
    if waiting:
        worker.give(waiting.popleft())
        running[worker.connection] = worker
    else:
        worker.stop()


def _replace(worker: Worker, error: str, waiting: deque[Job],
             running: dict[Connection, Worker]) -> Processed:
    """Stop ``worker``, start another if documents wait; its document's failed result."""
    worker.stop()
    if worker.job is None:
        raise WorkerError(message("worker_not_started"))
    if waiting:
        replacement = Worker.start()
        running[replacement.connection] = replacement
    return worker.failed(error)


def _serve(connection: Connection) -> None:
    """A worker process: load the extractor, say so (None), then answer each job received with
    ``process_file``'s result, until the pipe closes."""
    from extractors.language import nlp

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the workers
    _exit_with_parent()
    nlp()
    connection.send(None)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(process_file(*job))


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def write(db, result: Processed) -> int:
    """Store one result; returns the document's id."""
    if result.error:
        return store.save_failure(db, path=result.path, sha256=result.sha256 or None,
                                  size=result.size if result.size >= 0 else None,
                                  error=result.error, mtime=result.mtime,
                                  content_error=result.content_error)
    return store.save_document(db, path=result.path, sha256=result.sha256, size=result.size,
                        text=result.text, meta=result.meta, blocks=result.blocks,
                        tasks=result.tasks, read_method=result.read_method,
                        encoding=result.encoding, warnings=result.warnings, mtime=result.mtime,
                        text_quality=result.text_quality, page_methods=result.page_methods,
                        review_reasons=result.review_reasons)


def run(inbox: Path, db_path: Path, *, force: bool = False, retry_failed: bool = False,
        workers: int = 0, progress: Iterable | None = None,
        engine: Engine | None = None) -> Summary:
    """Process ``inbox`` into ``db_path``; ``force`` and ``retry_failed`` as ``plan`` reads
    them. ``workers`` processes read the documents, each
    stopped at its document's deadline (``supervised_results``); 0 reads them in this process,
    with the readers' own deadlines only (tests, a debugger). ``progress`` wraps the result
    stream (a progress bar); ``engine`` runs the jobs elsewhere (``pipeline.cluster``)."""
    with batch_lock(db_path):
        db = store.open_db(db_path)
        # No fsync per document: a power cut can lose the last commits (never corrupt the WAL
        # database), and the next run re-reads those documents. Other connections keep FULL.
        db.execute("PRAGMA synchronous=NORMAL")
        planned = plan(db, inbox, force, retry_failed, own_files(db_path))
        jobs = planned.jobs
        summary = Summary(skipped=planned.skipped, unchanged_failures=planned.unchanged_failures,
                          moved=planned.moved, removed=len(planned.removed))
        results = in_job_order((engine or _results)(jobs, workers), jobs)
        written = []
        for result in (progress(results, len(jobs)) if progress else results):
            clock = time.perf_counter()
            written.append(write(db, result))
            result.timings["store"] = time.perf_counter() - clock
            for stage, seconds in result.timings.items():
                summary.timings[stage] = summary.timings.get(stage, 0.0) + seconds
            if result.error:
                summary.failed += 1
                summary.failures.append((result.path, result.error))
            else:
                summary.processed += 1
                summary.tasks += len(result.tasks)
        # after the new files: one renamed and edited in the same run still finds the directive
        # of its old path as a version of it (directives rule 3), corrections and statuses too
        store.mark_removed(db, planned.removed)
        summary.unplaced = store.unplaced_corrections(db, written)
        db.close()
    return summary
