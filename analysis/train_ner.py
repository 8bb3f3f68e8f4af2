"""Train the entity recogniser: `python -m analysis.train_ner --data DIR [--model PATH]`.

Reads GermEval 2014 (`NER-de-dev.tsv`, `NER-de-test-even.tsv` in DIR, CC BY 4.0), maps the outer
level to BIO tags over PER, LOC, ORG and MISC (OTH; `deriv`/`part` labels are not entities) and fits
a CRF with python-crfsuite on `analysis.entities.sentence_features`. Training is deterministic
(L-BFGS, fixed order), so the committed `analysis/data/ner_crf.model` is reproduced exactly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.entities import MODEL, sentence_features
from analysis.gazetteer import GERMEVAL_LABELS, sentences, spans

FILES = ("NER-de-dev.tsv", "NER-de-test-even.tsv")
# L1/L2 penalties by 5-fold cross-validated PER/LOC/ORG F1 (c1/c2 0.02/0.01: 0.676, 0.05/0.02:
# 0.670, 0.1/0.01: 0.662); try others with `python -m analysis.evaluate ner --cv 5 --data DIR
# --c1 X --c2 Y`.
PARAMS = {
    "c1": 0.02,
    "c2": 0.01,
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
    import pycrfsuite

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
