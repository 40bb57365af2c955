"""The vectorised profile path (``profile.fast_logits``) equals the plain reference path."""

from __future__ import annotations

import pytest

from features.translation import profile as P
from features.translation.detector import load_model

FIXTURES = [
    "The mayor said on Monday that the bridge will reopen in May. The Hill reported it first.",
    (
        "Officials of The Ministry say that In the coming weeks the plan of the government will "
        "change. Of course, nobody knows. It's what they've said, and we'll see; don't worry."
    ),
    "the the of of and and quan quan ciudad 3.5 percent 12,000 people (AP) -- “Quoted” ‘x’ $5",
    "COVID- 19 cases rose. in the region, officials said .The report , which was late : ok",
    "A",
    "THE END. The End. the end. THE The the. Of OF of",
    "word " * 900 + "The " * 10 + ". The. Of. And",
]


def _reference(text: str) -> tuple[float, float, int, list[float]]:
    model = load_model()
    weights = {int(k): (float(w[0]), float(w[1])) for k, w in zip(model.keys, model.weights)}
    counts, n, dense = P.profile(text)
    rt, nn = P.linear_logits(
        counts,
        n,
        dense,
        weights,
        (list(model.dense_weights[0]), list(model.dense_weights[1])),
        model.biases,
    )
    return rt, nn, n, dense


@pytest.mark.parametrize("text", FIXTURES)
def test_fast_logits_equals_reference_path(text: str) -> None:
    model = load_model()
    rt, nn, n, dense = P.fast_logits(text, model.tables, model.dense_weights, model.biases)
    ref_rt, ref_nn, ref_n, ref_dense = _reference(text)
    assert n == ref_n
    assert rt == pytest.approx(ref_rt, abs=1e-9)
    assert nn == pytest.approx(ref_nn, abs=1e-9)
    assert dense == pytest.approx(ref_dense, abs=1e-12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("abc. def. ghi", 2), ("ab. cd", 0), ("abc. Def", 0), ("ABC. def", 0), ("xyz.  a", 0)],
)
def test_lower_after_period_counts_three_lowercase_letters_before(text: str, expected: int) -> None:
    assert P._lower_after_period(text) == expected
