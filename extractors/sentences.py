"""underthesea's sentence splitter, without the rest of underthesea.

``import underthesea`` runs its package ``__init__``, which loads its NER, POS and chunking
models and probes its optional modules: ~0.25 s of CPU in every worker process, for the one
function this pipeline uses. Its Punkt-style splitter is a self-contained module (it imports
only the standard library and its ``punkt_params.json``), so it is loaded from its file alone.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path


def _load_splitter():
    package = importlib.util.find_spec("underthesea")  # found, not imported
    if package is None or not package.submodule_search_locations:
        raise ImportError("underthesea is not installed")
    source = (Path(package.submodule_search_locations[0]) / "pipeline" / "sent_tokenize"
              / "__init__.py")
    spec = importlib.util.spec_from_file_location("extractors.underthesea_sentences", source)
    if spec is None or spec.loader is None:
        raise ImportError(f"underthesea's sentence splitter is not at {source}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sent_tokenize = _load_splitter().sent_tokenize  # (text: str) → list[str], underthesea's own
