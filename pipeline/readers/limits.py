"""Bounds on what one hostile document may cost: archive size, inflated streams, pages, seconds."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

MB = 1024 * 1024
READ_SECONDS = 600  # a document's time budget for reading: pages, OCR and converters included
HARD_STOP_SECONDS = 30  # past the budget, a reader stuck inside a library is stopped by an alarm
MAX_PAGES = 300  # pages of a PDF text layer read at most (directives run to tens)
MAX_OCR_PAGES = 60  # scanned pages sent to OCR at most (a few seconds each)
MAX_UNCOMPRESSED_BYTES = 200 * MB  # a .docx unpacked, all parts together
MAX_COMPRESSION_RATIO = 200  # a large part unpacking to more than this many times its size
LARGE_PART_BYTES = 10 * MB
# A PDF's Flate streams inflated: its text and drawings together (real documents: a few MB),
# one image (an A4 page scanned at 600 dpi in colour is 104 MB), and everything together.
MAX_PDF_CONTENT_BYTES = 128 * MB
MAX_PDF_IMAGE_BYTES = 128 * MB
MAX_PDF_INFLATED_BYTES = 1024 * MB
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
