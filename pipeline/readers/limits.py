"""Bounds on what one hostile document may cost: archive size, inflated streams, pages, seconds."""
from __future__ import annotations

MB = 1024 * 1024
READ_SECONDS = 600  # a document's time budget for reading: pages, OCR and converters included
# Past the budget, the batch stops a worker process stuck inside a library (pipeline.batch).
HARD_STOP_SECONDS = 30
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
# One page of a scan saved as an image (pipeline.readers.image), width × height, judged from its
# header before it is decoded: a 108-megapixel phone photo and an A3 sheet scanned at 600 dpi
# (70 M) pass; a PNG of a few kilobytes that says 100,000 × 100,000 (a decompression bomb) does
# not. Decoded in colour: 360 MB at most.
MAX_IMAGE_PIXELS = 120_000_000
SUBPROCESS_SECONDS = 120  # antiword, LibreOffice

