"""`python -m analysis.evaluate` and `python -m analysis.bench` route to their task modules."""

import pytest

from analysis import bench, evaluate


@pytest.mark.parametrize("module", [evaluate, bench])
def test_unknown_task_prints_the_tasks(module, capsys):
    assert module.main(["nope"]) == 2
    usage = capsys.readouterr().err
    for task in module.TASKS:
        assert task in usage


def test_bench_with_only_a_corpus_means_the_pipeline(monkeypatch):
    seen = {}

    def fake_dispatch(package, tasks, argv, prog):
        seen.update(package=package, argv=argv)
        return 0

    monkeypatch.setattr(bench, "dispatch", fake_dispatch)
    assert bench.main(["--corpus", "x.csv"]) == 0
    assert seen == {"package": "analysis.benchmarks", "argv": ["pipeline", "--corpus", "x.csv"]}
