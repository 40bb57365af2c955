"""Loading the trained model: checks that turn bad model files into clear ModelLoadErrors."""

from __future__ import annotations

import itertools
import json
import warnings
from pathlib import Path

import joblib
import numpy as np
import pytest

from features.registry import feature_columns
from features.source.domain import DomainPrior
from scorer import model_io
from scorer.errors import ModelLoadError
from scorer.train import MODEL_NAME, fit_pipeline

COLUMNS = feature_columns([DomainPrior()])  # real, registered columns: the drift check passes


def synthetic(n: int = 200, seed: int = 1) -> tuple[list[dict[str, float]], np.ndarray, list[str]]:
    """Rows where low-credibility documents have low ratings and more 'rated_low' flags."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(int)
    rows = []
    for label in y:
        rel = rng.normal(-0.2 if label else 0.2, 0.15)
        rows.append({"source.domain.v1__has_url": 1.0,
                     "source.domain.v1__reliability": float(rel),
                     "source.domain.v1__rated_low": float(rel < -0.1),
                     "source.domain.v1__suffix_risk": float(rng.uniform(0, 1))})
    groups = [f"pub{i % 20}" for i in range(n)]
    return rows, y, groups


def card_for(names: list[str]) -> dict:
    return {"name": MODEL_NAME, "version": "9", "feature_names": names, "detectors": [],
            "thresholds": {"high": 70, "low": 40, "accept": 75, "reject": 35}, "seed": 0}


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    rows, y, groups = synthetic()
    pipe = fit_pipeline(rows, y, groups, COLUMNS, seed=0)
    return model_io.save_model(pipe, card_for(COLUMNS), tmp_path)


def _edit_card(folder: Path, **changes: object) -> None:
    path = folder / model_io.CARD_FILE
    card = json.loads(path.read_text())
    card.update(changes)
    path.write_text(json.dumps(card))


def test_model_io_round_trip_predicts_like_the_pipeline(saved: Path) -> None:
    model = model_io.load_model(saved)
    rows, _, _ = synthetic(30, seed=7)
    got = model.predict(rows, [{} for _ in rows])
    direct = model.pipeline.predict_proba(rows)[:, 1]
    assert np.allclose([p for p, _ in got], direct, atol=1e-9)
    assert model.name == MODEL_NAME and model.version == "9"
    assert model.thresholds.accept == 75 and model.thresholds.reject == 35


def test_model_io_reasons_are_signed_and_named(saved: Path) -> None:
    model = model_io.load_model(saved)
    known = {"source.domain.v1__has_url": 1.0, "source.domain.v1__known": 1.0,
             "source.domain.v1__rated": 1.0}
    low_row = {**known, "source.domain.v1__reliability": -0.45, "source.domain.v1__rated_low": 1.0}
    high_row = {**known, "source.domain.v1__reliability": 0.45}
    (p_lo, r_lo), (p_hi, r_hi) = model.predict([low_row, high_row], [{}, {}])
    assert p_lo > 0.8
    assert p_hi < 0.2
    rel = "source.domain.v1__reliability"
    assert any(r.code == rel and r.weight > 0 and "rated low" in r.message for r in r_lo)
    assert any(r.code == rel and r.weight < 0 and "rated highly" in r.message for r in r_hi)
    assert all(abs(a.weight) >= abs(b.weight) for a, b in itertools.pairwise(r_lo))


def test_model_io_no_url_merges_source_reasons(saved: Path) -> None:
    model = model_io.load_model(saved)
    [(_, reasons)] = model.predict([{}], [{}])
    assert [r.code for r in reasons if r.signal == "source"] in ([], ["source.no_url"])
    assert all(not r.code.startswith("source.domain") for r in reasons)


def test_model_io_unrated_publisher_merges_source_reasons(saved: Path) -> None:
    model = model_io.load_model(saved)
    row = {"source.domain.v1__has_url": 1.0, "source.domain.v1__suffix_risk": 0.99}
    [(_, reasons)] = model.predict([row], [{}])
    codes = [r.code for r in reasons if r.signal == "source"]
    assert set(codes) <= {"source.unrated", "source.domain.v1__suffix_risk"}
    assert "source.domain.v1__reliability" not in codes


def test_model_io_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="does not exist.*credscore train"):
        model_io.load_default(tmp_path / "nope")


def test_model_io_missing_card_raises(saved: Path) -> None:
    (saved / model_io.CARD_FILE).unlink()
    with pytest.raises(ModelLoadError, match="card .* is missing"):
        model_io.load_model(saved)


def test_model_io_tampered_file_raises(saved: Path) -> None:
    path = saved / model_io.MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match="sha256.*changed or corrupted"):
        model_io.load_model(saved)


@pytest.mark.parametrize("package", ["sklearn", "credscore"])
def test_model_io_other_version_card_raises(saved: Path, package: str) -> None:
    card = json.loads((saved / model_io.CARD_FILE).read_text())
    versions = dict(card["versions"], **{package: "0.0.1"})
    _edit_card(saved, versions=versions)
    with pytest.raises(ModelLoadError, match=f"built with {package} 0.0.1.*install"):
        model_io.load_model(saved)


def test_model_io_not_a_model_file_raises(saved: Path) -> None:
    path = saved / model_io.MODEL_FILE
    path.write_bytes(b"this is plainly not a pickle\x00\x01")
    _edit_card(saved, model_sha256=model_io.sha256_file(path))
    with pytest.raises(ModelLoadError, match="not a loadable model"):
        model_io.load_model(saved)


def test_model_io_pickle_of_other_object_raises(saved: Path) -> None:
    path = saved / model_io.MODEL_FILE
    joblib.dump({"not": "a pipeline"}, path)
    _edit_card(saved, model_sha256=model_io.sha256_file(path))
    with pytest.raises(ModelLoadError, match="not a credscore pipeline"):
        model_io.load_model(saved)


def test_model_io_card_that_is_not_ours_raises(saved: Path) -> None:
    (saved / model_io.CARD_FILE).write_text("[1, 2, 3]")
    with pytest.raises(ModelLoadError, match="not a credscore model card"):
        model_io.load_model(saved)


def test_model_io_inconsistent_version_warning_becomes_error(
        saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sklearn.exceptions import InconsistentVersionWarning

    def fake_load(path: object) -> object:
        warnings.warn(InconsistentVersionWarning(estimator_name="LogisticRegression",
                                                 current_sklearn_version="9.9",
                                                 original_sklearn_version="0.1"))
        return None

    monkeypatch.setattr(joblib, "load", fake_load)
    with pytest.raises(ModelLoadError, match="another scikit-learn version"):
        model_io.load_model(saved)


def test_model_io_detector_drift_raises(tmp_path: Path) -> None:
    rows, y, groups = synthetic()
    names = COLUMNS + ["spam.gone.v0__ratio"]
    pipe = fit_pipeline(rows, y, groups, names, seed=0)
    folder = model_io.save_model(pipe, card_for(names), tmp_path)
    with pytest.raises(ModelLoadError, match="no longer produce.*spam.gone.v0__ratio"):
        model_io.load_model(folder)
    assert model_io.load_model(folder, check_detectors=False).name == MODEL_NAME


def test_model_io_save_refuses_overwrite(saved: Path) -> None:
    rows, y, groups = synthetic()
    pipe = fit_pipeline(rows, y, groups, COLUMNS, seed=0)
    with pytest.raises(FileExistsError, match="--force"):
        model_io.save_model(pipe, card_for(COLUMNS), saved.parent)


def test_model_io_default_none_without_models(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(model_io.ENV_VAR, raising=False)
    monkeypatch.setattr(model_io, "models_dir", lambda: tmp_path / "empty")
    assert model_io.load_default(None) is None


def test_model_io_default_picks_env_then_newest(saved: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    rows, y, groups = synthetic()
    pipe = fit_pipeline(rows, y, groups, COLUMNS, seed=0)
    newer = model_io.save_model(pipe, dict(card_for(COLUMNS), version="10"), saved.parent)
    monkeypatch.delenv(model_io.ENV_VAR, raising=False)
    monkeypatch.setattr(model_io, "models_dir", lambda: saved.parent)
    model = model_io.load_default(None)
    assert model is not None and model.version == "10" and model.path == newer
    monkeypatch.setenv(model_io.ENV_VAR, str(saved))
    model = model_io.load_default(None)
    assert model is not None and model.version == "9"


def test_model_io_scorer_uses_the_loaded_model(saved: Path) -> None:
    from scorer.document import Document
    from scorer.scoring import Scorer

    model = model_io.load_model(saved)
    scorer = Scorer(detectors=[DomainPrior()], model=model)
    good, bad = scorer.score_many([
        Document(text="A plain test article.", id="g", url="https://www.reuters.com/world/x"),
        Document(text="A plain test article.", id="b", url="https://www.infowars.com/posts/x"),
    ])
    assert good.credibility.score > bad.credibility.score
    assert good.model_name == MODEL_NAME
    out = bad.to_dict()
    assert out["reasons"] and out["reasons"][0]["weight"] > 0
    assert out["signals"]["source"]["domain"] == "infowars.com"
    assert out["credibility"]["decision"] in ("accept", "review", "reject")


def test_model_io_predict_one_document_is_fast(saved: Path) -> None:
    import time

    model = model_io.load_model(saved)
    rows, _, _ = synthetic(1)
    model.predict(rows, [{}])
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        model.predict(rows, [{}])
        times.append(time.perf_counter() - t0)
    assert sorted(times)[25] < 0.005  # median well under the 1 ms budget on an idle core


def test_model_io_reasons_hide_pushes_against_a_features_own_direction(saved: Path) -> None:
    rel = "source.domain.v1__reliability"
    row = {"source.domain.v1__has_url": 1.0, "source.domain.v1__known": 1.0,
           "source.domain.v1__rated": 1.0, rel: -0.45}
    [(p_before, before)] = model_io.load_model(saved).predict([row], [{}])
    assert rel in [r.code for r in before]
    # The card claims higher reliability goes with LOW credibility: the model's push disagrees.
    _edit_card(saved, feature_directions={rel: 1})
    [(p_after, after)] = model_io.load_model(saved).predict([row], [{}])
    assert rel not in [r.code for r in after]
    assert p_after == p_before  # hidden from the reasons, still counted in the score



def test_model_probabilities_equal_predict_without_reasons() -> None:
    import pytest

    from features.vectorizer import flatten
    from scorer import model_io
    from scorer.document import Document
    from scorer.scoring import Scorer

    model = model_io.load_default(None)
    if model is None:
        pytest.skip("no shipped model")
    scorer = Scorer(model=model)
    texts = ["The council voted on Monday to fund the new bridge, officials said.",
             "slot gacor maxwin deposit pulsa\nThe fair opened.\nslot gacor maxwin deposit pulsa"]
    docs = [scorer.prepare(Document(text=t, id=str(i))) for i, t in enumerate(texts)]
    results = [scorer.analyse(d) for d in docs]
    rows = [flatten(r) for r in results]
    full = [p for p, _ in model.predict(rows, results)]
    assert list(model.probabilities(rows)) == pytest.approx(full, abs=1e-12)
    assert full[1] > full[0]


def test_reasons_order_by_push_then_name_with_ties() -> None:
    """The vectorised ordering equals sorting on (-|push|, name), ties included."""
    import dataclasses

    import numpy as np

    from scorer.explain_model import column_index, reasons_for

    names = [f"spam.injected.v1__f{c}" for c in "qwertyuiopasdfgh"]
    index = column_index(names)
    plain = dataclasses.replace(index, name_rank=None)
    rng = np.random.default_rng(3)
    for _ in range(200):
        contrib = rng.choice([-0.5, -0.2, 0.0, 0.04, 0.2, 0.5, 0.9], size=len(names))
        x = rng.random(len(names))
        fast = reasons_for(index, x, x, contrib, {}, max_reasons=16)
        slow = reasons_for(plain, x, x, contrib, {}, max_reasons=16)
        assert [r.code for r in fast] == [r.code for r in slow]
        assert [abs(r.weight) for r in fast] == sorted((abs(r.weight) for r in fast),
                                                         reverse=True)


def test_reasons_many_equals_reasons_for_on_each_row() -> None:
    """The batch computation gives every row the reasons reasons_for gives it alone: source
    pushes merged without a URL or for an unrated publisher, ties, the weight floor."""
    import numpy as np

    from scorer.explain_model import column_index, reasons_for, reasons_many

    names = ["source.domain.v1__has_url", "source.domain.v1__known",
             "source.domain.v1__reliability", "source.domain.v1__is_ip",
             "source.domain.v1__listed_fake", "spam.injected.v1__n_spans",
             "spam.injected.v1__top_fraction", "translation.mt.v1__probability",
             "framing.partisan.v1__loaded_rate", "framing.partisan.v1__caps_rate",
             "attribution.credits.v1__has_byline", "attribution.sourcing.v1__quotes_per_1k"]
    rng = np.random.default_rng(11)
    explainable = rng.random(len(names)) > 0.2
    index = column_index(names, explainable)
    for min_weight in (0.0, 0.05, 0.3):
        X = rng.choice([0.0, 1.0, 0.37, 2.5], size=(40, len(names)))
        Z = rng.normal(size=X.shape)
        contrib = rng.choice([-0.6, -0.2, -0.05, 0.0, 0.05, 0.2, 0.6, 1.1], size=X.shape)
        results = [{} for _ in range(len(X))]
        many = reasons_many(index, X, Z, contrib, results, min_weight, 5)
        assert len(many) == len(X)
        for i in range(len(X)):
            one = reasons_for(index, X[i], Z[i], contrib[i], {}, min_weight, 5)
            assert many[i] == one
        assert any(r.code == "source.no_url" for rs in many for r in rs)
        assert any(r.code == "source.unrated" for rs in many for r in rs)
    assert reasons_many(index, X[:0], Z[:0], contrib[:0], []) == []


def test_detector_vectorizer_fills_missing_columns_with_zero() -> None:
    from features.vectorizer import DetectorVectorizer

    vec = DetectorVectorizer(["a__x", "a__y", "b__z"]).fit([])
    X = vec.transform([{"a__x": 1.5, "b__z": 2}, {}, {"a__y": -3.0, "other": 9.0}])
    assert X.tolist() == [[1.5, 0.0, 2.0], [0.0, 0.0, 0.0], [0.0, -3.0, 0.0]]
    assert vec.transform([]).shape == (0, 3)
    strict = DetectorVectorizer(["a__x"], missing="error").fit([])
    with pytest.raises(KeyError):
        strict.transform([{"b__z": 1.0}])


def test_results_matrix_equals_transform_of_flattened_rows() -> None:
    from features.columns import flatten, results_matrix
    from features.vectorizer import DetectorVectorizer
    from scorer.evidence import DetectorResult

    # columns of detector "a" split into two runs by "b": the plan must keep the column order
    names = ["a__x", "b__z", "a__y", "c__w"]
    vec = DetectorVectorizer(names).fit([])
    results = [
        {"a": DetectorResult(detector="a", features={"x": 1.5, "y": -2.0, "extra": 7.0}),
         "b": DetectorResult(detector="b", features={"z": 3})},
        {},  # nothing ran: every column 0.0
        {"c": DetectorResult(detector="c", features={"w": True}),
         "a": DetectorResult(detector="a", features={"y": 0.25})},  # "x" missing: 0.0
    ]
    got = results_matrix(names, results)
    assert got.tolist() == [[1.5, 3.0, -2.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.25, 1.0]]
    assert np.array_equal(got, vec.transform([flatten(r) for r in results]))
    assert results_matrix(names, []).shape == (0, 4)


def test_model_io_predict_results_equals_predict_on_flattened_rows(saved: Path) -> None:
    from features.vectorizer import flatten
    from scorer.evidence import DetectorResult

    model = model_io.load_model(saved)
    rows, _, _ = synthetic(40, seed=3)
    results = [{"source.domain.v1": DetectorResult(
        detector="source.domain.v1",
        features={k.partition("__")[2]: v for k, v in row.items()})} for row in rows]
    results[5] = {}
    assert model.predict_results(results) == model.predict([flatten(r) for r in results],
                                                           results)
    assert model.predict_results([]) == []


def test_model_io_card_carries_the_unrolled_linear_model(saved: Path) -> None:
    card = json.loads((saved / model_io.CARD_FILE).read_text())
    eager = model_io.load_model(saved)
    lazy = model_io.load_model(saved, lazy=True)
    assert card["linear"]["names"] == card["feature_names"]
    assert isinstance(lazy.pipeline, model_io._LazyPipeline)  # not unpickled yet
    rows, _, _ = synthetic(25, seed=11)
    assert lazy.predict(rows, [{} for _ in rows]) == eager.predict(rows, [{} for _ in rows])
    # reading the pipeline unpickles it then
    assert list(lazy.pipeline.classes_) == list(eager.pipeline.classes_)
    assert lazy.pipeline._real is not None


def test_model_io_lazy_load_falls_back_to_the_pickle_when_the_card_entry_is_edited(
        saved: Path) -> None:
    card = json.loads((saved / model_io.CARD_FILE).read_text())
    card["linear"]["coef"][0] += 1.0  # checksum no longer matches: not trusted
    _edit_card(saved, linear=card["linear"])
    model = model_io.load_model(saved, lazy=True)
    assert not isinstance(model.pipeline, model_io._LazyPipeline)
    rows, _, _ = synthetic(10, seed=2)
    direct = model.pipeline.predict_proba(rows)[:, 1]
    assert np.allclose([p for p, _ in model.predict(rows, [{} for _ in rows])], direct)


def test_model_io_lazy_pipeline_checks_the_pickle_when_first_read(saved: Path) -> None:
    model_file = saved / model_io.MODEL_FILE
    joblib.dump({"not": "a pipeline"}, model_file)
    _edit_card(saved, model_sha256=model_io.sha256_file(model_file))
    with pytest.raises(ModelLoadError):
        model_io.load_model(saved)  # eager: checked at once
    model = model_io.load_model(saved, lazy=True)  # the card's numbers still score
    with pytest.raises(ModelLoadError, match="not a credscore pipeline"):
        model.pipeline.steps


def test_model_io_scoring_from_the_card_never_imports_sklearn(saved: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from scorer import CredibilityFilter\n"
        f"f = CredibilityFilter.load({str(saved)!r})\n"
        "v = f.check(text='A council approved the budget on Tuesday, the mayor said.',"
        " url='https://example.com/a')\n"
        "assert v.decision in ('accept', 'review', 'reject'), v\n"
        "print('sklearn' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_model_io_lazily_loaded_model_pickles_and_still_scores(saved: Path) -> None:
    import pickle

    lazy = model_io.load_model(saved, lazy=True)
    copy = pickle.loads(pickle.dumps(lazy))
    rows, _, _ = synthetic(8, seed=5)
    assert copy.predict(rows, [{} for _ in rows]) == lazy.predict(rows, [{} for _ in rows])
    assert list(copy.pipeline.classes_) == [0, 1]  # the copy opens its own pickle on demand
