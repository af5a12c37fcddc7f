"""How likely a task row is right (the right leads and deadline), from the evidence behind it.

The evidence (``Evidence``): how much the text reads like a task (the learned ``task`` model of
``extractors.learned``), the rules' own prior (``Task.confidence``: the kind of cue that found the
task), the review reasons the rules gave, whether the leads are known agencies or collectives,
whether the task is a table row, read by OCR, dated, and its length. A logistic regression over
these, fitted on the rows of the annotated sets (``scripts/train.py``: a row is right when it
matches a gold task with the right leads and deadline), turns them into a probability; a row
below ``threshold`` is flagged. The threshold is the lowest that keeps at least 0.90 of the
unflagged rows right on held-out folds, unless that flags more than a third of the rows (issue
11's two limits; the clerk's time wins). Both live in ``extractors/models/confidence.json``.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy

from .learned import MODELS_DIR
from .names import gazetteer, is_collective
from .text import fold

CALIBRATION_FILE = MODELS_DIR / "confidence.json"
FEATURES = ("task_probability", "prior", "reasons", "unknown_leads", "odd_lead", "no_lead",
            "leads", "supports", "table_row", "ocr", "news", "has_deadline", "log_words")
UNFLAGGED_RIGHT = 0.90  # the share of unflagged rows that must be right (issue 11)
MAX_FLAGGED = 1 / 3  # and the most rows a clerk can be asked to check (issue 11)
RIDGE = 1.0  # L2 penalty of the logistic regression, on standardised features


@dataclass
class Evidence:
    """What is known about one task row when its confidence is assessed."""

    text: str
    leads: list[str]  # canonical lead names
    supports: int
    prior: float  # the rules' confidence, 0–1 (``Task.confidence``)
    reasons: int  # review reasons the rules gave, OCR aside
    ocr: bool
    table_row: bool
    news: bool  # the document states no type of its own: a news item, most often
    has_deadline: bool
    task_probability: float  # ``learned.task_probabilities``, 0–1


def is_known(agency: str) -> bool:
    """An agency of ``rules/agencies.yml`` or a collective ("các sở, ban, ngành")."""
    folded = fold(agency)
    return folded in gazetteer() or is_collective(folded.split())


def is_odd_name(agency: str) -> bool:
    """A name that ends in a number or a lone letter ("Sở Tài chính 9", "... đặc khu a") or is
    too short to name a body ("Trường hợp", "Cơ quan"): signs of a boundary read wrong."""
    names = agency.split()
    return len(names) < 3 or names[-1].isdigit() or len(names[-1]) == 1


def features(evidence: Evidence) -> list[float]:
    """The ``FEATURES`` of one row, in that order."""
    leads = evidence.leads
    unknown = sum(not is_known(lead) for lead in leads)
    return [evidence.task_probability, evidence.prior, float(evidence.reasons),
            unknown / len(leads) if leads else 1.0, float(any(map(is_odd_name, leads))),
            float(not leads), float(len(leads)), float(evidence.supports),
            float(evidence.table_row), float(evidence.ocr), float(evidence.news),
            float(evidence.has_deadline), math.log1p(len(evidence.text.split()))]


@dataclass
class Calibration:
    """A logistic regression on standardised ``FEATURES`` and the flag threshold."""

    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]
    threshold: float = 0.5

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """P(right) of each feature row (``features``), 0–1."""
        if not rows:
            return []
        x = (numpy.asarray(rows, dtype=float) - self.mean) / self.scale
        return list(1.0 / (1.0 + numpy.exp(-(x @ numpy.asarray(self.weights) + self.bias))))

    def probability(self, evidence: Evidence) -> float:
        return self.probabilities([features(evidence)])[0]

    def flagged(self, probability: float) -> bool:
        return probability < self.threshold

    @classmethod
    def fit(cls, rows: list[list[float]], right: list[bool], ridge: float = RIDGE) -> Calibration:
        """Fit by Newton's method (iteratively reweighted least squares) with an L2 penalty on
        the weights, not the bias. ``rows``: feature rows; ``right``: each row's label."""
        x = numpy.asarray(rows, dtype=float)
        y = numpy.asarray(right, dtype=float)
        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale[scale == 0] = 1.0
        design = numpy.hstack([(x - mean) / scale, numpy.ones((len(x), 1))])
        penalty = numpy.diag([ridge] * x.shape[1] + [0.0])
        beta = numpy.zeros(design.shape[1])
        for _ in range(50):
            p = 1.0 / (1.0 + numpy.exp(-(design @ beta)))
            gradient = design.T @ (y - p) - penalty @ beta
            hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
            step = numpy.linalg.solve(hessian, gradient)
            beta += step
            if numpy.abs(step).max() < 1e-8:
                break
        return cls(list(beta[:-1]), float(beta[-1]), list(mean), list(scale))

    def save(self, path: Path = CALIBRATION_FILE) -> None:
        record = {"features": list(FEATURES), **asdict(self)}
        path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def choose_threshold(probabilities: list[float], right: list[bool],
                     unflagged_right: float = UNFLAGGED_RIGHT,
                     max_flagged: float = MAX_FLAGGED) -> float:
    """The lowest threshold at which at least ``unflagged_right`` of the rows at or above it are
    right, so that as few rows as possible are flagged; when that would flag more than
    ``max_flagged`` of the rows, the threshold that flags ``max_flagged`` instead (the clerk's
    time is the harder limit). 0.0 flags nothing."""
    ranked = sorted(zip(probabilities, right), reverse=True)
    if not ranked:
        return 0.0
    passing, kept_right = 0, 0  # rows left unflagged at the chosen threshold
    for n, (_, is_right) in enumerate(ranked, start=1):
        kept_right += is_right
        if kept_right / n >= unflagged_right:
            passing = n
    passing = max(passing, math.ceil((1 - max_flagged) * len(ranked)))
    return 0.0 if passing >= len(ranked) else ranked[passing - 1][0]


@lru_cache(maxsize=1)
def load(path: Path = CALIBRATION_FILE) -> Calibration | None:
    """The committed calibration, or None before ``make train``."""
    if not path.exists():
        return None
    record = json.loads(path.read_text(encoding="utf-8"))
    if record.pop("features") != list(FEATURES):
        raise ValueError(f"{path} was fitted on other features; run make train")
    return Calibration(**record)
