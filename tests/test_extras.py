"""Optional dependencies: a missing one names the extra that brings it."""

import sys

import pytest

from analysis import engines
from analysis.extras import MissingExtra, require


def test_require_imports_what_is_there():
    assert require("json", "bench", "anything").dumps([1]) == "[1]"


def test_a_missing_module_names_the_extra_to_install():
    with pytest.raises(MissingExtra, match=r"--engine dask needs no_such_thing, which is not "
                                           r"installed: pip install 'pressespiegel\[dask\]'"):
        require("no_such_thing.distributed", "dask", "--engine dask")


def test_the_dask_engine_without_dask_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingExtra, match=r"pressespiegel\[dask\]"):
        list(engines.run(len, [[{}]], engine="dask"))
