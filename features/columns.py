"""Detector results to classifier columns, without scikit-learn.

A column is ``"{detector}__{feature}"`` (:func:`features.registry.column`). :func:`flatten`
makes one named row from a document's detector results; :func:`rows_matrix` and
:func:`results_matrix` fill a dense float matrix in a given column order (0.0 where a row lacks
a column). :class:`features.vectorizer.DetectorVectorizer` (the pipeline's first step) and the
scorer's hot path both use these, so scoring a page never needs to import scikit-learn.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import chain, repeat
from typing import Any

import numpy as np

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
def detector_plan(names: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
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


def rows_matrix(names: Sequence[str], rows: Sequence[Mapping[str, float]]) -> np.ndarray:
    """The matrix of named rows in ``names`` order, 0.0 where a row lacks a column."""
    shape = (len(rows), len(names))
    if not shape[0] or not shape[1]:
        return np.zeros(shape, dtype=np.float64)
    # one C-level pass: every row's values in column order
    values = chain.from_iterable(map(row.get, names, repeat(0.0)) for row in rows)
    return np.fromiter(values, dtype=np.float64, count=shape[0] * shape[1]).reshape(shape)


def results_matrix(names: Sequence[str], results: Sequence[Mapping[str, DetectorResult]]
                   ) -> np.ndarray:
    """``rows_matrix(names, [flatten(r) for r in results])`` without building the rows: each
    detector's features are read straight into the matrix (the same values)."""
    plan = detector_plan(tuple(names))
    n = sum(len(feats) for _, feats in plan)
    if not results or not n:
        return np.zeros((len(results), n), dtype=np.float64)

    def row(res: Mapping[str, DetectorResult]) -> Iterator[Any]:
        for detector, feats in plan:
            r = res.get(detector)
            yield (repeat(0.0, len(feats)) if r is None
                   else map(r.features.get, feats, repeat(0.0)))

    values = chain.from_iterable(chain.from_iterable(map(row, results)))
    return np.fromiter(values, dtype=np.float64, count=len(results) * n).reshape(len(results), n)
