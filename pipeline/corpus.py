"""The annotated corpora of ``../shared``: gold sets, their reference texts, and the split by
source.

A gold set pairs gold files (``../shared/ANNOTATION.md``) with the documents the product reads and
the reference texts the gold quotes are located in. For ``.txt`` documents the document is its own
reference; ``corpus/office`` has reference texts made without the product (``text/``), so a
reading error cannot hide itself by moving the quote.

The split, used by ``make eval`` and ``make train`` alike, is by *source* (the web site a text was
saved from, else the issuing body in the gold header), never by document: two articles of one site
share templates and wording, and a model must not be judged on a site it was trained on.

- **Locked**: in each set that was not read while the rules were written (``dev``, ``office``),
  the sources with the smallest SHA-256 of their key are locked until they hold a fifth of the
  set's documents. Locked documents are never trained on and their errors are never printed; their
  figures are the blind estimate of the rules.
- **Folds**: every other source, largest first (ties in SHA-256 order), goes to the fold with the
  fewest gold tasks so far (``FOLDS`` folds), for the cross-validation of the learned components.
"""
from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import regex

from extractors.names import canonical
from extractors.text import fold

FOLDS = 5
LOCKED_SHARE = 0.2  # of each blind set's documents
# second-level labels under .vn: "quangbinh.gov.vn" is one site, "gov.vn" is not
VN_SECOND_LEVEL = frozenset({"gov", "com", "org", "net", "edu", "ac", "info", "int"})
WORD = regex.compile(r"\w+")


@dataclass(frozen=True)
class GoldSet:
    """``gold_dir/NAME.json`` describes ``docs_dir/NAME.*``; its quotes are in
    ``text_dir/NAME.txt``.

    ``blind``: the set was not read while the rules were written, so part of it can be locked.
    ``copies``: its gold files are scored in an earlier set too (other formats of the same texts),
    so it is left out of the overall figures and of training.
    """

    name: str
    gold_dir: Path
    docs_dir: Path
    text_dir: Path
    blind: bool = False
    copies: bool = False

    def documents(self) -> list[GoldDocument]:
        return [GoldDocument(self, path) for path in sorted(self.gold_dir.glob("*.json"))]


def standard_sets(shared: Path, inbox: Path) -> list[GoldSet]:
    """The sets ``make eval`` scores and ``make train`` learns from (README "Evaluation")."""
    corpus = shared / "corpus"
    return [
        GoldSet("seeds", corpus / "gold", corpus / "seeds", corpus / "seeds"),
        GoldSet("inbox", corpus / "gold", inbox, corpus / "seeds", copies=True),
        GoldSet("dev", corpus / "dev" / "gold", corpus / "dev" / "docs", corpus / "dev" / "docs",
                blind=True),
        GoldSet("office", corpus / "office" / "gold", corpus / "office" / "docs",
                corpus / "office" / "text", blind=True),
    ]


def folder_set(gold_dir: Path, docs_dir: Path, text_dir: Path,
               standard: list[GoldSet]) -> GoldSet:
    """The set of one ``eval --gold`` folder, named after its documents' folder
    ("../shared/corpus/dev/docs" → "dev"). The gold folder of a blind ``standard`` set stays
    blind, so scoring it alone keeps its locked documents locked."""
    name = docs_dir.parent.name if docs_dir.name == "docs" else docs_dir.name
    blind = any(s.blind and s.gold_dir.resolve() == gold_dir.resolve() for s in standard)
    return GoldSet(name, gold_dir, docs_dir, text_dir, blind=blind)


@dataclass(eq=False)
class GoldDocument:
    """One gold file with its reference text; ``fold``/``locked`` are set by ``split``."""

    gold_set: GoldSet
    gold_path: Path
    locked: bool = False
    fold: int | None = None
    gold: dict = field(init=False)

    def __post_init__(self):
        self.gold = json.loads(self.gold_path.read_text(encoding="utf-8"))

    @property
    def name(self) -> str:
        return self.gold_path.stem

    @property
    def tasks(self) -> list[dict]:
        return self.gold.get("tasks", [])

    @cached_property
    def reference(self) -> str:
        """The reference text, NFC; empty when the set has none for this document."""
        path = self.gold_set.text_dir / f"{self.name}.txt"
        return unicodedata.normalize("NFC", path.read_text(encoding="utf-8")) if path.exists() \
            else ""

    @cached_property
    def source(self) -> str:
        return source_key(self.gold) or self.gold_set.name

    @cached_property
    def quote_spans(self) -> list[list[tuple[int, int]]]:
        """Per gold task, every place its quote occurs in the reference text, as word index
        ranges ``(first, end)`` into ``words(reference)``; ``[]`` for a quote not found."""
        text_words = [w for w, _, _ in words(self.reference)]
        first_seen: dict[str, list[int]] = {}
        for i, word in enumerate(text_words):
            first_seen.setdefault(word, []).append(i)
        spans = []
        for task in self.tasks:
            quote = [w for w, _, _ in words(unicodedata.normalize("NFC", task["quote"]))]
            starts = first_seen.get(quote[0], []) if quote else []
            spans.append([(i, i + len(quote)) for i in starts
                          if text_words[i:i + len(quote)] == quote])
        return spans


def words(text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of every word of ``text`` (NFC), case-folded; character offsets."""
    return [(m.group().casefold(), m.start(), m.end()) for m in WORD.finditer(text)]


def source_key(gold: dict) -> str:
    """The site of a URL source ("quangbinh.gov.vn", "thuvienphapluat.vn"), else the issuing
    body of the gold header, folded; "" when neither is known."""
    source = gold.get("source") or ""
    if "://" in source:
        host = urlsplit(source).hostname or source
        labels = host.split(".")
        if host.replace(".", "").isdigit():
            return host
        keep = 3 if len(labels) >= 3 and labels[-2] in VN_SECOND_LEVEL else 2
        return ".".join(labels[-keep:])
    issuer = (gold.get("doc") or {}).get("issuer")
    return fold(canonical(issuer)) if issuer else ""


def _hash(key: str) -> int:
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16)


def split(documents: list[GoldDocument]) -> None:
    """Set ``locked`` and ``fold`` on every document, by source (see the module docstring).
    Documents of ``copies`` sets take the split of the gold file they copy."""
    originals = [d for d in documents if not d.gold_set.copies]
    for blind_set in {d.gold_set for d in originals if d.gold_set.blind}:
        members = [d for d in originals if d.gold_set is blind_set]
        wanted = math.ceil(LOCKED_SHARE * len(members))
        locked = 0
        for source in sorted({d.source for d in members}, key=_hash):
            if locked >= wanted:
                break
            for document in members:
                if document.source == source:
                    document.locked = True
                    locked += 1
    size = Counter()
    for document in originals:
        if not document.locked:
            size[document.source] += len(document.tasks) + 1
    weights = [0] * FOLDS
    for source in sorted(size, key=lambda s: (-size[s], _hash(s))):
        fold_index = weights.index(min(weights))
        weights[fold_index] += size[source]
        for document in originals:
            if document.source == source and not document.locked:
                document.fold = fold_index
    by_gold = {d.gold_path: d for d in originals}
    for document in documents:
        if document.gold_set.copies and document.gold_path in by_gold:
            original = by_gold[document.gold_path]
            document.locked, document.fold = original.locked, original.fold
