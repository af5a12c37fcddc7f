"""Components learned from the annotated data, where phrasing varies beyond what a list enumerates.

- ``pillar``: which DTI pillar a task's text serves (or ``none``): a spaCy ``textcat`` (bag of
  syllable unigrams and bigrams) trained on the gold tasks and on the indicator descriptions of
  ``rules/dti_pillars.yml``.
- ``task``: how much a sentence reads like a task (``task`` / ``other``): the same architecture
  trained on the sentences of the annotated texts, a gold quote making a sentence a task. It is a
  confidence feature (``extractors.confidence``), not a gate.

``scripts/train.py`` (``make train``) trains both on CPU in a minute and writes them to
``extractors/models/NAME/`` (``nlp.to_disk``, under a megabyte each); they are loaded from there,
offline, once per process. The models read folded text (``model_text``) with spaCy's
language-neutral tokenizer: Vietnamese writes a syllable a token, so no segmenter is needed.
The figures that justify them (cross-validated by source) are in README "Evaluation".
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .text import fold

MODELS_DIR = Path(__file__).resolve().parent / "models"
PILLAR_MODEL, TASK_MODEL = "pillar", "task"
NO_PILLAR = "none"  # the pillar model's label for a task that serves no pillar
TASK_LABEL, OTHER_LABEL = "task", "other"
PILLAR_PROBABILITY = 0.5  # the pillar model decides a task's pillar from this probability on


def model_text(text: str) -> str:
    """What the models read: the folded text (one case, one tone placement)."""
    return fold(text)


@cache
def load(name: str, models_dir: Path = MODELS_DIR) -> Language | None:
    """The trained model ``name`` (``PILLAR_MODEL`` or ``TASK_MODEL``), or None if not trained."""
    path = models_dir / name
    return spacy.load(path) if (path / "config.cfg").exists() else None


def categories(model: Language, texts: list[str]) -> list[dict[str, float]]:
    """Per text, every label's probability (0–1); an exclusive model's sum to 1."""
    return [dict(doc.cats) for doc in model.pipe(model_text(t) for t in texts)]


def pillar_probabilities(texts: list[str], model: Language | None = None) -> list[dict[str, float]]:
    """Per text, the probability of each pillar code and of ``NO_PILLAR``; [] without a model."""
    model = model or load(PILLAR_MODEL)
    return categories(model, texts) if model else []


def task_probabilities(texts: list[str], model: Language | None = None) -> list[float]:
    """Per text, the probability (0–1) that it is a task; 0.5 each without a trained model."""
    model = model or load(TASK_MODEL)
    return [c[TASK_LABEL] for c in categories(model, texts)] if model else [0.5] * len(texts)


def decided_pillar(probabilities: dict[str, float],
                   threshold: float = PILLAR_PROBABILITY) -> str | None:
    """The most probable label when it reaches ``threshold``; None for ``NO_PILLAR`` or below."""
    best = max(probabilities, key=probabilities.get)
    return best if best != NO_PILLAR and probabilities[best] >= threshold else None


@Language.factory("vi_pillar_model", requires=["doc._.tasks"], assigns=["doc._.tasks"],
                  default_config={"threshold": PILLAR_PROBABILITY})
def create_pillar_model(nlp: Language, name: str, threshold: float):
    """Sets the pillar of every task the pillar headings left without one, where the pillar
    model is confident; a task the model leaves undecided keeps None."""
    def pillar_model(doc: Doc) -> Doc:
        open_tasks = [task for task in doc._.tasks if task.pillar is None]
        for task, probabilities in zip(open_tasks,
                                       pillar_probabilities([t.text for t in open_tasks])):
            task.pillar = decided_pillar(probabilities, threshold)
        return doc
    return pillar_model
