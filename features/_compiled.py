"""Which detector modules may run compiled, and when their plain source wins.

``setup.py`` compiles the modules in :data:`COMPILED` with Cython when it can; Python would then
always import the compiled file, even after the source was edited (a ``git pull``, a developer's
change) and before anyone rebuilt. The finder installed by :func:`install` imports the source
instead when it, or the ``.pxd`` file of C types beside it, is newer than the compiled file
(with a warning saying how to rebuild), or when ``CREDSCORE_PURE_PYTHON`` is set at run time
(e.g. to compare the two).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

#: Dotted names of the modules setup.py compiles (its ``COMPILED`` paths; a test keeps the two
#: lists equal).
COMPILED: frozenset[str] = frozenset({
    "features.spam.injected",
    "features.spam.structure",
    "features.spam.normalize",
    "features.spam.lexicon",
    "features.translation.profile",
    "features.translation.profile_loops",
    "features.translation.artifacts",
    "features.translation.artifacts_loops",
    "features.translation.detector",
    "features.framing.partisan",
    "features.framing.partisan_loops",
    "features.attribution._common",
    "features.attribution.credits",
    "features.attribution.sourcing",
    "features.attribution.markup",
    "features.attribution.chooser",
})


class FreshSourceFinder:
    """A ``sys.meta_path`` finder for :data:`COMPILED`: the compiled module unless its source is
    newer or plain Python is asked for."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> Any:
        if fullname not in COMPILED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            return spec
        compiled = Path(str(spec.origin))
        stem = fullname.rpartition(".")[2]
        source = compiled.parent / (stem + ".py")
        if not source.is_file():
            return spec
        pure = bool(os.environ.get("CREDSCORE_PURE_PYTHON"))
        if not pure:
            built = compiled.stat().st_mtime
            # the source, or the C types declared beside it (``<module>.pxd``), changed since
            newer = [p for p in (source, compiled.parent / (stem + ".pxd"))
                     if p.is_file() and p.stat().st_mtime > built]
            if not newer:
                return spec
            warnings.warn(f"{newer[0].name} is newer than its compiled module {compiled.name}: "
                          "running the source (rebuild with `python -m pip install -e .`)",
                          RuntimeWarning, stacklevel=2)
        return importlib.util.spec_from_file_location(fullname, source)


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, FreshSourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, FreshSourceFinder())
