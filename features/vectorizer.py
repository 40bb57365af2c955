"""Detector results to classifier columns: a scikit-learn transformer.

The classifier's input ``X`` is a sequence of mappings from column name
(``"{detector}__{feature}"``) to float, as built by :func:`flatten`. Keeping detector execution
outside the pipeline means the scorer runs every detector once per document and uses the same
results for the report's evidence and for the model.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain, repeat
from typing import Any, Mapping, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from features.registry import column
from scorer.evidence import DetectorResult


def flatten(results: Mapping[str, DetectorResult]) -> dict[str, float]:
    """One row of named columns from a document's detector results."""
    row: dict[str, float] = {}
    for name, result in results.items():
        names = _columns(name, tuple(result.features))
        row.update(zip(names, map(float, result.features.values())))
    return row


@lru_cache(maxsize=1024)
def _columns(detector: str, features: tuple[str, ...]) -> tuple[str, ...]:
    """The column names of one detector's features (the same few tuples on every document)."""
    return tuple(column(detector, f) for f in features)


@lru_cache(maxsize=16)
def _detector_plan(names: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Columns in order as runs of one detector's features: ``((detector, (feature, ...)),
    ...)`` (a detector's columns may be split into several runs; the order is the columns')."""
    runs: list[tuple[str, list[str]]] = []
    for name in names:
        detector, _, feature = str(name).partition("__")
        if column(detector, feature) != name:
            raise ValueError(f"column {name!r} is not detector__feature")
        if runs and runs[-1][0] == detector:
            runs[-1][1].append(feature)
        else:
            runs.append((detector, [feature]))
    return tuple((d, tuple(f)) for d, f in runs)


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
        out = np.zeros((len(X), len(names)), dtype=np.float64)
        if self.missing == "error":
            for i, row in enumerate(X):
                for name in names:
                    if name not in row:
                        raise KeyError(f"feature column {name} missing from input row {i}")
        if not out.size:
            return out
        # one C-level pass: every row's values in column order, 0.0 where a row lacks a column
        values = chain.from_iterable(map(row.get, names, repeat(0.0)) for row in X)
        return np.fromiter(values, dtype=np.float64, count=out.size).reshape(out.shape)

    def transform_results(self, results: Sequence[Mapping[str, DetectorResult]]) -> np.ndarray:
        """``transform([flatten(r) for r in results])`` without building the rows: each
        detector's features are read straight into the matrix (the same values; the filter's
        and the scorer's hot path)."""
        if self.missing == "error":
            return self.transform([flatten(r) for r in results])
        plan = _detector_plan(tuple(self.feature_names_out_))
        n = sum(len(feats) for _, feats in plan)
        if not results or not n:
            return np.zeros((len(results), n), dtype=np.float64)

        def row(res: Mapping[str, DetectorResult]) -> Any:
            for detector, feats in plan:
                r = res.get(detector)
                yield (repeat(0.0, len(feats)) if r is None
                       else map(r.features.get, feats, repeat(0.0)))

        values = chain.from_iterable(chain.from_iterable(map(row, results)))
        return np.fromiter(values, dtype=np.float64, count=len(results) * n).reshape(
            len(results), n)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return self.feature_names_out_.copy()
