"""Plain records passed between the stages: reader → normaliser → extractor → store.

The store derives its columns from these dataclasses (``pipeline.store.schema``), so a field added
here is a column there. Offsets are character offsets into ``documents.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceBlock:
    """A run of text as a reader found it, with its provenance (``document_blocks.source``)."""

    text: str
    source: str  # e.g. "paragraph 12", "page 3", "table 1 row 2 cell 3", "line 40"
    start: int = 0  # character offsets in the assembled document text, set by ``assemble``
    end: int = 0


@dataclass
class DocumentMeta:
    """What a directive says about itself: số ký hiệu, type, issuer, date (ISO), trích yếu."""

    doc_number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None  # ISO YYYY-MM-DD
    title: str | None = None
    province: str | None = None
    year_hint: int | None = None  # year for deadlines written without one


ROLES = ("lead", "support")  # task_agencies.role: chủ trì, phối hợp


@dataclass
class AgencyRef:
    """One agency a task names, with its role (one of ``ROLES``)."""

    agency: str  # canonical: abbreviations expanded, office holder → body
    role: str  # "lead" | "support"
    mention: str  # as written
    resolved: str | None = None  # "tỉnh"-relative names completed with the province


@dataclass
class Task:
    """One task: ``text`` is ``documents.text[start:end]`` (character offsets)."""

    seq: int
    text: str
    start: int
    end: int
    section: str | None
    agencies: list[AgencyRef]
    deadline: str | None = None  # ISO YYYY-MM-DD
    deadline_text: str | None = None
    recurrence: str | None = None  # a code of rules/labels.yml ``recurrences``
    pillar: str | None = None  # a code of rules/labels.yml ``pillars``
    deliverable: str | None = None  # Sản phẩm: what the task must produce, as written
    confidence: float = 1.0  # 0–1
    review_reasons: list[str] = field(default_factory=list)

    @property
    def lead_agencies(self) -> set[str]:
        """The canonical names of the task's leads."""
        return {a.agency for a in self.agencies if a.role == "lead"}

    @property
    def needs_review(self) -> bool:
        """Whether the clerk should look at the task: it has a review reason."""
        return bool(self.review_reasons)
