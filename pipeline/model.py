"""Plain records passed between the stages: reader → normaliser → extractor → store."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """A run of text as a reader found it, with where it came from (for review)."""

    text: str
    source: str  # e.g. "paragraph 12", "page 3", "table 1 row 2 cell 3", "line 40"
    start: int = 0  # offsets in the assembled document text, set by ``assemble``
    end: int = 0


@dataclass
class ReadResult:
    blocks: list[Block]
    method: str  # "text", "docx", "pdf", "ocr", "doc"
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class DocumentMeta:
    doc_number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None  # ISO
    title: str | None = None
    province: str | None = None
    year_hint: int | None = None  # year for deadlines written without one


@dataclass
class AgencyRef:
    agency: str  # canonical: abbreviations expanded, office holder → body
    role: str  # "lead" | "support"
    mention: str  # as written
    resolved: str | None = None  # "tỉnh"-relative names completed with the province


@dataclass
class Task:
    seq: int
    text: str
    start: int
    end: int
    section: str | None
    agencies: list[AgencyRef]
    deadline: str | None = None
    deadline_text: str | None = None
    recurrence: str | None = None
    pillar: str | None = None
    confidence: float = 1.0
    review_reasons: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


def assemble(blocks: list[Block]) -> str:
    """Join blocks into the document text, one per line, recording each block's offsets."""
    parts, offset = [], 0
    for block in blocks:
        block.start = offset
        block.end = offset + len(block.text)
        parts.append(block.text)
        offset = block.end + 1
    return "\n".join(parts)
