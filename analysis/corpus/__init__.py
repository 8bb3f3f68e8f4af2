"""Corpus loading: German news articles in files become the `documents` and `manifest` tables.

Supported inputs (see docs/tables.md for the columns, README.md for examples):

* ``.txt`` in the agency-feed format of ``seeds/`` (title ending in "Von Reuters", gallery
  counters, "© Reuters." photo captions, "Von <author>" byline, "MOSKAU (Reuters) –" dateline,
  "source site-20" footer) or plain text whose first short line is the title;
* ``.txt``/``.md`` with YAML front matter (title, date, source, url, author);
* ``.csv``, ``.jsonl`` and ``.json`` tables with a text column, one article per record, also under
  other exports' names (news-please's ``maintext``, ``date_publish``, ``authors``); a ``.json``
  holding one article object (news-please) or JSON lines;
* saved web pages ``.html``/``.htm``, RSS/Atom feeds ``.rss``/``.atom``/``.xml`` (one article per
  item) and web archives ``.warc``/``.warc.gz`` (one manifest row per record).

`read_files` dates articles from their metadata only; `analysis.read_corpus` (the pipeline) adds
the dates found by the temporal tagger (`analysis.published`).

- `files`: walking folders, file kinds, symlink loops, size limit, decoding; SkipError.
- `records`: CSV, JSONL and JSON records, their field names, YAML front matter, record checks.
- `web`: saved pages (trafilatura), feeds (feedparser) and WARC archives (warcio) as records.
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
from analysis.corpus.files import SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, SkipError
from analysis.corpus.newstext import AGENCIES, strip_html

__all__ = [
    "AGENCIES",
    "DOCUMENT_COLUMNS",
    "LANGUAGE_NAMES",
    "MANIFEST_COLUMNS",
    "MAX_ARTICLE_BYTES",
    "METADATA_DATES",
    "SUFFIXES",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "SkipError",
    "doc_id_for",
    "naive_timestamp",
    "parse_article",
    "read_files",
    "strip_html",
]
