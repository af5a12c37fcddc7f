"""The extraction pipeline: a spaCy ``Language`` of small components over a Vietnamese directive.

Each component declares what it ``requires`` and ``assigns`` (``nlp().analyze_pipes()`` checks
the order) and passes plain data to the next: records with fields, or spans in ``doc.spans``.

    tokenizer     syllables; doc._.text, doc._.folded, doc._.words; token.norm_ is the folded form
    vi_metadata   số ký hiệu, type, issuer, date, title, province        → doc._.meta
    vi_agencies   known agencies (PhraseMatcher on rules/agencies.yml)    → doc.spans["agencies"]
    vi_structure  blocks, numbering levels, excluded zones, sentences     → doc._.blocks
    vi_times      dates, months, quarters, years, recurrences             → doc._.times,
                                                                            .recurrences
    vi_roles      headings, labelled items, task table rows, and who acts
                  in each clause                                          → doc._.headings,
                                                                  .attributes, .table_rows, .clauses
    vi_tasks      clauses → tasks with leads, supports, deadlines         → doc._.tasks
    vi_pillars    DTI pillar of each task without a pillar heading        → Task.pillar
"""
from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import rules
from .model import DocumentMeta, Task

EXTENSIONS = ("text", "folded", "words", "meta", "blocks", "times", "recurrences", "headings",
              "attributes", "table_rows", "clauses", "tasks")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

from . import agencies, pillars, roles, structure, tasks, times, tokenizer  # noqa: E402,F401
from .metadata import extract_metadata  # noqa: E402

COMPONENTS = ("vi_metadata", "vi_agencies", "vi_structure", "vi_times", "vi_roles", "vi_tasks",
              "vi_pillars")
STAGE_OF = {"vi_structure": "segment"}  # every other component counts as "extract"
OCR_CONFIDENCE = 0.8  # a task read by OCR is less sure: one misread letter can change a name
# spaCy refuses texts over 1,000,000 characters by default, for its parser's and NER's memory;
# this pipeline has neither (measured: 335 MB at 1 M characters, 512 MB at 2 M). 2 M is twice
# the longest text the readers produce (300 PDF pages of some 3,000 characters); the batch
# refuses longer ones with a clear error.
MAX_TEXT_CHARS = 2_000_000


@Language.factory("vi_metadata", assigns=["doc._.meta"])
def create_metadata(nlp: Language, name: str):
    """Component: ``doc._.meta``, the ``DocumentMeta`` of ``extract_metadata(doc._.text)``."""
    def metadata(doc: Doc) -> Doc:
        doc._.meta = extract_metadata(doc._.text)
        return doc
    return metadata


@dataclass
class Extraction:
    """What extraction gives the batch: the document's fields, its tasks in text order, and the
    seconds spent per stage ("segment", "extract")."""

    meta: DocumentMeta
    tasks: list[Task] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The pipeline, built once per process (it compiles every rules file).

    What is alive once it is built (spaCy, the vocab, the compiled rules, the models) lives as
    long as the process, so it is moved out of the garbage collector's reach (``gc.freeze``):
    otherwise every full collection, set off by the thousands of objects one document makes,
    walks all of it again (measured: from a tenth to a third of a document's extraction time,
    depending on the load)."""
    language = spacy.blank("vi", config={"nlp": {"tokenizer": {
        "@tokenizers": "vi_syllable_tokenizer.v1"}}})
    for component in COMPONENTS:
        language.add_pipe(component)
    language.max_length = MAX_TEXT_CHARS
    gc.collect()
    gc.freeze()
    return language


def extract_document(text: str, ocr: bool = False) -> Extraction:
    """The fields and tasks of one document's normalised text (``pipeline.normalize.clean``).

    ``ocr``: the text was read by OCR, so every task's confidence is lowered and the task is
    flagged for review. Task offsets are character offsets into ``text``. Raises ``ValueError``
    (spaCy's E088) for a text longer than ``nlp().max_length`` (1,000,000 characters), and
    ``rules.RulesError`` on the first call if a rules file is wrong."""
    pipeline = nlp()
    timings = {"segment": 0.0, "extract": 0.0}
    clock = time.perf_counter()
    doc = pipeline.make_doc(text)
    timings["extract"] += time.perf_counter() - clock
    for name, component in pipeline.pipeline:
        clock = time.perf_counter()
        doc = component(doc)
        timings[STAGE_OF.get(name, "extract")] += time.perf_counter() - clock
    result = Extraction(meta=doc._.meta, tasks=doc._.tasks, timings=timings)
    if ocr:
        for task in result.tasks:
            task.confidence *= OCR_CONFIDENCE
            task.review_reasons.append(rules.review_reason("ocr"))
    return result
