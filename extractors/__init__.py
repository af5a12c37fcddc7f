"""The extraction stage: a spaCy pipeline of small components over a Vietnamese directive."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from pipeline.model import DocumentMeta, Task

from .metadata import extract_metadata


@dataclass
class Extraction:
    meta: DocumentMeta
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def extract_document(text: str, ocr: bool = False) -> Extraction:
    clock = time.perf_counter()
    meta = extract_metadata(text)
    return Extraction(meta=meta, timings={"extract": time.perf_counter() - clock})
