"""The two references measured beside the pipeline, on the same documents in the same run.

- the floor: only reading each file and decoding its text (for .docx and .pdf, the reader
  library's own text extraction, which no pipeline can skip);
- a generic toolkit: underthesea's sentence splitter and NER plus dateparser's date search
  on every sentence, the first ORG taken as the lead and the first date as the deadline.
"""
from __future__ import annotations

import time
from pathlib import Path

from pipeline import readers
from pipeline.readers.text import decode


def floor(paths: list[Path]) -> dict:
    timings = {"read": 0.0}
    for path in paths:
        clock = time.perf_counter()
        if path.suffix == ".txt":
            decode(path.read_bytes())
        else:
            readers.read(path)
        timings["read"] += time.perf_counter() - clock
    return {"documents": len(paths), "timings": timings}


def generic_toolkit(paths: list[Path]) -> dict:
    from dateparser.search import search_dates
    from underthesea import ner, sent_tokenize

    timings = {"read": 0.0, "segment": 0.0, "ner": 0.0, "dates": 0.0}
    found = {"lead": 0, "deadline": 0}
    for path in paths:
        clock = time.perf_counter()
        text = "\n".join(block.text for block in readers.read(path).blocks)
        timings["read"] += _lap(clock)
        clock = time.perf_counter()
        sentences = sent_tokenize(text)
        timings["segment"] += _lap(clock)
        clock = time.perf_counter()
        organisations = [org for sentence in sentences for org in _organisations(ner(sentence))]
        timings["ner"] += _lap(clock)
        clock = time.perf_counter()
        dates = [found for sentence in sentences
                 for found in search_dates(sentence, languages=["vi"]) or []]
        timings["dates"] += _lap(clock)
        found["lead"] += bool(organisations)
        found["deadline"] += bool(dates)
    return {"documents": len(paths), "timings": timings, "found": found}


def _lap(clock: float) -> float:
    return time.perf_counter() - clock


def _organisations(tagged: list[tuple]) -> list[str]:
    """ORG spans from underthesea's (word, pos, chunk, tag) tuples, in order."""
    spans, current = [], []
    for word, _pos, _chunk, tag in tagged:
        if tag == "I-ORG" and current:
            current.append(word)
            continue
        if current:
            spans.append(" ".join(current))
        current = [word] if tag == "B-ORG" else []
    if current:
        spans.append(" ".join(current))
    return spans
