"""Training: pipeline contract, reproducibility, thresholds, metrics and the quality floors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import joblib
import numpy as np
import pytest
from sklearn.base import clone

from scorer import model_io, train
from scorer.config import Thresholds


def synthetic(n: int = 240, seed: int = 3):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.5).astype(int)
    rows = [{"spam.toy.v1__ratio": float(rng.normal(1.0 * lab, 1.0)),
             "attribution.toy.v1__has_byline": float(rng.random() < (0.3 if lab else 0.8)),
             "source.domain.v1__has_url": float(rng.random() < 0.5)} for lab in y]
    groups = [f"publisher-{i % 24}" for i in range(n)]
    names = ["spam.toy.v1__ratio", "attribution.toy.v1__has_byline",
             "source.domain.v1__has_url"]
    return rows, y, groups, names


def test_train_pipeline_clone_and_joblib_round_trip(tmp_path: Path) -> None:
    rows, y, groups, names = synthetic()
    pipe = train.make_pipeline(names, train.group_splits(y, groups, 0))
    fresh = clone(pipe)
    assert fresh.get_params()["features__feature_names"] == names
    fresh.fit(rows, y)
    path = tmp_path / "m.joblib"
    joblib.dump(fresh, path)
    back = joblib.load(path)
    assert np.array_equal(back.predict_proba(rows), fresh.predict_proba(rows))
    assert list(back.steps[0][1].get_feature_names_out()) == names


def test_train_same_data_and_seed_give_same_predictions() -> None:
    rows, y, groups, names = synthetic()
    a = train.fit_pipeline(rows, y, groups, names, seed=5)
    b = train.fit_pipeline(rows, y, groups, names, seed=5)
    assert np.array_equal(train.p_low(a, rows), train.p_low(b, rows))


def test_train_model_learns_the_synthetic_signal() -> None:
    rows, y, groups, names = synthetic(400)
    pipe = train.fit_pipeline(rows[:300], y[:300], groups[:300], names, seed=0)
    m = train.metrics(y[300:], train.p_low(pipe, rows[300:]))
    assert m["roc_auc"] > 0.75
    assert m["n"] == 100 and m["n_low"] + m["n_credible"] == 100


def test_train_calibration_folds_are_publisher_disjoint() -> None:
    _rows, y, groups, _ = synthetic()
    for tr, te in train.group_splits(y, groups, 0):
        assert not {groups[i] for i in tr} & {groups[i] for i in te}


def test_train_thresholds_bound_class_error_rates() -> None:
    rng = np.random.default_rng(0)
    y = (rng.random(2000) < 0.5).astype(int)
    p = np.clip(0.5 * y + rng.normal(0.25, 0.3, 2000), 0, 1)
    t = train.choose_thresholds(y, p)
    assert t.reject <= t.accept and t.low <= t.high
    score = 100 * (1 - p)
    assert (score[y == 1] >= t.accept).mean() <= train.DECISION_ERROR
    assert (score[y == 0] < t.reject).mean() <= train.DECISION_ERROR
    assert t.reject < t.accept  # separable enough for a review band


def test_train_thresholds_fall_back_without_a_class() -> None:
    t = train.choose_thresholds([0, 0, 0], [0.1, 0.2, 0.3])
    assert t.accept == Thresholds().accept


def test_train_ece_is_small_when_calibrated_and_large_when_not() -> None:
    rng = np.random.default_rng(1)
    p = rng.random(20000)
    y = (rng.random(20000) < p).astype(int)
    assert train.ece(y, p) < 0.02
    assert train.ece(y, np.clip(p + 0.3, 0, 1)) > 0.2


def test_train_pair_wins_counts_corrupted_copies() -> None:
    docs = [{"id": "a", "kind": "clean", "pair": None}, {"id": "x:a", "kind": "spam", "pair": "a"},
            {"id": "b", "kind": "clean", "pair": None}, {"id": "x:b", "kind": "mt", "pair": "b"}]
    out = train.pair_wins(docs, np.array([0.1, 0.9, 0.5, 0.2]))
    assert out["spam"] == {"pairs": 1, "share": 1.0}
    assert out["mt"] == {"pairs": 1, "share": 0.0}
    assert out["all"]["share"] == 0.5


def test_train_confusion_counts_every_document() -> None:
    t = Thresholds(high=70, low=40, accept=80, reject=30)
    c = train.confusion([0, 0, 1, 1], [0.1, 0.5, 0.65, 0.95], t)
    assert c["credible"]["accept"] == 1 and c["credible"]["review"] == 1
    assert c["low"]["reject"] == 1 and sum(c["low"][k] for k in ("high", "mixed", "low")) == 2


def test_train_register_cli_adds_train_and_evaluate() -> None:
    parser = argparse.ArgumentParser()
    train.register_cli(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["train", "--seed", "3", "--limit", "50", "--out", "/tmp/x"])
    assert args.seed == 3 and args.limit == 50 and callable(args.func)
    args = parser.parse_args(["evaluate"])
    assert callable(args.func) and args.model is None


def test_train_missing_data_dir_exits_3(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    train.register_cli(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["train", "--data-dir", str(tmp_path / "none"),
                              "--out", str(tmp_path / "models")])
    assert args.func(args) == 3


def _shipped_card() -> dict | None:
    found = sorted(model_io.models_dir().glob("*/model_card.json"))
    return json.loads(found[-1].read_text()) if found else None


def test_train_shipped_model_meets_baseline_floors() -> None:
    """reports/baseline.json holds deliberate floors; the shipped card must not fall below."""
    card = _shipped_card()
    baseline_path = model_io.models_dir().parent / "reports" / "baseline.json"
    if card is None or not baseline_path.exists():
        pytest.skip("no shipped model or baseline")
    base = json.loads(baseline_path.read_text())["classifier"]
    assert card["training_data"]["documents_sha256"] == base["eval_data_sha256"]
    test = card["metrics"]["test"]
    assert test["roc_auc"] >= base["floors"]["test_roc_auc_with_source"]
    twin = card["metrics_without_source_prior"]["test"]
    assert twin["roc_auc"] >= base["floors"]["test_roc_auc_without_source"]
    assert test["ece"] <= base["floors"]["test_ece_max"]
    assert card["corrupted_pairs"]["test"]["all"]["share"] >= base["floors"]["test_pair_share"]


def test_train_model_columns_leave_out_has_url() -> None:
    from features.source.domain import DomainPrior

    cols = train.model_columns([DomainPrior()])
    assert "source.domain.v1__has_url" not in cols
    assert "source.domain.v1__suffix_risk" not in cols
    assert "source.domain.v1__reliability" in cols and len(cols) == 12


# -- the dataset builder's corruptions (synthetic inputs; no shared data needed) ----------------
ARTICLE = "\n".join(f"Paragraph {i} of a plain test article about the harbour budget vote."
                    for i in range(10))


def _builder():
    return train._builder()


def test_train_builder_splits_are_stable_and_publisher_level() -> None:
    b = _builder()
    groups = [f"outlet{i}.example" for i in range(3000)]
    splits = [b.split_of(g) for g in groups]
    assert splits == [b.split_of(g) for g in groups]
    shares = {s: splits.count(s) / len(splits) for s in ("train", "valid", "test")}
    assert abs(shares["train"] - 0.65) < 0.04 and abs(shares["test"] - 0.20) < 0.04


def test_train_builder_scraper_copy_is_truncated_and_credited() -> None:
    import random

    b = _builder()
    copy = b.scrape_copy(ARTICLE, random.Random(1))
    assert len(copy) < len(ARTICLE)
    assert copy.startswith(("Paragraph 0", "(UPDATE) Paragraph 0"))
    assert any(agency in copy.splitlines()[-1] for agency in b.AGENCIES)


def test_train_builder_spam_injection_keeps_the_article() -> None:
    import random

    b = _builder()
    payloads = {"judol": ["slot gacor hari ini pasti menang", "daftar sekarang bonus besar",
                          "main sekali langsung jackpot", "link alternatif ada di bio"],
                "gambling_domains": ["example-casino.test"], "keywords": [f"spamword{i}" for i in range(12)]}
    for seed in range(8):
        out = b.inject_spam(ARTICLE, random.Random(seed), payloads, "AB"[seed % 2])
        lines = out.split("\n")
        assert [ln for ln in lines if ln.startswith("Paragraph")] == ARTICLE.split("\n")
        assert len(lines) > 10


def test_train_builder_capture_noise_keeps_paragraph_order() -> None:
    import random

    b = _builder()
    for seed in range(8):
        out = b.capture_noise(ARTICLE, random.Random(seed), ["Another headline", "More news"])
        positions = [out.index(p) for p in ARTICLE.split("\n")]
        assert positions == sorted(positions)
