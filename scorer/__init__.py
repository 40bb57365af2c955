"""credscore: source-credibility and spam-contamination scoring for news and web documents.

The public names are imported lazily so that ``import scorer.document`` stays cheap and free of
import cycles with ``features``.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["CredibilityFilter", "Document", "Scorer", "Verdict", "__version__"]

_LAZY = {
    "Document": "scorer.document",
    "Scorer": "scorer.scoring",
    "CredibilityFilter": "scorer.filter",
    "Verdict": "scorer.filter",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scorer' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
