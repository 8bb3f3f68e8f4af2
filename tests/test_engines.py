"""The Dask engine on a LocalCluster gives the same tables as the local engine."""

import pandas as pd
import pytest
from conftest import ARTICLES

from analysis import engines
from analysis.pipeline import ORIGIN_FILE, PER_ARTICLE_TABLES, Analysis, analyze


def test_dask_local_cluster_matches_local_engine(tmp_path):
    local = analyze(ARTICLES)
    distributed = analyze(ARTICLES, engine="dask", workers=2)
    for name in PER_ARTICLE_TABLES:
        pd.testing.assert_frame_equal(getattr(distributed, name), getattr(local, name))
    distributed.save(tmp_path, articles_per_part=2)
    assert len(list((tmp_path / "mentions.parquet").glob("part-*.parquet"))) == 4
    reloaded = Analysis.load(tmp_path)
    pd.testing.assert_frame_equal(reloaded.mentions, local.mentions)


def test_unknown_engine_is_named():
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        list(engines.run(len, [[1]], engine="spark"))


def test_partitioned_save_replaces_a_previous_dataset(tmp_path):
    result = analyze(ARTICLES)
    result.save(tmp_path, articles_per_part=1)
    result.save(tmp_path, articles_per_part=4)
    parts = sorted((tmp_path / "sentences.parquet").glob("part-*.parquet"))
    assert len(parts) == 2
    leftovers = [path for path in tmp_path.glob(".*") if path.name != ORIGIN_FILE]
    assert not leftovers, "no temporary files left behind"
