"""Entity mentions (PER, LOC, ORG, MISC), their kind and canonical names.

Recognition is a CRF (python-crfsuite) trained on GermEval 2014 by `analysis.train_ner`, over word
shape, affixes, compound heads, neighbouring words, curated gazetteers, large compiled name lists
(first names and surnames from Faker, GeoNames cities, listed companies) and trigger words
(titles, functions, organisation words). It needs no part-of-speech tagger at run time, so it
keeps pace with segmentation. Linking then gives every mention a canonical name: within an
article (`link`: surname → full name, genitive and dateline forms, hyphen compounds, demonyms,
role descriptions) and across a corpus (`link_corpus`), with a user-editable alias table
overriding both.

Modules, bottom to top:
- `words`: trigger and function words (titles, organisation words, openers) and `role_key`;
- `names`: curated gazetteers, demonyms, lexicon, compiled name lists, spelling helpers;
- `features`: the CRF's features, shared by training and tagging;
- `recognition`: the CRF tagger and `Mention`;
- `lineups`: sports line-ups and result lists, country codes;
- `spans`: the tags read as name spans, set right by rules, and turned into mentions;
- `spelling`: transliterations of one person's name (Baschar / Bashar al-Assad) merged;
- `roles`: role descriptions ("der Kremlchef") linked to the person they stand for;
- `linking`: within-article linking (`link`) and the alias table;
- `tables`: the mention tables (`annotate`, `mentions`, `extract_entities`) and `link_corpus`.
"""

from analysis.entities.features import sentence_features, word_features
from analysis.entities.linking import ALIASES, link, load_aliases
from analysis.entities.names import (
    DATA,
    GAZETTEERS,
    NAME_LISTS,
    demonyms,
    gazetteer,
    genitive_stem,
    lexicon,
    list_phrases,
    lookup,
    name_lists,
    title_case,
)
from analysis.entities.recognition import MODEL, Mention, bio_spans, tag_words
from analysis.entities.spans import sentence_spans
from analysis.entities.tables import (
    COLUMNS,
    KINDS,
    MENTION_COLUMNS,
    WHO_LABELS,
    annotate,
    extract_entities,
    extract_entities_batch,
    link_corpus,
    mention_frame,
    mentions,
)
from analysis.entities.words import role_key

__all__ = [
    "ALIASES",
    "COLUMNS",
    "DATA",
    "GAZETTEERS",
    "KINDS",
    "MENTION_COLUMNS",
    "MODEL",
    "NAME_LISTS",
    "WHO_LABELS",
    "Mention",
    "annotate",
    "bio_spans",
    "demonyms",
    "extract_entities",
    "extract_entities_batch",
    "gazetteer",
    "genitive_stem",
    "lexicon",
    "link",
    "link_corpus",
    "list_phrases",
    "load_aliases",
    "lookup",
    "mention_frame",
    "mentions",
    "name_lists",
    "role_key",
    "sentence_features",
    "sentence_spans",
    "tag_words",
    "title_case",
    "word_features",
]
