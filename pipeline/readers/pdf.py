"""PDF reader: pdfplumber's text in reading order, page by page."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from ..model import Block, ReadResult
from . import ReadError, register


@register(".pdf")
def read_pdf(path: Path) -> ReadResult:
    blocks = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = page.extract_text(layout=False) or ""
                blocks.extend(Block(line, f"page {number}") for line in text.split("\n"))
    except PDFSyntaxError as exc:
        raise ReadError(f"not a valid PDF ({exc})") from exc
    if not any(b.text.strip() for b in blocks):
        raise ReadError("PDF has no text layer (scanned?) and OCR is not available")
    return ReadResult(blocks, method="pdf")
