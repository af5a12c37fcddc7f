"""Train the learned components and write them to extractors/models/ (README "Evaluation"):
the DTI pillar model, the task-sentence model and the calibrated confidence, from the gold sets
of ../shared (seeds, dev, office), never from a locked document.

Usage: python scripts/train.py [--shared ../shared]   (make train; a few minutes on one core:
the batch reads every annotated document first, the confidence learns from its rows)
"""
import argparse
import json
from pathlib import Path

from pipeline.corpus import standard_sets
from pipeline.evaluate import run_sets
from pipeline.training import train_all

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    shared = parser.parse_args().shared
    sets = [s for s in standard_sets(shared, ROOT / "corpus" / "inbox") if not s.copies]
    print(json.dumps(train_all(run_sets(sets)), indent=1))
