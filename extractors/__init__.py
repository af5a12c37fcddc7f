"""The extraction stage: Vietnamese directive text → document fields and task rows.

``extract_document(text)`` runs the spaCy pipeline of ``extractors.language``; ``nlp()`` is that
pipeline. They load on first use, so modules that only need agency names (``extractors.names``)
or the rules (``extractors.rules``) do not start spaCy.
"""
from __future__ import annotations

PIPELINE_NAMES = {"extract_document", "nlp", "Extraction"}


def __getattr__(name: str):
    if name in PIPELINE_NAMES:
        from . import language
        return getattr(language, name)
    raise AttributeError(f"module 'extractors' has no attribute {name!r}")
