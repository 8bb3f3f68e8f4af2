"""Corpus loading: German news articles in files become the `documents` and `manifest` tables.

Supported inputs (see docs/tables.md for the columns):

* ``.txt`` in the agency-feed format of ``seeds/`` (title ending in "Von Reuters", gallery
  counters, "© Reuters." photo captions, "Von <author>" byline, "MOSKAU (Reuters) –" dateline,
  "source site-20" footer) or plain text whose first short line is the title;
* ``.txt``/``.md`` with YAML front matter (title, date, source, url, author);
* ``.csv``, ``.jsonl`` and ``.json`` tables with a ``text`` column, one article per record.

`read_files` dates articles from their metadata only; `analysis.read_corpus` (the pipeline) adds
the dates found by the temporal tagger (`analysis.published`).

- `files`: walking folders, symlink loops, size limit, decoding and binary detection; SkipError.
- `records`: CSV, JSONL and JSON records, YAML front matter, record checks.
- `newstext`: title, byline, dateline, captions, agency and page furniture; HTML to text.
- `documents`: `read_files`, `parse_article`, doc ids, the documents and manifest tables.
"""

from analysis.corpus.documents import (
    DOCUMENT_COLUMNS,
    LANGUAGE_NAMES,
    MANIFEST_COLUMNS,
    MAX_ARTICLE_BYTES,
    METADATA_DATES,
    doc_id_for,
    naive_timestamp,
    parse_article,
    read_files,
)
from analysis.corpus.files import TABLE_SUFFIXES, TEXT_SUFFIXES, SkipError
from analysis.corpus.newstext import AGENCIES, strip_html

__all__ = [
    "AGENCIES",
    "DOCUMENT_COLUMNS",
    "LANGUAGE_NAMES",
    "MANIFEST_COLUMNS",
    "MAX_ARTICLE_BYTES",
    "METADATA_DATES",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "SkipError",
    "doc_id_for",
    "naive_timestamp",
    "parse_article",
    "read_files",
    "strip_html",
]
