"""Optional dependencies: what only an option, a benchmark or training needs.

The core install analyses articles and renders reports. `pip install 'pressespiegel[dask]'` adds
the cluster engine, `[bench]` SoMaJo (the segmenter the regex one is measured against) and the
profiler, `[train]` scikit-learn (training and evaluating the tone model), `[gazetteers]` the
tools that rebuild the name lists. Code that needs one of them imports it through `require`, so a
missing one ends in a message that names the extra to install, not in a bare ImportError.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from analysis.errors import UserError


class MissingExtra(ImportError, UserError):
    """An optional dependency is not installed; the message says which extra brings it."""


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import `module`, or explain that `purpose` needs `pip install 'pressespiegel[extra]'`."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtra(
            f"{purpose} needs {module.split('.')[0]}, which is not installed: "
            f"pip install 'pressespiegel[{extra}]'"
        ) from error
