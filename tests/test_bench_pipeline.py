"""The corpus bench runs end to end on a tiny 10kGNAD-style file and prints every figure."""

from analysis.benchmarks import pipeline as bench

ARTICLES = [
    "Olaf Scholz reiste am Montag nach Paris. Dort traf er Emmanuel Macron.",
    "Die Inflation sank im März 2024 deutlich, sagte die Bundesbank in Frankfurt.",
    "Der FC Bayern gewann am Samstag gegen Dortmund.",
]


def test_documents_of_makes_every_copy_unique():
    documents = bench.documents_of(ARTICLES, copies=2)
    assert len(documents) == 6
    assert documents["doc_id"].is_unique


def test_bench_prints_stages_baseline_pipeline_and_ratios(tmp_path, capsys):
    corpus = tmp_path / "gnad.csv"
    corpus.write_text("".join(f"Inland;'{text}'\n" for text in ARTICLES), encoding="utf-8")
    assert bench.main(["--corpus", str(corpus), "--copies", "2", "--workers", "1",
                       "--sample", "3"]) == 0
    out = capsys.readouterr().out
    assert "corpus: 6 articles (2 × 3)" in out
    for line in ("segmentation", "entities", "timeline", "sentiment", "all stages (one core)",
                 "textblob-de baseline", "pipeline, 1 workers", "stages vs textblob-de per core",
                 "whole pipeline vs textblob-de per core", "unchanged re-run from the cache",
                 "peak memory (largest process)"):
        assert line in out, line


def test_profile_names_the_pipeline_steps():
    tree = bench.profile(bench.documents_of(ARTICLES, copies=1))
    assert "analyze_batch" in tree and "analyze_article" in tree
