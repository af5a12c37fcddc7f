"""A PDF's compressed streams measured before anything decodes them: the PDF zip bomb.

Deflate packs zeros about 1000 to 1, so a 522 KB PDF can hold a 512 MB page; pdfminer decodes a
page's content whole and took 1.2 GB of memory for it. Every Flate stream is inflated here in
chunks, counting, and the file refused once a stream or the sum passes its limit (``limits``).
Image streams have their own limit: pdfminer never decodes them, the renderer does, one at a time.
"""
from __future__ import annotations

import zlib
from pathlib import Path

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream
from pdfminer.psparser import LIT

from ..numbers import number
from . import ContentError
from .limits import MAX_PDF_CONTENT_BYTES, MAX_PDF_IMAGE_BYTES, MAX_PDF_INFLATED_BYTES

CHUNK = 1 << 20
MB = 1024 * 1024
IMAGE = LIT("Image")
REFUSED = ("từ chối: {what} của PDF này khi giải nén vượt quá {limit} MB — có thể là "
           "\"bom nén\" hoặc tệp hỏng")


def inflated_size(data: bytes, limit: int) -> int:
    """Bytes ``data`` inflates to, counted in chunks and stopped just past ``limit``.

    A stream that is not valid Deflate counts what inflated before the error (pdfminer
    gives up on it too).
    """
    inflater, size = zlib.decompressobj(), 0
    try:
        size += len(inflater.decompress(data, CHUNK))
        while inflater.unconsumed_tail and size <= limit:
            size += len(inflater.decompress(inflater.unconsumed_tail, CHUNK))
    except zlib.error:
        pass
    return size


def _streams(document: PDFDocument):
    """Every stream object stored directly in the file (object streams hold no streams)."""
    for xref in document.xrefs:
        for objid in xref.get_objids():
            try:
                stream_id, _index, _generation = xref.get_pos(objid)
            except KeyError:
                continue
            if stream_id is not None:
                continue
            try:
                found = document.getobj(objid)
            except Exception:  # a damaged object: pdfplumber reports the file's damage itself
                continue
            if isinstance(found, PDFStream):
                yield found


def _raw(stream: PDFStream) -> bytes:
    if stream.decipher:  # an encrypted file: streams are inflated after decryption
        return stream.decipher(stream.objid, stream.genno, stream.rawdata, stream.attrs)
    return stream.rawdata


def check_streams(path: Path) -> None:
    """ReadError if a stream of the PDF at ``path`` inflates past the limits of ``limits``:
    an image past MAX_PDF_IMAGE_BYTES, the other streams together past MAX_PDF_CONTENT_BYTES,
    all of them past MAX_PDF_INFLATED_BYTES. Structural errors are left to the reader."""
    with path.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        content = total = 0
        for stream in _streams(document):
            filters = stream.get_filters()
            if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
                continue
            if stream.get("Subtype") is IMAGE:
                size = inflated_size(_raw(stream), MAX_PDF_IMAGE_BYTES)
                _refuse_over(size, MAX_PDF_IMAGE_BYTES, "một hình ảnh")
            else:
                size = inflated_size(_raw(stream), MAX_PDF_CONTENT_BYTES - content)
                content += size
                _refuse_over(content, MAX_PDF_CONTENT_BYTES, "phần chữ và hình vẽ")
            total += size
            _refuse_over(total, MAX_PDF_INFLATED_BYTES, "toàn bộ nội dung")


def _refuse_over(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise ContentError(REFUSED.format(what=what, limit=number(limit / MB)))
