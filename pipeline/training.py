"""Train the learned components on the gold sets, and estimate them blind.

Data (``pipeline.corpus``: seeds, dev, office; never a locked document, never a copies set):
- pillar model: every gold task's quote with its pillar (``none`` when null), plus each line of
  ``rules/dti_pillars.yml`` as an example of its pillar;
- task model: the sentences of each reference text (lines, table cells, sentences), a sentence
  being a task when a gold quote covers at least half of it or it covers half of the quote (the
  scorer's matching share);
- confidence: the extracted rows of those documents, right or wrong by the scorer, with the task
  model's probability taken out of fold (from a model not trained on the row's own fold).

``cross_validate`` trains one model per fold on the other folds and predicts the held-out fold,
so every figure it returns is on sources the model never saw; the locked documents are predicted
by the models trained on every fold, as the committed ones are.
"""
from __future__ import annotations

import random
from bisect import bisect_left
from pathlib import Path

import regex
import spacy
import yaml
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from extractors import confidence, learned
from extractors.rules import RULES_DIR
from extractors.rules import load as load_rules

from .corpus import FOLDS, GoldDocument, words
from .evaluate import MATCH_SHARE, DocumentResult, flag_figures, overlap

SEED = 0
EPOCHS = 12
HASH_LENGTH = 2 ** 14  # bag-of-n-grams buckets: ~0.6 MB of weights for nine labels
UNIT_BREAK = regex.compile(r"\n|[ \t]\|[ \t]|(?<=[.!?:])[ \t]+(?=[\p{Lu}\d\"“(-])")
MIN_UNIT_WORDS = 3


def dti_examples(rules_dir: Path = RULES_DIR) -> list[tuple[str, str]]:
    """``(line, pillar)`` for every indicator line of ``rules/dti_pillars.yml``.
    Raises ValueError naming a key that is not a pillar code of ``rules/pillars.yml``."""
    data = yaml.safe_load((rules_dir / "dti_pillars.yml").read_text(encoding="utf-8"))
    codes = set(load_rules()["pillars"]["pillars"])
    if unknown := set(data) - codes:
        raise ValueError(f"rules/dti_pillars.yml: unknown pillar {', '.join(sorted(unknown))}")
    return [(line, code) for code, lines in data.items() for line in lines]


def pillar_examples(documents: list[GoldDocument]) -> list[tuple[str, str]]:
    return [(task["quote"], task["pillar"] or learned.NO_PILLAR)
            for document in documents for task in document.tasks]


def task_units(document: GoldDocument) -> list[tuple[str, bool]]:
    """``(sentence, is a task)`` for the sentences of the reference text of at least
    ``MIN_UNIT_WORDS`` words."""
    text = document.reference
    starts = [start for _, start, _ in words(text)]
    quotes = [span for spans in document.quote_spans for span in spans]
    units, start = [], 0
    for piece in [*UNIT_BREAK.finditer(text), None]:
        end = piece.start() if piece else len(text)
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        if last - first >= MIN_UNIT_WORDS:
            is_task = any(overlap((first, last), quote)[1] >= MATCH_SHARE for quote in quotes)
            units.append((text[start:end].strip(), is_task))
        start = piece.end() if piece else len(text)
    return units


def train_textcat(examples: list[tuple[str, str]], labels: list[str]) -> Language:
    """A bag-of-n-grams ``textcat`` (exclusive labels) trained on ``(text, label)``, seeded."""
    fix_random_seed(SEED)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": HASH_LENGTH}})
    for label in labels:
        textcat.add_label(label)
    data = [Example.from_dict(nlp.make_doc(learned.model_text(text)),
                              {"cats": {label: float(label == gold) for label in labels}})
            for text, gold in examples]
    optimizer = nlp.initialize(lambda: data)
    shuffle = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffle.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def pillar_labels() -> list[str]:
    return [*load_rules()["pillars"]["pillars"], learned.NO_PILLAR]


def train_pillar(documents: list[GoldDocument]) -> Language:
    return train_textcat(pillar_examples(documents) + dti_examples(), pillar_labels())


def train_task(documents: list[GoldDocument]) -> Language:
    units = [unit for document in documents for unit in task_units(document)]
    return train_textcat([(text, learned.TASK_LABEL if is_task else learned.OTHER_LABEL)
                          for text, is_task in units], [learned.TASK_LABEL, learned.OTHER_LABEL])


def evidence(row: dict, result: DocumentResult) -> confidence.Evidence:
    """The confidence evidence of an extracted row (``evaluate.system_rows``, with its
    ``task_probability``) of the read document ``result``."""
    reasons = [r for r in (row["review_reason"] or "").split("; ") if r]
    return confidence.Evidence(
        text=row["text"], leads=row["lead"], supports=len(row["support"]),
        prior=row["confidence"], reasons=len(reasons) - result.ocr, ocr=result.ocr,
        table_row=(row["source"] or "").startswith("table"), news=result.doc_type is None,
        has_deadline=row["deadline"] is not None, task_probability=row["task_probability"])


def trainable(results: list[DocumentResult]) -> list[DocumentResult]:
    """Results of documents a model may learn from: not locked, not a copy."""
    return [r for r in results if not r.document.locked and not r.document.gold_set.copies]


def annotate(results: list[DocumentResult], fold: int | None, task_model: Language,
             pillar_model: Language | None = None) -> None:
    """Set ``task_probability`` (and ``pillar_learned``, the pillar probabilities, when a pillar
    model is given) on the rows of the documents of ``fold`` (None: the locked documents)."""
    for result in results:
        in_fold = result.document.locked if fold is None else (
            result.document.fold == fold and not result.document.locked)
        if not in_fold or not result.rows:
            continue
        texts = [row["text"] for row in result.rows]
        for row, task in zip(result.rows, learned.task_probabilities(texts, task_model)):
            row["task_probability"] = task
        if pillar_model is not None:
            for row, pillars in zip(result.rows,
                                    learned.pillar_probabilities(texts, pillar_model)):
                row["pillar_learned"] = pillars


def fit_calibration(results: list[DocumentResult]) -> confidence.Calibration:
    """The calibration on the rows of ``results`` (their ``task_probability`` set), with the
    threshold chosen on the same rows' cross-validated probabilities."""
    rows, right = _calibration_data(results)
    calibration = confidence.Calibration.fit(rows, right)
    held_out = []
    for fold in range(FOLDS):
        inside = [r for r in results if r.document.fold != fold]
        outside = [r for r in results if r.document.fold == fold]
        if not outside or not inside:
            continue
        model = confidence.Calibration.fit(*_calibration_data(inside))
        out_rows, out_right = _calibration_data(outside)
        held_out += zip(model.probabilities(out_rows), out_right)
    calibration.threshold = confidence.choose_threshold([p for p, _ in held_out],
                                                        [r for _, r in held_out])
    return calibration


def _calibration_data(results: list[DocumentResult]) -> tuple[list[list[float]], list[bool]]:
    rows, right = [], []
    for result in results:
        for row in result.rows:
            rows.append(confidence.features(evidence(row, result)))
            right.append(row["right"])
    return rows, right


def cross_validate(results: list[DocumentResult]) -> None:
    """Annotate every row of ``results`` out of fold: ``pillar_learned``, ``task_probability``,
    ``calibrated`` (P(right)) and ``calibrated_flag``; locked rows by the all-fold models."""
    learnable = trainable(results)
    documents = [r.document for r in learnable]
    for fold in range(FOLDS):
        training = [d for d in documents if d.fold != fold]
        annotate(results, fold, train_task(training), train_pillar(training))
    annotate(results, None, train_task(documents), train_pillar(documents))
    for fold in [*range(FOLDS), None]:
        held_out = [r for r in results if (r.document.locked if fold is None else
                                           r.document.fold == fold and not r.document.locked)]
        calibration = fit_calibration([r for r in learnable if fold is None or
                                       r.document.fold != fold])
        for result in held_out:
            for row in result.rows:
                row["calibrated"] = calibration.probability(evidence(row, result))
                row["calibrated_flag"] = calibration.flagged(row["calibrated"])


def learned_figures(rows: list[dict]) -> dict:
    """Pillar accuracy on matched rows by the rules, the model and the two combined, and the
    review-flag figures of the calibrated confidence; rows annotated by ``cross_validate``."""
    matched = [row for row in rows if row["partner"] is not None and "pillar_learned" in row]
    strategies = {
        "rules": lambda row: row["pillar"],
        "model": lambda row: learned.decided_pillar(row["pillar_learned"], 0.0),
        "rules_else_model": lambda row: row["pillar"] or learned.decided_pillar(
            row["pillar_learned"]),
        "model_else_rules": lambda row: learned.decided_pillar(row["pillar_learned"]) or (
            row["pillar"] if max(row["pillar_learned"], key=row["pillar_learned"].get)
            != learned.NO_PILLAR else None),
    }
    figures = {f"pillar_{name}": (sum(pick(row) == row["partner"]["pillar"] for row in matched)
                                  / len(matched) if matched else 1.0)
               for name, pick in strategies.items()}
    calibrated = [row for row in rows if "calibrated" in row]
    figures.update({f"{key}_calibrated": value for key, value in
                    flag_figures(calibrated, lambda row: row["calibrated_flag"]).items()})
    return figures


def train_all(results: list[DocumentResult], models_dir: Path = learned.MODELS_DIR) -> dict:
    """Train the pillar and task models and the calibration on every learnable document and
    write them to ``models_dir``; returns what they were trained on and the flag threshold."""
    learnable = trainable(results)
    documents = [r.document for r in learnable]
    for fold in range(FOLDS):  # the calibration learns from out-of-fold task probabilities
        annotate(learnable, fold, train_task([d for d in documents if d.fold != fold]))
    calibration = fit_calibration(learnable)
    models_dir.mkdir(parents=True, exist_ok=True)
    train_pillar(documents).to_disk(models_dir / learned.PILLAR_MODEL)
    train_task(documents).to_disk(models_dir / learned.TASK_MODEL)
    calibration.save(models_dir / confidence.CALIBRATION_FILE.name)
    return {"documents": len(documents), "gold_tasks": sum(len(d.tasks) for d in documents),
            "rows": sum(len(r.rows) for r in learnable), "threshold": calibration.threshold}
