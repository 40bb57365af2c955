"""Detector results to classifier columns: a scikit-learn transformer.

The classifier's input ``X`` is a sequence of mappings from column name
(``"{detector}__{feature}"``) to float, as built by :func:`flatten` (features.columns, where
the sklearn-free matrix builders live). Keeping detector execution
outside the pipeline means the scorer runs every detector once per document and uses the same
results for the report's evidence and for the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from features.columns import flatten, rows_matrix

__all__ = ["DetectorVectorizer", "flatten"]


class DetectorVectorizer(TransformerMixin, BaseEstimator, auto_wrap_output_keys=None):
    """Turn rows of named detector features into a dense float matrix.

    Parameters
    ----------
    feature_names:
        The columns to emit, in order. ``None`` learns them in ``fit`` (sorted union of the rows'
        keys). A column missing from a row is 0.0 (``missing="zero"``) or an error
        (``missing="error"``), which guards against a model fed by other detector versions.
    """

    def __init__(self, feature_names: Sequence[str] | None = None, missing: str = "zero") -> None:
        self.feature_names = feature_names
        self.missing = missing

    def fit(self, X: Sequence[Mapping[str, float]], y: Any = None) -> "DetectorVectorizer":
        if self.missing not in ("zero", "error"):
            raise ValueError(f"missing must be 'zero' or 'error', not {self.missing!r}")
        if self.feature_names is not None:
            names = list(self.feature_names)
        else:
            keys: set[str] = set()
            for row in X:
                keys.update(row)
            names = sorted(keys)
        self.feature_names_out_ = np.asarray(names, dtype=object)
        self.n_features_out_ = len(names)
        return self

    def transform(self, X: Sequence[Mapping[str, float]]) -> np.ndarray:
        names = list(self.feature_names_out_)
        if self.missing == "error":
            for i, row in enumerate(X):
                for name in names:
                    if name not in row:
                        raise KeyError(f"feature column {name} missing from input row {i}")
        return rows_matrix(names, X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return self.feature_names_out_.copy()
