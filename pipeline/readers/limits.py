"""Bounds on what one hostile document may cost: archive size, pages, seconds."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

READ_SECONDS = 600  # hard stop for reading one document (pages, OCR and converters included)
PAGE_SECONDS = 120  # after this long the PDF reader stops taking new pages, with a warning
MAX_PAGES = 300  # pages of a PDF text layer read at most (directives run to tens)
MAX_OCR_PAGES = 60  # scanned pages sent to OCR at most (a few seconds each)
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # a .docx unpacked, all parts together
MAX_COMPRESSION_RATIO = 200  # a large part unpacking to more than this many times its size
LARGE_PART_BYTES = 10 * 1024 * 1024
SUBPROCESS_SECONDS = 120  # antiword, LibreOffice


class TimeLimitExceeded(Exception):
    pass


@contextmanager
def time_limit(seconds: float, message: str):
    """Raise TimeLimitExceeded(message) after ``seconds`` (main thread only: SIGALRM)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
