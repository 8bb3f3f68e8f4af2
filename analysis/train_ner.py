"""Train the entity recogniser: `python -m analysis.train_ner --data DIR [--model PATH]`.

Reads GermEval 2014 (`NER-de-dev.tsv`, `NER-de-test-even.tsv` in DIR, CC BY 4.0), maps the outer
level to BIO tags over PER, LOC, ORG and MISC (OTH; `deriv`/`part` labels are not entities) and fits
a CRF with python-crfsuite on `analysis.entities.sentence_features` (which read the gazetteers and
compiled name lists in analysis/data, none built from GermEval). Training is deterministic
(L-BFGS, fixed order), so the committed `analysis/data/ner_crf.model` is reproduced exactly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from analysis.entities import MODEL, sentence_features
from analysis.germeval import GERMEVAL_LABELS, sentences, spans

FILES = ("NER-de-dev.tsv", "NER-de-test-even.tsv")
# L1/L2 penalties by 5-fold cross-validated PER/LOC/ORG F1; before the compiled name lists
# (Faker, GeoNames, pytickersymbols) c1/c2 0.02/0.01 gave 0.676, 0.05/0.02 0.670, 0.1/0.01 0.662;
# with them, on folds 1-2, 0.02/0.05 ≥ 0.02/0.01 ≥ 0.01/0.1 ≥ 0.005/0.05 (0.712, 0.710, 0.709,
# 0.706). Tried on folds 1-2 and dropped as no better: word-bigram features, pairs of neighbour
# classes (first name + capitalised word), a ±3 window, name-swapped copies of the training
# sentences, and (on all folds) decoding biased against O (+0.002 F1 for 4 % of the speed).
# 300 L-BFGS iterations instead of 150 gave 0.702 instead of 0.699 on all folds, within noise, at
# twice the training time, and that model tagged "Der Trainer sprach von Pech." as MISC. Cities'
# alternative names as a feature of their own, with no "hd=" for non-compounds: 0.698 (300 its).
# Try others with `python -m analysis.evaluate ner --cv 5 --data DIR --c1 X --c2 Y`.
PARAMS = {
    "c1": 0.02,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}

Example = tuple[list[str], list[str]]


def bio(sentence: list[tuple[str, str]]) -> Example:
    """Words and outer-level BIO tags with OTH as MISC and deriv/part tags as O."""
    tags = ["O"] * len(sentence)
    for start, end, kind in spans(sentence):
        label = GERMEVAL_LABELS[kind]
        tags[start:end] = ["B-" + label] + ["I-" + label] * (end - start - 1)
    return [word for word, _ in sentence], tags


def read(data: Path) -> list[Example]:
    """All GermEval sentences of DIR in file order (dev, then test-even)."""
    return [bio(sentence) for name in FILES for sentence in sentences(data / name)]


def train(examples: Sequence[Example], model: Path, params: dict | None = None) -> None:
    """Fit the CRF on `examples` and write it to `model`."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for words, tags in examples:
        trainer.append(sentence_features(words), tags)
    trainer.set_params(params or PARAMS)
    trainer.train(str(model))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with the GermEval TSVs")
    parser.add_argument("--model", type=Path, default=MODEL, help=f"output (default {MODEL})")
    args = parser.parse_args(argv)
    examples = read(args.data)
    train(examples, args.model)
    size = args.model.stat().st_size / 1e6
    print(f"trained on {len(examples)} sentences → {args.model} ({size:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
