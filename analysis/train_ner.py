"""Train the entity recogniser: `python -m analysis.train_ner --data DIR [--extra NAME[:W],...]`.

Reads GermEval 2014 (`NER-de-dev.tsv`, `NER-de-test-even.tsv` in DIR, CC BY 4.0), maps the outer
level to BIO tags over PER, LOC, ORG and MISC (OTH; `deriv`/`part` labels are not entities) and fits
a CRF with python-crfsuite on `analysis.entities.sentence_features` (which read the gazetteers and
compiled name lists in analysis/data, none built from GermEval). `--extra` adds corpora of
`analysis.ner_corpora` from `--extra-data` (one folder per corpus): `ler:0.2` a seeded 20 % of its
sentences, `mobie:2` two copies; `--domain` gives their features a copy of their own ("web:w=bahn",
see `sentence_features`), so their differences from news need not bend the news weights.
crfsuite has no weights per sentence, so copies and samples are the weights. Training is
deterministic (L-BFGS, fixed order, fixed seeds), so the same command reproduces the committed
`analysis/data/ner_crf.model` byte for byte (the command is in analysis/data/README.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import pycrfsuite

from analysis.entities import MODEL, sentence_features
from analysis.germeval import GERMEVAL_LABELS, sentences, spans
from analysis.ner_corpora import CORPORA
from analysis.ner_corpora import read as read_corpus

FILES = ("NER-de-dev.tsv", "NER-de-test-even.tsv")
# Where the extra corpora are by default, relative to the working directory as `--data` is.
EXTRA_DATA = Path("../shared/data/ner-extra")
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
# A training sentence and the domain its features are copied for (None: news, as GermEval).
Sourced = tuple[Example, str | None]
T = TypeVar("T")


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


def parse_extras(spec: str) -> list[tuple[str, float]]:
    """`ler:0.2,smartdata` → [("ler", 0.2), ("smartdata", 1.0)]; unknown names and weights that
    are not positive numbers raise ValueError."""
    result = []
    for part in filter(None, (item.strip() for item in spec.split(","))):
        name, _, weight = part.partition(":")
        if name not in CORPORA:
            raise ValueError(f"unknown corpus {name!r}; known: {', '.join(CORPORA)}")
        try:
            value = float(weight) if weight else 1.0
        except ValueError:
            raise ValueError(f"weight of {name} is not a number: {weight!r}") from None
        if not value > 0:
            raise ValueError(f"weight of {name} must be positive: {weight!r}")
        result.append((name, value))
    return result


def weighted(items: Sequence[T], weight: float, seed: str) -> list[T]:
    """`weight` as copies: its whole part as full copies, its fraction as a sample seeded by
    `seed` (the same sentences on every run), kept in corpus order."""
    copies, fraction = int(weight), weight - int(weight)
    count = round(fraction * len(items))
    chosen = sorted(random.Random(seed).sample(range(len(items)), count))
    return list(items) * copies + [items[i] for i in chosen]


def read_extras(extras: Sequence[tuple[str, float]], folder: Path, domain: bool = False,
                named_only: bool = False) -> list[Sourced]:
    """The weighted sentences of the extra corpora, each with its domain if `domain`;
    with `named_only` only those with a name (most of LER's have none, and a mass of sentences
    without names makes the recogniser timid)."""
    result: list[Sourced] = []
    for name, weight in extras:
        examples = [bio(sentence) for sentence in read_corpus(name, folder)]
        if named_only:
            examples = [(words, tags) for words, tags in examples if set(tags) != {"O"}]
        source = CORPORA[name][1] if domain else None
        result += [(example, source) for example in weighted(examples, weight, f"ner:{name}")]
    return result


def train(examples: Sequence[Example], model: Path, params: dict | None = None,
          sources: Sequence[str | None] | None = None) -> None:
    """Fit the CRF on `examples` (with `sources`, each sentence's domain, None for news) and
    write it to `model`."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    marks = sources if sources is not None else [None] * len(examples)
    for (words, tags), source in zip(examples, marks, strict=True):
        trainer.append(sentence_features(words, source=source), tags)
    trainer.set_params(params or PARAMS)
    trainer.train(str(model))


def train_mixture(germeval: Sequence[Example], extra: Sequence[Sourced], model: Path,
                  params: dict | None = None, germeval_weight: int = 1) -> None:
    """Train on GermEval (`germeval_weight` copies) followed by the extra sentences."""
    examples = list(germeval) * germeval_weight + [example for example, _ in extra]
    sources = [None] * (len(germeval) * germeval_weight) + [source for _, source in extra]
    train(examples, model, params, sources)


def add_mixture_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that choose the training mixture, shared with `evaluate ner --cv`."""
    parser.add_argument("--extra", default="", metavar="NAME[:WEIGHT],...",
                        help=f"extra corpora ({', '.join(CORPORA)}); WEIGHT 0.2 = a seeded 20 %% "
                             "of its sentences, 2 = two copies")
    parser.add_argument("--extra-data", type=Path, default=EXTRA_DATA,
                        help=f"folder of the extra corpora (default {EXTRA_DATA})")
    parser.add_argument("--domain", action="store_true",
                        help="copies of the extra sentences' features by corpus (web:w=bahn)")
    parser.add_argument("--named-only", action="store_true",
                        help="only extra sentences with a name (weights apply to these)")
    parser.add_argument("--germeval-weight", type=int, default=1, metavar="N",
                        help="copies of the GermEval sentences (default 1)")


def mixture(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[Sourced]:
    """The extra sentences the parsed options ask for (parser errors on bad specs)."""
    try:
        extras = parse_extras(args.extra)
    except ValueError as error:
        parser.error(str(error))
    if args.germeval_weight < 1:
        parser.error("--germeval-weight must be at least 1")
    return read_extras(extras, args.extra_data, args.domain, args.named_only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with the GermEval TSVs")
    parser.add_argument("--model", type=Path, default=MODEL, help=f"output (default {MODEL})")
    add_mixture_arguments(parser)
    args = parser.parse_args(argv)
    examples = read(args.data)
    extra = mixture(parser, args)
    started = time.perf_counter()
    train_mixture(examples, extra, args.model, germeval_weight=args.germeval_weight)
    size = args.model.stat().st_size / 1e6
    print(f"trained on {len(examples) * args.germeval_weight} GermEval and {len(extra)} extra "
          f"sentences in {time.perf_counter() - started:.0f} s → {args.model} ({size:.1f} MB)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
