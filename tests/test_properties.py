"""Property-based checks: any Unicode text or bytes never crash a loader or an extractor."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import extract_entities, extract_timexes, read_corpus, score
from analysis.corpus import SkipError, parse_article

# Text that looks like news now and then: German words, digits, quotes and odd code points.
GERMAN = st.sampled_from(
    ["am", "16.", "Januar", "2024", "Putin", "sagte", "„", "“", "»", "«", "Moskau", "Dienstag",
     "MOSKAU (Reuters) –", "Von", "nicht", "gut", "\n\n", "2/2", "© Reuters.", "Kim Jong Un"]
)
NEWSISH = st.lists(st.one_of(GERMAN, st.text(max_size=8)), max_size=40).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSISH)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_spans(table, text):
    for row in table.itertuples():
        assert 0 <= row.start <= row.end <= len(text)
        assert text[row.start : row.end] == row.text


@SETTINGS
@given(ANY_TEXT)
def test_entities_offsets_match_surface(text):
    _assert_spans(extract_entities(text), text)


@SETTINGS
@given(ANY_TEXT, st.sampled_from([None, "2024-01-16"]))
def test_timexes_offsets_match_surface(text, reference):
    _assert_spans(extract_timexes(text, reference), text)


@SETTINGS
@given(ANY_TEXT)
def test_score_is_bounded(text):
    tone = score(text)
    assert -1 <= tone.polarity <= 1
    assert tone.label in {"positive", "neutral", "negative"}


@SETTINGS
@given(ANY_TEXT)
def test_parse_article_gives_a_row_or_a_reason(text):
    try:
        row = parse_article(text, "x.txt")
    except SkipError as error:
        assert str(error)
    else:
        assert row["text"].strip()


@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv", ".jsonl", ".json"])
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400) | st.text(alphabet=string.printable, max_size=400)
       .map(str.encode))
def test_any_file_is_processed_or_skipped_with_a_reason(tmp_path, suffix, content):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    documents, manifest = read_corpus(path)
    assert len(manifest) >= 1
    assert set(manifest["status"]) <= {"processed", "skipped", "duplicate", "flagged"}
    assert (manifest.loc[manifest["status"] == "skipped", "reason"] != "").all()
    assert len(documents) <= (manifest["status"] != "skipped").sum()
